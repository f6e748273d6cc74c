// SPDX-License-Identifier: GPL-2.0
// The configured drives with only the NVMe-MI Basic Management Command
// ([[basic_drive]]): no MCTP endpoint, polled every poll interval by their
// own threads with an SMBus read at their management address, and
// published like the MCTP drives (Publisher), with org.mctpstack.NVMe.Drive
// Transport "BasicManagement" and their bus and address instead of an EID.
//
// An answer that does not decode (short, a wrong length or PEC, a reserved
// temperature code) is logged with the bus and address and never published:
// it counts as a missed poll. A drive that stops answering is non-functional
// at once and absent after `absent_after` missed polls; it comes back when
// it answers again. Temperature thresholds come from the configuration
// (the command has none). The drive's own status flags (not functional, not
// ready) and SMART warnings make it non-functional while it answers.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "daemon/periodic.hpp"
#include "basic_worker.hpp"
#include "config.hpp"
#include "drive.hpp"
#include "endpoints/mailbox.hpp"
#include "publisher.hpp"

namespace mctpxx::nvmed {

using endpoints::Mailbox;

class BasicDrives {
public:
	BasicDrives(sd_event *ev, const Config &cfg, Mailbox &mb, Publisher &pub)
		: ev_(ev), cfg_(cfg), mb_(mb), pub_(pub)
	{
	}
	~BasicDrives();
	Status start();

private:
	struct Entry {
		const BasicDriveRule *rule;
		std::unique_ptr<Drive> drive;
		std::unique_ptr<basic::Worker> worker;
	};
	void polled(const std::string &name, basic::Poll p);

	sd_event *ev_;
	const Config &cfg_;
	Mailbox &mb_;
	Publisher &pub_;
	daemon::Periodic timer_;
	std::map<std::string, Entry> drives_; // by name
};

} // namespace mctpxx::nvmed

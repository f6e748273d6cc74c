// SPDX-License-Identifier: GPL-2.0
// One drive's firmware updates: Start checks a request (firmware_plan.hpp)
// and hands the update to the drive's worker thread, which downloads the
// image in chunks, commits it and, when it was activated, reads Identify
// again; each step comes back through the mailbox to the event loop, which
// keeps the status the FirmwareUpdate interface shows (firmware_object.cpp)
// and announces its changes. The drive's polls wait meanwhile; other
// drives go on. Everything here but the job runs on the event loop.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "dbus.hpp"
#include "firmware_plan.hpp"
#include "mctpxx/fd.hpp"

namespace mctpxx::nvmed {

struct Drive;

inline constexpr const char *kFirmwareInterface = "org.mctpstack.NVMe.FirmwareUpdate";

// What the interface shows of the drive's last update.
struct FirmwareStatus {
	fw::State state = fw::State::Idle;
	unsigned progress = 0;	// percent, monotone during an update
	std::string reason;	// why it failed (or a note on success)
	std::string image_revision; // the image's, when it announces one
};

class FirmwareUpdate {
public:
	FirmwareUpdate();
	// A running update is told to stop; what it reports later is dropped.
	~FirmwareUpdate();
	FirmwareUpdate(const FirmwareUpdate &) = delete;
	FirmwareUpdate &operator=(const FirmwareUpdate &) = delete;

	const FirmwareStatus &status() const;

	// Starts updating @d from @image (an fd the caller passed, already
	// checked by fw::refuse) on @bus; a refusal when the drive's worker
	// has work of this kind already.
	std::optional<fw::Refusal> start(Drive &d, sd_bus *bus, Fd image, std::size_t size,
					 unsigned slot, fw::Action action);
	// Asks a running update to stop after the chunk in flight; false when
	// none runs or the commit was sent already.
	bool cancel();

	struct Shared; // the state the worker's reports reach (firmware_update.cpp)

private:
	std::shared_ptr<Shared> shared_;
};

} // namespace mctpxx::nvmed

// SPDX-License-Identifier: GPL-2.0
// The state and fault behaviour of one emulated MCTP endpoint; the
// protocol itself is the daemon's responder.
#pragma once

#include <chrono>
#include <map>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "mctpxx/control.hpp"
#include "mctpxx/error.hpp"
#include "mctpxx/responder.hpp"
#include "mctpxx/socket.hpp"
#include "ncsi_controller.hpp"
#include "nvme_mi_responder.hpp"
#include "pldm_card.hpp"

namespace mctpxx::emu {

struct Options {
	std::string link;			 // empty: the only MCTP link
	bool all_links = false;			 // every MCTP link, as they come and go
	std::optional<std::uint8_t> static_eid;	 // none: wait for an assignment
	control::Identity identity;
	bool reject_set_eid = false;		 // keep the current EID
	bool silent = false;			 // answer nothing
	std::set<control::Command> malformed;	 // truncate these responses
	bool malformed_all = false;
	std::chrono::milliseconds delay{0};
	bool verbose = false;
	// SMBus address of the bus owner to send Discovery Notify to when the
	// endpoint starts and each time it gets power back
	std::optional<std::uint8_t> notify_owner;
	// an NVMe drive's management endpoint too (--nvme-mi): message type 4
	std::optional<nvme::DriveConfig> nvme;
	nvmemi::Faults nvme_faults;
	// the debugfs directory of an smbus-sim nvme-basic device the drive
	// keeps in sync (--nvme-basic): it answers the Basic Management Command
	std::string nvme_basic_dir;
	// a PLDM add-in card too (--pldm-card): message type 1, PLDM types 0, 2, 4
	std::optional<pldm::CardConfig> pldm;
	// the control FIFO of every card of the process (--pldm-control)
	std::string pldm_control;
	// an NC-SI network controller too (--ncsi): message type 2
	std::optional<ncsi::Config> ncsi;
	// the control FIFO of every controller of the process (--ncsi-control)
	std::string ncsi_control;
	// the control FIFO of every drive of the process (--nvme-control)
	std::string nvme_control;
};

// Parses the command line into @o (argv[0] is the program name).
Status parse_args(int argc, char **argv, Options &o);
void usage(std::FILE *out);

// The options of the endpoint on one link of several (--all-links): the
// base options with the UUID's last bytes replaced by the link's hardware
// address (its SMBus address), so that an endpoint keeps its identity when
// its link goes away and comes back, under the same name or another; a
// PLDM card's serial number, unless given, is "SN" and that address in hex.
Options options_for_link(const Options &base, std::span<const std::uint8_t> hwaddr);

class Emulator {
public:
	explicit Emulator(Options o);

	const Options &options() const { return opts_; }
	std::uint8_t eid() const { return eid_; }
	void set_eid(std::uint8_t eid) { eid_ = eid; }
	bool silent() const { return silent_; }
	// SIGUSR2 (the EID is Links' business): the PLDM card loses its TID
	// and event receiver at power off; the NC-SI controller's channels
	// start again in the Initial State at power on.
	void power(bool on);
	void toggle_silent() { silent_ = !silent_; }

	// The response to one request (with its faults), or nullopt.
	std::optional<control::Reply> handle(std::span<const std::uint8_t> request) const;

	// The responses to one NVMe-MI request (none without --nvme-mi, or
	// when it is dropped); @note says what it was.
	std::vector<nvmemi::Reply> handle_nvme(std::span<const std::uint8_t> request,
					       std::string *note);
	bool nvme_mi() const { return nvme_ != nullptr; }
	// The emulated drive (nullptr without --nvme-mi).
	const nvme::Drive *nvme_drive() const { return nvme_ ? &nvme_->drive() : nullptr; }
	// Its management endpoint, for control lines (nullptr without --nvme-mi).
	nvmemi::Responder *nvme_responder() { return nvme_.get(); }

	// The response to one PLDM request from @from (none without
	// --pldm-card, when silent, or when it is dropped); @note says what it
	// was. SetEventReceiver from the receiver itself keeps its physical
	// address for the events.
	std::optional<pldm::Bytes> handle_pldm(std::span<const std::uint8_t> request, const Address &from,
					       std::string *note);
	// The card (nullptr without --pldm-card).
	pldm::Card *pldm_card() { return card_.get(); }
	// Where the card's events go: the receiver's physical address when known.
	const std::optional<ExtAddress> &pldm_receiver_addr() const { return *receiver_addr_; }

	// The response to one NC-SI request from @from (none without --ncsi,
	// when silent, or when the controller answers nothing); @note says
	// what it was. The physical address each EID sent from is kept for
	// the AENs that go to it.
	std::optional<ncsi::Bytes> handle_ncsi(std::span<const std::uint8_t> request, const Address &from,
					       std::string *note);
	// The controller (nullptr without --ncsi).
	ncsi::Controller *ncsi_controller() { return ncsi_.get(); }
	// Where an AEN for @eid goes: the physical address it last sent from.
	std::optional<ExtAddress> ncsi_peer_addr(std::uint8_t eid) const;

private:
	Options opts_;
	std::shared_ptr<pldm::Card> card_;
	std::shared_ptr<std::optional<ExtAddress>> receiver_addr_ =
		std::make_shared<std::optional<ExtAddress>>();
	// shared by the copies of one endpoint (the drive has state)
	std::shared_ptr<nvmemi::Responder> nvme_;
	std::shared_ptr<ncsi::Controller> ncsi_;
	std::shared_ptr<std::map<std::uint8_t, ExtAddress>> ncsi_peers_ =
		std::make_shared<std::map<std::uint8_t, ExtAddress>>();
	std::uint8_t eid_ = 0;
	bool silent_ = false;
};

} // namespace mctpxx::emu

// SPDX-License-Identifier: GPL-2.0
// What a controller's worker does, as functions of its Session that return
// plain results for the event loop: discovery (packages, channels, their
// set-up), a poll (every channel's link) and setting channels up again.
// A channel's set-up is DSP0222's sequence: Clear Initial State, Get
// Version ID, its MAC, AEN Enable, Enable Channel, Get Link Status.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "session.hpp"

namespace mctpxx::ncsid {

// A channel as its set-up (or a poll) found it.
struct ChannelFound {
	std::uint8_t id = 0;
	bool initialised = false;
	bool enabled = false;
	std::uint32_t aens = 0;
	std::optional<ncsi::VersionId> version;
	std::optional<std::string> mac;
	std::optional<ncsi::LinkStatus> link;
	std::vector<std::string> problems; // commands that failed, named
	bool lost = false; // the package stopped answering during it
};

struct PackageFound {
	std::uint8_t id = 0;
	Status answered;	// ETIMEDOUT: it stopped answering (or is not there)
	std::optional<std::string> uuid;
	std::vector<ChannelFound> channels;
	std::vector<std::string> problems;
};

struct Discovery {
	std::vector<PackageFound> packages; // those that answered, or were known and did not
	bool cancelled = false;
};

struct PackagePoll {
	Status answered;
	std::string malformed; // an answer that did not decode (after retries)
	std::map<std::uint8_t, Result<ncsi::LinkStatus>> links;
	std::vector<ChannelFound> set_up; // channels found in their initial state, set up again
};
struct Poll {
	std::map<std::uint8_t, PackagePoll> packages;
};

// The AEN types the daemon asks for.
inline constexpr std::uint32_t kWantedAens = ncsi::aen_control::LinkStatusChange |
					     ncsi::aen_control::ConfigurationRequired |
					     ncsi::aen_control::HostNcDriverStatusChange;

// Package IDs 0 .. @packages-1 (and those in @known, which are reported
// even when silent), each answering one with its channels set up.
Discovery discover(Session &s, unsigned packages, const std::vector<std::uint8_t> &known, bool aens);
// Get Link Status of each (package, channels); a channel in its initial
// state is set up again on the spot.
Poll poll(Session &s, const std::map<std::uint8_t, std::vector<std::uint8_t>> &channels, bool aens);
// The set-up sequence on one channel; @aen_support is what Get Capabilities said.
ChannelFound set_up(Session &s, ChannelId ch, bool aens, std::uint32_t aen_support);

// Whether @e says the controller (or package) did not answer at all.
inline bool silent(const Error &e)
{
	return e.code == ETIMEDOUT;
}

} // namespace mctpxx::ncsid

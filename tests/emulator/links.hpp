// SPDX-License-Identifier: GPL-2.0
// The links an emulator serves, with the endpoint on each: one link named
// or found at start, or (--all-links) every MCTP link of the network
// namespace, added and dropped as links come and go.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "emulator.hpp"
#include "mctpxx/netlink.hpp"

namespace mctpxx::emu {

struct Served {
	nl::Link link;
	Emulator emu;
};

class Links {
public:
	using Say = std::function<void(const std::string &)>;

	Links(nl::Netlink &nl, Options base, Say say)
		: nl_(nl), base_(std::move(base)), say_(std::move(say)) {}

	// Serves @l: brings it up and gives it the static EID, if any.
	Status add(const nl::Link &l);
	// Stops serving the link with @ifindex (it went away).
	void remove(int ifindex);
	// Serves exactly the MCTP links in @now (except lo): adds new ones,
	// drops those gone.
	void sync(const std::vector<nl::Link> &now);
	// A link notification (--all-links).
	void event(const nl::Event &ev);

	Served *find(int ifindex);
	// Every endpoint served (the PLDM cards' FIFO and events).
	std::map<int, Served> &all() { return served_; }
	// SIGUSR1: every endpoint, and those still to come, fall silent or
	// answer again. Returns whether they are silent now.
	bool toggle_silent();
	// SIGUSR2: the endpoints lose power (they answer nothing and forget
	// the EIDs they were given) or get it back (a static EID returns with
	// it). Returns whether they are powered now.
	bool toggle_power();
	bool powered() const { return powered_; }

	// Takes @eid on the link of @s, in place of the EID it had.
	Status set_eid(Served &s, std::uint8_t eid);

private:
	nl::Netlink &nl_;
	Options base_;
	Say say_;
	std::map<int, Served> served_;
	bool powered_ = true;
};

} // namespace mctpxx::emu

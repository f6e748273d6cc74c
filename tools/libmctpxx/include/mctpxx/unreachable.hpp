// SPDX-License-Identifier: GPL-2.0
// What stops a message from going out. The kernel says only "No route to
// host" (EHOSTUNREACH) whether the route, the next hop's neighbour entry
// or a local EID is missing; its routing state tells which.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"
#include "mctpxx/netlink.hpp"
#include "mctpxx/socket.hpp"

namespace mctpxx {

// MCTP_NET_ANY resolves to this network: Linux's (and this stack's)
// initial default network, which no interface changes.
inline constexpr unsigned kDefaultNet = 1;

// The part of the kernel's state a message's path depends on.
struct RoutingState {
	std::vector<nl::Link> links;
	std::vector<nl::AddrEntry> addresses;
	std::vector<nl::RouteEntry> routes;
	std::vector<nl::NeighEntry> neighbours;

	static Result<RoutingState> read(nl::Netlink &nl);
};

// Why a message to @eid in network @net (kNetAny: the default network)
// cannot be sent, in a sentence naming what is missing and how to add it:
// no route (to it, or to the gateway its route goes through); the route's
// device has no EID to send from; no neighbour entry for the next hop on a
// device with link-layer addresses. nullopt when none of these is missing.
std::optional<std::string> unreachable_reason(const RoutingState &state, unsigned net,
					      std::uint8_t eid);

// @e, with the reason instead of the bare "No route to host" when it is
// EHOSTUNREACH from sending to @eid in @net (the state is read over
// rtnetlink then); otherwise @e unchanged.
Error explain_unreachable(Error e, unsigned net, std::uint8_t eid);

} // namespace mctpxx

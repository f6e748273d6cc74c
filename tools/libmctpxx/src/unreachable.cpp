// SPDX-License-Identifier: GPL-2.0
#include "mctpxx/unreachable.hpp"

#include <algorithm>

namespace mctpxx {
namespace {

// Gateways may lead to gateways; the kernel follows a few (and reports a
// loop as ELOOP, not EHOSTUNREACH).
constexpr int kMaxHops = 8;

std::string where(unsigned net, std::uint8_t eid)
{
	return "EID " + std::to_string(eid) + " in net " + std::to_string(net);
}

const nl::Link *link_of(const RoutingState &s, int ifindex)
{
	auto it = std::ranges::find(s.links, ifindex, &nl::Link::ifindex);
	return it == s.links.end() ? nullptr : &*it;
}

// The network a route belongs to: a gateway route's is its gateway's, a
// direct route's its device's.
std::optional<unsigned> route_net(const RoutingState &s, const nl::RouteEntry &r)
{
	if (r.gateway)
		return r.gateway->net;
	const nl::Link *l = link_of(s, r.ifindex);
	return l ? l->net : std::nullopt;
}

const nl::RouteEntry *route_to(const RoutingState &s, unsigned net, std::uint8_t eid)
{
	for (const auto &r : s.routes)
		if (route_net(s, r) == net && eid >= r.eid && eid <= r.eid + r.extent)
			return &r;
	return nullptr;
}

// What is missing on the direct route @r to next hop @eid.
std::optional<std::string> direct_reason(const RoutingState &s, const nl::RouteEntry &r,
					 std::uint8_t eid)
{
	const nl::Link *l = link_of(s, r.ifindex);
	if (!l || r.type != 1) // RTN_UNICAST
		return std::nullopt;
	const std::string dev = l->name;
	if (std::ranges::find(s.addresses, r.ifindex, &nl::AddrEntry::ifindex) == s.addresses.end())
		return "route via " + dev + " but " + dev + " has no EID of its own to send from: " +
		       "add one with `mctp-ctl address add EID dev " + dev + "`";
	if (l->hwaddr.empty())
		return std::nullopt; // no link-layer addresses: no neighbours needed
	const bool neigh = std::ranges::any_of(s.neighbours, [&](const nl::NeighEntry &n) {
		return n.ifindex == r.ifindex && n.eid == eid;
	});
	if (neigh)
		return std::nullopt;
	const std::string e = std::to_string(eid);
	return "route via " + dev + " but no neighbour entry for EID " + e + " on " + dev +
	       ": add one with `mctp-ctl neigh add " + e + " dev " + dev + " lladdr ADDR`";
}

} // namespace

Result<RoutingState> RoutingState::read(nl::Netlink &nl)
{
	RoutingState s;
	auto links = nl.links();
	if (!links)
		return fail(links.error());
	auto addrs = nl.addresses();
	if (!addrs)
		return fail(addrs.error());
	auto routes = nl.routes();
	if (!routes)
		return fail(routes.error());
	auto neighs = nl.neighbours();
	if (!neighs)
		return fail(neighs.error());
	s.links = std::move(*links);
	s.addresses = std::move(*addrs);
	s.routes = std::move(*routes);
	s.neighbours = std::move(*neighs);
	return s;
}

std::optional<std::string> unreachable_reason(const RoutingState &state, unsigned net,
					      std::uint8_t eid)
{
	if (net == kNetAny)
		net = kDefaultNet;
	std::string via; // the gateways on the way, for the sentence
	for (int hop = 0; hop < kMaxHops; hop++) {
		const nl::RouteEntry *r = route_to(state, net, eid);
		if (!r)
			return via + "no route to " + where(net, eid) + ": add one with " +
			       "`mctp-ctl route add " + std::to_string(eid) + " via DEV`";
		if (!r->gateway) {
			auto why = direct_reason(state, *r, eid);
			return why ? std::optional(via + *why) : std::nullopt;
		}
		via += where(net, eid) + " is reached through gateway " +
		       where(r->gateway->net, r->gateway->eid) + "; ";
		net = r->gateway->net;
		eid = r->gateway->eid;
	}
	return std::nullopt;
}

Error explain_unreachable(Error e, unsigned net, std::uint8_t eid)
{
	if (e.code != EHOSTUNREACH)
		return e;
	auto nl = nl::Netlink::open();
	if (!nl)
		return e;
	auto state = RoutingState::read(*nl);
	if (!state)
		return e;
	auto why = unreachable_reason(*state, net, eid);
	if (!why)
		return e;
	return Error{e.code, "cannot send to " + where(net == kNetAny ? kDefaultNet : net, eid) +
				     ": " + *why};
}

} // namespace mctpxx

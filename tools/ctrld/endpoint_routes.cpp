// SPDX-License-Identifier: GPL-2.0
#include "endpoint_routes.hpp"

#include <cerrno>
#include <string>

#include "log.hpp"

namespace mctpxx::ctrld {

namespace {

constexpr unsigned char kRtnUnicast = 1;

std::string eid_str(unsigned eid)
{
	return "EID " + std::to_string(eid);
}

} // namespace

Result<NetlinkView> take_netlink(nl::Netlink &nl)
{
	NetlinkView v;
	auto l = nl.links();
	if (!l)
		return fail(l.error());
	auto a = nl.addresses();
	if (!a)
		return fail(a.error());
	auto r = nl.routes();
	if (!r)
		return fail(r.error());
	auto n = nl.neighbours();
	if (!n)
		return fail(n.error());
	v.links = std::move(*l);
	v.addrs = std::move(*a);
	v.routes = std::move(*r);
	v.neighs = std::move(*n);
	return v;
}

Status install_endpoint(nl::Netlink &nl, const PhysKey &p, unsigned net, std::uint8_t eid)
{
	auto neighs = nl.neighbours();
	if (!neighs)
		return fail(neighs.error());
	bool have_neigh = false;
	for (const auto &n : *neighs) {
		if (n.ifindex != p.ifindex || n.eid != eid)
			continue;
		if (n.lladdr == p.addr)
			have_neigh = true;
		else
			(void)nl.del_neigh(n);
	}
	if (!have_neigh)
		if (auto s = nl.add_neigh(nl::NeighEntry{p.ifindex, eid, p.addr});
		    !s && s.error().code != EEXIST)
			return s;
	auto routes = nl.routes();
	if (!routes)
		return fail(routes.error());
	for (const auto &r : *routes)
		if (r.type == kRtnUnicast && r.eid == eid && r.extent == 0 && r.ifindex == p.ifindex &&
		    !r.gateway)
			return {};
	nl::RouteEntry r;
	r.net = net;
	r.eid = eid;
	r.ifindex = p.ifindex;
	if (auto s = nl.add_route(r); !s && s.error().code != EEXIST)
		return s;
	return {};
}

void uninstall_endpoint(nl::Netlink &nl, const Endpoint &ep)
{
	nl::RouteEntry r;
	r.net = ep.key.net;
	r.eid = ep.key.eid;
	r.ifindex = ep.phys.ifindex;
	if (auto s = nl.del_route(r); !s)
		log_debug("removing the route to " + eid_str(ep.key.eid) + ": " + s.error().message,
			  LogFields{ep.key.eid, ep.key.net, ep.link, ep.phys.addr});
	if (auto s = nl.del_neigh(nl::NeighEntry{ep.phys.ifindex, ep.key.eid, ep.phys.addr}); !s)
		log_debug("removing the neighbour " + eid_str(ep.key.eid) + ": " + s.error().message,
			  LogFields{ep.key.eid, ep.key.net, ep.link, ep.phys.addr});
}

} // namespace mctpxx::ctrld

// SPDX-License-Identifier: GPL-2.0
#include "plan.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "view.hpp"

namespace mctpxx::ctl {
namespace {

constexpr unsigned char kRtnLocal = 2;

struct Devices {
	std::map<std::string, const nl::Link *> by_name;
	std::map<int, const nl::Link *> by_index;

	explicit Devices(const SystemState &s)
	{
		for (const auto &l : s.links) {
			by_name[l.name] = &l;
			by_index[l.ifindex] = &l;
		}
	}

	// The MCTP device @name; nullptr (and a pending entry) if it does not
	// exist (yet); an error if it is not an MCTP device.
	Result<const nl::Link *> mctp(const std::string &name, const Origin &o,
				      std::vector<Pending> &pending) const
	{
		auto it = by_name.find(name);
		if (it == by_name.end()) {
			pending.push_back(Pending{o, "device \"" + name + "\" does not exist"});
			return nullptr;
		}
		if (!it->second->has_mctp())
			return fail(Error{ENODEV, o.str() + ": device \"" + name +
							  "\" is not an MCTP device"});
		return it->second;
	}

	std::string name(int ifindex) const
	{
		auto it = by_index.find(ifindex);
		return it == by_index.end() ? "if" + std::to_string(ifindex) : it->second->name;
	}
};

std::string range_text(std::uint8_t eid, std::uint8_t extent)
{
	std::string s = std::to_string(eid);
	if (extent)
		s += "-" + std::to_string(eid + extent);
	return s;
}

std::string route_text(const nl::RouteEntry &r, const Devices &d)
{
	std::string s = "route " + range_text(r.eid, r.extent);
	if (r.gateway)
		s += " gw " + std::to_string(r.gateway->eid) + " net " + std::to_string(r.gateway->net);
	else
		s += " via " + d.name(r.ifindex);
	if (r.mtu)
		s += " mtu " + std::to_string(r.mtu);
	return s;
}

// Routes compare by destination and target; a different MTU is a change.
bool same_route(const nl::RouteEntry &a, const nl::RouteEntry &b)
{
	return a.eid == b.eid && a.extent == b.extent && a.mtu == b.mtu &&
	       (a.gateway ? b.gateway && *a.gateway == *b.gateway
			  : !b.gateway && a.ifindex == b.ifindex);
}

void plan_links(const Config &c, const Devices &d, std::vector<Step> &out)
{
	for (const auto &[name, lc] : c.links) {
		if (!d.by_name.count(name))
			continue;
		const nl::Link *l = d.by_name.at(name);
		nl::LinkChange ch;
		std::string text;
		if (lc.net && l->net != lc.net) {
			ch.net = lc.net;
			text += " net " + std::to_string(*lc.net);
		}
		if (lc.mtu && l->mtu != *lc.mtu) {
			ch.mtu = lc.mtu;
			text += " mtu " + std::to_string(*lc.mtu);
		}
		if (lc.up && l->up != *lc.up) {
			ch.up = lc.up;
			text += *lc.up ? " up" : " down";
		}
		if (!text.empty())
			out.push_back(Step{"set link " + name + text, SetLink{l->ifindex, ch}});
	}
}

} // namespace

Plan plan_smbus(const Config &c, const SystemState &s)
{
	Plan out;
	for (const auto &b : c.smbus) {
		if (!s.i2c_buses.count(b.bus)) {
			out.pending.push_back(
				Pending{b.origin, "i2c bus " + std::to_string(b.bus) + " does not exist"});
			continue;
		}
		if (s.smbus_clients.count({b.bus, b.address}))
			continue;
		if (!s.smbus_driver) {
			out.pending.push_back(Pending{b.origin, std::string("the SMBus binding driver (") +
									kSmbusClientName + ") is not loaded"});
			continue;
		}
		char addr[8];
		std::snprintf(addr, sizeof(addr), "0x%02x", b.address);
		out.steps.push_back(Step{"create smbus binding on i2c-" + std::to_string(b.bus) +
						 " address " + addr,
					 CreateSmbus{b.bus, b.address, b.origin}});
	}
	return out;
}

Result<Plan> plan_netlink(const Config &c, const SystemState &s)
{
	Devices d(s);
	Plan plan;
	// Resolve every device first, so one that is not MCTP fails before any
	// change; entries on missing devices wait.
	for (const auto &[name, lc] : c.links)
		if (auto l = d.mctp(name, lc.origin, plan.pending); !l)
			return fail(l.error());
	std::vector<nl::RouteEntry> want_routes;
	for (const auto &rc : c.routes) {
		nl::RouteEntry r;
		r.eid = rc.eid;
		r.extent = rc.extent;
		r.mtu = rc.mtu;
		r.gateway = rc.gateway;
		if (rc.dev) {
			auto l = d.mctp(*rc.dev, rc.origin, plan.pending);
			if (!l)
				return fail(l.error());
			if (!*l)
				continue;
			r.ifindex = (*l)->ifindex;
		}
		want_routes.push_back(r);
	}
	std::vector<nl::NeighEntry> want_neighs;
	for (const auto &nc : c.neighs) {
		auto l = d.mctp(nc.dev, nc.origin, plan.pending);
		if (!l)
			return fail(l.error());
		if (*l)
			want_neighs.push_back(nl::NeighEntry{(*l)->ifindex, nc.eid, nc.lladdr});
	}

	std::set<int> owned;
	for (const auto &[name, lc] : c.links)
		if (d.by_name.count(name))
			owned.insert(d.by_name.at(name)->ifindex);

	std::vector<Step> &out = plan.steps;
	plan_links(c, d, out);

	// Removals first, so that re-adding with other attributes works.
	for (const auto &n : s.neighs) {
		bool wanted = std::any_of(want_neighs.begin(), want_neighs.end(),
					  [&](const nl::NeighEntry &w) { return w == n; });
		bool replaced = std::any_of(want_neighs.begin(), want_neighs.end(), [&](const nl::NeighEntry &w) {
			return w.ifindex == n.ifindex && w.eid == n.eid && !(w == n);
		});
		if (!wanted && (owned.count(n.ifindex) || replaced))
			out.push_back(Step{"del neigh " + std::to_string(n.eid) + " dev " + d.name(n.ifindex),
					   DelNeigh{n}});
	}
	for (const auto &r : s.routes) {
		if (r.type == kRtnLocal)
			continue;
		bool wanted = std::any_of(want_routes.begin(), want_routes.end(),
					  [&](const nl::RouteEntry &w) { return same_route(w, r); });
		bool replaced = std::any_of(want_routes.begin(), want_routes.end(), [&](const nl::RouteEntry &w) {
			return w.eid == r.eid && w.extent == r.extent && !same_route(w, r) &&
			       (w.gateway ? r.gateway && *w.gateway == *r.gateway : w.ifindex == r.ifindex);
		});
		if (!wanted && ((!r.gateway && owned.count(r.ifindex)) || replaced))
			out.push_back(Step{"del " + route_text(r, d), DelRoute{r}});
	}
	for (const auto &a : s.addrs) {
		if (!owned.count(a.ifindex))
			continue;
		const auto &want = c.links.at(d.name(a.ifindex)).addresses;
		if (want && std::find(want->begin(), want->end(), a.eid) == want->end())
			out.push_back(Step{"del address " + std::to_string(a.eid) + " dev " + d.name(a.ifindex),
					   DelAddr{a}});
	}

	for (const auto &[name, lc] : c.links) {
		if (!lc.addresses || !d.by_name.count(name))
			continue;
		const int ifindex = d.by_name.at(name)->ifindex;
		for (auto eid : *lc.addresses) {
			nl::AddrEntry a{ifindex, eid};
			if (std::find(s.addrs.begin(), s.addrs.end(), a) == s.addrs.end())
				out.push_back(Step{"add address " + std::to_string(eid) + " dev " + name,
						   AddAddr{a}});
		}
	}
	for (const auto &w : want_routes) {
		bool present = std::any_of(s.routes.begin(), s.routes.end(),
					   [&](const nl::RouteEntry &r) { return same_route(w, r); });
		if (!present)
			out.push_back(Step{"add " + route_text(w, d), AddRoute{w}});
	}
	for (const auto &w : want_neighs) {
		if (std::find(s.neighs.begin(), s.neighs.end(), w) == s.neighs.end())
			out.push_back(Step{"add neigh " + std::to_string(w.eid) + " dev " + d.name(w.ifindex) +
						   " lladdr " + hex_bytes(w.lladdr),
					   AddNeigh{w}});
	}
	return plan;
}

} // namespace mctpxx::ctl

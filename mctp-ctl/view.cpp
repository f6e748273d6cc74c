// SPDX-License-Identifier: GPL-2.0
#include "view.hpp"

#include <cstdio>

namespace mctpxx::ctl {

using nlohmann::json;

std::string LinkIndex::name(int ifindex) const
{
	auto it = by_ifindex.find(ifindex);
	return it == by_ifindex.end() ? "if" + std::to_string(ifindex) : it->second.name;
}

unsigned LinkIndex::net(int ifindex) const
{
	auto it = by_ifindex.find(ifindex);
	return it == by_ifindex.end() ? 0 : it->second.net.value_or(0);
}

std::string binding_name(std::uint8_t b)
{
	switch (b) {
	case 0x00: return "unspec";
	case 0x01: return "smbus";
	case 0x02: return "pcie-vdm";
	case 0x03: return "usb";
	case 0x04: return "kcs";
	case 0x05: return "serial";
	case 0x06: return "i3c";
	case 0xff: return "vendor";
	}
	char buf[8];
	std::snprintf(buf, sizeof(buf), "0x%02x", b);
	return buf;
}

std::string hex_bytes(const std::vector<std::uint8_t> &b)
{
	std::string s;
	char buf[4];
	for (std::size_t i = 0; i < b.size(); i++) {
		std::snprintf(buf, sizeof(buf), i ? ":%02x" : "%02x", b[i]);
		s += buf;
	}
	return s;
}

static std::string route_type(unsigned char t)
{
	return t == 2 ? "local" : t == 1 ? "unicast" : "type" + std::to_string(t);
}

static unsigned route_net(const nl::RouteEntry &r, const LinkIndex &links)
{
	return r.gateway ? r.gateway->net : links.net(r.ifindex);
}

json to_json(const nl::Link &l)
{
	json j{{"ifindex", l.ifindex}, {"name", l.name},	 {"up", l.up},
	       {"running", l.running}, {"mtu", l.mtu},		 {"min_mtu", l.min_mtu},
	       {"max_mtu", l.max_mtu}, {"lladdr", hex_bytes(l.hwaddr)}, {"mctp", l.has_mctp()}};
	if (l.net)
		j["net"] = *l.net;
	if (l.phys_binding)
		j["phys_binding"] = binding_name(*l.phys_binding);
	return j;
}

json to_json(const nl::AddrEntry &a, const LinkIndex &links)
{
	return json{{"eid", a.eid}, {"dev", links.name(a.ifindex)}, {"ifindex", a.ifindex},
		    {"net", links.net(a.ifindex)}};
}

json to_json(const nl::RouteEntry &r, const LinkIndex &links)
{
	json j{{"eid", r.eid},
	       {"eid_last", r.eid + r.extent},
	       {"net", route_net(r, links)},
	       {"type", route_type(r.type)},
	       {"mtu", r.mtu}};
	if (r.gateway)
		j["gateway"] = json{{"net", r.gateway->net}, {"eid", r.gateway->eid}};
	else
		j["dev"] = links.name(r.ifindex);
	return j;
}

json to_json(const nl::NeighEntry &n, const LinkIndex &links)
{
	return json{{"eid", n.eid},
		    {"dev", links.name(n.ifindex)},
		    {"net", links.net(n.ifindex)},
		    {"lladdr", hex_bytes(n.lladdr)},
		    {"learnt", n.learnt}};
}

std::string to_text(const nl::Link &l, bool details)
{
	std::string s = std::to_string(l.ifindex) + ": " + l.name + ": <";
	s += l.up ? "UP" : "DOWN";
	if (l.running)
		s += ",RUNNING";
	s += "> mtu " + std::to_string(l.mtu);
	if (l.net)
		s += " net " + std::to_string(*l.net);
	if (l.phys_binding)
		s += " binding " + binding_name(*l.phys_binding);
	if (!l.hwaddr.empty())
		s += " lladdr " + hex_bytes(l.hwaddr);
	if (details)
		s += " min_mtu " + std::to_string(l.min_mtu) + " max_mtu " +
		     std::to_string(l.max_mtu) + " type " + std::to_string(l.type);
	return s;
}

std::string to_text(const nl::AddrEntry &a, const LinkIndex &links)
{
	return "eid " + std::to_string(a.eid) + " net " + std::to_string(links.net(a.ifindex)) +
	       " dev " + links.name(a.ifindex);
}

std::string to_text(const nl::RouteEntry &r, const LinkIndex &links)
{
	std::string s = "eid " + std::to_string(r.eid);
	if (r.extent)
		s += "-" + std::to_string(r.eid + r.extent);
	s += " net " + std::to_string(route_net(r, links));
	if (r.type == 2)
		s += " local dev " + links.name(r.ifindex);
	else if (r.gateway)
		s += " gw " + std::to_string(r.gateway->eid) + " net " +
		     std::to_string(r.gateway->net);
	else
		s += " via " + links.name(r.ifindex);
	if (r.mtu)
		s += " mtu " + std::to_string(r.mtu);
	return s;
}

std::string to_text(const nl::NeighEntry &n, const LinkIndex &links)
{
	return "eid " + std::to_string(n.eid) + " net " + std::to_string(links.net(n.ifindex)) +
	       " dev " + links.name(n.ifindex) + " lladdr " + hex_bytes(n.lladdr) +
	       (n.learnt ? " learnt" : "");
}

} // namespace mctpxx::ctl

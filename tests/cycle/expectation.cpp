// SPDX-License-Identifier: GPL-2.0
#include "expectation.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>

#include "mctpxx/args.hpp"

namespace mctpxx::cycle {
namespace {

std::string hex(const std::vector<std::uint8_t> &b)
{
	std::string s;
	char buf[4];
	for (auto x : b) {
		std::snprintf(buf, sizeof(buf), "%02x", x);
		s += (s.empty() ? "" : ":") + std::string(buf);
	}
	return s.empty() ? "-" : s;
}

std::string eid_str(unsigned eid)
{
	return "EID " + std::to_string(eid);
}

// One expected endpoint against the view: its object, route and neighbour.
void check_one(const SystemView &v, const Expected &e, const Conditions &c,
	       std::vector<std::string> &out)
{
	std::vector<const EndpointObject *> objs;
	for (const auto &o : v.objects)
		if (o.uuid == e.uuid)
			objs.push_back(&o);
	const std::string who = e.uuid + " (" + eid_str(e.eid) + ")";
	if (objs.empty()) {
		out.push_back(who + ": no D-Bus object");
		return;
	}
	if (objs.size() > 1) {
		out.push_back(who + ": " + std::to_string(objs.size()) + " D-Bus objects");
		return;
	}
	const EndpointObject &o = *objs.front();
	const std::string path =
		std::string(kRoot) + "/" + std::to_string(c.net) + "/" + std::to_string(e.eid);
	if (o.eid != e.eid || o.net != c.net || o.path != path)
		out.push_back(who + ": now " + o.path + " with " + eid_str(o.eid) + " on net " +
			      std::to_string(o.net));
	if (o.phys != std::vector<std::uint8_t>{e.addr})
		out.push_back(who + ": physical address " + hex(o.phys) + ", expected " +
			      hex({e.addr}));
	if (o.host_powered != e.host_powered)
		out.push_back(who + ": HostPowered " + (o.host_powered ? "true" : "false"));
	const bool off = e.host_powered && !c.host_on;
	const std::string state = off ? "Unavailable" : "Available";
	const std::string reason = off ? "host off" : "";
	if (o.state != state || o.reason != reason)
		out.push_back(who + ": " + o.state + (o.reason.empty() ? "" : " (" + o.reason + ")") +
			      ", expected " + state + (reason.empty() ? "" : " (" + reason + ")"));

	// its route and neighbour, over the link its object names
	unsigned routes = 0, neighs = 0;
	for (const auto &r : v.routes)
		if (r.eid == o.eid) {
			routes++;
			if (r.link != o.link)
				out.push_back(who + ": route over " + r.link + ", object on " + o.link);
		}
	for (const auto &n : v.neighbours)
		if (n.eid == o.eid) {
			neighs++;
			if (n.link != o.link || n.lladdr != o.phys)
				out.push_back(who + ": neighbour " + n.link + " " + hex(n.lladdr) +
					      ", object " + o.link + " " + hex(o.phys));
		}
	if (routes != 1)
		out.push_back(who + ": " + std::to_string(routes) + " routes");
	if (neighs != 1)
		out.push_back(who + ": " + std::to_string(neighs) + " neighbours");
}

} // namespace

Result<std::vector<Expected>> parse_expected(std::string_view text)
{
	std::vector<Expected> out;
	std::istringstream in{std::string(text)};
	std::string line;
	int no = 0;
	while (std::getline(in, line)) {
		no++;
		std::istringstream f(line);
		std::string uuid, eid, addr, hp;
		if (!(f >> uuid) || uuid[0] == '#')
			continue;
		if (!(f >> eid >> addr >> hp))
			return fail(Error::msg("line " + std::to_string(no) + ": expected UUID EID ADDR HP"));
		auto e = parse_number(eid, 8, 254, "EID");
		auto a = parse_number(addr.rfind("0x", 0) == 0 ? addr : "0x" + addr, 0, 0x7f, "address");
		if (!e || !a || (hp != "0" && hp != "1"))
			return fail(Error::msg("line " + std::to_string(no) + ": bad field in \"" + line +
					       "\""));
		out.push_back(Expected{uuid, static_cast<unsigned>(*e), static_cast<std::uint8_t>(*a),
				       hp == "1"});
	}
	return out;
}

std::string format_line(const EndpointObject &o)
{
	char addr[8] = "-";
	if (o.phys.size() == 1)
		std::snprintf(addr, sizeof(addr), "0x%02x", o.phys[0]);
	return o.uuid + " " + std::to_string(o.eid) + " " + addr + " " + (o.host_powered ? "1" : "0") +
	       " " + o.state + " " + o.link;
}

std::vector<std::string> compare(const SystemView &v, const std::vector<Expected> &want,
				 const Conditions &c)
{
	std::vector<std::string> out;
	std::set<unsigned> eids;
	std::set<std::string> uuids;
	for (const auto &e : want) {
		if (c.without.count(e.uuid))
			continue;
		eids.insert(e.eid);
		uuids.insert(e.uuid);
		check_one(v, e, c, out);
	}
	// anything else is left behind
	for (const auto &o : v.objects)
		if (!uuids.count(o.uuid))
			out.push_back("object " + o.path + " (UUID " + (o.uuid.empty() ? "-" : o.uuid) +
				      ", " + o.link + " " + hex(o.phys) + ") left behind");
	for (const auto &r : v.routes)
		if (!eids.count(r.eid))
			out.push_back("route to " + eid_str(r.eid) + " over " + r.link + " left behind");
	for (const auto &n : v.neighbours)
		if (!eids.count(n.eid))
			out.push_back("neighbour " + eid_str(n.eid) + " " + n.link + " " + hex(n.lladdr) +
				      " left behind");
	// introspection (busctl tree) shows the same objects
	if (v.tree) {
		std::multiset<std::string> managed, tree(v.tree->begin(), v.tree->end());
		for (const auto &o : v.objects)
			managed.insert(o.path);
		for (const auto &p : tree)
			if (!managed.count(p))
				out.push_back("introspection shows " + p + ", the object manager does not");
		for (const auto &p : managed)
			if (!tree.count(p))
				out.push_back("the object manager shows " + p + ", introspection does not");
	}
	return out;
}

} // namespace mctpxx::cycle

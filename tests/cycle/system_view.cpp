// SPDX-License-Identifier: GPL-2.0
#include "system_view.hpp"

#include <cstring>

#include "dbus.hpp"

namespace mctpxx::cycle {
namespace {

constexpr unsigned char kRtnUnicast = 1;

// sd-bus returns negative errnos; this keeps the reading code short.
struct Reader {
	sd_bus_message *m;
	int r = 0;

	bool ok() const { return r >= 0; }
	bool enter(char type, const char *contents)
	{
		if (r >= 0)
			r = sd_bus_message_enter_container(m, type, contents);
		return r > 0;
	}
	void exit()
	{
		if (r >= 0)
			r = sd_bus_message_exit_container(m);
	}
	void skip(const char *types)
	{
		if (r >= 0)
			r = sd_bus_message_skip(m, types);
	}
	template <typename T>
	bool read(const char *type, T *out)
	{
		if (r >= 0)
			r = sd_bus_message_read(m, type, out);
		return r > 0;
	}
};

// A variant property: the ones the check needs, the rest skipped.
void read_property(Reader &rd, const std::string &iface, const char *name, EndpointObject &o)
{
	auto str = [&](std::string &out) {
		const char *s = nullptr;
		if (rd.enter('v', "s") && rd.read("s", &s))
			out = s;
		rd.exit();
	};
	const std::string n = name;
	if (iface == "xyz.openbmc_project.MCTP.Endpoint" && n == "EID") {
		std::uint8_t e = 0;
		if (rd.enter('v', "y") && rd.read("y", &e))
			o.eid = e;
		rd.exit();
	} else if (iface == "xyz.openbmc_project.MCTP.Endpoint" && n == "NetworkId") {
		std::int32_t net = 0;
		if (rd.enter('v', "i") && rd.read("i", &net))
			o.net = static_cast<std::uint32_t>(net);
		rd.exit();
	} else if (iface == "xyz.openbmc_project.Common.UUID" && n == "UUID") {
		str(o.uuid);
	} else if (iface == "org.mctpstack.Endpoint.Connectivity" && n == "State") {
		str(o.state);
	} else if (iface == "org.mctpstack.Endpoint.Connectivity" && n == "Reason") {
		str(o.reason);
	} else if (iface == "org.mctpstack.Endpoint" && n == "Link") {
		str(o.link);
	} else if (iface == "org.mctpstack.Endpoint" && n == "HostPowered") {
		int b = 0;
		if (rd.enter('v', "b") && rd.read("b", &b))
			o.host_powered = b;
		rd.exit();
	} else if (iface == "org.mctpstack.Endpoint" && n == "PhysicalAddress") {
		const void *p = nullptr;
		std::size_t len = 0;
		if (rd.enter('v', "ay") && rd.ok()) {
			rd.r = sd_bus_message_read_array(rd.m, 'y', &p, &len);
			if (rd.r >= 0 && len)
				o.phys.assign(static_cast<const std::uint8_t *>(p),
					      static_cast<const std::uint8_t *>(p) + len);
		}
		rd.exit();
	} else {
		rd.skip("v");
	}
}

} // namespace

Result<std::vector<EndpointObject>> read_objects(sd_bus *bus)
{
	dbus::BusError err;
	sd_bus_message *reply = nullptr;
	int r = sd_bus_call_method(bus, kService, kRoot, "org.freedesktop.DBus.ObjectManager",
				   "GetManagedObjects", err.get(), &reply, "");
	if (r < 0)
		return fail(Error{-r, "GetManagedObjects: " + err.message()});
	dbus::Message owned(reply);
	Reader rd{reply};
	std::vector<EndpointObject> out;
	rd.enter('a', "{oa{sa{sv}}}");
	while (rd.enter('e', "oa{sa{sv}}")) {
		const char *path = nullptr;
		rd.read("o", &path);
		EndpointObject o;
		o.path = path ? path : "";
		bool endpoint = false;
		rd.enter('a', "{sa{sv}}");
		while (rd.enter('e', "sa{sv}")) {
			const char *iface = nullptr;
			rd.read("s", &iface);
			const std::string ifc = iface ? iface : "";
			endpoint = endpoint || ifc == "xyz.openbmc_project.MCTP.Endpoint";
			rd.enter('a', "{sv}");
			while (rd.enter('e', "sv")) {
				const char *name = nullptr;
				if (rd.read("s", &name))
					read_property(rd, ifc, name, o);
				rd.exit();
			}
			rd.exit();
			rd.exit();
		}
		rd.exit();
		rd.exit();
		if (endpoint)
			out.push_back(std::move(o));
	}
	rd.exit();
	if (!rd.ok())
		return fail(dbus::error(rd.r, "reading GetManagedObjects"));
	return out;
}

namespace {

// The values of attribute @attr of the elements <@element ...> in @xml.
std::vector<std::string> attributes(const std::string &xml, const std::string &element,
				    const std::string &attr)
{
	std::vector<std::string> out;
	const std::string open = "<" + element + " ", key = attr + "=\"";
	for (auto pos = xml.find(open); pos != std::string::npos; pos = xml.find(open, pos + 1)) {
		const auto end = xml.find('>', pos);
		const auto k = xml.find(key, pos);
		if (k == std::string::npos || k > end)
			continue;
		const auto v = k + key.size();
		out.push_back(xml.substr(v, xml.find('"', v) - v));
	}
	return out;
}

Status walk(sd_bus *bus, const std::string &path, std::vector<std::string> &out, int depth)
{
	dbus::BusError err;
	sd_bus_message *reply = nullptr;
	int r = sd_bus_call_method(bus, kService, path.c_str(), "org.freedesktop.DBus.Introspectable",
				   "Introspect", err.get(), &reply, "");
	if (r < 0)
		return fail(Error{-r, "Introspect " + path + ": " + err.message()});
	dbus::Message owned(reply);
	const char *xml = nullptr;
	if ((r = sd_bus_message_read(reply, "s", &xml)) < 0)
		return fail(dbus::error(r, "Introspect " + path));
	const std::string doc = xml ? xml : "";
	for (const auto &i : attributes(doc, "interface", "name"))
		if (i == "xyz.openbmc_project.MCTP.Endpoint")
			out.push_back(path);
	if (depth > 8)
		return {};
	for (const auto &n : attributes(doc, "node", "name"))
		if (!n.empty() && n[0] != '/')
			if (auto s = walk(bus, path + "/" + n, out, depth + 1); !s)
				return s;
	return {};
}

} // namespace

Result<std::vector<std::string>> introspect_endpoints(sd_bus *bus)
{
	std::vector<std::string> out;
	if (auto s = walk(bus, kRoot, out, 0); !s)
		return fail(s.error());
	return out;
}

Status read_routing(nl::Netlink &nl, SystemView &v)
{
	auto links = nl.links();
	if (!links)
		return fail(links.error());
	auto name = [&](int ifindex) {
		for (const auto &l : *links)
			if (l.ifindex == ifindex)
				return l.name;
		return "ifindex " + std::to_string(ifindex);
	};
	auto routes = nl.routes();
	if (!routes)
		return fail(routes.error());
	for (const auto &r : *routes) {
		if (r.type != kRtnUnicast)
			continue;
		for (unsigned e = r.eid; e <= unsigned(r.eid) + r.extent; e++)
			v.routes.push_back(Route{e, r.gateway ? "via gateway EID " +
								std::to_string(r.gateway->eid)
							      : name(r.ifindex)});
	}
	auto neighs = nl.neighbours();
	if (!neighs)
		return fail(neighs.error());
	for (const auto &n : *neighs)
		v.neighbours.push_back(Neighbour{n.eid, name(n.ifindex), n.lladdr});
	return {};
}

} // namespace mctpxx::cycle

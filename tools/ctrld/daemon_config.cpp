// SPDX-License-Identifier: GPL-2.0
#include "daemon_config.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "toml_check.hpp"

#include "mctpxx/args.hpp"
#include "uuid.hpp"

namespace mctpxx::ctrld {
namespace {

using namespace toml_check;

// "A" or "A-B" (numbers decimal or 0x hex) within [lo, hi].
std::pair<unsigned, unsigned> range_text(const toml::node &n, unsigned lo, unsigned hi,
					 const std::string &what)
{
	const std::string s = string(n, what);
	const auto dash = s.find('-');
	const std::string a = s.substr(0, dash);
	const std::string b = dash == std::string::npos ? a : s.substr(dash + 1);
	auto first = parse_number(a, lo, hi, what);
	if (!first)
		reject(n, first.error().message);
	auto last = parse_number(b, lo, hi, what);
	if (!last)
		reject(n, last.error().message);
	if (*last < *first)
		reject(n, what + " \"" + s + "\": range ends before it starts");
	return {static_cast<unsigned>(*first), static_cast<unsigned>(*last)};
}

// An integer, or a string "A" / "A-B": appended to @out as ranges.
void ranges(const toml::node &n, unsigned lo, unsigned hi, const std::string &what,
	    std::vector<std::pair<unsigned, unsigned>> &out)
{
	if (n.is_integer()) {
		auto v = static_cast<unsigned>(integer(n, lo, hi, what));
		out.emplace_back(v, v);
	} else if (n.is_string()) {
		out.push_back(range_text(n, lo, hi, what));
	} else if (n.is_array()) {
		for (auto &&e : *n.as_array()) {
			if (e.is_array())
				reject(e, what + ": nested arrays are not allowed");
			ranges(e, lo, hi, what, out);
		}
	} else {
		reject(n, what + " must be a number, a \"FIRST-LAST\" string or an array of them");
	}
}

std::uint8_t unicast_eid(const toml::node &n, const std::string &what)
{
	return static_cast<std::uint8_t>(integer(n, 8, 254, what));
}

void parse_timing(const toml::node &node, Timing &t)
{
	const auto &tb = table(node, "[timing]");
	only_keys(tb, {"request_timeout_ms", "retries", "rescan_interval_s", "poll_interval_s",
		       "degraded_after", "remove_after", "host_debounce_ms"},
		  "[timing]");
	if (auto *v = tb.get("request_timeout_ms"))
		t.request_timeout = std::chrono::milliseconds(integer(*v, 10, 60000, "request_timeout_ms"));
	if (auto *v = tb.get("retries"))
		t.retries = static_cast<unsigned>(integer(*v, 0, 10, "retries"));
	if (auto *v = tb.get("rescan_interval_s"))
		t.rescan_interval = std::chrono::seconds(integer(*v, 0, 86400, "rescan_interval_s"));
	if (auto *v = tb.get("poll_interval_s"))
		t.poll_interval = std::chrono::seconds(integer(*v, 0, 86400, "poll_interval_s"));
	if (auto *v = tb.get("degraded_after"))
		t.degraded_after = static_cast<unsigned>(integer(*v, 1, 100, "degraded_after"));
	if (auto *v = tb.get("remove_after"))
		t.remove_after = static_cast<unsigned>(integer(*v, 1, 100, "remove_after"));
	if (auto *v = tb.get("host_debounce_ms"))
		t.host_debounce = std::chrono::milliseconds(integer(*v, 0, 600000, "host_debounce_ms"));
	if (t.remove_after < t.degraded_after)
		reject(node, "remove_after (" + std::to_string(t.remove_after) +
				     ") must not be less than degraded_after (" +
				     std::to_string(t.degraded_after) + ")");
}

NetworkConfig parse_network(const toml::node &node, const std::string &file)
{
	const auto &t = table(node, "network entry");
	only_keys(t, {"net", "pool", "own_eid"}, "[[network]]");
	NetworkConfig n;
	n.origin = Origin{file, line_of(node)};
	if (auto *v = t.get("net"))
		n.net = static_cast<unsigned>(integer(*v, 1, 0xffffffffLL, "net"));
	if (auto *v = t.get("own_eid"))
		n.own_eid = unicast_eid(*v, "own_eid");
	if (auto *v = t.get("pool")) {
		std::vector<std::pair<unsigned, unsigned>> rs;
		ranges(*v, 8, 254, "pool EID", rs);
		std::sort(rs.begin(), rs.end());
		for (std::size_t i = 1; i < rs.size(); i++)
			if (rs[i].first <= rs[i - 1].second)
				reject(*v, "pool ranges overlap at EID " + std::to_string(rs[i].first));
		for (auto [a, b] : rs)
			n.pool.push_back(EidRange{static_cast<std::uint8_t>(a),
						  static_cast<std::uint8_t>(b)});
	}
	if (n.own_eid)
		for (const auto &r : n.pool)
			if (r.contains(*n.own_eid))
				reject(*t.get("own_eid"), "own_eid " + std::to_string(*n.own_eid) +
								 " lies inside the pool");
	return n;
}

ProbeRule parse_probe(const toml::node &node, const std::string &file)
{
	const auto &t = table(node, "probe entry");
	only_keys(t, {"link", "bus", "mux_channels", "addresses", "host_powered"}, "[[probe]]");
	ProbeRule p;
	p.origin = Origin{file, line_of(node)};
	if (auto *v = t.get("link")) {
		p.link = string(*v, "link");
		if (p.link->empty() || p.link->size() >= 16)
			reject(*v, "link \"" + *p.link + "\" must be 1..15 characters");
	}
	if (auto *v = t.get("bus"))
		p.bus = static_cast<unsigned>(integer(*v, 0, 1 << 20, "bus"));
	if (p.link.has_value() == p.bus.has_value())
		reject(node, "probe entry needs exactly one of \"link\" and \"bus\"");
	if (auto *v = t.get("mux_channels")) {
		if (!p.bus)
			reject(*v, "mux_channels applies to \"bus\" entries only");
		p.mux_channels = boolean(*v, "mux_channels");
	}
	if (auto *v = t.get("host_powered"))
		p.host_powered = boolean(*v, "host_powered");
	auto *addrs = t.get("addresses");
	if (!addrs)
		reject(node, "probe entry needs \"addresses\" (the SMBus addresses allowed to be probed)");
	std::vector<std::pair<unsigned, unsigned>> rs;
	ranges(*addrs, 0x08, 0x77, "SMBus address", rs);
	for (auto [a, b] : rs)
		for (unsigned x = a; x <= b; x++)
			if (std::find(p.addresses.begin(), p.addresses.end(), x) == p.addresses.end())
				p.addresses.push_back(static_cast<std::uint8_t>(x));
	std::sort(p.addresses.begin(), p.addresses.end());
	return p;
}

HostSource parse_host(const toml::node &node, const std::string &file)
{
	const auto &t = table(node, "[host]");
	only_keys(t, {"service", "path", "interface", "property", "on_values"}, "[host]");
	HostSource h;
	h.origin = Origin{file, line_of(node)};
	if (auto *v = t.get("service"))
		h.service = string(*v, "service");
	if (auto *v = t.get("path")) {
		h.path = string(*v, "path");
		if (h.path.empty() || h.path[0] != '/')
			reject(*v, "path must be a D-Bus object path starting with \"/\"");
	}
	if (auto *v = t.get("interface"))
		h.interface = string(*v, "interface");
	if (auto *v = t.get("property"))
		h.property = string(*v, "property");
	if (auto *v = t.get("on_values")) {
		h.on_values.clear();
		for (auto &&e : array(*v, "on_values"))
			h.on_values.push_back(string(e, "on_values entry"));
		if (h.on_values.empty())
			reject(*v, "on_values must name at least one value");
	}
	for (const auto *s : {&h.service, &h.interface, &h.property})
		if (s->empty())
			reject(node, "[host] service, interface and property must not be empty");
	return h;
}

void parse_endpoint(const toml::node &node, EndpointRole &e)
{
	const auto &t = table(node, "[endpoint]");
	only_keys(t, {"uuid", "message_types", "assignable_links", "eids"}, "[endpoint]");
	if (auto *v = t.get("uuid")) {
		auto u = uuid_parse(string(*v, "uuid"));
		if (!u)
			reject(*v, "uuid \"" + *v->value<std::string>() + "\" is not a UUID");
		e.uuid = *u;
	}
	if (auto *v = t.get("message_types")) {
		e.message_types.clear();
		for (auto &&m : array(*v, "message_types")) {
			auto ty = static_cast<std::uint8_t>(integer(m, 0, 0x7f, "message type"));
			if (std::find(e.message_types.begin(), e.message_types.end(), ty) !=
			    e.message_types.end())
				reject(m, "message type " + std::to_string(ty) + " listed twice");
			e.message_types.push_back(ty);
		}
	}
	if (auto *v = t.get("assignable_links"))
		for (auto &&l : array(*v, "assignable_links"))
			e.assignable_links.push_back(string(l, "assignable_links entry"));
	if (auto *v = t.get("eids"))
		for (auto &&[k, eid] : table(*v, "eids (use eids = { LINK = EID })"))
			e.eids[std::string(k.str())] = unicast_eid(eid, "eid of " + std::string(k.str()));
}

void parse_document(const toml::table &doc, const std::string &file, Config &c)
{
	only_keys(doc, {"timing", "network", "probe", "host", "endpoint", "dbus", "links"},
		  "the top level");
	if (auto *v = doc.get("timing"))
		parse_timing(*v, c.timing);
	if (auto *v = doc.get("network"))
		for (auto &&e : array(*v, "network (use [[network]])")) {
			auto n = parse_network(e, file);
			if (c.networks.count(n.net))
				reject(e, "network " + std::to_string(n.net) + " already configured at " +
						  c.networks[n.net].origin.str());
			c.networks[n.net] = std::move(n);
		}
	if (auto *v = doc.get("probe"))
		for (auto &&e : array(*v, "probe (use [[probe]])"))
			c.probes.push_back(parse_probe(e, file));
	if (auto *v = doc.get("host"))
		c.host = parse_host(*v, file);
	if (auto *v = doc.get("endpoint"))
		parse_endpoint(*v, c.endpoint);
	if (auto *v = doc.get("dbus")) {
		const auto &t = table(*v, "[dbus]");
		only_keys(t, {"service"}, "[dbus]");
		if (auto *s = t.get("service"))
			c.dbus_service = string(*s, "service");
	}
	if (auto *v = doc.get("links")) {
		const auto &t = table(*v, "[links]");
		only_keys(t, {"bring_up"}, "[links]");
		if (auto *b = t.get("bring_up"))
			c.bring_up_links = boolean(*b, "bring_up");
	}
}

} // namespace

Result<Config> parse_config(std::string_view text, const std::string &file)
{
	Config c;
	try {
		toml::table doc = toml::parse(text, file);
		parse_document(doc, file, c);
	} catch (const toml::parse_error &e) {
		return fail(Error{EINVAL, file + ":" + std::to_string(e.source().begin.line) + ": " +
						  std::string(e.description())});
	} catch (const ConfigError &e) {
		return fail(Error{EINVAL, file + ":" + std::to_string(e.line) + ": " + e.reason});
	}
	return c;
}

Result<Config> load_config(const std::string &file)
{
	std::ifstream in(file);
	if (!in)
		return fail(Error::last("cannot read " + file));
	std::stringstream ss;
	ss << in.rdbuf();
	return parse_config(ss.str(), file);
}

std::vector<const ProbeRule *> rules_for_link(const Config &c, const std::string &name,
					       std::optional<unsigned> bus,
					       const std::vector<unsigned> &parents)
{
	std::vector<const ProbeRule *> out;
	for (const auto &r : c.probes) {
		bool match = false;
		if (r.link)
			match = fnmatch(r.link->c_str(), name.c_str(), 0) == 0;
		else if (bus && *r.bus == *bus)
			match = true;
		else if (bus && r.mux_channels)
			match = std::find(parents.begin(), parents.end(), *r.bus) != parents.end();
		if (match)
			out.push_back(&r);
	}
	return out;
}

} // namespace mctpxx::ctrld

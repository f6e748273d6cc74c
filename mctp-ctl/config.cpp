// SPDX-License-Identifier: GPL-2.0
#include "config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "toml_check.hpp"

#include "grammar.hpp"

namespace mctpxx::ctl {
namespace {

using namespace toml_check;

std::uint8_t unicast_eid(const toml::node &n, const std::string &what)
{
	return static_cast<std::uint8_t>(integer(n, 8, 254, what));
}

LinkConfig parse_link(const std::string &name, const toml::node &node, LinkConfig l,
		      const std::string &file)
{
	const auto &t = table(node, "link \"" + name + "\"");
	only_keys(t, {"up", "mtu", "net", "addresses"}, "link \"" + name + "\"");
	l.name = name;
	l.origin = Origin{file, line_of(node)};
	if (auto *up = t.get("up")) {
		if (!up->is_boolean())
			reject(*up, "link \"" + name + "\": up must be true or false");
		l.up = *up->value<bool>();
	}
	if (auto *mtu = t.get("mtu"))
		l.mtu = static_cast<unsigned>(integer(*mtu, 68, 65535, "mtu"));
	if (auto *net = t.get("net"))
		l.net = static_cast<unsigned>(integer(*net, 1, 0xffffffffLL, "net"));
	if (auto *addrs = t.get("addresses")) {
		std::vector<std::uint8_t> eids;
		for (auto &&a : array(*addrs, "addresses")) {
			auto eid = unicast_eid(a, "address");
			if (std::find(eids.begin(), eids.end(), eid) != eids.end())
				reject(a, "address " + std::to_string(eid) + " listed twice");
			eids.push_back(eid);
		}
		l.addresses = std::move(eids);
	}
	return l;
}

SmbusBinding parse_smbus(const toml::node &node, const std::string &file)
{
	const auto &t = table(node, "smbus entry");
	only_keys(t, {"bus", "address"}, "smbus entry");
	auto *bus = t.get("bus");
	auto *addr = t.get("address");
	if (!bus || !addr)
		reject(node, "smbus entry needs \"bus\" and \"address\"");
	return SmbusBinding{static_cast<unsigned>(integer(*bus, 0, 1 << 20, "bus")),
			    static_cast<std::uint8_t>(integer(*addr, 0x08, 0x77, "address")),
			    Origin{file, line_of(node)}};
}

RouteConfig parse_route(const toml::node &node, const std::string &file)
{
	const auto &t = table(node, "route");
	only_keys(t, {"dest", "dev", "gateway", "mtu"}, "route");
	RouteConfig r;
	r.origin = Origin{file, line_of(node)};
	auto *dest = t.get("dest");
	if (!dest)
		reject(node, "route needs \"dest\" (an EID or \"FIRST-LAST\")");
	if (dest->is_integer()) {
		r.eid = unicast_eid(*dest, "route dest");
	} else {
		auto range = parse_eid_range(string(*dest, "route dest"));
		if (!range)
			reject(*dest, range.error().message);
		std::tie(r.eid, r.extent) = *range;
		if (r.eid < 8 || r.eid + r.extent > 254)
			reject(*dest, "route dest must be unicast EIDs 8..254");
	}
	if (auto *dev = t.get("dev"))
		r.dev = string(*dev, "route dev");
	if (auto *gw = t.get("gateway")) {
		const auto &g = table(*gw, "gateway");
		only_keys(g, {"eid", "net"}, "gateway");
		if (!g.get("eid") || !g.get("net"))
			reject(*gw, "gateway needs \"eid\" and \"net\"");
		r.gateway = nl::Gateway{static_cast<unsigned>(integer(*g.get("net"), 1, 0xffffffffLL, "net")),
					unicast_eid(*g.get("eid"), "gateway eid")};
	}
	if (r.dev.has_value() == r.gateway.has_value())
		reject(node, "route needs exactly one of \"dev\" and \"gateway\"");
	if (auto *mtu = t.get("mtu"))
		r.mtu = static_cast<unsigned>(integer(*mtu, 68, 65535, "mtu"));
	return r;
}

NeighConfig parse_neigh(const toml::node &node, const std::string &file)
{
	const auto &t = table(node, "neigh");
	only_keys(t, {"eid", "dev", "lladdr"}, "neigh");
	if (!t.get("eid") || !t.get("dev") || !t.get("lladdr"))
		reject(node, "neigh needs \"eid\", \"dev\" and \"lladdr\"");
	NeighConfig n;
	n.origin = Origin{file, line_of(node)};
	n.eid = unicast_eid(*t.get("eid"), "neigh eid");
	n.dev = string(*t.get("dev"), "neigh dev");
	const toml::node &ll = *t.get("lladdr");
	if (ll.is_integer()) {
		n.lladdr = {static_cast<std::uint8_t>(integer(ll, 0, 255, "lladdr"))};
	} else {
		auto bytes = parse_lladdr(string(ll, "lladdr"));
		if (!bytes)
			reject(ll, bytes.error().message);
		n.lladdr = *bytes;
	}
	return n;
}

void parse_document(const toml::table &doc, const std::string &file, Config &c)
{
	only_keys(doc, {"smbus", "link", "route", "neigh"}, "the top level");
	if (auto *s = doc.get("smbus"))
		for (auto &&e : array(*s, "smbus (use [[smbus]])"))
			c.smbus.push_back(parse_smbus(e, file));
	if (auto *l = doc.get("link"))
		for (auto &&[name, node] : table(*l, "link (use [link.NAME])")) {
			std::string n(name.str());
			if (n.empty() || n.size() >= 16)
				reject(node, "link name \"" + n + "\" must be 1..15 characters");
			auto it = c.links.find(n);
			c.links[n] = parse_link(n, node, it == c.links.end() ? LinkConfig{} : it->second,
						file);
		}
	if (auto *r = doc.get("route"))
		for (auto &&e : array(*r, "route (use [[route]])"))
			c.routes.push_back(parse_route(e, file));
	if (auto *n = doc.get("neigh"))
		for (auto &&e : array(*n, "neigh (use [[neigh]])"))
			c.neighs.push_back(parse_neigh(e, file));
}

} // namespace

Status parse_config(std::string_view text, const std::string &file, Config &into)
{
	Config c = into;
	try {
		toml::table doc = toml::parse(text, file);
		parse_document(doc, file, c);
	} catch (const toml::parse_error &e) {
		return fail(Error{EINVAL, file + ":" + std::to_string(e.source().begin.line) + ": " +
						  std::string(e.description())});
	} catch (const ConfigError &e) {
		return fail(Error{EINVAL, file + ":" + std::to_string(e.line) + ": " + e.reason});
	}
	into = std::move(c);
	return {};
}

std::string dropin_dir_for(const std::string &file)
{
	std::filesystem::path p(file);
	return (p.parent_path() / (p.stem().string() + ".d")).string();
}

Result<Config> load_config(const std::string &file, const std::string &dropin_dir)
{
	std::vector<std::string> files{file};
	std::error_code ec;
	if (std::filesystem::is_directory(dropin_dir, ec)) {
		std::vector<std::string> extra;
		for (auto &e : std::filesystem::directory_iterator(dropin_dir, ec))
			if (e.path().extension() == ".toml")
				extra.push_back(e.path().string());
		std::sort(extra.begin(), extra.end());
		files.insert(files.end(), extra.begin(), extra.end());
	}
	Config c;
	for (const auto &f : files) {
		std::ifstream in(f);
		if (!in)
			return fail(Error::last("cannot read " + f));
		std::stringstream ss;
		ss << in.rdbuf();
		if (auto s = parse_config(ss.str(), f, c); !s)
			return fail(s.error());
	}
	return c;
}

} // namespace mctpxx::ctl

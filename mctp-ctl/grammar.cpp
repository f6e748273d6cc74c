// SPDX-License-Identifier: GPL-2.0
#include "grammar.hpp"

#include <array>
#include <tuple>

#include "mctpxx/args.hpp"

namespace mctpxx::ctl {
namespace {

using Words = std::span<const std::string_view>;

// DSP0236's baseline transmission unit (64 bytes) and the MCTP header
inline constexpr unsigned long kMinMtu = 64 + 4;

Error usage(std::string msg)
{
	return Error{EINVAL, std::move(msg)};
}

// A cursor over the command words.
class Cursor {
public:
	explicit Cursor(std::span<const std::string> w) : words_(w) {}
	bool done() const { return pos_ >= words_.size(); }
	std::string_view peek() const { return done() ? std::string_view{} : words_[pos_]; }
	std::string_view next() { return done() ? std::string_view{} : words_[pos_++]; }

	// The value after keyword @kw; an error if missing.
	Result<std::string_view> value(std::string_view kw)
	{
		if (done())
			return fail(usage("\"" + std::string(kw) + "\" needs a value"));
		return next();
	}

	Result<std::size_t> keyword(Words keywords, std::string_view what)
	{
		if (done())
			return fail(usage("missing " + std::string(what) + " (try \"help\")"));
		std::string_view w = next();
		auto i = match_keyword(w, keywords);
		if (!i)
			return fail(usage("unknown " + std::string(what) + " \"" + std::string(w) +
					  "\" (try \"help\")"));
		return *i;
	}

	Status end()
	{
		if (!done())
			return fail(usage("unexpected word \"" + std::string(peek()) + "\""));
		return {};
	}

private:
	std::span<const std::string> words_;
	std::size_t pos_ = 0;
};

Result<unsigned> number(std::string_view text, unsigned long lo, unsigned long hi,
			std::string_view what)
{
	auto v = parse_number(text, lo, hi, what);
	if (!v)
		return fail(usage(v.error().message));
	return static_cast<unsigned>(*v);
}

Result<std::uint8_t> eid(std::string_view text)
{
	auto v = number(text, 0, 255, "EID");
	if (!v)
		return fail(v.error());
	return static_cast<std::uint8_t>(*v);
}

bool is_help(std::string_view w)
{
	static constexpr std::array<std::string_view, 1> kw{"help"};
	return match_keyword(w, kw).has_value() || w == "-h" || w == "--help";
}

// ---- link ----

Result<Command> parse_link(Cursor &c)
{
	// "set" before "show": "link s DEV up" sets, as in iproute2
	static constexpr std::array<std::string_view, 4> cmds{"set", "show", "list", "help"};
	if (c.done())
		return LinkShow{};
	auto cmd = c.keyword(cmds, "link command");
	if (!cmd)
		return fail(cmd.error());
	if (*cmd == 3)
		return Help{"link"};
	if (*cmd == 1 || *cmd == 2) {
		LinkShow s;
		if (!c.done())
			s.dev = std::string(c.next());
		if (auto e = c.end(); !e)
			return fail(e.error());
		return s;
	}
	LinkSet s;
	if (c.done())
		return fail(usage("link set: missing device name"));
	s.dev = std::string(c.next());
	static constexpr std::array<std::string_view, 4> args{"up", "down", "mtu", "net"};
	if (c.done())
		return fail(usage("link set " + s.dev + ": nothing to change (up, down, mtu, net)"));
	while (!c.done()) {
		auto a = c.keyword(args, "link set argument");
		if (!a)
			return fail(a.error());
		if (*a <= 1) {
			s.up = (*a == 0);
			continue;
		}
		auto v = c.value(args[*a]);
		if (!v)
			return fail(v.error());
		auto n = *a == 2 ? number(*v, kMinMtu, 65535, "MTU") : number(*v, 1, 0xffffffffu, "network");
		if (!n)
			return fail(n.error());
		(*a == 2 ? s.mtu : s.net) = *n;
	}
	return s;
}

// "[dev DEV]" closing a show command: the device, if one was named.
Result<std::optional<std::string>> optional_dev(Cursor &c, std::string_view what)
{
	static constexpr std::array<std::string_view, 1> dev_kw{"dev"};
	std::optional<std::string> dev;
	if (!c.done()) {
		if (auto k = c.keyword(dev_kw, what); !k)
			return fail(k.error());
		auto v = c.value("dev");
		if (!v)
			return fail(v.error());
		dev = std::string(*v);
	}
	if (auto e = c.end(); !e)
		return fail(e.error());
	return dev;
}

// ---- address ----

Result<Command> parse_addr(Cursor &c)
{
	static constexpr std::array<std::string_view, 5> cmds{"show", "add", "del", "list", "help"};
	if (c.done())
		return AddrShow{};
	auto cmd = c.keyword(cmds, "address command");
	if (!cmd)
		return fail(cmd.error());
	if (*cmd == 4)
		return Help{"address"};
	static constexpr std::array<std::string_view, 1> dev_kw{"dev"};
	if (*cmd == 0 || *cmd == 3) {
		auto dev = optional_dev(c, "address show argument");
		if (!dev)
			return fail(dev.error());
		return AddrShow{*dev};
	}
	AddrChange a;
	a.add = *cmd == 1;
	if (c.done())
		return fail(usage("address: missing EID"));
	auto e = eid(c.next());
	if (!e)
		return fail(e.error());
	a.eid = *e;
	if (auto k = c.keyword(dev_kw, "address argument (expected \"dev\")"); !k)
		return fail(k.error());
	auto v = c.value("dev");
	if (!v)
		return fail(v.error());
	a.dev = std::string(*v);
	if (auto end = c.end(); !end)
		return fail(end.error());
	return a;
}

// ---- route ----

Result<Command> parse_route_change(Cursor &c, bool add)
{
	RouteChange r;
	r.add = add;
	if (c.done())
		return fail(usage("route: missing destination EID or range"));
	auto range = parse_eid_range(c.next());
	if (!range)
		return fail(range.error());
	std::tie(r.eid, r.extent) = *range;
	static constexpr std::array<std::string_view, 4> args{"via", "gw", "net", "mtu"};
	while (!c.done()) {
		auto a = c.keyword(args, "route argument");
		if (!a)
			return fail(a.error());
		auto v = c.value(args[*a]);
		if (!v)
			return fail(v.error());
		switch (*a) {
		case 0:
			r.dev = std::string(*v);
			break;
		case 1: {
			auto g = eid(*v);
			if (!g)
				return fail(g.error());
			r.gw_eid = *g;
			break;
		}
		case 2: {
			auto n = number(*v, 1, 0xffffffffu, "network");
			if (!n)
				return fail(n.error());
			r.gw_net = *n;
			break;
		}
		case 3: {
			// as for links: not below DSP0236's baseline (64 bytes
			// of payload behind the 4-byte header)
			auto n = number(*v, kMinMtu, 65535, "MTU");
			if (!n)
				return fail(n.error());
			r.mtu = *n;
			break;
		}
		}
	}
	if (r.dev && r.gw_eid)
		return fail(usage("route: give either \"via DEV\" or \"gw EID net N\", not both"));
	if (!r.dev && !r.gw_eid)
		return fail(usage("route: missing \"via DEV\" or \"gw EID net N\""));
	if (r.gw_net && !r.gw_eid)
		return fail(usage("route: \"net\" belongs to a gateway route (\"gw EID net N\")"));
	if (r.gw_eid && !r.gw_net)
		return fail(usage("route: gateway needs its network: \"gw EID net N\""));
	return r;
}

Result<Command> parse_route(Cursor &c)
{
	static constexpr std::array<std::string_view, 5> cmds{"show", "add", "del", "list", "help"};
	if (c.done())
		return RouteShow{};
	auto cmd = c.keyword(cmds, "route command");
	if (!cmd)
		return fail(cmd.error());
	if (*cmd == 4)
		return Help{"route"};
	if (*cmd == 0 || *cmd == 3) {
		RouteShow s;
		static constexpr std::array<std::string_view, 1> net_kw{"net"};
		if (!c.done()) {
			if (auto k = c.keyword(net_kw, "route show argument"); !k)
				return fail(k.error());
			auto v = c.value("net");
			if (!v)
				return fail(v.error());
			auto n = number(*v, 1, 0xffffffffu, "network");
			if (!n)
				return fail(n.error());
			s.net = *n;
		}
		if (auto e = c.end(); !e)
			return fail(e.error());
		return s;
	}
	return parse_route_change(c, *cmd == 1);
}

// ---- neigh ----

Result<Command> parse_neigh(Cursor &c)
{
	static constexpr std::array<std::string_view, 5> cmds{"show", "add", "del", "list", "help"};
	if (c.done())
		return NeighShow{};
	auto cmd = c.keyword(cmds, "neigh command");
	if (!cmd)
		return fail(cmd.error());
	if (*cmd == 4)
		return Help{"neigh"};
	if (*cmd == 0 || *cmd == 3) {
		auto dev = optional_dev(c, "neigh show argument");
		if (!dev)
			return fail(dev.error());
		return NeighShow{*dev};
	}
	NeighChange n;
	n.add = *cmd == 1;
	if (c.done())
		return fail(usage("neigh: missing EID"));
	auto e = eid(c.next());
	if (!e)
		return fail(e.error());
	n.eid = *e;
	static constexpr std::array<std::string_view, 2> args{"dev", "lladdr"};
	bool have_dev = false;
	while (!c.done()) {
		auto a = c.keyword(args, "neigh argument");
		if (!a)
			return fail(a.error());
		auto v = c.value(args[*a]);
		if (!v)
			return fail(v.error());
		if (*a == 0) {
			n.dev = std::string(*v);
			have_dev = true;
		} else {
			auto ll = parse_lladdr(*v);
			if (!ll)
				return fail(ll.error());
			n.lladdr = *ll;
		}
	}
	if (!have_dev)
		return fail(usage("neigh: missing \"dev DEV\""));
	if (n.add && n.lladdr.empty())
		return fail(usage("neigh add: missing \"lladdr ADDR\""));
	return n;
}

// ---- monitor ----

Result<Command> parse_monitor(Cursor &c)
{
	static constexpr std::array<std::string_view, 6> what{"link", "address", "route",
							      "neigh", "all", "help"};
	Monitor m;
	if (c.done())
		return m;
	m = Monitor{false, false, false, false};
	while (!c.done()) {
		auto w = c.keyword(what, "monitor object");
		if (!w)
			return fail(w.error());
		switch (*w) {
		case 0: m.links = true; break;
		case 1: m.addresses = true; break;
		case 2: m.routes = true; break;
		case 3: m.neighbours = true; break;
		case 4: m = Monitor{}; break;
		case 5: return Help{"monitor"};
		}
	}
	return m;
}

// ---- apply ----

Result<Command> parse_apply(Cursor &c, const Options &o)
{
	Apply a;
	a.dry_run = o.dry_run;
	while (!c.done()) {
		std::string_view w = c.next();
		if (w == "--dry-run") {
			a.dry_run = true;
		} else if (w == "--wait") {
			if (c.done())
				return fail(usage("apply: --wait needs a number of seconds"));
			auto v = number(c.next(), 0, 3600, "wait");
			if (!v)
				return fail(v.error());
			a.wait_s = *v;
		} else if (a.file.empty() && !w.starts_with("-"))
			a.file = std::string(w);
		else
			return fail(usage("apply: unexpected word \"" + std::string(w) + "\""));
	}
	if (a.file.empty())
		return fail(usage("apply: missing configuration file"));
	return a;
}

} // namespace

std::optional<std::size_t> match_keyword(std::string_view word,
					 std::span<const std::string_view> keywords)
{
	if (word.empty())
		return std::nullopt;
	for (std::size_t i = 0; i < keywords.size(); i++)
		if (keywords[i].starts_with(word))
			return i;
	return std::nullopt;
}

Result<std::pair<std::uint8_t, std::uint8_t>> parse_eid_range(std::string_view text)
{
	auto dash = text.find('-');
	auto first = eid(text.substr(0, dash));
	if (!first)
		return fail(first.error());
	if (dash == std::string_view::npos)
		return std::pair<std::uint8_t, std::uint8_t>{*first, 0};
	auto last = eid(text.substr(dash + 1));
	if (!last)
		return fail(last.error());
	if (*last < *first)
		return fail(usage("invalid EID range \"" + std::string(text) +
				  "\": end is below start"));
	return std::pair<std::uint8_t, std::uint8_t>{*first,
						     static_cast<std::uint8_t>(*last - *first)};
}

Result<std::vector<std::uint8_t>> parse_lladdr(std::string_view text)
{
	std::vector<std::uint8_t> out;
	auto bad = [&] {
		return fail(usage("invalid lladdr \"" + std::string(text) +
				  "\": expected hex bytes like 0x1d or 1d:2e"));
	};
	if (text.starts_with("0x") || text.starts_with("0X")) {
		std::string hex(text.substr(2));
		if (hex.empty() || hex.size() > 2 * 8)
			return bad();
		if (hex.size() % 2)
			hex.insert(hex.begin(), '0');
		for (std::size_t i = 0; i < hex.size(); i += 2) {
			auto v = parse_number("0x" + hex.substr(i, 2), 0, 255, "lladdr");
			if (!v)
				return bad();
			out.push_back(static_cast<std::uint8_t>(*v));
		}
		return out;
	}
	std::size_t start = 0;
	while (start <= text.size()) {
		auto colon = text.find(':', start);
		std::string_view part = text.substr(start, colon - start);
		if (part.empty() || part.size() > 2)
			return bad();
		auto v = parse_number("0x" + std::string(part), 0, 255, "lladdr");
		if (!v)
			return bad();
		out.push_back(static_cast<std::uint8_t>(*v));
		if (colon == std::string_view::npos)
			break;
		start = colon + 1;
	}
	return out;
}

Result<Command> parse_command(std::span<const std::string> words, const Options &options)
{
	Cursor c(words);
	auto obj = c.keyword(kObjects, "object");
	if (!obj)
		return fail(obj.error());
	if (!c.done() && is_help(c.peek()) && *obj < 6)
		return Help{std::string(kObjects[*obj])};
	switch (*obj) {
	case 0: return parse_link(c);
	case 1: return parse_addr(c);
	case 2: return parse_route(c);
	case 3: return parse_neigh(c);
	case 4: return parse_monitor(c);
	case 5: return parse_apply(c, options);
	default: return Help{""};
	}
}

std::string help_text(std::string_view topic)
{
	if (topic == "link")
		return "usage: mctp-ctl link show [DEV]\n"
		       "       mctp-ctl link set DEV [up|down] [mtu MTU] [net NET]\n";
	if (topic == "address")
		return "usage: mctp-ctl address show [dev DEV]\n"
		       "       mctp-ctl address add EID dev DEV\n"
		       "       mctp-ctl address del EID dev DEV\n";
	if (topic == "route")
		return "usage: mctp-ctl route show [net NET]\n"
		       "       mctp-ctl route add EID[-EID] via DEV [mtu MTU]\n"
		       "       mctp-ctl route add EID[-EID] gw EID net NET [mtu MTU]\n"
		       "       mctp-ctl route del EID[-EID] via DEV | gw EID net NET\n";
	if (topic == "neigh")
		return "usage: mctp-ctl neigh show [dev DEV]\n"
		       "       mctp-ctl neigh add EID dev DEV lladdr ADDR\n"
		       "       mctp-ctl neigh del EID dev DEV\n";
	if (topic == "apply")
		return "usage: mctp-ctl apply [--dry-run] [--wait SECONDS] FILE\n"
		       "  Brings links, addresses, routes, neighbours and SMBus bindings to the\n"
		       "  state FILE (and FILE's drop-in directory, e.g. mctp.d/*.toml) describes.\n"
		       "  --wait: how long to wait for i2c buses and devices that entries need\n"
		       "  and that are not there yet (default 0); the rest is applied at once.\n";
	if (topic == "monitor")
		return "usage: mctp-ctl monitor [link] [address] [route] [neigh] [all]\n";
	return {};
}

} // namespace mctpxx::ctl

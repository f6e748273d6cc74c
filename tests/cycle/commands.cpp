// SPDX-License-Identifier: GPL-2.0
#include "commands.hpp"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "expectation.hpp"
#include "mctpxx/args.hpp"
#include "mctpxx/socket.hpp"

namespace mctpxx::cycle {

const char *const kUsage =
	"usage: mctp-cycle-check COMMAND, or serve (commands from stdin, one a line,\n"
	"each answered by its output and a line \"= STATUS\")\n"
	"  list                 the endpoints: UUID EID ADDR HP STATE LINK\n"
	"  paths                their D-Bus object paths\n"
	"  expect FILE [--host-off] [--without UUID]... [--wait SEC] [--tags]\n"
	"  tags [--wait SEC] EID...\n"
	"  hold-tags EID SEC    own all eight tags towards EID for SEC s\n"
	"  available N [--wait SEC]  N endpoint objects, all Available\n"
	"  host on|off          set the host state the daemon follows\n"
	"  owned NAME SEC       wait up to SEC s for NAME to have an owner on the bus\n"
	"  count FILE TEXT...   how many lines of FILE contain TEXT\n"
	"  more FILE N SEC TEXT...  wait up to SEC s for more than N such lines\n";

namespace {

using Clock = std::chrono::steady_clock;

// Retries @attempt (true: done) every @every until @until.
template <typename F>
bool retry(Clock::time_point until, F attempt,
	   std::chrono::milliseconds every = std::chrono::milliseconds(100))
{
	for (;;) {
		if (attempt())
			return true;
		if (Clock::now() >= until)
			return false;
		std::this_thread::sleep_for(every);
	}
}

// Asking the daemon costs it some work: not more often than this.
constexpr std::chrono::milliseconds kDaemonEvery{500};

Result<SystemView> take_view(Connections &c)
{
	SystemView v;
	auto objs = read_objects(c.bus.get());
	if (!objs)
		return fail(objs.error());
	v.objects = std::move(*objs);
	if (auto s = read_routing(c.nl, v); !s)
		return fail(s.error());
	return v;
}

// The comparison, with introspection (a call per object) only once the
// rest matches.
std::vector<std::string> compare_now(Connections &c, const std::vector<Expected> &want,
				     const Conditions &cond)
{
	auto v = take_view(c);
	if (!v)
		return {v.error().message};
	auto problems = compare(*v, want, cond);
	if (!problems.empty())
		return problems;
	auto tree = introspect_endpoints(c.bus.get());
	if (!tree)
		return {tree.error().message};
	v->tree = std::move(*tree);
	return compare(*v, want, cond);
}

// How many of the eight tags towards @eid one socket can own now.
Result<unsigned> free_tags(unsigned net, std::uint8_t eid)
{
	auto sock = Socket::open();
	if (!sock)
		return fail(sock.error());
	std::vector<TagGuard> held;
	for (unsigned i = 0; i < 8; i++) {
		auto t = TagGuard::alloc(*sock, net, eid);
		if (!t) {
			if (t.error().code == EBUSY)
				break;
			return fail(t.error());
		}
		held.push_back(std::move(*t));
	}
	return static_cast<unsigned>(held.size());
}

// Every tag towards each of @eids free (a request of the daemon's may
// hold one for a moment: retried until @until).
std::vector<std::string> tags_free(const std::vector<std::uint8_t> &eids, Clock::time_point until)
{
	std::vector<std::string> problems;
	for (auto eid : eids) {
		unsigned got = 0;
		std::string err;
		const bool ok = retry(until, [&] {
			auto n = free_tags(1, eid);
			if (!n) {
				err = n.error().message;
				return false;
			}
			got = *n;
			return got == 8;
		});
		if (!ok)
			problems.push_back("EID " + std::to_string(eid) + ": " + std::to_string(got) +
					   " of 8 tags free" + (err.empty() ? "" : " (" + err + ")"));
	}
	return problems;
}

int report(const std::vector<std::string> &problems, std::FILE *out)
{
	for (const auto &p : problems)
		std::fprintf(out, "differs: %s\n", p.c_str());
	return problems.empty() ? 0 : 1;
}

int usage(std::FILE *out)
{
	std::fputs(kUsage, out);
	return 2;
}

Result<std::chrono::seconds> seconds(const std::string &s)
{
	auto n = parse_number(s, 0, 3600, "seconds");
	if (!n)
		return fail(n.error());
	return std::chrono::seconds(*n);
}

int cmd_list(Connections &c, bool paths_only, std::FILE *out)
{
	auto objs = read_objects(c.bus.get());
	if (!objs) {
		std::fprintf(out, "%s\n", objs.error().message.c_str());
		return 1;
	}
	for (const auto &o : *objs)
		std::fprintf(out, "%s\n", paths_only ? o.path.c_str() : format_line(o).c_str());
	return 0;
}

int cmd_expect(Connections &c, const std::vector<std::string> &args, std::FILE *out)
{
	std::string file;
	Conditions cond;
	std::chrono::seconds wait{0};
	bool tags = false;
	for (std::size_t i = 1; i < args.size(); i++) {
		if (args[i] == "--host-off") {
			cond.host_on = false;
		} else if (args[i] == "--tags") {
			tags = true;
		} else if (args[i] == "--without" && i + 1 < args.size()) {
			cond.without.insert(args[++i]);
		} else if (args[i] == "--wait" && i + 1 < args.size()) {
			auto s = seconds(args[++i]);
			if (!s)
				return report({s.error().message}, out) + 1;
			wait = *s;
		} else if (file.empty() && args[i][0] != '-') {
			file = args[i];
		} else {
			return usage(out);
		}
	}
	std::ifstream in(file);
	std::stringstream text;
	text << in.rdbuf();
	auto want = in ? parse_expected(text.str()) : fail(Error::msg("cannot read " + file));
	if (!want)
		return report({file + ": " + want.error().message}, out) + 1;

	const auto until = Clock::now() + wait;
	std::vector<std::string> problems;
	const bool ok = retry(
		until,
		[&] {
			problems = compare_now(c, *want, cond);
			return problems.empty();
		},
		kDaemonEvery);
	if (ok && tags) {
		std::vector<std::uint8_t> eids;
		for (const auto &e : *want)
			if (!cond.without.count(e.uuid))
				eids.push_back(static_cast<std::uint8_t>(e.eid));
		problems = tags_free(eids, std::max(until, Clock::now() + std::chrono::seconds(5)));
	}
	return report(problems, out);
}

int cmd_tags(const std::vector<std::string> &args, std::FILE *out)
{
	std::chrono::seconds wait{0};
	std::vector<std::uint8_t> eids;
	for (std::size_t i = 1; i < args.size(); i++) {
		if (args[i] == "--wait" && i + 1 < args.size()) {
			auto s = seconds(args[++i]);
			if (!s)
				return report({s.error().message}, out) + 1;
			wait = *s;
			continue;
		}
		auto e = parse_number(args[i], 8, 254, "EID");
		if (!e)
			return report({e.error().message}, out) + 1;
		eids.push_back(static_cast<std::uint8_t>(*e));
	}
	if (eids.empty())
		return usage(out);
	return report(tags_free(eids, Clock::now() + wait), out);
}

// Owns every tag towards an EID for a while: the tag space as a busy
// application would leave it.
int cmd_hold_tags(const std::vector<std::string> &args, std::FILE *out)
{
	auto eid = args.size() == 3 ? parse_number(args[1], 8, 254, "EID") : fail(Error::msg(""));
	auto wait = args.size() == 3 ? seconds(args[2]) : fail(Error::msg(""));
	if (!eid || !wait)
		return usage(out);
	auto sock = Socket::open();
	if (!sock)
		return report({sock.error().message}, out);
	std::vector<TagGuard> held;
	while (held.size() < 8) {
		auto t = TagGuard::alloc(*sock, 1, static_cast<std::uint8_t>(*eid));
		if (!t)
			return report({"EID " + args[1] + ": only " + std::to_string(held.size()) +
				       " tags: " + t.error().message},
				      out);
		held.push_back(std::move(*t));
	}
	std::fprintf(out, "holding 8 tags towards EID %lu for %s s\n", *eid, args[2].c_str());
	std::fflush(out);
	std::this_thread::sleep_for(*wait);
	return 0;
}

// The host state service of the tests (mctp-test-host-state).
int cmd_host(Connections &c, const std::vector<std::string> &args, std::FILE *out)
{
	if (args.size() != 2 || (args[1] != "on" && args[1] != "off"))
		return usage(out);
	const std::string iface = "xyz.openbmc_project.State.Host";
	const std::string value = iface + ".HostState." + (args[1] == "on" ? "Running" : "Off");
	dbus::BusError err;
	int r = sd_bus_set_property(c.bus.get(), iface.c_str(), "/xyz/openbmc_project/state/host0",
				    iface.c_str(), "CurrentHostState", err.get(), "s", value.c_str());
	if (r < 0) {
		std::fprintf(out, "setting the host state: %s\n", err.message().c_str());
		return 1;
	}
	return 0;
}

int cmd_available(Connections &c, const std::vector<std::string> &args, std::FILE *out)
{
	if (args.size() != 2 && !(args.size() == 4 && args[2] == "--wait"))
		return usage(out);
	auto n = parse_number(args[1], 0, 255, "count");
	auto wait = seconds(args.size() == 4 ? args[3] : "0");
	if (!n || !wait)
		return usage(out);
	std::string now;
	const bool ok = retry(Clock::now() + *wait, [&] {
		auto objs = read_objects(c.bus.get());
		if (!objs) {
			now = objs.error().message;
			return false;
		}
		unsigned available = 0;
		for (const auto &o : *objs)
			available += o.state == "Available";
		now = std::to_string(objs->size()) + " objects, " + std::to_string(available) +
		      " Available";
		return objs->size() == *n && available == *n;
	}, kDaemonEvery);
	if (!ok)
		std::fprintf(out, "differs: %s, expected %lu Available\n", now.c_str(), *n);
	return ok ? 0 : 1;
}

// Lines of @file that contain @text.
unsigned count_lines(const std::string &file, const std::string &text)
{
	std::ifstream in(file);
	unsigned n = 0;
	for (std::string line; std::getline(in, line);)
		n += line.find(text) != std::string::npos;
	return n;
}

std::string join(const std::vector<std::string> &args, std::size_t from)
{
	std::string s;
	for (std::size_t i = from; i < args.size(); i++)
		s += (i > from ? " " : "") + args[i];
	return s;
}

int cmd_owned(Connections &c, const std::vector<std::string> &args, std::FILE *out)
{
	auto wait = args.size() == 3 ? seconds(args[2]) : fail(Error::msg("usage"));
	if (!wait)
		return usage(out);
	std::string why = "no owner";
	const bool ok = retry(Clock::now() + *wait, [&] {
		dbus::BusError err;
		sd_bus_message *reply = nullptr;
		int r = sd_bus_call_method(c.bus.get(), "org.freedesktop.DBus", "/org/freedesktop/DBus",
					   "org.freedesktop.DBus", "NameHasOwner", err.get(), &reply, "s",
					   args[1].c_str());
		dbus::Message owned(reply);
		if (r < 0) {
			why = "NameHasOwner: " + err.message();
			return false;
		}
		int has = 0;
		r = sd_bus_message_read(reply, "b", &has);
		return r > 0 && has;
	});
	if (!ok)
		std::fprintf(out, "differs: %s: %s\n", args[1].c_str(), why.c_str());
	return ok ? 0 : 1;
}

int cmd_count(const std::vector<std::string> &args, std::FILE *out)
{
	if (args.size() < 3)
		return usage(out);
	std::fprintf(out, "%u\n", count_lines(args[1], join(args, 2)));
	return 0;
}

int cmd_more(const std::vector<std::string> &args, std::FILE *out)
{
	if (args.size() < 5)
		return usage(out);
	auto n = parse_number(args[2], 0, 1u << 30, "count");
	auto wait = seconds(args[3]);
	if (!n || !wait)
		return usage(out);
	const std::string text = join(args, 4);
	unsigned got = 0;
	const bool ok = retry(Clock::now() + *wait, [&] {
		got = count_lines(args[1], text);
		return got > *n;
	});
	if (!ok)
		std::fprintf(out, "differs: %s has %u lines with \"%s\", expected more than %lu\n",
			     args[1].c_str(), got, text.c_str(), *n);
	return ok ? 0 : 1;
}

} // namespace

Result<Connections> Connections::open()
{
	auto bus = dbus::open_system();
	if (!bus)
		return fail(bus.error());
	// Finish the handshake now: the serving agent then waits on stdin,
	// and a bus daemon drops a connection that has not completed it within
	// its auth_timeout (30 s), which a long setup before the first command
	// (load.sh with 100 endpoints) outlasted.
	const char *unique = nullptr;
	if (int r = sd_bus_get_unique_name(bus->get(), &unique); r < 0)
		return fail(Error::sys(-r, "connecting to the system bus"));
	auto nl = nl::Netlink::open();
	if (!nl)
		return fail(nl.error());
	return Connections{std::move(*bus), std::move(*nl)};
}

int run_command(Connections &c, const std::vector<std::string> &args, std::FILE *out)
{
	const std::string cmd = args.empty() ? "" : args[0];
	if ((cmd == "list" || cmd == "paths") && args.size() == 1)
		return cmd_list(c, cmd == "paths", out);
	if (cmd == "expect")
		return cmd_expect(c, args, out);
	if (cmd == "tags")
		return cmd_tags(args, out);
	if (cmd == "hold-tags")
		return cmd_hold_tags(args, out);
	if (cmd == "host")
		return cmd_host(c, args, out);
	if (cmd == "available")
		return cmd_available(c, args, out);
	if (cmd == "owned")
		return cmd_owned(c, args, out);
	if (cmd == "count")
		return cmd_count(args, out);
	if (cmd == "more")
		return cmd_more(args, out);
	return usage(out);
}

} // namespace mctpxx::cycle

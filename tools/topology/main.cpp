// SPDX-License-Identifier: GPL-2.0
// mctp-topology: one view of everything on the buses, present versus
// usable: `show` (the default) prints it as a tree or JSON, `serve` keeps
// it on D-Bus as org.mctpstack.Topology.
#include <systemd/sd-daemon.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "daemon/log.hpp"
#include "daemon/run.hpp"
#include "dbus.hpp"
#include "topology/build.hpp"
#include "topology/collect.hpp"
#include "topology/node_dbus.hpp"
#include "topology/options.hpp"
#include "topology/render.hpp"
#include "topology/service.hpp"

using namespace mctpxx;
using namespace mctpxx::topology;

namespace {

std::uint64_t wall_clock_us()
{
	using namespace std::chrono;
	return static_cast<std::uint64_t>(
		duration_cast<microseconds>(system_clock::now().time_since_epoch()).count());
}

// The tree mctp-topology serve publishes.
Result<Tree> published_tree(sd_bus *bus)
{
	dbus::BusError err;
	sd_bus_message *reply = nullptr;
	if (int r = sd_bus_call_method(bus, kTopologyService, kTopologyRoot,
				       "org.freedesktop.DBus.ObjectManager", "GetManagedObjects",
				       err.get(), &reply, "");
	    r < 0)
		return fail(Error::sys(-r, std::string("reading ") + kTopologyService +
						   " (is mctp-topology serve running?): " + err.message()));
	dbus::Message hold(reply);
	Objects objects;
	int r = sd_bus_message_enter_container(reply, 'a', "{oa{sa{sv}}}");
	while (r > 0 && (r = sd_bus_message_enter_container(reply, 'e', "oa{sa{sv}}")) > 0) {
		const char *path = nullptr;
		if ((r = sd_bus_message_read_basic(reply, 'o', &path)) < 0)
			break;
		if (auto s = read_interfaces(reply, objects[path]); !s)
			return fail(Error{s.error().code, std::string(kTopologyService) + ": " + path +
								  ": " + s.error().message});
		if ((r = sd_bus_message_exit_container(reply)) < 0)
			break;
	}
	if (r < 0)
		return fail(dbus::error(r, std::string("a malformed answer from ") + kTopologyService));
	return tree_from_objects(objects);
}

int show(const Options &o)
{
	auto bus = dbus::open_system();
	Tree t;
	if (o.from_service) {
		if (!bus) {
			std::fprintf(stderr, "mctp-topology: %s\n", bus.error().message.c_str());
			return 1;
		}
		auto p = published_tree(bus->get());
		if (!p) {
			std::fprintf(stderr, "mctp-topology: %s\n", p.error().message.c_str());
			return 1;
		}
		t = std::move(*p);
	} else {
		ObjectCache cache;
		if (bus)
			cache.fetch_all(bus->get());
		else
			std::fprintf(stderr, "mctp-topology: %s: the daemons' part is missing\n",
				     bus.error().message.c_str());
		t = build(snapshot_from(cache, read_sysfs()), wall_clock_us());
	}
	if (o.problems)
		t = problems(t);
	if (o.json)
		std::cout << to_json(t).dump(2) << "\n";
	else
		std::cout << render_text(t, {.details = o.details});
	return 0;
}

int serve(const Options &o)
{
	daemon::log_init("mctp-topology", o.verbose);
	auto ev = daemon::event_loop();
	if (!ev)
		return daemon::fatal(ev.error().message);
	auto bus = dbus::open_system();
	if (!bus)
		return daemon::fatal(bus.error().message);
	if (int r = sd_bus_attach_event(bus->get(), ev->get(), SD_EVENT_PRIORITY_NORMAL); r < 0)
		return daemon::fatal(dbus::error(r, "attaching the bus to the event loop").message);
	TopologyService service(bus->get(), ev->get(),
				{std::chrono::milliseconds(o.debounce_ms), std::chrono::seconds(o.refresh_s)});
	if (auto s = service.start(); !s)
		return daemon::fatal(s.error().message);
	sd_notify(0, "READY=1\nSTATUS=publishing the topology");
	daemon::log_notice("ready");
	int r = sd_event_loop(ev->get());
	sd_notify(0, "STOPPING=1");
	if (r < 0)
		return daemon::fatal(dbus::error(r, "event loop").message);
	daemon::log_notice("stopped");
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	Options o;
	if (auto status = parse_options(std::vector<std::string>(argv + 1, argv + argc), o, std::cout,
					std::cerr))
		return *status;
	return o.command == Options::Command::Serve ? serve(o) : show(o);
}

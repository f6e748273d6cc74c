// SPDX-License-Identifier: GPL-2.0
// A stand-in for the host state service in end-to-end tests: owns a bus
// name and serves CurrentHostState, which tests change with
// `busctl set-property`; every change is signalled with PropertiesChanged.
//
//   mctp-test-host-state [-n NAME] [-p PATH] [-s STATE]
#include <getopt.h>
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "dbus.hpp"

namespace {

constexpr const char *kIface = "xyz.openbmc_project.State.Host";
std::string g_state = "xyz.openbmc_project.State.Host.HostState.Running";

int get_state(sd_bus *, const char *, const char *, const char *, sd_bus_message *reply, void *,
	      sd_bus_error *)
{
	return sd_bus_message_append(reply, "s", g_state.c_str());
}

int set_state(sd_bus *bus, const char *path, const char *iface, const char *prop,
	      sd_bus_message *value, void *, sd_bus_error *)
{
	const char *s = nullptr;
	int r = sd_bus_message_read(value, "s", &s);
	if (r < 0)
		return r;
	g_state = s;
	std::printf("host-state: %s\n", s);
	std::fflush(stdout);
	return sd_bus_emit_properties_changed(bus, path, iface, prop, nullptr);
}

const sd_bus_vtable kVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_WRITABLE_PROPERTY("CurrentHostState", "s", get_state, set_state, 0,
				 SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_VTABLE_END,
};

int die(const char *what, int r)
{
	std::fprintf(stderr, "mctp-test-host-state: %s: %s\n", what, std::strerror(-r));
	return 1;
}

} // namespace

int main(int argc, char **argv)
{
	std::string name = kIface, path = "/xyz/openbmc_project/state/host0";
	int opt;
	while ((opt = getopt(argc, argv, "n:p:s:")) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'p': path = optarg; break;
		case 's': g_state = optarg; break;
		default:
			std::fprintf(stderr, "usage: mctp-test-host-state [-n NAME] [-p PATH] [-s STATE]\n");
			return 2;
		}
	}
	auto ev = mctpxx::dbus::default_event();
	if (!ev)
		return die("event loop", -ev.error().code);
	auto bus = mctpxx::dbus::open_system();
	if (!bus)
		return die("system bus", -bus.error().code);
	sd_bus_slot *slot = nullptr;
	int r = sd_bus_add_object_vtable(bus->get(), &slot, path.c_str(), kIface, kVtable, nullptr);
	if (r < 0)
		return die("object", r);
	mctpxx::dbus::Slot owned(slot);
	if ((r = sd_bus_request_name(bus->get(), name.c_str(), 0)) < 0)
		return die("name", r);
	if ((r = sd_bus_attach_event(bus->get(), ev->get(), 0)) < 0)
		return die("attach", r);
	std::printf("host-state: serving %s at %s: %s\n", name.c_str(), path.c_str(), g_state.c_str());
	std::fflush(stdout);
	r = sd_event_loop(ev->get());
	return r < 0 ? die("loop", r) : 0;
}

// SPDX-License-Identifier: GPL-2.0
// mctp-pldmd: PLDM termini over MCTP (add-in cards and the like), found
// from the control daemon's endpoints and published on D-Bus as board
// inventory items (FRU data, health) with their numeric sensors; it
// receives their platform events to update sensors at once.
#include <systemd/sd-daemon.h>

#include <cstdio>
#include <string>

#include "command_line.hpp"
#include "config.hpp"
#include "daemon/log.hpp"
#include "daemon/run.hpp"
#include "endpoints/endpoint_watch.hpp"
#include "endpoints/mailbox.hpp"
#include "event_receiver.hpp"
#include "publisher.hpp"
#include "termini.hpp"

using namespace mctpxx;
using namespace mctpxx::pldmd;
using daemon::fatal;

int main(int argc, char **argv)
{
	std::string file = kDefaultConfigFile;
	bool check = false, verbose = false;
	mctpxx::cli::CommandLine cl(
		"mctp-pldmd", "[OPTIONS]",
		"PLDM termini over MCTP: finds the PLDM endpoints the control daemon\n"
		"publishes, reads their FRU data and sensors, receives their events and\n"
		"publishes them on D-Bus.");
	cl.text("-c,--config", file, "FILE", "Configuration file (default: " + file + ")");
	cl.flag("--check", check, "Check the configuration and exit");
	cl.flag("-v,--verbose", verbose, "Debug messages");
	if (auto status = cl.parse(argc, argv))
		return *status;
	daemon::log_init("mctp-pldmd", verbose);

	auto cfg = load_config(file);
	if (!cfg)
		return fatal(cfg.error().message);
	if (check) {
		std::printf("%s: configuration OK\n", file.c_str());
		return 0;
	}

	auto ev = daemon::event_loop();
	if (!ev)
		return fatal(ev.error().message);
	// the event receiver first: a missing capability or another program
	// bound to PLDM stops the daemon before anything else
	Termini *termini_ptr = nullptr;
	EventReceiver receiver([&](unsigned net, std::uint8_t eid,
				   const pldm::platform::PlatformEventRequest &e) {
		if (termini_ptr)
			termini_ptr->event(net, eid, e);
	});
	if (auto s = receiver.start(ev->get()); !s)
		return fatal(s.error().message);
	auto bus = dbus::open_system();
	if (!bus)
		return fatal(bus.error().message);
	if (int r = sd_bus_attach_event(bus->get(), ev->get(), SD_EVENT_PRIORITY_NORMAL); r < 0)
		return fatal(dbus::error(r, "attaching the bus to the event loop").message);

	endpoints::Mailbox mailbox;
	if (auto s = mailbox.attach(ev->get()); !s)
		return fatal(s.error().message);
	Publisher publisher(bus->get());
	if (auto s = publisher.start(); !s)
		return fatal(s.error().message);
	{
		Termini termini(ev->get(), *cfg, mailbox, publisher);
		termini_ptr = &termini;
		endpoints::EndpointWatch watch(
			bus->get(), {.changed = [&](const endpoints::Endpoint &ep) { termini.endpoint_changed(ep); },
				     .gone = [&](const std::string &p) { termini.endpoint_gone(p); }});
		if (auto s = termini.start(); !s)
			return fatal(s.error().message);
		if (auto s = watch.start(); !s)
			return fatal(s.error().message);
		if (int r = sd_bus_request_name(bus->get(), kPldmService, 0); r < 0)
			return fatal(dbus::error(r, std::string("taking the name ") + kPldmService).message);
		sd_notify(0, "READY=1\nSTATUS=running");
		daemon::log_notice("ready");
		int r = sd_event_loop(ev->get());
		sd_notify(0, "STOPPING=1");
		if (r < 0)
			return fatal(dbus::error(r, "event loop").message);
		termini_ptr = nullptr;
	}
	daemon::log_notice("stopped");
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
// mctp-ncsid: network controllers over NC-SI (DSP0222) on MCTP (DSP0261),
// found from the control daemon's endpoints: their packages and channels
// are set up, their AENs received, and each channel's link, speed, MAC and
// firmware published on D-Bus.
#include <systemd/sd-daemon.h>

#include <cstdio>
#include <string>

#include "aen_receiver.hpp"
#include "command_line.hpp"
#include "config.hpp"
#include "controllers.hpp"
#include "daemon/log.hpp"
#include "daemon/run.hpp"
#include "endpoints/endpoint_watch.hpp"
#include "publisher.hpp"

using namespace mctpxx;
using namespace mctpxx::ncsid;
using daemon::fatal;

int main(int argc, char **argv)
{
	std::string file = kDefaultConfigFile;
	bool check = false, verbose = false;
	mctpxx::cli::CommandLine cl(
		"mctp-ncsid", "[OPTIONS]",
		"Network controllers over NC-SI on MCTP: finds the NC-SI endpoints the\n"
		"control daemon publishes, sets up their packages and channels, receives\n"
		"their AENs and publishes each channel's link, speed, MAC and firmware on D-Bus.");
	cl.text("-c,--config", file, "FILE", "Configuration file (default: " + file + ")");
	cl.flag("--check", check, "Check the configuration and exit");
	cl.flag("-v,--verbose", verbose, "Debug messages");
	if (auto status = cl.parse(argc, argv))
		return *status;
	daemon::log_init("mctp-ncsid", verbose);

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
	// the AEN receiver first: a missing capability or another program
	// bound to NC-SI stops the daemon before anything else
	Controllers *controllers_ptr = nullptr;
	AenReceiver receiver([&](unsigned net, std::uint8_t eid, const ncsi::Aen &a) {
		if (controllers_ptr)
			controllers_ptr->aen(net, eid, a);
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
		Controllers controllers(ev->get(), *cfg, mailbox, publisher);
		controllers_ptr = &controllers;
		endpoints::EndpointWatch watch(
			bus->get(),
			{.changed = [&](const endpoints::Endpoint &ep) { controllers.endpoint_changed(ep); },
			 .gone = [&](const std::string &p) { controllers.endpoint_gone(p); }});
		if (auto s = controllers.start(); !s)
			return fatal(s.error().message);
		if (auto s = watch.start(); !s)
			return fatal(s.error().message);
		if (int r = sd_bus_request_name(bus->get(), kNcsiService, 0); r < 0)
			return fatal(dbus::error(r, std::string("taking the name ") + kNcsiService).message);
		sd_notify(0, "READY=1\nSTATUS=running");
		daemon::log_notice("ready");
		int r = sd_event_loop(ev->get());
		sd_notify(0, "STOPPING=1");
		if (r < 0)
			return fatal(dbus::error(r, "event loop").message);
		controllers_ptr = nullptr;
	}
	daemon::log_notice("stopped");
	return 0;
}

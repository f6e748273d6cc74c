// SPDX-License-Identifier: GPL-2.0
// mctp-nvmed: NVMe drives over MCTP (NVMe-MI through Debian's libnvme-mi),
// found from the control daemon's endpoints and published on D-Bus as
// inventory items with health, firmware version and a temperature sensor;
// drives with only the NVMe-MI Basic Management Command from the
// configuration, read over SMBus.
#include <systemd/sd-daemon.h>

#include <cstdio>
#include <string>

#include "basic_drives.hpp"
#include "command_line.hpp"
#include "config.hpp"
#include "daemon/log.hpp"
#include "daemon/run.hpp"
#include "drives.hpp"
#include "endpoints/endpoint_watch.hpp"
#include "endpoints/mailbox.hpp"
#include "publisher.hpp"

using namespace mctpxx;
using namespace mctpxx::nvmed;
using daemon::fatal;

int main(int argc, char **argv)
{
	std::string file = kDefaultConfigFile;
	bool check = false, verbose = false;
	mctpxx::cli::CommandLine cl(
		"mctp-nvmed", "[OPTIONS]",
		"NVMe drives over MCTP: finds the NVMe-MI endpoints the control daemon\n"
		"publishes, polls their health and temperature, and publishes them on D-Bus.");
	cl.text("-c,--config", file, "FILE", "Configuration file (default: " + file + ")");
	cl.flag("--check", check, "Check the configuration and exit");
	cl.flag("-v,--verbose", verbose, "Debug messages");
	if (auto status = cl.parse(argc, argv))
		return *status;
	daemon::log_init("mctp-nvmed", verbose);

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
	auto bus = dbus::open_system();
	if (!bus)
		return fatal(bus.error().message);
	if (int r = sd_bus_attach_event(bus->get(), ev->get(), SD_EVENT_PRIORITY_NORMAL); r < 0)
		return fatal(dbus::error(r, "attaching the bus to the event loop").message);

	Mailbox mailbox;
	if (auto s = mailbox.attach(ev->get()); !s)
		return fatal(s.error().message);
	Publisher publisher(bus->get());
	if (auto s = publisher.start(); !s)
		return fatal(s.error().message);
	{
		Drives drives(ev->get(), *cfg, mailbox, publisher);
		EndpointWatch watch(bus->get(),
				    {.changed = [&](const Endpoint &ep) { drives.endpoint_changed(ep); },
				     .gone = [&](const std::string &p) { drives.endpoint_gone(p); }});
		BasicDrives basic_drives(ev->get(), *cfg, mailbox, publisher);
		if (auto s = drives.start(); !s)
			return fatal(s.error().message);
		if (auto s = basic_drives.start(); !s)
			return fatal(s.error().message);
		if (auto s = watch.start(); !s)
			return fatal(s.error().message);
		if (int r = sd_bus_request_name(bus->get(), kNvmeService, 0); r < 0)
			return fatal(dbus::error(r, std::string("taking the name ") + kNvmeService).message);
		sd_notify(0, "READY=1\nSTATUS=running");
		daemon::log_notice("ready");
		int r = sd_event_loop(ev->get());
		sd_notify(0, "STOPPING=1");
		if (r < 0)
			return fatal(dbus::error(r, "event loop").message);
	}
	daemon::log_notice("stopped");
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
// mctp-ctrld: MCTP control daemon. Bus owner on SMBus links (discovery,
// EID assignment, routes, recovery, host power), endpoint for this host's
// own EIDs, and the endpoints on D-Bus.
#include <systemd/sd-daemon.h>

#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include "bus_owner.hpp"
#include "command_line.hpp"
#include "daemon_config.hpp"
#include "dbus_ccapi.hpp"
#include "dbus_service.hpp"
#include "endpoint_role.hpp"
#include "host_state.hpp"
#include "link_watch.hpp"
#include "daemon/run.hpp"
#include "log.hpp"
#include "publishers.hpp"

namespace {

using namespace mctpxx;
using namespace mctpxx::ctrld;
using daemon::fatal;

// Everything the daemon runs, torn down in a safe order: tasks first,
// then the objects they used, the bus, the loop.
class Daemon {
public:
	Daemon(const Config &cfg, dbus::Event ev, nl::Netlink nl, dbus::Bus bus)
		: cfg_(cfg), ev_(std::move(ev)), nl_(std::move(nl)), bus_(std::move(bus)),
		  scope_([](std::exception_ptr e) {
			  try {
				  std::rethrow_exception(e);
			  } catch (const std::exception &x) {
				  log_error(std::string("task failed: ") + x.what());
			  }
		  }),
		  ctl_(Loop(ev_.get()), {cfg.timing.request_timeout, cfg.timing.retries}),
		  owner_(cfg, Loop(ev_.get()), nl_, I2cSysfs(), ctl_, scope_),
		  dbus_(bus_.get(), owner_, Loop(ev_.get()), scope_, cfg.dbus_service),
		  ccapi_(bus_.get(), owner_, nl_, cfg, Loop(ev_.get()), scope_),
		  publishers_({&dbus_, &ccapi_}),
		  local_(cfg, ev_.get(), nl_),
		  links_(ev_.get(),
			 [this](const std::string &what, int gone) {
				 owner_.link_changed(what, gone);
				 ccapi_.links_changed();
			 })
	{
		owner_.set_publisher(&publishers_);
	}
	Daemon(const Daemon &) = delete;
	Daemon &operator=(const Daemon &) = delete;
	~Daemon()
	{
		scope_.clear();
		owner_.set_publisher(nullptr);
	}

	Status start(bool endpoint_role)
	{
		if (auto s = dbus_.start(); !s)
			return s;
		if (auto s = ccapi_.start(); !s)
			return s;
		if (endpoint_role) {
			local_.on_discovery_notify(
				[this](const std::string &link, const std::vector<std::uint8_t> &phys) {
					scope_.spawn(announced(link, phys));
				});
		}
		if (endpoint_role)
			if (auto s = local_.start(); !s)
				log_warning("endpoint role disabled: " + s.error().message);
		if (cfg_.host) {
			host_.emplace(bus_.get(), *cfg_.host, [this](bool on) { owner_.host_changed(on); });
			if (auto s = host_->start(); !s)
				return s;
		}
		if (auto s = links_.start(nl_); !s)
			log_warning("not following link changes (" + s.error().message +
				    "): links are found at periodic rescans only");
		owner_.start();
		return {};
	}

	int run()
	{
		int r = sd_event_loop(ev_.get());
		if (r < 0) {
			log_error(dbus::error(r, "event loop").message);
			return 1;
		}
		return 0;
	}

private:
	// An endpoint sent Discovery Notify: set it up as a probe that found
	// it would, or give a known one its EID back (BusOwner::announced).
	Task<void> announced(std::string link, std::vector<std::uint8_t> phys)
	{
		char addr[8];
		std::snprintf(addr, sizeof(addr), "0x%02x", phys.front());
		const std::string who = "endpoint at " + link + " " + addr;
		log_info(who + " announced itself (Discovery Notify)");
		auto r = co_await owner_.announced(link, std::move(phys));
		if (!r)
			log_notice(who + " announced itself but was not set up: " + r.error().message);
	}

	const Config &cfg_;
	dbus::Event ev_;
	nl::Netlink nl_;
	dbus::Bus bus_;
	Scope scope_;
	Controller ctl_;
	BusOwner owner_;
	DbusService dbus_;
	CcapiService ccapi_;
	Publishers publishers_;
	LocalEndpoint local_;
	LinkWatch links_;
	std::optional<HostWatch> host_;
};

} // namespace

int main(int argc, char **argv)
{
	std::string file = kDefaultConfigFile;
	bool check = false, verbose = false, no_endpoint = false;
	mctpxx::cli::CommandLine cl(
		"mctp-ctrld", "[OPTIONS]",
		"MCTP control daemon: bus owner on SMBus links (discovery, EID assignment,\n"
		"routes, recovery, host power), endpoint for this host's own EIDs, and the\n"
		"endpoints on D-Bus.");
	cl.text("-c,--config", file, "FILE", "Configuration file (default: " + file + ")");
	cl.flag("--check", check, "Check the configuration and exit");
	cl.flag("--no-endpoint", no_endpoint, "Do not answer control requests for own EIDs");
	cl.flag("-v,--verbose", verbose, "Debug messages");
	if (auto status = cl.parse(argc, argv))
		return *status;
	const bool endpoint_role = !no_endpoint;
	log_init("mctp-ctrld", verbose);

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
	auto nl = nl::Netlink::open();
	if (!nl)
		return fatal(nl.error().message);
	auto bus = dbus::open_system();
	if (!bus)
		return fatal(bus.error().message);
	if (int r = sd_bus_attach_event(bus->get(), ev->get(), SD_EVENT_PRIORITY_NORMAL); r < 0)
		return fatal(dbus::error(r, "attaching the bus to the event loop").message);

	Daemon d(*cfg, std::move(*ev), std::move(*nl), std::move(*bus));
	if (auto s = d.start(endpoint_role); !s)
		return fatal(s.error().message);
	sd_notify(0, "READY=1\nSTATUS=running");
	log_notice("ready");
	const int rc = d.run();
	sd_notify(0, "STOPPING=1");
	return rc;
}

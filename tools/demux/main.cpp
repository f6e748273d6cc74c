// SPDX-License-Identifier: GPL-2.0
// mctp-demux-bridge: serves libmctp demux clients (pldmd's mctp-demux
// transport and the like) on the abstract AF_UNIX socket "\0mctp-mux" and
// carries their messages over the kernel's AF_MCTP sockets.
#include <systemd/sd-daemon.h>

#include <string>

#include "bridge.hpp"
#include "command_line.hpp"
#include "listen.hpp"
#include "daemon/run.hpp"
#include "log.hpp"

namespace {

using namespace mctpxx;
using namespace mctpxx::demux;
using daemon::fatal;

} // namespace

int main(int argc, char **argv)
{
	BridgeOptions opts;
	std::string name = kDefaultSocketName;
	bool verbose = false;
	mctpxx::cli::CommandLine cl(
		"mctp-demux-bridge", "[OPTIONS]",
		"Serves libmctp demux clients on the abstract AF_UNIX socket \"\\0mctp-mux\"\n"
		"(socket-activated, or bound here) and carries their messages over AF_MCTP.");
	cl.number("-n,--net", opts.net, 0, 0xffffffffu, "network", "NET",
		  "MCTP network to send in and listen on (default: any)");
	cl.number("-m,--max-clients", opts.max_clients, 1, 4096, "client limit", "N",
		  "Clients served at once; more are refused (default: 64)");
	cl.text("-s,--socket", name, "NAME",
		"Abstract socket name when not socket-activated (default: mctp-mux)");
	cl.flag("-v,--verbose", verbose, "Debug messages (every message carried)");
	if (auto status = cl.parse(argc, argv))
		return *status;
	log_init("mctp-demux-bridge", verbose);


	auto listener = open_listener(name);
	if (!listener)
		return fatal(listener.error().message);
	auto ev = daemon::event_loop();
	if (!ev)
		return fatal(ev.error().message);

	const bool activated = listener->activated;
	Bridge bridge(ev->get(), std::move(listener->fd), opts);
	if (auto s = bridge.start(); !s)
		return fatal(s.error().message);
	sd_notify(0, "READY=1\nSTATUS=serving");
	log_notice(std::string("ready: serving ") +
		   (activated ? "the socket systemd passed" : "@" + name) + ", net " +
		   (opts.net == kNetAny ? std::string("any") : std::to_string(opts.net)) +
		   ", up to " + std::to_string(opts.max_clients) + " clients");
	int r = sd_event_loop(ev->get());
	sd_notify(0, "STOPPING=1");
	if (r < 0)
		return fatal(dbus::error(r, "event loop").message);
	log_notice("stopped");
	return 0;
}

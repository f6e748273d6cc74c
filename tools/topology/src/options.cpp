// SPDX-License-Identifier: GPL-2.0
#include "topology/options.hpp"

#include <ostream>

#include "command_line.hpp"

namespace mctpxx::topology {

std::optional<int> parse_options(const std::vector<std::string> &args, Options &o,
				 std::ostream &out, std::ostream &err)
{
	cli::CommandLine cl(
		"mctp-topology", "[show] [-j] [-d] [--problems] [--service] | serve [OPTIONS]",
		"Everything the MCTP stack knows, from the physical path down: i2c bus, mux\n"
		"channel, SMBus address, endpoint, function (NVMe, PLDM, NC-SI), each\n"
		"present or not, usable or not and why. Built from the daemons' D-Bus\n"
		"objects and the kernel's device tree; nothing is sent on a bus.\n"
		"`serve` publishes the same tree on D-Bus (org.mctpstack.Topology).");
	cl.flag("-j,--json", o.json, "JSON (schema in mctp-topology(1))");
	cl.flag("-d,--details", o.details, "How each node is known to be there, and its identity");
	cl.flag("--problems", o.problems, "Only what is absent or not usable, with its parents");
	cl.flag("--service", o.from_service,
		"Show the tree mctp-topology serve publishes instead of building one");
	cl.number("--debounce-ms", o.debounce_ms, 10, 10000, "debounce", "MS",
		  "serve: rebuild this long after a change (default 200)");
	cl.number("--refresh-s", o.refresh_s, 1, 3600, "refresh interval", "S",
		  "serve: re-read sysfs at least this often (default 10)");
	cl.flag("-v,--verbose", o.verbose, "serve: debug messages");
	cl.footer("Commands: show (the default) prints the tree; serve keeps it on D-Bus.\n");

	std::vector<std::string> rest = args;
	if (!rest.empty() && (rest.front() == "show" || rest.front() == "serve")) {
		o.command = rest.front() == "serve" ? Options::Command::Serve : Options::Command::Show;
		rest.erase(rest.begin());
	}
	auto r = cl.evaluate(rest);
	switch (r.kind) {
	case cli::Outcome::Kind::Help:
		out << r.text;
		return 0;
	case cli::Outcome::Kind::Version:
		out << r.text << "\n";
		return 0;
	case cli::Outcome::Kind::UsageError:
		return cl.usage_error(r.text, err);
	case cli::Outcome::Kind::Run:
		break;
	}
	if (o.command == Options::Command::Serve && (o.json || o.details || o.problems || o.from_service))
		return cl.usage_error("serve takes no -j, -d, --problems or --service", err);
	return std::nullopt;
}

} // namespace mctpxx::topology

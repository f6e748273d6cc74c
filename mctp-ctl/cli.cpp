// SPDX-License-Identifier: GPL-2.0
#include "cli.hpp"

#include <iostream>
#include <memory>
#include <vector>

#include "command_line.hpp"

namespace mctpxx::ctl {
namespace {

// The global options into @o, and what --help shows.
std::unique_ptr<cli::CommandLine> command_line(Options &o)
{
	auto cl = std::make_unique<cli::CommandLine>(
		"mctp-ctl", "[OPTIONS] OBJECT COMMAND [ARGS]",
		"Configures the kernel's MCTP stack over rtnetlink: links, addresses, routes and\n"
		"neighbours, and the state a configuration file describes (apply).");
	cl->flag("-j,--json", o.json, "JSON output");
	cl->flag("-d,--details", o.details, "More detail");
	cl->text(
		"-n,--netns", [&o](const std::string &ns) { o.netns = ns; }, "NETNS",
		"Run in network namespace NETNS (a name under /run/netns, as with `ip -n`, or a path)");
	cl->flag("--dry-run", o.dry_run, "With apply: print the changes, change nothing");
	// the options come first, as with ip(8): from OBJECT on the words are
	// the object grammar's, whatever they look like
	cl->words_after_options();
	cl->footer("OBJECT := link | address | route | neigh | monitor | apply | help\n"
		   "Words may be abbreviated; \"mctp-ctl OBJECT help\" shows an object's commands.");
	return cl;
}

Error usage(std::string msg)
{
	return Error{EINVAL, std::move(msg)};
}

} // namespace

Result<Parsed> parse(std::span<const std::string> args)
{
	Parsed p{};
	auto o = command_line(p.options)->evaluate({args.begin(), args.end()});
	using K = cli::Outcome::Kind;
	switch (o.kind) {
	case K::Help:
		p.command = Help{""};
		return p;
	case K::Version:
		p.command = Version{o.text};
		return p;
	case K::UsageError:
		return fail(usage(o.text));
	case K::Run:
		break;
	}
	if (o.words.empty())
		return fail(usage("missing OBJECT"));
	if (o.words[0].size() > 1 && o.words[0][0] == '-')
		return fail(usage("unknown option \"" + o.words[0] + "\""));
	auto cmd = parse_command(o.words, p.options);
	if (!cmd)
		return fail(cmd.error());
	if (p.options.dry_run && !std::holds_alternative<Apply>(*cmd))
		return fail(usage("--dry-run goes with apply only"));
	p.command = std::move(*cmd);
	return p;
}

std::string main_help()
{
	Options o;
	return command_line(o)->help();
}

int usage_error(const std::string &message)
{
	Options o;
	return command_line(o)->usage_error(message, std::cerr);
}

} // namespace mctpxx::ctl

// SPDX-License-Identifier: GPL-2.0
#include "cli.hpp"

#include <iostream>
#include <memory>
#include <vector>

#include "command_line.hpp"

namespace mctp::ctl {
namespace {

// The global options into @o, and what --help shows.
std::unique_ptr<CLI::App> make_app(Options &o)
{
	auto app = std::make_unique<CLI::App>(
		"Configures the kernel's MCTP stack over rtnetlink: links, addresses, routes and\n"
		"neighbours, and the state a configuration file describes (apply).",
		"mctp-ctl");
	cli::setup(*app, "[OPTIONS] OBJECT COMMAND [ARGS]");
	app->add_flag("-j,--json", o.json, "JSON output");
	app->add_flag("-d,--details", o.details, "More detail");
	app->add_option_function<std::string>(
		   "-n,--netns", [&o](const std::string &ns) { o.netns = ns; },
		   "Run in network namespace NETNS (a name under /run/netns, as with `ip -n`, or a path)")
		->type_name("NETNS");
	app->add_flag("--dry-run", o.dry_run, "With apply: print the changes, change nothing");
	// the options come first, as with ip(8): from OBJECT on the words are
	// the object grammar's, whatever they look like
	app->prefix_command();
	app->footer("OBJECT := link | address | route | neigh | monitor | apply | help\n"
		    "Words may be abbreviated; \"mctp-ctl OBJECT help\" shows an object's commands.");
	return app;
}

Error usage(std::string msg)
{
	return Error{EINVAL, std::move(msg)};
}

} // namespace

Result<Parsed> parse(std::span<const std::string> args)
{
	Parsed p{};
	auto app = make_app(p.options);
	std::vector<std::string> reversed(args.rbegin(), args.rend());
	try {
		app->parse(reversed);
	} catch (const CLI::CallForHelp &) {
		p.command = Help{""};
		return p;
	} catch (const CLI::CallForVersion &v) {
		p.command = Version{v.what()};
		return p;
	} catch (const CLI::ParseError &e) {
		return fail(usage(e.what()));
	}
	const std::vector<std::string> words = app->remaining();
	if (words.empty())
		return fail(usage("missing OBJECT"));
	if (words[0].size() > 1 && words[0][0] == '-')
		return fail(usage("unknown option \"" + words[0] + "\""));
	auto cmd = parse_command(words, p.options);
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
	return make_app(o)->help();
}

int usage_error(const std::string &message)
{
	Options o;
	return cli::usage_error(*make_app(o), message, std::cerr);
}

} // namespace mctp::ctl

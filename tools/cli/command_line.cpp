// SPDX-License-Identifier: GPL-2.0
#include "command_line.hpp"

#include <algorithm>
#include <iostream>
#include <memory>

#include "mctp/version.hpp"

namespace mctp::cli {
namespace {

// CLI11's help with our usage line: the program's words, not "[OPTIONS]"
// alone.
class Formatter : public CLI::Formatter {
public:
	explicit Formatter(std::string usage) : usage_(std::move(usage)) {}
	std::string make_usage(const CLI::App *app, std::string) const override
	{
		return usage_line(*app) + "\n";
	}
	static std::string usage_line(const CLI::App &app)
	{
		auto f = std::dynamic_pointer_cast<Formatter>(app.get_formatter());
		return "Usage: " + app.get_name() + (f ? " " + f->usage_ : "");
	}

private:
	std::string usage_;
};

} // namespace

void setup(CLI::App &app, const std::string &usage)
{
	app.formatter(std::make_shared<Formatter>(usage));
	// as getopt: an option given twice takes its last value
	app.option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
	app.set_version_flag("-V,--version",
			     app.get_name() + " (mctp-stack) " + std::string(kVersion),
			     "Print the version and exit");
	app.get_help_ptr()->description("Print this help and exit");
}

int usage_error(const CLI::App &app, const std::string &message, std::ostream &err)
{
	err << app.get_name() << ": " << message << "\n"
	    << Formatter::usage_line(app) << "\n"
	    << "Try '" << app.get_name() << " --help' for more information.\n";
	return kUsageError;
}

std::optional<int> parse(CLI::App &app, std::vector<std::string> args, std::ostream &out,
			 std::ostream &err)
{
	std::reverse(args.begin(), args.end()); // CLI11 takes them last first
	try {
		app.parse(args);
	} catch (const CLI::CallForHelp &) {
		out << app.help();
		return 0;
	} catch (const CLI::CallForAllHelp &) {
		out << app.help("", CLI::AppFormatMode::All);
		return 0;
	} catch (const CLI::CallForVersion &v) {
		out << v.what() << "\n";
		return 0;
	} catch (const CLI::ParseError &e) {
		return usage_error(app, e.what(), err);
	}
	return std::nullopt;
}

std::optional<int> parse(CLI::App &app, int argc, char **argv)
{
	return parse(app, std::vector<std::string>(argv + 1, argv + argc), std::cout, std::cerr);
}

} // namespace mctp::cli

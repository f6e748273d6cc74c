// SPDX-License-Identifier: GPL-2.0
#include "command_line.hpp"

#include <algorithm>
#include <iostream>

#include <CLI/CLI.hpp>

#include "mctpxx/args.hpp"
#include "mctpxx/version.hpp"

namespace mctpxx::cli {
namespace {

// CLI11's help with our usage line (the program's words, not "[OPTIONS]"
// alone), then the description.
class Formatter : public CLI::Formatter {
public:
	explicit Formatter(std::string usage) : usage_(std::move(usage)) {}
	std::string make_description(const CLI::App *) const override { return {}; }
	std::string make_usage(const CLI::App *app, std::string) const override
	{
		return usage_ + "\n\n" + app->get_description() + "\n";
	}

private:
	std::string usage_;
};

unsigned long checked_number(const std::string &text, unsigned long lo, unsigned long hi,
			     const std::string &what)
{
	auto v = parse_number(text, lo, hi, what);
	if (!v)
		throw CLI::ValidationError(v.error().message);
	return *v;
}

} // namespace

Option &Option::required()
{
	opt_->required();
	return *this;
}

Option &Option::excludes(const Option &other)
{
	opt_->excludes(other.opt_);
	return *this;
}

CommandLine::CommandLine(const std::string &name, const std::string &usage,
			 const std::string &description)
	: app_(std::make_unique<CLI::App>(description, name)), usage_("Usage: " + name + " " + usage)
{
	app_->formatter(std::make_shared<Formatter>(usage_));
	// as getopt: an option given twice takes its last value
	app_->option_defaults()->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
	app_->set_version_flag("-V,--version", name + " (mctp-stack) " + std::string(kVersion),
			       "Print the version and exit");
	app_->get_help_ptr()->description("Print this help and exit");
}

CommandLine::~CommandLine() = default;

Option CommandLine::flag(const std::string &flags, bool &out, const std::string &help)
{
	return Option(app_->add_flag(flags, out, help));
}

Option CommandLine::text(const std::string &flags, std::function<void(const std::string &)> store,
			 const std::string &value, const std::string &help)
{
	return Option(app_->add_option_function<std::string>(flags, std::move(store), help)
			      ->type_name(value));
}

Option CommandLine::text(const std::string &flags, std::string &out, const std::string &value,
			 const std::string &help)
{
	return text(flags, [&out](const std::string &s) { out = s; }, value, help);
}

Option CommandLine::number_option(const std::string &flags,
				  std::function<void(unsigned long)> store, unsigned long lo,
				  unsigned long hi, const std::string &what,
				  const std::string &value, const std::string &help)
{
	auto parse = [store = std::move(store), lo, hi, what](const std::string &s) {
		store(checked_number(s, lo, hi, what));
	};
	return text(flags, parse, value, help);
}

Option CommandLine::numbers(const std::string &flags, std::vector<std::size_t> &out,
			    unsigned long lo, unsigned long hi, const std::string &what,
			    const std::string &value, const std::string &help)
{
	auto parse = [&out, lo, hi, what](const std::vector<std::string> &items) {
		out.clear();
		for (const auto &item : items)
			out.push_back(checked_number(item, lo, hi, what));
	};
	return Option(app_->add_option_function<std::vector<std::string>>(flags, parse, help)
			      ->delimiter(',')
			      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
			      ->type_name(value));
}

void CommandLine::words_after_options()
{
	app_->prefix_command();
}

void CommandLine::footer(const std::string &text)
{
	app_->footer(text);
}

Outcome CommandLine::evaluate(std::vector<std::string> args)
{
	using K = Outcome::Kind;
	std::reverse(args.begin(), args.end()); // CLI11 takes them last first
	try {
		app_->parse(args);
	} catch (const CLI::CallForHelp &) {
		return {K::Help, help(), {}};
	} catch (const CLI::CallForVersion &v) {
		return {K::Version, v.what(), {}};
	} catch (const CLI::ParseError &e) {
		return {K::UsageError, e.what(), {}};
	}
	return {K::Run, {}, app_->remaining()};
}

std::string CommandLine::help() const
{
	return app_->help();
}

int CommandLine::usage_error(const std::string &message, std::ostream &err) const
{
	err << app_->get_name() << ": " << message << "\n"
	    << usage_ << "\n"
	    << "Try '" << app_->get_name() << " --help' for more information.\n";
	return kUsageError;
}

std::optional<int> CommandLine::parse(int argc, char **argv)
{
	auto o = evaluate(std::vector<std::string>(argv + 1, argv + argc));
	switch (o.kind) {
	case Outcome::Kind::Run:
		return std::nullopt;
	case Outcome::Kind::Help:
		std::cout << o.text;
		return 0;
	case Outcome::Kind::Version:
		std::cout << o.text << "\n";
		return 0;
	case Outcome::Kind::UsageError:
		break;
	}
	return usage_error(o.text, std::cerr);
}

} // namespace mctpxx::cli

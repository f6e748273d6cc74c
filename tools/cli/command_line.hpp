// SPDX-License-Identifier: GPL-2.0
// The command line of every program here, on CLI11: -h/--help and
// -V/--version print to stdout and exit 0; a bad argument is named on
// stderr with the usage line and exits 2; numbers read as everywhere else
// in this project (decimal or 0x hex, range checked, mctp::parse_number).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "mctp/args.hpp"

namespace mctp::cli {

inline constexpr int kUsageError = 2;

// Gives @app -h/--help, -V/--version ("NAME (mctp-stack) VERSION") and
// @usage as the rest of its usage line (after the program name).
void setup(CLI::App &app, const std::string &usage);

// Parses @args (the words after the program name). nullopt: go on;
// otherwise the exit status, the help or version printed to @out (0) or
// the error and the usage line to @err (2).
std::optional<int> parse(CLI::App &app, std::vector<std::string> args, std::ostream &out,
			 std::ostream &err);
std::optional<int> parse(CLI::App &app, int argc, char **argv);

// A usage error found after parsing (e.g. two options that exclude each
// other), printed like the parser's own; returns kUsageError.
int usage_error(const CLI::App &app, const std::string &message, std::ostream &err);

// An option taking a number in [lo, hi] (decimal or 0x hex) into @out;
// a bad value's error names @what.
template <typename T>
CLI::Option *number(CLI::App &app, const std::string &flags, T &out, unsigned long lo,
		    unsigned long hi, const std::string &what, const std::string &help)
{
	auto store = [&out, lo, hi, what](const std::string &text) {
		auto v = parse_number(text, lo, hi, what);
		if (!v)
			throw CLI::ValidationError(v.error().message);
		out = static_cast<T>(*v);
	};
	return app.add_option_function<std::string>(flags, store, help)->type_name("N");
}

} // namespace mctp::cli

// SPDX-License-Identifier: GPL-2.0
// The command line of every program here, on CLI11 (which only
// command_line.cpp includes, so that it is compiled once): -h/--help and
// -V/--version print to stdout and exit 0; a bad argument is named on
// stderr with the usage line and exits 2; numbers read as everywhere else
// in this project (decimal or 0x hex, range checked, mctpxx::parse_number).
#pragma once

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace CLI {
class App;
class Option;
} // namespace CLI

namespace mctpxx::cli {

inline constexpr int kUsageError = 2;

// An option just added, to say more about it.
class Option {
public:
	Option &required();
	Option &excludes(const Option &other);

private:
	friend class CommandLine;
	explicit Option(CLI::Option *o) : opt_(o) {}
	CLI::Option *opt_;
};

// What the words given to a program come to.
struct Outcome {
	enum class Kind { Run, Help, Version, UsageError };
	Kind kind = Kind::Run;
	std::string text;		// the help, the version line or the error
	std::vector<std::string> words; // Run, with words_after_options()
};

class CommandLine {
public:
	// @usage: the usage line after the program's name; @description:
	// what --help says first.
	CommandLine(const std::string &name, const std::string &usage,
		    const std::string &description);
	CommandLine(const CommandLine &) = delete;
	CommandLine &operator=(const CommandLine &) = delete;
	~CommandLine();

	// @flags: "-x,--long" or "--long"; @value: the value's name in help.
	Option flag(const std::string &flags, bool &out, const std::string &help);
	Option text(const std::string &flags, std::function<void(const std::string &)> store,
		    const std::string &value, const std::string &help);
	Option text(const std::string &flags, std::string &out, const std::string &value,
		    const std::string &help);
	// A number in [lo, hi], decimal or 0x hex; a bad one's error names
	// @what.
	template <typename T>
		requires std::is_arithmetic_v<T>
	Option number(const std::string &flags, T &out, unsigned long lo, unsigned long hi,
		      const std::string &what, const std::string &value, const std::string &help)
	{
		return number_option(
			flags, [&out](unsigned long v) { out = static_cast<T>(v); }, lo, hi, what,
			value, help);
	}
	// Comma-separated numbers in [lo, hi], replacing @out's contents.
	Option numbers(const std::string &flags, std::vector<std::size_t> &out, unsigned long lo,
		       unsigned long hi, const std::string &what, const std::string &value,
		       const std::string &help);
	// From the first word that is not an option on, the words are the
	// program's own (Outcome::words), whatever they look like.
	void words_after_options();
	void footer(const std::string &text);

	// The words after the program's name; prints nothing.
	Outcome evaluate(std::vector<std::string> args);
	std::string help() const;
	// Prints "NAME: MESSAGE", the usage line and a hint to @err; returns
	// kUsageError.
	int usage_error(const std::string &message, std::ostream &err) const;

	// Parses argv. nullopt: go on; otherwise the exit status, the help
	// or version printed to stdout (0) or the error to stderr (2).
	std::optional<int> parse(int argc, char **argv);

private:
	Option number_option(const std::string &flags, std::function<void(unsigned long)> store,
			     unsigned long lo, unsigned long hi, const std::string &what,
			     const std::string &value, const std::string &help);

	std::unique_ptr<CLI::App> app_;
	std::string usage_;
};

} // namespace mctpxx::cli

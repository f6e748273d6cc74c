// SPDX-License-Identifier: GPL-2.0
// mctp-ctl's whole command line: `mctp-ctl [OPTIONS] OBJECT COMMAND [ARGS]`.
// The global options, --help and --version go through CLI11 (as in every
// program here); from OBJECT on, the words go to the object grammar
// (grammar.hpp). Pure, so it can be unit tested.
#pragma once

#include <span>
#include <string>

#include "grammar.hpp"

namespace mctpxx::ctl {

// Errors name the bad option or word; the caller prints them with
// usage_error().
Result<Parsed> parse(std::span<const std::string> args);

// `mctp-ctl --help`: description, usage, options and objects.
std::string main_help();
// Prints "mctp-ctl: MESSAGE" and the usage line to stderr; returns 2.
int usage_error(const std::string &message);

} // namespace mctpxx::ctl

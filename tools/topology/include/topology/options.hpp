// SPDX-License-Identifier: GPL-2.0
// mctp-topology's command line:
//   mctp-topology [show] [-j] [-d] [--problems] [--service]
//   mctp-topology serve [--debounce-ms MS] [--refresh-s S] [-v]
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace mctpxx::topology {

struct Options {
	enum class Command { Show, Serve } command = Command::Show;
	bool json = false, details = false, problems = false, from_service = false;
	bool verbose = false;
	unsigned debounce_ms = 200;
	unsigned refresh_s = 10;
};

// The words after the program's name into @o. nullopt: run; otherwise the
// exit status, with the help or version on @out (0) or the error on @err
// (2).
std::optional<int> parse_options(const std::vector<std::string> &args, Options &o,
				 std::ostream &out, std::ostream &err);

} // namespace mctpxx::topology

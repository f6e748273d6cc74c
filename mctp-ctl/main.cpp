// SPDX-License-Identifier: GPL-2.0
// mctp-ctl: configure MCTP links, addresses, routes and neighbours.
#include <string>
#include <vector>

#include "cli.hpp"
#include "run.hpp"

int main(int argc, char **argv)
{
	std::vector<std::string> args(argv + 1, argv + argc);
	auto parsed = mctpxx::ctl::parse(args);
	if (!parsed)
		return mctpxx::ctl::usage_error(parsed.error().message);
	return mctpxx::ctl::run(*parsed);
}

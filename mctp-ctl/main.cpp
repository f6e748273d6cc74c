// SPDX-License-Identifier: GPL-2.0
// mctp-ctl: configure MCTP links, addresses, routes and neighbours.
#include <cstdio>
#include <string>
#include <vector>

#include "grammar.hpp"
#include "run.hpp"

int main(int argc, char **argv)
{
	std::vector<std::string> args(argv + 1, argv + argc);
	auto parsed = mctp::ctl::parse(args);
	if (!parsed) {
		std::fprintf(stderr, "mctp-ctl: %s\n", parsed.error().message.c_str());
		return 2;
	}
	return mctp::ctl::run(*parsed);
}

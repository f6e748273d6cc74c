// SPDX-License-Identifier: GPL-2.0
// mctp-cycle-check: what the cycling and load tests see of the system
// (commands.hpp, `mctp-cycle-check help`): one command from the command
// line, or, with `serve`, a command per line from stdin, each answered by
// its output and a line "= STATUS", on the same D-Bus and rtnetlink
// connections throughout.
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"

int main(int argc, char **argv)
{
	using namespace mctpxx::cycle;
	const std::vector<std::string> args(argv + 1, argv + argc);
	if (args.empty() || args[0] == "help" || args[0] == "--help") {
		std::fputs(kUsage, args.empty() ? stderr : stdout);
		return args.empty() ? 2 : 0;
	}
	auto c = Connections::open();
	if (!c) {
		std::fprintf(stderr, "mctp-cycle-check: %s\n", c.error().message.c_str());
		return 1;
	}
	if (args[0] != "serve")
		return run_command(*c, args, stdout);
	std::string line;
	while (std::getline(std::cin, line)) {
		std::istringstream words(line);
		std::vector<std::string> cmd;
		for (std::string w; words >> w;)
			cmd.push_back(w);
		if (cmd.empty())
			continue;
		const int status = run_command(*c, cmd, stdout);
		std::printf("= %d\n", status);
		std::fflush(stdout);
	}
	return 0;
}

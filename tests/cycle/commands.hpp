// SPDX-License-Identifier: GPL-2.0
// The commands of mctp-cycle-check, on connections kept from one command
// to the next (a test runs hundreds of them; starting a program in the
// test VM costs far more than any of them).
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "dbus.hpp"
#include "mctpxx/error.hpp"
#include "mctpxx/netlink.hpp"

namespace mctpxx::cycle {

struct Connections {
	dbus::Bus bus;	// the system bus
	nl::Netlink nl; // rtnetlink, this network namespace

	static Result<Connections> open();
};

// Runs one command (its words, the command first) and returns its exit
// status: 0 done, 1 what was checked does not hold, 2 bad usage.
// Output and messages go to @out.
int run_command(Connections &c, const std::vector<std::string> &args, std::FILE *out);

extern const char *const kUsage;

} // namespace mctpxx::cycle

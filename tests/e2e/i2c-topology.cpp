// SPDX-License-Identifier: GPL-2.0
// mctp-test-i2c-topology: what mctp-ctrld's topology walk (tools/i2c's I2cSysfs, on
// sd-device) sees in the running kernel, one answer a line, for the VM
// tests to compare with the topology they built.
//
//   mctp-test-i2c-topology netdev DEV | parents BUS | descendants BUS |
//                          owner BUS ADDR
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "i2c/sysfs.hpp"

namespace {

using mctpxx::i2c::I2cSysfs;

void print_list(const std::vector<unsigned> &v)
{
	std::string s;
	for (unsigned n : v)
		s += (s.empty() ? "" : " ") + std::to_string(n);
	std::printf("%s\n", s.empty() ? "none" : s.c_str());
}

int usage()
{
	std::fprintf(stderr, "usage: mctp-test-i2c-topology netdev DEV | parents BUS | "
			     "descendants BUS | owner BUS ADDR\n");
	return 2;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 3)
		return usage();
	const std::string what = argv[1];
	const I2cSysfs t;
	const unsigned n = static_cast<unsigned>(std::strtoul(argv[2], nullptr, 0));
	if (what == "netdev") {
		auto b = t.bus_of_netdev(argv[2]);
		std::printf("%s\n", b ? std::to_string(*b).c_str() : "none");
	} else if (what == "parents") {
		print_list(t.parents(n));
	} else if (what == "descendants") {
		print_list(t.descendants(n));
	} else if (what == "owner" && argc == 4) {
		auto o = t.foreign_owner(n, static_cast<std::uint8_t>(std::strtoul(argv[3], nullptr, 0)));
		std::printf("%s\n", o ? o->c_str() : "free");
	} else {
		return usage();
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
// What build.cpp (the i2c tree and the endpoints) and build_functions.cpp
// (what the function daemons publish below an endpoint) share.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "topology/snapshot.hpp"
#include "topology/tree.hpp"

namespace mctpxx::topology::detail {

// A path component from any name: letters, digits and '_' kept, any other
// byte as "_XX" (hex).
std::string segment(const std::string &name);

struct Context {
	const Snapshot &s;
	std::uint64_t now_us;
	std::vector<Node> nodes;
	// node path of each endpoint object of mctp-ctrld
	std::map<std::string, std::string> endpoint_nodes;
	// the function nodes below each endpoint object
	std::map<std::string, unsigned> functions_of;

	Node &add(Node n)
	{
		nodes.push_back(std::move(n));
		return nodes.back();
	}
};

// "no response since ..." for a daemon's reason that says it does not
// answer; @reason itself otherwise.
std::string answer_reason(const std::string &reason, std::uint64_t last_us, std::uint64_t now_us);

// The NVMe drives, PLDM termini and NC-SI controllers below their
// endpoints' nodes, with their parts and sensors.
void add_functions(Context &c);

} // namespace mctpxx::topology::detail

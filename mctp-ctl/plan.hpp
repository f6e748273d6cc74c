// SPDX-License-Identifier: GPL-2.0
// Planning `mctp-ctl apply`: the changes that bring the system from its
// current state to a configuration's state. Pure: no system access.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "config.hpp"

namespace mctpxx::ctl {

// i2c client name our SMBus binding driver binds to.
inline constexpr const char *kSmbusClientName = "mctp-smbus";

struct SystemState {
	std::vector<nl::Link> links;
	std::vector<nl::AddrEntry> addrs;
	std::vector<nl::RouteEntry> routes;
	std::vector<nl::NeighEntry> neighs;
	std::set<unsigned> i2c_buses;			      // existing i2c-N
	std::set<std::pair<unsigned, std::uint8_t>> smbus_clients; // (bus, addr) bound
	bool smbus_driver = false; // the binding driver is registered
};

struct CreateSmbus {
	unsigned bus;
	std::uint8_t address;
	Origin origin;
};
struct SetLink {
	int ifindex;
	nl::LinkChange change;
};
struct AddAddr {
	nl::AddrEntry a;
};
struct DelAddr {
	nl::AddrEntry a;
};
struct AddRoute {
	nl::RouteEntry r;
};
struct DelRoute {
	nl::RouteEntry r;
};
struct AddNeigh {
	nl::NeighEntry n;
};
struct DelNeigh {
	nl::NeighEntry n;
};

using Op = std::variant<CreateSmbus, SetLink, AddAddr, DelAddr, AddRoute, DelRoute, AddNeigh,
			DelNeigh>;

struct Step {
	std::string text; // what a person reads, e.g. "add address 8 dev mctpi2c1"
	Op op;
};

// An entry that cannot be applied yet because something it needs is not
// there (yet): an i2c bus, the binding driver, a device.
struct Pending {
	Origin origin;
	std::string what; // e.g. "i2c bus 7 does not exist"
	std::string str() const { return origin.str() + ": " + what; }
};

// What can be done now, and what has to wait.
struct Plan {
	std::vector<Step> steps;
	std::vector<Pending> pending;
};

// SMBus bindings to create; a binding whose i2c bus does not exist, or
// while the binding driver is not registered, is pending.
Plan plan_smbus(const Config &c, const SystemState &s);

// Link, address, route and neighbour changes, in a safe order, for the
// devices that exist; entries on a missing device are pending. Error (with
// the config line) if a device the config names is not an MCTP device.
// Links named in the config are owned by it: their addresses, routes and
// neighbours not in the config are removed. Local routes are the kernel's.
Result<Plan> plan_netlink(const Config &c, const SystemState &s);

} // namespace mctpxx::ctl

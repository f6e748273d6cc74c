// SPDX-License-Identifier: GPL-2.0
// What the system shows about its endpoints at one moment: the control
// daemon's endpoint objects on D-Bus (one GetManagedObjects call) and the
// bus owner's routes and neighbours (rtnetlink dumps).
#pragma once

#include <systemd/sd-bus.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "mctpxx/error.hpp"
#include "mctpxx/netlink.hpp"

namespace mctpxx::cycle {

inline constexpr const char *kService = "xyz.openbmc_project.MCTP";
inline constexpr const char *kRoot = "/xyz/openbmc_project/mctp";

// One endpoint object, /xyz/openbmc_project/mctp/NET/EID.
struct EndpointObject {
	std::string path;
	unsigned net = 0;
	unsigned eid = 0;
	std::string uuid;
	std::string state, reason;
	std::string link;
	std::vector<std::uint8_t> phys;
	bool host_powered = false;
};

struct Route {
	unsigned eid = 0;
	std::string link;
};

struct Neighbour {
	unsigned eid = 0;
	std::string link;
	std::vector<std::uint8_t> lladdr;
};

struct SystemView {
	std::vector<EndpointObject> objects;
	// endpoint object paths as introspection shows them (busctl tree);
	// nullopt: not looked at
	std::optional<std::vector<std::string>> tree;
	std::vector<Route> routes;	  // unicast routes, through a link
	std::vector<Neighbour> neighbours;
};

// The endpoint objects the daemon publishes (every object under kRoot
// that has the Endpoint interface).
Result<std::vector<EndpointObject>> read_objects(sd_bus *bus);
// The paths below kRoot that introspection shows with the Endpoint
// interface, walking the tree as busctl tree does.
Result<std::vector<std::string>> introspect_endpoints(sd_bus *bus);
// Unicast routes and neighbours of this network namespace, links by name.
Status read_routing(nl::Netlink &nl, SystemView &v);

} // namespace mctpxx::cycle

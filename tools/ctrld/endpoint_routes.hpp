// SPDX-License-Identifier: GPL-2.0
// The kernel's tables as the bus owner uses them, over netlink: read for
// EID decisions, and an endpoint's neighbour (EID -> physical address)
// and route installed and removed.
#pragma once

#include <cstdint>

#include "decide.hpp"
#include "endpoint.hpp"
#include "mctpxx/netlink.hpp"

namespace mctpxx::ctrld {

// Links, addresses, routes and neighbours, one dump each.
Result<NetlinkView> take_netlink(nl::Netlink &nl);

// The neighbour and route to @eid at @p on @net; what is there already
// (a restart) is kept, a neighbour of @eid to another address replaced.
Status install_endpoint(nl::Netlink &nl, const PhysKey &p, unsigned net, std::uint8_t eid);

// Removes the route and neighbour of @ep; failures are only logged (the
// link may have taken them with it).
void uninstall_endpoint(nl::Netlink &nl, const Endpoint &ep);

} // namespace mctpxx::ctrld

// SPDX-License-Identifier: GPL-2.0
// Which EID an endpoint found at a physical address gets. Pure: the bus
// owner fills in what it knows (the probe's answers, its endpoints and
// remembered EIDs, the pool, netlink's tables, the configuration),
// decide() says what to do, and the bus owner does it (Set Endpoint ID,
// neighbour and route, D-Bus).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eid_pool.hpp"
#include "endpoint.hpp"
#include "mctpxx/error.hpp"
#include "mctpxx/netlink.hpp"

namespace mctpxx::ctrld {

enum class SetupMode {
	Discover,     // a probe found it: keep a valid EID, else assign one
	Setup,	      // as Discover, asked for over D-Bus
	Assign,	      // always give it a new EID from the pool
	AssignStatic, // give it the EID asked for
	Learn,	      // take the EID it has, assign nothing
};

// The kernel's tables, as dumped over netlink.
struct NetlinkView {
	std::vector<nl::Link> links;
	std::vector<nl::AddrEntry> addrs;
	std::vector<nl::RouteEntry> routes;
	std::vector<nl::NeighEntry> neighs;

	std::optional<unsigned> net_of(int ifindex) const;
};

// An endpoint of ours.
struct KnownEndpoint {
	PhysKey phys;
	std::string where; // phys_name()
};

// Who has which EID on one network.
struct EidUsage {
	unsigned net = 1;
	NetlinkView netlink;
	std::map<std::uint8_t, KnownEndpoint> endpoints; // ours on @net, by EID
	EidPool pool;
	bool configured = true; // @net has a [[network]] entry
};

// Who else has @eid, if anyone: another endpoint of ours, an assignment
// in progress, a local address or a route we did not make (a route left
// by an earlier run for the endpoint at @p does not count).
std::optional<std::string> eid_holder(const EidUsage &s, std::uint8_t eid, const PhysKey &p);

// An endpoint of ours with the UUID of the one being set up.
struct Twin {
	EndpointKey key;
	std::string where;
	bool available = false; // its connectivity state is Available
};

struct DecideInput {
	SetupMode mode = SetupMode::Discover;
	std::optional<std::uint8_t> want; // AssignStatic
	PhysKey phys;
	std::string where; // phys_name(), for messages
	// Its answer to Get Endpoint ID.
	std::uint8_t eid = 0;
	control::EidType eid_type = control::EidType::Dynamic;
	std::optional<Twin> twin;
	std::optional<std::uint8_t> remembered; // the EID it had before, by identity
	EidUsage state;
};

struct Decision {
	enum class Action {
		Keep,	   // accept @eid, the EID it has
		Assign,	   // give it @eid with Set Endpoint ID
		Supersede, // remove @twin (same UUID, not reachable) and decide again
		Reject,	   // leave it: @error
	};
	Action action = Action::Reject;
	std::uint8_t eid = 0;
	EndpointKey twin;
	Error error;
	// An EID conflict to log (once per address), whatever the action.
	std::optional<std::string> conflict;
};

Decision decide(const DecideInput &in);

// It refused @asked and claims @claimed: Keep @claimed if nobody else has
// it, else Reject as a conflict.
Decision decide_refused(const EidUsage &s, const PhysKey &p, const std::string &where,
			std::uint8_t asked, std::uint8_t claimed);

// An endpoint we know at a physical address announced itself there
// (Discovery Notify: hot-plugged, or back from a power cycle, which cost
// it its EID) and answered Get Endpoint ID with @eid and Get Endpoint
// UUID with @uuid (none: it has no UUID). What the bus owner does:
//  - Confirm: it still has the EID we know it by; it is there again.
//  - Restore: the same endpoint (same UUID, or neither has one) without
//    that EID: give it back with Set Endpoint ID. EIDs stay stable, so
//    its route, neighbour and D-Bus objects stay as they are.
//  - Replace: another device now answers at that address (a different
//    UUID): the known endpoint leaves, and the new one is set up as a
//    probe that found it would be.
enum class AnnounceAction { Confirm, Restore, Replace };

AnnounceAction decide_announced(const EndpointKey &known,
				const std::optional<control::Uuid> &known_uuid, std::uint8_t eid,
				const std::optional<control::Uuid> &uuid);

} // namespace mctpxx::ctrld

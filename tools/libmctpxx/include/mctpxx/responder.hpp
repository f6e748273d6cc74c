// SPDX-License-Identifier: GPL-2.0
// The responder side of the MCTP control protocol for an endpoint: turns
// a request into its response. Pure logic, for any program that answers
// as an endpoint (the control daemon's endpoint role, emulated devices).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "mctpxx/control.hpp"

namespace mctpxx::control {

struct Identity {
	std::optional<Uuid> uuid;	// none: Get Endpoint UUID unsupported
	std::vector<std::uint8_t> message_types;
	std::vector<VersionEntry> control_versions{
		{0xf1, 0xf3, 0xf1, 0x00}, {0xf1, 0xf2, 0xf0, 0x00},
		{0xf1, 0xf1, 0xf0, 0x00}, {0xf1, 0xf0, 0xf0, 0x00}};
	std::vector<GetVendorMessageSupportResponse> vendor;
	EndpointType endpoint_type = EndpointType::Simple;
	// A bus owner takes Discovery Notify from endpoints announcing
	// themselves; a simple endpoint does not support the command.
	bool takes_discovery_notify = false;
};

// What the endpoint knows when a request arrives.
struct EidState {
	std::uint8_t eid = 0;			// current EID, 0: none
	std::optional<std::uint8_t> static_eid;	// configured static EID
	bool accept_assignment = true;		// Set Endpoint ID may change it
};

struct Reply {
	std::vector<std::uint8_t> response;
	std::optional<std::uint8_t> new_eid; // Set Endpoint ID accepted this
	bool discovery_notify = false;	     // the requester announced itself
};

// The response to @request, or nullopt when nothing is to be sent (a
// response, or too short to answer).
std::optional<Reply> respond(std::span<const std::uint8_t> request, const Identity &id,
			     const EidState &eid);

} // namespace mctpxx::control

// SPDX-License-Identifier: GPL-2.0
// The requester side of the MCTP control protocol, on the event loop: one
// AF_MCTP socket per request (the kernel's tag keys route each response
// to its socket), instance IDs to match responses, deadlines and retries.
//
// Errors: ETIMEDOUT no response; EBADMSG a malformed response (logged);
// EREMOTEIO the endpoint answered with a failure completion code; else
// the socket's error.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "loop.hpp"
#include "mctpxx/control.hpp"
#include "mctpxx/socket.hpp"
#include "task.hpp"

namespace mctpxx::ctrld {

using Bytes = std::vector<std::uint8_t>;

// Where a request goes: an EID through the routing table, or (with
// @phys) a physical address on one link, used before the endpoint has an
// EID of ours.
struct Target {
	unsigned net = kNetAny;
	std::uint8_t eid = kEidNull;
	std::optional<ExtAddress> phys;
	std::string name; // for messages, e.g. "mctpi2c4 0x1d" or "EID 16"
	// Attempts after a timeout; default: the configured number. A probe
	// of an address where nothing may be needs none: the next rescan
	// tries again.
	std::optional<unsigned> retries;
};

class Controller {
public:
	struct Options {
		std::chrono::milliseconds timeout{250};
		unsigned retries = 2;
	};

	Controller(Loop loop, Options opts) : loop_(loop), opts_(opts) {}

	// Sends @request (control header first; its instance ID is filled
	// in) and returns the matching response.
	Task<Result<Bytes>> transact(Target to, Bytes request);

	Task<Result<control::GetEndpointIdResponse>> get_eid(Target to);
	Task<Result<control::SetEndpointIdResponse>> set_eid(Target to, std::uint8_t eid);
	Task<Result<control::Uuid>> get_uuid(Target to);
	Task<Result<std::vector<control::VersionEntry>>> get_versions(Target to, std::uint8_t type);
	Task<Result<std::vector<std::uint8_t>>> get_message_types(Target to);
	// Every entry, following the selectors (at most 32).
	Task<Result<std::vector<control::GetVendorMessageSupportResponse>>> get_vendor_support(Target to);

private:
	std::uint8_t next_instance() { return instance_++ & control::kInstanceMask; }

	Loop loop_;
	Options opts_;
	std::uint8_t instance_ = 0;
};

// Whether a failed request says that the endpoint did not answer. Not when
// it could not be sent because every tag towards the endpoint was held by
// other requests (EBUSY/EAGAIN, tag exhaustion): nothing was asked.
bool endpoint_silent(const Error &e);

// Whether a response of @cmd with @instance answers the request.
bool response_matches(std::span<const std::uint8_t> msg, control::Command cmd,
		      std::uint8_t instance, std::string &why_not);

} // namespace mctpxx::ctrld

// SPDX-License-Identifier: GPL-2.0
// One requester of the load test: its own AF_MCTP socket, MCTP control
// Get Endpoint ID requests to one endpoint through the client library,
// one at a time, until a deadline; every outcome counted. Each request
// has a tag of its own (preallocated for it and dropped after it, so a
// long wait does not outlive its key) and waits for the response with its
// instance ID; after each request, successful or not, the requester
// pauses a random 0.2 to 2 ms, as a client with work of its own would
// (without it, one that just dropped a tag would take it again before any
// other requester could).
#pragma once

#include <chrono>
#include <cstdint>
#include <map>

#include "mctpxx/socket.hpp"

namespace mctpxx::cycle {

struct RequesterCounts {
	std::uint64_t completed = 0;
	// responses under the request's tag that answer something else (a
	// late response to an earlier request of anyone's that used the same
	// tag value, told apart by the control instance ID): ignored
	std::uint64_t stray = 0;
	// time from send to answer of the completed requests
	std::chrono::microseconds latency_sum{0}, latency_max{0};
	// requests that did not complete, by errno: EBUSY/EAGAIN when no tag
	// towards the peer was free, ETIMEDOUT no answer, EBADMSG a wrong
	// answer, else what the socket said
	std::map<int, std::uint64_t> errors;
};

struct RequesterSpec {
	unsigned net = 1;
	std::uint8_t eid = 0;
	std::chrono::milliseconds timeout{30000};
	unsigned seed = 0; // for the pauses
};

// Runs until @end (a request under way then is finished). Errors of the
// socket itself (it cannot be opened) count as one error and end the run.
RequesterCounts run_requester(const RequesterSpec &s, Deadline end);

} // namespace mctpxx::cycle

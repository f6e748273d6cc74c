// SPDX-License-Identifier: GPL-2.0
// Request/response over an AF_MCTP socket: tag handling, matching,
// deadlines and several responses to one request.
#pragma once

#include <chrono>
#include <vector>

#include "mctpxx/socket.hpp"

namespace mctpxx {

struct RequestOptions {
	std::chrono::milliseconds timeout{1000};
	// Collect every response until the timeout (e.g. to a broadcast
	// request) instead of returning the first one.
	bool collect_all = false;
	// Use a preallocated tag (SIOCMCTPALLOCTAG2) for this request only,
	// so a late response to an earlier request is told apart by its tag.
	// Not for broadcast.
	bool preallocate_tag = true;
};

// Sends @data as a request to @to (type, net, eid) and returns the
// responses: same type, from the addressed EID (any EID for broadcast),
// with the request's tag and the tag-owner bit clear. Messages that do
// not match are dropped. ETIMEDOUT when nothing matched in time. When
// @to.tag is a preallocated tag the caller holds (kTagPrealloc set, as
// TagGuard::tag() gives it), the request goes under that tag.
Result<std::vector<Message>> request(Socket &sock, const Address &to,
				     std::span<const std::uint8_t> data,
				     const RequestOptions &opts = {});

} // namespace mctpxx

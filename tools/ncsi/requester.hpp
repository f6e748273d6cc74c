// SPDX-License-Identifier: GPL-2.0
// An NC-SI requester over AF_MCTP (message type 2): one command, its
// response. The instance ID (1-255, never 0: that is the AENs') is the
// requester's, one per command; a timed-out attempt goes again with the
// same instance ID and MCTP tag (DSP0222 lets a controller answer a
// retried command again), so a late answer to an earlier attempt counts.
// Blocking; one Requester per thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>

#include "mctpxx/socket.hpp"
#include "ncsixx/ncsi.hpp"

namespace mctpxx::ncsid {

using ncsi::Bytes;

// A network controller as MCTP reaches it.
struct Peer {
	unsigned net = 0;
	std::uint8_t eid = 0;
};

struct RetryPolicy {
	std::chrono::milliseconds timeout{500};
	unsigned retries = 2; // attempts after the first
};

// A response: its status and the data after the response and reason codes.
struct Reply {
	ncsi::ResponseStatus status;
	Bytes data;
};

class Requester {
public:
	// An unbound AF_MCTP socket: responses come to its tags.
	static Result<Requester> open(RetryPolicy policy);

	// Sends command @type with @payload to @channel of @peer and returns the
	// response (checked by ncsi::decode_response: its type, instance ID,
	// checksum). Errors: ETIMEDOUT naming the peer, the command and the
	// attempts; EPROTO for an answer under our tag that does not decode
	// (the last such problem is named when no good answer came); the
	// socket's errors. A response with a failure code is a response.
	Result<Reply> exchange(const Peer &peer, ncsi::ChannelId channel, std::uint8_t type,
			       std::span<const std::uint8_t> payload);

	// @timeout and @retries for the next exchanges (a package probe waits less).
	void set_policy(RetryPolicy p) { policy_ = p; }
	const RetryPolicy &policy() const { return policy_; }

private:
	Requester(Socket s, RetryPolicy p, std::uint8_t first_iid)
		: sock_(std::move(s)), policy_(p), iid_(first_iid) {}
	std::uint8_t next_iid();

	Socket sock_;
	RetryPolicy policy_;
	std::uint8_t iid_;
};

} // namespace mctpxx::ncsid

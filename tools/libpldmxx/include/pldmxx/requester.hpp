// SPDX-License-Identifier: GPL-2.0
// A PLDM requester over AF_MCTP (message type 1): one request, its
// response, with DSP0240's instance IDs and retries. Blocking; one
// Requester per thread. The codecs (base.hpp, fru.hpp, platform.hpp) build
// the request and read the response; this only carries them.
#pragma once

#include <cstdint>
#include <span>

#include "mctpxx/socket.hpp"
#include "pldmxx/base.hpp"

namespace mctpxx::pldm {

// A terminus as MCTP reaches it.
struct Peer {
	unsigned net = 0;
	std::uint8_t eid = 0;
};

class Requester {
public:
	// An unbound AF_MCTP socket (responses come to its tags) and @policy,
	// refused when it breaks DSP0240's timing rules (RetryPolicy::validate).
	static Result<Requester> open(RetryPolicy policy = {});

	// Sends @request (a whole PLDM request message, as an encoder made it:
	// its instance ID is replaced by a fresh one for @peer; each Requester
	// starts at a random one) and returns the
	// response: Rq clear, the same instance ID, PLDM type and command,
	// from @peer under this request's MCTP tag. A timed-out attempt is
	// sent again with the same instance ID and tag (RetryPolicy), so a
	// late answer to an earlier attempt still counts. Errors: ETIMEDOUT
	// naming the peer, the command and the attempts; a request that is not
	// one; the socket's errors (EHOSTUNREACH with no route, ...). A
	// response carrying an error completion code is a response: the codec
	// decodes it to that code.
	Result<Bytes> exchange(const Peer &peer, std::span<const std::uint8_t> request);

	const RetryPolicy &policy() const { return policy_; }
	Socket &socket() { return sock_; }

private:
	Requester(Socket s, RetryPolicy p, std::uint8_t first_id)
		: sock_(std::move(s)), policy_(p), ids_(timing::kPt3Max, first_id) {}
	Socket sock_;
	RetryPolicy policy_;
	InstanceIds ids_;
};

// The key InstanceIds uses for @peer.
inline unsigned terminus_key(const Peer &p) { return (p.net << 8) | p.eid; }

} // namespace mctpxx::pldm

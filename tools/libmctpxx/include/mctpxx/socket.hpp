// SPDX-License-Identifier: GPL-2.0
// RAII AF_MCTP sockets with deadlines.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "mctpxx/error.hpp"
#include "mctpxx/fd.hpp"

namespace mctpxx {

using Clock = std::chrono::steady_clock;
using Deadline = Clock::time_point;

inline constexpr unsigned kNetAny = 0;
inline constexpr std::uint8_t kEidAny = 0xff;
inline constexpr std::uint8_t kEidNull = 0x00;
inline constexpr std::uint8_t kTagOwner = 0x08;
inline constexpr std::uint8_t kTagMask = 0x07;
inline constexpr std::uint8_t kTagPrealloc = 0x10;
inline constexpr std::size_t kMaxMessage = 64 * 1024;

// Physical addressing (MCTP_OPT_ADDR_EXT).
struct ExtAddress {
	int ifindex = 0;
	std::vector<std::uint8_t> haddr;
};

struct Address {
	unsigned net = kNetAny;
	std::uint8_t eid = kEidNull;
	std::uint8_t type = 0;
	std::uint8_t tag = kTagOwner; // TO set: a request with a kernel tag
	std::optional<ExtAddress> ext;
};

struct Message {
	Address from;
	std::vector<std::uint8_t> data;
	bool truncated = false;
};

class Socket {
public:
	static Result<Socket> open();

	Status bind(unsigned net, std::uint8_t eid, std::uint8_t type);
	// Restrict received requests to one peer.
	Status connect(unsigned net, std::uint8_t eid);
	Status set_ext_addressing(bool on);

	// Sends one message; returns once the kernel has taken it.
	Status send(const Address &to, std::span<const std::uint8_t> data);
	// Receives one message, waiting until @deadline (ETIMEDOUT after).
	Result<Message> receive(Deadline deadline);

	// Preallocated tags (SIOCMCTPALLOCTAG2 / DROPTAG2).
	Result<std::uint8_t> alloc_tag(unsigned net, std::uint8_t peer);
	Status drop_tag(unsigned net, std::uint8_t peer, std::uint8_t tag);

	int fd() const { return fd_.get(); }

private:
	explicit Socket(Fd fd) : fd_(std::move(fd)) {}
	Fd fd_;
	bool ext_ = false;
	// Receive buffer for the largest message, allocated on first use and
	// never cleared: a message is copied out at its own length.
	std::unique_ptr<std::uint8_t[]> rxbuf_;
};

// A preallocated tag, dropped when the guard goes out of scope.
class TagGuard {
public:
	static Result<TagGuard> alloc(Socket &sock, unsigned net, std::uint8_t peer);
	TagGuard(TagGuard &&o) noexcept;
	TagGuard &operator=(TagGuard &&) = delete;
	TagGuard(const TagGuard &) = delete;
	~TagGuard();
	std::uint8_t tag() const { return tag_; }

private:
	TagGuard(Socket &s, unsigned net, std::uint8_t peer, std::uint8_t tag)
		: sock_(&s), net_(net), peer_(peer), tag_(tag) {}
	Socket *sock_;
	unsigned net_;
	std::uint8_t peer_;
	std::uint8_t tag_;
};

} // namespace mctpxx

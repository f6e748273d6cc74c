// SPDX-License-Identifier: GPL-2.0
// One connected demux client: its AF_UNIX connection, the message type it
// registered for, and its own AF_MCTP socket, on which it sends its
// requests and on which the kernel returns their responses (tag matching
// is per socket), so a response reaches only the client that asked.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>

#include "dbus.hpp"
#include "mctpxx/fd.hpp"
#include "mctpxx/socket.hpp"

namespace mctpxx::demux {

class Bridge;

struct Client {
	Client(Bridge &b, unsigned id, Fd conn, pid_t pid) : bridge(b), id(id), pid(pid), conn(std::move(conn)) {}
	Client(const Client &) = delete;
	Client &operator=(const Client &) = delete;

	// "client 3 (pid 1234)"
	std::string name() const;
	bool registered() const { return type.has_value(); }

	Bridge &bridge;
	const unsigned id;
	const pid_t pid; // 0 when the peer's credentials are unknown
	Fd conn;
	std::optional<std::uint8_t> type; // low 7 bits, once registered
	std::optional<Socket> mctp;	   // once registered
	// Sources last: they go first, before the descriptors they watch.
	dbus::EventSource conn_io, mctp_io;
};

} // namespace mctpxx::demux

// SPDX-License-Identifier: GPL-2.0
// The bridge's listening socket: the one systemd passes (socket
// activation, mctp-demux-bridge.socket), or one bound here to an abstract
// AF_UNIX address.
#pragma once

#include <string>

#include "mctpxx/error.hpp"
#include "mctpxx/fd.hpp"

namespace mctpxx::demux {

inline constexpr const char *kDefaultSocketName = "mctp-mux";

struct Listener {
	Fd fd;
	bool activated = false; // passed by systemd
};

// @name: the abstract address without its leading NUL byte.
Result<Listener> open_listener(const std::string &name);

} // namespace mctpxx::demux

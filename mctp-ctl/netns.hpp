// SPDX-License-Identifier: GPL-2.0
// `mctp-ctl -n NETNS`: run in another network namespace, as `ip -n` does.
#pragma once

#include <string>

#include "mctpxx/error.hpp"

namespace mctpxx::ctl {

// Moves this process into network namespace @netns: a name under
// /run/netns (`ip netns add NAME`), or a path when it holds a '/'
// (e.g. /proc/PID/ns/net). Then, in a mount namespace of its own, /sys is
// mounted again so that /sys/class/net shows the new namespace's devices.
Status enter_netns(const std::string &netns);

} // namespace mctpxx::ctl

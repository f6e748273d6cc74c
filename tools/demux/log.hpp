// SPDX-License-Identifier: GPL-2.0
// The bridge's log: the daemons' shared one (tools/daemon): under systemd
// entries go to the journal with a priority and the source location;
// elsewhere they are lines on stderr, "[uptime] mctp-demux-bridge: ...".
#pragma once

#include "daemon/log.hpp"

namespace mctpxx::demux {

using daemon::Level;
using daemon::log_debug;
using daemon::log_error;
using daemon::log_info;
using daemon::log_init;
using daemon::log_notice;
using daemon::log_warning;

} // namespace mctpxx::demux

// SPDX-License-Identifier: GPL-2.0
// The daemon's log: the daemons' shared one (tools/daemon), under the
// names the daemon's code uses.
#pragma once

#include "daemon/log.hpp"

namespace mctpxx::ctrld {

using daemon::hex;
using daemon::Level;
using daemon::log;
using daemon::log_debug;
using daemon::log_error;
using daemon::log_info;
using daemon::log_init;
using daemon::log_notice;
using daemon::log_warning;
using daemon::LogFields;
using daemon::phys_name;

} // namespace mctpxx::ctrld

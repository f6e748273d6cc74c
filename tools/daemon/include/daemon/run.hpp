// SPDX-License-Identifier: GPL-2.0
// What every daemon's main() does around its own work: an event loop that
// ends on SIGTERM or SIGINT (and a process that ignores SIGPIPE), and a
// fatal error reported to the log and to systemd (STATUS=).
#pragma once

#include <string>

#include "dbus.hpp"
#include "mctpxx/error.hpp"

namespace mctpxx::daemon {

// The default sd-event loop, set to exit with status 0 on SIGTERM/SIGINT.
Result<dbus::Event> event_loop();

// Logs @msg as an error, tells systemd, and returns the exit status 1.
int fatal(const std::string &msg);

} // namespace mctpxx::daemon

// SPDX-License-Identifier: GPL-2.0
// The bridge's log, in the style of the project's other daemons: under
// systemd (stderr is the journal: $JOURNAL_STREAM) entries go to the journal
// with a priority and the source location; elsewhere they are lines on
// stderr, "[uptime] mctp-demux-bridge: error: ...".
#pragma once

#include <source_location>
#include <string>

namespace mctpxx::demux {

enum class Level { Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 };

void log_init(const char *program, bool verbose);
void log(Level level, const std::string &msg,
	 std::source_location at = std::source_location::current());

#define MCTP_DEMUX_LOG_AT(name, level)                                                             \
	inline void name(const std::string &m,                                                     \
			 std::source_location at = std::source_location::current())                \
	{                                                                                          \
		log(level, m, at);                                                                 \
	}
MCTP_DEMUX_LOG_AT(log_error, Level::Error)
MCTP_DEMUX_LOG_AT(log_warning, Level::Warning)
MCTP_DEMUX_LOG_AT(log_notice, Level::Notice)
MCTP_DEMUX_LOG_AT(log_info, Level::Info)
MCTP_DEMUX_LOG_AT(log_debug, Level::Debug)
#undef MCTP_DEMUX_LOG_AT

} // namespace mctpxx::demux

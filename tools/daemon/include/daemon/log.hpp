// SPDX-License-Identifier: GPL-2.0
// The daemons' log. Under systemd (stderr is the journal: $JOURNAL_STREAM) they
// go to the journal through sd_journal with a priority, the source location
// and structured fields for what they are about, so that e.g.
// `journalctl -u mctp-ctrld MCTP_EID=16` shows one endpoint's story.
// Elsewhere they are lines on stderr.
#pragma once

#include <optional>
#include <source_location>
#include <string>
#include <vector>

namespace mctpxx::daemon {

enum class Level { Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 };

// Journal fields: MCTP_EID, MCTP_NET, MCTP_LINK, MCTP_SMBUS_ADDR (the
// 7-bit address, "0x1d") and OBJECT_PATH (the D-Bus object the message is
// about), each only when set.
struct LogFields {
	std::optional<unsigned> eid{};
	std::optional<unsigned> net{};
	std::string link{};
	std::vector<unsigned char> phys{}; // physical address on the link
	std::string object{};
};

void log_init(const char *program, bool verbose);
void log(Level level, const std::string &msg, const LogFields &f = {},
	 std::source_location at = std::source_location::current());

#define MCTP_DAEMON_LOG_AT(name, level)                                                             \
	inline void name(const std::string &m, const LogFields &f = {},                            \
			 std::source_location at = std::source_location::current())                \
	{                                                                                          \
		log(level, m, f, at);                                                              \
	}
MCTP_DAEMON_LOG_AT(log_error, Level::Error)
MCTP_DAEMON_LOG_AT(log_warning, Level::Warning)
MCTP_DAEMON_LOG_AT(log_notice, Level::Notice)
MCTP_DAEMON_LOG_AT(log_info, Level::Info)
MCTP_DAEMON_LOG_AT(log_debug, Level::Debug)
#undef MCTP_DAEMON_LOG_AT

// "0x1d"
std::string hex(unsigned v);
// "mctpi2c4 0x1d"
std::string phys_name(const std::string &link, const std::vector<unsigned char> &addr);

} // namespace mctpxx::daemon

// SPDX-License-Identifier: GPL-2.0
// Log lines on stderr, with syslog priority prefixes when stderr is the
// journal (systemd sets $JOURNAL_STREAM for services).
#pragma once

#include <string>
#include <vector>

namespace mctp::ctrld {

enum class Level { Error = 3, Warning = 4, Notice = 5, Info = 6, Debug = 7 };

void log_init(const char *program, bool verbose);
void log(Level level, const std::string &msg);

inline void log_error(const std::string &m) { log(Level::Error, m); }
inline void log_warning(const std::string &m) { log(Level::Warning, m); }
inline void log_notice(const std::string &m) { log(Level::Notice, m); }
inline void log_info(const std::string &m) { log(Level::Info, m); }
inline void log_debug(const std::string &m) { log(Level::Debug, m); }

// "0x1d"
std::string hex(unsigned v);
// "mctpi2c4 0x1d"
std::string phys_name(const std::string &link, const std::vector<unsigned char> &addr);

} // namespace mctp::ctrld

// SPDX-License-Identifier: GPL-2.0
#include "log.hpp"

#include <sys/stat.h>
// the entry names the caller's location, not this file's
#define SD_JOURNAL_SUPPRESS_LOCATION
#include <systemd/sd-journal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace mctpxx::demux {
namespace {

const char *g_program = "mctp-demux-bridge";
bool g_verbose = false;
bool g_journal = false;

bool stderr_is_journal()
{
	const char *js = std::getenv("JOURNAL_STREAM");
	struct stat st;
	unsigned long long dev, ino;
	if (!js || fstat(2, &st) < 0 || std::sscanf(js, "%llu:%llu", &dev, &ino) != 2)
		return false;
	return dev == st.st_dev && ino == st.st_ino;
}

double uptime()
{
	using namespace std::chrono;
	return duration<double>(steady_clock::now().time_since_epoch()).count();
}

const char *prefix(Level l)
{
	switch (l) {
	case Level::Error: return "error: ";
	case Level::Warning: return "warning: ";
	default: return "";
	}
}

} // namespace

void log_init(const char *program, bool verbose)
{
	g_program = program;
	g_verbose = verbose;
	g_journal = stderr_is_journal();
}

void log(Level level, const std::string &msg, std::source_location at)
{
	if (level == Level::Debug && !g_verbose)
		return;
	if (g_journal &&
	    sd_journal_send("MESSAGE=%s", msg.c_str(), "PRIORITY=%d", static_cast<int>(level),
			    "SYSLOG_IDENTIFIER=%s", g_program, "CODE_FILE=%s", at.file_name(),
			    "CODE_LINE=%u", static_cast<unsigned>(at.line()), "CODE_FUNC=%s",
			    at.function_name(), nullptr) >= 0)
		return;
	std::fprintf(stderr, "[%10.3f] %s: %s%s\n", uptime(), g_program, prefix(level), msg.c_str());
	std::fflush(stderr);
}

} // namespace mctpxx::demux

// SPDX-License-Identifier: GPL-2.0
#include "daemon/log.hpp"

#include <sys/stat.h>
#include <sys/uio.h>
#include <systemd/sd-journal.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

namespace mctpxx::daemon {
namespace {

const char *g_program = "mctp";
bool g_verbose = false;
bool g_journal = false;

// $JOURNAL_STREAM is "DEV:INO" of the journal stream, if stderr is it.
bool stderr_is_journal()
{
	const char *js = std::getenv("JOURNAL_STREAM");
	struct stat st;
	if (!js || fstat(2, &st) < 0)
		return false;
	unsigned long long dev, ino;
	if (std::sscanf(js, "%llu:%llu", &dev, &ino) != 2)
		return false;
	return dev == st.st_dev && ino == st.st_ino;
}

// Seconds on the monotonic clock (since boot), for lines outside the journal.
double uptime()
{
	using namespace std::chrono;
	return duration<double>(steady_clock::now().time_since_epoch()).count();
}

const char *level_name(Level l)
{
	switch (l) {
	case Level::Error: return "error: ";
	case Level::Warning: return "warning: ";
	default: return "";
	}
}

// One journal entry: "NAME=value" strings, sent as they are.
class Entry {
public:
	void add(const std::string &name, const std::string &value)
	{
		fields_.push_back(name + "=" + value);
	}
	int send() const
	{
		std::vector<iovec> iov;
		for (const auto &f : fields_)
			iov.push_back(iovec{const_cast<char *>(f.data()), f.size()});
		return sd_journal_sendv(iov.data(), static_cast<int>(iov.size()));
	}

private:
	std::vector<std::string> fields_;
};

int to_journal(Level level, const std::string &msg, const LogFields &f, const std::source_location &at)
{
	Entry e;
	e.add("MESSAGE", msg);
	e.add("PRIORITY", std::to_string(static_cast<int>(level)));
	e.add("SYSLOG_IDENTIFIER", g_program);
	e.add("CODE_FILE", at.file_name());
	e.add("CODE_LINE", std::to_string(at.line()));
	e.add("CODE_FUNC", at.function_name());
	if (f.eid)
		e.add("MCTP_EID", std::to_string(*f.eid));
	if (f.net)
		e.add("MCTP_NET", std::to_string(*f.net));
	if (!f.link.empty())
		e.add("MCTP_LINK", f.link);
	if (f.phys.size() == 1)
		e.add("MCTP_SMBUS_ADDR", hex(f.phys[0]));
	if (!f.object.empty())
		e.add("OBJECT_PATH", f.object);
	return e.send();
}

} // namespace

void log_init(const char *program, bool verbose)
{
	g_program = program;
	g_verbose = verbose;
	g_journal = stderr_is_journal();
}

void log(Level level, const std::string &msg, const LogFields &f, std::source_location at)
{
	if (level == Level::Debug && !g_verbose)
		return;
	if (g_journal && to_journal(level, msg, f, at) >= 0)
		return;
	std::fprintf(stderr, "[%10.3f] %s: %s%s\n", uptime(), g_program, level_name(level), msg.c_str());
	std::fflush(stderr);
}

std::string hex(unsigned v)
{
	char b[16];
	std::snprintf(b, sizeof(b), "0x%02x", v);
	return b;
}

std::string phys_name(const std::string &link, const std::vector<unsigned char> &addr)
{
	std::string s = link;
	for (auto b : addr)
		s += " " + hex(b);
	return s;
}

} // namespace mctpxx::daemon

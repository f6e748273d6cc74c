// SPDX-License-Identifier: GPL-2.0
#include "nvme_basic_sync.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>

#include "mctpxx/fd.hpp"

namespace mctpxx::emu {
namespace {

// Basic Management status flags: ready and functional, no reset needed,
// PCIe link up (reserved bits 2:0 set); not ready while off.
constexpr unsigned kStatusOk = 0x3f, kStatusNotReady = 0x40 | 0x10 | 0x07;

std::string hex(unsigned v)
{
	char b[8];
	std::snprintf(b, sizeof(b), "0x%02x", v);
	return b;
}

Status write_file(const std::string &path, const std::string &value)
{
	Fd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
	if (!fd)
		return fail(Error::last("opening " + path));
	const std::string line = value + "\n";
	if (::write(fd.get(), line.data(), line.size()) != static_cast<ssize_t>(line.size()))
		return fail(Error::last("writing \"" + value + "\" to " + path));
	return {};
}

} // namespace

std::map<std::string, std::string> basic_values(const nvme::Drive &drive,
						nvme::Drive::Clock::time_point now, bool powered)
{
	const unsigned warn = drive.critical_warning(now) & 0x3f;
	return {
		{"temp", std::to_string(drive.temperature_c(now))},
		{"warnings", hex(0xff & ~warn)},
		{"status", hex(powered ? kStatusOk : kStatusNotReady)},
		{"pdlu", std::to_string(drive.config().percent_used)},
		{"vid", hex(drive.config().vid)},
		{"serial", drive.config().serial},
	};
}

Status NvmeBasicSync::sync(const nvme::Drive &drive, nvme::Drive::Clock::time_point now,
			   bool powered)
{
	for (const auto &[file, value] : basic_values(drive, now, powered)) {
		auto it = written_.find(file);
		if (it != written_.end() && it->second == value)
			continue;
		if (auto s = write_file(dir_ + "/" + file, value); !s) {
			written_.erase(file); // try again next time
			return s;
		}
		written_[file] = value;
	}
	return {};
}

} // namespace mctpxx::emu

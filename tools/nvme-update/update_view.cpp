// SPDX-License-Identifier: GPL-2.0
#include "update_view.hpp"

#include <algorithm>
#include <cstdio>

namespace mctpxx::nvme_update {
namespace {

bool path_element(const std::string &s)
{
	return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		       c == '_';
	});
}

} // namespace

std::optional<std::string> drive_path(const std::string &drive)
{
	if (drive.empty())
		return std::nullopt;
	if (drive[0] != '/')
		return path_element(drive) ? std::optional(kDriveRoot + drive) : std::nullopt;
	// a full object path: elements separated by single slashes
	std::size_t start = 1;
	for (;;) {
		const std::size_t end = drive.find('/', start);
		if (!path_element(drive.substr(start, end - start)))
			return std::nullopt;
		if (end == std::string::npos)
			return drive;
		start = end + 1;
	}
}

std::string progress_bar(unsigned percent, const std::string &state, unsigned width)
{
	percent = std::min(percent, 100u);
	const unsigned full = percent * width / 100;
	char num[8];
	std::snprintf(num, sizeof(num), "%3u%%", percent);
	return "[" + std::string(full, '#') + std::string(width - full, '.') + "] " + num + " " +
	       state;
}

std::string progress_line(unsigned percent, const std::string &state)
{
	return state + " " + std::to_string(std::min(percent, 100u)) + "%";
}

bool final_state(const std::string &state)
{
	return state == "Activated" || state == "Committed" || state == "Failed";
}

bool success_state(const std::string &state)
{
	return state == "Activated" || state == "Committed";
}

} // namespace mctpxx::nvme_update

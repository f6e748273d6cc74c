// SPDX-License-Identifier: GPL-2.0
#include "topology/words.hpp"

#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>

namespace mctpxx::topology {

std::string message_type(std::uint8_t t)
{
	// DSP0239
	static const std::map<unsigned, const char *> names = {
		{0x00, "control"}, {0x01, "PLDM"},	   {0x02, "NC-SI"},	 {0x03, "Ethernet"},
		{0x04, "NVMe-MI"}, {0x05, "SPDM"},	   {0x06, "secured"},	 {0x07, "CXL FM API"},
		{0x08, "CXL CCI"}, {0x7e, "vendor-PCI"}, {0x7f, "vendor-IANA"},
	};
	char b[48];
	auto it = names.find(t);
	if (t < 10)
		std::snprintf(b, sizeof(b), "%u%s%s", t, it != names.end() ? " " : "",
			      it != names.end() ? it->second : "");
	else
		std::snprintf(b, sizeof(b), "0x%02x%s%s", t, it != names.end() ? " " : "",
			      it != names.end() ? it->second : "");
	return b;
}

std::string message_types(const std::vector<std::uint8_t> &types)
{
	std::string s;
	for (auto t : types)
		s += (s.empty() ? "" : ", ") + message_type(t);
	return s;
}

std::string message_types_named(const std::vector<std::uint8_t> &types)
{
	std::string s;
	for (auto t : types) {
		std::string one = message_type(t);
		if (auto sp = one.find(' '); sp != std::string::npos)
			one = one.substr(0, sp) + " (" + one.substr(sp + 1) + ")";
		s += (s.empty() ? "" : ", ") + one;
	}
	return s;
}

std::string hex_byte(unsigned v)
{
	char b[16];
	std::snprintf(b, sizeof(b), "0x%02x", v);
	return b;
}

std::string clock_time(std::uint64_t us, std::uint64_t now_us)
{
	const std::time_t t = static_cast<std::time_t>(us / 1000000);
	const std::time_t now = static_cast<std::time_t>(now_us / 1000000);
	std::tm at{}, today{};
	localtime_r(&t, &at);
	localtime_r(&now, &today);
	char b[40];
	if (at.tm_year == today.tm_year && at.tm_yday == today.tm_yday)
		std::strftime(b, sizeof(b), "%H:%M:%S", &at);
	else
		std::strftime(b, sizeof(b), "%Y-%m-%d %H:%M:%S", &at);
	return b;
}

std::string no_response_since(std::uint64_t last_us, std::uint64_t now_us)
{
	if (!last_us)
		return "no response";
	return "no response since " + clock_time(last_us, now_us);
}

std::string number(double v)
{
	if (std::isnan(v))
		return "nan";
	char b[40];
	std::snprintf(b, sizeof(b), "%.3f", v);
	std::string s = b;
	while (s.back() == '0')
		s.pop_back();
	if (s.back() == '.')
		s.pop_back();
	return s == "-0" ? "0" : s;
}

std::string bytes(std::uint64_t n)
{
	static const char *units[] = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
	if (n < 1000)
		return std::to_string(n) + " B";
	double v = static_cast<double>(n);
	unsigned u = 0;
	while (v >= 1000 && u + 1 < std::size(units)) {
		v /= 1000;
		u++;
	}
	char b[32];
	std::snprintf(b, sizeof(b), v >= 100 ? "%.0f %s" : v >= 10 ? "%.1f %s" : "%.2f %s", v,
		      units[u]);
	// "4.10 kB" -> "4.1 kB", "2.00 TB" -> "2 TB"
	std::string s = b;
	auto sp = s.find(' ');
	std::string num = s.substr(0, sp);
	if (num.find('.') != std::string::npos) {
		while (num.back() == '0')
			num.pop_back();
		if (num.back() == '.')
			num.pop_back();
	}
	return num + s.substr(sp);
}

std::string unit_symbol(const std::string &unit)
{
	static const std::map<std::string, const char *> symbols = {
		{"DegreesC", "C"}, {"Volts", "V"},   {"Amperes", "A"},	{"Watts", "W"},
		{"Joules", "J"},   {"RPMS", "RPM"},  {"Percent", "%"},	{"Pascals", "Pa"},
		{"CFM", "CFM"},	   {"Meters", "m"},
	};
	auto it = symbols.find(unit);
	return it == symbols.end() ? unit : it->second;
}

} // namespace mctpxx::topology

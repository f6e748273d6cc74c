// SPDX-License-Identifier: GPL-2.0
// The names sysfs gives i2c adapters and clients, and the drivers of the
// MCTP bindings: pure string rules.
#include "i2c/sysfs.hpp"

namespace mctpxx::i2c {
namespace {

// Decimal digits of @s from @begin to @end into @out (at most 1000000).
bool decimal(const std::string &s, std::size_t begin, std::size_t end, unsigned &out)
{
	if (begin >= end)
		return false;
	unsigned n = 0;
	for (std::size_t i = begin; i < end; i++) {
		if (s[i] < '0' || s[i] > '9' || n > 1000000)
			return false;
		n = n * 10 + static_cast<unsigned>(s[i] - '0');
	}
	out = n;
	return true;
}

int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

} // namespace

std::optional<unsigned> i2c_bus_number(const std::string &name)
{
	unsigned n = 0;
	if (name.compare(0, 4, "i2c-") != 0 || !decimal(name, 4, name.size(), n))
		return std::nullopt;
	return n;
}

std::optional<ClientName> i2c_client_name(const std::string &name)
{
	const auto dash = name.find('-');
	ClientName c;
	if (dash == std::string::npos || name.size() != dash + 5 || !decimal(name, 0, dash, c.bus))
		return std::nullopt;
	unsigned a = 0;
	for (std::size_t i = dash + 1; i < name.size(); i++) {
		const int d = hex_digit(name[i]);
		if (d < 0)
			return std::nullopt;
		a = a << 4 | static_cast<unsigned>(d);
	}
	c.addr = static_cast<std::uint16_t>(a);
	return c;
}

bool mctp_driver(const std::string &driver)
{
	return driver == "mctp-smbus" || driver == "mctp-i2c-interface" || driver == "mctp-i2c";
}

} // namespace mctpxx::i2c

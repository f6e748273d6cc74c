// SPDX-License-Identifier: GPL-2.0
#include "i2c_sysfs.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace mctp::ctrld {
namespace {

// Drivers of MCTP-over-SMBus bindings: their clients are our own
// addresses, not devices to keep away from.
bool mctp_driver(const std::string &name)
{
	return name == "mctp-smbus" || name == "mctp-i2c-interface" || name == "mctp-i2c";
}

std::string read_line(const fs::path &p)
{
	std::ifstream in(p);
	std::string s;
	std::getline(in, s);
	return s;
}

} // namespace

std::optional<unsigned> i2c_bus_number(const std::string &name)
{
	if (name.size() < 5 || name.compare(0, 4, "i2c-") != 0)
		return std::nullopt;
	unsigned n = 0;
	for (std::size_t i = 4; i < name.size(); i++) {
		if (name[i] < '0' || name[i] > '9' || n > 1000000)
			return std::nullopt;
		n = n * 10 + static_cast<unsigned>(name[i] - '0');
	}
	return n;
}

std::optional<unsigned> I2cSysfs::bus_of_netdev(const std::string &dev) const
{
	std::error_code ec;
	fs::path p = fs::canonical(fs::path(root_) / "class/net" / dev / "device", ec);
	if (ec)
		return std::nullopt;
	return i2c_bus_number(p.filename().string());
}

std::vector<unsigned> I2cSysfs::parents(unsigned bus) const
{
	std::error_code ec;
	fs::path p = fs::canonical(fs::path(root_) / "bus/i2c/devices" / ("i2c-" + std::to_string(bus)),
				   ec);
	std::vector<unsigned> out;
	if (ec)
		return out;
	for (p = p.parent_path(); p.has_relative_path(); p = p.parent_path())
		if (auto n = i2c_bus_number(p.filename().string()))
			out.push_back(*n);
	return out;
}

std::vector<unsigned> I2cSysfs::descendants(unsigned bus) const
{
	std::vector<unsigned> out;
	std::error_code ec;
	for (const auto &e : fs::directory_iterator(fs::path(root_) / "bus/i2c/devices", ec)) {
		auto n = i2c_bus_number(e.path().filename().string());
		if (!n || *n == bus)
			continue;
		auto ps = parents(*n);
		if (std::find(ps.begin(), ps.end(), bus) != ps.end())
			out.push_back(*n);
	}
	std::sort(out.begin(), out.end());
	return out;
}

std::optional<std::string> I2cSysfs::client_owner(unsigned bus, std::uint8_t addr) const
{
	char name[32];
	std::snprintf(name, sizeof(name), "%u-%04x", bus, addr);
	const fs::path dev = fs::path(root_) / "bus/i2c/devices" / name;
	std::error_code ec;
	if (!fs::exists(dev, ec))
		return std::nullopt;
	const std::string what = read_line(dev / "name");
	fs::path drv = fs::canonical(dev / "driver", ec);
	if (ec)
		return "i2c device " + std::string(name) + (what.empty() ? "" : " (" + what + ")") +
		       " without a driver";
	const std::string d = drv.filename().string();
	if (mctp_driver(d))
		return std::nullopt;
	return "i2c device " + std::string(name) + " bound to driver " + d;
}

std::optional<std::string> I2cSysfs::foreign_owner(unsigned bus, std::uint8_t addr) const
{
	if (auto o = client_owner(bus, addr))
		return o;
	for (unsigned p : parents(bus))
		if (auto o = client_owner(p, addr))
			return o;
	for (unsigned c : descendants(bus))
		if (auto o = client_owner(c, addr))
			return o;
	return std::nullopt;
}

} // namespace mctp::ctrld

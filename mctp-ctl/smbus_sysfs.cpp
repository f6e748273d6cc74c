// SPDX-License-Identifier: GPL-2.0
#include "smbus_sysfs.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>

namespace mctpxx::ctl {
namespace {

namespace fs = std::filesystem;
const fs::path kI2c = "/sys/bus/i2c";

// The address the i2c core gives a slave (own-address) client.
constexpr unsigned kSlaveAddr = 0x1000;

std::string client_name(unsigned bus, unsigned addr)
{
	char b[32];
	std::snprintf(b, sizeof(b), "%u-%04x", bus, kSlaveAddr | addr);
	return b;
}

bool has_driver(const fs::path &dev)
{
	std::error_code ec;
	return fs::exists(dev / "driver", ec);
}

Status write_adapter_file(unsigned bus, const char *file, const std::string &line)
{
	const fs::path p = kI2c / "devices" / ("i2c-" + std::to_string(bus)) / file;
	std::ofstream out(p);
	if (!out || !(out << line << std::flush))
		return fail(Error::last("write " + p.string()));
	return {};
}

// Why the driver may have refused: the bus has a binding already.
std::string refusal_hint(const CreateSmbus &c, const SystemState &s)
{
	for (const auto &[bus, addr] : s.smbus_clients)
		if (bus == c.bus)
			return "; i2c-" + std::to_string(bus) + " already has an SMBus binding (" +
			       client_name(bus, addr) + ")";
	return "";
}

} // namespace

void read_i2c(SystemState &s)
{
	std::error_code ec;
	s.smbus_driver = fs::is_directory(kI2c / "drivers" / kSmbusClientName, ec);
	for (auto &e : fs::directory_iterator(kI2c / "devices", ec)) {
		const std::string n = e.path().filename().string();
		unsigned bus, addr;
		char tail;
		if (std::sscanf(n.c_str(), "i2c-%u%c", &bus, &tail) == 1) {
			s.i2c_buses.insert(bus);
			continue;
		}
		if (std::sscanf(n.c_str(), "%u-%4x%c", &bus, &addr, &tail) != 2)
			continue;
		std::ifstream name(e.path() / "name");
		std::string client;
		if (name >> client && client == kSmbusClientName && has_driver(e.path()))
			s.smbus_clients.insert({bus, static_cast<std::uint8_t>(addr & 0x7f)});
	}
}

Status create_binding(const CreateSmbus &c, const SystemState &s)
{
	char addr[8];
	std::snprintf(addr, sizeof(addr), "0x%04x", kSlaveAddr | c.address);
	if (auto st = write_adapter_file(c.bus, "new_device", std::string(kSmbusClientName) + " " + addr);
	    !st)
		return st;
	// The i2c core probes the new client synchronously: no driver now
	// means the driver refused it.
	const std::string name = client_name(c.bus, c.address);
	if (has_driver(kI2c / "devices" / name))
		return {};
	std::string msg = "the kernel refused the binding (its driver did not take i2c device " + name +
			  refusal_hint(c, s) + "; the kernel log says why)";
	if (auto st = write_adapter_file(c.bus, "delete_device", addr); !st)
		msg += "; removing " + name + " failed too: " + st.error().message;
	else
		msg += "; removed " + name + " again";
	return fail(Error{EBUSY, msg});
}

} // namespace mctpxx::ctl

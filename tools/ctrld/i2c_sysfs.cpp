// SPDX-License-Identifier: GPL-2.0
#include "i2c_sysfs.hpp"

#include <systemd/sd-device.h>

#include <algorithm>
#include <cstdio>
#include <memory>

namespace mctpxx::ctrld {
namespace {

struct DeviceUnref {
	void operator()(sd_device *d) const { sd_device_unref(d); }
};
struct EnumeratorUnref {
	void operator()(sd_device_enumerator *e) const { sd_device_enumerator_unref(e); }
};
using Device = std::unique_ptr<sd_device, DeviceUnref>;
using Enumerator = std::unique_ptr<sd_device_enumerator, EnumeratorUnref>;

// Drivers of MCTP-over-SMBus bindings: their clients are our own
// addresses, not devices to keep away from.
bool mctp_driver(const std::string &name)
{
	return name == "mctp-smbus" || name == "mctp-i2c-interface" || name == "mctp-i2c";
}

Device device(const char *subsystem, const std::string &sysname)
{
	sd_device *d = nullptr;
	if (sd_device_new_from_subsystem_sysname(&d, subsystem, sysname.c_str()) < 0)
		return nullptr;
	return Device(d);
}

Device adapter(unsigned bus)
{
	return device("i2c", "i2c-" + std::to_string(bus));
}

std::string sysname(sd_device *d)
{
	const char *n = nullptr;
	return sd_device_get_sysname(d, &n) >= 0 && n ? n : "";
}

// Bus numbers of the adapters among @d's ancestors, nearest first. (A
// mux channel's parent is the mux's i2c client, whose parent is the
// adapter of the bus the mux sits on.)
std::vector<unsigned> adapters_above(sd_device *d)
{
	std::vector<unsigned> out;
	sd_device *p = nullptr;
	// parents belong to their child: no references to drop
	for (sd_device *c = d; sd_device_get_parent(c, &p) >= 0; c = p)
		if (auto n = i2c_bus_number(sysname(p)))
			out.push_back(*n);
	return out;
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
	Device d = device("net", dev);
	sd_device *p = nullptr;
	const char *subsystem = nullptr;
	if (!d || sd_device_get_parent(d.get(), &p) < 0 || sd_device_get_subsystem(p, &subsystem) < 0 ||
	    std::string(subsystem) != "i2c")
		return std::nullopt;
	return i2c_bus_number(sysname(p));
}

std::vector<unsigned> I2cSysfs::parents(unsigned bus) const
{
	Device d = adapter(bus);
	return d ? adapters_above(d.get()) : std::vector<unsigned>{};
}

std::vector<unsigned> I2cSysfs::descendants(unsigned bus) const
{
	std::vector<unsigned> out;
	Device root = adapter(bus);
	sd_device_enumerator *e = nullptr;
	if (!root || sd_device_enumerator_new(&e) < 0)
		return out;
	Enumerator en(e);
	if (sd_device_enumerator_add_match_subsystem(e, "i2c", true) < 0 ||
	    sd_device_enumerator_add_match_parent(e, root.get()) < 0)
		return out;
	for (sd_device *d = sd_device_enumerator_get_device_first(e); d;
	     d = sd_device_enumerator_get_device_next(e))
		if (auto n = i2c_bus_number(sysname(d)); n && *n != bus)
			out.push_back(*n);
	std::sort(out.begin(), out.end());
	return out;
}

std::optional<std::string> I2cSysfs::client_owner(unsigned bus, std::uint8_t addr) const
{
	char name[32];
	std::snprintf(name, sizeof(name), "%u-%04x", bus, addr);
	Device d = device("i2c", name);
	if (!d)
		return std::nullopt;
	const char *what = nullptr, *drv = nullptr;
	if (sd_device_get_sysattr_value(d.get(), "name", &what) < 0 || !what)
		what = "";
	if (sd_device_get_driver(d.get(), &drv) < 0 || !drv)
		return "i2c device " + std::string(name) + (*what ? " (" + std::string(what) + ")" : "") +
		       " without a driver";
	if (mctp_driver(drv))
		return std::nullopt;
	return "i2c device " + std::string(name) + " bound to driver " + drv;
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

} // namespace mctpxx::ctrld

// SPDX-License-Identifier: GPL-2.0
#include "i2c/sysfs.hpp"

#include <systemd/sd-device.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <system_error>

namespace mctpxx::i2c {
namespace {

namespace fs = std::filesystem;

struct DeviceUnref {
	void operator()(sd_device *d) const { sd_device_unref(d); }
};
struct EnumeratorUnref {
	void operator()(sd_device_enumerator *e) const { sd_device_enumerator_unref(e); }
};
using Device = std::unique_ptr<sd_device, DeviceUnref>;
using Enumerator = std::unique_ptr<sd_device_enumerator, EnumeratorUnref>;

constexpr unsigned kArphrdMctp = 290;
constexpr std::uint16_t kSlaveFlag = 0x1000;

Device device(const char *subsystem, const std::string &sysname)
{
	sd_device *d = nullptr;
	if (sd_device_new_from_subsystem_sysname(&d, subsystem, sysname.c_str()) < 0)
		return nullptr;
	return Device(d);
}

Device adapter_device(unsigned bus)
{
	return device("i2c", "i2c-" + std::to_string(bus));
}

std::string sysname(sd_device *d)
{
	const char *n = nullptr;
	return sd_device_get_sysname(d, &n) >= 0 && n ? n : "";
}

std::string attr(sd_device *d, const char *name)
{
	const char *v = nullptr;
	if (sd_device_get_sysattr_value(d, name, &v) < 0 || !v)
		return "";
	std::string s = v;
	while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
		s.pop_back();
	return s;
}

std::string driver(sd_device *d)
{
	const char *drv = nullptr;
	return sd_device_get_driver(d, &drv) >= 0 && drv ? drv : "";
}

std::string syspath(sd_device *d)
{
	const char *p = nullptr;
	return sd_device_get_syspath(d, &p) >= 0 && p ? p : "";
}

// Bus numbers of the adapters among @d's ancestors, nearest first. (A
// mux channel adapter's parent device is the adapter the mux sits on.)
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

// A mux channel adapter links to its mux device ("mux_device"), which
// links to each of its channels ("channel-K"): the number K of the one
// that is @adapter.
std::optional<unsigned> channel_number(const fs::path &adapter, const fs::path &mux)
{
	std::error_code ec;
	for (const auto &e : fs::directory_iterator(mux, ec)) {
		const std::string name = e.path().filename().string();
		if (name.compare(0, 8, "channel-") != 0 || name.size() == 8)
			continue;
		char *end = nullptr;
		const unsigned long k = std::strtoul(name.c_str() + 8, &end, 10);
		if (*end || k > 255)
			continue;
		if (fs::equivalent(e.path(), adapter, ec))
			return static_cast<unsigned>(k);
	}
	return std::nullopt;
}

constexpr const char *kBusDevices = "/sys/bus/i2c/devices";
constexpr const char *kClassNet = "/sys/class/net";

Adapter adapter_of(sd_device *d, unsigned bus)
{
	Adapter a;
	a.bus = bus;
	a.name = attr(d, "name");
	const fs::path self = syspath(d);
	std::error_code ec;
	const fs::path mux = fs::canonical(self / "mux_device", ec);
	if (ec)
		return a; // a root adapter
	auto above = adapters_above(d);
	if (!above.empty())
		a.parent = above.front();
	a.channel = channel_number(self, mux);
	a.mux = mux.filename().string();
	sd_device *md = nullptr;
	if (sd_device_new_from_syspath(&md, mux.c_str()) >= 0) {
		Device m(md);
		a.mux_name = attr(md, "name");
	}
	return a;
}

Client client_of(sd_device *d, const std::string &sysname, const ClientName &cn)
{
	Client c;
	c.bus = cn.bus;
	c.own = cn.addr & kSlaveFlag;
	c.addr = static_cast<std::uint8_t>(cn.addr & 0x7f);
	c.sysname = sysname;
	c.name = attr(d, "name");
	c.driver = driver(d);
	return c;
}

// A network device whose parent is an i2c adapter.
std::optional<Netdev> netdev_of(sd_device *d)
{
	sd_device *p = nullptr;
	const char *subsystem = nullptr;
	if (sd_device_get_parent(d, &p) < 0 || sd_device_get_subsystem(p, &subsystem) < 0 ||
	    std::string(subsystem) != "i2c")
		return std::nullopt;
	auto bus = i2c_bus_number(sysname(p));
	if (!bus)
		return std::nullopt;
	Netdev n;
	n.name = sysname(d);
	n.bus = *bus;
	n.up = std::strtoul(attr(d, "flags").c_str(), nullptr, 16) & 1;
	n.mctp = std::strtoul(attr(d, "type").c_str(), nullptr, 10) == kArphrdMctp;
	return n;
}

} // namespace

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
	Device d = adapter_device(bus);
	return d ? adapters_above(d.get()) : std::vector<unsigned>{};
}

std::vector<unsigned> I2cSysfs::descendants(unsigned bus) const
{
	std::vector<unsigned> out;
	Device root = adapter_device(bus);
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
	const std::string what = attr(d.get(), "name"), drv = driver(d.get());
	if (drv.empty())
		return "i2c device " + std::string(name) + (what.empty() ? "" : " (" + what + ")") +
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

std::optional<Adapter> I2cSysfs::adapter(unsigned bus) const
{
	Device d = adapter_device(bus);
	if (!d)
		return std::nullopt;
	return adapter_of(d.get(), bus);
}

std::vector<Client> I2cSysfs::clients(unsigned bus) const
{
	std::vector<Client> out;
	for (auto &c : scan().clients)
		if (c.bus == bus)
			out.push_back(std::move(c));
	return out;
}

std::vector<Netdev> I2cSysfs::netdevs() const
{
	return scan().netdevs;
}

I2cSysfs::Scan I2cSysfs::scan() const
{
	Scan s;
	std::error_code ec;
	for (const auto &e : fs::directory_iterator(kBusDevices, ec)) {
		const std::string name = e.path().filename().string();
		if (auto bus = i2c_bus_number(name)) {
			if (Device d = device("i2c", name))
				s.adapters.push_back(adapter_of(d.get(), *bus));
		} else if (auto cn = i2c_client_name(name)) {
			if (Device d = device("i2c", name))
				s.clients.push_back(client_of(d.get(), name, *cn));
		}
	}
	for (const auto &e : fs::directory_iterator(kClassNet, ec))
		if (Device d = device("net", e.path().filename().string()))
			if (auto n = netdev_of(d.get()))
				s.netdevs.push_back(std::move(*n));
	std::sort(s.adapters.begin(), s.adapters.end(),
		  [](const Adapter &a, const Adapter &b) { return a.bus < b.bus; });
	std::sort(s.clients.begin(), s.clients.end(), [](const Client &a, const Client &b) {
		return a.bus != b.bus ? a.bus < b.bus : a.addr != b.addr ? a.addr < b.addr : a.own < b.own;
	});
	std::sort(s.netdevs.begin(), s.netdevs.end(), [](const Netdev &a, const Netdev &b) {
		return a.bus != b.bus ? a.bus < b.bus : a.name < b.name;
	});
	return s;
}

} // namespace mctpxx::i2c

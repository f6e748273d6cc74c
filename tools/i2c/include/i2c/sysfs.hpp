// SPDX-License-Identifier: GPL-2.0
// What the kernel's device tree (sysfs, read through sd-device) says about
// i2c: adapters (root buses and mux channels, with their mux and channel
// number), the i2c clients on each bus with their drivers, the network
// devices the SMBus binding parents to an adapter, and which addresses
// belong to other drivers and must not be probed. It only reads: nothing
// here touches a bus.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mctpxx::i2c {

// One i2c adapter (/sys/bus/i2c/devices/i2c-N).
struct Adapter {
	unsigned bus = 0;
	std::string name;		 // its "name" attribute
	std::optional<unsigned> parent;	 // mux channels: the adapter the mux sits on
	std::optional<unsigned> channel; // mux channels: the channel number
	std::string mux;		 // mux channels: the mux device's sysfs name
	std::string mux_name;		 // ... and its "name" attribute, if it has one
};

// One i2c client (/sys/bus/i2c/devices/N-AAAA).
struct Client {
	unsigned bus = 0;
	std::uint8_t addr = 0;	// 7-bit
	bool own = false;	// a slave backend of this host at that address (0x1000 flag)
	std::string sysname;	// "5-0048"
	std::string name;	// the "name" attribute ("tmp75", "mctp-smbus", ...)
	std::string driver;	// the bound driver, empty when none
};

// A network device whose parent device is an i2c adapter.
struct Netdev {
	std::string name;
	unsigned bus = 0;
	bool up = false;	// IFF_UP in its flags
	bool mctp = false;	// link type ARPHRD_MCTP
};

class I2cSysfs {
public:
	// The i2c bus of an MCTP netdev: the adapter that is its parent
	// device (the SMBus binding parents each netdev to its adapter).
	std::optional<unsigned> bus_of_netdev(const std::string &dev) const;
	// Mux parents of @bus, nearest first (empty for a root adapter).
	std::vector<unsigned> parents(unsigned bus) const;
	// Every bus below @bus through muxes, in order.
	std::vector<unsigned> descendants(unsigned bus) const;
	// Why @addr must not be probed from @bus: a client of another driver
	// (or of none) at that address on the bus, on a mux parent (reachable
	// through the channel) or behind one of its channels. nullopt when
	// the address is free or held by an MCTP binding.
	std::optional<std::string> foreign_owner(unsigned bus, std::uint8_t addr) const;

	// The adapter i2c-@bus, nullopt when there is none.
	std::optional<Adapter> adapter(unsigned bus) const;
	// The clients on @bus itself (not behind its mux channels), by address.
	std::vector<Client> clients(unsigned bus) const;
	// Every network device of this network namespace on an i2c adapter.
	std::vector<Netdev> netdevs() const;

	// Every adapter (by bus number), client (by bus and address) and
	// network device on an adapter, in one pass over the directories
	// that list them (/sys/bus/i2c/devices, /sys/class/net): a device
	// enumeration (sd_device_enumerator) walks much more of sysfs.
	struct Scan {
		std::vector<Adapter> adapters;
		std::vector<Client> clients;
		std::vector<Netdev> netdevs;
	};
	Scan scan() const;

private:
	std::optional<std::string> client_owner(unsigned bus, std::uint8_t addr) const;
};

// The bus number in a sysfs name "i2c-N", if it is one.
std::optional<unsigned> i2c_bus_number(const std::string &name);

// A client's sysfs name "N-AAAA" (AAAA: four hex digits, the address with
// 0x1000 for a slave backend): bus and address, nullopt if it is not one.
struct ClientName {
	unsigned bus = 0;
	std::uint16_t addr = 0; // as written, the 0x1000 flag included
};
std::optional<ClientName> i2c_client_name(const std::string &name);

// Drivers of MCTP-over-SMBus bindings: their clients are this host's own
// addresses (or another host's endpoint), never devices to keep away from.
bool mctp_driver(const std::string &driver);

} // namespace mctpxx::i2c

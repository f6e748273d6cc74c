// SPDX-License-Identifier: GPL-2.0
// What the kernel's device tree (sysfs, read through sd-device) says about
// the i2c buses under MCTP links: which bus a link sits on, its mux parents
// and channels, and which addresses belong to other drivers and must not be
// probed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mctpxx::ctrld {

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

private:
	std::optional<std::string> client_owner(unsigned bus, std::uint8_t addr) const;
};

// The bus number in a sysfs name "i2c-N", if it is one.
std::optional<unsigned> i2c_bus_number(const std::string &name);

} // namespace mctpxx::ctrld

// SPDX-License-Identifier: GPL-2.0
// The network controllers on D-Bus, under the ObjectManager at
// /xyz/openbmc_project/inventory:
// - per controller .../system/nic/NAME: Inventory.Item,
//   Decorator.Asset, Software.Version, State.Decorator.OperationalStatus
//   and .Availability, org.mctpstack.NCSI.Controller;
// - per package .../NAME/package_P: Inventory.Item, OperationalStatus,
//   org.mctpstack.NCSI.Package;
// - per channel .../NAME/package_P/channel_C: Inventory.Item,
//   Item.NetworkInterface (MACAddress), Software.Version,
//   OperationalStatus, Availability, org.mctpstack.NCSI.Channel (link,
//   speed, duplex, enabled, AENs, host driver, the reason it is not usable).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "controller.hpp"
#include "dbus.hpp"

namespace mctpxx::ncsid {

inline constexpr const char *kNcsiService = "org.mctpstack.NCSI";
inline constexpr const char *kControllerInterface = "org.mctpstack.NCSI.Controller";
inline constexpr const char *kPackageInterface = "org.mctpstack.NCSI.Package";
inline constexpr const char *kChannelInterface = "org.mctpstack.NCSI.Channel";

class Publisher {
public:
	explicit Publisher(sd_bus *bus) : bus_(bus) {}
	Status start();
	// Publish @c (once discovered) with its packages and channels, or
	// announce what may have changed; new packages and channels come.
	void update(Controller &c);
	void remove(Controller &c);

	// The handle a package's or channel's getters get (looked up on each
	// read, never stale).
	struct Ref {
		Controller *c;
		std::uint8_t package;
		std::uint8_t channel;
	};

private:
	struct Object {
		std::string path;
		std::unique_ptr<Ref> ref;
		std::vector<dbus::Slot> slots;
		std::string shown; // what its properties said when last announced
	};
	struct Objects {
		Object controller;
		std::map<std::uint8_t, Object> packages;
		std::map<std::pair<std::uint8_t, std::uint8_t>, Object> channels;
	};
	Status add(Object &o, const std::string &path, void *ud, bool channel, bool package);

	sd_bus *bus_;
	dbus::Slot manager_;
	std::map<Controller *, Objects> objects_;
};

} // namespace mctpxx::ncsid

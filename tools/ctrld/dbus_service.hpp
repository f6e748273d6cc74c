// SPDX-License-Identifier: GPL-2.0
// The daemon on D-Bus: one object per endpoint under
// /xyz/openbmc_project/mctp/NET/EID, the bus-owner methods on
// /xyz/openbmc_project/mctp, and an ObjectManager there.
#pragma once

#include <map>
#include <string>

#include "bus_owner.hpp"
#include "dbus.hpp"

namespace mctpxx::ctrld {

inline constexpr const char *kIfaceEndpoint = "xyz.openbmc_project.MCTP.Endpoint";
inline constexpr const char *kIfaceUuid = "xyz.openbmc_project.Common.UUID";
inline constexpr const char *kIfaceConnectivity = "org.mctpstack.Endpoint.Connectivity";
inline constexpr const char *kIfaceDetails = "org.mctpstack.Endpoint";
inline constexpr const char *kIfaceBusOwner = "org.mctpstack.BusOwner";

class DbusService : public Publisher {
public:
	DbusService(sd_bus *bus, BusOwner &owner, Loop loop, Scope &scope, std::string name);
	DbusService(const DbusService &) = delete;
	DbusService &operator=(const DbusService &) = delete;
	~DbusService() override;

	// Registers the manager object and takes the well-known name.
	Status start();

	void added(const Endpoint &ep) override;
	void connectivity_changed(const Endpoint &ep) override;
	void answered(const Endpoint &ep) override;
	void removed(const Endpoint &ep) override;
	void host_changed(bool on) override;

	// Used by the sd-bus callbacks.
	const Endpoint *endpoint_at(const char *path) const;
	BusOwner &owner() { return owner_; }
	Scope &scope() { return scope_; }
	Loop loop() const { return loop_; }
	Task<void> reply_setup(dbus::Message call, std::string ifname, Bytes phys, SetupMode mode,
			       std::optional<std::uint8_t> eid);
	Task<void> remove_later(EndpointKey k);

private:
	struct Object {
		dbus::Slot endpoint, uuid, connectivity, details;
	};

	sd_bus *bus_;
	BusOwner &owner_;
	Loop loop_;
	Scope &scope_;
	std::string name_;
	dbus::Slot manager_, object_manager_;
	std::map<EndpointKey, Object> objects_;
};

} // namespace mctpxx::ctrld

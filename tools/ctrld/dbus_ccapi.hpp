// SPDX-License-Identifier: GPL-2.0
// The daemon on D-Bus as au.com.codeconstruct.MCTP1, the API of "mctpd"
// that deployed OpenBMC software uses: an ObjectManager at
// /au/com/codeconstruct/mctp1, one object per MCTP link (interfaces/NAME),
// per network (networks/NET) and per endpoint, remote or this host's own
// (networks/NET/endpoints/EID). The endpoints are the bus owner's, the
// same ones the xyz.openbmc_project.MCTP tree shows.
#pragma once

#include <map>
#include <set>
#include <string>

#include "bus_owner.hpp"
#include "ccapi_paths.hpp"
#include "dbus.hpp"

namespace mctpxx::ctrld {

class CcapiService : public Publisher {
public:
	CcapiService(sd_bus *bus, BusOwner &owner, nl::Netlink &nl, const Config &cfg, Loop loop,
		     Scope &scope);
	CcapiService(const CcapiService &) = delete;
	CcapiService &operator=(const CcapiService &) = delete;
	~CcapiService() override;

	// Registers the manager, publishes links, networks and this host's
	// EIDs, takes the well-known name and refreshes them periodically.
	Status start();
	// Links, networks and this host's EIDs as netlink has them now; the
	// roles of known links too if @roles (they read sysfs: at link
	// changes, not at the periodic refresh).
	void refresh(bool roles = true);
	// A link appeared, went away or changed: refresh soon, roles included.
	void links_changed();

	void added(const Endpoint &ep) override;
	void connectivity_changed(const Endpoint &ep) override;
	void removed(const Endpoint &ep) override;

private:
	friend struct CcapiCalls;

	struct LinkObj {
		int ifindex = 0;
		std::string name;
		unsigned net = 1;
		ccapi::Role role = ccapi::Role::Unknown;
		std::size_t hwaddr_len = 0;
		dbus::Slot iface, busowner;
	};
	struct EndpointObj {
		bool local = false;
		dbus::Slot endpoint, uuid, control;
	};
	// What an endpoint object shows, remote or local.
	struct View {
		EndpointKey key;
		const Endpoint *remote = nullptr; // null: one of this host's EIDs
	};

	ccapi::Role role_for(const nl::Link &l);
	void add_link(const nl::Link &l, ccapi::Role role);
	void set_busowner_iface(LinkObj &o, bool on, bool announce);
	void drop_link(std::map<std::string, LinkObj>::iterator it);
	void add_endpoint_object(const EndpointKey &k, bool local, bool with_uuid);
	void drop_endpoint_object(const EndpointKey &k);
	LinkObj *link_at(const char *path);
	std::optional<View> view_at(const char *path) const;
	const Endpoint *known_at(int ifindex, const Bytes &phys) const;
	std::vector<std::uint8_t> local_eids(unsigned net) const;
	void add(const std::string &path, const char *iface, const sd_bus_vtable *vt,
		 dbus::Slot &out);

	sd_bus *bus_;
	BusOwner &owner_;
	nl::Netlink &nl_;
	const Config &cfg_;
	Loop loop_;
	Scope &scope_;
	control::Uuid own_uuid_;
	dbus::Slot object_manager_;
	std::map<std::string, LinkObj> links_;	     // by name
	std::map<std::string, ccapi::Role> roles_set_; // set over D-Bus, by link name
	std::map<unsigned, dbus::Slot> networks_;
	std::map<EndpointKey, EndpointObj> endpoints_;
	std::set<EndpointKey> local_; // this host's EIDs, as netlink had them
	Timer refresh_timer_;
	bool roles_pending_ = false;
};

} // namespace mctpxx::ctrld

// SPDX-License-Identifier: GPL-2.0
// The endpoint role: answers control requests sent to this host's own
// EIDs (or, physically addressed, to its links), on a socket bound to
// message type 0. Set Endpoint ID is accepted on the links configured as
// assignable and applied to the link over netlink.
#pragma once

#include <functional>
#include <map>

#include "daemon_config.hpp"
#include "dbus.hpp"
#include "mctpxx/netlink.hpp"
#include "mctpxx/socket.hpp"
#include "mctpxx/responder.hpp"

namespace mctpxx::ctrld {

// This host's UUID for the control protocol: the configured one, else one
// derived from /etc/machine-id, else a random one.
control::Uuid own_uuid(const EndpointRole &cfg);

class LocalEndpoint {
public:
	LocalEndpoint(const Config &cfg, sd_event *ev, nl::Netlink &nl);
	LocalEndpoint(const LocalEndpoint &) = delete;
	LocalEndpoint &operator=(const LocalEndpoint &) = delete;

	Status start();

	// An endpoint announced itself with Discovery Notify: the link it came
	// in on and its physical address there. Set, the role takes the
	// command (as a bus owner does); unset, it answers "unsupported".
	using DiscoveryHandler =
		std::function<void(const std::string &link, const std::vector<std::uint8_t> &phys)>;
	void on_discovery_notify(DiscoveryHandler h);

private:
	static int on_io(sd_event_source *, int, std::uint32_t, void *self);
	void handle(const Message &m);
	control::EidState eid_state(int ifindex, const std::string &link) const;
	void apply_eid(int ifindex, const std::string &link, std::uint8_t eid);
	void add_static_eids();

	const Config &cfg_;
	sd_event *ev_;
	nl::Netlink &nl_;
	control::Identity id_;
	std::optional<Socket> sock_;
	dbus::EventSource src_;
	std::map<int, std::uint8_t> assigned_; // ifindex -> EID a bus owner gave us
	DiscoveryHandler discovery_;
};

} // namespace mctpxx::ctrld

// SPDX-License-Identifier: GPL-2.0
// The bus-owner role: discovery on SMBus links (mux channels included),
// EID assignment, routes and neighbours, liveness polling and recovery,
// and the host's power state.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "busy_set.hpp"
#include "daemon_config.hpp"
#include "decide.hpp"
#include "controller.hpp"
#include "discovery.hpp"
#include "log.hpp"
#include "eid_pool.hpp"
#include "endpoint.hpp"
#include "i2c/sysfs.hpp"
#include "loop.hpp"
#include "mctpxx/netlink.hpp"
#include "task.hpp"

namespace mctpxx::ctrld {

using i2c::I2cSysfs;

struct SetupResult {
	EndpointKey key;
	std::string path;
	bool is_new = false;
};

// A link the daemon manages (SMBus binding, matched by probe rules).
struct LinkInfo {
	nl::Link link;
	unsigned net = 1;
	std::optional<unsigned> bus;
	std::vector<unsigned> parents;
	std::vector<const ProbeRule *> rules;
};

class BusOwner {
public:
	BusOwner(const Config &cfg, Loop loop, nl::Netlink &nl, I2cSysfs sysfs, Controller &ctl,
		 Scope &scope);
	BusOwner(const BusOwner &) = delete;
	BusOwner &operator=(const BusOwner &) = delete;

	void set_publisher(Publisher *p) { pub_ = p; }
	// Arms the rescan and poll timers and starts the first discovery.
	void start();

	void request_rescan();
	// An MCTP link appeared, went away or came up (LinkWatch). The
	// endpoints of a link that went away (@gone_ifindex) are removed at
	// once, not at the next rescan, which may be behind a running one.
	void link_changed(const std::string &what, int gone_ifindex = 0);
	// The host's power state as the host-state source reports it.
	void host_changed(bool on);
	bool host_on() const { return host_on_; }

	// D-Bus operations on a physical address of a link.
	Task<Result<SetupResult>> setup(std::string ifname, Bytes phys, SetupMode mode,
					std::optional<std::uint8_t> eid);
	// An endpoint announced itself with Discovery Notify at a physical
	// address of a link: set up as a probe would, or, if we know an
	// endpoint there, given back its EID (see decide_announced()).
	Task<Result<SetupResult>> announced(std::string ifname, Bytes phys);
	// Removes an endpoint with its route and neighbour.
	Status remove(EndpointKey k, const std::string &why);
	// Polls the endpoint now (re-sets its EID if it lost it).
	void recover(EndpointKey k);

	// An SMBus binding link some probe rule covers: ours to discover on.
	bool manages(const nl::Link &l);

	const Endpoint *find(EndpointKey k) const;
	const std::map<EndpointKey, std::unique_ptr<Endpoint>> &endpoints() const { return eps_; }

private:
	Task<void> rescan();
	Task<void> rescan_once();
	Task<void> poll_all();
	Task<void> poll(EndpointKey k, std::uint64_t serial);
	Task<void> revive(EndpointKey k, std::uint64_t serial);
	Task<Result<SetupResult>> setup_at(LinkInfo li, Bytes phys, SetupMode mode,
					   std::optional<std::uint8_t> want, bool host_powered);
	// The known endpoint at @pk announced itself: Confirm or Restore as
	// decide_announced() says; false: Replace (it is removed).
	Task<Result<bool>> reannounced(PhysKey pk, std::string link, unsigned net);
	// A device answers at @phys on @li, which has mux channel links
	// below it: the link it sits on (see home_link()), or nullopt if
	// nothing answers there (any more) or it cannot be told now.
	Task<std::optional<LinkInfo>> locate(LinkInfo li, Bytes phys, std::vector<LinkInfo> links);
	Task<void> query_details(EndpointKey k, std::uint64_t serial);

	std::vector<LinkInfo> managed_links(const std::vector<nl::Link> &all);
	void drop_vanished(const std::vector<nl::Link> &all);
	// Removes the endpoints whose link @gone says is gone (the kernel
	// took their routes and neighbours with it).
	void drop_link_gone(const std::function<bool(int ifindex)> &gone);
	std::vector<std::pair<EndpointKey, std::uint64_t>> awaiting_host(int ifindex) const;
	std::vector<ProbeCandidate> plan(const LinkInfo &li, const std::vector<LinkInfo> &links);
	void probe_failed(const LinkInfo &li, std::uint8_t addr, const Error &e);
	LinkInfo link_info(const nl::Link &l);
	void ensure_ready(const LinkInfo &li);
	bool host_powered_addr(const LinkInfo &li, const Bytes &phys) const;
	// The managed links below @li through muxes.
	std::vector<LinkInfo> channels_below(const LinkInfo &li,
					     const std::vector<LinkInfo> &links) const;
	std::set<std::uint8_t> known_addrs(const LinkInfo &li,
					   const std::vector<LinkInfo> &links) const;

	Endpoint *find_mut(EndpointKey k);
	Endpoint *find_serial(EndpointKey k, std::uint64_t serial);
	Endpoint *find_phys(const PhysKey &p);
	Endpoint *find_uuid(unsigned net, const control::Uuid &u);
	EidPool &pool(unsigned net);
	std::string identity(const PhysKey &p, const std::optional<control::Uuid> &u) const;
	// What decide() looks at, from the tables in @seen and our state.
	EidUsage eid_usage(const NetlinkView &seen, unsigned net);
	DecideInput decide_input(const NetlinkView &seen, unsigned net, const PhysKey &p,
				 const std::string &where, SetupMode mode,
				 std::optional<std::uint8_t> want,
				 const control::GetEndpointIdResponse &got,
				 const std::optional<control::Uuid> &uuid);
	void remove_endpoint(EndpointKey k, const std::string &why, bool installed = true);
	void publish(const Endpoint &ep, const Verdict &v);
	Target phys_target(const PhysKey &p, unsigned net, const std::string &link) const;
	static Target eid_target(EndpointKey k);
	void note_conflict(const PhysKey &p, const std::string &msg, const LogFields &f);

	const Config &cfg_;
	Loop loop_;
	nl::Netlink &nl_;
	I2cSysfs sysfs_;
	Controller &ctl_;
	Scope &scope_;
	Publisher *pub_ = nullptr;

	std::map<EndpointKey, std::unique_ptr<Endpoint>> eps_;
	std::map<unsigned, EidPool> pools_;
	std::map<std::string, std::uint8_t> remembered_; // identity -> EID it had
	BusySet busy_;
	std::set<PhysKey> conflicts_logged_;
	std::set<std::pair<unsigned, std::uint8_t>> foreign_logged_;
	std::uint64_t next_serial_ = 1;

	bool host_on_ = true;
	bool scanning_ = false, rescan_pending_ = false, polling_ = false;
	Timer rescan_timer_, poll_timer_, debounce_;
};

} // namespace mctpxx::ctrld

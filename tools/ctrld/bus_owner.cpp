// SPDX-License-Identifier: GPL-2.0
#include "bus_owner.hpp"

#include <algorithm>

#include "discovery.hpp"
#include "endpoint_routes.hpp"
#include "log.hpp"
#include "uuid.hpp"
#include <linux/mctp-ext.h>

namespace mctpxx::ctrld {

namespace {

// Now, in µs since the epoch: when an endpoint answered (LastResponse).
std::uint64_t wall_clock_us()
{
	using namespace std::chrono;
	return static_cast<std::uint64_t>(
		duration_cast<microseconds>(system_clock::now().time_since_epoch()).count());
}

// What a log message is about, as journal fields.
LogFields fields_of(const Endpoint &ep)
{
	return LogFields{ep.key.eid, ep.key.net, ep.link, ep.phys.addr};
}

LogFields fields_at(const LinkInfo &li, const Bytes &phys)
{
	return LogFields{std::nullopt, li.net, li.link.name, phys};
}

// (a function: no braced lists in coroutines, see rescan_once)
LogFields fields_of(std::uint8_t eid, unsigned net, const std::string &link, const Bytes &phys)
{
	return LogFields{eid, net, link, phys};
}

bool unicast(unsigned eid)
{
	return eid >= 8 && eid <= 254;
}

std::string eid_str(unsigned eid)
{
	return "EID " + std::to_string(eid);
}

} // namespace

BusOwner::BusOwner(const Config &cfg, Loop loop, nl::Netlink &nl, I2cSysfs sysfs, Controller &ctl,
		   Scope &scope)
	: cfg_(cfg), loop_(loop), nl_(nl), sysfs_(std::move(sysfs)), ctl_(ctl), scope_(scope),
	  busy_(loop.get()),
	  rescan_timer_(loop.get(),
			[this] {
				request_rescan();
				if (cfg_.timing.rescan_interval.count())
					(void)rescan_timer_.arm(cfg_.timing.rescan_interval);
			}),
	  poll_timer_(loop.get(),
		      [this] {
			      if (!polling_)
				      scope_.spawn(poll_all());
			      (void)poll_timer_.arm(cfg_.timing.poll_interval);
		      }),
	  debounce_(loop.get(), [this] {
		  host_on_ = true;
		  log_notice("host on and settled: rediscovering host-powered endpoints");
		  if (pub_)
			  pub_->host_changed(true);
		  for (auto &[k, ep] : eps_)
			  publish(*ep, ep->conn.host_on());
		  request_rescan();
	  })
{
	for (const auto &[net, n] : cfg_.networks)
		pools_.emplace(net, EidPool(n.pool));
}

void BusOwner::start()
{
	request_rescan();
	if (cfg_.timing.rescan_interval.count())
		(void)rescan_timer_.arm(cfg_.timing.rescan_interval);
	if (cfg_.timing.poll_interval.count())
		(void)poll_timer_.arm(cfg_.timing.poll_interval);
}

// ---- lookups ----

const Endpoint *BusOwner::find(EndpointKey k) const
{
	auto it = eps_.find(k);
	return it == eps_.end() ? nullptr : it->second.get();
}

Endpoint *BusOwner::find_mut(EndpointKey k)
{
	auto it = eps_.find(k);
	return it == eps_.end() ? nullptr : it->second.get();
}

Endpoint *BusOwner::find_serial(EndpointKey k, std::uint64_t serial)
{
	Endpoint *ep = find_mut(k);
	return ep && ep->serial == serial ? ep : nullptr;
}

Endpoint *BusOwner::find_phys(const PhysKey &p)
{
	for (auto &[k, ep] : eps_)
		if (ep->phys == p)
			return ep.get();
	return nullptr;
}

Endpoint *BusOwner::find_uuid(unsigned net, const control::Uuid &u)
{
	for (auto &[k, ep] : eps_)
		if (k.net == net && ep->uuid && *ep->uuid == u)
			return ep.get();
	return nullptr;
}

EidPool &BusOwner::pool(unsigned net)
{
	return pools_.try_emplace(net).first->second;
}

std::string BusOwner::identity(const PhysKey &p, const std::optional<control::Uuid> &u) const
{
	if (u)
		return "uuid:" + uuid_text(*u);
	std::string s = "phys:" + std::to_string(p.ifindex);
	for (auto b : p.addr)
		s += ":" + std::to_string(b);
	return s;
}

Target BusOwner::phys_target(const PhysKey &p, unsigned net, const std::string &link) const
{
	return Target{net, kEidNull, ExtAddress{p.ifindex, p.addr}, phys_name(link, p.addr), {}};
}

Target BusOwner::eid_target(EndpointKey k)
{
	return Target{k.net, k.eid, std::nullopt, eid_str(k.eid), {}};
}

// ---- EID bookkeeping ----

EidUsage BusOwner::eid_usage(const NetlinkView &seen, unsigned net)
{
	EidUsage st;
	st.net = net;
	st.netlink = seen;
	for (const auto &[k, ep] : eps_)
		if (k.net == net)
			st.endpoints[k.eid] = KnownEndpoint{ep->phys, phys_name(ep->link, ep->phys.addr)};
	st.pool = pool(net);
	st.configured = cfg_.networks.count(net) != 0;
	return st;
}

DecideInput BusOwner::decide_input(const NetlinkView &seen, unsigned net, const PhysKey &p,
				   const std::string &where, SetupMode mode,
				   std::optional<std::uint8_t> want,
				   const control::GetEndpointIdResponse &got,
				   const std::optional<control::Uuid> &uuid)
{
	DecideInput in;
	in.mode = mode;
	in.want = want;
	in.phys = p;
	in.where = where;
	in.eid = got.eid;
	in.eid_type = got.eid_type;
	if (uuid)
		if (const Endpoint *twin = find_uuid(net, *uuid))
			in.twin = Twin{twin->key, phys_name(twin->link, twin->phys.addr),
				       twin->conn.state() == State::Available};
	if (auto it = remembered_.find(identity(p, uuid)); it != remembered_.end())
		in.remembered = it->second;
	in.state = eid_usage(seen, net);
	return in;
}

void BusOwner::remove_endpoint(EndpointKey k, const std::string &why, bool installed)
{
	auto it = eps_.find(k);
	if (it == eps_.end())
		return;
	const Endpoint &ep = *it->second;
	// (a gone link took its routes and neighbours with it)
	if (installed)
		uninstall_endpoint(nl_, ep);
	if (pub_)
		pub_->removed(ep);
	remembered_[identity(ep.phys, ep.uuid)] = k.eid;
	pool(k.net).release(k.eid, true);
	log_notice("endpoint " + eid_str(k.eid) + " (net " + std::to_string(k.net) + ", " +
		   phys_name(ep.link, ep.phys.addr) + ") removed: " + why,
		   fields_of(ep));
	eps_.erase(it);
}

Status BusOwner::remove(EndpointKey k, const std::string &why)
{
	if (!find(k))
		return fail(Error{ENOENT, "no endpoint " + eid_str(k.eid) + " on network " +
						 std::to_string(k.net)});
	remove_endpoint(k, why);
	return {};
}

void BusOwner::publish(const Endpoint &ep, const Verdict &v)
{
	if (v.heard && pub_)
		pub_->answered(ep);
	if (!v.changed)
		return;
	log_info("endpoint " + eid_str(ep.key.eid) + " (" + phys_name(ep.link, ep.phys.addr) +
		 "): " + to_string(ep.conn.state()) +
		 (ep.conn.reason().empty() ? "" : " (" + ep.conn.reason() + ")"),
		 fields_of(ep));
	if (pub_)
		pub_->connectivity_changed(ep);
}

void BusOwner::note_conflict(const PhysKey &p, const std::string &msg, const LogFields &f)
{
	if (conflicts_logged_.insert(p).second)
		log_warning(msg, f);
	else
		log_debug(msg, f);
}

// ---- links ----

LinkInfo BusOwner::link_info(const nl::Link &l)
{
	LinkInfo li;
	li.link = l;
	li.net = l.net.value_or(1);
	li.bus = sysfs_.bus_of_netdev(l.name);
	if (li.bus)
		li.parents = sysfs_.parents(*li.bus);
	li.rules = rules_for_link(cfg_, l.name, li.bus, li.parents);
	return li;
}

bool BusOwner::manages(const nl::Link &l)
{
	return l.is_mctp() && l.phys_binding == MCTP_PHYS_BINDING_SMBUS &&
	       !link_info(l).rules.empty();
}

std::vector<LinkInfo> BusOwner::managed_links(const std::vector<nl::Link> &all)
{
	std::vector<LinkInfo> out;
	for (const auto &l : all) {
		if (!l.is_mctp() || l.phys_binding != MCTP_PHYS_BINDING_SMBUS)
			continue;
		auto li = link_info(l);
		if (!li.rules.empty())
			out.push_back(std::move(li));
	}
	// root adapters first: an endpoint found there is not probed again
	// through the mux channels below
	std::stable_sort(out.begin(), out.end(), [](const LinkInfo &a, const LinkInfo &b) {
		if (a.parents.size() != b.parents.size())
			return a.parents.size() < b.parents.size();
		return a.bus < b.bus;
	});
	return out;
}

void BusOwner::ensure_ready(const LinkInfo &li)
{
	if (cfg_.bring_up_links && !li.link.up) {
		nl::LinkChange c;
		c.up = true;
		if (auto s = nl_.set_link(li.link.ifindex, c); !s)
			log_warning("cannot set " + li.link.name + " up: " + s.error().message);
		else
			log_info("set " + li.link.name + " up");
	}
	auto n = cfg_.networks.find(li.net);
	if (n == cfg_.networks.end() || !n->second.own_eid)
		return;
	auto addrs = nl_.addresses();
	if (!addrs)
		return;
	for (const auto &a : *addrs)
		if (a.ifindex == li.link.ifindex)
			return;
	if (auto s = nl_.add_address(nl::AddrEntry{li.link.ifindex, *n->second.own_eid}); !s)
		log_warning("cannot add " + eid_str(*n->second.own_eid) + " to " + li.link.name + ": " +
			    s.error().message);
	else
		log_info("added own " + eid_str(*n->second.own_eid) + " to " + li.link.name);
}

bool BusOwner::host_powered_addr(const LinkInfo &li, const Bytes &phys) const
{
	if (phys.size() != 1)
		return false;
	for (const auto *r : li.rules)
		if (r->host_powered &&
		    std::find(r->addresses.begin(), r->addresses.end(), phys[0]) != r->addresses.end())
			return true;
	return false;
}

std::set<std::uint8_t> BusOwner::known_addrs(const LinkInfo &li,
					      const std::vector<LinkInfo> &links) const
{
	// the link itself, its mux parents and the channels below it: an
	// address there is reachable from this link too (a mux that stays
	// selected connects them)
	auto has = [](const std::vector<unsigned> &v, std::optional<unsigned> b) {
		return b && std::find(v.begin(), v.end(), *b) != v.end();
	};
	std::set<int> ifindexes{li.link.ifindex};
	for (const auto &o : links)
		if (has(li.parents, o.bus) || has(o.parents, li.bus))
			ifindexes.insert(o.link.ifindex);
	std::set<std::uint8_t> out;
	for (const auto &[k, ep] : eps_)
		if (ifindexes.count(ep->phys.ifindex) && ep->phys.addr.size() == 1)
			out.insert(ep->phys.addr[0]);
	return out;
}

std::vector<LinkInfo> BusOwner::channels_below(const LinkInfo &li,
						const std::vector<LinkInfo> &links) const
{
	std::vector<LinkInfo> out;
	if (!li.bus)
		return out;
	for (const auto &o : links)
		if (std::find(o.parents.begin(), o.parents.end(), *li.bus) != o.parents.end())
			out.push_back(o);
	return out;
}

// ---- discovery ----

void BusOwner::link_changed(const std::string &what, int gone_ifindex)
{
	log_notice(what + ": rescanning");
	if (gone_ifindex > 0)
		drop_link_gone([gone_ifindex](int ifindex) { return ifindex == gone_ifindex; });
	request_rescan();
}

void BusOwner::request_rescan()
{
	if (scanning_) {
		rescan_pending_ = true;
		return;
	}
	scope_.spawn(rescan());
}

Task<void> BusOwner::rescan()
{
	scanning_ = true;
	do {
		rescan_pending_ = false;
		co_await rescan_once();
	} while (rescan_pending_);
	scanning_ = false;
}

void BusOwner::drop_vanished(const std::vector<nl::Link> &all)
{
	drop_link_gone([&](int ifindex) {
		return std::none_of(all.begin(), all.end(),
				    [&](const nl::Link &l) { return l.ifindex == ifindex; });
	});
}

void BusOwner::drop_link_gone(const std::function<bool(int ifindex)> &gone)
{
	std::vector<EndpointKey> keys;
	for (const auto &[k, ep] : eps_)
		if (gone(ep->phys.ifindex))
			keys.push_back(k);
	for (auto k : keys)
		remove_endpoint(k, "its link is gone", false);
}

std::vector<std::pair<EndpointKey, std::uint64_t>> BusOwner::awaiting_host(int ifindex) const
{
	std::vector<std::pair<EndpointKey, std::uint64_t>> out;
	for (const auto &[k, ep] : eps_)
		if (ep->phys.ifindex == ifindex && ep->conn.awaiting_host())
			out.emplace_back(k, ep->serial);
	return out;
}

std::vector<ProbeCandidate> BusOwner::plan(const LinkInfo &li, const std::vector<LinkInfo> &links)
{
	PlanInput in;
	in.rules = li.rules;
	if (li.link.hwaddr.size() == 1)
		in.own_addr = li.link.hwaddr[0];
	in.known = known_addrs(li, links);
	in.busy = busy_.addrs_on(li.link.ifindex);
	in.host_on = host_on_;
	if (li.bus)
		in.foreign = [this, bus = *li.bus](std::uint8_t a) { return sysfs_.foreign_owner(bus, a); };
	auto p = plan_probes(in);
	for (const auto &s : p.skipped) {
		const std::string where = phys_name(li.link.name, {s.addr});
		const bool foreign = s.why.rfind("i2c device", 0) == 0;
		if (foreign && li.bus && foreign_logged_.emplace(*li.bus, s.addr).second)
			log_info("not probing " + where + ": " + s.why, fields_at(li, {s.addr}));
		else
			log_debug("not probing " + where + ": " + s.why, fields_at(li, {s.addr}));
	}
	return std::move(p.probe);
}

void BusOwner::probe_failed(const LinkInfo &li, std::uint8_t addr, const Error &e)
{
	const std::string where = phys_name(li.link.name, {addr});
	const LogFields at = fields_at(li, {addr});
	if (e.code == ETIMEDOUT)
		log_debug("nothing answers at " + where, at);
	else if (e.code == EEXIST)
		log_debug(e.message, at);
	else if (e.code != EADDRINUSE && e.code != EBADMSG)
		log_notice("setting up " + where + ": " + e.message, at);
}

Task<void> BusOwner::rescan_once()
{
	auto all = nl_.links();
	if (!all) {
		log_error("listing links: " + all.error().message);
		co_return;
	}
	drop_vanished(*all);
	const std::vector<LinkInfo> links = managed_links(*all);
	// Plan the whole pass from one view of the endpoints: a device on a
	// root bus answers through every mux channel too, so one that leaves
	// while the pass runs must not be found again through a channel.
	std::vector<std::vector<ProbeCandidate>> plans;
	for (const LinkInfo &li : links) {
		ensure_ready(li);
		plans.push_back(plan(li, links));
	}
	for (std::size_t i = 0; i < links.size(); i++) {
		const LinkInfo &li = links[i];
		const auto waiting = awaiting_host(li.link.ifindex);
		for (const auto &w : waiting)
			co_await revive(w.first, w.second);
		for (const ProbeCandidate &c : plans[i]) {
			if (known_addrs(li, links).count(c.addr))
				continue; // found meanwhile (a D-Bus call)
			// (no braced lists in coroutines: GCC 12 mishandles their arrays)
			const Bytes phys(1, c.addr);
			log_debug("probing " + phys_name(li.link.name, phys), fields_at(li, phys));
			if (!channels_below(li, links).empty()) {
				// Where is it: here, or behind a mux channel left
				// selected? (home_link())
				auto home = co_await locate(li, phys, links);
				if (!home)
					continue;
				if (home->link.ifindex != li.link.ifindex) {
					auto r = co_await setup_at(*home, phys, SetupMode::Discover,
								   std::nullopt,
								   host_powered_addr(*home, phys));
					if (!r)
						probe_failed(*home, c.addr, r.error());
					continue;
				}
			}
			auto r = co_await setup_at(li, phys, SetupMode::Discover, std::nullopt,
						   c.host_powered);
			if (!r)
				probe_failed(li, c.addr, r.error());
		}
	}
}

Task<std::optional<LinkInfo>> BusOwner::locate(LinkInfo li, Bytes phys, std::vector<LinkInfo> links)
{
	const std::vector<LinkInfo> below = channels_below(li, links);
	if (below.empty())
		co_return li;
	const PhysKey pk{li.link.ifindex, phys};
	const LogFields at = fields_at(li, phys);
	std::optional<control::Uuid> uuid;
	{
		const auto claim = busy_.try_claim(pk);
		if (!claim)
			co_return std::nullopt; // being set up
		Target probe = phys_target(pk, li.net, li.link.name);
		probe.retries = 0;
		auto got = co_await ctl_.get_eid(probe);
		if (!got) {
			if (got.error().code == ETIMEDOUT)
				log_debug("nothing answers at " + probe.name, at);
			co_return std::nullopt;
		}
		auto u = co_await ctl_.get_uuid(phys_target(pk, li.net, li.link.name));
		if (!u)
			co_return li; // no UUID: nothing to tell it apart by
		uuid = *u;
	}
	std::vector<ChannelReach> reach;
	for (const LinkInfo &c : below) {
		ChannelReach r;
		r.bus = c.bus;
		r.parents = c.parents;
		const PhysKey ck{c.link.ifindex, phys};
		if (const Endpoint *e = find_phys(ck)) {
			// known there: the same device or another one
			r.reach = e->uuid == uuid ? ChannelReach::Answered : ChannelReach::Silent;
		} else if (auto claim = busy_.try_claim(ck)) {
			auto u = co_await ctl_.get_uuid(phys_target(ck, c.net, c.link.name));
			if (u)
				r.reach = *u == *uuid ? ChannelReach::Answered
						      : ChannelReach::Silent;
			else if (u.error().code == ETIMEDOUT)
				r.reach = ChannelReach::Silent;
		}
		reach.push_back(std::move(r));
	}
	const auto home = home_link(li.bus, reach);
	if (!home)
		co_return li;
	const LinkInfo &h = below[*home];
	log_notice(phys_name(li.link.name, phys) +
			   " answered, but not through every mux channel below it: the device is "
			   "behind " +
			   h.link.name + " (a mux left selected connected it)",
		   at);
	co_return h;
}

Task<Result<SetupResult>> BusOwner::setup(std::string ifname, Bytes phys, SetupMode mode,
					  std::optional<std::uint8_t> eid)
{
	if (phys.empty())
		co_return fail(Error{EINVAL, "empty physical address"});
	auto l = nl_.link(ifname);
	if (!l)
		co_return fail(l.error());
	if (!l->is_mctp())
		co_return fail(Error{EINVAL, ifname + " is not an MCTP link"});
	auto li = link_info(*l);
	const bool hp = host_powered_addr(li, phys);
	co_return co_await setup_at(std::move(li), std::move(phys), mode, eid, hp);
}

Task<Result<SetupResult>> BusOwner::announced(std::string ifname, Bytes phys)
{
	if (phys.empty())
		co_return fail(Error{EINVAL, "empty physical address"});
	auto l = nl_.link(ifname);
	if (!l)
		co_return fail(l.error());
	if (!l->is_mctp())
		co_return fail(Error{EINVAL, ifname + " is not an MCTP link"});
	auto li = link_info(*l);
	if (!find_phys(PhysKey{li.link.ifindex, phys})) {
		auto all = nl_.links();
		const std::vector<LinkInfo> links =
			all ? managed_links(*all) : std::vector<LinkInfo>();
		if (!channels_below(li, links).empty()) {
			// The kernel credits a frame to the link last used
			// towards its sender, or the channel last selected: it
			// may come from behind a mux channel.
			auto home = co_await locate(li, phys, links);
			if (!home)
				co_return fail(Error{ETIMEDOUT, phys_name(li.link.name, phys) +
									" does not answer"});
			li = std::move(*home);
		}
	}
	const PhysKey pk{li.link.ifindex, phys};
	// A probe (setup_at) takes a known endpoint at the address as found and
	// asks it nothing: right for a rescan, wrong here. An endpoint that
	// announces itself has just come (back): after a power cycle it has
	// lost its EID, and only we can give it back.
	if (find_phys(pk)) {
		auto r = co_await reannounced(pk, li.link.name, li.net);
		if (!r)
			co_return fail(r.error());
		if (*r) {
			if (const Endpoint *ep = find_phys(pk))
				co_return SetupResult{ep->key, ep->path(), false};
		}
	}
	const bool hp = host_powered_addr(li, phys);
	co_return co_await setup_at(std::move(li), std::move(phys), SetupMode::Discover,
				    std::nullopt, hp);
}

Task<Result<bool>> BusOwner::reannounced(PhysKey pk, std::string link, unsigned net)
{
	const BusySet::Claim claim = co_await busy_.claim(pk);
	Endpoint *ep = find_phys(pk);
	if (!ep)
		co_return false; // gone meanwhile: set it up afresh
	const EndpointKey k = ep->key;
	const std::uint64_t serial = ep->serial;
	const std::optional<control::Uuid> known_uuid = ep->uuid;
	const Target tgt = phys_target(pk, net, link);
	const LogFields at = fields_of(k.eid, net, link, pk.addr);

	auto got = co_await ctl_.get_eid(tgt);
	if (!got)
		co_return fail(got.error());
	std::optional<control::Uuid> uuid;
	auto u = co_await ctl_.get_uuid(tgt);
	if (u)
		uuid = *u;
	else if (u.error().code == ETIMEDOUT)
		co_return fail(u.error());
	if (!find_serial(k, serial))
		co_return false;

	bool ok = false;
	switch (decide_announced(k, known_uuid, got->eid, uuid)) {
	case AnnounceAction::Confirm:
		ok = true;
		break;
	case AnnounceAction::Restore: {
		log_notice(tgt.name + " announced itself with " +
				   (got->eid ? eid_str(got->eid) : std::string("no EID")) +
				   ": giving it back " + eid_str(k.eid),
			   at);
		auto s = co_await ctl_.set_eid(tgt, k.eid);
		ok = s && s->status == control::EidAssignment::Accepted && s->eid == k.eid;
		if (!ok)
			log_warning(tgt.name + " did not take back " + eid_str(k.eid) +
					    (s ? "" : ": " + s.error().message) +
					    "; setting it up again",
				    at);
		break;
	}
	case AnnounceAction::Replace:
		log_notice(tgt.name + " announced itself with another UUID than " + eid_str(k.eid) +
				   "'s: setting it up as a new endpoint",
			   at);
		break;
	}
	ep = find_serial(k, serial);
	if (!ep)
		co_return false;
	if (!ok) {
		remove_endpoint(k, ep->uuid == uuid
					   ? "it announced itself and refused its EID"
					   : "another endpoint announced itself at its address");
		co_return false;
	}
	if (auto s = install_endpoint(nl_, pk, k.net, k.eid); !s)
		log_warning("reinstalling the route to " + eid_str(k.eid) + ": " +
				    s.error().message,
			    at);
	publish(*ep, ep->conn.answered(wall_clock_us()));
	co_return true;
}

Task<Result<SetupResult>> BusOwner::setup_at(LinkInfo li, Bytes phys, SetupMode mode,
					     std::optional<std::uint8_t> want, bool host_powered)
{
	const PhysKey pk{li.link.ifindex, phys};
	const std::string where = phys_name(li.link.name, phys);
	const LogFields at = fields_at(li, phys);
	const unsigned net = li.net;
	const BusySet::Claim claim = co_await busy_.claim(pk);

	if (Endpoint *old = find_phys(pk)) {
		const bool keep = mode == SetupMode::Discover || mode == SetupMode::Setup ||
				  mode == SetupMode::Learn ||
				  (mode == SetupMode::AssignStatic && want == old->key.eid);
		if (keep)
			co_return SetupResult{old->key, old->path(), false};
		remove_endpoint(old->key, "reassigned on request");
	}
	if (mode == SetupMode::AssignStatic && (!want || !unicast(*want)))
		co_return fail(Error{EINVAL, "a static EID must be 8..254"});

	const Target tgt = phys_target(pk, net, li.link.name);
	Target probe = tgt;
	if (mode == SetupMode::Discover)
		probe.retries = 0;
	auto got = co_await ctl_.get_eid(probe);
	if (!got)
		co_return fail(got.error());
	std::optional<control::Uuid> uuid;
	auto u = co_await ctl_.get_uuid(tgt);
	if (u)
		uuid = *u;
	else if (u.error().code == ETIMEDOUT)
		co_return fail(u.error());
	else
		log_debug(where + ": no UUID (" + u.error().message + ")", at);

	// Decide, then do it. A stale endpoint with its UUID goes first.
	Decision d;
	NetlinkView seen; // the tables it was decided on
	for (;;) {
		auto snap = take_netlink(nl_);
		if (!snap)
			co_return fail(snap.error());
		seen = std::move(*snap);
		d = decide(decide_input(seen, net, pk, where, mode, want, *got, uuid));
		if (d.action != Decision::Action::Supersede)
			break;
		remove_endpoint(d.twin, "it is now at " + where);
	}
	if (d.conflict)
		note_conflict(pk, *d.conflict, at);
	if (d.action == Decision::Action::Reject)
		co_return fail(d.error);
	const bool assign = d.action == Decision::Action::Assign; // (even if refused)
	// The EID it ends up with, given back on every failure below.
	EidReservation eid = pool(net).take_exact(d.eid);
	if (!eid)
		co_return fail(Error{EADDRINUSE, eid_str(d.eid) + " is in use"});

	if (assign) {
		auto s = co_await ctl_.set_eid(tgt, d.eid);
		if (!s)
			co_return fail(s.error());
		if (s->status != control::EidAssignment::Accepted || s->eid != d.eid) {
			eid.reset();
			// offer the same EID next time rather than walk the pool
			remembered_[identity(pk, uuid)] = d.eid;
			const Decision r = decide_refused(eid_usage(seen, net), pk, where, d.eid, s->eid);
			if (r.action == Decision::Action::Reject) {
				note_conflict(pk, *r.conflict, at);
				co_return fail(r.error);
			}
			eid = pool(net).take_exact(r.eid);
			if (!eid)
				co_return fail(Error{EADDRINUSE, eid_str(r.eid) + " is in use"});
			log_notice(where + " refused " + eid_str(d.eid) + " and keeps " + eid_str(r.eid),
				   fields_of(r.eid, net, li.link.name, phys));
		}
	}

	const EndpointKey key{net, eid.eid()};
	if (eps_.count(key))
		co_return fail(Error{EADDRINUSE, eid_str(key.eid) + " appeared twice"});
	if (auto s = install_endpoint(nl_, pk, net, key.eid); !s)
		co_return fail(Error{s.error().code, "installing the route to " + eid_str(key.eid) +
							     ": " + s.error().message});
	auto ep = std::make_unique<Endpoint>(Endpoint{
		key, next_serial_++, pk, li.link.name, uuid, got->eid_type, got->endpoint_type,
		{}, {}, {},
		Connectivity({cfg_.timing.degraded_after, cfg_.timing.remove_after}, host_powered),
		assign});
	const std::uint64_t serial = ep->serial;
	ep->conn.answered(wall_clock_us()); // its first answers: the setup's
	remembered_.erase(identity(pk, uuid));
	conflicts_logged_.erase(pk);
	eps_[key] = std::move(ep);
	eid.commit(); // the endpoint holds it now; removal releases it

	co_await query_details(key, serial);
	Endpoint *e = find_serial(key, serial);
	if (!e)
		co_return fail(Error{ENODEV, where + " went away during setup"});
	log_info("endpoint " + eid_str(key.eid) + " on net " + std::to_string(net) + " at " + where +
		 (uuid ? " UUID " + uuid_text(*uuid) : std::string()) +
		 (assign ? " (assigned)" : " (its own EID)"),
		 fields_of(*e));
	if (pub_)
		pub_->added(*e);
	co_return SetupResult{key, e->path(), true};
}

Task<void> BusOwner::query_details(EndpointKey k, std::uint64_t serial)
{
	const Target t = eid_target(k);
	auto versions = co_await ctl_.get_versions(t, 0xff);
	auto types = co_await ctl_.get_message_types(t);
	auto vendor = co_await ctl_.get_vendor_support(t);
	Endpoint *ep = find_serial(k, serial);
	if (!ep)
		co_return;
	if (versions)
		ep->versions = std::move(*versions);
	else
		log_notice(eid_str(k.eid) + ": " + versions.error().message, fields_of(*ep));
	if (types)
		ep->message_types = std::move(*types);
	else
		log_notice(eid_str(k.eid) + ": " + types.error().message, fields_of(*ep));
	if (vendor)
		ep->vendor = std::move(*vendor);
	else
		log_debug(eid_str(k.eid) + ": no vendor defined messages (" + vendor.error().message +
				  ")",
			  fields_of(*ep));
}

// ---- liveness ----

Task<void> BusOwner::poll_all()
{
	polling_ = true;
	std::vector<std::pair<EndpointKey, std::uint64_t>> todo;
	for (const auto &[k, ep] : eps_)
		if (ep->conn.pollable())
			todo.emplace_back(k, ep->serial);
	for (const auto &t : todo)
		co_await poll(t.first, t.second);
	polling_ = false;
}

Task<void> BusOwner::poll(EndpointKey k, std::uint64_t serial)
{
	Endpoint *ep = find_serial(k, serial);
	if (!ep || !ep->conn.pollable())
		co_return;
	const auto claim = busy_.try_claim(ep->phys);
	if (!claim)
		co_return;
	auto r = co_await ctl_.get_eid(eid_target(k));
	ep = find_serial(k, serial);
	if (!ep || !ep->conn.pollable())
		co_return;
	if (r) {
		if (r->eid != k.eid)
			log_notice(eid_str(k.eid) + " answers with " + eid_str(r->eid), fields_of(*ep));
		publish(*ep, ep->conn.answered(wall_clock_us()));
		co_return;
	}
	log_debug("poll of " + eid_str(k.eid) + ": " + r.error().message, fields_of(*ep));
	if (!endpoint_silent(r.error()))
		co_return; // not asked at all: the next poll will
	const Verdict v = ep->conn.silent();
	if (v.remove) {
		remove_endpoint(k, "not responding");
		co_return;
	}
	publish(*ep, v);
}

void BusOwner::recover(EndpointKey k)
{
	if (const Endpoint *ep = find(k))
		scope_.spawn(revive(k, ep->serial));
}

// Finds the endpoint again at its physical address and gives it back its
// EID if it lost it (power cycle).
Task<void> BusOwner::revive(EndpointKey k, std::uint64_t serial)
{
	Endpoint *ep = find_serial(k, serial);
	if (!ep)
		co_return;
	const PhysKey pk = ep->phys;
	const std::string link = ep->link;
	const BusySet::Claim claim = co_await busy_.claim(pk);
	if (!find_serial(k, serial))
		co_return;
	const Target tgt = phys_target(pk, k.net, link);
	const LogFields at = fields_of(k.eid, k.net, link, pk.addr);
	auto r = co_await ctl_.get_eid(tgt);
	bool ok = r && r->eid == k.eid;
	bool asked = r || endpoint_silent(r.error());
	if (r && !ok) {
		auto s = co_await ctl_.set_eid(tgt, k.eid);
		ok = s && s->status == control::EidAssignment::Accepted && s->eid == k.eid;
		asked = s || endpoint_silent(s.error());
		if (!ok)
			log_warning(tgt.name + " did not take back " + eid_str(k.eid) +
					    (s ? "" : ": " + s.error().message),
				    at);
	}
	ep = find_serial(k, serial);
	if (!ep)
		co_return;
	if (ok) {
		if (auto s = install_endpoint(nl_, pk, k.net, k.eid); !s)
			log_warning("reinstalling the route to " + eid_str(k.eid) + ": " +
					    s.error().message,
				    at);
		publish(*ep, ep->conn.answered(wall_clock_us()));
		co_return;
	}
	if (!asked)
		co_return; // no tag was free towards it: tried again at the next rescan or poll
	const Verdict v = ep->conn.awaiting_host() ? ep->conn.rediscovery_failed() : ep->conn.silent();
	if (v.remove) {
		remove_endpoint(k, "not responding");
		co_return;
	}
	publish(*ep, v);
}

// ---- host power ----

void BusOwner::host_changed(bool on)
{
	if (!on) {
		debounce_.cancel();
		if (!host_on_)
			return;
		host_on_ = false;
		log_notice("host off: host-powered endpoints are unavailable");
		if (pub_)
			pub_->host_changed(false);
		for (auto &[k, ep] : eps_)
			publish(*ep, ep->conn.host_off());
		return;
	}
	if (host_on_ || debounce_.armed())
		return;
	log_notice("host on: rediscovery in " + std::to_string(cfg_.timing.host_debounce.count()) +
		   " ms unless it goes off again");
	if (auto s = debounce_.arm(cfg_.timing.host_debounce); !s)
		log_error(s.error().message);
}

} // namespace mctpxx::ctrld

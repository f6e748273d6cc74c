// SPDX-License-Identifier: GPL-2.0
#include "dbus_ccapi.hpp"

#include <fnmatch.h>

#include <algorithm>

#include "dbus_service.hpp"
#include "dbus_ccapi_vtables.hpp"
#include "endpoint_role.hpp"
#include "log.hpp"

namespace mctpxx::ctrld {

using namespace ccapi;
using namespace ccapi_vtables;

namespace {

constexpr auto kRefreshEvery = std::chrono::seconds(5);
constexpr auto kLinkSettle = std::chrono::milliseconds(300);

// A link this daemon follows in the tree: an MCTP device, or one the
// kernel gave an MCTP network (the loopback).
bool mctp_link(const nl::Link &l)
{
	return l.is_mctp() || l.net.has_value();
}

} // namespace

CcapiService::CcapiService(sd_bus *bus, BusOwner &owner, nl::Netlink &nl, const Config &cfg,
			   Loop loop, Scope &scope)
	: bus_(bus), owner_(owner), nl_(nl), cfg_(cfg), loop_(loop), scope_(scope),
	  own_uuid_(own_uuid(cfg.endpoint)), refresh_timer_(loop.get(), [this] {
		  refresh(roles_pending_);
		  roles_pending_ = false;
		  (void)refresh_timer_.arm(kRefreshEvery);
	  })
{
}

CcapiService::~CcapiService()
{
	refresh_timer_.cancel();
	endpoints_.clear();
	links_.clear();
	networks_.clear();
}

Status CcapiService::start()
{
	sd_bus_slot *slot = nullptr;
	if (int r = sd_bus_add_object_manager(bus_, &slot, kRoot); r < 0)
		return fail(dbus::error(r, "adding the object manager at " + std::string(kRoot)));
	object_manager_.reset(slot);
	refresh();
	for (const auto &[k, ep] : owner_.endpoints())
		added(*ep);
	if (int r = sd_bus_request_name(bus_, kService, 0); r < 0)
		return fail(dbus::error(r, "requesting the name " + std::string(kService)));
	if (auto s = refresh_timer_.arm(kRefreshEvery); !s)
		log_warning("this host's EIDs on D-Bus follow link changes only: " +
			    s.error().message);
	return {};
}

void CcapiService::add(const std::string &path, const char *iface, const sd_bus_vtable *vt,
		       dbus::Slot &out)
{
	sd_bus_slot *slot = nullptr;
	int r = sd_bus_add_object_vtable(bus_, &slot, path.c_str(), iface, vt, this);
	if (r < 0)
		log_error("D-Bus object " + path + " " + iface + ": " + dbus::error(r, "").message);
	else
		out.reset(slot);
}

Role CcapiService::role_for(const nl::Link &l)
{
	if (auto it = roles_set_.find(l.name); it != roles_set_.end())
		return it->second;
	if (owner_.manages(l))
		return Role::BusOwner;
	const auto &e = cfg_.endpoint;
	const bool assignable = std::any_of(
		e.assignable_links.begin(), e.assignable_links.end(),
		[&](const std::string &g) { return fnmatch(g.c_str(), l.name.c_str(), 0) == 0; });
	if (assignable || e.eids.count(l.name))
		return Role::Endpoint;
	return Role::Unknown;
}

void CcapiService::set_busowner_iface(LinkObj &o, bool on, bool announce)
{
	const std::string path = link_path(o.name);
	if (on && !o.busowner) {
		add(path, kIfaceBusOwner1, kBusOwnerVtable, o.busowner);
		if (announce)
			sd_bus_emit_interfaces_added(bus_, path.c_str(), kIfaceBusOwner1, nullptr);
	} else if (!on && o.busowner) {
		if (announce)
			sd_bus_emit_interfaces_removed(bus_, path.c_str(), kIfaceBusOwner1, nullptr);
		o.busowner.reset();
	}
}

void CcapiService::add_link(const nl::Link &l, Role role)
{
	LinkObj &o = links_[l.name];
	o.ifindex = l.ifindex;
	o.name = l.name;
	o.net = l.net.value_or(1);
	o.role = role;
	o.hwaddr_len = l.hwaddr.size();
	const std::string path = link_path(l.name);
	add(path, kIfaceInterface1, kInterfaceVtable, o.iface);
	set_busowner_iface(o, role == Role::BusOwner, false);
	sd_bus_emit_object_added(bus_, path.c_str());
}

void CcapiService::drop_link(std::map<std::string, LinkObj>::iterator it)
{
	sd_bus_emit_object_removed(bus_, link_path(it->first).c_str());
	links_.erase(it);
}

void CcapiService::links_changed()
{
	// links come and go in bursts (a binding bound, a mux added): one
	// refresh, roles included, shortly after the last of them, so that the
	// sysfs reads of the roles do not hold up the loop (and the probes and
	// requests waiting on it) once per link
	roles_pending_ = true;
	if (!refresh_timer_.arm(kLinkSettle))
		refresh();
}

void CcapiService::refresh(bool roles)
{
	auto all = nl_.links();
	if (!all) {
		log_debug("links for D-Bus: " + all.error().message);
		return;
	}
	std::map<std::string, const nl::Link *> now;
	std::map<int, unsigned> net_of;
	std::set<unsigned> nets;
	for (const auto &l : *all) {
		if (!mctp_link(l))
			continue;
		now[l.name] = &l;
		net_of[l.ifindex] = l.net.value_or(1);
		nets.insert(l.net.value_or(1));
	}
	for (auto it = links_.begin(); it != links_.end();) {
		auto n = now.find(it->first);
		auto next = std::next(it);
		if (n == now.end() || n->second->ifindex != it->second.ifindex) {
			roles_set_.erase(it->first);
			drop_link(it);
		}
		it = next;
	}
	for (const auto &[name, l] : now) {
		auto it = links_.find(name);
		if (it == links_.end()) {
			add_link(*l, role_for(*l));
			continue;
		}
		LinkObj &o = it->second;
		const Role role = roles ? role_for(*l) : o.role;
		const std::string path = link_path(name);
		o.hwaddr_len = l->hwaddr.size();
		if (o.net != l->net.value_or(1)) {
			o.net = l->net.value_or(1);
			sd_bus_emit_properties_changed(bus_, path.c_str(), kIfaceInterface1,
						       "NetworkId", nullptr);
		}
		if (o.role != role) {
			o.role = role;
			set_busowner_iface(o, role == Role::BusOwner, true);
			sd_bus_emit_properties_changed(bus_, path.c_str(), kIfaceInterface1, "Role",
						       nullptr);
		}
	}
	for (unsigned n : nets)
		if (!networks_.count(n)) {
			add(network_path(n), kIfaceNetwork1, kNetworkVtable, networks_[n]);
			sd_bus_emit_object_added(bus_, network_path(n).c_str());
		}

	// this host's EIDs
	std::set<EndpointKey> local;
	if (auto addrs = nl_.addresses(); addrs) {
		for (const auto &a : *addrs)
			if (auto n = net_of.find(a.ifindex); n != net_of.end())
				local.insert(EndpointKey{n->second, a.eid});
	} else {
		log_debug("addresses for D-Bus: " + addrs.error().message);
		local = local_;
	}
	for (const auto &k : local_)
		if (!local.count(k)) {
			auto it = endpoints_.find(k);
			if (it != endpoints_.end() && it->second.local)
				drop_endpoint_object(k);
		}
	for (const auto &k : local)
		if (!local_.count(k) && !endpoints_.count(k))
			add_endpoint_object(k, true, true);
	local_ = std::move(local);

	for (auto it = networks_.begin(); it != networks_.end();) {
		auto next = std::next(it);
		const unsigned n = it->first;
		const bool used = std::any_of(endpoints_.begin(), endpoints_.end(),
					      [&](const auto &e) { return e.first.net == n; });
		if (!nets.count(n) && !used) {
			sd_bus_emit_object_removed(bus_, network_path(n).c_str());
			networks_.erase(it);
		}
		it = next;
	}
}

void CcapiService::add_endpoint_object(const EndpointKey &k, bool local, bool with_uuid)
{
	const std::string path = endpoint_object_path(k);
	EndpointObj o;
	o.local = local;
	add(path, kIfaceEndpoint, kEndpointVtable, o.endpoint);
	if (with_uuid)
		add(path, kIfaceUuid, kUuidVtable, o.uuid);
	add(path, kIfaceEndpoint1, kControlVtable, o.control);
	endpoints_[k] = std::move(o);
	if (int r = sd_bus_emit_object_added(bus_, path.c_str()); r < 0)
		log_debug("InterfacesAdded for " + path + ": " + dbus::error(r, "").message);
}

void CcapiService::drop_endpoint_object(const EndpointKey &k)
{
	auto it = endpoints_.find(k);
	if (it == endpoints_.end())
		return;
	const std::string path = endpoint_object_path(k);
	if (int r = sd_bus_emit_object_removed(bus_, path.c_str()); r < 0)
		log_debug("InterfacesRemoved for " + path + ": " + dbus::error(r, "").message);
	endpoints_.erase(it);
}

void CcapiService::added(const Endpoint &ep)
{
	if (!networks_.count(ep.key.net)) {
		add(network_path(ep.key.net), kIfaceNetwork1, kNetworkVtable, networks_[ep.key.net]);
		sd_bus_emit_object_added(bus_, network_path(ep.key.net).c_str());
	}
	drop_endpoint_object(ep.key); // one of our own EIDs, or an earlier one
	add_endpoint_object(ep.key, false, ep.uuid.has_value());
}

void CcapiService::connectivity_changed(const Endpoint &ep)
{
	if (!endpoints_.count(ep.key))
		return;
	const std::string path = endpoint_object_path(ep.key);
	if (int r = sd_bus_emit_properties_changed(bus_, path.c_str(), kIfaceEndpoint1,
						   "Connectivity", nullptr);
	    r < 0)
		log_debug("PropertiesChanged for " + path + ": " + dbus::error(r, "").message);
}

void CcapiService::removed(const Endpoint &ep)
{
	auto it = endpoints_.find(ep.key);
	if (it == endpoints_.end() || it->second.local)
		return;
	drop_endpoint_object(ep.key);
	if (local_.count(ep.key)) // the EID is this host's too: show that one again
		add_endpoint_object(ep.key, true, true);
}

CcapiService::LinkObj *CcapiService::link_at(const char *path)
{
	if (!path)
		return nullptr;
	auto name = parse_link_path(path);
	if (!name)
		return nullptr;
	auto it = links_.find(*name);
	return it == links_.end() ? nullptr : &it->second;
}

std::optional<CcapiService::View> CcapiService::view_at(const char *path) const
{
	if (!path)
		return std::nullopt;
	auto k = parse_endpoint_path(path);
	if (!k)
		return std::nullopt;
	auto it = endpoints_.find(*k);
	if (it == endpoints_.end())
		return std::nullopt;
	View v{*k, nullptr};
	if (!it->second.local) {
		v.remote = owner_.find(*k);
		if (!v.remote)
			return std::nullopt;
	}
	return v;
}

const Endpoint *CcapiService::known_at(int ifindex, const Bytes &phys) const
{
	for (const auto &[k, ep] : owner_.endpoints())
		if (ep->phys.ifindex == ifindex && ep->phys.addr == phys)
			return ep.get();
	return nullptr;
}

std::vector<std::uint8_t> CcapiService::local_eids(unsigned net) const
{
	std::vector<std::uint8_t> out;
	for (const auto &k : local_)
		if (k.net == net)
			out.push_back(k.eid);
	return out;
}

} // namespace mctpxx::ctrld

// SPDX-License-Identifier: GPL-2.0
// The sd-bus callbacks and vtables of the au.com.codeconstruct.MCTP1 tree.
#include <algorithm>

#include "dbus_ccapi.hpp"
#include "dbus_ccapi_vtables.hpp"
#include "endpoint_props.hpp"
#include "log.hpp"

namespace mctpxx::ctrld {

using namespace ccapi;

namespace {

// Connectivity as mctpd names it: anything short of Available is Degraded.
const char *connectivity(const Endpoint &ep)
{
	return ep.conn.state() == State::Available ? "Available" : "Degraded";
}

int error_local(sd_bus_error *err, const char *what)
{
	return sd_bus_error_setf(err, SD_BUS_ERROR_NOT_SUPPORTED,
				 "%s: this is one of this host's own EIDs", what);
}

} // namespace

// The sd-bus callbacks: the object is the one at the call's path.
struct CcapiCalls {
	static CcapiService *self(void *u) { return static_cast<CcapiService *>(u); }

	// ---- links ----

	static int get_role(sd_bus *, const char *path, const char *, const char *,
			    sd_bus_message *reply, void *u, sd_bus_error *err)
	{
		auto *l = self(u)->link_at(path);
		if (!l)
			return sd_bus_error_set(err, SD_BUS_ERROR_UNKNOWN_OBJECT, "no such link");
		return sd_bus_message_append(reply, "s", to_string(l->role));
	}

	static int set_role(sd_bus *, const char *path, const char *, const char *,
			    sd_bus_message *value, void *u, sd_bus_error *err)
	{
		auto *s = self(u);
		auto *l = s->link_at(path);
		if (!l)
			return sd_bus_error_set(err, SD_BUS_ERROR_UNKNOWN_OBJECT, "no such link");
		const char *v = nullptr;
		if (int r = sd_bus_message_read(value, "s", &v); r < 0)
			return r;
		auto role = parse_role(v);
		if (!role || *role == Role::Unknown)
			return sd_bus_error_setf(err, SD_BUS_ERROR_INVALID_ARGS,
						 "Role must be \"BusOwner\" or \"Endpoint\", not \"%s\"", v);
		if (l->role != Role::Unknown)
			return sd_bus_error_setf(err, SD_BUS_ERROR_INVALID_ARGS,
						 "the role of %s is already set (%s)", l->name.c_str(),
						 to_string(l->role));
		l->role = *role;
		s->roles_set_[l->name] = *role;
		log_info("link " + l->name + " given the role " + to_string(*role) + " over D-Bus");
		s->set_busowner_iface(*l, *role == Role::BusOwner, true);
		sd_bus_emit_properties_changed(s->bus_, path, kIfaceInterface1, "Role", nullptr);
		return 0;
	}

	static int get_link_net(sd_bus *, const char *path, const char *, const char *,
				sd_bus_message *reply, void *u, sd_bus_error *err)
	{
		auto *l = self(u)->link_at(path);
		if (!l)
			return sd_bus_error_set(err, SD_BUS_ERROR_UNKNOWN_OBJECT, "no such link");
		return sd_bus_message_append(reply, "u", static_cast<std::uint32_t>(l->net));
	}

	// ---- bus-owner methods of a link ----

	static int setup(sd_bus_message *m, void *u, sd_bus_error *err, SetupMode mode,
			 bool with_eid)
	{
		auto *s = self(u);
		const char *path = sd_bus_message_get_path(m);
		auto *l = s->link_at(path);
		if (!l)
			return sd_bus_error_setf(err, SD_BUS_ERROR_UNKNOWN_OBJECT,
						 "no MCTP link at %s", path ? path : "?");
		const void *data = nullptr;
		std::size_t len = 0;
		std::uint8_t eid = 0;
		int r = sd_bus_message_read_array(m, 'y', &data, &len);
		if (r >= 0 && with_eid)
			r = sd_bus_message_read(m, "y", &eid);
		if (r < 0)
			return r;
		if (len == 0 || len > 32 || (l->hwaddr_len && len != l->hwaddr_len))
			return sd_bus_error_setf(
				err, SD_BUS_ERROR_INVALID_ARGS,
				"a physical address on %s is %zu byte(s) long, not %zu",
				l->name.c_str(), l->hwaddr_len ? l->hwaddr_len : std::size_t(1), len);
		const auto *p = static_cast<const std::uint8_t *>(data);
		Bytes phys(p, p + len);
		const Endpoint *known = s->known_at(l->ifindex, phys);
		if (mode == SetupMode::Assign && known)
			return reply(m, known->key, false);
		if (mode == SetupMode::AssignStatic) {
			if (known && known->key.eid != eid)
				return sd_bus_error_setf(
					err, SD_BUS_ERROR_INVALID_ARGS,
					"the endpoint at %s has EID %u already, not %u",
					l->name.c_str(), known->key.eid, eid);
			const EndpointKey want{l->net, eid};
			const Endpoint *other = s->owner_.find(want);
			if ((other && other != known) || s->local_.count(want))
				return sd_bus_error_setf(err, SD_BUS_ERROR_INVALID_ARGS,
							 "EID %u is in use on network %u (%s)", eid,
							 l->net,
							 other ? "another endpoint" : "this host's own");
		}
		s->scope_.spawn(finish_setup(s, dbus::ref(m), l->name, std::move(phys), mode,
					     with_eid ? std::optional<std::uint8_t>(eid)
						      : std::nullopt));
		return 1; // answered later
	}

	static int reply(sd_bus_message *m, const EndpointKey &k, bool is_new)
	{
		const std::string path = endpoint_object_path(k);
		return sd_bus_reply_method_return(m, "yisb", static_cast<int>(k.eid),
						  static_cast<std::int32_t>(k.net), path.c_str(),
						  static_cast<int>(is_new));
	}

	static Task<void> finish_setup(CcapiService *s, dbus::Message call, std::string ifname,
				       Bytes phys, SetupMode mode, std::optional<std::uint8_t> eid)
	{
		auto r = co_await s->owner_.setup(std::move(ifname), std::move(phys), mode, eid);
		if (!r) {
			const int code = r.error().code ? r.error().code : EIO;
			sd_bus_reply_method_errnof(call.get(), code, "%s", r.error().message.c_str());
			co_return;
		}
		reply(call.get(), r->key, r->is_new);
	}

	static int setup_endpoint(sd_bus_message *m, void *u, sd_bus_error *e)
	{
		return setup(m, u, e, SetupMode::Setup, false);
	}
	static int assign_endpoint(sd_bus_message *m, void *u, sd_bus_error *e)
	{
		return setup(m, u, e, SetupMode::Assign, false);
	}
	static int assign_static(sd_bus_message *m, void *u, sd_bus_error *e)
	{
		return setup(m, u, e, SetupMode::AssignStatic, true);
	}
	static int learn_endpoint(sd_bus_message *m, void *u, sd_bus_error *e)
	{
		return setup(m, u, e, SetupMode::Learn, false);
	}

	static int assign_bridge(sd_bus_message *, void *, sd_bus_error *err)
	{
		return sd_bus_error_set(err, SD_BUS_ERROR_NOT_SUPPORTED,
					"AssignBridgeStatic is not supported: mctp-ctrld does not "
					"allocate EID pools to bridges");
	}

	// ---- networks ----

	static int get_local_eids(sd_bus *, const char *path, const char *, const char *,
				  sd_bus_message *reply, void *u, sd_bus_error *err)
	{
		auto net = parse_network_path(path);
		if (!net)
			return sd_bus_error_set(err, SD_BUS_ERROR_UNKNOWN_OBJECT, "no such network");
		return append_message_types(reply, self(u)->local_eids(*net));
	}

	static int net_learn(sd_bus_message *m, void *u, sd_bus_error *err)
	{
		auto *s = self(u);
		auto net = parse_network_path(sd_bus_message_get_path(m));
		std::uint8_t eid = 0;
		if (int r = sd_bus_message_read(m, "y", &eid); r < 0)
			return r;
		if (!net)
			return sd_bus_error_set(err, SD_BUS_ERROR_UNKNOWN_OBJECT, "no such network");
		const EndpointKey k{*net, eid};
		if (s->endpoints_.count(k))
			return sd_bus_reply_method_return(m, "sb", endpoint_object_path(k).c_str(), 0);
		return sd_bus_error_setf(err, SD_BUS_ERROR_NOT_SUPPORTED,
					 "EID %u is unknown on network %u, and learning an endpoint "
					 "by EID alone is not supported: use LearnEndpoint or "
					 "SetupEndpoint with its physical address on its link",
					 eid, *net);
	}

	// ---- endpoints ----

#define VIEW_OR_FAIL(path, u, err)                                                               \
	auto v = self(u)->view_at(path);                                                         \
	if (!v)                                                                                  \
	return sd_bus_error_set(err, SD_BUS_ERROR_UNKNOWN_OBJECT, "no such endpoint")

	static int get_eid(sd_bus *, const char *path, const char *, const char *,
			   sd_bus_message *reply, void *u, sd_bus_error *err)
	{
		VIEW_OR_FAIL(path, u, err);
		return append_eid(reply, v->key.eid);
	}

	static int get_net(sd_bus *, const char *path, const char *, const char *,
			   sd_bus_message *reply, void *u, sd_bus_error *err)
	{
		VIEW_OR_FAIL(path, u, err);
		return sd_bus_message_append(reply, "u", static_cast<std::uint32_t>(v->key.net));
	}

	static int get_types(sd_bus *, const char *path, const char *, const char *,
			     sd_bus_message *reply, void *u, sd_bus_error *err)
	{
		VIEW_OR_FAIL(path, u, err);
		return append_message_types(reply, v->remote ? v->remote->message_types
							     : self(u)->cfg_.endpoint.message_types);
	}

	static int get_uuid(sd_bus *, const char *path, const char *, const char *,
			    sd_bus_message *reply, void *u, sd_bus_error *err)
	{
		VIEW_OR_FAIL(path, u, err);
		return append_uuid(reply, v->remote ? v->remote->uuid
						    : std::optional<control::Uuid>(self(u)->own_uuid_));
	}

	static int get_connectivity(sd_bus *, const char *path, const char *, const char *,
				    sd_bus_message *reply, void *u, sd_bus_error *err)
	{
		VIEW_OR_FAIL(path, u, err);
		return sd_bus_message_append(reply, "s",
					     v->remote ? connectivity(*v->remote) : "Available");
	}

	static int set_mtu(sd_bus_message *m, void *u, sd_bus_error *err)
	{
		auto *s = self(u);
		VIEW_OR_FAIL(sd_bus_message_get_path(m), u, err);
		std::uint32_t mtu = 0;
		if (int r = sd_bus_message_read(m, "u", &mtu); r < 0)
			return r;
		if (!v->remote)
			return error_local(err, "cannot set the MTU of a route to itself");
		const Endpoint &ep = *v->remote;
		auto links = s->nl_.links();
		if (!links)
			return sd_bus_error_set_errnof(err, links.error().code, "%s",
						       links.error().message.c_str());
		auto l = std::find_if(links->begin(), links->end(),
				      [&](const nl::Link &x) { return x.ifindex == ep.phys.ifindex; });
		if (l == links->end())
			return sd_bus_error_setf(err, SD_BUS_ERROR_FAILED, "the link of EID %u is gone",
						 ep.key.eid);
		const unsigned lo = l->min_mtu ? l->min_mtu : 68, hi = l->max_mtu ? l->max_mtu : 65535;
		if (mtu != 0 && (mtu < lo || mtu > hi))
			return sd_bus_error_setf(err, SD_BUS_ERROR_INVALID_ARGS,
						 "MTU %u is out of range for %s: %u..%u (0: the link's)",
						 mtu, l->name.c_str(), lo, hi);
		nl::RouteEntry r;
		r.net = ep.key.net;
		r.eid = ep.key.eid;
		r.ifindex = ep.phys.ifindex;
		// the kernel replaces no route in place: delete, then add with the MTU
		if (auto st = s->nl_.del_route(r); !st && st.error().code != ENOENT)
			return sd_bus_error_set_errnof(err, st.error().code,
						       "removing the route to EID %u: %s", ep.key.eid,
						       st.error().message.c_str());
		r.mtu = mtu;
		if (auto st = s->nl_.add_route(r); !st)
			return sd_bus_error_set_errnof(err, st.error().code,
						       "adding the route to EID %u: %s", ep.key.eid,
						       st.error().message.c_str());
		log_info("route to EID " + std::to_string(ep.key.eid) + " on " + l->name + ": MTU " +
			 std::to_string(mtu) + " set over D-Bus");
		return sd_bus_reply_method_return(m, "");
	}

	static Task<void> remove_later(CcapiService *s, EndpointKey k)
	{
		co_await s->loop_.sleep(std::chrono::milliseconds(0));
		if (auto st = s->owner_.remove(k, "removed over D-Bus"); !st)
			log_debug(st.error().message);
	}

	static int remove(sd_bus_message *m, void *u, sd_bus_error *err)
	{
		auto *s = self(u);
		VIEW_OR_FAIL(sd_bus_message_get_path(m), u, err);
		if (!v->remote)
			return error_local(err, "cannot remove");
		// the objects go after this call has returned
		s->scope_.spawn(remove_later(s, v->key));
		return sd_bus_reply_method_return(m, "");
	}

	static int recover(sd_bus_message *m, void *u, sd_bus_error *err)
	{
		auto *s = self(u);
		VIEW_OR_FAIL(sd_bus_message_get_path(m), u, err);
		if (!v->remote)
			return error_local(err, "nothing to recover");
		s->owner_.recover(v->key);
		return sd_bus_reply_method_return(m, "");
	}

#undef VIEW_OR_FAIL
};

namespace ccapi_vtables {

const sd_bus_vtable kInterfaceVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_WRITABLE_PROPERTY("Role", "s", CcapiCalls::get_role, CcapiCalls::set_role, 0,
				 SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("NetworkId", "u", CcapiCalls::get_link_net, 0,
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kBusOwnerVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD_WITH_ARGS("SetupEndpoint", SD_BUS_ARGS("ay", physaddr),
				SD_BUS_RESULT("y", eid, "i", net, "s", path, "b", new),
				CcapiCalls::setup_endpoint, 0),
	SD_BUS_METHOD_WITH_ARGS("AssignEndpoint", SD_BUS_ARGS("ay", physaddr),
				SD_BUS_RESULT("y", eid, "i", net, "s", path, "b", new),
				CcapiCalls::assign_endpoint, 0),
	SD_BUS_METHOD_WITH_ARGS("AssignEndpointStatic", SD_BUS_ARGS("ay", physaddr, "y", eid),
				SD_BUS_RESULT("y", eid, "i", net, "s", path, "b", new),
				CcapiCalls::assign_static, 0),
	SD_BUS_METHOD_WITH_ARGS("LearnEndpoint", SD_BUS_ARGS("ay", physaddr),
				SD_BUS_RESULT("y", eid, "i", net, "s", path, "b", found),
				CcapiCalls::learn_endpoint, 0),
	SD_BUS_METHOD_WITH_ARGS("AssignBridgeStatic",
				SD_BUS_ARGS("ay", physaddr, "y", eid, "y", pool_start, "y",
					    pool_size),
				SD_BUS_RESULT("y", eid, "i", net, "s", path, "b", new, "s",
					      allocation),
				CcapiCalls::assign_bridge, 0),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kNetworkVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD_WITH_ARGS("LearnEndpoint", SD_BUS_ARGS("y", eid),
				SD_BUS_RESULT("s", path, "b", found), CcapiCalls::net_learn, 0),
	SD_BUS_PROPERTY("LocalEIDs", "ay", CcapiCalls::get_local_eids, 0,
			SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kEndpointVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("EID", "y", CcapiCalls::get_eid, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("NetworkId", "u", CcapiCalls::get_net, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("SupportedMessageTypes", "ay", CcapiCalls::get_types, 0,
			SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kUuidVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("UUID", "s", CcapiCalls::get_uuid, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kControlVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD_WITH_ARGS("SetMTU", SD_BUS_ARGS("u", mtu), SD_BUS_NO_RESULT,
				CcapiCalls::set_mtu, 0),
	SD_BUS_METHOD_WITH_ARGS("Remove", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT, CcapiCalls::remove, 0),
	SD_BUS_METHOD_WITH_ARGS("Recover", SD_BUS_NO_ARGS, SD_BUS_NO_RESULT, CcapiCalls::recover,
				0),
	SD_BUS_PROPERTY("Connectivity", "s", CcapiCalls::get_connectivity, 0,
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_VTABLE_END,
};

} // namespace ccapi_vtables

} // namespace mctpxx::ctrld

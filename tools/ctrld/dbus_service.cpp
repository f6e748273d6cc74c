// SPDX-License-Identifier: GPL-2.0
#include "dbus_service.hpp"

#include <cstdlib>
#include <cstring>

#include "endpoint_props.hpp"
#include "log.hpp"

namespace mctpxx::ctrld {
namespace {

DbusService *self(void *userdata)
{
	return static_cast<DbusService *>(userdata);
}

// "/xyz/openbmc_project/mctp/NET/EID" -> key
std::optional<EndpointKey> parse_path(const char *path)
{
	const std::size_t n = std::strlen(kObjectRoot);
	if (std::strncmp(path, kObjectRoot, n) != 0 || path[n] != '/')
		return std::nullopt;
	char *end = nullptr;
	const unsigned long net = std::strtoul(path + n + 1, &end, 10);
	if (!end || *end != '/')
		return std::nullopt;
	const char *e = end + 1;
	const unsigned long eid = std::strtoul(e, &end, 10);
	if (end == e || *end || eid > 255 || net > 0xffffffffUL)
		return std::nullopt;
	return EndpointKey{static_cast<unsigned>(net), static_cast<std::uint8_t>(eid)};
}

const char *eid_type_name(control::EidType t)
{
	switch (t) {
	case control::EidType::Dynamic: return "dynamic";
	case control::EidType::StaticSupported: return "static";
	case control::EidType::StaticMatch: return "static";
	case control::EidType::StaticMismatch: return "static-mismatch";
	}
	return "dynamic";
}

// ---- property getters (userdata: the service; the object from the path) ----

#define ENDPOINT_OR_FAIL(path, userdata, err)                                                   \
	const Endpoint *ep = self(userdata)->endpoint_at(path);                                  \
	if (!ep)                                                                                 \
		return sd_bus_error_set(err, SD_BUS_ERROR_UNKNOWN_OBJECT, "no such endpoint")

int get_eid(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
	    void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return append_eid(reply, ep->key.eid);
}

// NetworkId of the xyz.openbmc_project.MCTP objects is an int32: the type
// their readers (libnvme's nvme_mi_scan_mctp() among them) decode, which
// abort their whole scan on any other. A network above INT32_MAX reads
// negative here, the same 32 bits; the unsigned value is in the
// au.com.codeconstruct.MCTP1 objects.
int get_net(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
	    void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return sd_bus_message_append(reply, "i", static_cast<std::int32_t>(ep->key.net));
}

int get_types(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
	      void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return append_message_types(reply, ep->message_types);
}

int get_uuid(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
	     void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return append_uuid(reply, ep->uuid);
}

int get_state(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
	      void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return sd_bus_message_append(reply, "s", to_string(ep->conn.state()));
}

int get_reason(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
	       void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return sd_bus_message_append(reply, "s", ep->conn.reason().c_str());
}

int get_last_response(sd_bus *, const char *path, const char *, const char *,
		      sd_bus_message *reply, void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return sd_bus_message_append(reply, "t", ep->conn.last_response());
}

int get_link(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
	     void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return sd_bus_message_append(reply, "s", ep->link.c_str());
}

int get_phys(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
	     void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return sd_bus_message_append_array(reply, 'y', ep->phys.addr.data(), ep->phys.addr.size());
}

int get_host_powered(sd_bus *, const char *path, const char *, const char *,
		     sd_bus_message *reply, void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return sd_bus_message_append(reply, "b", static_cast<int>(ep->conn.host_powered()));
}

int get_eid_type(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
		 void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	return sd_bus_message_append(reply, "s", eid_type_name(ep->eid_type));
}

int get_versions(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
		 void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	int r = sd_bus_message_open_container(reply, 'a', "s");
	for (const auto &v : ep->versions)
		if (r >= 0)
			r = sd_bus_message_append(reply, "s", to_string(v).c_str());
	return r < 0 ? r : sd_bus_message_close_container(reply);
}

int get_vendor(sd_bus *, const char *path, const char *, const char *, sd_bus_message *reply,
	       void *userdata, sd_bus_error *err)
{
	ENDPOINT_OR_FAIL(path, userdata, err);
	int r = sd_bus_message_open_container(reply, 'a', "(yuq)");
	for (const auto &v : ep->vendor)
		if (r >= 0)
			r = sd_bus_message_append(reply, "(yuq)", static_cast<int>(v.format),
						  v.vendor_id, v.command_set);
	return r < 0 ? r : sd_bus_message_close_container(reply);
}

#undef ENDPOINT_OR_FAIL

// ---- methods ----

int method_remove(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
	auto *s = self(userdata);
	const Endpoint *ep = s->endpoint_at(sd_bus_message_get_path(m));
	if (!ep)
		return sd_bus_error_set(err, SD_BUS_ERROR_UNKNOWN_OBJECT, "no such endpoint");
	// unregister the object after this call has returned
	s->scope().spawn(s->remove_later(ep->key));
	return sd_bus_reply_method_return(m, "");
}

int method_recover(sd_bus_message *m, void *userdata, sd_bus_error *err)
{
	auto *s = self(userdata);
	const Endpoint *ep = s->endpoint_at(sd_bus_message_get_path(m));
	if (!ep)
		return sd_bus_error_set(err, SD_BUS_ERROR_UNKNOWN_OBJECT, "no such endpoint");
	s->owner().recover(ep->key);
	return sd_bus_reply_method_return(m, "");
}

int start_setup(sd_bus_message *m, void *userdata, sd_bus_error *err, SetupMode mode,
		bool with_eid)
{
	const char *ifname = nullptr;
	const void *phys = nullptr;
	std::size_t len = 0;
	std::uint8_t eid = 0;
	int r = sd_bus_message_read(m, "s", &ifname);
	if (r >= 0)
		r = sd_bus_message_read_array(m, 'y', &phys, &len);
	if (r >= 0 && with_eid)
		r = sd_bus_message_read(m, "y", &eid);
	if (r < 0)
		return r;
	if (len == 0 || len > 32)
		return sd_bus_error_set(err, SD_BUS_ERROR_INVALID_ARGS,
					"the physical address must be 1..32 bytes");
	const auto *p = static_cast<const std::uint8_t *>(phys);
	auto *s = self(userdata);
	s->scope().spawn(s->reply_setup(dbus::ref(m), ifname, Bytes(p, p + len), mode,
					with_eid ? std::optional<std::uint8_t>(eid) : std::nullopt));
	return 1; // answered later
}

int method_setup(sd_bus_message *m, void *u, sd_bus_error *e)
{
	return start_setup(m, u, e, SetupMode::Setup, false);
}
int method_assign(sd_bus_message *m, void *u, sd_bus_error *e)
{
	return start_setup(m, u, e, SetupMode::Assign, false);
}
int method_assign_static(sd_bus_message *m, void *u, sd_bus_error *e)
{
	return start_setup(m, u, e, SetupMode::AssignStatic, true);
}
int method_learn(sd_bus_message *m, void *u, sd_bus_error *e)
{
	return start_setup(m, u, e, SetupMode::Learn, false);
}

int method_rescan(sd_bus_message *m, void *userdata, sd_bus_error *)
{
	self(userdata)->owner().request_rescan();
	return sd_bus_reply_method_return(m, "");
}

int get_host_on(sd_bus *, const char *, const char *, const char *, sd_bus_message *reply,
		void *userdata, sd_bus_error *)
{
	return sd_bus_message_append(reply, "b", static_cast<int>(self(userdata)->owner().host_on()));
}

// ---- vtables ----

const sd_bus_vtable kEndpointVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("EID", "y", get_eid, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("NetworkId", "i", get_net, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("SupportedMessageTypes", "ay", get_types, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kUuidVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("UUID", "s", get_uuid, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kConnectivityVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("State", "s", get_state, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("Reason", "s", get_reason, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_PROPERTY("LastResponse", "t", get_last_response, 0,
			SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kDetailsVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_PROPERTY("Link", "s", get_link, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("PhysicalAddress", "ay", get_phys, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("HostPowered", "b", get_host_powered, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("EIDType", "s", get_eid_type, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("MCTPVersions", "as", get_versions, 0, SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_PROPERTY("VendorDefinedMessageTypes", "a(yuq)", get_vendor, 0,
			SD_BUS_VTABLE_PROPERTY_CONST),
	SD_BUS_METHOD("Remove", "", "", method_remove, 0),
	SD_BUS_METHOD("Recover", "", "", method_recover, 0),
	SD_BUS_VTABLE_END,
};

const sd_bus_vtable kBusOwnerVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD_WITH_ARGS("SetupEndpoint", SD_BUS_ARGS("s", ifname, "ay", physaddr),
				SD_BUS_RESULT("y", eid, "u", net, "o", path, "b", new),
				method_setup, 0),
	SD_BUS_METHOD_WITH_ARGS("AssignEndpoint", SD_BUS_ARGS("s", ifname, "ay", physaddr),
				SD_BUS_RESULT("y", eid, "u", net, "o", path, "b", new),
				method_assign, 0),
	SD_BUS_METHOD_WITH_ARGS("AssignEndpointStatic",
				SD_BUS_ARGS("s", ifname, "ay", physaddr, "y", eid),
				SD_BUS_RESULT("y", eid, "u", net, "o", path, "b", new),
				method_assign_static, 0),
	SD_BUS_METHOD_WITH_ARGS("LearnEndpoint", SD_BUS_ARGS("s", ifname, "ay", physaddr),
				SD_BUS_RESULT("y", eid, "u", net, "o", path, "b", new),
				method_learn, 0),
	SD_BUS_METHOD("Rescan", "", "", method_rescan, 0),
	SD_BUS_PROPERTY("HostOn", "b", get_host_on, 0, SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE),
	SD_BUS_VTABLE_END,
};

} // namespace

DbusService::DbusService(sd_bus *bus, BusOwner &owner, Loop loop, Scope &scope, std::string name)
	: bus_(bus), owner_(owner), loop_(loop), scope_(scope), name_(std::move(name))
{
}

DbusService::~DbusService()
{
	objects_.clear();
}

Status DbusService::start()
{
	sd_bus_slot *slot = nullptr;
	int r = sd_bus_add_object_manager(bus_, &slot, kObjectRoot);
	if (r < 0)
		return fail(dbus::error(r, "adding the object manager"));
	object_manager_.reset(slot);
	r = sd_bus_add_object_vtable(bus_, &slot, kObjectRoot, kIfaceBusOwner, kBusOwnerVtable, this);
	if (r < 0)
		return fail(dbus::error(r, "adding " + std::string(kIfaceBusOwner)));
	manager_.reset(slot);
	r = sd_bus_request_name(bus_, name_.c_str(), 0);
	if (r < 0)
		return fail(dbus::error(r, "requesting the name " + name_));
	return {};
}

const Endpoint *DbusService::endpoint_at(const char *path) const
{
	if (!path)
		return nullptr;
	auto k = parse_path(path);
	return k ? owner_.find(*k) : nullptr;
}

void DbusService::added(const Endpoint &ep)
{
	const std::string path = ep.path();
	Object o;
	auto add = [&](const char *iface, const sd_bus_vtable *vt, dbus::Slot &out) {
		sd_bus_slot *slot = nullptr;
		int r = sd_bus_add_object_vtable(bus_, &slot, path.c_str(), iface, vt, this);
		if (r < 0)
			log_error("D-Bus object " + path + " " + iface + ": " + dbus::error(r, "").message);
		else
			out.reset(slot);
	};
	add(kIfaceEndpoint, kEndpointVtable, o.endpoint);
	if (ep.uuid)
		add(kIfaceUuid, kUuidVtable, o.uuid);
	add(kIfaceConnectivity, kConnectivityVtable, o.connectivity);
	add(kIfaceDetails, kDetailsVtable, o.details);
	objects_[ep.key] = std::move(o);
	int r = sd_bus_emit_object_added(bus_, path.c_str());
	if (r < 0)
		log_debug("InterfacesAdded for " + path + ": " + dbus::error(r, "").message);
}

void DbusService::connectivity_changed(const Endpoint &ep)
{
	if (!objects_.count(ep.key))
		return;
	int r = sd_bus_emit_properties_changed(bus_, ep.path().c_str(), kIfaceConnectivity, "State",
					       "Reason", nullptr);
	if (r < 0)
		log_debug("PropertiesChanged for " + ep.path() + ": " + dbus::error(r, "").message);
}

void DbusService::answered(const Endpoint &ep)
{
	if (!objects_.count(ep.key))
		return;
	int r = sd_bus_emit_properties_changed(bus_, ep.path().c_str(), kIfaceConnectivity,
					       "LastResponse", nullptr);
	if (r < 0)
		log_debug("PropertiesChanged for " + ep.path() + ": " + dbus::error(r, "").message);
}

void DbusService::removed(const Endpoint &ep)
{
	auto it = objects_.find(ep.key);
	if (it == objects_.end())
		return;
	int r = sd_bus_emit_object_removed(bus_, ep.path().c_str());
	if (r < 0)
		log_debug("InterfacesRemoved for " + ep.path() + ": " + dbus::error(r, "").message);
	objects_.erase(it);
}

void DbusService::host_changed(bool)
{
	int r = sd_bus_emit_properties_changed(bus_, kObjectRoot, kIfaceBusOwner, "HostOn", nullptr);
	if (r < 0)
		log_debug("PropertiesChanged for HostOn: " + dbus::error(r, "").message);
}

Task<void> DbusService::reply_setup(dbus::Message call, std::string ifname, Bytes phys,
				    SetupMode mode, std::optional<std::uint8_t> eid)
{
	auto r = co_await owner_.setup(std::move(ifname), std::move(phys), mode, eid);
	if (!r) {
		const int code = r.error().code ? r.error().code : EIO;
		sd_bus_reply_method_errnof(call.get(), code, "%s", r.error().message.c_str());
		co_return;
	}
	sd_bus_reply_method_return(call.get(), "yuob", static_cast<int>(r->key.eid),
				   static_cast<std::uint32_t>(r->key.net), r->path.c_str(),
				   static_cast<int>(r->is_new));
}

Task<void> DbusService::remove_later(EndpointKey k)
{
	co_await loop_.sleep(std::chrono::milliseconds(0));
	if (auto s = owner_.remove(k, "removed over D-Bus"); !s)
		log_debug(s.error().message);
}

} // namespace mctpxx::ctrld

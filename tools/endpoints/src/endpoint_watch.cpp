// SPDX-License-Identifier: GPL-2.0
#include "endpoints/endpoint_watch.hpp"

#include <algorithm>
#include <cstring>
#include <set>

#include "daemon/log.hpp"

namespace mctpxx::endpoints {
namespace {

using daemon::log_debug;
using daemon::log_warning;

constexpr const char *kIfaceEndpoint = "xyz.openbmc_project.MCTP.Endpoint";
constexpr const char *kIfaceUuid = "xyz.openbmc_project.Common.UUID";
constexpr const char *kIfaceConnectivity = "org.mctpstack.Endpoint.Connectivity";

bool under_root(const char *path)
{
	const std::size_t n = std::strlen(kMctpRoot);
	return std::strncmp(path, kMctpRoot, n) == 0 && path[n] == '/';
}

// The value of a "v" whose contents have signature @sig into @out;
// anything else is skipped, so a type we do not expect never aborts the
// whole message (as one mismatch aborts libnvme 1.3's scan).
template <typename T> int read_variant(sd_bus_message *m, const char *sig, char type, T &out)
{
	const char *contents = nullptr;
	int r = sd_bus_message_peek_type(m, nullptr, &contents);
	if (r < 0)
		return r;
	if (!contents || std::strcmp(contents, sig) != 0)
		return sd_bus_message_skip(m, "v");
	if ((r = sd_bus_message_enter_container(m, 'v', sig)) < 0)
		return r;
	if constexpr (std::is_same_v<T, std::string>) {
		const char *s = nullptr;
		if ((r = sd_bus_message_read_basic(m, type, &s)) < 0)
			return r;
		out = s;
	} else if constexpr (std::is_same_v<T, std::vector<std::uint8_t>>) {
		const void *p = nullptr;
		size_t n = 0;
		if ((r = sd_bus_message_read_array(m, 'y', &p, &n)) < 0)
			return r;
		auto b = static_cast<const std::uint8_t *>(p);
		out.assign(b, b + n);
	} else {
		if ((r = sd_bus_message_read_basic(m, type, &out)) < 0)
			return r;
	}
	return sd_bus_message_exit_container(m);
}

// One property (the "{sv}" entry is entered): returns <0 on a malformed
// message, 1 when it was one an endpoint has.
int read_property(sd_bus_message *m, const std::string &iface, Endpoint &ep)
{
	const char *name = nullptr;
	int r = sd_bus_message_read_basic(m, 's', &name);
	if (r < 0)
		return r;
	const std::string p = name;
	if (iface == kIfaceEndpoint && p == "EID")
		return read_variant(m, "y", 'y', ep.eid) < 0 ? -EBADMSG : 1;
	if (iface == kIfaceEndpoint && p == "NetworkId") {
		// int32 on this tree (what older consumers read); uint32 accepted
		std::int32_t i = -1;
		std::uint32_t u = 0;
		const char *contents = nullptr;
		if ((r = sd_bus_message_peek_type(m, nullptr, &contents)) < 0)
			return r;
		if (contents && std::strcmp(contents, "u") == 0) {
			r = read_variant(m, "u", 'u', u);
			ep.net = u;
		} else {
			r = read_variant(m, "i", 'i', i);
			if (i >= 0)
				ep.net = static_cast<unsigned>(i);
		}
		return r < 0 ? r : 1;
	}
	if (iface == kIfaceEndpoint && p == "SupportedMessageTypes")
		return read_variant(m, "ay", 'y', ep.types) < 0 ? -EBADMSG : 1;
	if (iface == kIfaceUuid && p == "UUID")
		return read_variant(m, "s", 's', ep.uuid) < 0 ? -EBADMSG : 1;
	if (iface == kIfaceConnectivity && p == "State")
		return read_variant(m, "s", 's', ep.state) < 0 ? -EBADMSG : 1;
	if (iface == kIfaceConnectivity && p == "Reason")
		return read_variant(m, "s", 's', ep.reason) < 0 ? -EBADMSG : 1;
	r = sd_bus_message_skip(m, "v");
	return r < 0 ? r : 0;
}

// a{sv} of @iface; returns <0 on error, else the number of endpoint
// properties read.
int read_properties(sd_bus_message *m, const std::string &iface, Endpoint &ep)
{
	int r = sd_bus_message_enter_container(m, 'a', "{sv}");
	if (r < 0)
		return r;
	int found = 0;
	while ((r = sd_bus_message_enter_container(m, 'e', "sv")) > 0) {
		int p = read_property(m, iface, ep);
		if (p < 0)
			return p;
		found += p;
		if ((r = sd_bus_message_exit_container(m)) < 0)
			return r;
	}
	if (r < 0)
		return r;
	r = sd_bus_message_exit_container(m);
	return r < 0 ? r : found;
}

} // namespace

bool Endpoint::supports(std::uint8_t type) const
{
	return std::find(types.begin(), types.end(), type) != types.end();
}

int EndpointWatch::read_interfaces(sd_bus_message *m, Endpoint &ep)
{
	int r = sd_bus_message_enter_container(m, 'a', "{sa{sv}}");
	if (r < 0)
		return r;
	int found = 0;
	while ((r = sd_bus_message_enter_container(m, 'e', "sa{sv}")) > 0) {
		const char *iface = nullptr;
		if ((r = sd_bus_message_read_basic(m, 's', &iface)) < 0)
			return r;
		int n = read_properties(m, iface, ep);
		if (n < 0)
			return n;
		found += n;
		if ((r = sd_bus_message_exit_container(m)) < 0)
			return r;
	}
	if (r < 0)
		return r;
	r = sd_bus_message_exit_container(m);
	return r < 0 ? r : found;
}

Status EndpointWatch::start()
{
	struct Match {
		const char *rule;
		sd_bus_message_handler_t fn;
	};
	const std::string sender = std::string("sender='") + kMctpService + "',";
	const std::string added = "type='signal'," + sender +
				  "interface='org.freedesktop.DBus.ObjectManager',member='InterfacesAdded'";
	const std::string removed = "type='signal'," + sender +
				    "interface='org.freedesktop.DBus.ObjectManager',member='InterfacesRemoved'";
	const std::string props = "type='signal'," + sender +
				  "interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',"
				  "path_namespace='" + kMctpRoot + "'";
	const std::string owner = std::string("type='signal',sender='org.freedesktop.DBus',"
					      "interface='org.freedesktop.DBus',member='NameOwnerChanged',"
					      "arg0='") + kMctpService + "'";
	for (const Match &mt : {Match{added.c_str(), on_added}, Match{removed.c_str(), on_removed},
				Match{props.c_str(), on_props}, Match{owner.c_str(), on_owner}}) {
		sd_bus_slot *s = nullptr;
		if (int r = sd_bus_add_match(bus_, &s, mt.rule, mt.fn, this); r < 0)
			return fail(dbus::error(r, std::string("watching ") + kMctpService));
		slots_.emplace_back(s);
	}
	resync();
	return {};
}

void EndpointWatch::resync()
{
	sd_bus_slot *s = nullptr;
	int r = sd_bus_call_method_async(bus_, &s, kMctpService, kMctpRoot,
					 "org.freedesktop.DBus.ObjectManager", "GetManagedObjects",
					 on_objects, this, "");
	if (r < 0) {
		log_warning(std::string("asking ") + kMctpService + " for its endpoints: " +
			    std::strerror(-r));
		return;
	}
	resync_call_.reset(s);
}

int EndpointWatch::on_objects(sd_bus_message *m, void *self, sd_bus_error *)
{
	auto *w = static_cast<EndpointWatch *>(self);
	w->resync_call_.reset();
	if (sd_bus_message_is_method_error(m, nullptr)) {
		// not running yet: NameOwnerChanged will bring it
		log_debug(std::string(kMctpService) + ": " +
			  sd_bus_message_get_error(m)->message);
		return 0;
	}
	std::set<std::string> seen;
	int r = sd_bus_message_enter_container(m, 'a', "{oa{sa{sv}}}");
	while (r > 0 && (r = sd_bus_message_enter_container(m, 'e', "oa{sa{sv}}")) > 0) {
		const char *path = nullptr;
		if ((r = sd_bus_message_read_basic(m, 'o', &path)) < 0)
			break;
		Endpoint ep;
		ep.path = path;
		int n = w->read_interfaces(m, ep);
		if (n < 0) {
			r = n;
			break;
		}
		if ((r = sd_bus_message_exit_container(m)) < 0)
			break;
		if (n > 0 && ep.eid != 0) {
			seen.insert(ep.path);
			w->known_[ep.path] = ep;
			w->h_.changed(ep);
		}
	}
	if (r < 0) {
		log_warning(std::string("malformed endpoint list from ") + kMctpService + ": " +
			    std::strerror(-r));
		return 0;
	}
	for (auto it = w->known_.begin(); it != w->known_.end();) {
		if (seen.count(it->first)) {
			++it;
			continue;
		}
		const std::string path = it->first;
		it = w->known_.erase(it);
		w->h_.gone(path);
	}
	return 0;
}

int EndpointWatch::on_added(sd_bus_message *m, void *self, sd_bus_error *)
{
	auto *w = static_cast<EndpointWatch *>(self);
	const char *path = nullptr;
	if (sd_bus_message_read_basic(m, 'o', &path) < 0 || !under_root(path))
		return 0;
	Endpoint ep = w->known_.count(path) ? w->known_[path] : Endpoint{};
	ep.path = path;
	int n = w->read_interfaces(m, ep);
	if (n < 0) {
		log_warning(std::string("malformed InterfacesAdded for ") + path);
		return 0;
	}
	if (n > 0 && ep.eid != 0) {
		w->known_[ep.path] = ep;
		w->h_.changed(ep);
	}
	return 0;
}

int EndpointWatch::on_removed(sd_bus_message *m, void *self, sd_bus_error *)
{
	auto *w = static_cast<EndpointWatch *>(self);
	const char *path = nullptr;
	char **ifaces = nullptr;
	if (sd_bus_message_read_basic(m, 'o', &path) < 0 || !under_root(path) ||
	    sd_bus_message_read_strv(m, &ifaces) < 0)
		return 0;
	bool endpoint = false;
	for (char **i = ifaces; i && *i; i++) {
		endpoint |= std::strcmp(*i, kIfaceEndpoint) == 0;
		free(*i);
	}
	free(ifaces);
	if (endpoint && w->known_.erase(path))
		w->h_.gone(path);
	return 0;
}

int EndpointWatch::on_props(sd_bus_message *m, void *self, sd_bus_error *)
{
	auto *w = static_cast<EndpointWatch *>(self);
	const char *path = sd_bus_message_get_path(m);
	const char *iface = nullptr;
	auto it = path ? w->known_.find(path) : w->known_.end();
	if (it == w->known_.end() || sd_bus_message_read_basic(m, 's', &iface) < 0)
		return 0;
	Endpoint ep = it->second;
	int n = read_properties(m, iface, ep);
	if (n < 0) {
		log_warning(std::string("malformed PropertiesChanged for ") + path);
		return 0;
	}
	if (n > 0) {
		it->second = ep;
		w->h_.changed(ep);
	}
	return 0;
}

int EndpointWatch::on_owner(sd_bus_message *m, void *self, sd_bus_error *)
{
	auto *w = static_cast<EndpointWatch *>(self);
	const char *name = nullptr, *old_owner = nullptr, *new_owner = nullptr;
	if (sd_bus_message_read(m, "sss", &name, &old_owner, &new_owner) < 0)
		return 0;
	// a restarted control daemon: learn its endpoints again; while it is
	// gone, its followers keep what they have (their own requests tell)
	if (new_owner && *new_owner)
		w->resync();
	return 0;
}

} // namespace mctpxx::endpoints

// SPDX-License-Identifier: GPL-2.0
#include "host_state.hpp"

#include <algorithm>

#include "log.hpp"

namespace mctpxx::ctrld {

bool host_value_is_on(const HostSource &src, const std::string &value)
{
	const auto dot = value.rfind('.');
	const std::string word = dot == std::string::npos ? value : value.substr(dot + 1);
	return std::any_of(src.on_values.begin(), src.on_values.end(),
			   [&](const std::string &v) { return v == value || v == word; });
}

HostWatch::HostWatch(sd_bus *bus, HostSource src, std::function<void(bool)> on_change)
	: bus_(bus), src_(std::move(src)), on_change_(std::move(on_change))
{
}

Status HostWatch::start()
{
	const std::string props = "type='signal',sender='" + src_.service + "',path='" + src_.path +
				  "',interface='org.freedesktop.DBus.Properties',"
				  "member='PropertiesChanged',arg0='" + src_.interface + "'";
	const std::string owner = "type='signal',sender='org.freedesktop.DBus',"
				  "path='/org/freedesktop/DBus',interface='org.freedesktop.DBus',"
				  "member='NameOwnerChanged',arg0='" + src_.service + "'";
	sd_bus_slot *slot = nullptr;
	int r = sd_bus_add_match_async(bus_, &slot, props.c_str(), on_properties, nullptr, this);
	if (r < 0)
		return fail(dbus::error(r, "watching " + src_.path));
	props_.reset(slot);
	r = sd_bus_add_match_async(bus_, &slot, owner.c_str(), on_owner, nullptr, this);
	if (r < 0)
		return fail(dbus::error(r, "watching the owner of " + src_.service));
	owner_.reset(slot);
	query();
	return {};
}

void HostWatch::query()
{
	sd_bus_slot *slot = nullptr;
	int r = sd_bus_call_method_async(bus_, &slot, src_.service.c_str(), src_.path.c_str(),
					 "org.freedesktop.DBus.Properties", "Get", on_get, this,
					 "ss", src_.interface.c_str(), src_.property.c_str());
	if (r < 0) {
		log_warning("reading the host state: " + dbus::error(r, "").message);
		return;
	}
	get_.reset(slot);
}

void HostWatch::value(const std::string &v)
{
	const bool on = host_value_is_on(src_, v);
	log_info("host state " + v + (on ? " (on)" : " (off)"));
	if (last_ == on)
		return;
	last_ = on;
	on_change_(on);
}

int HostWatch::on_get(sd_bus_message *m, void *userdata, sd_bus_error *)
{
	auto *w = static_cast<HostWatch *>(userdata);
	w->get_.reset();
	if (sd_bus_message_is_method_error(m, nullptr)) {
		const sd_bus_error *e = sd_bus_message_get_error(m);
		log_info("host state not available yet (" + std::string(e && e->name ? e->name : "error") +
			 ")");
		return 0;
	}
	const char *s = nullptr;
	if (sd_bus_message_read(m, "v", "s", &s) < 0 || !s) {
		log_warning("host state: " + w->src_.property + " is not a string");
		return 0;
	}
	w->value(s);
	return 0;
}

int HostWatch::on_owner(sd_bus_message *m, void *userdata, sd_bus_error *)
{
	auto *w = static_cast<HostWatch *>(userdata);
	const char *name = nullptr, *old_owner = nullptr, *new_owner = nullptr;
	if (sd_bus_message_read(m, "sss", &name, &old_owner, &new_owner) < 0)
		return 0;
	if (new_owner && *new_owner)
		w->query();
	return 0;
}

int HostWatch::on_properties(sd_bus_message *m, void *userdata, sd_bus_error *)
{
	auto *w = static_cast<HostWatch *>(userdata);
	const char *iface = nullptr;
	if (sd_bus_message_read(m, "s", &iface) < 0 || sd_bus_message_enter_container(m, 'a', "{sv}") < 0)
		return 0;
	while (sd_bus_message_enter_container(m, 'e', "sv") > 0) {
		const char *name = nullptr;
		if (sd_bus_message_read(m, "s", &name) < 0)
			return 0;
		if (name && w->src_.property == name) {
			const char *s = nullptr;
			if (sd_bus_message_read(m, "v", "s", &s) >= 0 && s)
				w->value(s);
			return 0;
		}
		if (sd_bus_message_skip(m, "v") < 0)
			return 0;
		if (sd_bus_message_exit_container(m) < 0)
			return 0;
	}
	return 0;
}

} // namespace mctpxx::ctrld

// SPDX-License-Identifier: GPL-2.0
// RAII owners for libsystemd's sd-bus and sd-event objects, and errors
// from their negative errno returns. Header only: programs that use it
// link libsystemd themselves.
#pragma once

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <memory>
#include <string>

#include "mctpxx/error.hpp"

namespace mctpxx::dbus {

struct BusClose {
	void operator()(sd_bus *b) const { sd_bus_flush_close_unref(b); }
};
struct SlotUnref {
	void operator()(sd_bus_slot *s) const { sd_bus_slot_unref(s); }
};
struct MessageUnref {
	void operator()(sd_bus_message *m) const { sd_bus_message_unref(m); }
};
struct EventUnref {
	void operator()(sd_event *e) const { sd_event_unref(e); }
};
// Disabled first, so a source someone else still references stops too.
struct SourceUnref {
	void operator()(sd_event_source *s) const { sd_event_source_disable_unref(s); }
};

using Bus = std::unique_ptr<sd_bus, BusClose>;
using Slot = std::unique_ptr<sd_bus_slot, SlotUnref>;
using Message = std::unique_ptr<sd_bus_message, MessageUnref>;
using Event = std::unique_ptr<sd_event, EventUnref>;
using EventSource = std::unique_ptr<sd_event_source, SourceUnref>;

// An sd_bus_error freed on scope exit.
class BusError {
public:
	BusError() = default;
	BusError(const BusError &) = delete;
	BusError &operator=(const BusError &) = delete;
	~BusError() { sd_bus_error_free(&e_); }
	sd_bus_error *get() { return &e_; }
	bool is_set() const { return sd_bus_error_is_set(&e_); }
	std::string message() const
	{
		if (!sd_bus_error_is_set(&e_))
			return {};
		return std::string(e_.name) + (e_.message ? std::string(": ") + e_.message : "");
	}

private:
	sd_bus_error e_ = SD_BUS_ERROR_NULL;
};

// An error from a libsystemd call that returned @r (a negative errno).
inline Error error(int r, std::string what)
{
	return Error::sys(r < 0 ? -r : r, std::move(what));
}

// Takes a new reference to @m.
inline Message ref(sd_bus_message *m)
{
	return Message(sd_bus_message_ref(m));
}

inline Result<Event> default_event()
{
	sd_event *e = nullptr;
	int r = sd_event_default(&e);
	if (r < 0)
		return fail(error(r, "sd_event_default"));
	return Event(e);
}

// The system bus, or the bus at $DBUS_SYSTEM_BUS_ADDRESS.
inline Result<Bus> open_system()
{
	sd_bus *b = nullptr;
	int r = sd_bus_open_system(&b);
	if (r < 0)
		return fail(error(r, "connecting to the system bus"));
	return Bus(b);
}

} // namespace mctpxx::dbus

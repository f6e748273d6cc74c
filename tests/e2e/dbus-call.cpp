// SPDX-License-Identifier: GPL-2.0
// mctp-test-dbus-call: sends one method call without arguments and prints
// who answered and how: "reply from SENDER" or "error NAME from SENDER".
// An error from org.freedesktop.DBus is the bus's own (its policy denied
// the call); an error from the service's unique name is the service's. The
// tests need to tell the two apart: busctl prints "Access denied" for both.
//
//   mctp-test-dbus-call DESTINATION PATH INTERFACE MEMBER
#include <systemd/sd-bus.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "dbus.hpp"

namespace {

struct Answer {
	bool done = false;
	std::string line;
};

int on_answer(sd_bus_message *m, void *userdata, sd_bus_error *)
{
	auto *a = static_cast<Answer *>(userdata);
	const char *sender = sd_bus_message_get_sender(m);
	const sd_bus_error *e = sd_bus_message_get_error(m);
	a->line = (e ? "error " + std::string(e->name) : std::string("reply")) + " from " +
		  (sender ? sender : "(nobody)");
	a->done = true;
	return 0;
}

int die(const char *what, int r)
{
	std::fprintf(stderr, "mctp-test-dbus-call: %s: %s\n", what, std::strerror(-r));
	return 1;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 5) {
		std::fprintf(stderr, "usage: mctp-test-dbus-call DESTINATION PATH INTERFACE MEMBER\n");
		return 2;
	}
	auto bus = mctpxx::dbus::open_system();
	if (!bus) {
		std::fprintf(stderr, "mctp-test-dbus-call: %s\n", bus.error().message.c_str());
		return 1;
	}
	sd_bus_message *raw = nullptr;
	int r = sd_bus_message_new_method_call(bus->get(), &raw, argv[1], argv[2], argv[3], argv[4]);
	if (r < 0)
		return die("new method call", r);
	mctpxx::dbus::Message call(raw);
	Answer a;
	sd_bus_slot *slot = nullptr;
	r = sd_bus_call_async(bus->get(), &slot, call.get(), on_answer, &a, 10 * 1000 * 1000);
	if (r < 0)
		return die("sending", r);
	mctpxx::dbus::Slot owned(slot);
	while (!a.done) {
		r = sd_bus_process(bus->get(), nullptr);
		if (r < 0)
			return die("waiting for the answer", r);
		if (r == 0 && (r = sd_bus_wait(bus->get(), UINT64_MAX)) < 0)
			return die("waiting for the answer", r);
	}
	std::printf("%s\n", a.line.c_str());
	return 0;
}

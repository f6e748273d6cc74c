// SPDX-License-Identifier: GPL-2.0
// mctp-test-fw-start: calls org.mctpstack.NVMe.FirmwareUpdate.Start with
// any slot and action (mctp-nvme-update checks them first, and busctl
// cannot pass a file descriptor), so that the tests reach the daemon's own
// checks; or Cancel. Prints "ok" or "error NAME: MESSAGE" (busctl hides
// the message of AccessDenied); exits 0 on ok.
//
//   mctp-test-fw-start OBJECT_PATH IMAGE SLOT ACTION
//   mctp-test-fw-start --cancel OBJECT_PATH
#include <fcntl.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "dbus.hpp"
#include "mctpxx/fd.hpp"

namespace {

int answer(int r, mctpxx::dbus::BusError &e, sd_bus_message *reply)
{
	sd_bus_message_unref(reply);
	if (r < 0) {
		std::printf("error %s\n", e.message().c_str());
		return 1;
	}
	std::printf("ok\n");
	return 0;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc == 3 && !std::strcmp(argv[1], "--cancel")) {
		auto bus = mctpxx::dbus::open_system();
		if (!bus) {
			std::fprintf(stderr, "%s\n", bus.error().message.c_str());
			return 2;
		}
		mctpxx::dbus::BusError e;
		sd_bus_message *reply = nullptr;
		int r = sd_bus_call_method(bus->get(), "org.mctpstack.NVMe", argv[2],
					   "org.mctpstack.NVMe.FirmwareUpdate", "Cancel", e.get(),
					   &reply, "");
		return answer(r, e, reply);
	}
	if (argc != 5) {
		std::fprintf(stderr, "usage: mctp-test-fw-start OBJECT_PATH IMAGE SLOT ACTION\n"
				     "       mctp-test-fw-start --cancel OBJECT_PATH\n");
		return 2;
	}
	mctpxx::Fd fd(open(argv[2], O_RDONLY | O_CLOEXEC));
	if (!fd) {
		std::perror(argv[2]);
		return 2;
	}
	auto bus = mctpxx::dbus::open_system();
	if (!bus) {
		std::fprintf(stderr, "%s\n", bus.error().message.c_str());
		return 2;
	}
	mctpxx::dbus::BusError e;
	sd_bus_message *reply = nullptr;
	int r = sd_bus_call_method(bus->get(), "org.mctpstack.NVMe", argv[1],
				   "org.mctpstack.NVMe.FirmwareUpdate", "Start", e.get(), &reply,
				   "hys", fd.get(), static_cast<std::uint8_t>(std::atoi(argv[3])),
				   argv[4]);
	return answer(r, e, reply);
}

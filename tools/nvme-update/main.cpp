// SPDX-License-Identifier: GPL-2.0
// mctp-nvme-update: updates an NVMe drive's firmware through mctp-nvmed
// (org.mctpstack.NVMe.FirmwareUpdate on the drive's inventory object): it
// opens the image itself and passes the open file, so the daemon never
// opens a path on a caller's behalf, then follows State and Progress until
// the update ends.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

#include "command_line.hpp"
#include "dbus.hpp"
#include "mctpxx/fd.hpp"
#include "update_view.hpp"

using namespace mctpxx;
using namespace mctpxx::nvme_update;

namespace {

constexpr const char *kProgram = "mctp-nvme-update";
constexpr const char *kService = "org.mctpstack.NVMe";
constexpr const char *kInterface = "org.mctpstack.NVMe.FirmwareUpdate";
constexpr const char *kInventoryRoot = "/xyz/openbmc_project/inventory";
constexpr const char *kActions[] = {"replace-activate", "replace-on-reset", "replace"};

int error(const std::string &msg)
{
	std::fprintf(stderr, "%s: %s\n", kProgram, msg.c_str());
	return 1;
}

// What the daemon says of the update, as its signals come.
struct Watch {
	std::string path;
	bool tty = false;
	bool started = false;	// saw it running: a final state after that is ours
	std::string state;
	unsigned progress = 0;
	std::string reason;
	std::string shown;	// the last progress output
	std::string lost;	// why following it ended early

	void show()
	{
		if (!started || state.empty())
			return;
		const std::string s = tty ? progress_bar(progress, state) : progress_line(progress, state);
		if (s == shown)
			return;
		shown = s;
		if (tty)
			std::printf("\r%s", s.c_str());
		else
			std::printf("%s\n", s.c_str());
		std::fflush(stdout);
	}
	bool done() const { return !lost.empty() || (started && final_state(state)); }
};

int on_properties(sd_bus_message *m, void *ud, sd_bus_error *)
{
	auto &w = *static_cast<Watch *>(ud);
	const char *iface;
	if (sd_bus_message_read(m, "s", &iface) < 0 || std::strcmp(iface, kInterface) != 0)
		return 0;
	if (sd_bus_message_enter_container(m, 'a', "{sv}") < 0)
		return 0;
	while (sd_bus_message_enter_container(m, 'e', "sv") > 0) {
		const char *name;
		if (sd_bus_message_read(m, "s", &name) < 0)
			return 0;
		const char *s = nullptr;
		std::uint8_t y = 0;
		if (!std::strcmp(name, "State") && sd_bus_message_read(m, "v", "s", &s) >= 0)
			w.state = s;
		else if (!std::strcmp(name, "Progress") && sd_bus_message_read(m, "v", "y", &y) >= 0)
			w.progress = y;
		else if (!std::strcmp(name, "Reason") && sd_bus_message_read(m, "v", "s", &s) >= 0)
			w.reason = s;
		else
			sd_bus_message_skip(m, "v");
		sd_bus_message_exit_container(m);
	}
	if (w.state == "Downloading" || w.state == "Committing")
		w.started = true;
	w.show();
	return 0;
}

int on_removed(sd_bus_message *m, void *ud, sd_bus_error *)
{
	auto &w = *static_cast<Watch *>(ud);
	const char *path;
	if (sd_bus_message_read(m, "o", &path) >= 0 && w.path == path)
		w.lost = "the drive disappeared during the update";
	return 0;
}

int on_owner(sd_bus_message *m, void *ud, sd_bus_error *)
{
	auto &w = *static_cast<Watch *>(ud);
	const char *name, *from, *to;
	if (sd_bus_message_read(m, "sss", &name, &from, &to) >= 0 && !std::strcmp(name, kService) &&
	    !*to)
		w.lost = "mctp-nvmed stopped during the update";
	return 0;
}

Status subscribe(sd_bus *bus, Watch &w, dbus::Slot (&slots)[3])
{
	sd_bus_slot *s[3] = {};
	int r = sd_bus_match_signal(bus, &s[0], kService, w.path.c_str(),
				    "org.freedesktop.DBus.Properties", "PropertiesChanged",
				    on_properties, &w);
	if (r >= 0)
		r = sd_bus_match_signal(bus, &s[1], kService, kInventoryRoot,
					"org.freedesktop.DBus.ObjectManager", "InterfacesRemoved",
					on_removed, &w);
	if (r >= 0)
		r = sd_bus_match_signal(bus, &s[2], "org.freedesktop.DBus", "/org/freedesktop/DBus",
					"org.freedesktop.DBus", "NameOwnerChanged", on_owner, &w);
	for (int i = 0; i < 3; i++)
		slots[i].reset(s[i]);
	if (r < 0)
		return fail(dbus::error(r, "subscribing to the drive's signals"));
	return {};
}

bool daemon_running(sd_bus *bus)
{
	dbus::BusError e;
	sd_bus_message *reply = nullptr;
	int has = 0;
	if (sd_bus_call_method(bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
			       "org.freedesktop.DBus", "NameHasOwner", e.get(), &reply, "s",
			       kService) < 0)
		return false;
	dbus::Message own(reply);
	return sd_bus_message_read(reply, "b", &has) >= 0 && has;
}

std::string version_of(sd_bus *bus, const std::string &path)
{
	dbus::BusError e;
	char *v = nullptr;
	if (sd_bus_get_property_string(bus, kService, path.c_str(),
				       "xyz.openbmc_project.Software.Version", "Version", e.get(),
				       &v) < 0)
		return {};
	std::string s = v;
	free(v);
	return s;
}

} // namespace

int main(int argc, char **argv)
{
	std::string drive, image, action = kActions[0];
	unsigned slot = 2;
	cli::CommandLine cl(kProgram, "DRIVE IMAGE [OPTIONS]",
			    "Updates the firmware of an NVMe drive that mctp-nvmed manages: downloads\n"
			    "IMAGE to the drive, commits it to a firmware slot and, by default,\n"
			    "activates it at once. DRIVE is the drive's object name (nvme_1_20) or\n"
			    "its object path.");
	cl.text("drive", drive, "DRIVE", "The drive: object name or path").required();
	cl.text("image", image, "IMAGE", "The firmware image file").required();
	cl.number("-s,--slot", slot, 1, 7, "firmware slot", "N",
		  "Firmware slot to commit to, 1 to 7 (default: 2)");
	cl.text("-a,--action", action, "ACTION",
		"replace-activate (default): run it now; replace-on-reset: at the next reset; "
		"replace: only store it in the slot");
	if (auto status = cl.parse(argc, argv))
		return *status;
	bool known = false;
	for (const char *a : kActions)
		known = known || action == a;
	if (!known)
		return cl.usage_error("unknown action '" + action +
					      "' (replace-activate, replace-on-reset, replace)",
				      std::cerr);
	auto path = drive_path(drive);
	if (!path)
		return cl.usage_error("DRIVE '" + drive +
					      "' is neither an object name (letters, digits, _) "
					      "nor an object path",
				      std::cerr);

	Fd fd(open(image.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
	if (!fd)
		return error(image + ": " + std::strerror(errno));
	struct stat st{};
	if (fstat(fd.get(), &st) < 0 || !S_ISREG(st.st_mode))
		return error(image + ": not a regular file");

	auto bus = dbus::open_system();
	if (!bus)
		return error(bus.error().message);
	if (!daemon_running(bus->get()))
		return error(std::string("mctp-nvmed is not running (no ") + kService +
			     " on the system bus)");

	Watch w;
	w.path = *path;
	w.tty = isatty(STDOUT_FILENO);
	dbus::Slot slots[3];
	if (auto s = subscribe(bus->get(), w, slots); !s)
		return error(s.error().message);

	dbus::BusError e;
	sd_bus_message *reply = nullptr;
	int r = sd_bus_call_method(bus->get(), kService, path->c_str(), kInterface, "Start",
				   e.get(), &reply, "hys", fd.get(), static_cast<std::uint8_t>(slot),
				   action.c_str());
	dbus::Message own(reply);
	if (r < 0) {
		if (sd_bus_error_has_names(e.get(), SD_BUS_ERROR_UNKNOWN_OBJECT,
					   SD_BUS_ERROR_UNKNOWN_INTERFACE, SD_BUS_ERROR_UNKNOWN_METHOD))
			return error("no drive " + drive + " (" + *path + ") in mctp-nvmed");
		const sd_bus_error *be = e.get();
		return error(drive + ": " + (be->message ? be->message : dbus::error(r, "Start").message));
	}
	fd.reset();
	std::printf("updating %s: %lld bytes of %s to slot %u (%s)\n", drive.c_str(),
		    static_cast<long long>(st.st_size), image.c_str(), slot, action.c_str());
	std::fflush(stdout);

	while (!w.done()) {
		r = sd_bus_process(bus->get(), nullptr);
		if (r < 0)
			return error(dbus::error(r, "reading the system bus").message);
		if (r == 0 && (r = sd_bus_wait(bus->get(), UINT64_MAX)) < 0)
			return error(dbus::error(r, "waiting on the system bus").message);
	}
	if (w.tty && !w.shown.empty())
		std::printf("\n");
	if (!w.lost.empty())
		return error("firmware update of " + drive + " failed: " + w.lost);
	if (!success_state(w.state))
		return error("firmware update of " + drive + " failed: " + w.reason);
	if (w.state == "Activated")
		std::printf("%s: activated; the drive runs firmware %s\n", drive.c_str(),
			    version_of(bus->get(), *path).c_str());
	else
		std::printf("%s: committed to slot %u; it runs after the next reset\n", drive.c_str(),
			    slot);
	if (!w.reason.empty())
		std::printf("%s: %s\n", drive.c_str(), w.reason.c_str());
	return 0;
}

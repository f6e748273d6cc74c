// SPDX-License-Identifier: GPL-2.0
#include "firmware_object.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <optional>
#include <string>

#include "drive.hpp"
#include "firmware_update.hpp"

namespace mctpxx::nvmed {
namespace {

constexpr const char *kErrorNotRunning = "org.mctpstack.NVMe.Error.NotRunning";

Drive &drive(void *ud)
{
	return *static_cast<Drive *>(ud);
}

// The caller's effective uid, as the bus tells it; nullopt (with @why)
// when it cannot be told, which refuses the call.
std::optional<uid_t> caller_uid(sd_bus_message *m, std::string &why)
{
	sd_bus_creds *c = nullptr;
	int r = sd_bus_query_sender_creds(
		m, SD_BUS_CREDS_EUID | SD_BUS_CREDS_UID | SD_BUS_CREDS_AUGMENT, &c);
	if (r < 0) {
		why = dbus::error(r, "asking the bus who the caller is").message;
		return std::nullopt;
	}
	uid_t uid;
	r = sd_bus_creds_get_euid(c, &uid);
	if (r < 0)
		r = sd_bus_creds_get_uid(c, &uid);
	sd_bus_creds_unref(c);
	if (r < 0) {
		why = dbus::error(r, "the caller's uid").message;
		return std::nullopt;
	}
	return uid;
}

// Refuses the call unless the caller is root; 0 when it may go on.
int check_root(sd_bus_message *m, const Drive &d, const char *what, sd_bus_error *err)
{
	std::string why;
	auto uid = caller_uid(m, why);
	if (!uid)
		return sd_bus_error_setf(err, fw::kErrorAccessDenied,
					 "cannot tell who is calling, so refusing: %s", why.c_str());
	if (*uid != 0)
		return sd_bus_error_setf(err, fw::kErrorAccessDenied,
					 "%s of %s needs root (the caller is uid %u)", what,
					 d.name.c_str(), static_cast<unsigned>(*uid));
	return 0;
}

int method_start(sd_bus_message *m, void *ud, sd_bus_error *err)
{
	Drive &d = drive(ud);
	int fd;
	std::uint8_t slot;
	const char *action;
	if (int r = sd_bus_message_read(m, "hys", &fd, &slot, &action); r < 0)
		return r;
	std::string why;
	auto uid = caller_uid(m, why);
	if (!uid)
		return sd_bus_error_setf(err, fw::kErrorAccessDenied,
					 "cannot tell who is calling, so refusing: %s", why.c_str());

	const FirmwareStatus &now = d.firmware.status();
	fw::StartFacts f{.caller_uid = *uid,
			 .host_off = d.state.availability == Availability::HostOff,
			 .silent = d.state.availability == Availability::Silent,
			 .current = now.state,
			 .progress = now.progress};
	fw::StartRequest req{.slot = slot, .action = action};
	struct stat st{};
	const int mode = fcntl(fd, F_GETFL);
	req.image_regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && mode >= 0 &&
			    (mode & O_ACCMODE) != O_WRONLY;
	req.image_size = req.image_regular ? static_cast<std::uint64_t>(st.st_size) : 0;
	if (auto no = fw::refuse(f, req, d.name))
		return sd_bus_error_set(err, no->name.c_str(), no->message.c_str());

	Fd own(fcntl(fd, F_DUPFD_CLOEXEC, 3));
	if (!own)
		return sd_bus_error_set_errnof(err, errno, "duplicating the image's fd: %m");
	if (auto no = d.firmware.start(d, sd_bus_message_get_bus(m), std::move(own),
				       static_cast<std::size_t>(req.image_size), slot,
				       *fw::parse_action(action)))
		return sd_bus_error_set(err, no->name.c_str(), no->message.c_str());
	return sd_bus_reply_method_return(m, "");
}

int method_cancel(sd_bus_message *m, void *ud, sd_bus_error *err)
{
	Drive &d = drive(ud);
	if (int r = check_root(m, d, "cancelling the firmware update", err); r < 0)
		return r;
	if (!fw::running(d.firmware.status().state))
		return sd_bus_error_setf(err, kErrorNotRunning,
					 "no firmware update of %s is running", d.name.c_str());
	if (!d.firmware.cancel())
		return sd_bus_error_setf(err, kErrorNotRunning,
					 "the firmware of %s is being committed: too late to cancel",
					 d.name.c_str());
	return sd_bus_reply_method_return(m, "");
}

#define GETTER(fn) \
	int fn(sd_bus *, const char *, const char *, const char *, sd_bus_message *r, void *ud, \
	       sd_bus_error *)

GETTER(get_state)
{
	return sd_bus_message_append(r, "s", fw::state_name(drive(ud).firmware.status().state));
}
GETTER(get_progress)
{
	return sd_bus_message_append(r, "y",
				     static_cast<std::uint8_t>(drive(ud).firmware.status().progress));
}
GETTER(get_reason)
{
	return sd_bus_message_append(r, "s", drive(ud).firmware.status().reason.c_str());
}
GETTER(get_revision)
{
	return sd_bus_message_append(r, "s", drive(ud).firmware.status().image_revision.c_str());
}
#undef GETTER

constexpr auto kEmits = SD_BUS_VTABLE_PROPERTY_EMITS_CHANGE;

} // namespace

const sd_bus_vtable kFirmwareVtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD_WITH_ARGS("Start", SD_BUS_ARGS("h", image, "y", slot, "s", action),
				SD_BUS_NO_RESULT, method_start, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_METHOD("Cancel", "", "", method_cancel, SD_BUS_VTABLE_UNPRIVILEGED),
	SD_BUS_PROPERTY("State", "s", get_state, 0, kEmits),
	SD_BUS_PROPERTY("Progress", "y", get_progress, 0, kEmits),
	SD_BUS_PROPERTY("Reason", "s", get_reason, 0, kEmits),
	SD_BUS_PROPERTY("ImageRevision", "s", get_revision, 0, kEmits),
	SD_BUS_VTABLE_END,
};

} // namespace mctpxx::nvmed

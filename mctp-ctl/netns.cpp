// SPDX-License-Identifier: GPL-2.0
#include "netns.hpp"

#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/statvfs.h>

#include "mctpxx/fd.hpp"

namespace mctpxx::ctl {
namespace {

// A sysfs of the new namespace over /sys, read-only if the old one was;
// mounts made here stay in this process's own mount namespace.
Status remount_sys()
{
	if (::unshare(CLONE_NEWNS) < 0)
		return fail(Error::last("unshare(CLONE_NEWNS)"));
	if (::mount("", "/", nullptr, MS_SLAVE | MS_REC, nullptr) < 0)
		return fail(Error::last("making / a mount slave"));
	unsigned long flags = 0;
	struct statvfs st;
	if (::statvfs("/sys", &st) == 0 && (st.f_flag & ST_RDONLY))
		flags |= MS_RDONLY;
	// no sysfs there before is fine: one is mounted all the same
	::umount2("/sys", MNT_DETACH);
	if (::mount("sysfs", "/sys", "sysfs", flags, nullptr) < 0)
		return fail(Error::last("mounting /sys for the namespace"));
	return {};
}

} // namespace

Status enter_netns(const std::string &netns)
{
	const std::string path =
		netns.find('/') == std::string::npos ? "/run/netns/" + netns : netns;
	Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
	if (!fd)
		return fail(Error::last("network namespace \"" + netns + "\" (" + path + ")"));
	if (::setns(fd.get(), CLONE_NEWNET) < 0)
		return fail(Error::last("entering network namespace \"" + netns + "\""));
	return remount_sys();
}

} // namespace mctpxx::ctl

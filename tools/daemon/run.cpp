// SPDX-License-Identifier: GPL-2.0
#include "daemon/run.hpp"

#include <signal.h>
#include <systemd/sd-daemon.h>

#include "daemon/log.hpp"

namespace mctpxx::daemon {
namespace {

int on_signal(sd_event_source *s, const signalfd_siginfo *, void *)
{
	sd_event_exit(sd_event_source_get_event(s), 0);
	return 0;
}

} // namespace

Result<dbus::Event> event_loop()
{
	sigset_t ss;
	sigemptyset(&ss);
	sigaddset(&ss, SIGTERM);
	sigaddset(&ss, SIGINT);
	sigprocmask(SIG_BLOCK, &ss, nullptr);
	signal(SIGPIPE, SIG_IGN);

	auto ev = dbus::default_event();
	if (!ev)
		return ev;
	for (int sig : {SIGTERM, SIGINT})
		if (int r = sd_event_add_signal(ev->get(), nullptr, sig, on_signal, nullptr); r < 0)
			return fail(dbus::error(r, "adding a signal handler to the event loop"));
	return ev;
}

int fatal(const std::string &msg)
{
	log_error(msg);
	sd_notifyf(0, "STATUS=%s", msg.c_str());
	return 1;
}

} // namespace mctpxx::daemon

// SPDX-License-Identifier: GPL-2.0
// mctp-endpoint-emu: an emulated MCTP endpoint on one link (run it in its
// own network namespace, on the link of an SMBus binding instance).
#include <poll.h>
#include <signal.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <thread>

#include "emulator.hpp"
#include "mctp/netlink.hpp"
#include "mctp/socket.hpp"

namespace {

using namespace mctp;

volatile std::sig_atomic_t g_toggle = 0;
volatile std::sig_atomic_t g_stop = 0;

void on_usr1(int)
{
	g_toggle = 1;
}

void on_term(int)
{
	g_stop = 1;
}

int die(const std::string &msg)
{
	std::fprintf(stderr, "mctp-endpoint-emu: %s\n", msg.c_str());
	return 1;
}

void say(const std::string &msg)
{
	std::printf("mctp-endpoint-emu: %s\n", msg.c_str());
	std::fflush(stdout);
}

// The link to serve: by name, or the only MCTP link there is.
Result<nl::Link> pick_link(nl::Netlink &nl, const std::string &name)
{
	if (!name.empty())
		return nl.link(name);
	auto links = nl.links();
	if (!links)
		return fail(links.error());
	std::optional<nl::Link> found;
	for (auto &l : *links) {
		if (!l.is_mctp() || l.name == "lo")
			continue;
		if (found)
			return fail(Error::msg("several MCTP links: choose one with --link"));
		found = l;
	}
	if (!found)
		return fail(Error::msg("no MCTP link in this network namespace"));
	return *found;
}

Status set_eid(nl::Netlink &nl, const nl::Link &l, std::uint8_t old_eid, std::uint8_t eid)
{
	if (old_eid)
		(void)nl.del_address(nl::AddrEntry{l.ifindex, old_eid});
	auto s = nl.add_address(nl::AddrEntry{l.ifindex, eid});
	if (!s && s.error().code != EEXIST)
		return s;
	return {};
}

} // namespace

int main(int argc, char **argv)
{
	emu::Options opts;
	if (auto s = emu::parse_args(argc, argv, opts); !s) {
		if (s.error().message == "help") {
			emu::usage(stdout);
			return 0;
		}
		emu::usage(stderr);
		return die(s.error().message);
	}
	struct sigaction sa {};
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, nullptr);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, nullptr);
	sigaction(SIGINT, &sa, nullptr);

	auto nl = nl::Netlink::open();
	if (!nl)
		return die(nl.error().message);
	auto link = pick_link(*nl, opts.link);
	if (!link)
		return die(link.error().message);
	if (!link->up) {
		nl::LinkChange c;
		c.up = true;
		if (auto s = nl->set_link(link->ifindex, c); !s)
			return die(s.error().message);
	}
	emu::Emulator emu(opts);
	if (opts.static_eid)
		if (auto s = set_eid(*nl, *link, 0, *opts.static_eid); !s)
			return die(s.error().message);

	auto sock = Socket::open();
	if (!sock)
		return die(sock.error().message);
	if (auto s = sock->set_ext_addressing(true); !s)
		return die(s.error().message);
	if (auto s = sock->bind(kNetAny, kEidAny, control::kMessageType); !s)
		return die(s.error().message);
	say("serving " + link->name + (opts.static_eid ? " with EID " + std::to_string(*opts.static_eid)
						       : std::string(" without an EID")) +
	    (opts.identity.uuid ? ", UUID " + control::uuid_to_string(*opts.identity.uuid) : ""));

	while (!g_stop) {
		if (g_toggle) {
			g_toggle = 0;
			emu.toggle_silent();
			say(emu.silent() ? "silent" : "answering again");
		}
		// wake up now and then for signals
		auto m = sock->receive(Clock::now() + std::chrono::milliseconds(200));
		if (!m) {
			if (m.error().code == ETIMEDOUT || m.error().code == EINTR)
				continue;
			return die(m.error().message);
		}
		if (!(m->from.tag & kTagOwner) || !m->from.ext || m->from.ext->ifindex != link->ifindex)
			continue;
		if (opts.verbose && m->data.size() >= 2)
			say("request " + control::to_string(static_cast<control::Command>(m->data[1])) +
			    " from EID " + std::to_string(m->from.eid));
		auto reply = emu.handle(m->data);
		if (!reply)
			continue;
		if (opts.delay.count())
			std::this_thread::sleep_for(opts.delay);
		Address to = m->from;
		to.tag = m->from.tag & kTagMask;
		if (auto s = sock->send(to, reply->response); !s)
			say("sending the response: " + s.error().message);
		if (reply->new_eid) {
			if (auto s = set_eid(*nl, *link, emu.eid(), *reply->new_eid); !s) {
				say("taking EID " + std::to_string(*reply->new_eid) + ": " + s.error().message);
				continue;
			}
			emu.set_eid(*reply->new_eid);
			say("assigned EID " + std::to_string(*reply->new_eid));
		}
	}
	return 0;
}

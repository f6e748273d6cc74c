// SPDX-License-Identifier: GPL-2.0
// mctp-endpoint-emu: an emulated MCTP endpoint on one link (run it in its
// own network namespace, on the link of an SMBus binding instance), or one
// endpoint on every MCTP link of its namespace (--all-links).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "emulator.hpp"
#include "links.hpp"
#include "nvme_basic_sync.hpp"
#include "ncsixx/packet.hpp"
#include "pldm_events.hpp"
#include "pldmxx/platform.hpp"
#include "mctpxx/netlink.hpp"
#include "mctpxx/socket.hpp"

namespace {

using namespace mctpxx;

volatile std::sig_atomic_t g_toggle = 0;
volatile std::sig_atomic_t g_power = 0;
volatile std::sig_atomic_t g_stop = 0;

void on_usr1(int)
{
	g_toggle = 1;
}

void on_usr2(int)
{
	g_power = 1;
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

std::string hex_addr(std::uint8_t a)
{
	char b[8];
	std::snprintf(b, sizeof(b), "0x%02x", a);
	return b;
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

// One request: the endpoint on the link it came in on answers it through
// the physical address it came from.
void serve(emu::Links &links, Socket &sock, const Message &m, bool verbose)
{
	if (!(m.from.tag & kTagOwner) && m.data.size() >= 3 &&
	    m.data[1] == static_cast<std::uint8_t>(control::Command::DiscoveryNotify)) {
		say("Discovery Notify answered: completion code " + std::to_string(m.data[2]));
		return;
	}
	if (!(m.from.tag & kTagOwner) || !m.from.ext || !links.powered())
		return;
	emu::Served *s = links.find(m.from.ext->ifindex);
	if (!s)
		return;
	if (verbose && m.data.size() >= 2)
		say((s->emu.options().all_links ? s->link.name + ": " : std::string()) + "request " +
		    control::to_string(static_cast<control::Command>(m.data[1])) + " from EID " +
		    std::to_string(m.from.eid));
	auto reply = s->emu.handle(m.data);
	if (!reply)
		return;
	if (s->emu.options().delay.count())
		std::this_thread::sleep_for(s->emu.options().delay);
	Address to = m.from;
	to.tag = m.from.tag & kTagMask;
	if (auto r = sock.send(to, reply->response); !r)
		say("sending the response: " + r.error().message);
	if (!reply->new_eid)
		return;
	if (auto r = links.set_eid(*s, *reply->new_eid); !r) {
		say("taking EID " + std::to_string(*reply->new_eid) + ": " + r.error().message);
		return;
	}
	say((s->emu.options().all_links ? s->link.name + ": " : std::string()) + "assigned EID " +
	    std::to_string(*reply->new_eid));
}

// One NVMe-MI request: the drive on the link it came in on answers,
// through the physical address it came from, with each of its responses
// in turn (Firmware Commit sends More Processing Required first).
void serve_nvme(emu::Links &links, Socket &sock, const Message &m, bool verbose)
{
	if (!(m.from.tag & kTagOwner) || !m.from.ext || !links.powered())
		return;
	emu::Served *s = links.find(m.from.ext->ifindex);
	if (!s || !s->emu.nvme_mi())
		return;
	std::string note;
	std::vector<emu::nvmemi::Reply> replies;
	if (!(m.from.type & 0x80))
		note = "dropped: no integrity check (IC bit clear)";
	else
		replies = s->emu.handle_nvme(m.data, &note);
	if (verbose || replies.empty())
		say((s->emu.options().all_links ? s->link.name + ": " : std::string()) +
		    "NVMe-MI request from EID " + std::to_string(m.from.eid) + ": " + note);
	Address to = m.from;
	to.tag = m.from.tag & kTagMask;
	to.type = emu::nvmemi::kMctpTypeIc;
	// a slow drive (--delay-ms): the first response waits
	if (!replies.empty() && s->emu.options().delay.count())
		std::this_thread::sleep_for(s->emu.options().delay);
	for (const auto &r : replies) {
		if (r.after.count())
			std::this_thread::sleep_for(r.after);
		if (auto st = sock.send(to, r.body); !st) {
			say("sending the NVMe-MI response: " + st.error().message);
			return;
		}
	}
	if (replies.size() > 1)
		say("NVMe-MI: " + std::to_string(replies.size() - 1) +
		    " More Processing Required before the response");
}

// One request of a type a personality answers (PLDM, NC-SI): the endpoint
// on the link it came in on answers, through the physical address it came
// from, if @has says it has that personality; @handle gives the response
// (none: nothing to send) and a note for the log.
template <typename Has, typename Handle>
void serve_request(emu::Links &links, Socket &sock, const Message &m, bool verbose, const std::string &what,
		   Has has, Handle handle)
{
	if (!(m.from.tag & kTagOwner) || !m.from.ext || !links.powered())
		return;
	emu::Served *s = links.find(m.from.ext->ifindex);
	if (!s || !has(s->emu))
		return;
	std::string note;
	auto reply = handle(s->emu, note);
	if (verbose || !reply)
		say((s->emu.options().all_links ? s->link.name + ": " : std::string()) + what +
		    " request from EID " + std::to_string(m.from.eid) + ": " + note);
	if (!reply)
		return;
	if (s->emu.options().delay.count())
		std::this_thread::sleep_for(s->emu.options().delay);
	Address to = m.from;
	to.tag = m.from.tag & kTagMask;
	if (auto st = sock.send(to, *reply); !st)
		say("sending the " + what + " response: " + st.error().message);
}

void serve_pldm(emu::Links &links, Socket &sock, const Message &m, bool verbose)
{
	serve_request(
		links, sock, m, verbose, "PLDM", [](emu::Emulator &e) { return e.pldm_card() != nullptr; },
		[&](emu::Emulator &e, std::string &note) { return e.handle_pldm(m.data, m.from, &note); });
}

void serve_ncsi(emu::Links &links, Socket &sock, const Message &m, bool verbose)
{
	serve_request(
		links, sock, m, verbose, "NC-SI", [](emu::Emulator &e) { return e.ncsi_controller() != nullptr; },
		[&](emu::Emulator &e, std::string &note) { return e.handle_ncsi(m.data, m.from, &note); });
}

// The controllers' AENs (link, host driver, configuration required) to
// the EIDs that enabled them: tag owner set, no response expected,
// physically addressed to where the EID last sent from, else by route.
void send_aens(emu::Links &links, Socket &sock)
{
	for (auto &[ifindex, s] : links.all()) {
		auto *ctl = s.emu.ncsi_controller();
		if (!ctl)
			continue;
		for (auto &a : ctl->take_aens()) {
			if (!links.powered())
				continue;
			Address to;
			to.eid = a.eid;
			to.type = mctpxx::ncsi::kMessageType;
			to.tag = kTagOwner;
			to.ext = s.emu.ncsi_peer_addr(a.eid);
			const std::string who = s.emu.options().all_links ? s.link.name + ": " : std::string();
			if (auto st = sock.send(to, a.packet); !st)
				say(who + "AEN " + a.what + " to EID " + std::to_string(a.eid) + ": " +
				    st.error().message);
			else
				say(who + "sent AEN " + a.what + " to EID " + std::to_string(a.eid));
		}
	}
}

// The cards' events (threshold crossings, state changes, repository
// changes) to their receivers.
void send_events(emu::Links &links, emu::pldm::EventSender &sender)
{
	if (!links.powered())
		return;
	for (auto &[ifindex, s] : links.all()) {
		auto *card = s.emu.pldm_card();
		if (!card)
			continue;
		card->update(emu::pldm::Clock::now());
		for (auto &e : card->take_events()) {
			if (!card->receiver())
				continue;
			auto req = pldm::platform::encode_platform_event_request(card->next_event_instance(),
										e.request);
			if (!req) {
				say("event " + e.what + ": " + req.error().message);
				continue;
			}
			const std::string who = s.emu.options().all_links ? s.link.name + ": " : std::string();
			say(who + "sending event " + e.what + " to EID " + std::to_string(*card->receiver()));
			sender.send({*card->receiver(), s.emu.pldm_receiver_addr()}, std::move(*req), who + e.what);
		}
	}
}

// --pldm-control, --nvme-control: the FIFO, made if it is not there, read
// without blocking; a writer of our own keeps it from reporting end of
// file.
struct ControlFifo {
	int rd = -1, wr = -1;
	std::string partial;
};
Result<ControlFifo> open_control(const std::string &option, const std::string &path)
{
	struct stat st {};
	if (::stat(path.c_str(), &st) == 0) {
		if (!S_ISFIFO(st.st_mode))
			return fail(Error::msg(option + " " + path + ": exists and is not a FIFO"));
	} else if (::mkfifo(path.c_str(), 0600) < 0) {
		return fail(Error::last(option + ": mkfifo " + path));
	}
	ControlFifo f;
	f.rd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (f.rd < 0)
		return fail(Error::last(option + ": open " + path));
	f.wr = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
	return f;
}

// The complete lines waiting in @f, each to @apply (blank ones skipped).
void read_lines(ControlFifo &f, const std::function<void(const std::string &)> &apply)
{
	char buf[512];
	const ssize_t n = ::read(f.rd, buf, sizeof(buf));
	if (n <= 0)
		return;
	f.partial.append(buf, static_cast<std::size_t>(n));
	for (auto nl = f.partial.find('\n'); nl != std::string::npos; nl = f.partial.find('\n')) {
		std::string line = f.partial.substr(0, nl);
		f.partial.erase(0, nl + 1);
		if (!line.empty() && line.back() == '\r')
			line.pop_back();
		if (line.find_first_not_of(" \t") != std::string::npos)
			apply(line);
	}
	if (f.partial.size() > 4096)
		f.partial.clear();
}

// A --pldm-control line to every card of the process.
void card_control(emu::Links &links, const std::string &line)
{
	bool any = false;
	for (auto &[ifindex, s] : links.all()) {
		auto *card = s.emu.pldm_card();
		if (!card)
			continue;
		any = true;
		auto r = card->control(line, emu::pldm::Clock::now());
		const std::string who = s.emu.options().all_links ? s.link.name + ": " : std::string();
		say(who + "control: " + (r ? *r : r.error().message + " (ignored)"));
	}
	if (!any)
		say("control: \"" + line + "\": no card served yet (ignored)");
}

// A --nvme-control line to every drive of the process.
void drive_control(emu::Links &links, const std::string &line)
{
	bool any = false;
	for (auto &[ifindex, s] : links.all()) {
		auto *drive = s.emu.nvme_responder();
		if (!drive)
			continue;
		any = true;
		auto r = drive->control(line);
		const std::string who = s.emu.options().all_links ? s.link.name + ": " : std::string();
		say(who + "nvme control: " + (r ? *r : r.error().message + " (ignored)"));
	}
	if (!any)
		say("nvme control: \"" + line + "\": no drive served yet (ignored)");
}

// A --ncsi-control line to every controller of the process; a bad line is
// said on stderr and changes nothing.
void nic_control(emu::Links &links, const std::string &line)
{
	bool any = false;
	for (auto &[ifindex, s] : links.all()) {
		auto *ctl = s.emu.ncsi_controller();
		if (!ctl)
			continue;
		any = true;
		auto r = ctl->control(line);
		const std::string who = s.emu.options().all_links ? s.link.name + ": " : std::string();
		if (r)
			say(who + "NC-SI control: " + *r);
		else
			std::fprintf(stderr, "mctp-endpoint-emu: %sNC-SI %s (ignored)\n", who.c_str(),
				     r.error().message.c_str());
	}
	if (!any)
		std::fprintf(stderr, "mctp-endpoint-emu: NC-SI control: \"%s\": no controller served yet (ignored)\n",
			     line.c_str());
}

// Discovery Notify to the bus owner at @owner's SMBus address, physically
// addressed to the null EID (the endpoint may not know the owner's EID
// yet); the answer comes back on @sock and is logged by serve().
void announce(emu::Links &links, Socket &sock, int ifindex, std::uint8_t owner)
{
	emu::Served *s = links.find(ifindex);
	if (!s || !links.powered())
		return;
	Address to;
	to.eid = kEidNull;
	to.type = control::kMessageType;
	to.tag = kTagOwner;
	to.ext = ExtAddress{ifindex, {owner}};
	if (auto r = sock.send(to, control::encode_request(control::Command::DiscoveryNotify, 0)); !r)
		say("sending Discovery Notify: " + r.error().message);
	else
		say("sent Discovery Notify to the bus owner at " + hex_addr(owner));
}

// --nvme-basic: the drive's state into its Basic Management twin; an
// error is said once, until it changes.
void sync_basic(emu::Links &links, int ifindex, emu::NvmeBasicSync &sync, std::string &last)
{
	emu::Served *s = links.find(ifindex);
	if (!s || !s->emu.nvme_drive())
		return;
	auto r = sync.sync(*s->emu.nvme_drive(), emu::nvme::Drive::Clock::now(), links.powered());
	const std::string err = r ? "" : r.error().message;
	if (err != last && !err.empty())
		say("--nvme-basic: " + err);
	last = err;
}

// Link notifications for --all-links, on a socket of their own.
Result<nl::Netlink> watch_links()
{
	auto w = nl::Netlink::open();
	if (!w)
		return fail(w.error());
	if (auto s = w->watch_links(); !s)
		return fail(s.error());
	return std::move(*w);
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
	sa.sa_handler = on_usr2;
	sigaction(SIGUSR2, &sa, nullptr);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, nullptr);
	sigaction(SIGINT, &sa, nullptr);

	// bound before a link is served: a request that follows "serving" is answered
	auto sock = Socket::open();
	if (!sock)
		return die(sock.error().message);
	if (auto s = sock->set_ext_addressing(true); !s)
		return die(s.error().message);
	if (auto s = sock->bind(kNetAny, kEidAny, control::kMessageType); !s)
		return die(s.error().message);

	// NVMe-MI requests on a socket of their own
	std::optional<Socket> nvme_sock;
	if (opts.nvme) {
		auto ns = Socket::open();
		if (!ns)
			return die(ns.error().message);
		if (auto s = ns->set_ext_addressing(true); !s)
			return die(s.error().message);
		if (auto s = ns->bind(kNetAny, kEidAny, emu::nvmemi::kMctpType); !s)
			return die("binding message type 4: " + s.error().message);
		nvme_sock.emplace(std::move(*ns));
	}
	std::optional<ControlFifo> nvme_control;
	if (!opts.nvme_control.empty()) {
		auto c = open_control("--nvme-control", opts.nvme_control);
		if (!c)
			return die(c.error().message);
		nvme_control.emplace(*c);
	}

	// PLDM requests on a socket of their own; events go out from another
	std::optional<Socket> pldm_sock;
	std::optional<emu::pldm::EventSender> events;
	std::optional<ControlFifo> control;
	if (opts.pldm) {
		auto ps = Socket::open();
		if (!ps)
			return die(ps.error().message);
		if (auto s = ps->set_ext_addressing(true); !s)
			return die(s.error().message);
		if (auto s = ps->bind(kNetAny, kEidAny, pldm::kMessageType); !s)
			return die("binding message type 1: " + s.error().message);
		pldm_sock.emplace(std::move(*ps));
		events.emplace(say);
		if (!opts.pldm_control.empty()) {
			auto c = open_control("--pldm-control", opts.pldm_control);
			if (!c)
				return die(c.error().message);
			control.emplace(*c);
		}
	}

	// NC-SI requests on a socket of their own; the AENs go out from it too
	std::optional<Socket> ncsi_sock;
	std::optional<ControlFifo> ncsi_control;
	if (opts.ncsi) {
		auto ns = Socket::open();
		if (!ns)
			return die(ns.error().message);
		if (auto s = ns->set_ext_addressing(true); !s)
			return die(s.error().message);
		if (auto s = ns->bind(kNetAny, kEidAny, mctpxx::ncsi::kMessageType); !s)
			return die("binding message type 2: " + s.error().message);
		ncsi_sock.emplace(std::move(*ns));
		if (!opts.ncsi_control.empty()) {
			auto c = open_control("--ncsi-control", opts.ncsi_control);
			if (!c)
				return die(c.error().message);
			ncsi_control.emplace(*c);
		}
	}

	auto nl = nl::Netlink::open();
	if (!nl)
		return die(nl.error().message);
	emu::Links links(*nl, opts, say);
	std::optional<nl::Netlink> watch;
	int served_ifindex = 0;
	if (opts.all_links) {
		// subscribe first: a link that appears meanwhile is not missed
		auto w = watch_links();
		if (!w)
			return die(w.error().message);
		watch.emplace(std::move(*w));
		auto all = nl->links();
		if (!all)
			return die(all.error().message);
		links.sync(*all);
		say("serving every MCTP link as it comes");
	} else {
		auto link = pick_link(*nl, opts.link);
		if (!link)
			return die(link.error().message);
		if (auto s = links.add(*link); !s)
			return die(s.error().message);
		served_ifindex = link->ifindex;
		if (opts.notify_owner)
			announce(links, *sock, served_ifindex, *opts.notify_owner);
	}

	std::optional<emu::NvmeBasicSync> basic_sync;
	std::string basic_error;
	if (!opts.nvme_basic_dir.empty())
		basic_sync.emplace(opts.nvme_basic_dir);

	while (!g_stop) {
		if (basic_sync)
			sync_basic(links, served_ifindex, *basic_sync, basic_error);
		if (g_toggle) {
			g_toggle = 0;
			say(links.toggle_silent() ? "silent" : "answering again");
		}
		if (g_power) {
			g_power = 0;
			const bool on = links.toggle_power();
			say(on ? "power on" : "power off");
			if (on && opts.notify_owner)
				announce(links, *sock, served_ifindex, *opts.notify_owner);
		}
		// wake up now and then for signals
		if (events)
			send_events(links, *events);
		if (ncsi_sock)
			send_aens(links, *ncsi_sock);
		pollfd fds[8] = {{sock->fd(), POLLIN, 0}, {watch ? watch->fd() : -1, POLLIN, 0},
				 {nvme_sock ? nvme_sock->fd() : -1, POLLIN, 0},
				 {pldm_sock ? pldm_sock->fd() : -1, POLLIN, 0},
				 {control ? control->rd : -1, POLLIN, 0},
				 {nvme_control ? nvme_control->rd : -1, POLLIN, 0},
				 {ncsi_sock ? ncsi_sock->fd() : -1, POLLIN, 0},
				 {ncsi_control ? ncsi_control->rd : -1, POLLIN, 0}};
		if (::poll(fds, 8, 200) < 0) {
			if (errno == EINTR)
				continue;
			return die(Error::last("poll").message);
		}
		if (fds[1].revents & POLLIN) {
			auto complete = watch->read_events([&](const nl::Event &ev) { links.event(ev); });
			if (!complete)
				return die(complete.error().message);
			if (!*complete) { // notifications lost: take the links as they are
				auto all = nl->links();
				if (!all)
					return die(all.error().message);
				links.sync(*all);
			}
		}
		for (int n = 0; (fds[2].revents & POLLIN) && n < 16 && !g_stop; n++) {
			auto m = nvme_sock->receive(Clock::now());
			if (!m) {
				if (m.error().code == ETIMEDOUT || m.error().code == EINTR)
					break;
				return die(m.error().message);
			}
			serve_nvme(links, *nvme_sock, *m, opts.verbose);
		}
		if (fds[4].revents & POLLIN)
			read_lines(*control, [&](const std::string &l) { card_control(links, l); });
		if (fds[5].revents & POLLIN)
			read_lines(*nvme_control, [&](const std::string &l) { drive_control(links, l); });
		for (int n = 0; (fds[3].revents & POLLIN) && n < 16 && !g_stop; n++) {
			auto m = pldm_sock->receive(Clock::now());
			if (!m) {
				if (m.error().code == ETIMEDOUT || m.error().code == EINTR)
					break;
				return die(m.error().message);
			}
			serve_pldm(links, *pldm_sock, *m, opts.verbose);
		}
		if (fds[7].revents & POLLIN)
			read_lines(*ncsi_control, [&](const std::string &l) { nic_control(links, l); });
		for (int n = 0; (fds[6].revents & POLLIN) && n < 16 && !g_stop; n++) {
			auto m = ncsi_sock->receive(Clock::now());
			if (!m) {
				if (m.error().code == ETIMEDOUT || m.error().code == EINTR)
					break;
				return die(m.error().message);
			}
			serve_ncsi(links, *ncsi_sock, *m, opts.verbose);
		}
		// what the control lines and requests queued goes at once
		if (ncsi_sock)
			send_aens(links, *ncsi_sock);
		if (!(fds[0].revents & POLLIN))
			continue;
		// what is queued, in one go (bounded, so signals are seen)
		for (int n = 0; n < 64 && !g_stop; n++) {
			auto m = sock->receive(Clock::now());
			if (!m) {
				if (m.error().code == ETIMEDOUT || m.error().code == EINTR)
					break;
				return die(m.error().message);
			}
			serve(links, *sock, *m, opts.verbose);
		}
	}
	return 0;
}

// SPDX-License-Identifier: GPL-2.0
#include "notify.hpp"

#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <linux/mctp.h>
#include <linux/mctp-ext.h>

namespace mctpxx::nl {

std::optional<Event> parse_notify(const nlmsghdr *nlh, int family)
{
	using K = Event::Kind;
	if (nlh->nlmsg_type != family || nlh->nlmsg_len < NLMSG_LENGTH(GENL_HDRLEN))
		return std::nullopt;
	const auto *g = static_cast<const genlmsghdr *>(NLMSG_DATA(nlh));
	std::uint16_t type;
	K kind;
	switch (g->cmd) {
	case MCTP_NOTIFY_CMD_NEWROUTE: type = RTM_NEWROUTE; kind = K::NewRoute; break;
	case MCTP_NOTIFY_CMD_DELROUTE: type = RTM_DELROUTE; kind = K::DelRoute; break;
	case MCTP_NOTIFY_CMD_NEWNEIGH: type = RTM_NEWNEIGH; kind = K::NewNeigh; break;
	case MCTP_NOTIFY_CMD_DELNEIGH: type = RTM_DELNEIGH; kind = K::DelNeigh; break;
	default: return std::nullopt;
	}
	// The payload after the genl header is that of the rtnetlink message:
	// rebuild that message and parse it as a dump entry.
	const std::size_t body = nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN);
	std::vector<std::uint32_t> buf((NLMSG_HDRLEN + body + 3) / 4);
	auto *r = reinterpret_cast<nlmsghdr *>(buf.data());
	*r = *nlh;
	r->nlmsg_type = type;
	r->nlmsg_len = NLMSG_HDRLEN + body;
	std::memcpy(reinterpret_cast<char *>(r) + NLMSG_HDRLEN,
		    reinterpret_cast<const char *>(g) + GENL_HDRLEN, body);
	if (type == RTM_NEWROUTE || type == RTM_DELROUTE) {
		if (auto rt = parse_route(r))
			return Event{kind, *rt};
	} else if (auto n = parse_neigh(r)) {
		return Event{kind, std::move(*n)};
	}
	return std::nullopt;
}

namespace detail {
namespace {

struct Reader {
	int family;
	const std::function<bool(const Event &)> *fn;
	bool stop = false;
};

int on_msg(nl_msg *msg, void *arg)
{
	auto *r = static_cast<Reader *>(arg);
	auto ev = parse_notify(nlmsg_hdr(msg), r->family);
	if (ev && !(*r->fn)(*ev)) {
		r->stop = true;
		return NL_STOP;
	}
	return NL_OK;
}

Error nl_error(const std::string &what, int rc)
{
	return Error::msg("netlink: " + what + ": " + nl_geterror(rc));
}

} // namespace

void NotifySocket::SockFree::operator()(nl_sock *s) const
{
	nl_socket_free(s);
}

Result<NotifySocket> NotifySocket::open(bool routes, bool neighbours)
{
	nl_sock *s = nl_socket_alloc();
	if (!s)
		return fail(Error::msg("netlink: out of memory"));
	NotifySocket n(s, 0);
	int rc = genl_connect(s);
	if (rc < 0)
		return fail(nl_error("generic netlink: connect", rc));
	rc = genl_ctrl_resolve(s, MCTP_NOTIFY_GENL_NAME);
	if (rc < 0)
		return fail(Error{ENOENT, "this kernel announces no MCTP route or neighbour changes "
					  "(no generic netlink family \"" MCTP_NOTIFY_GENL_NAME "\")"});
	n.family_ = rc;
	for (auto [want, name] : {std::pair{routes, MCTP_NOTIFY_MCGRP_ROUTE},
				  std::pair{neighbours, MCTP_NOTIFY_MCGRP_NEIGH}}) {
		if (!want)
			continue;
		int grp = genl_ctrl_resolve_grp(s, MCTP_NOTIFY_GENL_NAME, name);
		if (grp < 0)
			return fail(nl_error(std::string("resolve group ") + name, grp));
		rc = nl_socket_add_membership(s, grp);
		if (rc < 0)
			return fail(nl_error(std::string("join group ") + name, rc));
	}
	nl_socket_disable_seq_check(s);
	return n;
}

int NotifySocket::fd() const
{
	return nl_socket_get_fd(sock_.get());
}

Status NotifySocket::read(const std::function<bool(const Event &)> &fn, bool &stop)
{
	Reader r{family_, &fn};
	std::unique_ptr<nl_cb, void (*)(nl_cb *)> cb(nl_cb_alloc(NL_CB_DEFAULT), nl_cb_put);
	if (!cb)
		return fail(Error::msg("netlink: out of memory"));
	nl_cb_set(cb.get(), NL_CB_VALID, NL_CB_CUSTOM, on_msg, &r);
	nl_cb_set(cb.get(), NL_CB_SEQ_CHECK, NL_CB_CUSTOM,
		  [](nl_msg *, void *) -> int { return NL_OK; }, nullptr);
	int rc = nl_recvmsgs(sock_.get(), cb.get());
	stop = r.stop;
	if (rc < 0 && rc != -NLE_INTR && !r.stop)
		return fail(nl_error("receive", rc));
	return {};
}

} // namespace detail
} // namespace mctpxx::nl

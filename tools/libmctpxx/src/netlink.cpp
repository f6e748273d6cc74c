// SPDX-License-Identifier: GPL-2.0
#include "mctpxx/netlink.hpp"

#include <net/if.h>
#include <poll.h>
#include <sys/socket.h>

#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/mctp.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <netlink/attr.h>
#include <netlink/msg.h>
#include <netlink/netlink.h>
#include <netlink/socket.h>

#include <cerrno>
#include <cstring>

#include <linux/mctp-ext.h>

#include "notify.hpp"

#ifndef RTNLGRP_MCTP_IFADDR
#define RTNLGRP_MCTP_IFADDR 34
#endif

namespace mctpxx::nl {
namespace {

// Collects the outcome of one request: an errno and the kernel's extended
// ack message, if any.
struct Outcome {
	int err = 0;
	std::string extack;
	bool done = false;
	const std::function<void(nlmsghdr *)> *parse = nullptr;
};

std::string extack_message(const nlmsgerr *e)
{
	const auto *outer = reinterpret_cast<const nlmsghdr *>(
		reinterpret_cast<const char *>(e) - NLMSG_HDRLEN);
	if (!(outer->nlmsg_flags & NLM_F_ACK_TLVS))
		return {};
	std::size_t off = NLMSG_HDRLEN + sizeof(*e);
	if (!(outer->nlmsg_flags & NLM_F_CAPPED))
		off += e->msg.nlmsg_len - NLMSG_HDRLEN;
	if (outer->nlmsg_len <= off)
		return {};
	const auto *attrs = reinterpret_cast<const nlattr *>(
		reinterpret_cast<const char *>(outer) + off);
	int len = static_cast<int>(outer->nlmsg_len - off);
	nlattr *tb[NLMSGERR_ATTR_MAX + 1] = {};
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, const_cast<nlattr *>(attrs), len, nullptr) < 0)
		return {};
	if (!tb[NLMSGERR_ATTR_MSG])
		return {};
	return std::string(static_cast<const char *>(nla_data(tb[NLMSGERR_ATTR_MSG])),
			   strnlen(static_cast<const char *>(nla_data(tb[NLMSGERR_ATTR_MSG])),
				   nla_len(tb[NLMSGERR_ATTR_MSG])));
}

int on_valid(nl_msg *msg, void *arg)
{
	auto *o = static_cast<Outcome *>(arg);
	if (o->parse && *o->parse)
		(*o->parse)(nlmsg_hdr(msg));
	return NL_OK;
}

int on_finish(nl_msg *, void *arg)
{
	static_cast<Outcome *>(arg)->done = true;
	return NL_STOP;
}

int on_error(sockaddr_nl *, nlmsgerr *e, void *arg)
{
	auto *o = static_cast<Outcome *>(arg);
	o->err = -e->error;
	o->extack = extack_message(e);
	o->done = true;
	return NL_STOP;
}

struct MsgFree {
	void operator()(nl_msg *m) const { nlmsg_free(m); }
};
using MsgPtr = std::unique_ptr<nl_msg, MsgFree>;

struct CbFree {
	void operator()(nl_cb *c) const { nl_cb_put(c); }
};

Error kernel_error(const char *what, int err, const std::string &extack)
{
	Error e = Error::sys(err, what);
	if (!extack.empty())
		e.message += " (kernel: " + extack + ")";
	return e;
}

MsgPtr new_msg(int type, int flags, const void *hdr, std::size_t hdrlen)
{
	MsgPtr m(nlmsg_alloc_simple(type, flags));
	if (m && nlmsg_append(m.get(), const_cast<void *>(hdr), hdrlen, NLMSG_ALIGNTO) < 0)
		m.reset();
	return m;
}

std::vector<std::uint8_t> attr_bytes(nlattr *a)
{
	const auto *p = static_cast<const std::uint8_t *>(nla_data(a));
	return std::vector<std::uint8_t>(p, p + nla_len(a));
}

const char *event_name(int type)
{
	switch (type) {
	case RTM_NEWADDR: return "add address";
	case RTM_DELADDR: return "delete address";
	case RTM_NEWROUTE: return "add route";
	case RTM_DELROUTE: return "delete route";
	case RTM_NEWNEIGH: return "add neighbour";
	case RTM_DELNEIGH: return "delete neighbour";
	default: return "set link";
	}
}

} // namespace

void Netlink::SockFree::operator()(nl_sock *s) const
{
	nl_socket_free(s);
}

Result<Netlink> Netlink::open()
{
	nl_sock *s = nl_socket_alloc();
	if (!s)
		return fail(Error::msg("netlink: out of memory"));
	Netlink n(s);
	int rc = nl_connect(s, NETLINK_ROUTE);
	if (rc < 0)
		return fail(Error::msg(std::string("netlink: connect: ") + nl_geterror(rc)));
	int one = 1;
	setsockopt(nl_socket_get_fd(s), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(nl_socket_get_fd(s), SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));
	nl_socket_set_msg_buf_size(s, 64 * 1024);
	return n;
}

Status Netlink::transact(nl_msg *msg, const Parser &parse)
{
	const int type = nlmsg_hdr(msg)->nlmsg_type;
	Outcome o;
	o.parse = &parse;
	std::unique_ptr<nl_cb, CbFree> cb(nl_cb_alloc(NL_CB_DEFAULT));
	if (!cb)
		return fail(Error::msg("netlink: out of memory"));
	nl_cb_set(cb.get(), NL_CB_VALID, NL_CB_CUSTOM, on_valid, &o);
	nl_cb_set(cb.get(), NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &o);
	nl_cb_set(cb.get(), NL_CB_ACK, NL_CB_CUSTOM, on_finish, &o);
	nl_cb_err(cb.get(), NL_CB_CUSTOM, on_error, &o);

	int rc = nl_send_auto(sock_.get(), msg);
	if (rc < 0)
		return fail(Error::msg(std::string("netlink: send: ") + nl_geterror(rc)));
	while (!o.done) {
		rc = nl_recvmsgs(sock_.get(), cb.get());
		if (rc < 0 && !o.done)
			return fail(Error::msg(std::string("netlink: receive: ") + nl_geterror(rc)));
	}
	if (o.err)
		return fail(kernel_error(event_name(type), o.err, o.extack));
	return {};
}

Status Netlink::dump(int type, const void *hdr, std::size_t hdrlen, const Parser &parse)
{
	MsgPtr m = new_msg(type, NLM_F_DUMP, hdr, hdrlen);
	if (!m)
		return fail(Error::msg("netlink: out of memory"));
	return transact(m.get(), parse);
}

std::optional<Link> parse_link(nlmsghdr *nlh)
{
	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return std::nullopt;
	nlattr *tb[IFLA_MAX + 1];
	if (nlmsg_parse(nlh, sizeof(ifinfomsg), tb, IFLA_MAX, nullptr) < 0)
		return std::nullopt;
	const auto *ifi = static_cast<const ifinfomsg *>(nlmsg_data(nlh));
	Link l;
	l.ifindex = ifi->ifi_index;
	l.type = ifi->ifi_type;
	l.up = ifi->ifi_flags & IFF_UP;
	l.running = ifi->ifi_flags & IFF_RUNNING;
	if (tb[IFLA_IFNAME])
		l.name = nla_get_string(tb[IFLA_IFNAME]);
	if (tb[IFLA_MTU])
		l.mtu = nla_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_MIN_MTU])
		l.min_mtu = nla_get_u32(tb[IFLA_MIN_MTU]);
	if (tb[IFLA_MAX_MTU])
		l.max_mtu = nla_get_u32(tb[IFLA_MAX_MTU]);
	if (tb[IFLA_ADDRESS])
		l.hwaddr = attr_bytes(tb[IFLA_ADDRESS]);
	if (tb[IFLA_AF_SPEC]) {
		nlattr *af;
		int rem;
		nla_for_each_nested(af, tb[IFLA_AF_SPEC], rem) {
			if (nla_type(af) != AF_MCTP)
				continue;
			nlattr *mt[IFLA_MCTP_PHYS_BINDING + 1];
			if (nla_parse_nested(mt, IFLA_MCTP_PHYS_BINDING, af, nullptr) < 0)
				continue;
			if (mt[IFLA_MCTP_NET])
				l.net = nla_get_u32(mt[IFLA_MCTP_NET]);
			if (mt[IFLA_MCTP_PHYS_BINDING])
				l.phys_binding = nla_get_u8(mt[IFLA_MCTP_PHYS_BINDING]);
		}
	}
	return l;
}

std::optional<AddrEntry> parse_addr(nlmsghdr *nlh)
{
	if (nlh->nlmsg_type != RTM_NEWADDR && nlh->nlmsg_type != RTM_DELADDR)
		return std::nullopt;
	const auto *ifa = static_cast<const ifaddrmsg *>(nlmsg_data(nlh));
	if (nlmsg_datalen(nlh) < static_cast<int>(sizeof(*ifa)) || ifa->ifa_family != AF_MCTP)
		return std::nullopt;
	nlattr *tb[IFA_MAX + 1];
	if (nlmsg_parse(nlh, sizeof(ifaddrmsg), tb, IFA_MAX, nullptr) < 0)
		return std::nullopt;
	nlattr *a = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (!a || nla_len(a) < 1)
		return std::nullopt;
	return AddrEntry{static_cast<int>(ifa->ifa_index), nla_get_u8(a)};
}

std::optional<RouteEntry> parse_route(nlmsghdr *nlh)
{
	if (nlh->nlmsg_type != RTM_NEWROUTE && nlh->nlmsg_type != RTM_DELROUTE)
		return std::nullopt;
	const auto *rtm = static_cast<const rtmsg *>(nlmsg_data(nlh));
	if (nlmsg_datalen(nlh) < static_cast<int>(sizeof(*rtm)) || rtm->rtm_family != AF_MCTP)
		return std::nullopt;
	nlattr *tb[RTA_MAX + 1];
	if (nlmsg_parse(nlh, sizeof(rtmsg), tb, RTA_MAX, nullptr) < 0)
		return std::nullopt;
	RouteEntry r;
	r.extent = rtm->rtm_dst_len;
	r.type = rtm->rtm_type;
	if (tb[RTA_DST])
		r.eid = nla_get_u8(tb[RTA_DST]);
	if (tb[RTA_OIF])
		r.ifindex = static_cast<int>(nla_get_u32(tb[RTA_OIF]));
	if (tb[RTA_GATEWAY] && nla_len(tb[RTA_GATEWAY]) >= static_cast<int>(sizeof(mctp_fq_addr))) {
		mctp_fq_addr gw;
		std::memcpy(&gw, nla_data(tb[RTA_GATEWAY]), sizeof(gw));
		r.gateway = Gateway{gw.net, gw.eid};
		r.net = gw.net;
	}
	if (tb[RTA_METRICS]) {
		nlattr *mx[RTAX_MAX + 1];
		if (nla_parse_nested(mx, RTAX_MAX, tb[RTA_METRICS], nullptr) == 0 && mx[RTAX_MTU])
			r.mtu = nla_get_u32(mx[RTAX_MTU]);
	}
	return r;
}

std::optional<NeighEntry> parse_neigh(nlmsghdr *nlh)
{
	if (nlh->nlmsg_type != RTM_NEWNEIGH && nlh->nlmsg_type != RTM_DELNEIGH)
		return std::nullopt;
	const auto *nd = static_cast<const ndmsg *>(nlmsg_data(nlh));
	if (nlmsg_datalen(nlh) < static_cast<int>(sizeof(*nd)) || nd->ndm_family != AF_MCTP)
		return std::nullopt;
	nlattr *tb[NDA_MAX + 1];
	if (nlmsg_parse(nlh, sizeof(ndmsg), tb, NDA_MAX, nullptr) < 0)
		return std::nullopt;
	if (!tb[NDA_DST])
		return std::nullopt;
	NeighEntry n{nd->ndm_ifindex, nla_get_u8(tb[NDA_DST]), {}};
	if (tb[NDA_LLADDR])
		n.lladdr = attr_bytes(tb[NDA_LLADDR]);
	n.learnt = nd->ndm_state & NUD_REACHABLE;
	return n;
}

Result<std::vector<Link>> Netlink::links()
{
	std::vector<Link> out;
	ifinfomsg ifi{};
	ifi.ifi_family = AF_UNSPEC;
	auto s = dump(RTM_GETLINK, &ifi, sizeof(ifi), [&](nlmsghdr *nlh) {
		if (auto l = parse_link(nlh))
			out.push_back(std::move(*l));
	});
	if (!s)
		return fail(s.error());
	return out;
}

Result<Link> Netlink::link(std::string_view name)
{
	auto all = links();
	if (!all)
		return fail(all.error());
	for (auto &l : *all)
		if (l.name == name)
			return l;
	return fail(Error::sys(ENODEV, "device \"" + std::string(name) + "\""));
}

Status Netlink::set_link(int ifindex, const LinkChange &c)
{
	ifinfomsg ifi{};
	ifi.ifi_family = AF_UNSPEC;
	ifi.ifi_index = ifindex;
	if (c.up) {
		ifi.ifi_change = IFF_UP;
		ifi.ifi_flags = *c.up ? IFF_UP : 0;
	}
	MsgPtr m = new_msg(RTM_NEWLINK, NLM_F_REQUEST | NLM_F_ACK, &ifi, sizeof(ifi));
	if (!m)
		return fail(Error::msg("netlink: out of memory"));
	if (c.mtu)
		nla_put_u32(m.get(), IFLA_MTU, *c.mtu);
	if (c.net) {
		nlattr *spec = nla_nest_start(m.get(), IFLA_AF_SPEC | NLA_F_NESTED);
		nlattr *af = nla_nest_start(m.get(), AF_MCTP | NLA_F_NESTED);
		nla_put_u32(m.get(), IFLA_MCTP_NET, *c.net);
		nla_nest_end(m.get(), af);
		nla_nest_end(m.get(), spec);
	}
	return transact(m.get(), {});
}

Result<std::vector<AddrEntry>> Netlink::addresses()
{
	std::vector<AddrEntry> out;
	ifaddrmsg ifa{};
	ifa.ifa_family = AF_MCTP;
	auto s = dump(RTM_GETADDR, &ifa, sizeof(ifa), [&](nlmsghdr *nlh) {
		if (auto a = parse_addr(nlh))
			out.push_back(*a);
	});
	if (!s)
		return fail(s.error());
	return out;
}


Status Netlink::add_address(const AddrEntry &a)
{
	ifaddrmsg ifa{};
	ifa.ifa_family = AF_MCTP;
	ifa.ifa_index = a.ifindex;
	MsgPtr m = new_msg(RTM_NEWADDR, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL,
			   &ifa, sizeof(ifa));
	if (!m)
		return fail(Error::msg("netlink: out of memory"));
	nla_put_u8(m.get(), IFA_LOCAL, a.eid);
	return transact(m.get(), {});
}

Status Netlink::del_address(const AddrEntry &a)
{
	ifaddrmsg ifa{};
	ifa.ifa_family = AF_MCTP;
	ifa.ifa_index = a.ifindex;
	MsgPtr m = new_msg(RTM_DELADDR, NLM_F_REQUEST | NLM_F_ACK, &ifa, sizeof(ifa));
	if (!m)
		return fail(Error::msg("netlink: out of memory"));
	nla_put_u8(m.get(), IFA_LOCAL, a.eid);
	return transact(m.get(), {});
}

Result<std::vector<RouteEntry>> Netlink::routes()
{
	std::vector<RouteEntry> out;
	rtmsg rtm{};
	rtm.rtm_family = AF_MCTP;
	auto s = dump(RTM_GETROUTE, &rtm, sizeof(rtm), [&](nlmsghdr *nlh) {
		if (auto r = parse_route(nlh))
			out.push_back(*r);
	});
	if (!s)
		return fail(s.error());
	return out;
}

static MsgPtr route_msg(int type, int flags, const RouteEntry &r)
{
	rtmsg rtm{};
	rtm.rtm_family = AF_MCTP;
	rtm.rtm_dst_len = r.extent;
	rtm.rtm_table = RT_TABLE_DEFAULT;
	rtm.rtm_protocol = RTPROT_STATIC;
	rtm.rtm_scope = RT_SCOPE_LINK;
	rtm.rtm_type = r.type;
	MsgPtr m = new_msg(type, flags, &rtm, sizeof(rtm));
	if (!m)
		return m;
	nla_put_u8(m.get(), RTA_DST, r.eid);
	if (r.gateway) {
		mctp_fq_addr gw{};
		gw.net = r.gateway->net;
		gw.eid = r.gateway->eid;
		nla_put(m.get(), RTA_GATEWAY, sizeof(gw), &gw);
	} else {
		nla_put_u32(m.get(), RTA_OIF, static_cast<std::uint32_t>(r.ifindex));
	}
	if (r.mtu) {
		nlattr *mx = nla_nest_start(m.get(), RTA_METRICS | NLA_F_NESTED);
		nla_put_u32(m.get(), RTAX_MTU, r.mtu);
		nla_nest_end(m.get(), mx);
	}
	return m;
}

Status Netlink::add_route(const RouteEntry &r)
{
	MsgPtr m = route_msg(RTM_NEWROUTE, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, r);
	if (!m)
		return fail(Error::msg("netlink: out of memory"));
	return transact(m.get(), {});
}

Status Netlink::del_route(const RouteEntry &r)
{
	MsgPtr m = route_msg(RTM_DELROUTE, NLM_F_REQUEST | NLM_F_ACK, r);
	if (!m)
		return fail(Error::msg("netlink: out of memory"));
	return transact(m.get(), {});
}

Result<std::vector<NeighEntry>> Netlink::neighbours()
{
	std::vector<NeighEntry> out;
	ndmsg nd{};
	nd.ndm_family = AF_MCTP;
	auto s = dump(RTM_GETNEIGH, &nd, sizeof(nd), [&](nlmsghdr *nlh) {
		if (auto n = parse_neigh(nlh))
			out.push_back(std::move(*n));
	});
	if (!s)
		return fail(s.error());
	return out;
}

static MsgPtr neigh_msg(int type, int flags, const NeighEntry &n)
{
	ndmsg nd{};
	nd.ndm_family = AF_MCTP;
	nd.ndm_ifindex = n.ifindex;
	MsgPtr m = new_msg(type, flags, &nd, sizeof(nd));
	if (!m)
		return m;
	nla_put_u8(m.get(), NDA_DST, n.eid);
	if (!n.lladdr.empty())
		nla_put(m.get(), NDA_LLADDR, static_cast<int>(n.lladdr.size()), n.lladdr.data());
	return m;
}

Status Netlink::add_neigh(const NeighEntry &n)
{
	MsgPtr m = neigh_msg(RTM_NEWNEIGH, NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL, n);
	if (!m)
		return fail(Error::msg("netlink: out of memory"));
	return transact(m.get(), {});
}

Status Netlink::del_neigh(const NeighEntry &n)
{
	MsgPtr m = neigh_msg(RTM_DELNEIGH, NLM_F_REQUEST | NLM_F_ACK, n);
	if (!m)
		return fail(Error::msg("netlink: out of memory"));
	return transact(m.get(), {});
}

namespace {

// The notification behind @nlh as an Event, if it is one we report.
std::optional<Event> to_event(nlmsghdr *nlh)
{
	using K = Event::Kind;
	const bool add = nlh->nlmsg_type == RTM_NEWLINK || nlh->nlmsg_type == RTM_NEWADDR ||
			 nlh->nlmsg_type == RTM_NEWROUTE || nlh->nlmsg_type == RTM_NEWNEIGH;
	if (auto l = parse_link(nlh))
		return Event{add ? K::NewLink : K::DelLink, *l};
	if (auto a = parse_addr(nlh))
		return Event{add ? K::NewAddr : K::DelAddr, *a};
	if (auto r = parse_route(nlh))
		return Event{add ? K::NewRoute : K::DelRoute, *r};
	if (auto n = parse_neigh(nlh))
		return Event{add ? K::NewNeigh : K::DelNeigh, *n};
	return std::nullopt;
}

// A callback set that hands each notification to @fn (returning false
// stops the receive) and accepts any sequence number: notifications carry
// the numbers of other senders' requests.
struct EventReader {
	std::function<bool(const Event &)> fn;
	bool stop = false;
	std::unique_ptr<nl_cb, CbFree> cb{nl_cb_alloc(NL_CB_DEFAULT)};

	explicit EventReader(std::function<bool(const Event &)> f) : fn(std::move(f))
	{
		if (!cb)
			return;
		nl_cb_set(cb.get(), NL_CB_VALID, NL_CB_CUSTOM, on_msg, this);
		nl_cb_set(cb.get(), NL_CB_SEQ_CHECK, NL_CB_CUSTOM,
			  [](nl_msg *, void *) -> int { return NL_OK; }, nullptr);
	}

	static int on_msg(nl_msg *msg, void *arg)
	{
		auto *r = static_cast<EventReader *>(arg);
		auto ev = to_event(nlmsg_hdr(msg));
		if (ev && !r->fn(*ev)) {
			r->stop = true;
			return NL_STOP;
		}
		return NL_OK;
	}
};

} // namespace

Status Netlink::monitor(const MonitorScope &scope, const std::function<bool(const Event &)> &fn,
		       const std::function<void(const std::string &)> &note)
{
	std::optional<detail::NotifySocket> notify;
	if (scope.routes || scope.neighbours) {
		auto n = detail::NotifySocket::open(scope.routes, scope.neighbours);
		if (n)
			notify.emplace(std::move(*n));
		else if (n.error().code != ENOENT || (!scope.links && !scope.addresses))
			return fail(n.error());
		else if (note)
			note(n.error().message + ": following links and addresses only");
	}

	const bool rtnl = scope.links || scope.addresses;
	for (auto [want, group] : {std::pair{scope.links, int(RTNLGRP_LINK)},
				   std::pair{scope.addresses, int(RTNLGRP_MCTP_IFADDR)}}) {
		int rc = want ? nl_socket_add_membership(sock_.get(), group) : 0;
		if (rc < 0)
			return fail(Error::msg(std::string("netlink: subscribe: ") + nl_geterror(rc)));
	}

	EventReader r(fn);
	if (!r.cb)
		return fail(Error::msg("netlink: out of memory"));
	pollfd fds[2] = {{rtnl ? fd() : -1, POLLIN, 0}, {notify ? notify->fd() : -1, POLLIN, 0}};
	while (!r.stop) {
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return fail(Error::last("poll"));
		}
		if (fds[0].revents) {
			int rc = nl_recvmsgs(sock_.get(), r.cb.get());
			if (rc < 0 && rc != -NLE_INTR && !r.stop)
				return fail(Error::msg(std::string("netlink: receive: ") + nl_geterror(rc)));
		}
		if (fds[1].revents && !r.stop)
			if (auto s = notify->read(fn, r.stop); !s)
				return s;
	}
	return {};
}

Status Netlink::monitor(const std::function<bool(const Event &)> &fn)
{
	return monitor(MonitorScope{}, fn);
}

Status Netlink::watch_links()
{
	int rc = nl_socket_add_memberships(sock_.get(), RTNLGRP_LINK, 0);
	if (rc < 0)
		return fail(Error::msg(std::string("netlink: subscribe to links: ") + nl_geterror(rc)));
	rc = nl_socket_set_nonblocking(sock_.get());
	if (rc < 0)
		return fail(Error::msg(std::string("netlink: non-blocking: ") + nl_geterror(rc)));
	return {};
}

int Netlink::fd() const
{
	return nl_socket_get_fd(sock_.get());
}

Result<bool> Netlink::read_events(const std::function<void(const Event &)> &fn)
{
	EventReader r([&fn](const Event &ev) {
		fn(ev);
		return true;
	});
	if (!r.cb)
		return fail(Error::msg("netlink: out of memory"));
	bool complete = true;
	for (;;) {
		int rc = nl_recvmsgs(sock_.get(), r.cb.get());
		if (rc >= 0 || rc == -NLE_INTR)
			continue;
		if (rc == -NLE_AGAIN)
			return complete;
		// ENOBUFS: the kernel dropped notifications; the socket goes on
		if (rc == -NLE_NOMEM) {
			complete = false;
			continue;
		}
		return fail(Error::msg(std::string("netlink: receive: ") + nl_geterror(rc)));
	}
}

} // namespace mctpxx::nl

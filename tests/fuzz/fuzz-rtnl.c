// SPDX-License-Identifier: GPL-2.0
/*
 * rtnetlink fuzzer for the MCTP core: random RTM_NEW/DEL/GET/SET for
 * addresses, routes, neighbours and links, family AF_MCTP mostly, with
 * random attributes, nesting (RTA_METRICS, IFLA_AF_SPEC/AF_MCTP,
 * IFLA_LINKINFO), truncated and oversized lengths, short and long
 * family headers, odd NLM_F_* flags and dumps, over a plain and a
 * strict-checking socket, against vpairs that meanwhile are created,
 * deleted and moved between two namespaces, and a namespace that is
 * torn down and made again. One more process sends requests as nobody.
 *
 * Checks besides the kernel log (judged by the VM runner):
 *   - every request gets an answer: a NOOP sent after it is acked;
 *   - every answer is well formed (messages and attributes stay inside
 *     what was received);
 *   - nobody's NEW/DEL/SET requests fail with EPERM, always.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <linux/neighbour.h>

#include "fuzz-common.h"
#include "fuzz-net.h"

#define MSG_BUF		8192
#define RECV_BUF	65536
#define MAX_IFS		32

struct worker {
	int idx;
	bool unpriv;
	struct fz_rng r;
	struct fz_opts *o;
	struct fz_net *net;
	int nl[3];		/* plain (A), strict (A), plain (B) */
	uint32_t seq;
	int ifs[MAX_IFS];
	int nifs;
	unsigned long ops, failures, answers, vpairs, moves, ns_churn;
	uint8_t msg[MSG_BUF];
	size_t len;
	uint8_t *rbuf;
};

#define FAIL(w, ...)						\
	do {							\
		fz_fail((w)->o, (w)->ops, (w)->idx, __VA_ARGS__);	\
		(w)->failures++;				\
	} while (0)

/* ---- sockets ---- */

static int nl_open(int nsfd, bool strict)
{
	int fd = nsfd >= 0 ? mtl_socket_ns(nsfd, AF_NETLINK,
					   SOCK_RAW | SOCK_CLOEXEC,
					   NETLINK_ROUTE) :
		 socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	int one = 1, sz = 1 << 20;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	if (strict)
		setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one,
			   sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	return fd;
}

/* ---- building messages ---- */

static struct nlmsghdr *hdr(struct worker *w)
{
	return (struct nlmsghdr *)w->msg;
}

static void *put(struct worker *w, const void *data, size_t len)
{
	void *p;

	if (w->len + NLA_ALIGN(len) > MSG_BUF - 64)
		return NULL;
	p = w->msg + w->len;
	memset(p, 0, NLA_ALIGN(len));
	if (data)
		memcpy(p, data, len);
	w->len += NLA_ALIGN(len);
	return p;
}

/*
 * An attribute of @type with @len bytes of @data, whose length is
 * sometimes wrong: shorter, longer, zero.
 */
static struct nlattr *attr(struct worker *w, uint16_t type, const void *data,
			   size_t len)
{
	uint8_t junk[72];
	struct nlattr *a;

	switch (fz_below(&w->r, 24)) {
	case 0:
		len = 0;
		break;
	case 1:
		len = len ? fz_below(&w->r, len) : 0;
		break;
	case 2:
		/* the value, then bytes that should not be there */
		fz_fill(&w->r, junk, sizeof(junk));
		if (data && len)
			memcpy(junk, data, len < sizeof(junk) ? len : sizeof(junk));
		len += 1 + fz_below(&w->r, 8);
		if (len > sizeof(junk))
			len = sizeof(junk);
		data = junk;
		break;
	}
	if (fz_one_in(&w->r, 40))
		type |= NLA_F_NESTED;
	if (fz_one_in(&w->r, 60))
		type |= NLA_F_NET_BYTEORDER;
	a = put(w, NULL, NLA_HDRLEN);
	if (!a)
		return NULL;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	put(w, data, len);
	return a;
}

static void attr_u8(struct worker *w, uint16_t type, uint8_t v)
{
	attr(w, type, &v, 1);
}

static void attr_u32(struct worker *w, uint16_t type, uint32_t v)
{
	attr(w, type, &v, 4);
}

static void attr_str(struct worker *w, uint16_t type, const char *s)
{
	attr(w, type, s, strlen(s) + 1);
}

static struct nlattr *nest_start(struct worker *w, uint16_t type)
{
	struct nlattr *a = put(w, NULL, NLA_HDRLEN);

	if (a) {
		a->nla_type = type | (fz_one_in(&w->r, 8) ? 0 : NLA_F_NESTED);
		a->nla_len = NLA_HDRLEN;
	}
	return a;
}

static void nest_end(struct worker *w, struct nlattr *a)
{
	if (!a)
		return;
	a->nla_len = (w->msg + w->len) - (uint8_t *)a;
	if (fz_one_in(&w->r, 30))	/* claims more or less than it has */
		a->nla_len += (int)fz_below(&w->r, 16) - 8;
}

/* An attribute of random type and content; sometimes a nest of them. */
static void attr_random(struct worker *w, int depth)
{
	uint8_t data[32];

	if (depth < 3 && fz_one_in(&w->r, 5)) {
		struct nlattr *n = nest_start(w, fz_below(&w->r, 64));
		int k = fz_below(&w->r, 4);

		while (k--)
			attr_random(w, depth + 1);
		nest_end(w, n);
		return;
	}
	fz_fill(&w->r, data, sizeof(data));
	attr(w, fz_below(&w->r, 64), data, fz_below(&w->r, sizeof(data)));
}

static int rand_ifindex(struct worker *w)
{
	switch (fz_below(&w->r, 10)) {
	case 0:
		return 0;
	case 1:
		return fz_below(&w->r, 64);
	case 2:
		return (int)fz_u32(&w->r);
	default:
		return w->nifs ? w->ifs[fz_below(&w->r, w->nifs)] : 1;
	}
}

static uint8_t rand_eid(struct worker *w)
{
	static const uint8_t e[] = { 0, 8, 9, 10, 20, 30, 40, 100, 0xfe, 0xff };

	return fz_one_in(&w->r, 4) ? (uint8_t)fz_u32(&w->r) : FZ_PICK(&w->r, e);
}

static uint32_t rand_net(struct worker *w)
{
	static const uint32_t n[] = { 0, 1, 1, 2, 3, 7, 0xffffffff };

	return fz_one_in(&w->r, 5) ? fz_u32(&w->r) : FZ_PICK(&w->r, n);
}

static void family_header(struct worker *w, const void *h, size_t len)
{
	uint8_t junk[64];

	switch (fz_below(&w->r, 20)) {
	case 0:
		len = fz_below(&w->r, len);	/* too short */
		break;
	case 1:				/* too long */
		fz_fill(&w->r, junk, sizeof(junk));
		put(w, h, len);
		put(w, junk, 1 + fz_below(&w->r, 16));
		return;
	}
	put(w, h, len);
}

static void body_addr(struct worker *w, uint8_t family)
{
	struct ifaddrmsg ifa = {
		.ifa_family = family,
		.ifa_prefixlen = fz_one_in(&w->r, 8) ? fz_u32(&w->r) : 0,
		.ifa_flags = fz_one_in(&w->r, 8) ? fz_u32(&w->r) : 0,
		.ifa_scope = fz_one_in(&w->r, 8) ? fz_u32(&w->r) : 0,
		.ifa_index = rand_ifindex(w),
	};
	int n = fz_below(&w->r, 4);

	family_header(w, &ifa, sizeof(ifa));
	while (n--) {
		switch (fz_below(&w->r, 6)) {
		case 0 ... 2:
			attr_u8(w, IFA_LOCAL, rand_eid(w));
			break;
		case 3:
			attr_u8(w, IFA_ADDRESS, rand_eid(w));
			break;
		case 4:
			attr_u32(w, fz_one_in(&w->r, 2) ? IFA_FLAGS :
				 IFA_TARGET_NETNSID, fz_below(&w->r, 4));
			break;
		default:
			attr_random(w, 0);
		}
	}
}

static void body_route(struct worker *w, uint8_t family)
{
	struct rtmsg rtm = {
		.rtm_family = family,
		.rtm_dst_len = fz_one_in(&w->r, 2) ? fz_below(&w->r, 16) :
			       fz_u32(&w->r),
		.rtm_table = fz_one_in(&w->r, 4) ? fz_u32(&w->r) :
			     RT_TABLE_DEFAULT,
		.rtm_protocol = RTPROT_STATIC,
		.rtm_scope = fz_one_in(&w->r, 2) ? RT_SCOPE_LINK :
			     fz_u32(&w->r),
		.rtm_type = fz_one_in(&w->r, 4) ? fz_u32(&w->r) : RTN_UNICAST,
		.rtm_flags = fz_one_in(&w->r, 6) ? fz_u32(&w->r) : 0,
	};
	int n = 1 + fz_below(&w->r, 4);

	family_header(w, &rtm, sizeof(rtm));
	while (n--) {
		switch (fz_below(&w->r, 8)) {
		case 0 ... 1:
			attr_u8(w, RTA_DST, rand_eid(w));
			break;
		case 2:
			attr_u32(w, RTA_OIF, rand_ifindex(w));
			break;
		case 3: {
			struct mctp_fq_addr gw;

			memset(&gw, 0, sizeof(gw));
			gw.net = rand_net(w);
			gw.eid = rand_eid(w);
			attr(w, RTA_GATEWAY, &gw, sizeof(gw));
			break;
		}
		case 4: {
			struct nlattr *m = nest_start(w, RTA_METRICS);
			int k = fz_below(&w->r, 3);

			attr_u32(w, fz_one_in(&w->r, 4) ? fz_below(&w->r, 20) :
				 RTAX_MTU, fz_one_in(&w->r, 2) ?
				 fz_below(&w->r, 70000) : fz_u32(&w->r));
			while (k--)
				attr_random(w, 1);
			nest_end(w, m);
			break;
		}
		case 5:
			attr_u32(w, RTA_TABLE, fz_below(&w->r, 300));
			break;
		default:
			attr_random(w, 0);
		}
	}
}

static void body_neigh(struct worker *w, uint8_t family)
{
	struct ndmsg ndm = {
		.ndm_family = family,
		.ndm_ifindex = rand_ifindex(w),
		.ndm_state = fz_one_in(&w->r, 2) ? NUD_PERMANENT : fz_u32(&w->r),
		.ndm_flags = fz_one_in(&w->r, 6) ? fz_u32(&w->r) : 0,
		.ndm_type = fz_one_in(&w->r, 6) ? fz_u32(&w->r) : 0,
	};
	uint8_t ll[40];
	int n = 1 + fz_below(&w->r, 3);

	family_header(w, &ndm, sizeof(ndm));
	while (n--) {
		switch (fz_below(&w->r, 5)) {
		case 0 ... 1:
			attr_u8(w, NDA_DST, rand_eid(w));
			break;
		case 2 ... 3:
			fz_fill(&w->r, ll, sizeof(ll));
			attr(w, NDA_LLADDR, ll, fz_one_in(&w->r, 2) ? 0 :
			     fz_below(&w->r, sizeof(ll)));
			break;
		default:
			attr_random(w, 0);
		}
	}
}

static void af_spec(struct worker *w)
{
	struct nlattr *spec = nest_start(w, IFLA_AF_SPEC), *af;
	int k = fz_below(&w->r, 3);

	af = nest_start(w, fz_one_in(&w->r, 6) ? fz_below(&w->r, 50) : AF_MCTP);
	if (fz_one_in(&w->r, 2))
		attr_u32(w, IFLA_MCTP_NET, rand_net(w));
	if (fz_one_in(&w->r, 3))
		attr_u8(w, IFLA_MCTP_PHYS_BINDING, fz_one_in(&w->r, 2) ?
			fz_below(&w->r, 8) : fz_u32(&w->r));
	while (k--)
		attr_random(w, 2);
	nest_end(w, af);
	nest_end(w, spec);
}

static void link_info(struct worker *w)
{
	static const char *const kinds[] = { MCTP_VPAIR_KIND, MCTP_VPAIR_KIND,
					     "dummy", "veth", "nosuchkind" };
	struct nlattr *info = nest_start(w, IFLA_LINKINFO), *data;
	char name[IFNAMSIZ];

	attr_str(w, IFLA_INFO_KIND, FZ_PICK(&w->r, kinds));
	if (fz_one_in(&w->r, 2)) {
		data = nest_start(w, IFLA_INFO_DATA);
		snprintf(name, sizeof(name), "fzr%up", fz_below(&w->r, 16));
		attr_str(w, IFLA_MCTP_VPAIR_PEER_NAME, name);
		if (fz_one_in(&w->r, 4))
			attr_random(w, 2);
		nest_end(w, data);
	}
	nest_end(w, info);
}

static void body_link(struct worker *w, uint8_t family)
{
	struct ifinfomsg ifi = {
		.ifi_family = family == AF_MCTP && fz_one_in(&w->r, 2) ?
			      AF_UNSPEC : family,
		.ifi_index = rand_ifindex(w),
		.ifi_flags = fz_one_in(&w->r, 2) ? IFF_UP : fz_u32(&w->r),
		.ifi_change = fz_one_in(&w->r, 2) ? 0 : fz_u32(&w->r),
		.ifi_type = fz_one_in(&w->r, 8) ? fz_u32(&w->r) : 0,
	};
	char name[IFNAMSIZ];
	int n = fz_below(&w->r, 4);

	family_header(w, &ifi, sizeof(ifi));
	while (n--) {
		switch (fz_below(&w->r, 9)) {
		case 0 ... 1:
			af_spec(w);
			break;
		case 2:
			link_info(w);
			break;
		case 3:
			snprintf(name, sizeof(name), "fzr%u", fz_below(&w->r, 16));
			attr_str(w, IFLA_IFNAME, name);
			break;
		case 4:
			attr_u32(w, IFLA_MTU, fz_one_in(&w->r, 2) ?
				 60 + fz_below(&w->r, 1100) : fz_u32(&w->r));
			break;
		case 5:
			/* our own namespaces only: nothing may leave them */
			attr_u32(w, IFLA_NET_NS_FD,
				 w->net->ns[fz_below(&w->r, 2)]);
			break;
		case 6:
			attr_u32(w, IFLA_EXT_MASK, fz_u32(&w->r));
			break;
		default:
			attr_random(w, 0);
		}
	}
}

/* ---- one request ---- */

static const uint16_t types[] = {
	RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR, RTM_NEWROUTE, RTM_DELROUTE,
	RTM_GETROUTE, RTM_NEWNEIGH, RTM_DELNEIGH, RTM_GETNEIGH, RTM_NEWLINK,
	RTM_DELLINK, RTM_GETLINK, RTM_SETLINK,
};

static uint16_t rand_nl_flags(struct worker *w, uint16_t type)
{
	static const uint16_t f[] = {
		NLM_F_ACK, NLM_F_ECHO, NLM_F_CREATE, NLM_F_EXCL, NLM_F_REPLACE,
		NLM_F_APPEND, NLM_F_DUMP, NLM_F_ROOT, NLM_F_MATCH, NLM_F_NONREC,
		NLM_F_DUMP_FILTERED,
	};
	uint16_t flags = fz_one_in(&w->r, 30) ? 0 : NLM_F_REQUEST;
	int n = fz_below(&w->r, 3);

	if ((type - RTM_BASE) % 4 == 2 && fz_one_in(&w->r, 2))
		flags |= NLM_F_DUMP;
	if ((type - RTM_BASE) % 4 == 0 && fz_one_in(&w->r, 2))
		flags |= NLM_F_CREATE;
	while (n--)
		flags |= FZ_PICK(&w->r, f);
	if (fz_one_in(&w->r, 50))
		flags = fz_u32(&w->r);
	return flags;
}

/* Build one request into w->msg at w->len; returns its header. */
static struct nlmsghdr *build(struct worker *w, uint16_t type)
{
	size_t start = w->len;
	struct nlmsghdr *nlh = put(w, NULL, NLMSG_HDRLEN);
	uint8_t family;

	if (!nlh)
		return NULL;
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = rand_nl_flags(w, type);
	nlh->nlmsg_seq = ++w->seq;
	family = fz_one_in(&w->r, 8) ? fz_u32(&w->r) :
		 fz_one_in(&w->r, 8) ? AF_UNSPEC : AF_MCTP;
	switch ((type - RTM_BASE) / 4) {
	case 0:
		body_link(w, family);
		break;
	case 1:
		body_addr(w, family);
		break;
	case 2:
		body_route(w, family);
		break;
	case 7:
		body_neigh(w, family);
		break;
	default:
		attr_random(w, 0);
	}
	nlh = (struct nlmsghdr *)(w->msg + start);
	nlh->nlmsg_len = w->len - start;
	switch (fz_below(&w->r, 30)) {
	case 0:
		nlh->nlmsg_len = fz_below(&w->r, nlh->nlmsg_len + 1);
		break;
	case 1:
		nlh->nlmsg_len += 1 + fz_below(&w->r, 64);
		break;
	}
	return nlh;
}

/* Whether the attributes in [p, p + len) stay inside it. */
static bool attrs_ok(const uint8_t *p, int len)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *a = (const void *)p;

		if (a->nla_len < NLA_HDRLEN || a->nla_len > len)
			return false;
		len -= NLA_ALIGN(a->nla_len);
		p += NLA_ALIGN(a->nla_len);
	}
	return true;
}

static size_t family_hdr_len(uint16_t type)
{
	switch ((type - RTM_BASE) / 4) {
	case 0:
		return sizeof(struct ifinfomsg);
	case 1:
		return sizeof(struct ifaddrmsg);
	case 2:
		return sizeof(struct rtmsg);
	case 7:
		return sizeof(struct ndmsg);
	}
	return 0;
}

/* Check one received message; returns the error of an NLMSG_ERROR. */
static void check_answer(struct worker *w, const struct nlmsghdr *nlh,
			 uint32_t seq, int *err)
{
	size_t h;

	w->answers++;
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = NLMSG_DATA(nlh);

		if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(*e)))
			FAIL(w, "short NLMSG_ERROR (%u bytes)", nlh->nlmsg_len);
		else if (nlh->nlmsg_seq == seq && err)
			*err = e->error;
		return;
	}
	if (nlh->nlmsg_type < RTM_BASE || nlh->nlmsg_type > RTM_MAX)
		return;
	h = family_hdr_len(nlh->nlmsg_type);
	if (!h || nlh->nlmsg_type % 4 != RTM_NEWLINK % 4)
		return;
	if (nlh->nlmsg_len < NLMSG_LENGTH(h)) {
		FAIL(w, "answer type %u of %u bytes, shorter than its header",
		     nlh->nlmsg_type, nlh->nlmsg_len);
		return;
	}
	if (!attrs_ok((const uint8_t *)nlh + NLMSG_LENGTH(NLMSG_ALIGN(h)),
		      nlh->nlmsg_len - NLMSG_LENGTH(NLMSG_ALIGN(h))))
		FAIL(w, "answer type %u: an attribute runs past its end",
		     nlh->nlmsg_type);
}

/* Read what is queued on @fd; stop at the ack of @sentinel (if set). */
static int drain(struct worker *w, int fd, uint32_t seq, uint32_t sentinel,
		 int *err)
{
	double t0 = fz_now();
	bool overrun = false;

	for (;;) {
		ssize_t n = recv(fd, w->rbuf, RECV_BUF,
				 sentinel ? 0 : MSG_DONTWAIT);
		struct nlmsghdr *nlh;

		if (n < 0 && errno == EINTR && fz_now() - t0 < 10)
			continue;
		/* answers were dropped: the ack may be among them */
		if (n < 0 && errno == ENOBUFS) {
			overrun = true;
			continue;
		}
		if (n < 0 && (!sentinel || overrun))
			return 0;
		if (n < 0)
			return errno == EINTR ? -ETIMEDOUT : -errno;
		for (nlh = (void *)w->rbuf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			check_answer(w, nlh, seq, err);
			if (sentinel && nlh->nlmsg_seq == sentinel &&
			    nlh->nlmsg_type == NLMSG_ERROR)
				return 0;
		}
		if (n > 0 && n < (ssize_t)NLMSG_HDRLEN)
			FAIL(w, "a datagram of %zd bytes", n);
	}
}

/*
 * Send w->msg (w->len bytes) on @fd, then a NOOP that asks for an ack;
 * read everything up to that ack. Returns the error the kernel answered
 * the first message with (1: no answer to it).
 */
static int exchange(struct worker *w, int fd, uint32_t seq)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct nlmsghdr noop = {
		.nlmsg_len = NLMSG_HDRLEN, .nlmsg_type = NLMSG_NOOP,
		.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK,
	};
	int err = 1, rc;

	drain(w, fd, 0, 0, NULL);
	if (sendto(fd, w->msg, w->len, 0, (void *)&sa, sizeof(sa)) < 0 &&
	    errno != EINTR)
		return 1;
	noop.nlmsg_seq = ++w->seq;
	while (sendto(fd, &noop, sizeof(noop), 0, (void *)&sa, sizeof(sa)) < 0)
		if (errno != EINTR)
			return 1;
	rc = drain(w, fd, seq, noop.nlmsg_seq, &err);
	if (rc)
		FAIL(w, "no ack for a NOOP sent after message %u: %s", seq,
		     strerror(-rc));
	return err;
}

/* ---- operations ---- */

static void op_request(struct worker *w)
{
	uint16_t type = fz_one_in(&w->r, 30) ? RTM_BASE + fz_below(&w->r, 120) :
			FZ_PICK(&w->r, types);
	struct nlmsghdr *nlh;
	uint32_t seq;
	int fd, err;

	w->len = 0;
	nlh = build(w, type);
	if (!nlh)
		return;
	seq = nlh->nlmsg_seq;
	/* sometimes two in one datagram */
	if (fz_one_in(&w->r, 10))
		build(w, FZ_PICK(&w->r, types));
	fd = w->unpriv ? w->nl[0] : w->nl[fz_below(&w->r, 3)];
	err = exchange(w, fd, seq);
	nlh = hdr(w);
	if (w->unpriv && (nlh->nlmsg_flags & NLM_F_REQUEST) &&
	    nlh->nlmsg_len >= NLMSG_HDRLEN + 1 && nlh->nlmsg_len <= w->len &&
	    type <= RTM_MAX && (type - RTM_BASE) % 4 != 2 && err != -EPERM)
		FAIL(w, "nobody's request type %u flags 0x%x: %s, not EPERM",
		     type, nlh->nlmsg_flags, err == 1 ? "no answer" :
		     err ? strerror(-err) : "success");
}

/* Learn the links of both namespaces (for ifindex choices). */
static void op_learn_links(struct worker *w)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlmsghdr *nlh;

	w->nifs = 0;
	for (int i = 0; i < (w->unpriv ? 1 : 3); i += 2) {
		struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
		ssize_t n;

		w->len = 0;
		nlh = put(w, NULL, NLMSG_HDRLEN);
		put(w, &ifi, sizeof(ifi));
		nlh->nlmsg_len = w->len;
		nlh->nlmsg_type = RTM_GETLINK;
		nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
		nlh->nlmsg_seq = ++w->seq;
		drain(w, w->nl[i], 0, 0, NULL);
		if (sendto(w->nl[i], w->msg, w->len, 0, (void *)&sa,
			   sizeof(sa)) < 0)
			continue;
		while ((n = recv(w->nl[i], w->rbuf, RECV_BUF, 0)) > 0) {
			bool done = false;

			for (nlh = (void *)w->rbuf; NLMSG_OK(nlh, n);
			     nlh = NLMSG_NEXT(nlh, n)) {
				check_answer(w, nlh, 0, NULL);
				if (nlh->nlmsg_type == NLMSG_DONE ||
				    nlh->nlmsg_type == NLMSG_ERROR)
					done = true;
				else if (nlh->nlmsg_type == RTM_NEWLINK &&
					 w->nifs < MAX_IFS)
					w->ifs[w->nifs++] =
					((struct ifinfomsg *)NLMSG_DATA(nlh))->ifi_index;
			}
			if (done)
				break;
		}
	}
}

/* Create a vpair, delete one, or move one end to the other namespace. */
static void op_vpair(struct worker *w)
{
	char a[8], b[IFNAMSIZ];
	struct mtl_nl nl;
	int side = fz_below(&w->r, 2), idx;

	snprintf(a, sizeof(a), "fzv%u", fz_below(&w->r, 8));
	snprintf(b, sizeof(b), "%sp", a);
	if (mtl_nl_open_ns(&nl, w->net->ns[side]))
		return;
	switch (fz_below(&w->r, 3)) {
	case 0:
		if (!mtl_vpair_create(&nl, a, b)) {
			w->vpairs++;
			idx = mtl_link_index(&nl, a);
			if (idx > 0)
				mtl_link_up(&nl, idx);
			if (idx > 0 && fz_one_in(&w->r, 2))
				mtl_addr_add(&nl, idx, rand_eid(w));
		}
		break;
	case 1:
		idx = mtl_link_index(&nl, fz_one_in(&w->r, 2) ? a : b);
		if (idx > 0)
			mtl_link_del(&nl, idx);
		break;
	default:
		idx = mtl_link_index(&nl, fz_one_in(&w->r, 2) ? a : b);
		if (idx > 0 && !mtl_link_set_netns(&nl, idx,
						   w->net->ns[!side]))
			w->moves++;
	}
	mtl_nl_close(&nl);
}

/* This worker's B goes away with everything in it; a new one comes. */
static void op_renew_b(struct worker *w)
{
	int ns = mtl_netns_new();

	if (ns < 0)
		return;
	close(w->nl[2]);
	close(w->net->ns[1]);
	w->net->ns[1] = ns;
	w->nl[2] = nl_open(ns, false);
	w->ns_churn++;
}

static void worker_run(struct worker *w, unsigned long n, double t0)
{
	w->rbuf = malloc(RECV_BUF);
	if (!w->rbuf)
		exit(3);
	fz_watchdog(500);
	while (w->ops < n && !fz_time_up(w->o, t0)) {
		if (w->ops % 200 == 0)
			op_learn_links(w);
		else if (!w->unpriv && fz_one_in(&w->r, 40))
			op_vpair(w);
		else if (!w->unpriv && fz_one_in(&w->r, 2000))
			op_renew_b(w);
		else
			op_request(w);
		w->ops++;
	}
}

struct result {
	unsigned long ops, failures, answers, vpairs, moves, ns_churn;
};

static pid_t worker_start(struct worker *w, unsigned long n, double t0,
			  int fd)
{
	pid_t pid = fork();
	struct result res;

	if (pid)
		return pid;
	if (w->unpriv) {
		if (fz_drop_privs())
			_exit(4);
		w->nl[0] = nl_open(-1, fz_one_in(&w->r, 2));
	} else {
		/*
		 * This worker's own B, which it alone holds: when it is
		 * replaced, it goes away with whatever was moved there.
		 */
		close(w->net->ns[1]);
		w->net->ns[1] = mtl_netns_new();
		if (w->net->ns[1] < 0)
			_exit(6);
		w->nl[0] = nl_open(-1, false);
		w->nl[1] = nl_open(-1, true);
		w->nl[2] = nl_open(w->net->ns[1], false);
	}
	if (w->nl[0] < 0)
		_exit(6);
	worker_run(w, n, t0);
	res = (struct result){ w->ops, w->failures, w->answers, w->vpairs,
			       w->moves, w->ns_churn };
	_exit(write(fd, &res, sizeof(res)) == sizeof(res) ? 0 : 5);
}

int main(int argc, char **argv)
{
	struct fz_opts o = { .name = "fuzz-rtnl", .ops = 20000, .workers = 2 };
	struct result sum = { 0 };
	struct fz_net net;
	int fds[2], status, nw, rc;
	pid_t pids[16];
	double t0;

	fz_parse(argc, argv, &o, NULL, NULL, NULL);
	if (o.workers < 1 || o.workers > 15)
		fz_usage(&o, NULL);
	setvbuf(stdout, NULL, _IOLBF, 0);
	rc = fn_setup(&net);
	if (rc) {
		printf("FUZZ-FAIL: %s: network setup: %s\n", o.name,
		       strerror(-rc));
		return 1;
	}
	if (pipe(fds))
		return 1;
	nw = o.workers + 1;
	t0 = fz_now();
	for (int i = 0; i < nw; i++) {
		struct worker *w = calloc(1, sizeof(*w));

		if (!w)
			return 1;
		*w = (struct worker){ .idx = i, .unpriv = i == nw - 1, .o = &o,
				      .net = &net };
		fz_seed(&w->r, o.seed, i);
		pids[i] = worker_start(w, o.ops / nw + (i < (int)(o.ops % nw)),
				       t0, fds[1]);
		free(w);
	}
	close(fds[1]);
	for (int i = 0; i < nw; i++) {
		struct result res;

		if (waitpid(pids[i], &status, 0) != pids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			printf("FUZZ-FAIL: %s: worker %d ended with status 0x%x\n",
			       o.name, i, status);
			sum.failures++;
		}
		if (read(fds[0], &res, sizeof(res)) == sizeof(res)) {
			sum.ops += res.ops;
			sum.failures += res.failures;
			sum.answers += res.answers;
			sum.vpairs += res.vpairs;
			sum.moves += res.moves;
			sum.ns_churn += res.ns_churn;
		}
	}
	printf("%s: %lu answers; %lu vpairs made, %lu links moved, "
	       "%lu namespaces renewed\n", o.name, sum.answers, sum.vpairs,
	       sum.moves, sum.ns_churn);
	if (o.ops >= 2000 && !sum.vpairs) {
		printf("FUZZ-FAIL: %s: no vpair was ever created\n", o.name);
		sum.failures++;
	}
	fz_result(&o, sum.ops, fz_now() - t0, sum.failures);
	return sum.failures ? 1 : 0;
}

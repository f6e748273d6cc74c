// SPDX-License-Identifier: GPL-2.0
/*
 * AF_MCTP socket-call fuzzer: random sockaddrs (plain and extended),
 * lengths (0, 1, MTU and 64 KiB edges), flags, tag ioctls, socket
 * options, bind/connect orders and closes, on sockets at both ends of a
 * configured network (fuzz-net.h), from several root processes and one
 * that runs as nobody without capabilities.
 *
 * It checks for kernel problems, not errno values: the VM runner judges
 * the kernel log, tests/fuzz/run-fuzz the slab usage. The invariants it
 * checks itself:
 *   - nobody never succeeds at bind() or at sending a message;
 *   - a received message that carries a self-checking payload
 *     (fz_payload) has the length and content it was sent with;
 *   - recvmsg() returns no more than asked unless MSG_TRUNC, reports a
 *     source address of a valid size and AF_MCTP, and a tag without
 *     stray bits;
 *   - after the run, a message from A to B still arrives.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <linux/filter.h>
#include <linux/sockios.h>

#include "fuzz-common.h"
#include "fuzz-net.h"

#define MAX_SOCKS	12
#define MAX_TAGS	8
#define BIG		(65536 + 64)
#define ANCHOR_TYPE	0x70

struct ftag {
	unsigned int net;
	uint8_t peer, tag;
};

struct fsock {
	int fd;
	int ns;			/* index into fz_net.ns */
	int ntags;
	struct ftag tags[MAX_TAGS];
};

struct worker {
	int idx;
	bool unpriv;
	struct fz_rng r;
	struct fz_opts *o;
	struct fz_net *net;
	struct fsock s[MAX_SOCKS];
	int n;
	/* receivers in A and B bound to ANCHOR_TYPE + idx, never closed */
	struct fsock anchor[2];
	unsigned long ops, failures, delivered, checked, sent, bound;
	uint32_t next_id;
	uint8_t *buf, *rbuf;
	unsigned int send_err[160];	/* -v: why sends failed */
};

#define FAIL(w, ...)						\
	do {							\
		fz_fail((w)->o, (w)->ops, (w)->idx, __VA_ARGS__);	\
		(w)->failures++;				\
	} while (0)

/* ---- random arguments ---- */

static const uint8_t eids[] = {
	FN_EID_A, FN_EID_A2, FN_EID_B, FN_EID_B2, 11, FN_EID_GW_DST, 35,
	FN_EID_LOOP, MCTP_ADDR_ANY, MCTP_ADDR_NULL, 1, 0xfe,
};
static const unsigned int nets[] = { MCTP_NET_ANY, 1, 1, 2, 3, 4, 0xffffffff };
static const uint8_t types[] = { 0x7e, 0x7f, 0x7f, 0x01, 0x00, 0xff, 0xfe };

static uint8_t rand_eid(struct worker *w)
{
	return fz_one_in(&w->r, 8) ? (uint8_t)fz_u32(&w->r) : FZ_PICK(&w->r, eids);
}

static uint8_t rand_type(struct worker *w)
{
	return fz_one_in(&w->r, 6) ? (uint8_t)fz_u32(&w->r) : FZ_PICK(&w->r, types);
}

static int rand_ifindex(struct worker *w)
{
	const int c[] = { 0, w->net->fz0, w->net->fz1, w->net->fz1p,
			  w->net->fz0p, 1, -1, 9999 };

	return FZ_PICK(&w->r, c);
}

/* A tag for sendmsg: owner (new), preallocated one we hold, response. */
static uint8_t rand_tag(struct worker *w, struct fsock *s)
{
	switch (fz_below(&w->r, 6)) {
	case 0:
	case 1:
		return MCTP_TAG_OWNER;
	case 2:
		if (s->ntags) {
			struct ftag *t = &s->tags[fz_below(&w->r, s->ntags)];

			return t->tag;
		}
		return MCTP_TAG_OWNER | MCTP_TAG_PREALLOC |
		       fz_below(&w->r, 8);
	case 3:
		return fz_below(&w->r, 8);
	case 4:
		return (uint8_t)fz_u32(&w->r);
	default:
		return 0;
	}
}

/*
 * A sockaddr in @sa (a buffer of at least sizeof(sockaddr_mctp_ext) +
 * 16 bytes); returns the length to pass.
 */
static socklen_t rand_addr(struct worker *w, struct fsock *s, void *sa,
			   bool for_bind)
{
	struct sockaddr_mctp_ext *e = sa;
	struct sockaddr_mctp *a = &e->smctp_base;
	bool ext = fz_one_in(&w->r, 5);

	memset(sa, 0, sizeof(*e) + 16);
	if (fz_one_in(&w->r, 16))
		fz_fill(&w->r, sa, sizeof(*e) + 16);
	a->smctp_family = fz_one_in(&w->r, 20) ? fz_below(&w->r, 50) : AF_MCTP;
	a->smctp_network = fz_one_in(&w->r, 10) ? fz_u32(&w->r) :
			   FZ_PICK(&w->r, nets);
	a->smctp_addr.s_addr = rand_eid(w);
	a->smctp_type = rand_type(w);
	a->smctp_tag = for_bind ? (fz_one_in(&w->r, 8) ? fz_u32(&w->r) : 0) :
		       rand_tag(w, s);
	if (fz_one_in(&w->r, 30))
		a->__smctp_pad0 = fz_u32(&w->r);
	if (fz_one_in(&w->r, 30))
		a->__smctp_pad1 = fz_u32(&w->r);
	if (ext) {
		e->smctp_ifindex = rand_ifindex(w);
		e->smctp_halen = fz_one_in(&w->r, 3) ? fz_below(&w->r, 40) : 0;
		fz_fill(&w->r, e->smctp_haddr, sizeof(e->smctp_haddr));
	}
	switch (fz_below(&w->r, 12)) {
	case 0:
		return fz_below(&w->r, sizeof(*e) + 16);
	case 1:
		return sizeof(*e);
	case 2:
		return sizeof(*a) - 1;
	default:
		return ext ? sizeof(*e) : sizeof(*a);
	}
}

/*
 * Message lengths: small mostly, with the edges of the MTUs (68, 100 and
 * 1000: 63..65 bytes and so on) and, rarely (each costs up to a thousand
 * packets), of 64 KiB.
 */
static size_t rand_len(struct worker *w)
{
	static const size_t edges[] = {
		0, 1, 2, 15, 16, 17, 63, 64, 65, 95, 96, 97, 127, 128, 129,
		994, 995, 996,
	};
	static const size_t big[] = { 65534, 65535, 65536, 65537, 1991 };

	switch (fz_below(&w->r, 400)) {
	case 0:
		return FZ_PICK(&w->r, big);
	case 1:
		return fz_below(&w->r, BIG);
	case 2 ... 99:
		return FZ_PICK(&w->r, edges);
	case 100 ... 119:
		return fz_below(&w->r, 4000);
	default:
		return fz_below(&w->r, 300);
	}
}

static int rand_flags(struct worker *w, bool recv)
{
	static const int sflags[] = {
		MSG_DONTWAIT, MSG_NOSIGNAL, MSG_MORE, MSG_OOB, MSG_EOR,
		MSG_CONFIRM, 0x10 /* MSG_PROBE */, MSG_ZEROCOPY, MSG_FASTOPEN,
		MSG_DONTROUTE, MSG_BATCH,
	};
	static const int rflags[] = {
		MSG_DONTWAIT, MSG_PEEK, MSG_TRUNC, MSG_ERRQUEUE, MSG_WAITALL,
		MSG_CMSG_CLOEXEC, MSG_OOB, MSG_CTRUNC,
	};
	int f = 0, n = fz_below(&w->r, 3);

	if (fz_one_in(&w->r, 40))
		return (int)fz_u32(&w->r);
	while (n--)
		f |= recv ? FZ_PICK(&w->r, rflags) : FZ_PICK(&w->r, sflags);
	return f;
}

/* A user pointer: the buffer, NULL or an address that is not mapped. */
static void *rand_ptr(struct worker *w, void *buf)
{
	switch (fz_below(&w->r, 40)) {
	case 0:
		return NULL;
	case 1:
		return (void *)16;
	case 2:
		return (void *)-4096L;
	default:
		return buf;
	}
}

/* ---- sockets ---- */

static struct fsock *pick(struct worker *w)
{
	return w->n ? &w->s[fz_below(&w->r, w->n)] : NULL;
}

static void sock_forget(struct worker *w, struct fsock *s)
{
	*s = w->s[--w->n];
}

static void op_socket(struct worker *w)
{
	static const int stypes[] = { SOCK_DGRAM, SOCK_DGRAM, SOCK_DGRAM,
				      SOCK_RAW, SOCK_STREAM, SOCK_SEQPACKET };
	int type = FZ_PICK(&w->r, stypes), proto = 0, ns = 0, fd;

	if (fz_one_in(&w->r, 4))
		type |= SOCK_NONBLOCK;
	if (fz_one_in(&w->r, 10))
		proto = fz_one_in(&w->r, 2) ? 1 : (int)fz_u32(&w->r);
	/* nobody cannot enter B (setns needs CAP_SYS_ADMIN) */
	if (!w->unpriv && fz_one_in(&w->r, 2))
		ns = 1;
	if (w->n == MAX_SOCKS)
		return;
	if (ns)
		fd = mtl_socket_ns(w->net->ns[1], AF_MCTP, type | SOCK_CLOEXEC,
				   proto);
	else
		fd = socket(AF_MCTP, type | SOCK_CLOEXEC, proto);
	if (fd < 0)
		return;
	w->s[w->n].fd = fd;
	w->s[w->n].ns = ns;
	w->s[w->n].ntags = 0;
	w->n++;
}

static void op_close(struct worker *w)
{
	struct fsock *s = pick(w);

	if (!s)
		return;
	close(s->fd);
	sock_forget(w, s);
}

static void op_bind(struct worker *w)
{
	uint8_t sa[sizeof(struct sockaddr_mctp_ext) + 16];
	struct fsock *s = pick(w);
	struct sockaddr_mctp *a = (void *)sa;
	socklen_t len;

	if (!s)
		return;
	len = rand_addr(w, s, sa, true);
	/* often a bind that receives what the others send */
	if (fz_one_in(&w->r, 2)) {
		mtl_sockaddr(a, fz_one_in(&w->r, 2) ? MCTP_NET_ANY : 1,
			     fz_one_in(&w->r, 2) ? MCTP_ADDR_ANY : rand_eid(w),
			     fz_one_in(&w->r, 2) ? 0x7f : 0x7e, 0);
		len = sizeof(*a);
	}
	if (bind(s->fd, (void *)sa, len) == 0) {
		w->bound++;
		if (w->unpriv)
			FAIL(w, "bind() succeeded without CAP_NET_BIND_SERVICE");
	}
}

static void op_connect(struct worker *w)
{
	uint8_t sa[sizeof(struct sockaddr_mctp_ext) + 16];
	struct fsock *s = pick(w);
	struct sockaddr_mctp *a = (void *)sa;
	socklen_t len;

	if (!s)
		return;
	len = rand_addr(w, s, sa, true);
	if (fz_one_in(&w->r, 2)) {
		mtl_sockaddr(a, fz_one_in(&w->r, 2) ? MCTP_NET_ANY : 1,
			     rand_eid(w), fz_one_in(&w->r, 2) ? 0x7f : 0x7e, 0);
		len = sizeof(*a);
	}
	connect(s->fd, (void *)sa, len);
}

static void op_send(struct worker *w)
{
	uint8_t sa[sizeof(struct sockaddr_mctp_ext) + 16], ctl[64];
	struct fsock *s = pick(w);
	struct sockaddr_mctp *a = (void *)sa;
	struct iovec iov[4];
	struct msghdr msg = { 0 };
	size_t len = rand_len(w), off = 0;
	int niov = 1 + fz_below(&w->r, 4), flags = rand_flags(w, false);
	ssize_t rc;

	if (!s)
		return;
	msg.msg_namelen = rand_addr(w, s, sa, false);
	msg.msg_name = sa;
	/* mostly a destination that exists, from the right side */
	if (fz_one_in(&w->r, 2)) {
		static const uint8_t from_a[] = { FN_EID_B, FN_EID_B2,
						  FN_EID_GW_DST, FN_EID_LOOP };
		static const uint8_t from_b[] = { FN_EID_A, FN_EID_A2 };
		uint8_t dst = s->ns ? FZ_PICK(&w->r, from_b) :
				      FZ_PICK(&w->r, from_a);

		mtl_sockaddr(a, dst == FN_EID_LOOP ? 2 : 1, dst,
			     fz_one_in(&w->r, 3) ? rand_type(w) :
			     ANCHOR_TYPE + w->idx,
			     fz_one_in(&w->r, 4) ? rand_tag(w, s) :
			     MCTP_TAG_OWNER);
		msg.msg_namelen = sizeof(*a);
		if (!fz_one_in(&w->r, 4))
			flags &= MSG_DONTWAIT;
	}
	if (fz_one_in(&w->r, 30))
		msg.msg_name = rand_ptr(w, sa);
	fz_payload(&w->r, w->buf, len, w->next_id++, !fz_one_in(&w->r, 8));
	for (int i = 0; i < niov; i++) {
		size_t part = i == niov - 1 ? len - off : fz_below(&w->r, len - off + 1);

		iov[i].iov_base = w->buf + off;
		iov[i].iov_len = part;
		off += part;
	}
	msg.msg_iov = iov;
	msg.msg_iovlen = niov;
	if (fz_one_in(&w->r, 20)) {
		fz_fill(&w->r, ctl, sizeof(ctl));
		msg.msg_control = ctl;
		msg.msg_controllen = fz_below(&w->r, sizeof(ctl) + 1);
	}
	if (fz_one_in(&w->r, 4))
		rc = sendto(s->fd, w->buf, len, flags, msg.msg_name,
			    msg.msg_namelen);
	else
		rc = sendmsg(s->fd, &msg, flags);
	if (rc >= 0)
		w->sent++;
	else if (w->o->verbose && !w->unpriv)
		w->send_err[errno < 160 ? errno : 0]++;
	if (rc >= 0 && w->unpriv)
		FAIL(w, "a send succeeded (%zd bytes) without CAP_NET_RAW", rc);
}

/* Whether @fd has something to read now. */
static bool readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, 0) > 0 && (p.revents & POLLIN);
}

static void check_received(struct worker *w, const struct msghdr *msg,
			   size_t asked, ssize_t rc, int flags, bool named,
			   socklen_t namecap)
{
	const struct sockaddr_mctp *a = msg->msg_name;
	bool trunc = (msg->msg_flags & MSG_TRUNC) || (size_t)rc > asked;
	const char *bad;

	if ((size_t)rc > asked && !(flags & MSG_TRUNC))
		FAIL(w, "recvmsg returned %zd bytes into %zu", rc, asked);
	if (named && msg->msg_namelen &&
	    msg->msg_namelen != sizeof(struct sockaddr_mctp) &&
	    msg->msg_namelen != sizeof(struct sockaddr_mctp_ext))
		FAIL(w, "recvmsg source address of %u bytes",
		     msg->msg_namelen);
	if (named && msg->msg_namelen >= sizeof(*a) &&
	    namecap >= sizeof(*a)) {
		if (a->smctp_family != AF_MCTP)
			FAIL(w, "recvmsg source family %u", a->smctp_family);
		if (a->smctp_tag & ~(MCTP_TAG_OWNER | MCTP_TAG_MASK))
			FAIL(w, "recvmsg tag 0x%x", a->smctp_tag);
	}
	if (flags & MSG_ERRQUEUE)
		return;
	bad = fz_payload_check(w->rbuf, (size_t)rc < asked ? rc : asked, trunc);
	if (bad)
		FAIL(w, "received message (%zd bytes, %zu asked): %s", rc,
		     asked, bad);
	else if (!trunc && rc >= (ssize_t)sizeof(struct fz_payload_hdr))
		w->checked++;
	w->delivered++;
}

static void op_recv(struct worker *w)
{
	static const size_t sizes[] = { 0, 1, 15, 16, 64, 300, 4096, BIG };
	uint8_t sa[sizeof(struct sockaddr_mctp_ext) + 16], ctl[128];
	struct fsock *s = w->anchor[0].fd >= 0 && fz_one_in(&w->r, 3) ?
			  &w->anchor[fz_below(&w->r, 2)] : pick(w);
	struct msghdr msg = { 0 };
	struct iovec iov;
	size_t asked = FZ_PICK(&w->r, sizes);
	int flags = rand_flags(w, true);
	socklen_t namecap;
	ssize_t rc;

	if (!s)
		return;
	/* block only when there is something to read */
	if (!(flags & MSG_DONTWAIT) && !readable(s->fd))
		flags |= MSG_DONTWAIT;
	namecap = fz_one_in(&w->r, 5) ? fz_below(&w->r, sizeof(sa)) :
		  sizeof(struct sockaddr_mctp_ext);
	memset(sa, 0, sizeof(sa));
	msg.msg_name = fz_one_in(&w->r, 8) ? NULL : sa;
	msg.msg_namelen = namecap;
	iov.iov_base = w->rbuf;
	iov.iov_len = asked;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (fz_one_in(&w->r, 6)) {
		msg.msg_control = ctl;
		msg.msg_controllen = fz_below(&w->r, sizeof(ctl) + 1);
	}
	if (fz_one_in(&w->r, 4)) {
		rc = recvfrom(s->fd, w->rbuf, asked, flags, msg.msg_name,
			      msg.msg_name ? &msg.msg_namelen : NULL);
		/* recvfrom() does not tell whether it cut the message */
		msg.msg_flags = rc >= (ssize_t)asked ? MSG_TRUNC : 0;
	} else {
		rc = recvmsg(s->fd, &msg, flags);
	}
	if (rc >= 0)
		check_received(w, &msg, asked, rc, flags, msg.msg_name != NULL,
			       namecap);
}

static void remember_tag(struct fsock *s, unsigned int net, uint8_t peer,
			 uint8_t tag)
{
	if (s->ntags == MAX_TAGS)
		return;
	s->tags[s->ntags++] = (struct ftag){ net, peer, tag };
}

static void op_tag_ioctl(struct worker *w)
{
	struct fsock *s = pick(w);
	struct mctp_ioc_tag_ctl2 c2;
	struct mctp_ioc_tag_ctl c1;
	bool v2 = fz_one_in(&w->r, 2), drop = fz_one_in(&w->r, 3);
	unsigned long cmd;
	void *arg;

	if (!s)
		return;
	memset(&c1, 0, sizeof(c1));
	memset(&c2, 0, sizeof(c2));
	c1.peer_addr = c2.peer_addr = rand_eid(w);
	c2.net = fz_one_in(&w->r, 6) ? fz_u32(&w->r) : FZ_PICK(&w->r, nets);
	c2.local_addr = fz_one_in(&w->r, 6) ? rand_eid(w) : MCTP_ADDR_ANY;
	if (fz_one_in(&w->r, 10))
		c1.flags = c2.flags = fz_u32(&w->r);
	if (fz_one_in(&w->r, 10))
		c1.tag = c2.tag = fz_u32(&w->r);
	if (drop && s->ntags && !fz_one_in(&w->r, 4)) {
		int i = fz_below(&w->r, s->ntags);
		struct ftag *t = &s->tags[i];

		c1.peer_addr = c2.peer_addr = t->peer;
		c2.net = t->net;
		c1.tag = c2.tag = t->tag;
		s->tags[i] = s->tags[--s->ntags];
	}
	if (v2) {
		cmd = drop ? SIOCMCTPDROPTAG2 : SIOCMCTPALLOCTAG2;
		arg = rand_ptr(w, &c2);
	} else {
		cmd = drop ? SIOCMCTPDROPTAG : SIOCMCTPALLOCTAG;
		arg = rand_ptr(w, &c1);
	}
	if (ioctl(s->fd, cmd, arg) == 0 && !drop) {
		if (v2 && arg == &c2)
			remember_tag(s, c2.net, c2.peer_addr, c2.tag);
		else if (arg == &c1)
			remember_tag(s, 0, c1.peer_addr, c1.tag);
	}
}

static void op_other_ioctl(struct worker *w)
{
	static const unsigned long cmds[] = {
		FIONREAD, SIOCOUTQ, SIOCGSTAMP_OLD, SIOCGSTAMPNS_OLD,
		SIOCATMARK, SIOCGIFINDEX, SIOCGIFMTU, SIOCGIFFLAGS,
		SIOCGIFNAME, SIOCPROTOPRIVATE + 4, SIOCPROTOPRIVATE + 15,
		SIOCDEVPRIVATE, FIONBIO,
	};
	struct fsock *s = pick(w);
	uint8_t arg[128];
	struct ifreq *ifr = (void *)arg;
	unsigned long cmd;

	if (!s)
		return;
	fz_fill(&w->r, arg, sizeof(arg));
	if (fz_one_in(&w->r, 2))
		snprintf(ifr->ifr_name, IFNAMSIZ, "%s",
			 fz_one_in(&w->r, 2) ? "fz0" : "fz1p");
	cmd = fz_one_in(&w->r, 8) ? fz_u32(&w->r) : FZ_PICK(&w->r, cmds);
	ioctl(s->fd, cmd, rand_ptr(w, arg));
}

static void op_sockopt(struct worker *w)
{
	static const int sol_names[] = {
		SO_RCVBUF, SO_SNDBUF, SO_RCVTIMEO_OLD, SO_SNDTIMEO_OLD,
		SO_PRIORITY, SO_MARK, SO_TIMESTAMP_OLD, SO_TIMESTAMPNS_OLD,
		SO_PASSCRED, SO_BINDTODEVICE, SO_ZEROCOPY, SO_LINGER,
		SO_RCVLOWAT, SO_RCVBUFFORCE, SO_SNDBUFFORCE, SO_ATTACH_FILTER,
		SO_DETACH_FILTER, SO_LOCK_FILTER, SO_TYPE, SO_ERROR,
		SO_DOMAIN, SO_PROTOCOL, SO_PEEK_OFF, SO_RXQ_OVFL,
		SO_BUSY_POLL, SO_INCOMING_CPU, SO_COOKIE, SO_MEMINFO,
	};
	static struct sock_filter accept_all[] = {
		BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
	};
	struct fsock *s = pick(w);
	uint8_t val[256];
	int level, name, ival;
	socklen_t len;
	bool get = fz_one_in(&w->r, 2);

	if (!s)
		return;
	fz_fill(&w->r, val, sizeof(val));
	switch (fz_below(&w->r, 8)) {
	case 0 ... 3:
		level = SOL_MCTP;
		name = fz_one_in(&w->r, 4) ? (int)fz_below(&w->r, 8) :
		       MCTP_OPT_ADDR_EXT;
		break;
	case 4 ... 6:
		level = SOL_SOCKET;
		name = FZ_PICK(&w->r, sol_names);
		break;
	default:
		level = fz_one_in(&w->r, 2) ? (int)fz_below(&w->r, 300) :
			(int)fz_u32(&w->r);
		name = fz_below(&w->r, 80);
	}
	len = fz_one_in(&w->r, 4) ? fz_below(&w->r, 40) : sizeof(int);
	ival = fz_below(&w->r, 3);
	/* buffer sizes stay small: unread queues must not fill the VM */
	if (name == SO_RCVBUF || name == SO_SNDBUF || name == SO_RCVBUFFORCE ||
	    name == SO_SNDBUFFORCE)
		ival = fz_below(&w->r, 1 << 20);
	memcpy(val, &ival, sizeof(ival));
	if (level == SOL_SOCKET && name == SO_BINDTODEVICE) {
		snprintf((char *)val, IFNAMSIZ, "%s",
			 fz_one_in(&w->r, 2) ? "fz0" : "fz1");
		len = fz_one_in(&w->r, 2) ? 4 : IFNAMSIZ;
	}
	if (level == SOL_SOCKET && name == SO_ATTACH_FILTER) {
		struct sock_fprog prog = { 1, accept_all };

		memcpy(val, &prog, sizeof(prog));
		len = sizeof(prog);
	}
	if (get) {
		if (fz_one_in(&w->r, 10))
			len = fz_u32(&w->r);
		getsockopt(s->fd, level, name, rand_ptr(w, val),
			   fz_one_in(&w->r, 30) ? NULL : &len);
	} else {
		setsockopt(s->fd, level, name, rand_ptr(w, val), len);
	}
}

static void op_misc(struct worker *w)
{
	uint8_t sa[sizeof(struct sockaddr_mctp_ext) + 16];
	struct fsock *s = pick(w);
	socklen_t len = fz_below(&w->r, sizeof(sa));
	struct pollfd p;
	int fd;

	if (!s)
		return;
	switch (fz_below(&w->r, 8)) {
	case 0:
		getsockname(s->fd, (void *)sa, &len);
		break;
	case 1:
		getpeername(s->fd, (void *)sa, &len);
		break;
	case 2:
		shutdown(s->fd, fz_below(&w->r, 4));
		break;
	case 3:
		p.fd = s->fd;
		p.events = POLLIN | POLLOUT | POLLERR | POLLPRI;
		poll(&p, 1, 0);
		break;
	case 4:
		fcntl(s->fd, F_SETFL, fz_one_in(&w->r, 2) ? O_NONBLOCK : 0);
		break;
	case 5:
		listen(s->fd, fz_below(&w->r, 8));
		break;
	case 6:
		fd = accept4(s->fd, (void *)sa, &len, SOCK_NONBLOCK);
		if (fd >= 0)
			close(fd);
		break;
	default:
		/* the same socket twice in the table, closed once each */
		if (w->n < MAX_SOCKS) {
			fd = dup(s->fd);
			if (fd >= 0) {
				w->s[w->n] = *s;
				w->s[w->n].fd = fd;
				w->n++;
			}
		}
	}
}

/* Read the stack's /proc files, if this kernel has them. */
static void op_proc(struct worker *w)
{
	static const char *const files[] = {
		"/proc/net/mctp_stat", "/proc/net/mctp", "/proc/net/protocols",
		"/proc/sys/net/mctp",
	};
	const char *f = FZ_PICK(&w->r, files);
	char buf[4096];
	int fd;

	fd = open(f, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	while (read(fd, buf, sizeof(buf)) > 0)
		;
	close(fd);
}

/* Links flap and change MTU under the traffic (privileged workers). */
static void op_link(struct worker *w)
{
	const int ifs[] = { w->net->fz0, w->net->fz1, w->net->fz1p };
	struct mtl_nl nl;
	int ifi = FZ_PICK(&w->r, ifs);

	if (w->unpriv || mtl_nl_open(&nl))
		return;
	switch (fz_below(&w->r, 3)) {
	case 0:
		mtl_link_down(&nl, ifi);
		mtl_link_up(&nl, ifi);
		break;
	case 1:
		mtl_link_set_mtu(&nl, ifi, 68 + fz_below(&w->r, 2000));
		break;
	default:
		mtl_link_set_mtu(&nl, ifi, ifi == w->net->fz0 ? 68 :
				 FN_MTU_LOOP);
	}
	mtl_nl_close(&nl);
}

enum { OP_SOCKET, OP_CLOSE, OP_BIND, OP_CONNECT, OP_SEND, OP_RECV, OP_TAG,
       OP_IOCTL, OP_SOCKOPT, OP_MISC, OP_PROC, OP_LINK, OP_MAX };

static const unsigned int weights[OP_MAX] = {
	[OP_SOCKET] = 8, [OP_CLOSE] = 5, [OP_BIND] = 8, [OP_CONNECT] = 4,
	[OP_SEND] = 30, [OP_RECV] = 30, [OP_TAG] = 10, [OP_IOCTL] = 3,
	[OP_SOCKOPT] = 8, [OP_MISC] = 4, [OP_PROC] = 1, [OP_LINK] = 1,
};

static void (*const ops[OP_MAX])(struct worker *w) = {
	op_socket, op_close, op_bind, op_connect, op_send, op_recv,
	op_tag_ioctl, op_other_ioctl, op_sockopt, op_misc, op_proc, op_link,
};

/* The anchors: A and B each receive requests of this worker's type. */
static void anchors_open(struct worker *w)
{
	for (int i = 0; i < 2; i++) {
		struct fsock *a = &w->anchor[i];

		a->ns = i;
		a->ntags = 0;
		a->fd = w->unpriv ? -1 :
			mtl_socket_ns(w->net->ns[i], AF_MCTP,
				      SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (a->fd >= 0 && mtl_bind(a->fd, MCTP_NET_ANY, MCTP_ADDR_ANY,
					   ANCHOR_TYPE + w->idx)) {
			close(a->fd);
			a->fd = -1;
		}
	}
	if (w->anchor[0].fd < 0 || w->anchor[1].fd < 0)
		w->anchor[0].fd = -1;
}

static void worker_run(struct worker *w, unsigned long n, double t0)
{
	w->buf = malloc(BIG);
	w->rbuf = malloc(BIG);
	if (!w->buf || !w->rbuf)
		exit(3);
	anchors_open(w);
	if (!w->unpriv && w->anchor[0].fd < 0)
		FAIL(w, "cannot bind the anchor sockets");
	fz_watchdog(200);
	while (w->ops < n && !fz_time_up(w->o, t0)) {
		ops[fz_weighted(&w->r, weights, OP_MAX)](w);
		w->ops++;
	}
	for (int e = 0; e < 160; e++)
		if (w->send_err[e])
			printf("worker %d: %u sends failed with %s\n", w->idx,
			       w->send_err[e], strerror(e));
	/* leave some sockets to the exit, close the others */
	while (w->n > 0 && fz_below(&w->r, 2))
		op_close(w);
}

struct result {
	unsigned long ops, failures, delivered, checked, sent, bound;
};

static pid_t worker_start(struct worker *w, unsigned long n, double t0,
			  int fd)
{
	pid_t pid = fork();
	struct result res;

	if (pid)
		return pid;
	if (w->unpriv && fz_drop_privs()) {
		fprintf(stderr, "worker %d: cannot drop privileges\n", w->idx);
		_exit(4);
	}
	worker_run(w, n, t0);
	res = (struct result){ w->ops, w->failures, w->delivered, w->checked,
			       w->sent, w->bound };
	_exit(write(fd, &res, sizeof(res)) == sizeof(res) ? 0 : 5);
}

/* After the run: A still reaches a socket bound in B. */
static int final_check(struct fz_net *net)
{
	static uint8_t out[200], in[256];
	int a, b, rc = -EIO;

	if (fn_configure(net))
		return -ENETDOWN;
	a = mtl_mctp_socket();
	b = mtl_socket_ns(net->ns[1], AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (a >= 0 && b >= 0 && !mtl_bind(b, 1, FN_EID_B, 0x7d)) {
		mtl_pattern(out, sizeof(out), 1);
		if (mtl_sendto(a, 1, FN_EID_B, 0x7d, MCTP_TAG_OWNER, out,
			       sizeof(out)) == sizeof(out) &&
		    mtl_recv(b, in, sizeof(in), 0, NULL, 3000) == sizeof(out) &&
		    !memcmp(in, out, sizeof(out)))
			rc = 0;
	}
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	return rc;
}

int main(int argc, char **argv)
{
	struct fz_opts o = { .name = "fuzz-socket", .ops = 20000, .workers = 2 };
	unsigned long ops = 0, failures = 0, delivered = 0, checked = 0;
	unsigned long sent = 0, bound = 0;
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
	nw = o.workers + 1;	/* the last one runs as nobody */
	t0 = fz_now();
	for (int i = 0; i < nw; i++) {
		struct worker w = { .idx = i, .unpriv = i == nw - 1, .o = &o,
				    .net = &net };

		fz_seed(&w.r, o.seed, i);
		pids[i] = worker_start(&w, o.ops / nw + (i < (int)(o.ops % nw)),
				       t0, fds[1]);
	}
	close(fds[1]);
	for (int i = 0; i < nw; i++) {
		struct result res;

		if (waitpid(pids[i], &status, 0) != pids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			printf("FUZZ-FAIL: %s: worker %d ended with status 0x%x\n",
			       o.name, i, status);
			failures++;
		}
		if (read(fds[0], &res, sizeof(res)) == sizeof(res)) {
			ops += res.ops;
			failures += res.failures;
			delivered += res.delivered;
			checked += res.checked;
			sent += res.sent;
			bound += res.bound;
		}
	}
	printf("%s: %lu binds, %lu messages sent, %lu received, %lu of them "
	       "checked whole\n", o.name, bound, sent, delivered, checked);
	if (o.ops >= 2000 && !checked) {
		printf("FUZZ-FAIL: %s: no message arrived whole: the fuzzer "
		       "does not reach the data path\n", o.name);
		failures++;
	}
	rc = final_check(&net);
	if (rc) {
		printf("FUZZ-FAIL: %s: after the run, A no longer reaches B: %s\n",
		       o.name, strerror(-rc));
		failures++;
	}
	fz_result(&o, ops, fz_now() - t0, failures);
	return failures ? 1 : 0;
}

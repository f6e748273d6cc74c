/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers shared by the AF_MCTP kselftests. Include after
 * kselftest_harness.h. Every test runs in its own process; fixtures
 * unshare a fresh network namespace so tests never see each other's
 * devices, routes or sockets.
 */
#ifndef MCTP_SELFTEST_H
#define MCTP_SELFTEST_H

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <linux/capability.h>

#include "mctp-testlib.h"

#define MK_WAIT_MS	2000	/* a message that should arrive */
#define MK_QUIET_MS	200	/* how long "nothing arrives" is watched */
#define MK_BIG_RCVBUF	(16 * 1024 * 1024)

static inline double mk_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline int mk_unshare_net(void)
{
	return unshare(CLONE_NEWNET) < 0 ? -errno : 0;
}

/* Drop the capability @cap from the effective and permitted sets. */
static inline int mk_drop_cap(int cap)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return -errno;
	data[cap / 32].effective &= ~(1u << (cap % 32));
	data[cap / 32].permitted &= ~(1u << (cap % 32));
	if (syscall(SYS_capset, &hdr, data) < 0)
		return -errno;
	return 0;
}

/* Run @fn(@arg) in a child process; returns its exit status (0: ok). */
static inline int mk_in_child(int (*fn)(void *arg), void *arg)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -errno;
	if (pid == 0)
		_exit(fn(arg));
	if (waitpid(pid, &status, 0) != pid)
		return -errno;
	if (!WIFEXITED(status))
		return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return WEXITSTATUS(status);
}

static inline int mk_set_rcvbuf(int fd, int bytes)
{
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes,
		       sizeof(bytes)) < 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes)) < 0)
		return -errno;
	return 0;
}

static inline int mk_set_sndbuf(int fd, int bytes)
{
	if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &bytes,
		       sizeof(bytes)) < 0 &&
	    setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &bytes, sizeof(bytes)) < 0)
		return -errno;
	return 0;
}

/* An AF_MCTP socket in the current netns with large buffers. */
static inline int mk_socket(void)
{
	int fd = mtl_mctp_socket();

	if (fd >= 0) {
		mk_set_rcvbuf(fd, MK_BIG_RCVBUF);
		mk_set_sndbuf(fd, MK_BIG_RCVBUF);
	}
	return fd;
}

/* The same in the namespace @nsfd. */
static inline int mk_socket_ns(int nsfd)
{
	int fd = mtl_socket_ns(nsfd, AF_MCTP, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	if (fd >= 0) {
		mk_set_rcvbuf(fd, MK_BIG_RCVBUF);
		mk_set_sndbuf(fd, MK_BIG_RCVBUF);
	}
	return fd;
}

/* Whether nothing at all becomes readable on @fd within @ms. */
static inline bool mk_quiet(int fd, int ms)
{
	return !mtl_readable(fd, ms);
}

/* Drop every queued message of an AF_MCTP socket. */
static inline void mk_drain(int fd)
{
	char buf[256];

	while (recv(fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC) >= 0)
		;
}

/* Build one MCTP packet: header, then @len bytes of @payload (the first
 * payload byte of a SOM packet is the message type). Returns its size.
 */
static inline size_t mk_pkt(void *buf, uint8_t dest, uint8_t src,
			    uint8_t flags_seq_tag, const void *payload,
			    size_t len)
{
	struct mtl_mctp_hdr *h = buf;

	h->ver = 1;
	h->dest = dest;
	h->src = src;
	h->flags_seq_tag = flags_seq_tag;
	if (len)
		memcpy(h + 1, payload, len);
	return sizeof(*h) + len;
}

/* flags_seq_tag from its parts */
static inline uint8_t mk_fst(bool som, bool eom, uint8_t seq, bool to,
			     uint8_t tag)
{
	return (som ? MTL_HDR_SOM : 0) | (eom ? MTL_HDR_EOM : 0) |
	       MTL_HDR_SEQ(seq) | (to ? MTL_HDR_TO : 0) | (tag & 7);
}

/*
 * A host end and a raw peer end of one vpair:
 *   host_if  ("mh0", caller's netns): local EID(s), routes to the
 *            simulated peers
 *   peer_if  ("mp0", in its own netns without any MCTP configuration, so
 *            that nothing there forwards or answers): frames are injected
 *            and captured on it with AF_PACKET, standing in for remote
 *            peers.
 */
struct mk_inj {
	struct mtl_nl nl;
	int host_if;
	int peer_if;	/* ifindex inside peer_ns */
	int peer_ns;
	int inj_fd;
	int cap_fd;	/* receives what the host sends to its peers */
};

#define MK_HOST_IF	"mh0"
#define MK_PEER_IF	"mp0"

static inline int mk_inj_peer_up(struct mk_inj *t)
{
	struct mtl_nl pnl;
	int rc;

	rc = mtl_nl_open_ns(&pnl, t->peer_ns);
	if (rc)
		return rc;
	t->peer_if = mtl_link_index(&pnl, MK_PEER_IF);
	rc = t->peer_if > 0 ? mtl_link_up(&pnl, t->peer_if) : -ENODEV;
	mtl_nl_close(&pnl);
	return rc;
}

/* Set the MTU of the peer end (inside its namespace). */
static inline int mk_inj_peer_mtu(struct mk_inj *t, unsigned int mtu)
{
	struct mtl_nl pnl;
	int rc;

	rc = mtl_nl_open_ns(&pnl, t->peer_ns);
	if (rc)
		return rc;
	rc = mtl_link_set_mtu(&pnl, t->peer_if, mtu);
	mtl_nl_close(&pnl);
	return rc;
}

/* Host EID @host_eid, route @peer_first..+@peer_extent via host_if. */
static inline int mk_inj_setup(struct mk_inj *t, uint8_t host_eid,
			       uint8_t peer_first, uint8_t peer_extent)
{
	int rc, idx;

	memset(t, 0, sizeof(*t));
	t->inj_fd = t->cap_fd = t->peer_ns = -1;
	rc = mtl_nl_open(&t->nl);
	if (rc)
		return rc;
	rc = mtl_vpair_create(&t->nl, MK_HOST_IF, MK_PEER_IF);
	if (rc)
		return rc;
	t->host_if = mtl_link_index(&t->nl, MK_HOST_IF);
	idx = mtl_link_index(&t->nl, MK_PEER_IF);
	if (t->host_if <= 0 || idx <= 0)
		return -ENODEV;
	t->peer_ns = mtl_netns_new();
	if (t->peer_ns < 0)
		return t->peer_ns;
	rc = mtl_link_set_netns(&t->nl, idx, t->peer_ns);
	if (!rc)
		rc = mk_inj_peer_up(t);
	if (!rc)
		rc = mtl_link_up(&t->nl, t->host_if);
	if (!rc && host_eid)
		rc = mtl_addr_add(&t->nl, t->host_if, host_eid);
	if (!rc && peer_first)
		rc = mtl_route_add(&t->nl, peer_first, peer_extent,
				   t->host_if, 0);
	if (rc)
		return rc;
	t->inj_fd = mtl_pkt_inject_open_ns(t->peer_ns, t->peer_if);
	if (t->inj_fd < 0)
		return t->inj_fd;
	t->cap_fd = mtl_pkt_capture_open_ns(t->peer_ns, t->peer_if);
	if (t->cap_fd < 0)
		return t->cap_fd;
	return mtl_pkt_ignore_outgoing(t->cap_fd);
}

static inline void mk_inj_teardown(struct mk_inj *t)
{
	if (t->inj_fd >= 0)
		close(t->inj_fd);
	if (t->cap_fd >= 0)
		close(t->cap_fd);
	if (t->nl.fd > 0) {
		if (t->host_if > 0)
			mtl_link_del(&t->nl, t->host_if);
		mtl_nl_close(&t->nl);
	}
	if (t->peer_ns >= 0)
		close(t->peer_ns);
}

/* Inject one packet towards the host. */
static inline int mk_inject(struct mk_inj *t, uint8_t dest, uint8_t src,
			    uint8_t fst, const void *payload, size_t len)
{
	uint8_t buf[70000];
	size_t n = mk_pkt(buf, dest, src, fst, payload, len);

	return mtl_pkt_inject(t->inj_fd, t->peer_if, buf, n);
}

/* Capture the next packet the host sent; returns its length or -errno. */
static inline ssize_t mk_capture(struct mk_inj *t, void *buf, size_t len,
				 int timeout_ms)
{
	return mtl_pkt_capture(t->cap_fd, buf, len, NULL, timeout_ms);
}

/*
 * Netlink notification helper: read messages from a group socket for up
 * to @timeout_ms until one of @type satisfies @match (NULL: any). Returns
 * true if found; the message is copied to @out (MTL_MSG_MAX bytes).
 */
typedef bool (*mk_nl_match)(const struct nlmsghdr *nlh, const void *arg);

static inline bool mk_wait_notify(struct mtl_nl *g, uint16_t type,
				  mk_nl_match match, const void *arg,
				  int timeout_ms, void *out)
{
	double end = mk_now() + timeout_ms / 1000.0;
	static char buf[65536];

	for (;;) {
		int left = (int)((end - mk_now()) * 1000);
		struct nlmsghdr *nlh;
		int n;

		if (left <= 0)
			return false;
		n = mtl_nl_recv(g, buf, sizeof(buf), left);
		if (n <= 0)
			return false;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_type != type)
				continue;
			if (match && !match(nlh, arg))
				continue;
			if (out)
				memcpy(out, nlh, nlh->nlmsg_len < MTL_MSG_MAX ?
				       nlh->nlmsg_len : MTL_MSG_MAX);
			return true;
		}
	}
}

/*
 * Several notifications whose order is not defined: collect everything
 * that arrives until the group socket stays quiet for @quiet_ms, then
 * look for each expected message with mk_notes_find().
 */
struct mk_notes {
	int n;
	size_t used;
	uint32_t off[1024];
	char buf[512 * 1024];
};

static inline void mk_notes_collect(struct mtl_nl *g, struct mk_notes *ns,
				    int quiet_ms)
{
	static char buf[65536];

	ns->n = 0;
	ns->used = 0;
	for (;;) {
		struct nlmsghdr *nlh;
		int n = mtl_nl_recv(g, buf, sizeof(buf), quiet_ms);

		if (n <= 0)
			return;
		for (nlh = (struct nlmsghdr *)buf; NLMSG_OK(nlh, n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (ns->n >= 1024 ||
			    ns->used + nlh->nlmsg_len > sizeof(ns->buf))
				return;
			ns->off[ns->n++] = ns->used;
			memcpy(ns->buf + ns->used, nlh, nlh->nlmsg_len);
			ns->used += NLMSG_ALIGN(nlh->nlmsg_len);
		}
	}
}

static inline bool mk_notes_find(const struct mk_notes *ns, uint16_t type,
				 mk_nl_match match, const void *arg)
{
	for (int i = 0; i < ns->n; i++) {
		const struct nlmsghdr *nlh =
			(const void *)(ns->buf + ns->off[i]);

		if (nlh->nlmsg_type == type && (!match || match(nlh, arg)))
			return true;
	}
	return false;
}

#endif /* MCTP_SELFTEST_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * AF_MCTP socket API: creation, bind/connect, socket options, tag ioctls,
 * sendmsg/recvmsg flags and errors, tags and keys, source EID selection
 * and same-host request/response.
 *
 * Topology (per test, in a fresh netns): vpair mh0 <-> mp0. mh0 is the
 * host under test (EID 8, routes 20..29 via mh0); mp0 stands in for the
 * remote peers 20..29: what the host sends is captured there and replies
 * are injected there with AF_PACKET.
 */
#define _GNU_SOURCE
#include <netinet/in.h>
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "mctp-selftest.h"

#define HOST_EID	8
#define PEER_EID	20
#define TYPE		1

FIXTURE(sk) {
	struct mk_inj t;
};

FIXTURE_SETUP(sk)
{
	int rc;

	ASSERT_EQ(0, mk_unshare_net());
	rc = mk_inj_setup(&self->t, HOST_EID, PEER_EID, 9);
	ASSERT_EQ(0, rc) TH_LOG("vpair setup failed: %s (%s)", strerror(-rc),
				self->t.nl.extack);
}

FIXTURE_TEARDOWN(sk)
{
	mk_inj_teardown(&self->t);
}

static int bind_raw(int fd, const struct sockaddr_mctp *a, socklen_t len)
{
	return bind(fd, (const struct sockaddr *)a, len) < 0 ? errno : 0;
}

static int connect_raw(int fd, const struct sockaddr_mctp *a, socklen_t len)
{
	return connect(fd, (const struct sockaddr *)a, len) < 0 ? errno : 0;
}

static int sendto_raw(int fd, const void *buf, size_t n, const void *a,
		      socklen_t len)
{
	return sendto(fd, buf, n, 0, (const struct sockaddr *)a, len) < 0 ?
	       errno : 0;
}

/*
 * Capture the next packet the host sends to @dest (others are skipped),
 * header decoded. Returns the message bytes after the type byte, as a
 * socket would see them, or -errno.
 */
static ssize_t capture_to(struct mk_inj *t, uint8_t dest,
			  struct mtl_mctp_hdr *h)
{
	uint8_t buf[4096];
	ssize_t n;

	do {
		n = mk_capture(t, buf, sizeof(buf), MK_WAIT_MS);
		if (n < 0)
			return n;
		if (n < (ssize_t)sizeof(*h) + 1)
			return -EPROTO;
		memcpy(h, buf, sizeof(*h));
	} while (h->dest != dest);
	return n - sizeof(*h) - 1;
}

TEST(create_type_protocol)
{
	static const struct {
		int type, proto, err;
		const char *what;
	} bad[] = {
		{ SOCK_STREAM, 0, ESOCKTNOSUPPORT, "SOCK_STREAM" },
		{ SOCK_SEQPACKET, 0, ESOCKTNOSUPPORT, "SOCK_SEQPACKET" },
		{ SOCK_RAW, 0, ESOCKTNOSUPPORT, "SOCK_RAW" },
		{ SOCK_DGRAM, 1, EPROTONOSUPPORT, "SOCK_DGRAM protocol 1" },
		{ SOCK_DGRAM, 0x1234, EPROTONOSUPPORT,
		  "SOCK_DGRAM protocol 0x1234" },
		{ SOCK_STREAM, 1, EPROTONOSUPPORT, "SOCK_STREAM protocol 1" },
	};
	int fd;

	fd = socket(AF_MCTP, SOCK_DGRAM, 0);
	ASSERT_LE(0, fd) TH_LOG("socket(AF_MCTP, SOCK_DGRAM, 0): %s",
				strerror(errno));
	close(fd);

	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		errno = 0;
		fd = socket(AF_MCTP, bad[i].type, bad[i].proto);
		EXPECT_EQ(-1, fd) TH_LOG("%s was accepted", bad[i].what);
		EXPECT_EQ(bad[i].err, errno) TH_LOG("%s: got %s, want %s",
			bad[i].what, strerror(errno), strerror(bad[i].err));
		if (fd >= 0)
			close(fd);
	}
}

TEST_F(sk, bind_errors)
{
	struct sockaddr_mctp a;
	int s1 = mk_socket(), s2 = mk_socket(), s3 = mk_socket();

	ASSERT_LE(0, s1);
	ASSERT_LE(0, s2);
	ASSERT_LE(0, s3);
	mtl_sockaddr(&a, 1, HOST_EID, TYPE, 0);

	EXPECT_EQ(EINVAL, bind_raw(s1, &a, sizeof(a) - 1))
		TH_LOG("short sockaddr");
	a.smctp_family = AF_INET;
	EXPECT_EQ(EAFNOSUPPORT, bind_raw(s1, &a, sizeof(a)))
		TH_LOG("wrong family");
	a.smctp_family = AF_MCTP;
	a.__smctp_pad0 = 1;
	EXPECT_EQ(EINVAL, bind_raw(s1, &a, sizeof(a))) TH_LOG("pad0 set");
	a.__smctp_pad0 = 0;
	a.__smctp_pad1 = 1;
	EXPECT_EQ(EINVAL, bind_raw(s1, &a, sizeof(a))) TH_LOG("pad1 set");
	a.__smctp_pad1 = 0;

	ASSERT_EQ(0, bind_raw(s1, &a, sizeof(a)))
		TH_LOG("valid bind after failed attempts");
	EXPECT_EQ(-EADDRINUSE, mtl_bind(s1, 1, HOST_EID, TYPE + 1))
		TH_LOG("second bind() of a bound socket");

	/* exact duplicate, and duplicate differing only in the IC bit */
	EXPECT_EQ(-EADDRINUSE, mtl_bind(s2, 1, HOST_EID, TYPE))
		TH_LOG("exact duplicate bind");
	EXPECT_EQ(-EADDRINUSE, mtl_bind(s2, 1, HOST_EID, TYPE | 0x80))
		TH_LOG("duplicate bind with the IC bit set");

	/* anything that differs is fine */
	EXPECT_EQ(0, mtl_bind(s2, 1, HOST_EID, TYPE + 1)) TH_LOG("other type");
	EXPECT_EQ(0, mtl_bind(s3, 1, HOST_EID + 1, TYPE)) TH_LOG("other EID");
	close(s3);
	s3 = mk_socket();
	EXPECT_EQ(0, mtl_bind(s3, 2, HOST_EID, TYPE)) TH_LOG("other net");
	close(s3);
	s3 = mk_socket();
	EXPECT_EQ(0, mtl_bind(s3, 1, MCTP_ADDR_ANY, TYPE)) TH_LOG("any EID");
	close(s3);

	/* close releases the bind */
	close(s1);
	s1 = mk_socket();
	EXPECT_EQ(0, mtl_bind(s1, 1, HOST_EID, TYPE))
		TH_LOG("bind after the previous owner closed");
	close(s1);
	close(s2);
}

static int child_bind_without_cap(void *arg)
{
	int fd = mtl_mctp_socket();

	if (fd < 0)
		return 10;
	if (mk_drop_cap(CAP_NET_BIND_SERVICE))
		return 11;
	if (mtl_bind(fd, 1, HOST_EID, TYPE) != -EACCES)
		return 12;
	/* sending needs CAP_NET_RAW only */
	if (mtl_sendto(fd, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "x", 1) != 1)
		return 13;
	return 0;
}

static int child_send_without_cap(void *arg)
{
	int fd = mtl_mctp_socket();

	if (fd < 0)
		return 20;
	if (mk_drop_cap(CAP_NET_RAW))
		return 21;
	if (mtl_sendto(fd, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "x", 1) !=
	    -EACCES)
		return 22;
	if (mtl_bind(fd, 1, HOST_EID, TYPE))
		return 23;
	return 0;
}

TEST_F(sk, capabilities)
{
	int rc;

	rc = mk_in_child(child_bind_without_cap, NULL);
	EXPECT_EQ(0, rc) TH_LOG("bind without CAP_NET_BIND_SERVICE: step %d "
				"(12: bind was not EACCES, 13: send failed)",
				rc);
	rc = mk_in_child(child_send_without_cap, NULL);
	EXPECT_EQ(0, rc) TH_LOG("send without CAP_NET_RAW: step %d "
				"(22: send was not EACCES, 23: bind failed)",
				rc);
}

/*
 * Send a request from a fresh unbound socket to (net 1, @eid) and check
 * that socks[@want] and only it receives it (@want < 0: none does).
 */
static void check_delivery(struct __test_metadata *_metadata, uint8_t eid,
			   uint8_t type, int *socks, int nsocks, int want,
			   const char *what)
{
	char msg[64], buf[128];
	int q = mk_socket();
	int len;

	ASSERT_LE(0, q);
	len = snprintf(msg, sizeof(msg), "req:%s", what);
	ASSERT_EQ(len, mtl_sendto(q, 1, eid, type, MCTP_TAG_OWNER, msg, len))
		TH_LOG("%s: send to EID %u failed", what, eid);
	for (int i = 0; i < nsocks; i++) {
		if (socks[i] < 0)
			continue;
		if (i != want) {
			EXPECT_TRUE(mk_quiet(socks[i], MK_QUIET_MS))
				TH_LOG("%s: socket %d got a message meant for %d",
				       what, i, want);
			mk_drain(socks[i]);
			continue;
		}
		if (mtl_recv(socks[i], buf, sizeof(buf), 0, NULL,
			     MK_WAIT_MS) != len) {
			EXPECT_TRUE(false)
				TH_LOG("%s: socket %d did not receive", what, i);
			continue;
		}
		EXPECT_EQ(0, memcmp(buf, msg, len));
	}
	close(q);
}

TEST_F(sk, bind_most_specific_wins)
{
	int s[4];

	ASSERT_EQ(0, mtl_addr_add(&self->t.nl, self->t.host_if, 10));

	/* created from most to least specific: order must not matter */
	for (int i = 0; i < 4; i++) {
		ASSERT_LE(0, s[i] = mk_socket());
	}
	ASSERT_EQ(0, mtl_bind(s[0], 1, HOST_EID, TYPE));
	ASSERT_EQ(0, mtl_bind(s[1], 1, MCTP_ADDR_ANY, TYPE));
	ASSERT_EQ(0, mtl_bind(s[2], MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE));
	ASSERT_EQ(0, mtl_bind(s[3], 2, MCTP_ADDR_ANY, TYPE));

	check_delivery(_metadata, HOST_EID, TYPE, s, 4, 0, "net+eid bind");
	check_delivery(_metadata, 10, TYPE, s, 4, 1, "net bind, other EID");
	check_delivery(_metadata, HOST_EID, TYPE + 1, s, 4, -1,
		       "unbound type");
	close(s[0]);
	s[0] = -1;
	check_delivery(_metadata, HOST_EID, TYPE, s, 4, 1,
		       "net bind after eid bind closed");
	close(s[1]);
	s[1] = -1;
	check_delivery(_metadata, HOST_EID, TYPE, s, 4, 2,
		       "wildcard bind after the others closed");
	close(s[2]);
	s[2] = -1;
	check_delivery(_metadata, HOST_EID, TYPE, s, 4, -1,
		       "only a bind in another net left");
	close(s[3]);

	/* and in the other creation order */
	for (int i = 0; i < 3; i++) {
		ASSERT_LE(0, s[i] = mk_socket());
	}
	ASSERT_EQ(0, mtl_bind(s[2], MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE));
	ASSERT_EQ(0, mtl_bind(s[1], 1, MCTP_ADDR_ANY, TYPE));
	ASSERT_EQ(0, mtl_bind(s[0], 1, HOST_EID, TYPE));
	check_delivery(_metadata, HOST_EID, TYPE, s, 3, 0,
		       "net+eid bind created last");
	check_delivery(_metadata, 10, TYPE, s, 3, 1,
		       "net bind created second");
	/* the IC bit is not part of the type */
	check_delivery(_metadata, HOST_EID, TYPE | 0x80, s, 3, 0,
		       "IC bit set on the request");
	for (int i = 0; i < 3; i++)
		close(s[i]);
}

TEST_F(sk, connect_peer_binding)
{
	struct sockaddr_mctp a;
	char buf[64];
	int any, peer, q10, q11, tmp;

	ASSERT_EQ(0, mtl_addr_add(&self->t.nl, self->t.host_if, 10));
	ASSERT_EQ(0, mtl_addr_add(&self->t.nl, self->t.host_if, 11));
	ASSERT_LE(0, any = mk_socket());
	ASSERT_LE(0, peer = mk_socket());
	ASSERT_LE(0, q10 = mk_socket());
	ASSERT_LE(0, q11 = mk_socket());
	/* requesters whose packets leave from EID 10 and 11 */
	ASSERT_EQ(0, mtl_bind(q10, 1, 10, 0x70));
	ASSERT_EQ(0, mtl_bind(q11, 1, 11, 0x71));

	ASSERT_EQ(0, mtl_bind(any, 1, HOST_EID, TYPE));
	ASSERT_EQ(0, mtl_connect(peer, 1, 10, TYPE))
		TH_LOG("connect() to restrict a socket to peer EID 10");
	ASSERT_EQ(0, mtl_bind(peer, 1, HOST_EID, TYPE))
		TH_LOG("bind() of a peer-bound socket next to a plain one");

	ASSERT_EQ(3, mtl_sendto(q10, 1, HOST_EID, TYPE, MCTP_TAG_OWNER, "p10",
				3));
	EXPECT_EQ(3, mtl_recv(peer, buf, sizeof(buf), 0, NULL, MK_WAIT_MS))
		TH_LOG("request from the connected peer went elsewhere");
	EXPECT_TRUE(mk_quiet(any, MK_QUIET_MS))
		TH_LOG("plain bind won over the peer-bound socket");

	ASSERT_EQ(3, mtl_sendto(q11, 1, HOST_EID, TYPE, MCTP_TAG_OWNER, "p11",
				3));
	EXPECT_EQ(3, mtl_recv(any, buf, sizeof(buf), 0, NULL, MK_WAIT_MS))
		TH_LOG("request from another peer was not delivered");
	EXPECT_TRUE(mk_quiet(peer, MK_QUIET_MS))
		TH_LOG("peer-bound socket got a request from another peer");

	/* errors */
	mtl_sockaddr(&a, 1, 10, TYPE, 0);
	EXPECT_EQ(EADDRINUSE, connect_raw(any, &a, sizeof(a)))
		TH_LOG("connect() after bind()");
	ASSERT_LE(0, tmp = mk_socket());
	EXPECT_EQ(0, connect_raw(tmp, &a, sizeof(a)));
	EXPECT_EQ(EADDRINUSE, connect_raw(tmp, &a, sizeof(a)))
		TH_LOG("second connect()");
	EXPECT_EQ(-EINVAL, mtl_bind(tmp, 1, HOST_EID, TYPE + 1))
		TH_LOG("bind() with a type other than connect()'s");
	close(tmp);
	ASSERT_LE(0, tmp = mk_socket());
	ASSERT_EQ(0, mtl_connect(tmp, 1, 10, TYPE));
	EXPECT_EQ(-EADDRINUSE, mtl_bind(tmp, 1, HOST_EID, TYPE))
		TH_LOG("duplicate peer-bound bind");
	close(tmp);
	ASSERT_LE(0, tmp = mk_socket());
	EXPECT_EQ(EINVAL, connect_raw(tmp, &a, sizeof(a) - 1))
		TH_LOG("short sockaddr");
	a.smctp_family = AF_INET;
	EXPECT_EQ(EAFNOSUPPORT, connect_raw(tmp, &a, sizeof(a)))
		TH_LOG("wrong family");
	a.smctp_family = AF_MCTP;
	a.smctp_tag = MCTP_TAG_OWNER;
	EXPECT_EQ(EINVAL, connect_raw(tmp, &a, sizeof(a))) TH_LOG("tag set");
	a.smctp_tag = 0;
	a.smctp_type = TYPE | 0x80;
	EXPECT_EQ(EINVAL, connect_raw(tmp, &a, sizeof(a))) TH_LOG("IC bit");
	a.smctp_type = TYPE;
	a.__smctp_pad1 = 1;
	EXPECT_EQ(EINVAL, connect_raw(tmp, &a, sizeof(a))) TH_LOG("pad set");
	close(tmp);

	/* the peer's network and the bind's must agree */
	ASSERT_LE(0, tmp = mk_socket());
	ASSERT_EQ(0, mtl_connect(tmp, 2, 10, TYPE));
	EXPECT_EQ(-EINVAL, mtl_bind(tmp, 1, HOST_EID, TYPE))
		TH_LOG("connect() in net 2, then bind() in net 1");
	EXPECT_EQ(0, mtl_bind(tmp, MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE))
		TH_LOG("bind() with any network takes the peer's");
	close(tmp);

	close(any);
	close(peer);
	close(q10);
	close(q11);
}

TEST_F(sk, socket_options)
{
	int fd = mk_socket(), val = -1;
	socklen_t len = sizeof(val);
	char small = 1;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, getsockopt(fd, SOL_MCTP, MCTP_OPT_ADDR_EXT, &val, &len));
	EXPECT_EQ(0, val) TH_LOG("MCTP_OPT_ADDR_EXT defaults to off");
	EXPECT_EQ(sizeof(int), len);

	val = 1;
	ASSERT_EQ(0, setsockopt(fd, SOL_MCTP, MCTP_OPT_ADDR_EXT, &val,
				sizeof(val)));
	val = -1;
	len = sizeof(val);
	ASSERT_EQ(0, getsockopt(fd, SOL_MCTP, MCTP_OPT_ADDR_EXT, &val, &len));
	EXPECT_EQ(1, val);

	EXPECT_EQ(-1, setsockopt(fd, SOL_MCTP, MCTP_OPT_ADDR_EXT, &small, 1));
	EXPECT_EQ(EINVAL, errno) TH_LOG("setsockopt with a 1-byte value");
	len = 1;
	EXPECT_EQ(-1, getsockopt(fd, SOL_MCTP, MCTP_OPT_ADDR_EXT, &small,
				 &len));
	EXPECT_EQ(EINVAL, errno) TH_LOG("getsockopt with a 1-byte buffer");
	val = 1;
	EXPECT_EQ(-1, setsockopt(fd, SOL_MCTP, 99, &val, sizeof(val)));
	EXPECT_EQ(ENOPROTOOPT, errno) TH_LOG("unknown option");
	len = sizeof(val);
	EXPECT_EQ(-1, getsockopt(fd, SOL_MCTP, 99, &val, &len));
	EXPECT_EQ(ENOPROTOOPT, errno) TH_LOG("unknown option (get)");
	EXPECT_EQ(-1, setsockopt(fd, SOL_IP, MCTP_OPT_ADDR_EXT, &val,
				 sizeof(val)));
	EXPECT_EQ(EINVAL, errno) TH_LOG("option at a foreign level");
	close(fd);
}

static void inject_reply(struct __test_metadata *_metadata, struct mk_inj *t,
			 uint8_t src, uint8_t tag, const char *msg)
{
	uint8_t pl[64];
	size_t n = strlen(msg);

	pl[0] = TYPE;
	memcpy(pl + 1, msg, n);
	ASSERT_EQ(0, mk_inject(t, HOST_EID, src,
			       mk_fst(true, true, 0, false, tag), pl, n + 1));
}

TEST_F(sk, tag_ioctls)
{
	struct mctp_ioc_tag_ctl ctl;
	struct mctp_ioc_tag_ctl2 ctl2;
	struct mtl_mctp_hdr h;
	uint8_t tags[8], seen = 0;
	char buf[64];
	int s = mk_socket(), i;

	ASSERT_LE(0, s);

	memset(&ctl, 0, sizeof(ctl));
	ctl.peer_addr = PEER_EID;
	ctl.tag = 1;
	EXPECT_EQ(-1, ioctl(s, SIOCMCTPALLOCTAG, &ctl));
	EXPECT_EQ(EINVAL, errno) TH_LOG("ALLOCTAG with a non-zero tag");
	ctl.tag = 0;
	ctl.flags = 1;
	EXPECT_EQ(-1, ioctl(s, SIOCMCTPALLOCTAG, &ctl));
	EXPECT_EQ(EINVAL, errno) TH_LOG("ALLOCTAG with flags");

	for (i = 0; i < 8; i++) {
		memset(&ctl, 0, sizeof(ctl));
		ctl.peer_addr = PEER_EID;
		ASSERT_EQ(0, ioctl(s, SIOCMCTPALLOCTAG, &ctl))
			TH_LOG("ALLOCTAG #%d: %s", i, strerror(errno));
		EXPECT_EQ(MCTP_TAG_OWNER | MCTP_TAG_PREALLOC,
			  ctl.tag & ~MCTP_TAG_MASK)
			TH_LOG("returned tag 0x%x lacks TO|PREALLOC", ctl.tag);
		tags[i] = ctl.tag;
		EXPECT_EQ(0, seen & (1 << (ctl.tag & 7)))
			TH_LOG("tag %d allocated twice", ctl.tag & 7);
		seen |= 1 << (ctl.tag & 7);
	}
	memset(&ctl, 0, sizeof(ctl));
	ctl.peer_addr = PEER_EID;
	EXPECT_EQ(-1, ioctl(s, SIOCMCTPALLOCTAG, &ctl));
	EXPECT_EQ(EBUSY, errno) TH_LOG("ninth ALLOCTAG to one peer");
	EXPECT_EQ(-EBUSY, mtl_sendto(s, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
				     "x", 1))
		TH_LOG("kernel tag allocation with all tags preallocated");
	EXPECT_EQ(1, mtl_sendto(s, 1, PEER_EID + 1, TYPE, MCTP_TAG_OWNER,
				"x", 1))
		TH_LOG("tags to another peer are independent");
	mtl_pkt_drain(self->t.cap_fd);

	/* send with a preallocated tag */
	EXPECT_EQ(2, mtl_sendto(s, 1, PEER_EID, TYPE, tags[3], "pa", 2));
	ASSERT_EQ(2, capture_to(&self->t, PEER_EID, &h));
	EXPECT_EQ(MTL_HDR_TO | (tags[3] & 7), h.flags_seq_tag & 0x0f)
		TH_LOG("sent with tag bits 0x%x, want TO|%d",
		       h.flags_seq_tag & 0x0f, tags[3] & 7);
	EXPECT_EQ(-ENOENT, mtl_sendto(s, 1, PEER_EID + 2, TYPE, tags[3], "x",
				      1))
		TH_LOG("preallocated tag used for a peer it was not made for");

	/* replies: the preallocated key survives until dropped */
	inject_reply(_metadata, &self->t, PEER_EID, tags[3] & 7, "r1");
	EXPECT_EQ(2, mtl_recv(s, buf, sizeof(buf), 0, NULL, MK_WAIT_MS))
		TH_LOG("reply to a preallocated tag not delivered");
	inject_reply(_metadata, &self->t, PEER_EID, tags[3] & 7, "r2");
	EXPECT_EQ(2, mtl_recv(s, buf, sizeof(buf), 0, NULL, MK_WAIT_MS))
		TH_LOG("second reply: a preallocated key must persist");

	memset(&ctl, 0, sizeof(ctl));
	ctl.peer_addr = PEER_EID;
	ctl.tag = tags[3] & ~MCTP_TAG_PREALLOC;
	EXPECT_EQ(-1, ioctl(s, SIOCMCTPDROPTAG, &ctl));
	EXPECT_EQ(EINVAL, errno) TH_LOG("DROPTAG without PREALLOC bit");
	ctl.tag = tags[3];
	EXPECT_EQ(0, ioctl(s, SIOCMCTPDROPTAG, &ctl)) TH_LOG("DROPTAG: %s",
							   strerror(errno));
	EXPECT_EQ(-1, ioctl(s, SIOCMCTPDROPTAG, &ctl));
	EXPECT_EQ(EINVAL, errno) TH_LOG("DROPTAG of a dropped tag");

	inject_reply(_metadata, &self->t, PEER_EID, tags[3] & 7, "late");
	EXPECT_TRUE(mk_quiet(s, MK_QUIET_MS))
		TH_LOG("reply delivered after DROPTAG");

	/* the freed tag is the only one left for this peer */
	mtl_pkt_drain(self->t.cap_fd);
	EXPECT_EQ(1, mtl_sendto(s, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "y", 1));
	ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
	EXPECT_EQ(tags[3] & 7, h.flags_seq_tag & 7);

	/* v2: explicit network */
	memset(&ctl2, 0, sizeof(ctl2));
	ctl2.net = 1;
	ctl2.peer_addr = PEER_EID + 3;
	ctl2.local_addr = HOST_EID;
	EXPECT_EQ(-1, ioctl(s, SIOCMCTPALLOCTAG2, &ctl2));
	EXPECT_EQ(EINVAL, errno) TH_LOG("ALLOCTAG2 with a specific local EID");
	ctl2.local_addr = MCTP_ADDR_ANY;
	ctl2.flags = 1;
	EXPECT_EQ(-1, ioctl(s, SIOCMCTPALLOCTAG2, &ctl2));
	EXPECT_EQ(EINVAL, errno) TH_LOG("ALLOCTAG2 with flags");
	ctl2.flags = 0;
	/* all eight tags to PEER_EID in net 1 are taken, net 2 has its own */
	ctl2.net = 2;
	ctl2.peer_addr = PEER_EID;
	EXPECT_EQ(0, ioctl(s, SIOCMCTPALLOCTAG2, &ctl2))
		TH_LOG("tags are per network: %s", strerror(errno));
	EXPECT_EQ(MCTP_TAG_OWNER | MCTP_TAG_PREALLOC,
		  ctl2.tag & ~MCTP_TAG_MASK);
	ctl2.net = 3;
	EXPECT_EQ(-1, ioctl(s, SIOCMCTPDROPTAG2, &ctl2));
	EXPECT_EQ(EINVAL, errno) TH_LOG("DROPTAG2 in the wrong network");
	ctl2.net = 2;
	EXPECT_EQ(0, ioctl(s, SIOCMCTPDROPTAG2, &ctl2))
		TH_LOG("DROPTAG2: %s", strerror(errno));

	EXPECT_EQ(-1, ioctl(s, SIOCPROTOPRIVATE + 9, &ctl));
	EXPECT_EQ(EINVAL, errno) TH_LOG("unknown ioctl");
	close(s);
}

TEST_F(sk, send_errors)
{
	struct sockaddr_mctp a;
	struct sockaddr_mctp_ext ea;
	int s = mk_socket(), one = 1;

	ASSERT_LE(0, s);
	EXPECT_EQ(-1, send(s, "x", 1, 0));
	EXPECT_EQ(EDESTADDRREQ, errno) TH_LOG("send() without an address");

	mtl_sockaddr(&a, 1, PEER_EID, TYPE, MCTP_TAG_OWNER);
	EXPECT_EQ(EINVAL, sendto_raw(s, "x", 1, &a, sizeof(a) - 1))
		TH_LOG("short sockaddr");
	a.smctp_family = AF_INET;
	EXPECT_EQ(EINVAL, sendto_raw(s, "x", 1, &a, sizeof(a)))
		TH_LOG("wrong family");
	a.smctp_family = AF_MCTP;
	a.__smctp_pad0 = 1;
	EXPECT_EQ(EINVAL, sendto_raw(s, "x", 1, &a, sizeof(a))) TH_LOG("pad0");
	a.__smctp_pad0 = 0;
	a.__smctp_pad1 = 1;
	EXPECT_EQ(EINVAL, sendto_raw(s, "x", 1, &a, sizeof(a))) TH_LOG("pad1");
	a.__smctp_pad1 = 0;
	a.smctp_tag = 0x20 | MCTP_TAG_OWNER;
	EXPECT_EQ(EINVAL, sendto_raw(s, "x", 1, &a, sizeof(a)))
		TH_LOG("unknown tag bits");
	a.smctp_tag = MCTP_TAG_PREALLOC;
	EXPECT_EQ(EINVAL, sendto_raw(s, "x", 1, &a, sizeof(a)))
		TH_LOG("PREALLOC without TO");
	a.smctp_tag = MCTP_TAG_OWNER;
	EXPECT_EQ(0, sendto_raw(s, "x", 1, &a, sizeof(a)))
		TH_LOG("valid send after the errors: %s", strerror(errno));

	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 1, 100, TYPE, MCTP_TAG_OWNER,
					    "x", 1))
		TH_LOG("EID without a route");
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 7, PEER_EID, TYPE,
					    MCTP_TAG_OWNER, "x", 1))
		TH_LOG("network without routes");

	/* extended addressing */
	ASSERT_EQ(0, setsockopt(s, SOL_MCTP, MCTP_OPT_ADDR_EXT, &one,
				sizeof(one)));
	memset(&ea, 0, sizeof(ea));
	mtl_sockaddr(&ea.smctp_base, 1, PEER_EID, TYPE, MCTP_TAG_OWNER);
	ea.smctp_ifindex = 9999;
	EXPECT_EQ(EINVAL, sendto_raw(s, "x", 1, &ea, sizeof(ea)))
		TH_LOG("extended address with an unknown ifindex");
	ea.smctp_ifindex = self->t.host_if;
	ea.smctp_halen = MAX_ADDR_LEN + 1;
	EXPECT_EQ(EINVAL, sendto_raw(s, "x", 1, &ea, sizeof(ea)))
		TH_LOG("extended address with a bad halen");
	close(s);
}

/*
 * A device without an EID: routed sends are unreachable (as upstream);
 * physically addressed ones leave from the null EID (upstream refuses
 * them), as an endpoint not yet given an EID answers its bus owner.
 */
TEST_F(sk, send_without_local_eid)
{
	struct sockaddr_mctp_ext ea;
	struct mtl_mctp_hdr h;
	int s = mk_socket(), one = 1;

	ASSERT_LE(0, s);
	ASSERT_EQ(0, mtl_addr_del(&self->t.nl, self->t.host_if, HOST_EID));
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 1, PEER_EID, TYPE,
					    MCTP_TAG_OWNER, "x", 1));

	ASSERT_EQ(0, setsockopt(s, SOL_MCTP, MCTP_OPT_ADDR_EXT, &one,
				sizeof(one)));
	memset(&ea, 0, sizeof(ea));
	mtl_sockaddr(&ea.smctp_base, 1, PEER_EID, TYPE, 0);
	ea.smctp_ifindex = self->t.host_if;
	EXPECT_EQ(0, sendto_raw(s, "z", 1, &ea, sizeof(ea)));
	ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
	EXPECT_EQ(0, h.src) TH_LOG("sent from EID %d", h.src);
	close(s);
}

TEST_F(sk, recv_flags_and_address)
{
	struct sockaddr_mctp src;
	struct sockaddr_mctp_ext esrc;
	struct msghdr mh;
	struct iovec iov;
	socklen_t alen;
	char buf[64];
	int r = mk_socket(), q = mk_socket(), one = 1;

	ASSERT_LE(0, r);
	ASSERT_LE(0, q);
	ASSERT_EQ(0, mtl_bind(r, 1, HOST_EID, TYPE));

	EXPECT_EQ(-EAGAIN, mtl_recv(r, buf, sizeof(buf), MSG_DONTWAIT, NULL,
				    0))
		TH_LOG("MSG_DONTWAIT on an empty socket");

	ASSERT_EQ(11, mtl_sendto(q, 1, HOST_EID, TYPE, MCTP_TAG_OWNER,
				 "hello world", 11));
	ASSERT_TRUE(mtl_readable(r, MK_WAIT_MS));
	EXPECT_EQ(-EOPNOTSUPP, mtl_recv(r, buf, sizeof(buf), MSG_OOB, NULL, 0))
		TH_LOG("unsupported recv flag");

	memset(&src, 0xa5, sizeof(src));
	alen = sizeof(src);
	EXPECT_EQ(11, recvfrom(r, buf, sizeof(buf), MSG_PEEK,
			       (struct sockaddr *)&src, &alen));
	EXPECT_EQ(sizeof(struct sockaddr_mctp), alen);
	EXPECT_EQ(AF_MCTP, src.smctp_family);
	EXPECT_EQ(0, src.__smctp_pad0);
	EXPECT_EQ(1, src.smctp_network);
	EXPECT_EQ(HOST_EID, src.smctp_addr.s_addr)
		TH_LOG("source of a same-host request");
	EXPECT_EQ(TYPE, src.smctp_type);
	EXPECT_EQ(MCTP_TAG_OWNER, src.smctp_tag & ~MCTP_TAG_MASK)
		TH_LOG("a request carries TO in the reported tag (0x%x)",
		       src.smctp_tag);
	EXPECT_EQ(0, src.__smctp_pad1);

	EXPECT_EQ(11, recv(r, buf, 4, MSG_PEEK | MSG_TRUNC))
		TH_LOG("MSG_TRUNC returns the full length");
	EXPECT_EQ(0, memcmp(buf, "hell", 4));

	memset(&mh, 0, sizeof(mh));
	iov.iov_base = buf;
	iov.iov_len = 4;
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	EXPECT_EQ(4, recvmsg(r, &mh, 0));
	EXPECT_TRUE(mh.msg_flags & MSG_TRUNC) TH_LOG("msg_flags lacks MSG_TRUNC");
	EXPECT_EQ(-EAGAIN, mtl_recv(r, buf, sizeof(buf), MSG_DONTWAIT, NULL,
				    0))
		TH_LOG("a truncated read consumes the message");

	/* empty message: only the type byte */
	ASSERT_EQ(0, mtl_sendto(q, 1, HOST_EID, TYPE, MCTP_TAG_OWNER, "", 0));
	EXPECT_EQ(0, mtl_recv(r, buf, sizeof(buf), 0, &src, MK_WAIT_MS));
	EXPECT_EQ(TYPE, src.smctp_type);

	/* extended address on receive */
	ASSERT_EQ(0, setsockopt(r, SOL_MCTP, MCTP_OPT_ADDR_EXT, &one,
				sizeof(one)));
	ASSERT_EQ(2, mtl_sendto(q, 1, HOST_EID, TYPE, MCTP_TAG_OWNER, "ex",
				2));
	ASSERT_TRUE(mtl_readable(r, MK_WAIT_MS));
	alen = sizeof(esrc);
	memset(&esrc, 0xa5, sizeof(esrc));
	EXPECT_EQ(2, recvfrom(r, buf, sizeof(buf), 0, (struct sockaddr *)&esrc,
			      &alen));
	EXPECT_EQ(sizeof(esrc), alen) TH_LOG("MCTP_OPT_ADDR_EXT source size");
	EXPECT_EQ(HOST_EID, esrc.smctp_base.smctp_addr.s_addr);
	EXPECT_EQ(0, esrc.__smctp_pad0[0] | esrc.__smctp_pad0[1] |
		  esrc.__smctp_pad0[2]);
	EXPECT_GE(MAX_ADDR_LEN, esrc.smctp_halen);
	close(r);
	close(q);
}

TEST_F(sk, eight_tags_per_peer)
{
	struct mtl_mctp_hdr h;
	uint8_t seen = 0;
	int s = mk_socket(), s2 = mk_socket();

	ASSERT_LE(0, s);
	ASSERT_LE(0, s2);
	for (int i = 0; i < 8; i++) {
		ASSERT_EQ(1, mtl_sendto(s, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
					"t", 1))
			TH_LOG("request %d", i);
		ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
		EXPECT_EQ(1, h.ver & 0xf);
		EXPECT_EQ(PEER_EID, h.dest);
		EXPECT_EQ(HOST_EID, h.src);
		EXPECT_EQ(MTL_HDR_SOM | MTL_HDR_EOM | MTL_HDR_TO,
			  h.flags_seq_tag & 0xc8);
		EXPECT_EQ(0, seen & (1 << (h.flags_seq_tag & 7)))
			TH_LOG("tag %d in use twice", h.flags_seq_tag & 7);
		seen |= 1 << (h.flags_seq_tag & 7);
	}
	EXPECT_EQ(0xff, seen);
	EXPECT_EQ(-EBUSY, mtl_sendto(s, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
				     "t", 1))
		TH_LOG("ninth outstanding request to one peer");
	EXPECT_EQ(-EBUSY, mtl_sendto(s2, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
				     "t", 1))
		TH_LOG("tags are per peer, not per socket");
	EXPECT_EQ(1, mtl_sendto(s, 1, PEER_EID + 1, TYPE, MCTP_TAG_OWNER,
				"t", 1))
		TH_LOG("another peer has its own tags");
	/* a response (TO clear) needs no tag allocation */
	EXPECT_EQ(1, mtl_sendto(s, 1, PEER_EID, TYPE, 3, "r", 1))
		TH_LOG("sending a response with all tags taken");
	close(s);
	EXPECT_EQ(1, mtl_sendto(s2, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "t",
				1))
		TH_LOG("tags released when their socket closes");
	close(s2);
}

TEST_F_TIMEOUT(sk, key_expiry, 60)
{
	double start, t;
	ssize_t rc;
	int s = mk_socket();

	ASSERT_LE(0, s);
	start = mk_now();
	for (int i = 0; i < 8; i++) {
		ASSERT_EQ(1, mtl_sendto(s, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
					"k", 1));
	}
	ASSERT_EQ(-EBUSY, mtl_sendto(s, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
				     "k", 1));
	do {
		usleep(200 * 1000);
		rc = mtl_sendto(s, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "k", 1);
		t = mk_now() - start;
	} while (rc == -EBUSY && t < 20);
	EXPECT_EQ(1, rc) TH_LOG("keys never expired (after %.1f s)", t);
	EXPECT_LE(5.5, t) TH_LOG("keys expired after %.1f s, lifetime is 6 s",
				 t);
	close(s);
}

TEST_F(sk, key_released_on_reply)
{
	struct mtl_mctp_hdr h;
	struct sockaddr_mctp src;
	char buf[64], msg[16];
	int s = mk_socket();

	ASSERT_LE(0, s);
	for (int i = 0; i < 24; i++) {
		snprintf(msg, sizeof(msg), "reply%02d", i);
		ASSERT_EQ(1, mtl_sendto(s, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
					"q", 1))
			TH_LOG("request %d: keys not released by replies", i);
		ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
		inject_reply(_metadata, &self->t, PEER_EID,
			     h.flags_seq_tag & 7, msg);
		ASSERT_EQ(7, mtl_recv(s, buf, sizeof(buf), 0, &src,
				      MK_WAIT_MS))
			TH_LOG("reply %d not delivered", i);
		EXPECT_EQ(0, memcmp(buf, msg, 7));
		EXPECT_EQ(PEER_EID, src.smctp_addr.s_addr);
		EXPECT_EQ(h.flags_seq_tag & 7, src.smctp_tag)
			TH_LOG("reply tag reported as 0x%x", src.smctp_tag);
	}
	/* the reply ended the key: a duplicate reply goes nowhere */
	inject_reply(_metadata, &self->t, PEER_EID, h.flags_seq_tag & 7,
		     "dupl");
	EXPECT_TRUE(mk_quiet(s, MK_QUIET_MS)) TH_LOG("duplicate reply delivered");
	close(s);
}

TEST_F(sk, no_stale_reply_after_close)
{
	struct mtl_mctp_hdr h;
	uint8_t pl[16], ta, tb;
	char buf[64];
	int a = mk_socket(), b = mk_socket(), c = mk_socket();

	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_LE(0, c);
	ASSERT_EQ(0, mtl_bind(c, MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE));

	/* A's request, and the first half of its reply */
	ASSERT_EQ(1, mtl_sendto(a, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "a", 1));
	ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
	ta = h.flags_seq_tag & 7;
	pl[0] = TYPE;
	memcpy(pl + 1, "stale", 5);
	ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, PEER_EID,
			       mk_fst(true, false, 0, false, ta), pl, 6));
	usleep(50 * 1000);
	close(a);

	/* a complete stale reply after close goes nowhere */
	inject_reply(_metadata, &self->t, PEER_EID, ta, "gone");
	EXPECT_TRUE(mk_quiet(c, MK_QUIET_MS))
		TH_LOG("stale reply reached a bound socket");

	/* B reuses the tag (lowest free); the rest of A's reply arrives */
	ASSERT_EQ(1, mtl_sendto(b, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "b", 1));
	ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
	tb = h.flags_seq_tag & 7;
	TH_LOG("tag of A %d, tag of B %d", ta, tb);
	ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, PEER_EID,
			       mk_fst(false, true, 1, false, ta), "-end", 4));
	EXPECT_TRUE(mk_quiet(b, MK_QUIET_MS))
		TH_LOG("the tail of A's reply reached B");

	/* B's own reply arrives intact */
	inject_reply(_metadata, &self->t, PEER_EID, tb, "fresh");
	EXPECT_EQ(5, mtl_recv(b, buf, sizeof(buf), 0, NULL, MK_WAIT_MS))
		TH_LOG("B's reply not delivered (or merged with A's)");
	EXPECT_EQ(0, memcmp(buf, "fresh", 5));
	EXPECT_TRUE(mk_quiet(b, MK_QUIET_MS));
	EXPECT_TRUE(mk_quiet(c, MK_QUIET_MS));
	close(b);
	close(c);
}

TEST_F(sk, source_eid_selection)
{
	struct mtl_mctp_hdr h;
	struct sockaddr_mctp src;
	uint8_t pl[8];
	char buf[64];
	int un = mk_socket(), b10 = mk_socket(), resp = mk_socket();

	ASSERT_LE(0, un);
	ASSERT_LE(0, b10);
	ASSERT_LE(0, resp);
	ASSERT_EQ(0, mtl_addr_add(&self->t.nl, self->t.host_if, 10));
	ASSERT_EQ(0, mtl_bind(b10, 1, 10, 0x70));
	ASSERT_EQ(0, mtl_bind(resp, 1, MCTP_ADDR_ANY, TYPE));

	ASSERT_EQ(1, mtl_sendto(un, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "u", 1));
	ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
	EXPECT_EQ(HOST_EID, h.src) TH_LOG("unbound socket sends from the "
					  "interface's first EID");
	ASSERT_EQ(1, mtl_sendto(b10, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "b",
				1));
	ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
	EXPECT_EQ(10, h.src) TH_LOG("socket bound to EID 10 sent from %d",
				    h.src);

	/* a bound EID that is not (or no longer) local is not used */
	int b60 = mk_socket();

	ASSERT_LE(0, b60);
	ASSERT_EQ(0, mtl_bind(b60, 1, 60, 0x71)) TH_LOG("bind() stays permissive");
	ASSERT_EQ(1, mtl_sendto(b60, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "n",
				1));
	ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
	EXPECT_EQ(HOST_EID, h.src) TH_LOG("sent from EID %d, which is not "
					  "local", h.src);
	close(b60);

	/* a reply leaves from the EID its request was sent to */
	for (int i = 0; i < 2; i++) {
		uint8_t local = i ? HOST_EID : 10;

		pl[0] = TYPE;
		pl[1] = 'Q';
		ASSERT_EQ(0, mk_inject(&self->t, local, PEER_EID,
				       mk_fst(true, true, 0, true, 5), pl, 2));
		ASSERT_EQ(1, mtl_recv(resp, buf, sizeof(buf), 0, &src,
				      MK_WAIT_MS))
			TH_LOG("request to EID %d not delivered", local);
		EXPECT_EQ(PEER_EID, src.smctp_addr.s_addr);
		EXPECT_EQ(MCTP_TAG_OWNER | 5, src.smctp_tag);
		ASSERT_EQ(1, mtl_sendto(resp, src.smctp_network, PEER_EID,
					TYPE, src.smctp_tag & MCTP_TAG_MASK,
					"R", 1));
		ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
		EXPECT_EQ(local, h.src) TH_LOG("reply to a request for EID "
					       "%d left from %d", local, h.src);
		EXPECT_EQ(PEER_EID, h.dest);
		EXPECT_EQ(MTL_HDR_SOM | MTL_HDR_EOM | 5, h.flags_seq_tag & 0xcf)
			TH_LOG("reply flags/tag 0x%x", h.flags_seq_tag);
	}

	/*
	 * Two requests with one tag from peers of the same parity, to two
	 * local EIDs, both read before either is answered: each reply
	 * leaves from its own request's EID.
	 */
	for (int i = 0; i < 2; i++) {
		pl[0] = TYPE;
		pl[1] = 'q';
		ASSERT_EQ(0, mk_inject(&self->t, i ? HOST_EID : 10,
				       PEER_EID + 2 * i,
				       mk_fst(true, true, 0, true, 5), pl, 2));
		ASSERT_EQ(1, mtl_recv(resp, buf, sizeof(buf), 0, &src,
				      MK_WAIT_MS));
	}
	for (int i = 0; i < 2; i++) {
		ASSERT_EQ(1, mtl_sendto(resp, 1, PEER_EID + 2 * i, TYPE, 5,
					"R", 1));
		ASSERT_EQ(1, capture_to(&self->t, PEER_EID + 2 * i, &h));
		EXPECT_EQ(i ? HOST_EID : 10, h.src)
			TH_LOG("reply to peer %d left from %d", PEER_EID + 2 * i,
			       h.src);
	}

	/* once EID 10 is gone, a socket bound to it sends from the
	 * interface's EID
	 */
	ASSERT_EQ(0, mtl_addr_del(&self->t.nl, self->t.host_if, 10));
	ASSERT_EQ(1, mtl_sendto(b10, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "g",
				1));
	ASSERT_EQ(1, capture_to(&self->t, PEER_EID, &h));
	EXPECT_EQ(HOST_EID, h.src) TH_LOG("sent from a removed EID");

	close(un);
	close(b10);
	close(resp);
}

/* One request from @q to @dst, answered by @resp, checked end to end. */
static void echo_once(struct __test_metadata *_metadata, int q, int resp,
		      uint8_t dst, size_t len, unsigned int seed)
{
	static uint8_t out[65536], in[65536];
	struct sockaddr_mctp src;
	ssize_t n;

	mtl_pattern(out, len, seed);
	n = mtl_sendto(q, 1, dst, TYPE, MCTP_TAG_OWNER, out, len);
	ASSERT_EQ((ssize_t)len, n) TH_LOG("request %u (%zu bytes): %s", seed,
					  len, strerror(-n));
	n = mtl_recv(resp, in, sizeof(in), 0, &src, MK_WAIT_MS * 5);
	ASSERT_EQ((ssize_t)len, n) TH_LOG("request %u not received: %s", seed,
					  n < 0 ? strerror(-n) : "short");
	ASSERT_EQ(0, memcmp(in, out, len)) TH_LOG("request %u corrupted",
						  seed);
	ASSERT_TRUE(src.smctp_tag & MCTP_TAG_OWNER);
	n = mtl_sendto(resp, src.smctp_network, src.smctp_addr.s_addr, TYPE,
		       src.smctp_tag & MCTP_TAG_MASK, in, len);
	ASSERT_EQ((ssize_t)len, n) TH_LOG("reply %u: %s", seed, strerror(-n));
	n = mtl_recv(q, in, sizeof(in), 0, &src, MK_WAIT_MS * 5);
	ASSERT_EQ((ssize_t)len, n) TH_LOG("reply %u not received: %s", seed,
					  n < 0 ? strerror(-n) : "short");
	ASSERT_EQ(0, memcmp(in, out, len)) TH_LOG("reply %u corrupted", seed);
	ASSERT_EQ(dst, src.smctp_addr.s_addr)
		TH_LOG("reply came from EID %d, request went to %d",
		       src.smctp_addr.s_addr, dst);
}

TEST_F_TIMEOUT(sk, same_host_echo_loop, 300)
{
	int q = mk_socket(), resp = mk_socket();

	ASSERT_LE(0, q);
	ASSERT_LE(0, resp);
	ASSERT_EQ(0, mtl_addr_add(&self->t.nl, self->t.host_if, 10));
	ASSERT_EQ(0, mtl_bind(resp, 1, MCTP_ADDR_ANY, TYPE));
	for (unsigned int i = 0; i < 5000; i++)
		echo_once(_metadata, q, resp, (i & 1) ? 10 : HOST_EID, i % 200,
			  i);
	close(q);
	close(resp);
}

TEST_F_TIMEOUT(sk, same_host_burst, 300)
{
	struct sockaddr_mctp src;
	char buf[64];
	int q = mk_socket(), resp = mk_socket();

	ASSERT_LE(0, q);
	ASSERT_LE(0, resp);
	ASSERT_EQ(0, mtl_bind(resp, 1, HOST_EID, TYPE));
	for (int round = 0; round < 500; round++) {
		for (int i = 0; i < 8; i++) {
			ssize_t n = mtl_sendto(q, 1, HOST_EID, TYPE,
					       MCTP_TAG_OWNER, "burst", 5);

			ASSERT_EQ(5, n) TH_LOG("round %d request %d: %s", round,
					       i, strerror(-n));
		}
		for (int i = 0; i < 8; i++) {
			ASSERT_EQ(5, mtl_recv(resp, buf, sizeof(buf), 0, &src,
					      MK_WAIT_MS));
			ASSERT_EQ(5, mtl_sendto(resp, 1, src.smctp_addr.s_addr,
						TYPE, src.smctp_tag & 7, buf,
						5));
		}
		for (int i = 0; i < 8; i++) {
			ASSERT_EQ(5, mtl_recv(q, buf, sizeof(buf), 0, NULL,
					      MK_WAIT_MS))
				TH_LOG("round %d reply %d", round, i);
		}
	}
	close(q);
	close(resp);
}

TEST_F_TIMEOUT(sk, same_host_sizes, 120)
{
	static const size_t sizes[] = { 0, 1, 2, 63, 64, 65, 255, 1024, 4096,
					 65535 };
	static uint8_t big[65536];
	ssize_t n;
	int q = mk_socket(), resp = mk_socket();

	ASSERT_LE(0, q);
	ASSERT_LE(0, resp);
	ASSERT_EQ(0, mtl_bind(resp, 1, MCTP_ADDR_ANY, TYPE));
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		echo_once(_metadata, q, resp, HOST_EID, sizes[i], i + 1);

	/* one byte over the 64 KiB message limit (type byte included) */
	n = mtl_sendto(q, 1, HOST_EID, TYPE, MCTP_TAG_OWNER, big,
		       sizeof(big));
	if (n < 0) {
		EXPECT_EQ(-EMSGSIZE, n) TH_LOG("oversize send: %s",
					       strerror(-n));
	} else {
		EXPECT_TRUE(mk_quiet(resp, 500))
			TH_LOG("a message over 64 KiB was delivered");
	}
	close(q);
	close(resp);
}

TEST_HARNESS_MAIN

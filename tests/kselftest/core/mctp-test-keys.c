// SPDX-License-Identifier: GPL-2.0
/*
 * Bounds on tags and keys: who may preallocate tags, the per-socket and
 * per-namespace limits, memory charged to the socket, release at close,
 * the broadcast tag chosen from per-network counts, and the key gauges
 * of /proc/net/mctp_stat.
 *
 * Topology (per test, in a fresh netns): vpair mh0 <-> mp0 as in
 * mctp-test-socket.c: host EID 8, routes 20..29 via mh0, the peer end in
 * its own namespace.
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "mctp-selftest.h"

#define HOST_EID	8
#define PEER_EID	20
#define NPEERS		10
#define TYPE		1

FIXTURE(keys) {
	struct mk_inj t;
};

FIXTURE_SETUP(keys)
{
	int rc;

	ASSERT_EQ(0, mk_unshare_net());
	rc = mk_inj_setup(&self->t, HOST_EID, PEER_EID, NPEERS - 1);
	ASSERT_EQ(0, rc) TH_LOG("vpair setup failed: %s (%s)", strerror(-rc),
				self->t.nl.extack);
}

FIXTURE_TEARDOWN(keys)
{
	mk_inj_teardown(&self->t);
}

/* SIOCMCTPALLOCTAG2 for (@net, @peer): the tag, or -errno. */
static int alloc_tag(int s, unsigned int net, uint8_t peer)
{
	struct mctp_ioc_tag_ctl2 ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.net = net;
	ctl.peer_addr = peer;
	ctl.local_addr = MCTP_ADDR_ANY;
	if (ioctl(s, SIOCMCTPALLOCTAG2, &ctl) < 0)
		return -errno;
	return ctl.tag;
}

static int drop_tag(int s, unsigned int net, uint8_t peer, int tag)
{
	struct mctp_ioc_tag_ctl2 ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.net = net;
	ctl.peer_addr = peer;
	ctl.local_addr = MCTP_ADDR_ANY;
	ctl.tag = tag;
	return ioctl(s, SIOCMCTPDROPTAG2, &ctl) < 0 ? -errno : 0;
}

/* Preallocate up to @max tags over the peers 20+@first..29 of network 1;
 * the count allocated, and in *@err the errno that stopped it (0: none).
 */
static int fill_tags(int s, int first, int max, int *err)
{
	int n = 0, rc;

	*err = 0;
	for (int p = first; p < NPEERS && n < max; p++) {
		for (int t = 0; t < 8 && n < max; t++) {
			rc = alloc_tag(s, 1, PEER_EID + p);
			if (rc < 0) {
				*err = -rc;
				return n;
			}
			n++;
		}
	}
	return n;
}

static long long stat_of(const char *name)
{
	return mtl_mctp_stat(-1, name);
}

static int child_alloc_without_cap(void *arg)
{
	struct mctp_ioc_tag_ctl ctl = { .peer_addr = PEER_EID };
	int fd = mtl_mctp_socket();

	if (fd < 0)
		return 10;
	if (mk_drop_cap(CAP_NET_RAW))
		return 11;
	if (alloc_tag(fd, 1, PEER_EID) != -EACCES)
		return 12;
	if (ioctl(fd, SIOCMCTPALLOCTAG, &ctl) == 0 || errno != EACCES)
		return 13;
	/* dropping is not refused: the socket holds nothing to drop */
	if (drop_tag(fd, 1, PEER_EID, MCTP_TAG_OWNER | MCTP_TAG_PREALLOC) !=
	    -EINVAL)
		return 14;
	if (stat_of("keys") != 0)
		return 15;
	return 0;
}

static int child_alloc_as_nobody(void *arg)
{
	int fd;

	if (setgid(65534) || setuid(65534))
		return 20;
	fd = mtl_mctp_socket();
	if (fd < 0)
		return 21;
	for (int i = 0; i < 1000; i++)
		if (alloc_tag(fd, 1 + i, PEER_EID) != -EACCES)
			return 22;
	if (stat_of("keys") != 0)
		return 23;
	return 0;
}

TEST_F(keys, alloc_needs_cap_net_raw)
{
	int s = mk_socket(), rc;

	ASSERT_LE(0, s);
	rc = mk_in_child(child_alloc_without_cap, NULL);
	EXPECT_EQ(0, rc) TH_LOG("without CAP_NET_RAW: step %d (12/13: "
				"ALLOCTAG not EACCES, 15: a key was made)", rc);
	rc = mk_in_child(child_alloc_as_nobody, NULL);
	EXPECT_EQ(0, rc) TH_LOG("as uid 65534: step %d (22: ALLOCTAG2 not "
				"EACCES, 23: a key was made)", rc);

	/* the permitted user */
	rc = alloc_tag(s, 1, PEER_EID);
	ASSERT_LE(0, rc) TH_LOG("ALLOCTAG2 as root: %s", strerror(-rc));
	EXPECT_EQ(1, stat_of("keys_prealloc"));
	close(s);
}

TEST_F(keys, prealloc_limit_per_socket)
{
	int s = mk_socket(), n, err, tag;

	ASSERT_LE(0, s);
	ASSERT_EQ(0, mtl_mctp_sysctl(-1, "prealloc_tags_per_sock", "20"));

	n = fill_tags(s, 0, 80, &err);
	EXPECT_EQ(20, n);
	EXPECT_EQ(ENOBUFS, err) TH_LOG("beyond the limit: %s", strerror(err));
	EXPECT_EQ(1, stat_of("tag_limit"));
	EXPECT_EQ(20, stat_of("keys_prealloc"));
	EXPECT_EQ(20, stat_of("keys"));

	/* kernel-allocated tags for requests are not preallocations */
	EXPECT_EQ(1, mtl_sendto(s, 1, PEER_EID + 5, TYPE, MCTP_TAG_OWNER,
				"x", 1));

	/* one dropped, one more allowed */
	tag = alloc_tag(s, 1, PEER_EID + 9);
	EXPECT_EQ(-ENOBUFS, tag);
	ASSERT_EQ(0, drop_tag(s, 1, PEER_EID,
			      MCTP_TAG_OWNER | MCTP_TAG_PREALLOC | 0));
	tag = alloc_tag(s, 1, PEER_EID + 9);
	EXPECT_LE(0, tag) TH_LOG("after a drop: %s", strerror(-tag));

	/* a second socket has a limit of its own */
	int s2 = mk_socket();

	ASSERT_LE(0, s2);
	EXPECT_LE(0, alloc_tag(s2, 1, PEER_EID + 9));
	close(s2);

	close(s);
	EXPECT_EQ(0, stat_of("keys")) TH_LOG("keys left after close");
	EXPECT_EQ(0, stat_of("keys_prealloc"));
}

TEST_F(keys, prealloc_limit_per_netns)
{
	int a = mk_socket(), b = mk_socket(), n, err;

	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, mtl_mctp_sysctl(-1, "prealloc_tags_per_netns", "30"));

	/* a: peers 20..22, b: from peer 25 on (tags are the namespace's) */
	EXPECT_EQ(20, fill_tags(a, 0, 20, &err));
	n = fill_tags(b, 5, 80, &err);
	EXPECT_EQ(10, n) TH_LOG("the namespace's limit is shared");
	EXPECT_EQ(ENOBUFS, err);

	close(a);
	n = fill_tags(b, 0, 80, &err);
	EXPECT_EQ(20, n) TH_LOG("a closed socket gives its share back");
	close(b);
	EXPECT_EQ(0, stat_of("keys_prealloc"));

	/* bad values are refused */
	EXPECT_EQ(-EINVAL, mtl_mctp_sysctl(-1, "prealloc_tags_per_sock",
					   "-1"));
	EXPECT_EQ(-EINVAL, mtl_mctp_sysctl(-1, "prealloc_tags_per_sock",
					   "65536"));
	EXPECT_EQ(-EINVAL, mtl_mctp_sysctl(-1, "prealloc_tags_per_netns",
					   "many"));
}

/*
 * The default limit, reached with tags in many networks (no route needed,
 * as upstream); close() of the socket is quick and returns every key.
 */
TEST_F(keys, prealloc_default_limit_and_close)
{
	int s = mk_socket(), n = 0, rc = 0;
	double t0, t1;

	ASSERT_LE(0, s);
	for (unsigned int net = 1; net < 100000; net++) {
		rc = alloc_tag(s, net, PEER_EID);
		if (rc < 0)
			break;
		n++;
	}
	EXPECT_EQ(ENOBUFS, -rc) TH_LOG("stopped by %s", strerror(-rc));
	EXPECT_EQ(256, n) TH_LOG("default per-socket limit");
	EXPECT_EQ(256, stat_of("keys"));

	t0 = mk_now();
	close(s);
	t1 = mk_now();
	TH_LOG("close() of a socket holding %d keys: %.1f ms", n,
	       (t1 - t0) * 1e3);
	EXPECT_EQ(0, stat_of("keys"));
}

/* Keys are charged to the socket's option memory (optmem_max). */
TEST_F(keys, prealloc_charged_to_socket)
{
	int s = mk_socket(), n, err;

	ASSERT_LE(0, s);
	ASSERT_EQ(0, mtl_proc_write_ns(-1, "/proc/sys/net/core/optmem_max",
				       "2048"));
	n = fill_tags(s, 0, 80, &err);
	EXPECT_EQ(ENOBUFS, err) TH_LOG("%d keys in 2 KiB of option memory",
				       n);
	EXPECT_GT(n, 0);
	EXPECT_LT(n, 20) TH_LOG("%d keys of 2 KiB: not charged", n);
	EXPECT_EQ(0, stat_of("tag_limit")) TH_LOG("not a limit refusal");

	/* kernel-allocated tags are charged the same way */
	EXPECT_EQ(-ENOBUFS, mtl_sendto(s, 1, PEER_EID + 9, TYPE,
				       MCTP_TAG_OWNER, "x", 1));
	close(s);
	EXPECT_EQ(0, stat_of("keys"));
}

/*
 * A tag for a broadcast request (peer ANY or NULL) must differ from every
 * owned tag of the network, whoever its peer; other networks do not
 * count.
 */
TEST_F(keys, broadcast_tag_avoids_every_peer)
{
	int s = mk_socket(), tags[4], bc;

	ASSERT_LE(0, s);
	tags[0] = alloc_tag(s, 1, PEER_EID);		/* tag 0 */
	tags[1] = alloc_tag(s, 1, PEER_EID + 1);	/* tag 0 */
	tags[2] = alloc_tag(s, 1, PEER_EID + 1);	/* tag 1 */
	tags[3] = alloc_tag(s, 2, PEER_EID + 2);	/* tag 0, net 2 */
	for (int i = 0; i < 4; i++)
		ASSERT_LE(0, tags[i]);
	ASSERT_EQ(0, tags[1] & 7);
	ASSERT_EQ(1, tags[2] & 7);

	bc = alloc_tag(s, 1, MCTP_ADDR_ANY);
	ASSERT_LE(0, bc);
	EXPECT_EQ(2, bc & 7) TH_LOG("broadcast tag %d collides", bc & 7);
	bc = alloc_tag(s, 1, MCTP_ADDR_NULL);
	ASSERT_LE(0, bc);
	EXPECT_EQ(3, bc & 7) TH_LOG("NULL peer counts as broadcast");
	bc = alloc_tag(s, 2, MCTP_ADDR_ANY);
	ASSERT_LE(0, bc);
	EXPECT_EQ(1, bc & 7) TH_LOG("network 2 has only tag 0 in use");

	/* the broadcast tags block their values for every peer */
	EXPECT_EQ(0, alloc_tag(s, 1, PEER_EID + 5) & 7);
	EXPECT_EQ(1, alloc_tag(s, 1, PEER_EID + 5) & 7);
	EXPECT_EQ(4, alloc_tag(s, 1, PEER_EID + 5) & 7);

	/* dropping gives the values back */
	for (int t = 2; t < 4; t++)
		ASSERT_EQ(0, drop_tag(s, 1, MCTP_ADDR_ANY,
				      MCTP_TAG_OWNER | MCTP_TAG_PREALLOC | t));
	ASSERT_EQ(0, drop_tag(s, 1, PEER_EID,
			      MCTP_TAG_OWNER | MCTP_TAG_PREALLOC | 0));
	ASSERT_EQ(0, drop_tag(s, 1, PEER_EID + 1,
			      MCTP_TAG_OWNER | MCTP_TAG_PREALLOC | 0));
	for (int t = 0; t < 2; t++)
		ASSERT_EQ(0, drop_tag(s, 1, PEER_EID + 5,
				      MCTP_TAG_OWNER | MCTP_TAG_PREALLOC | t));
	/* left in net 1: peer 21 tag 1, peer 25 tag 4 */
	EXPECT_EQ(0, alloc_tag(s, 1, MCTP_ADDR_ANY) & 7);
	EXPECT_EQ(2, alloc_tag(s, 1, MCTP_ADDR_ANY) & 7);

	/* with every value taken by broadcasts, no peer gets a tag */
	ASSERT_EQ(0, drop_tag(s, 1, PEER_EID + 1,
			      MCTP_TAG_OWNER | MCTP_TAG_PREALLOC | 1));
	ASSERT_EQ(0, drop_tag(s, 1, PEER_EID + 5,
			      MCTP_TAG_OWNER | MCTP_TAG_PREALLOC | 4));
	for (int i = 0; i < 6; i++)
		EXPECT_LE(0, alloc_tag(s, 1, MCTP_ADDR_ANY));
	EXPECT_EQ(-EBUSY, alloc_tag(s, 1, MCTP_ADDR_ANY));
	EXPECT_EQ(-EBUSY, alloc_tag(s, 1, PEER_EID + 7));
	EXPECT_LE(0, alloc_tag(s, 2, PEER_EID + 7)) TH_LOG("net 2 is apart");
	close(s);
	EXPECT_EQ(0, stat_of("keys"));
}

/* The gauges follow a request's key from send to reply. */
TEST_F(keys, key_gauge_follows_requests)
{
	struct mtl_mctp_hdr h;
	uint8_t buf[64], pl[2] = { TYPE, 'r' };
	int s = mk_socket();
	ssize_t n;

	ASSERT_LE(0, s);
	EXPECT_EQ(0, stat_of("keys"));
	ASSERT_EQ(1, mtl_sendto(s, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "q", 1));
	EXPECT_EQ(1, stat_of("keys"));
	EXPECT_EQ(0, stat_of("keys_prealloc"));

	n = mk_capture(&self->t, buf, sizeof(buf), MK_WAIT_MS);
	ASSERT_GE(n, (ssize_t)sizeof(h) + 1);
	memcpy(&h, buf, sizeof(h));
	ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, PEER_EID,
			       mk_fst(true, true, 0, false, h.flags_seq_tag & 7),
			       pl, sizeof(pl)));
	ASSERT_EQ(1, mtl_recv(s, buf, sizeof(buf), 0, NULL, MK_WAIT_MS));
	EXPECT_EQ(0, stat_of("keys")) TH_LOG("the reply ends the key");
	close(s);
}

TEST_HARNESS_MAIN

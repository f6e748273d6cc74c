// SPDX-License-Identifier: GPL-2.0
/*
 * Forwarding: packets for EIDs that are not local, and the guards that
 * keep a misrouted packet from circling: packets whose source EID is
 * local are dropped, nothing goes back out of the device it came in on
 * (unless forward_same_dev), forwarding can be switched off per namespace
 * and per network, and each arrival device has a forwarding rate.
 *
 * Topology (per test): namespaces A, R (the router) and B, joined by two
 * vpairs a0|r0 and r1|b0; the test itself runs in a fourth namespace.
 *   A: EID 10 on a0, routes 30 and 50 via a0
 *   R: no EID; routes 10 via r0, 30 via r1, 50 via gateway 30
 *   B: EIDs 30 and 50 on b0, route 10 via b0
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "mctp-selftest.h"

#define TYPE		1
#define A_EID		10
#define B_EID		30
#define B_EID2		50

struct topo {
	int ns_a, ns_r, ns_b;
	struct mtl_pair ar, rb;		/* a0|r0, r1|b0 */
	int sa, sb;			/* sockets in A and B, bound in B */
};

/* Run a netlink call in @ns; 0 or -errno. */
#define IN_NS(ns, call)							\
	({								\
		struct mtl_nl __nl;					\
		int __rc = mtl_nl_open_ns(&__nl, (ns));			\
		if (!__rc) {						\
			struct mtl_nl *nl = &__nl;			\
			__rc = (call);					\
			mtl_nl_close(&__nl);				\
		}							\
		__rc;							\
	})

static int topo_setup(struct topo *t)
{
	int rc;

	memset(t, 0, sizeof(*t));
	t->ns_a = mtl_netns_new();
	t->ns_r = mtl_netns_new();
	t->ns_b = mtl_netns_new();
	if (t->ns_a < 0 || t->ns_r < 0 || t->ns_b < 0)
		return -ENOMEM;
	rc = mtl_pair_create(&t->ar, "a0", "r0", t->ns_a, t->ns_r);
	if (!rc)
		rc = mtl_pair_create(&t->rb, "r1", "b0", t->ns_r, t->ns_b);
	if (rc)
		return rc;

	rc = IN_NS(t->ns_a, mtl_addr_add(nl, t->ar.ifindex[0], A_EID) ?:
		   mtl_route_add(nl, B_EID, 0, t->ar.ifindex[0], 0) ?:
		   mtl_route_add(nl, B_EID2, 0, t->ar.ifindex[0], 0));
	if (!rc)
		rc = IN_NS(t->ns_r,
			   mtl_route_add(nl, A_EID, 0, t->ar.ifindex[1], 0) ?:
			   mtl_route_add(nl, B_EID, 0, t->rb.ifindex[0], 0) ?:
			   mtl_route_add_gw(nl, B_EID2, 0, 1, B_EID, 0));
	if (!rc)
		rc = IN_NS(t->ns_b,
			   mtl_addr_add(nl, t->rb.ifindex[1], B_EID) ?:
			   mtl_addr_add(nl, t->rb.ifindex[1], B_EID2) ?:
			   mtl_route_add(nl, A_EID, 0, t->rb.ifindex[1], 0));
	if (rc)
		return rc;

	t->sa = mk_socket_ns(t->ns_a);
	t->sb = mk_socket_ns(t->ns_b);
	if (t->sa < 0 || t->sb < 0)
		return -ENOMEM;
	return mtl_bind(t->sb, MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE);
}

static void topo_teardown(struct topo *t)
{
	close(t->sa);
	close(t->sb);
	close(t->ns_a);
	close(t->ns_r);
	close(t->ns_b);
}

/* A request from A to @dest; whether B receives it. */
static bool a_to_b(struct topo *t, uint8_t dest, const char *msg)
{
	size_t len = strlen(msg);
	char buf[64];

	if (mtl_sendto(t->sa, 1, dest, TYPE, MCTP_TAG_OWNER, msg, len) !=
	    (ssize_t)len)
		return false;
	if (mtl_recv(t->sb, buf, sizeof(buf), 0, NULL, MK_WAIT_MS) !=
	    (ssize_t)len)
		return false;
	return !memcmp(buf, msg, len);
}

static long long r_stat(struct topo *t, const char *name)
{
	return mtl_mctp_stat(t->ns_r, name);
}

/*
 * Both ends of a vpair in one namespace, a route out through one end: the
 * packet arrives on the other end with our own source EID and is dropped
 * there, once; it does not circle.
 */
TEST(loop_in_one_namespace)
{
	char big[200];
	struct mtl_nl nl;
	int l0, l1, s;

	ASSERT_EQ(0, mk_unshare_net());
	ASSERT_EQ(0, mtl_nl_open(&nl));
	ASSERT_EQ(0, mtl_vpair_create(&nl, "l0", "l1"));
	l0 = mtl_link_index(&nl, "l0");
	l1 = mtl_link_index(&nl, "l1");
	ASSERT_EQ(0, mtl_link_up(&nl, l0));
	ASSERT_EQ(0, mtl_link_up(&nl, l1));
	ASSERT_EQ(0, mtl_addr_add(&nl, l0, 8));
	ASSERT_EQ(0, mtl_route_add(&nl, 30, 0, l0, 68));
	mtl_nl_close(&nl);

	s = mk_socket();
	ASSERT_LE(0, s);
	ASSERT_EQ(1, mtl_sendto(s, 1, 30, TYPE, MCTP_TAG_OWNER, "x", 1));
	usleep(MK_QUIET_MS * 1000);
	EXPECT_EQ(1, mtl_mctp_stat(-1, "rx_drop_local_src"));
	EXPECT_EQ(0, mtl_mctp_stat(-1, "fwd_packets"))
		TH_LOG("our own packet was forwarded");

	/* a fragmented message: each fragment dropped once */
	memset(big, 'b', sizeof(big));
	ASSERT_EQ(sizeof(big), mtl_sendto(s, 1, 30, TYPE, MCTP_TAG_OWNER,
					  big, sizeof(big)));
	usleep(MK_QUIET_MS * 1000);
	EXPECT_EQ(1 + 4, mtl_mctp_stat(-1, "rx_drop_local_src"));
	usleep(MK_QUIET_MS * 1000);
	EXPECT_EQ(0, mtl_mctp_stat(-1, "fwd_packets"));
	EXPECT_EQ(1 + 4, mtl_mctp_stat(-1, "rx_drop_local_src"))
		TH_LOG("packets still circling");
	close(s);
}

FIXTURE(fwd) {
	struct topo t;
};

FIXTURE_SETUP(fwd)
{
	int rc;

	ASSERT_EQ(0, mk_unshare_net());
	rc = topo_setup(&self->t);
	ASSERT_EQ(0, rc) TH_LOG("topology: %s", strerror(-rc));
}

FIXTURE_TEARDOWN(fwd)
{
	topo_teardown(&self->t);
}

/* The router holds no EID; a gateway route leads on to B's second EID. */
TEST_F(fwd, through_router_without_eid)
{
	struct topo *t = &self->t;
	struct sockaddr_mctp src;
	struct mtl_addr addrs[4];
	char buf[16];

	EXPECT_EQ(0, IN_NS(t->ns_r, mtl_addr_dump(nl, 0, addrs, 4)))
		TH_LOG("the router must have no EID");

	EXPECT_TRUE(a_to_b(t, B_EID, "direct"));
	EXPECT_EQ(1, r_stat(t, "fwd_packets"));
	EXPECT_TRUE(a_to_b(t, B_EID2, "via-gw"))
		TH_LOG("forwarding along a gateway route");
	EXPECT_EQ(2, r_stat(t, "fwd_packets"));

	/* and the reply back */
	ASSERT_TRUE(a_to_b(t, B_EID, "ask"));
	ASSERT_EQ(3, mtl_sendto(t->sa, 1, B_EID, TYPE, MCTP_TAG_OWNER, "req",
				3));
	ASSERT_EQ(3, mtl_recv(t->sb, buf, sizeof(buf), 0, &src, MK_WAIT_MS));
	EXPECT_EQ(A_EID, src.smctp_addr.s_addr);
	ASSERT_EQ(3, mtl_sendto(t->sb, 1, A_EID, TYPE, src.smctp_tag & 7,
				"rsp", 3));
	EXPECT_EQ(3, mtl_recv(t->sa, buf, sizeof(buf), 0, NULL, MK_WAIT_MS))
		TH_LOG("reply through the router lost");
	EXPECT_EQ(0, r_stat(t, "fwd_drop_off"));
}

TEST_F(fwd, switch_per_namespace_and_network)
{
	struct topo *t = &self->t;
	char list[256];

	ASSERT_EQ(0, mtl_mctp_sysctl(t->ns_r, "forwarding", "0"));
	EXPECT_FALSE(a_to_b(t, B_EID, "off"));
	EXPECT_EQ(1, r_stat(t, "fwd_drop_off"));
	EXPECT_EQ(0, r_stat(t, "fwd_packets"));

	ASSERT_EQ(0, mtl_mctp_sysctl(t->ns_r, "forwarding", "1"));
	ASSERT_EQ(0, mtl_mctp_sysctl(t->ns_r, "forwarding_off_nets", "1"));
	EXPECT_FALSE(a_to_b(t, B_EID, "net1-off"));
	EXPECT_EQ(2, r_stat(t, "fwd_drop_off"));

	ASSERT_EQ(0, mtl_mctp_sysctl(t->ns_r, "forwarding_off_nets", "2 3"));
	EXPECT_TRUE(a_to_b(t, B_EID, "net1-on"));
	EXPECT_EQ(1, r_stat(t, "fwd_packets"));

	/* the list: sorted, duplicates gone, read back as written */
	ASSERT_EQ(0, mtl_mctp_sysctl(t->ns_r, "forwarding_off_nets",
				     "7,3 3\t4294967295 5\n"));
	ASSERT_LT(0, mtl_proc_read_ns(t->ns_r,
				      "/proc/sys/net/mctp/forwarding_off_nets",
				      list, sizeof(list)));
	EXPECT_STREQ("3 5 7 4294967295\n", list);

	/* bad lists are refused and change nothing */
	EXPECT_EQ(-EINVAL, mtl_mctp_sysctl(t->ns_r, "forwarding_off_nets",
					   "0"));
	EXPECT_EQ(-EINVAL, mtl_mctp_sysctl(t->ns_r, "forwarding_off_nets",
					   "1 two"));
	EXPECT_EQ(-ERANGE, mtl_mctp_sysctl(t->ns_r, "forwarding_off_nets",
					   "4294967296"));
	{
		char many[33 * 4 + 1] = "";

		for (int i = 1; i <= 33; i++)
			sprintf(many + strlen(many), "%d ", i);
		EXPECT_EQ(-E2BIG, mtl_mctp_sysctl(t->ns_r,
						  "forwarding_off_nets",
						  many));
	}
	EXPECT_EQ(-EINVAL, mtl_mctp_sysctl(t->ns_r, "forwarding", "2"));
	mtl_proc_read_ns(t->ns_r, "/proc/sys/net/mctp/forwarding_off_nets",
			 list, sizeof(list));
	EXPECT_STREQ("3 5 7 4294967295\n", list);

	/* an empty list: forwarding everywhere */
	ASSERT_EQ(0, mtl_mctp_sysctl(t->ns_r, "forwarding_off_nets", "\n"));
	mtl_proc_read_ns(t->ns_r, "/proc/sys/net/mctp/forwarding_off_nets",
			 list, sizeof(list));
	EXPECT_STREQ("\n", list);
	EXPECT_TRUE(a_to_b(t, B_EID, "all-on"));

	/* settings are per namespace */
	mtl_proc_read_ns(t->ns_a, "/proc/sys/net/mctp/forwarding", list,
			 sizeof(list));
	EXPECT_STREQ("1\n", list);
}

/*
 * R's route for 40 leads back out of r0, where A's packet came from:
 * dropped unless forward_same_dev allows it, and then A (whose own route
 * for 40 is the same link) drops it in turn: two hops, no circling.
 */
TEST_F(fwd, not_back_out_of_arrival_device)
{
	struct topo *t = &self->t;

	ASSERT_EQ(0, IN_NS(t->ns_a, mtl_route_add(nl, 40, 0, t->ar.ifindex[0],
						  0)));
	ASSERT_EQ(0, IN_NS(t->ns_r, mtl_route_add(nl, 40, 0, t->ar.ifindex[1],
						  0)));

	ASSERT_EQ(1, mtl_sendto(t->sa, 1, 40, TYPE, MCTP_TAG_OWNER, "x", 1));
	usleep(MK_QUIET_MS * 1000);
	EXPECT_EQ(1, r_stat(t, "fwd_drop_same_dev"));
	EXPECT_EQ(0, r_stat(t, "fwd_packets"));

	ASSERT_EQ(0, mtl_mctp_sysctl(t->ns_r, "forward_same_dev", "1"));
	ASSERT_EQ(1, mtl_sendto(t->sa, 1, 40, TYPE, MCTP_TAG_OWNER, "y", 1));
	usleep(MK_QUIET_MS * 1000);
	EXPECT_EQ(1, r_stat(t, "fwd_packets"));
	/* back at A, which sent it: dropped as our own source */
	EXPECT_EQ(1, mtl_mctp_stat(t->ns_a, "rx_drop_local_src"));
	usleep(MK_QUIET_MS * 1000);
	EXPECT_EQ(1, r_stat(t, "fwd_packets")) TH_LOG("the packet circles");
}

/* One preallocated tag for many requests to B. */
static uint8_t prealloc_to_b(struct __test_metadata *_metadata,
			     struct topo *t)
{
	struct mctp_ioc_tag_ctl2 ctl;

	memset(&ctl, 0, sizeof(ctl));
	ctl.net = 1;
	ctl.peer_addr = B_EID;
	ctl.local_addr = MCTP_ADDR_ANY;
	EXPECT_EQ(0, ioctl(t->sa, SIOCMCTPALLOCTAG2, &ctl));
	return ctl.tag;
}

TEST_F(fwd, rate_per_arrival_device)
{
	struct topo *t = &self->t;
	uint8_t tag = prealloc_to_b(_metadata, t);
	long long fwd, dropped;
	int got = 0;
	char buf[8];

	ASSERT_EQ(0, mtl_mctp_sysctl(t->ns_r, "forward_rate", "10"));
	for (int i = 0; i < 100; i++)
		ASSERT_EQ(1, mtl_sendto(t->sa, 1, B_EID, TYPE, tag, "r", 1));
	while (mtl_recv(t->sb, buf, sizeof(buf), 0, NULL, MK_QUIET_MS) == 1)
		got++;
	fwd = r_stat(t, "fwd_packets");
	dropped = r_stat(t, "fwd_drop_rate");
	TH_LOG("100 packets at 10/s: %lld forwarded, %lld dropped", fwd,
	       dropped);
	EXPECT_EQ(100, fwd + dropped);
	EXPECT_GT(dropped, 0);
	EXPECT_EQ(fwd, got);

	/* 0: no limit */
	ASSERT_EQ(0, mtl_mctp_sysctl(t->ns_r, "forward_rate", "0"));
	for (int i = 0; i < 100; i++)
		ASSERT_EQ(1, mtl_sendto(t->sa, 1, B_EID, TYPE, tag, "u", 1));
	got = 0;
	while (mtl_recv(t->sb, buf, sizeof(buf), 0, NULL, MK_WAIT_MS) == 1)
		if (++got == 100)
			break;
	EXPECT_EQ(100, got);
	EXPECT_EQ(dropped, r_stat(t, "fwd_drop_rate"));
	EXPECT_EQ(-EINVAL, mtl_mctp_sysctl(t->ns_r, "forward_rate", "-5"));
}

/* A packet for an EID nobody routes is counted where it stops. */
TEST_F(fwd, no_route_onwards)
{
	struct topo *t = &self->t;

	ASSERT_EQ(0, IN_NS(t->ns_a, mtl_route_add(nl, 60, 0, t->ar.ifindex[0],
						  0)));
	ASSERT_EQ(1, mtl_sendto(t->sa, 1, 60, TYPE, MCTP_TAG_OWNER, "x", 1));
	usleep(MK_QUIET_MS * 1000);
	EXPECT_EQ(1, r_stat(t, "fwd_drop_no_route"));
	EXPECT_EQ(0, r_stat(t, "fwd_packets"));
}

TEST_HARNESS_MAIN

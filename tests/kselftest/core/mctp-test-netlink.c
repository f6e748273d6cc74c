// SPDX-License-Identifier: GPL-2.0
/*
 * AF_MCTP rtnetlink: addresses, link AF_SPEC, routes (ranges, gateways,
 * MTU), neighbours, dump formats, notifications (addresses only on
 * RTNLGRP_MCTP_IFADDR, routes and neighbours on the generic netlink family
 * MCTP_NOTIFY_GENL_NAME), a table of malformed requests that must fail and
 * change nothing, and the notification family across a module reload.
 *
 * Topology (per test, in a fresh netns): vpair n0 <-> n1, both up.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <linux/genetlink.h>
#include <linux/neighbour.h>

#include "kselftest_harness.h"
#include "mctp-selftest.h"

#define TYPE	1

FIXTURE(nl) {
	struct mtl_nl nl;
	int n0, n1, lo;
	struct mtl_link l0;
};

FIXTURE_SETUP(nl)
{
	int rc;

	ASSERT_EQ(0, mk_unshare_net());
	ASSERT_EQ(0, mtl_nl_open(&self->nl));
	rc = mtl_vpair_create(&self->nl, "n0", "n1");
	ASSERT_EQ(0, rc) TH_LOG("vpair: %s (%s)", strerror(-rc),
				self->nl.extack);
	self->n0 = mtl_link_index(&self->nl, "n0");
	self->n1 = mtl_link_index(&self->nl, "n1");
	self->lo = mtl_link_index(&self->nl, "lo");
	ASSERT_LT(0, self->n0);
	ASSERT_LT(0, self->n1);
	ASSERT_LT(0, self->lo);
	ASSERT_EQ(0, mtl_link_up(&self->nl, self->n0));
	ASSERT_EQ(0, mtl_link_up(&self->nl, self->n1));
	ASSERT_EQ(0, mtl_link_get(&self->nl, self->n0, &self->l0));
}

FIXTURE_TEARDOWN(nl)
{
	mtl_link_del(&self->nl, self->n0);
	mtl_nl_close(&self->nl);
}

/* ---- helpers ---- */

static int count_routes(struct mtl_route *r, int n, uint8_t dst, int type)
{
	int c = 0;

	for (int i = 0; i < n; i++)
		if (r[i].dst == dst && r[i].type == type)
			c++;
	return c;
}

static struct mtl_route *find_route(struct mtl_route *r, int n, uint8_t dst)
{
	for (int i = 0; i < n; i++)
		if (r[i].has_dst && r[i].dst == dst)
			return &r[i];
	return NULL;
}

/*
 * Move n1 into a namespace of its own (so that nothing forwards what it
 * receives back into n0) and capture there what n0 sends.
 */
static int capture_n1(struct __test_metadata *_metadata, struct mtl_nl *nl,
		      int n1)
{
	struct mtl_nl pnl;
	int ns = mtl_netns_new(), idx, fd;

	if (ns < 0 || mtl_link_set_netns(nl, n1, ns) ||
	    mtl_nl_open_ns(&pnl, ns))
		return -1;
	idx = mtl_link_index(&pnl, "n1");
	if (idx <= 0 || mtl_link_up(&pnl, idx))
		return -1;
	mtl_nl_close(&pnl);
	fd = mtl_pkt_capture_open_ns(ns, idx);
	close(ns);
	if (fd >= 0)
		mtl_pkt_ignore_outgoing(fd);
	return fd;
}

TEST_F(nl, addresses)
{
	struct mtl_addr a[8];
	struct mtl_route r[8];
	struct ifaddrmsg ifa = { .ifa_family = AF_MCTP };
	struct mtl_msg m;
	int n;

	EXPECT_EQ(0, mtl_addr_dump(&self->nl, 0, a, 8)) TH_LOG("fresh netns");

	ASSERT_EQ(0, mtl_addr_add(&self->nl, self->n0, 8))
		TH_LOG("%s", self->nl.extack);
	n = mtl_addr_dump(&self->nl, 0, a, 8);
	ASSERT_EQ(1, n);
	EXPECT_EQ(AF_MCTP, a[0].family);
	EXPECT_EQ(self->n0, a[0].ifindex);
	EXPECT_TRUE(a[0].has_local) TH_LOG("dump lacks IFA_LOCAL");
	EXPECT_EQ(8, a[0].local);
	EXPECT_TRUE(a[0].has_address) TH_LOG("dump lacks IFA_ADDRESS");
	EXPECT_EQ(8, a[0].address);
	EXPECT_EQ(0, a[0].prefixlen);

	/* IFA_ADDRESS alone is accepted too */
	ifa.ifa_index = self->n0;
	mtl_msg_init(&m, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, &ifa,
		     sizeof(ifa));
	mtl_msg_put_u8(&m, IFA_ADDRESS, 9);
	ASSERT_EQ(0, mtl_nl_request(&self->nl, &m.nlh))
		TH_LOG("address given as IFA_ADDRESS: %s", self->nl.extack);

	EXPECT_EQ(2, mtl_addr_dump(&self->nl, 0, a, 8));
	EXPECT_EQ(2, mtl_addr_dump(&self->nl, self->n0, a, 8))
		TH_LOG("dump filtered by ifindex");
	EXPECT_EQ(0, mtl_addr_dump(&self->nl, self->n1, a, 8))
		TH_LOG("dump of another link shows addresses of n0");

	/* local routes for local EIDs */
	n = mtl_route_dump(&self->nl, r, 8);
	ASSERT_LE(0, n);
	EXPECT_EQ(1, count_routes(r, n, 8, RTN_LOCAL))
		TH_LOG("no RTN_LOCAL route for EID 8");
	EXPECT_EQ(1, count_routes(r, n, 9, RTN_LOCAL));
	if (find_route(r, n, 8)) {
		EXPECT_EQ(self->n0, find_route(r, n, 8)->oif);
		EXPECT_EQ(0, find_route(r, n, 8)->dst_len);
	}

	ASSERT_EQ(0, mtl_addr_del(&self->nl, self->n0, 8));
	mtl_msg_init(&m, RTM_DELADDR, 0, &ifa, sizeof(ifa));
	mtl_msg_put_u8(&m, IFA_ADDRESS, 9);
	ASSERT_EQ(0, mtl_nl_request(&self->nl, &m.nlh))
		TH_LOG("delete by IFA_ADDRESS: %s", self->nl.extack);
	EXPECT_EQ(0, mtl_addr_dump(&self->nl, 0, a, 8));
	n = mtl_route_dump(&self->nl, r, 8);
	EXPECT_EQ(0, n) TH_LOG("local routes left after the addresses went");
	EXPECT_EQ(-ENOENT, mtl_addr_del(&self->nl, self->n0, 8));
}

TEST_F(nl, link_af_spec)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	struct nlattr *spec, *af;
	struct mtl_link l;
	struct mtl_msg m;
	int rc;

	ASSERT_EQ(0, mtl_link_get(&self->nl, self->n0, &l));
	EXPECT_EQ(ARPHRD_MCTP, l.type);
	EXPECT_TRUE(l.has_mctp) TH_LOG("no IFLA_AF_SPEC/AF_MCTP on an MCTP link");
	EXPECT_TRUE(l.has_net) TH_LOG("no IFLA_MCTP_NET");
	EXPECT_EQ(1, l.net) TH_LOG("default network of a new netns");
	EXPECT_TRUE(l.has_phys_binding) TH_LOG("no IFLA_MCTP_PHYS_BINDING");

	ASSERT_EQ(0, mtl_link_set_net(&self->nl, self->n0, 5))
		TH_LOG("%s", self->nl.extack);
	ASSERT_EQ(0, mtl_link_get(&self->nl, self->n0, &l));
	EXPECT_EQ(5, l.net);
	ASSERT_EQ(0, mtl_link_get(&self->nl, self->n1, &l));
	EXPECT_EQ(1, l.net) TH_LOG("the peer link changed too");

	/* the physical binding is read-only */
	ASSERT_EQ(0, mtl_link_get(&self->nl, self->n0, &l));
	ifi.ifi_index = self->n0;
	mtl_msg_init(&m, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	spec = mtl_msg_nest_start(&m, IFLA_AF_SPEC);
	af = mtl_msg_nest_start(&m, AF_MCTP);
	mtl_msg_put_u8(&m, IFLA_MCTP_PHYS_BINDING,
		       l.phys_binding == MCTP_PHYS_BINDING_PCIE_VDM ?
		       MCTP_PHYS_BINDING_USB : MCTP_PHYS_BINDING_PCIE_VDM);
	mtl_msg_nest_end(&m, af);
	mtl_msg_nest_end(&m, spec);
	rc = mtl_nl_request(&self->nl, &m.nlh);
	TH_LOG("setting IFLA_MCTP_PHYS_BINDING answered %d (%s)", rc,
	       self->nl.extack);
	{
		struct mtl_link l2;

		ASSERT_EQ(0, mtl_link_get(&self->nl, self->n0, &l2));
		EXPECT_EQ(l.phys_binding, l2.phys_binding)
			TH_LOG("IFLA_MCTP_PHYS_BINDING was written");
		EXPECT_EQ(5, l2.net);
	}

	/* the loopback device is an MCTP link too (as upstream): its net */
	ASSERT_EQ(0, mtl_link_get(&self->nl, self->lo, &l));
	EXPECT_TRUE(l.has_mctp) TH_LOG("loopback has no MCTP link state");
	EXPECT_TRUE(l.has_net);
	EXPECT_EQ(1, l.net);
}

TEST_F(nl, routes)
{
	struct mtl_route r[16], *e;
	int n;

	ASSERT_EQ(0, mtl_route_add(&self->nl, 20, 0, self->n0, 0))
		TH_LOG("%s", self->nl.extack);
	n = mtl_route_dump(&self->nl, r, 16);
	ASSERT_EQ(1, n);
	EXPECT_EQ(AF_MCTP, r[0].family);
	EXPECT_TRUE(r[0].has_dst);
	EXPECT_EQ(20, r[0].dst);
	EXPECT_EQ(0, r[0].dst_len);
	EXPECT_EQ(0, r[0].src_len);
	EXPECT_EQ(RTN_UNICAST, r[0].type);
	EXPECT_EQ(RT_TABLE_DEFAULT, r[0].table);
	EXPECT_EQ(RTPROT_STATIC, r[0].protocol);
	EXPECT_EQ(RT_SCOPE_LINK, r[0].scope);
	EXPECT_EQ(self->n0, r[0].oif);
	EXPECT_FALSE(r[0].has_gateway);
	EXPECT_TRUE(r[0].has_metrics) TH_LOG("RTA_METRICS nest missing");
	EXPECT_EQ(0, r[0].mtu);

	/* a range with an MTU */
	ASSERT_EQ(0, mtl_route_add(&self->nl, 30, 5, self->n1, 100));
	n = mtl_route_dump(&self->nl, r, 16);
	ASSERT_EQ(2, n);
	e = find_route(r, n, 30);
	ASSERT_TRUE(e != NULL);
	EXPECT_EQ(5, e->dst_len);
	EXPECT_EQ(100, e->mtu);
	EXPECT_EQ(self->n1, e->oif);

	/* the widest ranges */
	EXPECT_EQ(0, mtl_route_add(&self->nl, 254, 0, self->n0, 0));
	EXPECT_EQ(0, mtl_route_add(&self->nl, 50, 204, self->n1, 0))
		TH_LOG("range 50..254: %s", self->nl.extack);
	EXPECT_EQ(4, mtl_route_dump(&self->nl, r, 16));

	/* removal matches the range exactly */
	EXPECT_EQ(-ENOENT, mtl_route_del(&self->nl, 30, 0, self->n1));
	EXPECT_EQ(-ENOENT, mtl_route_del(&self->nl, 31, 4, self->n1));
	EXPECT_EQ(0, mtl_route_del(&self->nl, 30, 5, self->n1));
	EXPECT_EQ(0, mtl_route_del(&self->nl, 20, 0, self->n0));
	EXPECT_EQ(0, mtl_route_del(&self->nl, 254, 0, self->n0));
	EXPECT_EQ(0, mtl_route_del(&self->nl, 50, 204, self->n1));
	EXPECT_EQ(0, mtl_route_dump(&self->nl, r, 16));
	EXPECT_EQ(-ENOENT, mtl_route_del(&self->nl, 20, 0, self->n0));
}

/* Send one request to (@net, @eid) and check n0 emits it towards @eid. */
static void check_out_n0(struct __test_metadata *_metadata, int cap,
			 unsigned int net, uint8_t eid)
{
	struct mtl_mctp_hdr h;
	uint8_t buf[256];
	ssize_t n;
	int s = mk_socket();

	ASSERT_LE(0, s);
	mtl_pkt_drain(cap);
	n = mtl_sendto(s, net, eid, TYPE, MCTP_TAG_OWNER, "gw", 2);
	ASSERT_EQ(2, n) TH_LOG("send to %u:%u: %s", net, eid, strerror(-n));
	/* earlier packets may still be queued: look for ours */
	for (int i = 0; i < 8; i++) {
		n = mtl_pkt_capture(cap, buf, sizeof(buf), NULL, MK_WAIT_MS);
		ASSERT_EQ(7, n) TH_LOG("nothing left n0 for EID %u", eid);
		memcpy(&h, buf, sizeof(h));
		if (h.dest == eid)
			break;
	}
	EXPECT_EQ(eid, h.dest) TH_LOG("a gateway route rewrote the destination");
	EXPECT_EQ(8, h.src);
	close(s);
}

TEST_F(nl, gateway_routes)
{
	struct mtl_route r[32], *e;
	int n, cap, s;

	ASSERT_EQ(0, mtl_addr_add(&self->nl, self->n0, 8));
	ASSERT_EQ(0, mtl_route_add(&self->nl, 20, 0, self->n0, 0));
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 40, 2, 1, 20, 0))
		TH_LOG("gateway route: %s", self->nl.extack);
	n = mtl_route_dump(&self->nl, r, 32);
	e = find_route(r, n, 40);
	ASSERT_TRUE(e != NULL);
	EXPECT_TRUE(e->has_gateway) TH_LOG("dump lacks RTA_GATEWAY");
	EXPECT_EQ(1, e->gateway.net);
	EXPECT_EQ(20, e->gateway.eid);
	EXPECT_EQ(0, e->oif) TH_LOG("gateway route dumped with RTA_OIF");
	EXPECT_EQ(2, e->dst_len);
	EXPECT_EQ(RTN_UNICAST, e->type);
	EXPECT_EQ(-EEXIST, mtl_route_add_gw(&self->nl, 40, 2, 1, 20, 0));

	/* network 0 means the default network */
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 50, 0, MCTP_NET_ANY, 20, 0));
	n = mtl_route_dump(&self->nl, r, 32);
	e = find_route(r, n, 50);
	ASSERT_TRUE(e != NULL);
	EXPECT_EQ(1, e->gateway.net);

	cap = capture_n1(_metadata, &self->nl, self->n1);
	ASSERT_LE(0, cap);
	check_out_n0(_metadata, cap, 1, 41);
	check_out_n0(_metadata, cap, 1, 50);

	/* a chain: 60 -> 61 -> 62 -> 63 -> 20 -> n0 */
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 60, 0, 1, 61, 0));
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 61, 0, 1, 62, 0));
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 62, 0, 1, 63, 0));
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 63, 0, 1, 20, 0));
	check_out_n0(_metadata, cap, 1, 60);

	s = mk_socket();
	ASSERT_LE(0, s);
	/* a gateway without a route */
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 80, 0, 1, 90, 0));
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 1, 80, TYPE, MCTP_TAG_OWNER,
					    "x", 1));
	/* a loop is unreachable, as upstream has it */
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 70, 0, 1, 71, 0));
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 71, 0, 1, 70, 0));
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 1, 70, TYPE, MCTP_TAG_OWNER,
					    "x", 1))
		TH_LOG("gateway loop");
	/* 32 routes are followed: 31 gateways, then the direct route */
	for (int i = 0; i < 31; i++)
		ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 100 + i, 0, 1,
					      i < 30 ? 101 + i : 20, 0));
	check_out_n0(_metadata, cap, 1, 100);
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 99, 0, 1, 100, 0));
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 1, 99, TYPE, MCTP_TAG_OWNER,
					    "x", 1))
		TH_LOG("a chain of 33 routes");
	/* gateways in network 1 do not serve network 2 */
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 2, 41, TYPE, MCTP_TAG_OWNER,
					    "x", 1));
	close(s);

	EXPECT_EQ(0, mtl_route_del_gw(&self->nl, 40, 2, 1, 20));
	n = mtl_route_dump(&self->nl, r, 32);
	EXPECT_TRUE(find_route(r, n, 40) == NULL);
	s = mk_socket();
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 1, 41, TYPE, MCTP_TAG_OWNER,
					    "x", 1))
		TH_LOG("deleted gateway route still used");
	close(s);
	close(cap);
}

TEST_F(nl, link_net_moves_routes)
{
	char buf[16];
	int s, r, cap;

	ASSERT_EQ(0, mtl_addr_add(&self->nl, self->n0, 8));
	ASSERT_EQ(0, mtl_route_add(&self->nl, 20, 0, self->n0, 0));
	cap = capture_n1(_metadata, &self->nl, self->n1);
	ASSERT_LE(0, cap);
	check_out_n0(_metadata, cap, 1, 20);

	ASSERT_EQ(0, mtl_link_set_net(&self->nl, self->n0, 2));
	s = mk_socket();
	r = mk_socket();
	ASSERT_LE(0, s);
	ASSERT_LE(0, r);
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 1, 20, TYPE, MCTP_TAG_OWNER,
					    "x", 1))
		TH_LOG("route of n0 still in network 1");
	check_out_n0(_metadata, cap, 2, 20);

	/* the local EID moved too */
	ASSERT_EQ(0, mtl_bind(r, 2, 8, TYPE));
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 1, 8, TYPE, MCTP_TAG_OWNER,
					    "x", 1));
	EXPECT_EQ(1, mtl_sendto(s, 2, 8, TYPE, MCTP_TAG_OWNER, "y", 1));
	EXPECT_EQ(1, mtl_recv(r, buf, sizeof(buf), 0, NULL, MK_WAIT_MS))
		TH_LOG("local delivery in the new network");
	close(s);
	close(r);
	close(cap);
}

/*
 * Fail the @nth slab allocation of this task from now on (0: none), with
 * failslab and /proc/thread-self/fail-nth; failslab is set to consider
 * allocations that may sleep and to stay quiet.
 */
static int fail_nth(int nth)
{
	char val[16];
	int rc;

	rc = mtl_proc_write_ns(-1, "/sys/kernel/debug/failslab/ignore-gfp-wait",
			       "N");
	if (!rc)
		rc = mtl_proc_write_ns(-1, "/sys/kernel/debug/failslab/verbose",
				       "0");
	snprintf(val, sizeof(val), "%d", nth);
	if (!rc)
		rc = mtl_proc_write_ns(-1, "/proc/thread-self/fail-nth", val);
	return rc;
}

/* Whether the failure set by fail_nth() happened (the counter ran out). */
static bool fail_nth_fired(void)
{
	char buf[16];

	if (mtl_proc_read_ns(-1, "/proc/thread-self/fail-nth", buf,
			     sizeof(buf)) < 0)
		return false;
	return atoi(buf) == 0;
}

/* How many of the EIDs @first..+@n network @net has a route to (sent
 * as responses, so that no tag is taken).
 */
static int reachable(int s, unsigned int net, uint8_t first, int n)
{
	int c = 0;

	for (int i = 0; i < n; i++)
		if (mtl_sendto(s, net, first + i, TYPE, 0, "r", 1) == 1)
			c++;
	return c;
}

/*
 * Moving a link to another network moves all of its routes or none: the
 * move is repeated with its 1st, 2nd, ... allocation failing until one
 * goes through untouched. After each attempt the link and all 17 of its
 * routes (16 and the local route) are in one network; a failure in the
 * move itself is reported with a reason.
 */
TEST_F_TIMEOUT(nl, link_net_change_all_or_nothing, 600)
{
	bool ours_failed = false;
	struct mtl_link l;
	int s, rc, nth;

	ASSERT_EQ(0, mtl_addr_add(&self->nl, self->n0, 8));
	for (int i = 0; i < 16; i++)
		ASSERT_EQ(0, mtl_route_add(&self->nl, 20 + i, 0, self->n0, 0));
	s = mk_socket();
	ASSERT_LE(0, s);
	ASSERT_EQ(16, reachable(s, 1, 20, 16));

	for (nth = 1; nth < 1000; nth++) {
		bool fired;

		ASSERT_EQ(0, fail_nth(nth)) TH_LOG("failslab is not available");
		rc = mtl_link_set_net(&self->nl, self->n0, 2);
		fired = fail_nth_fired();
		fail_nth(0);
		if (rc == -ENOMEM && strstr(self->nl.extack, "routes"))
			ours_failed = true;

		ASSERT_EQ(0, mtl_link_get(&self->nl, self->n0, &l));
		ASSERT_TRUE(l.net == 1 || l.net == 2);
		EXPECT_EQ(16, reachable(s, l.net, 20, 16))
			TH_LOG("allocation %d failed (%d): routes left network "
			       "%u", nth, rc, l.net);
		EXPECT_EQ(0, reachable(s, 3 - l.net, 20, 16))
			TH_LOG("allocation %d failed (%d): routes half moved",
			       nth, rc);
		EXPECT_EQ(1, reachable(s, l.net, 8, 1))
			TH_LOG("the local EID stayed behind");
		if (!fired)
			break;
		if (l.net == 2)
			ASSERT_EQ(0, mtl_link_set_net(&self->nl, self->n0, 1));
	}
	TH_LOG("the move made %d allocations", nth - 1);
	EXPECT_TRUE(ours_failed)
		TH_LOG("no failure reached the route move");
	EXPECT_EQ(2, l.net) TH_LOG("the move without failures");
	close(s);
}

TEST_F(nl, neighbours)
{
	struct mtl_neigh nb[8];
	uint8_t ll[32] = { 0x1d, 0x2e, 0x3f, 0x40 };
	int alen = self->l0.addr_len, n;

	TH_LOG("vpair hardware address length %d", alen);
	ASSERT_EQ(0, mtl_neigh_add(&self->nl, self->n0, 20, ll, alen))
		TH_LOG("%s", self->nl.extack);
	ll[0]++;
	ASSERT_EQ(0, mtl_neigh_add(&self->nl, self->n1, 21, ll, alen));
	ll[0]--;

	n = mtl_neigh_dump(&self->nl, 0, nb, 8);
	ASSERT_EQ(2, n);
	n = mtl_neigh_dump(&self->nl, self->n0, nb, 8);
	ASSERT_EQ(1, n) TH_LOG("dump filtered by ifindex");
	EXPECT_EQ(AF_MCTP, nb[0].family);
	EXPECT_EQ(self->n0, nb[0].ifindex);
	EXPECT_TRUE(nb[0].has_dst);
	EXPECT_EQ(20, nb[0].eid);
	EXPECT_EQ(alen, nb[0].lladdr_len);
	EXPECT_EQ(0, memcmp(ll, nb[0].lladdr, alen));
	EXPECT_EQ(NUD_PERMANENT, nb[0].state & NUD_PERMANENT);
	EXPECT_EQ(RTN_UNICAST, nb[0].type);

	EXPECT_EQ(-EEXIST, mtl_neigh_add(&self->nl, self->n0, 20, ll, alen));
	EXPECT_EQ(0, mtl_neigh_del(&self->nl, self->n0, 20));
	EXPECT_EQ(-ENOENT, mtl_neigh_del(&self->nl, self->n0, 20));
	EXPECT_EQ(-ENOENT, mtl_neigh_del(&self->nl, self->n0, 21))
		TH_LOG("neighbour of n1 removed through n0");
	EXPECT_EQ(1, mtl_neigh_dump(&self->nl, 0, nb, 8));
	EXPECT_EQ(0, mtl_neigh_del(&self->nl, self->n1, 21));
	EXPECT_EQ(0, mtl_neigh_dump(&self->nl, 0, nb, 8));
}

/* ---- notifications ---- */

/*
 * Addresses are announced on the rtnetlink group RTNLGRP_MCTP_IFADDR, as
 * upstream Linux does; routes and neighbours (which upstream does not
 * announce) on the generic netlink family MCTP_NOTIFY_GENL_NAME, its
 * groups "route" and "neigh". The group sockets here give those in their
 * rtnetlink form (mtl_notify_open()).
 */

struct want {
	int ifindex;
	uint8_t eid;
	bool gw;
};

static bool match_addr(const struct nlmsghdr *nlh, const void *arg)
{
	const struct want *w = arg;
	struct mtl_addr a;

	return !mtl_addr_parse(nlh, &a) && a.family == AF_MCTP &&
	       a.ifindex == w->ifindex && a.has_local && a.local == w->eid;
}

static bool match_route(const struct nlmsghdr *nlh, const void *arg)
{
	const struct want *w = arg;
	struct mtl_route r;

	if (mtl_route_parse(nlh, &r) || r.family != AF_MCTP ||
	    r.dst != w->eid)
		return false;
	return w->gw ? r.has_gateway : r.oif == w->ifindex;
}

static bool match_neigh(const struct nlmsghdr *nlh, const void *arg)
{
	const struct want *w = arg;
	struct mtl_neigh n;

	return !mtl_neigh_parse(nlh, &n) && n.family == AF_MCTP &&
	       n.ifindex == w->ifindex && n.eid == w->eid;
}

/* The first collected message of @type that @match accepts, or NULL. */
static const struct nlmsghdr *notes_get(const struct mk_notes *ns,
					uint16_t type, mk_nl_match match,
					const void *arg)
{
	for (int i = 0; i < ns->n; i++) {
		const struct nlmsghdr *nlh =
			(const void *)(ns->buf + ns->off[i]);

		if (nlh->nlmsg_type == type && (!match || match(nlh, arg)))
			return nlh;
	}
	return NULL;
}

/* How many collected messages have a type other than @a and @b. */
static int notes_other(struct __test_metadata *_metadata,
		       const struct mk_notes *ns, uint16_t a, uint16_t b,
		       const char *group)
{
	int other = 0;

	for (int i = 0; i < ns->n; i++) {
		const struct nlmsghdr *nlh =
			(const void *)(ns->buf + ns->off[i]);

		if (nlh->nlmsg_type == a || nlh->nlmsg_type == b)
			continue;
		TH_LOG("%s: unexpected message type %u", group,
		       nlh->nlmsg_type);
		other++;
	}
	return other;
}

/* No notification at all within @ms; log any that arrives. */
static void expect_no_notification(struct __test_metadata *_metadata,
				   struct mtl_nl *g, int ms)
{
	static char buf[8192];
	struct nlmsghdr *nlh;
	int n = mtl_nl_recv(g, buf, sizeof(buf), ms);

	EXPECT_EQ(0, n) TH_LOG("unexpected notification (%d)", n);
	for (nlh = (struct nlmsghdr *)buf; n > 0 && NLMSG_OK(nlh, n);
	     nlh = NLMSG_NEXT(nlh, n)) {
		struct mtl_route r;
		struct mtl_addr a;
		struct mtl_neigh nb;

		if (nlh->nlmsg_type == RTM_NEWROUTE ||
		    nlh->nlmsg_type == RTM_DELROUTE) {
			mtl_route_parse(nlh, &r);
			TH_LOG("unexpected %s dst %u+%u oif %d gw %d",
			       nlh->nlmsg_type == RTM_NEWROUTE ? "RTM_NEWROUTE" :
			       "RTM_DELROUTE", r.dst, r.dst_len, r.oif,
			       r.has_gateway);
		} else if (nlh->nlmsg_type == RTM_NEWADDR ||
			   nlh->nlmsg_type == RTM_DELADDR) {
			mtl_addr_parse(nlh, &a);
			TH_LOG("unexpected address message %u: %u on %d",
			       nlh->nlmsg_type, a.local, a.ifindex);
		} else if (nlh->nlmsg_type == RTM_NEWNEIGH ||
			   nlh->nlmsg_type == RTM_DELNEIGH) {
			mtl_neigh_parse(nlh, &nb);
			TH_LOG("unexpected neighbour message %u: %u on %d",
			       nlh->nlmsg_type, nb.eid, nb.ifindex);
		} else {
			TH_LOG("unexpected message type %u", nlh->nlmsg_type);
		}
	}
}

/*
 * One of each change: a local address (with its local route), a direct
 * route over a range with an MTU, a gateway route and a neighbour, each
 * added and removed again.
 */
static void make_changes(struct __test_metadata *_metadata, struct mtl_nl *nl,
			 int n0, const uint8_t *ll, int alen)
{
	ASSERT_EQ(0, mtl_addr_add(nl, n0, 8));
	ASSERT_EQ(0, mtl_route_add(nl, 20, 2, n0, 100));
	ASSERT_EQ(0, mtl_route_add_gw(nl, 40, 0, 1, 20, 0));
	ASSERT_EQ(0, mtl_neigh_add(nl, n0, 20, ll, alen));
	ASSERT_EQ(0, mtl_neigh_del(nl, n0, 20));
	ASSERT_EQ(0, mtl_route_del_gw(nl, 40, 0, 1, 20));
	ASSERT_EQ(0, mtl_route_del(nl, 20, 2, n0));
	ASSERT_EQ(0, mtl_addr_del(nl, n0, 8));
}

TEST_F(nl, rtnl_group_carries_addresses_only)
{
	static struct mk_notes notes;
	struct want w8 = { self->n0, 8, false };
	uint8_t ll[32] = { 0x55 };
	struct mtl_nl g;

	ASSERT_EQ(0, mtl_nl_open_group(&g, RTNLGRP_MCTP_IFADDR));
	make_changes(_metadata, &self->nl, self->n0, ll, self->l0.addr_len);
	/* and a device going away with its routes and neighbours */
	ASSERT_EQ(0, mtl_addr_add(&self->nl, self->n1, 9));
	ASSERT_EQ(0, mtl_route_add(&self->nl, 30, 0, self->n1, 0));
	ASSERT_EQ(0, mtl_neigh_add(&self->nl, self->n1, 30, ll,
				   self->l0.addr_len));
	ASSERT_EQ(0, mtl_link_del(&self->nl, self->n1));

	mk_notes_collect(&g, &notes, 300);
	EXPECT_TRUE(mk_notes_find(&notes, RTM_NEWADDR, match_addr, &w8))
		TH_LOG("no RTM_NEWADDR");
	EXPECT_TRUE(mk_notes_find(&notes, RTM_DELADDR, match_addr, &w8))
		TH_LOG("no RTM_DELADDR");
	EXPECT_EQ(0, notes_other(_metadata, &notes, RTM_NEWADDR, RTM_DELADDR,
				 "RTNLGRP_MCTP_IFADDR"))
		TH_LOG("a listener of RTNLGRP_MCTP_IFADDR got more than addresses");
	mtl_nl_close(&g);
}

TEST_F(nl, notify_routes_and_neighbours)
{
	static struct mk_notes rn, nn;
	struct want w8 = { self->n0, 8, false }, w20 = { self->n0, 20, false };
	struct want w40 = { 0, 40, true };
	uint8_t ll[32] = { 0x55, 0x66 };
	int alen = self->l0.addr_len;
	const struct nlmsghdr *nlh;
	struct mtl_nl gr, gn;
	struct mtl_route r;
	struct mtl_neigh nb;

	ASSERT_EQ(0, mtl_notify_open(&gr, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_notify_open(&gn, MCTP_NOTIFY_MCGRP_NEIGH));
	make_changes(_metadata, &self->nl, self->n0, ll, alen);
	mk_notes_collect(&gr, &rn, 300);
	mk_notes_collect(&gn, &nn, 300);
	EXPECT_EQ(6, rn.n) TH_LOG("route group: %d messages", rn.n);
	EXPECT_EQ(2, nn.n) TH_LOG("neigh group: %d messages", nn.n);
	EXPECT_EQ(0, notes_other(_metadata, &rn, RTM_NEWROUTE, RTM_DELROUTE,
				 "route"));
	EXPECT_EQ(0, notes_other(_metadata, &nn, RTM_NEWNEIGH, RTM_DELNEIGH,
				 "neigh"));

	/* the local route of the address */
	for (int del = 0; del < 2; del++) {
		nlh = notes_get(&rn, del ? RTM_DELROUTE : RTM_NEWROUTE,
				match_route, &w8);
		ASSERT_TRUE(nlh) TH_LOG("no local route message (del %d)", del);
		ASSERT_EQ(0, mtl_route_parse(nlh, &r));
		EXPECT_EQ(RTN_LOCAL, r.type);
		EXPECT_EQ(0, r.dst_len);
	}

	/* the direct route, as a dump shows it */
	for (int del = 0; del < 2; del++) {
		nlh = notes_get(&rn, del ? RTM_DELROUTE : RTM_NEWROUTE,
				match_route, &w20);
		ASSERT_TRUE(nlh) TH_LOG("no direct route message (del %d)", del);
		ASSERT_EQ(0, mtl_route_parse(nlh, &r));
		EXPECT_EQ(AF_MCTP, r.family);
		EXPECT_EQ(2, r.dst_len);
		EXPECT_EQ(RTN_UNICAST, r.type);
		EXPECT_EQ(RT_TABLE_DEFAULT, r.table);
		EXPECT_EQ(RTPROT_STATIC, r.protocol);
		EXPECT_EQ(RT_SCOPE_LINK, r.scope);
		EXPECT_EQ(self->n0, r.oif);
		EXPECT_FALSE(r.has_gateway);
		EXPECT_TRUE(r.has_metrics);
		EXPECT_EQ(100, r.mtu);
		EXPECT_EQ(self->nl.portid, nlh->nlmsg_pid)
			TH_LOG("not the requester's port id");
	}

	/* the gateway route */
	for (int del = 0; del < 2; del++) {
		nlh = notes_get(&rn, del ? RTM_DELROUTE : RTM_NEWROUTE,
				match_route, &w40);
		ASSERT_TRUE(nlh) TH_LOG("no gateway route message (del %d)", del);
		ASSERT_EQ(0, mtl_route_parse(nlh, &r));
		EXPECT_EQ(0, r.oif);
		EXPECT_TRUE(r.has_gateway);
		EXPECT_EQ(1, r.gateway.net);
		EXPECT_EQ(20, r.gateway.eid);
		EXPECT_EQ(RT_SCOPE_UNIVERSE, r.scope);
	}

	/* the neighbour */
	for (int del = 0; del < 2; del++) {
		nlh = notes_get(&nn, del ? RTM_DELNEIGH : RTM_NEWNEIGH,
				match_neigh, &w20);
		ASSERT_TRUE(nlh) TH_LOG("no neighbour message (del %d)", del);
		ASSERT_EQ(0, mtl_neigh_parse(nlh, &nb));
		EXPECT_EQ(AF_MCTP, nb.family);
		EXPECT_TRUE(nb.has_dst);
		EXPECT_EQ(alen, nb.lladdr_len);
		EXPECT_EQ(0, memcmp(ll, nb.lladdr, alen));
		EXPECT_EQ(NUD_PERMANENT, nb.state & NUD_PERMANENT);
		EXPECT_EQ(RTN_UNICAST, nb.type);
	}

	/* failed requests announce nothing */
	ASSERT_EQ(0, mtl_addr_add(&self->nl, self->n0, 8));
	ASSERT_EQ(0, mtl_route_add(&self->nl, 20, 0, self->n0, 0));
	usleep(100 * 1000);
	mtl_nl_drain(&gr);
	EXPECT_EQ(-EEXIST, mtl_addr_add(&self->nl, self->n0, 8));
	EXPECT_EQ(-EEXIST, mtl_route_add(&self->nl, 20, 0, self->n0, 0));
	EXPECT_EQ(-ENOENT, mtl_neigh_del(&self->nl, self->n0, 20));
	EXPECT_EQ(-ENOENT, mtl_route_del(&self->nl, 21, 0, self->n0));
	expect_no_notification(_metadata, &gr, 300);
	expect_no_notification(_metadata, &gn, 100);

	/* a device that goes takes its routes and neighbours, announced */
	ASSERT_EQ(0, mtl_neigh_add(&self->nl, self->n0, 20, ll, alen));
	usleep(100 * 1000);
	mtl_nl_drain(&gn);
	ASSERT_EQ(0, mtl_link_del(&self->nl, self->n0));
	mk_notes_collect(&gr, &rn, 300);
	mk_notes_collect(&gn, &nn, 300);
	EXPECT_TRUE(mk_notes_find(&rn, RTM_DELROUTE, match_route, &w20));
	EXPECT_TRUE(mk_notes_find(&rn, RTM_DELROUTE, match_route, &w8));
	EXPECT_TRUE(mk_notes_find(&nn, RTM_DELNEIGH, match_neigh, &w20));
	mtl_nl_close(&gr);
	mtl_nl_close(&gn);
}

struct raw_find {
	uint16_t type;
	uint8_t eid;
	char msg[512];
	bool found;
};

static int raw_find_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct raw_find *f = arg;
	struct mtl_route r;
	struct mtl_neigh n;
	bool hit;

	if (f->found || nlh->nlmsg_len > sizeof(f->msg))
		return 0;
	if (f->type == RTM_NEWROUTE)
		hit = !mtl_route_parse(nlh, &r) && r.dst == f->eid &&
		      r.type == RTN_UNICAST;
	else
		hit = !mtl_neigh_parse(nlh, &n) && n.eid == f->eid;
	if (hit) {
		memcpy(f->msg, nlh, nlh->nlmsg_len);
		f->found = true;
	}
	return 0;
}

/*
 * On the wire: nlmsghdr (type: the family id; pid and seq: the request's),
 * genlmsghdr (command, version), then byte for byte the payload of the
 * dump entry of the same object.
 */
static void check_raw(struct __test_metadata *_metadata, struct mtl_nl *g,
		      struct mtl_nl *nl, uint8_t cmd, uint16_t dump_type,
		      uint8_t eid)
{
	static char buf[8192];
	struct raw_find f = { dump_type, eid };
	const struct nlmsghdr *nlh = (const void *)buf, *d;
	const struct genlmsghdr *gh;
	uint32_t seq = nl->seq, portid = nl->portid;
	struct mtl_msg m;
	int n;

	n = mtl_nl_recv(g, buf, sizeof(buf), MK_WAIT_MS);
	ASSERT_LT(0, n);
	ASSERT_TRUE(NLMSG_OK(nlh, n));
	EXPECT_EQ(g->genl_family, nlh->nlmsg_type);
	EXPECT_EQ(portid, nlh->nlmsg_pid);
	EXPECT_EQ(seq, nlh->nlmsg_seq);
	ASSERT_LE(NLMSG_LENGTH(GENL_HDRLEN), nlh->nlmsg_len);
	gh = NLMSG_DATA(nlh);
	EXPECT_EQ(cmd, gh->cmd);
	EXPECT_EQ(MCTP_NOTIFY_GENL_VERSION, gh->version);

	if (dump_type == RTM_NEWROUTE) {
		struct rtmsg rtm = { .rtm_family = AF_MCTP };

		mtl_msg_init(&m, RTM_GETROUTE, 0, &rtm, sizeof(rtm));
	} else {
		struct ndmsg ndm = { .ndm_family = AF_MCTP };

		mtl_msg_init(&m, RTM_GETNEIGH, 0, &ndm, sizeof(ndm));
	}
	ASSERT_LE(0, mtl_nl_dump(nl, &m.nlh, raw_find_cb, &f));
	ASSERT_TRUE(f.found) TH_LOG("not in the dump");
	d = (const void *)f.msg;
	ASSERT_EQ(d->nlmsg_len - NLMSG_HDRLEN,
		  nlh->nlmsg_len - NLMSG_LENGTH(GENL_HDRLEN));
	EXPECT_EQ(0, memcmp(NLMSG_DATA(d), (const char *)gh + GENL_HDRLEN,
			    d->nlmsg_len - NLMSG_HDRLEN))
		TH_LOG("payload differs from the dump entry's");
}

TEST_F(nl, notify_format_is_the_dump_payload)
{
	uint8_t ll[32] = { 0x1d };
	struct mtl_nl gr, gn;

	ASSERT_EQ(0, mtl_notify_open(&gr, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_notify_open(&gn, MCTP_NOTIFY_MCGRP_NEIGH));
	gr.genl_raw = gn.genl_raw = true;

	ASSERT_EQ(0, mtl_route_add(&self->nl, 20, 3, self->n0, 90));
	check_raw(_metadata, &gr, &self->nl, MCTP_NOTIFY_CMD_NEWROUTE,
		  RTM_NEWROUTE, 20);
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 40, 1, 1, 20, 0));
	check_raw(_metadata, &gr, &self->nl, MCTP_NOTIFY_CMD_NEWROUTE,
		  RTM_NEWROUTE, 40);
	ASSERT_EQ(0, mtl_neigh_add(&self->nl, self->n0, 20, ll,
				   self->l0.addr_len));
	check_raw(_metadata, &gn, &self->nl, MCTP_NOTIFY_CMD_NEWNEIGH,
		  RTM_NEWNEIGH, 20);
	mtl_nl_close(&gr);
	mtl_nl_close(&gn);
}

TEST_F(nl, notify_stays_in_its_namespace)
{
	static struct mk_notes notes;
	struct mtl_nl gr, or, on, oa, onl;
	uint8_t ll[32] = { 0x55 };
	unsigned int grp = RTNLGRP_MCTP_IFADDR;
	int ns, m0;

	ns = mtl_netns_new();
	ASSERT_LE(0, ns);
	ASSERT_EQ(0, mtl_notify_open(&gr, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_notify_open_ns(&or, ns, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_notify_open_ns(&on, ns, MCTP_NOTIFY_MCGRP_NEIGH));
	ASSERT_EQ(0, mtl_nl_open_ns(&oa, ns));
	ASSERT_EQ(0, setsockopt(oa.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
				&grp, sizeof(grp)));

	make_changes(_metadata, &self->nl, self->n0, ll, self->l0.addr_len);
	mk_notes_collect(&gr, &notes, 300);
	EXPECT_EQ(6, notes.n) TH_LOG("this namespace's listener: %d", notes.n);
	expect_no_notification(_metadata, &or, 100);
	expect_no_notification(_metadata, &on, 100);
	expect_no_notification(_metadata, &oa, 100);

	/* and the other way round */
	ASSERT_EQ(0, mtl_nl_open_ns(&onl, ns));
	ASSERT_EQ(0, mtl_vpair_create(&onl, "m0", "m1"));
	m0 = mtl_link_index(&onl, "m0");
	ASSERT_LT(0, m0);
	ASSERT_EQ(0, mtl_route_add(&onl, 50, 0, m0, 0));
	mk_notes_collect(&or, &notes, 300);
	EXPECT_EQ(1, notes.n) TH_LOG("the other namespace's listener: %d",
				     notes.n);
	expect_no_notification(_metadata, &gr, 100);
	mtl_link_del(&onl, m0);
	mtl_nl_close(&onl);
	mtl_nl_close(&oa);
	mtl_nl_close(&on);
	mtl_nl_close(&or);
	mtl_nl_close(&gr);
	close(ns);
}

TEST_F(nl, notify_overflow_is_enobufs)
{
	static char buf[65536];
	struct mtl_nl gr, ga;
	unsigned int grp = RTNLGRP_MCTP_IFADDR;
	int tiny = 1, i, n, got = 0;
	bool enobufs = false;

	ASSERT_EQ(0, mtl_notify_open(&gr, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_nl_open(&ga));
	ASSERT_EQ(0, setsockopt(ga.fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP,
				&grp, sizeof(grp)));
	/* the kernel raises this to its minimum: a few messages */
	ASSERT_EQ(0, setsockopt(gr.fd, SOL_SOCKET, SO_RCVBUF, &tiny,
				sizeof(tiny)));
	ASSERT_EQ(0, setsockopt(ga.fd, SOL_SOCKET, SO_RCVBUF, &tiny,
				sizeof(tiny)));

	for (i = 0; i < 100; i++)
		ASSERT_EQ(0, mtl_route_add(&self->nl, 20 + i, 0, self->n0, 0));

	/* the route listener overran, and is told */
	for (;;) {
		n = mtl_nl_recv(&gr, buf, sizeof(buf), 300);
		if (n == -ENOBUFS)
			enobufs = true;
		else if (n > 0)
			got++;
		else
			break;
	}
	EXPECT_TRUE(enobufs) TH_LOG("no ENOBUFS after %d reads", got);
	EXPECT_LT(0, got);
	/* and goes on working */
	ASSERT_EQ(0, mtl_route_del(&self->nl, 20, 0, self->n0));
	EXPECT_TRUE(mk_wait_notify(&gr, RTM_DELROUTE, NULL, NULL, MK_WAIT_MS,
				   NULL));

	/* the address group had nothing to overrun with */
	expect_no_notification(_metadata, &ga, 100);
	mtl_nl_close(&ga);
	mtl_nl_close(&gr);
}

/* ---- malformed requests ---- */

struct bad_ctx {
	int n0, n1, lo;
	int alen;
};

typedef void (*bad_build)(struct mtl_msg *m, const struct bad_ctx *c);

struct bad_req {
	const char *name;
	bad_build build;
	int err;
	int err_alt;	/* a second acceptable errno, or 0 */
};

static struct rtmsg *rt_hdr(struct mtl_msg *m, uint16_t type, uint8_t ext)
{
	struct rtmsg rtm = {
		.rtm_family = AF_MCTP, .rtm_dst_len = ext,
		.rtm_table = RT_TABLE_DEFAULT, .rtm_protocol = RTPROT_STATIC,
		.rtm_scope = RT_SCOPE_LINK, .rtm_type = RTN_UNICAST,
	};

	return mtl_msg_init(m, type, type == RTM_NEWROUTE ?
			    NLM_F_CREATE | NLM_F_EXCL : 0, &rtm, sizeof(rtm));
}

static void put_gw(struct mtl_msg *m, unsigned int net, uint8_t eid)
{
	struct mctp_fq_addr gw;

	memset(&gw, 0, sizeof(gw));
	gw.net = net;
	gw.eid = eid;
	mtl_msg_put(m, RTA_GATEWAY, &gw, sizeof(gw));
}

static void rt_direct(struct mtl_msg *m, uint8_t dst, uint8_t ext, int oif)
{
	rt_hdr(m, RTM_NEWROUTE, ext);
	mtl_msg_put_u8(m, RTA_DST, dst);
	mtl_msg_put_u32(m, RTA_OIF, oif);
}

static void b_rt_no_dst(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_NEWROUTE, 0);
	mtl_msg_put_u32(m, RTA_OIF, c->n0);
}

static void b_rt_no_out(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_NEWROUTE, 0);
	mtl_msg_put_u8(m, RTA_DST, 100);
}

static void b_rt_oif_and_gw(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 100, 0, c->n0);
	put_gw(m, 1, 20);
}

static void b_rt_dst_u32(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_NEWROUTE, 0);
	mtl_msg_put_u32(m, RTA_DST, 100);
	mtl_msg_put_u32(m, RTA_OIF, c->n0);
}

static void b_rt_dst_empty(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_NEWROUTE, 0);
	mtl_msg_put(m, RTA_DST, NULL, 0);
	mtl_msg_put_u32(m, RTA_OIF, c->n0);
}

static void b_rt_oif_u8(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_NEWROUTE, 0);
	mtl_msg_put_u8(m, RTA_DST, 100);
	mtl_msg_put_u8(m, RTA_OIF, c->n0);
}

static void b_rt_gw_short(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_NEWROUTE, 0);
	mtl_msg_put_u8(m, RTA_DST, 100);
	mtl_msg_put_u32(m, RTA_GATEWAY, 1);
}

static void b_rt_dst0(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 0, 0, c->n0);
}

static void b_rt_dst255(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 255, 0, c->n0);
}

static void b_rt_dst7(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 7, 0, c->n0);
}

static void b_rt_range_over(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 250, 10, c->n0);
}

static void b_rt_range_255(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 21, 234, c->n0);
}

static void b_rt_range_low(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 1, 10, c->n0);
}

static void b_rt_bad_ifindex(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 100, 0, 9999);
}

static void b_rt_lo(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 100, 0, c->lo);
}

static void b_rt_type_local(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 100, 0, c->n0);
	((struct rtmsg *)NLMSG_DATA(&m->nlh))->rtm_type = RTN_LOCAL;
}

static void b_rt_type_bh(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 100, 0, c->n0);
	((struct rtmsg *)NLMSG_DATA(&m->nlh))->rtm_type = RTN_BLACKHOLE;
}

static void b_rt_mtu_small(struct mtl_msg *m, const struct bad_ctx *c)
{
	struct nlattr *mx;

	rt_direct(m, 100, 0, c->n0);
	mx = mtl_msg_nest_start(m, RTA_METRICS);
	mtl_msg_put_u32(m, RTAX_MTU, 4);
	mtl_msg_nest_end(m, mx);
}

static void b_rt_mtu_u8(struct mtl_msg *m, const struct bad_ctx *c)
{
	struct nlattr *mx;

	rt_direct(m, 100, 0, c->n0);
	mx = mtl_msg_nest_start(m, RTA_METRICS);
	mtl_msg_put_u8(m, RTAX_MTU, 100);
	mtl_msg_nest_end(m, mx);
}

static void b_rt_dup(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 20, 0, c->n0);
}

static void b_rt_dup_other_dev(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 20, 0, c->n1);
}

static void b_rt_dup_gw(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_NEWROUTE, 2);
	mtl_msg_put_u8(m, RTA_DST, 40);
	put_gw(m, 1, 20);
}

static void b_rt_gw0(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_NEWROUTE, 0);
	mtl_msg_put_u8(m, RTA_DST, 100);
	put_gw(m, 1, 0);
}

static void b_rt_gw255(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_NEWROUTE, 0);
	mtl_msg_put_u8(m, RTA_DST, 100);
	put_gw(m, 1, 255);
}

static void b_rt_short_hdr(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 100, 0, c->n0);
	m->nlh.nlmsg_len = NLMSG_LENGTH(4);
}

static void b_rt_family(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_direct(m, 100, 0, c->n0);
	((struct rtmsg *)NLMSG_DATA(&m->nlh))->rtm_family = 99;
}

static void b_rt_del_missing(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_DELROUTE, 0);
	mtl_msg_put_u8(m, RTA_DST, 100);
	mtl_msg_put_u32(m, RTA_OIF, c->n0);
}

static void b_rt_del_extent(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_DELROUTE, 1);
	mtl_msg_put_u8(m, RTA_DST, 20);
	mtl_msg_put_u32(m, RTA_OIF, c->n0);
}

static void b_rt_del_ifindex(struct mtl_msg *m, const struct bad_ctx *c)
{
	rt_hdr(m, RTM_DELROUTE, 0);
	mtl_msg_put_u8(m, RTA_DST, 20);
	mtl_msg_put_u32(m, RTA_OIF, 9999);
}

static void addr_hdr(struct mtl_msg *m, uint16_t type, int ifindex)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_MCTP, .ifa_index = ifindex };

	mtl_msg_init(m, type, type == RTM_NEWADDR ?
		     NLM_F_CREATE | NLM_F_EXCL : 0, &ifa, sizeof(ifa));
}

static void b_ad_none(struct mtl_msg *m, const struct bad_ctx *c)
{
	addr_hdr(m, RTM_NEWADDR, c->n0);
}

static void b_ad_u32(struct mtl_msg *m, const struct bad_ctx *c)
{
	addr_hdr(m, RTM_NEWADDR, c->n0);
	mtl_msg_put_u32(m, IFA_LOCAL, 100);
}

static void b_ad_eid(struct mtl_msg *m, const struct bad_ctx *c, uint8_t e)
{
	addr_hdr(m, RTM_NEWADDR, c->n0);
	mtl_msg_put_u8(m, IFA_LOCAL, e);
}

static void b_ad_eid0(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_ad_eid(m, c, 0);
}

static void b_ad_eid255(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_ad_eid(m, c, 255);
}

static void b_ad_eid7(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_ad_eid(m, c, 7);
}

static void b_ad_dup(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_ad_eid(m, c, 8);
}

static void b_ad_ifindex(struct mtl_msg *m, const struct bad_ctx *c)
{
	addr_hdr(m, RTM_NEWADDR, 9999);
	mtl_msg_put_u8(m, IFA_LOCAL, 100);
}

static void b_ad_short(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_ad_eid(m, c, 100);
	m->nlh.nlmsg_len = NLMSG_LENGTH(2);
}

static void b_ad_family(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_ad_eid(m, c, 100);
	((struct ifaddrmsg *)NLMSG_DATA(&m->nlh))->ifa_family = 99;
}

static void b_ad_del_missing(struct mtl_msg *m, const struct bad_ctx *c)
{
	addr_hdr(m, RTM_DELADDR, c->n0);
	mtl_msg_put_u8(m, IFA_LOCAL, 100);
}

static void b_ad_del_none(struct mtl_msg *m, const struct bad_ctx *c)
{
	addr_hdr(m, RTM_DELADDR, c->n0);
}

static void nd_hdr(struct mtl_msg *m, uint16_t type, int ifindex)
{
	struct ndmsg ndm = { .ndm_family = AF_MCTP, .ndm_ifindex = ifindex,
			     .ndm_state = NUD_PERMANENT };

	mtl_msg_init(m, type, type == RTM_NEWNEIGH ?
		     NLM_F_CREATE | NLM_F_EXCL : 0, &ndm, sizeof(ndm));
}

static const uint8_t ll_bytes[40] = { 0x1d, 0x2e, 0x3f };

static void b_nd_full(struct mtl_msg *m, const struct bad_ctx *c, int ifindex,
		      uint8_t eid)
{
	nd_hdr(m, RTM_NEWNEIGH, ifindex);
	mtl_msg_put_u8(m, NDA_DST, eid);
	mtl_msg_put(m, NDA_LLADDR, ll_bytes, c->alen);
}

static void b_nd_no_dst(struct mtl_msg *m, const struct bad_ctx *c)
{
	nd_hdr(m, RTM_NEWNEIGH, c->n0);
	mtl_msg_put(m, NDA_LLADDR, ll_bytes, c->alen);
}

static void b_nd_no_ll(struct mtl_msg *m, const struct bad_ctx *c)
{
	nd_hdr(m, RTM_NEWNEIGH, c->n0);
	mtl_msg_put_u8(m, NDA_DST, 100);
}

static void b_nd_eid0(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_nd_full(m, c, c->n0, 0);
}

static void b_nd_eid255(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_nd_full(m, c, c->n0, 255);
}

static void b_nd_ll_len(struct mtl_msg *m, const struct bad_ctx *c)
{
	nd_hdr(m, RTM_NEWNEIGH, c->n0);
	mtl_msg_put_u8(m, NDA_DST, 100);
	mtl_msg_put(m, NDA_LLADDR, ll_bytes, c->alen + 1);
}

static void b_nd_ll_huge(struct mtl_msg *m, const struct bad_ctx *c)
{
	nd_hdr(m, RTM_NEWNEIGH, c->n0);
	mtl_msg_put_u8(m, NDA_DST, 100);
	mtl_msg_put(m, NDA_LLADDR, ll_bytes, MAX_ADDR_LEN + 1);
}

static void b_nd_dst_u32(struct mtl_msg *m, const struct bad_ctx *c)
{
	nd_hdr(m, RTM_NEWNEIGH, c->n0);
	mtl_msg_put_u32(m, NDA_DST, 100);
	mtl_msg_put(m, NDA_LLADDR, ll_bytes, c->alen);
}

static void b_nd_ifindex(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_nd_full(m, c, 9999, 100);
}

static void b_nd_lo(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_nd_full(m, c, c->lo, 100);
}

static void b_nd_dup(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_nd_full(m, c, c->n0, 20);
}

static void b_nd_short(struct mtl_msg *m, const struct bad_ctx *c)
{
	b_nd_full(m, c, c->n0, 100);
	m->nlh.nlmsg_len = NLMSG_LENGTH(4);
}

static void b_nd_del_missing(struct mtl_msg *m, const struct bad_ctx *c)
{
	nd_hdr(m, RTM_DELNEIGH, c->n0);
	mtl_msg_put_u8(m, NDA_DST, 100);
}

static void b_nd_del_no_dst(struct mtl_msg *m, const struct bad_ctx *c)
{
	nd_hdr(m, RTM_DELNEIGH, c->n0);
}

static void b_ln_net_u8(struct mtl_msg *m, const struct bad_ctx *c)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC, .ifi_index = c->n0 };
	struct nlattr *spec, *af;

	mtl_msg_init(m, RTM_NEWLINK, 0, &ifi, sizeof(ifi));
	spec = mtl_msg_nest_start(m, IFLA_AF_SPEC);
	af = mtl_msg_nest_start(m, AF_MCTP);
	mtl_msg_put_u8(m, IFLA_MCTP_NET, 7);
	mtl_msg_nest_end(m, af);
	mtl_msg_nest_end(m, spec);
}

static const struct bad_req bad_reqs[] = {
	{ "route: no RTA_DST", b_rt_no_dst, EINVAL },
	{ "route: neither RTA_OIF nor RTA_GATEWAY", b_rt_no_out, EINVAL },
	{ "route: both RTA_OIF and RTA_GATEWAY", b_rt_oif_and_gw, EINVAL },
	{ "route: RTA_DST as u32", b_rt_dst_u32, EINVAL },
	{ "route: RTA_DST empty", b_rt_dst_empty, EINVAL },
	{ "route: RTA_OIF as u8", b_rt_oif_u8, EINVAL },
	/* netlink policy errno for a wrong-size binary attribute */
	{ "route: RTA_GATEWAY too short", b_rt_gw_short, ERANGE, EINVAL },
	{ "route: dst EID 0", b_rt_dst0, EINVAL },
	{ "route: dst EID 255", b_rt_dst255, EINVAL },
	{ "route: dst EID 7 (reserved)", b_rt_dst7, EINVAL },
	{ "route: range 250+10 overflows", b_rt_range_over, EINVAL },
	{ "route: range 21+234 reaches 255", b_rt_range_255, EINVAL },
	{ "route: range starts at reserved EID 1", b_rt_range_low, EINVAL },
	{ "route: unknown ifindex", b_rt_bad_ifindex, ENODEV },
	/* lo is an MCTP link, but routes never lead to it (as upstream) */
	{ "route: via loopback", b_rt_lo, EINVAL },
	{ "route: rtm_type RTN_LOCAL", b_rt_type_local, EINVAL },
	{ "route: rtm_type RTN_BLACKHOLE", b_rt_type_bh, EINVAL },
	{ "route: MTU metric 4 (no room for a header and type)",
	  b_rt_mtu_small, EINVAL },
	{ "route: RTAX_MTU as u8", b_rt_mtu_u8, EINVAL },
	{ "route: duplicate", b_rt_dup, EEXIST },
	{ "route: duplicate range on another link", b_rt_dup_other_dev,
	  EEXIST },
	{ "route: duplicate gateway route", b_rt_dup_gw, EEXIST },
	{ "route: gateway EID 0", b_rt_gw0, EINVAL },
	{ "route: gateway EID 255", b_rt_gw255, EINVAL },
	{ "route: truncated rtmsg", b_rt_short_hdr, EINVAL },
	{ "route: unknown family", b_rt_family, EOPNOTSUPP },
	{ "route del: no such route", b_rt_del_missing, ENOENT },
	{ "route del: range differs", b_rt_del_extent, ENOENT },
	{ "route del: unknown ifindex", b_rt_del_ifindex, ENODEV },
	{ "addr: no IFA_LOCAL or IFA_ADDRESS", b_ad_none, EINVAL },
	{ "addr: IFA_LOCAL as u32", b_ad_u32, EINVAL },
	{ "addr: EID 0", b_ad_eid0, EINVAL },
	{ "addr: EID 255", b_ad_eid255, EINVAL },
	{ "addr: EID 7 (reserved)", b_ad_eid7, EINVAL },
	{ "addr: duplicate", b_ad_dup, EEXIST },
	{ "addr: unknown ifindex", b_ad_ifindex, ENODEV },
	{ "addr: truncated ifaddrmsg", b_ad_short, EINVAL },
	{ "addr: unknown family", b_ad_family, EOPNOTSUPP },
	{ "addr del: not assigned", b_ad_del_missing, ENOENT },
	{ "addr del: no address", b_ad_del_none, EINVAL },
	{ "neigh: no NDA_DST", b_nd_no_dst, EINVAL },
	{ "neigh: no NDA_LLADDR", b_nd_no_ll, EINVAL },
	{ "neigh: EID 0", b_nd_eid0, EINVAL },
	{ "neigh: EID 255", b_nd_eid255, EINVAL },
	{ "neigh: lladdr length differs from the device's", b_nd_ll_len,
	  EINVAL },
	{ "neigh: lladdr longer than MAX_ADDR_LEN", b_nd_ll_huge, ERANGE,
	  EINVAL },
	{ "neigh: NDA_DST as u32", b_nd_dst_u32, EINVAL },
	{ "neigh: unknown ifindex", b_nd_ifindex, ENODEV },
	/* lo is an MCTP link with a 6-byte address, the vpair's is shorter */
	{ "neigh: loopback, the vpair's lladdr length", b_nd_lo, EINVAL },
	{ "neigh: duplicate", b_nd_dup, EEXIST },
	{ "neigh: truncated ndmsg", b_nd_short, EINVAL },
	{ "neigh del: no such neighbour", b_nd_del_missing, ENOENT },
	{ "neigh del: no NDA_DST", b_nd_del_no_dst, EINVAL },
	{ "link: IFLA_MCTP_NET as u8", b_ln_net_u8, EINVAL },
};

struct snapshot {
	int na, nr, nn;
	struct mtl_addr a[32];
	struct mtl_route r[32];
	struct mtl_neigh n[32];
	struct mtl_link l0, l1;
};

static void snap_take(struct __test_metadata *_metadata, struct mtl_nl *nl,
		      int n0, int n1, struct snapshot *s)
{
	memset(s, 0, sizeof(*s));
	s->na = mtl_addr_dump(nl, 0, s->a, 32);
	s->nr = mtl_route_dump(nl, s->r, 32);
	s->nn = mtl_neigh_dump(nl, 0, s->n, 32);
	ASSERT_LE(0, s->na);
	ASSERT_LE(0, s->nr);
	ASSERT_LE(0, s->nn);
	ASSERT_EQ(0, mtl_link_get(nl, n0, &s->l0));
	ASSERT_EQ(0, mtl_link_get(nl, n1, &s->l1));
}

static const char *snap_diff(const struct snapshot *a,
			     const struct snapshot *b)
{
	if (a->na != b->na ||
	    memcmp(a->a, b->a, sizeof(a->a[0]) * (a->na < 32 ? a->na : 32)))
		return "addresses";
	if (a->nr != b->nr ||
	    memcmp(a->r, b->r, sizeof(a->r[0]) * (a->nr < 32 ? a->nr : 32)))
		return "routes";
	if (a->nn != b->nn ||
	    memcmp(a->n, b->n, sizeof(a->n[0]) * (a->nn < 32 ? a->nn : 32)))
		return "neighbours";
	if (a->l0.net != b->l0.net || a->l1.net != b->l1.net ||
	    a->l0.mtu != b->l0.mtu || a->l0.flags != b->l0.flags)
		return "link state";
	return NULL;
}

TEST_F(nl, malformed_requests)
{
	static struct snapshot before, after;
	struct bad_ctx c = { self->n0, self->n1, self->lo,
			     self->l0.addr_len };
	uint8_t ll[32] = { 0x1d };
	struct mtl_nl g, gr, gn;
	struct mtl_msg m;

	/* baseline state the requests must not change */
	ASSERT_EQ(0, mtl_addr_add(&self->nl, self->n0, 8));
	ASSERT_EQ(0, mtl_route_add(&self->nl, 20, 0, self->n0, 0));
	ASSERT_EQ(0, mtl_route_add_gw(&self->nl, 40, 2, 1, 20, 0));
	ASSERT_EQ(0, mtl_neigh_add(&self->nl, self->n0, 20, ll, c.alen));
	ASSERT_EQ(0, mtl_nl_open_group(&g, RTNLGRP_MCTP_IFADDR));
	ASSERT_EQ(0, mtl_notify_open(&gr, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_notify_open(&gn, MCTP_NOTIFY_MCGRP_NEIGH));
	snap_take(_metadata, &self->nl, self->n0, self->n1, &before);
	ASSERT_EQ(1, before.na);
	ASSERT_LE(3, before.nr);
	ASSERT_EQ(1, before.nn);

	for (size_t i = 0; i < ARRAY_SIZE(bad_reqs); i++) {
		const struct bad_req *b = &bad_reqs[i];
		const char *diff;
		int rc;

		b->build(&m, &c);
		rc = mtl_nl_request(&self->nl, &m.nlh);
		if (b->err_alt && rc == -b->err_alt)
			rc = -b->err;
		EXPECT_EQ(-b->err, rc)
			TH_LOG("%s: got %d (%s), want %s; extack \"%s\"",
			       b->name, rc, rc ? strerror(-rc) : "success",
			       strerror(b->err), self->nl.extack);
		snap_take(_metadata, &self->nl, self->n0, self->n1, &after);
		diff = snap_diff(&before, &after);
		EXPECT_TRUE(diff == NULL) TH_LOG("%s changed the %s", b->name,
					     diff);
		if (diff)
			before = after;
	}
	expect_no_notification(_metadata, &g, 300);
	expect_no_notification(_metadata, &gr, 100);
	expect_no_notification(_metadata, &gn, 100);
	mtl_nl_close(&gn);
	mtl_nl_close(&gr);
	mtl_nl_close(&g);
}

/* ---- the notification family across a module reload ---- */

#define MODDIR	"/lib/modules/mctp"
#define MODMAX	8

/* The project's modules in load order (kernel/vm's load-order file). */
static int mods_read(char names[][64])
{
	FILE *f = fopen(MODDIR "/load-order", "re");
	char line[128];
	int n = 0;

	if (!f)
		return -errno;
	while (n < MODMAX && fgets(line, sizeof(line), f)) {
		char *dot = strstr(line, ".ko");

		if (!dot)
			continue;
		*dot = '\0';
		snprintf(names[n++], 64, "%.63s", line);
	}
	fclose(f);
	return n;
}

static bool mod_loaded(const char *name)
{
	FILE *f = fopen("/proc/modules", "re");
	size_t n = strlen(name);
	bool found = false;
	char line[256];

	while (f && !found && fgets(line, sizeof(line), f))
		found = !strncmp(line, name, n) && line[n] == ' ';
	if (f)
		fclose(f);
	return found;
}

static int mod_load(const char *name)
{
	char path[160];
	int fd, rc;

	snprintf(path, sizeof(path), MODDIR "/%.63s.ko", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = syscall(SYS_finit_module, fd, "", 0) < 0 ? -errno : 0;
	close(fd);
	return rc;
}

/* Namespaces of earlier tests may still hold a module for a moment. */
static int mod_unload(const char *name)
{
	double end = mk_now() + 10;
	int rc;

	for (;;) {
		rc = syscall(SYS_delete_module, name, O_NONBLOCK) < 0 ?
		     -errno : 0;
		if (!rc || mk_now() >= end)
			return rc;
		usleep(50000);
	}
}

/*
 * A listener open across an unload and reload of the modules: the
 * unload is clean (the family goes, the socket stays and hears nothing),
 * and after the reload the family is back for whoever resolves it again.
 */
TEST(notify_family_across_module_reload)
{
	char mods[MODMAX][64];
	bool loaded[MODMAX];
	struct mtl_nl old, probe, gr, nl;
	int n, i, v0;

	n = mods_read(mods);
	if (n <= 0)
		SKIP(return, "no module list in " MODDIR);
	ASSERT_EQ(0, mk_unshare_net());
	ASSERT_EQ(0, mtl_notify_open(&old, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_nl_open_proto(&probe, -1, NETLINK_GENERIC));

	for (i = n - 1; i >= 0; i--) {
		loaded[i] = mod_loaded(mods[i]);
		if (loaded[i])
			ASSERT_EQ(0, mod_unload(mods[i]))
				TH_LOG("unload %s", mods[i]);
	}
	EXPECT_EQ(-ENOENT, mtl_genl_resolve(&probe, MCTP_NOTIFY_GENL_NAME,
					    NULL, NULL))
		TH_LOG("the family outlived the module");
	expect_no_notification(_metadata, &old, 100);

	for (i = 0; i < n; i++)
		if (loaded[i])
			ASSERT_EQ(0, mod_load(mods[i]))
				TH_LOG("load %s", mods[i]);
	EXPECT_LT(0, mtl_genl_resolve(&probe, MCTP_NOTIFY_GENL_NAME,
				      MCTP_NOTIFY_MCGRP_ROUTE, NULL));

	ASSERT_EQ(0, mtl_notify_open(&gr, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_nl_open(&nl));
	ASSERT_EQ(0, mtl_vpair_create(&nl, "r0", "r1"));
	v0 = mtl_link_index(&nl, "r0");
	ASSERT_LT(0, v0);
	ASSERT_EQ(0, mtl_route_add(&nl, 20, 0, v0, 0));
	EXPECT_TRUE(mk_wait_notify(&gr, RTM_NEWROUTE, NULL, NULL, MK_WAIT_MS,
				   NULL))
		TH_LOG("no notification after the reload");
	/* the old socket's membership ended with the old family */
	expect_no_notification(_metadata, &old, 100);
	mtl_link_del(&nl, v0);
	mtl_nl_close(&nl);
	mtl_nl_close(&gr);
	mtl_nl_close(&probe);
	mtl_nl_close(&old);
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * AF_MCTP and network namespaces: teardown with live state, device
 * removal, moving a vpair end between namespaces, vpair deletion and
 * isolation of per-namespace state.
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "mctp-selftest.h"

#define TYPE		1
#define HOST_EID	8
#define REMOTE		20

FIXTURE(ns) {
	int unused;
};

FIXTURE_SETUP(ns)
{
	ASSERT_EQ(0, mk_unshare_net());
}

FIXTURE_TEARDOWN(ns)
{
}

/* Poll until @name is gone from @nl's namespace (or @ms passed). */
static bool link_gone(struct mtl_nl *nl, const char *name, int ms)
{
	double end = mk_now() + ms / 1000.0;

	do {
		if (mtl_link_index(nl, name) == -ENODEV)
			return true;
		usleep(20 * 1000);
	} while (mk_now() < end);
	return false;
}

static int count_oif(struct mtl_route *r, int n, int oif)
{
	int c = 0;

	for (int i = 0; i < n; i++)
		if (r[i].oif == oif)
			c++;
	return c;
}

/*
 * A namespace full of live state, left behind by exiting: bound and
 * requesting sockets, pending and preallocated keys, a partial
 * reassembly, unread messages, routes, gateway routes and neighbours.
 */
static int child_busy_namespace(void *arg)
{
	struct mctp_ioc_tag_ctl ctl = { .peer_addr = REMOTE + 1 };
	struct mk_inj t;
	uint8_t pl[32];
	int s, r, i;

	if (mk_unshare_net())
		return 10;
	if (mk_inj_setup(&t, HOST_EID, REMOTE, 9))
		return 11;
	if (mtl_route_add_gw(&t.nl, 50, 3, 1, REMOTE, 0))
		return 12;
	if (mtl_neigh_add(&t.nl, t.host_if, REMOTE, NULL, 0))
		return 13;
	s = mk_socket();
	r = mk_socket();
	if (s < 0 || r < 0 || mtl_bind(s, 1, MCTP_ADDR_ANY, TYPE))
		return 14;
	for (i = 0; i < 8; i++)
		if (mtl_sendto(r, 1, REMOTE, TYPE, MCTP_TAG_OWNER, "k", 1) != 1)
			return 15;
	if (ioctl(r, SIOCMCTPALLOCTAG, &ctl))
		return 16;
	pl[0] = TYPE;
	memset(pl + 1, 'p', sizeof(pl) - 1);
	/* a reassembly that never ends */
	if (mk_inject(&t, HOST_EID, REMOTE + 2, mk_fst(true, false, 0, true, 1),
		      pl, 32))
		return 17;
	/* messages nobody reads */
	for (i = 0; i < 5; i++)
		if (mk_inject(&t, HOST_EID, REMOTE + 3,
			      mk_fst(true, true, 0, true, i), pl, 10))
			return 18;
	if (!mtl_readable(s, MK_WAIT_MS))
		return 19;
	/* exit with everything open */
	return 0;
}

/* A fresh namespace still carries traffic end to end. */
static void check_stack_works(struct __test_metadata *_metadata)
{
	struct mtl_pair p;
	char buf[16];
	int nsb, a, b;

	nsb = mtl_netns_new();
	ASSERT_LE(0, nsb);
	ASSERT_EQ(0, mtl_pair_create(&p, "w0", "w1", -1, nsb));
	ASSERT_EQ(0, mtl_pair_setup(&p, 8, 9));
	a = mk_socket();
	b = mk_socket_ns(nsb);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, mtl_bind(b, 1, 9, TYPE));
	ASSERT_EQ(4, mtl_sendto(a, 1, 9, TYPE, MCTP_TAG_OWNER, "live", 4));
	EXPECT_EQ(4, mtl_recv(b, buf, sizeof(buf), 0, NULL, MK_WAIT_MS));
	close(a);
	close(b);
	mtl_pair_destroy(&p);
	close(nsb);
}

TEST_F_TIMEOUT(ns, teardown_with_live_state, 300)
{
	for (int i = 0; i < 6; i++) {
		int rc = mk_in_child(child_busy_namespace, NULL);

		ASSERT_EQ(0, rc) TH_LOG("round %d: setup step %d failed", i,
					rc);
	}
	/* namespace cleanup runs asynchronously */
	sleep(2);
	check_stack_works(_metadata);
}

/*
 * A namespace with what holds on to it: a vpair with an address, a route,
 * a gateway route and a neighbour, a bound socket, a socket with a
 * preallocated tag and a request in flight. Everything is let go at once
 * (sockets closed, namespace fd closed). 0, or the step that failed.
 */
static int busy_namespace_once(void)
{
	struct mctp_ioc_tag_ctl ctl = { .peer_addr = REMOTE + 1 };
	struct mtl_nl nl;
	int ns, a, b, s = -1, r = -1, rc = 0;

	ns = mtl_netns_new();
	if (ns < 0)
		return 1;
	if (mtl_nl_open_ns(&nl, ns)) {
		close(ns);
		return 2;
	}
	if (mtl_vpair_create(&nl, "c0", "c1"))
		rc = 3;
	a = mtl_link_index(&nl, "c0");
	b = mtl_link_index(&nl, "c1");
	if (!rc && (a < 0 || b < 0 || mtl_link_up(&nl, a) || mtl_link_up(&nl, b)))
		rc = 4;
	if (!rc && (mtl_addr_add(&nl, a, HOST_EID) ||
		    mtl_route_add(&nl, REMOTE, 5, a, 0) ||
		    mtl_route_add_gw(&nl, 50, 3, 1, REMOTE, 0) ||
		    mtl_neigh_add(&nl, a, REMOTE, NULL, 0)))
		rc = 5;
	mtl_nl_close(&nl);
	if (!rc) {
		s = mk_socket_ns(ns);
		r = mk_socket_ns(ns);
		if (s < 0 || r < 0 || mtl_bind(s, 1, MCTP_ADDR_ANY, TYPE))
			rc = 6;
	}
	if (!rc && mtl_sendto(r, 1, REMOTE, TYPE, MCTP_TAG_OWNER, "k", 1) != 1)
		rc = 7;
	if (!rc && ioctl(r, SIOCMCTPALLOCTAG, &ctl))
		rc = 8;
	if (s >= 0)
		close(s);
	if (r >= 0)
		close(r);
	close(ns);
	return rc;
}

/*
 * Objects in use in slab cache @cache, after giving back what KASAN's
 * quarantine holds of it (shrinking a cache empties its quarantine), or
 * -errno.
 */
static long slab_objects(const char *cache)
{
	char path[128], buf[64];
	ssize_t rc;

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/shrink", cache);
	rc = mtl_proc_write_ns(-1, path, "1");
	if (rc)
		return rc;
	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/objects", cache);
	rc = mtl_proc_read_ns(-1, path, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	return strtol(buf, NULL, 10);
}

/*
 * Objects of the net_namespace cache once namespace cleanup has settled:
 * the count polled until it has not changed for a second, for up to @secs.
 */
static long settled_namespaces(double secs)
{
	double end = mk_now() + secs;
	long now = slab_objects("net_namespace"), prev;
	int same = 0;

	do {
		usleep(200 * 1000);
		prev = now;
		now = slab_objects("net_namespace");
		same = now == prev ? same + 1 : 0;
	} while (now >= 0 && same < 5 && mk_now() < end);
	return now;
}

/*
 * The kernel frees a namespace's struct net late: net_passive_dec() puts
 * it on a list that the next namespace cleanup frees after its
 * rcu_barrier() (cleanup_net(), net_complete_free()). So the namespaces
 * that went last stay allocated until another one goes, leaked or not.
 * A plain namespace made and dropped pushes them out and then waits on
 * that list itself: a count taken after such a probe holds exactly one
 * dead namespace. The lowest of three probes' settled counts, as the
 * probe's own cleanup may still be pending at one of them.
 */
static long flushed_namespaces(void)
{
	long best = -1;

	for (int i = 0; i < 3; i++) {
		int fd = mtl_netns_new();
		long n;

		if (fd < 0)
			return fd;
		close(fd);
		n = settled_namespaces(10);
		if (n >= 0 && (best < 0 || n < best))
			best = n;
	}
	return best;
}

/*
 * Namespaces with open sockets, keys, routes and neighbours come and go
 * (MCTP_NS_CHURN of them, default 1000; MCTP_NS_SETTLE seconds allowed
 * for their cleanup, default 300): every one of them is freed, so the
 * net_namespace cache returns exactly to where it started. A reference
 * to a namespace left behind (a socket, key, route or device holding
 * struct net) would keep one namespace per round allocated; one leaked
 * namespace fails the test.
 */
TEST_F_TIMEOUT(ns, churn_namespaces_return_to_baseline, 1800)
{
	const char *env = getenv("MCTP_NS_CHURN");
	const char *settle = getenv("MCTP_NS_SETTLE");
	int rounds = env ? atoi(env) : 1000;
	double wait = settle ? atof(settle) : 300;
	long base, now = -1;
	double t0, t1, end;

	base = flushed_namespaces();
	ASSERT_LE(0, base) TH_LOG("net_namespace slab: %s", strerror(-base));

	t0 = mk_now();
	for (int i = 0; i < rounds; i++) {
		int rc = busy_namespace_once();

		ASSERT_EQ(0, rc) TH_LOG("round %d: setup step %d failed", i,
					rc);
	}
	t1 = mk_now();

	/* namespace cleanup runs asynchronously: wait for it to settle */
	end = mk_now() + wait;
	do {
		now = flushed_namespaces();
	} while (now > base && mk_now() < end);
	TH_LOG("%d busy namespaces in %.1f s; net_namespace objects "
	       "%ld before, %ld after %.1f s of cleanup", rounds,
	       t1 - t0, base, now, mk_now() - t1);
	EXPECT_LE(now, base) TH_LOG("namespaces not freed");
	check_stack_works(_metadata);
}

TEST_F(ns, peer_namespace_teardown)
{
	struct mtl_route r[16];
	struct mtl_nl nl;
	int nsb, fd, s, n;

	/* the test's netns keeps d0 and a socket with pending keys; the
	 * other end lives in a namespace that then disappears
	 */
	ASSERT_EQ(0, mtl_nl_open(&nl));
	nsb = mtl_netns_new();
	ASSERT_LE(0, nsb);
	{
		struct mtl_pair p;

		ASSERT_EQ(0, mtl_pair_create(&p, "d0", "d1", -1, nsb));
		ASSERT_EQ(0, mtl_pair_setup(&p, 8, 9));
		close(p.ns[0]);
		close(p.ns[1]);
	}
	ASSERT_EQ(0, mtl_route_add(&nl, REMOTE, 5, mtl_link_index(&nl, "d0"),
				   0));
	s = mk_socket();
	ASSERT_LE(0, s);
	for (int i = 0; i < 8; i++) {
		ASSERT_EQ(1, mtl_sendto(s, 1, REMOTE, TYPE, MCTP_TAG_OWNER,
					"k", 1));
	}
	/* something bound on the far side, with a message queued */
	fd = mk_socket_ns(nsb);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, mtl_bind(fd, 1, 9, TYPE));
	ASSERT_EQ(1, mtl_sendto(s, 1, 9, TYPE, MCTP_TAG_OWNER, "q", 1));
	ASSERT_TRUE(mtl_readable(fd, MK_WAIT_MS));

	close(fd);
	close(nsb);
	EXPECT_TRUE(link_gone(&nl, "d0", 10000))
		TH_LOG("d0 outlived its peer's namespace");
	n = mtl_route_dump(&nl, r, 16);
	EXPECT_EQ(0, n) TH_LOG("%d routes left after the device went", n);
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(s, 1, REMOTE, TYPE,
					    MCTP_TAG_OWNER, "x", 1));
	close(s);
	mtl_nl_close(&nl);
	check_stack_works(_metadata);
}

/* ---- device removal ---- */

struct want {
	int ifindex;
	uint8_t eid;
};

static bool match_route(const struct nlmsghdr *nlh, const void *arg)
{
	const struct want *w = arg;
	struct mtl_route r;

	return !mtl_route_parse(nlh, &r) && r.family == AF_MCTP &&
	       r.dst == w->eid && r.oif == w->ifindex;
}

static bool match_neigh(const struct nlmsghdr *nlh, const void *arg)
{
	const struct want *w = arg;
	struct mtl_neigh n;

	return !mtl_neigh_parse(nlh, &n) && n.family == AF_MCTP &&
	       n.ifindex == w->ifindex && n.eid == w->eid;
}

TEST_F(ns, device_removal)
{
	static struct mk_notes notes, nnotes;
	struct mtl_route r[16];
	struct mtl_neigh nb[4];
	struct mtl_addr a[4];
	struct mtl_nl g, gn;
	struct mk_inj t;
	struct want w;
	uint8_t buf[64], pl[16], tag;
	int s, q, old_if, n, rc;

	rc = mk_inj_setup(&t, HOST_EID, REMOTE, 0);
	ASSERT_EQ(0, rc) TH_LOG("setup: %s", strerror(-rc));
	old_if = t.host_if;
	ASSERT_EQ(0, mtl_route_add(&t.nl, 30, 5, t.host_if, 0));
	ASSERT_EQ(0, mtl_neigh_add(&t.nl, t.host_if, REMOTE, NULL, 0));
	ASSERT_EQ(0, mtl_notify_open(&g, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_notify_open(&gn, MCTP_NOTIFY_MCGRP_NEIGH));

	s = mk_socket();
	q = mk_socket();
	ASSERT_LE(0, s);
	ASSERT_LE(0, q);
	ASSERT_EQ(0, mtl_bind(s, 1, MCTP_ADDR_ANY, TYPE));
	/* a partial request towards s, and a pending request from q */
	pl[0] = TYPE;
	memset(pl + 1, 'h', sizeof(pl) - 1);
	ASSERT_EQ(0, mk_inject(&t, HOST_EID, REMOTE,
			       mk_fst(true, false, 0, true, 2), pl, 16));
	ASSERT_EQ(1, mtl_sendto(q, 1, REMOTE, TYPE, MCTP_TAG_OWNER, "q", 1));
	ASSERT_EQ(6, mk_capture(&t, buf, sizeof(buf), MK_WAIT_MS));
	tag = buf[3] & 7;

	/* remove the host end (and with it, its peer) */
	ASSERT_EQ(0, mtl_link_del(&t.nl, t.host_if));
	mk_notes_collect(&g, &notes, 500);
	mk_notes_collect(&gn, &nnotes, 100);
	TH_LOG("%d route and %d neighbour notifications after the removal",
	       notes.n, nnotes.n);
	w.ifindex = old_if;
	w.eid = REMOTE;
	EXPECT_TRUE(mk_notes_find(&notes, RTM_DELROUTE, match_route, &w))
		TH_LOG("no RTM_DELROUTE for the route via the removed device");
	w.eid = 30;
	EXPECT_TRUE(mk_notes_find(&notes, RTM_DELROUTE, match_route, &w))
		TH_LOG("no RTM_DELROUTE for the range via the removed device");
	w.eid = REMOTE;
	EXPECT_TRUE(mk_notes_find(&nnotes, RTM_DELNEIGH, match_neigh, &w))
		TH_LOG("no RTM_DELNEIGH for the removed device's neighbour");
	n = mtl_route_dump(&t.nl, r, 16);
	EXPECT_EQ(0, count_oif(r, n, old_if)) TH_LOG("routes left");
	EXPECT_EQ(0, mtl_neigh_dump(&t.nl, 0, nb, 4)) TH_LOG("neighbours left");
	EXPECT_EQ(0, mtl_addr_dump(&t.nl, 0, a, 4)) TH_LOG("addresses left");
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(q, 1, REMOTE, TYPE, MCTP_TAG_OWNER,
					    "x", 1));
	close(t.inj_fd);
	close(t.cap_fd);
	close(t.peer_ns);
	mtl_nl_close(&t.nl);

	/* the same names and addresses again: nothing old may resurface */
	rc = mk_inj_setup(&t, HOST_EID, REMOTE, 0);
	ASSERT_EQ(0, rc) TH_LOG("second setup: %s", strerror(-rc));
	ASSERT_EQ(0, mk_inject(&t, HOST_EID, REMOTE,
			       mk_fst(false, true, 1, true, 2), "tail", 4));
	EXPECT_TRUE(mk_quiet(s, MK_QUIET_MS))
		TH_LOG("a reassembly survived the removal of its device");
	pl[0] = TYPE;
	memcpy(pl + 1, "old", 3);
	ASSERT_EQ(0, mk_inject(&t, HOST_EID, REMOTE,
			       mk_fst(true, true, 0, false, tag), pl, 4));
	EXPECT_TRUE(mk_quiet(q, MK_QUIET_MS))
		TH_LOG("a key survived the removal of its device");

	/* and the path works again */
	ASSERT_EQ(1, mtl_sendto(q, 1, REMOTE, TYPE, MCTP_TAG_OWNER, "n", 1));
	ASSERT_EQ(6, mk_capture(&t, buf, sizeof(buf), MK_WAIT_MS));
	memcpy(pl + 1, "new", 3);
	ASSERT_EQ(0, mk_inject(&t, HOST_EID, REMOTE,
			       mk_fst(true, true, 0, false, buf[3] & 7), pl,
			       4));
	EXPECT_EQ(3, mtl_recv(q, buf, sizeof(buf), 0, NULL, MK_WAIT_MS));
	close(s);
	close(q);
	mtl_nl_close(&gn);
	mtl_nl_close(&g);
	mk_inj_teardown(&t);
}

/* ---- moving a vpair end ---- */


/*
 * A link brought up gets its carrier (and a working queue) from linkwatch,
 * asynchronously: wait until both ends of a pair are running.
 */
static bool both_running(struct mtl_nl *a, int ia, struct mtl_nl *b, int ib)
{
	struct mtl_link la, lb;
	int i;

	for (i = 0; i < 500; i++) {
		if (!mtl_link_get(a, ia, &la) && !mtl_link_get(b, ib, &lb) &&
		    (la.flags & IFF_RUNNING) && (lb.flags & IFF_RUNNING))
			return true;
		usleep(10000);
	}
	return false;
}

TEST_F(ns, move_link_between_namespaces)
{
	static struct mk_notes notes, nnotes;
	struct mtl_route r[16];
	struct mtl_neigh nb[4];
	struct mtl_addr ad[4];
	struct mtl_link l;
	struct mtl_nl nl, nlb, g, gn;
	struct want w;
	char buf[16];
	int nsb, v0, v1, n, a, b;

	ASSERT_EQ(0, mtl_nl_open(&nl));
	ASSERT_EQ(0, mtl_vpair_create(&nl, "v0", "v1"));
	v0 = mtl_link_index(&nl, "v0");
	v1 = mtl_link_index(&nl, "v1");
	ASSERT_LT(0, v0);
	ASSERT_LT(0, v1);
	ASSERT_EQ(0, mtl_link_up(&nl, v0));
	ASSERT_EQ(0, mtl_link_up(&nl, v1));
	ASSERT_EQ(0, mtl_addr_add(&nl, v0, 8));
	ASSERT_EQ(0, mtl_addr_add(&nl, v1, 9));
	ASSERT_EQ(0, mtl_route_add(&nl, 30, 0, v1, 0));
	ASSERT_EQ(0, mtl_neigh_add(&nl, v1, 30, NULL, 0));
	ASSERT_EQ(0, mtl_link_set_net(&nl, v1, 3));
	ASSERT_EQ(0, mtl_notify_open(&g, MCTP_NOTIFY_MCGRP_ROUTE));
	ASSERT_EQ(0, mtl_notify_open(&gn, MCTP_NOTIFY_MCGRP_NEIGH));

	nsb = mtl_netns_new();
	ASSERT_LE(0, nsb);
	ASSERT_EQ(0, mtl_link_set_netns(&nl, v1, nsb));

	/* v1's state left this namespace, with notifications */
	mk_notes_collect(&g, &notes, 500);
	mk_notes_collect(&gn, &nnotes, 100);
	w.ifindex = v1;
	w.eid = 30;
	EXPECT_TRUE(mk_notes_find(&notes, RTM_DELROUTE, match_route, &w))
		TH_LOG("no RTM_DELROUTE for the moved link's route");
	EXPECT_TRUE(mk_notes_find(&nnotes, RTM_DELNEIGH, match_neigh, &w))
		TH_LOG("no RTM_DELNEIGH for the moved link's neighbour");
	n = mtl_route_dump(&nl, r, 16);
	EXPECT_EQ(0, count_oif(r, n, v1)) TH_LOG("routes of v1 left behind");
	EXPECT_EQ(1, count_oif(r, n, v0)) TH_LOG("local route of v0 lost");
	EXPECT_EQ(0, mtl_neigh_dump(&nl, 0, nb, 4));
	EXPECT_EQ(0, mtl_addr_dump(&nl, v1, ad, 4));
	EXPECT_EQ(1, mtl_addr_dump(&nl, 0, ad, 4));

	/* and arrives clean in the other one */
	ASSERT_EQ(0, mtl_nl_open_ns(&nlb, nsb));
	ASSERT_EQ(0, mtl_link_get_by_name(&nlb, "v1", &l));
	EXPECT_TRUE(l.has_mctp) TH_LOG("moved link lost its MCTP state");
	EXPECT_EQ(1, l.net) TH_LOG("moved link keeps network %u", l.net);
	EXPECT_EQ(0, mtl_addr_dump(&nlb, 0, ad, 4));
	EXPECT_EQ(0, mtl_route_dump(&nlb, r, 16));
	EXPECT_EQ(0, mtl_neigh_dump(&nlb, 0, nb, 4));

	/* configure it there and talk across */
	ASSERT_EQ(0, mtl_link_up(&nlb, l.ifindex));
	EXPECT_TRUE(both_running(&nl, v0, &nlb, l.ifindex))
		TH_LOG("carrier did not come back on the pair");
	ASSERT_EQ(0, mtl_addr_add(&nlb, l.ifindex, 9));
	ASSERT_EQ(0, mtl_route_add(&nlb, 8, 0, l.ifindex, 0));
	ASSERT_EQ(0, mtl_route_add(&nl, 9, 0, v0, 0));
	a = mk_socket();
	b = mk_socket_ns(nsb);
	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, mtl_bind(b, 1, 9, TYPE));
	ASSERT_EQ(5, mtl_sendto(a, 1, 9, TYPE, MCTP_TAG_OWNER, "moved", 5));
	EXPECT_EQ(5, mtl_recv(b, buf, sizeof(buf), 0, NULL, MK_WAIT_MS))
		TH_LOG("no traffic across the moved link");

	/* and back again */
	ASSERT_EQ(0, mtl_link_set_netns(&nlb, l.ifindex, mtl_netns_current()));
	EXPECT_EQ(0, mtl_route_dump(&nlb, r, 16)) TH_LOG("routes left in B");
	EXPECT_EQ(0, mtl_addr_dump(&nlb, 0, ad, 4));
	close(a);
	close(b);
	mtl_nl_close(&nlb);
	mtl_nl_close(&gn);
	mtl_nl_close(&g);
	mtl_link_del(&nl, v0);
	mtl_nl_close(&nl);
	close(nsb);
}

TEST_F(ns, vpair_lifetime)
{
	struct mtl_link l;
	struct mtl_nl nl, nlb;
	struct mtl_pair p;
	int nsb;

	ASSERT_EQ(0, mtl_nl_open(&nl));
	nsb = mtl_netns_new();
	ASSERT_LE(0, nsb);
	ASSERT_EQ(0, mtl_nl_open_ns(&nlb, nsb));

	ASSERT_EQ(0, mtl_vpair_create(&nl, "e0", "e1"));
	EXPECT_EQ(-EEXIST, mtl_vpair_create(&nl, "e0", "e9"))
		TH_LOG("duplicate name");
	EXPECT_EQ(-EEXIST, mtl_vpair_create(&nl, "e8", "e1"))
		TH_LOG("duplicate peer name");
	EXPECT_EQ(-ENODEV, mtl_link_index(&nl, "e8"))
		TH_LOG("failed creation left a device behind");
	ASSERT_EQ(0, mtl_link_get_by_name(&nl, "e1", &l));
	EXPECT_EQ(ARPHRD_MCTP, l.type);
	EXPECT_EQ(0, l.addr_len);
	/* deleting one end deletes both */
	ASSERT_EQ(0, mtl_link_del(&nl, l.ifindex));
	EXPECT_TRUE(link_gone(&nl, "e0", 2000)) TH_LOG("e0 outlived e1");

	/* also across namespaces, from either side */
	ASSERT_EQ(0, mtl_pair_create(&p, "f0", "f1", -1, nsb));
	ASSERT_EQ(0, mtl_link_del(&nlb, p.ifindex[1]));
	EXPECT_TRUE(link_gone(&nl, "f0", 2000)) TH_LOG("f0 outlived f1");
	close(p.ns[0]);
	close(p.ns[1]);
	ASSERT_EQ(0, mtl_pair_create(&p, "f0", "f1", -1, nsb));
	ASSERT_EQ(0, mtl_link_del(&nl, p.ifindex[0]));
	EXPECT_TRUE(link_gone(&nlb, "f1", 2000)) TH_LOG("f1 outlived f0");
	close(p.ns[0]);
	close(p.ns[1]);

	/* the default peer name */
	ASSERT_EQ(0, mtl_vpair_create(&nl, "g0", NULL));
	EXPECT_LT(0, mtl_link_index(&nl, "g0p")) TH_LOG("peer of g0 not g0p");
	mtl_link_del(&nl, mtl_link_index(&nl, "g0"));

	mtl_nl_close(&nlb);
	mtl_nl_close(&nl);
	close(nsb);
}

TEST_F(ns, namespace_isolation)
{
	struct mtl_route r[8];
	struct mk_inj ta, tb;
	int nsa, nsb, sa, sb, ra, rb, orig;

	orig = mtl_netns_current();
	nsa = mtl_netns_new();
	nsb = mtl_netns_new();
	ASSERT_LE(0, nsa);
	ASSERT_LE(0, nsb);

	/* the same configuration in two namespaces */
	ASSERT_EQ(0, mtl_netns_enter(nsa));
	ASSERT_EQ(0, mk_inj_setup(&ta, HOST_EID, REMOTE, 0));
	ASSERT_EQ(0, mtl_route_add(&ta.nl, 60, 0, ta.host_if, 0));
	sa = mk_socket();
	ra = mk_socket();
	ASSERT_EQ(0, mtl_netns_enter(nsb));
	ASSERT_EQ(0, mk_inj_setup(&tb, HOST_EID, REMOTE, 0));
	sb = mk_socket();
	rb = mk_socket();
	ASSERT_EQ(0, mtl_netns_enter(orig));
	ASSERT_LE(0, sa);
	ASSERT_LE(0, sb);

	/* binds do not collide across namespaces */
	EXPECT_EQ(0, mtl_bind(sa, 1, HOST_EID, TYPE));
	EXPECT_EQ(0, mtl_bind(sb, 1, HOST_EID, TYPE))
		TH_LOG("bind collided with another namespace's");

	/* routes are per namespace */
	EXPECT_EQ(3, mtl_route_dump(&ta.nl, r, 8));
	EXPECT_EQ(2, mtl_route_dump(&tb.nl, r, 8))
		TH_LOG("a route of namespace A is visible in B");
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(rb, 1, 60, TYPE, MCTP_TAG_OWNER,
					    "x", 1));

	/* tags are per namespace */
	for (int i = 0; i < 8; i++) {
		ASSERT_EQ(1, mtl_sendto(ra, 1, REMOTE, TYPE, MCTP_TAG_OWNER,
					"t", 1));
	}
	EXPECT_EQ(-EBUSY, mtl_sendto(ra, 1, REMOTE, TYPE, MCTP_TAG_OWNER, "t",
				     1));
	EXPECT_EQ(1, mtl_sendto(rb, 1, REMOTE, TYPE, MCTP_TAG_OWNER, "t", 1))
		TH_LOG("namespace B out of tags because of A");

	/* requests stay in their namespace */
	{
		uint8_t pl[4] = { TYPE, 'n', 's', 'a' };
		char buf[8];

		ASSERT_EQ(0, mk_inject(&ta, HOST_EID, REMOTE,
				       mk_fst(true, true, 0, true, 0), pl, 4));
		EXPECT_EQ(3, mtl_recv(sa, buf, sizeof(buf), 0, NULL,
				      MK_WAIT_MS));
		EXPECT_TRUE(mk_quiet(sb, MK_QUIET_MS))
			TH_LOG("request crossed into another namespace");
	}

	close(sa);
	close(sb);
	close(ra);
	close(rb);
	mk_inj_teardown(&ta);
	mk_inj_teardown(&tb);
	close(nsa);
	close(nsb);
	close(orig);
}

TEST_HARNESS_MAIN

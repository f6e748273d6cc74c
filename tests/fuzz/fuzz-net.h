/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The network the AF_MCTP fuzzers work in, built with mctp-testlib in a
 * fresh namespace A (the caller's, after unshare) and a second one, B:
 *
 *   A: fz0 (net 1) EIDs 8, 20      <-vpair->  B: fz0p (net 1) EIDs 9, 10
 *        routes 9 direct, 10..14 MTU 100, 30..38 via gateway 9,
 *        neighbour 9 (empty link-layer address)
 *   A: fz1 (net 2) EID 8, MTU 1000 <-vpair->  A: fz1p (net 3) EID 40
 *        routes 40 (net 2) and 8 (net 3): both ends in one namespace
 *
 *   B: routes 8 and 20 via fz0p
 *
 * so that a send from A to 9, 10, 30..38 (net 1) or 40 (net 2), and from
 * B to 8 or 20, really goes over a link and reaches a socket.
 */
#ifndef FUZZ_NET_H
#define FUZZ_NET_H

#include <sched.h>
#include "mctp-testlib.h"

#define FN_EID_A	8
#define FN_EID_A2	20
#define FN_EID_B	9
#define FN_EID_B2	10
#define FN_EID_GW_DST	30
#define FN_EID_LOOP	40
#define FN_MTU_LOOP	1000

struct fz_net {
	int ns[2];		/* A, B */
	int fz0, fz1, fz1p;	/* ifindexes in A */
	int fz0p;		/* ifindex in B */
};

/* Links come up; carrier (IFF_RUNNING) follows once both ends are up. */
static inline int fn_wait_running(struct mtl_nl *nl, int ifindex)
{
	struct mtl_link l;
	int rc = 0;

	for (int i = 0; i < 1000; i++) {
		rc = mtl_link_get(nl, ifindex, &l);
		if (!rc && (l.flags & IFF_RUNNING))
			return 0;
		usleep(10000);
	}
	return rc ? rc : -ETIMEDOUT;
}

/*
 * (Re)apply the configuration: links up, MTUs, addresses, routes,
 * neighbours. Entries that exist already are fine (EEXIST), so this
 * also repairs what a fuzzer changed.
 */
static inline int fn_configure(struct fz_net *n)
{
	struct mtl_nl a, b;
	int rc, i;
	int steps[20];

	rc = mtl_nl_open_ns(&a, n->ns[0]);
	if (rc)
		return rc;
	rc = mtl_nl_open_ns(&b, n->ns[1]);
	if (rc) {
		mtl_nl_close(&a);
		return rc;
	}
	i = 0;
	steps[i++] = mtl_link_set_mtu(&a, n->fz0, 68);
	steps[i++] = mtl_link_set_mtu(&b, n->fz0p, 68);
	steps[i++] = mtl_link_set_mtu(&a, n->fz1, FN_MTU_LOOP);
	steps[i++] = mtl_link_set_mtu(&a, n->fz1p, FN_MTU_LOOP);
	steps[i++] = mtl_addr_add(&a, n->fz0, FN_EID_A);
	steps[i++] = mtl_addr_add(&a, n->fz0, FN_EID_A2);
	steps[i++] = mtl_addr_add(&b, n->fz0p, FN_EID_B);
	steps[i++] = mtl_addr_add(&b, n->fz0p, FN_EID_B2);
	steps[i++] = mtl_addr_add(&a, n->fz1, FN_EID_A);
	steps[i++] = mtl_addr_add(&a, n->fz1p, FN_EID_LOOP);
	steps[i++] = mtl_route_add(&a, FN_EID_B, 0, n->fz0, 0);
	steps[i++] = mtl_route_add(&a, FN_EID_B2, 4, n->fz0, 100);
	steps[i++] = mtl_route_add_gw(&a, FN_EID_GW_DST, 8, 1, FN_EID_B, 0);
	steps[i++] = mtl_neigh_add(&a, n->fz0, FN_EID_B, NULL, 0);
	steps[i++] = mtl_route_add(&a, FN_EID_LOOP, 0, n->fz1, 0);
	steps[i++] = mtl_route_add(&a, FN_EID_A, 0, n->fz1p, 0);
	for (int j = 0; j < i; j++)
		if (steps[j] && steps[j] != -EEXIST && !rc)
			rc = steps[j];
	if (!rc)
		rc = mtl_route_add(&b, FN_EID_A, 0, n->fz0p, 0);
	if (rc == -EEXIST)
		rc = 0;
	if (!rc)
		rc = mtl_route_add(&b, FN_EID_A2, 0, n->fz0p, 0);
	if (rc == -EEXIST)
		rc = 0;
	if (!rc)
		rc = mtl_link_up(&a, n->fz0) ?: mtl_link_up(&b, n->fz0p) ?:
		     mtl_link_up(&a, n->fz1) ?: mtl_link_up(&a, n->fz1p);
	if (!rc)
		rc = fn_wait_running(&a, n->fz0) ?: fn_wait_running(&b, n->fz0p) ?:
		     fn_wait_running(&a, n->fz1) ?: fn_wait_running(&a, n->fz1p);
	mtl_nl_close(&a);
	mtl_nl_close(&b);
	return rc;
}

/* Move the caller into a fresh namespace A, create B and the links. */
static inline int fn_setup(struct fz_net *n)
{
	struct mtl_nl nl;
	int rc, idx;

	memset(n, 0, sizeof(*n));
	if (unshare(CLONE_NEWNET) < 0)
		return -errno;
	n->ns[0] = mtl_netns_current();
	n->ns[1] = mtl_netns_new();
	if (n->ns[0] < 0 || n->ns[1] < 0)
		return -EIO;
	rc = mtl_nl_open(&nl);
	if (rc)
		return rc;
	rc = mtl_link_up(&nl, 1);	/* lo */
	if (!rc)
		rc = mtl_vpair_create(&nl, "fz0", "fz0p");
	if (!rc)
		rc = mtl_vpair_create(&nl, "fz1", "fz1p");
	n->fz0 = mtl_link_index(&nl, "fz0");
	n->fz1 = mtl_link_index(&nl, "fz1");
	n->fz1p = mtl_link_index(&nl, "fz1p");
	idx = mtl_link_index(&nl, "fz0p");
	if (!rc && (n->fz0 < 0 || n->fz1 < 0 || n->fz1p < 0 || idx < 0))
		rc = -ENODEV;
	if (!rc)
		rc = mtl_link_set_net(&nl, n->fz1, 2);
	if (!rc)
		rc = mtl_link_set_net(&nl, n->fz1p, 3);
	if (!rc)
		rc = mtl_link_set_netns(&nl, idx, n->ns[1]);
	mtl_nl_close(&nl);
	if (rc)
		return rc;
	rc = mtl_nl_open_ns(&nl, n->ns[1]);
	if (rc)
		return rc;
	n->fz0p = mtl_link_index(&nl, "fz0p");
	mtl_nl_close(&nl);
	if (n->fz0p < 0)
		return n->fz0p;
	return fn_configure(n);
}

#endif /* FUZZ_NET_H */

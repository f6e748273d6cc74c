// SPDX-License-Identifier: GPL-2.0
/*
 * SMBus binding and routing: a host with two buses to one peer, and
 * gateways reached through a neighbour's SMBus address.
 *
 * Two simulated segments sx and sy, each with two adapters. Host A (EID 8)
 * binds at 0x10 on sx/a0 and on sy/a0; host B (EID 9, and 50 for the
 * gateway test) binds at 0x20 on sx/a1 and on sy/a1. A reaches B over sx
 * at first; B answers over whichever link the request came in on.
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "smbus-test.h"

#define A_ADDR	0x10
#define B_ADDR	0x20
#define A_EID	8
#define B_EID	9
#define B_EID2	50

FIXTURE(paths) {
	struct st_host a, b;
	int ax, ay, bx, by;	/* buses: A's and B's on sx and sy */
	int cli, srv;
};

FIXTURE_SETUP(paths)
{
	int rc;

	self->cli = self->srv = -1;
	ASSERT_EQ(0, st_private_mounts());
	st_sim("del sx");
	st_sim("del sy");
	ASSERT_EQ(0, st_sim("add sx adapters=2"));
	ASSERT_EQ(0, st_sim("add sy adapters=2"));
	self->ax = st_bus("sx", "a0");
	self->bx = st_bus("sx", "a1");
	self->ay = st_bus("sy", "a0");
	self->by = st_bus("sy", "a1");
	ASSERT_LE(0, self->ax);
	ASSERT_LE(0, self->bx);
	ASSERT_LE(0, self->ay);
	ASSERT_LE(0, self->by);

	ASSERT_EQ(0, st_host_init(&self->a, 0));
	ASSERT_EQ(0, st_host_init(&self->b, 1));
	ASSERT_EQ(0, st_bind(&self->a, self->ax, A_ADDR));
	ASSERT_EQ(0, st_bind(&self->a, self->ay, A_ADDR));
	ASSERT_EQ(0, st_bind(&self->b, self->bx, B_ADDR));
	ASSERT_EQ(0, st_bind(&self->b, self->by, B_ADDR));
	rc = st_link_setup(&self->a, self->ax, A_EID, B_EID, B_ADDR);
	ASSERT_EQ(0, rc) TH_LOG("A: %s %s", strerror(-rc), self->a.nl.extack);
	/* A's second link: up, its EID, B's address known, no route yet */
	rc = st_link_setup(&self->a, self->ay, A_EID, 0, 0);
	ASSERT_EQ(0, rc);
	ASSERT_EQ(0, mtl_neigh_add(&self->a.nl, st_ifindex(&self->a, self->ay),
				   B_EID, (uint8_t[]){ B_ADDR }, 1));
	rc = st_link_setup(&self->b, self->bx, B_EID, A_EID, A_ADDR);
	ASSERT_EQ(0, rc) TH_LOG("B: %s %s", strerror(-rc), self->b.nl.extack);
	ASSERT_EQ(0, st_link_setup(&self->b, self->by, 0, 0, 0));

	self->cli = mk_socket_ns(self->a.ns);
	ASSERT_LE(0, self->cli);
	self->srv = st_listen(&self->b);
	ASSERT_LE(0, self->srv);
}

FIXTURE_TEARDOWN(paths)
{
	if (self->cli >= 0)
		close(self->cli);
	if (self->srv >= 0)
		close(self->srv);
	st_sim("del sx");
	st_sim("del sy");
	st_host_fini(&self->a);
	st_host_fini(&self->b);
}

/* Poll a counter of A's link on @bus until it reads @want (1 s at most). */
static long wait_ctr(struct st_host *h, int bus, const char *name, long want)
{
	long v = st_ctr(h, bus, name);

	for (int i = 0; i < 100 && v != want; i++) {
		usleep(10000);
		v = st_ctr(h, bus, name);
	}
	return v;
}

/*
 * A preallocated tag's requests first go out over sx, then, after the
 * route moved, over sy. The flow moves with them: sx is told its flow
 * ended when the packets move, and dropping the tag releases the flow on
 * sy, the bus that holds it. A flow cookie reused across the move would
 * leave sy holding a flow nobody releases (until its bound) and tell sx
 * to release one twice.
 */
TEST_F(paths, flow_moves_with_the_route)
{
	struct mctp_ioc_tag_ctl2 ctl;
	int ifx = st_ifindex(&self->a, self->ax);
	int ify = st_ifindex(&self->a, self->ay);
	uint8_t buf[16] = { 1 };

	/* holds far longer than the test: only releases end them */
	ASSERT_EQ(0, st_set_hold_ms(&self->a, self->ax, 5000));
	ASSERT_EQ(0, st_set_hold_ms(&self->a, self->ay, 5000));

	memset(&ctl, 0, sizeof(ctl));
	ctl.net = 1;
	ctl.peer_addr = B_EID;
	ctl.local_addr = MCTP_ADDR_ANY;
	ASSERT_EQ(0, ioctl(self->cli, SIOCMCTPALLOCTAG2, &ctl));

	ASSERT_EQ(1, mtl_sendto(self->cli, 1, B_EID, ST_TYPE, ctl.tag, buf, 1));
	ASSERT_TRUE(mtl_readable(self->srv, MK_WAIT_MS));
	mk_drain(self->srv);
	EXPECT_EQ(1, wait_ctr(&self->a, self->ax, "flows", 1));

	/* the route moves to sy */
	ASSERT_EQ(0, mtl_route_del(&self->a.nl, B_EID, 0, ifx));
	ASSERT_EQ(0, mtl_route_add(&self->a.nl, B_EID, 0, ify, 0));
	ASSERT_EQ(1, mtl_sendto(self->cli, 1, B_EID, ST_TYPE, ctl.tag, buf, 1));
	ASSERT_TRUE(mtl_readable(self->srv, MK_WAIT_MS));
	mk_drain(self->srv);
	EXPECT_EQ(1, wait_ctr(&self->a, self->ay, "flows", 1));
	EXPECT_EQ(0, wait_ctr(&self->a, self->ax, "flows", 0))
		TH_LOG("sx still holds the flow that moved to sy");
	EXPECT_EQ(1, st_ctr(&self->a, self->ax, "flow_released"));

	/* the tag goes: sy's flow is released, nothing else */
	ASSERT_EQ(0, ioctl(self->cli, SIOCMCTPDROPTAG2, &ctl));
	EXPECT_EQ(0, wait_ctr(&self->a, self->ay, "flows", 0))
		TH_LOG("sy holds a flow nobody releases");
	EXPECT_EQ(1, st_ctr(&self->a, self->ay, "flow_released"));
	EXPECT_EQ(0, st_ctr(&self->a, self->ay, "flow_expired"));
	EXPECT_EQ(1, st_ctr(&self->a, self->ax, "flow_released"))
		TH_LOG("sx told twice");
	EXPECT_EQ(0, st_ctr(&self->a, self->ax, "flow_errors"));
	EXPECT_EQ(0, st_ctr(&self->a, self->ay, "flow_errors"));
	EXPECT_EQ(0, st_ctr(&self->a, self->ax, "bus_held"));
	EXPECT_EQ(0, st_ctr(&self->a, self->ay, "bus_held"));
}

/*
 * A gateway route whose gateway is a neighbour with an SMBus address: the
 * packets for the EIDs behind the gateway go to the gateway's address.
 */
TEST_F(paths, gateway_through_neighbour)
{
	struct sockaddr_mctp src;
	uint8_t buf[16] = { 'g', 'w' };
	int ifx = st_ifindex(&self->a, self->ax);

	ASSERT_EQ(0, mtl_addr_add(&self->b.nl, st_ifindex(&self->b, self->bx),
				  B_EID2));
	ASSERT_EQ(0, mtl_route_add_gw(&self->a.nl, B_EID2, 0, 1, B_EID, 0));

	ASSERT_EQ(2, mtl_sendto(self->cli, 1, B_EID2, ST_TYPE, MCTP_TAG_OWNER,
				buf, 2));
	ASSERT_EQ(2, mtl_recv(self->srv, buf, sizeof(buf), 0, &src,
			      MK_WAIT_MS))
		TH_LOG("request via the gateway's SMBus address lost");
	EXPECT_EQ(A_EID, src.smctp_addr.s_addr);
	EXPECT_EQ(1, st_stat(&self->b, self->bx, "rx_packets"));

	/* without the neighbour the gateway's address is unknown */
	ASSERT_EQ(0, mtl_neigh_del(&self->a.nl, ifx, B_EID));
	EXPECT_EQ(-EHOSTUNREACH, mtl_sendto(self->cli, 1, B_EID2, ST_TYPE,
					    MCTP_TAG_OWNER, buf, 2));
	EXPECT_TRUE(mk_quiet(self->srv, MK_QUIET_MS));
}

TEST_HARNESS_MAIN

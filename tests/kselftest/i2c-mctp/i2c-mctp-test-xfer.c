// SPDX-License-Identifier: GPL-2.0
/*
 * SMBus binding: interfaces, message exchange and bus holds.
 *
 * pair: one simulated segment with two adapters. Host A (bus owner, EID 8)
 *       binds at 0x10 on a0, host B (device, EID 9) at 0x20 on a1; each
 *       host is a network namespace. A TMP75-like sensor shares the bus.
 * mux:  the owner's adapter a0 has a 4-channel mux (staying on the last
 *       selected channel); device adapters d1 (EID 21) and d2 (EID 22) sit
 *       behind channels 1 and 2, both at address 0x30. Sensors sit on the
 *       root and behind channel 3.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/neighbour.h>
#include <net/if_arp.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "smbus-test.h"

#define A_ADDR	0x10
#define B_ADDR	0x20
#define A_EID	8
#define B_EID	9
#define TMP_ADDR 0x48

static const size_t sizes[] = {
	1, 2, 59, 60, 63, 64, 65, 200, 249, 250, 251, 1000, 4096, 16384, 65535,
};

FIXTURE(pair) {
	struct st_host a, b;
	int bus_a, bus_b;
	int cli, srv;
};

FIXTURE_SETUP(pair)
{
	int rc;

	self->cli = self->srv = -1;
	ASSERT_EQ(0, st_private_mounts());
	st_sim("del sx");
	ASSERT_EQ(0, st_sim("add sx adapters=2"));
	ASSERT_EQ(0, st_seg("sx", "add-tmp75 t0 addr=0x%x", TMP_ADDR));
	self->bus_a = st_bus("sx", "a0");
	self->bus_b = st_bus("sx", "a1");
	ASSERT_LE(0, self->bus_a);
	ASSERT_LE(0, self->bus_b);

	ASSERT_EQ(0, st_host_init(&self->a, 0));
	ASSERT_EQ(0, st_host_init(&self->b, 1));
	ASSERT_EQ(0, st_bind(&self->a, self->bus_a, A_ADDR));
	ASSERT_EQ(0, st_bind(&self->b, self->bus_b, B_ADDR));
	rc = st_link_setup(&self->a, self->bus_a, A_EID, B_EID, B_ADDR);
	ASSERT_EQ(0, rc) TH_LOG("A: %s %s", strerror(-rc), self->a.nl.extack);
	rc = st_link_setup(&self->b, self->bus_b, B_EID, A_EID, A_ADDR);
	ASSERT_EQ(0, rc) TH_LOG("B: %s %s", strerror(-rc), self->b.nl.extack);

	self->cli = mk_socket_ns(self->a.ns);
	ASSERT_LE(0, self->cli);
	self->srv = st_listen(&self->b);
	ASSERT_LE(0, self->srv);
}

FIXTURE_TEARDOWN(pair)
{
	if (self->cli >= 0)
		close(self->cli);
	if (self->srv >= 0)
		close(self->srv);
	st_sim("del sx");
	st_host_fini(&self->a);
	st_host_fini(&self->b);
}

TEST_F(pair, link)
{
	struct mtl_link l;
	int ifi = st_ifindex(&self->a, self->bus_a);

	ASSERT_LT(0, ifi);
	ASSERT_EQ(0, mtl_link_get(&self->a.nl, ifi, &l));
	EXPECT_EQ(ARPHRD_MCTP, l.type);
	EXPECT_EQ(1, l.addr_len);
	EXPECT_EQ(A_ADDR, l.addr[0]);
	EXPECT_EQ(68, l.mtu);
	if (l.max_mtu) {
		EXPECT_EQ(68, l.min_mtu);
		EXPECT_EQ(254, l.max_mtu);
	}
	EXPECT_TRUE(l.has_phys_binding);
	EXPECT_EQ(MCTP_PHYS_BINDING_SMBUS, l.phys_binding);

	EXPECT_EQ(0, mtl_link_set_mtu(&self->a.nl, ifi, 254));
	EXPECT_NE(0, mtl_link_set_mtu(&self->a.nl, ifi, 255));
	EXPECT_NE(0, mtl_link_set_mtu(&self->a.nl, ifi, 67));
	EXPECT_EQ(0, mtl_link_set_mtu(&self->a.nl, ifi, 68));

	EXPECT_EQ(self->bus_a, st_ctr(&self->a, self->bus_a, "adapter"));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "mux_channel"));
	EXPECT_EQ(100, st_ctr(&self->a, self->bus_a, "hold_ms"));
	/* the other host's interface lives in the other namespace */
	EXPECT_GT(0, st_ifindex(&self->a, self->bus_b));
}

static void exchange_sizes(struct __test_metadata *_metadata,
			   FIXTURE_DATA(pair) *self)
{
	unsigned int i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		rc = st_roundtrip(self->cli, self->srv, B_EID, sizes[i], i,
				  10000);
		ASSERT_EQ(0, rc) TH_LOG("%zu bytes: %s", sizes[i],
					strerror(-rc));
	}
}

TEST_F_TIMEOUT(pair, sizes_min_mtu, 300)
{
	exchange_sizes(_metadata, self);
	EXPECT_EQ(0, st_stat(&self->a, self->bus_a, "rx_errors"));
	EXPECT_EQ(0, st_stat(&self->b, self->bus_b, "rx_errors"));
	EXPECT_EQ(0, st_stat(&self->a, self->bus_a, "tx_errors"));
	EXPECT_LT(1000, st_stat(&self->a, self->bus_a, "tx_packets"));
}

TEST_F_TIMEOUT(pair, sizes_max_mtu, 300)
{
	ASSERT_EQ(0, mtl_link_set_mtu(&self->a.nl,
				      st_ifindex(&self->a, self->bus_a), 254));
	ASSERT_EQ(0, mtl_link_set_mtu(&self->b.nl,
				      st_ifindex(&self->b, self->bus_b), 254));
	exchange_sizes(_metadata, self);
	EXPECT_EQ(0, st_stat(&self->b, self->bus_b, "rx_errors"));
}

/*
 * A packet tap on the sender's interface shares every transmitted skb, so
 * the binding must copy the frame to add its PEC (the path it otherwise
 * skips), and the tap must see each frame as built, without the PEC.
 */
TEST_F_TIMEOUT(pair, sizes_tapped, 300)
{
	int ifi = st_ifindex(&self->a, self->bus_a);
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_ALL),
		.sll_ifindex = ifi,
	};
	unsigned int frames = 0, outgoing = 0;
	struct sockaddr_ll from;
	socklen_t fromlen;
	uint8_t buf[512];
	ssize_t n;
	int tap;

	ASSERT_LT(0, ifi);
	ASSERT_EQ(0, mtl_link_set_mtu(&self->a.nl, ifi, 254));
	tap = mtl_socket_ns(self->a.ns, AF_PACKET, SOCK_RAW | SOCK_CLOEXEC,
			    htons(ETH_P_ALL));
	ASSERT_LE(0, tap);
	ASSERT_EQ(0, bind(tap, (struct sockaddr *)&sll, sizeof(sll)));
	mk_set_rcvbuf(tap, MK_BIG_RCVBUF);

	exchange_sizes(_metadata, self);
	EXPECT_EQ(0, st_stat(&self->a, self->bus_a, "tx_errors"));
	EXPECT_EQ(0, st_stat(&self->b, self->bus_b, "rx_errors"));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "tx_bad_frame"));

	for (;;) {
		fromlen = sizeof(from);
		n = recvfrom(tap, buf, sizeof(buf), MSG_DONTWAIT,
			     (struct sockaddr *)&from, &fromlen);
		if (n < 0)
			break;
		frames++;
		if (from.sll_pkttype != PACKET_OUTGOING)
			continue;
		outgoing++;
		/* dest, command, byte count, source, then the count's bytes */
		ASSERT_LE(8, n);
		EXPECT_EQ(B_ADDR << 1, buf[0]);
		EXPECT_EQ(0x0f, buf[1]);
		EXPECT_EQ(n, buf[2] + 3) TH_LOG("frame %u: %zd bytes", frames, n);
	}
	EXPECT_LT(0, outgoing) TH_LOG("%u frames, none outgoing", frames);
	close(tap);
}

/* Wire timing: 1 MHz, with both sides sending at once. */
TEST_F_TIMEOUT(pair, timed_both_ways, 300)
{
	int cli_b, srv_a, i, rc;

	ASSERT_EQ(0, st_seg_set("sx", "speed", 1000000));
	cli_b = mk_socket_ns(self->b.ns);
	srv_a = st_listen(&self->a);
	ASSERT_LE(0, cli_b);
	ASSERT_LE(0, srv_a);
	for (i = 0; i < 20; i++) {
		rc = st_roundtrip(self->cli, self->srv, B_EID, 300 + i, i,
				  5000);
		ASSERT_EQ(0, rc) TH_LOG("A->B %d: %s", i, strerror(-rc));
		rc = st_roundtrip(cli_b, srv_a, A_EID, 300 + i, i, 5000);
		ASSERT_EQ(0, rc) TH_LOG("B->A %d: %s", i, strerror(-rc));
	}
	close(cli_b);
	close(srv_a);
}

/* The receiver learns the physical source (extended addressing). */
TEST_F(pair, ext_addr)
{
	struct sockaddr_mctp_ext src;
	socklen_t alen = sizeof(src);
	uint8_t buf[16] = { 1, 2, 3 };
	int one = 1;

	ASSERT_EQ(0, setsockopt(self->srv, SOL_MCTP, MCTP_OPT_ADDR_EXT, &one,
				sizeof(one)));
	ASSERT_EQ(3, mtl_sendto(self->cli, MCTP_NET_ANY, B_EID, ST_TYPE,
				MCTP_TAG_OWNER, buf, 3));
	ASSERT_TRUE(mtl_readable(self->srv, MK_WAIT_MS));
	ASSERT_EQ(3, recvfrom(self->srv, buf, sizeof(buf), 0,
			      (struct sockaddr *)&src, &alen));
	EXPECT_EQ(sizeof(src), alen);
	EXPECT_EQ(A_EID, src.smctp_base.smctp_addr.s_addr);
	EXPECT_EQ(st_ifindex(&self->b, self->bus_b), src.smctp_ifindex);
	EXPECT_EQ(1, src.smctp_halen);
	EXPECT_EQ(A_ADDR, src.smctp_haddr[0]);
}

/* A request holds the bus until its response is in. */
TEST_F(pair, hold_released_on_reply)
{
	ASSERT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 10, 1, 2000));
	/* the core ends the flow when the response completes */
	for (int i = 0; i < 100 && st_ctr(&self->a, self->bus_a, "flows");
	     i++)
		usleep(10000);
	EXPECT_EQ(1, st_ctr(&self->a, self->bus_a, "flow_holds"));
	EXPECT_EQ(1, st_ctr(&self->a, self->bus_a, "flow_released"));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "flow_expired"));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "flows"));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "bus_held"));
	/* the response itself is no request: no hold on B */
	EXPECT_EQ(0, st_ctr(&self->b, self->bus_b, "flow_holds"));
}

/*
 * No response: the hold ends at the bound, and another user of the
 * adapter gets the bus then, not after the key's lifetime.
 */
TEST_F(pair, hold_bound)
{
	uint8_t hdr[4] = { 1, B_EID, A_EID, 0xc8 }, frame[16];
	uint8_t buf[4] = { 9 };
	double t0, held, waited;
	size_t flen;

	/* a frame with a bad PEC: harmless to B, but needs A's bus */
	flen = st_frame(frame, B_ADDR, A_ADDR, hdr, sizeof(hdr));
	frame[flen - 1] ^= 0xff;

	ASSERT_EQ(0, st_set_hold_ms(&self->a, self->bus_a, 300));
	t0 = mk_now();
	ASSERT_EQ(1, mtl_sendto(self->cli, MCTP_NET_ANY, B_EID, ST_TYPE,
				MCTP_TAG_OWNER, buf, 1));
	/* B receives it but does not answer */
	ASSERT_TRUE(mtl_readable(self->srv, MK_WAIT_MS));
	while (!st_ctr(&self->a, self->bus_a, "flow_holds") &&
	       mk_now() - t0 < 2)
		usleep(1000);
	ASSERT_EQ(1, st_ctr(&self->a, self->bus_a, "flow_holds"));

	/* an i2c-dev write on A's adapter waits for the bus */
	ASSERT_EQ(0, st_i2c_write(self->bus_a, B_ADDR, frame, flen));
	waited = mk_now() - t0;
	while (st_ctr(&self->a, self->bus_a, "bus_held") && mk_now() - t0 < 5)
		usleep(5000);
	held = mk_now() - t0;
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "bus_held"));
	EXPECT_EQ(1, st_ctr(&self->a, self->bus_a, "flow_expired"));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "flows"));
	/* far below the 6 s key lifetime */
	EXPECT_TRUE(held < 3.0) TH_LOG("held %.3f s", held);
	EXPECT_TRUE(waited < 3.0) TH_LOG("i2c-dev waited %.3f s", waited);
	EXPECT_EQ(1, st_ctr(&self->b, self->bus_b, "rx_bad_pec"));
}

/*
 * A response longer than the bound on a slow bus: the hold lasts while
 * the response comes in, and ends with it, not at the bound.
 */
TEST_F_TIMEOUT(pair, long_reply_keeps_hold, 300)
{
	ASSERT_EQ(0, st_seg_set("sx", "speed", 100000));
	ASSERT_EQ(0, st_set_hold_ms(&self->a, self->bus_a, 300));
	ASSERT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 8000, 1,
				  20000));
	for (int i = 0; i < 100 && st_ctr(&self->a, self->bus_a, "flows");
	     i++)
		usleep(10000);
	EXPECT_EQ(1, st_ctr(&self->a, self->bus_a, "flow_holds"));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "flow_expired"));
	EXPECT_EQ(1, st_ctr(&self->a, self->bus_a, "flow_released"));
}

/* hold_ms = 0: requests never hold the bus. */
TEST_F(pair, hold_off)
{
	ASSERT_EQ(0, st_set_hold_ms(&self->a, self->bus_a, 0));
	ASSERT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 100, 1, 2000));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "flow_holds"));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "bus_held"));
	EXPECT_NE(0, st_set_hold_ms(&self->a, self->bus_a, 10001));
}

/* The sensor on the bus sees none of the MCTP traffic. */
TEST_F_TIMEOUT(pair, tmp75_untouched, 120)
{
	int i;

	for (i = 0; i < 20; i++)
		ASSERT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID,
					  1 + i * 100, i, 2000));
	EXPECT_EQ(0, st_dev_counter("sx", "t0", "accesses"));
}

#define LEARN_PARAM "/sys/module/i2c_mctp/parameters/learn_neigh"

/* B's neighbour entry for A: its address, or -1; *state its NUD state. */
static int b_neigh_a(FIXTURE_DATA(pair) *self, uint8_t *state)
{
	struct mtl_neigh n[8];
	int i, cnt;

	cnt = mtl_neigh_dump(&self->b.nl, 0, n, 8);
	for (i = 0; i < cnt && i < 8; i++) {
		if (n[i].eid != A_EID || n[i].lladdr_len != 1)
			continue;
		if (state)
			*state = n[i].state;
		return n[i].lladdr[0];
	}
	return -1;
}

/*
 * Neighbour learning (off by default): B has no neighbour entry for A;
 * with learning on, A's request teaches it where A is, in time for B's
 * immediate response. A learnt entry can be deleted and is replaced by a
 * static one; a static entry is never replaced by learning.
 */
TEST_F(pair, learn_neigh)
{
	int ifb = st_ifindex(&self->b, self->bus_b);
	uint8_t state = 0;
	char v[8] = "";

	ASSERT_LT(0, st_read(LEARN_PARAM, v, sizeof(v)));
	EXPECT_EQ('N', v[0]);
	ASSERT_EQ(0, mtl_neigh_del(&self->b.nl, ifb, A_EID));
	/* B gets the request but cannot answer */
	EXPECT_NE(0, st_roundtrip(self->cli, self->srv, B_EID, 4, 1, 300));
	EXPECT_EQ(-1, b_neigh_a(self, NULL));

	ASSERT_EQ(0, st_write(LEARN_PARAM, "Y"));
	mk_drain(self->srv);
	mk_drain(self->cli);
	EXPECT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 4, 2, 1000));
	EXPECT_EQ(A_ADDR, b_neigh_a(self, &state));
	EXPECT_EQ(NUD_REACHABLE, state);

	/* a learnt entry goes on request, and comes back with traffic */
	EXPECT_EQ(0, mtl_neigh_del(&self->b.nl, ifb, A_EID));
	EXPECT_EQ(-1, b_neigh_a(self, NULL));
	EXPECT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 4, 3, 1000));
	EXPECT_EQ(A_ADDR, b_neigh_a(self, NULL));

	/* a static entry replaces it, and learning leaves that one alone */
	EXPECT_EQ(0, mtl_neigh_add(&self->b.nl, ifb, A_EID,
				   (uint8_t[]){ 0x55 }, 1));
	EXPECT_EQ(0x55, b_neigh_a(self, &state));
	EXPECT_EQ(NUD_PERMANENT, state);
	EXPECT_NE(0, st_roundtrip(self->cli, self->srv, B_EID, 4, 4, 300));
	EXPECT_EQ(0x55, b_neigh_a(self, NULL));

	ASSERT_EQ(0, st_write(LEARN_PARAM, "N"));
	ASSERT_EQ(0, mtl_neigh_del(&self->b.nl, ifb, A_EID));
	ASSERT_EQ(0, mtl_neigh_add(&self->b.nl, ifb, A_EID,
				   (uint8_t[]){ A_ADDR }, 1));
	mk_drain(self->srv);
	mk_drain(self->cli);
	EXPECT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 4, 5, 1000));
}

#define TTL_PARAM "/sys/module/af_mctp/parameters/neigh_learnt_ttl"

/*
 * A learnt entry lasts while traffic comes from the peer, and goes after
 * neigh_learnt_ttl seconds of silence (default 600; 3 here).
 */
TEST_F_TIMEOUT(pair, learn_neigh_expires, 120)
{
	int ifb = st_ifindex(&self->b, self->bus_b);
	char ttl[16] = "";
	int i;

	ASSERT_LT(0, st_read(TTL_PARAM, ttl, sizeof(ttl)));
	EXPECT_EQ(600, atoi(ttl));
	ASSERT_EQ(0, mtl_neigh_del(&self->b.nl, ifb, A_EID));
	ASSERT_EQ(0, st_write(TTL_PARAM, "3"));
	ASSERT_EQ(0, st_write(LEARN_PARAM, "Y"));

	EXPECT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 4, 1, 1000));
	EXPECT_EQ(A_ADDR, b_neigh_a(self, NULL));
	/* a request every half second for twice the TTL keeps it */
	for (i = 0; i < 12; i++) {
		usleep(500 * 1000);
		EXPECT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 4,
					  2 + i, 1000));
	}
	EXPECT_EQ(A_ADDR, b_neigh_a(self, NULL));
	/* silence: it goes */
	for (i = 0; i < 60 && b_neigh_a(self, NULL) >= 0; i++)
		usleep(100 * 1000);
	EXPECT_EQ(-1, b_neigh_a(self, NULL));
	/* not before the TTL less the up to 1 s a refresh may lag */
	EXPECT_LE(15, i) TH_LOG("gone after %d ms of silence", i * 100);
	/* and traffic brings it back */
	EXPECT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 4, 20, 1000));
	EXPECT_EQ(A_ADDR, b_neigh_a(self, NULL));

	EXPECT_EQ(0, st_write(TTL_PARAM, "600"));
	EXPECT_EQ(0, st_write(LEARN_PARAM, "N"));
	ASSERT_EQ(0, mtl_neigh_del(&self->b.nl, ifb, A_EID));
	ASSERT_EQ(0, mtl_neigh_add(&self->b.nl, ifb, A_EID,
				   (uint8_t[]){ A_ADDR }, 1));
}

/* Interface down and up: traffic resumes, no hold is left behind. */
TEST_F(pair, down_up)
{
	int ifi = st_ifindex(&self->a, self->bus_a);

	ASSERT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 10, 1, 2000));
	ASSERT_EQ(0, mtl_link_down(&self->a.nl, ifi));
	EXPECT_EQ(0, st_ctr(&self->a, self->bus_a, "bus_held"));
	ASSERT_EQ(0, mtl_link_up(&self->a.nl, ifi));
	ASSERT_EQ(0, st_roundtrip(self->cli, self->srv, B_EID, 10, 2, 2000));
}

/* ---- behind a mux ---- */

#define D_ADDR	0x30
#define D1_EID	21
#define D2_EID	22

FIXTURE(mux) {
	struct st_host own, d1, d2;
	int bus_root, bus_ch[4], bus_d1, bus_d2;
	int cli, srv1, srv2;
};

FIXTURE_SETUP(mux)
{
	int i, rc;
	char name[8];

	self->cli = self->srv1 = self->srv2 = -1;
	ASSERT_EQ(0, st_private_mounts());
	st_sim("del sm");
	ASSERT_EQ(0, st_sim("add sm adapters=1"));
	ASSERT_EQ(0, st_seg("sm", "add-mux m0 parent=a0 channels=4 idle=as-is"));
	ASSERT_EQ(0, st_seg("sm", "add-adapter d1 on=m0.1"));
	ASSERT_EQ(0, st_seg("sm", "add-adapter d2 on=m0.2"));
	ASSERT_EQ(0, st_seg("sm", "add-tmp75 t0 addr=0x%x", TMP_ADDR));
	ASSERT_EQ(0, st_seg("sm", "add-tmp75 t3 addr=0x%x on=m0.3",
			    TMP_ADDR + 1));
	self->bus_root = st_bus("sm", "a0");
	self->bus_d1 = st_bus("sm", "d1");
	self->bus_d2 = st_bus("sm", "d2");
	ASSERT_LE(0, self->bus_root);
	ASSERT_LE(0, self->bus_d1);
	ASSERT_LE(0, self->bus_d2);
	for (i = 0; i < 4; i++) {
		snprintf(name, sizeof(name), "m0.%d", i);
		self->bus_ch[i] = st_bus("sm", name);
		ASSERT_LT(0, self->bus_ch[i]);
	}

	ASSERT_EQ(0, st_host_init(&self->own, 0));
	ASSERT_EQ(0, st_host_init(&self->d1, 1));
	ASSERT_EQ(0, st_host_init(&self->d2, 2));
	ASSERT_EQ(0, st_bind(&self->own, self->bus_root, A_ADDR));
	ASSERT_EQ(0, st_bind(&self->d1, self->bus_d1, D_ADDR));
	ASSERT_EQ(0, st_bind(&self->d2, self->bus_d2, D_ADDR));

	rc = st_link_setup(&self->own, self->bus_ch[1], A_EID, D1_EID, D_ADDR);
	ASSERT_EQ(0, rc) TH_LOG("own ch1: %s %s", strerror(-rc),
				self->own.nl.extack);
	rc = st_link_setup(&self->own, self->bus_ch[2], A_EID, D2_EID, D_ADDR);
	ASSERT_EQ(0, rc) TH_LOG("own ch2: %s %s", strerror(-rc),
				self->own.nl.extack);
	ASSERT_EQ(0, st_link_setup(&self->own, self->bus_root, 0, 0, 0));
	ASSERT_EQ(0, st_link_setup(&self->d1, self->bus_d1, D1_EID, A_EID,
				   A_ADDR));
	ASSERT_EQ(0, st_link_setup(&self->d2, self->bus_d2, D2_EID, A_EID,
				   A_ADDR));

	self->cli = mk_socket_ns(self->own.ns);
	self->srv1 = st_listen(&self->d1);
	self->srv2 = st_listen(&self->d2);
	ASSERT_LE(0, self->cli);
	ASSERT_LE(0, self->srv1);
	ASSERT_LE(0, self->srv2);
}

FIXTURE_TEARDOWN(mux)
{
	if (self->cli >= 0)
		close(self->cli);
	if (self->srv1 >= 0)
		close(self->srv1);
	if (self->srv2 >= 0)
		close(self->srv2);
	st_sim("del sm");
	st_host_fini(&self->own);
	st_host_fini(&self->d1);
	st_host_fini(&self->d2);
}

/* One netdev for the root adapter and one per channel. */
TEST_F(mux, netdevs)
{
	int i;

	EXPECT_LT(0, st_ifindex(&self->own, self->bus_root));
	EXPECT_EQ(0, st_ctr(&self->own, self->bus_root, "mux_channel"));
	for (i = 0; i < 4; i++) {
		EXPECT_LT(0, st_ifindex(&self->own, self->bus_ch[i]));
		EXPECT_EQ(1, st_ctr(&self->own, self->bus_ch[i],
				    "mux_channel"));
		EXPECT_EQ(self->bus_ch[i],
			  st_ctr(&self->own, self->bus_ch[i], "adapter"));
	}
}

/*
 * Requests alternate between the two channels (same device address on
 * both): every response is credited to the channel it came through.
 */
TEST_F_TIMEOUT(mux, alternate, 300)
{
	long rx1, rx2;
	unsigned int i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		rc = st_roundtrip(self->cli, self->srv1, D1_EID, sizes[i], i,
				  10000);
		ASSERT_EQ(0, rc) TH_LOG("d1 %zu: %s", sizes[i], strerror(-rc));
		rc = st_roundtrip(self->cli, self->srv2, D2_EID, sizes[i],
				  i + 100, 10000);
		ASSERT_EQ(0, rc) TH_LOG("d2 %zu: %s", sizes[i], strerror(-rc));
	}
	rx1 = st_stat(&self->own, self->bus_ch[1], "rx_packets");
	rx2 = st_stat(&self->own, self->bus_ch[2], "rx_packets");
	EXPECT_LT(1000, rx1);
	EXPECT_EQ(rx1, st_stat(&self->d1, self->bus_d1, "tx_packets"));
	EXPECT_EQ(rx2, st_stat(&self->d2, self->bus_d2, "tx_packets"));
	EXPECT_EQ(0, st_stat(&self->own, self->bus_root, "rx_packets"));
	EXPECT_EQ(0, st_stat(&self->own, self->bus_ch[0], "rx_packets"));
	EXPECT_EQ(0, st_stat(&self->own, self->bus_ch[3], "rx_packets"));
	EXPECT_EQ(0, st_dev_counter("sm", "t0", "accesses"));
	EXPECT_EQ(0, st_dev_counter("sm", "t3", "accesses"));
}

/* A request from behind the mux, while its channel is selected. */
TEST_F(mux, device_request)
{
	int srv = st_listen(&self->own);
	int cli = mk_socket_ns(self->d1.ns);
	long before;

	ASSERT_LE(0, srv);
	ASSERT_LE(0, cli);
	/* selects channel 1, which stays selected */
	ASSERT_EQ(0, st_roundtrip(self->cli, self->srv1, D1_EID, 5, 1, 2000));
	before = st_stat(&self->own, self->bus_ch[1], "rx_packets");
	ASSERT_EQ(0, st_roundtrip(cli, srv, A_EID, 500, 2, 2000));
	EXPECT_LT(before, st_stat(&self->own, self->bus_ch[1], "rx_packets"));
	EXPECT_EQ(0, st_stat(&self->own, self->bus_ch[2], "rx_packets"));
	close(cli);
	close(srv);
}

/* With wire timing the channel hold keeps the mux on d1 for its reply. */
TEST_F_TIMEOUT(mux, timed, 300)
{
	int i, rc;

	ASSERT_EQ(0, st_seg_set("sm", "speed", 400000));
	for (i = 0; i < 10; i++) {
		rc = st_roundtrip(self->cli, self->srv1, D1_EID, 100 * i + 1,
				  i, 5000);
		ASSERT_EQ(0, rc) TH_LOG("d1 %d: %s", i, strerror(-rc));
		rc = st_roundtrip(self->cli, self->srv2, D2_EID, 100 * i + 1,
				  i, 5000);
		ASSERT_EQ(0, rc) TH_LOG("d2 %d: %s", i, strerror(-rc));
	}
	EXPECT_EQ(0, st_ctr(&self->own, self->bus_ch[1], "flow_expired"));
}

/*
 * d1's long response (longer than the bound at 100 kHz) keeps channel 1
 * selected while requests to d2 wait for the bus; nothing is lost.
 */
TEST_F_TIMEOUT(mux, long_reply_keeps_channel, 300)
{
	int status, i, rc;
	pid_t pid;

	ASSERT_EQ(0, st_seg_set("sm", "speed", 100000));
	for (i = 1; i <= 2; i++)
		ASSERT_EQ(0, st_set_hold_ms(&self->own, self->bus_ch[i], 500));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		int cli = mk_socket_ns(self->own.ns);

		usleep(300000);
		for (i = 0; i < 5; i++)
			if (st_roundtrip(cli, self->srv2, D2_EID, 10, i, 20000))
				_exit(1);
		_exit(0);
	}
	rc = st_roundtrip(self->cli, self->srv1, D1_EID, 12000, 1, 30000);
	EXPECT_EQ(0, rc) TH_LOG("d1: %s", strerror(-rc));
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status));
	EXPECT_EQ(0, st_ctr(&self->own, self->bus_ch[1], "flow_expired"));
	EXPECT_EQ(0, st_ctr(&self->d1, self->bus_d1, "tx_nak"));
}

/* Channels added after the binding get their netdev too, and go. */
TEST_F(mux, hotplug_channels)
{
	int bus;

	ASSERT_EQ(0, st_seg("sm", "add-mux m1 parent=a0 addr=0x71 channels=2"));
	bus = st_bus("sm", "m1.1");
	ASSERT_LT(0, bus);
	EXPECT_LT(0, st_ifindex(&self->own, bus));
	ASSERT_EQ(0, st_seg("sm", "del m1"));
	EXPECT_GT(0, st_ifindex(&self->own, bus));
	/* the rest still works */
	ASSERT_EQ(0, st_roundtrip(self->cli, self->srv1, D1_EID, 5, 1, 2000));
}

TEST_HARNESS_MAIN

// SPDX-License-Identifier: GPL-2.0
/*
 * SMBus binding: every bus fault shows in its own counter, ends in a
 * clean error (the message is lost as a whole, never delivered corrupted)
 * and leaves the interface working.
 *
 * pair: host A (EID 8) at 0x10 on a0, host B (EID 9) at 0x20 on a1 of one
 * segment; faults are injected by smbus-sim on transfers to 0x20, and
 * malformed frames are written to 0x20 from a0 through i2c-dev.
 * mux:  host A on the root of a mux, host D behind channel 1.
 */
#define _GNU_SOURCE
#include <time.h>
#include <sys/wait.h>
#include "kselftest_harness.h"
#include "smbus-test.h"

FIXTURE(pair) {
	struct st_pair p;
};

FIXTURE_SETUP(pair)
{
	int rc = st_pair_setup(&self->p, "sf", NULL);

	ASSERT_EQ(0, rc) TH_LOG("setup: %s (%s / %s)", strerror(-rc),
				self->p.a.nl.extack, self->p.b.nl.extack);
}

FIXTURE_TEARDOWN(pair)
{
	st_pair_teardown(&self->p);
}

#define A(name)	st_ctr(&self->p.a, self->p.bus_a, name)
#define B(name)	st_ctr(&self->p.b, self->p.bus_b, name)
#define AS(name) st_stat(&self->p.a, self->p.bus_a, name)
#define BS(name) st_stat(&self->p.b, self->p.bus_b, name)

/* Send one request of @len bytes from A to B; nothing may arrive. */
static void send_lost(struct __test_metadata *_metadata, struct st_pair *p,
		      size_t len)
{
	static uint8_t buf[ST_MAXMSG];

	mtl_pattern(buf, len, 7);
	ASSERT_EQ((ssize_t)len, mtl_sendto(p->cli, MCTP_NET_ANY, ST_B_EID,
					   ST_TYPE, MCTP_TAG_OWNER, buf, len));
	EXPECT_TRUE(mk_quiet(p->srv, 500));
}

/* After a fault: the next exchange works and the bus is not held. */
static void still_works(struct __test_metadata *_metadata, struct st_pair *p)
{
	int rc;

	rc = st_roundtrip(p->cli, p->srv, ST_B_EID, 300, 3, 3000);
	ASSERT_EQ(0, rc) TH_LOG("exchange after the fault: %s", strerror(-rc));
	for (int i = 0; i < 100 && st_ctr(&p->a, p->bus_a, "bus_held"); i++)
		usleep(10000);
	EXPECT_EQ(0, st_ctr(&p->a, p->bus_a, "bus_held"));
}

TEST_F(pair, nak_addr)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x nak-addr", ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(1, A("tx_nak"));
	EXPECT_EQ(1, AS("tx_errors"));
	EXPECT_EQ(0, A("flow_holds"));
	EXPECT_EQ(0, A("bus_held"));
	still_works(_metadata, &self->p);
}

TEST_F(pair, gone)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x gone count=2", ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(2, A("tx_nak"));
	still_works(_metadata, &self->p);
}

/* B NAKs a data byte: A sees an I/O error, B a short frame. */
TEST_F(pair, nak_data)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x nak-data byte=3", ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(1, A("tx_io_error"));
	EXPECT_EQ(1, B("rx_bad_len"));
	EXPECT_EQ(1, BS("rx_length_errors"));
	still_works(_metadata, &self->p);
}

/* One lost arbitration is retried: the message gets through. */
TEST_F(pair, arb_loss_retried)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x arb-loss count=1", ST_B_ADDR));
	ASSERT_EQ(0, st_roundtrip(self->p.cli, self->p.srv, ST_B_EID, 20, 1,
				  2000));
	EXPECT_EQ(1, A("tx_arb_lost"));
	EXPECT_EQ(0, AS("tx_errors"));
}

/* Arbitration lost on every try: a clean error after the retries. */
TEST_F(pair, arb_loss)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x arb-loss count=always", ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(4, A("tx_arb_lost"));
	EXPECT_EQ(1, AS("tx_errors"));
	ASSERT_EQ(0, st_fault("sf", "clear"));
	still_works(_metadata, &self->p);
}

TEST_F(pair, corrupt_pec)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x corrupt", ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(1, B("rx_bad_pec"));
	EXPECT_EQ(1, BS("rx_crc_errors"));
	EXPECT_EQ(1, BS("rx_errors"));
	EXPECT_EQ(0, AS("tx_errors"));
	still_works(_metadata, &self->p);
}

/* A corrupted payload byte is caught by the PEC as well. */
TEST_F(pair, corrupt_payload)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x corrupt byte=9 mask=0x80",
			      ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(1, B("rx_bad_pec"));
	still_works(_metadata, &self->p);
}

TEST_F(pair, corrupt_count)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x corrupt byte=1 mask=0x10",
			      ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(1, B("rx_bad_len"));
	still_works(_metadata, &self->p);
}

/* A corrupted command code: not MCTP, and not valid IPMB either. */
TEST_F(pair, corrupt_command)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x corrupt byte=0 mask=0x01",
			      ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(1, B("rx_ipmb_bad"));
	EXPECT_EQ(0, B("rx_ipmb"));
	still_works(_metadata, &self->p);
}

TEST_F(pair, truncate)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x truncate len=9", ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(1, B("rx_bad_len"));
	still_works(_metadata, &self->p);
}

TEST_F(pair, stuck)
{
	ASSERT_EQ(0, st_seg_set("sf", "timeout_ms", 100));
	ASSERT_EQ(0, st_fault("sf", "0x%x stuck", ST_B_ADDR));
	send_lost(_metadata, &self->p, 10);
	EXPECT_EQ(1, A("tx_timeout"));
	EXPECT_EQ(1, AS("tx_errors"));
	still_works(_metadata, &self->p);
}

/*
 * A multi-packet message whose first packet fails: the rest of it is not
 * sent (tx_aborted), nothing is delivered, the request's hold is gone.
 */
TEST_F(pair, abort_message)
{
	ASSERT_EQ(0, st_fault("sf", "0x%x nak-data byte=20", ST_B_ADDR));
	send_lost(_metadata, &self->p, 500);	/* 8 packets at MTU 68 */
	EXPECT_EQ(1, A("tx_io_error"));
	EXPECT_EQ(7, A("tx_aborted"));
	EXPECT_EQ(0, A("flow_holds"));
	still_works(_metadata, &self->p);
}

/*
 * A transmit error ends the flow's hold at once. A preallocated tag keeps
 * one flow across messages: the first holds the bus (bound 5 s), the
 * second fails.
 */
TEST_F(pair, fault_in_flow)
{
	struct mctp_ioc_tag_ctl ctl = { .peer_addr = ST_B_EID };
	uint8_t buf[4] = { 1 };
	double t0;

	ASSERT_EQ(0, st_set_hold_ms(&self->p.a, self->p.bus_a, 5000));
	ASSERT_EQ(0, ioctl(self->p.cli, SIOCMCTPALLOCTAG, &ctl));
	ASSERT_EQ(1, mtl_sendto(self->p.cli, MCTP_NET_ANY, ST_B_EID, ST_TYPE,
				ctl.tag, buf, 1));
	ASSERT_TRUE(mtl_readable(self->p.srv, MK_WAIT_MS));
	/* the peer may read the packet before A's worker books the hold */
	t0 = mk_now();
	while (A("flow_holds") != 1 && mk_now() - t0 < 2)
		usleep(5000);
	EXPECT_EQ(1, A("flow_holds"));
	EXPECT_EQ(1, A("bus_held"));

	ASSERT_EQ(0, st_fault("sf", "0x%x nak-addr", ST_B_ADDR));
	t0 = mk_now();
	ASSERT_EQ(1, mtl_sendto(self->p.cli, MCTP_NET_ANY, ST_B_EID, ST_TYPE,
				ctl.tag, buf, 1));
	while (A("bus_held") && mk_now() - t0 < 3)
		usleep(5000);
	EXPECT_EQ(0, A("bus_held"));
	EXPECT_EQ(1, A("flow_errors"));
	EXPECT_EQ(1, A("tx_nak"));
	EXPECT_EQ(0, ioctl(self->p.cli, SIOCMCTPDROPTAG, &ctl));
	ASSERT_EQ(0, st_set_hold_ms(&self->p.a, self->p.bus_a, 100));
	mk_drain(self->p.srv);
	still_works(_metadata, &self->p);
}

/* ---- malformed frames written from a0 with i2c-dev ---- */

static int inject(struct st_pair *p, const uint8_t *buf, size_t len)
{
	return st_i2c_write(p->bus_a, ST_B_ADDR, buf, len);
}

static size_t good_frame(uint8_t *buf, uint8_t src)
{
	uint8_t pkt[5] = { 1, ST_B_EID, ST_A_EID, 0xc8 | 0, ST_TYPE };

	return st_frame(buf, ST_B_ADDR, src, pkt, sizeof(pkt));
}

/* A well-formed frame injected by hand is delivered. */
TEST_F(pair, inject_good)
{
	uint8_t buf[32];
	struct sockaddr_mctp src;
	size_t n = good_frame(buf, ST_A_ADDR);

	ASSERT_EQ(0, inject(&self->p, buf, n));
	ASSERT_EQ(0, mtl_recv(self->p.srv, buf, sizeof(buf), 0, &src,
			      MK_WAIT_MS));
	EXPECT_EQ(ST_A_EID, src.smctp_addr.s_addr);
	EXPECT_EQ(1, BS("rx_packets"));
	EXPECT_EQ(0, BS("rx_errors"));
}

TEST_F(pair, inject_bad_src)
{
	uint8_t a = ST_B_ADDR << 1, buf[32];
	size_t n = good_frame(buf, ST_A_ADDR);

	buf[2] &= ~1;		/* R/W bit of the source byte clear */
	buf[n - 1] = st_pec(st_pec(0, &a, 1), buf, n - 1);
	ASSERT_EQ(0, inject(&self->p, buf, n));
	n = good_frame(buf, 0x03);	/* reserved address */
	ASSERT_EQ(0, inject(&self->p, buf, n));
	EXPECT_TRUE(mk_quiet(self->p.srv, 200));
	EXPECT_EQ(2, B("rx_bad_src"));
	EXPECT_EQ(2, BS("rx_errors"));
}

TEST_F(pair, inject_no_pec)
{
	uint8_t buf[32];
	size_t n = good_frame(buf, ST_A_ADDR);

	ASSERT_EQ(0, inject(&self->p, buf, n - 1));
	EXPECT_TRUE(mk_quiet(self->p.srv, 200));
	EXPECT_EQ(1, B("rx_bad_len"));
}

TEST_F(pair, inject_short)
{
	uint8_t a = ST_B_ADDR << 1;
	uint8_t buf[8] = { 0x0f, 2, (ST_A_ADDR << 1) | 1, 1 };

	buf[4] = st_pec(st_pec(0, &a, 1), buf, 4);
	ASSERT_EQ(0, inject(&self->p, buf, 5));
	EXPECT_EQ(1, B("rx_bad_len"));
	EXPECT_EQ(0, B("rx_bad_pec"));
}

TEST_F(pair, inject_overflow)
{
	static uint8_t buf[400];

	memset(buf, 0x55, sizeof(buf));
	buf[0] = 0x0f;
	buf[1] = 0xff;
	ASSERT_EQ(0, inject(&self->p, buf, sizeof(buf)));
	EXPECT_EQ(1, B("rx_overflow"));
	EXPECT_EQ(1, BS("rx_over_errors"));
	/* and the next frame is fine */
	EXPECT_EQ(0, inject(&self->p, buf, good_frame(buf, ST_A_ADDR)));
	EXPECT_TRUE(mtl_readable(self->p.srv, MK_WAIT_MS));
}

/* Not MCTP and not IPMB (header checksum wrong): counted, dropped. */
TEST_F(pair, inject_other_command)
{
	uint8_t buf[8] = { 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99 };

	ASSERT_EQ(0, inject(&self->p, buf, sizeof(buf)));
	EXPECT_EQ(1, B("rx_ipmb_bad"));
	EXPECT_EQ(0, B("rx_bad_pec"));
}

/* An address-only write (SMBus quick command) is not an error. */
TEST_F(pair, inject_quick)
{
	ASSERT_EQ(0, inject(&self->p, NULL, 0));
	EXPECT_EQ(0, BS("rx_errors"));
	EXPECT_EQ(0, B("rx_bad_len"));
	EXPECT_EQ(0, B("rx_ipmb_bad"));
}

/* ---- random frames while real traffic runs ---- */

#define FUZZ_FRAMES	1500

/*
 * The receive outcomes of a netdev: every frame is refused by the binding
 * under one of its counters or handed to the core (rx_packets). The
 * core's own drops show in rx_dropped on top of rx_packets.
 */
static const char *const fuzz_outcome_files[] = {
	"statistics/rx_packets", "smbus/rx_bad_cmd", "smbus/rx_bad_len",
	"smbus/rx_bad_pec", "smbus/rx_bad_src", "smbus/rx_overflow",
	"smbus/rx_nomem", "smbus/rx_ipmb", "smbus/rx_ipmb_bad",
	"smbus/rx_ipmb_dropped",
};

/*
 * Garbage written from adapter @bus to @addr, where the binding of @host
 * (EID @eid, netdevs on @buses) receives it while it exchanges real
 * messages with EID @peer.
 */
struct fuzz_target {
	int bus;
	uint8_t addr, eid, peer;
	struct st_host *host;
	int buses[3], nbuses;
};

static uint32_t fuzz_next(uint32_t *s)
{
	/* xorshift32: reproducible from the printed seed */
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void fuzz_fill(uint32_t *s, uint8_t *p, size_t len)
{
	while (len--)
		*p++ = fuzz_next(s);
}

/*
 * A random MCTP packet in @pkt: mostly version 1, addressed to the target
 * or to nobody in particular, from any EID but the real peer's (so it
 * cannot join real messages), any flags; a start of message never
 * carries the test type, so nothing of it can reach a listener of the
 * test. Returns its length.
 */
static size_t fuzz_packet(uint32_t *s, const struct fuzz_target *t,
			  uint8_t *pkt)
{
	const uint8_t dests[] = { t->eid, 0, 0xff, 0x42 };
	size_t len = 4 + fuzz_next(s) % 120;

	fuzz_fill(s, pkt, len);
	if (fuzz_next(s) % 5)
		pkt[0] = 1;
	pkt[1] = dests[fuzz_next(s) % 4];
	if (pkt[2] == t->peer)
		pkt[2] = 0x77;
	if (len > 4 && (pkt[3] & 0x80) && (pkt[4] & 0x7f) == ST_TYPE)
		pkt[4] ^= 1;
	return len;
}

/*
 * One random write of @max bytes at most into @buf: random bytes, a
 * frame with the MCTP command but random contents, a well-framed packet
 * with one bit flipped, or a well-framed random packet (right count,
 * source and PEC). Returns its length.
 */
static size_t fuzz_frame(uint32_t *s, const struct fuzz_target *t,
			 uint8_t *buf, size_t max)
{
	uint8_t pkt[128], a = t->addr << 1;
	size_t len;

	switch (fuzz_next(s) % 5) {
	case 0:
		len = fuzz_next(s) % max;
		fuzz_fill(s, buf, len);
		return len;
	case 1:
		len = 1 + fuzz_next(s) % (max - 1);
		fuzz_fill(s, buf, len);
		buf[0] = 0x0f;
		if (len > 1 && fuzz_next(s) % 2)
			buf[len - 1] = st_pec(st_pec(0, &a, 1), buf, len - 1);
		return len;
	case 2:
		len = st_frame(buf, t->addr, 0x08 + fuzz_next(s) % 0x70,
			       pkt, fuzz_packet(s, t, pkt));
		buf[1 + fuzz_next(s) % (len - 1)] ^= 1 << fuzz_next(s) % 8;
		return len;
	default:
		len = fuzz_packet(s, t, pkt);
		return st_frame(buf, t->addr, 0x08 + fuzz_next(s) % 0x70,
				pkt, len);
	}
}

/* @file (under the netdev's sysfs dir) summed over the target's netdevs */
static long fuzz_sum(const struct fuzz_target *t, const char *file)
{
	long sum = 0;

	for (int i = 0; i < t->nbuses; i++)
		sum += st_netfile(t->host, t->buses[i], file);
	return sum;
}

static long fuzz_outcomes(const struct fuzz_target *t)
{
	long sum = 0;

	for (size_t i = 0; i < ARRAY_SIZE(fuzz_outcome_files); i++)
		sum += fuzz_sum(t, fuzz_outcome_files[i]);
	return sum;
}

/* Child: write FUZZ_FRAMES random frames; report how many arrived. */
static void fuzz_child(const struct fuzz_target *t, uint32_t seed, int fd)
{
	static uint8_t buf[300];
	long n = 0;
	int rc;

	for (int i = 0; i < FUZZ_FRAMES; i++) {
		size_t len = fuzz_frame(&seed, t, buf, sizeof(buf));

		rc = st_i2c_write(t->bus, t->addr, buf, len);
		/* behind a mux, a write while the channel is off is NAKed */
		if (rc == -ENXIO)
			continue;
		if (rc) {
			fprintf(stderr, "frame %d (%zu bytes): %s\n", i, len,
				strerror(-rc));
			_exit(1);
		}
		n += len > 0;
	}
	_exit(write(fd, &n, sizeof(n)) == sizeof(n) ? 0 : 1);
}

/*
 * Garbage on the bus: a child writes random frames to the target while
 * @cli exchanges real messages with @srv's host, answered by @srv. Every
 * real message arrives intact, nothing of the garbage reaches @srv, and
 * every frame is accounted for in exactly one of the target's receive
 * counters. The kernel's own checks (KASAN, lockdep, kmemleak) judge the
 * rest. ST_FUZZ_SEED replays a run.
 */
static void fuzz_run(struct __test_metadata *_metadata,
		     const struct fuzz_target *t, int cli, int srv,
		     uint8_t srv_eid)
{
	const char *env = getenv("ST_FUZZ_SEED");
	uint32_t seed = env ? strtoul(env, NULL, 0) : (uint32_t)time(NULL);
	long before = fuzz_outcomes(t), garbage = 0, real = 0;
	long dropped = fuzz_sum(t, "statistics/rx_dropped");
	long bad_pec = fuzz_sum(t, "statistics/rx_crc_errors");
	int status, fds[2], rounds = 0;
	bool done = false;
	uint32_t rs;
	pid_t pid;

	if (!seed)
		seed = 1;
	rs = seed ^ 0x5a5a5a5a;
	TH_LOG("seed %u (ST_FUZZ_SEED=%u replays it)", seed, seed);
	ASSERT_EQ(0, pipe(fds));
	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid) {
		close(fds[0]);
		fuzz_child(t, seed, fds[1]);
	}
	close(fds[1]);
	/* real traffic until the child is done, and a few after */
	while (!done || rounds % 8) {
		size_t len = 1 + fuzz_next(&rs) % 300;
		int rc;

		if (!done && waitpid(pid, &status, WNOHANG) == pid)
			done = true;
		rc = st_roundtrip(cli, srv, srv_eid, len, rounds, 3000);
		ASSERT_EQ(0, rc) TH_LOG("real message %d (%zu bytes): %s",
					rounds, len, strerror(-rc));
		real += (len + 1 + 63) / 64;	/* packets at MTU 68 */
		rounds++;
	}
	ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	ASSERT_EQ((ssize_t)sizeof(garbage), read(fds[0], &garbage,
						 sizeof(garbage)));
	close(fds[0]);
	TH_LOG("%ld frames of garbage arrived, %d real messages (%ld packets)",
	       garbage, rounds, real);
	EXPECT_TRUE(mk_quiet(srv, 200));
	EXPECT_TRUE(mk_quiet(cli, 0));
	EXPECT_EQ(before + garbage + real, fuzz_outcomes(t));
	/* some garbage was caught by its PEC, some got past and was refused */
	EXPECT_LT(bad_pec, fuzz_sum(t, "statistics/rx_crc_errors"));
	EXPECT_LT(dropped, fuzz_sum(t, "statistics/rx_dropped"));
}

/* Garbage to B from A's adapter; A's requests are B's real packets. */
TEST_F_TIMEOUT(pair, inject_random, 600)
{
	struct fuzz_target t = {
		.bus = self->p.bus_a, .addr = ST_B_ADDR, .eid = ST_B_EID,
		.peer = ST_A_EID, .host = &self->p.b,
		.buses = { self->p.bus_b }, .nbuses = 1,
	};

	fuzz_run(_metadata, &t, self->p.cli, self->p.srv, ST_B_EID);
	EXPECT_EQ(0, B("rx_nomem"));
	EXPECT_EQ(0, AS("tx_errors"));
	still_works(_metadata, &self->p);
}

/* ---- a mux whose select fails ---- */

FIXTURE(mux) {
	struct st_host own, d;
	int bus_root, bus_ch1, bus_d;
	int cli, srv;
};

FIXTURE_SETUP(mux)
{
	int rc;

	self->cli = self->srv = -1;
	ASSERT_EQ(0, st_private_mounts());
	st_sim("del sfm");
	ASSERT_EQ(0, st_sim("add sfm adapters=1"));
	ASSERT_EQ(0, st_seg("sfm", "add-mux m0 parent=a0 channels=2 idle=as-is"));
	ASSERT_EQ(0, st_seg("sfm", "add-adapter d on=m0.1"));
	self->bus_root = st_bus("sfm", "a0");
	self->bus_ch1 = st_bus("sfm", "m0.1");
	self->bus_d = st_bus("sfm", "d");
	ASSERT_LE(0, self->bus_root);
	ASSERT_LE(0, self->bus_ch1);
	ASSERT_LE(0, self->bus_d);
	ASSERT_EQ(0, st_host_init(&self->own, 0));
	ASSERT_EQ(0, st_host_init(&self->d, 1));
	ASSERT_EQ(0, st_bind(&self->own, self->bus_root, ST_A_ADDR));
	ASSERT_EQ(0, st_bind(&self->d, self->bus_d, ST_B_ADDR));
	rc = st_link_setup(&self->own, self->bus_ch1, ST_A_EID, ST_B_EID,
			   ST_B_ADDR);
	ASSERT_EQ(0, rc) TH_LOG("%s %s", strerror(-rc), self->own.nl.extack);
	ASSERT_EQ(0, st_link_setup(&self->d, self->bus_d, ST_B_EID, ST_A_EID,
				   ST_A_ADDR));
	self->cli = mk_socket_ns(self->own.ns);
	self->srv = st_listen(&self->d);
	ASSERT_LE(0, self->cli);
	ASSERT_LE(0, self->srv);
}

FIXTURE_TEARDOWN(mux)
{
	if (self->cli >= 0)
		close(self->cli);
	if (self->srv >= 0)
		close(self->srv);
	st_sim("del sfm");
	st_host_fini(&self->own);
	st_host_fini(&self->d);
}

TEST_F(mux, select_fails)
{
	uint8_t buf[4] = { 1 };

	ASSERT_EQ(0, st_fault("sfm", "0x70 mux-fail"));
	ASSERT_EQ(1, mtl_sendto(self->cli, MCTP_NET_ANY, ST_B_EID, ST_TYPE,
				MCTP_TAG_OWNER, buf, 1));
	EXPECT_TRUE(mk_quiet(self->srv, 500));
	EXPECT_EQ(1, st_ctr(&self->own, self->bus_ch1, "tx_io_error"));
	EXPECT_EQ(0, st_ctr(&self->own, self->bus_ch1, "bus_held"));
	ASSERT_EQ(0, st_roundtrip(self->cli, self->srv, ST_B_EID, 100, 1,
				  2000));
}

/* The device's reply is NAKed while its channel is not selected. */
TEST_F(mux, reply_needs_channel)
{
	uint8_t buf[4] = { 1 };
	int srv_own = st_listen(&self->own), cli_d = mk_socket_ns(self->d.ns);

	ASSERT_LE(0, srv_own);
	ASSERT_LE(0, cli_d);
	/* nothing selected channel 1 yet: the device cannot reach us */
	ASSERT_EQ(1, mtl_sendto(cli_d, MCTP_NET_ANY, ST_A_EID, ST_TYPE,
				MCTP_TAG_OWNER, buf, 1));
	EXPECT_TRUE(mk_quiet(srv_own, 300));
	EXPECT_EQ(1, st_ctr(&self->d, self->bus_d, "tx_nak"));
	close(srv_own);
	close(cli_d);
}

/*
 * Garbage from the device behind channel 1 to the host on the root while
 * they exchange real messages: the host's netdevs (root and channels)
 * account for every frame, whichever one a frame is credited to; writes
 * while the channel is off are NAKed and do not count.
 */
TEST_F_TIMEOUT(mux, inject_random, 600)
{
	struct fuzz_target t = {
		.bus = self->bus_d, .addr = ST_A_ADDR, .eid = ST_A_EID,
		.peer = ST_B_EID, .host = &self->own,
		.buses = { self->bus_root, st_bus("sfm", "m0.0"),
			   self->bus_ch1 },
		.nbuses = 3,
	};

	ASSERT_LE(0, t.buses[1]);
	fuzz_run(_metadata, &t, self->cli, self->srv, ST_B_EID);
	EXPECT_EQ(0, st_ctr(&self->own, self->bus_ch1, "tx_nak"));
	ASSERT_EQ(0, st_roundtrip(self->cli, self->srv, ST_B_EID, 100, 1,
				  2000));
}

TEST_HARNESS_MAIN

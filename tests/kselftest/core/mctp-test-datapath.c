// SPDX-License-Identifier: GPL-2.0
/*
 * AF_MCTP data path: messages of 1 byte to 64 KiB between two namespaces
 * over a vpair, fragmentation by MTU, receive validation, reassembly,
 * key matching (including a broadcast response), receive memory limits
 * and several MCTP networks on one host.
 *
 * Two fixtures:
 *   two: netns A (the test's own) with d0/EID 8, netns B with d1/EID 9.
 *   inj: one netns, vpair mh0 (host, EID 8) <-> mp0 (raw peer): frames are
 *        injected on mp0 and what the host sends is captured there.
 */
#define _GNU_SOURCE
#include "kselftest_harness.h"
#include "mctp-selftest.h"

#define TYPE		1
#define HOST_EID	8
#define PEER_EID	9
#define REMOTE		20	/* simulated peers 20..29 in the inj fixture */

static uint8_t out_buf[70000], in_buf[70000];

/* ---- two namespaces ---- */

FIXTURE(two) {
	struct mtl_pair p;
	int nsb;
};

FIXTURE_VARIANT(two) {
	unsigned int mtu;	/* 0: the vpair's default */
};

FIXTURE_VARIANT_ADD(two, mtu_default) { .mtu = 0 };
FIXTURE_VARIANT_ADD(two, mtu_255) { .mtu = 255 };
FIXTURE_VARIANT_ADD(two, mtu_1500) { .mtu = 1500 };
FIXTURE_VARIANT_ADD(two, mtu_max) { .mtu = 65536 + 4 };

FIXTURE_SETUP(two)
{
	struct mtl_nl nl;
	int rc;

	self->nsb = -1;
	ASSERT_EQ(0, mk_unshare_net());
	self->nsb = mtl_netns_new();
	ASSERT_LE(0, self->nsb);
	rc = mtl_pair_create(&self->p, "d0", "d1", -1, self->nsb);
	ASSERT_EQ(0, rc) TH_LOG("vpair across namespaces: %s", strerror(-rc));
	rc = mtl_pair_setup(&self->p, HOST_EID, PEER_EID);
	ASSERT_EQ(0, rc) TH_LOG("addresses and routes: %s", strerror(-rc));
	if (!variant->mtu)
		return;
	for (int i = 0; i < 2; i++) {
		ASSERT_EQ(0, mtl_nl_open_ns(&nl, self->p.ns[i]));
		rc = mtl_link_set_mtu(&nl, self->p.ifindex[i], variant->mtu);
		ASSERT_EQ(0, rc) TH_LOG("MTU %u: %s (%s)", variant->mtu,
					strerror(-rc), nl.extack);
		mtl_nl_close(&nl);
	}
}

FIXTURE_TEARDOWN(two)
{
	mtl_pair_destroy(&self->p);
	if (self->nsb >= 0)
		close(self->nsb);
}

/* Request from @q (netns A) to @resp (netns B) and back, verified. */
static void exchange(struct __test_metadata *_metadata, int q, int resp,
		     size_t len, unsigned int seed)
{
	struct sockaddr_mctp src;
	ssize_t n;

	mtl_pattern(out_buf, len, seed);
	n = mtl_sendto(q, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, out_buf, len);
	ASSERT_EQ((ssize_t)len, n) TH_LOG("%zu-byte request: %s", len,
					  strerror(-n));
	n = mtl_recv(resp, in_buf, sizeof(in_buf), 0, &src, 5000);
	ASSERT_EQ((ssize_t)len, n) TH_LOG("%zu-byte request arrived as %zd",
					  len, n);
	ASSERT_EQ(0, memcmp(in_buf, out_buf, len))
		TH_LOG("%zu-byte request corrupted", len);
	EXPECT_EQ(HOST_EID, src.smctp_addr.s_addr);
	EXPECT_EQ(1, src.smctp_network);
	EXPECT_EQ(TYPE, src.smctp_type);
	ASSERT_TRUE(src.smctp_tag & MCTP_TAG_OWNER);

	mtl_pattern(out_buf, len, ~seed);
	n = mtl_sendto(resp, 1, HOST_EID, TYPE, src.smctp_tag & MCTP_TAG_MASK,
		       out_buf, len);
	ASSERT_EQ((ssize_t)len, n) TH_LOG("%zu-byte reply: %s", len,
					  strerror(-n));
	n = mtl_recv(q, in_buf, sizeof(in_buf), 0, &src, 5000);
	ASSERT_EQ((ssize_t)len, n) TH_LOG("%zu-byte reply arrived as %zd",
					  len, n);
	ASSERT_EQ(0, memcmp(in_buf, out_buf, len))
		TH_LOG("%zu-byte reply corrupted", len);
	EXPECT_EQ(PEER_EID, src.smctp_addr.s_addr);
	EXPECT_FALSE(src.smctp_tag & MCTP_TAG_OWNER);
}

TEST_F_TIMEOUT(two, message_sizes, 300)
{
	/* payload sizes; the message adds one type byte */
	static const size_t sizes[] = { 0, 1, 2, 62, 63, 64, 65, 127, 128,
					 129, 254, 255, 256, 1023, 1024, 4095,
					 4096, 16384, 65534, 65535 };
	int q = mk_socket(), resp = mk_socket_ns(self->nsb);

	ASSERT_LE(0, q);
	ASSERT_LE(0, resp);
	ASSERT_EQ(0, mtl_bind(resp, 1, MCTP_ADDR_ANY, TYPE));
	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		exchange(_metadata, q, resp, sizes[i], i + 1);
	/* and a run of small ones, reusing tags many times over */
	for (unsigned int i = 0; i < 300; i++)
		exchange(_metadata, q, resp, i % 70, 1000 + i);
	close(q);
	close(resp);
}

TEST_F(two, requests_both_ways)
{
	struct sockaddr_mctp src;
	char buf[64];
	int a = mk_socket(), b = mk_socket_ns(self->nsb);

	ASSERT_LE(0, a);
	ASSERT_LE(0, b);
	ASSERT_EQ(0, mtl_bind(a, 1, HOST_EID, TYPE));
	ASSERT_EQ(0, mtl_bind(b, 1, PEER_EID, TYPE));
	/* each side both serves and asks, on one socket */
	ASSERT_EQ(3, mtl_sendto(a, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "a2b",
				3));
	ASSERT_EQ(3, mtl_sendto(b, 1, HOST_EID, TYPE, MCTP_TAG_OWNER, "b2a",
				3));
	ASSERT_EQ(3, mtl_recv(b, buf, sizeof(buf), 0, &src, MK_WAIT_MS));
	EXPECT_EQ(0, memcmp(buf, "a2b", 3));
	ASSERT_EQ(2, mtl_sendto(b, 1, HOST_EID, TYPE, src.smctp_tag & 7, "B!",
				2));
	ASSERT_EQ(3, mtl_recv(a, buf, sizeof(buf), 0, &src, MK_WAIT_MS));
	EXPECT_EQ(0, memcmp(buf, "b2a", 3));
	EXPECT_TRUE(src.smctp_tag & MCTP_TAG_OWNER);
	ASSERT_EQ(2, mtl_sendto(a, 1, PEER_EID, TYPE, src.smctp_tag & 7, "A!",
				2));
	ASSERT_EQ(2, mtl_recv(a, buf, sizeof(buf), 0, &src, MK_WAIT_MS));
	EXPECT_EQ(0, memcmp(buf, "B!", 2));
	ASSERT_EQ(2, mtl_recv(b, buf, sizeof(buf), 0, &src, MK_WAIT_MS));
	EXPECT_EQ(0, memcmp(buf, "A!", 2));
	close(a);
	close(b);
}

/* ---- injection fixture ---- */

FIXTURE(inj) {
	struct mk_inj t;
	int s;		/* bound to (net 1, any EID, TYPE) */
};

FIXTURE_SETUP(inj)
{
	int rc;

	self->s = -1;
	ASSERT_EQ(0, mk_unshare_net());
	rc = mk_inj_setup(&self->t, HOST_EID, REMOTE, 9);
	ASSERT_EQ(0, rc) TH_LOG("vpair setup: %s (%s)", strerror(-rc),
				self->t.nl.extack);
	self->s = mk_socket();
	ASSERT_LE(0, self->s);
	ASSERT_EQ(0, mtl_bind(self->s, 1, MCTP_ADDR_ANY, TYPE));
}

FIXTURE_TEARDOWN(inj)
{
	if (self->s >= 0)
		close(self->s);
	mk_inj_teardown(&self->t);
}

static void set_mtus(struct __test_metadata *_metadata, struct mk_inj *t,
		     unsigned int host, unsigned int peer)
{
	int rc;

	rc = mtl_link_set_mtu(&t->nl, t->host_if, host);
	ASSERT_EQ(0, rc) TH_LOG("host MTU %u: %s", host, strerror(-rc));
	rc = mk_inj_peer_mtu(t, peer);
	ASSERT_EQ(0, rc) TH_LOG("peer MTU %u: %s", peer, strerror(-rc));
}

/*
 * Send a @msglen-byte message (type byte included) from the host to
 * @dest and check the fragments captured: each at most @mtu bytes, all
 * full but the last, SOM/EOM, sequence numbers and tag right, and the
 * data intact.
 */
static void check_fragments(struct __test_metadata *_metadata,
			    struct mk_inj *t, uint8_t dest, size_t msglen,
			    unsigned int mtu)
{
	size_t per = mtu - 4, nfrags = (msglen + per - 1) / per, got = 0;
	static uint8_t frag[70000], msg[70000];
	uint8_t tag = 0;
	int q = mk_socket();

	ASSERT_LE(0, q);
	mtl_pkt_drain(t->cap_fd);
	msg[0] = TYPE;
	mtl_pattern(msg + 1, msglen - 1, msglen);
	ASSERT_EQ((ssize_t)msglen - 1,
		  mtl_sendto(q, 1, dest, TYPE, MCTP_TAG_OWNER, msg + 1,
			     msglen - 1));
	for (size_t i = 0; i < nfrags; i++) {
		size_t want = msglen - got < per ? msglen - got : per;
		struct mtl_mctp_hdr h;
		ssize_t n;

		n = mk_capture(t, frag, sizeof(frag), MK_WAIT_MS);
		ASSERT_EQ((ssize_t)(want + 4), n)
			TH_LOG("MTU %u, %zu-byte message: fragment %zu of %zu "
			       "is %zd bytes, want %zu", mtu, msglen, i + 1,
			       nfrags, n, want + 4);
		memcpy(&h, frag, 4);
		EXPECT_EQ(1, h.ver & 0xf);
		EXPECT_EQ(dest, h.dest);
		EXPECT_EQ(HOST_EID, h.src);
		EXPECT_EQ(i == 0, !!(h.flags_seq_tag & MTL_HDR_SOM))
			TH_LOG("fragment %zu: SOM", i);
		EXPECT_EQ(i == nfrags - 1, !!(h.flags_seq_tag & MTL_HDR_EOM))
			TH_LOG("fragment %zu: EOM", i);
		EXPECT_EQ(i % 4, (h.flags_seq_tag >> 4) & 3)
			TH_LOG("fragment %zu: sequence number", i);
		EXPECT_TRUE(h.flags_seq_tag & MTL_HDR_TO);
		if (i == 0)
			tag = h.flags_seq_tag & 7;
		EXPECT_EQ(tag, h.flags_seq_tag & 7);
		ASSERT_EQ(0, memcmp(frag + 4, msg + got, want))
			TH_LOG("fragment %zu data", i);
		got += want;
	}
	EXPECT_TRUE(!mtl_readable(t->cap_fd, 100))
		TH_LOG("more fragments than %zu", nfrags);
	close(q);
}

TEST_F_TIMEOUT(inj, fragment_sizes, 120)
{
	static const struct {
		unsigned int mtu;
		size_t msglen;
	} cases[] = {
		{ 68, 1 }, { 68, 63 }, { 68, 64 }, { 68, 65 }, { 68, 66 },
		{ 68, 127 }, { 68, 128 }, { 68, 129 }, { 68, 130 },
		{ 68, 640 }, { 100, 96 }, { 100, 97 }, { 100, 1000 },
		{ 255, 251 }, { 255, 252 }, { 1500, 4000 },
		{ 65540, 65536 }, { 1024, 65536 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		set_mtus(_metadata, &self->t, cases[i].mtu, 68);
		check_fragments(_metadata, &self->t, REMOTE, cases[i].msglen,
				cases[i].mtu);
	}
}

TEST_F(inj, fragment_by_route_mtu)
{
	/* a route MTU below the device's wins */
	set_mtus(_metadata, &self->t, 1000, 68);
	ASSERT_EQ(0, mtl_route_add(&self->t.nl, 40, 0, self->t.host_if, 68));
	check_fragments(_metadata, &self->t, 40, 200, 68);
	ASSERT_EQ(0, mtl_route_add(&self->t.nl, 41, 0, self->t.host_if, 100));
	check_fragments(_metadata, &self->t, 41, 500, 100);
	/* a route MTU above the device's does not raise it */
	set_mtus(_metadata, &self->t, 80, 68);
	ASSERT_EQ(0, mtl_route_add(&self->t.nl, 42, 0, self->t.host_if,
				   2000));
	check_fragments(_metadata, &self->t, 42, 300, 80);
	/* the device MTU applies again when it shrinks */
	check_fragments(_metadata, &self->t, REMOTE, 300, 80);

	/* gateway paths: the smallest MTU along the way */
	set_mtus(_metadata, &self->t, 1000, 68);
	ASSERT_EQ(0, mtl_route_add_gw(&self->t.nl, 50, 0, 1, 40, 0));
	check_fragments(_metadata, &self->t, 50, 300, 68);
	ASSERT_EQ(0, mtl_route_add_gw(&self->t.nl, 51, 0, 1, REMOTE, 90));
	check_fragments(_metadata, &self->t, 51, 300, 90);
}

/* ---- receive validation ---- */

struct rx_case {
	const char *name;
	uint8_t ver, dest, src, fst;
	uint8_t type;
	size_t len;		/* bytes after the header, type included */
	bool deliver;
};

#define SE_TO(tag) (MTL_HDR_SOM | MTL_HDR_EOM | MTL_HDR_TO | (tag))

static const struct rx_case rx_cases[] = {
	{ "valid request", 1, HOST_EID, REMOTE, SE_TO(1), TYPE, 3, true },
	{ "version 0", 0, HOST_EID, REMOTE, SE_TO(1), TYPE, 3, false },
	{ "version 2", 2, HOST_EID, REMOTE, SE_TO(1), TYPE, 3, false },
	{ "version 15", 15, HOST_EID, REMOTE, SE_TO(1), TYPE, 3, false },
	{ "to an EID without a route", 1, 100, REMOTE, SE_TO(2), TYPE, 3,
	  false },
	{ "to a remote EID", 1, REMOTE + 1, REMOTE, SE_TO(2), TYPE, 3, false },
	{ "from the broadcast EID", 1, HOST_EID, 255, SE_TO(3), TYPE, 3,
	  false },
	{ "from reserved EID 5", 1, HOST_EID, 5, SE_TO(3), TYPE, 3, false },
	{ "from the null EID", 1, HOST_EID, 0, SE_TO(4), TYPE, 3, true },
	{ "to the null EID (physical addressing)", 1, 0, REMOTE + 2,
	  SE_TO(4), TYPE, 3, true },
	{ "header only, no type byte", 1, HOST_EID, REMOTE, SE_TO(5), TYPE, 0,
	  false },
	{ "response without a key", 1, HOST_EID, REMOTE,
	  MTL_HDR_SOM | MTL_HDR_EOM | 5, TYPE, 3, false },
	{ "EOM without SOM", 1, HOST_EID, REMOTE, MTL_HDR_EOM | MTL_HDR_TO | 6,
	  TYPE, 3, false },
	{ "middle fragment alone", 1, HOST_EID, REMOTE,
	  MTL_HDR_SEQ(1) | MTL_HDR_TO | 6, TYPE, 3, false },
	{ "type nobody bound", 1, HOST_EID, REMOTE, SE_TO(7), TYPE + 1, 3,
	  false },
	{ "valid request after the bad ones", 1, HOST_EID, REMOTE + 3,
	  SE_TO(7), TYPE, 3, true },
};

TEST_F(inj, rx_validation)
{
	uint8_t pkt[64] = { 0 };
	struct sockaddr_mctp src;
	char buf[64];

	for (size_t i = 0; i < ARRAY_SIZE(rx_cases); i++) {
		const struct rx_case *c = &rx_cases[i];
		struct mtl_mctp_hdr *h = (void *)pkt;
		ssize_t n;

		h->ver = c->ver;
		h->dest = c->dest;
		h->src = c->src;
		h->flags_seq_tag = c->fst;
		pkt[4] = c->type;
		memset(pkt + 5, 'a' + i, sizeof(pkt) - 5);
		ASSERT_EQ(0, mtl_pkt_inject(self->t.inj_fd, self->t.peer_if,
					    pkt, 4 + c->len));
		if (!c->deliver) {
			EXPECT_TRUE(mk_quiet(self->s, MK_QUIET_MS))
				TH_LOG("%s: delivered", c->name);
			mk_drain(self->s);
			continue;
		}
		n = mtl_recv(self->s, buf, sizeof(buf), 0, &src, MK_WAIT_MS);
		EXPECT_EQ((ssize_t)c->len - 1, n)
			TH_LOG("%s: not delivered", c->name);
		EXPECT_EQ(c->src, src.smctp_addr.s_addr) TH_LOG("%s", c->name);
		EXPECT_EQ(c->fst & 0x0f, src.smctp_tag) TH_LOG("%s", c->name);
	}

	/* shorter than a header */
	ASSERT_EQ(0, mtl_pkt_inject(self->t.inj_fd, self->t.peer_if, pkt, 3));
	EXPECT_TRUE(mk_quiet(self->s, MK_QUIET_MS));
	ASSERT_EQ(0, mtl_pkt_inject(self->t.inj_fd, self->t.peer_if, pkt, 1));
	EXPECT_TRUE(mk_quiet(self->s, MK_QUIET_MS));
}

/* ---- reassembly ---- */

struct frag {
	uint8_t flags;	/* MTL_HDR_SOM / MTL_HDR_EOM */
	uint8_t seq;
};

struct reasm_case {
	const char *name;
	int n;
	struct frag f[8];
	int rx_len;	/* payload bytes delivered, -1: nothing */
};

#define S MTL_HDR_SOM
#define E MTL_HDR_EOM

static const struct reasm_case reasm_cases[] = {
	{ "single packet", 1, { { S | E, 0 } }, 1 },
	{ "single packet, seq 1", 1, { { S | E, 1 } }, 1 },
	{ "start and end", 2, { { S, 0 }, { E, 1 } }, 2 },
	{ "start and end, offset seq", 2, { { S, 1 }, { E, 2 } }, 2 },
	{ "end before start", 2, { { E, 1 }, { S, 0 } }, -1 },
	{ "start, middle, end", 3, { { S, 0 }, { 0, 1 }, { E, 2 } }, 3 },
	{ "missing sequence number", 2, { { S, 0 }, { E, 2 } }, -1 },
	{ "sequence wrap", 2, { { S, 3 }, { E, 0 } }, 2 },
	{ "sequence wrap over 7 packets", 7,
	  { { S, 1 }, { 0, 2 }, { 0, 3 }, { 0, 0 }, { 0, 1 }, { 0, 2 },
	    { E, 3 } }, 7 },
	{ "middles out of order", 4,
	  { { S, 0 }, { 0, 2 }, { 0, 1 }, { E, 3 } }, -1 },
	{ "repeated middle", 4, { { S, 0 }, { 0, 1 }, { 0, 1 }, { E, 2 } },
	  -1 },
};

#undef S
#undef E

TEST_F(inj, reassembly)
{
	struct sockaddr_mctp src;
	char buf[64];

	for (size_t i = 0; i < ARRAY_SIZE(reasm_cases); i++) {
		const struct reasm_case *c = &reasm_cases[i];
		uint8_t src_eid = 30 + i, tag = i & 7;
		char want[8];
		ssize_t n;

		for (int k = 0; k < c->n; k++) {
			uint8_t pl[2];
			size_t len = 0;
			uint8_t fst = c->f[k].flags | MTL_HDR_SEQ(c->f[k].seq) |
				      MTL_HDR_TO | tag;

			if (c->f[k].flags & MTL_HDR_SOM)
				pl[len++] = TYPE;
			pl[len++] = '0' + k;
			ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, src_eid,
					       fst, pl, len));
			want[k] = '0' + k;
		}
		if (c->rx_len < 0) {
			EXPECT_TRUE(mk_quiet(self->s, MK_QUIET_MS))
				TH_LOG("%s: delivered", c->name);
			mk_drain(self->s);
			continue;
		}
		n = mtl_recv(self->s, buf, sizeof(buf), 0, &src, MK_WAIT_MS);
		EXPECT_EQ(c->rx_len, n) TH_LOG("%s: got %zd bytes", c->name,
					       n);
		if (n == c->rx_len) {
			EXPECT_EQ(0, memcmp(buf, want, n)) TH_LOG("%s", c->name);
		}
		EXPECT_EQ(src_eid, src.smctp_addr.s_addr);
		EXPECT_TRUE(mk_quiet(self->s, 50)) TH_LOG("%s: extra", c->name);
	}
}

/* Inject a message of @msglen bytes (type included) in @per-byte pieces. */
static void inject_message(struct __test_metadata *_metadata,
			   struct mk_inj *t, uint8_t src, uint8_t tag,
			   size_t msglen, size_t per)
{
	static uint8_t msg[70000 + 2048];
	size_t off = 0;
	int seq = 0;

	msg[0] = TYPE;
	mtl_pattern(msg + 1, msglen - 1, msglen);
	while (off < msglen) {
		size_t n = msglen - off < per ? msglen - off : per;
		uint8_t fst = (off == 0 ? MTL_HDR_SOM : 0) |
			      (off + n == msglen ? MTL_HDR_EOM : 0) |
			      MTL_HDR_SEQ(seq) | MTL_HDR_TO | tag;

		ASSERT_EQ(0, mk_inject(t, HOST_EID, src, fst, msg + off, n))
			TH_LOG("inject at offset %zu", off);
		off += n;
		seq = (seq + 1) & 3;
	}
}

TEST_F_TIMEOUT(inj, reassembly_size_limit, 120)
{
	static uint8_t buf[70000 + 2048], want[70000];
	ssize_t n;

	set_mtus(_metadata, &self->t, 1028, 1028);
	/* exactly 64 KiB, type byte included */
	inject_message(_metadata, &self->t, 40, 1, 65536, 1024);
	n = mtl_recv(self->s, buf, sizeof(buf), 0, NULL, 5000);
	ASSERT_EQ(65535, n) TH_LOG("64 KiB message: got %zd", n);
	mtl_pattern(want, 65535, 65536);
	EXPECT_EQ(0, memcmp(buf, want, 65535));

	/* one byte more is dropped, in 1 KiB pieces and in 1 B tail */
	inject_message(_metadata, &self->t, 41, 2, 65537, 1024);
	EXPECT_TRUE(mk_quiet(self->s, 500)) TH_LOG("64 KiB + 1 delivered");
	inject_message(_metadata, &self->t, 42, 3, 65536 + 1024, 1024);
	EXPECT_TRUE(mk_quiet(self->s, 500)) TH_LOG("65 KiB delivered");

	/* and the path still works */
	inject_message(_metadata, &self->t, 43, 4, 3000, 1024);
	EXPECT_EQ(2999, mtl_recv(self->s, buf, sizeof(buf), 0, NULL,
				 MK_WAIT_MS));
}

/*
 * With a packet tap on the host's device every received packet is shared
 * with the tap, so the stack reassembles from clones: the message arrives
 * whole, and the tap still sees each packet as it was sent.
 */
TEST_F(inj, reassembly_from_cloned_packets)
{
	static uint8_t buf[4096], want[4096], pkt[256];
	int tap;
	ssize_t n;

	tap = mtl_pkt_capture_open(self->t.host_if);
	ASSERT_LE(0, tap);

	inject_message(_metadata, &self->t, 44, 5, 1001, 60);
	n = mtl_recv(self->s, buf, sizeof(buf), 0, NULL, MK_WAIT_MS);
	ASSERT_EQ(1000, n) TH_LOG("message from clones: got %zd", n);
	mtl_pattern(want, 1000, 1001);
	EXPECT_EQ(0, memcmp(buf, want, 1000)) TH_LOG("reassembled wrongly");

	/* the tap's copies: 17 packets, headers and data untouched */
	for (int i = 0; i < 17; i++) {
		struct mtl_mctp_hdr h;
		bool out;

		n = mtl_pkt_capture(tap, pkt, sizeof(pkt), &out, MK_WAIT_MS);
		ASSERT_GT(n, (ssize_t)sizeof(h)) TH_LOG("tap packet %d", i);
		memcpy(&h, pkt, sizeof(h));
		EXPECT_EQ(HOST_EID, h.dest);
		EXPECT_EQ(44, h.src);
		EXPECT_EQ(i & 3, (h.flags_seq_tag >> 4) & 3)
			TH_LOG("tap packet %d: flags 0x%x", i, h.flags_seq_tag);
		EXPECT_EQ(i == 0, !!(h.flags_seq_tag & MTL_HDR_SOM));
		if (i == 0) {
			EXPECT_EQ(0, memcmp(pkt + sizeof(h) + 1, want, 59));
		} else {
			EXPECT_EQ(0, memcmp(pkt + sizeof(h), want + 60 * i - 1,
					    n - sizeof(h)))
				TH_LOG("tap packet %d changed", i);
		}
	}
	close(tap);
}

TEST_F_TIMEOUT(inj, reassembly_memory_bounded, 300)
{
	static uint8_t big[65000], buf[70000];
	const int n = 80;	/* 80 x 65000 bytes: over the 4 MiB bound */
	int got = 0;

	set_mtus(_metadata, &self->t, 65540, 65540);
	big[0] = TYPE;
	memset(big + 1, 'r', sizeof(big) - 1);
	/* many reassemblies open at once, from distinct (source, tag) */
	for (int i = 0; i < n; i++) {
		ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, 100 + i / 8,
				       mk_fst(true, false, 0, true, i & 7),
				       big, sizeof(big)));
	}
	/* then their ends */
	for (int i = 0; i < n; i++) {
		ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, 100 + i / 8,
				       mk_fst(false, true, 1, true, i & 7),
				       "end", 3));
	}
	while (mtl_recv(self->s, buf, sizeof(buf), 0, NULL, 500) ==
	       (ssize_t)sizeof(big) - 1 + 3)
		got++;
	TH_LOG("%d of %d concurrent 64 KB reassemblies completed", got, n);
	EXPECT_LT(0, got) TH_LOG("no reassembly completed at all");
	EXPECT_GE(4 * 1024 * 1024 / (int)sizeof(big) + 1, got)
		TH_LOG("more than 4 MiB of partial messages were held");

	/* the memory comes back */
	inject_message(_metadata, &self->t, 200, 1, 3000, 1024);
	EXPECT_EQ(2999, mtl_recv(self->s, buf, sizeof(buf), 0, NULL,
				 MK_WAIT_MS))
		TH_LOG("reassembly memory not released");
}

/* ---- keys ---- */

static uint8_t send_and_tag(struct __test_metadata *_metadata,
			    struct mk_inj *t, int q, uint8_t dest)
{
	struct mtl_mctp_hdr h;
	uint8_t buf[128];

	EXPECT_EQ(1, mtl_sendto(q, 1, dest, TYPE, MCTP_TAG_OWNER, "q", 1));
	do {
		h.dest = 0;
		EXPECT_LE(4, mk_capture(t, buf, sizeof(buf), MK_WAIT_MS))
			TH_LOG("request not seen on the wire");
		memcpy(&h, buf, 4);
	} while (h.dest != dest && !_metadata->exit_code);
	return h.flags_seq_tag & 7;
}

static void reply(struct __test_metadata *_metadata, struct mk_inj *t,
		  uint8_t dest, uint8_t src, uint8_t fst, const char *msg)
{
	uint8_t pl[32];

	pl[0] = TYPE;
	memcpy(pl + 1, msg, strlen(msg));
	ASSERT_EQ(0, mk_inject(t, dest, src, fst, pl, 1 + strlen(msg)));
}

TEST_F(inj, key_matching)
{
	struct sockaddr_mctp src;
	char buf[32];
	uint8_t tag;
	int q = mk_socket();

	ASSERT_LE(0, q);
	tag = send_and_tag(_metadata, &self->t, q, REMOTE);

	reply(_metadata, &self->t, HOST_EID, REMOTE + 1,
	      MTL_HDR_SOM | MTL_HDR_EOM | tag, "wrong peer");
	EXPECT_TRUE(mk_quiet(q, MK_QUIET_MS)) TH_LOG("reply from another peer");
	reply(_metadata, &self->t, HOST_EID, REMOTE,
	      MTL_HDR_SOM | MTL_HDR_EOM | ((tag + 1) & 7), "wrong tag");
	EXPECT_TRUE(mk_quiet(q, MK_QUIET_MS)) TH_LOG("reply with another tag");
	reply(_metadata, &self->t, HOST_EID, REMOTE, SE_TO(tag), "TO set");
	EXPECT_TRUE(mk_quiet(q, MK_QUIET_MS)) TH_LOG("request matched a key");
	mk_drain(self->s);

	reply(_metadata, &self->t, HOST_EID, REMOTE,
	      MTL_HDR_SOM | MTL_HDR_EOM | tag, "right");
	ASSERT_EQ(5, mtl_recv(q, buf, sizeof(buf), 0, &src, MK_WAIT_MS))
		TH_LOG("matching reply not delivered");
	EXPECT_EQ(0, memcmp(buf, "right", 5));
	EXPECT_EQ(REMOTE, src.smctp_addr.s_addr);
	EXPECT_EQ(tag, src.smctp_tag);
	EXPECT_TRUE(mk_quiet(self->s, 50)) TH_LOG("reply went to a bind too");

	/* a fragmented reply on a key */
	tag = send_and_tag(_metadata, &self->t, q, REMOTE);
	reply(_metadata, &self->t, HOST_EID, REMOTE, MTL_HDR_SOM | tag, "ab");
	ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, REMOTE,
			       MTL_HDR_SEQ(1) | tag, "cd", 2));
	ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, REMOTE,
			       MTL_HDR_EOM | MTL_HDR_SEQ(2) | tag, "ef", 2));
	ASSERT_EQ(6, mtl_recv(q, buf, sizeof(buf), 0, NULL, MK_WAIT_MS));
	EXPECT_EQ(0, memcmp(buf, "abcdef", 6));
	close(q);
}

TEST_F(inj, broadcast_response)
{
	struct sockaddr_mctp_ext ea;
	struct sockaddr_mctp_ext src;
	struct mtl_mctp_hdr h;
	socklen_t alen;
	uint8_t buf[64];
	int q = mk_socket(), one = 1;

	ASSERT_LE(0, q);
	ASSERT_EQ(0, setsockopt(q, SOL_MCTP, MCTP_OPT_ADDR_EXT, &one,
				sizeof(one)));
	memset(&ea, 0, sizeof(ea));
	mtl_sockaddr(&ea.smctp_base, 1, MCTP_ADDR_ANY, TYPE, MCTP_TAG_OWNER);
	ea.smctp_ifindex = self->t.host_if;
	ea.smctp_halen = 0;
	mtl_pkt_drain(self->t.cap_fd);
	ASSERT_EQ(2, sendto(q, "bc", 2, 0, (struct sockaddr *)&ea, sizeof(ea)))
		TH_LOG("broadcast send: %s", strerror(errno));
	ASSERT_EQ(7, mk_capture(&self->t, buf, sizeof(buf), MK_WAIT_MS));
	memcpy(&h, buf, 4);
	EXPECT_EQ(MCTP_ADDR_ANY, h.dest);
	EXPECT_EQ(HOST_EID, h.src);
	EXPECT_TRUE(h.flags_seq_tag & MTL_HDR_TO);

	for (uint8_t peer = REMOTE + 1; peer <= REMOTE + 2; peer++) {
		reply(_metadata, &self->t, HOST_EID, peer,
		      MTL_HDR_SOM | MTL_HDR_EOM | (h.flags_seq_tag & 7), "me");
		alen = sizeof(src);
		memset(&src, 0, sizeof(src));
		ASSERT_TRUE(mtl_readable(q, MK_WAIT_MS))
			TH_LOG("response from EID %d to a broadcast lost", peer);
		EXPECT_EQ(2, recvfrom(q, buf, sizeof(buf), 0,
				      (struct sockaddr *)&src, &alen));
		EXPECT_EQ(sizeof(src), alen);
		EXPECT_EQ(peer, src.smctp_base.smctp_addr.s_addr);
		EXPECT_EQ(self->t.host_if, src.smctp_ifindex)
			TH_LOG("extended address names the receiving link");
		EXPECT_EQ(0, src.smctp_halen);
	}
	close(q);
}

TEST_F(inj, receive_memory_charged)
{
	uint8_t pl[60];
	char buf[64];
	int small = mk_socket(), one = 1, got = 0;

	ASSERT_LE(0, small);
	ASSERT_EQ(0, mtl_bind(small, 1, MCTP_ADDR_ANY, TYPE + 2));
	ASSERT_EQ(0, setsockopt(small, SOL_SOCKET, SO_RCVBUF, &one,
				sizeof(one)));
	pl[0] = TYPE + 2;
	memset(pl + 1, 'm', sizeof(pl) - 1);
	for (int i = 0; i < 200; i++) {
		ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, REMOTE,
				       SE_TO(i & 7), pl, sizeof(pl)));
	}
	usleep(200 * 1000);
	while (recv(small, buf, sizeof(buf), MSG_DONTWAIT) == sizeof(pl) - 1)
		got++;
	TH_LOG("%d of 200 queued with the smallest receive buffer", got);
	EXPECT_LT(0, got);
	EXPECT_GT(200, got) TH_LOG("receive buffer limit not applied");
	/* the socket recovers once read */
	ASSERT_EQ(0, mk_inject(&self->t, HOST_EID, REMOTE, SE_TO(1), pl,
			       sizeof(pl)));
	EXPECT_EQ((ssize_t)sizeof(pl) - 1, mtl_recv(small, buf, sizeof(buf), 0, NULL,
					   MK_WAIT_MS));
	close(small);
}

/* ---- several MCTP networks ---- */

struct netside {
	int ns;
	int fd;		/* responder in that namespace */
};

TEST(several_networks)
{
	struct mtl_pair a, b;
	struct sockaddr_mctp src;
	struct mtl_nl nl;
	struct netside side[2];
	char buf[32], msg[16];
	int q, s[2], nsa, nsb, rc;

	ASSERT_EQ(0, mk_unshare_net());
	nsa = mtl_netns_new();
	nsb = mtl_netns_new();
	ASSERT_LE(0, nsa);
	ASSERT_LE(0, nsb);
	ASSERT_EQ(0, mtl_pair_create(&a, "a0", "a1", -1, nsa));
	ASSERT_EQ(0, mtl_pair_create(&b, "b0", "b1", -1, nsb));
	/* here: a0 in net 1 and b0 in net 2, both EID 8; peers are EID 9 */
	ASSERT_EQ(0, mtl_nl_open(&nl));
	ASSERT_EQ(0, mtl_link_set_net(&nl, b.ifindex[0], 2));
	mtl_nl_close(&nl);
	rc = mtl_pair_setup(&a, HOST_EID, PEER_EID);
	ASSERT_EQ(0, rc) TH_LOG("net 1 side: %s", strerror(-rc));
	rc = mtl_pair_setup(&b, HOST_EID, PEER_EID);
	ASSERT_EQ(0, rc) TH_LOG("net 2 side, same EIDs: %s", strerror(-rc));

	side[0].ns = nsa;
	side[1].ns = nsb;
	q = mk_socket();
	ASSERT_LE(0, q);
	for (int i = 0; i < 2; i++) {
		side[i].fd = mk_socket_ns(side[i].ns);
		ASSERT_LE(0, side[i].fd);
		ASSERT_EQ(0, mtl_bind(side[i].fd, MCTP_NET_ANY, MCTP_ADDR_ANY,
				      TYPE));
		s[i] = mk_socket();
		ASSERT_LE(0, s[i]);
		ASSERT_EQ(0, mtl_bind(s[i], i + 1, MCTP_ADDR_ANY, TYPE));
	}

	/* the same (EID, first tag) in both networks at once */
	for (int i = 0; i < 2; i++) {
		snprintf(msg, sizeof(msg), "to-net%d", i + 1);
		ASSERT_EQ(7, mtl_sendto(q, i + 1, PEER_EID, TYPE,
					MCTP_TAG_OWNER, msg, 7));
	}
	for (int i = 0; i < 2; i++) {
		snprintf(msg, sizeof(msg), "to-net%d", i + 1);
		ASSERT_EQ(7, mtl_recv(side[i].fd, buf, sizeof(buf), 0, &src,
				      MK_WAIT_MS))
			TH_LOG("net %d request lost", i + 1);
		EXPECT_EQ(0, memcmp(buf, msg, 7))
			TH_LOG("net %d got another network's request", i + 1);
		snprintf(msg, sizeof(msg), "re-net%d", i + 1);
		ASSERT_EQ(7, mtl_sendto(side[i].fd, src.smctp_network,
					HOST_EID, TYPE, src.smctp_tag & 7, msg,
					7));
	}
	for (int k = 0; k < 2; k++) {
		ASSERT_EQ(7, mtl_recv(q, buf, sizeof(buf), 0, &src,
				      MK_WAIT_MS));
		snprintf(msg, sizeof(msg), "re-net%u", src.smctp_network);
		EXPECT_EQ(0, memcmp(buf, msg, 7))
			TH_LOG("reply from net %u carried \"%.7s\"",
			       src.smctp_network, buf);
		EXPECT_EQ(PEER_EID, src.smctp_addr.s_addr);
	}

	/* requests to EID 8 reach the bind of their own network */
	for (int i = 0; i < 2; i++) {
		snprintf(msg, sizeof(msg), "up-net%d", i + 1);
		ASSERT_EQ(7, mtl_sendto(side[i].fd, MCTP_NET_ANY, HOST_EID,
					TYPE, MCTP_TAG_OWNER, msg, 7));
		ASSERT_EQ(7, mtl_recv(s[i], buf, sizeof(buf), 0, &src,
				      MK_WAIT_MS))
			TH_LOG("request from net %d missed its bind", i + 1);
		EXPECT_EQ(0, memcmp(buf, msg, 7));
		EXPECT_EQ(i + 1, src.smctp_network);
		EXPECT_TRUE(mk_quiet(s[!i], 100));
	}

	/* tags are per network */
	for (int i = 0; i < 8; i++) {
		ASSERT_EQ(1, mtl_sendto(q, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
					"t", 1));
	}
	EXPECT_EQ(-EBUSY, mtl_sendto(q, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
				     "t", 1));
	EXPECT_EQ(1, mtl_sendto(q, 2, PEER_EID, TYPE, MCTP_TAG_OWNER, "t", 1))
		TH_LOG("network 2 ran out of tags with network 1");

	for (int i = 0; i < 2; i++) {
		close(side[i].fd);
		close(s[i]);
	}
	close(q);
	mtl_pair_destroy(&a);
	mtl_pair_destroy(&b);
	close(nsa);
	close(nsb);
}

TEST_HARNESS_MAIN

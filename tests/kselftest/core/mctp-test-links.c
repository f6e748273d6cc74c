// SPDX-License-Identifier: GPL-2.0
/*
 * MCTP links that are not binding devices: the loopback device and tun
 * devices (ARPHRD_NONE), which upstream Linux treats as MCTP links too.
 * Userspace bindings (serial, USB, PCIe VDM) run MCTP over a tun in
 * IFF_TUN mode: bare MCTP packets, no link header. The same binary runs on
 * our stack and on the upstream flavour; where the two differ on purpose
 * (net-mctp/README.md) the test says which answer each gives.
 *
 * Every test unshares its own network namespace.
 *
 * How a tun user exchanges MCTP packets: with IFF_TUN and without
 * IFF_NO_PI every packet carries a struct tun_pi whose proto is
 * ETH_P_MCTP, in both directions. With IFF_NO_PI, tun guesses the
 * protocol of a written packet from its first nibble (IPv4 or IPv6 only)
 * and refuses an MCTP packet; reading still works (bare packets).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <sys/ioctl.h>

#include "kselftest_harness.h"
#include "mctp-selftest.h"

/* after <net/if.h> (through the helpers), which <linux/if.h> then defers to */
#include <linux/if_arp.h>
#include <linux/if_tun.h>
#include <linux/neighbour.h>

#define TYPE		1
#define LO_EID		30
#define TUN_EID		8
#define PEER_EID	20	/* behind the tun: the test plays it */
#define NOWHERE_EID	21	/* behind the tun, never answers */

/* Our stack has per-namespace counters; the kernel's own stack does not. */
static bool upstream_stack(void)
{
	return access("/proc/net/mctp_stat", F_OK) != 0;
}

#define NEED_TUN() do {							\
	if (access("/dev/net/tun", F_OK))					\
		SKIP(return, "no /dev/net/tun (kernel without CONFIG_TUN)");	\
} while (0)

/* A tun (IFF_TUN, or IFF_TAP when @tap) named @name; its fd, or -errno. */
static int tun_open(const char *name, bool pi, bool tap)
{
	struct ifreq ifr;
	int fd, rc;

	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = (tap ? IFF_TAP : IFF_TUN) | (pi ? 0 : IFF_NO_PI);
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		rc = -errno;
		close(fd);
		return rc;
	}
	return fd;
}

/*
 * Whether a packet read from a tun is IP traffic the kernel sends on any
 * interface that comes up (IPv6 router solicitations, MLD reports), with
 * or without a tun_pi in front: not what a test waits for.
 */
static bool tun_ip_noise(const uint8_t *b, ssize_t n)
{
	unsigned int proto;

	if (n >= 4 && b[0] == 0 && b[1] == 0) {
		proto = (unsigned int)b[2] << 8 | b[3];
		if (proto == ETH_P_IP || proto == ETH_P_IPV6)
			return true;
	}
	return n >= 1 && ((b[0] >> 4) == 4 || (b[0] >> 4) == 6);
}

/*
 * The next packet from the tun fd within @timeout_ms that is not IP noise
 * (tun_ip_noise()): its length, or -errno.
 */
static ssize_t tun_read(int fd, void *buf, size_t len, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int rc;

	for (;;) {
		rc = poll(&p, 1, timeout_ms);
		if (rc < 0)
			return -errno;
		if (rc == 0)
			return -ETIMEDOUT;
		n = read(fd, buf, len);
		if (n < 0)
			return -errno;
		if (!tun_ip_noise(buf, n))
			return n;
	}
}

/* Write one MCTP packet (header, type, payload) with a tun_pi in front. */
static ssize_t tun_write_mctp(int fd, bool pi, uint8_t dest, uint8_t src,
			      uint8_t flags_tag, const void *payload,
			      size_t len)
{
	uint8_t buf[256];
	size_t off = 0;
	ssize_t n;

	if (pi) {
		struct tun_pi tp = { .flags = 0, .proto = htons(ETH_P_MCTP) };

		memcpy(buf, &tp, sizeof(tp));
		off = sizeof(tp);
	}
	buf[off++] = 0x01;	/* header version 1 */
	buf[off++] = dest;
	buf[off++] = src;
	buf[off++] = flags_tag;
	buf[off++] = TYPE;
	memcpy(buf + off, payload, len);
	n = write(fd, buf, off + len);
	return n < 0 ? -errno : n;
}

FIXTURE(links) {
	struct mtl_nl nl;
	int lo;
	bool upstream;
};

FIXTURE_SETUP(links)
{
	ASSERT_EQ(0, mk_unshare_net());
	ASSERT_EQ(0, mtl_nl_open(&self->nl));
	self->lo = mtl_link_index(&self->nl, "lo");
	ASSERT_LT(0, self->lo);
	ASSERT_EQ(0, mtl_link_up(&self->nl, self->lo));
	self->upstream = upstream_stack();
	TH_LOG("stack: %s", self->upstream ? "upstream" : "ours");
}

FIXTURE_TEARDOWN(links)
{
	mtl_nl_close(&self->nl);
}

/* A tun in this namespace with EID TUN_EID and a route to PEER_EID..+1. */
static int tun_setup(struct __test_metadata *_metadata, struct mtl_nl *nl,
		     const char *name, bool pi, int *ifindex)
{
	int fd, rc;

	fd = tun_open(name, pi, false);
	if (fd < 0)
		return fd;
	*ifindex = mtl_link_index(nl, name);
	EXPECT_LT(0, *ifindex);
	EXPECT_EQ(0, mtl_link_up(nl, *ifindex));
	rc = mtl_addr_add(nl, *ifindex, TUN_EID);
	EXPECT_EQ(0, rc) TH_LOG("address on %s: %s (%s)", name, strerror(-rc),
				nl->extack);
	rc = mtl_route_add(nl, PEER_EID, 1, *ifindex, 0);
	EXPECT_EQ(0, rc) TH_LOG("route via %s: %s (%s)", name, strerror(-rc),
				nl->extack);
	return fd;
}

/* The loopback device: MCTP link state, an address, no routes via it. */
TEST_F(links, loopback_link)
{
	struct mtl_addr a[8];
	struct mtl_link l;
	int n, rc;

	ASSERT_EQ(0, mtl_link_get(&self->nl, self->lo, &l));
	EXPECT_EQ(ARPHRD_LOOPBACK, l.type);
	EXPECT_TRUE(l.has_mctp) TH_LOG("no AF_MCTP link attributes on lo");
	EXPECT_TRUE(l.has_net);
	EXPECT_EQ(1, l.net);

	rc = mtl_addr_add(&self->nl, self->lo, LO_EID);
	ASSERT_EQ(0, rc) TH_LOG("address on lo: %s (%s)", strerror(-rc),
				self->nl.extack);
	n = mtl_addr_dump(&self->nl, self->lo, a, 8);
	ASSERT_EQ(1, n);
	EXPECT_EQ(self->lo, a[0].ifindex);
	EXPECT_EQ(LO_EID, a[0].local);
	EXPECT_EQ(-EEXIST, mtl_addr_add(&self->nl, self->lo, LO_EID));

	/* both stacks: no routes lead to the loopback device */
	rc = mtl_route_add(&self->nl, 40, 0, self->lo, 0);
	EXPECT_EQ(-EINVAL, rc) TH_LOG("route via lo: %d (%s)", rc,
				      self->nl.extack);
	EXPECT_STREQ("no routes to loopback", self->nl.extack);

	/* the network of lo can change like any MCTP link's */
	rc = mtl_link_set_net(&self->nl, self->lo, 3);
	EXPECT_EQ(0, rc) TH_LOG("%s", self->nl.extack);
	ASSERT_EQ(0, mtl_link_get(&self->nl, self->lo, &l));
	EXPECT_EQ(3, l.net);

	EXPECT_EQ(0, mtl_addr_del(&self->nl, self->lo, LO_EID));
	EXPECT_EQ(0, mtl_addr_dump(&self->nl, self->lo, a, 8));
}

/* Two sockets of this host talk through the EID of lo: request, response. */
TEST_F(links, loopback_local_exchange)
{
	struct sockaddr_mctp src;
	char buf[64];
	int srv, cli;
	ssize_t n;

	ASSERT_EQ(0, mtl_addr_add(&self->nl, self->lo, LO_EID));
	srv = mtl_mctp_socket();
	cli = mtl_mctp_socket();
	ASSERT_LE(0, srv);
	ASSERT_LE(0, cli);
	ASSERT_EQ(0, mtl_bind(srv, MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE));

	n = mtl_sendto(cli, 1, LO_EID, TYPE, MCTP_TAG_OWNER, "ping", 4);
	ASSERT_EQ(4, n) TH_LOG("request to the EID of lo: %s", strerror(-n));
	n = mtl_recv(srv, buf, sizeof(buf), 0, &src, MK_WAIT_MS);
	ASSERT_EQ(4, n) TH_LOG("request not delivered: %s", strerror(-n));
	EXPECT_EQ(0, memcmp(buf, "ping", 4));
	EXPECT_EQ(LO_EID, src.smctp_addr.s_addr);
	EXPECT_EQ(1, src.smctp_network);
	EXPECT_TRUE(src.smctp_tag & MCTP_TAG_OWNER);

	n = mtl_sendto(srv, src.smctp_network, src.smctp_addr.s_addr, TYPE,
		       src.smctp_tag & ~MCTP_TAG_OWNER, "pong", 4);
	ASSERT_EQ(4, n) TH_LOG("response: %s", strerror(-n));
	n = mtl_recv(cli, buf, sizeof(buf), 0, &src, MK_WAIT_MS);
	ASSERT_EQ(4, n) TH_LOG("response not delivered: %s", strerror(-n));
	EXPECT_EQ(0, memcmp(buf, "pong", 4));
	EXPECT_EQ(LO_EID, src.smctp_addr.s_addr);
	EXPECT_FALSE(src.smctp_tag & MCTP_TAG_OWNER);
	close(cli);
	close(srv);
}

/* A tun is an MCTP link: ARPHRD_NONE, AF_MCTP attributes, addresses, routes. */
TEST_F(links, tun_link)
{
	struct mtl_route r[8];
	struct mtl_link l;
	int fd, ifindex, n, i, found = 0;

	NEED_TUN();
	fd = tun_setup(_metadata, &self->nl, "mtun0", true, &ifindex);
	ASSERT_LE(0, fd) TH_LOG("tun: %s (CONFIG_TUN?)", strerror(-fd));
	ASSERT_EQ(0, mtl_link_get(&self->nl, ifindex, &l));
	EXPECT_EQ(ARPHRD_NONE, l.type);
	EXPECT_TRUE(l.has_mctp);
	EXPECT_TRUE(l.has_net);
	EXPECT_EQ(1, l.net);

	n = mtl_route_dump(&self->nl, r, 8);
	for (i = 0; i < n && i < 8; i++)
		if (r[i].oif == ifindex && r[i].dst == PEER_EID &&
		    r[i].dst_len == 1)
			found++;
	EXPECT_EQ(1, found) TH_LOG("route via the tun not dumped");

	/* a route that does not exist: ENOENT on both stacks */
	EXPECT_EQ(-ENOENT, mtl_route_del(&self->nl, 99, 0, ifindex));
	EXPECT_EQ(0, mtl_route_del(&self->nl, PEER_EID, 1, ifindex));
	close(fd);
}

/*
 * A request to an EID behind the tun comes out of the tun fd as a bare
 * MCTP packet (after the tun_pi); the answer written in reaches the
 * socket; a request written in reaches the bound socket.
 */
TEST_F(links, tun_exchange)
{
	struct sockaddr_mctp src;
	uint8_t buf[256];
	struct tun_pi tp;
	int fd, ifindex, cli, srv;
	uint8_t tag;
	ssize_t n;

	NEED_TUN();
	fd = tun_setup(_metadata, &self->nl, "mtun0", true, &ifindex);
	ASSERT_LE(0, fd) TH_LOG("tun: %s (CONFIG_TUN?)", strerror(-fd));
	cli = mtl_mctp_socket();
	ASSERT_LE(0, cli);

	n = mtl_sendto(cli, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "hello", 5);
	ASSERT_EQ(5, n) TH_LOG("request: %s", strerror(-n));
	n = tun_read(fd, buf, sizeof(buf), MK_WAIT_MS);
	ASSERT_EQ((ssize_t)(sizeof(tp) + 4 + 1 + 5), n)
		TH_LOG("packet on the tun fd: %zd", n);
	memcpy(&tp, buf, sizeof(tp));
	EXPECT_EQ(htons(ETH_P_MCTP), tp.proto);
	EXPECT_EQ(0x01, buf[4]);		/* version */
	EXPECT_EQ(PEER_EID, buf[5]);		/* destination */
	EXPECT_EQ(TUN_EID, buf[6]);		/* source */
	EXPECT_EQ(MTL_HDR_SOM | MTL_HDR_EOM | MTL_HDR_TO,
		  buf[7] & (MTL_HDR_SOM | MTL_HDR_EOM | MTL_HDR_TO | 0x30));
	EXPECT_EQ(TYPE, buf[8]);
	EXPECT_EQ(0, memcmp(buf + 9, "hello", 5));
	tag = buf[7] & 0x07;

	/* the peer's answer: same tag, TO clear */
	n = tun_write_mctp(fd, true, TUN_EID, PEER_EID,
			   MTL_HDR_SOM | MTL_HDR_EOM | tag, "world", 5);
	ASSERT_LT(0, n) TH_LOG("writing the answer: %s", strerror(-n));
	n = mtl_recv(cli, buf, sizeof(buf), 0, &src, MK_WAIT_MS);
	ASSERT_EQ(5, n) TH_LOG("answer not delivered: %s", strerror(-n));
	EXPECT_EQ(0, memcmp(buf, "world", 5));
	EXPECT_EQ(PEER_EID, src.smctp_addr.s_addr);
	EXPECT_EQ(tag, src.smctp_tag & MCTP_TAG_MASK);
	EXPECT_FALSE(src.smctp_tag & MCTP_TAG_OWNER);

	/* the peer's own request reaches the bound socket */
	srv = mtl_mctp_socket();
	ASSERT_LE(0, srv);
	ASSERT_EQ(0, mtl_bind(srv, MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE));
	n = tun_write_mctp(fd, true, TUN_EID, PEER_EID,
			   MTL_HDR_SOM | MTL_HDR_EOM | MTL_HDR_TO | 5, "req", 3);
	ASSERT_LT(0, n);
	n = mtl_recv(srv, buf, sizeof(buf), 0, &src, MK_WAIT_MS);
	ASSERT_EQ(3, n) TH_LOG("peer's request not delivered: %s",
			       strerror(-n));
	EXPECT_EQ(PEER_EID, src.smctp_addr.s_addr);
	EXPECT_EQ(MCTP_TAG_OWNER | 5, src.smctp_tag);
	close(srv);
	close(cli);
	close(fd);
}

/* IFF_NO_PI: packets are read bare; tun refuses an MCTP packet written in. */
TEST_F(links, tun_no_pi)
{
	uint8_t buf[256];
	int fd, ifindex, cli;
	ssize_t n;

	NEED_TUN();
	fd = tun_setup(_metadata, &self->nl, "mtun1", false, &ifindex);
	ASSERT_LE(0, fd) TH_LOG("tun: %s (CONFIG_TUN?)", strerror(-fd));
	cli = mtl_mctp_socket();
	ASSERT_LE(0, cli);
	n = mtl_sendto(cli, 1, PEER_EID, TYPE, MCTP_TAG_OWNER, "x", 1);
	ASSERT_EQ(1, n);
	n = tun_read(fd, buf, sizeof(buf), MK_WAIT_MS);
	ASSERT_EQ(4 + 1 + 1, n);
	EXPECT_EQ(0x01, buf[0]);
	EXPECT_EQ(PEER_EID, buf[1]);
	EXPECT_EQ(TUN_EID, buf[2]);

	n = tun_write_mctp(fd, false, TUN_EID, PEER_EID,
			   MTL_HDR_SOM | MTL_HDR_EOM | (buf[3] & 7), "y", 1);
	EXPECT_EQ(-EINVAL, n) TH_LOG("tun took a bare MCTP packet: %zd", n);
	close(cli);
	close(fd);
}

/*
 * The tun goes (RTM_DELLINK, then its fd closes) while a route leads to
 * it, a socket has a request in flight through it (a pending key) and
 * another socket is bound: its routes and address go, sending fails, the
 * sockets close cleanly (the VM fails the run on any warning or leak).
 */
TEST_F(links, tun_removed_in_use)
{
	struct mtl_route r[8];
	struct mtl_addr a[8];
	uint8_t buf[64];
	int fd, ifindex, cli, srv, n, i;
	ssize_t s;

	NEED_TUN();
	fd = tun_setup(_metadata, &self->nl, "mtun0", true, &ifindex);
	ASSERT_LE(0, fd) TH_LOG("tun: %s (CONFIG_TUN?)", strerror(-fd));
	ASSERT_EQ(0, mtl_route_add(&self->nl, 50, 2, ifindex, 0));
	cli = mtl_mctp_socket();
	srv = mtl_mctp_socket();
	ASSERT_LE(0, cli);
	ASSERT_LE(0, srv);
	ASSERT_EQ(0, mtl_bind(srv, MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE));
	ASSERT_EQ(2, mtl_sendto(cli, 1, NOWHERE_EID, TYPE, MCTP_TAG_OWNER,
				"hi", 2));
	ASSERT_EQ(2, mtl_sendto(cli, 1, 51, TYPE, MCTP_TAG_OWNER, "hi", 2));
	ASSERT_LT(0, tun_read(fd, buf, sizeof(buf), MK_WAIT_MS));

	ASSERT_EQ(0, mtl_link_del(&self->nl, ifindex));
	EXPECT_EQ(-ENODEV, mtl_link_index(&self->nl, "mtun0"));

	n = mtl_route_dump(&self->nl, r, 8);
	for (i = 0; i < n && i < 8; i++)
		EXPECT_NE(ifindex, r[i].oif) TH_LOG("route to %u left", r[i].dst);
	n = mtl_addr_dump(&self->nl, 0, a, 8);
	for (i = 0; i < n && i < 8; i++)
		EXPECT_NE(TUN_EID, a[i].local);
	s = mtl_sendto(cli, 1, NOWHERE_EID, TYPE, MCTP_TAG_OWNER, "hi", 2);
	EXPECT_EQ(-EHOSTUNREACH, s);
	EXPECT_FALSE(mtl_readable(cli, MK_QUIET_MS));
	close(fd);
	close(cli);
	close(srv);
}

/*
 * lo and a tun in a second namespace, in use (addresses, routes, a
 * pending request, a bound socket, a tun moved in from the first
 * namespace), then the namespace goes with everything in it.
 */
TEST_F(links, second_netns_deleted)
{
	struct mtl_addr a[8];
	struct mtl_link l;
	struct mtl_nl nlb;
	int orig, nsb, fd, fd2, ifindex, ifb, cli, srv, lob;
	uint8_t buf[64];

	NEED_TUN();
	orig = mtl_netns_current();
	ASSERT_LE(0, orig);
	nsb = mtl_netns_new();
	ASSERT_LE(0, nsb);

	/* a tun made here, with an address, moves into nsb */
	fd2 = tun_setup(_metadata, &self->nl, "mtmove", true, &ifindex);
	ASSERT_LE(0, fd2) TH_LOG("tun: %s (CONFIG_TUN?)", strerror(-fd2));
	ASSERT_EQ(0, mtl_link_set_netns(&self->nl, ifindex, nsb))
		TH_LOG("%s", self->nl.extack);
	EXPECT_EQ(-ENODEV, mtl_link_index(&self->nl, "mtmove"));
	EXPECT_EQ(0, mtl_addr_dump(&self->nl, 0, a, 8));

	ASSERT_EQ(0, mtl_netns_enter(nsb));
	ASSERT_EQ(0, mtl_nl_open(&nlb));
	lob = mtl_link_index(&nlb, "lo");
	ASSERT_LT(0, lob);
	ASSERT_EQ(0, mtl_link_get(&nlb, lob, &l));
	EXPECT_TRUE(l.has_mctp) TH_LOG("lo of a new namespace: no MCTP state");
	ASSERT_EQ(0, mtl_link_up(&nlb, lob));
	ASSERT_EQ(0, mtl_addr_add(&nlb, lob, LO_EID));

	ifb = mtl_link_index(&nlb, "mtmove");
	ASSERT_LT(0, ifb);
	ASSERT_EQ(0, mtl_link_get(&nlb, ifb, &l));
	EXPECT_TRUE(l.has_mctp) TH_LOG("moved tun: no MCTP state");
	EXPECT_EQ(0, mtl_addr_dump(&nlb, ifb, a, 8))
		TH_LOG("the moved tun kept an address");
	ASSERT_EQ(0, mtl_link_up(&nlb, ifb));
	ASSERT_EQ(0, mtl_addr_add(&nlb, ifb, 9));
	ASSERT_EQ(0, mtl_route_add(&nlb, 60, 0, ifb, 0));

	fd = tun_setup(_metadata, &nlb, "mtun0", true, &ifindex);
	ASSERT_LE(0, fd);
	cli = mtl_mctp_socket();
	srv = mtl_mctp_socket();
	ASSERT_LE(0, cli);
	ASSERT_LE(0, srv);
	ASSERT_EQ(0, mtl_bind(srv, MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE));
	ASSERT_EQ(2, mtl_sendto(cli, 1, PEER_EID, TYPE, MCTP_TAG_OWNER,
				"hi", 2));
	ASSERT_EQ(2, mtl_sendto(cli, 1, 60, TYPE, MCTP_TAG_OWNER, "hi", 2));
	ASSERT_EQ(2, mtl_sendto(cli, 1, LO_EID, TYPE, MCTP_TAG_OWNER,
				"hi", 2));
	ASSERT_LT(0, tun_read(fd, buf, sizeof(buf), MK_WAIT_MS));
	ASSERT_LT(0, tun_read(fd2, buf, sizeof(buf), MK_WAIT_MS));
	ASSERT_EQ(2, mtl_recv(srv, buf, sizeof(buf), 0, NULL, MK_WAIT_MS));

	/* back home; nothing but these files holds nsb */
	mtl_nl_close(&nlb);
	ASSERT_EQ(0, mtl_netns_enter(orig));
	close(orig);
	close(nsb);
	close(srv);
	close(cli);
	close(fd);
	close(fd2);
	/* give the namespace cleanup a moment before the runner's checks */
	usleep(300 * 1000);
}

/* Neighbour dumps list the newest entry first (as upstream). */
TEST_F(links, neigh_dump_order)
{
	static const uint8_t eids[] = { 20, 23, 21, 22 };
	uint8_t ll[6] = { 2, 0, 0, 0, 0, 1 };
	struct mtl_neigh nb[8];
	int n, i;

	for (i = 0; i < 4; i++) {
		ll[5] = eids[i];
		ASSERT_EQ(0, mtl_neigh_add(&self->nl, self->lo, eids[i], ll, 6))
			TH_LOG("neighbour %u on lo: %s", eids[i],
			       self->nl.extack);
	}
	n = mtl_neigh_dump(&self->nl, 0, nb, 8);
	ASSERT_EQ(4, n);
	for (i = 0; i < 4; i++) {
		EXPECT_EQ(eids[3 - i], nb[i].eid)
			TH_LOG("entry %d: EID %u", i, nb[i].eid);
		EXPECT_EQ(self->lo, nb[i].ifindex);
	}

	/* a deleted and re-added entry is the newest */
	EXPECT_EQ(0, mtl_neigh_del(&self->nl, self->lo, 23));
	ll[5] = 23;
	EXPECT_EQ(0, mtl_neigh_add(&self->nl, self->lo, 23, ll, 6));
	n = mtl_neigh_dump(&self->nl, 0, nb, 8);
	ASSERT_EQ(4, n);
	EXPECT_EQ(23, nb[0].eid);
	EXPECT_EQ(22, nb[1].eid);
	EXPECT_EQ(21, nb[2].eid);
	EXPECT_EQ(20, nb[3].eid);
}

/*
 * Deleting a gateway route that does not exist: ENOENT here, as for any
 * missing route; the 6.12 upstream stack has no gateway routes and
 * refuses RTA_GATEWAY itself (EINVAL). See net-mctp/README.md.
 */
TEST_F(links, route_del_missing_gateway)
{
	int rc;

	rc = mtl_route_del_gw(&self->nl, 99, 0, 1, 9);
	if (self->upstream) {
		EXPECT_EQ(-EINVAL, rc) TH_LOG("%s", self->nl.extack);
	} else {
		EXPECT_EQ(-ENOENT, rc) TH_LOG("%s", self->nl.extack);
	}
}

/* A device of another type (a tap: ARPHRD_ETHER) is not an MCTP link. */
TEST_F(links, tap_is_not_mctp)
{
	struct mtl_link l;
	int fd, ifindex, rc;

	NEED_TUN();
	fd = tun_open("mtap0", false, true);
	ASSERT_LE(0, fd) TH_LOG("tap: %s (CONFIG_TUN?)", strerror(-fd));
	ifindex = mtl_link_index(&self->nl, "mtap0");
	ASSERT_LT(0, ifindex);
	ASSERT_EQ(0, mtl_link_get(&self->nl, ifindex, &l));
	EXPECT_EQ(ARPHRD_ETHER, l.type);
	EXPECT_FALSE(l.has_mctp);
	rc = mtl_addr_add(&self->nl, ifindex, 10);
	EXPECT_EQ(-ENODEV, rc);
	rc = mtl_route_add(&self->nl, 40, 0, ifindex, 0);
	EXPECT_EQ(-ENODEV, rc);
	close(fd);
}

TEST_HARNESS_MAIN

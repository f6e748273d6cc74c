// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-uapi-transcript: one scenario through the raw AF_MCTP and
 * rtnetlink uAPI, printed as a transcript of "key = value" lines (each
 * prefixed "uapi| ") that does not depend on timing, so that the same
 * scenario run on this stack and on the upstream kernel's can be compared
 * line by line (tests/interop/uapi-compare).
 *
 * Links: lo, a tun (ARPHRD_NONE), a tap (not an MCTP link) and the SMBus
 * binding's link named on the command line. Then addresses, routes with
 * and without gateway and MTU, neighbours, their dumps, the address
 * group's notifications, sends at the size limits and the errors of bad
 * requests, each with the errno and extack text the kernel gave.
 *
 *   mctp-uapi-transcript I2C-LINK
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/if_tun.h>

#include "mctp-testlib.h"

#define TYPE		1	/* MCTP message type used for every send */
#define LO_EID		8
#define TUN_EID		9
#define I2C_EID		10
#define PEER_EID	20	/* behind the tun: this program reads its packets */
#define NET		1

static struct mtl_nl nl;
static struct mtl_nl addr_group;
static int ifi_lo, ifi_tun, ifi_tap, ifi_i2c;
static const char *i2c_name;
static int tun_fd = -1;

static void out(const char *key, const char *fmt, ...)
{
	va_list ap;

	printf("uapi| %s = ", key);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

/* "0", or the errno's name and the extack text if the kernel gave one. */
static const char *result(int rc, bool with_extack)
{
	static char buf[MTL_EXTACK_LEN + 64];
	const char *name;

	if (rc >= 0)
		return "0";
	name = strerrorname_np(-rc);
	snprintf(buf, sizeof(buf), "%s%s%s%s", name ? name : "E?",
		 with_extack && nl.extack[0] ? " \"" : "",
		 with_extack ? nl.extack : "",
		 with_extack && nl.extack[0] ? "\"" : "");
	return buf;
}

static void request(const char *key, int rc)
{
	out(key, "%s", result(rc, true));
}

static const char *ifname(int ifindex)
{
	if (ifindex == ifi_lo)
		return "lo";
	if (ifindex == ifi_tun)
		return "tun";
	if (ifindex == ifi_tap)
		return "tap";
	if (ifindex == ifi_i2c)
		return "i2c";
	return ifindex ? "other" : "none";
}

static int tun_open(const char *name, short flags)
{
	struct ifreq ifr;
	int fd;

	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = flags;
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		int rc = -errno;

		close(fd);
		return rc;
	}
	return fd;
}

/* The next MCTP packet from the tun within @ms (IPv4/IPv6 skipped). */
static ssize_t tun_read(void *buf, size_t len, int ms)
{
	struct pollfd p = { .fd = tun_fd, .events = POLLIN };
	const uint8_t *b = buf;
	ssize_t n;

	for (;;) {
		if (poll(&p, 1, ms) <= 0)
			return -ETIMEDOUT;
		n = read(tun_fd, buf, len);
		if (n < 0)
			return -errno;
		if (n >= 1 && (b[0] >> 4) != 4 && (b[0] >> 4) != 6)
			return n;
	}
}

static void tun_drain(void)
{
	uint8_t buf[512];

	while (tun_read(buf, sizeof(buf), 200) > 0)
		;
}

/* ---- links ---- */

/* @key: the link's type and MTUs; @key.flags; @key.mctp*: its AF_MCTP
 * attributes.
 */
static void print_link(const char *key, int ifindex)
{
	static const struct { unsigned int bit; const char *name; } flags[] = {
		{ IFF_UP, "UP" }, { IFF_LOOPBACK, "LOOPBACK" },
		{ IFF_POINTOPOINT, "POINTOPOINT" }, { IFF_NOARP, "NOARP" },
		{ IFF_BROADCAST, "BROADCAST" }, { IFF_MULTICAST, "MULTICAST" },
	};
	struct mtl_link l;
	char f[128] = "", k[64];
	int rc;

	rc = mtl_link_get(&nl, ifindex, &l);
	if (rc) {
		out(key, "%s", result(rc, true));
		return;
	}
	out(key, "type %u mtu %u min %u max %u addrlen %u",
	    l.type, l.mtu, l.min_mtu, l.max_mtu, l.addr_len);
	for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (l.flags & flags[i].bit)
			snprintf(f + strlen(f), sizeof(f) - strlen(f), "%s%s",
				 f[0] ? "," : "", flags[i].name);
	snprintf(k, sizeof(k), "%s.flags", key);
	out(k, "%s", f[0] ? f : "-");
	snprintf(k, sizeof(k), "%s.mctp", key);
	if (!l.has_mctp) {
		out(k, "absent");
		return;
	}
	out(k, "net %s", l.has_net ? "present" : "absent");
	if (l.has_net) {
		snprintf(k, sizeof(k), "%s.mctp.net", key);
		out(k, "%u", l.net);
	}
	snprintf(k, sizeof(k), "%s.mctp.phys-binding", key);
	if (l.has_phys_binding)
		out(k, "%u", l.phys_binding);
	else
		out(k, "absent");
}

static void links(void)
{
	print_link("link.lo", ifi_lo);
	print_link("link.tun", ifi_tun);
	print_link("link.tap", ifi_tap);
	print_link("link.i2c", ifi_i2c);

	request("link.lo.up", mtl_link_up(&nl, ifi_lo));
	request("link.tun.up", mtl_link_up(&nl, ifi_tun));
	request("link.tap.up", mtl_link_up(&nl, ifi_tap));
	request("link.i2c.up", mtl_link_up(&nl, ifi_i2c));
	request("link.tap.set-net", mtl_link_set_net(&nl, ifi_tap, 2));
	request("link.tun.set-net-1", mtl_link_set_net(&nl, ifi_tun, NET));
	request("link.i2c.set-mtu-67", mtl_link_set_mtu(&nl, ifi_i2c, 67));
	request("link.i2c.set-mtu-254", mtl_link_set_mtu(&nl, ifi_i2c, 254));
	request("link.i2c.set-mtu-255", mtl_link_set_mtu(&nl, ifi_i2c, 255));
	request("link.i2c.set-mtu-68", mtl_link_set_mtu(&nl, ifi_i2c, 68));
	request("link.tun.set-mtu-68", mtl_link_set_mtu(&nl, ifi_tun, 68));
	request("link.tun.set-mtu-1500", mtl_link_set_mtu(&nl, ifi_tun, 1500));
	print_link("link.tun.after", ifi_tun);
	print_link("link.i2c.after", ifi_i2c);
}

/* ---- addresses ---- */

static void dump_addrs(const char *key)
{
	struct mtl_addr a[16];
	char list[512] = "";
	int n = mtl_addr_dump(&nl, 0, a, 16);

	if (n < 0) {
		out(key, "%s", result(n, true));
		return;
	}
	for (int i = 0; i < n && i < 16; i++)
		snprintf(list + strlen(list), sizeof(list) - strlen(list),
			 "%s%s:%u/%u", i ? " " : "", ifname(a[i].ifindex),
			 a[i].local, a[i].prefixlen);
	out(key, "%s", n ? list : "-");
}

static void addresses(void)
{
	request("addr.add.lo", mtl_addr_add(&nl, ifi_lo, LO_EID));
	request("addr.add.tun", mtl_addr_add(&nl, ifi_tun, TUN_EID));
	request("addr.add.i2c", mtl_addr_add(&nl, ifi_i2c, I2C_EID));
	request("addr.add.lo-again", mtl_addr_add(&nl, ifi_lo, LO_EID));
	request("addr.add.eid-0", mtl_addr_add(&nl, ifi_lo, 0));
	request("addr.add.eid-255", mtl_addr_add(&nl, ifi_lo, 255));
	request("addr.add.tap", mtl_addr_add(&nl, ifi_tap, 11));
	request("addr.add.i2c-second", mtl_addr_add(&nl, ifi_i2c, 12));
	request("addr.del.missing", mtl_addr_del(&nl, ifi_lo, 77));
	request("addr.del.i2c-second", mtl_addr_del(&nl, ifi_i2c, 12));
	dump_addrs("addr.dump");
}

/* ---- routes ---- */

/* The route dump, as two lines: @key for routes through a device, and
 * @key.gateway for gateway routes.
 */
static void dump_routes(const char *key)
{
	struct mtl_route r[32];
	char dev[1024] = "", gw[1024] = "", k[64];
	int n = mtl_route_dump(&nl, r, 32);

	if (n < 0) {
		out(key, "%s", result(n, true));
		return;
	}
	for (int i = 0; i < n && i < 32; i++) {
		char *list = r[i].has_gateway ? gw : dev;
		char *p = list + strlen(list);
		size_t room = sizeof(dev) - strlen(list);

		if (r[i].has_gateway)
			snprintf(p, room, "%s%u/%u type %u scope %u gw %u:%u mtu %u",
				 *list ? "; " : "", r[i].dst, r[i].dst_len,
				 r[i].type, r[i].scope, r[i].gateway.net,
				 r[i].gateway.eid, r[i].mtu);
		else
			snprintf(p, room, "%s%u/%u type %u scope %u dev %s mtu %u",
				 *list ? "; " : "", r[i].dst, r[i].dst_len,
				 r[i].type, r[i].scope, ifname(r[i].oif), r[i].mtu);
	}
	out(key, "%s", dev[0] ? dev : "-");
	snprintf(k, sizeof(k), "%s.gateway", key);
	out(k, "%s", gw[0] ? gw : "-");
}

static void routes(void)
{
	request("route.add.direct-mtu", mtl_route_add(&nl, PEER_EID, 1, ifi_tun, 100));
	request("route.add.range", mtl_route_add(&nl, 30, 4, ifi_i2c, 0));
	request("route.add.gw", mtl_route_add_gw(&nl, 40, 0, NET, PEER_EID, 0));
	request("route.add.gw-mtu", mtl_route_add_gw(&nl, 41, 0, NET, PEER_EID, 80));
	request("route.add.again", mtl_route_add(&nl, PEER_EID, 1, ifi_tun, 100));
	request("route.add.overlap", mtl_route_add(&nl, 31, 0, ifi_i2c, 0));
	request("route.add.tap", mtl_route_add(&nl, 50, 0, ifi_tap, 0));
	request("route.add.mtu-67", mtl_route_add(&nl, 51, 0, ifi_i2c, 67));
	request("route.add.dst-255", mtl_route_add(&nl, 255, 0, ifi_i2c, 0));
	request("route.add.gw-missing-net", mtl_route_add_gw(&nl, 42, 0, 99, PEER_EID, 0));
	request("route.del.missing-gw", mtl_route_del_gw(&nl, 99, 0, NET, 9));
	request("route.del.missing", mtl_route_del(&nl, 99, 0, ifi_tun));
	request("route.del.wrong-extent", mtl_route_del(&nl, 30, 1, ifi_i2c));
	dump_routes("route.dump");
}

/* ---- neighbours ---- */

static void dump_neighs(const char *key)
{
	struct mtl_neigh ne[16];
	char list[512] = "";
	int n = mtl_neigh_dump(&nl, 0, ne, 16);

	if (n < 0) {
		out(key, "%s", result(n, true));
		return;
	}
	for (int i = 0; i < n && i < 16; i++) {
		char *p = list + strlen(list);
		size_t room = sizeof(list) - strlen(list);

		snprintf(p, room, "%s%s:%u state 0x%x lladdr ", i ? "; " : "",
			 ifname(ne[i].ifindex), ne[i].eid, ne[i].state);
		if (ne[i].lladdr_len < 0)
			strncat(list, "absent", sizeof(list) - strlen(list) - 1);
		for (int b = 0; b < ne[i].lladdr_len; b++)
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
				 "%02x", ne[i].lladdr[b]);
	}
	out(key, "%s", n ? list : "-");
}

static void neighbours(void)
{
	uint8_t one = 0x1d, two[2] = { 0x1e, 0x1f };

	request("neigh.add.i2c-30", mtl_neigh_add(&nl, ifi_i2c, 30, &one, 1));
	one = 0x1e;
	request("neigh.add.i2c-31", mtl_neigh_add(&nl, ifi_i2c, 31, &one, 1));
	request("neigh.add.again", mtl_neigh_add(&nl, ifi_i2c, 30, &one, 1));
	request("neigh.add.lladdr-too-long", mtl_neigh_add(&nl, ifi_i2c, 32, two, 2));
	request("neigh.add.no-lladdr", mtl_neigh_add(&nl, ifi_i2c, 33, NULL, 0));
	request("neigh.add.tap", mtl_neigh_add(&nl, ifi_tap, 34, &one, 1));
	request("neigh.del.missing", mtl_neigh_del(&nl, ifi_i2c, 99));
	dump_neighs("neigh.dump");
	request("neigh.del.i2c-31", mtl_neigh_del(&nl, ifi_i2c, 31));
	dump_neighs("neigh.dump-after-del");
}

/* ---- sends ---- */

static void send_at(const char *key, int fd, unsigned int net, uint8_t eid,
		    size_t len)
{
	static uint8_t buf[65537];
	ssize_t n;

	mtl_pattern(buf, len, (unsigned int)len);
	n = mtl_sendto(fd, net, eid, TYPE, MCTP_TAG_OWNER, buf, len);
	out(key, "%s", n < 0 ? result((int)n, false) : "sent");
	if (n >= 0 && (size_t)n != len)
		out(key, "short send of %zd", n);
}

/* The packets of one message read from the tun: length and flags each. */
static void tun_packets(const char *key)
{
	uint8_t buf[2048];
	char list[2048] = "";
	int count = 0;
	ssize_t n;

	while ((n = tun_read(buf, sizeof(buf), 1000)) > 0) {
		uint8_t f = n >= 4 ? buf[3] : 0;

		count++;
		if (count <= 16)
			snprintf(list + strlen(list), sizeof(list) - strlen(list),
				 "%s%zd%s%s s%u%s", count > 1 ? " " : "", n,
				 f & MTL_HDR_SOM ? " SOM" : "",
				 f & MTL_HDR_EOM ? " EOM" : "", (f >> 4) & 3,
				 f & MTL_HDR_TO ? " TO" : "");
		if (f & MTL_HDR_EOM)
			break;
	}
	out(key, "%d packets: %s", count, count ? list : "-");
}

static void sends(void)
{
	struct sockaddr_mctp a;
	uint8_t buf[300];
	int fd, rx, rc;
	ssize_t n;

	fd = mtl_mctp_socket();
	rx = mtl_mctp_socket();
	if (fd < 0 || rx < 0) {
		out("send.socket", "%s", result(fd < 0 ? fd : rx, false));
		return;
	}
	tun_drain();
	send_at("send.tun.1", fd, NET, PEER_EID, 1);
	tun_packets("send.tun.1.packets");
	send_at("send.tun.300", fd, NET, PEER_EID, 300);
	tun_packets("send.tun.300.packets");
	send_at("send.gw-mtu.200", fd, NET, 41, 200);
	tun_packets("send.gw-mtu.200.packets");
	send_at("send.tun.65535", fd, NET, PEER_EID, 65535);
	tun_drain();
	send_at("send.tun.65536", fd, NET, PEER_EID, 65536);
	send_at("send.no-route", fd, NET, 99, 4);
	send_at("send.no-net", fd, 77, PEER_EID, 4);
	send_at("send.eid-0", fd, NET, 0, 4);
	tun_drain();

	/* bad socket addresses */
	mtl_sockaddr(&a, NET, PEER_EID, TYPE, MCTP_TAG_OWNER);
	a.smctp_family = AF_INET;
	n = sendto(fd, "x", 1, 0, (struct sockaddr *)&a, sizeof(a));
	out("send.bad-family", "%s", n < 0 ? result(-errno, false) : "sent");
	mtl_sockaddr(&a, NET, PEER_EID, TYPE, MCTP_TAG_OWNER);
	n = sendto(fd, "x", 1, 0, (struct sockaddr *)&a, sizeof(a) - 1);
	out("send.short-addrlen", "%s", n < 0 ? result(-errno, false) : "sent");
	mtl_sockaddr(&a, NET, PEER_EID, TYPE, 7);
	n = sendto(fd, "x", 1, 0, (struct sockaddr *)&a, sizeof(a));
	out("send.tag-without-owner", "%s", n < 0 ? result(-errno, false) : "sent");
	n = send(fd, "x", 1, 0);
	out("send.unconnected", "%s", n < 0 ? result(-errno, false) : "sent");
	tun_drain();

	/* over lo, to our own EID: a request and its arrival */
	rc = mtl_bind(rx, MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE);
	out("lo.bind", "%s", result(rc, false));
	rc = mtl_bind(fd, MCTP_NET_ANY, MCTP_ADDR_ANY, TYPE);
	out("lo.bind-again", "%s", result(rc, false));
	send_at("lo.send.300", fd, NET, LO_EID, 300);
	n = mtl_recv(rx, buf, sizeof(buf), MSG_TRUNC, &a, 2000);
	if (n < 0)
		out("lo.recv", "%s", result((int)n, false));
	else
		out("lo.recv", "%zd bytes from %u:%u type %u tag-owner %u",
		    n, a.smctp_network, a.smctp_addr.s_addr, a.smctp_type,
		    !!(a.smctp_tag & MCTP_TAG_OWNER));
	close(fd);
	close(rx);
}

/* ---- what a listener of the address group saw ---- */

static void address_group(void)
{
	uint8_t buf[8192];
	char key[64];
	int n, i = 0;

	while ((n = mtl_nl_recv(&addr_group, buf, sizeof(buf), 300)) > 0) {
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		for (; NLMSG_OK(h, (unsigned int)n); h = NLMSG_NEXT(h, n)) {
			struct mtl_addr a;

			snprintf(key, sizeof(key), "addr-group.%d", i++);
			if ((h->nlmsg_type == RTM_NEWADDR ||
			     h->nlmsg_type == RTM_DELADDR) &&
			    !mtl_addr_parse(h, &a))
				out(key, "%s %s:%u", h->nlmsg_type == RTM_NEWADDR ?
				    "new" : "del", ifname(a.ifindex), a.local);
			else
				out(key, "message type %u", h->nlmsg_type);
		}
	}
	out("addr-group.count", "%d", i);
}

static void teardown(void)
{
	close(tun_fd);
	tun_fd = -1;
	/* the tun is gone: its address and the routes through it with it */
	dump_addrs("teardown.addr.dump");
	dump_routes("teardown.route.dump");
}

int main(int argc, char **argv)
{
	struct mtl_nl genl;
	int tap_fd, rc;

	if (argc != 2) {
		fprintf(stderr, "usage: mctp-uapi-transcript I2C-LINK\n");
		return 2;
	}
	i2c_name = argv[1];
	if (mtl_nl_open(&nl) || mtl_nl_open_group(&addr_group, RTNLGRP_MCTP_IFADDR)) {
		fprintf(stderr, "mctp-uapi-transcript: netlink: %s\n", strerror(errno));
		return 1;
	}
	tun_fd = tun_open("mctptun0", IFF_TUN | IFF_NO_PI);
	tap_fd = tun_open("mctptap0", IFF_TAP | IFF_NO_PI);
	ifi_lo = mtl_link_index(&nl, "lo");
	ifi_tun = mtl_link_index(&nl, "mctptun0");
	ifi_tap = mtl_link_index(&nl, "mctptap0");
	ifi_i2c = mtl_link_index(&nl, i2c_name);
	if (tun_fd < 0 || tap_fd < 0 || ifi_lo <= 0 || ifi_tun <= 0 ||
	    ifi_tap <= 0 || ifi_i2c <= 0) {
		fprintf(stderr, "mctp-uapi-transcript: setup failed (tun %d tap %d, "
			"ifindex lo %d tun %d tap %d %s %d)\n", tun_fd, tap_fd,
			ifi_lo, ifi_tun, ifi_tap, i2c_name, ifi_i2c);
		return 1;
	}
	/* keep IPv6 from sending on the tun */
	mtl_proc_write_ns(-1, "/proc/sys/net/ipv6/conf/mctptun0/disable_ipv6", "1");

	rc = mtl_notify_open(&genl, "route");
	out("notify-family", "%s", rc ? result(rc, false) : "present");
	if (!rc)
		mtl_nl_close(&genl);

	links();
	addresses();
	routes();
	neighbours();
	sends();
	address_group();
	teardown();
	close(tap_fd);
	out("end", "complete");
	return 0;
}

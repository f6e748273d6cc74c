/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the tests of the SMBus binding (i2c_mctp.ko) on the
 * simulated bus (smbus_sim.ko). Include after kselftest_harness.h.
 *
 * A test builds a segment through smbus-sim's debugfs interface, binds
 * the binding ("mctp-smbus") to adapters from inside network namespaces
 * (the netdev is created in the namespace of the process that writes
 * new_device) and talks over AF_MCTP between those namespaces.
 *
 * Netdev sysfs attributes are only visible through a sysfs mounted in
 * the netdev's namespace, so each host gets its own sysfs mount (in a
 * private mount namespace of the test process).
 */
#ifndef SMBUS_TEST_H
#define SMBUS_TEST_H

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <linux/i2c.h>
#include <linux/i2c-dev.h>

#include "mctp-selftest.h"

#define ST_SIM		"/sys/kernel/debug/smbus-sim"
#define ST_DRV		"mctp-smbus"
#define ST_TYPE		0x7f	/* message type used for test traffic */
#define ST_MAXMSG	65535	/* payload after the type byte */

#ifndef MCTP_OPT_ADDR_EXT
#define MCTP_OPT_ADDR_EXT	1
#endif
#ifndef MCTP_TAG_OWNER
#define MCTP_TAG_OWNER		0x08
#endif

/* ---- files ---- */

static inline int st_write(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int rc = 0;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	if (n < 0)
		rc = -errno;
	close(fd);
	return rc;
}

static inline int __attribute__((format(printf, 2, 3)))
st_writef(const char *path, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return st_write(path, buf);
}

static inline int st_read(const char *path, char *buf, size_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return n;
}

static inline long st_read_long(const char *path)
{
	char buf[64];
	int rc = st_read(path, buf, sizeof(buf));

	return rc < 0 ? rc : strtol(buf, NULL, 0);
}

/* ---- smbus-sim ---- */

static inline int __attribute__((format(printf, 1, 2)))
st_sim(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return st_write(ST_SIM "/control", buf);
}

static inline int __attribute__((format(printf, 2, 3)))
st_seg(const char *seg, const char *fmt, ...)
{
	char buf[256], path[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), ST_SIM "/%s/control", seg);
	return st_write(path, buf);
}

/* A fault rule (or "del ID" / "clear") on segment @seg. */
static inline int __attribute__((format(printf, 2, 3)))
st_fault(const char *seg, const char *fmt, ...)
{
	char buf[256], path[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), ST_SIM "/%s/faults", seg);
	return st_write(path, buf);
}

static inline int st_seg_set(const char *seg, const char *file, long v)
{
	char path[128];

	snprintf(path, sizeof(path), ST_SIM "/%s/%s", seg, file);
	return st_writef(path, "%ld", v);
}

/* i2c bus number of adapter or mux channel @name of @seg, or -errno. */
static inline int st_bus(const char *seg, const char *name)
{
	char path[128], buf[4096], *line, *save = NULL;
	int rc;

	snprintf(path, sizeof(path), ST_SIM "/%s/adapters", seg);
	rc = st_read(path, buf, sizeof(buf));
	if (rc < 0)
		return rc;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char n[32];
		int bus;

		if (sscanf(line, "%31s %d", n, &bus) == 2 && !strcmp(n, name))
			return bus;
	}
	return -ENOENT;
}

/* A "key value" line of a smbus-sim counters/stats file. */
static inline long st_sim_value(const char *file, const char *key)
{
	char buf[4096], *line, *save = NULL;
	int rc = st_read(file, buf, sizeof(buf));

	if (rc < 0)
		return rc;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char k[64];
		long v;

		if (sscanf(line, "%63s %ld", k, &v) == 2 && !strcmp(k, key))
			return v;
	}
	return -ENOENT;
}

static inline long st_dev_counter(const char *seg, const char *dev,
				  const char *key)
{
	char path[128];

	snprintf(path, sizeof(path), ST_SIM "/%s/%s/counters", seg, dev);
	return st_sim_value(path, key);
}

/* ---- binding the driver ---- */

static inline int st_new_device(int bus, uint8_t addr)
{
	char path[96];

	snprintf(path, sizeof(path), "/sys/bus/i2c/devices/i2c-%d/new_device",
		 bus);
	return st_writef(path, ST_DRV " 0x%x", 0x1000 | addr);
}

static inline int st_delete_device(int bus, uint8_t addr)
{
	char path[96];

	snprintf(path, sizeof(path),
		 "/sys/bus/i2c/devices/i2c-%d/delete_device", bus);
	return st_writef(path, "0x%x", 0x1000 | addr);
}

/* Write i2c raw bytes from adapter @bus to @addr (i2c-dev). */
static inline int st_i2c_write(int bus, uint8_t addr, const void *buf,
			       size_t len)
{
	struct i2c_msg msg = {
		.addr = addr, .flags = 0, .len = len, .buf = (void *)buf,
	};
	struct i2c_rdwr_ioctl_data d = { .msgs = &msg, .nmsgs = 1 };
	char path[32];
	int fd, rc;

	snprintf(path, sizeof(path), "/dev/i2c-%d", bus);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	rc = ioctl(fd, I2C_RDWR, &d) < 0 ? -errno : 0;
	close(fd);
	return rc;
}

/* SMBus CRC-8 (polynomial x^8 + x^2 + x + 1) */
static inline uint8_t st_pec(uint8_t crc, const uint8_t *p, size_t len)
{
	while (len--) {
		crc ^= *p++;
		for (int i = 0; i < 8; i++)
			crc = crc & 0x80 ? (crc << 1) ^ 0x07 : crc << 1;
	}
	return crc;
}

/*
 * A DSP0237 frame to @dest from @src carrying one MCTP packet: fills @buf
 * with command, count, source, packet, PEC (what goes on the wire after
 * the address byte) and returns its length.
 */
static inline size_t st_frame(uint8_t *buf, uint8_t dest, uint8_t src,
			      const void *pkt, size_t plen)
{
	uint8_t a = dest << 1;

	buf[0] = 0x0f;
	buf[1] = plen + 1;
	buf[2] = (src << 1) | 1;
	memcpy(buf + 3, pkt, plen);
	buf[3 + plen] = st_pec(st_pec(0, &a, 1), buf, 3 + plen);
	return 4 + plen;
}

/* ---- hosts: a network namespace with its own sysfs view ---- */

struct st_host {
	int ns;			/* netns fd */
	char sys[48];		/* sysfs mounted in that netns */
	struct mtl_nl nl;
	uint8_t eid;
};

/* Once per test process: mounts made from here on stay private. */
static inline int st_private_mounts(void)
{
	if (unshare(CLONE_NEWNS) < 0)
		return -errno;
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return -errno;
	return 0;
}

static inline int st_host_init(struct st_host *h, int idx)
{
	int orig, rc;

	memset(h, 0, sizeof(*h));
	h->ns = mtl_netns_new();
	if (h->ns < 0)
		return h->ns;
	snprintf(h->sys, sizeof(h->sys), "/tmp/st-sys-%d", idx);
	mkdir(h->sys, 0755);
	orig = mtl_netns_current();
	if (orig < 0)
		return orig;
	rc = mtl_netns_enter(h->ns);
	if (!rc && mount("sysfs", h->sys, "sysfs", 0, NULL) < 0)
		rc = -errno;
	if (mtl_netns_enter(orig))
		abort();
	close(orig);
	if (rc)
		return rc;
	return mtl_nl_open_ns(&h->nl, h->ns);
}

static inline void st_host_fini(struct st_host *h)
{
	if (h->nl.fd > 0)
		mtl_nl_close(&h->nl);
	if (h->sys[0])
		umount2(h->sys, MNT_DETACH);
	if (h->ns > 0)
		close(h->ns);
	memset(h, 0, sizeof(*h));
}

/* Bind the driver at @addr on adapter @bus, creating netdevs in @h. */
static inline int st_bind(struct st_host *h, int bus, uint8_t addr)
{
	int orig = mtl_netns_current(), rc;

	if (orig < 0)
		return orig;
	rc = mtl_netns_enter(h->ns);
	if (!rc)
		rc = st_new_device(bus, addr);
	if (mtl_netns_enter(orig))
		abort();
	close(orig);
	return rc;
}

static inline void st_ifname(char *name, int bus)
{
	snprintf(name, IFNAMSIZ, "mctpi2c%u", (unsigned int)bus & 0xffff);
}

/* ifindex of mctpi2c<bus> in @h, or -errno. */
static inline int st_ifindex(struct st_host *h, int bus)
{
	char name[IFNAMSIZ];

	st_ifname(name, bus);
	return mtl_link_index(&h->nl, name);
}

/*
 * Configure mctpi2c<bus> of @h: up, local EID (if @eid), and the peer
 * @peer_eid (if non-zero) reachable at i2c address @peer_addr.
 */
static inline int st_link_setup(struct st_host *h, int bus, uint8_t eid,
				uint8_t peer_eid, uint8_t peer_addr)
{
	int ifi = st_ifindex(h, bus), rc;

	if (ifi < 0)
		return ifi;
	rc = mtl_link_up(&h->nl, ifi);
	if (!rc && eid)
		rc = mtl_addr_add(&h->nl, ifi, eid);
	if (!rc && peer_eid)
		rc = mtl_route_add(&h->nl, peer_eid, 0, ifi, 0);
	if (!rc && peer_eid)
		rc = mtl_neigh_add(&h->nl, ifi, peer_eid, &peer_addr, 1);
	if (!rc && eid)
		h->eid = eid;
	return rc;
}

/* /sys/class/net/mctpi2c<bus>/<file> as seen in @h. */
static inline long st_netfile(struct st_host *h, int bus, const char *file)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/class/net/mctpi2c%d/%s", h->sys, bus,
		 file);
	return st_read_long(path);
}

/* A counter of the binding ("smbus" group). */
static inline long st_ctr(struct st_host *h, int bus, const char *name)
{
	char file[64];

	snprintf(file, sizeof(file), "smbus/%s", name);
	return st_netfile(h, bus, file);
}

/* A standard netdev statistic. */
static inline long st_stat(struct st_host *h, int bus, const char *name)
{
	char file[64];

	snprintf(file, sizeof(file), "statistics/%s", name);
	return st_netfile(h, bus, file);
}

static inline int st_set_hold_ms(struct st_host *h, int bus, unsigned int ms)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/class/net/mctpi2c%d/smbus/hold_ms",
		 h->sys, bus);
	return st_writef(path, "%u", ms);
}

/* ---- traffic ---- */

/* A socket in @h bound to ST_TYPE (the responder side). */
static inline int st_listen(struct st_host *h)
{
	int fd = mk_socket_ns(h->ns);

	if (fd < 0)
		return fd;
	if (mtl_bind(fd, MCTP_NET_ANY, MCTP_ADDR_ANY, ST_TYPE)) {
		close(fd);
		return -errno;
	}
	return fd;
}

/* Answer one request on @srv with its own payload. Returns its length. */
static inline ssize_t st_echo_one(int srv, void *buf, size_t len,
				  int timeout_ms)
{
	struct sockaddr_mctp src;
	ssize_t n;

	n = mtl_recv(srv, buf, len, 0, &src, timeout_ms);
	if (n < 0)
		return n;
	if (!(src.smctp_tag & MCTP_TAG_OWNER))
		return -EPROTO;
	src.smctp_tag &= ~MCTP_TAG_OWNER;
	if (sendto(srv, buf, n, 0, (struct sockaddr *)&src, sizeof(src)) < 0)
		return -errno;
	return n;
}

/*
 * One request of @len pattern bytes from @cli to @eid, answered by @srv
 * (in the same process), response checked. 0 or -errno.
 */
static inline int st_roundtrip(int cli, int srv, uint8_t eid, size_t len,
			       unsigned int seed, int timeout_ms)
{
	static uint8_t out[ST_MAXMSG], in[ST_MAXMSG + 1], tmp[ST_MAXMSG + 1];
	struct sockaddr_mctp src;
	ssize_t n;

	mtl_pattern(out, len, seed);
	n = mtl_sendto(cli, MCTP_NET_ANY, eid, ST_TYPE, MCTP_TAG_OWNER, out,
		       len);
	if (n < 0)
		return n;
	n = st_echo_one(srv, tmp, sizeof(tmp), timeout_ms);
	if (n < 0)
		return n;
	if ((size_t)n != len || memcmp(tmp, out, len))
		return -EBADMSG;
	n = mtl_recv(cli, in, sizeof(in), 0, &src, timeout_ms);
	if (n < 0)
		return n;
	if ((size_t)n != len || memcmp(in, out, len) ||
	    src.smctp_addr.s_addr != eid || src.smctp_tag & MCTP_TAG_OWNER)
		return -EBADMSG;
	return 0;
}

/* ---- two hosts on one segment ---- */

#define ST_A_ADDR	0x10
#define ST_B_ADDR	0x20
#define ST_A_EID	8
#define ST_B_EID	9

/*
 * Segment @seg with adapters a0 and a1: host a (EID 8) bound at 0x10 on
 * a0, host b (EID 9) at 0x20 on a1; cli is a socket in a, srv a socket
 * in b bound to ST_TYPE.
 */
struct st_pair {
	const char *seg;
	struct st_host a, b;
	int bus_a, bus_b;
	int cli, srv;
};

static inline int st_pair_setup(struct st_pair *p, const char *seg,
				const char *seg_opts)
{
	int rc;

	memset(p, 0, sizeof(*p));
	p->seg = seg;
	p->cli = p->srv = -1;
	rc = st_private_mounts();
	if (rc)
		return rc;
	st_sim("del %s", seg);
	rc = st_sim("add %s adapters=2 %s", seg, seg_opts ?: "");
	if (rc)
		return rc;
	p->bus_a = st_bus(seg, "a0");
	p->bus_b = st_bus(seg, "a1");
	if (p->bus_a < 0 || p->bus_b < 0)
		return -ENOENT;
	rc = st_host_init(&p->a, 0);
	if (!rc)
		rc = st_host_init(&p->b, 1);
	if (!rc)
		rc = st_bind(&p->a, p->bus_a, ST_A_ADDR);
	if (!rc)
		rc = st_bind(&p->b, p->bus_b, ST_B_ADDR);
	if (!rc)
		rc = st_link_setup(&p->a, p->bus_a, ST_A_EID, ST_B_EID,
				   ST_B_ADDR);
	if (!rc)
		rc = st_link_setup(&p->b, p->bus_b, ST_B_EID, ST_A_EID,
				   ST_A_ADDR);
	if (rc)
		return rc;
	p->cli = mk_socket_ns(p->a.ns);
	if (p->cli < 0)
		return p->cli;
	p->srv = st_listen(&p->b);
	return p->srv < 0 ? p->srv : 0;
}

static inline void st_pair_teardown(struct st_pair *p)
{
	if (p->cli >= 0)
		close(p->cli);
	if (p->srv >= 0)
		close(p->srv);
	p->cli = p->srv = -1;
	if (p->seg)
		st_sim("del %s", p->seg);
	st_host_fini(&p->a);
	st_host_fini(&p->b);
}

#endif /* SMBUS_TEST_H */

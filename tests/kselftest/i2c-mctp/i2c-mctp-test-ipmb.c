// SPDX-License-Identifier: GPL-2.0
/*
 * SMBus binding: IPMB on the same slave address as MCTP.
 *
 * Host A (EID 8) binds at 0x10 on a0, host B (EID 9) at 0x20 on a1; the
 * segment also has smbus-sim's IPMB responder at 0x30. A talks IPMB to
 * the responder through /dev/ipmb-mctp-<a0>, whose responses arrive on
 * A's slave address together with B's MCTP traffic.
 */
#define _GNU_SOURCE
#include <poll.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "smbus-test.h"

#define IPMB_ADDR	0x30
#define NETFN_APP	0x06
#define CMD_GET_DEV_ID	0x01

FIXTURE(ipmb) {
	struct st_pair p;
	int fd;
};

FIXTURE_SETUP(ipmb)
{
	char path[64];
	int rc;

	self->fd = -1;
	rc = st_pair_setup(&self->p, "si", NULL);
	ASSERT_EQ(0, rc) TH_LOG("setup: %s", strerror(-rc));
	ASSERT_EQ(0, st_seg("si", "add-ipmb ip0 addr=0x%x", IPMB_ADDR));
	ASSERT_EQ(0, st_seg("si", "add-tmp75 t0 addr=0x48"));
	snprintf(path, sizeof(path), "/dev/ipmb-mctp-%d", self->p.bus_a);
	self->fd = open(path, O_RDWR | O_CLOEXEC);
	ASSERT_LE(0, self->fd) TH_LOG("%s: %s", path, strerror(errno));
}

FIXTURE_TEARDOWN(ipmb)
{
	if (self->fd >= 0)
		close(self->fd);
	st_pair_teardown(&self->p);
}

static uint8_t cksum(const uint8_t *p, size_t n)
{
	uint8_t s = 0;

	while (n--)
		s += *p++;
	return -s;
}

/* A request in the device's write framing; returns its size. */
static size_t ipmb_req(uint8_t *m, uint8_t netfn, uint8_t seq, uint8_t cmd)
{
	m[1] = IPMB_ADDR << 1;			/* rsSA */
	m[2] = netfn << 2;			/* netFn/rsLUN */
	m[3] = cksum(&m[1], 2);
	m[4] = ST_A_ADDR << 1;			/* rqSA */
	m[5] = seq << 2;			/* rqSeq/rqLUN */
	m[6] = cmd;
	m[7] = cksum(&m[4], 3);
	m[0] = 7;
	return 8;
}

/* Read one response within @ms; returns its length byte + 1 or -errno. */
static int ipmb_read(int fd, uint8_t *m, size_t len, int ms)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	ssize_t n;

	if (poll(&pfd, 1, ms) <= 0)
		return -ETIMEDOUT;
	n = read(fd, m, len);
	return n < 0 ? -errno : (int)n;
}

/* One request/response; checks the framing; returns the completion code. */
static int ipmb_call(struct __test_metadata *_metadata, int fd, uint8_t seq,
		     uint8_t cmd, uint8_t *rsp, size_t rsplen)
{
	uint8_t req[16];
	size_t n = ipmb_req(req, NETFN_APP, seq, cmd);
	int got;

	if (write(fd, req, n) != (ssize_t)n)
		return -errno;
	got = ipmb_read(fd, rsp, rsplen, 2000);
	if (got < 0)
		return got;
	EXPECT_EQ(got, rsp[0] + 1);
	EXPECT_EQ(ST_A_ADDR << 1, rsp[1]);		/* rqSA: us */
	EXPECT_EQ((NETFN_APP + 1) << 2, rsp[2]);	/* response netFn */
	EXPECT_EQ(0, (uint8_t)(rsp[1] + rsp[2] + rsp[3]));
	EXPECT_EQ(IPMB_ADDR << 1, rsp[4]);		/* rsSA */
	EXPECT_EQ(seq << 2, rsp[5] & 0xfc);
	EXPECT_EQ(cmd, rsp[6]);
	EXPECT_EQ(0, cksum(&rsp[4], got - 4));
	return rsp[7];
}

TEST_F(ipmb, get_device_id)
{
	uint8_t rsp[256];

	ASSERT_EQ(0x00, ipmb_call(_metadata, self->fd, 1, CMD_GET_DEV_ID, rsp,
				  sizeof(rsp)));
	EXPECT_EQ(19, rsp[0]);		/* 11 data bytes */
	EXPECT_EQ(0x20, rsp[8]);	/* device id */
	EXPECT_EQ(1, st_dev_counter("si", "ip0", "requests"));
	EXPECT_EQ(1, st_ctr(&self->p.a, self->p.bus_a, "rx_ipmb"));
	EXPECT_EQ(0, st_stat(&self->p.a, self->p.bus_a, "rx_errors"));
}

TEST_F(ipmb, other_command)
{
	uint8_t rsp[256];

	EXPECT_EQ(0xc1, ipmb_call(_metadata, self->fd, 2, 0x55, rsp,
				  sizeof(rsp)));
}

TEST_F(ipmb, read_nonblocking)
{
	uint8_t buf[64];
	struct pollfd pfd = { .fd = self->fd, .events = POLLIN | POLLOUT };
	int fl = fcntl(self->fd, F_GETFL);

	ASSERT_EQ(0, fcntl(self->fd, F_SETFL, fl | O_NONBLOCK));
	EXPECT_EQ(-1, read(self->fd, buf, sizeof(buf)));
	EXPECT_EQ(EAGAIN, errno);
	ASSERT_EQ(1, poll(&pfd, 1, 0));
	EXPECT_EQ(POLLOUT, pfd.revents & (POLLIN | POLLOUT));
}

TEST_F(ipmb, short_read_truncates)
{
	uint8_t req[16], rsp[4];
	size_t n = ipmb_req(req, NETFN_APP, 3, CMD_GET_DEV_ID);

	ASSERT_EQ((ssize_t)n, write(self->fd, req, n));
	ASSERT_EQ(4, ipmb_read(self->fd, rsp, sizeof(rsp), 2000));
	EXPECT_EQ(19, rsp[0]);
	/* the rest of that message is gone; nothing else is queued */
	EXPECT_EQ(-ETIMEDOUT, ipmb_read(self->fd, rsp, sizeof(rsp), 100));
}

TEST_F(ipmb, write_errors)
{
	uint8_t req[16];
	size_t n = ipmb_req(req, NETFN_APP, 4, CMD_GET_DEV_ID);

	EXPECT_EQ(-1, write(self->fd, req, 3));		/* shorter than len */
	EXPECT_EQ(EINVAL, errno);
	req[0] = 5;					/* below the minimum */
	EXPECT_EQ(-1, write(self->fd, req, n));
	EXPECT_EQ(EINVAL, errno);
	n = ipmb_req(req, NETFN_APP, 4, CMD_GET_DEV_ID);
	req[1] = 0x66 << 1;				/* nobody there */
	EXPECT_EQ(-1, write(self->fd, req, n));
	EXPECT_EQ(ENXIO, errno);
}

/* MCTP from B to A while A's IPMB responses arrive: nothing is lost. */
static int mctp_traffic(struct st_pair *p, int count)
{
	int cli = mk_socket_ns(p->b.ns), srv = st_listen(&p->a), i, ok = 0;

	if (cli < 0 || srv < 0)
		return 255;
	for (i = 0; i < count; i++)
		if (!st_roundtrip(cli, srv, ST_A_EID, 1 + (i * 37) % 600, i,
				  3000))
			ok++;
	return ok == count ? 0 : 1;
}

TEST_F_TIMEOUT(ipmb, interleaved, 300)
{
	const int n_ipmb = 40, n_mctp = 40;
	uint8_t rsp[256];
	int i, status;
	pid_t pid;

	pid = fork();
	ASSERT_LE(0, pid);
	if (!pid)
		_exit(mctp_traffic(&self->p, n_mctp));
	for (i = 0; i < n_ipmb; i++)
		ASSERT_EQ(0, ipmb_call(_metadata, self->fd, i & 0x3f,
				       CMD_GET_DEV_ID, rsp, sizeof(rsp)))
			TH_LOG("IPMB request %d", i);
	ASSERT_EQ(pid, waitpid(pid, &status, 0));
	EXPECT_TRUE(WIFEXITED(status) && !WEXITSTATUS(status))
		TH_LOG("MCTP traffic status %x", status);
	EXPECT_EQ(n_ipmb, st_ctr(&self->p.a, self->p.bus_a, "rx_ipmb"));
	EXPECT_EQ(n_ipmb, st_dev_counter("si", "ip0", "responses"));
	EXPECT_EQ(0, st_ctr(&self->p.a, self->p.bus_a, "rx_ipmb_dropped"));
	EXPECT_EQ(0, st_stat(&self->p.a, self->p.bus_a, "rx_errors"));
	EXPECT_EQ(0, st_dev_counter("si", "t0", "accesses"));
}

/* The client goes away with the device open: reads and writes fail. */
TEST_F(ipmb, client_removed)
{
	uint8_t req[16], buf[64];
	size_t n = ipmb_req(req, NETFN_APP, 5, CMD_GET_DEV_ID);

	ASSERT_EQ(0, st_delete_device(self->p.bus_a, ST_A_ADDR));
	EXPECT_EQ(-1, read(self->fd, buf, sizeof(buf)));
	EXPECT_EQ(ENODEV, errno);
	EXPECT_EQ(-1, write(self->fd, req, n));
	EXPECT_EQ(ENODEV, errno);
}

TEST_HARNESS_MAIN

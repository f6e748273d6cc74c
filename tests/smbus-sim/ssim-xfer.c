// SPDX-License-Identifier: GPL-2.0
/*
 * ssim-xfer: one I2C_RDWR transfer (optionally repeated) on /dev/i2c-BUS,
 * reporting errno names and elapsed time; the smbus-sim tests' probe.
 *
 *   ssim-xfer [-n COUNT] [-c] [-T] [-q] BUS MSG...
 *     MSG   wN@ADDR [BYTE...]  write N bytes (missing bytes: 0, 1, 2, ...)
 *           rN@ADDR            read N bytes
 *           rb@ADDR            SMBus block read (count byte first)
 *     -n    run the transfer COUNT times
 *     -c    go on after errors; print "ok=N" and "EXXX=N" counts at the end
 *     -T    print "time_us=N" (all runs)
 *     -q    do not print read data
 *
 * Without -c the first error prints "ERR ENAME" and exits 1. Read data of
 * the last run is printed one message per line, as hex bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/i2c-dev.h>
#include <linux/i2c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define MAX_MSGS	16
#define MAX_LEN		4096
#define BLOCK_MAX	32
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static struct i2c_msg msgs[MAX_MSGS];
static unsigned char bufs[MAX_MSGS][MAX_LEN];
static unsigned short lens[MAX_MSGS];
static int nmsgs;

static const struct {
	int err;
	const char *name;
} errnames[] = {
	{ ENXIO, "ENXIO" }, { EIO, "EIO" }, { EAGAIN, "EAGAIN" },
	{ ETIMEDOUT, "ETIMEDOUT" }, { EPROTO, "EPROTO" }, { EINVAL, "EINVAL" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { EBUSY, "EBUSY" }, { ENODEV, "ENODEV" },
	{ EREMOTEIO, "EREMOTEIO" }, { ENOENT, "ENOENT" },
};

static const char *errname(int err)
{
	static char buf[16];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(errnames); i++)
		if (errnames[i].err == err)
			return errnames[i].name;
	snprintf(buf, sizeof(buf), "E%d", err);
	return buf;
}

static void bad_args(void)
{
	fprintf(stderr, "usage: ssim-xfer [-n COUNT] [-c] [-T] [-q] BUS MSG...\n"
			"  MSG: wN@ADDR [BYTE...] | rN@ADDR | rb@ADDR\n");
	exit(2);
}

static long num(const char *s, long max)
{
	char *end;
	long v = strtol(s, &end, 0);

	if (*s == '\0' || *end != '\0' || v < 0 || v > max) {
		fprintf(stderr, "ssim-xfer: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

/* Parse "wN@ADDR", "rN@ADDR" or "rb@ADDR" into the next message. */
static struct i2c_msg *parse_msg(const char *s)
{
	struct i2c_msg *m = &msgs[nmsgs];
	char spec[32], *at;

	if (nmsgs == MAX_MSGS || strlen(s) >= sizeof(spec))
		bad_args();
	snprintf(spec, sizeof(spec), "%s", s);
	at = strchr(spec, '@');
	if (!at || (spec[0] != 'w' && spec[0] != 'r'))
		bad_args();
	*at = '\0';
	m->addr = num(at + 1, 0x7f);
	m->buf = bufs[nmsgs];
	if (!strcmp(spec, "rb")) {
		m->flags = I2C_M_RD | I2C_M_RECV_LEN;
		m->len = 1 + BLOCK_MAX;
		m->buf[0] = 1;
	} else {
		m->flags = spec[0] == 'r' ? I2C_M_RD : 0;
		m->len = num(spec + 1, MAX_LEN);
	}
	lens[nmsgs] = m->len;
	nmsgs++;
	return m;
}

static int is_msg(const char *s)
{
	return (s[0] == 'w' || s[0] == 'r') && strchr(s, '@');
}

static int parse_msgs(int argc, char **argv)
{
	struct i2c_msg *m;
	int i = 0, j;

	while (i < argc) {
		if (!is_msg(argv[i]))
			bad_args();
		m = parse_msg(argv[i++]);
		if (m->flags & I2C_M_RD)
			continue;
		for (j = 0; j < m->len; j++)
			m->buf[j] = j & 0xff;
		for (j = 0; i < argc && !is_msg(argv[i]); j++, i++) {
			if (j >= m->len)
				bad_args();
			m->buf[j] = num(argv[i], 0xff);
		}
	}
	return nmsgs ? 0 : -1;
}

/* One run; 0 or errno. */
static int run(int fd)
{
	struct i2c_rdwr_ioctl_data data = { .msgs = msgs, .nmsgs = nmsgs };
	int i;

	for (i = 0; i < nmsgs; i++) {
		msgs[i].len = lens[i];
		if (msgs[i].flags & I2C_M_RECV_LEN)
			msgs[i].buf[0] = 1;
	}
	return ioctl(fd, I2C_RDWR, &data) < 0 ? errno : 0;
}

static void print_reads(void)
{
	int i, j, n;

	for (i = 0; i < nmsgs; i++) {
		if (!(msgs[i].flags & I2C_M_RD))
			continue;
		n = msgs[i].flags & I2C_M_RECV_LEN ? 1 + msgs[i].buf[0] : msgs[i].len;
		for (j = 0; j < n; j++)
			printf("%s%02x", j ? " " : "", msgs[i].buf[j]);
		printf("\n");
	}
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
	int opt, fd, err = 0, keep_going = 0, timed = 0, quiet = 0;
	long count = 1, i, ok = 0;
	int errs[256] = { 0 };
	char dev[32];
	long long t0;

	while ((opt = getopt(argc, argv, "n:cTq")) != -1) {
		switch (opt) {
		case 'n':
			count = num(optarg, 1000000);
			break;
		case 'c':
			keep_going = 1;
			break;
		case 'T':
			timed = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			bad_args();
		}
	}
	if (argc - optind < 2)
		bad_args();
	snprintf(dev, sizeof(dev), "/dev/i2c-%ld", num(argv[optind], 1 << 20));
	if (parse_msgs(argc - optind - 1, argv + optind + 1))
		bad_args();
	fd = open(dev, O_RDWR);
	if (fd < 0) {
		printf("ERR %s (open %s)\n", errname(errno), dev);
		return 1;
	}
	t0 = now_us();
	for (i = 0; i < count; i++) {
		err = run(fd);
		if (!err) {
			ok++;
			continue;
		}
		errs[err & 0xff]++;
		if (!keep_going)
			break;
	}
	if (timed)
		printf("time_us=%lld\n", now_us() - t0);
	close(fd);
	if (keep_going) {
		printf("ok=%ld", ok);
		for (i = 0; i < 256; i++)
			if (errs[i])
				printf(" %s=%d", errname(i), errs[i]);
		printf("\n");
		return 0;
	}
	if (err) {
		printf("ERR %s\n", errname(err));
		return 1;
	}
	if (!quiet)
		print_reads();
	return 0;
}

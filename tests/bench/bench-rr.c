// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-bench-rr: same-host MCTP request/response rate.
 *
 * A responder thread echoes every request it receives on an AF_MCTP
 * socket bound to (type, local EID); the main thread sends requests with
 * MCTP_TAG_OWNER to that local EID and waits for each reply. The same
 * number of round trips of the same size between two threads over an
 * AF_UNIX SOCK_SEQPACKET socketpair is the baseline, measured in the same
 * run: each sample times a chunk of each back to back (see bench-util.h).
 *
 * Setup (in a private network namespace unless --no-netns): a vpair
 * device up with the local EID (its local route follows), or, where the
 * kernel has no vpair (the built-in upstream stack), the loopback device
 * with the local EID.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "bench-util.h"
#include "mctp-testlib.h"

#define RR_MAX_SIZE	65536
#define RR_WARMUP	200
#define RR_TIMEOUT_MS	2000	/* a reply later than this is a failure */
#define RR_STOP_BYTE	0xff	/* first payload byte of the stop message */

struct rr_opts {
	unsigned long count;
	unsigned long chunk;
	unsigned int size;
	unsigned int max_seconds;
	unsigned int eid;
	unsigned int type;
	unsigned int mtu;	/* 0: the device's default */
	const char *pin;	/* same, split, none */
	const char *setup;	/* auto, vpair, lo, none */
	bool netns;
	bool json;
};

/* One side of a ping-pong: a thread echoing on @fd until told to stop. */
struct echo_thread {
	pthread_t tid;
	int cpu;		/* -1: not pinned */
	int fd;
	atomic_bool stop;
	int err;		/* errno of a failed reply, 0 if none */
	atomic_ulong replies;
};

/* Pin the calling thread to @cpu (-1: leave it). */
static void pin_self(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set))
		fprintf(stderr, "warning: cannot pin to CPU %d\n", cpu);
}

/* CPUs of the requester and the responders under --pin. */
static void pin_cpus(const char *pin, int *req, int *rsp)
{
	*req = *rsp = -1;
	if (!strcmp(pin, "same")) {
		*req = *rsp = 0;
	} else if (!strcmp(pin, "split")) {
		*req = 0;
		*rsp = sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 1 : 0;
	}
}

/* ---- MCTP responder ---- */

static void *mctp_echo(void *arg)
{
	struct echo_thread *t = arg;
	static unsigned char buf[RR_MAX_SIZE];
	struct sockaddr_mctp src;
	socklen_t alen;
	ssize_t n;

	pin_self(t->cpu);
	while (!atomic_load(&t->stop)) {
		alen = sizeof(src);
		n = recvfrom(t->fd, buf, sizeof(buf), 0,
			     (struct sockaddr *)&src, &alen);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				continue;
			t->err = errno;
			break;
		}
		if (n > 0 && buf[0] == RR_STOP_BYTE)
			break;
		src.smctp_tag &= ~MCTP_TAG_OWNER;
		if (sendto(t->fd, buf, n, 0, (struct sockaddr *)&src,
			   sizeof(src)) < 0) {
			t->err = errno;
			break;
		}
		atomic_fetch_add(&t->replies, 1);
	}
	return NULL;
}

/* ---- AF_UNIX echo ---- */

static void *unix_echo(void *arg)
{
	struct echo_thread *t = arg;
	static unsigned char buf[RR_MAX_SIZE];
	ssize_t n;

	pin_self(t->cpu);
	for (;;) {
		n = recv(t->fd, buf, sizeof(buf), 0);
		if (n <= 0)	/* 0: the other end closed */
			break;
		if (send(t->fd, buf, n, 0) < 0) {
			t->err = errno;
			break;
		}
		atomic_fetch_add(&t->replies, 1);
	}
	return NULL;
}

static int set_rcvtimeo(int fd, int ms)
{
	struct timeval tv = { .tv_sec = ms / 1000,
			      .tv_usec = (ms % 1000) * 1000 };

	return setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

/* ---- requester loops ---- */

struct rr_run {
	unsigned long done;	/* completed round trips */
	uint64_t ns;
	int err;		/* errno of the failure, 0 if none */
	const char *step;	/* "send", "recv", "reply" */
};

static void fill(unsigned char *buf, unsigned int size, unsigned long i)
{
	unsigned int n = size < 4 ? size : 4;

	memcpy(buf, &i, n);
	buf[0] &= 0x7f;	/* never the stop byte */
}

/* Check the reply carries the request's leading bytes. */
static bool reply_ok(const unsigned char *req, const unsigned char *rep,
		     ssize_t n, unsigned int size)
{
	unsigned int k = size < 4 ? size : 4;

	return n == (ssize_t)size && !memcmp(req, rep, k);
}

/* @count MCTP round trips, added to @r; false on failure. */
static bool mctp_loop(int fd, const struct rr_opts *o, unsigned long count,
		      struct rr_run *r)
{
	static unsigned char req[RR_MAX_SIZE], rep[RR_MAX_SIZE];
	uint64_t t0 = bench_now_ns();
	struct sockaddr_mctp dst;
	unsigned long i;
	ssize_t n;

	mtl_sockaddr(&dst, MCTP_NET_ANY, o->eid, o->type, MCTP_TAG_OWNER);
	for (i = 0; i < count; i++) {
		fill(req, o->size, r->done + i);
		if (sendto(fd, req, o->size, 0, (struct sockaddr *)&dst,
			   sizeof(dst)) < 0) {
			r->err = errno;
			r->step = "send";
			break;
		}
		n = recv(fd, rep, sizeof(rep), 0);
		if (n < 0) {
			r->err = errno == EAGAIN ? ETIMEDOUT : errno;
			r->step = "recv";
			break;
		}
		if (!reply_ok(req, rep, n, o->size)) {
			r->err = EBADMSG;
			r->step = "reply";
			break;
		}
	}
	r->done += i;
	r->ns += bench_now_ns() - t0;
	return !r->err;
}

/* @count AF_UNIX round trips, added to @r; false on failure. */
static bool unix_loop(int fd, unsigned int size, unsigned long count,
		      struct rr_run *r)
{
	static unsigned char req[RR_MAX_SIZE], rep[RR_MAX_SIZE];
	uint64_t t0 = bench_now_ns();
	unsigned long i;
	ssize_t n;

	for (i = 0; i < count; i++) {
		fill(req, size, r->done + i);
		if (send(fd, req, size, 0) < 0) {
			r->err = errno;
			r->step = "send";
			break;
		}
		n = recv(fd, rep, sizeof(rep), 0);
		if (!reply_ok(req, rep, n, size)) {
			r->err = n < 0 ? errno : EBADMSG;
			r->step = "recv";
			break;
		}
	}
	r->done += i;
	r->ns += bench_now_ns() - t0;
	return !r->err;
}

/* ---- setup ---- */

/* Bring up @name (with @mtu unless 0) and give it the local EID. */
static int setup_dev(struct mtl_nl *nl, const char *name, uint8_t eid,
		     unsigned int mtu)
{
	int ifindex, rc = 0;

	ifindex = mtl_link_index(nl, name);
	if (ifindex < 0)
		return ifindex;
	if (mtu)
		rc = mtl_link_set_mtu(nl, ifindex, mtu);
	if (!rc)
		rc = mtl_link_up(nl, ifindex);
	if (!rc)
		rc = mtl_addr_add(nl, ifindex, eid);
	return rc;
}

static void setup_err(const char *what, int rc, const struct mtl_nl *nl)
{
	fprintf(stderr, "%s: %s%s%s\n", what, strerror(-rc),
		nl->extack[0] ? ": " : "", nl->extack);
}

/*
 * A vpair "mbrr0"/"mbrr1", both up, the local EID on mbrr0. Returns 0,
 * -EOPNOTSUPP when the vpair cannot be created (printed only under
 * --setup vpair), or another negative errno after printing it.
 */
static int setup_vpair(struct mtl_nl *nl, uint8_t eid, unsigned int mtu,
		       bool quiet)
{
	int rc, peer;

	rc = mtl_vpair_create(nl, "mbrr0", "mbrr1");
	if (rc) {
		if (!quiet)
			setup_err("vpair create", rc, nl);
		return -EOPNOTSUPP;
	}
	peer = mtl_link_index(nl, "mbrr1");
	rc = peer < 0 ? peer : mtl_link_up(nl, peer);
	if (!rc)
		rc = setup_dev(nl, "mbrr0", eid, mtu);
	if (rc)
		setup_err("vpair setup", rc, nl);
	return rc == -EOPNOTSUPP ? -EINVAL : rc;
}

/* The device carrying the local EID, for the record. */
static void describe(struct mtl_nl *nl, const char *how,
		     struct bench_result *res)
{
	struct mtl_link l;

	if (mtl_link_get_by_name(nl, strcmp(how, "lo") ? "mbrr0" : "lo", &l))
		return;
	snprintf(res->note, sizeof(res->note),
		 "local EID on %s, MTU %u (message: %u B + type byte)",
		 l.name, l.mtu, res->size);
}

/*
 * Returns the setup used ("vpair", "lo", "none") or NULL after printing
 * why it failed. "auto" takes the loopback device where the kernel has
 * no vpair (the built-in upstream stack).
 */
static const char *setup(const struct rr_opts *o, struct bench_result *res)
{
	bool is_auto = !strcmp(o->setup, "auto");
	const char *how = NULL;
	struct mtl_nl nl;
	int rc;

	if (!strcmp(o->setup, "none"))
		return "none";
	rc = mtl_nl_open(&nl);
	if (rc) {
		fprintf(stderr, "netlink: %s\n", strerror(-rc));
		return NULL;
	}
	rc = -EOPNOTSUPP;
	if (is_auto || !strcmp(o->setup, "vpair")) {
		rc = setup_vpair(&nl, o->eid, o->mtu, is_auto);
		if (!rc)
			how = "vpair";
	}
	if (rc == -EOPNOTSUPP && (is_auto || !strcmp(o->setup, "lo"))) {
		rc = setup_dev(&nl, "lo", o->eid, o->mtu);
		if (rc)
			setup_err("lo setup", rc, &nl);
		else
			how = "lo";
	}
	if (how)
		describe(&nl, how, res);
	mtl_nl_close(&nl);
	return how;
}

/* ---- measurement ---- */

static int mctp_sockets(const struct rr_opts *o, int *req_fd, int *rsp_fd,
			struct bench_result *res)
{
	int rc;

	*rsp_fd = mtl_mctp_socket();
	*req_fd = mtl_mctp_socket();
	if (*rsp_fd < 0 || *req_fd < 0) {
		bench_set_error(res, "socket(AF_MCTP): %s",
				strerror(-(*rsp_fd < 0 ? *rsp_fd : *req_fd)));
		return -1;
	}
	rc = mtl_bind(*rsp_fd, MCTP_NET_ANY, o->eid, o->type);
	if (rc) {
		bench_set_error(res, "bind(type %u, eid %u): %s", o->type,
				o->eid, strerror(-rc));
		return -1;
	}
	if (set_rcvtimeo(*rsp_fd, 200) ||
	    set_rcvtimeo(*req_fd, RR_TIMEOUT_MS)) {
		bench_set_error(res, "SO_RCVTIMEO: %s", strerror(errno));
		return -1;
	}
	return 0;
}

static void mctp_error(struct bench_result *res, const struct rr_run *r,
		       const struct echo_thread *rsp)
{
	/* the responder is still running: its figures are a snapshot */
	unsigned long replies = atomic_load(&rsp->replies);

	bench_set_error(res, "%s failed after %lu round trips: %s "
			"(responder: %lu replies%s%s)", r->step, r->done,
			strerror(r->err), replies, rsp->err ? ", " : "",
			rsp->err ? strerror(rsp->err) : "");
}

/* Stop the responder: a stop message, then the flag as a fallback. */
static void mctp_stop(struct echo_thread *rsp, int req_fd,
		      const struct rr_opts *o)
{
	unsigned char stop = RR_STOP_BYTE;
	struct sockaddr_mctp dst;

	mtl_sockaddr(&dst, MCTP_NET_ANY, o->eid, o->type, MCTP_TAG_OWNER);
	sendto(req_fd, &stop, 1, 0, (struct sockaddr *)&dst, sizeof(dst));
	atomic_store(&rsp->stop, true);
	pthread_join(rsp->tid, NULL);
}

static int start_echo(struct echo_thread *t, int fd, bool mctp, int cpu)
{
	t->fd = fd;
	t->cpu = cpu;
	atomic_init(&t->stop, false);
	t->err = 0;
	atomic_init(&t->replies, 0);
	return pthread_create(&t->tid, NULL, mctp ? mctp_echo : unix_echo,
			      t);
}

/*
 * One sample: a chunk of MCTP round trips and a chunk of AF_UNIX ones,
 * in an order that alternates between samples.
 */
static bool one_sample(const struct rr_opts *o, int req_fd, int unix_fd,
		       unsigned long n, bool unix_first, struct rr_run *m,
		       struct rr_run *u)
{
	*m = (struct rr_run){ 0 };
	*u = (struct rr_run){ 0 };
	if (unix_first && !unix_loop(unix_fd, o->size, n, u))
		return false;
	if (!mctp_loop(req_fd, o, n, m))
		return false;
	return unix_first || unix_loop(unix_fd, o->size, n, u);
}

/* Samples until o->count round trips of each kind or the time limit. */
static void run_samples(const struct rr_opts *o, int req_fd, int unix_fd,
			struct echo_thread *rsp, struct bench_result *res)
{
	struct rr_run m = { 0 }, u;
	struct bench_samples s;
	unsigned long done = 0, n;
	uint64_t deadline;

	if (!mctp_loop(req_fd, o, RR_WARMUP, &m)) {
		mctp_error(res, &m, rsp);
		return;
	}
	bench_samples_init(&s, (o->count + o->chunk - 1) / o->chunk);
	deadline = bench_now_ns() + (uint64_t)o->max_seconds * 1000000000ull;
	while (done < o->count && bench_now_ns() < deadline) {
		n = o->count - done < o->chunk ? o->count - done : o->chunk;
		if (!one_sample(o, req_fd, unix_fd, n, s.n % 2, &m, &u)) {
			m.done += done;
			if (m.err)
				mctp_error(res, &m, rsp);
			else
				bench_set_error(res, "AF_UNIX %s: %s", u.step,
						strerror(u.err));
			break;
		}
		bench_samples_add(&s, bench_rate(m.done, m.ns),
				  bench_rate(u.done, u.ns));
		done += n;
	}
	res->count = done;
	bench_set_figures(res, &s);
	bench_samples_free(&s);
}

static void measure(const struct rr_opts *o, struct bench_result *res)
{
	int req_fd = -1, rsp_fd = -1, sv[2];
	struct echo_thread rsp, ux;
	int req_cpu, rsp_cpu;
	bool mctp = false;
	struct rr_run r;

	pin_cpus(o->pin, &req_cpu, &rsp_cpu);
	pin_self(req_cpu);
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) ||
	    start_echo(&ux, sv[1], false, rsp_cpu)) {
		bench_set_error(res, "AF_UNIX setup: %s", strerror(errno));
		return;
	}
	r = (struct rr_run){ 0 };
	unix_loop(sv[0], o->size, RR_WARMUP, &r);
	if (!mctp_sockets(o, &req_fd, &rsp_fd, res)) {
		mctp = !start_echo(&rsp, rsp_fd, true, rsp_cpu);
		if (!mctp)
			bench_set_error(res, "pthread_create failed");
	}
	if (mctp)
		run_samples(o, req_fd, sv[0], &rsp, res);
	if (!res->samples) {	/* no MCTP figure: the baseline alone */
		r = (struct rr_run){ 0 };
		unix_loop(sv[0], o->size, o->count, &r);
		res->baseline = bench_rate(r.done, r.ns);
		res->count = r.done;
	}
	if (mctp)
		mctp_stop(&rsp, req_fd, o);
	close(sv[0]);
	pthread_join(ux.tid, NULL);
	close(sv[1]);
	if (req_fd >= 0)
		close(req_fd);
	if (rsp_fd >= 0)
		close(rsp_fd);
}

/* ---- main ---- */

static void usage(FILE *f)
{
	fprintf(f,
"usage: mctp-bench-rr [options]\n"
"  -n, --count N        round trips of each kind (default 50000)\n"
"  -s, --size B         payload bytes per message, after the type byte\n"
"                       (default 64)\n"
"  -c, --chunk N        round trips per sample and kind (default 250)\n"
"  -t, --max-seconds S  stop sampling after S seconds (default 20)\n"
"  -e, --eid E          local EID (default 8)\n"
"  -T, --type T         message type (default 0x7f)\n"
"  -m, --mtu N          set the device MTU first (default: leave it)\n"
"      --pin HOW        same: requester and responders on CPU 0; split:\n"
"                       requester on CPU 0, responders on CPU 1; none\n"
"                       (default same)\n"
"      --setup HOW      auto (vpair, else lo), vpair, lo, none (default auto)\n"
"      --no-netns       run in the current network namespace\n"
"  -j, --json           one JSON object instead of the table\n");
}

static void parse(int argc, char **argv, struct rr_opts *o)
{
	static const struct option lo[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "size", required_argument, NULL, 's' },
		{ "chunk", required_argument, NULL, 'c' },
		{ "max-seconds", required_argument, NULL, 't' },
		{ "eid", required_argument, NULL, 'e' },
		{ "type", required_argument, NULL, 'T' },
		{ "mtu", required_argument, NULL, 'm' },
		{ "setup", required_argument, NULL, 'S' },
		{ "pin", required_argument, NULL, 'p' },
		{ "no-netns", no_argument, NULL, 'N' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int c;

	while ((c = getopt_long(argc, argv, "n:s:c:t:e:T:m:jh", lo, NULL)) != -1) {
		switch (c) {
		case 'n':
			o->count = bench_parse_ulong("--count", optarg, 1, ~0ul);
			break;
		case 's':
			o->size = bench_parse_ulong("--size", optarg, 1, RR_MAX_SIZE - 1);
			break;
		case 'c':
			o->chunk = bench_parse_ulong("--chunk", optarg, 1, ~0ul);
			break;
		case 't':
			o->max_seconds = bench_parse_ulong("--max-seconds", optarg, 1, 3600);
			break;
		case 'e':
			o->eid = bench_parse_ulong("--eid", optarg, 8, 254);
			break;
		case 'T':
			o->type = bench_parse_ulong("--type", optarg, 0, 0x7f);
			break;
		case 'm':
			o->mtu = bench_parse_ulong("--mtu", optarg, 68, 65540);
			break;
		case 'S':
			o->setup = optarg;
			break;
		case 'p':
			o->pin = optarg;
			break;
		case 'N':
			o->netns = false;
			break;
		case 'j':
			o->json = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(BENCH_EXIT_SETUP);
		}
	}
	if (optind < argc || (strcmp(o->setup, "auto") &&
			      strcmp(o->setup, "vpair") &&
			      strcmp(o->setup, "lo") &&
			      strcmp(o->setup, "none")) ||
	    (strcmp(o->pin, "same") && strcmp(o->pin, "split") &&
	     strcmp(o->pin, "none"))) {
		usage(stderr);
		exit(BENCH_EXIT_SETUP);
	}
}

int main(int argc, char **argv)
{
	struct rr_opts o = {
		.count = 50000, .chunk = 250, .size = 64,
		.max_seconds = 20,
		.eid = 8, .type = 0x7f, .setup = "auto", .pin = "same",
		.netns = true,
	};
	struct bench_result res = {
		.name = "rr",
		.what = "same-host request/response rate",
		.unit = "round trips/s",
		.baseline_name = "AF_UNIX SOCK_SEQPACKET ping-pong",
		.goal = 0.5,
	};

	parse(argc, argv, &o);
	res.size = o.size;
	if (o.netns)
		bench_unshare_netns();
	res.setup = setup(&o, &res);
	if (!res.setup) {
		res.setup = o.setup;
		bench_set_error(&res, "setup failed (see the messages above)");
		bench_print(&res, o.json);
		return BENCH_EXIT_SETUP;
	}
	snprintf(res.note + strlen(res.note),
		 sizeof(res.note) - strlen(res.note), "%sthreads pinned: %s",
		 res.note[0] ? "; " : "", o.pin);
	measure(&o, &res);
	bench_print(&res, o.json);
	return res.error[0] ? BENCH_EXIT_MEASURE : BENCH_EXIT_OK;
}

// SPDX-License-Identifier: GPL-2.0
/*
 * mctp-bench-routes: send rate with a large route table.
 *
 * Two sender namespaces; each sample times a chunk of every case back to
 * back (see bench-util.h):
 *   one:  one device in MCTP network 1, local EID 8, one route (EID 9);
 *   many: 100 devices, one per network 1..100, local EID 8 on each and
 *         100 routes per network (EIDs 9..108): 10,000 routes.
 * The sender sends 64 B messages without MCTP_TAG_OWNER (no key, no
 * reply) as fast as it can. Figures:
 *   routes:        "many" sending to (net 1, EID 9), the route added
 *                  first, against "one" sending to the same address;
 *   routes-spread: "many" sending to all 10,000 destinations in turn,
 *                  against "one".
 *
 * Devices: a vpair per network whose other end sits up, without
 * addresses or routes, in a sink namespace that drops what arrives (so the
 * receiver never throttles the sender). Where the kernel has no vpair
 * (the built-in upstream stack), tun devices (ARPHRD_NONE,
 * which that stack accepts as MCTP devices) held open and never read:
 * the tun driver drops once its queue is full.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if_tun.h>

#include "bench-util.h"
#include "mctp-testlib.h"

#define RT_MAX_NETS	1000
#define RT_LOCAL_EID	8
#define RT_FIRST_EID	9
#define RT_MAX_PER_NET	(254 - RT_FIRST_EID + 1)
#define RT_MAX_SIZE	65536
#define RT_WARMUP	200

enum rt_dev_kind { RT_DEV_AUTO, RT_DEV_VPAIR, RT_DEV_TUN };

struct rt_opts {
	unsigned long count;
	unsigned long chunk;
	unsigned int size;
	unsigned int max_seconds;
	unsigned int nets;
	unsigned int per_net;
	unsigned int type;
	enum rt_dev_kind kind;
	bool json;
	bool verbose;
};

/* A sender namespace with its devices, routes and sending socket. */
struct rt_env {
	const char *tag;	/* device name prefix */
	int ns;
	struct mtl_nl nl;
	unsigned int ndev;
	int ifindex[RT_MAX_NETS];
	int tun_fd[RT_MAX_NETS];
	unsigned int nroutes;
	double route_secs;	/* time taken to add the routes */
	int sock;
};

/* Shared by both environments. */
struct rt_world {
	enum rt_dev_kind kind;	/* resolved: vpair or tun */
	int home;		/* the namespace we started in */
	int sink;		/* vpair peers live here */
	struct mtl_nl sink_nl;
};

/* The first setup failure, for the result line. */
static char rt_setup_error[160];

static void nl_err(const char *what, int rc, const struct mtl_nl *nl)
{
	char msg[sizeof(rt_setup_error)];

	snprintf(msg, sizeof(msg), "%.60s: %.30s%s%.60s", what, strerror(-rc),
		 nl && nl->extack[0] ? ": " : "", nl ? nl->extack : "");
	fprintf(stderr, "%s\n", msg);
	if (!rt_setup_error[0])
		memcpy(rt_setup_error, msg, sizeof(msg));
}

/* ---- devices ---- */

/* A vpair @name/@name"p"; the peer goes up in the sink namespace. */
static int vpair_dev(struct rt_world *w, struct rt_env *e, const char *name)
{
	char peer[IFNAMSIZ + 2];	/* our names are short */
	int rc, idx;

	snprintf(peer, sizeof(peer), "%sp", name);
	rc = mtl_vpair_create(&e->nl, name, peer);
	if (rc) {
		nl_err("vpair create", rc, &e->nl);
		return rc;
	}
	idx = mtl_link_index(&e->nl, peer);
	rc = idx < 0 ? idx : mtl_link_set_netns(&e->nl, idx, w->sink);
	if (rc) {
		nl_err("move vpair peer", rc, &e->nl);
		return rc;
	}
	idx = mtl_link_index(&w->sink_nl, peer);
	rc = idx < 0 ? idx : mtl_link_up(&w->sink_nl, idx);
	if (rc)
		nl_err("vpair peer up", rc, &w->sink_nl);
	return rc;
}

/* A tun device (IFF_TUN: ARPHRD_NONE) in @e's namespace; the fd stays
 * attached so the device has carrier, and nobody reads it.
 */
static int tun_dev(struct rt_world *w, struct rt_env *e, const char *name)
{
	struct ifreq ifr = { .ifr_flags = IFF_TUN | IFF_NO_PI };
	int fd, rc = 0;

	rc = mtl_netns_enter(e->ns);
	if (rc) {
		nl_err("setns", rc, NULL);
		return rc;
	}
	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		rc = -errno;
		nl_err("no vpair here, and /dev/net/tun (needs CONFIG_TUN)",
		       rc, NULL);
	}
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", name);
	if (!rc && ioctl(fd, TUNSETIFF, &ifr) < 0) {
		rc = -errno;
		nl_err("TUNSETIFF", rc, NULL);
		close(fd);
	}
	if (mtl_netns_enter(w->home) && !rc)
		rc = -EIO;
	if (rc)
		return rc;
	e->tun_fd[e->ndev] = fd;
	return 0;
}

/* Device number e->ndev: created, up, in network @net, local EID 8. */
static int add_dev(struct rt_world *w, struct rt_env *e, unsigned int net)
{
	char name[IFNAMSIZ];
	int rc, idx;

	snprintf(name, sizeof(name), "%s%u", e->tag, e->ndev);
	rc = w->kind == RT_DEV_TUN ? tun_dev(w, e, name) :
				     vpair_dev(w, e, name);
	if (rc)
		return rc;
	idx = mtl_link_index(&e->nl, name);
	rc = idx < 0 ? idx : mtl_link_up(&e->nl, idx);
	if (!rc)
		rc = mtl_link_set_net(&e->nl, idx, net);
	if (!rc)
		rc = mtl_addr_add(&e->nl, idx, RT_LOCAL_EID);
	if (rc) {
		nl_err(name, rc, &e->nl);
		return rc;
	}
	e->ifindex[e->ndev++] = idx;
	return 0;
}

/* Decide between vpair and tun by trying a vpair in a throwaway netns. */
static int probe_kind(struct rt_world *w, enum rt_dev_kind want)
{
	struct mtl_nl nl;
	int ns, rc;

	if (want != RT_DEV_AUTO) {
		w->kind = want;
		return 0;
	}
	ns = mtl_netns_new();
	if (ns < 0)
		return ns;
	rc = mtl_nl_open_ns(&nl, ns);
	if (rc) {
		close(ns);
		return rc;
	}
	w->kind = mtl_vpair_create(&nl, "probe0", "probe1") ? RT_DEV_TUN :
							       RT_DEV_VPAIR;
	mtl_nl_close(&nl);
	close(ns);
	return 0;
}

/* ---- environments ---- */

static int env_init(struct rt_world *w, struct rt_env *e, const char *tag,
		    unsigned int nets, unsigned int per_net)
{
	unsigned int i, k;
	uint64_t t0;
	int rc;

	memset(e, 0, sizeof(*e));
	e->tag = tag;
	e->sock = -1;
	for (i = 0; i < RT_MAX_NETS; i++)
		e->tun_fd[i] = -1;
	e->ns = mtl_netns_new();
	if (e->ns < 0)
		return e->ns;
	rc = mtl_nl_open_ns(&e->nl, e->ns);
	if (rc)
		return rc;
	for (i = 0; i < nets; i++) {
		rc = add_dev(w, e, i + 1);
		if (rc)
			return rc;
	}
	/* network 1 first, so its first route is the oldest */
	t0 = bench_now_ns();
	for (i = 0; i < nets; i++) {
		for (k = 0; k < per_net; k++) {
			rc = mtl_route_add(&e->nl, RT_FIRST_EID + k, 0,
					   e->ifindex[i], 0);
			if (rc) {
				nl_err("route add", rc, &e->nl);
				return rc;
			}
			e->nroutes++;
		}
	}
	e->route_secs = (bench_now_ns() - t0) / 1e9;
	e->sock = mtl_socket_ns(e->ns, AF_MCTP, SOCK_DGRAM, 0);
	return e->sock < 0 ? e->sock : 0;
}

static void env_fini(struct rt_env *e)
{
	unsigned int i;

	if (e->sock >= 0)
		close(e->sock);
	for (i = 0; i < e->ndev; i++)
		if (e->tun_fd[i] >= 0)
			close(e->tun_fd[i]);
	if (e->nl.fd > 0)
		mtl_nl_close(&e->nl);
	if (e->ns > 0)
		close(e->ns);
}

/* ---- sending ---- */

/*
 * One case: a socket and the destinations it cycles through. A sample
 * sends one chunk of every case in turn, so a host whose load changes
 * hits every case alike.
 */
struct rt_case {
	const char *label;
	int fd;
	const struct sockaddr_mctp *dst;
	size_t ndst, pos;
	unsigned long done;	/* this chunk */
	uint64_t ns;
};

/* Send @n messages; 0 or the errno of a failed sendmsg. */
static int send_chunk(struct rt_case *c, unsigned long n,
		      const struct rt_opts *o)
{
	static unsigned char buf[RT_MAX_SIZE];
	uint64_t t0 = bench_now_ns();
	unsigned long i;
	int err = 0;

	for (i = 0; i < n; i++) {
		if (sendto(c->fd, buf, o->size, 0,
			   (const struct sockaddr *)&c->dst[c->pos],
			   sizeof(*c->dst)) < 0) {
			err = errno;
			break;
		}
		if (++c->pos == c->ndst)
			c->pos = 0;
	}
	c->done += i;
	c->ns += bench_now_ns() - t0;
	return err;
}

/* Every destination of @e, network-major. */
static struct sockaddr_mctp *all_dests(const struct rt_opts *o, size_t *n)
{
	struct sockaddr_mctp *d;
	unsigned int i, k;

	*n = (size_t)o->nets * o->per_net;
	d = calloc(*n, sizeof(*d));
	if (!d)
		return NULL;
	for (i = 0; i < o->nets; i++)
		for (k = 0; k < o->per_net; k++)
			mtl_sockaddr(&d[i * o->per_net + k], i + 1,
				     RT_FIRST_EID + k, o->type, 0);
	return d;
}

enum { RT_ONE, RT_MANY, RT_SPREAD, RT_NCASES };

/* Samples of the large table's cases, each against the one-route case. */
struct rt_figures {
	struct bench_samples many, spread;
	unsigned long count;	/* messages per case */
	char error[160];
};

/* One chunk of every case, starting with case @first; -1 on error. */
static int chunk_all(struct rt_case *c, unsigned long n, int first,
		     const struct rt_opts *o, struct rt_figures *f)
{
	int i, k, err;

	for (k = 0; k < RT_NCASES; k++) {
		i = (first + k) % RT_NCASES;
		c[i].done = 0;
		c[i].ns = 0;
		err = send_chunk(&c[i], n, o);
		if (err) {
			snprintf(f->error, sizeof(f->error),
				 "%s: sendmsg failed after %lu messages: %s",
				 c[i].label, f->count + c[i].done,
				 strerror(err));
			return -1;
		}
	}
	return 0;
}

static void measure(const struct rt_opts *o, const struct rt_env *one,
		    const struct rt_env *many, struct rt_figures *f)
{
	struct sockaddr_mctp first, *all;
	struct rt_case c[RT_NCASES];
	unsigned long n, k = 0;
	uint64_t deadline;
	double base;
	size_t nall;

	all = all_dests(o, &nall);
	if (!all) {
		snprintf(f->error, sizeof(f->error), "out of memory");
		return;
	}
	mtl_sockaddr(&first, 1, RT_FIRST_EID, o->type, 0);
	c[RT_ONE] = (struct rt_case){ .label = "one route",
				      .fd = one->sock, .dst = &first,
				      .ndst = 1 };
	c[RT_MANY] = (struct rt_case){ .label = "many routes",
				       .fd = many->sock, .dst = &first,
				       .ndst = 1 };
	c[RT_SPREAD] = (struct rt_case){ .label = "many routes, spread",
					 .fd = many->sock, .dst = all,
					 .ndst = nall };
	if (chunk_all(c, RT_WARMUP, 0, o, f))
		goto out;
	deadline = bench_now_ns() + (uint64_t)o->max_seconds * 1000000000ull;
	while (f->count < o->count && bench_now_ns() < deadline) {
		n = o->count - f->count < o->chunk ? o->count - f->count :
						      o->chunk;
		/* rotate which case goes first */
		if (chunk_all(c, n, k++ % RT_NCASES, o, f))
			break;
		base = bench_rate(c[RT_ONE].done, c[RT_ONE].ns);
		bench_samples_add(&f->many, bench_rate(c[RT_MANY].done,
						       c[RT_MANY].ns), base);
		bench_samples_add(&f->spread, bench_rate(c[RT_SPREAD].done,
							 c[RT_SPREAD].ns),
				  base);
		f->count += n;
	}
out:
	free(all);
}

/*
 * --verbose: the /proc/net/dev line of the first device named @prefix in
 * namespace @ns, to stderr.
 */
static void dump_dev_stats(const struct rt_world *w, int ns,
			   const char *prefix, const char *label)
{
	char line[512], name[IFNAMSIZ + 2], *p;
	FILE *f;

	snprintf(name, sizeof(name), "%s0", prefix);
	if (mtl_netns_enter(ns))
		return;
	f = fopen("/proc/self/net/dev", "r");
	while (f && fgets(line, sizeof(line), f)) {
		for (p = line; *p == ' '; p++)
			;
		if (!strncmp(p, name, strlen(name)))
			fprintf(stderr, "%-5s %s", label, p);
	}
	if (f)
		fclose(f);
	mtl_netns_enter(w->home);
}

static void dump_all(const struct rt_world *w, const struct rt_env *one,
		     const struct rt_env *many)
{
	fprintf(stderr, "/proc/net/dev columns: rx bytes packets errs drop fifo frame compressed multicast, then tx\n");
	dump_dev_stats(w, one->ns, "ro", "one");
	dump_dev_stats(w, many->ns, "rm", "many");
	dump_dev_stats(w, w->sink, "ro", "sink");
	dump_dev_stats(w, w->sink, "rm", "sink");
}

/* ---- main ---- */

static void usage(FILE *f)
{
	fprintf(f,
"usage: mctp-bench-routes [options]\n"
"  -n, --count N        messages per case (default 100000)\n"
"  -s, --size B         payload bytes per message, after the type byte\n"
"                       (default 64)\n"
"  -c, --chunk N        messages per sample and case (default 500)\n"
"  -t, --max-seconds S  stop sampling after S seconds (default 30)\n"
"      --nets N         networks in the large table (default 100)\n"
"      --per-net N      routes per network (default 100, at most 246)\n"
"  -T, --type T         message type (default 0x7f)\n"
"      --dev KIND       auto (vpair, else tun), vpair, tun (default auto)\n"
"  -j, --json           JSON objects, one a line, instead of the table\n"
"  -v, --verbose        device counters after the run (stderr)\n");
}

static enum rt_dev_kind parse_kind(const char *s)
{
	if (!strcmp(s, "auto"))
		return RT_DEV_AUTO;
	if (!strcmp(s, "vpair"))
		return RT_DEV_VPAIR;
	if (!strcmp(s, "tun"))
		return RT_DEV_TUN;
	usage(stderr);
	exit(BENCH_EXIT_SETUP);
}

static void parse(int argc, char **argv, struct rt_opts *o)
{
	static const struct option lo[] = {
		{ "count", required_argument, NULL, 'n' },
		{ "size", required_argument, NULL, 's' },
		{ "chunk", required_argument, NULL, 'c' },
		{ "max-seconds", required_argument, NULL, 't' },
		{ "nets", required_argument, NULL, 'N' },
		{ "per-net", required_argument, NULL, 'P' },
		{ "type", required_argument, NULL, 'T' },
		{ "dev", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	int c;

	while ((c = getopt_long(argc, argv, "n:s:c:t:T:jvh", lo, NULL)) != -1) {
		switch (c) {
		case 'n':
			o->count = bench_parse_ulong("--count", optarg, 1, ~0ul);
			break;
		case 's':
			o->size = bench_parse_ulong("--size", optarg, 1, RT_MAX_SIZE - 1);
			break;
		case 'c':
			o->chunk = bench_parse_ulong("--chunk", optarg, 1, ~0ul);
			break;
		case 't':
			o->max_seconds = bench_parse_ulong("--max-seconds", optarg, 1, 3600);
			break;
		case 'N':
			o->nets = bench_parse_ulong("--nets", optarg, 1, RT_MAX_NETS);
			break;
		case 'P':
			o->per_net = bench_parse_ulong("--per-net", optarg, 1, RT_MAX_PER_NET);
			break;
		case 'T':
			o->type = bench_parse_ulong("--type", optarg, 0, 0x7f);
			break;
		case 'D':
			o->kind = parse_kind(optarg);
			break;
		case 'j':
			o->json = true;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			exit(BENCH_EXIT_SETUP);
		}
	}
	if (optind < argc) {
		usage(stderr);
		exit(BENCH_EXIT_SETUP);
	}
}

static int world_init(struct rt_world *w, enum rt_dev_kind want)
{
	int rc;

	w->home = mtl_netns_current();
	if (w->home < 0)
		return w->home;
	rc = probe_kind(w, want);
	if (rc)
		return rc;
	w->sink = mtl_netns_new();
	if (w->sink < 0)
		return w->sink;
	return mtl_nl_open_ns(&w->sink_nl, w->sink);
}

static void report(const struct rt_opts *o, const struct rt_world *w,
		   struct rt_figures *f, struct rt_env *many)
{
	struct bench_result res = {
		.unit = "messages/s",
		.baseline_name = "the same with 1 route",
		.setup = w->kind == RT_DEV_TUN ? "tun" : "vpair",
		.goal = 0.9,
		.count = f->count,
		.size = o->size,
	};
	struct mtl_link l = { .mtu = 0 };
	char what[96];

	if (many->ndev)
		mtl_link_get(&many->nl, many->ifindex[0], &l);
	if (f->error[0])
		bench_set_error(&res, "%s", f->error);
	else
		snprintf(res.note, sizeof(res.note),
			 "%u routes in %u networks, added in %.2f s; device MTU %u",
			 many->nroutes, o->nets, many->route_secs, l.mtu);
	res.name = "routes";
	snprintf(what, sizeof(what),
		 "send rate with %u routes, to the oldest route",
		 o->nets * o->per_net);
	res.what = what;
	bench_set_figures(&res, &f->many);
	bench_print(&res, o->json);
	res.name = "routes-spread";
	snprintf(what, sizeof(what),
		 "send rate with %u routes, to every destination in turn",
		 o->nets * o->per_net);
	bench_set_figures(&res, &f->spread);
	bench_print(&res, o->json);
}

int main(int argc, char **argv)
{
	struct rt_opts o = {
		.count = 100000, .chunk = 500, .size = 64,
		.max_seconds = 30,
		.nets = 100, .per_net = 100, .type = 0x7f,
		.kind = RT_DEV_AUTO,
	};
	struct rt_figures f = { 0 };
	struct rt_env one = { 0 }, many = { 0 };
	struct rt_world w = { 0 };
	int rc;

	parse(argc, argv, &o);
	bench_samples_init(&f.many, (o.count + o.chunk - 1) / o.chunk);
	bench_samples_init(&f.spread, (o.count + o.chunk - 1) / o.chunk);
	rc = world_init(&w, o.kind);
	if (rc) {
		nl_err("namespace setup", rc, NULL);
		return BENCH_EXIT_SETUP;
	}
	rc = env_init(&w, &one, "ro", 1, 1);
	if (!rc)
		rc = env_init(&w, &many, "rm", o.nets, o.per_net);
	if (rc) {
		snprintf(f.error, sizeof(f.error), "setup failed: %.140s",
			 rt_setup_error[0] ? rt_setup_error : strerror(-rc));
		report(&o, &w, &f, &many);
		return BENCH_EXIT_SETUP;
	}
	measure(&o, &one, &many, &f);
	if (o.verbose)
		dump_all(&w, &one, &many);
	report(&o, &w, &f, &many);
	env_fini(&many);
	env_fini(&one);
	bench_samples_free(&f.many);
	bench_samples_free(&f.spread);
	return f.error[0] ? BENCH_EXIT_MEASURE : BENCH_EXIT_OK;
}

/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the fuzzers: a seeded random stream, the command line (seed,
 * operation count, time limit), privilege dropping, a watchdog that keeps
 * any system call from blocking for long, and the closing line that
 * tests/fuzz/run-fuzz reads:
 *
 *   FUZZ-RESULT name=NAME ops=N seconds=S seed=SEED failures=F
 *
 * A failure prints "FUZZ-FAIL: ..." with the seed and the operation
 * number; the same seed (and operation count) replays the same sequence
 * of calls. Outcomes that depend on timing (what a receiver has queued,
 * which of several processes runs first) may still differ between runs.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <linux/capability.h>

#define FZ_NOBODY	65534

struct fz_rng {
	uint64_t s;
};

/* splitmix64 to spread a seed, xorshift64* for the stream */
static inline void fz_seed(struct fz_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t z = seed + 0x9e3779b97f4a7c15ull * (stream + 1);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	r->s = (z ^ (z >> 31)) | 1;
}

static inline uint64_t fz_next(struct fz_rng *r)
{
	r->s ^= r->s >> 12;
	r->s ^= r->s << 25;
	r->s ^= r->s >> 27;
	return r->s * 0x2545f4914f6cdd1dull;
}

/* 0 .. n-1 (n > 0) */
static inline uint32_t fz_below(struct fz_rng *r, uint32_t n)
{
	return (uint32_t)((fz_next(r) >> 32) % n);
}

/* true with probability 1/n */
static inline bool fz_one_in(struct fz_rng *r, uint32_t n)
{
	return fz_below(r, n) == 0;
}

static inline uint32_t fz_u32(struct fz_rng *r)
{
	return (uint32_t)(fz_next(r) >> 32);
}

static inline void fz_fill(struct fz_rng *r, void *buf, size_t len)
{
	uint8_t *p = buf;

	while (len--)
		*p++ = (uint8_t)(fz_next(r) >> 56);
}

/* One element of a constant array. */
#define FZ_PICK(r, arr) ((arr)[fz_below((r), sizeof(arr) / sizeof((arr)[0]))])

/*
 * Weighted choice: @weights[i] is the weight of choice i; returns an
 * index.
 */
static inline int fz_weighted(struct fz_rng *r, const unsigned int *weights,
			      int n)
{
	unsigned int total = 0, x;
	int i;

	for (i = 0; i < n; i++)
		total += weights[i];
	x = fz_below(r, total);
	for (i = 0; i < n; i++) {
		if (x < weights[i])
			return i;
		x -= weights[i];
	}
	return n - 1;
}

/* ---- command line ---- */

struct fz_opts {
	const char *name;
	uint64_t seed;
	unsigned long ops;		/* stop after this many (0: no limit) */
	unsigned int seconds;		/* stop after this long (0: no limit) */
	unsigned int workers;		/* privileged worker processes */
	bool verbose;
};

static inline void fz_usage(const struct fz_opts *o, const char *extra)
{
	fprintf(stderr,
		"usage: %s [-s SEED] [-n OPS] [-t SECONDS] [-j WORKERS] [-v]%s\n"
		"  -s SEED     replay a run (printed at the start)\n"
		"  -n OPS      operations in total (default %lu)\n"
		"  -t SECONDS  stop earlier after this long (0: no limit)\n"
		"  -j WORKERS  privileged worker processes (default %u)\n"
		"  -v          print each failure in detail\n",
		o->name, extra ? extra : "", o->ops, o->workers);
	exit(2);
}

/*
 * Parse the common options into @o (defaults set by the caller); an
 * option in @extra_opts (getopt syntax) goes to @extra. Returns optind.
 */
static inline int fz_parse(int argc, char **argv, struct fz_opts *o,
			   const char *extra_opts, const char *extra_usage,
			   void (*extra)(int opt, const char *arg))
{
	char optstr[64];
	bool seeded = false;
	int c;

	snprintf(optstr, sizeof(optstr), "s:n:t:j:vh%s",
		 extra_opts ? extra_opts : "");
	while ((c = getopt(argc, argv, optstr)) != -1) {
		switch (c) {
		case 's':
			o->seed = strtoull(optarg, NULL, 0);
			seeded = true;
			break;
		case 'n':
			o->ops = strtoul(optarg, NULL, 0);
			break;
		case 't':
			o->seconds = strtoul(optarg, NULL, 0);
			break;
		case 'j':
			o->workers = strtoul(optarg, NULL, 0);
			break;
		case 'v':
			o->verbose = true;
			break;
		case '?':
		case 'h':
			fz_usage(o, extra_usage);
			break;
		default:
			if (!extra)
				fz_usage(o, extra_usage);
			extra(c, optarg);
		}
	}
	if (!seeded) {
		struct timespec ts;

		clock_gettime(CLOCK_REALTIME, &ts);
		o->seed = ((uint64_t)ts.tv_sec << 20) ^ ts.tv_nsec ^ getpid();
	}
	printf("%s: seed %llu ops %lu (replay: %s -s %llu -n %lu)\n", o->name,
	       (unsigned long long)o->seed, o->ops, o->name,
	       (unsigned long long)o->seed, o->ops);
	fflush(stdout);
	return optind;
}

/* ---- time ---- */

static inline double fz_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether a run that started at @t0 has used up its time. */
static inline bool fz_time_up(const struct fz_opts *o, double t0)
{
	return o->seconds && fz_now() - t0 >= o->seconds;
}

/* ---- failures and the result line ---- */

static inline void __attribute__((format(printf, 4, 5)))
fz_fail(const struct fz_opts *o, unsigned long op, int worker,
	const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("FUZZ-FAIL: %s seed %llu worker %d op %lu: %s\n", o->name,
	       (unsigned long long)o->seed, worker, op, msg);
	fflush(stdout);
}

static inline void fz_result(const struct fz_opts *o, unsigned long ops,
			     double seconds, unsigned long failures)
{
	printf("FUZZ-RESULT name=%s ops=%lu seconds=%.1f seed=%llu failures=%lu\n",
	       o->name, ops, seconds, (unsigned long long)o->seed, failures);
	fflush(stdout);
}

/* ---- privileges ---- */

/* Whether the effective capability set is empty. */
static inline bool fz_no_caps(void)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return false;
	return !data[0].effective && !data[1].effective &&
	       !data[0].permitted && !data[1].permitted;
}

/*
 * Become nobody (uid and gid 65534, no supplementary groups): a uid
 * change from 0 clears every capability. Returns 0 or -errno.
 */
static inline int fz_drop_privs(void)
{
	if (setgroups(0, NULL) < 0)
		return -errno;
	if (setresgid(FZ_NOBODY, FZ_NOBODY, FZ_NOBODY) < 0)
		return -errno;
	if (setresuid(FZ_NOBODY, FZ_NOBODY, FZ_NOBODY) < 0)
		return -errno;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return -errno;
	return fz_no_caps() ? 0 : -EPERM;
}

/* ---- watchdog ---- */

static inline void fz_alarm_handler(int sig)
{
	(void)sig;
}

/*
 * SIGALRM every @ms without SA_RESTART: a call the fuzzer made blocking
 * (a full send buffer, a receive on an empty queue, a socket option
 * that changed the timeouts) returns EINTR instead of hanging the run.
 */
static inline void fz_watchdog(unsigned int ms)
{
	struct sigaction sa = { .sa_handler = fz_alarm_handler };
	struct itimerval it = {
		.it_interval = { ms / 1000, (ms % 1000) * 1000 },
		.it_value = { ms / 1000, (ms % 1000) * 1000 },
	};

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	setitimer(ITIMER_REAL, &it, NULL);
}

/* ---- self-checking payloads ---- */

#define FZ_MAGIC	0x5a46434dU	/* "MCFZ" */

struct fz_payload_hdr {
	uint32_t magic;
	uint32_t len;		/* whole payload, this header included */
	uint32_t sum;		/* of the bytes after the header */
	uint32_t id;
};

static inline uint32_t fz_sum(const uint8_t *p, size_t len)
{
	uint32_t h = 2166136261u;

	while (len--) {
		h ^= *p++;
		h *= 16777619u;
	}
	return h;
}

/*
 * Fill @buf (@len bytes) with a payload: a self-checking one if @len
 * allows and @checked, else random bytes that never look like one.
 */
static inline void fz_payload(struct fz_rng *r, uint8_t *buf, size_t len,
			      uint32_t id, bool checked)
{
	struct fz_payload_hdr h;

	fz_fill(r, buf, len);
	if (checked && len >= sizeof(h)) {
		h.magic = FZ_MAGIC;
		h.len = len;
		h.sum = fz_sum(buf + sizeof(h), len - sizeof(h));
		h.id = id;
		memcpy(buf, &h, sizeof(h));
	} else if (len >= 4 && !memcmp(buf, &(uint32_t){ FZ_MAGIC }, 4)) {
		buf[0] ^= 0xff;
	}
}

/*
 * Check a received payload of @len bytes (@truncated: cut by the
 * receive buffer). Returns NULL if it is fine or not one of ours,
 * else what is wrong.
 */
static inline const char *fz_payload_check(const uint8_t *buf, size_t len,
					   bool truncated)
{
	struct fz_payload_hdr h;

	if (len < sizeof(h))
		return NULL;
	memcpy(&h, buf, sizeof(h));
	if (h.magic != FZ_MAGIC)
		return NULL;
	if (truncated)
		return h.len < len ? "longer than it says" : NULL;
	if (h.len != len)
		return "length differs from what was sent";
	if (h.sum != fz_sum(buf + sizeof(h), len - sizeof(h)))
		return "content differs from what was sent";
	return NULL;
}

#endif /* FUZZ_COMMON_H */

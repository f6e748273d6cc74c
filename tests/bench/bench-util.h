/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the MCTP benchmarks: clocks, statistics and the
 * result output (a human table or one JSON object per line).
 *
 * Benchmarks print figures; they never judge them. A benchmark exits 0
 * when every measurement ran, 2 when a measurement of the MCTP stack
 * failed (the result line then carries "error"), 1 on a setup failure.
 */
#ifndef MCTP_BENCH_UTIL_H
#define MCTP_BENCH_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BENCH_EXIT_OK		0
#define BENCH_EXIT_SETUP	1
#define BENCH_EXIT_MEASURE	2

/* Monotonic time in nanoseconds. */
uint64_t bench_now_ns(void);

/* Quantile @q (0..1) of @n values (sorts @v in place); 0 for n == 0. */
double bench_quantile(double *v, size_t n, double q);

/* Parse a non-negative integer option value or exit with a usage error. */
unsigned long bench_parse_ulong(const char *opt, const char *val,
				unsigned long min, unsigned long max);

/* The running kernel's release string ("?" if unknown). */
const char *bench_kernel_release(void);

/*
 * One result: a figure of the MCTP stack against a baseline, in
 * operations per second; 0 means "not measured" (see error).
 *
 * A run is a series of samples; a sample measures one chunk of the MCTP
 * case and one chunk of its baseline back to back, so both see the same
 * host load. Rates are the medians of the samples' rates and the ratio is
 * the median of the samples' ratios, with its quartiles: figures that stay
 * meaningful on an emulated machine sharing a busy host.
 */
struct bench_result {
	const char	*name;		/* e.g. "rr" */
	const char	*what;		/* one-line description */
	const char	*unit;		/* e.g. "round trips/s" */
	const char	*baseline_name;	/* e.g. "AF_UNIX SOCK_SEQPACKET" */
	const char	*setup;		/* e.g. "vpair" or "lo" */
	double		mctp;		/* the MCTP stack of the running kernel */
	double		baseline;
	double		ratio;		/* median of the samples' ratios */
	double		ratio_q1, ratio_q3;	/* its quartiles */
	double		goal;		/* ratio goal, e.g. 0.5 */
	unsigned long	count;		/* operations measured per case */
	unsigned long	samples;
	unsigned int	size;		/* message payload bytes */
	char		note[160];	/* extra facts, may be empty */
	char		error[160];	/* empty when the figure is valid */
};

/*
 * Paired samples: rates of the MCTP case and of its baseline, each pair
 * measured back to back.
 */
struct bench_samples {
	double		*mctp;
	double		*base;
	size_t		n, cap;
};

/* Room for @cap pairs; exits when out of memory. */
void bench_samples_init(struct bench_samples *s, size_t cap);
void bench_samples_add(struct bench_samples *s, double mctp, double base);
void bench_samples_free(struct bench_samples *s);

/* Fill @r's rates, ratio and quartiles from @s. */
void bench_set_figures(struct bench_result *r, const struct bench_samples *s);

/* Operations per second of @n operations in @ns nanoseconds. */
static inline double bench_rate(unsigned long n, uint64_t ns)
{
	return ns ? n * 1e9 / ns : 0;
}

/* Print @r as a table row (with a header before the first) or as JSON. */
void bench_print(const struct bench_result *r, bool json);

/* Record an error in @r (printf-style); keeps the first one. */
void bench_set_error(struct bench_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Enter a fresh network namespace; exits on failure. */
void bench_unshare_netns(void);

#endif /* MCTP_BENCH_UTIL_H */

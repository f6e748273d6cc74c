// SPDX-License-Identifier: GPL-2.0
/* Clocks, statistics and result output for the MCTP benchmarks. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>

#include "bench-util.h"

uint64_t bench_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double bench_quantile(double *v, size_t n, double q)
{
	double pos, frac;
	size_t i;

	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	pos = q * (double)(n - 1);
	i = (size_t)pos;
	frac = pos - (double)i;
	if (i + 1 >= n)
		return v[n - 1];
	return v[i] + (v[i + 1] - v[i]) * frac;
}

unsigned long bench_parse_ulong(const char *opt, const char *val,
				unsigned long min, unsigned long max)
{
	unsigned long v;
	char *end;

	errno = 0;
	v = strtoul(val ? val : "", &end, 0);
	if (!val || !*val || *end || errno || v < min || v > max) {
		fprintf(stderr, "%s: expected a number in %lu..%lu, got '%s'\n",
			opt, min, max, val ? val : "");
		exit(BENCH_EXIT_SETUP);
	}
	return v;
}

const char *bench_kernel_release(void)
{
	static struct utsname u;

	if (uname(&u))
		return "?";
	return u.release;
}

void bench_set_error(struct bench_result *r, const char *fmt, ...)
{
	va_list ap;

	if (r->error[0])
		return;
	va_start(ap, fmt);
	vsnprintf(r->error, sizeof(r->error), fmt, ap);
	va_end(ap);
}

void bench_samples_init(struct bench_samples *s, size_t cap)
{
	s->n = 0;
	s->cap = cap ? cap : 1;
	s->mctp = calloc(s->cap, sizeof(double));
	s->base = calloc(s->cap, sizeof(double));
	if (!s->mctp || !s->base) {
		fprintf(stderr, "out of memory\n");
		exit(BENCH_EXIT_SETUP);
	}
}

void bench_samples_add(struct bench_samples *s, double mctp, double base)
{
	if (s->n == s->cap)
		return;
	s->mctp[s->n] = mctp;
	s->base[s->n] = base;
	s->n++;
}

void bench_samples_free(struct bench_samples *s)
{
	free(s->mctp);
	free(s->base);
	s->mctp = s->base = NULL;
	s->n = s->cap = 0;
}

void bench_set_figures(struct bench_result *r, const struct bench_samples *s)
{
	double *tmp = calloc(s->n ? s->n : 1, sizeof(double));
	size_t i;

	if (!tmp) {
		bench_set_error(r, "out of memory");
		return;
	}
	r->samples = s->n;
	for (i = 0; i < s->n; i++)
		tmp[i] = s->base[i] > 0 ? s->mctp[i] / s->base[i] : 0;
	r->ratio = bench_quantile(tmp, s->n, 0.5);
	r->ratio_q1 = bench_quantile(tmp, s->n, 0.25);
	r->ratio_q3 = bench_quantile(tmp, s->n, 0.75);
	memcpy(tmp, s->mctp, s->n * sizeof(double));
	r->mctp = bench_quantile(tmp, s->n, 0.5);
	memcpy(tmp, s->base, s->n * sizeof(double));
	r->baseline = bench_quantile(tmp, s->n, 0.5);
	free(tmp);
}

static double ratio_of(const struct bench_result *r)
{
	return r->error[0] ? 0 : r->ratio;
}

/* JSON string body: the strings we print are ours, but escape anyway. */
static void json_str(const char *key, const char *s, bool last)
{
	printf("\"%s\":\"", key);
	for (; s && *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", *s);
		else
			putchar(*s);
	}
	printf("\"%s", last ? "" : ",");
}

static void print_json(const struct bench_result *r)
{
	printf("{");
	json_str("benchmark", r->name, false);
	json_str("what", r->what, false);
	json_str("kernel", bench_kernel_release(), false);
	json_str("setup", r->setup, false);
	json_str("unit", r->unit, false);
	json_str("baseline_name", r->baseline_name, false);
	printf("\"mctp\":%.1f,\"baseline\":%.1f,\"ratio\":%.4f,",
	       r->mctp, r->baseline, ratio_of(r));
	printf("\"ratio_q1\":%.4f,\"ratio_q3\":%.4f,\"goal\":%.2f,",
	       r->ratio_q1, r->ratio_q3, r->goal);
	printf("\"count\":%lu,\"samples\":%lu,\"size\":%u,", r->count,
	       r->samples, r->size);
	json_str("note", r->note, false);
	json_str("error", r->error, true);
	printf("}\n");
}

static void print_row(const struct bench_result *r)
{
	static bool header_done;

	if (!header_done) {
		printf("%-14s %-7s %14s %14s %8s %6s  %s\n", "benchmark",
		       "setup", "mctp", "baseline", "ratio", "goal",
		       "baseline is");
		header_done = true;
	}
	if (r->error[0]) {
		printf("%-14s %-7s %14s %14.0f %8s %5.0f%%  %s\n", r->name,
		       r->setup, "FAILED", r->baseline, "-", r->goal * 100,
		       r->baseline_name);
		printf("  error: %s\n", r->error);
	} else {
		printf("%-14s %-7s %14.0f %14.0f %7.1f%% %5.0f%%  %s\n",
		       r->name, r->setup, r->mctp, r->baseline,
		       ratio_of(r) * 100, r->goal * 100, r->baseline_name);
	}
	if (!r->error[0] && r->samples > 1)
		printf("  ratio quartiles %.1f%% .. %.1f%% over %lu samples, %lu operations per case\n",
		       r->ratio_q1 * 100, r->ratio_q3 * 100, r->samples,
		       r->count);
	if (r->note[0])
		printf("  note: %s\n", r->note);
}

void bench_print(const struct bench_result *r, bool json)
{
	if (json)
		print_json(r);
	else
		print_row(r);
	fflush(stdout);
}

void bench_unshare_netns(void)
{
	if (unshare(CLONE_NEWNET)) {
		perror("unshare(CLONE_NEWNET)");
		exit(BENCH_EXIT_SETUP);
	}
}

// SPDX-License-Identifier: GPL-2.0
/*
 * Print the host's TSC frequency in kHz. Under QEMU TCG the guest's TSC runs
 * at the host's rate, and the guest's own calibration against the emulated
 * PIT fails when the host is busy; kernel/vm passes this value as
 * tsc_early_khz so guest clocks stay precise.
 */
#include <stdio.h>
#include <time.h>
#include <x86intrin.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(void)
{
	const struct timespec nap = { .tv_nsec = 200 * 1000 * 1000 };
	double t0, t1;
	unsigned long long c0, c1;

	t0 = now();
	c0 = __rdtsc();
	nanosleep(&nap, NULL);
	t1 = now();
	c1 = __rdtsc();
	printf("%.0f\n", (c1 - c0) / (t1 - t0) / 1000);
	return 0;
}

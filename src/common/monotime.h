/* SPDX-License-Identifier: GPL-2.0-only */
/* Seconds on the monotonic clock, for durations and paces. */
#ifndef SYSHARK_MONOTIME_H
#define SYSHARK_MONOTIME_H

#include <time.h>

static inline double mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

#endif

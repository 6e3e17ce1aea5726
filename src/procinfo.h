/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * procinfo events for a live capture: a thread of its own reads the CPU
 * time of every thread of the system from /proc once a second and makes
 * a procinfo event of each (user and system time in clock ticks, as
 * sysdig's driver gives them), for the capture to write between the
 * probe's events. The capture never waits for it: it takes what is ready.
 */
#ifndef SYSHARK_PROCINFO_H
#define SYSHARK_PROCINFO_H

#include <stdint.h>

struct procinfo;

/* Called for each event taken; nonzero stops the taking. */
typedef int (*procinfo_fn)(void *arg, const uint8_t *ev, uint32_t len);

/*
 * Starts reading /proc (under root, "/proc" but for tests) every
 * interval_ms; NULL with errno set if the thread cannot start. Caller
 * frees with procinfo_free().
 */
struct procinfo *procinfo_start(const char *root, unsigned int interval_ms);
/* Stops the thread and frees p; NULL is a no-op. */
void procinfo_free(struct procinfo *p);
/*
 * Hands the events of the last reading, if one is ready and not taken yet,
 * to fn, each timed no earlier than min_ts (ns since the epoch); never
 * waits for the reading thread. Returns fn's nonzero result, or 0.
 */
int procinfo_take(struct procinfo *p, uint64_t min_ts, procinfo_fn fn, void *arg);

#endif

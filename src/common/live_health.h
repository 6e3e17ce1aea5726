/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A live capture's health, for its status line: the capture thread keeps
 * it (capture.c), any thread reads it. Each field is read on its own, so a
 * reader may see one second's rate next to the next second's ring fill.
 */
#ifndef SYSHARK_LIVE_HEALTH_H
#define SYSHARK_LIVE_HEALTH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

struct live_health {
	_Atomic uint64_t dropped; /* events the probe dropped so far */
	_Atomic uint64_t events;  /* events taken from the probe, once the capture has ended */
	/* over the last whole second; none before the first one is over */
	_Atomic uint64_t seconds;      /* seconds measured so far (each one, or a bit more) */
	_Atomic uint64_t events_per_s; /* events taken from the probe */
	_Atomic uint64_t drops_per_s;  /* events the probe dropped */
	_Atomic uint32_t ring_pct;     /* the ring buffer's fill at its fullest, in percent */
	_Atomic uint64_t bytes;	       /* the size of the capture file */
	uint64_t max_bytes;	       /* its size limit, 0 for none (set before the capture) */
	_Atomic bool full;	       /* the capture stopped at the limit */
};

#endif

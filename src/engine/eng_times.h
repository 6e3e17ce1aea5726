/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Times in the order they came, which is time order (the caller keeps them
 * so), counted over any span by binary search: what the I/O graph and the
 * latency spectrogram hold per series or per bucket. No lock: the owner's.
 */
#ifndef SYSHARK_ENG_TIMES_H
#define SYSHARK_ENG_TIMES_H

#include <stddef.h>
#include <stdint.h>

struct eng_times {
	uint64_t *ts;
	size_t n, cap;
};

/* Appends ts, no earlier than the last one. */
void eng_times_add(struct eng_times *t, uint64_t ts);
/* The index of the first time at ts or later (t->n if none). */
size_t eng_times_find(const struct eng_times *t, uint64_t ts);
/*
 * The times in each of the n intervals of width ns from t0 (out[i] for
 * [t0 + i * width, t0 + (i + 1) * width)); an end past the clock's counts
 * to the last time.
 */
void eng_times_bins(const struct eng_times *t, uint64_t t0, uint64_t width, size_t n,
		    uint64_t *out);
/* Frees what t holds (not t). */
void eng_times_fini(struct eng_times *t);

#endif

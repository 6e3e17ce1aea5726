/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The latency spectrogram's model, as csysdig's spectrogram views and
 * sysdig's spectrogram chisel count: system calls per interval of time and
 * per bucket of latency, on a log scale from 1 ns to 100 s.
 *
 * A call is an exit event with a latency (evt.dir = < and evt.latency > 0)
 * that the filter keeps; a longer one than 100 s counts in the last bucket.
 * The buckets are the R10 preferred numbers, ten a decade (1, 1.25, 1.6, 2,
 * 2.5, 3.15, 4, 5, 6.3, 8 times a power of ten ns): bucket b holds the
 * latencies from eng_spectro_bucket_min(b) up to, not including, that of
 * b + 1 (the low buckets that no whole number of ns reaches stay empty).
 *
 * Each bucket keeps the times of its calls, so any interval, and any span,
 * is counted by binary search, as the I/O graph counts (eng_times.h). The
 * intervals start at the same origin as the graph's: the capture's first
 * event with a time, hidden or not. Events come from print mode's replay
 * or from a walk of an index (eng_spectro_walk()) that follows a live
 * capture; the walk's thread adds, others read, under the model's lock.
 */
#ifndef SYSHARK_ENG_SPECTRO_H
#define SYSHARK_ENG_SPECTRO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "eng_index.h"
#include "eng_replay.h"
#include "sbuf.h"

#define ENG_SPECTRO_DECADES 11 /* 1 ns to 100 s */
#define ENG_SPECTRO_STEPS 10   /* buckets a decade */
#define ENG_SPECTRO_BUCKETS (ENG_SPECTRO_DECADES * ENG_SPECTRO_STEPS)

/* The bucket of a latency of ns (1 or more). */
unsigned int eng_spectro_bucket(uint64_t ns);
/* The least latency (ns) of bucket b; of ENG_SPECTRO_BUCKETS, 10^11 (the scale's end). */
uint64_t eng_spectro_bucket_min(unsigned int b);
/* Appends bucket b's lower bound as a time: "1ns", "1.25us", "6.3ms", "80s". */
void eng_spectro_bucket_str(unsigned int b, struct sbuf *out);

struct eng_spectro;

/*
 * A spectrogram of the calls filter keeps (NULL or "" for every call);
 * NULL with d set if the filter does not compile. Caller frees with
 * eng_spectro_free().
 */
struct eng_spectro *eng_spectro_new(const char *filter, struct diag *d);
/* Stops the walk, if any, and frees s. */
void eng_spectro_free(struct eng_spectro *s);

/* Adds event e, with the state r holds after it (one thread at a time). */
void eng_spectro_event(struct eng_spectro *s, const struct eng_replay *r,
		       const struct eng_evt *e);
/*
 * Fills s from a thread of its own that walks ix's capture, following it
 * while it grows; 0, or -errno with d set.
 */
int eng_spectro_walk(struct eng_spectro *s, struct eng_index *ix, struct diag *d);
/* Whether the walk is over (the capture is complete and all of it counted). */
bool eng_spectro_done(const struct eng_spectro *s);
/* The filter's text ("" for every call); borrowed while s lives. */
const char *eng_spectro_filter(const struct eng_spectro *s);

/*
 * Calls counted so far; the origin of the intervals (the capture's first
 * event with a time, hidden or not) and the time of the last event shown
 * (not hidden, kept by the filter or not): the intervals run from the
 * first to the last's. Times in ns since the epoch, both 0 before the
 * first event shown.
 */
uint64_t eng_spectro_span(struct eng_spectro *s, uint64_t *first_ts, uint64_t *last_ts);
/* The intervals of width ns from the origin to the last event shown (0 before it). */
uint64_t eng_spectro_rows(struct eng_spectro *s, uint64_t width);
/* Calls of buckets [b0, b1) in [t0, t1). */
uint64_t eng_spectro_count(struct eng_spectro *s, unsigned int b0, unsigned int b1, uint64_t t0,
			   uint64_t t1);
/*
 * Calls of bucket b in the n intervals of width ns from t0 (out[i] for
 * [t0 + i * width, t0 + (i + 1) * width)).
 */
void eng_spectro_bins(struct eng_spectro *s, unsigned int b, uint64_t t0, uint64_t width,
		      size_t n, uint64_t *out);
/*
 * Appends the filter that keeps the calls of buckets [b0, b1) in
 * [t0, t1), within s's filter: what the event list shows of a cell.
 */
void eng_spectro_cell_filter(const struct eng_spectro *s, unsigned int b0, unsigned int b1,
			     uint64_t t0, uint64_t t1, struct sbuf *out);

#endif

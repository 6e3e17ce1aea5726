/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The I/O graph's model: events per interval of time, for up to four
 * series, each the events a filter keeps, as Wireshark's I/O graph and
 * tshark's -z io,stat count packets.
 *
 * It keeps the time of every event (and its number) and, per series, the
 * times of the events the series keeps; times only grow, as events come in
 * time order, so the count of a series over any span is two binary searches
 * and a zoom costs nothing. Events come from print mode's replay or from a
 * walk of an index (eng_graph_walk()) that follows a live capture; the
 * walk's thread adds, others read, under a lock of the model's own.
 * Internal events (hidden from the list) are not counted.
 */
#ifndef SYSHARK_ENG_GRAPH_H
#define SYSHARK_ENG_GRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "eng_index.h"
#include "eng_replay.h"
#include "sbuf.h"

#define ENG_GRAPH_SERIES 4

struct eng_graph;

/*
 * A graph of n series (1 to ENG_GRAPH_SERIES), series s the events that
 * filters[s] keeps ("" for every event), all of them narrowed to the events
 * narrow keeps (NULL or "" for none). NULL with d set if a filter does not
 * compile (d->col in it) and *bad its series, or n for narrow. Caller frees
 * with eng_graph_free().
 */
struct eng_graph *eng_graph_new(const char *const *filters, unsigned int n, const char *narrow,
				unsigned int *bad, struct diag *d);
/* Stops the walk, if any, and frees g. */
void eng_graph_free(struct eng_graph *g);

/* Adds event e, with the state r holds after it (any thread). */
void eng_graph_event(struct eng_graph *g, const struct eng_replay *r, const struct eng_evt *e);

/*
 * Fills g from a thread of its own that walks ix's capture, following it
 * while it grows; 0, or -errno with d set.
 */
int eng_graph_walk(struct eng_graph *g, struct eng_index *ix, struct diag *d);
/* Whether the walk is over (the capture is complete and all of it counted). */
bool eng_graph_done(const struct eng_graph *g);

unsigned int eng_graph_nseries(const struct eng_graph *g);
/* Series s's filter text ("" for every event); borrowed while g lives. */
const char *eng_graph_filter(const struct eng_graph *g, unsigned int s);

/*
 * Events counted so far (hidden ones are not), the time of the capture's
 * first event, hidden or not: the origin of the intervals, as of the event
 * list's relative time and of time windows; and the time of the last event
 * counted (ns since the epoch; both 0 before the first event counted).
 */
uint64_t eng_graph_span(struct eng_graph *g, uint64_t *first_ts, uint64_t *last_ts);
/* Events of series s in [t0, t1). */
uint64_t eng_graph_count(struct eng_graph *g, unsigned int s, uint64_t t0, uint64_t t1);
/*
 * Counts of series s in the n intervals of width ns from t0 (out[i] for
 * [t0 + i * width, t0 + (i + 1) * width)).
 */
void eng_graph_bins(struct eng_graph *g, unsigned int s, uint64_t t0, uint64_t width,
		    size_t n, uint64_t *out);
/* The number of the first event at time t or later, 0 if there is none yet. */
uint64_t eng_graph_event_at(struct eng_graph *g, uint64_t t);

/*
 * An interval as the user writes it: a number of seconds, or a number
 * with a unit (ns, us, ms, s, m, h): "1s", "100ms", "0.5". 0 with *ns set,
 * or -EINVAL if it is not one or is under 1 ns.
 */
int eng_graph_interval(const char *text, uint64_t *ns);
/* Appends an interval as a whole number of its largest unit ("1s", "200ms", "1500ns"). */
void eng_graph_interval_str(uint64_t ns, struct sbuf *out);

/*
 * Appends ns, a time from the first event, in seconds with the decimals that
 * show every multiple of interval exactly ("0.3" for 100ms intervals).
 */
void eng_graph_time_str(uint64_t ns, uint64_t interval, struct sbuf *out);

#endif

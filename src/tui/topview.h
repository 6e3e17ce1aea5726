/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A top-like view of the capture a tview shows, without a terminal: a
 * thread replays the capture (following it while it is written) and sums
 * its events into the view's rows: their totals, and with an interval the
 * last whole interval's sums too, as a live view refreshes them.
 */
#ifndef SYSHARK_TOPVIEW_H
#define SYSHARK_TOPVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "eng_top.h"
#include "tview.h"

struct topview;

/*
 * Starts summing view over v's capture, for the events filter (or NULL)
 * keeps; interval (seconds) > 0 for a live view's rates. NULL with d set
 * (d->col in filter) if filter does not compile.
 */
struct topview *topview_open(struct tview *v, const struct eng_top_view *view,
			     const char *filter, double interval, struct diag *d);
void topview_free(struct topview *t);
const struct eng_top_view *topview_view(const struct topview *t);
const char *topview_filter(const struct topview *t); /* "" when none */

/* What the rows hold: sums or rates. */
enum topview_sums {
	TV_TOTALS,   /* every event's sums so far */
	TV_INTERVAL, /* a live view's: the last interval's rates (TV_AVERAGE without one) */
	TV_AVERAGE,  /* every event's sums over the time from the first to the last */
};

/*
 * The rows to show as sums says, held until topview_unlock(), with
 * *seconds the time their rates are over (0: totals, or no interval yet).
 * The caller may sort them.
 */
struct eng_top *topview_lock(struct topview *t, enum topview_sums sums, double *seconds);
void topview_unlock(struct topview *t);
/* Whether the whole capture is summed (never, while it is followed). */
bool topview_done(const struct topview *t);
/* Events replayed so far, and the number of intervals shown. */
uint64_t topview_scanned(const struct topview *t, uint64_t *intervals);

#endif

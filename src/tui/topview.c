// SPDX-License-Identifier: GPL-2.0-only
/* A top-like view summed on a thread of its own over the capture a tview shows. */
#include "topview.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "eng_walk.h"
#include "xalloc.h"

struct topview {
	double interval;
	char *filter;
	struct eng_walk *walk;
	pthread_mutex_t lock;
	_Atomic uint64_t intervals;
	struct eng_top *cur;   /* being summed */
	struct eng_top *shown; /* the last interval's (cur itself for totals) */
	struct eng_top *total; /* every event's (cur itself without intervals) */
	double seconds;	       /* the time shown covers */
	uint64_t start;	       /* the time of the interval's first event */
	uint64_t first, last;  /* the times of the first and last events summed */
};

/* Live: the interval is over; its sums are shown and the next one starts. */
static void next_interval(struct topview *t, double seconds)
{
	struct eng_top *done = t->cur;

	pthread_mutex_lock(&t->lock);
	t->cur = t->shown;
	t->shown = done;
	t->seconds = seconds;
	eng_top_reset(t->cur);
	pthread_mutex_unlock(&t->lock);
	atomic_fetch_add(&t->intervals, 1);
}

static bool sum_event(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	struct topview *t = arg;
	uint64_t span = (uint64_t)(t->interval * 1e9);

	/* intervals go by the events' time, whatever the replay's pace */
	if (span && !t->start) {
		t->start = e->ev.ts;
	} else if (span && e->ev.ts >= t->start + span) {
		next_interval(t, (double)(e->ev.ts - t->start) / 1e9);
		t->start = e->ev.ts;
	}
	pthread_mutex_lock(&t->lock);
	eng_top_event(t->cur, r, e);
	if (t->total != t->cur)
		eng_top_event(t->total, r, e);
	if (!t->first)
		t->first = e->ev.ts;
	t->last = e->ev.ts;
	pthread_mutex_unlock(&t->lock);
	return true;
}

/* Frees t, whose walk is over. */
static void release(struct topview *t)
{
	if (t->shown != t->cur)
		eng_top_free(t->shown);
	if (t->total != t->cur)
		eng_top_free(t->total);
	eng_top_free(t->cur);
	pthread_mutex_destroy(&t->lock);
	free(t->filter);
	free(t);
}

struct topview *topview_open(struct tview *v, const struct eng_top_view *view,
			     const char *filter, double interval, struct diag *d)
{
	struct topview *t = xcalloc(1, sizeof(*t));

	t->filter = xstrdup(filter ? filter : "");
	t->interval = interval;
	pthread_mutex_init(&t->lock, NULL);
	t->cur = eng_top_new(view, t->filter, d);
	t->shown = t->cur && interval > 0 ? eng_top_new(view, t->filter, d) : t->cur;
	t->total = t->cur && interval > 0 ? eng_top_new(view, t->filter, d) : t->cur;
	if (t->cur && t->shown && t->total)
		t->walk = eng_walk_start(tview_index(v), sum_event, t, d);
	if (!t->walk) {
		release(t);
		return NULL;
	}
	return t;
}

void topview_free(struct topview *t)
{
	if (!t)
		return;
	eng_walk_free(t->walk);
	release(t);
}

const struct eng_top_view *topview_view(const struct topview *t)
{
	return eng_top_of(t->cur);
}

const char *topview_filter(const struct topview *t)
{
	return t->filter;
}

struct eng_top *topview_lock(struct topview *t, enum topview_sums sums, double *seconds)
{
	pthread_mutex_lock(&t->lock);
	*seconds = 0;
	if (sums == TV_INTERVAL && t->interval > 0) {
		*seconds = t->seconds;
		return t->shown;
	}
	if (sums != TV_TOTALS)
		*seconds = (double)(t->last - t->first) / 1e9;
	return t->total;
}

void topview_unlock(struct topview *t)
{
	pthread_mutex_unlock(&t->lock);
}

bool topview_done(const struct topview *t)
{
	return eng_walk_done(t->walk);
}

uint64_t topview_scanned(const struct topview *t, uint64_t *intervals)
{
	if (intervals)
		*intervals = atomic_load(&t->intervals);
	return eng_walk_scanned(t->walk);
}

// SPDX-License-Identifier: GPL-2.0-only
/* The I/O graph's model: event times per series, counted over any span by binary search. */
#include "eng_graph.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "eng_filter.h"
#include "eng_times.h"
#include "eng_walk.h"
#include "xalloc.h"

struct series {
	char *text;
	struct eng_filter *f; /* NULL: every event */
	struct eng_times t;   /* unused when the series is g->all (no filter, no narrowing) */
};

struct eng_graph {
	pthread_mutex_t lock;
	struct eng_filter *narrow; /* or NULL */
	struct series s[ENG_GRAPH_SERIES];
	unsigned int n;
	struct eng_times all;
	uint64_t *num;	 /* the number of the event at all.ts[i] */
	uint64_t origin; /* the time of the capture's first event, hidden or not */
	bool has_origin;
	struct eng_walk *walk;
};

/* The times of series s. */
static const struct eng_times *series_times(const struct eng_graph *g, unsigned int s)
{
	return g->s[s].f || g->narrow ? &g->s[s].t : &g->all;
}

struct eng_graph *eng_graph_new(const char *const *filters, unsigned int n, const char *narrow,
				unsigned int *bad, struct diag *d)
{
	struct eng_graph *g = xcalloc(1, sizeof(*g));
	unsigned int i;

	pthread_mutex_init(&g->lock, NULL);
	for (i = 0; i < n && i < ENG_GRAPH_SERIES; i++) {
		g->s[g->n++].text = xstrdup(filters[i] ? filters[i] : "");
		if (g->s[i].text[0] && !(g->s[i].f = eng_filter_compile(g->s[i].text, d))) {
			*bad = i;
			goto fail;
		}
	}
	if (narrow && *narrow && !(g->narrow = eng_filter_compile(narrow, d))) {
		*bad = n;
		goto fail;
	}
	return g;
fail:
	eng_graph_free(g);
	return NULL;
}

void eng_graph_free(struct eng_graph *g)
{
	unsigned int i;

	if (!g)
		return;
	eng_walk_free(g->walk);
	for (i = 0; i < g->n; i++) {
		free(g->s[i].text);
		eng_filter_free(g->s[i].f);
		eng_times_fini(&g->s[i].t);
	}
	eng_filter_free(g->narrow);
	eng_times_fini(&g->all);
	free(g->num);
	pthread_mutex_destroy(&g->lock);
	free(g);
}

void eng_graph_event(struct eng_graph *g, const struct eng_replay *r, const struct eng_evt *e)
{
	bool keep[ENG_GRAPH_SERIES] = { false };
	bool narrowed;
	uint64_t ts = e->ev.ts;
	unsigned int i;

	if (!g->has_origin && ts) { /* some state events have no time (0) */
		pthread_mutex_lock(&g->lock);
		g->origin = ts;
		g->has_origin = true;
		pthread_mutex_unlock(&g->lock);
	}
	if (e->hidden)
		return;
	narrowed = !g->narrow || eng_filter_match(g->narrow, &r->state, e);
	/* the filters run outside the lock: only this thread adds */
	for (i = 0; i < g->n; i++)
		keep[i] = narrowed && (!g->s[i].f || eng_filter_match(g->s[i].f, &r->state, e));
	pthread_mutex_lock(&g->lock);
	/* a clock step back: keep the times sorted, and after the origin */
	if (ts < g->origin)
		ts = g->origin;
	if (g->all.n && ts < g->all.ts[g->all.n - 1])
		ts = g->all.ts[g->all.n - 1];
	if (g->all.n == g->all.cap) /* num grows as eng_times_add() grows all */
		g->num = xreallocarray(g->num, g->all.cap * 2 + 1024, sizeof(*g->num));
	g->num[g->all.n] = e->num;
	eng_times_add(&g->all, ts);
	for (i = 0; i < g->n; i++)
		if (keep[i] && series_times(g, i) != &g->all)
			eng_times_add(&g->s[i].t, ts);
	pthread_mutex_unlock(&g->lock);
}

static bool walk_event(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	eng_graph_event(arg, r, e);
	return true;
}

int eng_graph_walk(struct eng_graph *g, struct eng_index *ix, struct diag *d)
{
	g->walk = eng_walk_start(ix, walk_event, g, d);
	return g->walk ? 0 : -EAGAIN;
}

bool eng_graph_done(const struct eng_graph *g)
{
	return !g->walk || eng_walk_done(g->walk);
}

unsigned int eng_graph_nseries(const struct eng_graph *g)
{
	return g->n;
}

const char *eng_graph_filter(const struct eng_graph *g, unsigned int s)
{
	return g->s[s].text;
}

uint64_t eng_graph_span(struct eng_graph *g, uint64_t *first_ts, uint64_t *last_ts)
{
	uint64_t n;

	pthread_mutex_lock(&g->lock);
	n = g->all.n;
	*first_ts = n ? g->origin : 0;
	*last_ts = n ? g->all.ts[n - 1] : 0;
	pthread_mutex_unlock(&g->lock);
	return n;
}

uint64_t eng_graph_count(struct eng_graph *g, unsigned int s, uint64_t t0, uint64_t t1)
{
	uint64_t n;

	eng_graph_bins(g, s, t0, t1 > t0 ? t1 - t0 : 0, 1, &n);
	return n;
}

void eng_graph_bins(struct eng_graph *g, unsigned int s, uint64_t t0, uint64_t width,
		    size_t n, uint64_t *out)
{
	pthread_mutex_lock(&g->lock);
	eng_times_bins(series_times(g, s), t0, width, n, out);
	pthread_mutex_unlock(&g->lock);
}

uint64_t eng_graph_event_at(struct eng_graph *g, uint64_t t)
{
	uint64_t num;
	size_t i;

	pthread_mutex_lock(&g->lock);
	i = eng_times_find(&g->all, t);
	num = i < g->all.n ? g->num[i] : 0;
	pthread_mutex_unlock(&g->lock);
	return num;
}

static const struct {
	const char *name;
	uint64_t ns;
} units[] = {
	{ "h", 3600000000000ull }, { "m", 60000000000ull }, { "s", 1000000000ull },
	{ "ms", 1000000ull },	   { "us", 1000ull },	    { "ns", 1ull },
};

int eng_graph_interval(const char *text, uint64_t *ns)
{
	uint64_t whole = 0, frac = 0, scale = 1, unit = 1000000000ull;
	unsigned __int128 x;
	const char *p = text;
	size_t i;

	if (*p < '0' || *p > '9')
		return -EINVAL;
	for (; *p >= '0' && *p <= '9'; p++)
		if (__builtin_mul_overflow(whole, 10, &whole) ||
		    __builtin_add_overflow(whole, (uint64_t)(*p - '0'), &whole))
			return -EINVAL;
	if (*p == '.') {
		if (p[1] < '0' || p[1] > '9')
			return -EINVAL;
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (scale < 1000000000000000000ull) { /* digits past 18 are below 1 ns */
				frac = frac * 10 + (uint64_t)(*p - '0');
				scale *= 10;
			}
		}
	}
	if (*p) {
		for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
			if (strcmp(p, units[i].name) == 0)
				break;
		if (i == sizeof(units) / sizeof(units[0]))
			return -EINVAL;
		unit = units[i].ns;
	}
	/* in 128 bits: no overflow */
	x = (unsigned __int128)whole * unit + (unsigned __int128)frac * unit / scale;
	if (x == 0 || x > UINT64_MAX / 2)
		return -EINVAL;
	*ns = (uint64_t)x;
	return 0;
}

void eng_graph_interval_str(uint64_t ns, struct sbuf *out)
{
	size_t i;

	for (i = 0; i + 1 < sizeof(units) / sizeof(units[0]); i++)
		if (ns % units[i].ns == 0)
			break;
	sbuf_printf(out, "%llu%s", (unsigned long long)(ns / units[i].ns), units[i].name);
}

void eng_graph_time_str(uint64_t ns, uint64_t interval, struct sbuf *out)
{
	uint64_t unit = 1000000000ull;
	unsigned int decimals = 0;

	while (interval % unit) {
		unit /= 10;
		decimals++;
	}
	sbuf_put_u64(out, ns / 1000000000ull);
	if (decimals) {
		sbuf_putc(out, '.');
		sbuf_put_padded(out, ns % 1000000000ull / unit, decimals);
	}
}

// SPDX-License-Identifier: GPL-2.0-only
/* The latency spectrogram's model: per latency bucket, the times of its calls. */
#include "eng_spectro.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_times.h"
#include "eng_walk.h"
#include "schema.h"
#include "xalloc.h"

/* A decade's steps, in hundredths: the R10 preferred numbers. */
static const uint16_t r10[ENG_SPECTRO_STEPS] = { 100, 125, 160, 200, 250, 315, 400, 500, 630, 800 };

struct eng_spectro {
	pthread_mutex_t lock;
	char *text;
	struct eng_filter *f; /* or NULL: every call */
	struct eng_fref latency;
	struct sbuf value; /* the latency's text: the adding thread's */
	struct eng_times b[ENG_SPECTRO_BUCKETS];
	uint64_t calls;
	uint64_t origin, last; /* the first event's time, the last shown's */
	bool has_origin, has_last;
	struct eng_walk *walk;
};

/* Bucket b's lower bound in hundredths of a ns. */
static uint64_t bound(unsigned int b)
{
	uint64_t p = 1;
	unsigned int d;

	for (d = 0; d < b / ENG_SPECTRO_STEPS; d++)
		p *= 10;
	return r10[b % ENG_SPECTRO_STEPS] * p;
}

uint64_t eng_spectro_bucket_min(unsigned int b)
{
	if (b >= ENG_SPECTRO_BUCKETS)
		return 100000000000ull;
	return (bound(b) + 99) / 100; /* a whole number of ns: rounded up */
}

unsigned int eng_spectro_bucket(uint64_t ns)
{
	unsigned int lo = 0, hi = ENG_SPECTRO_BUCKETS - 1;

	/* the last bucket whose least latency is ns or less */
	while (lo < hi) {
		unsigned int mid = (lo + hi + 1) / 2;

		if (eng_spectro_bucket_min(mid) <= ns)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

void eng_spectro_bucket_str(unsigned int b, struct sbuf *out)
{
	static const struct {
		const char *name;
		uint64_t h; /* hundredths of a ns */
	} units[] = { { "s", 100000000000ull }, { "ms", 100000000ull }, { "us", 100000ull },
		      { "ns", 100ull } };
	uint64_t h = bound(b), frac;
	size_t i;
	unsigned int digits = 0;

	for (i = 0; i + 1 < sizeof(units) / sizeof(units[0]) && h < units[i].h; i++)
		;
	sbuf_put_u64(out, h / units[i].h);
	frac = h % units[i].h;
	if (frac) {
		uint64_t u = units[i].h;

		/* the fraction's digits, without the zeros at its end */
		while (frac % 10 == 0) {
			frac /= 10;
			u /= 10;
		}
		for (; u > 1; u /= 10)
			digits++;
		sbuf_putc(out, '.');
		sbuf_put_padded(out, frac, digits);
	}
	sbuf_puts(out, units[i].name);
}

struct eng_spectro *eng_spectro_new(const char *filter, struct diag *d)
{
	struct eng_spectro *s = xcalloc(1, sizeof(*s));

	pthread_mutex_init(&s->lock, NULL);
	sbuf_init(&s->value);
	s->text = xstrdup(filter ? filter : "");
	if (!eng_field_lookup("evt.latency", &s->latency, d) ||
	    (s->text[0] && !(s->f = eng_filter_compile(s->text, d)))) {
		eng_spectro_free(s);
		return NULL;
	}
	return s;
}

void eng_spectro_free(struct eng_spectro *s)
{
	unsigned int b;

	if (!s)
		return;
	eng_walk_free(s->walk);
	for (b = 0; b < ENG_SPECTRO_BUCKETS; b++)
		eng_times_fini(&s->b[b]);
	eng_filter_free(s->f);
	sbuf_fini(&s->value);
	free(s->text);
	pthread_mutex_destroy(&s->lock);
	free(s);
}

/* The latency of call e, or 0 if it is not a call with one. */
static uint64_t call_latency(struct eng_spectro *s, const struct eng_replay *r,
			     const struct eng_evt *e)
{
	if (ev_type_is_enter(e->ev.type))
		return 0;
	sbuf_reset(&s->value);
	if (!eng_field_extract(&s->latency, &s->value, &r->state, e))
		return 0;
	return strtoull(s->value.s, NULL, 10);
}

void eng_spectro_event(struct eng_spectro *s, const struct eng_replay *r,
		       const struct eng_evt *e)
{
	uint64_t ts = e->ev.ts, ns;

	if (!s->has_origin && ts) { /* some state events have no time (0) */
		pthread_mutex_lock(&s->lock);
		s->origin = ts;
		s->has_origin = true;
		pthread_mutex_unlock(&s->lock);
	}
	if (e->hidden)
		return;
	/* the filter runs outside the lock: only this thread adds */
	ns = call_latency(s, r, e);
	if (ns && s->f && !eng_filter_match(s->f, &r->state, e))
		ns = 0;
	pthread_mutex_lock(&s->lock);
	/* a clock step back: keep the times sorted, and after the origin */
	if (ts < s->origin)
		ts = s->origin;
	if (s->has_last && ts < s->last)
		ts = s->last;
	s->last = ts;
	s->has_last = true;
	if (ns) {
		eng_times_add(&s->b[eng_spectro_bucket(ns)], ts);
		s->calls++;
	}
	pthread_mutex_unlock(&s->lock);
}

static bool walk_event(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	eng_spectro_event(arg, r, e);
	return true;
}

int eng_spectro_walk(struct eng_spectro *s, struct eng_index *ix, struct diag *d)
{
	s->walk = eng_walk_start(ix, walk_event, s, d);
	return s->walk ? 0 : -EAGAIN;
}

bool eng_spectro_done(const struct eng_spectro *s)
{
	return !s->walk || eng_walk_done(s->walk);
}

const char *eng_spectro_filter(const struct eng_spectro *s)
{
	return s->text;
}

uint64_t eng_spectro_span(struct eng_spectro *s, uint64_t *first_ts, uint64_t *last_ts)
{
	uint64_t n;

	pthread_mutex_lock(&s->lock);
	n = s->calls;
	*first_ts = s->has_last ? s->origin : 0;
	*last_ts = s->has_last ? s->last : 0;
	pthread_mutex_unlock(&s->lock);
	return n;
}

uint64_t eng_spectro_rows(struct eng_spectro *s, uint64_t width)
{
	uint64_t first, last;

	eng_spectro_span(s, &first, &last);
	return last ? (last - first) / width + 1 : 0;
}

uint64_t eng_spectro_count(struct eng_spectro *s, unsigned int b0, unsigned int b1, uint64_t t0,
			   uint64_t t1)
{
	uint64_t n = 0, c;
	unsigned int b;

	for (b = b0; b < b1 && b < ENG_SPECTRO_BUCKETS; b++) {
		eng_spectro_bins(s, b, t0, t1 > t0 ? t1 - t0 : 0, 1, &c);
		n += c;
	}
	return n;
}

void eng_spectro_bins(struct eng_spectro *s, unsigned int b, uint64_t t0, uint64_t width,
		      size_t n, uint64_t *out)
{
	pthread_mutex_lock(&s->lock);
	eng_times_bins(&s->b[b], t0, width, n, out);
	pthread_mutex_unlock(&s->lock);
}

void eng_spectro_cell_filter(const struct eng_spectro *s, unsigned int b0, unsigned int b1,
			     uint64_t t0, uint64_t t1, struct sbuf *out)
{
	if (s->text[0])
		sbuf_printf(out, "(%s) and ", s->text);
	sbuf_printf(out, "evt.dir = < and evt.latency >= %llu",
		    (unsigned long long)eng_spectro_bucket_min(b0));
	if (b1 < ENG_SPECTRO_BUCKETS)
		sbuf_printf(out, " and evt.latency < %llu",
			    (unsigned long long)eng_spectro_bucket_min(b1));
	sbuf_printf(out, " and evt.rawtime >= %llu and evt.rawtime < %llu",
		    (unsigned long long)t0, (unsigned long long)t1);
}

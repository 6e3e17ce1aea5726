// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE /* qsort_r */
#include "tview_int.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cells.h"
#include "columns.h"
#include "dis_args.h"
#include "eng_calls.h"
#include "eng_colfilter.h"
#include "eng_cols.h"
#include "eng_export.h"
#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_index.h"
#include "eng_rules.h"
#include "monotime.h"
#include "schema.h"
#include "xalloc.h"

#define FIRST_TS_LOOK 4096 /* events looked at for the time origin */

static void rows_clear(struct tview *v)
{
	size_t i;

	pthread_mutex_lock(&v->lock);
	for (i = 0; i < v->nblocks; i++)
		free(v->blocks[i]);
	free(v->blocks);
	v->blocks = NULL;
	v->nblocks = 0;
	atomic_store(&v->nrows, 0);
	pthread_mutex_unlock(&v->lock);
}

static void rows_add(struct tview *v, uint64_t num)
{
	uint64_t n = atomic_load(&v->nrows);

	if (n % ROW_BLOCK == 0) {
		uint64_t *b = xmalloc(ROW_BLOCK * sizeof(*b));

		pthread_mutex_lock(&v->lock);
		v->blocks = xreallocarray(v->blocks, v->nblocks + 1, sizeof(*v->blocks));
		v->blocks[v->nblocks++] = b;
		pthread_mutex_unlock(&v->lock);
	}
	pthread_mutex_lock(&v->lock);
	v->blocks[n / ROW_BLOCK][n % ROW_BLOCK] = num;
	pthread_mutex_unlock(&v->lock);
	atomic_store(&v->nrows, n + 1);
}

uint64_t tview_natural_row(struct tview *v, uint64_t row)
{
	uint64_t num = 0;

	tview_natural_rows(v, row, row + 1, &num);
	return num;
}

void tview_natural_rows(struct tview *v, uint64_t a, uint64_t b, uint64_t *out)
{
	uint64_t n = atomic_load(&v->nrows), row;

	pthread_mutex_lock(&v->lock);
	for (row = a; row < b; row++)
		out[row - a] = row < n ? v->blocks[row / ROW_BLOCK][row % ROW_BLOCK] : 0;
	pthread_mutex_unlock(&v->lock);
}

bool tview_is_sorted(const struct tview *v)
{
	return v->sort && atomic_load(&v->sort->done) && v->sort->order;
}

uint64_t tview_row_event(struct tview *v, uint64_t row)
{
	if (tview_is_sorted(v))
		return row < v->sort->n ? v->sort->order[row] : 0;
	return tview_natural_row(v, row);
}

uint64_t tview_row_at(struct tview *v, uint64_t num)
{
	uint64_t lo = 0, hi = atomic_load(&v->nrows), best = hi, row;

	if (tview_is_sorted(v)) {
		/* the shown row of num, else of the first event after it */
		for (row = 0; row < v->sort->n; row++) {
			if (v->sort->order[row] == num)
				return row;
			if (v->sort->order[row] > num &&
			    (best == hi || v->sort->order[row] < v->sort->order[best]))
				best = row;
		}
		return best;
	}

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (tview_natural_row(v, mid) < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void row_emit(void *arg, uint64_t num, const char *text, size_t len)
{
	(void)text;
	(void)len;
	rows_add(arg, num);
}

static uint64_t realtime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/*
 * The rows of filter f (NULL for every event) when the index's columns can
 * tell them without a replay; false if they cannot.
 */
static bool search_columns(struct search *s, struct eng_filter *f)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct tview *v = s->v;
	const struct eng_cols *c;
	struct eng_colfilter *cf;
	struct eng_ix_info info;
	uint64_t *bits, w;
	bool ok;

	if (v->calls || v->hidden || !(c = eng_index_columns(v->ix)) ||
	    !(cf = eng_colfilter_new(f, c)))
		return false;
	bits = xcalloc(c->n / 64 + 1, sizeof(*bits));
	ok = eng_colfilter_scan(cf, ncpu < 1 ? 1 : (unsigned int)ncpu, bits) == 0;
	for (w = 0; ok && w < (c->n + 63) / 64 && !atomic_load(&s->stop); w++) {
		for (uint64_t m = bits[w]; m; m &= m - 1)
			rows_add(v, w * 64 + (uint64_t)__builtin_ctzll(m) + 1);
	}
	if (ok) {
		eng_index_info(v->ix, &info);
		atomic_store(&s->scanned, c->n);
		atomic_store(&s->dropped, info.dropped);
	}
	free(bits);
	eng_colfilter_free(cf);
	return ok;
}

/*
 * The search thread: replays the capture and keeps the rows the filter
 * selects; in calls mode a call's enter waits for its exit (eng_calls.h).
 * A filter the index's columns answer needs no replay.
 */
static void *search_main(void *arg)
{
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	struct search *s = arg;
	struct tview *v = s->v;
	struct eng_filter *f = s->filter[0] ? eng_filter_compile(s->filter, NULL) : NULL;
	struct eng_replay *r = NULL;
	struct eng_calls *calls = NULL;
	bool wanted[EV_MAX], more = false;
	struct eng_evt e;
	int rc;

	if ((!s->filter[0] || f) && search_columns(s, f))
		goto out;
	r = eng_index_replay_start(v->ix, NULL);
	calls = v->calls ? eng_calls_new(row_emit, v) : NULL;
	if (r) {
		r->calls = v->calls;
		if (f) {
			eng_filter_types(f, wanted);
			eng_replay_want(r, wanted);
		}
	}
	while (r && !atomic_load(&s->stop)) {
		bool keep;

		rc = eng_index_replay_try(v->ix, r, &s->seen, &e, NULL, &more);
		if (rc == 0 && more) {
			/* a live capture: what waited long enough shows meanwhile */
			if (calls)
				eng_calls_expire(calls, realtime_ns());
			nanosleep(&pause, NULL);
			continue;
		}
		if (rc <= 0)
			break;
		atomic_store(&s->scanned, e.num);
		keep = (v->hidden || !e.hidden) && (!f || eng_filter_match(f, &r->state, &e));
		if (!e.hidden && !keep && !(calls && eng_calls_is_enter(&e)))
			eng_state_filtered_out(&r->state, &e.info, &e.ev);
		if (calls)
			eng_calls_event(calls, &e, keep, NULL, 0);
		else if (keep)
			rows_add(v, e.num);
	}
	if (calls && !atomic_load(&s->stop))
		eng_calls_flush(calls);
	if (r)
		atomic_store(&s->dropped, r->stats.dropped);
out:
	eng_calls_free(calls);
	eng_replay_free(r);
	eng_filter_free(f);
	dis_thread_done();
	atomic_store(&s->done, true);
	return NULL;
}

/* A row's sort key: a number, or text; the event number breaks ties. */
struct key {
	uint64_t num;
	int64_t n;
	char *text; /* NULL: n is the key */
	bool absent;
};

static int key_cmp(const void *pa, const void *pb, void *arg)
{
	const struct key *a = pa, *b = pb;
	int c;

	if (a->absent != b->absent)
		c = a->absent ? -1 : 1;
	else if (!a->text != !b->text)
		c = a->text ? 1 : -1; /* numbers before text */
	else if (a->text)
		c = strcmp(a->text, b->text);
	else
		c = (a->n > b->n) - (a->n < b->n);
	if (*(const bool *)arg)
		c = -c;
	return c ? c : (a->num > b->num) - (a->num < b->num);
}

/* The sort thread: the key of every row, in one replay, then the order. */
static void *sort_main(void *arg)
{
	struct sort *so = arg;
	struct tview *v = so->v;
	const struct column *col = &so->col.c[0];
	bool is_time = col->kind == CK_TIME,
	     numeric = col->kind == CK_FIELD && col->fr.f->kind == ENG_FK_NUM;
	uint64_t n = atomic_load(&v->nrows), k = 0, i, next = tview_natural_row(v, 0);
	struct key *keys = xcalloc(n ? n : 1, sizeof(*keys));
	struct eng_replay *r = eng_index_replay_start(v->ix, NULL);
	struct eng_evt e;
	struct sbuf val;

	if (r)
		r->calls = v->calls;
	sbuf_init(&val);
	while (r && k < n && !atomic_load(&so->stop) && eng_replay_next(r, &e, NULL) > 0) {
		struct key *kk = &keys[k];
		char *end;

		if (e.num != next)
			continue;
		kk->num = e.num;
		sbuf_reset(&val);
		if (is_time) {
			kk->n = (int64_t)e.ev.ts;
		} else if (col->kind == CK_EVENT) {
			cell_event_key(&r->state, &e, &val);
			kk->text = xstrdup(val.s);
		} else if (col->kind == CK_LATENCY) {
			uint64_t ns;

			kk->absent = !cell_latency(&r->state, &e, &ns);
			kk->n = (int64_t)ns;
		} else if (!cell_text(col, so->thread_tag, &r->state, &e, &val)) {
			kk->absent = true;
		} else {
			kk->n = strtoll(val.s, &end, 10);
			if (!numeric || *end || end == val.s)
				kk->text = xstrdup(val.s);
		}
		atomic_store(&so->sorted, ++k);
		next = k < n ? tview_natural_row(v, k) : 0;
	}
	if (k == n && !atomic_load(&so->stop)) {
		qsort_r(keys, n, sizeof(*keys), key_cmp, &so->descending);
		so->order = xmalloc((n ? n : 1) * sizeof(*so->order));
		for (i = 0; i < n; i++)
			so->order[i] = keys[i].num;
		so->n = n;
	}
	for (i = 0; i < k; i++)
		free(keys[i].text);
	free(keys);
	sbuf_fini(&val);
	eng_replay_free(r);
	dis_thread_done();
	atomic_store(&so->done, true);
	return NULL;
}

static void sort_stop(struct tview *v)
{
	if (!v->sort)
		return;
	atomic_store(&v->sort->stop, true);
	pthread_join(v->sort->thread, NULL);
	free(v->sort->order);
	columns_fini(&v->sort->col);
	free(v->sort);
	v->sort = NULL;
	v->sort_col = -1;
}

int tview_sort(struct tview *v, int col, bool descending)
{
	struct sort *so;

	sort_stop(v);
	if (col < 0)
		return 0;
	if ((unsigned int)col >= v->cs.n)
		return -EINVAL;
	if (v->search && !atomic_load(&v->search->done))
		return -EBUSY;
	so = xcalloc(1, sizeof(*so));
	so->v = v;
	columns_add(&so->col, 0, v->cs.c[col].name, NULL);
	so->thread_tag = v->cs.thread_tag;
	so->descending = descending;
	if (pthread_create(&so->thread, NULL, sort_main, so) != 0) {
		columns_fini(&so->col);
		free(so);
		return -EAGAIN;
	}
	v->sort = so;
	v->sort_col = col;
	v->sort_desc = descending;
	return 0;
}

int tview_sorted_by(const struct tview *v, bool *descending)
{
	*descending = v->sort_desc;
	return v->sort_col;
}

static void search_stop(struct tview *v)
{
	if (!v->search)
		return;
	atomic_store(&v->search->stop, true);
	pthread_join(v->search->thread, NULL);
	free(v->search->filter);
	free(v->search);
	v->search = NULL;
}

static void search_start(struct tview *v)
{
	struct search *s = xcalloc(1, sizeof(*s));

	s->v = v;
	s->filter = xstrdup(v->filter);
	sort_stop(v);
	rows_clear(v);
	if (pthread_create(&s->thread, NULL, search_main, s) != 0) {
		/* no thread: search here, the caller waits */
		search_main(s);
		s->thread = pthread_self();
		free(s->filter);
		free(s);
		return;
	}
	v->search = s;
}

struct tview *tview_open(const char *path, bool follow, struct diag *d)
{
	struct tview *v;
	struct eng_index *ix = eng_index_open(path, follow ? ENG_IX_FOLLOW : 0, d);

	if (!ix)
		return NULL;
	v = xcalloc(1, sizeof(*v));
	v->ix = ix;
	v->filter = xstrdup("");
	v->sort_col = -1;
	sbuf_init(&v->bytes);
	tview_set_width(v, 80);
	pthread_mutex_init(&v->lock, NULL);
	search_start(v);
	return v;
}

void tview_free(struct tview *v)
{
	int i;

	if (!v)
		return;
	sort_stop(v);
	search_stop(v);
	rows_clear(v);
	for (i = 0; i < NCURSORS; i++)
		eng_replay_free(v->cursors[i].r);
	eng_index_free(v->ix);
	columns_fini(&v->cs);
	pthread_mutex_destroy(&v->lock);
	free(v->filter);
	sbuf_fini(&v->bytes);
	dis_thread_done();
	free(v);
}

void tview_status(struct tview *v, struct tview_status *out)
{
	const struct diag *dmg = eng_index_damage(v->ix);

	memset(out, 0, sizeof(*out));
	/*
	 * Rows before the events they come from: the search replays the
	 * capture on its own and may be ahead of the index, so the events are
	 * at least the ones it has scanned.
	 */
	out->rows = atomic_load(&v->nrows);
	if (v->search) {
		out->scanned = atomic_load(&v->search->scanned);
		out->searching = !atomic_load(&v->search->done);
		out->dropped = atomic_load(&v->search->dropped);
	}
	out->events = eng_index_count(v->ix);
	if (out->events < out->scanned)
		out->events = out->scanned;
	if (!v->search)
		out->scanned = out->events;
	out->live = eng_index_following(v->ix);
	out->indexing = !out->live && !eng_index_pass1_done(v->ix);
	if (v->sort && !atomic_load(&v->sort->done)) {
		out->sorting = true;
		out->sorted = atomic_load(&v->sort->sorted);
	}
	out->error = dmg && dmg->code ? dmg->msg : NULL;
}

int tview_set_filter(struct tview *v, const char *filter, struct diag *d)
{
	struct eng_filter *f;

	if (!filter)
		filter = "";
	while (*filter == ' ')
		filter++;
	if (*filter) {
		f = eng_filter_compile(filter, d);
		if (!f)
			return -EINVAL;
		eng_filter_free(f);
	}
	search_stop(v);
	free(v->filter);
	v->filter = xstrdup(filter);
	search_start(v);
	return 0;
}

void tview_set_calls(struct tview *v, bool on)
{
	int i;

	if (v->calls == on)
		return;
	search_stop(v);
	v->calls = on;
	for (i = 0; i < NCURSORS; i++) {
		eng_replay_free(v->cursors[i].r);
		memset(&v->cursors[i], 0, sizeof(v->cursors[i]));
		v->cursors[i].calls = on;
	}
	search_start(v);
}

bool tview_calls(const struct tview *v)
{
	return v->calls;
}

void tview_set_hidden(struct tview *v, bool on)
{
	if (v->hidden == on)
		return;
	search_stop(v);
	v->hidden = on;
	search_start(v);
}

bool tview_hidden(const struct tview *v)
{
	return v->hidden;
}

struct eng_index *tview_index(struct tview *v)
{
	return v->ix;
}

void tview_follow_end(struct tview *v)
{
	eng_index_follow_end(v->ix);
}

const char *tview_filter(const struct tview *v)
{
	return v->filter;
}

bool tview_cursor_to(struct eng_index *ix, struct cursor *c, uint64_t num)
{
	struct diag d = { 0 };

	if (c->r && c->have && c->e.num == num)
		return true;
	if (!c->r || !c->have || c->e.num > num || num - c->e.num > STEP_MAX) {
		eng_replay_free(c->r);
		c->have = false;
		c->seen = eng_index_data_len(ix);
		c->r = eng_index_replay_at(ix, num, &d);
		if (!c->r)
			return false;
		c->r->calls = c->calls;
	}
	for (;;) {
		int rc = eng_replay_next(c->r, &c->e, &d);

		if (rc == 0 && eng_index_data_len(ix) > c->seen) {
			/* the capture grew since this replay started */
			c->seen = eng_index_data_len(ix);
			eng_replay_follow(c->r, c->seen);
			continue;
		}
		if (rc <= 0)
			break;
		c->have = true;
		if (c->e.num == num)
			return true;
		if (c->e.num > num)
			break;
	}
	eng_replay_free(c->r);
	c->r = NULL;
	c->have = false;
	return false;
}

struct cursor *tview_event_at(struct tview *v, uint64_t num)
{
	struct cursor *c = NULL, *lru = &v->cursors[0];
	int i;

	if (num == 0)
		return NULL;
	for (i = 0; i < NCURSORS; i++) {
		struct cursor *k = &v->cursors[i];

		if (k->r && k->have && k->e.num <= num && num - k->e.num <= STEP_MAX &&
		    (!c || k->e.num > c->e.num))
			c = k;
		if (k->used < lru->used)
			lru = k;
	}
	if (!c)
		c = lru;
	c->used = ++v->uses;
	return tview_cursor_to(v->ix, c, num) ? c : NULL;
}

void tview_set_time(struct tview *v, enum tview_time mode, uint64_t ref_event)
{
	v->time_mode = mode < TT_COUNT ? mode : TT_ABSOLUTE;
	v->ref_event = ref_event;
}

const char *tview_time_name(enum tview_time mode)
{
	static const char *const names[TT_COUNT] = {
		[TT_ABSOLUTE] = "absolute",
		[TT_RELATIVE] = "relative",
		[TT_REFERENCE] = "since reference",
		[TT_DELTA] = "delta",
	};

	return mode < TT_COUNT ? names[mode] : "?";
}

void tview_set_width(struct tview *v, int width)
{
	uint64_t n = eng_index_count(v->ix);
	int numw = 1; /* the digits of the last number, at least the title's 3 */
	struct columns old;
	unsigned int i;

	for (; n >= 10; n /= 10)
		numw++;
	numw = numw < 3 ? 3 : numw;
	if (v->cs.custom || (width == v->width && numw == v->numw)) {
		v->width = width;
		return;
	}
	v->width = width;
	v->numw = numw;
	old = v->cs;
	memset(&v->cs, 0, sizeof(v->cs));
	columns_fit(&v->cs, width, numw);
	/* the sort stays if its column does */
	if (v->sort_col >= 0) {
		for (i = 0; i < v->cs.n && !columns_same(&old, (unsigned int)v->sort_col, &v->cs, i); i++)
			;
		if (i < v->cs.n)
			v->sort_col = (int)i;
		else
			sort_stop(v);
	}
	columns_fini(&old);
}

unsigned int tview_ncols(const struct tview *v)
{
	return v->cs.n;
}

int tview_col_add(struct tview *v, unsigned int at, const char *field, struct diag *d)
{
	struct eng_fref fr;

	if (!eng_field_lookup(field, &fr, d))
		return -EINVAL;
	sort_stop(v);
	return columns_add(&v->cs, at, field, d);
}

void tview_col_remove(struct tview *v, unsigned int i)
{
	if (i + 1 >= v->cs.n)
		return;
	sort_stop(v);
	columns_remove(&v->cs, i);
}

void tview_col_resize(struct tview *v, unsigned int i, int delta)
{
	columns_resize(&v->cs, i, delta);
}

void tview_cols_reset(struct tview *v)
{
	int width = v->width;

	sort_stop(v);
	v->cs.custom = false;
	v->width = -1;
	tview_set_width(v, width);
}

bool tview_cols_custom(const struct tview *v)
{
	return v->cs.custom;
}

void tview_cols_text(const struct tview *v, struct sbuf *out)
{
	columns_format(&v->cs, out);
}

int tview_cols_load(struct tview *v, const char *text, const char *source, struct diag *d)
{
	int rc;

	sort_stop(v);
	rc = columns_parse(&v->cs, text, source, d);
	return rc;
}

void tview_col_span(const struct tview *v, unsigned int i, int *x, int *w)
{
	unsigned int k;

	*x = 0;
	for (k = 0; k < i && k < v->cs.n; k++)
		*x += v->cs.c[k].width + 1;
	*w = i + 1 < v->cs.n ? v->cs.c[i].width : 0;
}

void tview_header(const struct tview *v, struct sbuf *out)
{
	unsigned int i;

	for (i = 0; i < v->cs.n; i++) {
		const struct column *c = &v->cs.c[i];
		char title[256];

		const char *mark = (int)i != v->sort_col ? "" : v->sort_desc ? " v" : " ^";
		int keep = (int)strlen(c->title);

		/* the sort's mark shows, the title cut for it if need be */
		if (i + 1 < v->cs.n && *mark && keep + 2 > c->width)
			keep = c->width > 2 ? c->width - 2 : 0;
		snprintf(title, sizeof(title), "%.*s%s", keep, c->title, mark);
		if (i + 1 < v->cs.n)
			sbuf_printf(out, "%-*.*s ", c->width, c->width, title);
		else
			sbuf_puts(out, title);
	}
}

bool tview_field_text(const struct cursor *c, const char *name, struct sbuf *out)
{
	struct eng_fref fr;

	if (!eng_field_lookup(name, &fr, NULL))
		return false;
	return eng_field_extract(&fr, out, &c->r->state, &c->e);
}

static void put_seconds(struct sbuf *out, int64_t ns)
{
	uint64_t a = ns < 0 ? (uint64_t)-ns : (uint64_t)ns;

	sbuf_printf(out, "%s%llu.%09llu", ns < 0 ? "-" : "", (unsigned long long)(a / 1000000000u),
		    (unsigned long long)(a % 1000000000u));
}

uint64_t tview_first_ts(struct tview *v)
{
	const struct cursor *c;

	/* the first event with a time: some state events have 0; each is looked at once */
	while (!v->first_ts && v->first_looked < FIRST_TS_LOOK &&
	       (c = tview_event_at(v, v->first_looked + 1))) {
		v->first_ts = c->e.ev.ts;
		v->first_looked++;
	}
	return v->first_ts;
}

uint64_t tview_time_base(struct tview *v, uint64_t row)
{
	const struct cursor *c;

	switch (v->time_mode) {
	case TT_REFERENCE:
		c = tview_event_at(v, v->ref_event);
		return c ? c->e.ev.ts : 0;
	case TT_DELTA:
		c = row > 0 ? tview_event_at(v, tview_row_event(v, row - 1)) : NULL;
		return c ? c->e.ev.ts : 0;
	case TT_RELATIVE:
		return tview_first_ts(v);
	default:
		return 0;
	}
}

static void time_text(enum tview_time mode, uint64_t ts, uint64_t base, struct sbuf *out)
{
	if (mode == TT_ABSOLUTE)
		eng_fmt_time(out, ts);
	else
		put_seconds(out, base ? (int64_t)(ts - base) : 0);
}

/* Appends the whole value of event e's cell in column col (nothing if it has none). */
static void cell_value(const struct columns *cs, const struct column *col, enum tview_time mode,
		       uint64_t base, const struct eng_state *st, const struct eng_evt *e,
		       struct sbuf *out)
{
	size_t at = out->len;

	if (col->kind == CK_TIME)
		time_text(mode, e->ev.ts, base, out);
	else if (!cell_text(col, cs->thread_tag, st, e, out))
		sbuf_truncate(out, at);
}

void tview_row_cells(const struct columns *cs, enum tview_time mode, uint64_t base, int width,
		     const struct eng_state *st, const struct eng_evt *e, struct sbuf *out)
{
	struct sbuf val;
	unsigned int i;
	int x = 0;

	sbuf_init(&val);
	for (i = 0; i < cs->n; i++) {
		const struct column *col = &cs->c[i];
		bool last = i + 1 == cs->n;

		sbuf_reset(&val);
		cell_value(cs, col, mode, base, st, e, &val);
		/* the last column's paths are cut to what is left of the width */
		if (last && width > x)
			cell_shorten(&val, width - x);
		else if (col->kind == CK_EVENT)
			cell_ellipsize(&val, col->width);
		cell_put(out, val.s, last ? 0 : col->width);
		if (!last)
			sbuf_putc(out, ' ');
		x += col->width + 1;
	}
	sbuf_fini(&val);
}

bool tview_col_may_hold(const struct column *col, const char *what)
{
	static const char *const numbers[] = { "evt.num", "evt.cpu", "proc.pid", "proc.ppid",
					       "thread.tid" };
	const char *chars = NULL;
	size_t i;

	if (col->kind == CK_TIME)
		chars = "0123456789:.-";
	for (i = 0; col->kind == CK_FIELD && i < sizeof(numbers) / sizeof(numbers[0]); i++)
		if (strcmp(col->name, numbers[i]) == 0)
			chars = "0123456789-";
	return !chars || what[strspn(what, chars)] == 0;
}

bool tview_row_holds(const struct columns *cs, const bool *look, enum tview_time mode,
		     uint64_t base, const struct eng_state *st, const struct eng_evt *e,
		     const char *what, struct sbuf *val, struct sbuf *clean)
{
	unsigned int i;

	/* the cells a line each: no text typed spans two */
	sbuf_reset(val);
	for (i = 0; i < cs->n; i++) {
		size_t at = val->len;
		const unsigned char *p;

		if (!look[i])
			continue;
		cell_value(cs, &cs->c[i], mode, base, st, e, val);
		for (p = (const unsigned char *)val->s + at; *p >= ' ' && *p < 0x7f; p++)
			;
		if (*p) {
			/* as the screen shows it */
			sbuf_reset(clean);
			cell_sanitize(clean, val->s + at);
			sbuf_truncate(val, at);
			sbuf_put(val, clean->s, clean->len);
		}
		sbuf_putc(val, '\n');
	}
	return strstr(val->s, what) != NULL;
}

bool tview_row_text(struct tview *v, uint64_t row, struct sbuf *out)
{
	uint64_t base = tview_time_base(v, row);
	const struct cursor *c = tview_event_at(v, tview_row_event(v, row));

	if (!c)
		return false;
	tview_row_cells(&v->cs, v->time_mode, base, v->width, &c->r->state, &c->e, out);
	return true;
}

enum tview_class tview_row_class(struct tview *v, uint64_t row)
{
	const struct cursor *c = tview_event_at(v, tview_row_event(v, row));
	enum tview_class k = TC_OTHER;
	enum eng_prio prio;
	struct sbuf val;

	if (!c)
		return TC_OTHER;
	sbuf_init(&val);
	if (tview_field_text(c, "falco.priority", &val) && eng_prio_parse(val.s, &prio)) {
		k = prio <= ENG_PRIO_ERROR	 ? TC_ALERT_ERROR :
		    prio == ENG_PRIO_WARNING ? TC_ALERT_WARNING :
					       TC_ALERT_NOTICE;
		sbuf_fini(&val);
		return k;
	}
	sbuf_reset(&val);
	if (tview_field_text(c, "evt.failed", &val) && strcmp(val.s, "true") == 0) {
		k = TC_ERROR;
	} else {
		sbuf_reset(&val);
		tview_field_text(c, "fd.type", &val);
		if (!strcmp(val.s, "ipv4") || !strcmp(val.s, "ipv6") || !strcmp(val.s, "unix"))
			k = TC_NET;
		else if (!strcmp(val.s, "file") || !strcmp(val.s, "directory"))
			k = TC_FILE;
	}
	if (k == TC_OTHER) {
		/* as the filter evt.category = process keeps */
		sbuf_reset(&val);
		tview_field_text(c, "evt.category", &val);
		if (strcmp(val.s, "process") == 0)
			k = TC_PROCESS;
	}
	sbuf_fini(&val);
	return k;
}

static int num_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/* The sorted enters of the calls among the rows (*n of them); NULL with d set on failure. */
static uint64_t *call_enters(struct tview *v, size_t *n, struct diag *d)
{
	struct eng_replay *r = eng_index_replay_start(v->ix, d);
	uint64_t rows = atomic_load(&v->nrows), k = 0, next = tview_natural_row(v, 0);
	uint64_t *enters = xmalloc((rows ? rows : 1) * sizeof(*enters));
	struct eng_evt e;

	*n = 0;
	if (!r) {
		free(enters);
		return NULL;
	}
	r->calls = true;
	while (k < rows && eng_replay_next(r, &e, NULL) > 0) {
		if (e.num != next)
			continue;
		if (e.call)
			enters[(*n)++] = e.thread->enter_num;
		next = ++k < rows ? tview_natural_row(v, k) : 0;
	}
	eng_replay_free(r);
	qsort(enters, *n, sizeof(*enters), num_cmp);
	return enters;
}

long long tview_save(struct tview *v, const char *path, struct diag *d)
{
	/* the index's data: a capture still being written is saved as far as it goes */
	struct eng_replay *r = eng_index_replay_start(v->ix, d);
	struct eng_filter *f = NULL;
	struct eng_export *x;
	struct eng_evt e;
	uint64_t *enters = NULL, rows = atomic_load(&v->nrows), k = 0, next;
	size_t nenters = 0, j = 0;
	long long n;
	int rc = 0;

	if (!r)
		return -1;
	/* calls with a filter: the rows shown, and their calls' enters */
	if (v->calls && v->filter[0] && !(enters = call_enters(v, &nenters, d))) {
		eng_replay_free(r);
		return -1;
	}
	if (v->filter[0] && !enters)
		f = eng_filter_compile(v->filter, d);
	x = (v->filter[0] && !f && !enters) ? NULL : eng_export_open(path, r, d);
	if (!x) {
		free(enters);
		eng_filter_free(f);
		eng_replay_free(r);
		return -1;
	}
	next = tview_natural_row(v, 0);
	while (rc >= 0 && eng_replay_next(r, &e, d) > 0) {
		bool chosen;

		if (enters) {
			while (j < nenters && enters[j] < e.num)
				j++;
			chosen = (k < rows && e.num == next) || (j < nenters && enters[j] == e.num);
			if (k < rows && e.num == next)
				next = ++k < rows ? tview_natural_row(v, k) : 0;
		} else {
			chosen = !e.hidden && (!f || eng_filter_match(f, &r->state, &e));
			if (!chosen && f && !e.hidden)
				eng_state_filtered_out(&r->state, &e.info, &e.ev);
		}
		rc = eng_export_event(x, &e, chosen, d);
	}
	n = (long long)eng_export_count(x);
	if (eng_export_close(x, rc < 0 ? NULL : d) < 0 || rc < 0)
		n = -1;
	free(enters);
	eng_filter_free(f);
	eng_replay_free(r);
	return n;
}

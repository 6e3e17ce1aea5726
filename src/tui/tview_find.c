// SPDX-License-Identifier: GPL-2.0-only
/*
 * Find (tview.h): the rows are cut into chunks in the events' order, and a
 * thread per core replays each chunk it takes from the checkpoint before it,
 * marking the rows whose event matches the filter or whose text holds the
 * words. In the events' order, chunks are taken nearest first and a match
 * stops the threads from taking chunks past it; in a sorted order every row
 * is looked at, marked by its event number, then the marks are read in the
 * shown order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dis_args.h"
#include "eng_filter.h"
#include "monotime.h"
#include "sbuf.h"
#include "tview_int.h"
#include "xalloc.h"

#define CHUNK 32768u  /* rows a thread takes at a time */
#define THREADS_MAX 8u

struct tview_find {
	struct tview *v;
	char *what;
	bool is_filter;
	bool forward;
	bool sorted;	    /* the shown order is not the events' */
	struct columns cs;  /* the list's, copied: the screen may change them meanwhile */
	bool *look;	    /* the columns whose cells may hold the text */
	enum tview_time mode;
	uint64_t base;	    /* what the time counts from, but in delta mode */
	uint64_t from;	    /* the selected row */
	/* this round: rows [lo, hi) of the events' order, a bit per row (sorted: per event) */
	uint64_t lo, hi, nchunks, nbits;
	_Atomic uint64_t *bits;
	_Atomic uint64_t next;	    /* the next chunk to take */
	_Atomic uint64_t best;	    /* the nearest chunk with a match; nchunks if none */
	_Atomic uint64_t looked;    /* rows looked at, for the progress */
	uint64_t *prev;		    /* sorted, delta time: by event number, the event shown before */
	atomic_bool stop;
	pthread_t threads[THREADS_MAX];
	unsigned int nthreads;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned int running;
};

/* Chunk k's rows, [*a, *b): forward from lo, or backward from hi. */
static void chunk_rows(const struct tview_find *fd, uint64_t k, uint64_t *a, uint64_t *b)
{
	bool up = fd->forward || fd->sorted;
	uint64_t n = fd->hi - fd->lo, first = k * CHUNK, last = first + CHUNK < n ? first + CHUNK : n;

	*a = up ? fd->lo + first : fd->hi - last;
	*b = up ? fd->lo + last : fd->hi - first;
}

/* The time row's delta (row showing event num) counts from: the event shown before it. */
static uint64_t delta_base(struct tview_find *fd, uint64_t row, uint64_t num)
{
	uint64_t prev = fd->prev ? fd->prev[num] : row ? tview_natural_row(fd->v, row - 1) : 0, ts = 0;

	return prev && eng_index_ts(fd->v->ix, prev, &ts) ? ts : 0;
}

static bool matches(struct tview_find *fd, struct eng_filter *f, uint64_t row,
		    const struct cursor *c, struct sbuf scratch[2])
{
	uint64_t base = fd->mode == TT_DELTA ? delta_base(fd, row, c->e.num) : fd->base;

	if (f)
		return eng_filter_match(f, &c->r->state, &c->e);
	return tview_row_holds(&fd->cs, fd->look, fd->mode, base, &c->r->state, &c->e, fd->what,
			       &scratch[0], &scratch[1]);
}

/* A thread: takes chunks until none is left or a match was found before them. */
static void *finder_main(void *arg)
{
	struct tview_find *fd = arg;
	struct eng_filter *f = fd->is_filter ? eng_filter_compile(fd->what, NULL) : NULL;
	uint64_t *nums = xmalloc(CHUNK * sizeof(*nums));
	struct cursor c = { .calls = fd->v->calls };
	struct sbuf scratch[2];
	uint64_t k, a, b, row;

	sbuf_init(&scratch[0]);
	sbuf_init(&scratch[1]);
	while (!atomic_load(&fd->stop) && (k = atomic_fetch_add(&fd->next, 1)) < fd->nchunks) {
		if (!fd->sorted && k > atomic_load(&fd->best))
			break;
		chunk_rows(fd, k, &a, &b);
		tview_natural_rows(fd->v, a, b, nums);
		for (row = a; row < b && !atomic_load(&fd->stop); row++) {
			uint64_t num = nums[row - a];

			if (num && tview_cursor_to(fd->v->ix, &c, num) && matches(fd, f, row, &c, scratch)) {
				uint64_t i = fd->sorted ? num : row - fd->lo, best;

				atomic_fetch_or(&fd->bits[i / 64], 1ull << (i % 64));
				best = atomic_load(&fd->best);
				while (k < best && !atomic_compare_exchange_weak(&fd->best, &best, k))
					;
			}
		}
		atomic_fetch_add(&fd->looked, b - a);
	}
	eng_replay_free(c.r);
	free(nums);
	sbuf_fini(&scratch[0]);
	sbuf_fini(&scratch[1]);
	eng_filter_free(f);
	dis_thread_done();
	pthread_mutex_lock(&fd->lock);
	fd->running--;
	pthread_cond_broadcast(&fd->cond);
	pthread_mutex_unlock(&fd->lock);
	return NULL;
}

static void round_stop(struct tview_find *fd)
{
	unsigned int i;

	atomic_store(&fd->stop, true);
	for (i = 0; i < fd->nthreads; i++)
		pthread_join(fd->threads[i], NULL);
	fd->nthreads = 0;
	atomic_store(&fd->stop, false);
	free((void *)fd->bits);
	fd->bits = NULL;
}

/* Starts looking at rows [lo, hi) of the events' order, with nbits marks. */
static void round_start(struct tview_find *fd, uint64_t lo, uint64_t hi, uint64_t nbits)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int want = cores < 1 ? 1 : cores > THREADS_MAX ? THREADS_MAX : (unsigned int)cores;

	fd->lo = lo;
	fd->hi = hi;
	fd->nchunks = (hi - lo + CHUNK - 1) / CHUNK;
	fd->nbits = nbits;
	fd->bits = xcalloc(nbits / 64 + 1, sizeof(*fd->bits));
	atomic_store(&fd->next, 0);
	atomic_store(&fd->best, fd->nchunks);
	atomic_store(&fd->looked, 0);
	if (want > fd->nchunks)
		want = fd->nchunks ? (unsigned int)fd->nchunks : 1;
	fd->running = want;
	for (fd->nthreads = 0; fd->nthreads < want; fd->nthreads++)
		if (pthread_create(&fd->threads[fd->nthreads], NULL, finder_main, fd) != 0)
			break;
	if (fd->nthreads == 0) {
		fd->running = 1;
		finder_main(fd); /* no thread: look here, the caller waits */
	} else {
		pthread_mutex_lock(&fd->lock);
		fd->running -= want - fd->nthreads;
		pthread_mutex_unlock(&fd->lock);
	}
}

/* Whether event num is marked (sorted). */
static bool marked(const struct tview_find *fd, uint64_t num)
{
	return num < fd->nbits && (atomic_load(&fd->bits[num / 64]) >> (num % 64) & 1);
}

/* The first (or last) marked row of the round, or -1: a word at a time. */
static int64_t first_marked(const struct tview_find *fd, bool forward)
{
	uint64_t words = (fd->hi - fd->lo + 63) / 64, k, w;

	for (k = 0; k < words; k++) {
		uint64_t at = forward ? k : words - 1 - k;

		if (!(w = atomic_load(&fd->bits[at])))
			continue;
		return (int64_t)(fd->lo + at * 64 +
				 (uint64_t)(forward ? __builtin_ctzll(w) : 63 - __builtin_clzll(w)));
	}
	return -1;
}

/* A finished round's answer: the nearest marked row in the shown order, or -1. */
static int64_t answer(struct tview_find *fd)
{
	struct tview *v = fd->v;
	uint64_t row, n = fd->hi;

	if (!fd->sorted)
		return first_marked(fd, fd->forward);
	if (fd->forward) {
		for (row = fd->from + 1; row < n; row++)
			if (marked(fd, tview_row_event(v, row)))
				return (int64_t)row;
	} else {
		for (row = fd->from < n ? fd->from : n; row-- > 0;)
			if (marked(fd, tview_row_event(v, row)))
				return (int64_t)row;
	}
	return -1;
}

bool tview_find_is_filter(const struct tview_find *fd)
{
	return fd->is_filter;
}

struct tview_find *tview_find_start(struct tview *v, uint64_t from, bool forward, const char *what)
{
	struct tview_find *fd = xcalloc(1, sizeof(*fd));
	struct eng_filter *f = eng_filter_compile(what, NULL);
	uint64_t n = atomic_load(&v->nrows), row;

	fd->v = v;
	fd->what = xstrdup(what);
	fd->is_filter = f != NULL;
	eng_filter_free(f);
	fd->forward = forward;
	fd->from = from;
	fd->sorted = tview_is_sorted(v);
	fd->mode = v->time_mode;
	fd->base = fd->mode == TT_DELTA ? 0 : tview_time_base(v, from);
	columns_copy(&fd->cs, &v->cs);
	fd->look = xcalloc(fd->cs.n ? fd->cs.n : 1, sizeof(*fd->look));
	for (row = 0; row < fd->cs.n; row++)
		fd->look[row] = tview_col_may_hold(&fd->cs.c[row], what);
	pthread_mutex_init(&fd->lock, NULL);
	pthread_cond_init(&fd->cond, NULL);
	if (fd->sorted) {
		uint64_t events = eng_index_count(v->ix) + 1;

		n = v->sort->n;
		if (!fd->is_filter && fd->mode == TT_DELTA) {
			/* each row's time counts from the event shown before it */
			fd->prev = xcalloc(events, sizeof(*fd->prev));
			for (row = 1; row < n; row++)
				fd->prev[v->sort->order[row]] = v->sort->order[row - 1];
		}
		round_start(fd, 0, n, events);
	} else if (forward) {
		round_start(fd, from + 1 < n ? from + 1 : n, n, n);
	} else {
		round_start(fd, 0, from < n ? from : n, from < n ? from : n);
	}
	return fd;
}

int tview_find_step(struct tview *v, struct tview_find *fd, unsigned int ms, uint64_t *row)
{
	const struct timespec pause = { 0, 5 * 1000 * 1000 };
	struct timespec until;
	int64_t found;
	uint64_t n;

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_nsec += (long)(ms % 1000) * 1000000L;
	until.tv_sec += ms / 1000 + until.tv_nsec / 1000000000L;
	until.tv_nsec %= 1000000000L;
	pthread_mutex_lock(&fd->lock);
	while (fd->running && pthread_cond_timedwait(&fd->cond, &fd->lock, &until) != ETIMEDOUT)
		;
	if (fd->running) {
		pthread_mutex_unlock(&fd->lock);
		return 0;
	}
	pthread_mutex_unlock(&fd->lock);
	found = answer(fd);
	if (found >= 0) {
		*row = (uint64_t)found;
		return 1;
	}
	/* forward in the events' order: the rows found since, while there may be more */
	n = atomic_load(&v->nrows);
	if (!fd->forward || fd->sorted)
		return -1;
	if (n > fd->hi) {
		uint64_t lo = fd->hi;

		round_stop(fd);
		round_start(fd, lo, n, n - lo);
		return 0;
	}
	if (!v->search || atomic_load(&v->search->done))
		return -1;
	nanosleep(&pause, NULL); /* for the rows still being found */
	return 0;
}

unsigned int tview_find_percent(struct tview *v, const struct tview_find *fd)
{
	uint64_t n = fd->hi - fd->lo;

	(void)v;
	return n ? (unsigned int)(atomic_load(&fd->looked) * 100 / n) : 100;
}

void tview_find_free(struct tview_find *fd)
{
	if (!fd)
		return;
	round_stop(fd);
	pthread_mutex_destroy(&fd->lock);
	pthread_cond_destroy(&fd->cond);
	columns_fini(&fd->cs);
	free(fd->look);
	free(fd->prev);
	free(fd->what);
	free(fd);
}

int64_t tview_find(struct tview *v, uint64_t from, bool forward, const char *what)
{
	struct tview_find *fd = tview_find_start(v, from, forward, what);
	uint64_t row;
	int rc;

	while ((rc = tview_find_step(v, fd, 100, &row)) == 0)
		;
	tview_find_free(fd);
	return rc > 0 ? (int64_t)row : -1;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The parallel scan of a finished index: chunks of events between
 * checkpoints, each replayed from its checkpoint on one of the threads,
 * their output handed out in event order.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "dis_args.h"
#include "eng_index.h"
#include "eng_index_int.h"
#include "xalloc.h"

#define SCAN_INFLIGHT 2u /* chunks done but not emitted, per thread */
/*
 * Chunks span checkpoints until they hold this many events, as long as each
 * thread still gets SCAN_SHARE of them: every chunk starts by loading a
 * checkpoint, which costs about as much as replaying 40 events per event
 * of a single checkpoint's span.
 */
#define SCAN_MIN_EVENTS 150000u
#define SCAN_SHARE 8u
/*
 * A chunk is read with pread(2), this much at a time, into a buffer the
 * thread keeps: read several times faster than through the mapping.
 */
#ifndef SCAN_WINDOW
#define SCAN_WINDOW (256u << 10)
#endif

struct scan_chunk {
	uint64_t first, last; /* event numbers */
	struct sbuf out;
	struct diag d;
	int rc;
	bool done;
};

struct scan {
	struct eng_index *ix;
	struct scan_chunk *chunks;
	uint64_t nchunks, next, emitted, window;
	bool stop;
	pthread_mutex_t lock;
	pthread_cond_t cond;
};

struct scan_thread {
	struct scan *sc;
	struct eng_scan_worker *w;
	struct sbuf win; /* the window's bytes */
	pthread_t tid;
};

/* Makes r read chunk c through win, a piece at a time. */
static void scan_window(const struct scan *sc, const struct scan_chunk *c, struct eng_replay *r,
			struct sbuf *win)
{
	struct eng_ix_entry next;
	uint64_t end = UINT64_MAX;

	if (c->last != UINT64_MAX && eng_index_entry(sc->ix, c->last + 1, &next))
		end = next.off;
	sbuf_reserve(win, SCAN_WINDOW);
	sf_reader_window(r->rd, eng_index_reader(sc->ix), win->s, SCAN_WINDOW, end);
}

static void scan_chunk_run(struct scan *sc, struct scan_chunk *c, struct eng_scan_worker *w,
			   struct sbuf *win)
{
	struct eng_replay *r = eng_index_replay_at(sc->ix, c->first, &c->d);
	struct eng_evt e;
	uint64_t start;
	int rc = 0;

	if (!r) {
		c->rc = c->d.code ? c->d.code : -EIO;
		return;
	}
	start = sf_reader_tell(r->rd);
	scan_window(sc, c, r, win);
	if (w->wanted)
		eng_replay_want(r, w->wanted);
	/* events passed over may take the replay beyond the chunk's last */
	while ((rc = eng_replay_next(r, &e, &c->d)) > 0 && e.num <= c->last) {
		w->fn(w->ctx, r, &e, &c->out);
		if (e.num == c->last)
			break;
	}
	c->rc = rc < 0 ? rc : 0;
	sf_reader_release(eng_index_reader(sc->ix), start, sf_reader_tell(r->rd) - start);
	eng_replay_free(r);
}

static void *scan_main(void *arg)
{
	struct scan_thread *t = arg;
	struct scan *sc = t->sc;

	for (;;) {
		uint64_t k;

		pthread_mutex_lock(&sc->lock);
		while (!sc->stop && sc->next < sc->nchunks && sc->next >= sc->emitted + sc->window)
			pthread_cond_wait(&sc->cond, &sc->lock);
		if (sc->stop || sc->next >= sc->nchunks) {
			pthread_mutex_unlock(&sc->lock);
			dis_thread_done();
			return NULL;
		}
		k = sc->next++;
		pthread_mutex_unlock(&sc->lock);
		scan_chunk_run(sc, &sc->chunks[k], t->w, &t->win);
		pthread_mutex_lock(&sc->lock);
		sc->chunks[k].done = true;
		pthread_cond_broadcast(&sc->cond);
		pthread_mutex_unlock(&sc->lock);
	}
}

int eng_index_scan(struct eng_index *ix, struct eng_scan_worker *workers, unsigned int nthreads,
		   int (*emit)(void *arg, const char *p, size_t n), void *arg, struct diag *d)
{
	struct scan sc = { .ix = ix };
	struct scan_thread *th;
	uint64_t *cps, ncps = eng_index_checkpoints(ix, &cps), count = eng_index_count(ix), i,
		       prev = 0, span;
	int rc = 0;
	unsigned int t, nwin;

	if (nthreads == 0)
		nthreads = 1;
	nwin = nthreads; /* nthreads counts the threads that start */
	span = count / ((uint64_t)nthreads * SCAN_SHARE);
	if (span > SCAN_MIN_EVENTS)
		span = SCAN_MIN_EVENTS;
	sc.window = SCAN_INFLIGHT * nthreads;
	sc.chunks = xcalloc(ncps + 1, sizeof(*sc.chunks));
	for (i = 0; i <= ncps; i++) {
		/* the last chunk runs to the end, to meet any damage there */
		uint64_t last = i < ncps ? cps[i] : UINT64_MAX;

		if (last <= prev || prev >= count || (i < ncps && last - prev < span))
			continue;
		sc.chunks[sc.nchunks].first = prev + 1;
		sc.chunks[sc.nchunks].last = last;
		sbuf_init(&sc.chunks[sc.nchunks].out);
		sc.nchunks++;
		prev = last;
	}
	free(cps);
	pthread_mutex_init(&sc.lock, NULL);
	pthread_cond_init(&sc.cond, NULL);
	th = xcalloc(nthreads, sizeof(*th));
	for (t = 0; t < nwin; t++)
		sbuf_init(&th[t].win);
	for (t = 0; t < nthreads; t++) {
		th[t].sc = &sc;
		th[t].w = &workers[t];
		if (pthread_create(&th[t].tid, NULL, scan_main, &th[t]) != 0) {
			nthreads = t;
			break;
		}
	}
	for (i = 0; i < sc.nchunks && rc == 0; i++) {
		struct scan_chunk *c = &sc.chunks[i];

		pthread_mutex_lock(&sc.lock);
		while (!c->done && nthreads)
			pthread_cond_wait(&sc.cond, &sc.lock);
		pthread_mutex_unlock(&sc.lock);
		if (!nthreads) /* no thread could start: run it here */
			scan_chunk_run(&sc, c, &workers[0], &th[0].win);
		if (c->out.len && emit(arg, c->out.s, c->out.len) < 0)
			rc = -EIO;
		if (rc == 0 && c->rc < 0) {
			rc = c->rc;
			if (d)
				*d = c->d;
		}
		sbuf_fini(&c->out);
		pthread_mutex_lock(&sc.lock);
		sc.emitted = i + 1;
		if (rc < 0)
			sc.stop = true;
		pthread_cond_broadcast(&sc.cond);
		pthread_mutex_unlock(&sc.lock);
	}
	pthread_mutex_lock(&sc.lock);
	sc.stop = true;
	pthread_cond_broadcast(&sc.cond);
	pthread_mutex_unlock(&sc.lock);
	for (t = 0; t < nthreads; t++)
		pthread_join(th[t].tid, NULL);
	for (; i < sc.nchunks; i++)
		sbuf_fini(&sc.chunks[i].out);
	for (t = 0; t < nwin; t++)
		sbuf_fini(&th[t].win);
	pthread_mutex_destroy(&sc.lock);
	pthread_cond_destroy(&sc.cond);
	free(th);
	free(sc.chunks);
	return rc;
}

// SPDX-License-Identifier: GPL-2.0-only
/* A thread that replays a capture for a function, following it while it grows. */
#include "eng_walk.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "dis_args.h"
#include "xalloc.h"

struct eng_walk {
	struct eng_index *ix;
	eng_walk_fn fn;
	void *arg;
	pthread_t thread;
	atomic_bool stop, done;
	_Atomic uint64_t scanned;
};

static void *walk_main(void *arg)
{
	struct eng_walk *w = arg;
	struct eng_replay *r = eng_index_replay_start(w->ix, NULL);
	size_t seen = 0;
	struct eng_evt e;

	while (r && eng_index_replay_next(w->ix, r, &seen, &w->stop, &e, NULL) > 0) {
		bool more = w->fn(w->arg, r, &e);

		atomic_store(&w->scanned, e.num);
		if (!more)
			break;
	}
	eng_replay_free(r);
	dis_thread_done();
	atomic_store(&w->done, true);
	return NULL;
}

struct eng_walk *eng_walk_start(struct eng_index *ix, eng_walk_fn fn, void *arg,
				struct diag *d)
{
	struct eng_walk *w = xcalloc(1, sizeof(*w));

	w->ix = ix;
	w->fn = fn;
	w->arg = arg;
	if (pthread_create(&w->thread, NULL, walk_main, w) != 0) {
		diag_set(d, -EAGAIN, 0, "cannot start a thread to read the capture");
		free(w);
		return NULL;
	}
	return w;
}

void eng_walk_free(struct eng_walk *w)
{
	if (!w)
		return;
	atomic_store(&w->stop, true);
	pthread_join(w->thread, NULL);
	free(w);
}

bool eng_walk_done(const struct eng_walk *w)
{
	return atomic_load(&w->done);
}

uint64_t eng_walk_scanned(const struct eng_walk *w)
{
	return atomic_load(&w->scanned);
}

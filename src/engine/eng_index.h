/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The event index: for every numbered event of a capture, where its block
 * is, its type and its thread (12 bytes), plus state checkpoints so that any
 * event can be shown with its process, thread, fd and user details after
 * replaying the events since the checkpoint before it (at least 4096 apart,
 * spaced so that checkpoints cost about 3 bytes per event), never from the
 * start.
 *
 * The index lives in a memory-mapped file in $XDG_CACHE_HOME/syshark/ (or
 * ~/.cache/syshark/), named after the capture's path, size, mtime and inode,
 * and is reused while the capture is unchanged. Where the cache cannot be
 * written, or belongs to another user, or others may write to it, an
 * unlinked temporary file is used.
 *
 * It is built in two passes by the engine thread: the first walks the blocks
 * and fills the entries (readers see the count grow, so the first events are
 * usable at once), the second replays the capture with its state and writes
 * checkpoints. Counts are read with acquire semantics from any thread.
 */
#ifndef SYSHARK_ENG_INDEX_H
#define SYSHARK_ENG_INDEX_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "eng_replay.h"

struct eng_ix_entry {
	uint64_t off;  /* block offset in the uncompressed capture */
	uint16_t type; /* event type */
	uint32_t tid;  /* thread id (low 32 bits) */
};

#define ENG_IX_WARNING 300

struct eng_ix_info {
	uint64_t events;
	uint64_t checkpoints;
	uint64_t bytes;	     /* index file bytes in use */
	double pass1_s, pass2_s; /* build time of each pass, 0 when loaded */
	bool cached;	     /* loaded from the cache */
	bool damaged;	     /* the capture ends in damage (see eng_index_damage) */
	bool columns;	     /* it has event columns (eng_index_columns) */
	uint64_t dropped;    /* events the capture says it lost (once both passes are done) */
	char path[4096];     /* the index file, "" if unlinked */
	char warning[ENG_IX_WARNING]; /* why the cache was not used, "" if it was or none is set */
};

enum {
	ENG_IX_NO_CACHE = 1 << 0,    /* build into a temporary file, ignore the cache */
	ENG_IX_CACHED_ONLY = 1 << 1, /* only load a cached index; NULL, d untouched, if none */
	/*
	 * with ENG_IX_CACHED_ONLY: the entries' checksum is not checked, for
	 * callers that use only the columns and eng_index_scan(), which do
	 * not depend on the entries being sound
	 */
	ENG_IX_NO_ENTRY_CHECK = 1 << 3,
	/*
	 * the capture is still being written (plain, by this process or
	 * another): it is indexed as it grows, never cached, until
	 * eng_index_follow_end() says it is complete
	 */
	ENG_IX_FOLLOW = 1 << 2,
};

struct eng_index;

/*
 * Opens the index of capture, loading it from the cache or starting to build
 * it on a new engine thread. Returns NULL with d set if the capture cannot
 * be read at all. Caller frees with eng_index_free() (which stops a build).
 */
struct eng_index *eng_index_open(const char *capture, unsigned int flags, struct diag *d);
void eng_index_free(struct eng_index *ix);

/* A followed capture is complete: the index ends with what was written. */
void eng_index_follow_end(struct eng_index *ix);
/* True while a followed capture is still being indexed. */
bool eng_index_following(const struct eng_index *ix);
/* Bytes of the capture there are now (they only grow while following). */
size_t eng_index_data_len(const struct eng_index *ix);

/* Waits until both passes are done. */
void eng_index_wait(struct eng_index *ix);

/* Events indexed so far; all of them once pass 1 is done. */
uint64_t eng_index_count(const struct eng_index *ix);
bool eng_index_pass1_done(const struct eng_index *ix);

/* Entry of event n (1-based); false if n is not indexed yet. */
bool eng_index_entry(const struct eng_index *ix, uint64_t n, struct eng_ix_entry *out);

/* The time of event n (ns since the epoch), read from its block; false if it is not there. */
bool eng_index_ts(const struct eng_index *ix, uint64_t n, uint64_t *ts);

/*
 * A replay of the capture from its first block, over the index's data (as
 * much of a followed capture as there is now). NULL with d set.
 */
struct eng_replay *eng_index_replay_start(struct eng_index *ix, struct diag *d);
/*
 * The next event of r, a replay of ix's capture, waiting while the capture
 * is followed for more of it to be written: 1 with e set; 0 at its end, or
 * once *stop is set; negative with d set on damage. *seen keeps the bytes
 * r has been given (0 at first).
 */
int eng_index_replay_next(struct eng_index *ix, struct eng_replay *r, size_t *seen,
			  const atomic_bool *stop, struct eng_evt *e, struct diag *d);
/*
 * The same without waiting: 0 with *more set when the capture is followed
 * and more of it may yet be written.
 */
int eng_index_replay_try(struct eng_index *ix, struct eng_replay *r, size_t *seen,
			 struct eng_evt *e, struct diag *d, bool *more);

/*
 * Opens a replay of the capture positioned so that its next event is event
 * n, with the state as it was before it. Returns NULL with d set.
 */
struct eng_replay *eng_index_replay_at(struct eng_index *ix, uint64_t n, struct diag *d);

/*
 * Parallel scan of a finished index: the events are cut into chunks between
 * checkpoints and replayed by up to nthreads threads, each with its own
 * worker context; fn is called for every event of a chunk and appends what
 * it wants to out. emit then receives the chunks' output in event order, on
 * the calling thread. A chunk that ends in damage stops the scan: the
 * function returns -errno with d set, after emitting what came before.
 * With wanted set (see eng_replay_want()), fn may not see the other events.
 * The chunks start from checkpoints; the entries serve only as a hint of
 * where they end.
 */
struct eng_scan_worker {
	void *ctx;
	void (*fn)(void *ctx, struct eng_replay *r, const struct eng_evt *e, struct sbuf *out);
	const bool *wanted; /* EV_MAX entries, or NULL for every event */
};

int eng_index_scan(struct eng_index *ix, struct eng_scan_worker *workers, unsigned int nthreads,
		   int (*emit)(void *arg, const char *p, size_t n), void *arg, struct diag *d);

/*
 * A live index, built while a capture is written: the writing thread adds
 * each numbered event of replay r (which it feeds every block it writes,
 * state blocks included) just after writing it, and readers on other
 * threads see the count grow. Entries live in an unlinked sparse file.
 * Returns NULL with d set. Not for eng_index_replay_at() or the scan until
 * it is finished.
 */
struct eng_index *eng_index_live_new(struct diag *d);

/* Adds event e (its number must be the next one); 0 or -EINVAL. */
int eng_index_live_add(struct eng_index *ix, const struct eng_replay *r,
		       const struct eng_evt *e);

/*
 * The capture file is complete and closed: stores the index in the cache
 * for it, so that opening it later loads the index instead of building it.
 * Returns 0 or -errno with d set. Free ix with eng_index_free() afterwards.
 */
int eng_index_live_finish(struct eng_index *ix, const char *capture, struct diag *d);

/*
 * The size the cache is kept under, in *bytes: SYSHARK_CACHE_MAX, a number
 * of bytes or of K, M or G (KiB, MiB, GiB), or 1 GiB when it is unset or
 * empty. 0, or -EINVAL (and 1 GiB) when it is set to something else.
 */
int eng_index_cache_max(uint64_t *bytes);

/* Figures for --index and the benchmarks (after eng_index_wait()). */
void eng_index_info(const struct eng_index *ix, struct eng_ix_info *out);

/*
 * The event columns of a finished index (eng_cols.h), or NULL if it has
 * none or they are damaged. They stay until ix is freed.
 */
struct eng_cols;
const struct eng_cols *eng_index_columns(struct eng_index *ix);

/* The damage that ends the capture, if info.damaged. */
const struct diag *eng_index_damage(const struct eng_index *ix);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the view of a capture (tview.h): what tview.c and the find
 * (tview_find.c) share.
 */
#ifndef SYSHARK_TVIEW_INT_H
#define SYSHARK_TVIEW_INT_H

#include <pthread.h>
#include <stdatomic.h>

#include "columns.h"
#include "diag.h"
#include "eng_index.h"
#include "tview.h"

/* Rows are kept in blocks that never move, so the search can add rows while the screen reads. */
#define ROW_BLOCK 65536u
/* A replay steps forward this far rather than restart from a checkpoint. */
#define STEP_MAX 4096u
/* Replays positioned for rendering: the list's and the selected event's. */
#define NCURSORS 2

struct cursor {
	struct eng_replay *r;
	struct eng_evt e;
	bool have;
	bool calls; /* its replay's calls (eng_replay.calls) */
	uint64_t used;
	size_t seen; /* bytes of the capture the replay has been given */
};

struct search {
	struct tview *v;
	char *filter; /* owned; "" for every event */
	pthread_t thread;
	atomic_bool stop, done;
	_Atomic uint64_t scanned, dropped;
	size_t seen; /* bytes of the capture the replay has been given */
};

/* The rows in another order than the events': sorted by a column. */
struct sort {
	struct tview *v;
	struct columns col; /* a copy of the column, alone */
	bool thread_tag;
	bool descending;
	pthread_t thread;
	atomic_bool stop, done;
	_Atomic uint64_t sorted; /* rows whose key is known, for the progress */
	uint64_t *order;	 /* event numbers, once done */
	uint64_t n;
};

struct tview {
	struct sort *sort;
	int sort_col; /* the column the rows are sorted by, or -1 */
	bool sort_desc;
	struct columns cs;
	int width, numw; /* the terminal's width and event numbers' the columns were fitted to */
	struct eng_index *ix;
	/* rows: event numbers, in blocks of ROW_BLOCK */
	pthread_mutex_t lock;
	uint64_t **blocks;
	size_t nblocks;
	_Atomic uint64_t nrows;
	struct search *search;
	char *filter;
	struct cursor cursors[NCURSORS];
	uint64_t uses;
	uint64_t first_ts;
	uint64_t first_looked; /* events looked at for first_ts */
	bool calls; /* a row per call (tview_set_calls()) */
	bool hidden; /* hidden events are rows too (tview_set_hidden()) */
	struct sbuf bytes; /* a call's bytes, for tview_bytes() */
	enum tview_time time_mode;
	uint64_t ref_event;
	struct diag damage;
	bool damaged;
};

/* Event number of row in the order the events came; 0 if there is no such row. */
uint64_t tview_natural_row(struct tview *v, uint64_t row);
/* The event numbers of rows [a, b) in that order, 0 for those there are not yet. */
void tview_natural_rows(struct tview *v, uint64_t a, uint64_t b, uint64_t *out);
/* Whether the rows are shown sorted, in sort->order. */
bool tview_is_sorted(const struct tview *v);

/*
 * Moves c to event num: steps its replay there, or restarts it from the
 * checkpoint before num when that is nearer; false (c emptied) if num is missing.
 */
bool tview_cursor_to(struct eng_index *ix, struct cursor *c, uint64_t num);

/*
 * The text of event e's row, with st the state after it: columns cs, the
 * time as mode says counted from base; with width > 0, the last column's
 * tuples and paths shortened to what is left of it.
 */
void tview_row_cells(const struct columns *cs, enum tview_time mode, uint64_t base, int width,
		     const struct eng_state *st, const struct eng_evt *e, struct sbuf *out);
/* Whether column col's cells may hold what: not if what has a character they never show. */
bool tview_col_may_hold(const struct column *col, const char *what);
/*
 * Whether a cell of event e's row (as tview_row_cells() makes it) holds
 * what in its whole value, looking only in the columns i with look[i];
 * val and clean are scratch.
 */
bool tview_row_holds(const struct columns *cs, const bool *look, enum tview_time mode,
		     uint64_t base, const struct eng_state *st, const struct eng_evt *e,
		     const char *what, struct sbuf *val, struct sbuf *clean);
/*
 * A cursor positioned at event num: the one that can step there soonest,
 * else the least used one restarted from a checkpoint. NULL if num is missing.
 */
struct cursor *tview_event_at(struct tview *v, uint64_t num);
/* Appends the value of field name for the cursor's event; false if it has none. */
bool tview_field_text(const struct cursor *c, const char *name, struct sbuf *out);
/* What the time column of row counts from (it may move a cursor). */
uint64_t tview_time_base(struct tview *v, uint64_t row);

#endif

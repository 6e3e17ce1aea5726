/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Top-like views: events summed by a key (a process, a file, a system call,
 * ...) into rows of columns, as csysdig's views are. A view is data: the
 * events it looks at, the fields whose values make a row's key, and its
 * columns, each a count, sum, maximum, average or last value of a field
 * over the events a condition (in the filter language) keeps. The same sums
 * serve print mode and the views of the terminal interface.
 */
#ifndef SYSHARK_ENG_TOP_H
#define SYSHARK_ENG_TOP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "eng_replay.h"
#include "sbuf.h"

enum eng_top_agg {
	ENG_TA_KEY,   /* the value of one of the key's fields */
	ENG_TA_COUNT, /* events */
	ENG_TA_SUM,   /* the field's values added */
	ENG_TA_MAX,
	ENG_TA_AVG,
	ENG_TA_LAST,  /* the field's text on the row's last event */
	ENG_TA_FIRST, /* and on its first */
	/* the field's different texts, in the order seen ("cat, sh"): up to
	 * ENG_TOP_DISTINCT of them, then "..."; sorted by how many */
	ENG_TA_DISTINCT,
	/* the row's share of the view's total of the next column (a COUNT or SUM) */
	ENG_TA_SHARE,
	/*
	 * Columns from the state at the end of the events summed, not from the
	 * events: the field on the main thread of the row's process (PROC),
	 * or added up over its threads (THREADS). A view with them has a row
	 * for every process the state knows (keyed by proc.pid), events or
	 * not; a row without events goes when its process does.
	 */
	ENG_TA_PROC,
	ENG_TA_THREADS,
};

enum eng_top_unit {
	ENG_TU_NONE,
	ENG_TU_BYTES,
	ENG_TU_NS,
	ENG_TU_PCT, /* hundredths of a percent */
};

struct eng_top_col {
	const char *title;
	uint8_t agg;	   /* enum eng_top_agg */
	uint8_t unit;	   /* enum eng_top_unit */
	bool rate;	   /* a live view shows it per second */
	const char *field; /* KEY: the key field; SUM, MAX, AVG, LAST: the field */
	const char *where; /* counts only the events this filter keeps, or NULL */
	const char *desc;  /* what the column shows, for the legend */
};

#define ENG_TOP_KEYS 4
#define ENG_TOP_DISTINCT 32
#define ENG_TOP_COLS 16

enum eng_top_flag {
	ENG_TV_SYSCALLS = 1 << 0, /* only the events of system calls */
	/*
	 * The keys are levels of a hierarchy (fd.type > fd.l4proto >
	 * evt.protocol): an event adds to the row of each level it has a
	 * value for, a row's parent is the row of the level above, and its
	 * KEY column shows the value of its own level.
	 */
	ENG_TV_LEVELS = 1 << 1,
	/*
	 * COUNT columns count a message once when both its write and its read
	 * are captured: the second side seen of the same bytes is not counted.
	 */
	ENG_TV_ONCE = 1 << 2,
};

struct eng_top_view {
	const char *name;  /* as --top names it: procs, files, ... */
	const char *title; /* Processes, Files, ... */
	const char *where; /* the events the view looks at (filter text), or NULL */
	unsigned int flags; /* enum eng_top_flag */
	const char *keys[ENG_TOP_KEYS];
	struct eng_top_col cols[ENG_TOP_COLS];
	unsigned int ncols;
	unsigned int sort; /* the column rows are sorted by, largest first */
	const char *next;  /* Enter on a row: this view narrowed to it; NULL: the events */
	/* rows that can show as a tree: the field of a LAST column holding the
	 * key of a row's parent (proc.ppid), or NULL; the column indented */
	const char *parent;
	unsigned int tree_col;
	const char *desc; /* what the view shows, for the picker */
};

/* Whether v's rows can show as a tree (a parent column, or levels). */
bool eng_top_view_tree(const struct eng_top_view *v);

/* Whether c's cells are text (a key, a field's text), not numbers. */
bool eng_top_col_text(const struct eng_top_col *c);

/* The views, in the order a picker lists them; n is set to their number. */
const struct eng_top_view *eng_top_views(size_t *n);
/* The view named name, or NULL. */
const struct eng_top_view *eng_top_view(const char *name);

struct eng_top;

/*
 * Starts summing the events of view that filter (or NULL) keeps. NULL with
 * d set (d->col in filter) if filter does not compile.
 */
struct eng_top *eng_top_new(const struct eng_top_view *view, const char *filter,
			    struct diag *d);
void eng_top_free(struct eng_top *t);
const struct eng_top_view *eng_top_of(const struct eng_top *t);
/* Adds event e, with the state r holds after it. */
void eng_top_event(struct eng_top *t, const struct eng_replay *r, const struct eng_evt *e);
/* Events added, and the time of the first and last of them (ns since the epoch). */
uint64_t eng_top_events(const struct eng_top *t, uint64_t *first_ts, uint64_t *last_ts);
/* Forgets the sums (a live view's next interval); the filter stays. */
void eng_top_reset(struct eng_top *t);

/* Sorts the rows by column col, largest (or with ascending, smallest) first. */
void eng_top_sort(struct eng_top *t, unsigned int col, bool ascending);

typedef bool (*eng_top_folded_fn)(void *arg, const struct eng_top *t, size_t row);

/*
 * Orders the sorted rows as a tree (eng_tree.h), until the next sort: a
 * row's parent is the row whose key is the text of its view's parent
 * column, or in a view of levels, the row of the level above. folded (or
 * NULL) says which rows hide the rows under them; it may look at row as
 * eng_top_row_filter() does. Nothing if the view has neither. The rows
 * under a folded row are not counted by eng_top_nrows().
 */
void eng_top_tree(struct eng_top *t, eng_top_folded_fn folded, void *arg);
/* Appends the tree lines that go before row's tree column; nothing when not a tree. */
void eng_top_tree_prefix(const struct eng_top *t, size_t row, struct sbuf *out);
/* Whether row hides rows under it (eng_top_tree() with folded). */
bool eng_top_tree_hides(const struct eng_top *t, size_t row);
size_t eng_top_nrows(const struct eng_top *t);
/*
 * Appends the text of row's column col: numbers as decimal integers, but
 * shares, as percents with two decimals ("12.50").
 */
void eng_top_cell(const struct eng_top *t, size_t row, unsigned int col, struct sbuf *out);
/* The number in row's column col (0 for text). */
int64_t eng_top_value(const struct eng_top *t, size_t row, unsigned int col);
/*
 * The filter that selects row's events: its key fields' values joined with
 * and ("proc.pid = 1234"), those of its levels in a view of levels; appended
 * to out.
 */
void eng_top_row_filter(const struct eng_top *t, size_t row, struct sbuf *out);

/* A time window over a capture, in ns after its first event. */
struct eng_top_window {
	uint64_t from;
	uint64_t to; /* 0: to the end */
};

/*
 * Parses a window given in seconds after the first event: "FROM-TO",
 * "FROM-" (to the end), "-TO" (from the start) or "FROM+LENGTH" ("+LENGTH"
 * from the start), each a number with up to 9 decimals ("2.5-10"). 0, or
 * -EINVAL with d->msg.
 */
int eng_top_window_parse(const char *text, struct eng_top_window *w, struct diag *d);
/*
 * Appends the filter clause that keeps the events of w, in a capture whose
 * first event is at first_ts (ns since the epoch), after filter (NULL or ""
 * for none) and "and": "(F) and evt.rawtime >= A and evt.rawtime < B".
 */
void eng_top_window_clause(const struct eng_top_window *w, uint64_t first_ts, const char *filter,
			   struct sbuf *out);

#endif

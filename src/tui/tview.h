/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the terminal interface shows of a capture, without a terminal: the
 * rows (the events the display filter keeps, found by a background thread
 * while the user works), each row's text, the detail tree of an event and
 * its raw bytes. The screen code (tui.c) only draws what this gives it, so
 * row and tree formatting are tested without a terminal.
 */
#ifndef SYSHARK_TVIEW_H
#define SYSHARK_TVIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "sbuf.h"

struct tview;

/*
 * Opens path and starts indexing it and finding its rows; with follow, path
 * is a capture still being written, followed as it grows until
 * tview_follow_end(). NULL with d set.
 */
struct tview *tview_open(const char *path, bool follow, struct diag *d);
void tview_follow_end(struct tview *v);
/* The index of the capture, for others that replay it (topview). */
struct eng_index *tview_index(struct tview *v);
void tview_free(struct tview *v);

struct tview_status {
	uint64_t events;   /* events indexed so far */
	uint64_t rows;	   /* rows found so far */
	uint64_t scanned;  /* events the row search has passed */
	uint64_t dropped;  /* events the capture says it lost */
	bool indexing;	   /* the index is still being built */
	bool live;	   /* the capture is still being written */
	bool sorting;	   /* the rows are being sorted */
	uint64_t sorted;   /* rows whose sort key is known */
	bool searching;	   /* the row search is still going */
	const char *error; /* the capture's damage, or NULL */
};

void tview_status(struct tview *v, struct tview_status *out);

/*
 * Shows only the events filter keeps (NULL or "" for every event) and
 * starts finding them again. A filter that does not compile is refused:
 * -EINVAL with d->msg and d->col (1-based) set, and the old one stays.
 */
int tview_set_filter(struct tview *v, const char *filter, struct diag *d);
const char *tview_filter(const struct tview *v); /* "" when none */

/*
 * Calls mode: a row per system call, its exit shown with its enter's
 * arguments too (eng_calls.h), the enter not on its own; off, a row per
 * event. Finds the rows again.
 */
void tview_set_calls(struct tview *v, bool on);
bool tview_calls(const struct tview *v);
/*
 * Whether hidden events (the state a capture starts with or -w keeps,
 * internal ones) are rows too, as print mode's -A prints them; off at first.
 */
void tview_set_hidden(struct tview *v, bool on);
bool tview_hidden(const struct tview *v);

/* Event number of row (0-based), or 0 if there is no such row yet. */
uint64_t tview_row_event(struct tview *v, uint64_t row);
/* The row of the first event numbered num or later; rows if none. */
uint64_t tview_row_at(struct tview *v, uint64_t num);

enum tview_time {
	TT_ABSOLUTE,  /* wall-clock time */
	TT_RELATIVE,  /* seconds since the first event */
	TT_REFERENCE, /* seconds since the reference event */
	TT_DELTA,     /* seconds since the row before */
	TT_COUNT,
};

void tview_set_time(struct tview *v, enum tview_time mode, uint64_t ref_event);
/* The time of the capture's first event, shown or not (ns since the epoch); 0 if none yet. */
uint64_t tview_first_ts(struct tview *v);
const char *tview_time_name(enum tview_time mode);

/*
 * The list's columns (columns.h): laid out for a terminal width cells wide
 * (tview_open() assumes 80), until they are changed or loaded; the last one
 * takes what width is left and stays.
 */
void tview_set_width(struct tview *v, int width);
unsigned int tview_ncols(const struct tview *v);
/* Whether the columns are the user's: changed, or loaded, not fitted to the width. */
bool tview_cols_custom(const struct tview *v);
/* Back to the columns laid out for the width, as if the user had changed none. */
void tview_cols_reset(struct tview *v);
/* The columns as text, for tview_cols_load() to read back. */
void tview_cols_text(const struct tview *v, struct sbuf *out);
/* Loads columns saved as text; -EINVAL with d->msg "SOURCE:LINE: ..." and the columns kept. */
int tview_cols_load(struct tview *v, const char *text, const char *source, struct diag *d);
/* Adds a column showing field (any filter field) before column at. -EINVAL with d set. */
int tview_col_add(struct tview *v, unsigned int at, const char *field, struct diag *d);
void tview_col_remove(struct tview *v, unsigned int i);
/* Widens (or narrows, delta < 0) column i, within 1 to 200 cells. */
void tview_col_resize(struct tview *v, unsigned int i, int delta);
/* Where column i starts in a row's text, and its width (0: the rest). */
void tview_col_span(const struct tview *v, unsigned int i, int *x, int *w);

/*
 * Sorts the rows by column col, ascending or descending, on a thread of its
 * own (rows keep the events' order until it is done); numbers sort as
 * numbers, events without a value first. col < 0 goes back to the events'
 * order. -EBUSY while the rows are still being found; a new filter or a
 * column added or removed drops the sort.
 */
int tview_sort(struct tview *v, int col, bool descending);
/* The column the rows are sorted by, or -1. */
int tview_sorted_by(const struct tview *v, bool *descending);

/* Column titles, as tview_row_text() lays the columns out. */
void tview_header(const struct tview *v, struct sbuf *out);

/*
 * The text of row (0-based), columns padded to fixed widths, long paths of
 * the last column shortened ("…/dir/file") to fit the width; false if the
 * row does not exist yet. Control bytes from the capture are replaced.
 */
bool tview_row_text(struct tview *v, uint64_t row, struct sbuf *out);

/* The kind of event a row shows, for colours. */
enum tview_class {
	TC_OTHER,
	TC_ERROR,   /* a failed call */
	TC_FILE,
	TC_NET,
	TC_PROCESS,
	TC_ALERT_ERROR, /* an alert of priority Error or above */
	TC_ALERT_WARNING,
	TC_ALERT_NOTICE, /* Notice and below */
};
enum tview_class tview_row_class(struct tview *v, uint64_t row);

/* A node of an event's detail tree. */
struct tview_node {
	char *text;   /* "label: value" */
	char *filter; /* "field = value", or NULL */
	unsigned int depth;
	bool section; /* a heading, which expands and collapses */
	uint32_t off, len; /* the bytes it comes from, in tview_bytes() */
};

/*
 * Builds the detail tree of event num into nodes (caller frees with
 * tview_tree_free()); returns the node count, 0 if the event is missing.
 */
unsigned int tview_tree(struct tview *v, uint64_t num, struct tview_node **nodes);
void tview_tree_free(struct tview_node *nodes, unsigned int n);

/* Calls fn with the process names and fd names the state knows at event num. */
void tview_values(struct tview *v, uint64_t num, void (*fn)(void *arg, const char *word),
		  void *arg);

/*
 * The nearest row after from (forward) or before it whose event matches
 * what as a filter, or, if what is not a filter, whose text contains it;
 * -1 if there is none.
 */
int64_t tview_find(struct tview *v, uint64_t from, bool forward, const char *what);

/*
 * The same find on threads of its own, one per core, so that the screen
 * answers keys meanwhile: tview_find_step() waits up to ms milliseconds and
 * returns 1 with *row set once found, -1 if there is none, 0 if it is not
 * done yet (tview_find_percent() says how far it is). The text looked in is
 * the row's with whole paths. Free (stop) it before changing the rows, the
 * sort or the columns.
 */
struct tview_find;
struct tview_find *tview_find_start(struct tview *v, uint64_t from, bool forward,
				    const char *what);
int tview_find_step(struct tview *v, struct tview_find *fd, unsigned int ms, uint64_t *row);
unsigned int tview_find_percent(struct tview *v, const struct tview_find *fd);
/* Whether the find looks for a filter's matches (else for the text). */
bool tview_find_is_filter(const struct tview_find *fd);
void tview_find_free(struct tview_find *fd);

/* The raw bytes of event num (borrowed until the next call); NULL if missing. */
const uint8_t *tview_bytes(struct tview *v, uint64_t num, uint32_t *len);

/* One line of the hex dump of bytes at off: offset, 16 bytes, ASCII. */
void tview_hex_line(const uint8_t *p, uint32_t len, uint32_t off, struct sbuf *out);

/*
 * Writes the shown events (in calls mode both events of each call), with
 * the state needed to decode them, to path (a new .scap). Returns the
 * count, or -1 with d set.
 */
long long tview_save(struct tview *v, const char *path, struct diag *d);

#endif

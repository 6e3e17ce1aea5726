/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The event list's columns: which there are, their widths, laid out for the
 * terminal's width until the user changes them, and kept as text in the
 * config directory once they have. No terminal and no events here; tview.c
 * fills the cells.
 *
 * A column is a field (any filter field) or one of the list's own:
 *   time   the event's time, as the time mode says, as precise as its width
 *   event  the direction as an arrow, then the event's type (a call has none)
 *   latency  a call's time in the kernel ("12.3µs")
 *   info   the fd the event works on, then its arguments, as print mode
 *          shows them ("fd=3(<f>/etc/passwd) size=832"); with no TID
 *          column, "[tid N]" first for a thread that is not the main one
 * The last column takes what width is left.
 */
#ifndef SYSHARK_COLUMNS_H
#define SYSHARK_COLUMNS_H

#include <stdbool.h>

#include "diag.h"
#include "eng_fields.h"
#include "sbuf.h"

enum col_kind {
	CK_FIELD,
	CK_TIME,
	CK_EVENT,
	CK_INFO,
	CK_LATENCY,
};

struct column {
	char *title;
	char *name; /* the field, or time, event or info */
	struct eng_fref fr; /* CK_FIELD */
	enum col_kind kind;
	int width; /* cells; the last column's is ignored: it takes the rest */
};

struct columns {
	struct column *c;
	unsigned int n;
	bool custom;	 /* the user's, not laid out for the width */
	bool thread_tag; /* info tags a thread that is not its process's main one */
};

#define COLUMNS_WIDTH_MIN 1
#define COLUMNS_WIDTH_MAX 200

/*
 * Lays the default columns out for a terminal cols cells wide, with numw
 * cells for event numbers: narrow terminals get narrow columns (a short
 * time, no CPU, one PID column, the direction beside the event name), wide
 * ones get more. Leaves a custom set as it is.
 */
void columns_fit(struct columns *cs, int cols, int numw);

/*
 * Reads a column set from text: a line per column, "NAME [WIDTH]", '#'
 * comments. 0, or -EINVAL with d->msg "SOURCE:LINE: what is wrong" and cs
 * unchanged. The set read is custom.
 */
int columns_parse(struct columns *cs, const char *text, const char *source, struct diag *d);
/* The text columns_parse() reads back. */
void columns_format(const struct columns *cs, struct sbuf *out);

/* Adds a column of name (a field, or time, event, info) before column at. -EINVAL with d set. */
int columns_add(struct columns *cs, unsigned int at, const char *name, struct diag *d);
/* Removes column i, unless it is the last. */
void columns_remove(struct columns *cs, unsigned int i);
/* Widens (or narrows) column i, within COLUMNS_WIDTH_MIN..MAX. */
void columns_resize(struct columns *cs, unsigned int i, int delta);
/* Whether columns i of a and j of b show the same thing. */
bool columns_same(const struct columns *a, unsigned int i, const struct columns *b, unsigned int j);
/* dst, new, as src (for another thread to read). */
void columns_copy(struct columns *dst, const struct columns *src);
void columns_fini(struct columns *cs);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The text of the event list's cells, with no terminal: the list's own
 * columns (event, info), and text fitted to display cells, shortened to fit
 * and made safe to show.
 */
#ifndef SYSHARK_CELLS_H
#define SYSHARK_CELLS_H

#include <stdbool.h>
#include <stddef.h>

#include "columns.h"
#include "eng_state.h"
#include "sbuf.h"

/*
 * The text of a column other than the time for event e: false if the event
 * has no value there. thread_tag: info names a thread that is not its
 * process's main one.
 */
bool cell_text(const struct column *col, bool thread_tag, const struct eng_state *s,
	       const struct eng_evt *e, struct sbuf *out);
/* A call's latency (an exit's), in ns; false if it has none. */
bool cell_latency(const struct eng_state *s, const struct eng_evt *e, uint64_t *ns);
/* ns as people read it: "850ns", "12.3µs", "1.20ms", "2.05s". */
void cell_duration(struct sbuf *out, uint64_t ns);
/* The Event column's sort key: the type, then the enter before the exit. */
void cell_event_key(const struct eng_state *s, const struct eng_evt *e, struct sbuf *out);
/* Appends s sanitised and cut or padded to width display cells (0: no limit). */
void cell_put(struct sbuf *out, const char *s, int width);
/*
 * Shortens s towards width cells: sockets' local addresses first
 * ("<4t>…:47888->10.0.0.1:80"), then long paths ("…/d/e.txt").
 */
void cell_shorten(struct sbuf *s, int width);

/*
 * The bytes of the longest start of s that fits in width display cells (0:
 * no limit), and in *cells the cells it takes.
 */
size_t cell_fit(const char *s, int width, int *cells);
/* s with control bytes and bad UTF-8 replaced, safe for a terminal. */
void cell_sanitize(struct sbuf *out, const char *s);
/* Cuts s to width cells, its last one an ellipsis, if it is wider. */
void cell_ellipsize(struct sbuf *s, int width);
/*
 * Whether the locale's characters are UTF-8; if not, the screens draw in
 * ASCII, as htop does. Asked of the locale once: it is set once, at start.
 */
bool cell_utf8(void);
/* Appends s, UTF-8 from the engine, with its tree lines (│ ├ └ ─) as ASCII
 * where cell_utf8() is false. */
void cell_lines(struct sbuf *out, const char *s);

#endif

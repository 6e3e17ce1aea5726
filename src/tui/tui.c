// SPDX-License-Identifier: GPL-2.0-only
/*
 * The screen: the event list on top, the detail tree of the selected event
 * in the middle, its bytes at the bottom, then the prompt or message line
 * and the status line. Everything shown comes from tview; keys go through
 * the keymap; the prompt is readline's (prompt.c).
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eng_filter.h"
#include "keymap.h"
#include "prompt.h"
#include "schema.h"
#include "tview.h"
#include "xalloc.h"

enum {
	CP_ERROR = 1,
	CP_FILE,
	CP_NET,
	CP_PROCESS,
	CP_BAR,
	CP_GOOD,
	CP_BAD,
};

enum prompt_kind {
	PK_NONE,
	PK_FILTER,
	PK_FIND,
	PK_GOTO,
	PK_SAVE,
	PK_COLUMN,
};

struct ui {
	struct tview *v;
	struct keymap *km;
	const char *path;
	const struct tui_source *src;
	bool follow;	/* live: the selection stays on the newest row */
	bool ended;	/* live: the capture has ended */
	bool asking;	/* q was pressed on unsaved live events: y quits */
	bool color, help;
	int help_top; /* first line of the help shown */
	enum tui_mode focus;
	/* list */
	uint64_t top, sel; /* rows */
	unsigned int col;  /* the selected column */
	int hscroll;	   /* cells of the rows scrolled off to the left */
	uint64_t sel_event;
	int list_h, tree_h, hex_h;
	/* tree of sel_event */
	struct tview_node *nodes;
	unsigned int nnodes, tree_sel, tree_top;
	uint64_t tree_event;
	char **collapsed; /* section titles */
	size_t ncollapsed;
	/* hex */
	uint32_t hex_top;
	/* marks, time, find */
	uint64_t *marks;
	size_t nmarks;
	enum tview_time time_mode;
	uint64_t time_ref;
	char *find;
	/* prompt and messages */
	enum prompt_kind pk;
	char msg[512];
	bool msg_bad;
	char caret_msg[512]; /* a bad filter's error, under the prompt */
	int caret_col;
};

static volatile sig_atomic_t quit_signal;

static void on_signal(int sig)
{
	quit_signal = sig;
}

static void message(struct ui *u, bool bad, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void message(struct ui *u, bool bad, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof(u->msg), fmt, ap);
	va_end(ap);
	u->msg_bad = bad;
}

/* Writes s at (y, x), at most width cells, padding with spaces to width. */
static void put(int y, int x, const char *s, int width)
{
	int cells = 0;

	if (width <= 0)
		return;
	mvaddnstr(y, x, s, (int)tview_fit(s, width, &cells));
	while (cells++ < width)
		addch(' ');
}

/* s without its first n display cells. */
static const char *skip_cells(const char *s, int n)
{
	int cells = 0;

	return n > 0 ? s + tview_fit(s, n, &cells) : s;
}

static void color_on(struct ui *u, int pair)
{
	if (u->color && pair)
		attron(COLOR_PAIR(pair));
}

static void color_off(struct ui *u, int pair)
{
	if (u->color && pair)
		attroff(COLOR_PAIR(pair));
}

static void layout(struct ui *u)
{
	int h = LINES - 2; /* the prompt and status lines */

	if (h < 6)
		h = 6;
	u->list_h = h * 45 / 100;
	u->tree_h = h * 30 / 100;
	u->hex_h = h - u->list_h - u->tree_h;
}

static bool is_collapsed(const struct ui *u, const char *title)
{
	size_t i;

	for (i = 0; i < u->ncollapsed; i++)
		if (strcmp(u->collapsed[i], title) == 0)
			return true;
	return false;
}

static void set_collapsed(struct ui *u, const char *title, bool on)
{
	size_t i;

	for (i = 0; i < u->ncollapsed; i++) {
		if (strcmp(u->collapsed[i], title) == 0) {
			if (!on) {
				free(u->collapsed[i]);
				u->collapsed[i] = u->collapsed[--u->ncollapsed];
			}
			return;
		}
	}
	if (on) {
		u->collapsed = xreallocarray(u->collapsed, u->ncollapsed + 1, sizeof(*u->collapsed));
		u->collapsed[u->ncollapsed++] = xstrdup(title);
	}
}

/* Whether node i shows: its section is expanded, or it is a section. */
static bool node_visible(const struct ui *u, unsigned int i)
{
	unsigned int s = i;

	if (u->nodes[i].section)
		return true;
	while (s > 0 && !u->nodes[s].section)
		s--;
	return !is_collapsed(u, u->nodes[s].text);
}

/* Offers the values of the selected event's tree to Tab completion. */
static void learn_words(struct ui *u)
{
	unsigned int i;

	for (i = 0; i < u->nnodes; i++) {
		const char *f = u->nodes[i].filter, *eq;

		if (!f || !(eq = strstr(f, " = ")) || eq[3] == '"')
			continue;
		prompt_add_word(eq + 3);
	}
}

/* The tree of the selected event, rebuilt when the selection moves. */
static void tree_update(struct ui *u)
{
	if (u->tree_event == u->sel_event && u->nodes)
		return;
	tview_tree_free(u->nodes, u->nnodes);
	u->nnodes = tview_tree(u->v, u->sel_event, &u->nodes);
	u->tree_event = u->sel_event;
	learn_words(u);
	if (u->tree_sel >= u->nnodes)
		u->tree_sel = 0;
	if (u->nnodes && !node_visible(u, u->tree_sel))
		u->tree_sel = 0;
	u->hex_top = 0;
}

static bool is_marked(const struct ui *u, uint64_t num)
{
	size_t i;

	for (i = 0; i < u->nmarks; i++)
		if (u->marks[i] == num)
			return true;
	return false;
}

static void draw_list(struct ui *u, uint64_t rows)
{
	struct sbuf line;
	int y, pair;

	sbuf_init(&line);
	tview_header(u->v, &line);
	attron(A_BOLD | A_UNDERLINE);
	put(0, 0, skip_cells(line.s, u->hscroll), COLS);
	attroff(A_BOLD | A_UNDERLINE);
	if (u->focus == TM_LIST) {
		int x, w;

		tview_col_span(u->v, u->col, &x, &w);
		x -= u->hscroll;
		if (x < 0) {
			w = w > -x ? w + x : w ? 1 : 0;
			x = 0;
		}
		if (x < COLS)
			mvchgat(0, x, w ? w : -1, A_BOLD | A_REVERSE, 0, NULL);
	}
	for (y = 1; y < u->list_h; y++) {
		uint64_t row = u->top + (uint64_t)(y - 1);

		sbuf_reset(&line);
		if (row >= rows || !tview_row_text(u->v, row, &line)) {
			put(y, 0, "", COLS);
			continue;
		}
		pair = 0;
		switch (tview_row_class(u->v, row)) {
		case TC_ERROR:
			pair = CP_ERROR;
			break;
		case TC_FILE:
			pair = CP_FILE;
			break;
		case TC_NET:
			pair = CP_NET;
			break;
		case TC_PROCESS:
			pair = CP_PROCESS;
			break;
		default:
			break;
		}
		if (is_marked(u, tview_row_event(u->v, row)))
			attron(A_BOLD);
		if (row == u->sel)
			attron(u->focus == TM_LIST ? A_REVERSE : A_UNDERLINE);
		color_on(u, pair);
		put(y, 0, skip_cells(line.s, u->hscroll), COLS);
		color_off(u, pair);
		attroff(A_REVERSE | A_UNDERLINE | A_BOLD);
	}
	sbuf_fini(&line);
}

static void draw_title(int y, const char *title, bool focus)
{
	attron(focus ? A_REVERSE : A_BOLD);
	put(y, 0, title, COLS);
	attroff(A_REVERSE | A_BOLD);
}

static void draw_tree(struct ui *u, int y0)
{
	unsigned int i, shown = 0, pos = 0;
	int y = y0 + 1;
	char line[1024];

	draw_title(y0, " Detail", u->focus == TM_TREE);
	/* keep the selected node in view */
	for (i = 0; i < u->nnodes && i < u->tree_sel; i++)
		pos += node_visible(u, i);
	if (pos < u->tree_top)
		u->tree_top = pos;
	if (u->tree_h > 1 && pos >= u->tree_top + (unsigned int)(u->tree_h - 1))
		u->tree_top = pos - (unsigned int)(u->tree_h - 2);
	for (i = 0; i < u->nnodes && y < y0 + u->tree_h; i++) {
		const struct tview_node *n = &u->nodes[i];

		if (!node_visible(u, i))
			continue;
		if (shown++ < u->tree_top)
			continue;
		if (n->section)
			snprintf(line, sizeof(line), "%s %s", is_collapsed(u, n->text) ? "+" : "-",
				 n->text);
		else
			snprintf(line, sizeof(line), "%*s%s", (int)n->depth * 4, "", n->text);
		if (i == u->tree_sel && u->focus == TM_TREE)
			attron(A_REVERSE);
		if (n->section)
			attron(A_BOLD);
		put(y++, 0, line, COLS);
		attroff(A_REVERSE | A_BOLD);
	}
	while (y < y0 + u->tree_h)
		put(y++, 0, "", COLS);
}

static void draw_hex(struct ui *u, int y0)
{
	const struct tview_node *n = u->tree_sel < u->nnodes ? &u->nodes[u->tree_sel] : NULL;
	uint32_t len = 0, off, hl_lo = 0, hl_hi = 0;
	const uint8_t *p = tview_bytes(u->v, u->sel_event, &len);
	struct sbuf line;
	int y = y0 + 1;

	draw_title(y0, " Bytes", u->focus == TM_HEX);
	if (n && n->len && u->focus != TM_LIST) {
		hl_lo = n->off;
		hl_hi = n->off + n->len;
	}
	sbuf_init(&line);
	for (off = u->hex_top * 16; p && off < len && y < y0 + u->hex_h; off += 16, y++) {
		uint32_t i;

		sbuf_reset(&line);
		tview_hex_line(p, len, off, &line);
		put(y, 0, line.s, COLS);
		/* the selected node's bytes, in both columns */
		for (i = 0; i < 16 && off + i < len; i++) {
			if (off + i < hl_lo || off + i >= hl_hi)
				continue;
			mvchgat(y, 6 + (int)i * 3 + (i > 7), 2, A_REVERSE, 0, NULL);
			mvchgat(y, 6 + 16 * 3 + 2 + (int)i, 1, A_REVERSE, 0, NULL);
		}
	}
	sbuf_fini(&line);
	while (y < y0 + u->hex_h)
		put(y++, 0, "", COLS);
}

static void draw_status(struct ui *u, const struct tview_status *st)
{
	char bar[1024];
	uint64_t dropped;
	size_t n;

	n = (size_t)snprintf(bar, sizeof(bar), " %s%s | events %llu | shown %llu | marked %zu",
			     !u->src->live ? ""
			     : u->ended    ? "live, ended: "
			     : u->follow   ? "live, following: "
					   : "live, paused: ",
			     u->src->live ? "this machine" : u->path, (unsigned long long)st->events,
			     (unsigned long long)st->rows,
			     u->nmarks);
	dropped = u->src->dropped ? atomic_load(u->src->dropped) : st->dropped;
	if (dropped && n < sizeof(bar))
		n += (size_t)snprintf(bar + n, sizeof(bar) - n, " | dropped %llu",
				      (unsigned long long)dropped);
	if (n < sizeof(bar))
		n += (size_t)snprintf(bar + n, sizeof(bar) - n, " | time %s",
				      tview_time_name(u->time_mode));
	if (tview_filter(u->v)[0] && n < sizeof(bar))
		n += (size_t)snprintf(bar + n, sizeof(bar) - n, " | filter: %s", tview_filter(u->v));
	if (st->sorting && st->rows && n < sizeof(bar)) {
		int pct = (int)(st->sorted * 100 / st->rows);

		snprintf(bar + n, sizeof(bar) - n, " | sorting [%.*s%*s] %d%%", pct / 10,
			 "##########", 10 - pct / 10, "", pct);
	} else if ((st->indexing || st->searching) && st->events && n < sizeof(bar)) {
		int pct = (int)(st->scanned * 100 / st->events);

		pct = pct > 100 ? 100 : pct;
		snprintf(bar + n, sizeof(bar) - n, " | %s [%.*s%*s] %d%%",
			 st->indexing ? "indexing" : "filtering", pct / 10, "##########",
			 10 - pct / 10, "", pct);
	}
	color_on(u, CP_BAR);
	attron(A_REVERSE);
	put(LINES - 1, 0, bar, COLS);
	attroff(A_REVERSE);
	color_off(u, CP_BAR);
}

/* Whether the capture, rows or work in progress moved since last; keeps now in last. */
static bool progressed(struct ui *u, struct tview_status *last)
{
	struct tview_status now;
	bool moved;

	tview_status(u->v, &now);
	if (u->src->dropped)
		now.dropped = atomic_load(u->src->dropped);
	moved = now.events != last->events || now.rows != last->rows ||
		now.scanned != last->scanned || now.sorted != last->sorted ||
		now.dropped != last->dropped || now.indexing != last->indexing ||
		now.live != last->live || now.sorting != last->sorting ||
		now.searching != last->searching || now.error != last->error;
	*last = now;
	return moved;
}

/* The prompt line, marked good or bad as the text parses. */
static void draw_prompt(struct ui *u, const struct tview_status *st)
{
	const char *label = prompt_label(), *text = prompt_line();
	struct sbuf line;
	struct diag d = { 0 };
	int pair = 0, cx;

	sbuf_init(&line);
	sbuf_printf(&line, "%s%s", label, text);
	if (u->pk == PK_FILTER || u->pk == PK_FIND) {
		struct eng_filter *f = *text ? eng_filter_compile(text, &d) : NULL;

		pair = !*text ? 0 : f ? CP_GOOD : u->pk == PK_FILTER ? CP_BAD : 0;
		eng_filter_free(f);
	}
	color_on(u, pair);
	put(LINES - 2, 0, line.s, COLS);
	color_off(u, pair);
	if (u->caret_msg[0]) {
		char caret[1024];

		snprintf(caret, sizeof(caret), "%*s^ %s", (int)strlen(label) + u->caret_col - 1, "",
			 u->caret_msg);
		color_on(u, CP_ERROR);
		put(LINES - 1, 0, caret, COLS);
		color_off(u, CP_ERROR);
	} else if (prompt_choices()[0]) {
		put(LINES - 1, 0, prompt_choices(), COLS);
	} else {
		draw_status(u, st);
	}
	cx = (int)(strlen(label) + prompt_cursor());
	move(LINES - 2, cx < COLS ? cx : COLS - 1);
	sbuf_fini(&line);
}

static void draw_help(struct ui *u)
{
	struct sbuf text;
	char *line, *next;
	int y = 0;

	int n = 0;

	sbuf_init(&text);
	sbuf_puts(&text, "syshark keys (arrows and PgUp/PgDn scroll, any other key closes this help)\n\n");
	keymap_help(u->km, &text);
	erase();
	for (line = text.s; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		if (n++ >= u->help_top && y < LINES)
			put(y++, 0, line, COLS);
	}
	/* no scrolling past the end */
	if (u->help_top > n - LINES)
		u->help_top = n - LINES > 0 ? n - LINES : 0;
	sbuf_fini(&text);
}

static void draw(struct ui *u)
{
	struct tview_status st;

	tview_status(u->v, &st);
	if (u->help) {
		draw_help(u);
		refresh();
		return;
	}
	if ((u->sel >= st.rows || (u->follow && u->focus == TM_LIST)) && st.rows)
		u->sel = st.rows - 1;
	u->sel_event = tview_row_event(u->v, u->sel);
	if (u->list_h > 1 && u->sel >= u->top + (uint64_t)(u->list_h - 1))
		u->top = u->sel - (uint64_t)(u->list_h - 2);
	if (u->sel < u->top)
		u->top = u->sel;
	tree_update(u);
	draw_list(u, st.rows);
	draw_tree(u, u->list_h);
	draw_hex(u, u->list_h + u->tree_h);
	if (u->pk != PK_NONE) {
		draw_prompt(u, &st);
	} else {
		if (u->msg_bad)
			color_on(u, CP_ERROR);
		put(LINES - 2, 0, st.error && !u->msg[0] ? st.error : u->msg, COLS);
		if (u->msg_bad)
			color_off(u, CP_ERROR);
		draw_status(u, &st);
	}
	curs_set(u->pk != PK_NONE);
	refresh();
}

/* Moves the selection of the focused pane by delta lines. */
static void move_by(struct ui *u, int64_t delta, uint64_t rows)
{
	unsigned int i;

	if (u->focus == TM_LIST) {
		if (delta < 0 && (uint64_t)-delta > u->sel)
			u->sel = 0;
		else
			u->sel += (uint64_t)delta;
		if (rows && u->sel >= rows)
			u->sel = rows - 1;
	} else if (u->focus == TM_TREE) {
		for (i = u->tree_sel; delta > 0 && i + 1 < u->nnodes;) {
			i++;
			if (node_visible(u, i)) {
				u->tree_sel = i;
				delta--;
			}
		}
		for (i = u->tree_sel; delta < 0 && i > 0;) {
			i--;
			if (node_visible(u, i)) {
				u->tree_sel = i;
				delta++;
			}
		}
	} else if (delta < 0 && (uint32_t)-delta > u->hex_top) {
		u->hex_top = 0;
	} else {
		u->hex_top += (uint32_t)delta;
	}
}

static void select_event(struct ui *u, uint64_t num)
{
	struct tview_status st;

	tview_status(u->v, &st);
	u->sel = tview_row_at(u->v, num);
	if (u->sel >= st.rows && st.rows)
		u->sel = st.rows - 1;
	u->focus = TM_LIST;
}

/* Applies a filter typed or built from the tree; false (and a caret) if it is bad. */
static bool apply_filter(struct ui *u, const char *text)
{
	struct diag d = { 0 };
	uint64_t keep = u->sel_event;

	if (tview_set_filter(u->v, text, &d) < 0) {
		snprintf(u->caret_msg, sizeof(u->caret_msg), "%s", d.msg);
		u->caret_col = d.col ? (int)d.col : 1;
		return false;
	}
	u->caret_msg[0] = 0;
	message(u, false, "%s", *text ? "filter applied" : "filter cleared");
	/* the selection stays on the same event, or the next one shown */
	u->sel = 0;
	u->top = 0;
	u->tree_event = 0;
	if (keep) {
		struct tview_status st;

		/* wait briefly for the rows up to it, so the list does not jump */
		for (int i = 0; i < 50; i++) {
			tview_status(u->v, &st);
			if (!st.searching || (st.rows && tview_row_event(u->v, st.rows - 1) >= keep))
				break;
			napms(10);
		}
		select_event(u, keep);
	}
	return true;
}

/* Finds the next (or previous) row after the selection matching u->find. */
static void find(struct ui *u, bool forward)
{
	int64_t row;

	if (!u->find) {
		message(u, true, "nothing to find: press / first");
		return;
	}
	row = tview_find(u->v, u->sel, forward, u->find);
	if (row < 0) {
		message(u, true, "not found: %s", u->find);
		return;
	}
	u->sel = (uint64_t)row;
	u->focus = TM_LIST;
	message(u, false, "found: %s", u->find);
}

static void prompt_done(struct ui *u, const char *text)
{
	enum prompt_kind pk = u->pk;
	char *end;
	uint64_t num;
	long long n;
	struct diag d = { 0 };

	u->pk = PK_NONE;
	switch (pk) {
	case PK_FILTER:
		if (!apply_filter(u, text)) {
			/* keep the text, show where it went wrong */
			u->pk = PK_FILTER;
			prompt_open("Filter: ", text);
		}
		break;
	case PK_FIND:
		free(u->find);
		u->find = *text ? xstrdup(text) : NULL;
		if (u->find)
			find(u, true);
		break;
	case PK_GOTO:
		num = strtoull(text, &end, 10);
		if (!*text || *end || num == 0) {
			message(u, true, "not an event number: %s", text);
			break;
		}
		select_event(u, num);
		if (tview_row_event(u->v, u->sel) != num)
			message(u, false, "event %llu is not shown; at the next one",
				(unsigned long long)num);
		else
			message(u, false, "event %llu", (unsigned long long)num);
		break;
	case PK_COLUMN: {
		/* completion leaves a space after the name */
		char field[256];

		text += strspn(text, " ");
		snprintf(field, sizeof(field), "%.*s", (int)strcspn(text, " "), text);
		if (*field && tview_col_add(u->v, u->col + 1, field, &d) < 0)
			message(u, true, "no column added: %s", d.msg);
		else if (*field)
			u->col++;
		break;
	}
	case PK_SAVE:
		if (!*text)
			break;
		n = tview_save(u->v, text, &d);
		if (n < 0)
			message(u, true, "not saved: %s", d.msg);
		else
			message(u, false, "saved %lld events to %s", n, text);
		break;
	default:
		break;
	}
}

static void open_prompt(struct ui *u, enum prompt_kind pk, const char *label, const char *text)
{
	u->pk = pk;
	u->caret_msg[0] = 0;
	u->msg[0] = 0;
	prompt_open(label, text);
}

static void toggle_mark(struct ui *u)
{
	size_t i;

	if (!u->sel_event)
		return;
	for (i = 0; i < u->nmarks; i++) {
		if (u->marks[i] == u->sel_event) {
			u->marks[i] = u->marks[--u->nmarks];
			return;
		}
	}
	u->marks = xreallocarray(u->marks, u->nmarks + 1, sizeof(*u->marks));
	u->marks[u->nmarks++] = u->sel_event;
}

static void next_mark(struct ui *u)
{
	uint64_t best = 0, first = 0;
	size_t i;

	for (i = 0; i < u->nmarks; i++) {
		if (u->marks[i] > u->sel_event && (!best || u->marks[i] < best))
			best = u->marks[i];
		if (!first || u->marks[i] < first)
			first = u->marks[i];
	}
	if (!best)
		best = first; /* wrap around */
	if (!best) {
		message(u, true, "no marked events: m marks one");
		return;
	}
	select_event(u, best);
}

/* The tree node's filter, as apply, apply-and or prepare use it. */
static void tree_filter(struct ui *u, enum tui_action a)
{
	const struct tview_node *n = u->tree_sel < u->nnodes ? &u->nodes[u->tree_sel] : NULL;
	const char *old = tview_filter(u->v);
	struct sbuf f;

	if (!n || !n->filter) {
		message(u, true, "this node has no field to filter on");
		return;
	}
	sbuf_init(&f);
	if (a == TA_APPLY_AND && old[0])
		sbuf_printf(&f, "(%s) and %s", old, n->filter);
	else
		sbuf_puts(&f, n->filter);
	if (a == TA_PREPARE)
		open_prompt(u, PK_FILTER, "Filter: ", f.s);
	else
		apply_filter(u, f.s);
	sbuf_fini(&f);
}

/* Scrolls the list sideways so that the selected column is in view. */
static void show_column(struct ui *u)
{
	int x, w;

	tview_col_span(u->v, u->col, &x, &w);
	if (x < u->hscroll)
		u->hscroll = x;
	else if (w && x + w > u->hscroll + COLS)
		u->hscroll = x + w - COLS;
	else if (!w && x > u->hscroll + COLS - 8)
		u->hscroll = x - COLS / 2;
}

static bool act(struct ui *u, enum tui_action a, uint64_t rows)
{
	int page = u->focus == TM_LIST ? u->list_h - 2 : u->focus == TM_TREE ? u->tree_h - 2 :
										 u->hex_h - 2;

	if (page < 1)
		page = 1;
	switch (a) {
	case TA_QUIT:
		if (u->src->live && !u->src->saved && !u->asking) {
			u->asking = true;
			message(u, true, "quit and lose the events captured? y to quit, w to save first");
			break;
		}
		return false;
	case TA_HELP:
		u->help = true;
		u->help_top = 0;
		break;
	case TA_DOWN:
		move_by(u, 1, rows);
		break;
	case TA_UP:
		u->follow = false;
		move_by(u, -1, rows);
		break;
	case TA_PAGE_DOWN:
		move_by(u, page, rows);
		break;
	case TA_PAGE_UP:
		u->follow = false;
		move_by(u, -page, rows);
		break;
	case TA_TOP:
		u->follow = false;
		move_by(u, -(int64_t)UINT32_MAX * 4, rows);
		break;
	case TA_BOTTOM:
		move_by(u, (int64_t)UINT32_MAX * 4, rows);
		break;
	case TA_FOCUS_NEXT:
		u->focus = u->focus == TM_LIST ? TM_TREE : u->focus == TM_TREE ? TM_HEX : TM_LIST;
		break;
	case TA_FOCUS_PREV:
		u->focus = u->focus == TM_LIST ? TM_HEX : u->focus == TM_HEX ? TM_TREE : TM_LIST;
		break;
	case TA_FILTER:
		open_prompt(u, PK_FILTER, "Filter: ", tview_filter(u->v));
		break;
	case TA_CLEAR_FILTER:
		apply_filter(u, "");
		break;
	case TA_FIND:
		open_prompt(u, PK_FIND, "Find (filter or text): ", u->find);
		break;
	case TA_FIND_NEXT:
	case TA_FIND_PREV:
		find(u, a == TA_FIND_NEXT);
		break;
	case TA_GOTO:
		open_prompt(u, PK_GOTO, "Go to event: ", NULL);
		break;
	case TA_MARK:
		toggle_mark(u);
		break;
	case TA_NEXT_MARK:
		next_mark(u);
		break;
	case TA_TIME_REF:
		u->time_ref = u->sel_event;
		u->time_mode = TT_REFERENCE;
		tview_set_time(u->v, u->time_mode, u->time_ref);
		message(u, false, "time reference: event %llu", (unsigned long long)u->time_ref);
		break;
	case TA_TIME_FORMAT:
		u->time_mode = (enum tview_time)((u->time_mode + 1) % TT_COUNT);
		tview_set_time(u->v, u->time_mode, u->time_ref);
		break;
	case TA_EXPAND:
	case TA_COLLAPSE:
	case TA_TOGGLE:
		if (u->focus == TM_TREE && u->tree_sel < u->nnodes) {
			unsigned int s = u->tree_sel;

			while (s > 0 && !u->nodes[s].section)
				s--;
			if (a == TA_TOGGLE)
				set_collapsed(u, u->nodes[s].text, !is_collapsed(u, u->nodes[s].text));
			else
				set_collapsed(u, u->nodes[s].text, a == TA_COLLAPSE);
			if (a != TA_EXPAND)
				u->tree_sel = s;
		}
		break;
	case TA_APPLY:
	case TA_APPLY_AND:
	case TA_PREPARE:
		tree_filter(u, a);
		break;
	case TA_SAVE:
		open_prompt(u, PK_SAVE, "Save shown events to: ", NULL);
		break;
	case TA_PAUSE:
		if (!u->src->live) {
			message(u, true, "not a live capture: nothing to pause");
			break;
		}
		u->follow = !u->follow;
		message(u, false, "%s", u->follow ? "following the capture" : "paused");
		break;
	case TA_REDRAW:
		clear();
		break;
	case TA_COL_NEXT:
	case TA_COL_PREV:
		if (a == TA_COL_NEXT && u->col + 1 < tview_ncols(u->v))
			u->col++;
		else if (a == TA_COL_PREV && u->col > 0)
			u->col--;
		show_column(u);
		break;
	case TA_SORT:
	case TA_UNSORT: {
		bool desc;
		int by = tview_sorted_by(u->v, &desc), rc;

		rc = a == TA_UNSORT ? tview_sort(u->v, -1, false)
				    : tview_sort(u->v, (int)u->col, by == (int)u->col && !desc);
		if (rc == -EBUSY)
			message(u, true, "the rows are still being found: sort once they are all there");
		u->sel = 0;
		u->follow = false;
		break;
	}
	case TA_SCROLL_LEFT:
		u->hscroll = u->hscroll > 8 ? u->hscroll - 8 : 0;
		break;
	case TA_SCROLL_RIGHT:
		u->hscroll += 8;
		break;
	case TA_COL_WIDER:
	case TA_COL_NARROWER:
		tview_col_resize(u->v, u->col, a == TA_COL_WIDER ? 2 : -2);
		break;
	case TA_COL_ADD:
		open_prompt(u, PK_COLUMN, "Add column (field): ", NULL);
		break;
	case TA_COL_REMOVE:
		tview_col_remove(u->v, u->col);
		if (u->col >= tview_ncols(u->v))
			u->col = tview_ncols(u->v) - 1;
		break;
	default:
		break;
	}
	return true;
}

/* A curses key as the keymap knows it. */
static int map_key(int ch)
{
	switch (ch) {
	case KEY_UP:
		return TK_UP;
	case KEY_DOWN:
		return TK_DOWN;
	case KEY_LEFT:
		return TK_LEFT;
	case KEY_RIGHT:
		return TK_RIGHT;
	case KEY_PPAGE:
		return TK_PGUP;
	case KEY_NPAGE:
		return TK_PGDN;
	case KEY_HOME:
		return TK_HOME;
	case KEY_END:
		return TK_END;
	case KEY_BTAB:
		return TK_BTAB;
	case KEY_DC:
		return TK_DEL;
	case KEY_ENTER:
	case '\r':
		return '\n';
	case KEY_BACKSPACE:
	case 8:
		return 127;
	default:
		if (ch >= KEY_F(1) && ch <= KEY_F(12))
			return TK_F1 + ch - KEY_F(1);
		return ch;
	}
}

/* Loads the built-in keymap, then the user's if there is one. */
static struct keymap *load_keymap(void)
{
	struct keymap *km = keymap_new();
	struct diag d = { 0 };
	const char *cfg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char path[4096];
	struct sbuf text;
	FILE *f;
	char buf[4096];
	size_t n;

	if (keymap_load(km, keymap_default_text, "default.keys", &d) < 0) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		keymap_free(km);
		return NULL;
	}
	if (cfg && *cfg)
		snprintf(path, sizeof(path), "%s/syshark/keys", cfg);
	else if (home && *home)
		snprintf(path, sizeof(path), "%s/.config/syshark/keys", home);
	else
		return km;
	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return km;
		fprintf(stderr, "syshark: %s: %s\n", path, strerror(errno));
		keymap_free(km);
		return NULL;
	}
	sbuf_init(&text);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_put(&text, buf, n);
	fclose(f);
	if (keymap_load(km, text.s ? text.s : "", path, &d) < 0) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		keymap_free(km);
		km = NULL;
	}
	sbuf_fini(&text);
	return km;
}

static void colors(struct ui *u)
{
	const char *no = getenv("NO_COLOR");

	u->color = has_colors() && !(no && *no);
	if (!u->color)
		return;
	start_color();
	use_default_colors();
	init_pair(CP_ERROR, COLOR_RED, -1);
	init_pair(CP_FILE, -1, -1);
	init_pair(CP_NET, COLOR_CYAN, -1);
	init_pair(CP_PROCESS, COLOR_YELLOW, -1);
	init_pair(CP_BAR, COLOR_WHITE, COLOR_BLUE);
	init_pair(CP_GOOD, COLOR_GREEN, -1);
	init_pair(CP_BAD, COLOR_RED, -1);
}

/* Live: waits for the capture's first bytes; false if it ended without any. */
static bool live_started(const struct tui_source *src)
{
	struct stat sb;
	int i;

	for (i = 0; i < 1000; i++) {
		if (stat(src->path, &sb) == 0 && sb.st_size > 0)
			return true;
		if (!src->running(src->arg))
			return stat(src->path, &sb) == 0 && sb.st_size > 0;
		napms(10);
	}
	return false;
}

/*
 * While curses has the terminal, stderr goes to an unlinked file (a live
 * capture may print there); its text comes out once the screen is gone.
 */
static int stderr_hold(void)
{
	const char *dir = getenv("TMPDIR");
	int saved = dup(STDERR_FILENO);
	int fd = open(dir && *dir ? dir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (saved < 0 || fd < 0 || dup2(fd, STDERR_FILENO) < 0) {
		if (fd >= 0)
			close(fd);
		if (saved >= 0)
			close(saved);
		return -1;
	}
	close(fd);
	return saved;
}

static void stderr_release(int saved)
{
	char buf[4096];
	ssize_t n;
	off_t at = 0;

	if (saved < 0)
		return;
	fflush(stderr);
	while ((n = pread(STDERR_FILENO, buf, sizeof(buf), at)) > 0) {
		if (write(saved, buf, (size_t)n) != n)
			break;
		at += n;
	}
	dup2(saved, STDERR_FILENO);
	close(saved);
}

int tui_run(const struct tui_source *src, const char *filter)
{
	struct ui u = { .path = src->path, .src = src, .focus = TM_LIST, .follow = src->live };
	struct tview_status st, shown = { 0 };
	struct sigaction sa;
	struct diag d = { 0 };
	int status = 0, held;
	bool redraw = true;

	setlocale(LC_CTYPE, "");
	u.km = load_keymap();
	if (!u.km)
		return 2;
	if (src->live && !live_started(src)) {
		keymap_free(u.km);
		return -1;
	}
	u.v = tview_open(src->path, src->live, &d);
	if (!u.v) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		keymap_free(u.km);
		return 1;
	}
	if (filter && tview_set_filter(u.v, filter, &d) < 0) {
		fprintf(stderr, "syshark: filter column %u: %s\n", d.col, d.msg);
		tview_free(u.v);
		keymap_free(u.km);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	prompt_init();
	for (uint16_t t = 0; t < EV_MAX; t++)
		if (!(ev_table[t].flags & EV_F_UNUSED))
			prompt_add_word(ev_table[t].name);
	held = stderr_hold();
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	timeout(100);
	colors(&u);
	layout(&u);
	message(&u, false, "? for help, f to filter, q to quit");
	while (!quit_signal) {
		int ch, key;
		enum tui_action a;

		if (src->live && !u.ended && !src->running(src->arg)) {
			/* the capture ended (its command exited, its duration passed) */
			tview_follow_end(u.v);
			u.ended = true;
			message(&u, false, "the capture has ended");
			redraw = true;
		}
		if (progressed(&u, &shown) || redraw) {
			draw(&u);
			redraw = false;
		}
		ch = getch();
		if (ch == ERR)
			continue;
		redraw = true;
		if (ch == KEY_RESIZE) {
			layout(&u);
			clear();
			continue;
		}
		key = map_key(ch);
		if (u.help) {
			if (key == TK_DOWN || key == 'j')
				u.help_top++;
			else if ((key == TK_UP || key == 'k') && u.help_top > 0)
				u.help_top--;
			else if (key == TK_PGDN)
				u.help_top += LINES - 1;
			else if (key == TK_PGUP)
				u.help_top = u.help_top > LINES - 1 ? u.help_top - (LINES - 1) : 0;
			else
				u.help = false;
			clear();
			continue;
		}
		if (u.pk != PK_NONE) {
			enum prompt_result r = prompt_key(key);

			if (r == PR_DONE)
				prompt_done(&u, prompt_line());
			else if (r == PR_CANCEL)
				u.pk = PK_NONE;
			else
				u.caret_msg[0] = 0;
			continue;
		}
		u.msg[0] = 0;
		tview_status(u.v, &st);
		a = keymap_action(u.km, u.focus, key);
		if (u.asking) {
			u.asking = key == 'y';
			if (u.asking)
				break;
			if (a != TA_SAVE)
				continue;
		}
		if (!act(&u, a, st.rows))
			break;
	}
	if (src->live && !u.ended) {
		src->stop(src->arg);
		tview_follow_end(u.v);
	}
	endwin();
	stderr_release(held);
	prompt_fini();
	tview_tree_free(u.nodes, u.nnodes);
	tview_free(u.v);
	keymap_free(u.km);
	for (size_t i = 0; i < u.ncollapsed; i++)
		free(u.collapsed[i]);
	free(u.collapsed);
	free(u.marks);
	free(u.find);
	if (quit_signal == SIGTERM || quit_signal == SIGHUP)
		status = 1;
	return status;
}

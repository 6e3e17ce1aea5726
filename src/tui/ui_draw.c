// SPDX-License-Identifier: GPL-2.0-only
/*
 * Drawing the screen: the event list on top, the detail tree of the selected
 * event in the middle, its bytes at the bottom, then the prompt or message
 * line and the status line. Everything shown comes from tview.
 */
#include <curses.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "complete.h"
#include "eng_filter.h"
#include "prompt.h"
#include "ui_events.h"
#include "xalloc.h"

/* The longest command a live status line names in full, in cells */
#define LIVE_WHAT_MAX 28

void ui_put(int y, int x, const char *s, int width)
{
	int cells = 0;

	if (width <= 0)
		return;
	mvaddnstr(y, x, s, (int)cell_fit(s, width, &cells));
	while (cells++ < width)
		addch(' ');
}

/* s without its first n display cells. */
static const char *skip_cells(const char *s, int n)
{
	int cells = 0;

	return n > 0 ? s + cell_fit(s, n, &cells) : s;
}

void ui_color_on(struct ui *u, int pair)
{
	if (u->color && pair)
		attron(COLOR_PAIR(pair));
}

void ui_color_off(struct ui *u, int pair)
{
	if (u->color && pair)
		attroff(COLOR_PAIR(pair));
}

void ui_position(struct sbuf *out, uint64_t at, uint64_t n)
{
	sbuf_printf(out, "%llu/%llu (%.1f%%)", (unsigned long long)at, (unsigned long long)n,
		    n ? (double)at * 100 / (double)n : 0.0);
}

void ui_bar(int y, const char *s, bool title)
{
	attron(title ? A_REVERSE | A_BOLD : A_REVERSE);
	ui_put(y, 0, s, COLS);
	attroff(A_REVERSE | A_BOLD);
}

void ui_message_line(struct ui *u, const char *s)
{
	bool bad = u->msg_bad && s[0];

	if (bad)
		ui_color_on(u, CP_ERROR);
	ui_put(ui_lines(u) - 2, 0, s, COLS);
	if (bad)
		ui_color_off(u, CP_ERROR);
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void ui_layout(struct ui *u)
{
	struct events *ev = ui_ev(u);
	int h = ui_lines(u) - 2, hex; /* the prompt and status lines */

	if (h < 7)
		h = 7;
	/* shares of 45, 30 and 25%, resized by the keys; the list keeps 3 lines, the others 2 */
	ev->grow_tree = clamp(ev->grow_tree, 2 - h * 30 / 100, h - 5 - h * 30 / 100);
	ev->tree_h = h * 30 / 100 + ev->grow_tree;
	hex = h - h * 45 / 100 - h * 30 / 100;
	ev->grow_hex = clamp(ev->grow_hex, 2 - hex, h - 3 - ev->tree_h - hex);
	ev->hex_h = hex + ev->grow_hex;
	ev->list_h = h - ev->tree_h - ev->hex_h;
	if (ev->zoom) {
		ev->list_h = ev->focus == TM_LIST ? h : 0;
		ev->tree_h = ev->focus == TM_TREE ? h : 0;
		ev->hex_h = ev->focus == TM_HEX ? h : 0;
	}
}

bool ui_is_collapsed(const struct ui *u, const char *title)
{
	const struct events *ev = ui_ev(u);
	size_t i;

	for (i = 0; i < ev->ncollapsed; i++)
		if (strcmp(ev->collapsed[i], title) == 0)
			return true;
	return false;
}

bool ui_node_visible(const struct ui *u, unsigned int i)
{
	const struct events *ev = ui_ev(u);
	unsigned int s = i;

	if (ev->nodes[i].section)
		return true;
	while (s > 0 && !ev->nodes[s].section)
		s--;
	return !ui_is_collapsed(u, ev->nodes[s].text);
}

/* Offers the values of the selected event's tree to Tab completion. */
static void learn_words(struct ui *u)
{
	struct events *ev = ui_ev(u);
	unsigned int i;

	for (i = 0; i < ev->nnodes; i++) {
		const char *f = ev->nodes[i].filter, *eq;

		if (!f || !(eq = strstr(f, " = ")) || eq[3] == '"')
			continue;
		prompt_add_word(eq + 3, PW_NAME);
	}
}

/* The tree of the selected event, rebuilt when the selection moves. */
static void tree_update(struct ui *u)
{
	struct events *ev = ui_ev(u);

	if (ev->tree_event == ev->sel_event && ev->nodes)
		return;
	tview_tree_free(ev->nodes, ev->nnodes);
	ev->nnodes = tview_tree(u->v, ev->sel_event, &ev->nodes);
	ev->tree_event = ev->sel_event;
	learn_words(u);
	if (ev->tree_sel >= ev->nnodes)
		ev->tree_sel = 0;
	if (ev->nnodes && !ui_node_visible(u, ev->tree_sel))
		ev->tree_sel = 0;
	ev->hex_top = 0;
}

static bool is_marked(const struct ui *u, uint64_t num)
{
	const struct events *ev = ui_ev(u);
	size_t i;

	for (i = 0; i < ev->nmarks; i++)
		if (ev->marks[i] == num)
			return true;
	return false;
}

static void draw_list(struct ui *u, uint64_t rows)
{
	struct events *ev = ui_ev(u);
	struct sbuf line;
	int y, pair;

	/* the columns fit the width, unless the user chose them */
	tview_set_width(u->v, COLS);
	if (ev->col >= tview_ncols(u->v))
		ev->col = tview_ncols(u->v) - 1;
	sbuf_init(&line);
	tview_header(u->v, &line);
	attron(A_BOLD | A_UNDERLINE);
	ui_put(0, 0, skip_cells(line.s, ev->hscroll), COLS);
	attroff(A_BOLD | A_UNDERLINE);
	if (ev->focus == TM_LIST) {
		int x, w;

		tview_col_span(u->v, ev->col, &x, &w);
		x -= ev->hscroll;
		if (x < 0) {
			w = w > -x ? w + x : w ? 1 : 0;
			x = 0;
		}
		if (x < COLS)
			mvchgat(0, x, w ? w : -1, A_BOLD | A_REVERSE, 0, NULL);
	}
	for (y = 1; y < ev->list_h; y++) {
		uint64_t row = ev->top + (uint64_t)(y - 1);

		sbuf_reset(&line);
		if (row >= rows || !tview_row_text(u->v, row, &line)) {
			ui_put(y, 0, "", COLS);
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
		case TC_ALERT_ERROR:
			pair = CP_ALERT_ERROR;
			break;
		case TC_ALERT_WARNING:
			pair = CP_ALERT_WARNING;
			break;
		case TC_ALERT_NOTICE:
			pair = CP_ALERT_NOTICE;
			break;
		default:
			break;
		}
		if (is_marked(u, tview_row_event(u->v, row)))
			attron(A_BOLD);
		if (row == ev->sel)
			attron(ev->focus == TM_LIST ? A_REVERSE : A_UNDERLINE);
		ui_color_on(u, pair);
		ui_put(y, 0, skip_cells(line.s, ev->hscroll), COLS);
		ui_color_off(u, pair);
		attroff(A_REVERSE | A_UNDERLINE | A_BOLD);
	}
	sbuf_fini(&line);
}

static void draw_title(int y, const char *title, bool focus)
{
	attron(focus ? A_REVERSE : A_BOLD);
	ui_put(y, 0, title, COLS);
	attroff(A_REVERSE | A_BOLD);
}

static void draw_tree(struct ui *u, int y0)
{
	struct events *ev = ui_ev(u);
	unsigned int i, shown = 0, pos = 0;
	int y = y0 + 1;
	char line[1024];

	draw_title(y0, " Detail", ev->focus == TM_TREE);
	/* keep the selected node in view */
	for (i = 0; i < ev->nnodes && i < ev->tree_sel; i++)
		pos += ui_node_visible(u, i);
	if (pos < ev->tree_top)
		ev->tree_top = pos;
	if (ev->tree_h > 1 && pos >= ev->tree_top + (unsigned int)(ev->tree_h - 1))
		ev->tree_top = pos - (unsigned int)(ev->tree_h - 2);
	for (i = 0; i < ev->nnodes && y < y0 + ev->tree_h; i++) {
		const struct tview_node *n = &ev->nodes[i];

		if (!ui_node_visible(u, i))
			continue;
		if (shown++ < ev->tree_top)
			continue;
		if (n->section)
			snprintf(line, sizeof(line), "%s %s", ui_is_collapsed(u, n->text) ? "+" : "-",
				 n->text);
		else
			snprintf(line, sizeof(line), "%*s%s", (int)n->depth * 4, "", n->text);
		if (i == ev->tree_sel && ev->focus == TM_TREE)
			attron(A_REVERSE);
		if (n->section)
			attron(A_BOLD);
		ui_put(y++, 0, line, COLS);
		attroff(A_REVERSE | A_BOLD);
	}
	while (y < y0 + ev->tree_h)
		ui_put(y++, 0, "", COLS);
}

static void draw_hex(struct ui *u, int y0)
{
	struct events *ev = ui_ev(u);
	const struct tview_node *n = ev->tree_sel < ev->nnodes ? &ev->nodes[ev->tree_sel] : NULL;
	uint32_t len = 0, off, hl_lo = 0, hl_hi = 0;
	const uint8_t *p = tview_bytes(u->v, ev->sel_event, &len);
	struct sbuf line;
	int y = y0 + 1;

	draw_title(y0, " Bytes", ev->focus == TM_HEX);
	if (n && n->len && ev->focus != TM_LIST) {
		hl_lo = n->off;
		hl_hi = n->off + n->len;
	}
	sbuf_init(&line);
	for (off = ev->hex_top * 16; p && off < len && y < y0 + ev->hex_h; off += 16, y++) {
		uint32_t i;

		sbuf_reset(&line);
		tview_hex_line(p, len, off, &line);
		ui_put(y, 0, line.s, COLS);
		/* the selected node's bytes, in both columns */
		for (i = 0; i < 16 && off + i < len; i++) {
			if (off + i < hl_lo || off + i >= hl_hi)
				continue;
			mvchgat(y, 6 + (int)i * 3 + (i > 7), 2, A_REVERSE, 0, NULL);
			mvchgat(y, 6 + 16 * 3 + 2 + (int)i, 1, A_REVERSE, 0, NULL);
		}
	}
	sbuf_fini(&line);
	while (y < y0 + ev->hex_h)
		ui_put(y++, 0, "", COLS);
}

void ui_health(struct ui *u, struct sbar *b)
{
	const struct live_health *h = u->src->health;
	unsigned long long dropped;

	if (!h)
		return;
	u->health_seen = atomic_load(&h->seconds);
	dropped = (unsigned long long)atomic_load(&h->dropped);
	if (u->ended || !u->health_seen) {
		sbar_add(b, dropped ? 5 : 1, NULL, "dropped %llu", dropped);
		return;
	}
	sbar_add(b, 2, NULL, "%llu events/s", (unsigned long long)atomic_load(&h->events_per_s));
	sbar_add(b, dropped ? 5 : 1, NULL, "dropped %llu (%llu/s)", dropped,
		 (unsigned long long)atomic_load(&h->drops_per_s));
	sbar_add(b, 2, NULL, "ring %u%%", (unsigned int)atomic_load(&h->ring_pct));
}

void ui_status_source(const struct ui *u, struct sbar *b, int prio)
{
	const struct events *ev = ui_ev(u);
	const char *base = strrchr(u->path, '/');
	const char *state = u->ended ? "live, ended" : ev->follow ? "live, following" : "live, paused";

	struct sbuf what;

	base = base && base[1] ? base + 1 : u->path;
	if (!u->src->live) {
		sbar_add(b, prio, base, "%s", u->path);
		return;
	}
	sbuf_init(&what);
	sbuf_puts(&what, u->src->what);
	cell_ellipsize(&what, LIVE_WHAT_MAX);
	sbar_add(b, prio, state, "%s: %s", state, what.s);
	sbuf_fini(&what);
}

/* A live capture's file: where it is, its size and limit. */
static void add_live_file(const struct ui *u, struct sbar *b)
{
	const struct live_health *h = u->src->health;

	if (u->src->live && h)
		sbar_add_file(b, u->path, atomic_load(&h->bytes), h->max_bytes,
			      atomic_load(&h->full));
}

void ui_status_draw(struct ui *u, struct sbar *b)
{
	struct sbuf line;

	sbuf_init(&line);
	sbar_fit(b, COLS, &line);
	ui_color_on(u, CP_BAR);
	ui_bar(ui_lines(u) - 1, line.s, false);
	ui_color_off(u, CP_BAR);
	sbuf_fini(&line);
	sbar_fini(b);
}

/* A progress bar part: what, [####      ] and the percentage. */
static void add_progress(struct sbar *b, const char *what, int pct)
{
	char brief[64];

	pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
	snprintf(brief, sizeof(brief), "%s %d%%", what, pct);
	sbar_add(b, 7, brief, "%s [%.*s%*s] %d%%", what, pct / 10, "##########", 10 - pct / 10, "", pct);
}

static void draw_status(struct ui *u, const struct tview_status *st)
{
	struct events *ev = ui_ev(u);
	struct sbar b = { 0 };
	struct sbuf pos;

	ui_status_source(u, &b, 3);
	sbar_add(&b, 4, NULL, "events %llu", (unsigned long long)st->events);
	sbar_add(&b, 6, NULL, "shown %llu%s%s", (unsigned long long)st->rows,
		 tview_calls(u->v) ? " calls" : "", tview_hidden(u->v) ? " with hidden" : "");
	sbuf_init(&pos);
	ui_position(&pos, st->rows ? ev->sel + 1 : 0, st->rows);
	sbar_add(&b, 3, NULL, "%s", pos.s);
	sbuf_fini(&pos);
	sbar_add(&b, ev->nmarks ? 3 : 1, NULL, "marked %zu", ev->nmarks);
	if (u->src->health)
		ui_health(u, &b);
	else if (st->dropped)
		sbar_add(&b, 5, NULL, "dropped %llu", (unsigned long long)st->dropped);
	sbar_add(&b, 1, NULL, "time %s", tview_time_name(ev->time_mode));
	if (tview_filter(u->v)[0])
		sbar_add(&b, 5, "filtered", "filter: %s", tview_filter(u->v));
	if (ev->finding)
		add_progress(&b, "finding", (int)tview_find_percent(u->v, ev->finding));
	else if (u->gz && !sf_gunzip_done(u->gz) && sf_gunzip_percent(u->gz) < 0)
		sbar_add(&b, 7, NULL, "reading the pipe");
	else if (u->gz && !sf_gunzip_done(u->gz))
		add_progress(&b, "inflating", sf_gunzip_percent(u->gz));
	else if (st->sorting && st->rows)
		add_progress(&b, "sorting", (int)(st->sorted * 100 / st->rows));
	else if ((st->indexing ||
		  (st->searching && !(st->live && !u->ended && st->scanned >= st->events))) &&
		 st->events)
		/*
		 * a capture being written is always being filtered: only a lag is
		 * worth showing; once it has ended, the bar says the rest is coming
		 */
		add_progress(&b, st->indexing ? "indexing" : "filtering",
			     (int)(st->scanned * 100 / st->events));
	add_live_file(u, &b);
	ui_status_draw(u, &b);
}

bool ui_progressed(struct ui *u, struct tview_status *last)
{
	struct tview_status now;
	bool moved;

	tview_status(u->v, &now);
	if (u->src->health)
		now.dropped = atomic_load(&u->src->health->dropped);
	moved = (u->src->health && atomic_load(&u->src->health->seconds) != u->health_seen) ||
		now.events != last->events || now.rows != last->rows ||
		now.scanned != last->scanned || now.sorted != last->sorted ||
		now.dropped != last->dropped || now.indexing != last->indexing ||
		now.live != last->live || now.sorting != last->sorting ||
		now.searching != last->searching || now.error != last->error;
	*last = now;
	return moved;
}

/* The last Tab's candidates, in columns on the lines above the prompt. */
static void draw_choices(const struct ui *u)
{
	int bottom = ui_lines(u) - 2;
	const char *const *words;
	size_t n = prompt_choices(&words);
	struct sbuf lines;
	char *line, *next;
	int y;

	if (!n)
		return;
	sbuf_init(&lines);
	y = bottom - complete_columns(words, n, COLS, bottom / 2, &lines);
	for (line = lines.s; line && *line; line = next) {
		next = strchr(line, '\n');
		*next++ = 0;
		ui_put(y++, 0, line, COLS);
	}
	sbuf_fini(&lines);
}

/* The prompt line, marked good or bad as the text parses. */
static void draw_prompt(struct ui *u, const struct tview_status *st)
{
	const char *label = prompt_label(), *text = prompt_line();
	struct sbuf line;
	struct diag d = { 0 };
	int pair = 0, cx, y = ui_lines(u) - 2;

	sbuf_init(&line);
	sbuf_printf(&line, "%s%s", label, text);
	if (u->pk == PK_FILTER || u->pk == PK_FIND || u->pk == PK_SERIES) {
		struct eng_filter *f = *text ? eng_filter_compile(text, &d) : NULL;

		pair = !*text ? 0 : f ? CP_GOOD : u->pk != PK_FIND ? CP_BAD : 0;
		eng_filter_free(f);
	}
	ui_color_on(u, pair);
	ui_put(y, 0, line.s, COLS);
	ui_color_off(u, pair);
	/* the text it opened with, which a printable key replaces */
	if (prompt_selected() && (int)strlen(label) < COLS)
		mvchgat(y, (int)strlen(label), (int)strlen(text), A_REVERSE, (short)pair,
			NULL);
	if (u->caret_msg[0]) {
		char caret[1024];

		snprintf(caret, sizeof(caret), "%*s^ %s", (int)strlen(label) + u->caret_col - 1, "",
			 u->caret_msg);
		ui_color_on(u, CP_ERROR);
		ui_put(y + 1, 0, caret, COLS);
		ui_color_off(u, CP_ERROR);
	} else {
		draw_status(u, st);
	}
	draw_choices(u);
	cx = (int)(strlen(label) + prompt_cursor());
	move(y, cx < COLS ? cx : COLS - 1);
	sbuf_fini(&line);
}

/* A text on the whole screen, scrolled: the help, a view's legend. */
struct text_screen {
	struct panel p;
	char *text;
	int top; /* first line shown */
};

static void text_draw(struct panel *p, struct ui *u)
{
	struct text_screen *ts = (struct text_screen *)p;
	const char *line = ts->text, *end;
	int y = 0, n = 0;

	(void)u;
	erase();
	for (; *line; line = *end ? end + 1 : end, n++) {
		end = line + strcspn(line, "\n");
		if (n >= ts->top && y < LINES) {
			char *copy = xstrndup(line, (size_t)(end - line));

			ui_put(y++, 0, copy, COLS);
			free(copy);
		}
	}
	/* no scrolling past the end */
	if (ts->top > n - LINES)
		ts->top = n - LINES > 0 ? n - LINES : 0;
}

static enum tui_mode text_mode(struct panel *p, const struct ui *u)
{
	(void)p;
	(void)u;
	return TM_ANY;
}

static bool text_tick(struct panel *p, struct ui *u)
{
	(void)p;
	(void)u;
	return false;
}

/* The arrows and PgUp and PgDn scroll, any other key closes it. */
static enum panel_next text_key(struct panel *p, struct ui *u, int key, enum tui_action a)
{
	struct text_screen *ts = (struct text_screen *)p;

	(void)a;
	(void)u;
	clear();
	if (key == TK_DOWN || key == 'j')
		ts->top++;
	else if ((key == TK_UP || key == 'k') && ts->top > 0)
		ts->top--;
	else if (key == TK_PGDN)
		ts->top += LINES - 1;
	else if (key == TK_PGUP)
		ts->top = ts->top > LINES - 1 ? ts->top - (LINES - 1) : 0;
	else
		return PN_POP;
	return PN_STAY;
}

/* The wheel scrolls it. */
static void text_mouse(struct panel *p, struct ui *u, const struct ui_click *c)
{
	struct text_screen *ts = (struct text_screen *)p;

	(void)u;
	if (c->what == UC_WHEEL_UP)
		ts->top = ts->top > 3 ? ts->top - 3 : 0;
	else if (c->what == UC_WHEEL_DOWN)
		ts->top += 3;
	clear();
}

static void text_close(struct panel *p, struct ui *u)
{
	(void)u;
	clear();
	free(((struct text_screen *)p)->text);
	free(p);
}

static const struct panel_ops text_ops = {
	.mode = text_mode,
	.tick = text_tick,
	.draw = text_draw,
	.key = text_key,
	.mouse = text_mouse,
	.close = text_close,
};

struct panel *ui_text_new(const char *text)
{
	struct text_screen *ts = xcalloc(1, sizeof(*ts));

	ts->p.ops = &text_ops;
	ts->p.tick_ms = 100;
	ts->text = xstrdup(text);
	return &ts->p;
}

struct panel *ui_help_new(const struct ui *u)
{
	struct panel *p;
	struct sbuf text;

	sbuf_init(&text);
	sbuf_puts(&text, "syshark keys (arrows and PgUp/PgDn scroll, any other key closes this help)\n\n");
	if (!u->src->no_mouse)
		sbuf_puts(&text, "the mouse: a click selects, a double click opens, a title sorts, the wheel "
				 "scrolls\n\n");
	keymap_help(u->km, &text);
	p = ui_text_new(text.s);
	sbuf_fini(&text);
	return p;
}

/* Whether the function key bar has the bottom line. */
static bool fkeys_shown(const struct ui *u)
{
	return u->fkeys && LINES >= UI_FKEYS_MIN && u->panel->ops != &text_ops;
}

int ui_lines(const struct ui *u)
{
	return LINES - fkeys_shown(u);
}

/* Writes ASCII s at (y, *x), as much of it as fits, and moves *x past it. */
static void put_on(int y, int *x, const char *s)
{
	int n = (int)strlen(s);

	if (*x < COLS)
		ui_put(y, *x, s, n < COLS - *x ? n : COLS - *x);
	*x += n;
}

/*
 * The function key bar: the keys of the top screen's mode that do these
 * actions, as the keymap binds them, the least important dropped to fit.
 */
static void draw_fkeys(const struct ui *u)
{
#define M(m) (1u << (m))
#define EVENTS (M(TM_LIST) | M(TM_TREE) | M(TM_HEX))
	static const struct {
		enum tui_action a;
		const char *label;
		int prio;	    /* higher stays longer */
		unsigned int modes; /* where it does something */
	} items[] = {
		{ TA_HELP, "Help", 9, ~0u },
		{ TA_VIEWS, "Views", 7, EVENTS | M(TM_VIEW) | M(TM_PICK) },
		{ TA_FIND, "Search", 3, EVENTS | M(TM_VIEW) },
		{ TA_FILTER, "Filter", 6, EVENTS | M(TM_VIEW) },
		{ TA_FOLLOW, "Follow", 4, EVENTS },
		{ TA_TREE, "Tree", 4, M(TM_VIEW) },
		{ TA_LEGEND, "Legend", 5, M(TM_VIEW) },
		{ TA_SIGNAL, "Kill", 5, EVENTS | M(TM_VIEW) },
		{ TA_SORT, "Sort", 2, M(TM_LIST) | M(TM_VIEW) },
		{ TA_GRAPH, "Graph", 2, EVENTS | M(TM_VIEW) },
		{ TA_QUIT, "Quit", 8, ~0u },
	};
#undef EVENTS
#undef M
	enum tui_mode mode = u->panel->ops->mode(u->panel, u);
	char keys[SBAR_PARTS][16];
	bool shown[SBAR_PARTS];
	unsigned int idx[SBAR_PARTS];
	struct sbar b = { 0 };
	size_t i;
	int x = 0;

	_Static_assert(sizeof(items) / sizeof(items[0]) <= SBAR_PARTS, "a part per item");
	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		int key = items[i].modes & (1u << mode) ? keymap_key_of(u->km, mode, items[i].a) : 0;

		if (!key)
			continue;
		keymap_key_name(key, keys[b.n], sizeof(keys[b.n]));
		idx[b.n] = (unsigned int)i;
		sbar_add(&b, items[i].prio, NULL, "%s%s", keys[b.n], items[i].label);
	}
	sbar_fit_parts(&b, COLS, " ", shown);
	for (i = 0; i < b.n; i++) {
		if (!shown[i])
			continue;
		if (x)
			put_on(LINES - 1, &x, " ");
		attron(A_REVERSE);
		put_on(LINES - 1, &x, keys[i]);
		attroff(A_REVERSE);
		put_on(LINES - 1, &x, items[idx[i]].label);
	}
	if (x < COLS)
		ui_put(LINES - 1, x, "", COLS - x);
	sbar_fini(&b);
}

void ui_draw(struct ui *u)
{
	struct tview_status st;

	u->panel->ops->draw(u->panel, u);
	if (fkeys_shown(u))
		draw_fkeys(u);
	if (u->panel->ops != &text_ops) {
		tview_status(u->v, &st);
		if (u->pk != PK_NONE)
			draw_prompt(u, &st);
		curs_set(u->pk != PK_NONE);
	}
	refresh();
}

void ui_events_draw(struct ui *u)
{
	struct events *ev = ui_ev(u);
	struct tview_status st;

	ui_layout(u); /* a zoomed pane follows the focus */
	tview_status(u->v, &st);
	if ((ev->sel >= st.rows || (ev->follow && ev->focus == TM_LIST)) && st.rows)
		ev->sel = st.rows - 1;
	ev->sel_event = tview_row_event(u->v, ev->sel);
	if (ev->list_h > 1 && ev->sel >= ev->top + (uint64_t)(ev->list_h - 1))
		ev->top = ev->sel - (uint64_t)(ev->list_h - 2);
	if (ev->sel < ev->top)
		ev->top = ev->sel;
	tree_update(u);
	if (ev->list_h)
		draw_list(u, st.rows);
	if (ev->tree_h)
		draw_tree(u, ev->list_h);
	if (ev->hex_h)
		draw_hex(u, ev->list_h + ev->tree_h);
	if (u->pk == PK_NONE) {
		ui_message_line(u, st.error && !u->msg[0] ? st.error : u->msg);
		draw_status(u, &st);
	}
}

void ui_colors(struct ui *u)
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
	init_pair(CP_WRITE, COLOR_RED, -1);
	init_pair(CP_READ, COLOR_BLUE, -1);
	/* as Wireshark's expert information: errors red, warnings yellow, notes cyan */
	init_pair(CP_ALERT_ERROR, COLOR_WHITE, COLOR_RED);
	init_pair(CP_ALERT_WARNING, COLOR_BLACK, COLOR_YELLOW);
	init_pair(CP_ALERT_NOTICE, COLOR_BLACK, COLOR_CYAN);
}

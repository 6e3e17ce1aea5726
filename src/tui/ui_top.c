// SPDX-License-Identifier: GPL-2.0-only
/*
 * The top-like views on the screen: the picker (v), a view's table (sorted
 * by any column, filtered, searched, processes as a tree), and drilling
 * down from a row to the next view narrowed to it or to its events, with
 * Backspace back up (from the top view, to the event list). Over a file,
 * every level sums the events of one time window, the event list drilled
 * into too.
 */
#include <curses.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "monotime.h"
#include "prompt.h"
#include "ui.h"
#include "xalloc.h"

#define CELL_MAX 40 /* a column wider than this is cut, but for the last */

enum tui_mode ui_mode(const struct ui *u)
{
	return u->stream ? TM_STREAM : u->in_graph ? TM_GRAPH : u->picking ? TM_PICK :
	       u->in_views ? TM_VIEW : u->focus;
}

/* Appends filter ("" for all events) narrowed to the time window, if any. */
static void windowed(struct ui *u, const char *filter, struct sbuf *out)
{
	if (!u->windowed) {
		sbuf_puts(out, filter);
		return;
	}
	eng_top_window_clause(&u->window, tview_first_ts(u->v), filter, out);
}

/* Starts summing the last level's view; false (and a message) if its filter is bad. */
static bool start_level(struct ui *u)
{
	const struct ui_level *l = &u->levels[u->nlevels - 1];
	struct diag d = { 0 };
	struct topview *tv;
	struct sbuf f;

	sbuf_init(&f);
	windowed(u, l->filter, &f);
	tv = topview_open(u->v, l->view, f.s, u->src->live ? u->interval : 0, &d);
	sbuf_fini(&f);
	if (!tv) {
		ui_message(u, true, "cannot show %s: %s", l->view->title, d.msg);
		return false;
	}
	topview_free(u->tv);
	u->tv = tv;
	u->tv_sel = u->tv_top = 0;
	u->tv_col = 0;
	u->tv_sort = -1;
	u->tv_asc = false;
	free(u->tv_key);
	u->tv_key = NULL;
	return true;
}

static void push_level(struct ui *u, const struct eng_top_view *view, const char *filter,
		       const char *title)
{
	struct ui_level *l;

	u->levels = xreallocarray(u->levels, u->nlevels + 1, sizeof(*u->levels));
	l = &u->levels[u->nlevels++];
	l->view = view;
	l->filter = xstrdup(filter);
	l->title = xstrdup(title);
}

static void pop_level(struct ui *u)
{
	struct ui_level *l = &u->levels[--u->nlevels];

	free(l->filter);
	free(l->title);
}

static void unfold_all(struct ui *u)
{
	while (u->tv_nfolded)
		free(u->tv_folded[--u->tv_nfolded]);
}

bool ui_top_open(struct ui *u, const char *name, const char *filter)
{
	const struct eng_top_view *view = eng_top_view(name);
	char *f;
	bool ok;

	if (!view) {
		ui_message(u, true, "no view named %s", name);
		return false;
	}
	f = xstrdup(filter ? filter : ""); /* it may be a level's, about to go */
	while (u->nlevels)
		pop_level(u);
	unfold_all(u);
	push_level(u, view, f, view->title);
	free(f);
	u->picking = false;
	u->in_views = true;
	ok = start_level(u);
	if (!ok)
		u->in_views = false;
	return ok;
}

void ui_top_free(struct ui *u)
{
	topview_free(u->tv);
	while (u->nlevels)
		pop_level(u);
	free(u->levels);
	unfold_all(u);
	free(u->tv_folded);
	free(u->tv_key);
	free(u->list_filter);
}

/* A number as the column shows it: bytes and times in units, rates per second. */
static void put_number(struct sbuf *o, const struct eng_top_col *c, int64_t v, double seconds)
{
	static const char *const bytes[] = { "B", "K", "M", "G", "T" };
	double x = (double)v;
	int i = 0;

	if (c->rate && seconds > 0)
		x /= seconds;
	if (c->unit == ENG_TU_BYTES) {
		for (; x >= 10000 && i < 4; i++)
			x /= 1024;
		sbuf_printf(o, i ? "%.1f%s" : "%.0f%s", x, bytes[i]);
	} else if (c->unit == ENG_TU_NS) {
		if (x >= 1e9)
			sbuf_printf(o, "%.2fs", x / 1e9);
		else if (x >= 1e6)
			sbuf_printf(o, "%.2fms", x / 1e6);
		else if (x >= 1e3)
			sbuf_printf(o, "%.2fus", x / 1e3);
		else
			sbuf_printf(o, "%.0fns", x);
	} else if (seconds > 0 && c->rate) {
		sbuf_printf(o, "%.1f", x);
	} else {
		sbuf_put_i64(o, v);
	}
}

static bool numeric(const struct eng_top_col *c)
{
	return c->agg != ENG_TA_KEY && c->agg != ENG_TA_LAST;
}

static void cell(struct eng_top *t, size_t row, unsigned int col, double seconds, struct sbuf *o)
{
	const struct eng_top_col *c = &eng_top_of(t)->cols[col];

	if (col == eng_top_of(t)->tree_col)
		eng_top_tree_prefix(t, row, o);
	if (numeric(c)) {
		put_number(o, c, eng_top_value(t, row, col), seconds);
	} else {
		/* a command line's newlines and escapes become dots, as in the tree */
		struct sbuf raw;

		sbuf_init(&raw);
		eng_top_cell(t, row, col, &raw);
		cell_sanitize(o, raw.s);
		sbuf_fini(&raw);
	}
}

/* Appends s cut or padded to width cells, numbers on the right. */
static void put_cell(struct sbuf *line, const char *s, int width, bool number)
{
	int cells;
	size_t n = cell_fit(s, width, &cells);

	if (number)
		sbuf_printf(line, "%*s", width - cells, "");
	sbuf_put(line, s, n);
	if (!number)
		sbuf_printf(line, "%*s", width - cells, "");
}

/* The cells s takes on the screen. */
static int cells_of(const char *s)
{
	int cells;

	cell_fit(s, 0, &cells);
	return cells;
}

/* Whether row's key is one of the folded ones (eng_top_folded_fn). */
static bool is_folded(void *arg, const struct eng_top *t, size_t row)
{
	const struct ui *u = arg;
	bool hit = false;
	struct sbuf k;
	size_t i;

	if (!u->tv_nfolded)
		return false;
	sbuf_init(&k);
	eng_top_row_filter(t, row, &k);
	for (i = 0; i < u->tv_nfolded && !hit; i++)
		hit = strcmp(u->tv_folded[i], k.s) == 0;
	sbuf_fini(&k);
	return hit;
}

/* The row whose key is u->tv_key, or u->tv_sel if it is gone. */
static uint64_t find_key(struct ui *u, struct eng_top *t)
{
	size_t i, n = eng_top_nrows(t);
	struct sbuf k;

	if (!u->tv_key)
		return u->tv_sel;
	sbuf_init(&k);
	/* most often the row has not moved */
	if (u->tv_sel < n)
		eng_top_row_filter(t, u->tv_sel, &k);
	if (u->tv_sel < n && strcmp(k.s, u->tv_key) == 0) {
		sbuf_fini(&k);
		return u->tv_sel;
	}
	for (i = 0; i < n; i++) {
		sbuf_reset(&k);
		eng_top_row_filter(t, i, &k);
		if (strcmp(k.s, u->tv_key) == 0)
			break;
	}
	sbuf_fini(&k);
	return i < n ? i : u->tv_sel;
}

static void draw_picker(struct ui *u)
{
	size_t n, i;
	const struct eng_top_view *v = eng_top_views(&n);
	char line[256];
	int y;

	ui_bar(0, " Views: Enter opens one, Backspace goes back", false);
	for (i = 0, y = 1; i < n && y < LINES - 2; i++, y++) {
		snprintf(line, sizeof(line), "  %-12s %s", v[i].name, v[i].title);
		if (i == u->pick_sel)
			attron(A_REVERSE);
		ui_put(y, 0, line, COLS);
		attroff(A_REVERSE);
	}
	for (; y < LINES - 1; y++)
		ui_put(y, 0, "", COLS);
}

/* The status line of a view: source, view, rows, events summed, progress. */
static void draw_view_status(struct ui *u, size_t rows)
{
	uint64_t intervals, scanned = topview_scanned(u->tv, &intervals);
	struct tview_status st;
	struct sbar b = { 0 };

	tview_status(u->v, &st);
	ui_status_source(u, &b, 3);
	sbar_add(&b, 6, NULL, "view %s", topview_view(u->tv)->name);
	sbar_add(&b, 5, NULL, "rows %zu", rows);
	sbar_add(&b, 4, NULL, "events %llu", (unsigned long long)scanned);
	if (u->src->live)
		sbar_add(&b, 2, NULL, "every %.1f s%s", u->interval,
			 intervals ? "" : ", first interval still coming");
	if (u->src->health)
		ui_health(u, &b);
	else if (!topview_done(u->tv) && st.events)
		sbar_add(&b, 7, NULL, "summing %d%%", (int)(scanned * 100 / st.events));
	if (topview_filter(u->tv)[0])
		sbar_add(&b, 5, "filtered", "filter: %s", topview_filter(u->tv));
	ui_status_draw(u, &b);
}


bool ui_top_moved(struct ui *u)
{
	uint64_t intervals;

	if (u->picking || !u->tv)
		return true;
	if (!u->src->live)
		return !u->tv_drawn_done;
	topview_scanned(u->tv, &intervals);
	return intervals != u->tv_intervals || mono_now() - u->tv_drawn >= 0.1;
}

void ui_top_draw(struct ui *u)
{
	const struct ui_level *l;
	const struct eng_top_view *v;
	int width[ENG_TOP_COLS], y, x, body = LINES - 4;
	double seconds;
	struct eng_top *t;
	struct sbuf line, c;
	size_t rows, r;
	unsigned int k;

	if (u->picking) {
		draw_picker(u);
		return;
	}
	l = &u->levels[u->nlevels - 1];
	v = l->view;
	sbuf_init(&line);
	sbuf_init(&c);
	topview_scanned(u->tv, &u->tv_intervals);
	u->tv_drawn = mono_now();
	u->tv_drawn_done = topview_done(u->tv);
	t = topview_lock(u->tv, &seconds);
	eng_top_sort(t, u->tv_sort < 0 ? v->sort : (unsigned int)u->tv_sort, u->tv_asc);
	if (u->tv_tree)
		eng_top_tree(t, is_folded, u);
	rows = eng_top_nrows(t);
	u->tv_sel = find_key(u, t);
	if (u->tv_sel >= rows)
		u->tv_sel = rows ? rows - 1 : 0;
	if (body < 1)
		body = 1;
	if (u->tv_sel < u->tv_top)
		u->tv_top = u->tv_sel;
	if (u->tv_sel >= u->tv_top + (uint64_t)body)
		u->tv_top = u->tv_sel - (uint64_t)body + 1;
	/* the title: what is shown, for what, over what time */
	sbuf_printf(&line, " %s%s", l->title, u->tv_tree && v->parent ? ", as a tree" : "");
	if (u->src->live)
		sbuf_puts(&line, seconds > 0 ? "  (per second)" : "  (first interval coming)");
	else if (!u->windowed)
		sbuf_puts(&line, "  (totals over the capture)");
	else if (u->window.to)
		sbuf_printf(&line, "  (totals from %.3f s to %.3f s)", (double)u->window.from / 1e9,
			    (double)u->window.to / 1e9);
	else
		sbuf_printf(&line, "  (totals from %.3f s to the end)", (double)u->window.from / 1e9);
	ui_bar(0, line.s, true);
	/* widths from the titles and the rows in sight */
	for (k = 0; k < v->ncols; k++)
		width[k] = (int)strlen(v->cols[k].title) + 2;
	for (r = u->tv_top; r < rows && r < u->tv_top + (uint64_t)body; r++) {
		for (k = 0; k + 1 < v->ncols; k++) {
			sbuf_reset(&c);
			cell(t, r, k, seconds, &c);
			if (cells_of(c.s) > width[k])
				width[k] = cells_of(c.s) > CELL_MAX ? CELL_MAX : cells_of(c.s);
		}
	}
	/* the column titles, the sorted one marked, the selected one highlighted */
	for (k = 0; k <= ENG_TOP_COLS; k++)
		u->tv_colx[k] = -1;
	for (k = 0, x = 0; k < v->ncols && x < COLS; k++) {
		bool sorted = (u->tv_sort < 0 ? v->sort : (unsigned int)u->tv_sort) == k;

		u->tv_colx[k] = x;
		sbuf_reset(&line);
		sbuf_printf(&line, "%s%s", v->cols[k].title,
			    sorted ? (u->tv_asc ? " ^" : " v") : "");
		if (numeric(&v->cols[k]) && (int)line.len < width[k]) {
			sbuf_reset(&c);
			sbuf_printf(&c, "%*s", width[k], line.s); /* over the numbers */
			sbuf_reset(&line);
			sbuf_puts(&line, c.s);
		}
		attron(k == u->tv_col ? A_REVERSE | A_BOLD : A_BOLD | A_UNDERLINE);
		ui_put(1, x, line.s, k + 1 < v->ncols ? width[k] : COLS - x);
		attroff(A_REVERSE | A_BOLD | A_UNDERLINE);
		x += width[k] + 1;
		if (x < COLS && k + 1 < v->ncols)
			mvaddch(1, x - 1, ' ');
	}
	for (y = 2; y < 2 + body; y++) {
		r = u->tv_top + (uint64_t)(y - 2);
		sbuf_reset(&line);
		for (k = 0; r < rows && k < v->ncols; k++) {
			sbuf_reset(&c);
			cell(t, r, k, seconds, &c);
			if (k + 1 == v->ncols) {
				sbuf_puts(&line, c.s);
			} else {
				put_cell(&line, c.s, width[k], numeric(&v->cols[k]));
				sbuf_putc(&line, ' ');
			}
		}
		if (r < rows && r == u->tv_sel)
			attron(A_REVERSE);
		ui_put(y, 0, line.s, COLS);
		attroff(A_REVERSE);
	}
	if (rows) {
		sbuf_reset(&line);
		eng_top_row_filter(t, u->tv_sel, &line);
		free(u->tv_key);
		u->tv_key = xstrdup(line.s);
	}
	topview_unlock(u->tv);
	if (u->pk == PK_NONE) {
		ui_message_line(u, u->msg);
		draw_view_status(u, rows);
	}
	sbuf_fini(&c);
	sbuf_fini(&line);
}

/* The filter a level's filter and a row's filter make together. */
static void narrowed(struct sbuf *out, const char *filter, const char *row)
{
	if (filter[0])
		sbuf_printf(out, "(%s) and %s", filter, row);
	else
		sbuf_puts(out, row);
}

/* Enter on a row: the next view narrowed to it, or its events. */
static void drill(struct ui *u)
{
	const struct ui_level *l = &u->levels[u->nlevels - 1];
	struct sbuf row, f, title;
	struct diag d = { 0 };

	/* the row as last drawn: a live view's rows may have moved since */
	sbuf_init(&row);
	if (u->tv_key)
		sbuf_puts(&row, u->tv_key);
	if (!row.len) {
		ui_message(u, true, "no row to drill into");
		sbuf_fini(&row);
		return;
	}
	sbuf_init(&f);
	sbuf_init(&title);
	narrowed(&f, l->filter, row.s);
	if (l->view->next) {
		const struct eng_top_view *next = eng_top_view(l->view->next);

		sbuf_printf(&title, "%s for %s", next->title, row.s);
		push_level(u, next, f.s, title.s);
		if (!start_level(u))
			pop_level(u);
	} else {
		/* the events behind the row, in the event list */
		sbuf_reset(&title);
		windowed(u, f.s, &title);
		free(u->list_filter);
		u->list_filter = xstrdup(tview_filter(u->v));
		if (tview_set_filter(u->v, title.s, &d) < 0) {
			ui_message(u, true, "cannot show the events: %s", d.msg);
		} else {
			u->in_views = false;
			u->from_view = true;
			u->focus = TM_LIST;
			u->sel = u->top = 0;
			u->follow = false;
			ui_message(u, false, "the events of %s; Backspace goes back to %s", row.s,
				   l->title);
		}
	}
	sbuf_fini(&title);
	sbuf_fini(&f);
	sbuf_fini(&row);
}

static void back(struct ui *u)
{
	if (!u->in_views) {
		/* from the events of a row back to its view */
		if (!u->from_view || !u->nlevels) {
			ui_message(u, true, "nothing to go back to: v shows the views");
			return;
		}
		tview_set_filter(u->v, u->list_filter ? u->list_filter : "", NULL);
		u->from_view = false;
		u->in_views = true;
		return;
	}
	if (u->nlevels < 2) {
		u->in_views = false; /* from the top view to the events */
		return;
	}
	pop_level(u);
	start_level(u);
}

/* Finds the next row, after the selection, with text in one of its cells. */
static void find_row(struct ui *u, const char *text)
{
	double seconds;
	struct eng_top *t = topview_lock(u->tv, &seconds);
	size_t n = eng_top_nrows(t), i, r;
	unsigned int k;
	struct sbuf c;
	bool hit = false;

	sbuf_init(&c);
	for (i = 1; i <= n && !hit; i++) {
		r = (u->tv_sel + i) % n;
		for (k = 0; k < eng_top_of(t)->ncols && !hit; k++) {
			sbuf_reset(&c);
			eng_top_cell(t, r, k, &c);
			hit = strstr(c.s, text) != NULL;
		}
	}
	if (hit) {
		u->tv_sel = r;
		sbuf_reset(&c);
		eng_top_row_filter(t, r, &c);
		free(u->tv_key);
		u->tv_key = xstrdup(c.s);
	}
	topview_unlock(u->tv);
	sbuf_fini(&c);
	if (!hit)
		ui_message(u, true, "not found: %s", text);
}

/* Sums every level over the window text gives ("" for the whole capture). */
static void set_window(struct ui *u, const char *text)
{
	struct eng_top_window w = { 0 };
	struct diag d = { 0 };

	if (text[strspn(text, " ")] && eng_top_window_parse(text, &w, &d) < 0) {
		ui_message(u, true, "%s", d.msg);
		return;
	}
	u->windowed = text[strspn(text, " ")] != 0;
	u->window = w;
	start_level(u);
	ui_message(u, false, "%s", u->windowed ? "time window set" : "time window cleared");
}

/* Appends ns as seconds, as the prompt takes them: "2.5". */
static void put_seconds(struct sbuf *out, uint64_t ns)
{
	sbuf_printf(out, "%llu.%09llu", (unsigned long long)(ns / 1000000000u),
		    (unsigned long long)(ns % 1000000000u));
	while (out->s[out->len - 1] == '0')
		sbuf_truncate(out, out->len - 1);
	if (out->s[out->len - 1] == '.')
		sbuf_truncate(out, out->len - 1);
}

/* The time window's prompt, with the window there is. */
static void open_window_prompt(struct ui *u)
{
	struct sbuf w;

	if (u->src->live) {
		ui_message(u, true, "a time window is for the views over a file");
		return;
	}
	sbuf_init(&w);
	if (u->windowed && u->window.from)
		put_seconds(&w, u->window.from);
	if (u->windowed)
		sbuf_putc(&w, '-');
	if (u->windowed && u->window.to)
		put_seconds(&w, u->window.to);
	ui_open_prompt(u, PK_WINDOW,
		       "Time window (seconds from the first event, FROM-TO, empty for all): ", w.s);
	sbuf_fini(&w);
}

/* t: the rows as a tree, or flat again. */
static void toggle_tree(struct ui *u, const struct eng_top_view *v)
{
	if (!v->parent) {
		ui_message(u, true, "the %s have no parents to make a tree of", v->title);
		return;
	}
	u->tv_tree = !u->tv_tree;
	ui_message(u, false, "%s", u->tv_tree ? "as a tree: - and + fold and unfold a process" :
						"flat");
}

/* - and +: hides or shows again the rows under the selected one. */
static void fold(struct ui *u, const struct eng_top_view *v, bool hide)
{
	size_t i;

	if (!v->parent || !u->tv_tree) {
		ui_message(u, true, "- and + fold the rows of a tree: t shows the processes as one");
		return;
	}
	if (!u->tv_key)
		return;
	for (i = 0; i < u->tv_nfolded && strcmp(u->tv_folded[i], u->tv_key) != 0; i++)
		;
	if (hide && i == u->tv_nfolded) {
		u->tv_folded = xreallocarray(u->tv_folded, u->tv_nfolded + 1, sizeof(*u->tv_folded));
		u->tv_folded[u->tv_nfolded++] = xstrdup(u->tv_key);
	} else if (!hide && i < u->tv_nfolded) {
		free(u->tv_folded[i]);
		u->tv_folded[i] = u->tv_folded[--u->tv_nfolded];
	}
}

void ui_top_prompt_done(struct ui *u, enum prompt_kind pk, const char *text)
{
	struct ui_level *l = &u->levels[u->nlevels - 1];
	char *old;

	if (pk == PK_VFIND) {
		if (*text)
			find_row(u, text);
		return;
	}
	if (pk == PK_WINDOW) {
		set_window(u, text);
		return;
	}
	old = l->filter;
	l->filter = xstrdup(text);
	if (start_level(u)) {
		free(old);
		ui_message(u, false, "%s", *text ? "view filter applied" : "view filter cleared");
		return;
	}
	/* keep the text, say what is wrong with it */
	free(l->filter);
	l->filter = old;
	u->pk = PK_VFILTER;
	prompt_open("View filter: ", text);
}

/* The picker, on the view shown (or the first). */
static void open_picker(struct ui *u)
{
	size_t n;
	const struct eng_top_view *views = eng_top_views(&n);

	u->picking = true;
	u->pick_sel = u->nlevels ? (unsigned int)(u->levels[u->nlevels - 1].view - views) : 0;
}

static void move_sel(struct ui *u, int64_t delta)
{
	free(u->tv_key);
	u->tv_key = NULL; /* the row at the new position, whatever its key */
	if (delta < 0 && (uint64_t)-delta > u->tv_sel)
		u->tv_sel = 0;
	else
		u->tv_sel += (uint64_t)delta; /* ui_top_draw keeps it in range */
}

void ui_top_click(struct ui *u, const struct ui_click *c)
{
	size_t nviews;
	unsigned int k;

	eng_top_views(&nviews);
	if (u->picking) {
		/* a view; a double click opens it */
		if (c->y < 1 || (size_t)(c->y - 1) >= nviews)
			return;
		u->pick_sel = (unsigned int)(c->y - 1);
		if (c->twice)
			ui_top_act(u, TA_DRILL);
		return;
	}
	if (c->y == 1) {
		/* a column's title: sort by it, the other way if it is sorted by already */
		for (k = 0; k < ENG_TOP_COLS && u->tv_colx[k + 1] >= 0 && c->x >= u->tv_colx[k + 1]; k++)
			;
		if (u->tv_colx[k] < 0)
			return;
		u->tv_col = k;
		ui_top_act(u, TA_SORT);
	} else if (c->y >= 2 && c->y < LINES - 2) {
		/* a row; a double click drills down into it, as the first selected and drew it */
		uint64_t r = u->tv_top + (uint64_t)(c->y - 2);

		if (c->twice && r == u->tv_sel)
			drill(u);
		else
			move_sel(u, (int64_t)r - (int64_t)u->tv_sel);
	}
}

void ui_top_act(struct ui *u, enum tui_action a)
{
	const struct eng_top_view *v = u->nlevels ? u->levels[u->nlevels - 1].view : NULL;
	size_t nviews;
	int page = LINES - 5 > 1 ? LINES - 5 : 1;

	eng_top_views(&nviews);
	if (!u->in_views && !u->picking) {
		/* from the event list */
		if (a == TA_BACK)
			back(u);
		else if (a == TA_VIEWS)
			open_picker(u);
		return;
	}
	if (u->picking) {
		if (a == TA_DOWN && u->pick_sel + 1 < nviews)
			u->pick_sel++;
		else if (a == TA_UP && u->pick_sel > 0)
			u->pick_sel--;
		else if (a == TA_TOP)
			u->pick_sel = 0;
		else if (a == TA_BOTTOM)
			u->pick_sel = (unsigned int)nviews - 1;
		else if (a == TA_DRILL)
			ui_top_open(u, eng_top_views(&nviews)[u->pick_sel].name,
				    u->nlevels ? u->levels[0].filter : tview_filter(u->v));
		else if (a == TA_VIEWS || a == TA_BACK)
			u->picking = false; /* back to the view or the list it came from */
		return;
	}
	switch (a) {
	case TA_DOWN:
		move_sel(u, 1);
		break;
	case TA_UP:
		move_sel(u, -1);
		break;
	case TA_PAGE_DOWN:
		move_sel(u, page);
		break;
	case TA_PAGE_UP:
		move_sel(u, -page);
		break;
	case TA_TOP:
		move_sel(u, -(int64_t)UINT32_MAX * 4);
		break;
	case TA_BOTTOM:
		move_sel(u, (int64_t)UINT32_MAX * 4);
		break;
	case TA_DRILL:
		drill(u);
		break;
	case TA_BACK:
		back(u);
		break;
	case TA_VIEWS:
		open_picker(u);
		break;
	case TA_COL_NEXT:
		if (u->tv_col + 1 < v->ncols)
			u->tv_col++;
		break;
	case TA_COL_PREV:
		if (u->tv_col > 0)
			u->tv_col--;
		break;
	case TA_SORT:
		u->tv_asc = u->tv_sort == (int)u->tv_col && !u->tv_asc;
		u->tv_sort = (int)u->tv_col;
		break;
	case TA_UNSORT:
		u->tv_sort = -1;
		u->tv_asc = false;
		break;
	case TA_FILTER:
		ui_open_prompt(u, PK_VFILTER, "View filter: ", u->levels[u->nlevels - 1].filter);
		break;
	case TA_CLEAR_FILTER:
		ui_top_prompt_done(u, PK_VFILTER, "");
		break;
	case TA_FIND:
		ui_open_prompt(u, PK_VFIND, "Find in the view: ", NULL);
		break;
	case TA_TREE:
		toggle_tree(u, v);
		break;
	case TA_COLLAPSE:
	case TA_EXPAND:
		fold(u, v, a == TA_COLLAPSE);
		break;
	case TA_WINDOW:
		open_window_prompt(u);
		break;
	case TA_HELP:
	case TA_REDRAW:
		break; /* the loop handles them */
	default:
		if (a >= TA_SORT_1 && a <= TA_SORT_9 && (unsigned int)(a - TA_SORT_1) < v->ncols) {
			u->tv_col = (unsigned int)(a - TA_SORT_1);
			u->tv_asc = u->tv_sort == (int)u->tv_col && !u->tv_asc;
			u->tv_sort = (int)u->tv_col;
		}
		break;
	}
}

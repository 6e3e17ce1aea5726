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
#include "eng_filter.h"
#include "monotime.h"
#include "prompt.h"
#include "ui.h"
#include "xalloc.h"

#define CELL_MAX 40  /* a column wider than this is cut, but for the last */
#define LAST_MIN 24  /* cells the last column keeps, narrowing the text columns before it */
#define TEXT_MIN 8   /* cells a text column keeps, narrowed for the last one */
#define VIEW_TITLES 2 /* the line of a view's column titles, under its title and header */

/* A level of the views: what Backspace goes back to. */
struct level {
	const struct eng_top_view *view;
	char *filter; /* the events the view sums, "" for all */
	char *title;  /* "Files for proc.pid = 1234" */
};

/* The views' screen. */
struct views {
	struct panel p;
	bool picking;		/* the view picker is open */
	unsigned int pick_sel;
	struct topview *tv;	/* the view of the last level, or NULL */
	struct level *levels;	/* the drill-down path */
	size_t nlevels;
	uint64_t sel, top;	/* rows */
	unsigned int col;	/* the selected column, as shown (display_order()) */
	int colx[ENG_TOP_COLS + 1]; /* where each shown column starts on the screen, as drawn */
	int sort;		/* the column sorted by; -1: the view's own */
	bool asc;
	char *key;		/* the selected row's key, kept as rows move */
	bool chosen;		/* the user chose the row: it is followed while rows are summed */
	bool tree;		/* rows with parents show as a tree */
	char **folded;		/* the keys of the tree's rows whose children are hidden */
	size_t nfolded;
	bool windowed;		/* over a file: the views sum only a time window's events */
	struct eng_top_window window;
	bool rates;		/* rates per second, not totals */
	bool ended;		/* live: the capture's end was seen (and rates turned off) */
	uint64_t intervals;	/* live: the intervals summed when last drawn */
	double drawn;		/* and when (monotonic seconds) */
	bool drawn_done;	/* and whether the view had summed all of a file */
};

/* The event list drilled into from a view's row: Backspace goes back to the view. */
struct drilled {
	struct panel p;
	char *list_filter; /* the list's filter before */
};

/* Appends filter ("" for all events) narrowed to the time window, if any. */
static void windowed(struct views *w, struct ui *u, const char *filter, struct sbuf *out)
{
	if (!w->windowed) {
		sbuf_puts(out, filter);
		return;
	}
	eng_top_window_clause(&w->window, tview_first_ts(u->v), filter, out);
}

/* Whether a live capture is still followed: its rates are an interval's. */
static bool following(const struct ui *u)
{
	return u->src->live && !u->ended;
}

/* The rows to show, totals or rates, held until topview_unlock() (topview_lock). */
static struct eng_top *lock_rows(struct views *w, const struct ui *u, double *seconds)
{
	enum topview_sums sums = !w->rates ? TV_TOTALS : following(u) ? TV_INTERVAL : TV_AVERAGE;

	return topview_lock(w->tv, sums, seconds);
}

/* Starts summing the last level's view; false (and a message) if its filter is bad. */
static bool start_level(struct views *w, struct ui *u)
{
	const struct level *l = &w->levels[w->nlevels - 1];
	struct diag d = { 0 };
	struct topview *tv;
	struct sbuf f;

	sbuf_init(&f);
	windowed(w, u, l->filter, &f);
	tv = topview_open(u->v, l->view, f.s, u->src->live ? u->interval : 0, &d);
	sbuf_fini(&f);
	if (!tv) {
		ui_message(u, true, "cannot show %s: %s", l->view->title, d.msg);
		return false;
	}
	topview_free(w->tv);
	w->tv = tv;
	w->sel = w->top = 0;
	w->chosen = w->drawn_done = false;
	w->col = 0;
	w->sort = -1;
	w->asc = false;
	free(w->key);
	w->key = NULL;
	return true;
}

static void push_level(struct views *w, const struct eng_top_view *view, const char *filter,
		       const char *title)
{
	struct level *l;

	w->levels = xreallocarray(w->levels, w->nlevels + 1, sizeof(*w->levels));
	l = &w->levels[w->nlevels++];
	l->view = view;
	l->filter = xstrdup(filter);
	l->title = xstrdup(title);
}

static void pop_level(struct views *w)
{
	struct level *l = &w->levels[--w->nlevels];

	free(l->filter);
	free(l->title);
}

static void unfold_all(struct views *w)
{
	while (w->nfolded)
		free(w->folded[--w->nfolded]);
}

/* Opens view name over the events filter keeps, from its top level; false (and a message) if it cannot. */
static bool open_view(struct views *w, struct ui *u, const char *name, const char *filter)
{
	const struct eng_top_view *view = eng_top_view(name);
	char *f;

	if (!view) {
		ui_message(u, true, "no view named %s", name);
		return false;
	}
	f = xstrdup(filter ? filter : ""); /* it may be a level's, about to go */
	while (w->nlevels)
		pop_level(w);
	unfold_all(w);
	push_level(w, view, f, view->title);
	free(f);
	w->picking = false;
	return start_level(w, u);
}

static void views_close(struct panel *p, struct ui *u)
{
	struct views *w = (struct views *)p;

	(void)u;
	topview_free(w->tv);
	while (w->nlevels)
		pop_level(w);
	free(w->levels);
	unfold_all(w);
	free(w->folded);
	free(w->key);
	free(w);
}

/*
 * A number as the column shows it: bytes and times in units (bytes from
 * 1024 on in K, M, G or T with one decimal, so a column never mixes
 * "8284.8K" with "10.9M"), rates per second.
 */
static void put_number(struct sbuf *o, const struct eng_top_col *c, int64_t v, double seconds)
{
	static const char *const bytes[] = { "B", "K", "M", "G", "T" };
	double x = (double)v;
	int i = 0;

	if (c->rate && seconds > 0)
		x /= seconds;
	if (c->unit == ENG_TU_BYTES) {
		for (; x >= 1024 && i < 4; i++)
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

/*
 * The view's columns in the order they are shown: as csysdig does, the
 * name or command goes last and takes the rest of the width. That is the
 * last column if it is text (a process's command), else the first (a
 * file's name, a system call's).
 */
static void display_order(const struct eng_top_view *v, unsigned int *ord)
{
	unsigned int k, d = 0;
	bool first_last = numeric(&v->cols[v->ncols - 1]) && !numeric(&v->cols[0]);

	for (k = first_last ? 1 : 0; k < v->ncols; k++)
		ord[d++] = k;
	if (first_last)
		ord[d] = 0;
}

/* The column shown at position d. */
static unsigned int shown_col(const struct eng_top_view *v, unsigned int d)
{
	unsigned int ord[ENG_TOP_COLS];

	display_order(v, ord);
	return ord[d];
}

/*
 * Narrows the widest text columns before the last (of n shown, widths as
 * shown) until the last has LAST_MIN cells of the screen, or none can give;
 * none narrower than TEXT_MIN or than its title (least[d], with its sort mark).
 */
static void give_last(const struct eng_top_view *v, const unsigned int *ord, int *width,
		      const int *least, unsigned int n)
{
	unsigned int d, widest;
	int used = 0;

	for (d = 0; d + 1 < n; d++)
		used += width[d] + 1;
	while (COLS - used < LAST_MIN) {
		for (d = 0, widest = n; d + 1 < n; d++)
			if (!numeric(&v->cols[ord[d]]) && width[d] > TEXT_MIN && width[d] > least[d] &&
			    (widest == n || width[d] > width[widest]))
				widest = d;
		if (widest == n)
			return;
		width[widest]--;
		used--;
	}
}

static void cell(struct eng_top *t, size_t row, unsigned int col, double seconds, struct sbuf *o)
{
	const struct eng_top_col *c = &eng_top_of(t)->cols[col];

	if (col == eng_top_of(t)->tree_col) {
		struct sbuf lines;

		sbuf_init(&lines);
		eng_top_tree_prefix(t, row, &lines);
		cell_lines(o, lines.s);
		sbuf_fini(&lines);
	}
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

/* The column the rows are sorted by. */
static unsigned int sorted_col(const struct views *w, const struct eng_top_view *v)
{
	return w->sort < 0 ? v->sort : (unsigned int)w->sort;
}

/* Whether row's key is one of the folded ones (eng_top_folded_fn). */
static bool is_folded(void *arg, const struct eng_top *t, size_t row)
{
	const struct views *w = arg;
	bool hit = false;
	struct sbuf k;
	size_t i;

	if (!w->nfolded)
		return false;
	sbuf_init(&k);
	eng_top_row_filter(t, row, &k);
	for (i = 0; i < w->nfolded && !hit; i++)
		hit = strcmp(w->folded[i], k.s) == 0;
	sbuf_fini(&k);
	return hit;
}

/* The row whose key is w->key, or w->sel if it is gone. */
static uint64_t find_key(struct views *w, struct eng_top *t)
{
	size_t i, n = eng_top_nrows(t);
	struct sbuf k;

	if (!w->key)
		return w->sel;
	sbuf_init(&k);
	/* most often the row has not moved */
	if (w->sel < n)
		eng_top_row_filter(t, w->sel, &k);
	if (w->sel < n && strcmp(k.s, w->key) == 0) {
		sbuf_fini(&k);
		return w->sel;
	}
	for (i = 0; i < n; i++) {
		sbuf_reset(&k);
		eng_top_row_filter(t, i, &k);
		if (strcmp(k.s, w->key) == 0)
			break;
	}
	sbuf_fini(&k);
	return i < n ? i : w->sel;
}

/* Appends text wrapped at spaces into lines of width cells, each after indent. */
static void wrap(struct sbuf *out, const char *text, int width, const char *indent)
{
	width -= (int)strlen(indent);
	if (width < 8)
		width = 8;
	while (*text) {
		int n = (int)strlen(text), cut = n;

		if (n > width) {
			for (cut = width; cut > 0 && text[cut] != ' '; cut--)
				;
			if (!cut)
				cut = width;
		}
		sbuf_printf(out, "%s%.*s\n", indent, cut, text);
		text += cut;
		text += strspn(text, " ");
	}
}

/* The views, one a line, and under them what the selected one shows. */
static void draw_picker(struct views *w, struct ui *u)
{
	size_t n, i;
	const struct eng_top_view *v = eng_top_views(&n);
	char line[256], *s, *nl;
	struct sbuf desc;
	int y, bottom = ui_lines(u) - 2;

	ui_bar(0, " Views: Enter opens one, Backspace goes back", false);
	for (y = 1; y < bottom; y++)
		ui_put(y, 0, "", COLS);
	/* the description keeps up to three lines under the list, or what is left */
	for (i = 0, y = 1; i < n && y < bottom - 2; i++, y++) {
		snprintf(line, sizeof(line), "  %-12s %s", v[i].name, v[i].title);
		if (i == w->pick_sel)
			attron(A_REVERSE);
		ui_put(y, 0, line, COLS);
		attroff(A_REVERSE);
	}
	sbuf_init(&desc);
	wrap(&desc, v[w->pick_sel].desc, COLS, "  ");
	attron(A_BOLD);
	for (s = desc.s, y++; s && *s && y < bottom && y < (int)n + 5; s = nl + 1, y++) {
		nl = strchr(s, '\n');
		*nl = 0;
		ui_put(y, 0, s, COLS);
	}
	attroff(A_BOLD);
	sbuf_fini(&desc);
	if (u->pk == PK_NONE)
		ui_message_line(u, u->msg);
}

/* The line under a view's title: its filter, and where the selected row is. */
static void draw_header(const struct level *l, uint64_t sel, size_t rows)
{
	struct sbuf pos, f;
	int w;

	sbuf_init(&pos);
	sbuf_init(&f);
	ui_position(&pos, rows ? sel + 1 : 0, rows);
	sbuf_putc(&pos, ' ');
	sbuf_printf(&f, " Filter: %s", l->filter[0] ? l->filter : "no filter");
	w = COLS - (int)pos.len;
	attron(A_BOLD);
	if (w > 1) {
		ui_put(1, 0, f.s, w);
		ui_put(1, w, pos.s, (int)pos.len);
	} else {
		ui_put(1, 0, pos.s, COLS);
	}
	attroff(A_BOLD);
	sbuf_fini(&f);
	sbuf_fini(&pos);
}

/* The status line of a view: source, view, rows, events summed, progress. */
static void draw_view_status(struct views *w, struct ui *u, size_t rows)
{
	uint64_t intervals, scanned = topview_scanned(w->tv, &intervals);
	struct tview_status st;
	struct sbar b = { 0 };

	tview_status(u->v, &st);
	ui_status_source(u, &b, 3);
	sbar_add(&b, 6, NULL, "view %s", topview_view(w->tv)->name);
	sbar_add(&b, 5, NULL, "rows %zu", rows);
	sbar_add(&b, 4, NULL, "events %llu", (unsigned long long)scanned);
	if (w->rates && following(u))
		sbar_add(&b, 2, NULL, "per second, every %.1f s%s", u->interval,
			 intervals ? "" : ", first interval still coming");
	else
		sbar_add(&b, 2, NULL, "%s", w->rates ? "per second, averaged" : "totals");
	if (u->src->health)
		ui_health(u, &b);
	else if (!topview_done(w->tv) && st.events)
		sbar_add(&b, 7, NULL, "summing %d%%", (int)(scanned * 100 / st.events));
	if (topview_filter(w->tv)[0])
		sbar_add(&b, 5, "filtered", "filter: %s", topview_filter(w->tv));
	ui_status_draw(u, &b);
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

/* What the numbers are, for the title: "per second", "totals over the capture", ... */
static void put_span(const struct views *w, const struct ui *u, double seconds, struct sbuf *o)
{
	if (w->rates && following(u)) {
		sbuf_puts(o, seconds > 0 ? "per second" : "first interval coming");
		return;
	}
	if (seconds > 0)
		sbuf_printf(o, "per second, averaged over %.3f s ", seconds);
	else
		sbuf_puts(o, "totals ");
	if (following(u))
		sbuf_puts(o, "so far");
	else if (!w->windowed)
		sbuf_puts(o, "over the capture");
	else {
		/* every digit the window has, as the prompt took it */
		sbuf_puts(o, "from ");
		put_seconds(o, w->window.from);
		sbuf_puts(o, " s to ");
		if (w->window.to)
			put_seconds(o, w->window.to);
		sbuf_puts(o, w->window.to ? " s" : "the end");
	}
}

static bool views_tick(struct panel *p, struct ui *u)
{
	struct views *w = (struct views *)p;
	uint64_t intervals;

	if (w->picking || !w->tv)
		return true;
	if (!u->src->live)
		return !w->drawn_done;
	topview_scanned(w->tv, &intervals);
	return intervals != w->intervals || mono_now() - w->drawn >= 0.1;
}

static void views_draw(struct panel *p, struct ui *u)
{
	struct views *w = (struct views *)p;
	const struct level *l;
	const struct eng_top_view *v;
	int width[ENG_TOP_COLS], least[ENG_TOP_COLS], y, x, body = ui_lines(u) - 5;
	unsigned int ord[ENG_TOP_COLS];
	double seconds;
	struct eng_top *t;
	struct sbuf line, c;
	size_t rows, r;
	unsigned int k;
	bool was_done;

	if (w->picking) {
		draw_picker(w, u);
		return;
	}
	l = &w->levels[w->nlevels - 1];
	v = l->view;
	sbuf_init(&line);
	sbuf_init(&c);
	if (u->ended && !w->ended) {
		/* the last interval alone would hide all that came before it */
		w->ended = true;
		w->rates = false;
	}
	topview_scanned(w->tv, &w->intervals);
	w->drawn = mono_now();
	was_done = w->drawn_done;
	w->drawn_done = topview_done(w->tv);
	t = lock_rows(w, u, &seconds);
	eng_top_sort(t, sorted_col(w, v), w->asc);
	if (w->tree)
		eng_top_tree(t, is_folded, w);
	rows = eng_top_nrows(t);
	/*
	 * the row is followed as rows move once the user chose it, or once a
	 * file was summed whole; till then the cursor keeps its place (the top
	 * row), as the first rows summed give way to others
	 */
	if (w->chosen || was_done)
		w->sel = find_key(w, t);
	if (w->sel >= rows)
		w->sel = rows ? rows - 1 : 0;
	if (body < 1)
		body = 1;
	if (w->sel < w->top)
		w->top = w->sel;
	if (w->sel >= w->top + (uint64_t)body)
		w->top = w->sel - (uint64_t)body + 1;
	/* the title: what is shown, for what, over what time */
	sbuf_printf(&line, " %s%s  (", l->title, w->tree && v->parent ? ", as a tree" : "");
	put_span(w, u, seconds, &line);
	sbuf_putc(&line, ')');
	ui_bar(0, line.s, true);
	draw_header(l, w->sel, rows);
	/* widths (of the columns as shown) from the titles and the rows in sight */
	display_order(v, ord);
	for (k = 0; k < v->ncols; k++) /* room for the sorted one's mark */
		width[k] = least[k] =
			(int)strlen(v->cols[ord[k]].title) + (ord[k] == sorted_col(w, v) ? 2 : 0);
	for (r = w->top; r < rows && r < w->top + (uint64_t)body; r++) {
		for (k = 0; k + 1 < v->ncols; k++) {
			sbuf_reset(&c);
			cell(t, r, ord[k], seconds, &c);
			if (cells_of(c.s) > width[k])
				width[k] = cells_of(c.s) > CELL_MAX ? CELL_MAX : cells_of(c.s);
		}
	}
	give_last(v, ord, width, least, v->ncols);
	/* the column titles, the sorted one marked, the selected one highlighted */
	for (k = 0; k <= ENG_TOP_COLS; k++)
		w->colx[k] = -1;
	for (k = 0, x = 0; k < v->ncols && x < COLS; k++) {
		bool sorted = sorted_col(w, v) == ord[k];

		w->colx[k] = x;
		sbuf_reset(&line);
		sbuf_printf(&line, "%s%s", v->cols[ord[k]].title,
			    sorted ? (w->asc ? " ^" : " v") : "");
		if (numeric(&v->cols[ord[k]]) && (int)line.len < width[k]) {
			sbuf_reset(&c);
			sbuf_printf(&c, "%*s", width[k], line.s); /* over the numbers */
			sbuf_reset(&line);
			sbuf_puts(&line, c.s);
		}
		attron(k == w->col ? A_REVERSE | A_BOLD : A_BOLD | A_UNDERLINE);
		ui_put(VIEW_TITLES, x, line.s, k + 1 < v->ncols ? width[k] : COLS - x);
		attroff(A_REVERSE | A_BOLD | A_UNDERLINE);
		x += width[k] + 1;
		if (x < COLS && k + 1 < v->ncols)
			mvaddch(VIEW_TITLES, x - 1, ' ');
	}
	for (y = VIEW_TITLES + 1; y <= VIEW_TITLES + body; y++) {
		r = w->top + (uint64_t)(y - VIEW_TITLES - 1);
		sbuf_reset(&line);
		for (k = 0; r < rows && k < v->ncols; k++) {
			sbuf_reset(&c);
			cell(t, r, ord[k], seconds, &c);
			if (k + 1 == v->ncols) {
				sbuf_puts(&line, c.s);
			} else {
				put_cell(&line, c.s, width[k], numeric(&v->cols[ord[k]]));
				sbuf_putc(&line, ' ');
			}
		}
		if (r < rows && r == w->sel)
			attron(A_REVERSE);
		ui_put(y, 0, line.s, COLS);
		attroff(A_REVERSE);
	}
	if (rows) {
		sbuf_reset(&line);
		eng_top_row_filter(t, w->sel, &line);
		free(w->key);
		w->key = xstrdup(line.s);
	}
	topview_unlock(w->tv);
	if (u->pk == PK_NONE) {
		ui_message_line(u, u->msg);
		draw_view_status(w, u, rows);
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

static enum tui_mode drilled_mode(struct panel *p, const struct ui *u)
{
	(void)p;
	return u->events->ops->mode(u->events, u);
}

static bool drilled_tick(struct panel *p, struct ui *u)
{
	bool moved = u->events->ops->tick(u->events, u);

	p->tick_ms = u->events->tick_ms;
	return moved;
}

static void drilled_draw(struct panel *p, struct ui *u)
{
	(void)p;
	u->events->ops->draw(u->events, u);
}

static enum panel_next drilled_key(struct panel *p, struct ui *u, int key, enum tui_action a)
{
	struct drilled *dr = (struct drilled *)p;

	if (a != TA_BACK)
		return u->events->ops->key(u->events, u, key, a);
	tview_set_filter(u->v, dr->list_filter, NULL);
	return PN_POP;
}

static void drilled_mouse(struct panel *p, struct ui *u, const struct ui_click *c)
{
	(void)p;
	u->events->ops->mouse(u->events, u, c);
}

static void drilled_prompt_done(struct panel *p, struct ui *u, enum prompt_kind pk,
				const char *text)
{
	(void)p;
	u->events->ops->prompt_done(u->events, u, pk, text);
}

static void drilled_close(struct panel *p, struct ui *u)
{
	struct drilled *dr = (struct drilled *)p;

	(void)u;
	free(dr->list_filter);
	free(dr);
}

static const struct panel_ops drilled_ops = {
	.mode = drilled_mode,
	.tick = drilled_tick,
	.draw = drilled_draw,
	.key = drilled_key,
	.mouse = drilled_mouse,
	.prompt_done = drilled_prompt_done,
	.close = drilled_close,
};

struct panel *ui_drilled_new(char *list_filter)
{
	struct drilled *dr = xcalloc(1, sizeof(*dr));

	dr->p.ops = &drilled_ops;
	dr->p.tick_ms = 100;
	dr->list_filter = list_filter;
	return &dr->p;
}

/* Enter on a row: the next view narrowed to it, or its events. */
static void drill(struct views *w, struct ui *u)
{
	const struct level *l = &w->levels[w->nlevels - 1];
	struct sbuf row, f, title;
	struct diag d = { 0 };

	/* the row as last drawn: a live view's rows may have moved since */
	sbuf_init(&row);
	if (w->key)
		sbuf_puts(&row, w->key);
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
		push_level(w, next, f.s, title.s);
		if (!start_level(w, u))
			pop_level(w);
	} else {
		/* the events behind the row, in the event list */
		char *before = xstrdup(tview_filter(u->v));

		sbuf_reset(&title);
		windowed(w, u, f.s, &title);
		if (tview_set_filter(u->v, title.s, &d) < 0) {
			ui_message(u, true, "cannot show the events: %s", d.msg);
			free(before);
		} else {
			ui_push(u, ui_drilled_new(before));
			ui_list_from_top(u);
			ui_message(u, false, "the events of %s; Backspace goes back to %s", row.s,
				   l->title);
		}
	}
	sbuf_fini(&title);
	sbuf_fini(&f);
	sbuf_fini(&row);
}

/* Backspace: the level before, or from the top one back to the screen below. */
static enum panel_next back(struct views *w, struct ui *u)
{
	if (w->nlevels < 2)
		return PN_POP;
	pop_level(w);
	start_level(w, u);
	return PN_STAY;
}

/* Finds the next row, after the selection, with text in one of its cells. */
static void find_row(struct views *w, struct ui *u, const char *text)
{
	double seconds;
	struct eng_top *t = lock_rows(w, u, &seconds);
	size_t n = eng_top_nrows(t), i, r;
	unsigned int k;
	struct sbuf c;
	bool hit = false;

	sbuf_init(&c);
	for (i = 1; i <= n && !hit; i++) {
		r = (w->sel + i) % n;
		for (k = 0; k < eng_top_of(t)->ncols && !hit; k++) {
			sbuf_reset(&c);
			eng_top_cell(t, r, k, &c);
			hit = strstr(c.s, text) != NULL;
		}
	}
	if (hit) {
		w->sel = r;
		w->chosen = true;
		sbuf_reset(&c);
		eng_top_row_filter(t, r, &c);
		free(w->key);
		w->key = xstrdup(c.s);
	}
	topview_unlock(w->tv);
	sbuf_fini(&c);
	if (!hit)
		ui_message(u, true, "not found: %s", text);
}

/* Sums every level over the window text gives ("" for the whole capture). */
static void set_window(struct views *w, struct ui *u, const char *text)
{
	struct eng_top_window win = { 0 };
	struct diag d = { 0 };

	if (text[strspn(text, " ")] && eng_top_window_parse(text, &win, &d) < 0) {
		ui_message(u, true, "%s", d.msg);
		return;
	}
	w->windowed = text[strspn(text, " ")] != 0;
	w->window = win;
	start_level(w, u);
	ui_message(u, false, "%s", w->windowed ? "time window set" : "time window cleared");
}

/* The time window's prompt, with the window there is. */
static void open_window_prompt(struct views *w, struct ui *u)
{
	struct sbuf t;

	if (u->src->live) {
		ui_message(u, true, "a time window is for the views over a file");
		return;
	}
	sbuf_init(&t);
	if (w->windowed && w->window.from)
		put_seconds(&t, w->window.from);
	if (w->windowed)
		sbuf_putc(&t, '-');
	if (w->windowed && w->window.to)
		put_seconds(&t, w->window.to);
	ui_open_prompt(u, PK_WINDOW,
		       "Time window (seconds from the first event, FROM-TO, empty for all): ", t.s);
	sbuf_fini(&t);
}

/* t: the rows as a tree, or flat again. */
static void toggle_tree(struct views *w, struct ui *u, const struct eng_top_view *v)
{
	if (!v->parent) {
		ui_message(u, true, "the %s have no parents to make a tree of", v->title);
		return;
	}
	w->tree = !w->tree;
	ui_message(u, false, "%s", w->tree ? "as a tree: - and + fold and unfold a process" :
						"flat");
}

/* - and +: hides or shows again the rows under the selected one. */
static void fold(struct views *w, struct ui *u, const struct eng_top_view *v, bool hide)
{
	size_t i;

	if (!v->parent || !w->tree) {
		ui_message(u, true, "- and + fold the rows of a tree: t shows the processes as one");
		return;
	}
	if (!w->key)
		return;
	for (i = 0; i < w->nfolded && strcmp(w->folded[i], w->key) != 0; i++)
		;
	if (hide && i == w->nfolded) {
		w->folded = xreallocarray(w->folded, w->nfolded + 1, sizeof(*w->folded));
		w->folded[w->nfolded++] = xstrdup(w->key);
	} else if (!hide && i < w->nfolded) {
		free(w->folded[i]);
		w->folded[i] = w->folded[--w->nfolded];
	}
}

static void views_prompt_done(struct panel *p, struct ui *u, enum prompt_kind pk,
			      const char *text)
{
	struct views *w = (struct views *)p;
	struct level *l = &w->levels[w->nlevels - 1];
	struct eng_filter *f = NULL;
	struct diag d = { 0 };
	char *old;

	if (pk == PK_VFIND) {
		if (*text)
			find_row(w, u, text);
		return;
	}
	if (pk == PK_WINDOW) {
		set_window(w, u, text);
		return;
	}
	if (*text && !(f = eng_filter_compile(text, &d))) {
		ui_prompt_error(u, PK_VFILTER, "View filter: ", text, &d);
		return;
	}
	eng_filter_free(f);
	old = l->filter;
	l->filter = xstrdup(text);
	if (start_level(w, u)) {
		free(old);
		ui_message(u, false, "%s", *text ? "view filter applied" : "view filter cleared");
		return;
	}
	/* keep the text, say what is wrong with it */
	free(l->filter);
	l->filter = old;
	u->pk = PK_VFILTER;
	prompt_open("View filter: ", text, PC_FILTER);
}

/* The picker, on the view shown (or the first). */
static void open_picker(struct views *w)
{
	size_t n;
	const struct eng_top_view *views = eng_top_views(&n);

	w->picking = true;
	w->pick_sel = w->nlevels ? (unsigned int)(w->levels[w->nlevels - 1].view - views) : 0;
}

static void move_sel(struct views *w, int64_t delta)
{
	free(w->key);
	w->key = NULL; /* the row at the new position, whatever its key */
	w->chosen = true;
	if (delta < 0 && (uint64_t)-delta > w->sel)
		w->sel = 0;
	else
		w->sel += (uint64_t)delta; /* views_draw keeps it in range */
}

/* Sorts by the column shown at position d; again: the other way. */
static void sort_by(struct views *w, const struct eng_top_view *v, unsigned int d)
{
	int col = (int)shown_col(v, d);

	w->asc = w->sort == col && !w->asc;
	w->sort = col;
}

/* F7: what the view shows, and each of its columns, as shown. */
static struct panel *legend_new(const struct eng_top_view *v)
{
	unsigned int ord[ENG_TOP_COLS], k;
	struct panel *p;
	struct sbuf text;
	int wide = 0;

	sbuf_init(&text);
	sbuf_printf(&text, " %s: the columns (arrows and PgUp/PgDn scroll, Esc closes)\n\n",
		    v->title);
	wrap(&text, v->desc, COLS, "");
	sbuf_putc(&text, '\n');
	display_order(v, ord);
	for (k = 0; k < v->ncols; k++)
		if (cells_of(v->cols[k].title) > wide)
			wide = cells_of(v->cols[k].title);
	for (k = 0; k < v->ncols; k++)
		sbuf_printf(&text, "  %-*s  %s\n", wide, v->cols[ord[k]].title, v->cols[ord[k]].desc);
	p = ui_text_new(text.s);
	sbuf_fini(&text);
	return p;
}

/* The text of the column of the selected row whose field is field, or NULL; caller frees. */
static char *row_field(struct views *w, struct ui *u, const char *field)
{
	const struct eng_top_view *v = topview_view(w->tv);
	struct eng_top *t;
	double seconds;
	char *text = NULL;
	unsigned int k;

	for (k = 0; k < v->ncols && strcmp(v->cols[k].field ? v->cols[k].field : "", field); k++)
		;
	if (k == v->ncols)
		return NULL;
	t = lock_rows(w, u, &seconds);
	if (w->key && find_key(w, t) < eng_top_nrows(t)) {
		struct sbuf c;

		sbuf_init(&c);
		eng_top_cell(t, find_key(w, t), k, &c);
		text = xstrdup(c.s);
		sbuf_fini(&c);
	}
	topview_unlock(w->tv);
	return text;
}

/* F8: asks which signal to send to the process of the selected row. */
static void signal_row(struct views *w, struct ui *u)
{
	char *pid = row_field(w, u, "proc.pid"), *name = row_field(w, u, "proc.name");

	ui_signal_ask(u, ui_signal_pid(pid), name ? name : "", "no process in this row");
	free(pid);
	free(name);
}

static enum panel_next views_key(struct panel *p, struct ui *u, int key, enum tui_action a);

static void views_mouse(struct panel *p, struct ui *u, const struct ui_click *c)
{
	struct views *w = (struct views *)p;
	size_t nviews;
	unsigned int k;

	if (c->what != UC_PRESS) {
		ui_wheel(p, u, c);
		return;
	}
	eng_top_views(&nviews);
	if (w->picking) {
		/* a view; a double click opens it */
		if (c->y < 1 || (size_t)(c->y - 1) >= nviews)
			return;
		w->pick_sel = (unsigned int)(c->y - 1);
		if (c->twice)
			views_key(p, u, 0, TA_DRILL);
		return;
	}
	if (c->y == VIEW_TITLES) {
		/* a column's title: sort by it, the other way if it is sorted by already */
		for (k = 0; k < ENG_TOP_COLS && w->colx[k + 1] >= 0 && c->x >= w->colx[k + 1]; k++)
			;
		if (w->colx[k] < 0)
			return;
		w->col = k;
		views_key(p, u, 0, TA_SORT);
	} else if (c->y > VIEW_TITLES && c->y < ui_lines(u) - 2) {
		/* a row; a double click drills down into it, as the first selected and drew it */
		uint64_t r = w->top + (uint64_t)(c->y - VIEW_TITLES - 1);

		if (c->twice && r == w->sel)
			drill(w, u);
		else
			move_sel(w, (int64_t)r - (int64_t)w->sel);
	}
}

static enum panel_next views_key(struct panel *p, struct ui *u, int key, enum tui_action a)
{
	struct views *w = (struct views *)p;
	const struct eng_top_view *v = w->nlevels ? w->levels[w->nlevels - 1].view : NULL;
	size_t nviews;
	int page = ui_lines(u) - 6 > 1 ? ui_lines(u) - 6 : 1;

	(void)key;
	eng_top_views(&nviews);
	if (w->picking) {
		if (a == TA_DOWN && w->pick_sel + 1 < nviews)
			w->pick_sel++;
		else if (a == TA_UP && w->pick_sel > 0)
			w->pick_sel--;
		else if (a == TA_TOP)
			w->pick_sel = 0;
		else if (a == TA_BOTTOM)
			w->pick_sel = (unsigned int)nviews - 1;
		else if (a == TA_DRILL)
			open_view(w, u, eng_top_views(&nviews)[w->pick_sel].name,
				  w->nlevels ? w->levels[0].filter : tview_filter(u->v));
		else if ((a == TA_VIEWS || a == TA_BACK) && !w->nlevels)
			return PN_POP; /* back to the list it came from */
		else if (a == TA_VIEWS || a == TA_BACK)
			w->picking = false; /* back to the view */
		return PN_STAY;
	}
	switch (a) {
	case TA_DOWN:
		move_sel(w, 1);
		break;
	case TA_UP:
		move_sel(w, -1);
		break;
	case TA_PAGE_DOWN:
		move_sel(w, page);
		break;
	case TA_PAGE_UP:
		move_sel(w, -page);
		break;
	case TA_TOP:
		move_sel(w, -(int64_t)UINT32_MAX * 4);
		break;
	case TA_BOTTOM:
		move_sel(w, (int64_t)UINT32_MAX * 4);
		break;
	case TA_DRILL:
		drill(w, u);
		break;
	case TA_BACK:
		return back(w, u);
	case TA_VIEWS:
		open_picker(w);
		break;
	case TA_COL_NEXT:
		if (w->col + 1 < v->ncols)
			w->col++;
		break;
	case TA_COL_PREV:
		if (w->col > 0)
			w->col--;
		break;
	case TA_SORT:
		sort_by(w, v, w->col);
		break;
	case TA_UNSORT:
		w->sort = -1;
		w->asc = false;
		break;
	case TA_FILTER:
		ui_open_prompt(u, PK_VFILTER, "View filter: ", w->levels[w->nlevels - 1].filter);
		break;
	case TA_CLEAR_FILTER:
		views_prompt_done(p, u, PK_VFILTER, "");
		break;
	case TA_FIND:
		ui_open_prompt(u, PK_VFIND, "Find in the view: ", NULL);
		break;
	case TA_TREE:
		toggle_tree(w, u, v);
		break;
	case TA_COLLAPSE:
	case TA_EXPAND:
		fold(w, u, v, a == TA_COLLAPSE);
		break;
	case TA_WINDOW:
		open_window_prompt(w, u);
		break;
	case TA_GRAPH: {
		struct panel *graph = ui_graph_open(u);

		if (graph)
			ui_push(u, graph);
		break;
	}
	case TA_SPECTRO:
		ui_spectro_open(u);
		break;
	case TA_LEGEND:
		ui_push(u, legend_new(v));
		break;
	case TA_SIGNAL:
		signal_row(w, u);
		break;
	case TA_RATES:
		w->rates = !w->rates;
		ui_message(u, false, "%s", w->rates ? "rates per second" : "totals");
		break;
	default:
		if (a >= TA_SORT_1 && a <= TA_SORT_9 && (unsigned int)(a - TA_SORT_1) < v->ncols) {
			w->col = (unsigned int)(a - TA_SORT_1);
			sort_by(w, v, w->col);
		}
		break;
	}
	return PN_STAY;
}

static enum tui_mode views_mode(struct panel *p, const struct ui *u)
{
	(void)u;
	return ((struct views *)p)->picking ? TM_PICK : TM_VIEW;
}

static const struct panel_ops views_ops = {
	.mode = views_mode,
	.tick = views_tick,
	.draw = views_draw,
	.key = views_key,
	.mouse = views_mouse,
	.prompt_done = views_prompt_done,
	.close = views_close,
};

struct panel *ui_views_new(struct ui *u, const char *name, const char *filter)
{
	struct views *w = xcalloc(1, sizeof(*w));

	w->p.ops = &views_ops;
	/* a live view's new interval is drawn within a short tick */
	w->p.tick_ms = u->src->live ? 20 : 100;
	w->tree = u->src->tree;
	w->rates = following(u);
	w->ended = u->ended;
	w->sort = -1;
	w->picking = !name;
	if (name && !open_view(w, u, name, filter)) {
		views_close(&w->p, u);
		return NULL;
	}
	return &w->p;
}

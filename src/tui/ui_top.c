// SPDX-License-Identifier: GPL-2.0-only
/*
 * Drawing the top-like views: the picker (v) with what the selected view
 * shows, a view's table under its title and header (its columns fitted to
 * the width, the sorted one marked, processes as a tree) and its status
 * line, and its legend (F7). What the keys do is in ui_top_act.c.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "monotime.h"
#include "ui_views.h"
#include "xalloc.h"

#define CELL_MAX 40  /* a column wider than this is cut, but for the last */
#define LAST_MIN 24  /* cells the last column keeps, narrowing the text columns before it */
#define TEXT_MIN 8   /* cells a text column keeps, narrowed for the last one */

bool ui_views_following(const struct ui *u)
{
	return u->src->live && !u->ended;
}

struct eng_top *ui_views_lock_rows(struct views *w, const struct ui *u, double *seconds)
{
	enum topview_sums sums =
		!w->rates ? TV_TOTALS : ui_views_following(u) ? TV_INTERVAL : TV_AVERAGE;

	return topview_lock(w->tv, sums, seconds);
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
	} else if (c->unit == ENG_TU_PCT) { /* to tenths, half up: 7.95 is 8.0 */
		long long tenths = (long long)(v + 5) / 10;

		sbuf_printf(o, "%lld.%lld%%", tenths / 10, tenths % 10);
	} else if (seconds > 0 && c->rate) {
		sbuf_printf(o, "%.1f", x);
	} else {
		sbuf_put_i64(o, v);
	}
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
	bool first_last = !eng_top_col_text(&v->cols[v->ncols - 1]) && eng_top_col_text(&v->cols[0]);

	for (k = first_last ? 1 : 0; k < v->ncols; k++)
		ord[d++] = k;
	if (first_last)
		ord[d] = 0;
}

unsigned int ui_views_shown_col(const struct eng_top_view *v, unsigned int d)
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
			if (eng_top_col_text(&v->cols[ord[d]]) && width[d] > TEXT_MIN &&
			    width[d] > least[d] && (widest == n || width[d] > width[widest]))
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
	if (!eng_top_col_text(c)) {
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

uint64_t ui_views_find_key(struct views *w, struct eng_top *t)
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
	if (w->rates && ui_views_following(u))
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

void ui_views_put_seconds(struct sbuf *out, uint64_t ns)
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
	if (w->rates && ui_views_following(u)) {
		sbuf_puts(o, seconds > 0 ? "per second" : "first interval coming");
		return;
	}
	if (seconds > 0)
		sbuf_printf(o, "per second, averaged over %.3f s ", seconds);
	else
		sbuf_puts(o, "totals ");
	if (ui_views_following(u))
		sbuf_puts(o, "so far");
	else if (!w->windowed)
		sbuf_puts(o, "over the capture");
	else {
		/* every digit the window has, as the prompt took it */
		sbuf_puts(o, "from ");
		ui_views_put_seconds(o, w->window.from);
		sbuf_puts(o, " s to ");
		if (w->window.to)
			ui_views_put_seconds(o, w->window.to);
		sbuf_puts(o, w->window.to ? " s" : "the end");
	}
}

bool ui_views_tick(struct panel *p, struct ui *u)
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

void ui_views_draw(struct panel *p, struct ui *u)
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
	t = ui_views_lock_rows(w, u, &seconds);
	eng_top_sort(t, sorted_col(w, v), w->asc);
	if (w->tree || (v->flags & ENG_TV_LEVELS)) /* levels are always a tree */
		eng_top_tree(t, is_folded, w);
	rows = eng_top_nrows(t);
	/*
	 * the row is followed as rows move once the user chose it, or once a
	 * file was summed whole; till then the cursor keeps its place (the top
	 * row), as the first rows summed give way to others
	 */
	if (w->chosen || was_done)
		w->sel = ui_views_find_key(w, t);
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
		if (!eng_top_col_text(&v->cols[ord[k]]) && (int)line.len < width[k]) {
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
				put_cell(&line, c.s, width[k], !eng_top_col_text(&v->cols[ord[k]]));
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

struct panel *ui_views_legend_new(const struct eng_top_view *v)
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
		sbuf_printf(&text, "  %-*s  %s\n", wide, v->cols[ord[k]].title,
			    v->cols[ord[k]].desc);
	p = ui_text_new(text.s);
	sbuf_fini(&text);
	return p;
}

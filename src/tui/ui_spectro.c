// SPDX-License-Identifier: GPL-2.0-only
/*
 * The latency spectrogram on the screen, as csysdig's: time goes down, a
 * row an interval from the capture's first event, the newest at the bottom;
 * across, the latency of the system calls on a log scale from 1 ns to
 * 100 s, a cell a bucket (or a few, on a narrow screen); each cell's
 * character and colour say how many calls of that latency the interval
 * holds. A cursor moves over the cells, + and - change the interval (1, 2,
 * 5 steps, as the I/O graph zooms), 0 fits the capture, and Enter shows
 * the cell's calls in the event list, Backspace coming back. The calls
 * are those the list's filter kept when it opened (eng_spectro.c).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "eng_graph.h"
#include "eng_spectro.h"
#include "ui.h"
#include "xalloc.h"

#define MIN_WIDTH 1000 /* ns: the shortest interval, as --spectro's */
#define LEVELS 10

struct ui_spectro {
	struct panel p;
	struct eng_spectro *s;
	uint64_t width;	  /* ns an interval */
	uint64_t top, cur; /* intervals: the first shown, the cursor's */
	int cur_b;	  /* the cursor's first bucket; -1 until there are calls */
	bool fit;	  /* the intervals follow the capture's length */
	bool follow;	  /* the cursor stays on the last interval as the capture grows */
	unsigned int per; /* buckets a cell, as last drawn */
	uint64_t shown;	  /* intervals the screen has room for, as last drawn */
	int x0, y0;	  /* where the cells were drawn */
	uint64_t drawn, drawn_last; /* calls counted and the last time, when last drawn */
	bool drawn_done;	    /* and whether all of them were */
};

/* Calls in a cell, by level: the least count, the character, the colour (bold: each one's last). */
static const struct {
	uint64_t from;
	char c;
	int pair;
	attr_t attr;
} levels[LEVELS] = {
	{ 0, ' ', 0, A_NORMAL },	{ 1, '.', CP_GOOD, A_NORMAL },
	{ 2, ':', CP_GOOD, A_NORMAL },	{ 4, '-', CP_GOOD, A_BOLD },
	{ 10, '=', CP_PROCESS, A_NORMAL }, { 32, '+', CP_PROCESS, A_NORMAL },
	{ 100, '*', CP_PROCESS, A_BOLD }, { 317, '#', CP_ERROR, A_NORMAL },
	{ 1000, '%', CP_ERROR, A_NORMAL }, { 3163, '@', CP_ERROR, A_BOLD },
};

static unsigned int level(uint64_t calls)
{
	unsigned int l = LEVELS - 1;

	while (calls < levels[l].from)
		l--;
	return l;
}

static attr_t look(const struct ui *u, unsigned int l)
{
	return (u->color && levels[l].pair ? COLOR_PAIR(levels[l].pair) : A_NORMAL) |
	       levels[l].attr;
}

/* The intervals from the first event to the last (0 before it). */
static uint64_t rows(struct ui_spectro *sp)
{
	return eng_spectro_rows(sp->s, sp->width);
}

/* The cursor's cell: its buckets [*b0, *b1) and its interval's times [*t0, *t1). */
static void cursor_cell(struct ui_spectro *sp, unsigned int *b0, unsigned int *b1,
			uint64_t *t0, uint64_t *t1)
{
	uint64_t first, last;

	eng_spectro_span(sp->s, &first, &last);
	*b0 = (unsigned int)sp->cur_b / sp->per * sp->per;
	*b1 = *b0 + sp->per;
	*t0 = first + sp->cur * sp->width;
	*t1 = *t0 + sp->width;
}

/* Appends the latencies of buckets [b0, b1): "1.25us to 1.6us", "80s and over". */
static void put_latencies(unsigned int b0, unsigned int b1, struct sbuf *out)
{
	eng_spectro_bucket_str(b0, out);
	if (b1 >= ENG_SPECTRO_BUCKETS) {
		sbuf_puts(out, " and over");
		return;
	}
	sbuf_puts(out, " to ");
	eng_spectro_bucket_str(b1, out);
}

/* The bucket with the most calls of all, where the cursor starts; -1 if there are none. */
static int fullest(struct ui_spectro *sp)
{
	uint64_t most = 0, n;
	unsigned int b;
	int at = -1;

	for (b = 0; b < ENG_SPECTRO_BUCKETS; b++) {
		n = eng_spectro_count(sp->s, b, b + 1, 0, UINT64_MAX);
		if (n > most) {
			most = n;
			at = (int)b;
		}
	}
	return at;
}

/* The title: the interval, and the cursor's cell with its calls. */
static void draw_title(struct ui_spectro *sp)
{
	unsigned int b0, b1;
	uint64_t t0, t1;
	struct sbuf line;

	sbuf_init(&line);
	sbuf_puts(&line, " Latency spectrogram | interval ");
	eng_graph_interval_str(sp->width, &line);
	if (sp->cur_b >= 0) {
		cursor_cell(sp, &b0, &b1, &t0, &t1);
		sbuf_puts(&line, " | at ");
		eng_graph_time_str(sp->cur * sp->width, sp->width, &line);
		sbuf_puts(&line, " s, ");
		put_latencies(b0, b1, &line);
		sbuf_printf(&line, ": %llu calls",
			    (unsigned long long)eng_spectro_count(sp->s, b0, b1, t0, t1));
	}
	ui_bar(0, line.s, true);
	sbuf_fini(&line);
}

/* The latency axis: a mark at each power of ten, named where there is room. */
static void draw_axis(struct ui_spectro *sp, int y)
{
	unsigned int cells = ENG_SPECTRO_BUCKETS / sp->per, c;
	unsigned int per_decade = ENG_SPECTRO_STEPS / sp->per;
	int free_at = sp->x0;
	struct sbuf label;

	sbuf_init(&label);
	ui_put(y, 0, "s", COLS);
	for (c = 0; c <= cells; c += per_decade) {
		int x = sp->x0 + (int)c;

		sbuf_reset(&label);
		sbuf_putc(&label, '|');
		if (c < cells)
			eng_spectro_bucket_str(c * sp->per, &label);
		else
			sbuf_puts(&label, "100s");
		if (x >= free_at && x + (int)label.len <= COLS) {
			mvaddstr(y, x, label.s);
			free_at = x + (int)label.len + 1;
		}
	}
	sbuf_fini(&label);
}

/* What the characters mean, in their colours. */
static void draw_legend(struct ui *u, int y)
{
	unsigned int l;
	struct sbuf s;
	int x;

	sbuf_init(&s);
	ui_put(y, 0, " calls:", COLS);
	x = 8;
	for (l = 1; l < LEVELS && x < COLS; l++) {
		sbuf_reset(&s);
		sbuf_printf(&s, "%c", levels[l].c);
		attron(look(u, l));
		ui_put(y, x, s.s, 1);
		attroff(look(u, l));
		sbuf_reset(&s);
		sbuf_printf(&s, " %llu", (unsigned long long)levels[l].from);
		if (l + 1 == LEVELS)
			sbuf_putc(&s, '+');
		else if (levels[l + 1].from > levels[l].from + 1)
			sbuf_printf(&s, "-%llu", (unsigned long long)levels[l + 1].from - 1);
		sbuf_putc(&s, ' ');
		ui_put(y, x + 1, s.s, COLS - x - 1);
		x += 1 + (int)s.len;
	}
	sbuf_fini(&s);
}

/* The rows shown: each interval's start, then its cells, the cursor's reversed. */
static void draw_rows(struct ui_spectro *sp, struct ui *u, int nrows, uint64_t total)
{
	unsigned int cells = ENG_SPECTRO_BUCKETS / sp->per, b, c;
	uint64_t first, last, *bins = xcalloc((size_t)nrows * ENG_SPECTRO_BUCKETS, sizeof(*bins));
	struct sbuf label;
	int y;

	eng_spectro_span(sp->s, &first, &last);
	for (b = 0; b < ENG_SPECTRO_BUCKETS; b++)
		eng_spectro_bins(sp->s, b, first + sp->top * sp->width, sp->width, (size_t)nrows,
				 bins + (size_t)b * (size_t)nrows);
	sbuf_init(&label);
	for (y = 0; y < nrows && sp->top + (uint64_t)y < total; y++) {
		uint64_t row = sp->top + (uint64_t)y;

		sbuf_reset(&label);
		eng_graph_time_str(row * sp->width, sp->width, &label);
		ui_put(sp->y0 + y, 0, label.s, sp->x0);
		for (c = 0; c < cells; c++) {
			uint64_t n = 0;
			unsigned int l;
			attr_t a;

			for (b = c * sp->per; b < (c + 1) * sp->per; b++)
				n += bins[(size_t)b * (size_t)nrows + (size_t)y];
			l = level(n);
			a = look(u, l);
			if (row == sp->cur && sp->cur_b >= 0 &&
			    c == (unsigned int)sp->cur_b / sp->per)
				a |= A_REVERSE;
			attron(a);
			mvaddch(sp->y0 + y, sp->x0 + (int)c, (chtype)levels[l].c);
			attroff(a);
		}
	}
	sbuf_fini(&label);
	free(bins);
}

static void draw_status(struct ui_spectro *sp, struct ui *u, uint64_t calls)
{
	const char *f = eng_spectro_filter(sp->s);
	struct sbar b = { 0 };

	ui_status_source(u, &b, 3);
	sbar_add(&b, 4, NULL, "calls %llu", (unsigned long long)calls);
	if (f[0])
		sbar_add(&b, 6, "filtered", "filter: %s", f);
	if (!eng_spectro_done(sp->s))
		sbar_add(&b, 5, NULL, "%s", u->src->live ? "following" : "counting");
	ui_status_draw(u, &b);
}

/* Keeps the cursor on an interval, and the intervals shown around it. */
static void place(struct ui_spectro *sp, uint64_t total)
{
	if (sp->follow || (total && sp->cur >= total))
		sp->cur = total ? total - 1 : 0;
	if (sp->cur < sp->top)
		sp->top = sp->cur;
	if (sp->cur >= sp->top + sp->shown)
		sp->top = sp->cur - sp->shown + 1;
	/* the newest interval at the bottom: no empty rows under it */
	if (total > sp->shown && sp->top > total - sp->shown)
		sp->top = total - sp->shown;
}

static bool spectro_tick(struct panel *p, struct ui *u)
{
	struct ui_spectro *sp = (struct ui_spectro *)p;
	uint64_t first, last;

	(void)u;
	return eng_spectro_span(sp->s, &first, &last) != sp->drawn || last != sp->drawn_last ||
	       eng_spectro_done(sp->s) != sp->drawn_done;
}

static void spectro_draw(struct panel *p, struct ui *u)
{
	struct ui_spectro *sp = (struct ui_spectro *)p;
	uint64_t first, last, calls = eng_spectro_span(sp->s, &first, &last), total;
	int nrows = ui_lines(u) - 5;
	struct sbuf label;

	sp->drawn = calls;
	sp->drawn_last = last;
	sp->drawn_done = eng_spectro_done(sp->s);
	if (nrows < 1)
		nrows = 1;
	sp->shown = (uint64_t)nrows;
	if (sp->fit)
		sp->width = ui_zoom_fit(last - first, sp->shown);
	if (sp->width < MIN_WIDTH)
		sp->width = MIN_WIDTH;
	total = rows(sp);
	place(sp, total);
	if (sp->cur_b < 0)
		sp->cur_b = fullest(sp);
	/* the time column as wide as the last interval's start */
	sbuf_init(&label);
	eng_graph_time_str(total ? (total - 1) * sp->width : 0, sp->width, &label);
	sp->x0 = (int)label.len + 1;
	sbuf_fini(&label);
	/* as many buckets a cell as the width needs: 1, 2, 5 or 10 */
	for (sp->per = 1; sp->per < ENG_SPECTRO_STEPS; sp->per = ui_zoom_step(sp->per, true))
		if (sp->x0 + (int)(ENG_SPECTRO_BUCKETS / sp->per) <= COLS)
			break;
	sp->y0 = 2;
	erase();
	draw_title(sp);
	draw_axis(sp, 1);
	draw_rows(sp, u, nrows, total);
	draw_legend(u, ui_lines(u) - 3);
	if (u->pk == PK_NONE) {
		ui_message_line(u, u->msg);
		draw_status(sp, u, calls);
	}
}

/* Enter: the cursor's calls in the event list; Backspace there comes back. */
static void drill(struct ui_spectro *sp, struct ui *u)
{
	unsigned int b0, b1;
	uint64_t t0, t1, n;
	struct sbuf f, at;
	struct diag d = { 0 };
	char *before;

	if (sp->cur_b < 0) {
		ui_message(u, true, "no calls yet");
		return;
	}
	cursor_cell(sp, &b0, &b1, &t0, &t1);
	n = eng_spectro_count(sp->s, b0, b1, t0, t1);
	if (!n) {
		ui_message(u, true, "no calls in the cursor's cell");
		return;
	}
	sbuf_init(&f);
	sbuf_init(&at);
	eng_spectro_cell_filter(sp->s, b0, b1, t0, t1, &f);
	before = xstrdup(tview_filter(u->v));
	if (tview_set_filter(u->v, f.s, &d) < 0) {
		ui_message(u, true, "cannot show the calls: %s", d.msg);
		free(before);
	} else {
		ui_push(u, ui_drilled_new(before));
		ui_list_from_top(u);
		put_latencies(b0, b1, &at);
		sbuf_puts(&at, " at ");
		eng_graph_time_str(sp->cur * sp->width, sp->width, &at);
		ui_message(u, false,
			   "the %llu calls of %s s; Backspace goes back to the spectrogram",
			   (unsigned long long)n, at.s);
	}
	sbuf_fini(&at);
	sbuf_fini(&f);
}

/* Intervals of width ns, the cursor's time staying in the cursor's interval. */
static void zoom(struct ui_spectro *sp, uint64_t width)
{
	uint64_t pos = sp->cur - sp->top, t = sp->cur * sp->width;

	sp->fit = false;
	sp->width = width;
	sp->cur = t / width;
	sp->top = sp->cur > pos ? sp->cur - pos : 0;
}

/* The cursor to interval row (within the capture); the last one follows it as it grows. */
static void move_to(struct ui_spectro *sp, uint64_t row)
{
	uint64_t total = rows(sp);

	sp->cur = !total ? 0 : row >= total ? total - 1 : row;
	sp->follow = !total || sp->cur == total - 1;
}

static enum panel_next spectro_key(struct panel *p, struct ui *u, int key, enum tui_action a)
{
	struct ui_spectro *sp = (struct ui_spectro *)p;
	uint64_t first, last;
	int cells = ENG_SPECTRO_BUCKETS / (int)sp->per;

	(void)key;
	eng_spectro_span(sp->s, &first, &last);
	switch (a) {
	case TA_SPECTRO:
	case TA_BACK:
		return PN_POP;
	case TA_UP:
		move_to(sp, sp->cur ? sp->cur - 1 : 0);
		break;
	case TA_PAGE_UP:
		move_to(sp, sp->cur > sp->shown ? sp->cur - sp->shown : 0);
		break;
	case TA_DOWN:
	case TA_PAGE_DOWN:
		move_to(sp, sp->cur + (a == TA_DOWN ? 1 : sp->shown));
		break;
	case TA_TOP:
		move_to(sp, 0);
		break;
	case TA_BOTTOM:
		move_to(sp, UINT64_MAX);
		break;
	case TA_SCROLL_LEFT:
	case TA_SCROLL_RIGHT:
		if (sp->cur_b >= 0) {
			int c = sp->cur_b / (int)sp->per + (a == TA_SCROLL_LEFT ? -1 : 1);

			c = c < 0 ? 0 : c >= cells ? cells - 1 : c;
			sp->cur_b = c * (int)sp->per;
		}
		break;
	case TA_ZOOM_IN:
		if (sp->width > MIN_WIDTH)
			zoom(sp, ui_zoom_step(sp->width, false));
		break;
	case TA_ZOOM_OUT:
		if (sp->width < ui_zoom_fit(last - first, 1)) /* the capture in one interval */
			zoom(sp, ui_zoom_step(sp->width, true));
		break;
	case TA_ZOOM_FIT:
		sp->fit = true;
		sp->cur = sp->cur * sp->width / ui_zoom_fit(last - first, sp->shown);
		break;
	case TA_DRILL:
		drill(sp, u);
		break;
	default:
		break;
	}
	return PN_STAY;
}

static void spectro_mouse(struct panel *p, struct ui *u, const struct ui_click *c)
{
	struct ui_spectro *sp = (struct ui_spectro *)p;
	int cells = ENG_SPECTRO_BUCKETS / (int)sp->per;

	if (c->what != UC_PRESS) {
		/* the wheel changes the interval */
		spectro_key(p, u, 0, c->what == UC_WHEEL_UP ? TA_ZOOM_IN : TA_ZOOM_OUT);
		return;
	}
	if (c->x < sp->x0 || c->x >= sp->x0 + cells || c->y < sp->y0 ||
	    (uint64_t)(c->y - sp->y0) >= sp->shown || sp->cur_b < 0)
		return;
	/* a cell: the cursor there; a double click shows its calls */
	move_to(sp, sp->top + (uint64_t)(c->y - sp->y0));
	sp->cur_b = (c->x - sp->x0) * (int)sp->per;
	if (c->twice)
		drill(sp, u);
}

static enum tui_mode spectro_mode(struct panel *p, const struct ui *u)
{
	(void)p;
	(void)u;
	return TM_SPECTRO;
}

static void spectro_close(struct panel *p, struct ui *u)
{
	struct ui_spectro *sp = (struct ui_spectro *)p;

	(void)u;
	eng_spectro_free(sp->s);
	free(sp);
}

/* It opens no prompt. */
static void spectro_prompt_done(struct panel *p, struct ui *u, enum prompt_kind pk,
				const char *text)
{
	(void)p;
	(void)u;
	(void)pk;
	(void)text;
}

static const struct panel_ops spectro_ops = {
	.mode = spectro_mode,
	.tick = spectro_tick,
	.draw = spectro_draw,
	.key = spectro_key,
	.mouse = spectro_mouse,
	.prompt_done = spectro_prompt_done,
	.close = spectro_close,
};

void ui_spectro_open(struct ui *u)
{
	struct ui_spectro *sp;
	struct diag d = { 0 };
	struct eng_spectro *s = eng_spectro_new(tview_filter(u->v), &d);

	if (!s || eng_spectro_walk(s, tview_index(u->v), &d) < 0) {
		eng_spectro_free(s);
		ui_message(u, true, "cannot show the spectrogram: %s", d.msg);
		return;
	}
	sp = xcalloc(1, sizeof(*sp));
	sp->p.ops = &spectro_ops;
	sp->p.tick_ms = 100;
	sp->s = s;
	sp->fit = true;
	sp->follow = true;
	sp->cur_b = -1;
	sp->per = 1;
	sp->width = MIN_WIDTH;
	ui_push(u, &sp->p);
	ui_message(u, false, "arrows move, + - change the interval, 0 fits, Enter shows the calls");
}

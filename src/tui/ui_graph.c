// SPDX-License-Identifier: GPL-2.0-only
/*
 * The I/O graph on the screen: events per interval of up to four series,
 * drawn with Braille characters (2 x 4 dots a cell, an interval a column of
 * dots), series 1 as bars and the others as lines over them. A cursor
 * moves over the intervals, + and - zoom around it through 1, 2, 5 steps,
 * 0 fits the capture, 1 to 4 edit a series' filter, and Enter shows the
 * event list from the cursor's interval.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "eng_graph.h"
#include "prompt.h"
#include "ui.h"
#include "xalloc.h"

#define TICK 12 /* cells between time labels */

struct ui_graph {
	struct panel p;
	struct eng_graph *g; /* NULL while the graph is closed */
	char *filters[ENG_GRAPH_SERIES];
	unsigned int n;
	unsigned int editing; /* the series the prompt edits */
	uint64_t width;	      /* ns an interval */
	uint64_t left, cur;   /* intervals from the first event: the first shown, the cursor's */
	bool fit;	      /* the intervals follow the capture's length */
	uint64_t shown;	      /* intervals the screen has room for, as last drawn */
	int x0, y0, rows;     /* where the plot was drawn */
	uint64_t drawn;	      /* events counted when last drawn */
	bool drawn_done;      /* and whether all of them were */
};

/* A series' colour, and its look without colours. */
static const struct {
	int pair;
	attr_t attr;
} looks[ENG_GRAPH_SERIES] = {
	{ CP_GOOD, A_NORMAL }, { CP_PROCESS, A_BOLD }, { CP_NET, A_UNDERLINE }, { CP_ERROR, A_DIM },
};

/* The dots of Braille cells: [column][row from the top]. */
static const uint8_t dot_bit[2][4] = { { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 } };

/*
 * Appends the Braille cell of dots bits, of series s; outside UTF-8 a cell
 * with any dot lit is a '#' for series 1's bars and a '*' for the lines.
 */
static void put_braille(struct sbuf *o, uint8_t bits, unsigned int s)
{
	if (!cell_utf8()) {
		sbuf_putc(o, !bits ? ' ' : s ? '*' : '#');
		return;
	}
	sbuf_putc(o, (char)0xe2);
	sbuf_putc(o, (char)(0xa0 | bits >> 6));
	sbuf_putc(o, (char)(0x80 | (bits & 0x3f)));
}

uint64_t ui_zoom_step(uint64_t w, bool up)
{
	uint64_t p = 1, m;

	while (p <= w / 10)
		p *= 10;
	m = w / p;
	if (up)
		return m < 2 ? 2 * p : m < 5 ? 5 * p : 10 * p;
	return m > 5 ? 5 * p : m > 2 ? 2 * p : m > 1 ? p : p > 1 ? p / 2 : 1;
}

uint64_t ui_zoom_fit(uint64_t span, uint64_t n)
{
	uint64_t w = 1;

	while (span / w + 1 > n && w < UINT64_MAX / 10)
		w = ui_zoom_step(w, true);
	return w;
}

/* Starts counting the series; false with d set if a filter is bad. */
static bool start(struct ui_graph *gr, struct ui *u, struct diag *d)
{
	unsigned int bad;
	struct eng_graph *g = eng_graph_new((const char *const *)gr->filters, gr->n, NULL, &bad, d);

	if (!g)
		return false;
	if (eng_graph_walk(g, tview_index(u->v), d) < 0) {
		eng_graph_free(g);
		return false;
	}
	eng_graph_free(gr->g);
	gr->g = g;
	return true;
}

/* Closed: it counts no more, and keeps its series and zoom for the next time. */
static void graph_close(struct panel *p, struct ui *u)
{
	struct ui_graph *gr = (struct ui_graph *)p;

	(void)u;
	eng_graph_free(gr->g);
	gr->g = NULL;
}

static const struct panel_ops graph_ops;

struct panel *ui_graph_open(struct ui *u)
{
	struct ui_graph *gr = (struct ui_graph *)u->graph;
	struct diag d = { 0 };

	if (!gr) {
		gr = xcalloc(1, sizeof(*gr));
		gr->p.ops = &graph_ops;
		gr->p.tick_ms = 100;
		gr->filters[0] = xstrdup("");
		gr->n = 1;
		gr->fit = true;
		u->graph = &gr->p;
	}
	if (!start(gr, u, &d)) {
		ui_message(u, true, "cannot show the graph: %s", d.msg);
		return NULL;
	}
	ui_message(u, false, "1-4 edit a series, + - zoom, 0 fits, Enter shows the events there");
	return &gr->p;
}

void ui_graph_free(struct ui *u)
{
	struct ui_graph *gr = (struct ui_graph *)u->graph;
	unsigned int i;

	if (!gr)
		return;
	eng_graph_free(gr->g);
	for (i = 0; i < gr->n; i++)
		free(gr->filters[i]);
	free(gr);
	u->graph = NULL;
}

/* The look of series s: its colour, or its attribute without colours. */
static attr_t look(const struct ui *u, unsigned int s)
{
	return u->color ? COLOR_PAIR(looks[s].pair) : looks[s].attr;
}

static void draw_legend(struct ui *u, int y)
{
	struct ui_graph *gr = (struct ui_graph *)u->graph;
	unsigned int s;
	struct sbuf line;

	sbuf_init(&line);
	for (s = 0; s < gr->n; s++, y++) {
		const char *f = eng_graph_filter(gr->g, s);

		sbuf_reset(&line);
		sbuf_printf(&line, " %u ", s + 1);
		ui_put(y, 0, line.s, 3);
		sbuf_reset(&line);
		put_braille(&line, s ? 0x24 : 0xff, s); /* a bar, or a piece of line */
		put_braille(&line, s ? 0x24 : 0xff, s);
		attron(look(u, s));
		ui_put(y, 3, line.s, 2);
		attroff(look(u, s));
		sbuf_reset(&line);
		sbuf_printf(&line, " %s  total %llu", f[0] ? f : "all events",
			    (unsigned long long)eng_graph_count(gr->g, s, 0, UINT64_MAX));
		ui_put(y, 5, line.s, COLS - 5);
	}
	sbuf_fini(&line);
}

/* The title: the intervals, the cursor's and each series' count in it. */
static void draw_title(struct ui *u, uint64_t first)
{
	struct ui_graph *gr = (struct ui_graph *)u->graph;
	uint64_t t = first + gr->cur * gr->width;
	struct sbuf line;
	unsigned int s;

	sbuf_init(&line);
	sbuf_puts(&line, " I/O graph | interval ");
	eng_graph_interval_str(gr->width, &line);
	sbuf_puts(&line, " | cursor at ");
	eng_graph_time_str(gr->cur * gr->width, gr->width, &line);
	sbuf_puts(&line, " s");
	for (s = 0; s < gr->n; s++)
		sbuf_printf(&line, " | %u: %llu", s + 1,
			    (unsigned long long)eng_graph_count(gr->g, s, t, t + gr->width));
	ui_bar(0, line.s, true);
	sbuf_fini(&line);
}

/* The smallest 1, 2, 5 number at max or over it. */
static uint64_t nice_max(uint64_t max)
{
	uint64_t m = 1;

	while (m < max)
		m = ui_zoom_step(m, true);
	return m;
}

/* Dots high (of h) that count c takes on a scale to max. */
static unsigned int dots(uint64_t c, uint64_t max, unsigned int h)
{
	unsigned int n = (unsigned int)((c * h + max / 2) / max);

	return c && !n ? 1 : n;
}

/*
 * The dots, lo to top (1 at the bottom of h), that interval i of series s
 * (counts b) lights: series 0 a bar, the others the line from the previous
 * interval's top, which runs along the bottom at 0.
 */
static void lit(const uint64_t *b, unsigned int s, uint64_t i, uint64_t max, unsigned int h,
		unsigned int *lo, unsigned int *top)
{
	unsigned int v = dots(b[i], max, h), prev;

	if (!s) {
		*lo = 1;
		*top = v;
		return;
	}
	v = v ? v : 1;
	prev = i ? dots(b[i - 1], max, h) : v;
	prev = prev ? prev : 1;
	*lo = prev < v ? prev + 1 : v;
	*top = prev > v ? prev - 1 : v;
}

/*
 * The plot: rows from y0, cells from x0, bins[s][i] the counts of the
 * intervals shown (2 a cell), of which the first n are in the capture.
 * Series 0 fills its bars, the others draw the line through their tops.
 */
static void draw_plot(struct ui *u, int y0, int rows, int x0, uint64_t **bins, uint64_t n,
		      uint64_t max)
{
	struct ui_graph *gr = (struct ui_graph *)u->graph;
	unsigned int h = (unsigned int)rows * 4, s;
	int cells = COLS - x0, x, y, k, at = (int)((gr->cur - gr->left) / 2);
	struct sbuf glyph;

	sbuf_init(&glyph);
	for (y = 0; y < rows; y++) {
		for (x = 0; x < cells; x++) {
			uint8_t bits = 0;
			int owner = -1;
			attr_t a;

			for (s = 0; s < gr->n; s++) {
				uint8_t mine = 0;

				for (k = 0; k < 2 && (uint64_t)x * 2 + (uint64_t)k < n; k++) {
					unsigned int lo, top, r;

					lit(bins[s], s, (uint64_t)x * 2 + (uint64_t)k, max, h, &lo, &top);
					for (r = 0; r < 4; r++) {
						/* dot r of this cell is dot d of the plot, from 1 at the bottom */
						unsigned int d = ((unsigned int)(rows - 1 - y)) * 4 + 4 - r;

						if (d >= lo && d <= top)
							mine |= dot_bit[k][r];
					}
				}
				if (mine)
					owner = (int)s;
				bits |= mine;
			}
			sbuf_reset(&glyph);
			if (bits)
				put_braille(&glyph, bits, (unsigned int)owner);
			else
				sbuf_putc(&glyph, ' ');
			a = owner >= 0 ? look(u, (unsigned int)owner) : A_NORMAL;
			if (x == at)
				a |= A_REVERSE; /* the cursor */
			attron(a);
			mvaddstr(y0 + y, x0 + x, glyph.s);
			attroff(a);
		}
	}
	sbuf_fini(&glyph);
}

/* The axes' pieces, in UTF-8 box drawing or, outside UTF-8, in ASCII. */
enum axis_glyph { G_AXIS_Y, G_TICK_Y, G_CORNER, G_AXIS_X, G_TICK_X };

static const char *glyph(enum axis_glyph g)
{
	static const char *const utf8[] = { "\u2502", "\u2524", "\u2514", "\u2500", "\u252c" };
	static const char *const ascii[] = { "|", "+", "+", "-", "+" };

	return cell_utf8() ? utf8[g] : ascii[g];
}

/* The y axis's labels: the scale's top, its middle and 0. */
static void draw_y_axis(int y0, int rows, int w, uint64_t max)
{
	char label[32];
	int y;

	for (y = 0; y < rows; y++) {
		label[0] = 0;
		if (y == 0)
			snprintf(label, sizeof(label), "%*llu", w - 1, (unsigned long long)max);
		else if (y == rows / 2 && max % 2 == 0 && rows > 4)
			snprintf(label, sizeof(label), "%*llu", w - 1, (unsigned long long)max / 2);
		else if (y == rows - 1)
			snprintf(label, sizeof(label), "%*s", w - 1, "0");
		ui_put(y0 + y, 0, label, w - 1);
		mvaddstr(y0 + y, w - 1, label[0] ? glyph(G_TICK_Y) : glyph(G_AXIS_Y));
	}
}

/* The time axis: ticks every TICK cells, each with its interval's start. */
static void draw_x_axis(struct ui *u, int y, int x0)
{
	struct ui_graph *gr = (struct ui_graph *)u->graph;
	struct sbuf label;
	int x, free_at = x0;

	sbuf_init(&label);
	ui_put(y, 0, "", COLS);
	ui_put(y + 1, 0, "s", COLS);
	mvaddstr(y, x0 - 1, glyph(G_CORNER));
	for (x = 0; x0 + x < COLS; x++)
		mvaddstr(y, x0 + x, x % TICK ? glyph(G_AXIS_X) : glyph(G_TICK_X));
	for (x = 0; x0 + x < COLS; x += TICK) {
		sbuf_reset(&label);
		eng_graph_time_str((gr->left + (uint64_t)x * 2) * gr->width, gr->width, &label);
		if (x0 + x >= free_at && x0 + x + (int)label.len <= COLS) {
			mvaddstr(y + 1, x0 + x, label.s);
			free_at = x0 + x + (int)label.len + 1;
		}
	}
	sbuf_fini(&label);
}

static void draw_status(struct ui_graph *gr, struct ui *u, uint64_t events)
{
	struct sbar b = { 0 };

	ui_status_source(u, &b, 3);
	sbar_add(&b, 4, NULL, "events %llu", (unsigned long long)events);
	sbar_add(&b, 5, NULL, "series %u", gr->n);
	if (!eng_graph_done(gr->g))
		sbar_add(&b, 6, NULL, "%s", u->src->live ? "following" : "counting");
	ui_status_draw(u, &b);
}

static bool graph_tick(struct panel *p, struct ui *u)
{
	struct ui_graph *gr = (struct ui_graph *)p;
	uint64_t first, last;

	(void)u;
	return eng_graph_span(gr->g, &first, &last) != gr->drawn ||
	       eng_graph_done(gr->g) != gr->drawn_done;
}

static void graph_draw(struct panel *p, struct ui *u)
{
	struct ui_graph *gr = (struct ui_graph *)p;
	uint64_t first, last, events = eng_graph_span(gr->g, &first, &last), max = 0, n, i;
	uint64_t *bins[ENG_GRAPH_SERIES];
	int y0 = 1 + (int)gr->n, rows = ui_lines(u) - 5 - (int)gr->n, w, x0;
	unsigned int s;
	char digits[32];

	gr->drawn = events;
	gr->drawn_done = eng_graph_done(gr->g);
	if (rows < 2)
		rows = 2;
	/* the y axis is as wide as the largest count, whatever the scale */
	w = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)nice_max(events)) + 1;
	x0 = w;
	n = COLS > x0 ? (uint64_t)(COLS - x0) * 2 : 2;
	gr->shown = n;
	if (gr->fit) {
		gr->width = ui_zoom_fit(last - first, n);
		gr->left = 0;
	}
	if (events && gr->cur > (last - first) / gr->width)
		gr->cur = (last - first) / gr->width;
	if (gr->cur < gr->left)
		gr->left = gr->cur;
	if (gr->cur >= gr->left + n)
		gr->left = gr->cur - n + 1;
	for (s = 0; s < gr->n; s++) {
		bins[s] = xreallocarray(NULL, n, sizeof(**bins));
		eng_graph_bins(gr->g, s, first + gr->left * gr->width, gr->width, n, bins[s]);
		for (i = 0; i < n; i++)
			max = bins[s][i] > max ? bins[s][i] : max;
	}
	max = nice_max(max);
	gr->x0 = x0;
	gr->y0 = y0;
	gr->rows = rows;
	erase();
	draw_title(u, first);
	draw_legend(u, 1);
	draw_y_axis(y0, rows, w, max);
	draw_plot(u, y0, rows, x0, bins,
		  events ? (last - first) / gr->width + 1 - gr->left : 0, max);
	draw_x_axis(u, y0 + rows, x0);
	for (s = 0; s < gr->n; s++)
		free(bins[s]);
	if (u->pk == PK_NONE) {
		ui_message_line(u, u->msg);
		draw_status(gr, u, events);
	}
}

/* Enter: the event list from the first event of the cursor's interval on (PN_LIST to go there). */
static enum panel_next jump(struct ui_graph *gr, struct ui *u)
{
	uint64_t first, last, num;
	struct sbuf at;

	eng_graph_span(gr->g, &first, &last);
	num = eng_graph_event_at(gr->g, first + gr->cur * gr->width);
	if (!num) {
		ui_message(u, true, "no events from the cursor on");
		return PN_STAY;
	}
	sbuf_init(&at);
	eng_graph_time_str(gr->cur * gr->width, gr->width, &at);
	ui_message(u, false, "at %s s: event %llu%s", at.s, (unsigned long long)num,
		   ui_select_event(u, num) ? "" : ", not shown: the next one shown");
	sbuf_fini(&at);
	return PN_LIST;
}

/* Zooms to intervals of width around the cursor, which stays where it is on the screen. */
static void zoom(struct ui_graph *gr, uint64_t width)
{
	uint64_t pos = gr->cur - gr->left, t = gr->cur * gr->width;

	gr->fit = false;
	gr->width = width;
	gr->cur = t / width;
	gr->left = gr->cur > pos ? gr->cur - pos : 0;
}

static enum panel_next graph_key(struct panel *p, struct ui *u, int key, enum tui_action a);

static void graph_mouse(struct panel *p, struct ui *u, const struct ui_click *c)
{
	struct ui_graph *gr = (struct ui_graph *)p;
	uint64_t first, last;

	eng_graph_span(gr->g, &first, &last);
	if (c->what != UC_PRESS) {
		/* the wheel zooms around the cursor */
		graph_key(p, u, 0, c->what == UC_WHEEL_UP ? TA_ZOOM_IN : TA_ZOOM_OUT);
		return;
	}
	if (c->x < gr->x0 || c->y < gr->y0 || c->y >= gr->y0 + gr->rows)
		return;
	/* the plot: the cursor to the interval clicked (two a cell); a double click goes there */
	if (c->twice) {
		if (jump(gr, u) == PN_LIST)
			ui_pop_to_list(u);
		return;
	}
	gr->cur = gr->left + (uint64_t)(c->x - gr->x0) * 2;
	if (gr->cur > (last - first) / gr->width)
		gr->cur = (last - first) / gr->width;
}

static enum panel_next graph_key(struct panel *p, struct ui *u, int key, enum tui_action a)
{
	struct ui_graph *gr = (struct ui_graph *)p;
	uint64_t first, last, by;
	char label[32];

	(void)key;
	eng_graph_span(gr->g, &first, &last);
	switch (a) {
	case TA_GRAPH:
	case TA_BACK:
		return PN_POP;
	case TA_SCROLL_LEFT:
	case TA_PAGE_UP:
		by = a == TA_PAGE_UP ? gr->shown : 1;
		gr->cur = gr->cur > by ? gr->cur - by : 0;
		break;
	case TA_SCROLL_RIGHT:
	case TA_PAGE_DOWN:
		by = a == TA_PAGE_DOWN ? gr->shown : 1;
		gr->cur = gr->cur + by < (last - first) / gr->width ? gr->cur + by
								   : (last - first) / gr->width;
		break;
	case TA_TOP:
		gr->cur = 0;
		break;
	case TA_BOTTOM:
		gr->cur = (last - first) / gr->width;
		break;
	case TA_ZOOM_IN:
		if (gr->width > 1)
			zoom(gr, ui_zoom_step(gr->width, false));
		break;
	case TA_ZOOM_OUT:
		if (gr->width < ui_zoom_fit(last - first, 1)) /* the capture in one interval */
			zoom(gr, ui_zoom_step(gr->width, true));
		break;
	case TA_ZOOM_FIT:
		gr->fit = true;
		gr->cur = gr->cur * gr->width / ui_zoom_fit(last - first, gr->shown);
		break;
	case TA_DRILL:
		return jump(gr, u);
	default:
		if (a >= TA_SERIES_1 && a <= TA_SERIES_4) {
			gr->editing = (unsigned int)(a - TA_SERIES_1);
			if (gr->editing > gr->n)
				gr->editing = gr->n; /* the next new series */
			snprintf(label, sizeof(label), "Series %u filter: ", gr->editing + 1);
			ui_open_prompt(u, PK_SERIES, label,
				       gr->editing < gr->n ? gr->filters[gr->editing] : NULL);
		}
		break;
	}
	return PN_STAY;
}

static void graph_prompt_done(struct panel *p, struct ui *u, enum prompt_kind pk,
			      const char *text)
{
	struct ui_graph *gr = (struct ui_graph *)p;
	unsigned int i = gr->editing;
	char *old[ENG_GRAPH_SERIES], label[32];
	unsigned int oldn = gr->n;
	struct diag d = { 0 };

	if (pk != PK_SERIES)
		return;
	memcpy(old, gr->filters, sizeof(old));
	if (!*text && i > 0) {
		/* an empty filter removes the series; series 1 counts every event */
		if (i < gr->n)
			memmove(gr->filters + i, gr->filters + i + 1,
				(gr->n - i - 1) * sizeof(*gr->filters));
		gr->n -= i < gr->n;
	} else {
		gr->filters[i] = (char *)text;
		gr->n += i == gr->n;
	}
	if (start(gr, u, &d)) {
		if (i < oldn)
			free(old[i]);
		if (*text || !i)
			gr->filters[i] = xstrdup(text);
		ui_message(u, false, "series %u: %s", i + 1, *text ? text : i ? "removed" : "all events");
		return;
	}
	/* keep the series as they were; show where the filter went wrong */
	memcpy(gr->filters, old, sizeof(old));
	gr->n = oldn;
	snprintf(label, sizeof(label), "Series %u filter: ", i + 1);
	ui_prompt_error(u, PK_SERIES, label, text, &d);
}

static enum tui_mode graph_mode(struct panel *p, const struct ui *u)
{
	(void)p;
	(void)u;
	return TM_GRAPH;
}

static const struct panel_ops graph_ops = {
	.mode = graph_mode,
	.tick = graph_tick,
	.draw = graph_draw,
	.key = graph_key,
	.mouse = graph_mouse,
	.prompt_done = graph_prompt_done,
	.close = graph_close,
};

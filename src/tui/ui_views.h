/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The views' screen inside: its state, shared by what implements it
 * (ui_top.c its drawing, ui_top_act.c its keys, mouse, prompts and drilling down).
 */
#ifndef SYSHARK_UI_VIEWS_H
#define SYSHARK_UI_VIEWS_H

#include "ui.h"

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
	unsigned int col;	/* the selected column, as shown (display_order() in ui_top.c) */
	int colx[ENG_TOP_COLS + 1]; /* where each shown column starts on the screen, as drawn */
	int sort;		/* the column sorted by; -1: the view's own */
	bool asc;
	char *key;		/* the selected row's key, kept as rows move */
	bool chosen;		/* the user chose the row: followed while rows are summed */
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

/* Whether a live capture is still followed: its rates are an interval's. */
bool ui_views_following(const struct ui *u);
/* The rows to show, totals or rates, held until topview_unlock() (topview_lock). */
struct eng_top *ui_views_lock_rows(struct views *w, const struct ui *u, double *seconds);
/* The row whose key is w->key, or w->sel if it is gone. */
uint64_t ui_views_find_key(struct views *w, struct eng_top *t);
/* The column of v shown at position d. */
unsigned int ui_views_shown_col(const struct eng_top_view *v, unsigned int d);
/* Appends ns as seconds, as the prompt takes them: "2.5". */
void ui_views_put_seconds(struct sbuf *out, uint64_t ns);
/* Its drawing (ui_top.c), and whether it moved since it was drawn. */
void ui_views_draw(struct panel *p, struct ui *u);
bool ui_views_tick(struct panel *p, struct ui *u);
/* F7: what v shows, and each of its columns, as shown; a screen of text (ui_text_new()). */
struct panel *ui_views_legend_new(const struct eng_top_view *v);

#endif

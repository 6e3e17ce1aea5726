// SPDX-License-Identifier: GPL-2.0-only
/* The mouse: a click selects and focuses, the wheel scrolls, a click on a title sorts. */
#include <curses.h>

#include "monotime.h"
#include "ui.h"

#define WHEEL_ROWS 3 /* rows a turn of the wheel moves */
#define TWICE_S 0.4  /* a second press within this long is a double click */

bool ui_mouse_read(struct ui *u, struct ui_click *c)
{
	double now = mono_now();
	MEVENT me;

	if (getmouse(&me) != OK)
		return false;
	c->x = me.x;
	c->y = me.y;
	c->twice = false;
	if (me.bstate & BUTTON4_PRESSED) {
		c->what = UC_WHEEL_UP;
	} else if (me.bstate & BUTTON5_PRESSED) {
		c->what = UC_WHEEL_DOWN;
	} else if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) {
		c->what = UC_PRESS;
		c->twice = c->x == u->click_x && c->y == u->click_y && now - u->click_at < TWICE_S;
		/* a third press starts over */
		u->click_at = c->twice ? 0 : now;
		u->click_x = c->x;
		u->click_y = c->y;
	} else {
		return false;
	}
	return true;
}

/* The tree node shown on line k of the tree pane (0: the first under its title), or nnodes. */
static unsigned int node_at(const struct ui *u, int k)
{
	unsigned int i, shown = 0;

	for (i = 0; i < u->nnodes; i++) {
		if (!ui_node_visible(u, i))
			continue;
		if (shown++ == u->tree_top + (unsigned int)k)
			return i;
	}
	return u->nnodes;
}

/* The pane of the events screen at line y. */
static enum tui_mode pane_at(const struct ui *u, int y)
{
	return y < u->list_h ? TM_LIST : y < u->list_h + u->tree_h ? TM_TREE : TM_HEX;
}

static void events_click(struct ui *u, const struct ui_click *c, uint64_t rows)
{
	unsigned int i, n = tview_ncols(u->v);
	int x, w;

	u->focus = pane_at(u, c->y);
	if (c->y == 0) {
		/* a column's title: sort by it, the other way if it is sorted by already */
		for (i = 0; i < n; i++) {
			tview_col_span(u->v, i, &x, &w);
			x -= u->hscroll;
			if (c->x >= x && (!w || c->x <= x + w))
				break;
		}
		if (i < n) {
			u->col = i;
			ui_act(u, TA_SORT, rows);
		}
	} else if (u->focus == TM_LIST) {
		if (u->top + (uint64_t)(c->y - 1) < rows) {
			u->sel = u->top + (uint64_t)(c->y - 1);
			u->follow = false;
		}
	} else if (u->focus == TM_TREE && c->y > u->list_h) {
		i = node_at(u, c->y - u->list_h - 1);
		if (i >= u->nnodes)
			return;
		u->tree_sel = i;
		/* a section's sign, or a double click, opens or closes it */
		if (c->twice || (u->nodes[i].section && c->x < 2))
			ui_act(u, TA_TOGGLE, rows);
	}
}

void ui_mouse(struct ui *u, const struct ui_click *c, uint64_t rows)
{
	int i;

	if (u->help) {
		if (c->what == UC_WHEEL_UP)
			u->help_top = u->help_top > WHEEL_ROWS ? u->help_top - WHEEL_ROWS : 0;
		else if (c->what == UC_WHEEL_DOWN)
			u->help_top += WHEEL_ROWS;
		return;
	}
	if (u->pk != PK_NONE)
		return;
	/* the screen shown, as ui_draw() picks it */
	if (u->in_graph && !u->stream) {
		ui_graph_click(u, c);
		return;
	}
	if (c->what != UC_PRESS) {
		/* the wheel moves the selection of the pane under it */
		if (!u->stream && !u->in_views && !u->picking)
			u->focus = pane_at(u, c->y);
		for (i = 0; i < WHEEL_ROWS; i++)
			ui_act(u, c->what == UC_WHEEL_UP ? TA_UP : TA_DOWN, rows);
		return;
	}
	if (u->stream)
		ui_stream_click(u, c);
	else if (u->in_views || u->picking)
		ui_top_click(u, c);
	else
		events_click(u, c, rows);
}

// SPDX-License-Identifier: GPL-2.0-only
/* The mouse: a click selects and focuses, the wheel scrolls, a click on a title sorts. */
#include <curses.h>

#include "monotime.h"
#include "ui_events.h"

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
	const struct events *ev = ui_ev(u);
	unsigned int i, shown = 0;

	for (i = 0; i < ev->nnodes; i++) {
		if (!ui_node_visible(u, i))
			continue;
		if (shown++ == ev->tree_top + (unsigned int)k)
			return i;
	}
	return ev->nnodes;
}

/* The pane of the events screen at line y. */
static enum tui_mode pane_at(const struct ui *u, int y)
{
	const struct events *ev = ui_ev(u);

	return y < ev->list_h ? TM_LIST : y < ev->list_h + ev->tree_h ? TM_TREE : TM_HEX;
}

void ui_wheel(struct panel *p, struct ui *u, const struct ui_click *c)
{
	int i;

	for (i = 0; i < WHEEL_ROWS; i++)
		p->ops->key(p, u, 0, c->what == UC_WHEEL_UP ? TA_UP : TA_DOWN);
}

void ui_events_click(struct ui *u, const struct ui_click *c)
{
	struct events *ev = ui_ev(u);
	unsigned int i, n = tview_ncols(u->v);
	struct tview_status st;
	uint64_t rows;
	int x, w;

	ev->focus = pane_at(u, c->y);
	if (c->what != UC_PRESS) {
		/* the wheel moves the selection of the pane under it */
		ui_wheel(u->events, u, c);
		return;
	}
	tview_status(u->v, &st);
	rows = st.rows;
	if (c->y == 0) {
		/* a column's title: sort by it, the other way if it is sorted by already */
		for (i = 0; i < n; i++) {
			tview_col_span(u->v, i, &x, &w);
			x -= ev->hscroll;
			if (c->x >= x && (!w || c->x <= x + w))
				break;
		}
		if (i < n) {
			ev->col = i;
			u->events->ops->key(u->events, u, 0, TA_SORT);
		}
	} else if (ev->focus == TM_LIST) {
		if (ev->top + (uint64_t)(c->y - 1) < rows) {
			ev->sel = ev->top + (uint64_t)(c->y - 1);
			ev->follow = false;
		}
	} else if (ev->focus == TM_TREE && c->y > ev->list_h) {
		i = node_at(u, c->y - ev->list_h - 1);
		if (i >= ev->nnodes)
			return;
		ev->tree_sel = i;
		/* a section's sign, or a double click, opens or closes it */
		if (c->twice || (ev->nodes[i].section && c->x < 2))
			u->events->ops->key(u->events, u, 0, TA_TOGGLE);
	}
}

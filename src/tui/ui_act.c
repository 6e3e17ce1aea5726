// SPDX-License-Identifier: GPL-2.0-only
/* What the keys do: moving, filtering, finding, marking, saving, columns and sorting. */
#include <ctype.h>
#include <curses.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "complete.h"
#include "eng_filter.h"
#include "prompt.h"
#include "ui_events.h"
#include "xalloc.h"

void ui_message(struct ui *u, bool bad, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(u->msg, sizeof(u->msg), fmt, ap);
	va_end(ap);
	u->msg_bad = bad;
}

static void set_collapsed(struct ui *u, const char *title, bool on)
{
	struct events *ev = ui_ev(u);
	size_t i;

	for (i = 0; i < ev->ncollapsed; i++) {
		if (strcmp(ev->collapsed[i], title) == 0) {
			if (!on) {
				free(ev->collapsed[i]);
				ev->collapsed[i] = ev->collapsed[--ev->ncollapsed];
			}
			return;
		}
	}
	if (on) {
		ev->collapsed = xreallocarray(ev->collapsed, ev->ncollapsed + 1, sizeof(*ev->collapsed));
		ev->collapsed[ev->ncollapsed++] = xstrdup(title);
	}
}

/* Moves the selection of the focused pane by delta lines. */
static void move_by(struct ui *u, int64_t delta, uint64_t rows)
{
	struct events *ev = ui_ev(u);
	unsigned int i;

	if (ev->focus == TM_LIST) {
		if (delta < 0 && (uint64_t)-delta > ev->sel)
			ev->sel = 0;
		else
			ev->sel += (uint64_t)delta;
		if (rows && ev->sel >= rows)
			ev->sel = rows - 1;
	} else if (ev->focus == TM_TREE) {
		for (i = ev->tree_sel; delta > 0 && i + 1 < ev->nnodes;) {
			i++;
			if (ui_node_visible(u, i)) {
				ev->tree_sel = i;
				delta--;
			}
		}
		for (i = ev->tree_sel; delta < 0 && i > 0;) {
			i--;
			if (ui_node_visible(u, i)) {
				ev->tree_sel = i;
				delta++;
			}
		}
	} else if (delta < 0 && (uint32_t)-delta > ev->hex_top) {
		ev->hex_top = 0;
	} else {
		ev->hex_top += (uint32_t)delta;
	}
}

bool ui_select_event(struct ui *u, uint64_t num)
{
	struct events *ev = ui_ev(u);
	struct tview_status st;

	tview_status(u->v, &st);
	ev->sel = tview_row_at(u->v, num);
	if (ev->sel >= st.rows && st.rows)
		ev->sel = st.rows - 1;
	ev->focus = TM_LIST;
	ev->follow = false;
	return tview_row_event(u->v, ev->sel) == num;
}

/* The rows were found again: the selection goes to event keep, or the next one shown. */
static void reselect(struct ui *u, uint64_t keep)
{
	struct events *ev = ui_ev(u);
	bool follow;

	ev->sel = 0;
	ev->top = 0;
	ev->tree_event = 0;
	if (keep) {
		struct tview_status st;

		/* wait briefly for the rows up to it, so the list does not jump */
		for (int i = 0; i < 50; i++) {
			tview_status(u->v, &st);
			if (!st.searching || (st.rows && tview_row_event(u->v, st.rows - 1) >= keep))
				break;
			napms(10);
		}
		follow = ev->follow; /* a live list goes on following */
		ui_select_event(u, keep);
		ev->follow = follow;
	}
}

/* Applies a filter typed or built from the tree; false (and a caret) if it is bad. */
static bool apply_filter(struct ui *u, const char *text)
{
	struct events *ev = ui_ev(u);
	struct diag d = { 0 };
	uint64_t keep = ev->sel_event;

	if (tview_set_filter(u->v, text, &d) < 0) {
		ui_prompt_error(u, PK_FILTER, "Filter: ", text, &d);
		return false;
	}
	u->caret_msg[0] = 0;
	ui_message(u, false, "%s", *text ? "filter applied" : "filter cleared");
	reselect(u, keep);
	return true;
}

void ui_prompt_error(struct ui *u, enum prompt_kind pk, const char *label, const char *text,
		     const struct diag *d)
{
	snprintf(u->caret_msg, sizeof(u->caret_msg), "%s", d->msg);
	u->caret_col = d->col ? (int)d->col : 1;
	u->pk = pk;
	prompt_open(label, text, PC_FILTER);
}

/*
 * Whether text can be found: a filter, or text that does not look like one;
 * a filter that is wrong reopens the prompt with its error.
 */
static bool findable(struct ui *u, const char *text)
{
	struct diag d = { 0 };
	struct eng_filter *f = eng_filter_compile(text, &d);

	eng_filter_free(f);
	if (f || !complete_filter_like(text))
		return true;
	ui_prompt_error(u, PK_FIND, "Find (filter or text): ", text, &d);
	return false;
}

/* What a find's messages add when it looks for text. */
static const char *as_text(const struct tview_find *fd)
{
	return tview_find_is_filter(fd) ? "" : " (as text, not a filter)";
}

/* Starts finding the next (or previous) row after the selection matching u->find. */
static void find(struct ui *u, bool forward)
{
	struct events *ev = ui_ev(u);

	if (!ev->find) {
		ui_message(u, true, "nothing to find: press / first");
		return;
	}
	tview_find_free(ev->finding);
	ev->finding = tview_find_start(u->v, ev->sel, forward, ev->find);
	ui_message(u, false, "finding: %s%s (any key stops)", ev->find, as_text(ev->finding));
}

/* Goes on with the find under way for a moment; ends it once it is done. */
static void find_step(struct ui *u)
{
	struct events *ev = ui_ev(u);
	uint64_t row;
	int rc = tview_find_step(u->v, ev->finding, 30, &row);
	const char *how = as_text(ev->finding);

	if (rc == 0)
		return;
	tview_find_free(ev->finding);
	ev->finding = NULL;
	if (rc < 0) {
		ui_message(u, true, "not found: %s%s", ev->find, how);
		return;
	}
	ev->sel = row;
	ev->focus = TM_LIST;
	ev->follow = false;
	ui_message(u, false, "found: %s%s", ev->find, how);
}

void ui_find_stop(struct ui *u)
{
	struct events *ev = ui_ev(u);

	if (!ev->finding)
		return;
	tview_find_free(ev->finding);
	ev->finding = NULL;
	ui_message(u, false, "find stopped");
}

/* Selects the event numbered text, or says why it cannot. */
static void goto_event(struct ui *u, const char *text)
{
	const char *digits = text + strspn(text, " ");
	struct tview_status st;
	uint64_t num;
	char *end;

	errno = 0;
	num = strtoull(digits, &end, 10);
	if (!isdigit((unsigned char)*digits) || end[strspn(end, " ")] || errno || num == 0) {
		ui_message(u, true, "not an event number: '%s': events are numbered from 1", text);
		return;
	}
	tview_status(u->v, &st);
	if (num > st.events) {
		ui_select_event(u, st.events);
		ui_message(u, true, "no event %llu: the last is %llu", (unsigned long long)num,
			   (unsigned long long)st.events);
	} else if (!ui_select_event(u, num)) {
		ui_message(u, false, "event %llu is not shown; at the %s one",
			   (unsigned long long)num,
			   tview_row_event(u->v, ui_ev(u)->sel) > num ? "next" : "last shown");
	} else {
		ui_message(u, false, "event %llu", (unsigned long long)num);
	}
}

/* Writes the events shown to path, replacing what is there. */
static void save(struct ui *u, const char *path)
{
	struct diag d = { 0 };
	long long n = tview_save(u->v, path, &d);

	if (n < 0)
		ui_message(u, true, "not saved: %s", d.msg);
	else
		ui_message(u, false, "saved %lld events to %s", n, path);
}

static void events_prompt_done(struct panel *p, struct ui *u, enum prompt_kind pk,
			       const char *text)
{
	struct events *ev = ui_ev(u);
	struct diag d = { 0 };

	(void)p;
	switch (pk) {
	case PK_FILTER:
		apply_filter(u, text);
		break;
	case PK_FIND:
		if (!findable(u, text))
			break;
		free(ev->find);
		ev->find = *text ? xstrdup(text) : NULL;
		if (ev->find)
			find(u, true);
		break;
	case PK_GOTO:
		goto_event(u, text);
		break;
	case PK_COLUMN: {
		/* completion leaves a space after the name */
		char field[256];

		text += strspn(text, " ");
		snprintf(field, sizeof(field), "%.*s", (int)strcspn(text, " "), text);
		if (*field && tview_col_add(u->v, ev->col + 1, field, &d) < 0) {
			ui_message(u, true, "no column added: %s", d.msg);
		} else if (*field) {
			ev->col++;
			ui_cols_save(u);
		}
		break;
	}
	case PK_SAVE:
		if (*text && !ui_ask_overwrite(u, text))
			save(u, text);
		break;
	case PK_CONFIRM: {
		char *path = ui_overwrite_answer(u, text);

		if (path)
			save(u, path);
		free(path);
		break;
	}
	default:
		break;
	}
}

static void add_word(void *arg, const char *word)
{
	(void)arg;
	if (!strpbrk(word, "\"'()"))
		prompt_add_word(word, PW_NAME);
}

void ui_open_prompt(struct ui *u, enum prompt_kind pk, const char *label, const char *text)
{
	struct events *ev = ui_ev(u);

	/* the process and fd names known at the selected event, for completion */
	if (pk == PK_FILTER || pk == PK_FIND)
		tview_values(u->v, ev->sel_event, add_word, NULL);
	u->pk = pk;
	u->caret_msg[0] = 0;
	u->msg[0] = 0;
	prompt_open(label, text, pk == PK_SAVE || pk == PK_STREAM_SAVE ? PC_FILE : PC_FILTER);
}

bool ui_ask_overwrite(struct ui *u, const char *path)
{
	struct stat sb;
	char q[4200];

	if (stat(path, &sb) < 0)
		return false;
	free(u->overwrite);
	u->overwrite = xstrdup(path);
	snprintf(q, sizeof(q), "%s exists: overwrite? (y/n) ", path);
	ui_open_prompt(u, PK_CONFIRM, q, NULL);
	return true;
}

char *ui_overwrite_answer(struct ui *u, const char *answer)
{
	char *path = u->overwrite;

	u->overwrite = NULL;
	if (path && *answer != 'y') {
		ui_message(u, false, "not saved: %s exists", path);
		free(path);
		path = NULL;
	}
	return path;
}

static void toggle_mark(struct ui *u)
{
	struct events *ev = ui_ev(u);
	size_t i;

	if (!ev->sel_event)
		return;
	for (i = 0; i < ev->nmarks; i++) {
		if (ev->marks[i] == ev->sel_event) {
			ev->marks[i] = ev->marks[--ev->nmarks];
			return;
		}
	}
	ev->marks = xreallocarray(ev->marks, ev->nmarks + 1, sizeof(*ev->marks));
	ev->marks[ev->nmarks++] = ev->sel_event;
}

static void next_mark(struct ui *u)
{
	struct events *ev = ui_ev(u);
	uint64_t best = 0, first = 0;
	size_t i;

	for (i = 0; i < ev->nmarks; i++) {
		if (ev->marks[i] > ev->sel_event && (!best || ev->marks[i] < best))
			best = ev->marks[i];
		if (!first || ev->marks[i] < first)
			first = ev->marks[i];
	}
	if (!best)
		best = first; /* wrap around */
	if (!best) {
		ui_message(u, true, "no marked events: m marks one");
		return;
	}
	ui_select_event(u, best);
}

/* The tree node's filter, as apply, apply-and or prepare use it. */
static void tree_filter(struct ui *u, enum tui_action a)
{
	struct events *ev = ui_ev(u);
	const struct tview_node *n = ev->tree_sel < ev->nnodes ? &ev->nodes[ev->tree_sel] : NULL;
	const char *old = tview_filter(u->v);
	struct sbuf f;

	if (!n || !n->filter) {
		ui_message(u, true, "this node has no field to filter on");
		return;
	}
	sbuf_init(&f);
	if (a == TA_APPLY_AND && old[0])
		sbuf_printf(&f, "(%s) and %s", old, n->filter);
	else
		sbuf_puts(&f, n->filter);
	if (a == TA_PREPARE)
		ui_open_prompt(u, PK_FILTER, "Filter: ", f.s);
	else if (apply_filter(u, f.s))
		prompt_remember(f.s);
	sbuf_fini(&f);
}

/* Scrolls the list sideways so that the selected column is in view. */
static void show_column(struct ui *u)
{
	struct events *ev = ui_ev(u);
	int x, w;

	tview_col_span(u->v, ev->col, &x, &w);
	if (x < ev->hscroll)
		ev->hscroll = x;
	else if (w && x + w > ev->hscroll + COLS)
		ev->hscroll = x + w - COLS;
	else if (!w && x > ev->hscroll + COLS - 8)
		ev->hscroll = x - COLS / 2;
}

bool ui_quit(struct ui *u)
{
	if (u->src->live && !u->src->saved && !u->asking) {
		u->asking = true;
		ui_message(u, true, "quit and lose the events captured? y to quit, w to save first");
		return false;
	}
	return true;
}

/* Pushes a screen the list opens, unless it could not open (and said why). */
static void open_screen(struct ui *u, struct panel *p)
{
	if (p)
		ui_push(u, p);
}

static enum panel_next events_key(struct panel *p, struct ui *u, int key, enum tui_action a)
{
	struct events *ev = ui_ev(u);
	int page = ev->focus == TM_LIST ? ev->list_h - 2 : ev->focus == TM_TREE ? ev->tree_h - 2 :
										 ev->hex_h - 2;
	struct tview_status st;
	uint64_t rows;

	(void)p;
	(void)key;
	tview_status(u->v, &st);
	rows = st.rows;
	if (page < 1)
		page = 1;
	switch (a) {
	case TA_FOLLOW:
		open_screen(u, ui_stream_new(u));
		break;
	case TA_GRAPH:
		open_screen(u, ui_graph_open(u));
		break;
	case TA_SPECTRO:
		ui_spectro_open(u);
		break;
	case TA_VIEWS:
		open_screen(u, ui_views_new(u, NULL, NULL));
		break;
	case TA_BACK:
		ui_message(u, true, "nothing to go back to: v shows the views");
		break;
	case TA_SIGNAL:
		ui_signal_event(u);
		break;
	case TA_DOWN:
		move_by(u, 1, rows);
		break;
	case TA_UP:
		ev->follow = false;
		move_by(u, -1, rows);
		break;
	case TA_PAGE_DOWN:
		move_by(u, page, rows);
		break;
	case TA_PAGE_UP:
		ev->follow = false;
		move_by(u, -page, rows);
		break;
	case TA_TOP:
		ev->follow = false;
		move_by(u, -(int64_t)UINT32_MAX * 4, rows);
		break;
	case TA_BOTTOM:
		move_by(u, (int64_t)UINT32_MAX * 4, rows);
		break;
	case TA_FOCUS_NEXT:
		ev->focus = ev->focus == TM_LIST ? TM_TREE : ev->focus == TM_TREE ? TM_HEX : TM_LIST;
		break;
	case TA_FOCUS_PREV:
		ev->focus = ev->focus == TM_LIST ? TM_HEX : ev->focus == TM_HEX ? TM_TREE : TM_LIST;
		break;
	case TA_FILTER:
		ui_open_prompt(u, PK_FILTER, "Filter: ", tview_filter(u->v));
		break;
	case TA_CLEAR_FILTER:
		apply_filter(u, "");
		break;
	case TA_FIND:
		ui_open_prompt(u, PK_FIND, "Find (filter or text): ", ev->find);
		break;
	case TA_FIND_NEXT:
	case TA_FIND_PREV:
		find(u, a == TA_FIND_NEXT);
		break;
	case TA_GOTO:
		ui_open_prompt(u, PK_GOTO, "Go to event: ", NULL);
		break;
	case TA_MARK:
		toggle_mark(u);
		break;
	case TA_NEXT_MARK:
		next_mark(u);
		break;
	case TA_TIME_REF:
		ev->time_ref = ev->sel_event;
		ev->time_mode = TT_REFERENCE;
		tview_set_time(u->v, ev->time_mode, ev->time_ref);
		ui_message(u, false, "time reference: event %llu", (unsigned long long)ev->time_ref);
		break;
	case TA_CALLS: {
		uint64_t keep = ev->sel_event;

		tview_set_calls(u->v, !tview_calls(u->v));
		ui_switch_save(u, "calls", tview_calls(u->v));
		ui_message(u, false, "%s",
			   tview_calls(u->v) ? "a row per system call: its exit, with its enter" :
					       "a row per event: enters and exits apart");
		reselect(u, keep);
		break;
	}
	case TA_ZOOM:
		ev->zoom = !ev->zoom;
		break;
	case TA_PANE_GROW:
	case TA_PANE_SHRINK: {
		int by = a == TA_PANE_GROW ? 1 : -1;

		/* the list grows from the detail pane */
		if (ev->focus == TM_HEX)
			ev->grow_hex += by;
		else
			ev->grow_tree += ev->focus == TM_TREE ? by : -by;
		ui_layout(u);
		break;
	}
	case TA_HIDDEN: {
		uint64_t keep = ev->sel_event;

		tview_set_hidden(u->v, !tview_hidden(u->v));
		ui_message(u, false, "%s", tview_hidden(u->v) ? "hidden events shown, as -A does" :
								"hidden events hidden");
		reselect(u, keep);
		break;
	}
	case TA_TIME_FORMAT:
		ev->time_mode = (enum tview_time)((ev->time_mode + 1) % TT_COUNT);
		tview_set_time(u->v, ev->time_mode, ev->time_ref);
		break;
	case TA_EXPAND:
	case TA_COLLAPSE:
	case TA_TOGGLE:
		if (ev->focus == TM_TREE && ev->tree_sel < ev->nnodes) {
			unsigned int s = ev->tree_sel;

			while (s > 0 && !ev->nodes[s].section)
				s--;
			if (a == TA_TOGGLE)
				set_collapsed(u, ev->nodes[s].text, !ui_is_collapsed(u, ev->nodes[s].text));
			else
				set_collapsed(u, ev->nodes[s].text, a == TA_COLLAPSE);
			if (a != TA_EXPAND)
				ev->tree_sel = s;
		}
		break;
	case TA_APPLY:
	case TA_APPLY_AND:
	case TA_PREPARE:
		tree_filter(u, a);
		break;
	case TA_SAVE:
		ui_open_prompt(u, PK_SAVE, "Save shown events to: ", NULL);
		break;
	case TA_PAUSE:
		if (!u->src->live) {
			ui_message(u, true, "not a live capture: nothing to pause");
			break;
		}
		ev->follow = !ev->follow;
		ui_message(u, false, "%s", ev->follow ? "following the capture" : "paused");
		break;
	case TA_COL_NEXT:
	case TA_COL_PREV:
		if (a == TA_COL_NEXT && ev->col + 1 < tview_ncols(u->v))
			ev->col++;
		else if (a == TA_COL_PREV && ev->col > 0)
			ev->col--;
		show_column(u);
		break;
	case TA_SORT:
	case TA_UNSORT: {
		bool desc;
		int by = tview_sorted_by(u->v, &desc), rc;

		rc = a == TA_UNSORT ? tview_sort(u->v, -1, false)
				    : tview_sort(u->v, (int)ev->col, by == (int)ev->col && !desc);
		if (rc == -EBUSY)
			ui_message(u, true, "the rows are still being found: sort once they are all there");
		ev->sel = 0;
		ev->follow = false;
		break;
	}
	case TA_SCROLL_LEFT:
		ev->hscroll = ev->hscroll > 8 ? ev->hscroll - 8 : 0;
		break;
	case TA_SCROLL_RIGHT:
		ev->hscroll += 8;
		break;
	case TA_COL_WIDER:
	case TA_COL_NARROWER:
		tview_col_resize(u->v, ev->col, a == TA_COL_WIDER ? 2 : -2);
		ui_cols_save(u);
		break;
	case TA_COL_ADD:
		ui_open_prompt(u, PK_COLUMN, "Add column (field): ", NULL);
		break;
	case TA_COL_REMOVE:
		tview_col_remove(u->v, ev->col);
		if (ev->col >= tview_ncols(u->v))
			ev->col = tview_ncols(u->v) - 1;
		ui_cols_save(u);
		break;
	case TA_COL_RESET:
		tview_cols_reset(u->v);
		ev->col = 0;
		ui_cols_forget(u);
		break;
	default:
		break;
	}
	return PN_STAY;
}

static enum tui_mode events_mode(struct panel *p, const struct ui *u)
{
	const struct events *ev = ui_ev(u);

	(void)p;
	return ev->focus;
}

/* A find under way steps on; the capture, rows or health moved. */
static bool events_tick(struct panel *p, struct ui *u)
{
	struct events *ev = ui_ev(u);
	bool moved = false;

	if (ev->finding) {
		find_step(u);
		moved = true;
	}
	p->tick_ms = ev->finding ? 0 : 100;
	return ui_progressed(u, &ev->shown) || moved;
}

static void events_draw(struct panel *p, struct ui *u)
{
	(void)p;
	ui_events_draw(u);
}

static void events_mouse(struct panel *p, struct ui *u, const struct ui_click *c)
{
	(void)p;
	ui_events_click(u, c);
}

static const struct panel_ops events_ops = {
	.mode = events_mode,
	.tick = events_tick,
	.draw = events_draw,
	.key = events_key,
	.mouse = events_mouse,
	.prompt_done = events_prompt_done,
};

struct panel *ui_events_new(const struct ui *u)
{
	struct events *ev = xcalloc(1, sizeof(*ev));

	ev->p.ops = &events_ops;
	ev->p.tick_ms = 100;
	ev->focus = TM_LIST;
	ev->follow = u->src->live;
	return &ev->p;
}

void ui_events_free(struct ui *u)
{
	struct events *ev = ui_ev(u);
	size_t i;

	tview_tree_free(ev->nodes, ev->nnodes);
	tview_find_free(ev->finding);
	for (i = 0; i < ev->ncollapsed; i++)
		free(ev->collapsed[i]);
	free(ev->collapsed);
	free(ev->marks);
	free(ev->find);
	free(ev);
	u->events = NULL;
}

uint64_t ui_selected_event(const struct ui *u)
{
	return ui_ev(u)->sel_event;
}

void ui_list_from_top(struct ui *u)
{
	struct events *ev = ui_ev(u);

	ev->focus = TM_LIST;
	ev->sel = ev->top = 0;
	ev->follow = false;
}

void ui_push(struct ui *u, struct panel *p)
{
	p->below = u->panel;
	u->panel = p;
}

void ui_pop(struct ui *u)
{
	struct panel *p = u->panel;

	if (!p->below)
		return;
	u->panel = p->below;
	p->below = NULL;
	if (p->ops->close)
		p->ops->close(p, u);
}

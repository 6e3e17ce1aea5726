// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the keys, the mouse and the prompts do in the top-like views:
 * opening a view from the picker, moving, sorting, filtering, finding, the
 * tree, the time window, F8 on the selected process, and drilling down from
 * a row to the next view narrowed to it or to its events, with Backspace
 * back up (from the top view, to the event list). Over a file, every level
 * sums the events of one time window, the event list drilled into too.
 */
#include <stdlib.h>
#include <string.h>

#include "eng_filter.h"
#include "prompt.h"
#include "ui_views.h"
#include "xalloc.h"

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

/*
 * Opens view name over the events filter keeps, from its top level; false
 * (and a message) if it cannot.
 */
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
	struct eng_top *t = ui_views_lock_rows(w, u, &seconds);
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
		ui_views_put_seconds(&t, w->window.from);
	if (w->windowed)
		sbuf_putc(&t, '-');
	if (w->windowed && w->window.to)
		ui_views_put_seconds(&t, w->window.to);
	ui_open_prompt(u, PK_WINDOW,
		       "Time window (seconds from the first event, FROM-TO, empty for all): ", t.s);
	sbuf_fini(&t);
}

/* t: the rows as a tree, or flat again. */
static void toggle_tree(struct views *w, struct ui *u, const struct eng_top_view *v)
{
	if (!v->parent) {
		ui_message(u, true, v->flags & ENG_TV_LEVELS ? "the %s are always a tree" :
					       "the %s have no parents to make a tree of",
			   v->title);
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

	if (!(v->flags & ENG_TV_LEVELS) && (!v->parent || !w->tree)) {
		ui_message(u, true,
			   "- and + fold the rows of a tree: t shows the processes as one");
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
		w->sel += (uint64_t)delta; /* ui_views_draw keeps it in range */
}

/* Sorts by the column shown at position d; again: the other way. */
static void sort_by(struct views *w, const struct eng_top_view *v, unsigned int d)
{
	int col = (int)ui_views_shown_col(v, d);

	w->asc = w->sort == col && !w->asc;
	w->sort = col;
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
	t = ui_views_lock_rows(w, u, &seconds);
	if (w->key && ui_views_find_key(w, t) < eng_top_nrows(t)) {
		struct sbuf c;

		sbuf_init(&c);
		eng_top_cell(t, ui_views_find_key(w, t), k, &c);
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
		ui_push(u, ui_views_legend_new(v));
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
	.tick = ui_views_tick,
	.draw = ui_views_draw,
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
	w->rates = ui_views_following(u);
	w->ended = u->ended;
	w->sort = -1;
	w->picking = !name;
	if (name && !open_view(w, u, name, filter)) {
		views_close(&w->p, u);
		return NULL;
	}
	return &w->p;
}

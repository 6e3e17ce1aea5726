// SPDX-License-Identifier: GPL-2.0-only
/*
 * Follow stream: the data a process read from and wrote to the selected
 * event's fd, in order, writes red and reads blue, as text, printable text
 * or hex. A walk gathers it from the capture on a thread of its own (and
 * goes on with a live capture); the lines are rendered as it grows.
 */
#include <curses.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eng_stream.h"
#include "eng_walk.h"
#include "ui.h"
#include "xalloc.h"

#define GUTTER 2 /* "w " or "r " before each line */

struct stream_line {
	size_t off, len; /* in text */
	size_t seg;
};

struct ui_stream {
	struct panel p;
	pthread_mutex_t lock; /* s, while the walk adds to it */
	struct eng_stream *s;
	struct eng_walk *walk;
	enum eng_stream_fmt fmt;
	int dir; /* -1 both, 0 reads, 1 writes */
	/* the rendered lines of segments [0, done) */
	struct sbuf text;
	struct stream_line *lines;
	size_t nlines, lines_cap, done;
	unsigned int restarts;
	unsigned int width;
	size_t top, sel; /* lines */
	size_t drawn;	 /* segments when last drawn */
	bool drawn_done; /* and whether the walk was over */
};

static bool add_event(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	struct ui_stream *st = arg;
	bool more;

	(void)r;
	pthread_mutex_lock(&st->lock);
	more = eng_stream_add(st->s, e);
	pthread_mutex_unlock(&st->lock);
	return more;
}

static void stream_close(struct panel *p, struct ui *u)
{
	struct ui_stream *st = (struct ui_stream *)p;

	(void)u;
	eng_walk_free(st->walk);
	eng_stream_free(st->s);
	pthread_mutex_destroy(&st->lock);
	sbuf_fini(&st->text);
	free(st->lines);
	free(st);
}

/* The stream of the selected event's fd; false with d set if it has none. */
static struct eng_stream *stream_at(struct ui *u, struct diag *d)
{
	struct eng_replay *r = eng_index_replay_at(tview_index(u->v), ui_selected_event(u), d);
	struct eng_stream *s = NULL;
	struct eng_evt e;
	int rc;

	if (!r)
		return NULL;
	rc = eng_replay_next(r, &e, d);
	if (rc > 0)
		s = eng_stream_new(&e, d);
	else if (rc == 0)
		diag_set(d, -ENOENT, 0, "event %llu is not in the capture",
			 (unsigned long long)ui_selected_event(u));
	eng_replay_free(r);
	return s;
}

static const struct panel_ops stream_ops;

struct panel *ui_stream_new(struct ui *u)
{
	struct ui_stream *st;
	struct diag d = { 0 };
	struct eng_stream *s;

	if (!ui_selected_event(u)) {
		ui_message(u, true, "no event selected");
		return NULL;
	}
	s = stream_at(u, &d);
	if (!s) {
		ui_message(u, true, "no stream: %s", d.msg);
		return NULL;
	}
	st = xcalloc(1, sizeof(*st));
	st->p.ops = &stream_ops;
	st->p.tick_ms = 100;
	pthread_mutex_init(&st->lock, NULL);
	sbuf_init(&st->text);
	st->s = s;
	st->dir = -1;
	st->walk = eng_walk_start(tview_index(u->v), add_event, st, &d);
	if (!st->walk) {
		stream_close(&st->p, u);
		ui_message(u, true, "no stream: %s", d.msg);
		return NULL;
	}
	return &st->p;
}

static void forget_lines(struct ui_stream *st)
{
	sbuf_reset(&st->text);
	st->nlines = 0;
	st->done = 0;
}

/* Renders the segments added since last; st->lock is held. */
static void render_new(struct ui_stream *st)
{
	const struct eng_stream *s = st->s;

	if (s->restarts != st->restarts) {
		st->restarts = s->restarts;
		forget_lines(st);
	}
	for (; st->done < s->nsegs; st->done++) {
		size_t from = st->text.len, p;

		if (st->dir >= 0 && s->segs[st->done].out != (st->dir == 1))
			continue;
		eng_stream_render(s, st->done, st->fmt, st->fmt == ENG_SF_HEX ? 0 : st->width,
				  &st->text);
		for (p = from; p < st->text.len;) {
			char *nl = memchr(st->text.s + p, '\n', st->text.len - p);
			size_t end = nl ? (size_t)(nl - st->text.s) : st->text.len;

			if (st->nlines == st->lines_cap) {
				st->lines_cap = st->lines_cap ? 2 * st->lines_cap : 256;
				st->lines = xreallocarray(st->lines, st->lines_cap, sizeof(*st->lines));
			}
			st->lines[st->nlines++] = (struct stream_line){ p, end - p, st->done };
			p = end + 1;
		}
	}
}

static bool stream_tick(struct panel *p, struct ui *u)
{
	struct ui_stream *st = (struct ui_stream *)p;
	bool moved;

	(void)u;
	pthread_mutex_lock(&st->lock);
	moved = st->s->nsegs != st->drawn || st->s->restarts != st->restarts;
	pthread_mutex_unlock(&st->lock);
	return moved || !eng_walk_done(st->walk) || !st->drawn_done;
}

static void draw_status(struct ui_stream *st, struct ui *u, const struct eng_stream *s)
{
	struct sbar b = { 0 };

	sbar_add(&b, 6, NULL, "read %llu bytes, written %llu", (unsigned long long)s->moved[0],
		 (unsigned long long)s->moved[1]);
	sbar_add(&b, 4, NULL, "%zu calls", s->nsegs);
	if (st->nlines) {
		const struct eng_stream_seg *g = &s->segs[st->lines[st->sel].seg];
		char brief[64];

		snprintf(brief, sizeof(brief), "line %zu/%zu", st->sel + 1, st->nlines);
		sbar_add(&b, 3, brief, "line %zu/%zu: event %llu, %s %lld bytes", st->sel + 1,
			 st->nlines, (unsigned long long)g->num, g->out ? "write" : "read",
			 (long long)g->len);
	}
	if (!eng_walk_done(st->walk))
		sbar_add(&b, 7, "reading", "reading the capture at event %llu",
			 (unsigned long long)eng_walk_scanned(st->walk));
	else if (!s->ended)
		sbar_add(&b, 2, NULL, "the fd stays open to the end");
	ui_status_draw(u, &b);
}

static void stream_draw(struct panel *p, struct ui *u)
{
	static const char *const dirs[] = { "both directions", "reads only", "writes only" };
	struct ui_stream *st = (struct ui_stream *)p;
	const struct eng_stream *s = st->s;
	int body = ui_lines(u) - 3, y;
	unsigned int width = COLS > GUTTER + 8 ? (unsigned int)(COLS - GUTTER) : 8;
	struct sbuf o;

	sbuf_init(&o);
	pthread_mutex_lock(&st->lock);
	if (width != st->width) {
		st->width = width;
		forget_lines(st);
	}
	render_new(st);
	st->drawn = s->nsegs;
	st->drawn_done = eng_walk_done(st->walk);
	if (body < 1)
		body = 1;
	if (st->sel >= st->nlines)
		st->sel = st->nlines ? st->nlines - 1 : 0;
	if (st->sel < st->top)
		st->top = st->sel;
	if (st->sel >= st->top + (size_t)body)
		st->top = st->sel - (size_t)body + 1;
	sbuf_puts(&o, " Follow: ");
	eng_stream_describe(s, &o);
	sbuf_printf(&o, " | %s | %s", eng_stream_fmt_name(st->fmt), dirs[st->dir + 1]);
	ui_bar(0, o.s, true);
	for (y = 0; y < body; y++) {
		size_t i = st->top + (size_t)y;
		const struct stream_line *l = i < st->nlines ? &st->lines[i] : NULL;
		bool out = l && s->segs[l->seg].out;
		int pair = out ? CP_WRITE : CP_READ;

		sbuf_reset(&o);
		if (l)
			sbuf_printf(&o, "%c %.*s", out ? 'w' : 'r', (int)l->len, st->text.s + l->off);
		else if (!i)
			sbuf_puts(&o, eng_walk_done(st->walk) ? "  (nothing read or written)" : "");
		if (l)
			ui_color_on(u, pair);
		if (l && i == st->sel)
			attron(A_REVERSE);
		ui_put(1 + y, 0, o.s, COLS);
		attroff(A_REVERSE);
		if (l)
			ui_color_off(u, pair);
	}
	if (u->pk == PK_NONE) {
		ui_message_line(u, u->msg);
		draw_status(st, u, s);
	}
	pthread_mutex_unlock(&st->lock);
	sbuf_fini(&o);
}

/* The event of the selected line, or 0. */
static uint64_t line_event(struct ui_stream *st)
{
	uint64_t num = 0;

	pthread_mutex_lock(&st->lock);
	if (st->sel < st->nlines)
		num = st->s->segs[st->lines[st->sel].seg].num;
	pthread_mutex_unlock(&st->lock);
	return num;
}

static void move_sel(struct ui_stream *st, int64_t delta)
{
	if (delta < 0 && (size_t)-delta > st->sel)
		st->sel = 0;
	else
		st->sel += (size_t)delta; /* drawing keeps it in the lines */
}

static void stream_mouse(struct panel *p, struct ui *u, const struct ui_click *c)
{
	struct ui_stream *st = (struct ui_stream *)p;

	if (c->what != UC_PRESS) {
		ui_wheel(p, u, c);
		return;
	}
	/* a line (stream_draw keeps the selection in range) */
	if (c->y >= 1 && c->y < ui_lines(u) - 2)
		st->sel = st->top + (size_t)(c->y - 1);
}

static enum panel_next stream_key(struct panel *p, struct ui *u, int key, enum tui_action a)
{
	struct ui_stream *st = (struct ui_stream *)p;
	int page = ui_lines(u) - 4 > 1 ? ui_lines(u) - 4 : 1;
	uint64_t num;
	char name[64];

	(void)key;
	switch (a) {
	case TA_DOWN:
	case TA_UP:
		move_sel(st, a == TA_DOWN ? 1 : -1);
		break;
	case TA_PAGE_DOWN:
	case TA_PAGE_UP:
		move_sel(st, a == TA_PAGE_DOWN ? page : -page);
		break;
	case TA_TOP:
	case TA_BOTTOM:
		st->sel = a == TA_TOP ? 0 : SIZE_MAX;
		break;
	case TA_STREAM_FORMAT:
	case TA_STREAM_DIR:
		pthread_mutex_lock(&st->lock);
		if (a == TA_STREAM_FORMAT)
			st->fmt = (st->fmt + 1) % ENG_SF_RAW;
		else
			st->dir = st->dir == 1 ? -1 : st->dir + 1;
		forget_lines(st);
		st->sel = st->top = 0;
		pthread_mutex_unlock(&st->lock);
		break;
	case TA_SAVE:
		snprintf(name, sizeof(name), "stream-%lld-fd%lld.%s", (long long)st->s->pid,
			 (long long)st->s->fd, st->fmt == ENG_SF_TEXT ? "bin" : "txt");
		ui_open_prompt(u, PK_STREAM_SAVE, "Save the stream to: ", name);
		break;
	case TA_DRILL:
		num = line_event(st);
		if (!num)
			break;
		ui_select_event(u, num);
		ui_message(u, false, "event %llu", (unsigned long long)num);
		return PN_POP;
	case TA_BACK:
	case TA_FOLLOW:
		return PN_POP;
	default:
		break;
	}
	return PN_STAY;
}

/* Writes the stream, as shown, to path, replacing what is there. */
static void save(struct ui_stream *st, struct ui *u, const char *path)
{
	/* text is shown with '.' for control bytes, but saved as the data itself */
	enum eng_stream_fmt fmt = st->fmt == ENG_SF_TEXT ? ENG_SF_RAW : st->fmt;
	FILE *f = fopen(path, "w");
	struct sbuf o;
	size_t i, n = 0;
	int err = 0;

	if (!f) {
		ui_message(u, true, "not saved: %s: %s", path, strerror(errno));
		return;
	}
	sbuf_init(&o);
	pthread_mutex_lock(&st->lock);
	for (i = 0; i < st->s->nsegs && !err; i++) {
		if (st->dir >= 0 && st->s->segs[i].out != (st->dir == 1))
			continue;
		sbuf_reset(&o);
		eng_stream_render(st->s, i, fmt, 0, &o);
		if (fwrite(o.s, 1, o.len, f) != o.len)
			err = errno;
		n += o.len;
	}
	pthread_mutex_unlock(&st->lock);
	if (fclose(f) != 0 && !err)
		err = errno;
	sbuf_fini(&o);
	if (err) {
		unlink(path);
		ui_message(u, true, "not saved: %s: %s", path, strerror(err));
	} else {
		ui_message(u, false, "saved %zu bytes (%s) to %s", n,
			   fmt == ENG_SF_RAW ? "the data" : eng_stream_fmt_name(fmt), path);
	}
}

/* The prompt's file: saved to, after asking if it exists. */
static void stream_prompt_done(struct panel *p, struct ui *u, enum prompt_kind pk,
			       const char *text)
{
	struct ui_stream *st = (struct ui_stream *)p;
	char *path;

	if (pk == PK_STREAM_SAVE && *text && !ui_ask_overwrite(u, text)) {
		save(st, u, text);
	} else if (pk == PK_CONFIRM) {
		path = ui_overwrite_answer(u, text);
		if (path)
			save(st, u, path);
		free(path);
	}
}

static enum tui_mode stream_mode(struct panel *p, const struct ui *u)
{
	(void)p;
	(void)u;
	return TM_STREAM;
}

static const struct panel_ops stream_ops = {
	.mode = stream_mode,
	.tick = stream_tick,
	.draw = stream_draw,
	.key = stream_key,
	.mouse = stream_mouse,
	.prompt_done = stream_prompt_done,
	.close = stream_close,
};

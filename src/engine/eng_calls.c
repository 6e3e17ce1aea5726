// SPDX-License-Identifier: GPL-2.0-only
#include "eng_calls.h"

#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "sbuf.h"
#include "schema.h"
#include "xalloc.h"

/* An event held back, in the order the events came. */
struct held {
	uint64_t num, ts;
	int64_t tid;
	size_t off, len; /* its text in c->text */
	enum { H_SHOW, H_DROP, H_ENTER } what; /* H_ENTER: an enter waiting for its exit */
};

struct eng_calls {
	eng_calls_emit emit;
	void *arg;
	struct held *q; /* a ring of cap entries, head at first */
	size_t cap, first, n;
	struct hmap enters; /* tid -> 1 + the ring index of its waiting enter */
	struct sbuf text;
};

struct eng_calls *eng_calls_new(eng_calls_emit emit, void *arg)
{
	struct eng_calls *c = xcalloc(1, sizeof(*c));

	c->emit = emit;
	c->arg = arg;
	hmap_init(&c->enters);
	sbuf_init(&c->text);
	return c;
}

void eng_calls_free(struct eng_calls *c)
{
	if (!c)
		return;
	hmap_fini(&c->enters);
	sbuf_fini(&c->text);
	free(c->q);
	free(c);
}

bool eng_calls_is_enter(const struct eng_evt *e)
{
	return e->thread && !e->hidden && e->ev.type < EV_MAX && ev_type_is_enter(e->ev.type) &&
	       (ev_table[e->ev.type].category & EV_C_SYSCALL);
}

/*
 * Whether e tells whether its thread's waiting enter was paired: a system
 * call (its exit, or the next call), or the thread's end; not the events
 * that come while a call runs (a switch, a signal, a page fault).
 */
static bool ends_wait(const struct eng_evt *e)
{
	uint16_t t = e->ev.type;

	return e->thread && !e->hidden && t < EV_MAX &&
	       ((ev_table[t].category & EV_C_SYSCALL) || t == EV_PROCEXIT_E ||
		t == EV_PROCEXIT_1_E);
}

static struct held *at(struct eng_calls *c, size_t i)
{
	return &c->q[(c->first + i) % c->cap];
}

static struct held *push(struct eng_calls *c)
{
	struct held *h;
	size_t i;

	if (c->n == c->cap) {
		/* unroll the ring into a bigger one; waiting enters keep their index */
		struct held *q = xreallocarray(NULL, c->cap ? c->cap * 2 : 256, sizeof(*q));

		for (i = 0; i < c->n; i++)
			q[i] = *at(c, i);
		free(c->q);
		c->q = q;
		c->cap = c->cap ? c->cap * 2 : 256;
		c->first = 0;
		for (i = 0; i < c->n; i++)
			if (q[i].what == H_ENTER)
				hmap_put(&c->enters, (uint64_t)q[i].tid, (void *)(uintptr_t)(i + 1));
	}
	h = at(c, c->n);
	c->n++;
	return h;
}

/* The waiting enter of thread tid, now known to be shown (or dropped) on its own. */
static void decide(struct eng_calls *c, int64_t tid, bool drop)
{
	void *v = hmap_del(&c->enters, (uint64_t)tid);

	if (v)
		c->q[(uintptr_t)v - 1].what = drop ? H_DROP : H_SHOW;
}

/* Hands out the decided events at the head. */
static void drain(struct eng_calls *c)
{
	while (c->n && at(c, 0)->what != H_ENTER) {
		struct held *h = at(c, 0);

		if (h->what == H_SHOW)
			c->emit(c->arg, h->num, c->text.s + h->off, h->len);
		c->first = (c->first + 1) % c->cap;
		c->n--;
	}
	if (!c->n) {
		sbuf_reset(&c->text);
	} else if (at(c, 0)->off > 1u << 20 && at(c, 0)->off > c->text.len / 2) {
		/* the text handed out goes, lest it grows with the capture */
		size_t gone = at(c, 0)->off, i;

		memmove(c->text.s, c->text.s + gone, c->text.len - gone);
		sbuf_truncate(&c->text, c->text.len - gone);
		for (i = 0; i < c->n; i++)
			at(c, i)->off -= gone;
	}
}

/*
 * Hands out what is decided at the head, deciding that an enter waits no
 * longer than the hold: its call blocks, or its exit was lost. num and ts
 * are the newest event's (num 0: only the time counts).
 */
static void release(struct eng_calls *c, uint64_t num, uint64_t ts)
{
	const struct held *h;

	for (;;) {
		drain(c);
		if (!c->n)
			return;
		h = at(c, 0);
		if (!(num && num - h->num > ENG_CALLS_HOLD) &&
		    !(ts > h->ts && ts - h->ts > ENG_CALLS_HOLD_NS))
			return;
		decide(c, h->tid, false);
	}
}

void eng_calls_event(struct eng_calls *c, const struct eng_evt *e, bool keep, const char *text,
		     size_t len)
{
	void *w = ends_wait(e) ? hmap_get(&c->enters, (uint64_t)e->thread->tid) : NULL;
	struct held *h;

	if (w) {
		h = &c->q[(uintptr_t)w - 1];
		decide(c, h->tid, e->call && e->thread->enter_num == h->num);
	}
	if (keep) {
		h = push(c);
		h->num = e->num;
		h->ts = e->ev.ts;
		h->tid = e->thread ? e->thread->tid : -1;
		h->off = c->text.len;
		h->len = len;
		sbuf_put(&c->text, text, len);
		h->what = H_SHOW;
		if (eng_calls_is_enter(e)) {
			h->what = H_ENTER;
			hmap_put(&c->enters, (uint64_t)h->tid,
				 (void *)(uintptr_t)((c->first + c->n - 1) % c->cap + 1));
		}
	}
	release(c, e->num, e->ev.ts);
}

void eng_calls_expire(struct eng_calls *c, uint64_t now)
{
	release(c, 0, now);
}

void eng_calls_flush(struct eng_calls *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (at(c, i)->what == H_ENTER)
			decide(c, at(c, i)->tid, false);
	drain(c);
}

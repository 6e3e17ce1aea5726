// SPDX-License-Identifier: GPL-2.0-only
/*
 * State rows of the top-like views: a view with PROC or THREADS columns
 * has a row for every process the state knows, not only for those with
 * events, as csysdig's processes view has. The rows follow the state as
 * the events are summed: when a thread comes or goes (the state's
 * threads_gen changes) every process is looked at again, rows are made for
 * new ones the view's filters keep, and a row without events goes with its
 * process (one with events stays, as its sums do in csysdig);
 * an event that carries a thread's memory or CPU time brings its process's
 * row up to date. Such a row's PROC, THREADS and LAST columns are the
 * fields on a made-up procinfo event of the process's threads (thread.cpu
 * has a value on procinfo events only).
 */
#include <stdlib.h>
#include <string.h>

#include "eng_top_int.h"
#include "schema.h"
#include "xalloc.h"

/* Makes t's made-up event that of thread th, at the time of event e. */
static const struct eng_evt *proc_evt(struct eng_top *t, const struct eng_evt *e,
				      struct eng_thread *th)
{
	struct eng_evt *pe = t->proc_evt;

	if (!pe)
		pe = t->proc_evt = xcalloc(1, sizeof(*pe));
	pe->ev.type = EV_PROCINFO_E;
	pe->ev.tid = th->tid;
	pe->ev.ts = e->ev.ts;
	pe->ev.cpu = e->ev.cpu;
	pe->num = e->num;
	pe->thread = th;
	pe->info.thread = th;
	pe->hidden = true;
	return pe;
}

/* The thread standing for process pid: its main thread, or th if that is gone. */
static struct eng_thread *process_of(const struct eng_state *s, struct eng_thread *th)
{
	struct eng_thread *m = eng_state_thread(s, th->pid);

	return m ? m : th;
}

/* Sets the state columns of row r from the threads of process m. */
static void row_fill(struct eng_top *t, const struct eng_state *s, const struct eng_evt *e,
		     struct eng_thread *m, struct row *r)
{
	const struct eng_top_view *v = t->view;
	const struct eng_evt *pe = proc_evt(t, e, m);
	unsigned int c;
	size_t i = 0;
	uint64_t key;
	void *val;

	for (c = 0; c < v->ncols; c++) {
		uint8_t agg = v->cols[c].agg;

		if (agg != ENG_TA_LAST && agg != ENG_TA_PROC)
			continue;
		sbuf_reset(&t->val);
		if (!eng_field_extract(&t->cols[c].fr, &t->val, s, pe))
			continue;
		if (agg == ENG_TA_PROC) {
			r->v[c] = strtoll(t->val.s, NULL, 10);
		} else if (!r->text[c] || strcmp(r->text[c], t->val.s) != 0) {
			free(r->text[c]);
			r->text[c] = xstrdup(t->val.s);
		}
	}
	for (c = 0; c < v->ncols; c++)
		if (v->cols[c].agg == ENG_TA_THREADS)
			r->v[c] = 0;
	while (hmap_next(&s->threads, &i, &key, &val)) {
		struct eng_thread *th = val;

		if (th->pid != m->pid)
			continue;
		pe = proc_evt(t, e, th);
		for (c = 0; c < v->ncols; c++) {
			if (v->cols[c].agg != ENG_TA_THREADS)
				continue;
			sbuf_reset(&t->val);
			if (eng_field_extract(&t->cols[c].fr, &t->val, s, pe))
				r->v[c] += strtoll(t->val.s, NULL, 10);
		}
	}
}

/*
 * The row of process m: found, or made if make and the view's filters keep
 * m's made-up event; NULL otherwise.
 */
static struct row *process_row(struct eng_top *t, const struct eng_state *s,
			       const struct eng_evt *e, struct eng_thread *m, bool make)
{
	const struct eng_evt *pe = proc_evt(t, e, m);
	struct row *r;
	unsigned int k;

	sbuf_reset(&t->key);
	for (k = 0; k < t->nkeys; k++) {
		if (k)
			sbuf_putc(&t->key, KEY_SEP);
		if (!eng_field_extract(&t->keys[k], &t->key, s, pe))
			return NULL;
	}
	r = eng_top_row_find(t, t->key.s, t->key.len);
	if (r || !make || (t->where && !eng_filter_match(t->where, s, pe)) ||
	    (t->filter && !eng_filter_match(t->filter, s, pe)))
		return r;
	return eng_top_row_of(t);
}

/*
 * Every process again: rows for new ones; the rows of those that are gone
 * stay only if they have events.
 */
static void sync_all(struct eng_top *t, const struct eng_state *s, const struct eng_evt *e)
{
	size_t i = 0, n;
	uint64_t key;
	void *val;
	struct row *r;

	for (n = 0; n < t->nrows; n++)
		t->rows[n]->seen = false;
	while (hmap_next(&s->threads, &i, &key, &val)) {
		struct eng_thread *th = val, *m = process_of(s, th);

		/* a process once: by its main thread, or its first thread without one */
		if (m != th && th->tid != th->pid)
			continue;
		r = process_row(t, s, e, m, true);
		if (r) {
			row_fill(t, s, e, m, r);
			r->seen = true;
		}
	}
	for (n = t->nrows; n-- > 0;)
		if (!t->rows[n]->seen && !t->rows[n]->events)
			eng_top_row_drop(t, t->rows[n]);
	t->state_gen = s->threads_gen;
	t->state_synced = true;
}

/* Whether events of this type change a thread's memory or CPU time. */
static bool carries_usage(uint16_t type)
{
	return type == EV_PROCINFO_E || ev_param_find(type, "vm_size") >= 0 ||
	       ev_param_find(type, "pgft_min") >= 0;
}

void eng_top_state_event(struct eng_top *t, const struct eng_state *s, const struct eng_evt *e)
{
	struct row *r;

	if (!t->state_synced || t->state_gen != s->threads_gen) {
		sync_all(t, s, e);
		return;
	}
	if (!e->thread || e->ev.type >= EV_MAX || !carries_usage(e->ev.type) ||
	    !eng_state_thread(s, e->thread->tid))
		return;
	r = process_row(t, s, e, process_of(s, e->thread), false);
	if (r)
		row_fill(t, s, e, process_of(s, e->thread), r);
}

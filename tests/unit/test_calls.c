// SPDX-License-Identifier: GPL-2.0-only
/*
 * Calls mode on a real capture (the shell session of the recorded corpus):
 * the events a replay with calls hands out through eng_calls, the fields
 * of a call, print mode's lines and the rows, tree and bytes of tview, all
 * checked against what a plain replay says of each exit and its enter.
 */
#define _GNU_SOURCE /* strndup */
#include <inttypes.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dis_args.h"
#include "eng_calls.h"
#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_replay.h"
#include "harness.h"
#include "sbuf.h"
#include "schema.h"
#include "tview.h"
#include "xalloc.h"

/* What a plain replay says: each event, and the enter a paired exit stands for. */
struct plain {
	uint64_t n;	 /* events */
	bool *hidden;	 /* by event number */
	uint64_t *enter; /* by exit's number: its paired enter's, or 0 */
	char **args;	 /* by number: evt.args of each event */
	uint64_t *ts;
	uint64_t absorbed; /* enters a call stands for */
	uint64_t visible;  /* events not hidden */
};

static char *field(const char *name, const struct eng_state *s, const struct eng_evt *e)
{
	struct eng_fref fr;
	struct sbuf v;

	sbuf_init(&v);
	if (eng_field_lookup(name, &fr, NULL) && !eng_field_extract(&fr, &v, s, e)) {
		sbuf_fini(&v);
		return NULL;
	}
	return v.s ? v.s : xstrdup("");
}

static void plain_read(const char *path, struct plain *p)
{
	struct eng_replay *r = eng_replay_open(path, NULL);
	size_t cap = 1024;
	struct eng_evt e;
	uint64_t i;

	memset(p, 0, sizeof(*p));
	p->hidden = xcalloc(cap, sizeof(*p->hidden));
	p->enter = xcalloc(cap, sizeof(*p->enter));
	p->args = xcalloc(cap, sizeof(*p->args));
	p->ts = xcalloc(cap, sizeof(*p->ts));
	while (r && eng_replay_next(r, &e, NULL) > 0) {
		if (e.num >= cap) {
			p->hidden = xreallocarray(p->hidden, cap * 2, sizeof(*p->hidden));
			p->enter = xreallocarray(p->enter, cap * 2, sizeof(*p->enter));
			p->args = xreallocarray(p->args, cap * 2, sizeof(*p->args));
			p->ts = xreallocarray(p->ts, cap * 2, sizeof(*p->ts));
			memset(p->enter + cap, 0, cap * sizeof(*p->enter));
			memset(p->args + cap, 0, cap * sizeof(*p->args));
			cap *= 2;
		}
		p->n = e.num;
		p->hidden[e.num] = e.hidden;
		p->visible += !e.hidden;
		p->ts[e.num] = e.ev.ts;
		p->args[e.num] = field("evt.args", &r->state, &e);
		if (e.info.paired && !e.hidden)
			p->enter[e.num] = e.thread->enter_num;
	}
	eng_replay_free(r);
	/* an exit stands for its enter when it came soon enough */
	for (i = 1; i <= p->n; i++) {
		uint64_t en = p->enter[i];

		if (en && !p->hidden[en] && i - en <= ENG_CALLS_HOLD &&
		    p->ts[i] - p->ts[en] <= ENG_CALLS_HOLD_NS)
			p->absorbed++;
	}
}

static void plain_free(struct plain *p)
{
	uint64_t i;

	for (i = 0; i <= p->n; i++)
		free(p->args[i]);
	free(p->args);
	free(p->hidden);
	free(p->enter);
	free(p->ts);
}

/* Whether event num of p is an enter a call stands for. */
static bool absorbed(const struct plain *p, uint64_t num)
{
	uint64_t i;

	for (i = num + 1; i <= p->n && i - num <= ENG_CALLS_HOLD; i++)
		if (p->enter[i] == num)
			return p->ts[i] - p->ts[num] <= ENG_CALLS_HOLD_NS;
	return false;
}

struct got {
	uint64_t *nums;
	char **text;
	size_t n, cap;
};

static void got_emit(void *arg, uint64_t num, const char *text, size_t len)
{
	struct got *g = arg;

	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 1024;
		g->nums = xreallocarray(g->nums, g->cap, sizeof(*g->nums));
		g->text = xreallocarray(g->text, g->cap, sizeof(*g->text));
	}
	g->nums[g->n] = num;
	g->text[g->n++] = strndup(text, len);
}

static void got_free(struct got *g)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		free(g->text[i]);
	free(g->text);
	free(g->nums);
}

/* The calls a replay hands out, each with its evt.args. */
static void check_calls(const char *path, const struct plain *p)
{
	struct eng_replay *r = eng_replay_open(path, NULL);
	struct got g = { 0 };
	struct eng_calls *c = eng_calls_new(got_emit, &g);
	uint64_t i, k = 0, calls = 0, size_args = 0;
	struct eng_evt e;
	bool order = true, args_ok = true;

	r->calls = true;
	while (eng_replay_next(r, &e, NULL) > 0) {
		char *a = field("evt.args", &r->state, &e), *size = field("evt.arg.size", &r->state, &e);

		if (e.call) {
			calls++;
			/* a call's arguments: its exit's, then what its enter adds */
			if (strncmp(a, p->args[e.num], strlen(p->args[e.num])) != 0)
				args_ok = false;
			if (size && e.ev.type == EV_SYSCALL_READ_X)
				size_args++;
		}
		eng_calls_event(c, &e, !e.hidden, a, strlen(a));
		free(a);
		free(size);
	}
	eng_calls_flush(c);
	CHECK(args_ok);
	CHECK(calls > 0);
	/* a read's size is its enter's: a call has it, as current libs' exit does */
	CHECK(size_args > 0);
	/* every event shows but the enters their calls stand for, in the events' order */
	for (i = 1; i <= p->n; i++) {
		if (p->hidden[i] || absorbed(p, i))
			continue;
		if (k >= g.n || g.nums[k] != i)
			order = false;
		k++;
	}
	CHECK(order);
	CHECK(k == g.n);
	CHECK(g.n + p->absorbed == p->visible);
	eng_calls_free(c);
	eng_replay_free(r);
	got_free(&g);
}

static void wait_rows(struct tview *v)
{
	struct timespec ts = { 0, 5000000 };
	struct tview_status st;

	do {
		nanosleep(&ts, NULL);
		tview_status(v, &st);
	} while (st.searching || st.indexing);
}

/* tview in calls mode: its rows, a call's row, tree and bytes. */
static void check_view(const char *path, const struct plain *p)
{
	struct diag d = { 0 };
	struct tview *v = tview_open(path, false, &d);
	struct tview_status st;
	struct tview_node *nodes;
	uint64_t row, i, k = 0, read_row = 0, events;
	unsigned int n, j;
	bool order = true, enter_section = false, enter_arg = false;
	const uint8_t *bytes;
	uint32_t len = 0, exit_len = 0;
	struct sbuf text;

	CHECK(v != NULL);
	if (!v)
		return;
	wait_rows(v);
	tview_status(v, &st);
	events = st.rows;
	tview_set_calls(v, true);
	CHECK(tview_calls(v));
	wait_rows(v);
	tview_status(v, &st);
	CHECK(st.rows + p->absorbed == events);
	for (i = 1, row = 0; i <= p->n; i++) {
		if (p->hidden[i] || absorbed(p, i))
			continue;
		if (tview_row_event(v, row++) != i)
			order = false;
		if (!read_row && p->enter[i] && strstr(p->args[i], "data=") &&
		    strncmp(p->args[i], "res=", 4) == 0 && p->args[p->enter[i]] &&
		    strncmp(p->args[p->enter[i]], "fd=", 3) == 0)
			read_row = row - 1;
		k++;
	}
	CHECK(order && k == st.rows);
	CHECK(read_row > 0);

	/* a read's row: the fd it reads first, the result, what was asked */
	sbuf_init(&text);
	tview_set_width(v, 200);
	CHECK(tview_row_text(v, read_row, &text));
	CHECK(strstr(text.s, " fd=") != NULL && strstr(text.s, " fd=") < strstr(text.s, " res="));
	CHECK(strstr(text.s, "size=") != NULL);
	sbuf_fini(&text);

	/* its tree has both halves, its bytes both events' */
	n = tview_tree(v, tview_row_event(v, read_row), &nodes);
	for (j = 0; j < n; j++) {
		if (nodes[j].section && strcmp(nodes[j].text, "Enter event") == 0) {
			enter_section = true;
			exit_len = nodes[j].off;
		}
		if (enter_section && !nodes[j].section && strncmp(nodes[j].text, "size: ", 6) == 0)
			enter_arg = nodes[j].off > exit_len;
	}
	CHECK(enter_section && enter_arg);
	bytes = tview_bytes(v, tview_row_event(v, read_row), &len);
	CHECK(bytes != NULL && exit_len > 0 && len > exit_len);
	tview_tree_free(nodes, n);

	/* back to a row per event */
	tview_set_calls(v, false);
	wait_rows(v);
	tview_status(v, &st);
	CHECK(st.rows == events);
	tview_free(v);
}

int main(int argc, char **argv)
{
	struct plain p;
	FILE *f;

	setlocale(LC_CTYPE, "C.UTF-8");
	if (argc < 2 || !(f = fopen(argv[1], "rb"))) {
		printf("SKIP: no capture\n");
		return 77;
	}
	fclose(f);
	plain_read(argv[1], &p);
	CHECK(p.n > 0 && p.absorbed > 0);
	check_calls(argv[1], &p);
	check_view(argv[1], &p);
	plain_free(&p);
	return h_done();
}

// SPDX-License-Identifier: GPL-2.0-only
/* The view of a capture: the selected event's detail tree and its bytes. */
#include "tview_int.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cells.h"
#include "dis_args.h"
#include "dis_proto.h"
#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_rules.h"
#include "eng_state.h"
#include "hmap.h"
#include "schema.h"
#include "xalloc.h"

/* Tree building. */
struct tree {
	struct tview_node *n;
	unsigned int count, cap;
};

static struct tview_node *node_add(struct tree *t, unsigned int depth, const char *text)
{
	struct tview_node *n;

	if (t->count == t->cap) {
		t->cap = t->cap * 2 + 32;
		t->n = xreallocarray(t->n, t->cap, sizeof(*t->n));
	}
	n = &t->n[t->count++];
	memset(n, 0, sizeof(*n));
	n->depth = depth;
	n->text = xstrdup(text);
	return n;
}

static void section(struct tree *t, const char *title, uint32_t off, uint32_t len)
{
	struct tview_node *n = node_add(t, 0, title);

	n->section = true;
	n->off = off;
	n->len = len;
}

/* A "label: value" node for field, if the event has a value for it. */
static void field_node(const struct cursor *c, struct tree *t, unsigned int depth,
		       const char *label, const char *field, uint32_t off, uint32_t len)
{
	struct sbuf val, text;
	struct tview_node *n;

	sbuf_init(&val);
	if (tview_field_text(c, field, &val)) {
		sbuf_init(&text);
		sbuf_printf(&text, "%s: ", label);
		cell_sanitize(&text, val.s);
		n = node_add(t, depth, text.s);
		sbuf_reset(&text);
		if (eng_filter_clause(&text, field, val.s))
			n->filter = xstrdup(text.s);
		n->off = off;
		n->len = len;
		sbuf_fini(&text);
	}
	sbuf_fini(&val);
}

/* The enter of the call the cursor shows, decoded; false if it shows no call. */
static bool call_enter(const struct cursor *c, struct ev_view *enter)
{
	return c->e.call && eng_state_enter_of(c->e.thread, &c->e.ev, enter);
}

/*
 * The protocol message in the event's data, under the data parameter whose
 * bytes start at base: each node names its bytes, and a field is a filter.
 */
static void proto_nodes(const struct cursor *c, struct tree *t, uint32_t base)
{
	const struct dis_ptree *pt = eng_evt_proto(&c->r->state, &c->e);
	const struct eng_reasm_evt *rs = eng_evt_reasm(&c->r->state, &c->e);
	uint32_t pre = 0;
	struct sbuf text;

	sbuf_init(&text);
	if (rs && rs->kind != ENG_RS_PLAIN) {
		size_t n;
		const char *name = dis_protos(&n)[rs->proto]->name;

		if (rs->kind == ENG_RS_PART)
			sbuf_printf(&text, "[Part of a %s message that later reads or writes complete:"
				    " from #%llu, %u event%s so far]", name,
				    (unsigned long long)rs->first, rs->events,
				    rs->events == 1 ? "" : "s");
		else if (rs->kind == ENG_RS_CUT)
			sbuf_printf(&text, "[The rest of a %s message the capture cut short]", name);
		else if (rs->events > 1)
			sbuf_printf(&text, "[%s message of %zu bytes gathered from %u events, #%llu"
				    " to this one]", name, rs->msg.len, rs->events,
				    (unsigned long long)rs->first);
		else
			sbuf_printf(&text, "[%s message after %u bytes of the one before]", name,
				    rs->skip);
		if (rs->kind != ENG_RS_MESSAGE || rs->events > 1 || rs->skip)
			node_add(t, 2, text.s);
		/* the message's bytes before the event's own are in other events */
		pre = rs->pre;
		base += rs->skip;
	}
	for (size_t i = 0; pt && i < pt->count; i++) {
		const struct dis_pnode *p = &pt->n[i];
		struct tview_node *n;

		sbuf_reset(&text);
		if (p->field)
			sbuf_printf(&text, "%s: ", p->field);
		cell_sanitize(&text, p->text);
		n = node_add(t, 2 + p->depth, text.s);
		if (p->off >= pre) {
			n->off = base + p->off - pre;
			n->len = p->len;
		}
		sbuf_reset(&text);
		if (p->field && eng_filter_clause(&text, p->field, p->text))
			n->filter = xstrdup(text.s);
	}
	if (pt && pt->malformed >= 0 && pt->malformed >= pre) {
		struct tview_node *n;

		sbuf_reset(&text);
		sbuf_printf(&text, "[Malformed %s message: it breaks at byte %lld]", pt->proto->name,
			    (long long)pt->malformed);
		n = node_add(t, 2, text.s);
		n->off = base + (uint32_t)pt->malformed - pre;
		n->len = 0;
	}
	sbuf_fini(&text);
}

/*
 * The event's parameters; a call's enter adds those its exit lacks, whose
 * bytes come after the exit's in tview_bytes().
 */
static void args_nodes(const struct cursor *c, struct tree *t)
{
	const struct ev_view *ev = &c->e.ev, *v;
	const struct ev_param_info *params;
	struct ev_view enter;
	uint32_t base = (uint32_t)(ev->data - ev->raw);
	unsigned int i, k, n;
	struct sbuf name;
	bool call = call_enter(c, &enter);

	sbuf_init(&name);
	for (k = 0; dis_call_param(ev, call ? &enter : NULL, DIS_VIEW_CUR, DIS_CALL_LIBS, k, &v, &i);
	     k++) {
		params = dis_params(v, DIS_VIEW_CUR, &n);
		if (i >= v->nparams || i >= EV_MAX_PARAMS)
			continue;
		if (v != ev)
			base = ev->len + (uint32_t)(v->data - v->raw);
		sbuf_reset(&name);
		sbuf_printf(&name, "evt.arg.%s", params[i].name);
		field_node(c, t, 1, params[i].name, name.s, base + v->poff[i], v->plen[i]);
		if (v == ev && params[i].type == EV_PT_BYTEBUF && strcmp(params[i].name, "data") == 0)
			proto_nodes(c, t, base + v->poff[i]);
	}
	sbuf_fini(&name);
}

/* A call's enter event, whole: its number, time and parameters. */
static void enter_nodes(const struct cursor *c, struct tree *t, const struct ev_view *enter)
{
	const struct ev_param_info *params, *xp;
	uint32_t base = c->e.ev.len, data = base + (uint32_t)(enter->data - enter->raw);
	struct sbuf text, val, res, clause;
	struct tview_node *node;
	struct dis_ctx ctx;
	unsigned int i, j, n, xn;

	section(t, "Enter event", base, enter->len);
	sbuf_init(&text);
	sbuf_init(&val);
	sbuf_init(&res);
	sbuf_init(&clause);
	sbuf_printf(&text, "Number: %" PRIu64, c->e.thread->enter_num);
	node_add(t, 1, text.s);
	sbuf_reset(&text);
	sbuf_puts(&text, "Time: ");
	eng_fmt_time(&text, enter->ts);
	node = node_add(t, 1, text.s);
	node->off = base;
	node->len = 8;
	eng_dis_ctx(&ctx, &c->r->state, &c->e);
	params = dis_params(enter, DIS_VIEW_CUR, &n);
	xp = dis_params(&c->e.ev, DIS_VIEW_CUR, &xn);
	for (i = 0; i < n && i < enter->nparams && i < EV_MAX_PARAMS; i++) {
		sbuf_reset(&val);
		sbuf_reset(&res);
		dis_param_render(&val, &res, enter, params, i, &ctx);
		sbuf_reset(&text);
		sbuf_printf(&text, "%s: ", params[i].name);
		cell_sanitize(&text, res.len ? res.s : val.s);
		node = node_add(t, 1, text.s);
		node->off = data + enter->poff[i];
		node->len = enter->plen[i];
		/* what the exit has of its own, a filter takes from the exit */
		for (j = 0; j < xn && strcmp(xp[j].name, params[i].name) != 0; j++)
			;
		sbuf_reset(&text);
		sbuf_printf(&text, "evt.arg.%s", params[i].name);
		sbuf_reset(&clause);
		if (j == xn && eng_filter_clause(&clause, text.s, res.len ? res.s : val.s))
			node->filter = xstrdup(clause.s);
	}
	sbuf_fini(&text);
	sbuf_fini(&val);
	sbuf_fini(&res);
	sbuf_fini(&clause);
}

/*
 * The alert the event raised (a rule of --rules): the rule, its output,
 * and which parts of its condition held, each a filter.
 */
static void alert_nodes(const struct cursor *c, struct tree *t)
{
	struct eng_rules_why w;
	struct sbuf text;
	size_t i;

	if (!eng_rules_why(&c->r->state, &c->e, &w))
		return;
	section(t, "Falco alert", 0, 0);
	field_node(c, t, 1, "Rule", "falco.rule", 0, 0);
	field_node(c, t, 1, "Priority", "falco.priority", 0, 0);
	sbuf_init(&text);
	sbuf_puts(&text, "Output: ");
	cell_sanitize(&text, w.output);
	node_add(t, 1, text.s);
	node_add(t, 1, "Condition ([x] held, [ ] did not)");
	for (i = 0; i < w.nparts; i++) {
		struct tview_node *n;

		sbuf_reset(&text);
		sbuf_puts(&text, !w.parts[i].known ? "[?] " : w.parts[i].held ? "[x] " : "[ ] ");
		cell_sanitize(&text, w.parts[i].text);
		n = node_add(t, 2 + w.parts[i].depth, text.s);
		if (w.parts[i].known)
			n->filter = xstrdup(w.parts[i].text);
	}
	sbuf_fini(&text);
	eng_rules_why_free(&w);
}

/* When a node of the tree applies. */
enum { W_ANY, W_EXIT, W_THREAD, W_FD };

/*
 * The detail tree. An entry with a section starts it (its condition holds
 * for the whole section); the Arguments section takes the event's
 * parameters. off and len are the bytes of the event header a node shows.
 */
static const struct {
	const char *section, *label, *field;
	uint8_t when, off, len;
} tree_nodes[] = {
	{ "Event", "Number", "evt.num", W_ANY, 0, 0 },
	{ NULL, "Time", "evt.datetime", W_ANY, 0, 8 },
	{ NULL, "Thread", "thread.tid", W_ANY, 8, 8 },
	{ NULL, "Type", "evt.type", W_ANY, 20, 2 },
	{ NULL, "Direction", "evt.dir", W_ANY, 20, 2 },
	{ NULL, "CPU", "evt.cpu", W_ANY, 0, 0 },
	{ NULL, "Latency (ns)", "evt.latency", W_EXIT, 0, 0 },
	{ NULL, "Result", "evt.res", W_EXIT, 0, 0 },
	{ NULL, "Failed", "evt.failed", W_EXIT, 0, 0 },
	{ "Arguments", NULL, NULL, W_ANY, 0, 0 },
	{ "Process", "Name", "proc.name", W_THREAD, 0, 0 },
	{ NULL, "PID", "proc.pid", W_THREAD, 0, 0 },
	{ NULL, "Executable", "proc.exe", W_THREAD, 0, 0 },
	{ NULL, "Command line", "proc.cmdline", W_THREAD, 0, 0 },
	{ NULL, "Working directory", "proc.cwd", W_THREAD, 0, 0 },
	{ NULL, "User", "user.name", W_THREAD, 0, 0 },
	{ NULL, "UID", "user.uid", W_THREAD, 0, 0 },
	{ NULL, "Parent", "proc.pname", W_THREAD, 0, 0 },
	{ NULL, "Parent PID", "proc.ppid", W_THREAD, 0, 0 },
	{ NULL, "Grandparent", "proc.aname[2]", W_THREAD, 0, 0 },
	{ NULL, "Ancestor 3", "proc.aname[3]", W_THREAD, 0, 0 },
	{ NULL, "Ancestor 4", "proc.aname[4]", W_THREAD, 0, 0 },
	{ NULL, "Ancestor 5", "proc.aname[5]", W_THREAD, 0, 0 },
	{ "Thread", "TID", "thread.tid", W_THREAD, 8, 8 },
	{ NULL, "Main thread", "thread.ismain", W_THREAD, 0, 0 },
	{ "File descriptor", "Number", "fd.num", W_FD, 0, 0 },
	{ NULL, "Type", "fd.type", W_FD, 0, 0 },
	{ NULL, "Name", "fd.name", W_FD, 0, 0 },
	{ NULL, "Client IP", "fd.cip", W_FD, 0, 0 },
	{ NULL, "Client port", "fd.cport", W_FD, 0, 0 },
	{ NULL, "Server IP", "fd.sip", W_FD, 0, 0 },
	{ NULL, "Server port", "fd.sport", W_FD, 0, 0 },
	{ NULL, "Protocol", "fd.l4proto", W_FD, 0, 0 },
	{ "Container", "ID", "container.id", W_THREAD, 0, 0 },
	{ NULL, "Name", "container.name", W_THREAD, 0, 0 },
	{ NULL, "Image", "container.image", W_THREAD, 0, 0 },
};

static bool applies(const struct cursor *c, uint8_t when)
{
	const struct eng_evt *e = &c->e;

	switch (when) {
	case W_EXIT:
		return !ev_type_is_enter(e->ev.type);
	case W_THREAD:
		return e->thread != NULL;
	case W_FD:
		return e->info.fd != NULL;
	default:
		return true;
	}
}

unsigned int tview_tree(struct tview *v, uint64_t num, struct tview_node **nodes)
{
	const struct cursor *c = tview_event_at(v, num);
	struct tree t = { 0 };
	struct ev_view enter;
	bool on = false;
	size_t i;

	*nodes = NULL;
	if (!c)
		return 0;
	alert_nodes(c, &t);
	for (i = 0; i < sizeof(tree_nodes) / sizeof(tree_nodes[0]); i++) {
		if (tree_nodes[i].section) {
			const char *s = tree_nodes[i].section;

			on = applies(c, tree_nodes[i].when);
			if (on && strcmp(s, "Event") == 0)
				section(&t, s, 0, c->e.ev.hdr_len);
			else if (on && strcmp(s, "Arguments") == 0)
				section(&t, s, c->e.ev.hdr_len, c->e.ev.len - c->e.ev.hdr_len);
			else if (on)
				section(&t, s, tree_nodes[i].off, tree_nodes[i].len);
		}
		if (!on)
			continue;
		if (!tree_nodes[i].field) {
			args_nodes(c, &t);
			if (call_enter(c, &enter))
				enter_nodes(c, &t, &enter);
		} else if (applies(c, tree_nodes[i].when))
			field_node(c, &t, 1, tree_nodes[i].label, tree_nodes[i].field,
				   tree_nodes[i].off, tree_nodes[i].len);
	}
	*nodes = t.n;
	return t.count;
}

void tview_tree_free(struct tview_node *nodes, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		free(nodes[i].text);
		free(nodes[i].filter);
	}
	free(nodes);
}

void tview_values(struct tview *v, uint64_t num, void (*fn)(void *arg, const char *word),
		  void *arg)
{
	const struct cursor *c = tview_event_at(v, num);
	size_t i = 0, j;
	uint64_t key;
	void *val;

	while (c && hmap_next(&c->r->state.threads, &i, &key, &val)) {
		const struct eng_thread *t = val;

		fn(arg, t->comm);
		for (j = 0; t->fdtab && hmap_next(&t->fdtab->fds, &j, &key, &val);)
			fn(arg, ((const struct eng_fd *)val)->name);
	}
}

const uint8_t *tview_bytes(struct tview *v, uint64_t num, uint32_t *len)
{
	const struct cursor *c = tview_event_at(v, num);
	struct ev_view enter;

	if (!c)
		return NULL;
	if (call_enter(c, &enter)) {
		/* a call's: its exit's, then its enter's */
		sbuf_reset(&v->bytes);
		sbuf_put(&v->bytes, c->e.ev.raw, c->e.ev.len);
		sbuf_put(&v->bytes, enter.raw, enter.len);
		*len = (uint32_t)v->bytes.len;
		return (const uint8_t *)v->bytes.s;
	}
	*len = c->e.ev.len;
	return c->e.ev.raw;
}

void tview_hex_line(const uint8_t *p, uint32_t len, uint32_t off, struct sbuf *out)
{
	uint32_t i;

	sbuf_printf(out, "%04x  ", off);
	for (i = 0; i < 16; i++) {
		if (off + i < len)
			sbuf_printf(out, "%02x ", p[off + i]);
		else
			sbuf_puts(out, "   ");
		if (i == 7)
			sbuf_putc(out, ' ');
	}
	sbuf_putc(out, ' ');
	for (i = 0; i < 16 && off + i < len; i++)
		sbuf_putc(out, p[off + i] >= 0x20 && p[off + i] < 0x7f ? (char)p[off + i] : '.');
}


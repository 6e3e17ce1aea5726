// SPDX-License-Identifier: GPL-2.0-only
/*
 * The fields of the protocols inside an I/O event's data (http.*, ...):
 * the data dissected once per event, by the protocol its fd's ports hint
 * or its bytes show (dis_proto.h), and the field read from the tree.
 */
#include <stdlib.h>
#include <string.h>

#include "dis_proto.h"
#include "eng_fields_int.h"
#include "schema.h"
#include "xalloc.h"

/* The last event dissected, per state: its number and time, and its tree. */
struct eng_proto_cache {
	uint64_t num, ts;
	bool found;
	struct dis_ptree tree;
	const uint8_t *p; /* the message's bytes, as long as the event's or the stream's */
	size_t n;
};

void eng_proto_cache_free(struct eng_proto_cache *c)
{
	if (!c)
		return;
	dis_ptree_fini(&c->tree);
	free(c);
}

bool eng_evt_data(const struct eng_evt *e, const uint8_t **p, uint32_t *len)
{
	const struct ev_view *v;
	struct ev_view enter;
	unsigned int i;

	if (!fx_evt_arg(e, "data", -1, &enter, &v, &i) || v == &enter)
		return false; /* the data a call's enter has is the exit's to show */
	*p = v->data + v->poff[i];
	*len = v->plen[i];
	return true;
}

const struct eng_reasm_evt *eng_evt_reasm(const struct eng_state *s, const struct eng_evt *e)
{
	if (!s || !s->reasm.num || s->reasm.num != e->num || s->reasm.ts != e->ev.ts)
		return NULL;
	return &s->reasm;
}

const struct dis_ptree *eng_evt_proto(const struct eng_state *s, const struct eng_evt *e)
{
	const struct eng_reasm_evt *rs = eng_evt_reasm(s, e);
	struct eng_proto_cache *c;
	const struct dis_proto *d;
	const struct eng_fd *f = e->info.fd;
	struct dis_msg m;
	const uint8_t *p;
	uint32_t len;

	if (!s || !(eng_event_flags(e->ev.type) & (EV_F_READS_FROM_FD | EV_F_WRITES_TO_FD)))
		return NULL;
	if (!s->proto) {
		((struct eng_state *)s)->proto = c = xcalloc(1, sizeof(*c));
		dis_ptree_init(&c->tree);
	}
	c = s->proto;
	if (c->num == e->num && c->ts == e->ev.ts && c->num)
		return c->found ? &c->tree : NULL;
	c->num = e->num;
	c->ts = e->ev.ts;
	c->found = false;
	eng_reasm_msg_init(&m, f, eng_event_flags(e->ev.type) & EV_F_WRITES_TO_FD);
	if (rs && rs->kind == ENG_RS_MESSAGE) { /* the stream gathered the message */
		size_t n;

		m.p = (const uint8_t *)rs->msg.s;
		m.n = rs->msg.len;
		d = dis_protos(&n)[rs->proto];
	} else if (rs) { /* the stream found what the data holds, if any */
		size_t n;

		if (rs->kind != ENG_RS_PLAIN || rs->proto == ENG_REASM_NONE ||
		    !eng_evt_data(e, &p, &len))
			return NULL;
		m.p = p;
		m.n = len;
		d = dis_protos(&n)[rs->proto];
	} else {
		if (!eng_evt_data(e, &p, &len))
			return NULL;
		m.p = p;
		m.n = len;
		d = dis_proto_find(&m, f ? f->sport : 0, f ? f->dport : 0);
		if (!d)
			return NULL;
	}
	dis_ptree_dissect(&c->tree, d, &m);
	c->found = true;
	c->p = m.p;
	c->n = m.n;
	return &c->tree;
}

bool eng_evt_proto_bytes(const struct eng_state *s, const struct eng_evt *e, const uint8_t **p,
			 size_t *n)
{
	if (!eng_evt_proto(s, e))
		return false;
	*p = s->proto->p;
	*n = s->proto->n;
	return true;
}

bool f_proto_field(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r)
{
	const struct dis_ptree *t = eng_evt_proto(s, e);

	return t && dis_ptree_values(t, r->f->name, o);
}

bool eng_field_multi(const struct eng_field *f)
{
	return f->extract == f_proto_field;
}

bool eng_field_nth(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r, unsigned int nth)
{
	const struct dis_ptree *t = eng_evt_proto(s, e);

	return t && dis_ptree_field(t, r->f->name, nth, o);
}

bool f_evt_protocol(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	const struct dis_ptree *t = eng_evt_proto(s, e);

	(void)r;
	if (!t)
		return false;
	sbuf_puts(o, t->proto->name);
	return true;
}

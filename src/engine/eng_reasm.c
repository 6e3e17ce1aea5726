// SPDX-License-Identifier: GPL-2.0-only
/* Protocol messages gathered along their fd's stream (eng_reasm.h). */
#include "eng_reasm.h"

#include <stdlib.h>
#include <string.h>

#include "dis_proto.h"
#include "eng_state_int.h"
#include "schema.h"
#include "xalloc.h"

/* The most events a message is gathered from. */
#define MAX_EVENTS 256

void eng_reasm_free(struct eng_reasm *r)
{
	if (!r)
		return;
	sbuf_fini(&r->buf);
	free(r);
}

void eng_reasm_msg_init(struct dis_msg *m, const struct eng_fd *f, bool writes)
{
	memset(m, 0, sizeof(*m));
	m->answers_head = f && (f->flags & (writes ? ENG_FD_HEAD_WRITE : ENG_FD_HEAD_READ));
	m->tr = !f ? DIS_T_ANY : f->l4proto == ENG_L4_TCP ? DIS_T_TCP :
		 f->l4proto == ENG_L4_UDP ? DIS_T_UDP : DIS_T_ANY;
	/* a client writes to the server, as a server reads */
	if (!f || f->role == ENG_ROLE_NONE)
		m->dir = DIS_D_UNKNOWN;
	else
		m->dir = (f->role == ENG_ROLE_CLIENT) == writes ? DIS_D_TO_SERVER : DIS_D_TO_CLIENT;
}

/* Whether f is a stream whose messages a read or write may split: no datagrams, no files. */
static bool streams(const struct eng_fd *f)
{
	switch (f->type) {
	case FD_TYPE_IPV4_SOCK:
	case FD_TYPE_IPV6_SOCK:
		return f->l4proto != ENG_L4_UDP;
	case FD_TYPE_UNIX_SOCK:
	case FD_TYPE_FIFO:
		return true;
	}
	return false;
}

static struct eng_reasm *pend(struct eng_fdtab *ft, struct eng_fd *f, bool writes,
			      const struct dis_proto *d, uint64_t first)
{
	struct eng_reasm *r = xcalloc(1, sizeof(*r));

	r->proto = (uint8_t)dis_proto_index(d);
	r->first = first;
	sbuf_init(&r->buf);
	f->reasm[writes] = r;
	ft->reasm++;
	return r;
}

static void drop(struct eng_fdtab *ft, struct eng_fd *f, bool writes)
{
	eng_reasm_free(f->reasm[writes]);
	f->reasm[writes] = NULL;
	ft->reasm--;
}

/* Notes what event ev is to its stream: kind, in a message of protocol d. */
static struct eng_reasm_evt *note(struct eng_state *s, const struct ev_view *ev, uint64_t num,
				  enum eng_reasm_kind kind, const struct dis_proto *d)
{
	struct eng_reasm_evt *o = &s->reasm;

	o->num = num;
	o->ts = ev->ts;
	o->kind = kind;
	o->proto = d ? (uint8_t)dis_proto_index(d) : ENG_REASM_NONE;
	o->events = 1;
	o->first = num;
	o->pre = o->skip = 0;
	sbuf_reset(&o->msg);
	return o;
}

/*
 * The bytes the whole messages of protocol d in m take, from its start;
 * *len is what the one after them needs (more than the rest of m).
 */
static size_t whole(const struct dis_proto *d, const struct dis_msg *m, size_t *len)
{
	size_t off;

	for (off = 0; off < m->n; off += *len) {
		struct dis_msg rest = *m;

		rest.p += off;
		rest.n -= off;
		*len = d->msg_len(&rest);
		if (!*len)
			*len = rest.n; /* not framed: the rest is one message */
		if (*len > rest.n)
			break;
	}
	return off;
}

void eng_reasm_on_io(struct eng_state *s, struct eng_fdtab *ft, struct eng_fd *f,
		     const struct ev_view *ev, uint64_t num, int64_t res)
{
	bool writes = eng_event_flags(ev->type) & EV_F_WRITES_TO_FD;
	struct eng_reasm *r = f->reasm[writes];
	const struct dis_proto *const *protos;
	const struct dis_proto *d = NULL, *looked = NULL;
	const uint8_t *p = NULL;
	int i = ev_param_find(ev->type, "data");
	int64_t n = i < 0 ? 0 : ev_param(ev, (unsigned int)i, &p);
	uint64_t skip = 0;
	struct eng_reasm_evt *o;
	struct dis_msg m;
	size_t off, len = 0, pre, nprotos;
	bool head = false;

	s->reasm.num = 0;
	if (res <= 0 || !streams(f))
		return;
	protos = dis_protos(&nprotos);
	n = n < 0 ? 0 : n > res ? res : n; /* a write may take fewer bytes than it is given */
	if (r && r->skip) {
		skip = r->skip < (uint64_t)res ? r->skip : (uint64_t)res;
		d = protos[r->proto];
		r->skip -= skip;
		if (!r->skip)
			drop(ft, f, writes);
		r = NULL;
		if (skip >= (uint64_t)n) {
			note(s, ev, num, ENG_RS_CUT, d);
			return;
		}
	}
	eng_reasm_msg_init(&m, f, writes);
	pre = r ? r->buf.len : 0;
	if (r) {
		sbuf_put(&r->buf, p + skip, (size_t)n - skip);
		m.p = (const uint8_t *)r->buf.s;
		m.n = r->buf.len;
		d = protos[r->proto];
	} else {
		const struct dis_proto *cut = d;

		m.p = p + skip;
		m.n = (size_t)n - skip;
		d = looked = dis_proto_find(&m, f->sport, f->dport);
		if (!d)
			d = dis_proto_find_partial(&m, f->sport, f->dport);
		if (!d) {
			note(s, ev, num, cut ? ENG_RS_CUT : ENG_RS_PLAIN, cut);
			return;
		}
	}
	if (dis_http_asks_head(&m)) /* the response, the other way, has no body */
		f->flags |= writes ? ENG_FD_HEAD_READ : ENG_FD_HEAD_WRITE;
	off = whole(d, &m, &len);
	if (off && m.answers_head) /* the response came */
		f->flags &= (uint8_t) ~(writes ? ENG_FD_HEAD_WRITE : ENG_FD_HEAD_READ);
	if (off < m.n && d->head_len) { /* the message at off can do without its rest */
		struct dis_msg rest = m;

		rest.p += off;
		rest.n -= off;
		head = d->head_len(&rest) <= rest.n;
	}
	if (off < m.n && !head && n == res && m.n - off < ENG_REASM_MAX &&
	    (r ? r->events + 1 < MAX_EVENTS : ft->reasm < ENG_REASM_PER_TABLE)) {
		/* the message at off waits for more bytes */
		if (!off) {
			if (!r) {
				r = pend(ft, f, writes, d, num);
				sbuf_put(&r->buf, m.p, m.n);
			}
			r->events++;
			o = note(s, ev, num, ENG_RS_PART, d);
			o->first = r->first;
			o->events = r->events;
			return;
		}
		o = note(s, ev, num, ENG_RS_MESSAGE, d);
		o->pre = (uint32_t)pre;
		o->skip = (uint32_t)skip;
		o->events = r ? r->events + 1 : 1;
		o->first = r ? r->first : num;
		sbuf_put(&o->msg, m.p, off);
		if (!r) {
			r = pend(ft, f, writes, d, num);
			sbuf_put(&r->buf, m.p + off, m.n - off);
		} else {
			memmove(r->buf.s, r->buf.s + off, m.n - off);
			sbuf_truncate(&r->buf, m.n - off);
			r->first = num;
		}
		r->events = 1;
		return;
	}
	/* the event ends what it has: whole messages, or ones cut or too long to gather */
	if (r || skip) {
		o = note(s, ev, num, ENG_RS_MESSAGE, d);
		o->pre = (uint32_t)pre;
		o->skip = (uint32_t)skip;
		o->events = r ? r->events + 1 : 1;
		o->first = r ? r->first : num;
		sbuf_put(&o->msg, m.p, m.n);
	} else { /* a message, or messages, of its own, if the bytes look like them */
		note(s, ev, num, ENG_RS_PLAIN, looked);
	}
	if (r)
		drop(ft, f, writes);
	/* the message at off is cut short, or its rest comes later: the stream goes on past it */
	if (off < m.n && (n < res || head) && len != DIS_MORE &&
	    len - (m.n - off) > (uint64_t)(res - n) && ft->reasm < ENG_REASM_PER_TABLE) {
		r = pend(ft, f, writes, d, num);
		r->skip = len - (m.n - off) - (uint64_t)(res - n);
	}
}

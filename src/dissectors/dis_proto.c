// SPDX-License-Identifier: GPL-2.0-only
/* The registry of payload dissectors, and the trees they build. */
#include "dis_proto.h"

#include <stdlib.h>
#include <string.h>

#include "dis_fmt.h"
#include "dis_proto_int.h"
#include "xalloc.h"

static const struct dis_proto *const protos[] = { &dis_proto_http, &dis_proto_dns,
						   &dis_proto_redis, &dis_proto_pgsql,
						   &dis_proto_tls };

const struct dis_proto *const *dis_protos(size_t *n)
{
	*n = sizeof(protos) / sizeof(protos[0]);
	return protos;
}

static bool runs_over(const struct dis_proto *d, enum dis_transport tr)
{
	return tr == DIS_T_ANY || (tr == DIS_T_TCP && d->tcp) || (tr == DIS_T_UDP && d->udp);
}

static bool hinted(const struct dis_proto *d, uint16_t sport, uint16_t dport)
{
	for (const uint16_t *p = d->ports; p && *p; p++)
		if (*p == sport || *p == dport)
			return true;
	return false;
}

const struct dis_proto *dis_proto_find(const struct dis_msg *m, uint16_t sport, uint16_t dport)
{
	size_t i;

	if (!m->n)
		return NULL;
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (runs_over(protos[i], m->tr) && hinted(protos[i], sport, dport) &&
		    protos[i]->looks(m))
			return protos[i];
	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (runs_over(protos[i], m->tr) && protos[i]->looks(m))
			return protos[i];
	return NULL;
}

const struct dis_proto *dis_proto_find_partial(const struct dis_msg *m, uint16_t sport,
					       uint16_t dport)
{
	size_t i;

	for (i = 0; m->n && i < sizeof(protos) / sizeof(protos[0]); i++)
		if (runs_over(protos[i], m->tr) && hinted(protos[i], sport, dport) &&
		    protos[i]->msg_len(m) > m->n)
			return protos[i];
	return NULL;
}

size_t dis_proto_index(const struct dis_proto *d)
{
	size_t i = 0;

	while (protos[i] != d)
		i++;
	return i;
}

void dis_ptree_init(struct dis_ptree *t)
{
	memset(t, 0, sizeof(*t));
	t->malformed = -1;
}

static void clear(struct dis_ptree *t)
{
	for (size_t i = 0; i < t->count; i++)
		free(t->n[i].text);
	t->count = 0;
	t->proto = NULL;
	t->malformed = -1;
}

void dis_ptree_fini(struct dis_ptree *t)
{
	clear(t);
	free(t->n);
	memset(t, 0, sizeof(*t));
}

void dis_ptree_dissect(struct dis_ptree *t, const struct dis_proto *proto,
		       const struct dis_msg *m)
{
	clear(t);
	t->proto = proto;
	proto->dissect(m, t);
}

struct dis_pnode *dis_ptree_add(struct dis_ptree *t, unsigned int depth, const char *field,
				const char *text, size_t len, uint32_t off, uint32_t n)
{
	struct dis_pnode *nd;
	struct sbuf s;

	if (t->count == t->cap) {
		t->cap = t->cap * 2 + 16;
		t->n = xreallocarray(t->n, t->cap, sizeof(*t->n));
	}
	nd = &t->n[t->count++];
	sbuf_init(&s);
	dis_fmt_dots(&s, (const uint8_t *)text, (uint32_t)len);
	nd->text = xstrdup(s.len ? s.s : "");
	sbuf_fini(&s);
	nd->field = field;
	nd->depth = (uint8_t)depth;
	nd->off = off;
	nd->len = n;
	return nd;
}

void dis_ptree_add_hex(struct dis_ptree *t, unsigned int depth, const char *field,
		       const uint8_t *p, uint32_t off, uint32_t n)
{
	static const char hex[] = "0123456789abcdef";
	struct sbuf s;

	sbuf_init(&s);
	for (uint32_t i = 0; i < n; i++) {
		sbuf_putc(&s, hex[p[off + i] >> 4]);
		sbuf_putc(&s, hex[p[off + i] & 15]);
	}
	dis_ptree_add(t, depth, field, s.len ? s.s : "", s.len, off, n);
	sbuf_fini(&s);
}

void dis_ptree_malformed(struct dis_ptree *t, size_t off)
{
	if (t->malformed < 0)
		t->malformed = (int64_t)off;
}

bool dis_ptree_field(const struct dis_ptree *t, const char *field, unsigned int nth,
		     struct sbuf *out)
{
	for (size_t i = 0; i < t->count; i++) {
		if (t->n[i].field && strcmp(t->n[i].field, field) == 0 && nth-- == 0) {
			sbuf_puts(out, t->n[i].text);
			return true;
		}
	}
	return false;
}

bool dis_ptree_values(const struct dis_ptree *t, const char *field, struct sbuf *out)
{
	bool any = false;

	for (size_t i = 0; i < t->count; i++) {
		if (!t->n[i].field || strcmp(t->n[i].field, field) != 0)
			continue;
		if (any)
			sbuf_putc(out, ',');
		sbuf_puts(out, t->n[i].text);
		any = true;
	}
	return any;
}

const struct dis_proto *dis_proto_of_field(const char *field)
{
	for (size_t i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		for (const char *const *f = protos[i]->fields; *f; f++)
			if (strcmp(*f, field) == 0)
				return protos[i];
	return NULL;
}

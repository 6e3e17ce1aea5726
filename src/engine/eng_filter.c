// SPDX-License-Identifier: GPL-2.0-only
/* Filter evaluator: a compiled filter (eng_filter_int.h) against an event. */
#define _GNU_SOURCE
#include "eng_filter_int.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dis_args.h"
#include "eng_fields.h"
#include "eng_ipnet.h"
#include "eng_xform.h"
#include "schema.h"
#include "sbuf.h"
#include "xalloc.h"



static bool cmp_num(enum op op, int64_t a, int64_t b)
{
	switch (op) {
	case OP_EQ:
	case OP_IN:
	case OP_INTERSECTS:
		return a == b;
	case OP_NE:
		return a != b;
	case OP_LT:
		return a < b;
	case OP_LE:
		return a <= b;
	case OP_GT:
		return a > b;
	case OP_GE:
		return a >= b;
	default:
		return false;
	}
}

/* pmatch: s is the path v or lies below it. */
static bool path_under(const char *s, const struct value *v)
{
	size_t n = v->n;

	while (n > 1 && v->s[n - 1] == '/')
		n--;
	return strncmp(s, v->s, n) == 0 && (s[n] == 0 || s[n] == '/' || (n == 1 && v->s[0] == '/'));
}

static bool cmp_str(enum op op, const char *s, size_t slen, const struct value *v)
{
	int c;

	switch (op) {
	case OP_EQ:
	case OP_IN:
	case OP_INTERSECTS:
		return slen == v->n && memcmp(s, v->s, slen) == 0;
	case OP_NE:
		return !(slen == v->n && memcmp(s, v->s, slen) == 0);
	case OP_CONTAINS:
		/* memmem: strstr measures the needle on every call */
		return memmem(s, slen, v->s, v->n) != NULL;
	case OP_ICONTAINS:
		return v->n <= slen && strcasestr(s, v->s) != NULL;
	case OP_BCONTAINS:
		return memmem(s, slen, v->s, v->n) != NULL;
	case OP_BSTARTSWITH:
		return slen >= v->n && memcmp(s, v->s, v->n) == 0;
	case OP_STARTSWITH:
		return strncmp(s, v->s, v->n) == 0;
	case OP_ENDSWITH:
		return slen >= v->n && memcmp(s + slen - v->n, v->s, v->n) == 0;
	case OP_GLOB:
		return fnmatch(v->s, s, 0) == 0;
	case OP_IGLOB:
		return fnmatch(v->s, s, FNM_CASEFOLD) == 0;
	case OP_REGEX:
		return regexec(v->re, s, 0, NULL, 0) == 0;
	case OP_PMATCH:
		return path_under(s, v);
	default:
		c = strcmp(s, v->s);
		return op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 : op == OP_GT ? c > 0 : c >= 0;
	}
}

/* An address against a value: = and in by eng_ip_in(), other operators on the text. */
static bool cmp_ip(enum op op, const char *s, size_t slen, const struct value *v)
{
	switch (op) {
	case OP_EQ:
	case OP_IN:
	case OP_INTERSECTS:
		return eng_ip_in(s, &v->net);
	case OP_NE:
		return !eng_ip_in(s, &v->net);
	default:
		return cmp_str(op, s, slen, v);
	}
}

/* A value of kind (a number, true or false) as a number. */
static int64_t as_num(const char *s, uint8_t kind)
{
	return kind == ENG_FK_BOOL ? strcmp(s, "true") == 0 : strtoll(s, NULL, 10);
}

/*
 * Whether a value (s, slen bytes) matches the check's values: any of them,
 * or as its modifier says; never an empty list.
 */
static bool match_vals(const struct node *n, const char *s, size_t slen)
{
	bool text = !(n->vkind == ENG_FK_NUM || n->vkind == ENG_FK_BOOL);
	int64_t num = text ? 0 : as_num(s, n->vkind);
	unsigned int i, hits = 0;

	for (i = 0; i < n->nvals; i++) {
		bool hit = !text		  ? cmp_num(n->op, num, n->vals[i].i) :
			   n->vkind == ENG_FK_IP ? cmp_ip(n->op, s, slen, &n->vals[i]) :
						   cmp_str(n->op, s, slen, &n->vals[i]);

		if (hit && n->mod <= MOD_ANY)
			return true;
		if (!hit && n->mod == MOD_ALL)
			return false;
		hits += hit;
	}
	return n->nvals && (n->mod == MOD_ALL || (n->mod == MOD_ONE && hits == 1));
}

/* The check's value, in f->scratch, against val(FIELD) or a transformer. */
static bool check_rhs(struct eng_filter *f, const struct node *n, const struct eng_state *s,
		      const struct eng_evt *e)
{
	struct sbuf *b = &f->scratch, *r = &f->scratch2;
	struct value v = { 0 };
	uint8_t rkind = eng_operand_kind(n->rhs);

	sbuf_reset(r);
	if (!eng_operand_value(n->rhs, r, s, e))
		return false;
	if (n->vkind == ENG_FK_NUM || n->vkind == ENG_FK_BOOL)
		return cmp_num(n->op, as_num(b->s, n->vkind), as_num(r->s, rkind));
	v.s = r->s;
	v.n = r->len;
	return cmp_str(n->op, b->s, b->len, &v);
}

bool eng_filter_check_value(const struct node *n, const char *v, size_t len)
{
	char *end;
	int64_t num;

	if (n->op == OP_EXISTS)
		return true;
	if (n->vkind == ENG_FK_DYN && n->op <= OP_GE && n->nvals && n->vals[0].is_num) {
		/* compare as numbers when the event's value is one */
		errno = 0;
		num = strtoll(v, &end, 10);
		if (!errno && !*end && end != v)
			return cmp_num(n->op, num, n->vals[0].i);
	}
	return match_vals(n, v, len);
}

static bool check(struct eng_filter *f, const struct node *n, const struct eng_state *s,
		  const struct eng_evt *e);

/*
 * fd.ip, fd.net, fd.port, fd.proto: true if either end of the socket
 * matches, or with != if neither does, as libsinsp compares them.
 */
static bool check_either(struct eng_filter *f, const struct node *n, const struct eng_state *s,
			 const struct eng_evt *e)
{
	struct node end = *n;
	bool hit[2];

	end.either = false;
	for (int i = 0; i < 2; i++) {
		end.field.idx = i;
		hit[i] = check(f, &end, s, e);
	}
	return n->op == OP_NE ? hit[0] && hit[1] : hit[0] || hit[1];
}

/* A field of many values: the check holds for any of them (for !=, for all). */
static bool check_each(struct eng_filter *f, const struct node *n, const struct eng_state *s,
		       const struct eng_evt *e)
{
	struct sbuf *b = &f->scratch;
	bool all = n->op == OP_NE, any = false;

	for (unsigned int i = 0; sbuf_reset(b), eng_field_nth(b, s, e, &n->field, i); i++) {
		if (n->op == OP_EXISTS)
			return true;
		if (eng_filter_check_value(n, b->s, b->len) != all)
			return !all;
		any = true;
	}
	return all && any;
}

static bool check(struct eng_filter *f, const struct node *n, const struct eng_state *s,
		  const struct eng_evt *e)
{
	struct sbuf *b = &f->scratch;
	const char *v;

	if (n->either)
		return check_either(f, n, s, e);
	if (n->multi && !n->lhs && !n->rhs)
		return check_each(f, n, s, e);
	if (n->type_set) {
		uint16_t sc;
		bool in = e->ev.type < EV_MAX && n->type_set[e->ev.type];

		if ((e->ev.type == EV_GENERIC_E || e->ev.type == EV_GENERIC_X) &&
		    ev_param_u16(&e->ev, 0, &sc))
			in = n->sc_set[sc];
		return n->op == OP_NE ? !in : in;
	}
	if (!n->lhs && !n->rhs && n->field.f->str && (v = n->field.f->str(s, e))) {
		if (v == eng_field_absent)
			return false;
		return eng_filter_check_value(n, v, strlen(v));
	}
	sbuf_reset(b);
	if (!(n->lhs ? eng_operand_value(n->lhs, b, s, e) : eng_field_extract(&n->field, b, s, e)))
		return false;
	if (n->rhs)
		return n->op == OP_EXISTS || check_rhs(f, n, s, e);
	return eng_filter_check_value(n, b->s, b->len);
}

static bool eval(struct eng_filter *f, const struct node *n, const struct eng_state *s,
		 const struct eng_evt *e)
{
	unsigned int i;

	switch (n->kind) {
	case N_AND:
	case N_OR:
		/* and stops at the first false operand, or at the first true one */
		for (i = 0; i < n->nkids; i++)
			if (eval(f, n->kids[i], s, e) != (n->kind == N_AND))
				return n->kind != N_AND;
		return n->kind == N_AND;
	case N_NOT:
		return !eval(f, n->a, s, e);
	default:
		return check(f, n, s, e);
	}
}

bool eng_filter_match(struct eng_filter *f, const struct eng_state *s, const struct eng_evt *e)
{
	if (e->ev.type < EV_MAX && !f->possible[e->ev.type])
		return false;
	return eval(f, f->root, s, e);
}

/* The types a check can be true on, as its field's scope tells. */
static void check_types(struct eng_filter *f, const struct node *n, bool *possible)
{
	const uint32_t fd_flags = EV_F_CREATES_FD | EV_F_USES_FD | EV_F_DESTROYS_FD;
	struct eng_evt bare;
	uint16_t t;

	uint8_t scope = n->field.f->scope;

	/* the other fields a check reads need not depend on the type alone */
	if (scope == ENG_FS_TYPE && (n->rhs || (n->lhs && n->lhs->kind == ENG_XF_CONCAT)))
		scope = ENG_FS_ANY;
	memset(&bare, 0, sizeof(bare));
	for (t = 0; t < EV_MAX; t++) {
		switch (scope) {
		case ENG_FS_TYPE:
			/* a generic event's name is in its parameters */
			bare.ev.type = t;
			possible[t] = t == EV_GENERIC_E || t == EV_GENERIC_X ||
				      check(f, n, NULL, &bare);
			break;
		case ENG_FS_FD:
			possible[t] = (eng_event_flags(t) & fd_flags) != 0;
			break;
		default:
			possible[t] = true;
			break;
		}
	}
}

void eng_filter_node_types(struct eng_filter *f, const struct node *n, bool *possible)
{
	bool *other;
	unsigned int i;
	uint16_t t;

	switch (n->kind) {
	case N_AND:
	case N_OR:
		other = xcalloc(EV_MAX, sizeof(*other));
		eng_filter_node_types(f, n->kids[0], possible);
		for (i = 1; i < n->nkids; i++) {
			eng_filter_node_types(f, n->kids[i], other);
			for (t = 0; t < EV_MAX; t++)
				possible[t] = n->kind == N_AND ? possible[t] && other[t] :
								 possible[t] || other[t];
		}
		free(other);
		break;
	case N_NOT:
		/* what the inner check rules out may match here */
		for (t = 0; t < EV_MAX; t++)
			possible[t] = true;
		break;
	default:
		check_types(f, n, possible);
		break;
	}
}

void eng_filter_types(const struct eng_filter *f, bool *possible)
{
	memcpy(possible, f->possible, EV_MAX * sizeof(*possible));
}


// SPDX-License-Identifier: GPL-2.0-only
/* A filter over event columns: the filter tree with its checks as tables. */
#include "eng_colfilter.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "eng_filter_int.h"
#include "xalloc.h"

struct cnode {
	enum node_kind kind;
	struct cnode *kids; /* N_AND, N_OR: nkids; N_NOT: one */
	unsigned int nkids;
	uint8_t key;	     /* N_CHECK: what it reads (eng_cols_key()) */
	bool *hit;	     /* N_CHECK: by value id, 0 (none) first */
};

/* Truth tables cover the values of the keys a filter reads, up to this many combinations. */
#define TRUTH_MAX 65536u

struct eng_colfilter {
	const struct eng_cols *c;
	struct cnode root;
	unsigned int keys; /* the keys its checks read, a bit each */
	uint32_t nvals[ENG_CK_N];
	/*
	 * The filter's result for every combination of the values of the keys
	 * it reads, at sum(id[k] * stride[k]); NULL where there are too many.
	 */
	bool *truth;
	uint32_t stride[ENG_CK_N];
};

static void cnode_fini(struct cnode *n)
{
	unsigned int i;

	for (i = 0; i < n->nkids; i++)
		cnode_fini(&n->kids[i]);
	free(n->kids);
	free(n->hit);
}

static bool leaf(struct eng_colfilter *cf, const struct node *n, struct cnode *out)
{
	const char *const *vals;
	uint32_t i, nv;
	int k;

	if (n->lhs || n->rhs || n->either || n->field.has_arg ||
	    (k = eng_cols_key(n->field.f->name)) < 0)
		return false;
	nv = eng_cols_values(cf->c, k, &vals);
	out->key = (uint8_t)k;
	cf->keys |= 1u << k;
	out->hit = xcalloc(nv + 1u, sizeof(*out->hit));
	for (i = 0; i < nv; i++)
		out->hit[i + 1] = eng_filter_check_value(n, vals[i], strlen(vals[i]));
	return true;
}

static bool compile(struct eng_colfilter *cf, const struct node *n, struct cnode *out)
{
	unsigned int i;

	memset(out, 0, sizeof(*out));
	out->kind = n->kind;
	switch (n->kind) {
	case N_CHECK:
		return leaf(cf, n, out);
	case N_NOT:
		out->kids = xcalloc(1, sizeof(*out->kids));
		out->nkids = 1;
		return compile(cf, n->a, out->kids);
	default:
		out->kids = xcalloc(n->nkids, sizeof(*out->kids));
		for (i = 0; i < n->nkids; i++) {
			out->nkids = i + 1;
			if (!compile(cf, n->kids[i], &out->kids[i]))
				return false;
		}
		return true;
	}
}

static bool eval(const struct cnode *n, const uint32_t *id);

/* The truth table, if the keys read have few enough values between them. */
static void truth_table(struct eng_colfilter *cf)
{
	uint32_t id[ENG_CK_N] = { 0 }, size = 1, i;
	int k;

	for (k = 0; k < ENG_CK_N; k++) {
		if (!(cf->keys & (1u << k)))
			continue;
		if (cf->nvals[k] + 1u > TRUTH_MAX / size)
			return;
		cf->stride[k] = size;
		size *= cf->nvals[k] + 1u;
	}
	cf->truth = xcalloc(size, sizeof(*cf->truth));
	for (i = 0; i < size; i++) {
		for (k = 0; k < ENG_CK_N; k++)
			if (cf->keys & (1u << k))
				id[k] = i / cf->stride[k] % (cf->nvals[k] + 1u);
		cf->truth[i] = eval(&cf->root, id);
	}
}

struct eng_colfilter *eng_colfilter_new(struct eng_filter *f, const struct eng_cols *c)
{
	struct eng_colfilter *cf = xcalloc(1, sizeof(*cf));
	const char *const *vals;
	int k;

	cf->c = c;
	for (k = 0; k < ENG_CK_N; k++)
		cf->nvals[k] = eng_cols_values(c, k, &vals);
	if (!f)
		cf->root.kind = N_AND; /* of nothing: true */
	else if (!compile(cf, f->root, &cf->root)) {
		eng_colfilter_free(cf);
		return NULL;
	}
	truth_table(cf);
	return cf;
}

void eng_colfilter_free(struct eng_colfilter *cf)
{
	if (!cf)
		return;
	cnode_fini(&cf->root);
	free(cf->truth);
	free(cf);
}

static bool eval(const struct cnode *n, const uint32_t *id)
{
	unsigned int i;

	switch (n->kind) {
	case N_AND:
	case N_OR:
		for (i = 0; i < n->nkids; i++)
			if (eval(&n->kids[i], id) != (n->kind == N_AND))
				return n->kind != N_AND;
		return n->kind == N_AND;
	case N_NOT:
		return !eval(n->kids, id);
	default:
		return n->hit[id[n->key]];
	}
}

/* An event's match as its row says: 1, 0 or -1 (damaged). */
static int match_row(const struct eng_colfilter *cf, const struct eng_col_row *w)
{
	uint32_t id[ENG_CK_N], at = 0;

	if (!eng_cols_ids(cf->c, w, id))
		return -1;
	if (!cf->truth)
		return eval(&cf->root, id);
	for (int k = 0; k < ENG_CK_N; k++)
		if (cf->keys & (1u << k))
			at += id[k] * cf->stride[k];
	return cf->truth[at];
}

/*
 * Event n (a row of the columns): 1 if it matches, 0 if not, -1 if the
 * columns cannot tell: an exit whose enter the filter rejects, where
 * the unpaired exit may differ.
 */
static int match(const struct eng_colfilter *cf, uint64_t n)
{
	const struct eng_col_row *w = &cf->c->rows[n - 1], *en;

	if (w->bits & ENG_CR_HIDDEN)
		return 0;
	if (w->bits & ENG_CR_UNSURE) {
		if (w->delta == 0 || w->delta >= n)
			return -1;
		en = &cf->c->rows[n - w->delta - 1];
		/* hidden events go unjudged, and rejecting others ends no pairing */
		if ((en->bits & (ENG_CR_HIDDEN | ENG_CR_CLEARS)) == ENG_CR_CLEARS &&
		    match_row(cf, en) != 1)
			return -1;
	}
	return match_row(cf, w);
}

struct scan_part {
	const struct eng_colfilter *cf;
	uint64_t first, last; /* events first..last, first - 1 a multiple of 64 */
	uint64_t *bits;
	int rc;
};

static void *scan_part(void *arg)
{
	struct scan_part *p = arg;
	uint64_t n;

	for (n = p->first; n <= p->last; n++) {
		int m = match(p->cf, n);

		if (m < 0) {
			p->rc = -1;
			break;
		}
		if (m)
			p->bits[(n - 1) / 64] |= 1ULL << ((n - 1) % 64);
	}
	return NULL;
}

int eng_colfilter_scan(const struct eng_colfilter *cf, unsigned int nthreads, uint64_t *bits)
{
	struct scan_part part[8] = { 0 };
	bool started[8] = { false };
	pthread_t th[8];
	uint64_t n = cf->c->n, per;
	unsigned int i;
	int rc = 0;

	nthreads = nthreads < 1 ? 1 : nthreads > 8 ? 8 : nthreads;
	/* whole words to each part, so that no two write one */
	per = ((n + nthreads - 1) / nthreads + 63) / 64 * 64;
	for (i = 0; i < nthreads; i++) {
		part[i] = (struct scan_part){ .cf = cf, .first = i * per + 1, .bits = bits };
		part[i].last = (i + 1) * per < n ? (i + 1) * per : n;
		if (i)
			started[i] = pthread_create(&th[i], NULL, scan_part, &part[i]) == 0;
	}
	for (i = 0; i < nthreads; i++)
		if (!started[i])
			scan_part(&part[i]);
	for (i = 0; i < nthreads; i++) {
		if (started[i])
			pthread_join(th[i], NULL);
		rc |= part[i].rc;
	}
	return rc;
}

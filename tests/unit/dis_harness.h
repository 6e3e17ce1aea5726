/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the unit tests of the payload dissectors share: the tree of the
 * last message dissected, a protocol found by its name, and the tree's
 * values and nodes by field.
 */
#ifndef SYSHARK_DIS_HARNESS_H
#define SYSHARK_DIS_HARNESS_H

#include <string.h>

#include "dis_proto.h"
#include "harness.h"

static struct dis_ptree t __attribute__((unused)); /* the last message dissected */
static struct sbuf v __attribute__((unused));	    /* the text values() gives */

static inline void dis_harness_init(void)
{
	dis_ptree_init(&t);
	sbuf_init(&v);
}

static inline void dis_harness_fini(void)
{
	sbuf_fini(&v);
	dis_ptree_fini(&t);
}

/* The registered protocol named name ("TLS"); the test fails without it. */
static inline const struct dis_proto *proto_named(const char *name)
{
	size_t n;
	const struct dis_proto *const *all = dis_protos(&n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i];
	CHECK(!"no such protocol");
	return NULL;
}

/* Dissects m into t as the protocol named name, whatever its bytes look like. */
static inline void dissect_as(const char *name, const struct dis_msg *m)
{
	const struct dis_proto *d = proto_named(name);

	if (d)
		dis_ptree_dissect(&t, d, m);
}

/* All the values of field in t, split by commas as tshark's, or "" if none. */
static inline const char *values(const char *field)
{
	sbuf_reset(&v);
	if (!dis_ptree_values(&t, field, &v))
		return "";
	return v.s;
}

/* The nth value of field in t, or "" if there is none. */
static inline const char *value(const char *field, unsigned int nth)
{
	sbuf_reset(&v);
	if (!dis_ptree_field(&t, field, nth, &v))
		return "";
	return v.s;
}

/* The node of field's nth value in t, or NULL. */
static inline const struct dis_pnode *node(const char *field, unsigned int nth)
{
	for (size_t i = 0; i < t.count; i++)
		if (t.n[i].field && strcmp(t.n[i].field, field) == 0 && nth-- == 0)
			return &t.n[i];
	return NULL;
}

#endif

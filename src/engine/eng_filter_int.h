/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The compiled filter, shared by its parser (eng_filter_parse.c) and its
 * evaluator (eng_filter.c): a tree of and/or/not nodes over checks; each
 * check holds a field reference, an operator and its values, already
 * converted to the field's type.
 *
 * A chain of "and" (or of "or") is one node holding all its operands, which
 * loops walk, so a long chain costs no stack; only parentheses and "not" nest.
 */
#ifndef SYSHARK_ENG_FILTER_INT_H
#define SYSHARK_ENG_FILTER_INT_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_ipnet.h"
#include "eng_xform.h"
#include "sbuf.h"

enum op {
	OP_EQ,
	OP_NE,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	/* the operators on text, from OP_CONTAINS to OP_REGEX */
	OP_CONTAINS,
	OP_ICONTAINS,
	OP_BCONTAINS,
	OP_BSTARTSWITH,
	OP_STARTSWITH,
	OP_ENDSWITH,
	OP_GLOB,
	OP_IGLOB,
	OP_REGEX,
	OP_IN,
	OP_INTERSECTS,
	OP_PMATCH,
	OP_EXISTS,
};

/* What a value in a list is compared with: each, one, any or all of them. */
enum mod { MOD_NONE, MOD_ANY, MOD_ONE, MOD_ALL };

struct value {
	char *s;   /* text (bytes for bcontains and bstartswith) */
	size_t n;
	int64_t i; /* numbers and booleans */
	bool is_num; /* the text is a number (for fields of either kind) */
	regex_t *re; /* regex */
	struct eng_ipnet net; /* an IP field's address or network, for =, != and in */
};


enum node_kind { N_AND, N_OR, N_NOT, N_CHECK };

struct node {
	enum node_kind kind;
	struct node *a; /* N_NOT: the operand */
	struct node **kids; /* N_AND, N_OR: the operands, in order */
	unsigned int nkids;
	/* N_CHECK */
	struct eng_fref field; /* the field, or the first one lhs reads */
	struct eng_operand *lhs; /* a transformer, or NULL for field alone */
	struct eng_operand *rhs; /* val(FIELD) or a transformer, in place of values */
	uint8_t vkind;		 /* enum eng_fkind of what is compared */
	uint8_t mod;		 /* enum mod */
	bool either;		 /* a field of either end of a socket (eng_field_either_end) */
	bool multi;		 /* a field of many values (eng_field_multi) */
	enum op op;
	size_t op_at; /* column of the operator, for errors */
	/* evt.type with =, != or in: the matching ids and generic syscalls */
	uint8_t *type_set, *sc_set;
	struct value *vals;
	unsigned int nvals;
};

struct eng_filter {
	struct node *root;
	struct sbuf scratch, scratch2;
	bool *possible; /* EV_MAX entries: the types it may match */
};

/*
 * Whether check n (no val() on its right) holds for a value of its field
 * (len bytes at v, NUL-terminated) that an event has.
 */
bool eng_filter_check_value(const struct node *n, const char *v, size_t len);

/* Marks in possible (EV_MAX entries) the event types node n may match. */
void eng_filter_node_types(struct eng_filter *f, const struct node *n, bool *possible);

#endif

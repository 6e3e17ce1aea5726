/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals shared by eng_top.c (the views, the sums) and eng_top_state.c (state rows). */
#ifndef SYSHARK_ENG_TOP_INT_H
#define SYSHARK_ENG_TOP_INT_H

#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_top.h"
#include "hmap.h"

#define KEY_SEP '\x1f' /* between a key's values */

struct row {
	struct row *next; /* with the same hash */
	char *key;	  /* the key's values, KEY_SEP between them */
	int64_t v[ENG_TOP_COLS];
	uint64_t n[ENG_TOP_COLS]; /* events summed, for averages */
	char *text[ENG_TOP_COLS]; /* LAST columns */
	size_t pos;		  /* in the sorted rows, while they are made a tree */
	uint64_t events;	  /* events summed into it */
	bool seen;		  /* its process was found in the state's last look */
};

struct col_run {
	struct eng_fref fr;	  /* the field, if any */
	struct eng_filter *where; /* or NULL */
	unsigned int key;	  /* KEY: which of the key's fields */
};

struct eng_top {
	const struct eng_top_view *view;
	struct eng_filter *where;  /* the view's events */
	struct eng_filter *filter; /* the user's, or NULL */
	struct eng_fref keys[ENG_TOP_KEYS];
	unsigned int nkeys;
	struct col_run cols[ENG_TOP_COLS];
	struct hmap index; /* hash of key -> struct row (a chain) */
	struct row **rows;
	size_t nrows, cap;
	uint64_t events, first_ts, last_ts;
	int64_t total[ENG_TOP_COLS]; /* COUNT and SUM columns over the view, for shares */
	/* once: messages with one side seen, by their bytes' hash (eng_top.c) */
	struct hmap sides;
	struct sbuf key, val;
	unsigned int sort_col;
	bool ascending;
	bool sorted; /* by sort_col, and unchanged since */
	int parent_col; /* the view's parent column, or -1 */
	/* a tree: rows[order[i]] is row i, nodes[] by rows' index; see eng_top_tree() */
	bool tree;
	struct eng_tree_node *nodes;
	size_t *order, nshown;
	/* state rows (a view with PROC or THREADS columns), eng_top_state.c */
	bool state;
	bool state_synced;     /* rows agree with the state's threads of state_gen */
	uint64_t state_gen;
	struct eng_evt *proc_evt; /* a made-up event of one thread, for the fields */
};

/* The row whose key is the len bytes at key, or NULL. */
struct row *eng_top_row_find(const struct eng_top *t, const char *key, size_t len);
/* The row of the key in t->key, made if new. */
struct row *eng_top_row_of(struct eng_top *t);
/* Takes row r out of t and frees it. */
void eng_top_row_drop(struct eng_top *t, struct row *r);
/* Brings t's state rows and columns up to date with s after event e (eng_top_state.c). */
void eng_top_state_event(struct eng_top *t, const struct eng_state *s, const struct eng_evt *e);

#endif

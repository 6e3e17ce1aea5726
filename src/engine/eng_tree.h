/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A forest of rows by their parents, as htop's tree view shows processes:
 * each row after its parent, depth first, siblings in the order the rows
 * come in (their sort). Rows whose parent is not a row are roots. The
 * parents are data from a capture, so a row may name itself or a cycle may
 * close: the first row of a cycle, in the rows' order, becomes a root.
 */
#ifndef SYSHARK_ENG_TREE_H
#define SYSHARK_ENG_TREE_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

#define ENG_TREE_NONE ((size_t)-1)

struct eng_tree_node {
	/* set by the caller */
	size_t parent; /* the index of the parent row, or ENG_TREE_NONE */
	bool folded;   /* its descendants are hidden */
	/* set by eng_tree_order() */
	size_t up;	    /* the row it is shown under, or ENG_TREE_NONE: a root */
	unsigned int depth; /* 0 for a root */
	bool last;	    /* the last of the rows shown under up */
	bool hides;	    /* folded, with rows under it */
};

/*
 * Orders the n rows of nodes as a tree: fills order with the indices of the
 * rows to show (not those under a folded row) and returns their number.
 * order has room for n indices. O(n), whatever the parents are.
 */
size_t eng_tree_order(struct eng_tree_node *nodes, size_t n, size_t *order);

/*
 * Appends the tree lines that go before row i's text, once ordered: "├─ ",
 * "└─ " after a "│  " or "   " for each of its ancestors but the root; a
 * '+' in place of the '─' (or "+ " at a root) when it hides rows.
 */
void eng_tree_prefix(const struct eng_tree_node *nodes, size_t i, struct sbuf *out);

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Tree order of rows by their parents: child lists in the rows' order, then
 * a depth-first walk with a stack of its own (no recursion: a chain of
 * parents may be as long as the rows). A row is taken when first reached,
 * so a cycle cannot be walked twice.
 */
#include "eng_tree.h"

#include <stdlib.h>

#include "xalloc.h"

/* Whether row i hangs under another row. */
static bool has_parent(const struct eng_tree_node *nodes, size_t n, size_t i)
{
	return nodes[i].parent < n && nodes[i].parent != i;
}

struct walk {
	struct eng_tree_node *nodes;
	size_t *child, *next; /* first child and next sibling, or ENG_TREE_NONE */
	size_t *stack;
	bool *taken, *hidden;
	size_t *order, shown;
};

/* Shows root and the rows under it that are not taken yet. */
static void walk_from(struct walk *w, size_t root)
{
	size_t sp = 0, x, c, m, j;

	w->taken[root] = true;
	w->nodes[root].up = ENG_TREE_NONE;
	w->nodes[root].depth = 0;
	w->stack[sp++] = root;
	while (sp) {
		x = w->stack[--sp];
		if (!w->hidden[x])
			w->order[w->shown++] = x;
		for (m = 0, c = w->child[x]; c != ENG_TREE_NONE; c = w->next[c])
			m += !w->taken[c];
		w->nodes[x].hides = m && w->nodes[x].folded && !w->hidden[x];
		/* pushed last first, so that they come out in the rows' order */
		for (j = 0, c = w->child[x]; c != ENG_TREE_NONE; c = w->next[c]) {
			if (w->taken[c])
				continue;
			w->taken[c] = true;
			w->hidden[c] = w->hidden[x] || w->nodes[x].folded;
			w->nodes[c].up = x;
			w->nodes[c].depth = w->nodes[x].depth + 1;
			w->nodes[c].last = j == m - 1;
			w->stack[sp + m - 1 - j++] = c;
		}
		sp += m;
	}
}

size_t eng_tree_order(struct eng_tree_node *nodes, size_t n, size_t *order)
{
	struct walk w = { .nodes = nodes, .order = order };
	size_t i;

	if (!n)
		return 0;
	w.child = xmalloc(n * sizeof(*w.child));
	w.next = xmalloc(n * sizeof(*w.next));
	w.stack = xmalloc(n * sizeof(*w.stack));
	w.taken = xcalloc(n, sizeof(*w.taken));
	w.hidden = xcalloc(n, sizeof(*w.hidden));
	for (i = 0; i < n; i++) {
		w.child[i] = w.next[i] = ENG_TREE_NONE;
		nodes[i].last = true;
		nodes[i].hides = false;
	}
	for (i = n; i-- > 0;) {
		if (has_parent(nodes, n, i)) {
			w.next[i] = w.child[nodes[i].parent];
			w.child[nodes[i].parent] = i;
		}
	}
	for (i = 0; i < n; i++)
		if (!has_parent(nodes, n, i))
			walk_from(&w, i);
	/* what is left hangs in a cycle */
	for (i = 0; i < n; i++)
		if (!w.taken[i])
			walk_from(&w, i);
	free(w.hidden);
	free(w.taken);
	free(w.stack);
	free(w.next);
	free(w.child);
	return w.shown;
}

void eng_tree_prefix(const struct eng_tree_node *nodes, size_t i, struct sbuf *out)
{
	unsigned int d = nodes[i].depth, k;
	bool *last;
	size_t a;

	if (!d) {
		if (nodes[i].hides)
			sbuf_puts(out, "+ ");
		return;
	}
	/* the ancestors' last flags, from the row up, laid out from the root down */
	last = xmalloc(d * sizeof(*last));
	for (k = d, a = i; k > 0; k--, a = nodes[a].up)
		last[k - 1] = nodes[a].last;
	for (k = 1; k < d; k++)
		sbuf_puts(out, last[k - 1] ? "   " : "│  ");
	sbuf_puts(out, last[d - 1] ? "└" : "├");
	sbuf_puts(out, nodes[i].hides ? "+ " : "─ ");
	free(last);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The tree order of made-up rows (eng_tree.h): children under their parents
 * in the rows' order, missing parents, a row its own parent, cycles, a long
 * chain, and folded rows; each shown once, none lost, the lines right.
 * And the time windows of the views over a file, as the prompt takes them.
 */
#include <stdlib.h>
#include <string.h>

#include "eng_top.h"
#include "eng_tree.h"
#include "harness.h"
#include "sbuf.h"

#define NONE ENG_TREE_NONE

/* Orders rows with parents par, folding those in fold (or NULL); the order as "i:depth ...". */
static size_t order_of(const size_t *par, size_t n, const bool *fold, struct eng_tree_node *nodes,
		       struct sbuf *out)
{
	size_t order[64], k, i;

	for (i = 0; i < n; i++)
		nodes[i] = (struct eng_tree_node){ .parent = par[i], .folded = fold && fold[i] };
	k = eng_tree_order(nodes, n, order);
	sbuf_reset(out);
	for (i = 0; i < k; i++)
		sbuf_printf(out, "%s%zu:%u", i ? " " : "", order[i], nodes[order[i]].depth);
	return k;
}

/* The tree lines of every row in order, one row a line. */
static void lines_of(const struct eng_tree_node *nodes, const char *order, struct sbuf *out)
{
	char *end;

	sbuf_reset(out);
	while (*order) {
		size_t i = strtoul(order, &end, 10);

		eng_tree_prefix(nodes, i, out);
		sbuf_printf(out, "%zu\n", i);
		order = end + strcspn(end, " ");
		order += *order == ' ';
	}
}

static void check_forest(void)
{
	/* 0 and 4 are roots (4's parent 99 is not a row); 1, 3 under 0; 2 under 1 */
	static const size_t par[] = { NONE, 0, 1, 0, 99, 4 };
	struct eng_tree_node nodes[6];
	struct sbuf o, l;

	sbuf_init(&o);
	sbuf_init(&l);
	CHECK(order_of(par, 6, NULL, nodes, &o) == 6);
	CHECK_STR(o.s, "0:0 1:1 2:2 3:1 4:0 5:1");
	CHECK(nodes[1].up == 0 && !nodes[1].last && nodes[3].last && nodes[2].last);
	CHECK(nodes[4].up == NONE);
	lines_of(nodes, o.s, &l);
	CHECK_STR(l.s, "0\n├─ 1\n│  └─ 2\n└─ 3\n4\n└─ 5\n");
	/* siblings keep the rows' order: 3 before 1 when it comes first */
	static const size_t swapped[] = { NONE, 0, 3, 0 }; /* 2 under 3 */
	CHECK(order_of(swapped, 4, NULL, nodes, &o) == 4);
	CHECK_STR(o.s, "0:0 1:1 3:1 2:2");
	lines_of(nodes, o.s, &l);
	CHECK_STR(l.s, "0\n├─ 1\n└─ 3\n   └─ 2\n");
	sbuf_fini(&l);
	sbuf_fini(&o);
}

static void check_bad_parents(void)
{
	/* 0 is its own parent; 1 and 2 make a cycle with 3 under 2; 4 -> 5 -> 6 -> 4 */
	static const size_t par[] = { 0, 2, 1, 2, 6, 4, 5 };
	struct eng_tree_node nodes[7];
	struct sbuf o;
	bool seen[7] = { 0 };
	size_t order[7], k, i;

	sbuf_init(&o);
	CHECK(order_of(par, 7, NULL, nodes, &o) == 7);
	/* the first row of a cycle is its root */
	CHECK_STR(o.s, "0:0 1:0 2:1 3:2 4:0 5:1 6:2");
	for (i = 0; i < 7; i++)
		nodes[i] = (struct eng_tree_node){ .parent = par[i] };
	k = eng_tree_order(nodes, 7, order);
	for (i = 0; i < k; i++) {
		CHECK(!seen[order[i]]);
		seen[order[i]] = true;
	}
	/* nothing at all */
	CHECK(eng_tree_order(nodes, 0, order) == 0);
	sbuf_fini(&o);
}

static void check_chain(void)
{
	/* pid reuse can chain every row under the next: the deepest is fine */
	enum { N = 20000 };
	struct eng_tree_node *nodes = calloc(N, sizeof(*nodes));
	size_t *order = calloc(N, sizeof(*order)), i;
	struct sbuf l;

	for (i = 0; i < N; i++)
		nodes[i].parent = i + 1 < N ? i + 1 : NONE;
	CHECK(eng_tree_order(nodes, N, order) == N);
	CHECK(order[0] == N - 1 && order[N - 1] == 0 && nodes[0].depth == N - 1);
	sbuf_init(&l);
	eng_tree_prefix(nodes, 0, &l);
	CHECK(l.len == (N - 2) * 3 + strlen("└─ "));
	sbuf_fini(&l);
	free(order);
	free(nodes);
}

static void check_folded(void)
{
	static const size_t par[] = { NONE, 0, 1, 0, NONE };
	static const bool fold1[] = { false, true, false, false, true };
	static const bool fold0[] = { true, true, false, false, false };
	struct eng_tree_node nodes[5];
	struct sbuf o, l;

	sbuf_init(&o);
	sbuf_init(&l);
	/* 1 hides 2; 4 is folded but has nothing to hide */
	CHECK(order_of(par, 5, fold1, nodes, &o) == 4);
	CHECK_STR(o.s, "0:0 1:1 3:1 4:0");
	CHECK(nodes[1].hides && !nodes[4].hides && !nodes[0].hides);
	lines_of(nodes, o.s, &l);
	CHECK_STR(l.s, "0\n├+ 1\n└─ 3\n4\n");
	/* a folded root hides its whole subtree, folded rows within it too */
	CHECK(order_of(par, 5, fold0, nodes, &o) == 2);
	CHECK_STR(o.s, "0:0 4:0");
	CHECK(nodes[0].hides && !nodes[1].hides);
	lines_of(nodes, o.s, &l);
	CHECK_STR(l.s, "+ 0\n4\n");
	sbuf_fini(&l);
	sbuf_fini(&o);
}

/* The clause of window text over a capture starting at 1 s; or "error: MSG". */
static void window_of(const char *text, struct sbuf *out)
{
	struct eng_top_window w;
	struct diag d = { 0 };

	sbuf_reset(out);
	if (eng_top_window_parse(text, &w, &d) < 0)
		sbuf_printf(out, "error: %s", d.msg);
	else
		eng_top_window_clause(&w, 1000000000, NULL, out);
}

static void check_window(void)
{
	struct sbuf o;

	sbuf_init(&o);
	window_of("2.5-10", &o);
	CHECK_STR(o.s, "evt.rawtime >= 3500000000 and evt.rawtime < 11000000000");
	window_of(" 2.5- ", &o);
	CHECK_STR(o.s, "evt.rawtime >= 3500000000");
	window_of("-0.000000001", &o);
	CHECK_STR(o.s, "evt.rawtime >= 1000000000 and evt.rawtime < 1000000001");
	window_of("1+.5", &o);
	CHECK_STR(o.s, "evt.rawtime >= 2000000000 and evt.rawtime < 2500000000");
	window_of("+5", &o);
	CHECK_STR(o.s, "evt.rawtime >= 1000000000 and evt.rawtime < 6000000000");
	window_of("0-", &o);
	CHECK_STR(o.s, "evt.rawtime >= 1000000000");
	window_of("3-2", &o);
	CHECK_STR(o.s, "error: the window ends before it starts: 3-2");
	window_of("2-2", &o);
	CHECK(strncmp(o.s, "error: the window ends", 22) == 0);
	static const char *const bad[] = { "", "-", "5", "+", "1-2-3", "x-1", "1.0000000001-",
					   "1-2 s", "123456789012-", "1e3-", "1..2-" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		window_of(bad[i], &o);
		CHECK(strncmp(o.s, "error: not a time window: ", 26) == 0);
	}
	sbuf_fini(&o);
}

int main(void)
{
	check_forest();
	check_bad_parents();
	check_chain();
	check_folded();
	check_window();
	return h_done();
}

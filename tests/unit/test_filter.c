// SPDX-License-Identifier: GPL-2.0-only
/*
 * The filter language's limits: nesting is refused past its bound with the
 * column where it goes too deep; long and/or chains compile, match and free.
 * Falco's macros and lists: expanded in place, with errors that name them.
 */
#include <stdlib.h>
#include <string.h>

#include "eng_filter.h"
#include "harness.h"
#include "sbuf.h"

/*
 * Matches filter text (with defs, if not NULL) against a made-up event
 * numbered num; -1 with d set if it does not compile.
 */
static int match_with(const char *text, uint64_t num, const struct eng_filter_defs *defs,
		      struct diag *d)
{
	struct eng_evt e = { .num = num };
	struct eng_filter *f = eng_filter_compile_defs(text, defs, d);
	int r;

	if (!f)
		return -1;
	r = eng_filter_match(f, NULL, &e);
	eng_filter_free(f);
	return r;
}

static int match_num(const char *text, uint64_t num)
{
	return match_with(text, num, NULL, NULL);
}

/* open, then check "evt.num = 1", then close, each depth times. */
static char *nested(const char *open, const char *close, unsigned int depth)
{
	struct sbuf b;
	unsigned int i;

	sbuf_init(&b);
	for (i = 0; i < depth; i++)
		sbuf_puts(&b, open);
	sbuf_puts(&b, "evt.num = 1");
	for (i = 0; i < depth; i++)
		sbuf_puts(&b, close);
	return b.s;
}

/* The filter nested depth times is refused at column col. */
static void check_too_deep(const char *open, const char *close, unsigned int depth, uint32_t col)
{
	struct diag d = { 0 };
	char *t = nested(open, close, depth);

	CHECK(!eng_filter_compile(t, &d));
	CHECK_STR(d.msg, "nesting deeper than 256");
	CHECK(d.col == col);
	free(t);
}

static void check_depth(void)
{
	char *t;

	t = nested("(", ")", 256);
	CHECK(match_num(t, 1) == 1);
	CHECK(match_num(t, 2) == 0);
	free(t);
	t = nested("not ", "", 256);
	CHECK(match_num(t, 1) == 1);
	free(t);
	check_too_deep("(", ")", 257, 257);
	check_too_deep("(", ")", 30000, 257);
	check_too_deep("!", "", 30000, 257);
	check_too_deep("not (", ")", 30000, 128 * 5 + 1); /* two levels per "not (" */
}

/* 50000 checks joined by or, then by and */
static void check_chains(void)
{
	struct diag d = { 0 };
	struct sbuf b;
	unsigned int i;

	sbuf_init(&b);
	for (i = 1; i <= 50000; i++)
		sbuf_printf(&b, "%sevt.num = %u", i > 1 ? " or " : "", i);
	CHECK(match_num(b.s, 1) == 1);
	CHECK(match_num(b.s, 25000) == 1);
	CHECK(match_num(b.s, 50000) == 1);
	CHECK(match_num(b.s, 50001) == 0);
	sbuf_reset(&b);
	for (i = 1; i <= 50000; i++)
		sbuf_printf(&b, "evt.num != %u && ", i);
	sbuf_puts(&b, "evt.num > 0");
	CHECK(match_num(b.s, 50001) == 1);
	CHECK(match_num(b.s, 30000) == 0);
	CHECK(match_num(b.s, 0) == 0);
	/* a chain broken near its end still reports where */
	sbuf_puts(&b, " and");
	CHECK(!eng_filter_compile(b.s, &d));
	CHECK_STR(d.msg, "expected a field at the end");
	CHECK(d.col == b.len + 1);
	sbuf_fini(&b);
}

/* Macros and lists for the tests: name = text, items separated by '|'. */
static const char *const test_macros[][2] = {
	{ "one", "evt.num = 1" },
	{ "small", "(one or evt.num in (small_nums))" },
	{ "self", "evt.num = 1 or self" },
	{ "loop_a", "loop_b" },
	{ "loop_b", "not loop_a" },
	{ "bad", "evt.num = 1 and proc.nosuch = x" },
	{ "uses_bad", "evt.num > 0 and bad" },
};
static const char *const small_nums[] = { "2", "\"3\"", "'4'" };
static const char *const bad_item[] = { "5", "\"6\" 7" };

static const char *t_macro(const void *arg, const char *name, size_t len)
{
	(void)arg;
	for (size_t i = 0; i < sizeof(test_macros) / sizeof(test_macros[0]); i++)
		if (strlen(test_macros[i][0]) == len && memcmp(test_macros[i][0], name, len) == 0)
			return test_macros[i][1];
	return NULL;
}

static const char *const *t_list(const void *arg, const char *name, size_t len, size_t *n)
{
	(void)arg;
	if (len == 10 && memcmp(name, "small_nums", len) == 0) {
		*n = 3;
		return small_nums;
	}
	if (len == 8 && memcmp(name, "bad_item", len) == 0) {
		*n = 2;
		return bad_item;
	}
	return NULL;
}

static const struct eng_filter_defs t_defs = { .macro = t_macro, .list = t_list };

static int match_defs(const char *text, uint64_t num, struct diag *d)
{
	return match_with(text, num, &t_defs, d);
}

static void check_macros(void)
{
	struct diag d = { 0 };

	CHECK(match_defs("one", 1, &d) == 1);
	CHECK(match_defs("not one", 1, &d) == 0);
	for (uint64_t n = 1; n <= 5; n++)
		CHECK(match_defs("small and evt.num != 3", n, &d) == (n == 1 || n == 2 || n == 4));
	CHECK(match_defs("evt.num in (9, small_nums)", 4, &d) == 1);
	/* without definitions a macro is not a field */
	CHECK(!eng_filter_compile("one", &d));
	CHECK(match_defs("evt.num = 1 and nosuch", 1, &d) == -1);
	CHECK_STR(d.msg, "undefined macro 'nosuch'");
	CHECK(d.col == 17);
	CHECK(match_defs("self", 1, &d) == -1);
	CHECK_STR(d.msg, "in macro 'self' at column 16: macro 'self' uses itself");
	CHECK(match_defs("loop_a", 1, &d) == -1);
	CHECK_STR(d.msg, "in macro 'loop_a' at column 1: in macro 'loop_b' at column 5: "
			 "macro 'loop_a' uses itself");
	CHECK(match_defs("evt.num > 0 and uses_bad", 1, &d) == -1);
	CHECK(strstr(d.msg, "in macro 'uses_bad' at column 17: in macro 'bad' at column 17: ") ==
	      d.msg);
	CHECK(d.col == 17);
	CHECK(match_defs("evt.num in (bad_item)", 5, &d) == -1);
	CHECK_STR(d.msg, "list 'bad_item': item \"6\" 7 is not one value");
	CHECK(d.col == 13);
	/* a quoted word is a value, not a list */
	CHECK(match_defs("evt.num in ('small_nums', 2)", 2, &d) == -1);
}

int main(void)
{
	check_depth();
	check_chains();
	check_macros();
	return h_done();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The filter language's limits: nesting is refused past its bound with the
 * column where it goes too deep; long and/or chains compile, match and free.
 */
#include <stdlib.h>
#include <string.h>

#include "eng_filter.h"
#include "harness.h"
#include "sbuf.h"

/* Matches filter text against a made-up event numbered num; -1 if it does not compile. */
static int match_num(const char *text, uint64_t num)
{
	struct eng_evt e = { .num = num };
	struct eng_filter *f = eng_filter_compile(text, NULL);
	int r;

	if (!f)
		return -1;
	r = eng_filter_match(f, NULL, &e);
	eng_filter_free(f);
	return r;
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

int main(void)
{
	check_depth();
	check_chains();
	return h_done();
}

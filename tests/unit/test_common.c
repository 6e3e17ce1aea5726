// SPDX-License-Identifier: GPL-2.0-only
/* Unit tests of the common helpers, the schema and the value formatters. */
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>

#include "dis_fmt.h"
#include "harness.h"
#include "hmap.h"
#include "sbuf.h"
#include "schema.h"

static void test_hmap(void)
{
	struct hmap m;
	uintptr_t i;

	hmap_init(&m);
	for (i = 1; i <= 1000; i++)
		hmap_put(&m, i * 7919, (void *)i);
	CHECK(m.count == 1000);
	for (i = 1; i <= 1000; i += 2)
		CHECK(hmap_del(&m, i * 7919) == (void *)i);
	CHECK(m.count == 500);
	for (i = 1; i <= 1000; i++)
		CHECK(hmap_get(&m, i * 7919) == (i % 2 ? NULL : (void *)i));
	hmap_fini(&m);
}

static void test_path(void)
{
	struct sbuf o;
	static const char *const cases[][3] = {
		{ "/home/u/", "a.txt", "/home/u/a.txt" },
		{ "/home/u/", "../x", "/home/x" },
		{ "/home/u", "./b//c", "/home/u/b/c" },
		{ "/", "../../etc", "/etc" },
		{ "/a/", "/abs/./p", "/abs/p" },
		{ "/a/", "d/", "/a/d" },
		{ "/a/b/", ".", "/a/b" },
		{ "/a/", "", "/a" },
		{ "/", "..", "/" },
		{ "", "sub/../f", "f" },
		{ "", "../f", "f" },
	};
	size_t i;

	sbuf_init(&o);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sbuf_reset(&o);
		dis_fmt_path_join(&o, cases[i][0], cases[i][1]);
		CHECK_STR(o.s, cases[i][2]);
	}
	sbuf_fini(&o);
}

static void test_tuple(void)
{
	static const uint8_t v4[] = { 2, 127, 0, 0, 1, 0x58, 0xb8, 127, 0, 0, 1, 0x50, 0 };
	static const uint8_t sa[] = { 2, 10, 0, 2, 15, 22, 0 };
	struct sbuf o;

	sbuf_init(&o);
	dis_fmt_socktuple(&o, v4, sizeof(v4));
	CHECK_STR(o.s, "127.0.0.1:47192->127.0.0.1:80");
	sbuf_reset(&o);
	dis_fmt_sockaddr(&o, sa, sizeof(sa));
	CHECK_STR(o.s, "10.0.2.15:22");
	sbuf_reset(&o);
	dis_fmt_socktuple(&o, v4, 5);
	CHECK_STR(o.s, "INVALID IPv4");
	sbuf_reset(&o);
	dis_fmt_dots(&o, (const uint8_t *)"a\0b\x7f\n", 5);
	CHECK_STR(o.s, "a.b..");
	sbuf_reset(&o);
	dis_fmt_sanitized_n(&o, "ab\x1b[1mc\0d", 9);
	CHECK_STR(o.s, "ab[1mc");
	CHECK(o.len == 6);
	sbuf_fini(&o);
}

/* Numbers of every length, in place after text already there. */
static void test_numbers(void)
{
	static const uint64_t v[] = { 0, 9, 10, 99, 100, 12345, 1000000000000000000ULL,
				      9999999999999999999ULL, 10000000000000000000ULL,
				      UINT64_MAX };
	char want[32];
	struct sbuf o;
	size_t i;

	sbuf_init(&o);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		sbuf_reset(&o);
		sbuf_puts(&o, "n=");
		sbuf_put_u64(&o, v[i]);
		snprintf(want, sizeof(want), "n=%" PRIu64, v[i]);
		CHECK_STR(o.s, want);
		CHECK(o.len == strlen(want));
	}
	sbuf_reset(&o);
	sbuf_put_i64(&o, INT64_MIN);
	CHECK_STR(o.s, "-9223372036854775808");
	sbuf_fini(&o);
}

static void test_schema(void)
{
	const struct ev_info *open_x = ev_info_get(EV_SYSCALL_OPEN_X);

	CHECK(open_x && strcmp(open_x->name, "open") == 0);
	CHECK(open_x && open_x->nparams == 6 && open_x->compat_nparams == 5);
	CHECK(open_x && open_x->params[2].table == EV_TT_file_flags);
	CHECK_STR(ev_tok_name(EV_TT_errno, 2), "ENOENT");
	CHECK(ev_param_find(EV_SYSCALL_OPEN_X, "flags") == 2);
	CHECK(ev_info_get(EV_MAX) == NULL);
	CHECK(ev_table[EV_SYSCALL_READ_X].flags & EV_F_READS_FROM_FD);
	CHECK(ev_table[EV_CONTAINER_JSON_2_E].flags & EV_F_LARGE_PAYLOAD);
}

int main(void)
{
	test_hmap();
	test_path();
	test_tuple();
	test_numbers();
	test_schema();
	return h_done();
}

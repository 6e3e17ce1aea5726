// SPDX-License-Identifier: GPL-2.0-only
/*
 * The terminal interface without a terminal: keymap parsing and help, and
 * the rows, detail tree and bytes tview gives the screen for a real capture.
 */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "keymap.h"
#include "sbuf.h"
#include "tview.h"

static void check_keymap(void)
{
	struct keymap *km = keymap_new();
	struct diag d = { 0 };
	struct sbuf help;

	CHECK(keymap_load(km, keymap_default_text, "default.keys", &d) == 0);
	CHECK(keymap_action(km, TM_LIST, 'q') == TA_QUIT);
	CHECK(keymap_action(km, TM_TREE, 'q') == TA_QUIT);
	CHECK(keymap_action(km, TM_LIST, TK_F1 + 3) == TA_FILTER);
	CHECK(keymap_action(km, TM_LIST, 7) == TA_GOTO); /* C-g */
	/* a pane's own binding wins over the one for every pane */
	CHECK(keymap_action(km, TM_TREE, '\n') == TA_TOGGLE);
	CHECK(keymap_action(km, TM_LIST, '\n') == TA_FOCUS_NEXT);
	CHECK(keymap_action(km, TM_HEX, 'a') == TA_NONE);

	CHECK(keymap_load(km, "# mine\nbind x quit \"leave\"\nbind -m hex # top\n", "keys", &d) ==
	      0);
	CHECK(keymap_action(km, TM_LIST, 'x') == TA_QUIT);
	CHECK(keymap_action(km, TM_HEX, '#') == TA_TOP);

	sbuf_init(&help);
	keymap_help(km, &help);
	CHECK(strstr(help.s, "  x        leave\n") != NULL);
	CHECK(strstr(help.s, "Hex pane\n  #") != NULL);
	CHECK(strstr(help.s, "  F4       edit the display filter\n") != NULL);
	sbuf_fini(&help);

	/* errors name the line, and a bad file adds nothing */
	CHECK(keymap_load(km, "bind y quit\nbind z fly\n", "k", &d) == -EINVAL);
	CHECK_STR(d.msg, "k:2: unknown action");
	CHECK(keymap_action(km, TM_LIST, 'y') == TA_NONE);
	CHECK(keymap_load(km, "\n\nbind Foo quit\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:3: unknown key name");
	CHECK(keymap_load(km, "bind -m pane q quit\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: unknown mode (list, tree, hex, view, picker, stream, graph)");
	CHECK(keymap_load(km, "bind q quit now\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: too many words: quote the help text");
	CHECK(keymap_load(km, "bind q quit \"open\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: unterminated \"");
	CHECK(keymap_load(km, "unbind q\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: expected 'bind'");
	keymap_free(km);
}

static void check_sanitize(void)
{
	struct sbuf o;

	sbuf_init(&o);
	tview_sanitize(&o, "a\x1b[31mred\x07\tz\xff\xc3\xa9");
	CHECK_STR(o.s, "a.[31mred..z.\xc3\xa9");
	sbuf_reset(&o);
	tview_hex_line((const uint8_t *)"ABC\x01", 4, 0, &o);
	CHECK_STR(o.s, "0000  41 42 43 01                                       ABC.");
	sbuf_fini(&o);
}

/* Waits for the row search to finish. */
static void wait_rows(struct tview *v, struct tview_status *st)
{
	struct timespec ts = { 0, 5000000 };

	for (;;) {
		tview_status(v, st);
		if (!st->searching && !st->indexing)
			return;
		nanosleep(&ts, NULL);
	}
}

/* Waits for a sort to finish. */
static void wait_sorted(struct tview *v)
{
	struct timespec ts = { 0, 5000000 };
	struct tview_status st;

	do {
		nanosleep(&ts, NULL);
		tview_status(v, &st);
	} while (st.sorting);
}

static void check_view(const char *path)
{
	struct diag d = { 0 };
	struct tview *v = tview_open(path, false, &d);
	struct tview_status st;
	struct tview_node *nodes;
	struct sbuf row;
	unsigned int n, i;
	bool type_node = false, arg_node = false;
	const uint8_t *bytes;
	uint32_t len = 0;

	CHECK(v != NULL);
	if (!v) {
		fprintf(stderr, "%s: %s\n", path, d.msg);
		return;
	}
	wait_rows(v, &st);
	/* sample.scap: 477 events, of which 75 internal ones are not shown */
	CHECK(st.events == 477);
	CHECK(st.rows == 402);
	CHECK(tview_row_event(v, 0) == 2);

	sbuf_init(&row);
	tview_header(v, &row);
	CHECK(strncmp(row.s, "No.      Time               CPU Process", 39) == 0);
	sbuf_reset(&row);
	CHECK(tview_row_text(v, 0, &row));
	CHECK(strncmp(row.s, "2        15:14:22.753887343 3   sysdig          2987    2987    >   switch",
		      73) == 0);
	sbuf_reset(&row);
	CHECK(!tview_row_text(v, 402, &row));

	/* time since the first event (1, not shown), and since the row before */
	tview_set_time(v, TT_RELATIVE, 0);
	sbuf_reset(&row);
	CHECK(tview_row_text(v, 1, &row) && strstr(row.s, " 0.022719271 ") != NULL);
	tview_set_time(v, TT_DELTA, 0);
	sbuf_reset(&row);
	CHECK(tview_row_text(v, 2, &row) && strstr(row.s, " 0.000060104 ") != NULL);
	tview_set_time(v, TT_ABSOLUTE, 0);

	/* columns: one added before Info, one removed, one resized */
	CHECK(tview_ncols(v) == 10);
	CHECK(tview_col_add(v, 9, "proc.exe", &d) == 0);
	CHECK(tview_col_add(v, 9, "proc.nope", &d) == -EINVAL);
	tview_col_remove(v, 2); /* CPU */
	tview_col_resize(v, 0, -4);
	sbuf_reset(&row);
	tview_header(v, &row);
	CHECK_STR(row.s, "No.  Time               Process         PID     TID     Dir Event          "
			 "FD name                      proc.exe     Info");
	sbuf_reset(&row);
	CHECK(tview_row_text(v, 0, &row));
	CHECK(strncmp(row.s, "2    15:14:22.753887343 sysdig ", 31) == 0);
	CHECK(strstr(row.s, " sysdig       next=0 ") != NULL);
	tview_col_remove(v, tview_ncols(v) - 1); /* Info stays */
	CHECK(tview_ncols(v) == 10);

	/* sorted by the Event column (6 now), then back */
	CHECK(tview_sort(v, 6, false) == 0);
	wait_sorted(v);
	sbuf_reset(&row);
	tview_header(v, &row);
	CHECK(strstr(row.s, "Event ^") != NULL);
	{
		bool desc = true, in_order = true;
		size_t at = strstr(row.s, "Event") ? (size_t)(strstr(row.s, "Event") - row.s) : 0;
		uint64_t r;

		CHECK(tview_sorted_by(v, &desc) == 6 && !desc);
		for (r = 1; r < 402; r++) {
			struct sbuf a, b;

			sbuf_init(&a);
			sbuf_init(&b);
			tview_row_text(v, r - 1, &a);
			tview_row_text(v, r, &b);
			if (strncmp(a.s + at, b.s + at, 14) > 0)
				in_order = false;
			sbuf_fini(&a);
			sbuf_fini(&b);
		}
		CHECK(in_order);
		CHECK(tview_row_at(v, 2) < 402);
	}
	CHECK(tview_sort(v, 0, true) == 0); /* No., descending */
	wait_sorted(v);
	CHECK(tview_row_event(v, 0) == 477 && tview_row_event(v, 401) == 2);
	CHECK(tview_sort(v, -1, false) == 0);
	CHECK(tview_row_event(v, 0) == 2);

	n = tview_tree(v, 2, &nodes);
	CHECK(n > 10);
	CHECK(n && nodes[0].section && strcmp(nodes[0].text, "Event") == 0);
	for (i = 0; i < n; i++) {
		if (strcmp(nodes[i].text, "Type: switch") == 0)
			type_node = nodes[i].filter && strcmp(nodes[i].filter, "evt.type = switch") == 0 &&
				    nodes[i].off == 20 && nodes[i].len == 2;
		if (strcmp(nodes[i].text, "pgft_min: 1472") == 0)
			arg_node = nodes[i].filter &&
				   strcmp(nodes[i].filter, "evt.arg.pgft_min = 1472") == 0 &&
				   nodes[i].len == 8;
	}
	CHECK(type_node);
	CHECK(arg_node);
	tview_tree_free(nodes, n);
	bytes = tview_bytes(v, 2, &len);
	CHECK(bytes != NULL && len == 74);

	/* a filter, and one that does not compile */
	CHECK(tview_set_filter(v, "proc.name = sysdig", &d) == 0);
	wait_rows(v, &st);
	CHECK(st.rows == 36);
	CHECK_STR(tview_filter(v), "proc.name = sysdig");
	CHECK(tview_set_filter(v, "proc.nam = x", &d) == -EINVAL);
	CHECK(d.col == 1);
	CHECK_STR(tview_filter(v), "proc.name = sysdig");
	CHECK(tview_find(v, 0, true, "evt.type = switch") == 1);
	CHECK(tview_find(v, 5, false, "switch") == 4);
	CHECK(tview_find(v, 0, true, "no such text anywhere") == -1);
	CHECK(tview_row_at(v, 3) == 1);
	sbuf_fini(&row);
	tview_free(v);
}

/* A capture followed while it is written: rows come as the file grows. */
static void check_follow(const char *path)
{
	char tmp[] = "/tmp/syshark-follow-XXXXXX";
	struct timespec ts = { 0, 20000000 };
	struct tview_status st;
	struct diag d = { 0 };
	struct tview *v;
	FILE *in = fopen(path, "rb");
	char *buf = malloc(1 << 20);
	size_t n = in ? fread(buf, 1, 1 << 20, in) : 0, half = n - n / 8 + 5; /* mid-block, after the state */
	int fd = mkstemp(tmp), i;

	CHECK(in && fd >= 0 && n > 1000);
	if (!in || fd < 0) {
		free(buf);
		return;
	}
	fclose(in);
	CHECK(write(fd, buf, half) == (ssize_t)half);
	v = tview_open(tmp, true, &d);
	CHECK(v != NULL);
	if (!v)
		goto out;
	for (i = 0; i < 100; i++) {
		tview_status(v, &st);
		if (st.rows > 0)
			break;
		nanosleep(&ts, NULL);
	}
	CHECK(st.live && st.rows > 0 && st.rows < 402);
	CHECK(write(fd, buf + half, n - half) == (ssize_t)(n - half));
	tview_follow_end(v);
	for (i = 0; i < 500; i++) {
		tview_status(v, &st);
		if (!st.live && !st.searching)
			break;
		nanosleep(&ts, NULL);
	}
	CHECK(!st.live && st.events == 477 && st.rows == 402);
	CHECK(tview_row_event(v, 401) == 477 || tview_row_event(v, 401) > 400);
	tview_free(v);
out:
	close(fd);
	unlink(tmp);
	free(buf);
}

int main(int argc, char **argv)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	tzset();
	check_keymap();
	check_sanitize();
	if (argc > 1) {
		FILE *f = fopen(argv[1], "rb");

		if (!f) {
			printf("SKIP: %s is missing\n", argv[1]);
			return 77;
		}
		fclose(f);
		check_view(argv[1]);
		check_follow(argv[1]);
	}
	return h_done();
}

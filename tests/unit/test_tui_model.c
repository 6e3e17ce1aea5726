// SPDX-License-Identifier: GPL-2.0-only
/*
 * The terminal interface without a terminal: keymap parsing and help, and
 * the rows, detail tree and bytes tview gives the screen for a real capture
 * (the shell session of the recorded corpus), checked against what a plain
 * replay of the capture gives: its events, and the fields of each row.
 */
#include <errno.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "cells.h"
#include "complete.h"
#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_replay.h"
#include "harness.h"
#include "keymap.h"
#include "sbuf.h"
#include "schema.h"
#include "statusbar.h"
#include "tview.h"
#include "xalloc.h"

/* Whether km's help screen holds text. */
static bool help_holds(const struct keymap *km, const char *text)
{
	struct sbuf help;
	bool found;

	sbuf_init(&help);
	keymap_help(km, &help);
	found = strstr(help.s, text) != NULL;
	sbuf_fini(&help);
	return found;
}

static void check_keymap(void)
{
	struct keymap *km = keymap_new();
	struct diag d = { 0 };
	struct sbuf help;
	const char *f2;

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
	CHECK(strstr(help.s, "Hex pane\n") && strstr(strstr(help.s, "Hex pane\n"), "\n  #  ") != NULL);
	/* a line per action, with all its keys: F2 once, with v */
	CHECK(strstr(help.s, "  f, F4    edit the display filter\n") != NULL);
	CHECK(strstr(help.s, "  v, F2    the picker of the top-like views (again: close it)\n") != NULL);
	f2 = strstr(help.s, "F2");
	CHECK(f2 && !strstr(f2 + 1, "F2"));
	sbuf_fini(&help);

	/* errors name the line, and a bad file adds nothing */
	CHECK(keymap_load(km, "bind y quit\nbind z fly\n", "k", &d) == -EINVAL);
	CHECK_STR(d.msg, "k:2: unknown action 'fly'");
	CHECK(keymap_action(km, TM_LIST, 'y') == TA_NONE);
	CHECK(keymap_load(km, "\n\nbind Foo quit\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:3: unknown key name 'Foo'");
	CHECK(keymap_load(km, "bind -m pane q quit\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: unknown mode 'pane' (list, tree, hex, view, picker, stream, graph, spectro)");
	CHECK(keymap_load(km, "bind q quit now\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: too many words: quote the help text");
	CHECK(keymap_load(km, "bind q quit \"open\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: unterminated \"");
	CHECK(keymap_load(km, "unbind q\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: expected 'bind', not 'unbind'");
	CHECK(keymap_load(km, "bind C-x C-c fly\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: unknown action 'fly'");
	CHECK(keymap_load(km, "bind Bar C-c quit\n", "k", &d) < 0);
	CHECK_STR(d.msg, "k:1: unknown key name 'Bar'");

	/* two keys in a sequence, and Meta */
	CHECK(keymap_load(km, "bind C-x C-c quit\nbind M-x goto\nbind -m tree M-Up top\n", "k",
			  &d) == 0);
	CHECK(keymap_is_prefix(km, TM_LIST, 24));
	CHECK(!keymap_is_prefix(km, TM_LIST, 3));
	CHECK(keymap_action(km, TM_LIST, 24) == TA_NONE);
	CHECK(keymap_action_after(km, TM_LIST, 24, 3) == TA_QUIT);
	CHECK(keymap_action_after(km, TM_LIST, 24, 'q') == TA_NONE);
	CHECK(keymap_action(km, TM_LIST, TK_META | 'x') == TA_GOTO);
	CHECK(keymap_action(km, TM_TREE, TK_META | TK_UP) == TA_TOP);
	CHECK(keymap_action(km, TM_LIST, 'x') == TA_QUIT); /* bound above, untouched */
	/* the keys' column is as wide as the widest keys of the section */
	CHECK(help_holds(km, "  q, F10, C-x C-c quit\n"));
	CHECK(help_holds(km, "  :, C-g, M-x     go to an event number\n"));
	CHECK(help_holds(km, "  x               leave\n"));
	CHECK(help_holds(km, "  M-Up     first line\n"));
	keymap_free(km);
}

static void check_duration(void)
{
	struct sbuf s;

	sbuf_init(&s);
	cell_duration(&s, 850);
	sbuf_putc(&s, ' ');
	cell_duration(&s, 12345);
	sbuf_putc(&s, ' ');
	cell_duration(&s, 1200000);
	sbuf_putc(&s, ' ');
	cell_duration(&s, 2050000000);
	CHECK_STR(s.s, "850ns 12.3\xc2\xb5s 1.20ms 2.05s");
	sbuf_fini(&s);
}

/* The locale is asked once whether it is UTF-8: a change after that is not seen. */
static void check_utf8_once(void)
{
	CHECK(cell_utf8());
	setlocale(LC_CTYPE, "C");
	CHECK(cell_utf8());
	setlocale(LC_CTYPE, "C.UTF-8");
}

static void check_sanitize(void)
{
	struct sbuf o;

	sbuf_init(&o);
	cell_sanitize(&o, "a\x1b[31mred\x07\tz\xff\xc3\xa9");
	CHECK_STR(o.s, "a.[31mred..z.\xc3\xa9");
	sbuf_reset(&o);
	tview_hex_line((const uint8_t *)"ABC\x01", 4, 0, &o);
	CHECK_STR(o.s, "0000  41 42 43 01                                       ABC.");
	sbuf_fini(&o);
}

/* Which words of a filter are a field's value, and whose. */
static void check_complete(void)
{
	static const struct {
		const char *line; /* '|' marks where the word starts */
		const char *field; /* NULL: no value there */
	} cases[] = {
		{ "proc.name = |cu", "proc.name" },
		{ "proc.name=|cu", "proc.name" },
		{ "proc.name != |", "proc.name" },
		{ "proc.pid >= |1", "proc.pid" },
		{ "evt.type in (|op", "evt.type" },
		{ "evt.type in (open, |cl", "evt.type" },
		{ "evt.type in (open,|cl", "evt.type" },
		{ "fd.name contains |/etc", "fd.name" },
		{ "evt.arg[0] = |x", "evt.arg[0]" },
		{ "a = 1 and not user.name startswith |r", "user.name" },
		{ "|proc.name", NULL },
		{ "proc.name = cu and |fd", NULL },
		{ "proc.|na", NULL },
		{ "evt.type in (open) |", NULL },
		{ "= |x", NULL },
		{ "(|x", NULL },
		{ "1 = |x", NULL },
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char line[128], field[64] = "";
		const char *bar = strchr(cases[i].line, '|');
		size_t at = (size_t)(bar - cases[i].line);
		bool got;

		snprintf(line, sizeof(line), "%.*s%s", (int)at, cases[i].line, bar + 1);
		got = complete_value_of(line, at, field, sizeof(field));
		if (got != (cases[i].field != NULL) || (got && strcmp(field, cases[i].field) != 0)) {
			fprintf(stderr, "'%s': got %s '%s'\n", cases[i].line, got ? "yes" : "no", field);
			CHECK(false);
		} else {
			CHECK(true);
		}
	}
}

/* After a field and a space comes a comparison; candidates go in columns, down then across. */
static void check_complete_layout(void)
{
	static const char *const words[] = { "a", "bb", "ccc", "d", "e", "f", "g" };
	struct sbuf o;

	CHECK(complete_after_field("proc.name ", 10));
	CHECK(complete_after_field("a = 1 and fd.name  ", 19));
	CHECK(!complete_after_field("proc.name", 9));
	CHECK(!complete_after_field("proc.name = ", 12));
	CHECK(!complete_after_field("x = libc.so.6 ", 14));
	CHECK(!complete_after_field("", 0));
	sbuf_init(&o);
	/* 5 cells a column: 3 columns in 13 cells, 3 rows */
	CHECK(complete_columns(words, 7, 13, 5, &o) == 3);
	CHECK_STR(o.s, "a    d    g\nbb   e\nccc  f\n");
	sbuf_reset(&o);
	/* two rows: one of words, one saying how many are left */
	CHECK(complete_columns(words, 7, 13, 2, &o) == 2);
	CHECK_STR(o.s, "a    bb   ccc\n4 more\n");
	sbuf_reset(&o);
	/* a word wider than the line is cut */
	CHECK(complete_columns(words + 2, 1, 2, 3, &o) == 1);
	CHECK_STR(o.s, "cc\n");
	sbuf_fini(&o);
}

/* The status line drops its least important parts first, short forms before. */
static void check_statusbar(void)
{
	struct sbar b = { 0 };
	struct sbuf o;
	int w;

	sbuf_init(&o);
	sbar_add(&b, 3, "c.scap", "/var/tmp/c.scap");
	sbar_add(&b, 4, NULL, "events %d", 100);
	sbar_add(&b, 6, NULL, "shown %d", 7);
	sbar_add(&b, 1, NULL, "marked 0");
	sbar_add(&b, 1, NULL, "time absolute");
	sbar_add(&b, 7, "filtering 40%", "filtering [####      ] 40%%");
	sbar_fit(&b, 200, &o);
	CHECK_STR(o.s, " /var/tmp/c.scap | events 100 | shown 7 | marked 0 | time absolute | "
		       "filtering [####      ] 40%");
	/* the rightmost of the least important goes first */
	sbar_fit(&b, 80, &o);
	CHECK_STR(o.s, " /var/tmp/c.scap | events 100 | shown 7 | marked 0 | filtering [####      ] 40%");
	sbar_fit(&b, 60, &o);
	CHECK_STR(o.s, " c.scap | events 100 | shown 7 | filtering [####      ] 40%");
	sbar_fit(&b, 40, &o);
	CHECK_STR(o.s, " shown 7 | filtering [####      ] 40%");
	sbar_fit(&b, 20, &o);
	CHECK_STR(o.s, " filtering 40%");
	/* the last part left is cut by the screen, not dropped */
	sbar_fit(&b, 3, &o);
	CHECK_STR(o.s, " filtering 40%");
	for (w = 1; w < 120; w++) {
		int cells;

		sbar_fit(&b, w, &o);
		cell_fit(o.s, 0, &cells);
		CHECK(cells <= w || strcmp(o.s, " filtering 40%") == 0);
	}
	sbar_fini(&b);
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

/* ---- the capture as a plain replay shows it, to check tview against ---- */

/*
 * A column, as tview lays them out: a field, or "time", "event", "info"
 * (the kinds of columns.h), and its width (0: the rest).
 */
struct colspec {
	const char *field;
	int width;
};

/* the columns on a terminal 160 cells wide or more */
static const struct colspec wide_cols[] = {
	{ "evt.num", 4 },     { "time", 18 },	    { "evt.cpu", 3 },	{ "proc.name", 15 },
	{ "proc.pid", 7 },    { "thread.tid", 7 },  { "user.name", 8 }, { "event", 16 },
	{ "evt.protocol", 8 }, { "latency", 8 },    { "info", 0 },
};
/* after adding proc.exe before Info, removing CPU and narrowing No. by 3 */
static const struct colspec changed_cols[] = {
	{ "evt.num", 1 },     { "time", 18 },	    { "proc.name", 15 }, { "proc.pid", 7 },
	{ "thread.tid", 7 },  { "user.name", 8 },  { "event", 16 },	 { "evt.protocol", 8 },
	{ "latency", 8 },     { "proc.exe", 12 },   { "info", 0 },
};
#define NCOLS(a) (sizeof(a) / sizeof((a)[0]))

static char *field_str(const char *name, const struct eng_replay *r, const struct eng_evt *e)
{
	struct eng_fref fr;
	struct sbuf v;

	sbuf_init(&v);
	if (eng_field_lookup(name, &fr, NULL))
		eng_field_extract(&fr, &v, &r->state, e);
	return v.s;
}

/*
 * A cell as the fields give it: the time, the direction's arrow and the
 * type, or the arguments (the info column's fd, which tview adds before
 * them, is checked apart).
 */
static void cell_expect(const char *field, const struct eng_replay *r, const struct eng_evt *e,
			struct sbuf *val)
{
	struct eng_fref fr;
	char *s;

	if (strcmp(field, "time") == 0) {
		eng_fmt_time(val, e->ev.ts);
	} else if (strcmp(field, "event") == 0) {
		s = field_str("evt.type", r, e);
		sbuf_printf(val, "%s %s", ev_type_is_enter(e->ev.type) ? "\xe2\x86\x92" : "\xe2\x86\x90", s);
		free(s);
	} else if (strcmp(field, "info") == 0) {
		s = field_str("evt.args", r, e);
		sbuf_puts(val, s);
		free(s);
	} else if (strcmp(field, "latency") == 0) {
		s = field_str("evt.latency", r, e);
		if (!ev_type_is_enter(e->ev.type) && strtoull(s, NULL, 10))
			cell_duration(val, strtoull(s, NULL, 10));
		free(s);
	} else if (eng_field_lookup(field, &fr, NULL)) {
		eng_field_extract(&fr, val, &r->state, e);
	}
}

/* A row's text: each value made safe, cut or padded to its column's cells, then a space. */
static char *row_expect(const struct eng_replay *r, const struct eng_evt *e,
			const struct colspec *cols, size_t n)
{
	struct sbuf row, val, clean;
	size_t i, len;
	int cells;

	sbuf_init(&row);
	sbuf_init(&val);
	sbuf_init(&clean);
	for (i = 0; i < n; i++) {
		sbuf_reset(&val);
		sbuf_reset(&clean);
		cell_expect(cols[i].field, r, e, &val);
		if (strcmp(cols[i].field, "event") == 0)
			cell_ellipsize(&val, cols[i].width);
		cell_sanitize(&clean, val.s);
		len = cell_fit(clean.s, cols[i].width, &cells);
		sbuf_put(&row, clean.s, len);
		while (cols[i].width && cells++ < cols[i].width)
			sbuf_putc(&row, ' ');
		if (cols[i].width)
			sbuf_putc(&row, ' ');
	}
	sbuf_fini(&val);
	sbuf_fini(&clean);
	return row.s;
}

/*
 * Whether got is a row of head (the columns before info) and args, the
 * event's arguments: after them, or after the fd the event works on,
 * "fd=N(<...>...) ", N its fd.num.
 */
static bool row_matches(const char *got, const char *head, const char *args, const char *fdnum,
			const char *type)
{
	size_t hl = strlen(head), al = strlen(args), gl = strlen(got);
	char fd[64];

	if (strncmp(got, head, hl) != 0)
		return false;
	got += hl;
	gl -= hl;
	if (strcmp(got, args) == 0)
		return true;
	snprintf(fd, sizeof(fd), "fd=%s(<", fdnum);
	/* dup and fcntl's fd.num is the new fd: they show the one they worked on */
	if (strncmp(got, fd, strlen(fd)) != 0 &&
	    !((strcmp(type, "dup") == 0 || strcmp(type, "fcntl") == 0) &&
	      strncmp(got, "fd=", 3) == 0 && got[3 + strspn(got + 3, "0123456789")] == '('))
		return false;
	return gl > al + 1 && strcmp(got + gl - al, args) == 0 && got[gl - al - 1] == ' ';
}

/* A row's colour as its fields give it: failed, then its fd's type, then its event's category. */
static enum tview_class class_expect(const struct eng_replay *r, const struct eng_evt *e)
{
	char *failed = field_str("evt.failed", r, e), *fdtype = field_str("fd.type", r, e);
	char *cat = field_str("evt.category", r, e);
	enum tview_class k = TC_OTHER;

	if (strcmp(failed, "true") == 0)
		k = TC_ERROR;
	else if (!strcmp(fdtype, "ipv4") || !strcmp(fdtype, "ipv6") || !strcmp(fdtype, "unix"))
		k = TC_NET;
	else if (!strcmp(fdtype, "file") || !strcmp(fdtype, "directory"))
		k = TC_FILE;
	else if (strcmp(cat, "process") == 0)
		k = TC_PROCESS;
	free(failed);
	free(fdtype);
	free(cat);
	return k;
}

/* A shown event, as a replay of the whole capture sees it. */
struct shown {
	uint64_t num, ts;
	char *type;
	char *text;	/* its row, wide columns, but for the info column's fd */
	char *head;	/* the columns before info */
	char *args;	/* the info column's arguments, made safe */
	char *fdnum;	/* fd.num */
	bool thread;	/* a thread that is not its process's main one */
	bool picked;	/* kept by PICK, as the row search keeps events */
	enum tview_class klass; /* its colour, from evt.failed, fd.type and evt.category */
};

#define PICK "proc.name = cat"

struct capture {
	uint64_t events, first_ts;
	struct shown *rows;
	size_t nrows, npicked;
	char *changed_row0; /* the first row after the column changes */
	/* sh's execve exit: the event the tree is checked on */
	uint64_t exec_num;
	uint8_t *exec_raw;
	uint32_t exec_len, pgft_off, pgft_len;
	char pgft_min[32];
};

static void capture_read(const char *path, struct capture *c)
{
	struct diag d = { 0 };
	struct eng_replay *r = eng_replay_open(path, &d), *rp = eng_replay_open(path, &d);
	struct eng_filter *f = eng_filter_compile(PICK, &d);
	struct eng_evt e, ep;
	size_t cap = 0;

	memset(c, 0, sizeof(*c));
	CHECK(r && rp && f);
	if (!r || !rp || !f)
		goto out;
	/* rp finds the rows of the filter as the row search does */
	while (eng_replay_next(r, &e, NULL) > 0) {
		struct shown *s;

		CHECK(eng_replay_next(rp, &ep, NULL) > 0 && ep.num == e.num);
		c->events++;
		if (e.num == 1)
			c->first_ts = e.ev.ts;
		if (e.hidden)
			continue;
		if (c->nrows == cap) {
			cap = cap ? 2 * cap : 1024;
			c->rows = xreallocarray(c->rows, cap, sizeof(*c->rows));
		}
		s = &c->rows[c->nrows++];
		s->num = e.num;
		s->ts = e.ev.ts;
		s->type = field_str("evt.type", r, &e);
		s->text = row_expect(r, &e, wide_cols, NCOLS(wide_cols));
		s->head = row_expect(r, &e, wide_cols, NCOLS(wide_cols) - 1);
		s->args = xstrdup(s->text + strlen(s->head));
		s->fdnum = field_str("fd.num", r, &e);
		s->klass = class_expect(r, &e);
		{
			char *tid = field_str("thread.tid", r, &e), *pid = field_str("proc.pid", r, &e);

			s->thread = *tid && strcmp(tid, pid) != 0;
			free(tid);
			free(pid);
		}
		s->picked = eng_filter_match(f, &rp->state, &ep);
		if (!s->picked)
			eng_state_filtered_out(&rp->state, &ep.info, &ep.ev);
		c->npicked += s->picked;
		if (c->nrows == 1)
			c->changed_row0 = row_expect(r, &e, changed_cols, NCOLS(changed_cols));
		if (!c->exec_num && strcmp(s->type, "execve") == 0 && !ev_type_is_enter(e.ev.type)) {
			char *pg = field_str("evt.arg.pgft_min", r, &e);
			unsigned int i;

			c->exec_num = e.num;
			c->exec_len = e.ev.len;
			c->exec_raw = xmalloc(e.ev.len);
			memcpy(c->exec_raw, e.ev.raw, e.ev.len);
			snprintf(c->pgft_min, sizeof(c->pgft_min), "%s", pg);
			free(pg);
			for (i = 0; i < e.ev.nparams && i < EV_MAX_PARAMS; i++)
				if (ev_table[e.ev.type].params &&
				    strcmp(ev_table[e.ev.type].params[i].name, "pgft_min") == 0) {
					c->pgft_off = (uint32_t)(e.ev.data - e.ev.raw) + e.ev.poff[i];
					c->pgft_len = e.ev.plen[i];
				}
		}
	}
out:
	eng_filter_free(f);
	eng_replay_free(r);
	eng_replay_free(rp);
}

static void capture_free(struct capture *c)
{
	size_t i;

	for (i = 0; i < c->nrows; i++) {
		free(c->rows[i].type);
		free(c->rows[i].text);
		free(c->rows[i].head);
		free(c->rows[i].args);
		free(c->rows[i].fdnum);
	}
	free(c->rows);
	free(c->changed_row0);
	free(c->exec_raw);
}

/* The picked rows' indexes into c->rows, in order. */
static size_t *picked_rows(const struct capture *c)
{
	size_t *p = xcalloc(c->npicked + 1, sizeof(*p)), i, n = 0;

	for (i = 0; i < c->nrows; i++)
		if (c->rows[i].picked)
			p[n++] = i;
	return p;
}

static void put_seconds(struct sbuf *o, uint64_t ns)
{
	sbuf_printf(o, " %llu.%09llu ", (unsigned long long)(ns / 1000000000u),
		    (unsigned long long)(ns % 1000000000u));
}

/* Each row's colour; memory calls (brk, mmap) are not coloured as processes' (execve, clone). */
static void check_classes(struct tview *v, const struct capture *c)
{
	unsigned int memory = 0, memory_process = 0, process = 0, wrong = 0;
	enum tview_class k;
	uint64_t r;

	for (r = 0; r < c->nrows; r++) {
		k = tview_row_class(v, r);
		if (k != c->rows[r].klass && wrong++ < 5)
			fprintf(stderr, "row %llu (%s): class %d, want %d\n", (unsigned long long)r,
				c->rows[r].type, (int)k, (int)c->rows[r].klass);
		if (!strcmp(c->rows[r].type, "brk") || !strcmp(c->rows[r].type, "mmap")) {
			memory++;
			memory_process += k == TC_PROCESS;
		}
		process += k == TC_PROCESS && (!strcmp(c->rows[r].type, "execve") ||
					       !strncmp(c->rows[r].type, "clone", 5));
	}
	CHECK(wrong == 0);
	CHECK(memory > 0 && memory_process == 0 && process > 0);
}

static void check_view(const char *path, const struct capture *c)
{
	struct diag d = { 0 };
	struct tview *v = tview_open(path, false, &d);
	struct tview_status st;
	struct tview_node *nodes;
	struct sbuf row, want;
	unsigned int n, i;
	bool type_node = false, arg_node = false, rows_same = true;
	const uint8_t *bytes;
	uint32_t len = 0;
	uint64_t r, nrows = c->nrows;
	size_t *pk, k;
	int64_t found;

	CHECK(v != NULL);
	if (!v) {
		fprintf(stderr, "%s: %s\n", path, d.msg);
		return;
	}
	wait_rows(v, &st);
	/* every event is indexed; the internal ones (a notification at least) are not rows */
	CHECK(st.events == c->events);
	CHECK(st.rows == nrows);
	CHECK(nrows > 10 && nrows < c->events);

	sbuf_init(&row);
	sbuf_init(&want);
	/*
	 * 80 cells: the narrow columns, the last one's long paths shortened; No.
	 * as wide as the last number now that all are in, as every draw fits it
	 */
	tview_set_width(v, 80);
	tview_header(v, &row);
	CHECK_STR(row.s, "No.  Time         Process    PID    Event      Info");
	for (r = 0, found = -1; r < nrows && found < 0; r++) {
		sbuf_reset(&row);
		if (tview_row_text(v, r, &row) && strstr(row.s, "\xe2\x80\xa6/locale/locale.alias") &&
		    strstr(c->rows[r].text, "/usr/share/locale/locale.alias"))
			found = (int64_t)r;
	}
	CHECK(found >= 0);
	/* an event name cut to its column ends in an ellipsis */
	for (r = 0; r < nrows && strcmp(c->rows[r].type, "rt_sigaction") != 0; r++)
		;
	sbuf_reset(&row);
	CHECK(r < nrows && tview_row_text(v, r, &row) &&
	      strstr(row.s, " rt_sig") != NULL && strstr(row.s, "\xe2\x80\xa6 ") != NULL);
	/* a find looks at the whole paths */
	CHECK(found > 0 && tview_find(v, (uint64_t)found - 1, true,
				      "/usr/share/locale/locale.alias") == found);

	/* the wide columns; every row: its event, and its text as the replay gives the fields */
	tview_set_width(v, 1000);
	sbuf_reset(&row);
	tview_header(v, &row);
	CHECK_STR(row.s, "No.  Time               CPU Process         PID     TID     User     "
			 "Event            Protocol Latency  Info");
	for (r = 0; r < nrows; r++) {
		sbuf_reset(&row);
		if (tview_row_event(v, r) != c->rows[r].num || !tview_row_text(v, r, &row) ||
		    !row_matches(row.s, c->rows[r].head, c->rows[r].args, c->rows[r].fdnum,
				 c->rows[r].type)) {
			if (rows_same)
				fprintf(stderr, "row %llu: [%s] want event %llu [%s]\n",
					(unsigned long long)r, row.s,
					(unsigned long long)c->rows[r].num, c->rows[r].text);
			rows_same = false;
		}
	}
	CHECK(rows_same);
	check_classes(v, c);
	sbuf_reset(&row);
	CHECK(!tview_row_text(v, nrows, &row));
	CHECK(tview_row_event(v, nrows) == 0);

	/* time since the first event (shown or not), and since the row before */
	tview_set_time(v, TT_RELATIVE, 0);
	CHECK(tview_first_ts(v) == c->first_ts);
	sbuf_reset(&row);
	put_seconds(&want, c->rows[1].ts - c->first_ts);
	CHECK(tview_row_text(v, 1, &row) && strstr(row.s, want.s) != NULL);
	tview_set_time(v, TT_DELTA, 0);
	sbuf_reset(&row);
	sbuf_reset(&want);
	put_seconds(&want, c->rows[2].ts - c->rows[1].ts);
	CHECK(tview_row_text(v, 2, &row) && strstr(row.s, want.s) != NULL);
	tview_set_time(v, TT_ABSOLUTE, 0);

	/* columns: one added before Info, one removed, one resized; then they are the user's */
	CHECK(tview_ncols(v) == NCOLS(wide_cols));
	CHECK(!tview_cols_custom(v));
	CHECK(tview_col_add(v, 10, "proc.exe", &d) == 0);
	CHECK(tview_col_add(v, 10, "proc.nope", &d) == -EINVAL);
	tview_col_remove(v, 2); /* CPU */
	tview_col_resize(v, 0, -3);
	CHECK(tview_cols_custom(v));
	sbuf_reset(&row);
	tview_header(v, &row);
	CHECK_STR(row.s, "N Time               Process         PID     TID     User     Event            "
			 "Protocol Latency  proc.exe     Info");
	sbuf_reset(&row);
	CHECK(tview_row_text(v, 0, &row));
	CHECK_STR(row.s, c->changed_row0);
	tview_col_remove(v, tview_ncols(v) - 1); /* Info stays */
	CHECK(tview_ncols(v) == NCOLS(changed_cols));
	/* the user's columns stay at any width, and read back from their text */
	tview_set_width(v, 80);
	sbuf_reset(&want);
	tview_header(v, &want);
	CHECK(strncmp(want.s, "N Time               Process", 28) == 0);
	sbuf_reset(&want);
	tview_cols_text(v, &want);
	CHECK(strstr(want.s, "\nevt.num 1\ntime 18\nproc.name 15\nproc.pid 7\nthread.tid 7\n"
			     "user.name 8\nevent 16\nevt.protocol 8\nlatency 8\nproc.exe 12\ninfo\n") != NULL);
	/* reset: laid out for the width again, then the user's once more */
	{
		struct sbuf h;

		sbuf_init(&h);
		tview_cols_reset(v);
		CHECK(!tview_cols_custom(v));
		tview_header(v, &h);
		CHECK_STR(h.s, "No.  Time         Process    PID    Event      Info");
		CHECK(tview_cols_load(v, want.s, "cols", &d) == 0 && tview_cols_custom(v));
		sbuf_fini(&h);
	}
	{
		struct tview *w = tview_open(path, false, &d);
		struct sbuf h;

		sbuf_init(&h);
		CHECK(w && tview_cols_load(w, want.s, "cols", &d) == 0 && tview_cols_custom(w));
		CHECK(w && tview_cols_load(w, "evt.num 5\nbogus.field 3\ninfo\n", "cols", &d) ==
				   -EINVAL);
		CHECK(strncmp(d.msg, "cols:2: not a column: bogus.field", 33) == 0);
		if (w)
			tview_header(w, &h);
		sbuf_reset(&row);
		tview_header(v, &row);
		CHECK_STR(h.s, row.s);
		sbuf_fini(&h);
		tview_free(w);
	}

	/* sorted by the Event column (6 now), then back */
	CHECK(tview_sort(v, 6, false) == 0);
	wait_sorted(v);
	sbuf_reset(&row);
	tview_header(v, &row);
	CHECK(strstr(row.s, "Event ^") != NULL);
	{
		bool desc = true, in_order = true;
		size_t at = strstr(row.s, "Event") ? (size_t)(strstr(row.s, "Event") - row.s) : 0;

		CHECK(tview_sorted_by(v, &desc) == 6 && !desc);
		for (r = 1; r < nrows; r++) {
			struct sbuf a, b;

			sbuf_init(&a);
			sbuf_init(&b);
			tview_row_text(v, r - 1, &a);
			tview_row_text(v, r, &b);
			/* by type, whatever the direction's arrow */
			if (strncmp(strchr(a.s + at, ' '), strchr(b.s + at, ' '), 12) > 0)
				in_order = false;
			sbuf_fini(&a);
			sbuf_fini(&b);
		}
		CHECK(in_order);
		CHECK(tview_row_at(v, c->rows[2].num) < nrows);
	}
	CHECK(tview_sort(v, 0, true) == 0); /* No., descending */
	wait_sorted(v);
	CHECK(tview_row_event(v, 0) == c->rows[nrows - 1].num &&
	      tview_row_event(v, nrows - 1) == c->rows[0].num);
	/* find in the sorted order: the nearest read after the top, before the bottom, and text */
	for (r = 1; r < nrows && strcmp(c->rows[nrows - 1 - r].type, "read") != 0; r++)
		;
	CHECK(r < nrows && tview_find(v, 0, true, "evt.type = read") == (int64_t)r);
	for (r = nrows - 1; r-- > 0 && strcmp(c->rows[nrows - 1 - r].type, "read") != 0;)
		;
	CHECK(tview_find(v, nrows - 1, false, "evt.type = read") == (int64_t)r);
	for (r = 1; r < nrows; r++) {
		sbuf_reset(&row);
		if (tview_row_text(v, r, &row) && strstr(row.s, "greeting"))
			break;
	}
	CHECK(r < nrows && tview_find(v, 0, true, "greeting") == (int64_t)r);
	CHECK(tview_sort(v, -1, false) == 0);
	CHECK(tview_row_event(v, 0) == c->rows[0].num);

	/* the tree of sh's execve exit: its type, an argument, and the bytes they come from */
	CHECK(c->exec_num > 0 && c->pgft_len == 8);
	n = tview_tree(v, c->exec_num, &nodes);
	CHECK(n > 10);
	CHECK(n && nodes[0].section && strcmp(nodes[0].text, "Event") == 0);
	sbuf_reset(&want);
	sbuf_printf(&want, "pgft_min: %s", c->pgft_min);
	for (i = 0; i < n; i++) {
		if (strcmp(nodes[i].text, "Type: execve") == 0)
			type_node = nodes[i].filter && strcmp(nodes[i].filter, "evt.type = execve") == 0 &&
				    nodes[i].off == 20 && nodes[i].len == 2;
		if (strcmp(nodes[i].text, want.s) == 0) {
			sbuf_reset(&row);
			sbuf_printf(&row, "evt.arg.pgft_min = %s", c->pgft_min);
			arg_node = nodes[i].filter && strcmp(nodes[i].filter, row.s) == 0 &&
				   nodes[i].off == c->pgft_off && nodes[i].len == c->pgft_len;
		}
	}
	CHECK(type_node);
	CHECK(arg_node);
	tview_tree_free(nodes, n);
	bytes = tview_bytes(v, c->exec_num, &len);
	CHECK(bytes != NULL && len == c->exec_len && memcmp(bytes, c->exec_raw, len) == 0);
	/* the argument's bytes are its value, little-endian */
	if (bytes && c->pgft_off + 8 <= len)
		CHECK(strtoull(c->pgft_min, NULL, 10) == buf_le64(bytes + c->pgft_off));
	CHECK(tview_bytes(v, c->events + 1, &len) == NULL);

	/* a filter, and one that does not compile */
	CHECK(tview_set_filter(v, PICK, &d) == 0);
	wait_rows(v, &st);
	CHECK(st.rows == c->npicked);
	CHECK(c->npicked > 10 && c->npicked < nrows);
	CHECK_STR(tview_filter(v), PICK);
	CHECK(tview_set_filter(v, "proc.nam = x", &d) == -EINVAL);
	CHECK(d.col == 1);
	CHECK_STR(tview_filter(v), PICK);
	pk = picked_rows(c);
	for (k = 0, rows_same = true; k < c->npicked; k++)
		rows_same = rows_same && tview_row_event(v, k) == c->rows[pk[k]].num;
	CHECK(rows_same);
	/* find a filter forward: cat's first read after the first row */
	for (k = 1; k < c->npicked && strcmp(c->rows[pk[k]].type, "read") != 0; k++)
		;
	CHECK(k < c->npicked);
	CHECK(tview_find(v, 0, true, "evt.type = read") == (int64_t)k);
	/*
	 * find text backward from half way, and forward from the top: greeting.txt,
	 * cat's input, in the rows as the list shows them where nothing is cut
	 */
	tview_set_width(v, 1000);
	for (found = -1, k = 0; k < c->npicked / 2; k++) {
		sbuf_reset(&row);
		if (tview_row_text(v, k, &row) && strstr(row.s, "greeting"))
			found = (int64_t)k;
	}
	CHECK(found > 0);
	CHECK(tview_find(v, c->npicked / 2, false, "greeting") == found);
	for (k = 1; k < c->npicked; k++) {
		sbuf_reset(&row);
		if (tview_row_text(v, k, &row) && strstr(row.s, "greeting"))
			break;
	}
	CHECK(tview_find(v, 0, true, "greeting") == (int64_t)k);
	CHECK(tview_find(v, 0, true, "no such text anywhere") == -1);
	/* the row of an event not shown: the next one's */
	CHECK(pk[3] + 1 < nrows);
	for (k = 0; k < c->npicked && c->rows[pk[k]].num < c->rows[pk[3]].num + 1; k++)
		;
	CHECK(c->rows[pk[3] + 1].picked || tview_row_at(v, c->rows[pk[3]].num + 1) == k);
	CHECK(tview_row_at(v, c->rows[pk[3]].num) == 3);
	CHECK(tview_row_at(v, c->events + 1) == c->npicked);
	free(pk);
	sbuf_fini(&row);
	sbuf_fini(&want);
	tview_free(v);
}

/*
 * A capture followed while it is written: rows come as the file grows. The
 * capture, inflated, is written up to the middle of an event block in its
 * middle, then the rest.
 */
static void check_follow(const char *path, const struct capture *c)
{
	char tmp[] = "/tmp/syshark-follow-XXXXXX";
	struct timespec ts = { 0, 20000000 };
	struct tview_status st;
	struct diag d = { 0 };
	struct sf_reader *rd = sf_reader_open(path, &d);
	struct sf_block b;
	struct tview *v;
	const uint8_t *buf = NULL;
	size_t n = 0, half = 0, before = 0;
	int fd = mkstemp(tmp), i;

	if (rd)
		buf = sf_reader_data(rd, &n);
	CHECK(rd && fd >= 0 && n > 1000);
	if (!rd || fd < 0)
		goto out;
	while (sf_reader_next(rd, &b, NULL) > 0)
		if (b.kind == SF_K_EV && b.off <= n / 2 && n / 2 < b.off + b.total_len)
			half = b.off + b.total_len / 2;
	CHECK(half > 0);
	/* the rows of the events before the cut */
	{
		struct eng_replay *r = eng_replay_open_mem(buf, half, NULL);
		struct eng_evt e;

		while (r && eng_replay_next(r, &e, NULL) > 0)
			before += !e.hidden;
		eng_replay_free(r);
	}
	CHECK(before > 0 && before < c->nrows);
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
	CHECK(st.live && st.rows > 0 && st.rows <= before);
	CHECK(write(fd, buf + half, n - half) == (ssize_t)(n - half));
	tview_follow_end(v);
	for (i = 0; i < 500; i++) {
		tview_status(v, &st);
		if (!st.live && !st.searching)
			break;
		nanosleep(&ts, NULL);
	}
	CHECK(!st.live && st.events == c->events && st.rows == c->nrows);
	CHECK(tview_row_event(v, c->nrows - 1) == c->rows[c->nrows - 1].num);
	tview_free(v);
out:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	sf_reader_free(rd);
}

int main(int argc, char **argv)
{
	struct capture c;

	setlocale(LC_CTYPE, "C.UTF-8");
	setenv("TZ", "UTC", 1);
	tzset();
	check_keymap();
	check_utf8_once();
	check_sanitize();
	check_duration();
	check_statusbar();
	check_complete();
	check_complete_layout();
	if (argc > 1) {
		FILE *f = fopen(argv[1], "rb");

		if (!f) {
			printf("SKIP: %s is missing\n", argv[1]);
			return 77;
		}
		fclose(f);
		capture_read(argv[1], &c);
		check_view(argv[1], &c);
		check_follow(argv[1], &c);
		capture_free(&c);
	}
	return h_done();
}

// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE /* wcwidth */
#include "cells.h"

#include <ctype.h>
#include <langinfo.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "dis_args.h"
#include "eng_fields.h"
#include "schema.h"

/* Fields the list's own columns are made of. */
static struct {
	struct eng_fref type, dir, args, tid, pid, latency;
	const char *enter, *exit; /* the direction's arrows */
	const char *micro;	  /* "µs" */
} own;

static pthread_once_t own_once = PTHREAD_ONCE_INIT;

static void own_init(void)
{
	bool utf8 = cell_utf8();

	eng_field_lookup("evt.type", &own.type, NULL);
	eng_field_lookup("evt.dir", &own.dir, NULL);
	eng_field_lookup("evt.args", &own.args, NULL);
	eng_field_lookup("thread.tid", &own.tid, NULL);
	eng_field_lookup("proc.pid", &own.pid, NULL);
	eng_field_lookup("evt.latency", &own.latency, NULL);
	own.micro = utf8 ? "\xc2\xb5s" : "us";
	own.enter = utf8 ? "\xe2\x86\x92" : ">"; /* → */
	own.exit = utf8 ? "\xe2\x86\x90" : "<";  /* ← */
}

static void reverse(char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n / 2; i++) {
		char c = p[i];

		p[i] = p[n - 1 - i];
		p[n - 1 - i] = c;
	}
}

/* The n bytes at p with their first k moved to the end. */
static void rotate(char *p, size_t k, size_t n)
{
	reverse(p, k);
	reverse(p + k, n - k);
	reverse(p, n);
}

/* "[tid N] " for a thread that is not its process's main one. */
static void thread_tag_text(const struct eng_state *s, const struct eng_evt *e, struct sbuf *out)
{
	size_t start = out->len, tid, pid;

	sbuf_puts(out, "[tid ");
	tid = out->len;
	if (eng_field_extract(&own.tid, out, s, e)) {
		pid = out->len;
		if (eng_field_extract(&own.pid, out, s, e) &&
		    (out->len - pid != pid - tid || memcmp(out->s + tid, out->s + pid, pid - tid) != 0)) {
			sbuf_truncate(out, pid);
			sbuf_puts(out, "] ");
			return;
		}
	}
	sbuf_truncate(out, start);
}

/*
 * Puts the fd event e works on first in its arguments (at out->s + at):
 * moved there from where a call's enter has it, or added if they name no fd.
 */
static void fd_first(struct sbuf *out, size_t at, const struct eng_evt *e)
{
	size_t end = out->len, n;
	char *hit;

	sbuf_puts(out, " fd=");
	if (!eng_evt_fd_text(out, e)) {
		sbuf_truncate(out, end);
		return;
	}
	n = out->len - end; /* " fd=3(<f>/etc/passwd)" */
	hit = memmem(out->s + at, end - at, out->s + end, n);
	if (hit && (hit + n == out->s + end || hit[n] == ' ')) {
		memmove(hit, hit + n, (size_t)(out->s + out->len - (hit + n)));
		end -= n;
		sbuf_truncate(out, out->len - n);
	} else if ((end - at >= n - 1 && memcmp(out->s + at, out->s + end + 1, n - 1) == 0) ||
		   strncmp(out->s + at, "fd=", 3) == 0 || memmem(out->s + at, end - at, " fd=", 4)) {
		/* first already, or the arguments name another fd */
		sbuf_truncate(out, end);
		return;
	}
	/* args " fd=X" -> "fd=X " args */
	rotate(out->s + end, 1, n);
	rotate(out->s + at, end - at, out->len - at);
	if (end == at)
		sbuf_truncate(out, out->len - 1);
}

bool cell_latency(const struct eng_state *s, const struct eng_evt *e, uint64_t *ns)
{
	struct sbuf v;
	bool ok;

	pthread_once(&own_once, own_init);
	if (ev_type_is_enter(e->ev.type))
		return false;
	sbuf_init(&v);
	ok = eng_field_extract(&own.latency, &v, s, e);
	*ns = ok ? strtoull(v.s, NULL, 10) : 0;
	sbuf_fini(&v);
	return ok && *ns;
}

void cell_duration(struct sbuf *out, uint64_t ns)
{
	pthread_once(&own_once, own_init);
	if (ns < 1000)
		sbuf_printf(out, "%uns", (unsigned int)ns);
	else if (ns < 1000000)
		sbuf_printf(out, "%.*f%s", ns < 10000 ? 2 : ns < 100000 ? 1 : 0, ns / 1e3, own.micro);
	else if (ns < 1000000000)
		sbuf_printf(out, "%.*fms", ns < 10000000 ? 2 : ns < 100000000 ? 1 : 0, ns / 1e6);
	else
		sbuf_printf(out, "%.2fs", ns / 1e9);
}

bool cell_text(const struct column *col, bool thread_tag, const struct eng_state *s,
	       const struct eng_evt *e, struct sbuf *out)
{
	struct ev_view enter;
	struct dis_ctx ctx;
	size_t args_at;
	uint64_t ns;

	pthread_once(&own_once, own_init);
	switch (col->kind) {
	case CK_FIELD:
		return eng_field_extract(&col->fr, out, s, e);
	case CK_EVENT:
		/* a call has no direction: it is both */
		if (!e->call) {
			sbuf_puts(out, ev_type_is_enter(e->ev.type) ? own.enter : own.exit);
			sbuf_putc(out, ' ');
		}
		return eng_field_extract(&own.type, out, s, e);
	case CK_LATENCY:
		if (!cell_latency(s, e, &ns))
			return false;
		cell_duration(out, ns);
		return true;
	case CK_INFO:
		if (thread_tag)
			thread_tag_text(s, e, out);
		args_at = out->len;
		if (e->call && eng_state_enter_of(e->thread, &e->ev, &enter)) {
			/* as strace reads: the result, what was asked, what came back */
			eng_dis_ctx(&ctx, s, e);
			dis_args_render_call(out, &e->ev, &enter, DIS_VIEW_COMPAT, DIS_CALL_RESULT,
					     &ctx);
			if (out->len > args_at)
				sbuf_truncate(out, out->len - 1);
		} else {
			eng_field_extract(&own.args, out, s, e);
		}
		fd_first(out, args_at, e);
		return true;
	default:
		return false;
	}
}

void cell_event_key(const struct eng_state *s, const struct eng_evt *e, struct sbuf *out)
{
	pthread_once(&own_once, own_init);
	eng_field_extract(&own.type, out, s, e);
	sbuf_puts(out, ev_type_is_enter(e->ev.type) ? " 0" : " 1");
}

size_t cell_fit(const char *s, int width, int *cells)
{
	const char *p = s;
	size_t n = strlen(s);
	mbstate_t st;

	*cells = 0;
	memset(&st, 0, sizeof(st));
	while (n) {
		wchar_t wc;
		size_t k = 1;
		int w;

		if ((unsigned char)*p < 0x80) {
			w = *p >= ' ' && *p < 0x7f ? 1 : -1; /* ASCII, the most of it */
		} else {
			k = mbrtowc(&wc, p, n, &st);
			if (k == (size_t)-1 || k == (size_t)-2 || k == 0)
				break;
			w = wcwidth(wc);
		}
		if (w < 0 || (width && *cells + w > width))
			break;
		*cells += w;
		p += k;
		n -= k;
	}
	return (size_t)(p - s);
}

void cell_put(struct sbuf *out, const char *s, int width)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = 0, at = out->len;
	int cells;

	while (u[n] >= ' ' && u[n] < 0x7f)
		n++;
	if (!u[n]) {
		/* printable ASCII, the most of it: a byte a cell */
		cells = width && n > (size_t)width ? width : (int)n;
		sbuf_put(out, s, (size_t)cells);
	} else {
		cell_sanitize(out, s);
		if (!width)
			return;
		sbuf_truncate(out, at + cell_fit(out->s + at, width, &cells));
	}
	while (cells++ < width)
		sbuf_putc(out, ' ');
}

/* The display cells of s. */
static int cells_of(const char *s)
{
	int cells;

	cell_fit(s, 0, &cells);
	return cells;
}

static bool path_char(char c)
{
	return isalnum((unsigned char)c) || (c && strchr("/._-+@~,", c)) || (c & 0x80);
}

/* Replaces bytes [from, to) of s with text. */
static void splice(struct sbuf *s, size_t from, size_t to, const char *text)
{
	struct sbuf t;

	sbuf_init(&t);
	sbuf_put(&t, s->s, from);
	sbuf_puts(&t, text);
	sbuf_puts(&t, s->s + to);
	sbuf_reset(s);
	sbuf_put(s, t.s, t.len);
	sbuf_fini(&t);
}

/*
 * Shortens the longest paths in s ("/a/b/c/d/e.txt" to "…/d/e.txt"), one
 * at a time, until s fits in width cells or no path is long enough.
 */
static void shorten_paths(struct sbuf *s, int width)
{
	const char *dots = cell_utf8() ? "\xe2\x80\xa6" : "...";

	while (cells_of(s->s) > width) {
		size_t best = 0, best_len = 0, i, keep = 0;

		/* a path: a '/' after '(', '>', '=' or a space, then characters of file names */
		for (i = 0; i < s->len; i++) {
			size_t j, slashes = 0, last2 = 0, last1 = 0;

			if (s->s[i] != '/' || (i && s->s[i - 1] != '(' && s->s[i - 1] != '>' &&
					       s->s[i - 1] != '=' && s->s[i - 1] != ' '))
				continue;
			for (j = i; j < s->len && path_char(s->s[j]); j++) {
				if (s->s[j] == '/') {
					slashes++;
					last2 = last1;
					last1 = j;
				}
			}
			if (slashes >= 3 && last2 - i > 4 && j - i > best_len) {
				best = i;
				best_len = j - i;
				keep = last2; /* from the last two components on */
			}
			i = j;
		}
		if (!best_len)
			return;
		splice(s, best, keep, dots);
	}
}

/*
 * Shortens the socket tuples in s until it fits in width cells: an IP
 * tuple's local address goes, its port stays ("<4t>…:47888->10.0.0.1:80")
 * unless that is still too wide ("<4t>…->10.0.0.1:80"), and a unix
 * tuple's kernel addresses go ("<u>…/run/x.sock").
 */
static void shorten_tuples(struct sbuf *s, int width)
{
	const char *dots = cell_utf8() ? "\xe2\x80\xa6" : "...";
	const char *p = s->s;

	while (cells_of(s->s) > width && (p = strstr(p, "t>")) != NULL) {
		size_t from = (size_t)(p - s->s) + 2, arrow, colon, i;
		const char *a = strstr(s->s + from, "->");

		p += 2;
		if (!a || p - s->s < 4 || p[-4] != '<' || (p[-3] != '4' && p[-3] != '6'))
			continue;
		arrow = (size_t)(a - s->s);
		for (colon = 0, i = from; i < arrow; i++) {
			if (s->s[i] == ' ' || s->s[i] == ')')
				break;
			if (s->s[i] == ':')
				colon = i;
		}
		if (i == arrow && colon > from) {
			splice(s, from, colon, dots);
			p = s->s + from;
		}
	}
	/* still too wide: the local port goes too ("<4t>…->10.0.0.1:80") */
	for (p = s->s; cells_of(s->s) > width && (p = strstr(p, dots)) != NULL;) {
		size_t at = (size_t)(p - s->s), end = at + strlen(dots), i;

		p += strlen(dots);
		for (i = end + 1; s->s[end] == ':' && isdigit((unsigned char)s->s[i]); i++)
			;
		if (i > end + 1 && strncmp(s->s + i, "->", 2) == 0 && at >= 2 &&
		    strncmp(s->s + at - 2, "t>", 2) == 0) {
			splice(s, end, i, "");
			p = s->s + end;
		}
	}
	for (p = s->s; cells_of(s->s) > width && (p = strstr(p, "<u>")) != NULL;) {
		size_t from = (size_t)(p - s->s) + 3, i;

		p += 3;
		for (i = from; isxdigit((unsigned char)s->s[i]) || s->s[i] == '-' || s->s[i] == '>'; i++)
			;
		if (i > from && s->s[i] == ' ' && memchr(s->s + from, '>', i - from)) {
			splice(s, from, i + 1, dots);
			p = s->s + from;
		}
	}
}

void cell_shorten(struct sbuf *s, int width)
{
	shorten_tuples(s, width);
	shorten_paths(s, width);
}

void cell_sanitize(struct sbuf *out, const char *s)
{
	mbstate_t st;
	size_t n = strlen(s);

	memset(&st, 0, sizeof(st));
	while (n) {
		wchar_t wc;
		size_t k;

		if ((unsigned char)*s < 0x80) {
			/* ASCII, the most of it: a run of printable bytes at once */
			for (k = 0; k < n && s[k] >= ' ' && s[k] < 0x7f; k++)
				;
			if (k) {
				sbuf_put(out, s, k);
			} else {
				sbuf_putc(out, '.');
				k = 1;
			}
			s += k;
			n -= k;
			continue;
		}
		k = mbrtowc(&wc, s, n, &st);
		if (k == (size_t)-1 || k == (size_t)-2 || k == 0) {
			sbuf_putc(out, '.');
			memset(&st, 0, sizeof(st));
			s++;
			n--;
			continue;
		}
		if (!iswprint((wint_t)wc))
			sbuf_putc(out, '.');
		else
			sbuf_put(out, s, k);
		s += k;
		n -= k;
	}
}

static bool utf8;
static pthread_once_t utf8_once = PTHREAD_ONCE_INIT;

static void utf8_init(void)
{
	utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

bool cell_utf8(void)
{
	pthread_once(&utf8_once, utf8_init);
	return utf8;
}

void cell_lines(struct sbuf *out, const char *s)
{
	static const struct {
		const char *utf8, *ascii;
	} lines[] = { { "\xe2\x94\x82", "|" }, { "\xe2\x94\x9c", "|" }, { "\xe2\x94\x94", "`" },
		      { "\xe2\x94\x80", "-" } }; /* │ ├ └ ─ */
	size_t i;

	if (cell_utf8()) {
		sbuf_puts(out, s);
		return;
	}
	while (*s) {
		for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
			if (strncmp(s, lines[i].utf8, 3) == 0)
				break;
		if (i < sizeof(lines) / sizeof(lines[0])) {
			sbuf_puts(out, lines[i].ascii);
			s += 3;
		} else {
			sbuf_putc(out, *s++);
		}
	}
}

void cell_ellipsize(struct sbuf *s, int width)
{
	int cells;

	if (width < 2 || cells_of(s->s) <= width)
		return;
	sbuf_truncate(s, cell_fit(s->s, width - 1, &cells));
	sbuf_puts(s, cell_utf8() ? "\xe2\x80\xa6" : "~");
}

// SPDX-License-Identifier: GPL-2.0-only
/* The bytes read from and written to one fd of one process, and how to show them. */
#include "eng_stream.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "eng_fields_int.h"
#include "xalloc.h"

static const char *const fmt_names[ENG_SF_COUNT] = { "text", "printable", "hex", "raw" };

const char *eng_stream_fmt_name(enum eng_stream_fmt f)
{
	return fmt_names[f];
}

int eng_stream_fmt_parse(const char *name)
{
	for (int i = 0; i < ENG_SF_COUNT; i++)
		if (strcmp(name, fmt_names[i]) == 0)
			return i;
	return -1;
}

/* The number of the fd e works on, as fd.num finds it; false if none once the event is over. */
static bool event_fd(const struct eng_evt *e, int64_t *fd)
{
	/* the enter of a call that makes an fd has none yet */
	if (!fx_is_fd_event(e) ||
	    ((eng_event_flags(e->ev.type) & EV_F_CREATES_FD) && ev_type_is_enter(e->ev.type)))
		return false;
	*fd = e->thread->lastevent_fd;
	return *fd >= 0;
}

struct eng_stream *eng_stream_new(const struct eng_evt *e, struct diag *d)
{
	const struct eng_fd *f;
	struct eng_stream *s;
	int64_t fd;

	if (!event_fd(e, &fd)) {
		diag_set(d, -EINVAL, 0, "event %llu does not work on an fd",
			 (unsigned long long)e->num);
		return NULL;
	}
	f = fx_evt_fd(e);
	s = xcalloc(1, sizeof(*s));
	s->pid = e->thread->pid;
	s->fd = fd;
	s->comm = xstrdup(e->thread->comm);
	s->name = xstrdup(f && f->name ? f->name : "");
	s->type = f ? eng_fd_typename(f) : "<NA>";
	s->at = e->num;
	return s;
}

void eng_stream_free(struct eng_stream *s)
{
	if (!s)
		return;
	free(s->comm);
	free(s->name);
	free(s->segs);
	free(s->data);
	free(s);
}

/* Forgets what came before: the fd number was closed or made anew. */
static void restart(struct eng_stream *s)
{
	s->nsegs = 0;
	s->len = 0;
	s->restarts++;
	memset(s->moved, 0, sizeof(s->moved));
	memset(s->kept, 0, sizeof(s->kept));
}

static void add_data(struct eng_stream *s, const struct eng_evt *e, bool out, int64_t res)
{
	int i = fx_evt_param_index(e, "data");
	const uint8_t *p = NULL;
	int64_t n = i < 0 ? -1 : ev_param(&e->ev, (unsigned int)i, &p);
	struct eng_stream_seg *g;

	if (n < 0)
		n = 0;
	if (n > res)
		n = res; /* a read's buffer may hold more than it read */
	if (s->nsegs == s->segs_cap) {
		s->segs_cap = s->segs_cap ? 2 * s->segs_cap : 64;
		s->segs = xreallocarray(s->segs, s->segs_cap, sizeof(*s->segs));
	}
	if (s->len + (size_t)n > s->data_cap) {
		while (s->len + (size_t)n > s->data_cap)
			s->data_cap = s->data_cap ? 2 * s->data_cap : 4096;
		s->data = xreallocarray(s->data, s->data_cap, 1);
	}
	g = &s->segs[s->nsegs++];
	g->num = e->num;
	g->ts = e->ev.ts;
	g->out = out;
	g->len = res;
	g->kept = (uint32_t)n;
	g->off = s->len;
	g->dir_off = s->kept[out];
	if (n)
		memcpy(s->data + s->len, p, (size_t)n);
	s->len += (size_t)n;
	s->moved[out] += (uint64_t)res;
	s->kept[out] += (uint64_t)n;
}

bool eng_stream_add(struct eng_stream *s, const struct eng_evt *e)
{
	uint32_t fl = eng_event_flags(e->ev.type);
	int64_t res, fd;

	if (s->ended)
		return false;
	if (!event_fd(e, &fd) || fd != s->fd || e->thread->pid != s->pid)
		return true;
	if (fl & (EV_F_CREATES_FD | EV_F_DESTROYS_FD)) {
		if (ev_type_is_enter(e->ev.type))
			return true;
		if (e->num < s->at) {
			restart(s);
			return true;
		}
		if (e->num > s->at || (fl & EV_F_DESTROYS_FD)) {
			s->ended = true;
			return false;
		}
	}
	if (!(fl & (EV_F_READS_FROM_FD | EV_F_WRITES_TO_FD)) || ev_type_is_enter(e->ev.type) ||
	    !fx_evt_i64(e, "res", &res) || res <= 0)
		return true;
	add_data(s, e, (fl & EV_F_WRITES_TO_FD) != 0, res);
	return true;
}

/* Length of the UTF-8 sequence at p (n bytes left) if it is a whole printable one, else 0. */
static unsigned int utf8_len(const uint8_t *p, size_t n)
{
	unsigned int len, i;
	uint32_t c;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return 0;
	len = p[0] >= 0xf0 ? 4 : p[0] >= 0xe0 ? 3 : 2;
	if (n < len)
		return 0;
	c = p[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates, C1 controls, past U+10FFFF */
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c < 0xe000) || (c >= 0x80 && c < 0xa0))
		return 0;
	return len;
}

/* Text and printable: lines broken at '\n' and at width cells, tabs as spaces. */
static void render_text(const uint8_t *p, size_t n, bool printable, unsigned int width,
			struct sbuf *out)
{
	unsigned int col = 0, k;
	size_t i = 0;

	while (i < n) {
		uint8_t c = p[i];

		if (c == '\n' || (c == '\r' && i + 1 < n && p[i + 1] == '\n')) {
			i += c == '\r' ? 2 : 1;
			sbuf_putc(out, '\n');
			col = 0;
			continue;
		}
		if (width && col >= width) {
			sbuf_putc(out, '\n');
			col = 0;
		}
		if (c == '\t') {
			do
				sbuf_putc(out, ' ');
			while (++col % 8 && (!width || col < width));
			i++;
		} else if (c >= 0x20 && c < 0x7f) {
			sbuf_putc(out, (char)c);
			col++;
			i++;
		} else if (!printable && (k = utf8_len(p + i, n - i))) {
			sbuf_put(out, p + i, k);
			col++;
			i += k;
		} else {
			if (!printable) {
				sbuf_putc(out, '.');
				col++;
			}
			i++;
		}
	}
	if (col || !n)
		sbuf_putc(out, '\n');
}

/* 16 bytes a line: the direction's offset, the bytes, and their characters. */
static void render_hex(const uint8_t *p, size_t n, uint64_t off, struct sbuf *out)
{
	for (size_t i = 0; i < n; i += 16) {
		size_t j, m = n - i < 16 ? n - i : 16;

		sbuf_printf(out, "%08llx ", (unsigned long long)(off + i));
		for (j = 0; j < 16; j++) {
			if (j == 8)
				sbuf_putc(out, ' ');
			if (j < m)
				sbuf_printf(out, " %02x", p[i + j]);
			else
				sbuf_puts(out, "   ");
		}
		sbuf_puts(out, "  ");
		for (j = 0; j < m; j++)
			sbuf_putc(out, p[i + j] >= 0x20 && p[i + j] < 0x7f ? (char)p[i + j] : '.');
		sbuf_putc(out, '\n');
	}
}

void eng_stream_render(const struct eng_stream *s, size_t i, enum eng_stream_fmt fmt,
		       unsigned int width, struct sbuf *out)
{
	static const uint8_t none[1];
	const struct eng_stream_seg *g = &s->segs[i];
	const uint8_t *p = g->kept ? s->data + g->off : none; /* data is NULL until a byte is kept */

	switch (fmt) {
	case ENG_SF_RAW:
		sbuf_put(out, p, g->kept);
		return;
	case ENG_SF_HEX:
		render_hex(p, g->kept, g->dir_off, out);
		break;
	case ENG_SF_TEXT:
	case ENG_SF_PRINTABLE:
	case ENG_SF_COUNT:
		render_text(p, g->kept, fmt == ENG_SF_PRINTABLE, width, out);
		break;
	}
	if ((uint64_t)g->len > g->kept)
		sbuf_printf(out, "[%lld more bytes not in the capture]\n",
			    (long long)((uint64_t)g->len - g->kept));
}

void eng_stream_describe(const struct eng_stream *s, struct sbuf *out)
{
	sbuf_printf(out, "fd %lld (%s%s%s) of pid %lld (%s)", (long long)s->fd, s->type,
		    s->name[0] ? " " : "", s->name, (long long)s->pid, s->comm);
}

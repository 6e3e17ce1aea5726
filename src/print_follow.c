// SPDX-License-Identifier: GPL-2.0-only
/* --follow=N: the stream of the fd event N works on, as tshark -z follow prints a connection. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "eng_replay.h"
#include "eng_stream.h"
#include "print.h"
#include "sbuf.h"

int print_follow_parse(const char *arg, struct print_follow *f)
{
	char *end, *spec;
	int fmt;

	if (!print_parse_u64(arg, &end, &f->event) || f->event == 0 || (*end && *end != ','))
		return -1;
	f->fmt = ENG_SF_TEXT;
	f->dir = -1;
	while (*end == ',') {
		spec = end + 1;
		end = strchr(spec, ',');
		if (!end)
			end = spec + strlen(spec);
		if ((size_t)(end - spec) == 4 && strncmp(spec, "read", 4) == 0)
			f->dir = 0;
		else if ((size_t)(end - spec) == 5 && strncmp(spec, "write", 5) == 0)
			f->dir = 1;
		else {
			char name[16];

			snprintf(name, sizeof(name), "%.*s", (int)(end - spec), spec);
			fmt = eng_stream_fmt_parse(name);
			if (fmt < 0)
				return -1;
			f->fmt = fmt;
		}
	}
	return 0;
}

/* The first pass: the stream of event at, once it comes. */
struct finding {
	uint64_t at;
	struct eng_stream *s;
	struct diag d;
};

static bool find_event(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	struct finding *f = arg;

	(void)r;
	if (e->num < f->at)
		return true;
	f->s = eng_stream_new(e, &f->d);
	return false;
}

static bool add_event(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	(void)r;
	return eng_stream_add(arg, e);
}

int print_follow(const char *path, const struct print_follow *f, FILE *out)
{
	struct finding fd = { .at = f->event };
	struct eng_stream *s;
	struct sbuf o;
	size_t i;
	int status;

	/* the stream's start is before its event: a second pass gathers it */
	if (print_replay(path, find_event, &fd) != 0 && !fd.s)
		return 1;
	s = fd.s;
	if (!s) {
		if (!fd.d.msg[0])
			diag_set(&fd.d, -ENOENT, 0, "the capture has no event %llu",
				 (unsigned long long)f->event);
		fprintf(stderr, "syshark: %s: %s\n", path, fd.d.msg);
		return 1;
	}
	status = print_replay(path, add_event, s);
	if (status < 0) {
		eng_stream_free(s);
		return 1;
	}
	sbuf_init(&o);
	if (f->fmt != ENG_SF_RAW) {
		sbuf_puts(&o, "=== ");
		eng_stream_describe(s, &o);
		sbuf_printf(&o, "\n=== read %llu bytes (%llu in the capture), written %llu (%llu), "
				"%zu calls\n",
			    (unsigned long long)s->moved[0], (unsigned long long)s->kept[0],
			    (unsigned long long)s->moved[1], (unsigned long long)s->kept[1],
			    s->nsegs);
	}
	for (i = 0; i < s->nsegs; i++) {
		const struct eng_stream_seg *g = &s->segs[i];

		if (f->dir >= 0 && g->out != (f->dir == 1))
			continue;
		if (f->fmt != ENG_SF_RAW)
			sbuf_printf(&o, "--- #%llu %s %lld bytes\n", (unsigned long long)g->num,
				    g->out ? "write" : "read", (long long)g->len);
		eng_stream_render(s, i, f->fmt, 0, &o);
		if (o.len > 1 << 16) {
			fwrite(o.s, 1, o.len, out);
			sbuf_reset(&o);
		}
	}
	fwrite(o.s, 1, o.len, out);
	status |= print_flushed(out);
	sbuf_fini(&o);
	eng_stream_free(s);
	return status;
}

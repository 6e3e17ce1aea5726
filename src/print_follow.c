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
	unsigned long long n = strtoull(arg, &end, 10);
	int fmt;

	if (end == arg || *arg == '-' || n == 0 || (*end && *end != ','))
		return -1;
	f->event = n;
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

/* The stream event f->event is on, gathered in a second pass from the start. */
static struct eng_stream *gather(const char *path, uint64_t at, struct diag *d)
{
	struct eng_replay *r = eng_replay_open(path, d);
	struct eng_stream *s = NULL;
	struct eng_evt e;
	int rc;

	if (!r)
		return NULL;
	while ((rc = eng_replay_next(r, &e, d)) > 0 && e.num < at)
		;
	if (rc > 0)
		s = eng_stream_new(r, &e, d);
	else if (rc == 0)
		diag_set(d, -ENOENT, 0, "the capture has no event %llu", (unsigned long long)at);
	eng_replay_free(r);
	if (!s)
		return NULL;
	r = eng_replay_open(path, d);
	while (r && (rc = eng_replay_next(r, &e, d)) > 0 && eng_stream_add(s, &e))
		;
	if (!r || rc < 0) {
		eng_replay_free(r);
		eng_stream_free(s);
		return NULL;
	}
	eng_replay_free(r);
	return s;
}

int print_follow(const char *path, const struct print_follow *f, FILE *out)
{
	struct diag d = { 0 };
	struct eng_stream *s = gather(path, f->event, &d);
	struct sbuf o;
	size_t i;
	int status = 0;

	if (!s) {
		fprintf(stderr, "syshark: %s: %s\n", path, d.msg);
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
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "syshark: cannot write the output\n");
		status = 1;
	}
	sbuf_fini(&o);
	eng_stream_free(s);
	return status;
}

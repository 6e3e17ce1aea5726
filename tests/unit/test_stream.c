// SPDX-License-Identifier: GPL-2.0-only
/*
 * How fd streams are shown: text with line ends, tabs, UTF-8 and control
 * bytes, wrapping at a width, printable text, the hex dump's offsets per
 * direction, raw bytes, and the line for bytes the capture did not keep.
 */
#include <stdlib.h>

#include "eng_stream.h"
#include "harness.h"

/* A stream of made-up segments: each (out, bytes, len moved) in turn. */
static void add_seg(struct eng_stream *s, bool out, const char *bytes, size_t n, int64_t len)
{
	struct eng_stream_seg *g;

	s->segs = realloc(s->segs, (s->nsegs + 1) * sizeof(*s->segs));
	s->data = realloc(s->data, s->len + n + 1);
	g = &s->segs[s->nsegs++];
	*g = (struct eng_stream_seg){ .num = s->nsegs, .out = out, .len = len, .kept = (uint32_t)n,
				      .off = s->len, .dir_off = s->kept[out] };
	memcpy(s->data + s->len, bytes, n);
	s->len += n;
	s->kept[out] += n;
}

static void render(const struct eng_stream *s, size_t i, enum eng_stream_fmt f, unsigned int w,
		   const char *want)
{
	struct sbuf o;

	sbuf_init(&o);
	eng_stream_render(s, i, f, w, &o);
	CHECK_STR(o.s ? o.s : "", want);
	sbuf_fini(&o);
}

int main(void)
{
	struct eng_stream s = { 0 };
	static const char bin[] = "a\x01\tb\xc3\xa9\xff\r\nc";

	add_seg(&s, true, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", 27, 27);
	add_seg(&s, false, bin, sizeof(bin) - 1, 100);
	add_seg(&s, true, "0123456789abcdefXYZ", 19, 19);
	add_seg(&s, false, "", 0, 5);

	render(&s, 0, ENG_SF_TEXT, 0, "GET / HTTP/1.1\nHost: x\n\n");
	render(&s, 0, ENG_SF_TEXT, 6, "GET / \nHTTP/1\n.1\nHost: \nx\n\n");
	/* a tab to the next stop of 8, é kept, bytes that are not UTF-8 as '.' */
	render(&s, 1, ENG_SF_TEXT, 0,
	       "a.      b\xc3\xa9.\nc\n[90 more bytes not in the capture]\n");
	render(&s, 1, ENG_SF_PRINTABLE, 0,
	       "a       b\nc\n[90 more bytes not in the capture]\n");
	render(&s, 1, ENG_SF_RAW, 0, bin);
	/* offsets count the direction's bytes: this write follows 27 written */
	render(&s, 2, ENG_SF_HEX, 0,
	       "0000001b  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  0123456789abcdef\n"
	       "0000002b  58 59 5a                                          XYZ\n");
	render(&s, 1, ENG_SF_HEX, 0,
	       "00000000  61 01 09 62 c3 a9 ff 0d  0a 63                    a..b.....c\n"
	       "[90 more bytes not in the capture]\n");
	render(&s, 3, ENG_SF_TEXT, 0, "\n[5 more bytes not in the capture]\n");
	render(&s, 3, ENG_SF_HEX, 0, "[5 more bytes not in the capture]\n");
	CHECK(eng_stream_fmt_parse("hex") == ENG_SF_HEX);
	CHECK(eng_stream_fmt_parse("raw") == ENG_SF_RAW);
	CHECK(eng_stream_fmt_parse("ascii") == -1);
	CHECK_STR(eng_stream_fmt_name(ENG_SF_PRINTABLE), "printable");
	free(s.segs);
	free(s.data);
	return h_done();
}

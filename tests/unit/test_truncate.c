// SPDX-License-Identifier: GPL-2.0-only
/*
 * Truncation sweep: cuts each capture given on the command line (after
 * inflating it) at many offsets and replays every cut from an exactly sized
 * buffer, so that any read past the end is caught by AddressSanitizer. Each
 * cut must yield every event whose block ends before the cut, then either a
 * clean end (a cut on a block boundary) or one diagnostic line that names a
 * byte offset. A few cuts fall on block boundaries on purpose, one of them
 * the file's end, which gives every event.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eng_format.h"
#include "eng_replay.h"
#include "harness.h"
#include "sf_reader.h"
#include "xalloc.h"

#define NCUTS 64

struct ends {
	uint64_t *v;
	size_t n;
	uint64_t *blocks; /* every block end, to tell boundaries */
	size_t nblocks;
};

static void collect(const uint8_t *data, size_t len, struct ends *e)
{
	struct eng_replay *r = eng_replay_open_mem(data, len, NULL);
	struct sf_reader *rd = sf_reader_open_mem(data, len, NULL);
	struct sf_block b;
	struct eng_evt ev;

	e->v = xcalloc(len / 12 + 1, sizeof(*e->v));
	e->blocks = xcalloc(len / 12 + 1, sizeof(*e->blocks));
	e->n = e->nblocks = 0;
	while (eng_replay_next(r, &ev, NULL) > 0)
		e->v[e->n++] = r->stats.bytes;
	while (sf_reader_next(rd, &b, NULL) > 0)
		e->blocks[e->nblocks++] = b.off + b.total_len;
	sf_reader_free(rd);
	eng_replay_free(r);
}

static bool is_boundary(const struct ends *e, size_t cut)
{
	size_t i;

	for (i = 0; i < e->nblocks; i++)
		if (e->blocks[i] == cut)
			return true;
	return false;
}

/*
 * Replays data cut at cut from an exactly sized buffer: the events whose
 * blocks end before the cut, then a clean end or one diagnostic line.
 * Returns the events it gave.
 */
static size_t cut_at(const char *path, const uint8_t *data, const struct ends *ends, size_t cut,
		     struct sbuf *line, struct sbuf *tmp)
{
	uint8_t *buf = xmalloc(cut ? cut : 1);
	struct diag d = { 0 };
	struct eng_replay *r;
	struct eng_evt ev;
	size_t i, expect, got = 0;
	int rc;

	memcpy(buf, data, cut);
	r = eng_replay_open_mem(buf, cut, &d);
	memset(&d, 0, sizeof(d));
	while ((rc = eng_replay_next(r, &ev, &d)) > 0) {
		sbuf_reset(line);
		eng_format_text(line, &r->state, &ev);
		eng_format_json(line, &r->state, &ev, tmp);
		got++;
	}
	for (expect = 0, i = 0; i < ends->n; i++)
		if (ends->v[i] <= cut)
			expect++;
	CHECK(got == expect);
	if (got != expect)
		fprintf(stderr, "%s cut %zu: %zu events, expected %zu\n", path, cut, got, expect);
	if (is_boundary(ends, cut)) {
		CHECK(rc == 0);
		if (rc != 0)
			fprintf(stderr, "%s cut %zu (a block boundary): rc %d \"%s\"\n", path, cut, rc,
				d.msg);
	} else {
		CHECK(rc < 0);
		CHECK(d.msg[0] != 0 && strchr(d.msg, '\n') == NULL);
		CHECK(strstr(d.msg, "offset") != NULL || strstr(d.msg, "empty file") != NULL);
		if (rc >= 0 || !strstr(d.msg, "offset"))
			fprintf(stderr, "%s cut %zu: rc %d \"%s\"\n", path, cut, rc, d.msg);
	}
	eng_replay_free(r);
	free(buf);
	return got;
}

/* Returns false if path is missing (the test skips it). */
static bool sweep(const char *path)
{
	struct diag d = { 0 };
	struct sf_reader *src = sf_reader_open(path, &d);
	const uint8_t *data;
	struct ends ends;
	struct sbuf line, tmp;
	size_t len, k, inside = 0, with_events = 0;

	if (!src && d.code == -ENOENT) {
		printf("SKIP: %s is missing\n", path);
		return false;
	}
	CHECK(src != NULL);
	if (!src) {
		fprintf(stderr, "%s: %s\n", path, d.msg);
		return true;
	}
	data = sf_reader_data(src, &len);
	collect(data, len, &ends);
	sbuf_init(&line);
	sbuf_init(&tmp);
	for (k = 0; k < NCUTS; k++) {
		/* Spread cuts over the file, plus odd offsets near the start. */
		size_t cut = k < 8 ? k * 7 + 3 : (len * (k - 7)) / (NCUTS - 7) - (k % 5);

		if (cut >= len)
			cut = len - 1;
		with_events += cut_at(path, data, &ends, cut, &line, &tmp) > 0;
		inside += !is_boundary(&ends, cut);
	}
	/* cuts at block boundaries: a third and two thirds in, and the file's end */
	if (ends.nblocks > 0) {
		cut_at(path, data, &ends, ends.blocks[ends.nblocks / 3], &line, &tmp);
		cut_at(path, data, &ends, ends.blocks[ends.nblocks * 2 / 3], &line, &tmp);
		CHECK(cut_at(path, data, &ends, len, &line, &tmp) == ends.n);
	}
	/* a capture with events gave some at cuts, and was cut inside blocks */
	CHECK(ends.n == 0 || with_events > 0);
	CHECK(inside > NCUTS / 2);
	sbuf_fini(&line);
	sbuf_fini(&tmp);
	free(ends.v);
	free(ends.blocks);
	sf_reader_free(src);
	return true;
}

int main(int argc, char **argv)
{
	int i, swept = 0;

	for (i = 1; i < argc; i++)
		swept += sweep(argv[i]);
	if (!swept) {
		printf("SKIP: no capture files to cut\n");
		return 77;
	}
	return h_done();
}

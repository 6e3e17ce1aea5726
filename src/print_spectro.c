// SPDX-License-Identifier: GPL-2.0-only
/*
 * --spectro in print mode: system calls per interval and per latency
 * bucket, the numbers behind csysdig's spectrogram (eng_spectro.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "eng_graph.h"
#include "eng_spectro.h"
#include "print.h"
#include "sbuf.h"
#include "xalloc.h"

#define CHUNK 1024 /* intervals counted at a time */

/* The buckets' names ("1.25us"), as the lines give them. */
struct names {
	struct sbuf s;
	size_t at[ENG_SPECTRO_BUCKETS];
};

static void names_init(struct names *n)
{
	unsigned int b;

	sbuf_init(&n->s);
	for (b = 0; b < ENG_SPECTRO_BUCKETS; b++) {
		n->at[b] = n->s.len;
		eng_spectro_bucket_str(b, &n->s);
		sbuf_putc(&n->s, 0);
	}
}

/* One interval's line (or the totals'): its start, its calls, then those of each bucket. */
static void put_row(struct sbuf *line, enum print_fmt fmt, const char *start, const int *width,
		    const uint64_t *counts, const struct names *names)
{
	uint64_t calls = 0;
	unsigned int b;
	bool first = true;

	for (b = 0; b < ENG_SPECTRO_BUCKETS; b++)
		calls += counts[b];
	sbuf_reset(line);
	if (fmt == PRINT_JSON)
		sbuf_printf(line, "{\"start\":%s,\"calls\":%llu,\"buckets\":{", start,
			    (unsigned long long)calls);
	else if (fmt == PRINT_FIELDS)
		sbuf_printf(line, "%s\t%llu", start, (unsigned long long)calls);
	else
		sbuf_printf(line, "%-*s  %*llu", width[0], start, width[1],
			    (unsigned long long)calls);
	for (b = 0; b < ENG_SPECTRO_BUCKETS; b++) {
		const char *name = names->s.s + names->at[b];

		if (fmt == PRINT_FIELDS)
			sbuf_printf(line, "\t%llu", (unsigned long long)counts[b]);
		else if (counts[b] && fmt == PRINT_JSON)
			sbuf_printf(line, "%s\"%s\":%llu", first ? "" : ",", name,
				    (unsigned long long)counts[b]);
		else if (counts[b])
			sbuf_printf(line, "%s%s:%llu", first ? "  " : " ", name,
				    (unsigned long long)counts[b]);
		first = first && !counts[b];
	}
	if (fmt == PRINT_JSON)
		sbuf_puts(line, "}}");
	sbuf_putc(line, '\n');
}

/* The counts of s, all events in, per interval from the first event; 1 if too many. */
static int print_counts(struct eng_spectro *s, uint64_t interval, enum print_fmt fmt, FILE *out)
{
	uint64_t first, last, calls = eng_spectro_span(s, &first, &last), nrows, at, i;
	uint64_t total[ENG_SPECTRO_BUCKETS], row[ENG_SPECTRO_BUCKETS];
	struct sbuf line, start;
	struct names names;
	char digits[24];
	unsigned int b;
	uint64_t *bins;
	int width[2];

	nrows = last ? print_count_rows("--spectro", first, last, interval) : 0;
	if (last && !nrows)
		return 1;
	names_init(&names);
	bins = xreallocarray(NULL, (size_t)CHUNK * ENG_SPECTRO_BUCKETS, sizeof(*bins));
	sbuf_init(&line);
	sbuf_init(&start);
	/* widths: the last start, the calls in all (no interval has more) */
	for (b = 0; b < ENG_SPECTRO_BUCKETS; b++)
		total[b] = eng_spectro_count(s, b, b + 1, first, last + 1);
	eng_graph_time_str(nrows ? (nrows - 1) * interval : 0, interval, &start);
	width[0] = start.len > 9 ? (int)start.len : 9; /* "Start (s)" */
	width[1] = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)calls);
	width[1] = width[1] > 5 ? width[1] : 5; /* "Calls" */
	if (fmt == PRINT_TEXT)
		fprintf(out, "%-*s  %*s  Calls by latency (from)\n", width[0], "Start (s)",
			width[1], "Calls");
	for (at = 0; at < nrows; at += CHUNK) {
		uint64_t k = nrows - at < CHUNK ? nrows - at : CHUNK;

		for (b = 0; b < ENG_SPECTRO_BUCKETS; b++)
			eng_spectro_bins(s, b, first + at * interval, interval, k,
					 bins + b * CHUNK);
		for (i = 0; i < k; i++) {
			for (b = 0; b < ENG_SPECTRO_BUCKETS; b++)
				row[b] = bins[b * CHUNK + i];
			sbuf_reset(&start);
			eng_graph_time_str((at + i) * interval, interval, &start);
			put_row(&line, fmt, start.s, width, row, &names);
			fputs(line.s, out);
		}
	}
	if (fmt == PRINT_TEXT) {
		put_row(&line, fmt, "Total", width, total, &names);
		fputs(line.s, out);
	}
	free(bins);
	sbuf_fini(&names.s);
	sbuf_fini(&start);
	sbuf_fini(&line);
	return 0;
}

static bool count_event(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	eng_spectro_event(arg, r, e);
	return true;
}

int print_spectro(const char *path, uint64_t interval, const struct print_opts *o, FILE *out)
{
	struct diag d = { 0 };
	struct eng_spectro *s = eng_spectro_new(o->filter, &d);
	int status;

	if (!s) {
		fprintf(stderr, "syshark: filter column %u: %s\n", d.col, d.msg);
		return 2;
	}
	/* after damage, the intervals so far are still worth showing */
	status = print_replay(path, count_event, s);
	if (status >= 0) {
		status |= print_counts(s, interval, o->fmt, out);
		status |= print_flushed(out);
	}
	eng_spectro_free(s);
	return status < 0 ? 1 : status;
}

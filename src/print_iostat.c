// SPDX-License-Identifier: GPL-2.0-only
/* --io-stat in print mode: events per interval of each series, as tshark -z io,stat counts. */
#include <stdlib.h>
#include <string.h>

#include "eng_graph.h"
#include "print.h"
#include "sbuf.h"
#include "xalloc.h"

#define CHUNK 4096 /* intervals counted at a time */

static const char *title(const struct eng_graph *g, unsigned int s)
{
	return eng_graph_filter(g, s)[0] ? eng_graph_filter(g, s) : "all events";
}

/* One interval's line: its start, then a count per series. */
static void put_row(struct sbuf *line, enum print_fmt fmt, const char *start, const int *width,
		    const uint64_t *counts, unsigned int n)
{
	unsigned int s;

	sbuf_reset(line);
	if (fmt == PRINT_JSON)
		sbuf_printf(line, "{\"start\":%s,\"counts\":[", start);
	else if (fmt == PRINT_FIELDS)
		sbuf_puts(line, start);
	else
		sbuf_printf(line, "%-*s", width[ENG_GRAPH_SERIES], start);
	for (s = 0; s < n; s++) {
		if (fmt == PRINT_TEXT)
			sbuf_printf(line, "  %*llu", width[s], (unsigned long long)counts[s]);
		else
			sbuf_printf(line, "%s%llu", fmt == PRINT_FIELDS ? "\t" : s ? "," : "",
				    (unsigned long long)counts[s]);
	}
	if (fmt == PRINT_JSON)
		sbuf_puts(line, "]}");
	sbuf_putc(line, '\n');
}

uint64_t print_count_rows(const char *opt, uint64_t first, uint64_t last, uint64_t interval)
{
	uint64_t span = last > first ? last - first : 0, rows = span / interval + 1;
	struct sbuf t;

	if (rows <= PRINT_ROWS_MAX)
		return rows;
	sbuf_init(&t);
	eng_graph_interval_str(interval, &t);
	fprintf(stderr, "syshark: %s=%s: the events span %llu.%09llu s, %llu intervals, "
		"more than the %d printed at most: take a longer interval, or fewer events "
		"(-Y, --window)\n", opt, t.s, (unsigned long long)(span / 1000000000u),
		(unsigned long long)(span % 1000000000u), (unsigned long long)rows, PRINT_ROWS_MAX);
	sbuf_fini(&t);
	return 0;
}

/* The counts of g, all events in, per interval from the first event; 1 if too many. */
static int print_counts(struct eng_graph *g, uint64_t interval, enum print_fmt fmt, FILE *out)
{
	unsigned int n = eng_graph_nseries(g), s;
	uint64_t first, last, events = eng_graph_span(g, &first, &last), nbins, at, i;
	uint64_t total[ENG_GRAPH_SERIES], row[ENG_GRAPH_SERIES];
	int width[ENG_GRAPH_SERIES + 1];
	struct sbuf line, start;
	uint64_t *bins;

	nbins = events ? print_count_rows("--io-stat", first, last, interval) : 0;
	if (events && !nbins)
		return 1;
	bins = xreallocarray(NULL, (size_t)CHUNK * n, sizeof(*bins));
	sbuf_init(&line);
	sbuf_init(&start);
	/* widths: the titles, the totals (no count is larger), the last start */
	eng_graph_time_str(nbins ? (nbins - 1) * interval : 0, interval, &start);
	width[ENG_GRAPH_SERIES] = start.len > 9 ? (int)start.len : 9; /* "Start (s)" */
	for (s = 0; s < n; s++) {
		total[s] = eng_graph_count(g, s, first, last + 1);
		sbuf_reset(&line);
		sbuf_put_u64(&line, total[s]);
		width[s] = (int)(strlen(title(g, s)) > line.len ? strlen(title(g, s)) : line.len);
	}
	if (fmt == PRINT_TEXT) {
		fprintf(out, "%-*s", width[ENG_GRAPH_SERIES], "Start (s)");
		for (s = 0; s < n; s++)
			fprintf(out, "  %*s", width[s], title(g, s));
		fputc('\n', out);
	}
	for (at = 0; at < nbins; at += CHUNK) {
		uint64_t k = nbins - at < CHUNK ? nbins - at : CHUNK;

		for (s = 0; s < n; s++)
			eng_graph_bins(g, s, first + at * interval, interval, k, bins + s * CHUNK);
		for (i = 0; i < k; i++) {
			for (s = 0; s < n; s++)
				row[s] = bins[s * CHUNK + i];
			sbuf_reset(&start);
			eng_graph_time_str((at + i) * interval, interval, &start);
			put_row(&line, fmt, start.s, width, row, n);
			fputs(line.s, out);
		}
	}
	if (fmt == PRINT_TEXT) {
		put_row(&line, fmt, "Total", width, total, n);
		fputs(line.s, out);
	}
	free(bins);
	sbuf_fini(&start);
	sbuf_fini(&line);
	return 0;
}

static bool count_event(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	eng_graph_event(arg, r, e);
	return true;
}

int print_iostat(const char *path, uint64_t interval, const char *const *series,
		 unsigned int nseries, const struct print_opts *o, FILE *out)
{
	static const char *const all[] = { "" };
	struct eng_graph *g;
	struct diag d = { 0 };
	unsigned int bad = 0;
	int status;

	g = eng_graph_new(nseries ? series : all, nseries ? nseries : 1, o->filter, &bad, &d);
	if (!g) {
		if (bad < nseries)
			fprintf(stderr, "syshark: --series %u: filter column %u: %s\n", bad + 1,
				d.col, d.msg);
		else
			fprintf(stderr, "syshark: filter column %u: %s\n", d.col, d.msg);
		return 2;
	}
	/* after damage, the intervals so far are still worth showing */
	status = print_replay(path, count_event, g);
	if (status >= 0) {
		status |= print_counts(g, interval, o->fmt, out);
		status |= print_flushed(out);
	}
	eng_graph_free(g);
	return status < 0 ? 1 : status;
}

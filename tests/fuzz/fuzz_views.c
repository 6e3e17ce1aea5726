// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for what is computed over a replay of the input: every
 * top-like view (eng_top: sums, sorting on every column, the tree, cells
 * and drill-down filters, which must compile), the I/O graph of --io-stat (eng_graph: spans,
 * counts and bins), the latency spectrogram of --spectro (eng_spectro:
 * bins of every bucket, cells' filters) and the -w writer (eng_export, every other event chosen,
 * into a temporary file), whose file, if it holds events, must read back
 * to its end.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "eng_export.h"
#include "eng_filter.h"
#include "eng_graph.h"
#include "eng_replay.h"
#include "eng_spectro.h"
#include "eng_top.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ROWS_SHOWN 64

/* Reads what a view summed as the interface would, in every order. */
static void show_view(struct eng_top *t)
{
	const struct eng_top_view *v = eng_top_of(t);
	struct sbuf cell;
	size_t rows = eng_top_nrows(t);
	struct eng_filter *f;
	struct diag d;

	sbuf_init(&cell);
	for (unsigned int c = 0; c < v->ncols; c++) {
		eng_top_sort(t, c, c % 2);
		if (eng_top_view_tree(v))
			eng_top_tree(t, NULL, NULL);
		for (size_t row = 0; row < rows && row < ROWS_SHOWN; row++) {
			sbuf_reset(&cell);
			eng_top_cell(t, row, c, &cell);
			eng_top_value(t, row, c);
			eng_top_tree_prefix(t, row, &cell);
		}
	}
	for (size_t row = 0; row < rows && row < ROWS_SHOWN; row++) {
		sbuf_reset(&cell);
		eng_top_row_filter(t, row, &cell);
		if (!(f = eng_filter_compile(cell.s, &d)))
			abort();
		eng_filter_free(f);
	}
	sbuf_fini(&cell);
}

static void show_graph(struct eng_graph *g)
{
	uint64_t first, last, bins[16];

	if (!eng_graph_span(g, &first, &last))
		return;
	for (unsigned int s = 0; s < eng_graph_nseries(g); s++) {
		eng_graph_count(g, s, first, last + 1);
		eng_graph_bins(g, s, first, (last - first) / 16 + 1, 16, bins);
	}
	eng_graph_event_at(g, first + (last - first) / 2);
}

/* Every bucket in 16 intervals; a cell's filter compiles. */
static void show_spectro(struct eng_spectro *s)
{
	uint64_t first, last, width, bins[16];
	struct eng_filter *f;
	struct sbuf text;
	struct diag d;

	eng_spectro_span(s, &first, &last);
	width = (last - first) / 16 + 1;
	for (unsigned int b = 0; b < ENG_SPECTRO_BUCKETS; b++)
		eng_spectro_bins(s, b, first, width, 16, bins);
	if (eng_spectro_rows(s, width) > 16)
		abort();
	sbuf_init(&text);
	eng_spectro_cell_filter(s, 30, ENG_SPECTRO_BUCKETS, first, first + width, &text);
	f = eng_filter_compile(text.s, &d);
	if (!f)
		abort();
	eng_filter_free(f);
	sbuf_fini(&text);
}

/* The file the writer made reads back to its end. */
static void read_back(const char *path)
{
	struct eng_replay *r = eng_replay_open(path, NULL);
	struct eng_evt e;
	struct diag d;
	int rc;

	if (!r)
		abort();
	while ((rc = eng_replay_next(r, &e, &d)) > 0)
		;
	if (rc < 0)
		abort();
	eng_replay_free(r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const series[] = { "", "fd.type = file", "evt.failed = true" };
	char out[] = "/tmp/syshark-fuzz-views-XXXXXX";
	struct eng_top *tops[32];
	struct eng_replay *r = eng_replay_open_mem(data, size, NULL);
	unsigned int bad;
	struct eng_graph *g = eng_graph_new(series, 3, NULL, &bad, NULL);
	struct diag d;
	struct eng_spectro *s = eng_spectro_new("evt.type != switch", &d);
	struct eng_export *x;
	size_t nviews, n = 0;
	const struct eng_top_view *views = eng_top_views(&nviews);
	struct eng_evt e;
	int fd = mkstemp(out);

	if (fd < 0)
		abort();
	close(fd);
	x = eng_export_open(out, r, NULL);
	for (size_t i = 0; i < nviews && n < sizeof(tops) / sizeof(tops[0]); i++)
		if ((tops[n] = eng_top_new(&views[i], NULL, NULL)))
			n++;
	while (eng_replay_next(r, &e, NULL) > 0) {
		for (size_t i = 0; i < n; i++)
			eng_top_event(tops[i], r, &e);
		eng_graph_event(g, r, &e);
		eng_spectro_event(s, r, &e);
		if (x && eng_export_event(x, &e, e.num % 2, NULL) < 0)
			abort();
	}
	for (size_t i = 0; i < n; i++) {
		show_view(tops[i]);
		eng_top_free(tops[i]);
	}
	show_graph(g);
	eng_graph_free(g);
	show_spectro(s);
	eng_spectro_free(s);
	if (x) {
		uint64_t written = eng_export_count(x);

		if (eng_export_close(x, NULL) < 0)
			abort();
		if (written)
			read_back(out);
	}
	unlink(out);
	eng_replay_free(r);
	return 0;
}

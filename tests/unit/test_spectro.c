// SPDX-License-Identifier: GPL-2.0-only
/*
 * The latency spectrogram's model: the buckets' bounds and names, counts
 * per interval and bucket of made-up calls, and on a real capture a walk
 * against a replay, and each cell's filter against the calls it counts.
 */
#include <stdlib.h>
#include <unistd.h>

#include "eng_filter.h"
#include "eng_spectro.h"
#include "harness.h"
#include "schema.h"

static void check_buckets(void)
{
	static const struct {
		uint64_t ns;
		unsigned int b;
	} at[] = {
		/* 1.25, 1.6 and 2 round up to 2 ns: buckets 1 and 2 hold nothing */
		{ 1, 0 },	    { 2, 3 },	      { 3, 4 },		  { 4, 6 },
		{ 5, 7 },	    { 6, 7 },	      { 7, 8 },		  { 9, 9 },
		{ 10, 10 },	    { 12, 10 },	      { 13, 11 },	  { 999, 29 },
		{ 1000, 30 },	    { 1249, 30 },     { 1250, 31 },	  { 3149, 34 },
		{ 3150, 35 },	    { 7999999, 68 },  { 8000000, 69 },	  { 1000000000, 90 },
		{ 79999999999, 108 }, { 80000000000, 109 }, { 100000000000, 109 },
		{ UINT64_MAX, 109 },
	};
	static const struct {
		unsigned int b;
		const char *name;
		uint64_t min;
	} names[] = {
		{ 0, "1ns", 1 },	   { 1, "1.25ns", 2 },	    { 5, "3.15ns", 4 },
		{ 8, "6.3ns", 7 },	   { 10, "10ns", 10 },	    { 31, "1.25us", 1250 },
		{ 45, "31.5us", 31500 }, { 68, "6.3ms", 6300000 }, { 90, "1s", 1000000000 },
		{ 100, "10s", 10000000000 }, { 109, "80s", 80000000000 },
	};
	struct sbuf s;
	unsigned int b;
	size_t i;

	for (i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		CHECK(eng_spectro_bucket(at[i].ns) == at[i].b);
		if (eng_spectro_bucket(at[i].ns) != at[i].b)
			fprintf(stderr, "  %llu ns: bucket %u\n", (unsigned long long)at[i].ns,
				eng_spectro_bucket(at[i].ns));
	}
	sbuf_init(&s);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		sbuf_reset(&s);
		eng_spectro_bucket_str(names[i].b, &s);
		CHECK_STR(s.s, names[i].name);
		CHECK(eng_spectro_bucket_min(names[i].b) == names[i].min);
	}
	sbuf_fini(&s);
	CHECK(eng_spectro_bucket_min(ENG_SPECTRO_BUCKETS) == 100000000000ull);
	/* each bucket's least latency is its own, or below it an empty bucket's */
	for (b = 0; b < ENG_SPECTRO_BUCKETS; b++) {
		uint64_t lo = eng_spectro_bucket_min(b), hi = eng_spectro_bucket_min(b + 1);

		CHECK(lo <= hi);
		CHECK(lo == hi || (eng_spectro_bucket(lo) == b && eng_spectro_bucket(hi - 1) == b));
	}
}

/*
 * Calls 1..1000 every 1000 ns from 10^9 (after a hidden event at 10^9 - 5000,
 * the origin), call n lasting n * 10 ns; call 500 hidden, call 703 a step
 * back in time, every tenth an enter.
 */
static void check_counts(void)
{
	struct eng_thread t = { 0 };
	struct eng_replay r = { 0 };
	struct eng_evt e = { 0 };
	struct diag d = { 0 };
	struct eng_spectro *s = eng_spectro_new(NULL, &d);
	uint64_t first, last, bins[4], n, want = 0, ns = 1000;
	struct sbuf f;

	CHECK(s != NULL);
	if (!s)
		return;
	e.thread = &t;
	e.ev.type = EV_SYSCALL_READ_X;
	e.ev.ts = 1000000000 - 5000;
	e.hidden = true;
	eng_spectro_event(s, &r, &e);
	CHECK(eng_spectro_span(s, &first, &last) == 0 && first == 0 && last == 0);
	CHECK(eng_spectro_rows(s, 1000) == 0);
	for (n = 1; n <= 1000; n++) {
		e.num = n;
		e.ev.ts = 1000000000 + n * 1000;
		e.ev.type = n % 10 ? EV_SYSCALL_READ_X : EV_SYSCALL_READ_E;
		e.hidden = n == 500;
		t.latency = n * 10;
		if (n == 703)
			e.ev.ts -= 5000; /* counted at the time before it */
		eng_spectro_event(s, &r, &e);
		want += n % 10 && n != 500;
	}
	CHECK(eng_spectro_span(s, &first, &last) == want);
	CHECK(first == 1000000000 - 5000 && last == 1001000000);
	CHECK(eng_spectro_rows(s, 1000) == (last - first) / 1000 + 1);
	CHECK(eng_spectro_rows(s, 2000000) == 1);
	CHECK(eng_spectro_count(s, 0, ENG_SPECTRO_BUCKETS, 0, UINT64_MAX) == want);
	/* calls 1..9 take 10..90 ns: buckets 10 (10 to 12 ns) to 19 (80, 90) */
	CHECK(eng_spectro_count(s, 10, 20, 0, UINT64_MAX) == 9);
	CHECK(eng_spectro_count(s, 10, 11, 0, UINT64_MAX) == 1);
	CHECK(eng_spectro_count(s, 0, 10, 0, UINT64_MAX) == 0);
	/* 100 ns to 1 us: calls 10..99, but 10, 20, ... 90 are enters */
	CHECK(eng_spectro_count(s, 20, 30, 0, UINT64_MAX) == 81);
	/* 498 and 499 take 4 us to 5 us (bucket 36), 501 5 us to 6.3 us; 500 is hidden */
	CHECK(eng_spectro_count(s, 36, 38, first + 5000 + 498000, first + 5000 + 502000) == 3);
	CHECK(eng_spectro_count(s, 37, 38, first + 5000 + 498000, first + 5000 + 502000) == 1);
	CHECK(eng_spectro_count(s, 0, ENG_SPECTRO_BUCKETS, first + 5000 + 499000,
				first + 5000 + 501000) == 1);
	/* 702 and 703 at the same time */
	CHECK(eng_spectro_count(s, 0, ENG_SPECTRO_BUCKETS, first + 5000 + 702000,
				first + 5000 + 703000) == 2);
	/* bins of the bucket of 1 us to 1.25 us: calls 101..124 but 110 and 120 */
	eng_spectro_bins(s, 30, first, 110000, 2, bins);
	CHECK(bins[0] == 4 && bins[1] == 18);
	eng_spectro_bins(s, 30, 0, ns, 4, bins);
	CHECK(bins[0] == 0 && bins[3] == 0);
	/* a cell's filter: the calls of its buckets and its time */
	sbuf_init(&f);
	eng_spectro_cell_filter(s, 30, 32, 5, 7, &f);
	CHECK_STR(f.s, "evt.dir = < and evt.latency >= 1000 and evt.latency < 1600 and "
		       "evt.rawtime >= 5 and evt.rawtime < 7");
	sbuf_reset(&f);
	eng_spectro_cell_filter(s, 100, ENG_SPECTRO_BUCKETS, 5, 7, &f);
	CHECK_STR(f.s, "evt.dir = < and evt.latency >= 10000000000 and "
		       "evt.rawtime >= 5 and evt.rawtime < 7");
	sbuf_fini(&f);
	CHECK(eng_spectro_done(s));
	eng_spectro_free(s);
}

static void check_filter(void)
{
	struct diag d = { 0 };
	struct eng_spectro *s = eng_spectro_new("evt.type = = x", &d);
	struct sbuf f;

	CHECK(s == NULL && d.col == 14);
	s = eng_spectro_new("evt.type = read", &d);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_STR(eng_spectro_filter(s), "evt.type = read");
	sbuf_init(&f);
	eng_spectro_cell_filter(s, 0, 1, 0, 1, &f);
	CHECK_STR(f.s, "(evt.type = read) and evt.dir = < and evt.latency >= 1 and "
		       "evt.latency < 2 and evt.rawtime >= 0 and evt.rawtime < 1");
	sbuf_fini(&f);
	eng_spectro_free(s);
}

/* Feeds s every event of a replay of path. */
static void replay(const char *path, struct eng_spectro *s)
{
	struct diag d = { 0 };
	struct eng_replay *r = eng_replay_open(path, &d);
	struct eng_evt e;

	CHECK(r != NULL);
	while (r && eng_replay_next(r, &e, &d) > 0)
		eng_spectro_event(s, r, &e);
	eng_replay_free(r);
}

/*
 * On path: a walk of its index counts what a replay counts, every bucket
 * and interval (a tenth of the span); and the filter of each of a few
 * cells keeps, in a replay, as many events as the cell counts.
 */
#define WALK_ROWS 10

static void check_walk(const char *path)
{
	static const char *const filters[] = { "", "proc.name = cat" };
	uint64_t first, last, width, a[WALK_ROWS], b[WALK_ROWS], calls;
	unsigned int k, bk, row, cells = 0;
	struct diag d = { 0 };

	for (k = 0; k < sizeof(filters) / sizeof(filters[0]); k++) {
		struct eng_index *ix = eng_index_open(path, ENG_IX_NO_CACHE, &d);
		struct eng_spectro *walked = eng_spectro_new(filters[k], &d);
		struct eng_spectro *replayed = eng_spectro_new(filters[k], &d);
		bool same = true;

		CHECK(ix && walked && replayed);
		if (!ix || !walked || !replayed)
			return;
		CHECK(eng_spectro_walk(walked, ix, &d) == 0);
		replay(path, replayed);
		while (!eng_spectro_done(walked))
			usleep(1000);
		calls = eng_spectro_span(replayed, &first, &last);
		CHECK(calls > 0);
		CHECK(eng_spectro_span(walked, &a[0], &a[1]) == calls);
		CHECK(a[0] == first && a[1] == last);
		width = (last - first) / WALK_ROWS + 1;
		for (bk = 0; bk < ENG_SPECTRO_BUCKETS; bk++) {
			eng_spectro_bins(walked, bk, first, width, WALK_ROWS, a);
			eng_spectro_bins(replayed, bk, first, width, WALK_ROWS, b);
			same = same && !memcmp(a, b, sizeof(a));
		}
		CHECK(same);
		/* the cells with calls, of every fourth bucket: their filters keep them */
		for (bk = 0; bk < ENG_SPECTRO_BUCKETS; bk += 4) {
			eng_spectro_bins(walked, bk, first, width, WALK_ROWS, a);
			for (row = 0; row < WALK_ROWS; row++) {
				uint64_t t0 = first + row * width, kept = 0;
				struct eng_replay *r = eng_replay_open(path, &d);
				struct eng_filter *f;
				struct eng_evt e;
				struct sbuf text;

				if (!a[row] || !r) {
					eng_replay_free(r);
					continue;
				}
				sbuf_init(&text);
				eng_spectro_cell_filter(walked, bk, bk + 4, t0, t0 + width, &text);
				f = eng_filter_compile(text.s, &d);
				CHECK(f != NULL);
				while (f && eng_replay_next(r, &e, &d) > 0)
					kept += !e.hidden && eng_filter_match(f, &r->state, &e);
				CHECK(kept ==
				      eng_spectro_count(walked, bk, bk + 4, t0, t0 + width));
				cells++;
				eng_filter_free(f);
				eng_replay_free(r);
				sbuf_fini(&text);
			}
		}
		eng_spectro_free(walked);
		eng_spectro_free(replayed);
		eng_index_free(ix);
	}
	CHECK(cells >= 10);
}

int main(int argc, char **argv)
{
	check_buckets();
	check_counts();
	check_filter();
	if (argc > 1)
		check_walk(argv[1]);
	return h_done();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The I/O graph's model: intervals as written and shown, counts over spans
 * and bins of made-up events, the event at a time, and a walk of a real
 * capture against the counts of a plain replay.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "eng_filter.h"
#include "eng_graph.h"
#include "harness.h"
#include "xalloc.h"

static void check_intervals(void)
{
	static const struct {
		const char *text;
		uint64_t ns;
	} good[] = {
		{ "1", 1000000000 },   { "0.5", 500000000 }, { "1s", 1000000000 },
		{ "100ms", 100000000 }, { "10us", 10000 },    { "2m", 120000000000 },
		{ "1h", 3600000000000 }, { "7ns", 7 },	      { "1.5us", 1500 },
		{ "0.000000001", 1 },	{ "0.1234567891", 123456789 },
	};
	static const char *const bad[] = { "", "0", "0s", "x", "1x", "-1", "1.", ".5", "1e3",
					   "s", "1 s", "0.1ns", "99999999999h" };
	struct sbuf s;
	uint64_t ns;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ns = 0;
		CHECK(eng_graph_interval(good[i].text, &ns) == 0);
		CHECK(ns == good[i].ns);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(eng_graph_interval(bad[i], &ns) == -EINVAL);
	sbuf_init(&s);
	eng_graph_interval_str(1000000000, &s);
	CHECK_STR(s.s, "1s");
	sbuf_reset(&s);
	eng_graph_interval_str(200000000, &s);
	CHECK_STR(s.s, "200ms");
	sbuf_reset(&s);
	eng_graph_interval_str(1500, &s);
	CHECK_STR(s.s, "1500ns");
	sbuf_reset(&s);
	eng_graph_interval_str(120000000000, &s);
	CHECK_STR(s.s, "2m");
	sbuf_reset(&s);
	eng_graph_time_str(300000000, 100000000, &s);
	CHECK_STR(s.s, "0.3");
	sbuf_reset(&s);
	eng_graph_time_str(2000000000, 1000000000, &s);
	CHECK_STR(s.s, "2");
	sbuf_reset(&s);
	eng_graph_time_str(750000000, 250000000, &s);
	CHECK_STR(s.s, "0.75");
	sbuf_reset(&s);
	eng_graph_time_str(12000, 2000, &s);
	CHECK_STR(s.s, "0.000012");
	sbuf_fini(&s);
}

/* Events 1..1000 every 1000 ns from 10^9, event 500 hidden, event 700 a step back in time. */
static void check_counts(void)
{
	static const char *const all[] = { "" };
	struct eng_replay r = { 0 };
	struct eng_evt e = { 0 };
	struct diag d = { 0 };
	unsigned int bad;
	struct eng_graph *g = eng_graph_new(all, 1, NULL, &bad, &d);
	uint64_t first, last, bins[4], n;

	for (n = 1; n <= 1000; n++) {
		e.num = n;
		e.ev.ts = 1000000000 + n * 1000;
		e.hidden = n == 500;
		if (n == 700)
			e.ev.ts -= 5000; /* counted at the time before it */
		eng_graph_event(g, &r, &e);
	}
	CHECK(eng_graph_nseries(g) == 1);
	CHECK_STR(eng_graph_filter(g, 0), "");
	CHECK(eng_graph_span(g, &first, &last) == 999);
	CHECK(first == 1000001000 && last == 1001000000);
	CHECK(eng_graph_count(g, 0, 0, UINT64_MAX) == 999);
	CHECK(eng_graph_count(g, 0, first, first + 10000) == 10);
	CHECK(eng_graph_count(g, 0, first + 498000, first + 500000) == 1); /* 499, not 500 */
	CHECK(eng_graph_count(g, 0, first + 698000, first + 699000) == 2); /* 699 and 700 */
	CHECK(eng_graph_count(g, 0, last + 1, UINT64_MAX) == 0);
	eng_graph_bins(g, 0, first, 250000, 4, bins);
	CHECK(bins[0] == 250 && bins[1] == 249 && bins[2] == 250 && bins[3] == 250);
	CHECK(eng_graph_event_at(g, 0) == 1);
	CHECK(eng_graph_event_at(g, first + 499000) == 501);
	CHECK(eng_graph_event_at(g, last) == 1000);
	CHECK(eng_graph_event_at(g, last + 1) == 0);
	CHECK(eng_graph_done(g));
	eng_graph_free(g);
}

static void check_bad_filters(void)
{
	static const char *const f[] = { "", "evt.type = read", "evt.type = = x" };
	struct diag d = { 0 };
	unsigned int bad = 99;

	CHECK(eng_graph_new(f, 3, NULL, &bad, &d) == NULL);
	CHECK(bad == 2 && d.col == 14);
	bad = 99;
	CHECK(eng_graph_new(f, 2, "(", &bad, &d) == NULL);
	CHECK(bad == 2);
}

/*
 * A walk of path's index counts what a replay with the same filters counts,
 * over the whole capture and per bin (a tenth of its span each), at the
 * times the graph keeps: an event's, or the latest before it if that is later.
 * Meant for the shell session: its processes, and their reads.
 */
#define WALK_SERIES 4
#define WALK_BINS 10

static void check_walk(const char *path)
{
	static const char *const f[WALK_SERIES] = { "", "proc.name = cat", "evt.dir = <",
						    "evt.type = read and evt.dir = <" };
	struct diag d = { 0 };
	struct eng_index *ix = eng_index_open(path, ENG_IX_NO_CACHE, &d);
	unsigned int bad, s, i;
	struct eng_graph *g = eng_graph_new(f, WALK_SERIES, "proc.name exists", &bad, &d);
	struct eng_filter *narrow = eng_filter_compile("proc.name exists", &d);
	struct eng_filter *fs[WALK_SERIES] = { NULL };
	uint64_t want[WALK_SERIES] = { 0 }, events = 0, first, last, t = 0, t0 = 0, width;
	uint64_t bins[WALK_SERIES][WALK_BINS] = { { 0 } }, got[WALK_BINS];
	uint64_t *times = NULL, *nums = NULL, *hits[WALK_SERIES] = { NULL };
	size_t ntimes = 0, cap = 0;
	struct eng_replay *r = eng_replay_open(path, &d);
	struct eng_evt e;

	for (s = 1; s < WALK_SERIES; s++)
		fs[s] = eng_filter_compile(f[s], &d);
	CHECK(ix && g && r);
	if (!ix || !g || !r)
		return;
	CHECK(eng_graph_walk(g, ix, &d) == 0);
	/* the replay: each counted event's time, and which series keep it */
	while (eng_replay_next(r, &e, &d) > 0) {
		if (e.hidden)
			continue;
		if (e.ev.ts > t)
			t = e.ev.ts;
		if (!events)
			t0 = t;
		events++;
		if (ntimes == cap) {
			cap = cap ? 2 * cap : 1024;
			times = xreallocarray(times, cap, sizeof(*times));
			nums = xreallocarray(nums, cap, sizeof(*nums));
			for (s = 0; s < WALK_SERIES; s++)
				hits[s] = xreallocarray(hits[s], cap, sizeof(*hits[s]));
		}
		times[ntimes] = t;
		nums[ntimes] = e.num;
		for (s = 0; s < WALK_SERIES; s++) {
			hits[s][ntimes] = eng_filter_match(narrow, &r->state, &e) &&
					  (!fs[s] || eng_filter_match(fs[s], &r->state, &e));
			want[s] += hits[s][ntimes];
		}
		ntimes++;
	}
	while (!eng_graph_done(g))
		usleep(1000);
	CHECK(eng_graph_span(g, &first, &last) == events);
	CHECK(first == t0 && last == t);
	for (s = 0; s < WALK_SERIES; s++)
		CHECK(eng_graph_count(g, s, first, last + 1) == want[s]);
	/* every series counts some events, and fewer than all of them */
	CHECK(want[1] > 0 && want[0] > want[1]);
	CHECK(want[2] > want[3] && want[3] > 0 && want[0] > want[2]);
	/* per bin */
	width = (last - first) / WALK_BINS + 1;
	for (i = 0; i < ntimes; i++)
		for (s = 0; s < WALK_SERIES; s++)
			bins[s][(times[i] - first) / width] += hits[s][i];
	for (s = 0; s < WALK_SERIES; s++) {
		eng_graph_bins(g, s, first, width, WALK_BINS, got);
		for (i = 0; i < WALK_BINS; i++)
			CHECK(got[i] == bins[s][i]);
	}
	/* the event at a bin's start (and a little after) is the first one at or after it */
	for (i = 0; i < WALK_BINS; i++) {
		uint64_t at = first + i * width + (i % 2) * width / 3;
		size_t k = 0;

		while (k < ntimes && times[k] < at)
			k++;
		CHECK(eng_graph_event_at(g, at) == (k < ntimes ? nums[k] : 0));
	}
	CHECK(eng_graph_event_at(g, last + 1) == 0);
	for (s = 0; s < WALK_SERIES; s++) {
		eng_filter_free(fs[s]);
		free(hits[s]);
	}
	free(times);
	free(nums);
	eng_filter_free(narrow);
	eng_replay_free(r);
	eng_graph_free(g);
	eng_index_free(ix);
}

int main(int argc, char **argv)
{
	check_intervals();
	check_counts();
	check_bad_filters();
	if (argc > 1)
		check_walk(argv[1]);
	return h_done();
}

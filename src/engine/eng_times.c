// SPDX-License-Identifier: GPL-2.0-only
/* Sorted times, appended and counted over spans by binary search. */
#include "eng_times.h"

#include <stdlib.h>

#include "xalloc.h"

void eng_times_add(struct eng_times *t, uint64_t ts)
{
	if (t->n == t->cap) {
		t->cap = t->cap * 2 + 1024;
		t->ts = xreallocarray(t->ts, t->cap, sizeof(*t->ts));
	}
	t->ts[t->n++] = ts;
}

size_t eng_times_find(const struct eng_times *t, uint64_t ts)
{
	size_t lo = 0, hi = t->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->ts[mid] < ts)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void eng_times_bins(const struct eng_times *t, uint64_t t0, uint64_t width, size_t n,
		    uint64_t *out)
{
	size_t i, at = eng_times_find(t, t0);

	for (i = 0; i < n; i++) {
		uint64_t end = t0 + (i + 1) * width;
		size_t next = end < t0 ? t->n : eng_times_find(t, end);

		out[i] = next - at;
		at = next;
	}
}

void eng_times_fini(struct eng_times *t)
{
	free(t->ts);
	t->ts = NULL;
	t->n = t->cap = 0;
}

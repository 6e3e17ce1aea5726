// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the filter language: compiles the input as a filter
 * and, if it compiles, runs it over every event of a small capture made of
 * the seed captures state_write.scap and open_read.scap (seed_capture.h),
 * so that the extractors of every field it names run too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eng_filter.h"
#include "eng_replay.h"
#include "seed_capture.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	struct eng_filter *f;
	struct eng_replay *r;
	struct eng_evt e;
	struct diag d;

	f = eng_filter_compile(text, &d);
	free(text);
	if (!f)
		return 0;
	r = eng_replay_open_mem(capture, sizeof(capture), NULL);
	while (eng_replay_next(r, &e, NULL) > 0)
		eng_filter_match(f, &r->state, &e);
	eng_replay_free(r);
	eng_filter_free(f);
	return 0;
}

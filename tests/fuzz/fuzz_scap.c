// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the reader: replays the input as a capture and
 * renders every event as text and JSON, and the stream of the first event
 * on an fd in every format, wrapped and not. Built with SYSHARK_FUZZ=ON (clang);
 * onefile.c replays saved inputs without libFuzzer.
 */
#include <stddef.h>
#include <stdint.h>

#include "eng_format.h"
#include "eng_replay.h"
#include "eng_stream.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eng_replay *r = eng_replay_open_mem(data, size, NULL);
	struct sbuf line, tmp;
	struct eng_stream *s = NULL;
	struct eng_evt ev;
	struct diag d;

	sbuf_init(&line);
	sbuf_init(&tmp);
	while (eng_replay_next(r, &ev, &d) > 0) {
		sbuf_reset(&line);
		eng_format_text(&line, &r->state, &ev);
		eng_format_json(&line, &r->state, &ev, &tmp);
		if (!s)
			s = eng_stream_new(&ev, NULL);
		if (s)
			eng_stream_add(s, &ev);
	}
	for (size_t i = 0; s && i < s->nsegs; i++) {
		for (int f = 0; f < ENG_SF_COUNT; f++) {
			sbuf_reset(&line);
			eng_stream_render(s, i, f, 0, &line);
			eng_stream_render(s, i, f, 7, &line);
		}
	}
	eng_stream_free(s);
	sbuf_fini(&line);
	sbuf_fini(&tmp);
	eng_replay_free(r);
	return 0;
}

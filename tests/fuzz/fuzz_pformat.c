// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for sysdig's format strings (-p FORMAT): parses the
 * input as a format and, if it parses, prints every event of the small
 * capture of seed_capture.h through it, so that its fields' extractors and
 * the widths and escapes run too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "eng_pformat.h"
#include "eng_replay.h"
#include "seed_capture.h"
#include "xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xstrndup((const char *)data, size);
	struct eng_pformat *f;
	struct eng_replay *r;
	struct eng_evt e;
	struct sbuf out, tmp;
	struct diag d;

	f = eng_pformat_new(text, &d);
	free(text);
	if (!f)
		return 0;
	sbuf_init(&out);
	sbuf_init(&tmp);
	r = eng_replay_open_mem(capture, sizeof(capture), NULL);
	while (eng_replay_next(r, &e, NULL) > 0) {
		sbuf_reset(&out);
		eng_pformat_line(&out, f, &r->state, &e, &tmp);
	}
	eng_replay_free(r);
	sbuf_fini(&out);
	sbuf_fini(&tmp);
	eng_pformat_free(f);
	return 0;
}

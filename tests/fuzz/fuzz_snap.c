// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for checkpoints: restores the input as a checkpoint of a
 * small capture (the index reads checkpoints back from its cache files) and,
 * if it loads, replays the capture from there.
 */
#include <stddef.h>
#include <stdint.h>

#include "eng_replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A section header and one close event, enough to replay after a restore. */
static const uint8_t capture[] = {
	0x0a, 0x0d, 0x0d, 0x0a, 0x1c, 0, 0, 0, 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 2, 0,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x1c, 0, 0, 0,
	0x16, 0x02, 0, 0, 0x34, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,
	9, 0, 0, 0, 0, 0, 0, 0, 0x24, 0, 0, 0, 4, 0, 1, 0, 0, 0, 8, 0,
	5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x34, 0, 0, 0,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eng_replay *r = eng_replay_open_mem(capture, sizeof(capture), NULL);
	struct eng_evt e;

	if (eng_replay_restore(r, data, size) == 0)
		while (eng_replay_next(r, &e, NULL) > 0)
			;
	eng_replay_free(r);
	return 0;
}

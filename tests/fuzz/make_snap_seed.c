// SPDX-License-Identifier: GPL-2.0-only
/* Writes a real checkpoint (of a capture, half-way through) as a fuzz seed. */
#include <stdio.h>

#include "eng_replay.h"

int main(int argc, char **argv)
{
	struct eng_replay *r;
	struct eng_evt e;
	struct sbuf snap;
	struct diag d;
	uint64_t n = 0;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: make_snap_seed CAPTURE OUT\n");
		return 2;
	}
	r = eng_replay_open(argv[1], &d);
	if (!r) {
		fprintf(stderr, "%s\n", d.msg);
		return 1;
	}
	while (eng_replay_next(r, &e, NULL) > 0 && ++n < r->stats.events / 2 + 100)
		;
	sbuf_init(&snap);
	eng_replay_save(r, &snap);
	f = fopen(argv[2], "wb");
	if (!f || fwrite(snap.s, 1, snap.len, f) != snap.len || fclose(f) != 0) {
		perror(argv[2]);
		return 1;
	}
	sbuf_fini(&snap);
	eng_replay_free(r);
	return 0;
}

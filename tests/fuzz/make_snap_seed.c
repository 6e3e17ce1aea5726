// SPDX-License-Identifier: GPL-2.0-only
/*
 * Writes a real checkpoint (of a capture, half-way through its events) as a
 * fuzz seed, after checking that it restores: a replay of the same capture
 * moved to it goes on with the event after the checkpoint.
 */
#include <stdio.h>

#include "eng_replay.h"

int main(int argc, char **argv)
{
	struct eng_replay *r, *back;
	struct eng_evt e;
	struct sbuf snap;
	struct diag d = { 0 };
	uint64_t n = 0, events = 0, next;
	FILE *f;

	if (argc != 3) {
		fprintf(stderr, "usage: make_snap_seed CAPTURE OUT\n");
		return 2;
	}
	/* the events, counted first */
	r = eng_replay_open(argv[1], &d);
	if (!r) {
		fprintf(stderr, "%s\n", d.msg);
		return 1;
	}
	while (eng_replay_next(r, &e, NULL) > 0)
		events++;
	eng_replay_free(r);
	if (events < 2) {
		fprintf(stderr, "%s: %llu events, too few for a checkpoint half-way\n", argv[1],
			(unsigned long long)events);
		return 1;
	}
	r = eng_replay_open(argv[1], &d);
	while (n < events / 2 && eng_replay_next(r, &e, NULL) > 0)
		n++;
	sbuf_init(&snap);
	eng_replay_save(r, &snap);
	next = eng_replay_next(r, &e, NULL) > 0 ? e.num : 0;
	eng_replay_free(r);

	back = eng_replay_open(argv[1], &d);
	if (!back || eng_replay_restore(back, snap.s, snap.len) != 0 ||
	    eng_replay_next(back, &e, NULL) <= 0 || e.num != next || next != n + 1) {
		fprintf(stderr, "%s: the checkpoint after event %llu does not restore to event %llu\n",
			argv[1], (unsigned long long)n, (unsigned long long)next);
		return 1;
	}
	eng_replay_free(back);
	f = fopen(argv[2], "wb");
	if (!f || fwrite(snap.s, 1, snap.len, f) != snap.len || fclose(f) != 0) {
		perror(argv[2]);
		return 1;
	}
	sbuf_fini(&snap);
	return 0;
}

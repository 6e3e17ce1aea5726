// SPDX-License-Identifier: GPL-2.0-only
/*
 * The index while it is being built: a reader polls the count and checks
 * every entry it is allowed to see against the capture, then compares the
 * finished index with a plain replay and tries replays from checkpoints.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "eng_index.h"
#include "harness.h"
#include "sf_reader.h"

static void check_file(const char *path)
{
	struct diag d = { 0 };
	struct eng_index *ix = eng_index_open(path, ENG_IX_NO_CACHE, &d);
	struct sf_reader *rd;
	struct eng_replay *r;
	struct eng_ix_entry ent;
	struct eng_evt e;
	const uint8_t *data;
	uint64_t seen = 0, n, count, polls = 0;
	size_t len;

	CHECK(ix != NULL);
	if (!ix) {
		fprintf(stderr, "%s: %s\n", path, d.msg);
		return;
	}
	rd = sf_reader_open(path, &d);
	data = sf_reader_data(rd, &len);
	/* while it builds: every visible entry points at an event block of its type */
	do {
		count = eng_index_count(ix);
		for (n = seen + 1; n <= count; n++) {
			uint32_t bt;

			CHECK(eng_index_entry(ix, n, &ent));
			CHECK(ent.off + 34 <= len);
			if (ent.off + 34 > len)
				break;
			bt = buf_le32(data + ent.off);
			CHECK(bt == 0x204 || bt == 0x208 || bt == 0x216 || bt == 0x217 ||
			      bt == 0x221 || bt == 0x222 || bt == 0x8010ABCDu);
			CHECK(buf_le16(data + ent.off + 8 + ((bt == 0x208 || bt == 0x217 ||
							     bt == 0x222) ? 6 : 2) + 20) == ent.type);
		}
		seen = count;
		polls++;
	} while (!eng_index_pass1_done(ix) || seen < eng_index_count(ix));
	eng_index_wait(ix);
	CHECK(!eng_index_entry(ix, eng_index_count(ix) + 1, &ent));
	/* the count is the number of events a replay numbers */
	r = eng_replay_open(path, &d);
	n = 0;
	while (eng_replay_next(r, &e, NULL) > 0) {
		n++;
		if (eng_index_entry(ix, e.num, &ent)) {
			CHECK(ent.off == e.off);
			CHECK(ent.type == e.ev.type);
		}
	}
	eng_replay_free(r);
	CHECK(n == eng_index_count(ix));
	/* replays from checkpoints land on the right event */
	for (n = 1; n <= eng_index_count(ix); n += eng_index_count(ix) / 7 + 1) {
		r = eng_index_replay_at(ix, n, &d);
		CHECK(r != NULL);
		if (!r)
			continue;
		CHECK(eng_replay_next(r, &e, NULL) > 0 && e.num == n);
		eng_replay_free(r);
	}
	printf("%s: %llu events, seen through %llu polls\n", path,
	       (unsigned long long)eng_index_count(ix), (unsigned long long)polls);
	sf_reader_free(rd);
	eng_index_free(ix);
}

int main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		printf("SKIP: no capture given\n");
		return 77;
	}
	for (i = 1; i < argc; i++)
		check_file(argv[i]);
	return h_done();
}

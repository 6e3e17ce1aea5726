// SPDX-License-Identifier: GPL-2.0-only
/*
 * The index while it is being built: a reader polls the count and checks
 * every entry it is allowed to see against the capture, then compares the
 * finished index with a plain replay and tries replays from checkpoints.
 *
 * The captures are small (checkpoints come every few thousand events at
 * least), so the largest of them is also checked repeated, one section
 * after another, until its index has checkpoints to replay from.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "eng_index.h"
#include "harness.h"
#include "sf_reader.h"

/* Checks path's index; returns its event count, and its checkpoints in *cps. */
static uint64_t check_file(const char *path, uint64_t *cps)
{
	struct diag d = { 0 };
	struct eng_index *ix = eng_index_open(path, ENG_IX_NO_CACHE, &d);
	struct eng_ix_info info;
	struct sf_reader *rd;
	struct sf_block b;
	struct eng_replay *r;
	struct eng_ix_entry ent;
	struct eng_evt e;
	const uint8_t *data;
	uint64_t seen = 0, n, count, polls = 0, blocks = 0, prev_off = 0;
	size_t len;

	CHECK(ix != NULL);
	if (!ix) {
		fprintf(stderr, "%s: %s\n", path, d.msg);
		return 0;
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
	/* the count is the number of events a replay numbers, each at its block */
	r = eng_replay_open(path, &d);
	n = 0;
	while (eng_replay_next(r, &e, NULL) > 0) {
		n++;
		CHECK(e.num == n);
		CHECK(eng_index_entry(ix, e.num, &ent));
		CHECK(ent.off == e.off && ent.type == e.ev.type);
		CHECK(n == 1 || ent.off > prev_off);
		prev_off = ent.off;
	}
	CHECK(n == eng_index_count(ix));
	/* ... which are the event blocks, but for user/group records and unknown types */
	sf_reader_seek(rd, 0);
	while (sf_reader_next(rd, &b, NULL) > 0)
		blocks += b.kind == SF_K_EV;
	CHECK(blocks == n + r->stats.state_events + r->stats.unknown_events);
	eng_replay_free(r);
	/* replays from checkpoints land on the right event */
	for (n = 1; n <= eng_index_count(ix); n += eng_index_count(ix) / 7 + 1) {
		r = eng_index_replay_at(ix, n, &d);
		CHECK(r != NULL);
		if (!r)
			continue;
		CHECK(eng_replay_next(r, &e, NULL) > 0 && e.num == n);
		eng_replay_free(r);
	}
	eng_index_info(ix, &info);
	*cps = info.checkpoints;
	count = eng_index_count(ix);
	printf("%s: %llu events, %llu checkpoints, seen through %llu polls\n", path,
	       (unsigned long long)count, (unsigned long long)info.checkpoints,
	       (unsigned long long)polls);
	sf_reader_free(rd);
	eng_index_free(ix);
	return count;
}

/* path inflated and repeated until it holds at least min events, into out. */
static void repeat(const char *path, uint64_t events, uint64_t min, const char *out)
{
	struct diag d = { 0 };
	struct sf_reader *rd = sf_reader_open(path, &d);
	const uint8_t *data;
	FILE *f = fopen(out, "wb");
	size_t len;
	uint64_t n;

	CHECK(rd && f && events > 0);
	if (!rd || !f || !events)
		goto out;
	data = sf_reader_data(rd, &len);
	for (n = 0; n < min; n += events)
		CHECK(fwrite(data, 1, len, f) == len);
out:
	if (f)
		CHECK(fclose(f) == 0);
	sf_reader_free(rd);
}

int main(int argc, char **argv)
{
	char out[] = "/tmp/syshark-index-XXXXXX";
	uint64_t n, cps, most = 0;
	int i, fd, largest = 0;

	if (argc < 2) {
		printf("SKIP: no capture given\n");
		return 77;
	}
	for (i = 1; i < argc; i++) {
		n = check_file(argv[i], &cps);
		if (n > most) {
			most = n;
			largest = i;
		}
	}
	/* the largest one, repeated into a capture with checkpoints */
	fd = mkstemp(out);
	CHECK(fd >= 0 && largest > 0);
	if (fd >= 0 && largest > 0) {
		close(fd);
		repeat(argv[largest], most, 40000, out);
		n = check_file(out, &cps);
		CHECK(n >= 40000 && n % most == 0);
		CHECK(cps >= 1);
		unlink(out);
	}
	return h_done();
}

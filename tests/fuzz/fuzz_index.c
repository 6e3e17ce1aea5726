// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the event index and its cache: the input, written
 * to a file, is indexed into the cache (a directory of its own), then
 * the cached index is loaded, and loaded again after a few of the input's
 * bytes are written over it at an offset they choose; each time events at
 * the start, the middle and the end are replayed from their checkpoints,
 * and a filter runs over the event columns.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <libgen.h>
#include <string.h>
#include <unistd.h>

#include "eng_colfilter.h"
#include "eng_cols.h"
#include "eng_index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs a filter over the columns of ix, if it has them. */
static void use_columns(struct eng_index *ix)
{
	const struct eng_cols *c = eng_index_columns(ix);
	struct eng_filter *f = eng_filter_compile(
		"fd.name contains a or (proc.name = sh and evt.dir = <) or not evt.failed = true",
		NULL);
	struct eng_colfilter *cf = c && f ? eng_colfilter_new(f, c) : NULL;
	uint64_t *bits;

	if (cf) {
		bits = calloc(c->n / 64 + 1, sizeof(*bits));
		if (!bits)
			abort();
		eng_colfilter_scan(cf, 2, bits);
		free(bits);
	}
	eng_colfilter_free(cf);
	eng_filter_free(f);
}

/* Opens the index of path with flags and replays a few events from it. */
static void use_index(const char *path, unsigned int flags, char *ix_path, size_t n)
{
	struct eng_index *ix = eng_index_open(path, flags, NULL);
	struct eng_ix_info info;
	uint64_t count, at[3];

	if (!ix)
		return;
	eng_index_wait(ix);
	eng_index_info(ix, &info);
	if (ix_path)
		snprintf(ix_path, n, "%s", info.path);
	count = eng_index_count(ix);
	at[0] = 1;
	at[1] = count / 2 + 1;
	at[2] = count;
	for (int i = 0; i < 3; i++) {
		struct eng_replay *r = eng_index_replay_at(ix, at[i], NULL);
		struct eng_evt e;

		if (r)
			eng_replay_next(r, &e, NULL);
		eng_replay_free(r);
	}
	use_columns(ix);
	eng_index_free(ix);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char dir[] = "/tmp/syshark-fuzz-index-XXXXXX", path[64], cache[64], ix_path[4096] = "";
	FILE *f;

	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof(path), "%s/capture.scap", dir);
	snprintf(cache, sizeof(cache), "%s/cache", dir);
	setenv("XDG_CACHE_HOME", cache, 1);
	f = fopen(path, "wb");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	use_index(path, 0, ix_path, sizeof(ix_path));
	use_index(path, ENG_IX_CACHED_ONLY, NULL, 0);
	if (ix_path[0] && size >= 12) {
		uint32_t off;
		FILE *ixf = fopen(ix_path, "r+b");

		memcpy(&off, data, sizeof(off));
		if (ixf && fseek(ixf, 0, SEEK_END) == 0 && ftell(ixf) > 0 &&
		    fseek(ixf, (long)(off % (uint32_t)ftell(ixf)), SEEK_SET) == 0)
			fwrite(data + 4, 1, 8, ixf);
		if (ixf)
			fclose(ixf);
		use_index(path, ENG_IX_CACHED_ONLY, NULL, 0);
	}
	if (ix_path[0])
		unlink(ix_path);
	unlink(path);
	strcat(cache, "/syshark");
	rmdir(cache);
	rmdir(dirname(cache));
	rmdir(dir);
	return 0;
}

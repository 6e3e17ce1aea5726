// SPDX-License-Identifier: GPL-2.0-only
/*
 * A live capture's status line: the part that says where its file is and
 * how large, and the counts read while a followed capture grows, where the
 * rows shown are never more than the events. The capture (the shell session
 * 30 times over) comes in one write after its first block, so the index and
 * the search race over it, and the status is read all the while.
 */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "sf_reader.h"
#include "statusbar.h"
#include "tview.h"

/* The file's part, fitted to width. */
static void check_file_part(const char *want, int width, uint64_t bytes, uint64_t max,
			    bool full)
{
	struct sbar b = { 0 };
	struct sbuf line;

	sbuf_init(&line);
	sbar_add(&b, 3, "live, ended", "live, ended: make -j2");
	sbar_add_file(&b, "/tmp/syshark-live-7-abcdef", bytes, max, full);
	sbar_fit(&b, width, &line);
	CHECK_STR(line.s, want);
	sbar_fini(&b);
	sbuf_fini(&line);
}

static void check_file(void)
{
	char s[32];

	sbar_bytes(s, sizeof(s), 1023);
	CHECK_STR(s, "1023 B");
	sbar_bytes(s, sizeof(s), 1536);
	CHECK_STR(s, "1.5 KiB");
	sbar_bytes(s, sizeof(s), 1ULL << 30);
	CHECK_STR(s, "1.0 GiB");
	check_file_part(" live, ended: make -j2 | into /tmp/syshark-live-7-abcdef, "
			"12.0 MiB of 1.0 GiB",
			100, 12 << 20, 1ULL << 30, false);
	check_file_part(" live, ended: make -j2 | 12.0 MiB of 1.0 GiB", 60, 12 << 20, 1ULL << 30,
			false);
	check_file_part(" live, ended: make -j2 | into /tmp/syshark-live-7-abcdef, 12.0 MiB", 100,
			12 << 20, 0, false);
	check_file_part(" live, ended: make -j2 | 1.0 GiB: size limit reached", 60, 1ULL << 30,
			1ULL << 30, true);
	check_file_part(" live, ended: make -j2", 30, 1ULL << 30, 1ULL << 30, true);
}

int main(int argc, char **argv)
{
	char tmp[] = "/tmp/syshark-counts-XXXXXX";
	const struct timespec tick = { 0, 100000 };
	struct tview_status st = { 0 };
	struct diag d = { 0 };
	struct sf_reader *rd = argc > 1 ? sf_reader_open(argv[1], &d) : NULL;
	const uint8_t *buf;
	size_t n, first = 0;
	unsigned long reads = 0, over = 0;
	struct sf_block b;
	struct tview *v = NULL;
	int fd = mkstemp(tmp), i;

	check_file();
	if (!rd) {
		printf("SKIP: no capture to follow: %s\n", d.msg);
		return 77;
	}
	buf = sf_reader_data(rd, &n);
	if (sf_reader_next(rd, &b, NULL) > 0)
		first = b.total_len;
	CHECK(fd >= 0 && first > 0 && write(fd, buf, first) == (ssize_t)first);
	v = tview_open(tmp, true, &d);
	CHECK(v != NULL);
	if (!v)
		goto out;
	CHECK(write(fd, buf + first, n - first) == (ssize_t)(n - first));
	for (i = 0; i < 29; i++)
		CHECK(write(fd, buf, n) == (ssize_t)n);
	tview_follow_end(v);
	do {
		tview_status(v, &st);
		reads++;
		if (st.rows > st.events) {
			if (!over)
				fprintf(stderr, "events %llu | shown %llu\n",
					(unsigned long long)st.events, (unsigned long long)st.rows);
			over++;
		}
		nanosleep(&tick, NULL);
	} while ((st.live || st.searching) && reads < 2000000);
	printf("%lu status reads, %lu with more rows than events\n", reads, over);
	CHECK(over == 0);
	CHECK(!st.live && !st.searching && st.rows > 0 && st.events >= st.rows);
	tview_free(v);
out:
	sf_reader_free(rd);
	unlink(tmp);
	if (fd >= 0)
		close(fd);
	return h_done();
}

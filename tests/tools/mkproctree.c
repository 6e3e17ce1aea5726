// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkproctree: writes a capture whose processes make a tree, for the tree of
 * the processes view: a process list (parents, children, a parent that is
 * not in the capture, a process its own parent, two parents of each other)
 * and, for each process, as many getpid calls as its row in the table
 * below says, so that sorting by system calls gives a known order. Each
 * process has memory and page faults made from its pid: virtual memory
 * 4 * pid kB, resident pid kB, pid / 100 major and 3 * pid minor faults.
 *
 * usage: mkproctree OUT.scap
 */
#include <stdio.h>
#include <string.h>

#include "sbuf.h"
#include "sf_encode.h"
#include "sf_reader.h"
#include "sf_writer.h"

#define EV_GENERIC_E 0
#define EV_GENERIC_X 1
#define PPM_SC_GETPID 16
#define SYS_GETPID 39

static const struct {
	uint64_t pid, ppid;
	const char *name;
	unsigned int calls;
} procs[] = {
	{ 100, 1, "init", 1 },	    { 200, 100, "shell", 5 },	{ 300, 200, "make", 2 },
	{ 301, 300, "cc", 7 },	    { 302, 300, "ld", 3 },	{ 400, 100, "daemon", 4 },
	{ 500, 999, "orphan", 6 },  { 600, 601, "loop-a", 2 },	{ 601, 600, "loop-b", 1 },
	{ 700, 700, "self", 8 },    { 303, 302, "collect2", 9 },
};

#define NPROCS (sizeof(procs) / sizeof(procs[0]))

static void put_le(struct sbuf *b, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		sbuf_putc(b, (char)(v >> (8 * i)));
}

static struct buf_str str(const char *s)
{
	return (struct buf_str){ s, (uint16_t)strlen(s) };
}

/* A getpid event of tid, entering or leaving. */
static int getpid_event(struct sf_writer *w, uint64_t ts, uint64_t tid, bool leave,
			struct diag *d)
{
	struct sbuf b;
	int rc;

	sbuf_init(&b);
	put_le(&b, 0, 2); /* cpu */
	put_le(&b, ts, 8);
	put_le(&b, tid, 8);
	put_le(&b, 26 + 2 * 2 + 2 + 2, 4);
	put_le(&b, leave ? EV_GENERIC_X : EV_GENERIC_E, 2);
	put_le(&b, 2, 4);
	put_le(&b, 2, 2);
	put_le(&b, 2, 2);
	put_le(&b, PPM_SC_GETPID, 2);
	put_le(&b, SYS_GETPID, 2);
	rc = sf_writer_block(w, SF_BT_EV_V2, b.s, (uint32_t)b.len, d);
	sbuf_fini(&b);
	return rc;
}

int main(int argc, char **argv)
{
	uint64_t ts = 1700000000000000000ULL;
	struct diag d = { 0 };
	struct sf_writer *w;
	struct sbuf b;
	size_t i;
	unsigned int k;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: mkproctree OUT.scap\n");
		return 2;
	}
	w = sf_writer_open(argv[1], &d);
	if (!w) {
		fprintf(stderr, "mkproctree: %s\n", d.msg);
		return 1;
	}
	sbuf_init(&b);
	sf_section_encode(&b);
	rc = sf_writer_block(w, SF_BT_SHB, b.s, (uint32_t)b.len, &d);
	sbuf_reset(&b);
	for (i = 0; i < NPROCS; i++) {
		struct sf_proc p = { .tid = procs[i].pid, .pid = procs[i].pid,
				     .ptid = procs[i].ppid, .sid = procs[i].pid,
				     .vpgid = procs[i].pid, .comm = str(procs[i].name),
				     .exe = str(procs[i].name), .exepath = str("/usr/bin/x"),
				     .args = str("--tree"), .cwd = str("/"), .fdlimit = 1024,
				     .vtid = (int64_t)procs[i].pid, .vpid = (int64_t)procs[i].pid,
				     .vmsize_kb = (uint32_t)procs[i].pid * 4,
				     .vmrss_kb = (uint32_t)procs[i].pid,
				     .pfmajor = procs[i].pid / 100, .pfminor = procs[i].pid * 3 };

		sf_proc_encode(&b, &p);
	}
	if (!rc)
		rc = sf_writer_block(w, SF_BT_PL_V9, b.s, (uint32_t)b.len, &d);
	for (i = 0; !rc && i < NPROCS; i++)
		for (k = 0; !rc && k < procs[i].calls; k++, ts += 1000000)
			rc = getpid_event(w, ts, procs[i].pid, false, &d) ||
			     getpid_event(w, ts + 1000, procs[i].pid, true, &d);
	sbuf_fini(&b);
	if (sf_writer_close(w, rc ? NULL : &d) < 0 || rc) {
		fprintf(stderr, "mkproctree: %s\n", d.msg);
		return 1;
	}
	return 0;
}

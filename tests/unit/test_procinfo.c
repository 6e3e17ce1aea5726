// SPDX-License-Identifier: GPL-2.0-only
/*
 * procinfo events from a made-up /proc: one event per thread with the
 * utime and stime of its stat file (a command with spaces and parentheses
 * in it too), nothing for a thread whose stat file is gone or for entries
 * that are not process ids, and times no earlier than the one asked for.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "harness.h"
#include "procinfo.h"
#include "schema.h"

static char root[] = "/tmp/procinfo-XXXXXX";

static void put_stat(const char *pid, const char *tid, const char *comm, unsigned int ut,
		     unsigned int st)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, pid);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s/task", root, pid);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s/task/%s", root, pid, tid);
	mkdir(path, 0700);
	if (!comm)
		return; /* a thread gone between the listing and the reading */
	snprintf(path, sizeof(path), "%s/%s/task/%s/stat", root, pid, tid);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "%s (%s) R 1 2 3 4 5 6 7 8 9 10 %u %u 0 0 20 0 1 0 100 0 0\n", tid, comm, ut,
		st);
	fclose(f);
}

struct got {
	unsigned int n;
	int64_t tid[8];
	uint64_t ut[8], st[8], ts[8];
	uint16_t type[8];
	uint32_t len[8];
};

static int take(void *arg, const uint8_t *ev, uint32_t len)
{
	struct got *g = arg;

	if (g->n < 8) {
		g->ts[g->n] = buf_le64(ev);
		g->tid[g->n] = (int64_t)buf_le64(ev + 8);
		g->len[g->n] = buf_le32(ev + 16);
		g->type[g->n] = buf_le16(ev + 20);
		g->ut[g->n] = buf_le64(ev + 30);
		g->st[g->n] = buf_le64(ev + 38);
	}
	g->n++;
	(void)len;
	return 0;
}

int main(void)
{
	struct got g = { 0 };
	struct procinfo *p;
	unsigned int i, tries;
	uint64_t min_ts = UINT64_C(4000000000000000000);
	char cmd[512];

	if (!mkdtemp(root))
		return 1;
	put_stat("10", "10", "sh", 7, 3);
	put_stat("10", "11", "a (b) c", 250, 40);
	put_stat("20", "21", NULL, 0, 0);
	snprintf(cmd, sizeof(cmd), "%s/self", root); /* not a process id */
	mkdir(cmd, 0700);
	p = procinfo_start(root, 20);
	CHECK(p != NULL);
	for (tries = 0; p && !g.n && tries < 200; tries++) {
		procinfo_take(p, min_ts, take, &g);
		if (!g.n)
			usleep(10000);
	}
	procinfo_free(p);
	CHECK(g.n == 2);
	for (i = 0; i < g.n && i < 8; i++) {
		CHECK(g.type[i] == EV_PROCINFO_E);
		CHECK(g.len[i] == 46);
		CHECK(g.ts[i] == min_ts);
		if (g.tid[i] == 10)
			CHECK(g.ut[i] == 7 && g.st[i] == 3);
		else
			CHECK(g.tid[i] == 11 && g.ut[i] == 250 && g.st[i] == 40);
	}
	procinfo_free(NULL);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", root);
	return h_done();
}

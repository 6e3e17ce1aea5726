// SPDX-License-Identifier: GPL-2.0-only
/*
 * mksnapshot: writes a capture of the running system: a section header, the
 * state snapshot of probe_snapshot_write(), then a few events of its own
 * thread, so that readers have something to show: a read of fd FD (which
 * the caller opened), and a getpid as a generic syscall event. Each is an
 * enter event followed by its exit, as the writer recipe asks.
 *
 * usage: mksnapshot OUT.scap FD
 * Prints its pid and the snapshot's counts, one "name value" per line.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "probe_snapshot.h"
#include "sbuf.h"
#include "sf_encode.h"
#include "sf_reader.h"

#define SNAPLEN 80
#define EV_GENERIC_E 0
#define EV_GENERIC_X 1
#define EV_READ_E 6
#define EV_READ_X 7
#define PPM_SC_GETPID 16

struct param {
	const void *p;
	uint16_t len;
};

static void put_le(struct sbuf *b, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		sbuf_putc(b, (char)(v >> (8 * i)));
}

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_REALTIME, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + (uint64_t)t.tv_nsec;
}

/* Writes one EV_V2 block of this thread. */
static int event(struct sf_writer *w, uint16_t type, const struct param *pv, uint32_t n,
		 struct diag *d)
{
	struct sbuf b;
	uint32_t len = 26 + 2 * n, i;
	int cpu = sched_getcpu(), rc;

	for (i = 0; i < n; i++)
		len += pv[i].len;
	sbuf_init(&b);
	put_le(&b, cpu < 0 ? 0 : (uint64_t)cpu, 2);
	put_le(&b, now_ns(), 8);
	put_le(&b, (uint64_t)syscall(SYS_gettid), 8);
	put_le(&b, len, 4);
	put_le(&b, type, 2);
	put_le(&b, n, 4);
	for (i = 0; i < n; i++)
		put_le(&b, pv[i].len, 2);
	for (i = 0; i < n; i++)
		sbuf_put(&b, pv[i].p, pv[i].len);
	rc = sf_writer_block(w, SF_BT_EV_V2, b.s, (uint32_t)b.len, d);
	sbuf_fini(&b);
	return rc;
}

static void le(uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/* A read of fd, enter then exit; the data is read with pread() so that the
 * caller's file offset stays where it was. */
static int read_events(struct sf_writer *w, int fd, struct diag *d)
{
	uint8_t fd8[8], size4[4], res8[8], data[SNAPLEN];
	ssize_t n = pread(fd, data, sizeof(data), 0);

	if (n <= 0) {
		n = 0;
		data[0] = 0;
	}
	le(fd8, (uint64_t)fd, 8);
	le(size4, SNAPLEN, 4);
	le(res8, (uint64_t)n, 8);
	if (event(w, EV_READ_E, (struct param[]){ { fd8, 8 }, { size4, 4 } }, 2, d))
		return -1;
	/* no 0-length params: sysdig 0.29.3 misreads them */
	return event(
		w, EV_READ_X,
		(struct param[]){
			{ res8, 8 }, { data, (uint16_t)(n ? n : 1) }, { fd8, 8 }, { size4, 4 } },
		4, d);
}

static int getpid_events(struct sf_writer *w, struct diag *d)
{
	uint8_t id[2], native[2];

	le(id, PPM_SC_GETPID, 2);
	le(native, SYS_getpid, 2);
	if (event(w, EV_GENERIC_E, (struct param[]){ { id, 2 }, { native, 2 } }, 2, d))
		return -1;
	return event(w, EV_GENERIC_X, (struct param[]){ { id, 2 }, { native, 2 } }, 2, d);
}

int main(int argc, char **argv)
{
	struct probe_snapshot_stats st;
	struct diag d = { 0 };
	struct sf_writer *w;
	struct sbuf shb;
	struct timespec t0, t1;
	int fd, rc;

	if (argc != 3) {
		fprintf(stderr, "usage: mksnapshot OUT.scap FD\n");
		return 2;
	}
	fd = atoi(argv[2]);
	w = sf_writer_open(argv[1], &d);
	if (!w) {
		fprintf(stderr, "mksnapshot: %s\n", d.msg);
		return 1;
	}
	sbuf_init(&shb);
	sf_section_encode(&shb);
	rc = sf_writer_block(w, SF_BT_SHB, shb.s, (uint32_t)shb.len, &d);
	sbuf_fini(&shb);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (!rc)
		rc = probe_snapshot_write(w, 0, &st, &d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!rc)
		rc = read_events(w, fd, &d);
	if (!rc)
		rc = getpid_events(w, &d);
	if (sf_writer_close(w, rc ? NULL : &d) && !rc)
		rc = -1;
	if (rc) {
		fprintf(stderr, "mksnapshot: %s\n", d.msg);
		return 1;
	}
	printf("pid %d\nthreads %u\nskipped_threads %u\nfdlists %u\nfds %u\n"
	       "skipped_fds %u\nusers %u\ngroups %u\nifaddrs %u\nmsec %ld\n",
	       (int)getpid(), st.threads, st.skipped_threads, st.fdlists, st.fds, st.skipped_fds,
	       st.users, st.groups, st.ifaddrs,
	       (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
	return 0;
}

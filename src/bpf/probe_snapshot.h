/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The state snapshot a live capture writes at its start, read from the
 * running system: machine info, interface addresses, users and groups,
 * every thread of every process and the fds of every process. Readers of
 * the capture start from it as they start from the state blocks of a file.
 */
#ifndef SYSHARK_PROBE_SNAPSHOT_H
#define SYSHARK_PROBE_SNAPSHOT_H

#include <stdint.h>
#include <sys/types.h>

#include "diag.h"
#include "sf_writer.h"

struct probe_snapshot_stats {
	uint32_t ifaddrs;	  /* interface list entries */
	uint32_t users, groups;	  /* user list entries */
	uint32_t threads;	  /* process list entries */
	uint32_t fdlists;	  /* fd list blocks: processes with at least one fd */
	uint32_t fds;		  /* fd list entries */
	uint32_t skipped_threads; /* kernel threads, zombies, vanished while read */
	uint32_t skipped_fdlists; /* processes whose fd directory is unreadable */
	uint32_t skipped_fds;	  /* fds that vanished or whose link is unreadable */
};

/*
 * Writes the state blocks after the caller's section header, in the order
 * of scap-format.md section 12: MI, IL_V2, UL_V2, one PL_V9 with every
 * thread, then one FDL_V2 per process (keyed by its main thread). With
 * only > 0 the processes are that one (a child of the caller) and the
 * caller, so that a capture of one command describes nothing else. What
 * vanishes or cannot be read while /proc is walked is skipped and counted
 * in st (which may be NULL). Returns 0, or -errno with d set when /proc
 * cannot be opened or a block cannot be written. Call from one thread at a
 * time: it enumerates users with getpwent_r(), whose position is global.
 */
int probe_snapshot_write(struct sf_writer *w, pid_t only, struct probe_snapshot_stats *st,
			 struct diag *d);

/* The /proc files whose text probe_snapshot_parse() reads. */
enum probe_snap_text {
	PROBE_SNAP_NET_TCP,	/* /proc/net/tcp (udp and raw read alike) */
	PROBE_SNAP_NET_TCP6,
	PROBE_SNAP_NET_UNIX,
	PROBE_SNAP_NET_NETLINK,
	PROBE_SNAP_STATUS,	/* /proc/PID/status */
};

/*
 * Parses the NUL-terminated text of one /proc file as the snapshot does and
 * returns how many entries it understood (for status, 1 if it found the
 * pid). For tests and the fuzz target.
 */
unsigned int probe_snapshot_parse(enum probe_snap_text kind, const char *text);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scratch capture files: $TMPDIR/syshark-KIND-PID-XXXXXX (or in /tmp), for a
 * live capture that -w does not name, and their size limit. The process
 * that made one deletes it when it ends; one left by a process that was
 * killed (kill -9) is deleted by the next that makes one, once no process
 * has that PID.
 */
#ifndef SYSHARK_SCRATCH_H
#define SYSHARK_SCRATCH_H

#include <stddef.h>
#include <stdint.h>

/*
 * Deletes the scratch files of this user that dead processes left, then
 * creates one of kind ("live", "top"), its name in path. Returns its fd
 * (the caller closes it and unlinks path), or -1 after saying why on stderr.
 */
int scratch_create(char *path, size_t n, const char *kind);

/* The size limit of scratch file fd: 1 GiB, or half the room left beside it if less. */
uint64_t scratch_limit(int fd);

#endif

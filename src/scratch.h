/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scratch capture files: $TMPDIR/syshark-KIND-PID-XXXXXX (or in /tmp), for a
 * live capture that -w does not name. The process that made one deletes it
 * when it ends; one left by a process that was killed (kill -9) is deleted
 * by the next that makes one, once no process has that PID.
 */
#ifndef SYSHARK_SCRATCH_H
#define SYSHARK_SCRATCH_H

#include <stddef.h>

/*
 * Deletes the scratch files of this user that dead processes left, then
 * creates one of kind ("live", "top"), its name in path. Returns its fd
 * (the caller closes it and unlinks path), or -1 after saying why on stderr.
 */
int scratch_create(char *path, size_t n, const char *kind);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inflating a gzip capture (or copying a pipe's, gzip or not) into an
 * unlinked temporary file: at once
 * (sf_gunzip_into, as sf_reader_open does), or on a thread of its own
 * (sf_gunzip_start) so that a reader can follow the file as it grows
 * (sf_reader_follow) and show its first events at once.
 */
#ifndef SYSHARK_SF_GUNZIP_H
#define SYSHARK_SF_GUNZIP_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

/* Whether the file at path starts with gzip's magic. */
bool sf_is_gzip(const char *path);

/* An unlinked read-write file in $TMPDIR (or /tmp); -errno on failure. */
int sf_tmpfile(void);

/*
 * Inflates in_fd (all gzip members) to out_fd until the end, an error or
 * *stop. Returns 0, or -errno when gzip cannot start. If the data ends
 * early, or out_fd's file system fills, what was inflated stays and tail
 * says why the rest is missing. in_off, if set, follows the compressed
 * bytes consumed.
 */
int sf_gunzip_into(int in_fd, int out_fd, const char *path, struct diag *tail,
		   const _Atomic bool *stop, _Atomic uint64_t *in_off);

struct sf_gunzip;

/* Starts inflating path on a thread. NULL with d set on failure. */
struct sf_gunzip *sf_gunzip_start(const char *path, struct diag *d);
/* A path that opens the inflated data (it grows until done). */
const char *sf_gunzip_path(const struct sf_gunzip *g);
bool sf_gunzip_done(const struct sf_gunzip *g);
/* How much of the compressed file is read, in percent; -1 for a pipe (its size is unknown). */
int sf_gunzip_percent(const struct sf_gunzip *g);
/* Once done: why the data ended early, or NULL. */
const char *sf_gunzip_error(const struct sf_gunzip *g);
/* Stops the thread if it still runs, and frees g. */
void sf_gunzip_free(struct sf_gunzip *g);

#endif

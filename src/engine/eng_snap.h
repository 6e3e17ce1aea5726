/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * State snapshots: the whole engine state (threads, fd tables, users,
 * groups, containers, pairing data) written to bytes and read back, so that
 * a replay can resume at a checkpoint instead of at the start of a capture.
 *
 * The byte format is private to one build of syshark (index files carry a
 * version and are rebuilt when it changes).
 */
#ifndef SYSHARK_ENG_SNAP_H
#define SYSHARK_ENG_SNAP_H

#include <stddef.h>

#include "eng_state.h"
#include "sbuf.h"

/* Appends the state s to out. */
void eng_snap_save(const struct eng_state *s, struct sbuf *out);

/*
 * Loads a snapshot into s, which must be freshly initialised. Returns 0, or
 * -EINVAL if the bytes are damaged (s is then reset and empty).
 */
int eng_snap_load(struct eng_state *s, const void *p, size_t n);

#endif

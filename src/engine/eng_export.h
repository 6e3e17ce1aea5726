/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Export: writes chosen events of a capture being replayed to a new .scap,
 * with everything a reader needs to decode them. The state blocks of each
 * section are copied as they are; events that were not chosen but change
 * the state (opens, closes, clones, execs, ...) are kept as state-only
 * events, which readers apply but do not show. So an fd opened by an event
 * that was filtered out still has its name in the new file.
 */
#ifndef SYSHARK_ENG_EXPORT_H
#define SYSHARK_ENG_EXPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "eng_replay.h"

struct eng_export;

/* Creates path and hooks into r. Returns NULL with d set. */
struct eng_export *eng_export_open(const char *path, struct eng_replay *r, struct diag *d);

/* Writes e as shown (chosen) or, if it changes the state, as state-only. */
int eng_export_event(struct eng_export *x, const struct eng_evt *e, bool chosen,
		     struct diag *d);

/* Events written as shown. */
uint64_t eng_export_count(const struct eng_export *x);

/* Closes the file; 0 or -errno with d set. Frees x. */
int eng_export_close(struct eng_export *x, struct diag *d);

#endif

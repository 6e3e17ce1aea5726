/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A walk over a capture: a thread of its own replays the capture of an
 * index from its first event, following it while it is written, and hands
 * every event to a function. The views, the fd stream and the I/O graph are
 * summed this way while the interface stays responsive.
 */
#ifndef SYSHARK_ENG_WALK_H
#define SYSHARK_ENG_WALK_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "eng_index.h"

/* Called on the walk's thread for each event, with r's state after it; false stops the walk. */
typedef bool (*eng_walk_fn)(void *arg, const struct eng_replay *r, const struct eng_evt *e);

struct eng_walk;

/* Starts walking ix's capture; NULL with d set if the thread cannot start. */
struct eng_walk *eng_walk_start(struct eng_index *ix, eng_walk_fn fn, void *arg,
				struct diag *d);
/* Stops the walk, waits for its thread and frees it. */
void eng_walk_free(struct eng_walk *w);
/* Whether the walk has ended: the capture is complete and all of it walked, or fn stopped it. */
bool eng_walk_done(const struct eng_walk *w);
/* The number of the last event walked (0 before the first). */
uint64_t eng_walk_scanned(const struct eng_walk *w);

#endif

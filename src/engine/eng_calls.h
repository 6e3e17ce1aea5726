/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * One event per system call, as current Falco libraries present them: an
 * exit with its paired enter (a call, eng_evt.call) stands for both, and
 * the enter is not shown on its own. An enter is held back until its
 * thread's next event says whether it was paired; the events after it wait
 * with it, so that what is handed out keeps the events' order. An enter
 * whose exit does not come within ENG_CALLS_HOLD events or one second (a
 * call that blocks, or an exit the capture lost) is handed out on its own;
 * its exit then shows as the call.
 */
#ifndef SYSHARK_ENG_CALLS_H
#define SYSHARK_ENG_CALLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eng_replay.h"

#define ENG_CALLS_HOLD 65536u
#define ENG_CALLS_HOLD_NS 1000000000ull

/* Hands out event num (and the text given with it) to be shown. */
typedef void (*eng_calls_emit)(void *arg, uint64_t num, const char *text, size_t len);

struct eng_calls;

struct eng_calls *eng_calls_new(eng_calls_emit emit, void *arg);
void eng_calls_free(struct eng_calls *c);

/*
 * Takes the next event of a replay with calls on, right after the replay
 * handed it out: keep says whether it is to be shown (the filter kept it,
 * as a call if it is one), text what to hand out with it.
 */
void eng_calls_event(struct eng_calls *c, const struct eng_evt *e, bool keep, const char *text,
		     size_t len);
/* Hands out the enters still waiting at time now (ns since the epoch) after the hold. */
void eng_calls_expire(struct eng_calls *c, uint64_t now);
/* Hands out everything held: the events ended, or a live capture paused. */
void eng_calls_flush(struct eng_calls *c);
/* Whether event e is a system call's enter that its exit may stand for. */
bool eng_calls_is_enter(const struct eng_evt *e);

#endif

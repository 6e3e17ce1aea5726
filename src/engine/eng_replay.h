/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Replays a capture file: walks its blocks, keeps the state current and
 * hands out events in file order with their numbers. Counts everything it
 * skips (unknown blocks and event types, packet blocks) for --stats and the
 * status line.
 *
 * Event numbers start at 1 and count every event of a known type except the
 * user and group records that newer captures store as events; these only
 * carry state. (sysdig 0.29.3 numbers the same way.)
 */
#ifndef SYSHARK_ENG_REPLAY_H
#define SYSHARK_ENG_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eng_state.h"
#include "event.h"
#include "sbuf.h"
#include "sf_reader.h"

/*
 * A live capture ends with a state-only notification event whose id is
 * this and whose description starts with the number of events the probe
 * dropped; stats.dropped adds them up.
 */
#define ENG_DROPS_ID "syshark.dropped"

struct eng_stats {
	uint64_t events;	   /* numbered events */
	uint64_t hidden;	   /* internal and state-only events, not shown by default */
	uint64_t state_events;	   /* user/group records */
	uint64_t unknown_events;   /* event types this build does not know */
	uint64_t dropped;	   /* events the capture says it lost */
	uint64_t sections;
	uint64_t blocks[SF_K_MAX];
	uint64_t unknown_blocks;
	uint64_t first_ts, last_ts;
	uint64_t bytes;
};

struct eng_evt {
	struct ev_view ev;
	struct sf_block blk;	  /* the block it came from */
	uint64_t num;
	uint64_t off;		  /* block offset in the uncompressed stream */
	struct eng_thread *thread; /* borrowed; valid until the next event */
	struct eng_evinfo info;	  /* thread, fd, pairing, latency (borrowed likewise) */
	bool hidden;		  /* internal or state-only: not shown by default */
	/*
	 * A call (a replay with calls on): an exit shown with its paired
	 * enter's parameters too, as current Falco libraries present it.
	 */
	bool call;
	/*
	 * The time of the section's first event (container, user and group
	 * records aside) and of the event shown before this one (events hidden
	 * by default aside; 0 for the first): evt.reltime and evt.deltatime.
	 */
	uint64_t first_ts, prev_ts;
};

struct eng_replay {
	struct sf_reader *rd;
	struct eng_state state;
	struct eng_stats stats;
	uint64_t next_num;
	bool past_head; /* an event other than a container record was seen */
	uint64_t first_ts, prev_ts; /* as eng_evt's, for the next event */
	/*
	 * Called for every block that is not handed out as an event (state
	 * blocks, packet and unknown blocks, events that only carry state or
	 * have an unknown type). A negative return stops the replay with it.
	 */
	int (*on_block)(void *arg, const struct sf_block *b, struct diag *d);
	void *on_block_arg;
	bool in_events; /* the section's state blocks are done */
	bool *skip;	/* EV_MAX entries: types passed over (eng_replay_want()) */
	bool calls;	/* paired exits are calls (eng_evt.call); set before eng_replay_want() */
};

/* Returns NULL with d set. Caller frees with eng_replay_free(). */
struct eng_replay *eng_replay_open(const char *path, struct diag *d);
/* A replay without a file, fed block by block (live capture). */
struct eng_replay *eng_replay_new(void);
/* The same over a caller-owned buffer (borrowed until eng_replay_free()). */
struct eng_replay *eng_replay_open_mem(const void *buf, size_t len, struct diag *d);
void eng_replay_free(struct eng_replay *r);

/*
 * Lets r pass over the events its reader has no use for: events of a type
 * not in wanted (EV_MAX entries) that the state ignores too are numbered
 * and counted, but neither decoded nor handed out. With calls on, a wanted
 * system call's other direction is wanted too, for the pairing.
 */
void eng_replay_want(struct eng_replay *r, const bool *wanted);

/*
 * The data of a replay over memory has grown to len bytes (and may grow
 * more): a block cut short at its end is one still being written.
 */
void eng_replay_follow(struct eng_replay *r, size_t len);

/* Appends where the replay stands and its state (a checkpoint) to out. */
void eng_replay_save(const struct eng_replay *r, struct sbuf *out);

/*
 * Moves a replay of the same capture to a checkpoint made by
 * eng_replay_save(); its next event is the one after the checkpoint.
 * Returns 0 or -EINVAL if the checkpoint is damaged.
 */
int eng_replay_restore(struct eng_replay *r, const void *p, size_t n);

/* True for the user and group records that carry state and get no number. */
bool eng_is_state_record(uint16_t type);

/* 1 with e filled, 0 at the end, or -errno with d set (damage at d->off). */
int eng_replay_next(struct eng_replay *r, struct eng_evt *e, struct diag *d);

/*
 * Takes block b (borrowed for the call) into the replay: 1 with e filled if
 * it is an event to hand out, 0 if it only carried state or was skipped,
 * or -errno with d set.
 */
int eng_replay_feed(struct eng_replay *r, const struct sf_block *b, struct eng_evt *e,
		    struct diag *d);

#endif

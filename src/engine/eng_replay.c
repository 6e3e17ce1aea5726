// SPDX-License-Identifier: GPL-2.0-only
#include "eng_replay.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "eng_snap.h"
#include "schema.h"
#include "xalloc.h"

#define SF_DF_STATE_ONLY 1u

/* What numbering an event needs to know of its type, looked up once. */
enum { TC_INTERNAL = 1, TC_CONTAINER = 2 };
static uint8_t type_class[EV_MAX];
static pthread_once_t type_class_once = PTHREAD_ONCE_INIT;

static void type_class_init(void);

struct eng_replay *eng_replay_new(void)
{
	struct eng_replay *r = xcalloc(1, sizeof(*r));

	pthread_once(&type_class_once, type_class_init);

	eng_state_init(&r->state);
	r->next_num = 1;
	return r;
}

static struct eng_replay *eng_replay_with(struct sf_reader *rd)
{
	struct eng_replay *r;

	if (!rd)
		return NULL;
	r = eng_replay_new();
	r->rd = rd;
	return r;
}

struct eng_replay *eng_replay_open(const char *path, struct diag *d)
{
	return eng_replay_with(sf_reader_open(path, d));
}

struct eng_replay *eng_replay_open_mem(const void *buf, size_t len, struct diag *d)
{
	return eng_replay_with(sf_reader_open_mem(buf, len, d));
}

void eng_replay_free(struct eng_replay *r)
{
	if (!r)
		return;
	eng_state_fini(&r->state);
	sf_reader_free(r->rd);
	free(r->skip);
	free(r);
}

void eng_replay_follow(struct eng_replay *r, size_t len)
{
	if (r->rd)
		sf_reader_follow_len(r->rd, len);
}

void eng_replay_want(struct eng_replay *r, const bool *wanted)
{
	uint16_t t;

	if (!r->skip)
		r->skip = xcalloc(EV_MAX, sizeof(*r->skip));
	for (t = 0; t < EV_MAX; t++)
		r->skip[t] = !wanted[t] && eng_event_ignored_by_state(t) &&
			     !(r->calls && (ev_table[t].category & EV_C_SYSCALL) && wanted[t ^ 1]);
}

bool eng_is_state_record(uint16_t type)
{
	return type == EV_USER_ADDED_E || type == EV_USER_DELETED_E || type == EV_GROUP_ADDED_E ||
	       type == EV_GROUP_DELETED_E;
}

static bool is_container(uint16_t type)
{
	return type == EV_CONTAINER_E || type == EV_CONTAINER_JSON_E ||
	       type == EV_CONTAINER_JSON_2_E;
}

static bool is_internal(uint16_t type)
{
	const struct ev_info *info = &ev_table[type];
	uint32_t cat = type < EV_COMPAT_MAX ? info->compat_category : info->category;

	return (cat & EV_C_INTERNAL) != 0;
}

static void type_class_init(void)
{
	uint16_t t;

	for (t = 0; t < EV_MAX; t++)
		type_class[t] = (is_internal(t) ? TC_INTERNAL : 0) |
				(is_container(t) ? TC_CONTAINER : 0);
}

/* The drop count a live capture records at its end (see capture.c). */
static void count_drops(struct eng_replay *r, const struct ev_view *ev)
{
	const char *id, *desc;

	if (ev->type != EV_NOTIFICATION_E || !(ev->flags & SF_DF_STATE_ONLY))
		return;
	id = ev_param_str(ev, 0);
	desc = ev_param_str(ev, 1);
	if (id && desc && strcmp(id, ENG_DROPS_ID) == 0)
		r->stats.dropped += strtoull(desc, NULL, 10);
}

int eng_replay_next(struct eng_replay *r, struct eng_evt *e, struct diag *d)
{
	struct sf_block b;
	int rc;

	do {
		rc = sf_reader_next(r->rd, &b, d);
		if (rc <= 0)
			return rc;
		rc = eng_replay_feed(r, &b, e, d);
	} while (rc == 0);
	return rc;
}

/* Numbers an event and counts it; returns whether it is hidden. */
static bool count_event(struct eng_replay *r, uint16_t type, uint64_t ts, uint32_t flags,
			uint64_t *num)
{
	uint8_t cls = type_class[type];
	bool hidden;

	*num = r->next_num++;
	/* Container records at the head of a capture describe its start state. */
	if (!(cls & TC_CONTAINER))
		r->past_head = true;
	hidden = (cls & TC_INTERNAL) || (flags & SF_DF_STATE_ONLY) || !r->past_head;
	r->stats.events++;
	r->stats.hidden += hidden;
	if (!r->first_ts && !(cls & TC_CONTAINER))
		r->first_ts = ts;
	/* evt.deltatime: plugin events are of another source */
	if (!hidden && type != EV_PLUGINEVENT_E)
		r->prev_ts = ts;
	if (!r->stats.first_ts || ts < r->stats.first_ts)
		r->stats.first_ts = ts;
	if (ts > r->stats.last_ts)
		r->stats.last_ts = ts;
	return hidden;
}

/* An event the reader does not want and the state ignores: counted only. */
static bool pass_over(struct eng_replay *r, const struct sf_block *b)
{
	uint16_t type;
	uint64_t ts, num;
	uint32_t flags;

	if (!sf_event_peek(b, &type, &ts, &flags) || type >= EV_MAX || !r->skip[type])
		return false;
	count_event(r, type, ts, flags, &num);
	return true;
}

int eng_replay_feed(struct eng_replay *r, const struct sf_block *b, struct eng_evt *e,
		    struct diag *d)
{
	int rc;

	r->stats.bytes = b->off + b->total_len;
	r->stats.blocks[b->kind]++;
	if (b->kind != SF_K_EV && r->on_block && (rc = r->on_block(r->on_block_arg, b, d)) < 0)
		return rc;
	switch (b->kind) {
	case SF_K_SHB:
		r->stats.sections++;
		if (r->stats.sections > 1)
			eng_state_reset(&r->state);
		/* sysdig counts evt.reltime from each section's start */
		r->first_ts = 0;
		r->past_head = false;
		r->in_events = false;
		return 0;
	case SF_K_EV:
		break;
	case SF_K_UNKNOWN:
		r->stats.unknown_blocks++;
		return 0;
	case SF_K_PACKET:
		return 0;
	default:
		rc = eng_state_add_block(&r->state, b, d);
		return rc < 0 ? rc : 0;
	}
	if (!r->in_events) {
		eng_state_blocks_done(&r->state);
		r->in_events = true;
	}
	if (r->skip && pass_over(r, b))
		return r->on_block && (rc = r->on_block(r->on_block_arg, b, d)) < 0 ? rc : 0;
	rc = sf_event_decode(b, &e->ev, d);
	if (rc < 0)
		return rc;
	if (e->ev.type >= EV_MAX) {
		r->stats.unknown_events++;
		if (r->on_block && (rc = r->on_block(r->on_block_arg, b, d)) < 0)
			return rc;
		return 0;
	}
	e->off = b->off;
	e->blk = *b;
	eng_state_on_event(&r->state, &e->ev, r->next_num, &e->info);
	e->thread = e->info.thread;
	e->call = r->calls && e->info.paired;
	if (eng_is_state_record(e->ev.type)) {
		r->stats.state_events++;
		if (r->on_block && (rc = r->on_block(r->on_block_arg, b, d)) < 0)
			return rc;
		return 0;
	}
	count_drops(r, &e->ev);
	e->prev_ts = r->prev_ts;
	e->hidden = count_event(r, e->ev.type, e->ev.ts, e->ev.flags, &e->num);
	e->first_ts = r->first_ts;
	return 1;
}

/* Checkpoint layout: reader offset, counters, stats, then the state. */
struct replay_pos {
	uint64_t off;
	uint64_t next_num;
	uint64_t first_ts, prev_ts;
	uint8_t past_head, in_events, pad[6];
	struct eng_stats stats;
};

void eng_replay_save(const struct eng_replay *r, struct sbuf *out)
{
	struct replay_pos pos;

	memset(&pos, 0, sizeof(pos));
	/* where the next block starts: fed replays have no reader to ask */
	pos.off = r->rd ? sf_reader_tell(r->rd) : r->stats.bytes;
	pos.next_num = r->next_num;
	pos.first_ts = r->first_ts;
	pos.prev_ts = r->prev_ts;
	pos.past_head = r->past_head;
	pos.in_events = r->in_events;
	pos.stats = r->stats;
	sbuf_put(out, &pos, sizeof(pos));
	eng_snap_save(&r->state, out);
}

int eng_replay_restore(struct eng_replay *r, const void *p, size_t n)
{
	struct replay_pos pos;
	int rc;

	if (n < sizeof(pos))
		return -EINVAL;
	memcpy(&pos, p, sizeof(pos));
	eng_state_reset(&r->state);
	rc = eng_snap_load(&r->state, (const uint8_t *)p + sizeof(pos), n - sizeof(pos));
	if (rc < 0 || sf_reader_seek(r->rd, pos.off) < 0)
		return -EINVAL;
	r->next_num = pos.next_num;
	r->first_ts = pos.first_ts;
	r->prev_ts = pos.prev_ts;
	r->past_head = pos.past_head;
	r->in_events = pos.in_events;
	r->stats = pos.stats;
	return 0;
}

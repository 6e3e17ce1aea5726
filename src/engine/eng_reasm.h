/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Protocol messages split over several reads or writes, gathered along
 * their fd's stream (a process's fd, one way) as the state replays the
 * events, so that a message's fields belong to the event that completes
 * it. The bytes gathered so far live with the fd, and so in checkpoints.
 */
#ifndef SYSHARK_ENG_REASM_H
#define SYSHARK_ENG_REASM_H

#include <stdbool.h>
#include <stdint.h>

#include "sbuf.h"

struct dis_msg;
struct eng_fd;
struct eng_fdtab;
struct eng_state;
struct ev_view;

/* A message of an fd's stream that later reads or writes go on with. */
struct eng_reasm {
	uint8_t proto;	 /* its protocol, as dis_proto_index() says */
	uint32_t events; /* the events it spans so far */
	uint64_t first;	 /* the number of the first of them */
	uint64_t skip;	 /* bytes to pass over: the rest of a message the capture cut */
	struct sbuf buf; /* its bytes so far (none while skip is set) */
};

/* What an I/O event's data is to its stream. */
enum eng_reasm_kind {
	ENG_RS_PLAIN,	/* a message, or messages, of its own (or none known) */
	ENG_RS_PART,	/* a part of a message other events complete */
	ENG_RS_CUT,	/* the rest of a message the capture cut: nothing to dissect */
	ENG_RS_MESSAGE, /* it completes a message, or starts past a cut one's rest */
};

/* A note's proto when the event's data holds no known protocol's message. */
#define ENG_REASM_NONE UINT8_MAX

/* What the stream made of the last I/O event's data (num 0: of none). */
struct eng_reasm_evt {
	uint64_t num, ts;
	enum eng_reasm_kind kind;
	uint8_t proto;	 /* as dis_proto_index() says, or ENG_REASM_NONE (PLAIN only) */
	uint32_t events; /* the events the message spans, this one among them */
	uint64_t first;	 /* the number of the first of them */
	uint32_t pre;	 /* ENG_RS_MESSAGE: the message's bytes that came before the event's */
	uint32_t skip;	 /* ENG_RS_MESSAGE: the event's bytes before the message's */
	struct sbuf msg; /* ENG_RS_MESSAGE: the bytes to dissect; ENG_RS_PART: so far */
};

/* The most bytes a message is gathered to; past them it is dissected as it is. */
#define ENG_REASM_MAX (64u * 1024)
/* The most messages the fds of one process gather at once. */
#define ENG_REASM_PER_TABLE 64

void eng_reasm_free(struct eng_reasm *r);

/* The transport and direction of a message read (or written) on fd f, into m. */
void eng_reasm_msg_init(struct dis_msg *m, const struct eng_fd *f, bool writes);

/*
 * An I/O exit ev (number num) moved res bytes on fd f of table ft: its data
 * goes on f's stream, and s->reasm says what it is to it.
 */
void eng_reasm_on_io(struct eng_state *s, struct eng_fdtab *ft, struct eng_fd *f,
		     const struct ev_view *ev, uint64_t num, int64_t res);

#endif

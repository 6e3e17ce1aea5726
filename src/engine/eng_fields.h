/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The field registry: every named field (evt.num, proc.name, fd.name, ...)
 * with its description and extractor. The print formats, and later the
 * filter language, the detail tree and the columns, all resolve names here.
 */
#ifndef SYSHARK_ENG_FIELDS_H
#define SYSHARK_ENG_FIELDS_H

#include <stdbool.h>

#include "dis_args.h"
#include "eng_replay.h"
#include "sbuf.h"

struct eng_field;

typedef bool (*eng_field_fn)(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e);

struct eng_field {
	const char *name;
	const char *desc;
	eng_field_fn extract;
	bool numeric; /* JSON prints it without quotes */
};

const struct eng_field *eng_field_find(const char *name);
/* All fields, ending with a NULL name. */
const struct eng_field *eng_field_all(void);

/*
 * Appends the value of f for e; false (nothing appended) if the event has
 * none, which the formats print as "<NA>".
 */
bool eng_field_extract(const struct eng_field *f, struct sbuf *o, const struct eng_state *s,
		       const struct eng_evt *e);

/* A dissector context bound to the state of event e (borrowed pointers). */
void eng_dis_ctx(struct dis_ctx *ctx, const struct eng_state *s, const struct eng_evt *e);

/* The fd an event works on: its "fd" parameter or its enter event's. */
bool eng_evt_fd(const struct eng_state *s, const struct eng_evt *e, int64_t *fd);

/* evt.time: local wall-clock time with nanoseconds (HH:MM:SS.nnnnnnnnn). */
void eng_fmt_time(struct sbuf *o, uint64_t ts);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Line formats of print mode: sysdig's text line, JSON, and chosen fields. */
#ifndef SYSHARK_ENG_FORMAT_H
#define SYSHARK_ENG_FORMAT_H

#include <stddef.h>

#include "eng_fields.h"
#include "eng_replay.h"
#include "sbuf.h"

/* Each appends one line, newline included, for event e with state s. */
void eng_format_text(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e);
/* tmp is scratch space. */
void eng_format_json(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     struct sbuf *tmp);
void eng_format_fields(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *f, unsigned int n);

/* Appends s (n bytes) as a JSON string literal. */
void eng_json_str(struct sbuf *o, const char *s, size_t n);

#endif

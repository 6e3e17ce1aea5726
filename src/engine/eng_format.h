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
/*
 * The values of fields f[0..n-1], tab-separated, each written by
 * eng_format_field_value(); tmp is scratch space.
 */
void eng_format_fields(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *f, unsigned int n, struct sbuf *tmp);
/*
 * Appends the n bytes of a value as -T fields writes it, one line a record:
 * a tab, newline, carriage return or backslash as \t, \n, \r or \\, as
 * tshark -T fields does; any other byte that is not printable ASCII (a
 * terminal's escape, a byte that is not UTF-8) is dropped, as the text
 * lines drop it.
 */
void eng_format_field_value(struct sbuf *o, const char *s, size_t n);

/*
 * Appends s (n bytes) as a JSON string literal: well-formed UTF-8 as it
 * is; control characters, C1 controls included, and each byte that is not
 * part of well-formed UTF-8 as \u00XX, the character of the byte's number
 * (0xff becomes \u00ff), so that any bytes give valid JSON.
 */
void eng_json_str(struct sbuf *o, const char *s, size_t n);

#endif

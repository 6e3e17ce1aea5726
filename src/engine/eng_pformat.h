/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sysdig's output format strings (sysdig -p FORMAT): literal text and
 * %field tokens, as libsinsp's event formatter reads them. The fields are
 * resolved in the field registry (eng_fields.h), as filters name them.
 */
#ifndef SYSHARK_ENG_PFORMAT_H
#define SYSHARK_ENG_PFORMAT_H

#include <stdbool.h>

#include "diag.h"
#include "eng_fields.h"
#include "eng_replay.h"
#include "sbuf.h"

struct eng_pformat;

/*
 * Parses a format: an optional leading '*', then literal text and fields.
 * A field is '%', an optional width (digits: the value padded with spaces
 * or cut to that many bytes; 0 leaves it as is), then the longest field
 * name the registry knows there, with its argument ("%proc.name." is
 * proc.name then a dot). The text's \n, \t, \e and \\ are a newline, a tab,
 * an escape and a backslash; a backslash before anything else stays.
 * Returns the format, which the caller frees with eng_pformat_free(); NULL
 * with d (required) set, d->col the 1-based column in text, if text is
 * malformed or names an unknown field.
 */
struct eng_pformat *eng_pformat_new(const char *text, struct diag *d);
void eng_pformat_free(struct eng_pformat *f);

/*
 * Appends e's line, newline included, with "<NA>" for a value e lacks.
 * Without the leading '*', an event that lacks any value has no line:
 * false, nothing appended. Only printable ASCII of the values is written.
 * Reads f only, so threads may share it; tmp is the caller's scratch space.
 */
bool eng_pformat_line(struct sbuf *o, const struct eng_pformat *f, const struct eng_state *s,
		      const struct eng_evt *e, struct sbuf *tmp);

/*
 * Field i (from 0) of f: its reference and its name as the format writes
 * it ("proc.aname[2]"); false past the last.
 */
bool eng_pformat_field(const struct eng_pformat *f, unsigned int i, const struct eng_fref **ref,
		       const char **name);

/* Whether the format writes an escape (colours): sysdig resets them at the end. */
bool eng_pformat_escapes(const struct eng_pformat *f);

#endif

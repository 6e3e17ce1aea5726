/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the filter prompt completes, with no readline: whether the word at
 * a position of a filter is the value of a field ("proc.name = cu", "fd.name
 * in (/etc/passwd, /e", "evt.type contains op"), and which field, or a
 * comparison ("proc.name co"); and the candidates laid out in columns.
 */
#ifndef SYSHARK_COMPLETE_H
#define SYSHARK_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

/*
 * Whether the word that starts at byte start of line is a value of a field:
 * it follows a comparison (=, ==, !=, <, <=, >, >=, contains, icontains,
 * bcontains, startswith, endswith, glob) or sits in the list of in,
 * intersects or pmatch. The field's name goes into field (n bytes).
 */
bool complete_value_of(const char *line, size_t start, char *field, size_t n);

/*
 * Whether text starts as a filter does, right or wrong: a word with a dot
 * ("evt.type", or a mistyped "evt.typo") and then a comparison, after any
 * "not" and "(".
 */
bool complete_filter_like(const char *text);

/* Whether the word that starts at byte start of line follows a field and a space: a comparison. */
bool complete_after_field(const char *line, size_t start);

/*
 * Lays the n words out as readline and ls do: in columns, down then across,
 * on lines of at most width bytes, at most rows of them (at least 1); when
 * they do not all fit, the last line says how many more there are. Appends
 * the lines to out, each ending in '\n'; returns their number.
 */
int complete_columns(const char *const *words, size_t n, int width, int rows, struct sbuf *out);

#endif

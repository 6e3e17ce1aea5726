/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the filter prompt completes, with no readline: whether the word at
 * a position of a filter is the value of a field ("proc.name = cu", "fd.name
 * in (/etc/passwd, /e", "evt.type contains op"), and which field.
 */
#ifndef SYSHARK_COMPLETE_H
#define SYSHARK_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether the word that starts at byte start of line is a value of a field:
 * it follows a comparison (=, ==, !=, <, <=, >, >=, contains, icontains,
 * bcontains, startswith, endswith, glob) or sits in the list of in,
 * intersects or pmatch. The field's name goes into field (n bytes).
 */
bool complete_value_of(const char *line, size_t start, char *field, size_t n);

#endif

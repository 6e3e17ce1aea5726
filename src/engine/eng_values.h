/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The values a capture holds for one field, counted by a walk of their own
 * (eng_walk) while the interface goes on: what the filter prompt offers
 * after "proc.name =", most frequent first. What is counted so far can be
 * asked for at any time.
 */
#ifndef SYSHARK_ENG_VALUES_H
#define SYSHARK_ENG_VALUES_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "eng_fields.h"
#include "eng_index.h"

/* Distinct values kept per field, and the longest value kept. */
#define ENG_VALUES_MAX	  65536
#define ENG_VALUES_MAXLEN 512

struct eng_values;

/* Starts counting the values of field fr over ix's capture; NULL with d set. */
struct eng_values *eng_values_start(struct eng_index *ix, const struct eng_fref *fr,
				    struct diag *d);
/*
 * Up to max values that start with prefix, most frequent first (then in
 * byte order), as new strings into out; their number.
 */
size_t eng_values_top(struct eng_values *v, const char *prefix, char **out, size_t max);
/* Whether every event has been counted; waits for it up to ms milliseconds. */
bool eng_values_done(const struct eng_values *v, int ms);
void eng_values_free(struct eng_values *v);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A filter run over a capture's event columns (eng_cols.h) instead of a
 * replay: each check is decided once per value of its field's dictionary,
 * and each event costs a few table look-ups. It gives what a replay that
 * applies the filter gives, rejections' effects on pairing included.
 */
#ifndef SYSHARK_ENG_COLFILTER_H
#define SYSHARK_ENG_COLFILTER_H

#include <stdbool.h>
#include <stdint.h>

#include "eng_cols.h"
#include "eng_filter.h"

struct eng_colfilter;

/*
 * Prepares f (borrowed while the result is used; NULL matches every event)
 * for the columns c (also borrowed). NULL if f reads a field the columns do
 * not hold, or in a way they cannot answer (val(), a transformer, an argument).
 */
struct eng_colfilter *eng_colfilter_new(struct eng_filter *f, const struct eng_cols *c);
void eng_colfilter_free(struct eng_colfilter *cf);

/*
 * Sets bit n - 1 of bits (words of 64, as many as c's events need, zeroed
 * by the caller) for every event n that matches, shown by default ones
 * only, on up to nthreads threads. Returns 0, or -1 if the columns cannot
 * tell for some event (or are damaged): a replay must decide then.
 */
int eng_colfilter_scan(const struct eng_colfilter *cf, unsigned int nthreads, uint64_t *bits);

#endif

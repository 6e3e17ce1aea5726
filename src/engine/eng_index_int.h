/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the index (eng_index.c), its parallel scan (eng_index_scan.c)
 * and its cache's upkeep (eng_index_cache.c).
 */
#ifndef SYSHARK_ENG_INDEX_INT_H
#define SYSHARK_ENG_INDEX_INT_H

#include <stdint.h>

#include "eng_index.h"
#include "sf_reader.h"

/* The events the checkpoints follow, in order, into *nums (caller frees); their count. */
uint64_t eng_index_checkpoints(struct eng_index *ix, uint64_t **nums);
/* The capture's reader. */
struct sf_reader *eng_index_reader(const struct eng_index *ix);

/*
 * Keeps the cache under its limit by deleting the least recently used
 * indexes (loading one touches it), never keep, the one just written.
 * Builds left over by a killed process are deleted after a day.
 */
void eng_index_cache_prune(const char *keep);

#endif

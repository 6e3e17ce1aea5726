/* SPDX-License-Identifier: GPL-2.0-only */
/* Sizes as users write them: bytes, or with K, M or G after them. */
#ifndef SYSHARK_SIZE_H
#define SYSHARK_SIZE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Parses digits with an optional K, M or G (powers of 1024, either case)
 * into out; false for anything else, or a size past 2^64.
 */
bool size_parse(const char *s, uint64_t *out);

#endif

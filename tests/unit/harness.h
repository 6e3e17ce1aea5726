/* SPDX-License-Identifier: GPL-2.0-only */
/* A minimal test harness: CHECK() counts, main() prints "N passed, N failed". */
#ifndef SYSHARK_HARNESS_H
#define SYSHARK_HARNESS_H

#include <stdio.h>
#include <string.h>

static int h_pass, h_fail;

#define CHECK(cond)                                                                    \
	do {                                                                           \
		if (cond) {                                                            \
			h_pass++;                                                      \
		} else {                                                               \
			h_fail++;                                                      \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		}                                                                      \
	} while (0)

#define CHECK_STR(a, b)                                                                \
	do {                                                                           \
		const char *a_ = (a), *b_ = (b);                                       \
		if (strcmp(a_, b_) == 0) {                                             \
			h_pass++;                                                      \
		} else {                                                               \
			h_fail++;                                                      \
			fprintf(stderr, "%s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, a_, b_); \
		}                                                                      \
	} while (0)

static inline int h_done(void)
{
	printf("%d passed, %d failed\n", h_pass, h_fail);
	return h_fail ? 1 : 0;
}

#endif

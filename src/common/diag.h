/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A diagnostic from a parser: what went wrong and where (file offset for
 * captures, column for filters). Libraries fill it; only main and the TUI
 * print it.
 */
#ifndef SYSHARK_DIAG_H
#define SYSHARK_DIAG_H

#include <stdint.h>

struct diag {
	int code;     /* -errno style, 0 = none */
	uint64_t off; /* byte offset in the (uncompressed) capture */
	uint32_t col; /* column in a filter expression */
	char msg[200];
};

/* Sets d (if not NULL) and returns code. */
int diag_set(struct diag *d, int code, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif

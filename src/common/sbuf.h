/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A growable byte string for building output lines. Always NUL-terminated.
 */
#ifndef SYSHARK_SBUF_H
#define SYSHARK_SBUF_H

#include <stddef.h>
#include <stdint.h>

struct sbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sbuf_init(struct sbuf *b);
void sbuf_fini(struct sbuf *b);
void sbuf_reset(struct sbuf *b);
void sbuf_reserve(struct sbuf *b, size_t extra);
void sbuf_putc(struct sbuf *b, char c);
void sbuf_put(struct sbuf *b, const void *p, size_t n);
void sbuf_puts(struct sbuf *b, const char *s);
void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_put_u64(struct sbuf *b, uint64_t v);
void sbuf_put_i64(struct sbuf *b, int64_t v);
/* Truncates to n bytes (n <= len). */
void sbuf_truncate(struct sbuf *b, size_t n);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A growable byte string for building output lines. Always NUL-terminated.
 */
#ifndef SYSHARK_SBUF_H
#define SYSHARK_SBUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct sbuf {
	char *s;
	size_t len;
	size_t cap;
};

void sbuf_init(struct sbuf *b);
void sbuf_fini(struct sbuf *b);
void sbuf_reset(struct sbuf *b);
/* Grows the buffer (slow path of sbuf_reserve). */
void sbuf_grow(struct sbuf *b, size_t extra);

/* Makes room for extra more bytes (and the NUL). */
static inline void sbuf_reserve(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 > b->cap)
		sbuf_grow(b, extra);
}

static inline void sbuf_putc(struct sbuf *b, char c)
{
	sbuf_reserve(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = 0;
}

static inline void sbuf_put(struct sbuf *b, const void *p, size_t n)
{
	sbuf_reserve(b, n);
	if (n)
		memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = 0;
}

static inline void sbuf_puts(struct sbuf *b, const char *s)
{
	sbuf_put(b, s, strlen(s));
}
void sbuf_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_put_u64(struct sbuf *b, uint64_t v);
void sbuf_put_i64(struct sbuf *b, int64_t v);
/* v in exactly width digits, zero-padded (higher digits are dropped). */
void sbuf_put_padded(struct sbuf *b, uint64_t v, unsigned int width);
/* Truncates to n bytes (n <= len). */
void sbuf_truncate(struct sbuf *b, size_t n);

#endif

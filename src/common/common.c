// SPDX-License-Identifier: GPL-2.0-only
/* Small shared helpers: allocation, diagnostics and the string builder. */
#include "xalloc.h"
#include "diag.h"
#include "sbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*fatal_hook)(void);

void fatal_set_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void fatal(const char *fmt, ...)
{
	va_list ap;

	if (fatal_hook)
		fatal_hook();
	fputs("syshark: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		fatal("out of memory allocating %zu bytes", n);
	return p;
}

void *xcalloc(size_t nmemb, size_t size)
{
	void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);

	if (!p)
		fatal("out of memory allocating %zu x %zu bytes", nmemb, size);
	return p;
}

void *xreallocarray(void *p, size_t nmemb, size_t size)
{
	void *r;

	if (size && nmemb > SIZE_MAX / size)
		fatal("allocation overflow (%zu x %zu)", nmemb, size);
	r = realloc(p, (nmemb * size) != 0 ? nmemb * size : 1);
	if (!r)
		fatal("out of memory allocating %zu x %zu bytes", nmemb, size);
	return r;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *r = xmalloc(n + 1);

	memcpy(r, s, n);
	r[n] = 0;
	return r;
}

int diag_set(struct diag *d, int code, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	if (!d)
		return code;
	d->code = code;
	d->off = off;
	d->col = 0;
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
	va_end(ap);
	return code;
}

void sbuf_init(struct sbuf *b)
{
	b->cap = 256;
	b->s = xmalloc(b->cap);
	b->s[0] = 0;
	b->len = 0;
}

void sbuf_fini(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	b->s[0] = 0;
}

void sbuf_grow(struct sbuf *b, size_t extra)
{
	while (b->len + extra + 1 > b->cap)
		b->cap *= 2;
	b->s = xreallocarray(b->s, b->cap, 1);
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		sbuf_reserve(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void sbuf_put_u64(struct sbuf *b, uint64_t v)
{
	static const char pairs[] = "00010203040506070809101112131415161718192021222324"
				    "25262728293031323334353637383940414243444546474849"
				    "50515253545556575859606162636465666768697071727374"
				    "75767778798081828384858687888990919293949596979899";
	uint64_t p = 10;
	unsigned int n = 1;
	char *d;

	/* the digits are written in place, from the last */
	while (n < 20 && v >= p) {
		n++;
		p *= 10;
	}
	sbuf_reserve(b, n);
	d = b->s + b->len + n;
	*d = 0;
	b->len += n;
	while (v >= 100) {
		unsigned int r = (unsigned int)(v % 100);

		v /= 100;
		*--d = pairs[2 * r + 1];
		*--d = pairs[2 * r];
	}
	if (v >= 10) {
		*--d = pairs[2 * v + 1];
		*--d = pairs[2 * v];
	} else {
		*--d = (char)('0' + v);
	}
}

void sbuf_put_padded(struct sbuf *b, uint64_t v, unsigned int width)
{
	char *d;
	unsigned int i;

	sbuf_reserve(b, width);
	d = b->s + b->len;
	for (i = width; i > 0; i--) {
		d[i - 1] = (char)('0' + v % 10);
		v /= 10;
	}
	b->len += width;
	b->s[b->len] = 0;
}

void sbuf_put_i64(struct sbuf *b, int64_t v)
{
	if (v < 0) {
		sbuf_putc(b, '-');
		sbuf_put_u64(b, -(uint64_t)v);
	} else {
		sbuf_put_u64(b, (uint64_t)v);
	}
}

void sbuf_truncate(struct sbuf *b, size_t n)
{
	if (n < b->len) {
		b->len = n;
		b->s[n] = 0;
	}
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bounds-checked little-endian reads over a byte range. Every getter returns
 * false and sets the sticky err flag instead of reading past the end, so a
 * parser can run a sequence of reads and check once.
 */
#ifndef SYSHARK_BUF_H
#define SYSHARK_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct buf_cur {
	const uint8_t *p;
	size_t len;
	size_t off;
	bool err;
};

static inline void buf_init(struct buf_cur *c, const void *p, size_t len)
{
	c->p = p;
	c->len = len;
	c->off = 0;
	c->err = false;
}

static inline size_t buf_left(const struct buf_cur *c)
{
	return c->len - c->off;
}

static inline bool buf_need(struct buf_cur *c, size_t n)
{
	if (c->err || n > c->len - c->off) {
		c->err = true;
		return false;
	}
	return true;
}

static inline bool buf_skip(struct buf_cur *c, size_t n)
{
	if (!buf_need(c, n))
		return false;
	c->off += n;
	return true;
}

/* Pointer to the next n bytes, advancing past them; NULL if short. */
static inline const uint8_t *buf_take(struct buf_cur *c, size_t n)
{
	const uint8_t *r;

	if (!buf_need(c, n))
		return NULL;
	r = c->p + c->off;
	c->off += n;
	return r;
}

static inline uint16_t buf_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t buf_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline uint64_t buf_le64(const uint8_t *p)
{
	return (uint64_t)buf_le32(p) | (uint64_t)buf_le32(p + 4) << 32;
}

/* Little-endian stores for writers. */
static inline void buf_put_le16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void buf_put_le32(uint8_t *p, uint32_t v)
{
	buf_put_le16(p, (uint16_t)v);
	buf_put_le16(p + 2, (uint16_t)(v >> 16));
}

static inline void buf_put_le64(uint8_t *p, uint64_t v)
{
	buf_put_le32(p, (uint32_t)v);
	buf_put_le32(p + 4, (uint32_t)(v >> 32));
}

static inline bool buf_get_u8(struct buf_cur *c, uint8_t *v)
{
	const uint8_t *p = buf_take(c, 1);

	if (!p)
		return false;
	*v = p[0];
	return true;
}

static inline bool buf_get_u16(struct buf_cur *c, uint16_t *v)
{
	const uint8_t *p = buf_take(c, 2);

	if (!p)
		return false;
	*v = buf_le16(p);
	return true;
}

static inline bool buf_get_u32(struct buf_cur *c, uint32_t *v)
{
	const uint8_t *p = buf_take(c, 4);

	if (!p)
		return false;
	*v = buf_le32(p);
	return true;
}

static inline bool buf_get_u64(struct buf_cur *c, uint64_t *v)
{
	const uint8_t *p = buf_take(c, 8);

	if (!p)
		return false;
	*v = buf_le64(p);
	return true;
}

/* A u16-length-prefixed string (no NUL on the wire). */
struct buf_str {
	const char *p;
	uint16_t len;
};

static inline bool buf_get_str16(struct buf_cur *c, struct buf_str *s)
{
	uint16_t n;
	const uint8_t *p;

	if (!buf_get_u16(c, &n))
		return false;
	p = buf_take(c, n);
	if (!p)
		return false;
	s->p = (const char *)p;
	s->len = n;
	return true;
}

#endif

// SPDX-License-Identifier: GPL-2.0-only
/* JSON read in place: a checking pass, then look-ups on checked text. */
#include "eng_json.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

/* Deeper nesting is refused: the checker recurses once a level. */
#define JSON_MAX_DEPTH 64

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* The end of the string that starts (with its quote) at p, or NULL. */
static const char *skip_str(const char *p, const char *end)
{
	int i;

	for (p++; p < end; p++) {
		if (*p == '"')
			return p + 1;
		if (*p != '\\')
			continue;
		if (++p >= end)
			return NULL;
		if (*p == 'u') {
			for (i = 1; i <= 4; i++)
				if (p + i >= end || !isxdigit((unsigned char)p[i]))
					return NULL;
			p += 4;
		} else if (!strchr("\"\\/bfnrt", *p) || !*p) {
			return NULL;
		}
	}
	return NULL;
}

static const char *skip_num(const char *p, const char *end)
{
	const char *start;

	if (p < end && *p == '-')
		p++;
	start = p;
	while (p < end && isdigit((unsigned char)*p))
		p++;
	if (p == start)
		return NULL;
	if (p < end && *p == '.') {
		start = ++p;
		while (p < end && isdigit((unsigned char)*p))
			p++;
		if (p == start)
			return NULL;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		if (++p < end && (*p == '+' || *p == '-'))
			p++;
		start = p;
		while (p < end && isdigit((unsigned char)*p))
			p++;
		if (p == start)
			return NULL;
	}
	return p;
}

static const char *skip_word(const char *p, const char *end, const char *w)
{
	size_t n = strlen(w);

	return (size_t)(end - p) >= n && !memcmp(p, w, n) ? p + n : NULL;
}

/* The end of the value at p (no white space before it), or NULL if malformed. */
static const char *skip_value(const char *p, const char *end, int depth)
{
	char close;
	bool obj;

	if (p >= end)
		return NULL;
	switch (*p) {
	case '"':
		return skip_str(p, end);
	case 't':
		return skip_word(p, end, "true");
	case 'f':
		return skip_word(p, end, "false");
	case 'n':
		return skip_word(p, end, "null");
	case '{':
	case '[':
		break;
	default:
		return skip_num(p, end);
	}
	if (depth >= JSON_MAX_DEPTH)
		return NULL;
	obj = *p == '{';
	close = obj ? '}' : ']';
	p = skip_ws(p + 1, end);
	if (p < end && *p == close)
		return p + 1;
	for (;;) {
		if (obj) {
			if (p >= end || *p != '"' || !(p = skip_str(p, end)))
				return NULL;
			p = skip_ws(p, end);
			if (p >= end || *p != ':')
				return NULL;
			p = skip_ws(p + 1, end);
		}
		if (!(p = skip_value(p, end, depth + 1)))
			return NULL;
		p = skip_ws(p, end);
		if (p >= end)
			return NULL;
		if (*p == close)
			return p + 1;
		if (*p != ',')
			return NULL;
		p = skip_ws(p + 1, end);
	}
}

bool eng_json_parse(struct eng_json *v, const char *text, size_t n)
{
	const char *end = text + n, *p = skip_ws(text, end), *q = skip_value(p, end, 0);

	if (!q)
		return false;
	for (; q < end; q++)
		if (*q && !isspace((unsigned char)*q))
			return false;
	v->p = p;
	v->end = end;
	return true;
}

bool eng_json_iter_init(struct eng_json_iter *it, const struct eng_json *v)
{
	if (v->p >= v->end || (*v->p != '{' && *v->p != '['))
		return false;
	it->obj = *v->p == '{';
	it->p = skip_ws(v->p + 1, v->end);
	it->end = v->end;
	return true;
}

bool eng_json_iter_next(struct eng_json_iter *it, struct eng_json *key, struct eng_json *val)
{
	const char *p = it->p, *q;

	if (p >= it->end || *p == '}' || *p == ']')
		return false;
	if (it->obj) {
		if (*p != '"' || !(q = skip_str(p, it->end)))
			return false;
		if (key) {
			key->p = p;
			key->end = it->end;
		}
		p = skip_ws(q, it->end);
		if (p >= it->end || *p != ':')
			return false;
		p = skip_ws(p + 1, it->end);
	}
	if (!(q = skip_value(p, it->end, 0)))
		return false;
	val->p = p;
	val->end = it->end;
	q = skip_ws(q, it->end);
	if (q < it->end && *q == ',')
		q = skip_ws(q + 1, it->end);
	it->p = q;
	return true;
}

/* Whether string k is the text key (compared unescaped). */
static bool key_is(const struct eng_json *k, const char *key)
{
	size_t n = strlen(key);
	char *s;
	bool same;

	/* most keys have no escapes: compare in place first */
	if ((size_t)(k->end - k->p) > n + 1 && k->p[n + 1] == '"' && !memchr(k->p, '\\', n + 1))
		return !memcmp(k->p + 1, key, n);
	s = eng_json_string(k);
	same = s && !strcmp(s, key);
	free(s);
	return same;
}

bool eng_json_get(const struct eng_json *v, const char *key, struct eng_json *out)
{
	struct eng_json_iter it;
	struct eng_json k;

	if (!eng_json_iter_init(&it, v) || !it.obj)
		return false;
	while (eng_json_iter_next(&it, &k, out))
		if (key_is(&k, key))
			return true;
	return false;
}

static unsigned int hex4(const char *p)
{
	char h[5] = { p[0], p[1], p[2], p[3], 0 };

	return (unsigned int)strtoul(h, NULL, 16);
}

static void put_utf8(struct sbuf *o, unsigned long c)
{
	if (c < 0x80) {
		sbuf_putc(o, (char)c);
	} else if (c < 0x800) {
		sbuf_putc(o, (char)(0xc0 | c >> 6));
		sbuf_putc(o, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		sbuf_putc(o, (char)(0xe0 | c >> 12));
		sbuf_putc(o, (char)(0x80 | (c >> 6 & 0x3f)));
		sbuf_putc(o, (char)(0x80 | (c & 0x3f)));
	} else {
		sbuf_putc(o, (char)(0xf0 | c >> 18));
		sbuf_putc(o, (char)(0x80 | (c >> 12 & 0x3f)));
		sbuf_putc(o, (char)(0x80 | (c >> 6 & 0x3f)));
		sbuf_putc(o, (char)(0x80 | (c & 0x3f)));
	}
}

char *eng_json_string(const struct eng_json *v)
{
	const char *p = v->p, *q;
	struct sbuf o;
	unsigned long c, lo;

	if (p >= v->end || *p != '"' || !(q = skip_str(p, v->end)))
		return NULL;
	sbuf_init(&o);
	for (p++, q--; p < q; p++) {
		if (*p != '\\') {
			sbuf_putc(&o, *p);
			continue;
		}
		switch (*++p) {
		case 'b':
			sbuf_putc(&o, '\b');
			break;
		case 'f':
			sbuf_putc(&o, '\f');
			break;
		case 'n':
			sbuf_putc(&o, '\n');
			break;
		case 'r':
			sbuf_putc(&o, '\r');
			break;
		case 't':
			sbuf_putc(&o, '\t');
			break;
		case 'u':
			c = hex4(p + 1);
			p += 4;
			/* a surrogate pair makes one character */
			if (c >= 0xd800 && c < 0xdc00 && q - p > 6 && p[1] == '\\' && p[2] == 'u' &&
			    (lo = hex4(p + 3)) >= 0xdc00 && lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			}
			put_utf8(&o, c);
			break;
		default:
			sbuf_putc(&o, *p);
			break;
		}
	}
	return o.s;
}

bool eng_json_true(const struct eng_json *v)
{
	int64_t n;

	if (v->p < v->end && *v->p == 't')
		return true;
	return eng_json_i64(v, &n) && n != 0;
}

bool eng_json_i64(const struct eng_json *v, int64_t *out)
{
	const char *q = skip_num(v->p, v->end);
	char num[32];
	size_t n;

	if (!q || (n = (size_t)(q - v->p)) >= sizeof(num))
		return false;
	memcpy(num, v->p, n);
	num[n] = 0;
	errno = 0;
	*out = strtoll(num, NULL, 10);
	return errno == 0;
}

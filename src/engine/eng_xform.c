// SPDX-License-Identifier: GPL-2.0-only
/*
 * Field transformers, as current Falco libraries define them: each works
 * on the text of its argument, in place at the end of the buffer.
 */
#define _GNU_SOURCE
#include "eng_xform.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	enum eng_xf kind;
} xfs[] = {
	{ "tolower", ENG_XF_TOLOWER }, { "toupper", ENG_XF_TOUPPER },
	{ "b64", ENG_XF_B64 },	       { "basename", ENG_XF_BASENAME },
	{ "len", ENG_XF_LEN },	       { "concat", ENG_XF_CONCAT },
};

#define NXFS (sizeof(xfs) / sizeof(xfs[0]))

bool eng_xf_at(const char *text, enum eng_xf *kind, size_t *n)
{
	size_t i, len;

	for (i = 0; i < NXFS; i++) {
		len = strlen(xfs[i].name);
		if (strncmp(text, xfs[i].name, len) == 0 && text[len] == '(') {
			*kind = xfs[i].kind;
			*n = len + 1;
			return true;
		}
	}
	return false;
}

const char *eng_xf_name(enum eng_xf kind)
{
	size_t i;

	for (i = 0; i < NXFS; i++)
		if (xfs[i].kind == kind)
			return xfs[i].name;
	return "field";
}

uint8_t eng_operand_kind(const struct eng_operand *x)
{
	switch (x->kind) {
	case ENG_XF_FIELD:
		return x->field.f->kind;
	case ENG_XF_LEN:
		return ENG_FK_NUM;
	default:
		return ENG_FK_STR;
	}
}

const struct eng_fref *eng_operand_field(const struct eng_operand *x)
{
	const struct eng_fref *f;
	unsigned int i;

	if (x->kind == ENG_XF_FIELD)
		return &x->field;
	for (i = 0; i < x->nargs; i++)
		if ((f = eng_operand_field(x->args[i])))
			return f;
	return NULL;
}

static int b64_digit(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decodes the n bytes at p in place, padding optional; -1 if they are not base64. */
static long b64_decode(char *p, size_t n)
{
	size_t i, out = 0;
	unsigned int acc = 0, bits = 0;

	while (n && p[n - 1] == '=')
		n--;
	for (i = 0; i < n; i++) {
		int d = b64_digit((unsigned char)p[i]);

		if (d < 0)
			return -1;
		acc = acc << 6 | (unsigned int)d;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			p[out++] = (char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	/* a lone sixth of a byte left over is not base64 */
	return bits >= 6 ? -1 : (long)out;
}

/* Applies x (one argument, already at o[at..]) to the text there. */
static bool transform(const struct eng_operand *x, struct sbuf *o, size_t at)
{
	size_t i, n = o->len - at;
	char *p = o->s + at, *slash;
	long m;

	switch (x->kind) {
	case ENG_XF_TOLOWER:
	case ENG_XF_TOUPPER:
		for (i = 0; i < n; i++)
			p[i] = (char)(x->kind == ENG_XF_TOLOWER ? tolower((unsigned char)p[i]) :
								 toupper((unsigned char)p[i]));
		return true;
	case ENG_XF_B64:
		if ((m = b64_decode(p, n)) < 0)
			return false;
		sbuf_truncate(o, at + (size_t)m);
		return true;
	case ENG_XF_BASENAME:
		slash = memrchr(p, '/', n);
		if (slash) {
			n -= (size_t)(slash + 1 - p);
			memmove(p, slash + 1, n);
			sbuf_truncate(o, at + n);
		}
		return true;
	case ENG_XF_LEN:
		sbuf_truncate(o, at);
		sbuf_put_u64(o, n);
		return true;
	default:
		return true;
	}
}

bool eng_operand_value(const struct eng_operand *x, struct sbuf *o, const struct eng_state *s,
		       const struct eng_evt *e)
{
	size_t at = o->len;
	unsigned int i;

	switch (x->kind) {
	case ENG_XF_FIELD:
		return eng_field_extract(&x->field, o, s, e);
	case ENG_XF_TEXT:
		sbuf_put(o, x->text, x->len);
		return true;
	default:
		for (i = 0; i < x->nargs; i++) {
			if (!eng_operand_value(x->args[i], o, s, e)) {
				sbuf_truncate(o, at);
				return false;
			}
		}
		if (!transform(x, o, at)) {
			sbuf_truncate(o, at);
			return false;
		}
		return true;
	}
}

void eng_operand_free(struct eng_operand *x)
{
	unsigned int i;

	if (!x)
		return;
	for (i = 0; i < x->nargs; i++)
		eng_operand_free(x->args[i]);
	free(x->args);
	free(x->text);
	free(x);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * sysdig's output format strings. A format is a list of tokens: literal
 * text (its bytes in one buffer, escapes already applied) or a field with
 * the width it is printed in. Rendering walks the tokens once per event.
 */
#include "eng_pformat.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dis_fmt.h"
#include "xalloc.h"

#define PF_WIDTH_MAX 65536 /* widest field: a page of a terminal, many times over */
#define PF_NAME_MAX  128   /* longest text tried as a field name */

struct pf_tok {
	struct eng_fref ref; /* ref.f NULL: literal text */
	size_t off, len;     /* literal text: its bytes in the format's text; a field: its name */
	unsigned int width;  /* a field: padded or cut to this, 0 = as it is */
};

struct eng_pformat {
	bool every;   /* no leading '*': only events with every value */
	bool escapes; /* the text holds an escape */
	struct pf_tok *tok;
	unsigned int ntok;
	struct sbuf text; /* the literal text of all tokens */
	struct sbuf names; /* the fields' names as written, each ending in a NUL */
};

static struct pf_tok *pf_add(struct eng_pformat *f)
{
	if ((f->ntok & (f->ntok - 1)) == 0)
		f->tok = xreallocarray(f->tok, f->ntok ? f->ntok * 2 : 1, sizeof(*f->tok));
	memset(&f->tok[f->ntok], 0, sizeof(*f->tok));
	return &f->tok[f->ntok++];
}

/* Adds the literal text of text[from, to), unescaped; -1 at a final lone backslash. */
static int pf_literal(struct eng_pformat *f, const char *text, size_t from, size_t to,
		      struct diag *d)
{
	struct pf_tok *t;
	size_t i;

	if (from == to)
		return 0;
	t = pf_add(f);
	t->off = f->text.len;
	for (i = from; i < to; i++) {
		char c = text[i];

		if (c == '\\' && i + 1 == to && !text[to]) {
			diag_set(d, -EINVAL, 0, "the format ends with a lone backslash");
			d->col = (uint32_t)i + 1;
			return -1;
		}
		if (c == '\\') {
			switch (text[i + 1]) {
			case 'n':
				c = '\n';
				break;
			case 't':
				c = '\t';
				break;
			case 'e':
				c = '\033';
				break;
			case '\\':
				break;
			default:
				i--; /* the backslash stays, and what follows is read as it is */
			}
			i++;
		}
		f->escapes |= c == '\033';
		sbuf_putc(&f->text, c);
	}
	t->len = f->text.len - t->off;
	return 0;
}

/*
 * The field named at text, as the longest name the registry knows there:
 * the length used, or -1 with d set by the error about the whole name.
 */
static int pf_field(const char *text, struct eng_fref *ref, struct diag *d)
{
	char name[PF_NAME_MAX];
	int used = eng_field_parse(text, ref, d);
	size_t n = strnlen(text, sizeof(name) - 1);

	if (used > 0)
		return used;
	memcpy(name, text, n);
	while (n-- > 1) {
		name[n] = 0;
		if ((used = eng_field_parse(name, ref, NULL)) > 0)
			return used;
	}
	return -1;
}

struct eng_pformat *eng_pformat_new(const char *text, struct diag *d)
{
	struct eng_pformat *f = xcalloc(1, sizeof(*f));
	size_t at, lit, start;
	char *end;
	int used;

	sbuf_init(&f->text);
	sbuf_init(&f->names);
	f->every = text[0] != '*';
	at = lit = f->every ? 0 : 1;
	if (!text[0]) {
		diag_set(d, -EINVAL, 0, "the format is empty");
		d->col = 1;
		goto out_free;
	}
	for (; text[at]; at++) {
		struct pf_tok *t;
		unsigned long width = 0;

		if (text[at] != '%')
			continue;
		if (pf_literal(f, text, lit, at, d) < 0)
			goto out_free;
		start = at++;
		if (text[at] >= '0' && text[at] <= '9') {
			errno = 0;
			width = strtoul(text + at, &end, 10);
			if (errno || width > PF_WIDTH_MAX) {
				diag_set(d, -EINVAL, 0, "a field's width is at most %d",
					 PF_WIDTH_MAX);
				d->col = (uint32_t)at + 1;
				goto out_free;
			}
			at = (size_t)(end - text);
		}
		if (!text[at]) {
			diag_set(d, -EINVAL, 0, "a field name must follow %s",
				 at > start + 1 ? "the width" : "'%'");
			d->col = (uint32_t)start + 1;
			goto out_free;
		}
		t = pf_add(f);
		used = pf_field(text + at, &t->ref, d);
		if (used < 0) {
			d->col += (uint32_t)at + 1;
			goto out_free;
		}
		t->width = (unsigned int)width;
		t->off = f->names.len;
		t->len = (size_t)used;
		sbuf_put(&f->names, text + at, (size_t)used);
		sbuf_putc(&f->names, 0);
		at += (size_t)used - 1;
		lit = at + 1;
	}
	if (pf_literal(f, text, lit, at, d) < 0)
		goto out_free;
	return f;

out_free:
	eng_pformat_free(f);
	return NULL;
}

void eng_pformat_free(struct eng_pformat *f)
{
	if (!f)
		return;
	free(f->tok);
	sbuf_fini(&f->text);
	sbuf_fini(&f->names);
	free(f);
}

bool eng_pformat_field(const struct eng_pformat *f, unsigned int i, const struct eng_fref **ref,
		       const char **name)
{
	unsigned int k;

	for (k = 0; k < f->ntok; k++) {
		if (!f->tok[k].ref.f || i--)
			continue;
		*ref = &f->tok[k].ref;
		*name = f->names.s + f->tok[k].off;
		return true;
	}
	return false;
}

bool eng_pformat_escapes(const struct eng_pformat *f)
{
	return f->escapes;
}

bool eng_pformat_line(struct sbuf *o, const struct eng_pformat *f, const struct eng_state *s,
		      const struct eng_evt *e, struct sbuf *tmp)
{
	size_t before = o->len, at;
	unsigned int i;

	for (i = 0; i < f->ntok; i++) {
		const struct pf_tok *t = &f->tok[i];

		if (!t->ref.f) {
			sbuf_put(o, f->text.s + t->off, t->len);
			continue;
		}
		sbuf_reset(tmp);
		at = o->len;
		if (eng_field_extract(&t->ref, tmp, s, e)) {
			dis_fmt_sanitized(o, tmp->s);
		} else if (f->every) {
			sbuf_truncate(o, before);
			return false;
		} else {
			sbuf_puts(o, "<NA>");
		}
		if (t->width && o->len - at > t->width)
			sbuf_truncate(o, at + t->width);
		while (t->width && o->len - at < t->width)
			sbuf_putc(o, ' ');
	}
	sbuf_putc(o, '\n');
	return true;
}

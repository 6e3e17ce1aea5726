// SPDX-License-Identifier: GPL-2.0-only
#include "columns.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "eng_rules.h"
#include "xalloc.h"

/* The list's own columns, and their titles. */
static const struct {
	const char *name, *title;
	enum col_kind kind;
} own[] = {
	{ "time", "Time", CK_TIME },
	{ "event", "Event", CK_EVENT },
	{ "info", "Info", CK_INFO },
	{ "latency", "Latency", CK_LATENCY },
};

/* Titles of the fields the default columns show. */
static const struct {
	const char *field, *title;
} titles[] = {
	{ "evt.num", "No." },	    { "evt.cpu", "CPU" },	{ "proc.name", "Process" },
	{ "proc.pid", "PID" },	    { "thread.tid", "TID" },	{ "user.name", "User" },
	{ "evt.latency", "Latency" }, { "falco.rule", "Rule" }, { "evt.protocol", "Protocol" },
};

/*
 * The default columns: each shows on terminals at least from cells wide,
 * narrow below 120 cells and wide from there (width -1: the event numbers'),
 * some only with Falco rules.
 */
static const struct {
	const char *name;
	int from, narrow, wide;
	bool rules;
} layout[] = {
	{ "evt.num", 0, -1, -1, false },   { "time", 0, 12, 18, false },
	{ "evt.cpu", 120, 3, 3, false },   { "proc.name", 0, 10, 15, false },
	{ "proc.pid", 0, 6, 7, false },	   { "thread.tid", 120, 7, 7, false },
	{ "user.name", 160, 8, 8, false }, { "falco.rule", 0, 16, 28, true },
	{ "event", 0, 10, 16, false },	   { "evt.protocol", 100, 8, 8, false },
	{ "latency", 140, 8, 8, false },
	{ "info", 0, 0, 0, false },
};

#define NARROW_BELOW 120

static void col_fini(struct column *c)
{
	free(c->title);
	free(c->name);
}

/* Fills c for name; false if name is no column. */
static bool col_init(struct column *c, const char *name, int width, struct diag *d)
{
	size_t i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < sizeof(own) / sizeof(own[0]); i++) {
		if (strcmp(name, own[i].name) == 0) {
			c->kind = own[i].kind;
			c->title = xstrdup(own[i].title);
			break;
		}
	}
	if (!c->title) {
		if (!eng_field_lookup(name, &c->fr, d))
			return false;
		c->kind = CK_FIELD;
		for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
			if (strcmp(name, titles[i].field) == 0)
				c->title = xstrdup(titles[i].title);
		if (!c->title)
			c->title = xstrdup(name);
	}
	c->name = xstrdup(name);
	c->width = width;
	return true;
}

static void set_tag(struct columns *cs)
{
	unsigned int i;

	cs->thread_tag = true;
	for (i = 0; i < cs->n; i++)
		if (cs->c[i].kind == CK_FIELD && strcmp(cs->c[i].name, "thread.tid") == 0)
			cs->thread_tag = false;
}

static void clear(struct columns *cs)
{
	unsigned int i;

	for (i = 0; i < cs->n; i++)
		col_fini(&cs->c[i]);
	free(cs->c);
	cs->c = NULL;
	cs->n = 0;
}

void columns_fini(struct columns *cs)
{
	clear(cs);
}

void columns_copy(struct columns *dst, const struct columns *src)
{
	unsigned int i;

	memset(dst, 0, sizeof(*dst));
	dst->c = xcalloc(src->n ? src->n : 1, sizeof(*dst->c));
	for (i = 0; i < src->n; i++) {
		dst->c[i] = src->c[i];
		dst->c[i].title = xstrdup(src->c[i].title);
		dst->c[i].name = xstrdup(src->c[i].name);
	}
	dst->n = src->n;
	dst->custom = src->custom;
	dst->thread_tag = src->thread_tag;
}

void columns_fit(struct columns *cs, int cols, int numw)
{
	bool narrow = cols < NARROW_BELOW;
	size_t i;

	if (cs->custom)
		return;
	clear(cs);
	cs->c = xcalloc(sizeof(layout) / sizeof(layout[0]), sizeof(*cs->c));
	for (i = 0; i < sizeof(layout) / sizeof(layout[0]); i++) {
		int w = narrow ? layout[i].narrow : layout[i].wide;

		if (cols < layout[i].from || (layout[i].rules && !eng_rules_get_default()))
			continue;
		col_init(&cs->c[cs->n++], layout[i].name, w < 0 ? numw : w, NULL);
	}
	set_tag(cs);
}

/* The next word of a line at *p, NUL-terminated in place; NULL at its end. */
static char *word(char **p)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = 0;
	*p = s;
	return w;
}

int columns_parse(struct columns *cs, const char *text, const char *source, struct diag *d)
{
	struct columns got = { 0 };
	char *copy = xstrdup(text), *line = copy, *next;
	unsigned int lineno = 0, nowidth = 0; /* the line of a column with no width */
	int rc = 0;

	for (; line; line = next) {
		char *p, *name, *wtext, *end, *hash;
		struct diag fd = { 0 };
		long w = 0;

		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		lineno++;
		if ((hash = strchr(line, '#')))
			*hash = 0;
		p = line;
		if (!(name = word(&p)))
			continue;
		if (nowidth) {
			/* only the last column, which takes the rest, may go without */
			rc = diag_set(d, -EINVAL, 0, "%s:%u: %s has no width", source, nowidth,
				      got.c[got.n - 1].name);
			goto out;
		}
		wtext = word(&p);
		if (word(&p)) {
			rc = diag_set(d, -EINVAL, 0, "%s:%u: too many words: NAME [WIDTH]", source, lineno);
			goto out;
		}
		if (wtext) {
			w = strtol(wtext, &end, 10);
			if (*end || w < COLUMNS_WIDTH_MIN || w > COLUMNS_WIDTH_MAX) {
				rc = diag_set(d, -EINVAL, 0, "%s:%u: the width must be %d to %d, not '%s'",
					      source, lineno, COLUMNS_WIDTH_MIN, COLUMNS_WIDTH_MAX, wtext);
				goto out;
			}
		} else {
			nowidth = lineno;
		}
		got.c = xreallocarray(got.c, got.n + 1, sizeof(*got.c));
		if (!col_init(&got.c[got.n], name, (int)w, &fd)) {
			rc = diag_set(d, -EINVAL, 0, "%s:%u: not a column: %s (%s)", source, lineno, name,
				      fd.msg);
			goto out;
		}
		got.n++;
	}
	if (!got.n) {
		rc = diag_set(d, -EINVAL, 0, "%s: no columns", source);
		goto out;
	}
	clear(cs);
	*cs = got;
	got.c = NULL;
	got.n = 0;
	cs->custom = true;
	set_tag(cs);
out:
	clear(&got);
	free(copy);
	return rc;
}

void columns_format(const struct columns *cs, struct sbuf *out)
{
	unsigned int i;

	sbuf_puts(out, "# syshark's event list columns: NAME [WIDTH] a line; the last takes the rest\n");
	for (i = 0; i < cs->n; i++) {
		if (i + 1 < cs->n)
			sbuf_printf(out, "%s %d\n", cs->c[i].name, cs->c[i].width);
		else
			sbuf_printf(out, "%s\n", cs->c[i].name);
	}
}

int columns_add(struct columns *cs, unsigned int at, const char *name, struct diag *d)
{
	struct column c;

	if (!col_init(&c, name, (int)strlen(name) > 12 ? (int)strlen(name) : 12, d))
		return -EINVAL;
	if (cs->n && at >= cs->n)
		at = cs->n - 1; /* the last column stays last */
	cs->c = xreallocarray(cs->c, cs->n + 1, sizeof(*cs->c));
	memmove(&cs->c[at + 1], &cs->c[at], (cs->n - at) * sizeof(*cs->c));
	cs->c[at] = c;
	cs->n++;
	cs->custom = true;
	set_tag(cs);
	return 0;
}

void columns_remove(struct columns *cs, unsigned int i)
{
	if (i + 1 >= cs->n) /* not the last one */
		return;
	col_fini(&cs->c[i]);
	memmove(&cs->c[i], &cs->c[i + 1], (cs->n - i - 1) * sizeof(*cs->c));
	cs->n--;
	cs->custom = true;
	set_tag(cs);
}

void columns_resize(struct columns *cs, unsigned int i, int delta)
{
	int w;

	if (i + 1 >= cs->n)
		return;
	w = cs->c[i].width + delta;
	cs->c[i].width = w < COLUMNS_WIDTH_MIN ? COLUMNS_WIDTH_MIN : w > COLUMNS_WIDTH_MAX ?
										 COLUMNS_WIDTH_MAX :
										 w;
	cs->custom = true;
}

bool columns_same(const struct columns *a, unsigned int i, const struct columns *b, unsigned int j)
{
	return i < a->n && j < b->n && strcmp(a->c[i].name, b->c[j].name) == 0;
}

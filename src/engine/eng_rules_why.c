// SPDX-License-Identifier: GPL-2.0-only
/*
 * Why an event raised its alert: the rule's condition cut into the parts
 * joined by its top-level "or"s (or else "and"s), each evaluated on the
 * event alone, and each macro or parenthesised group among them cut again.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "eng_rules_int.h"
#include "xalloc.h"

#define WHY_DEPTH 4	  /* macros and groups opened below the condition */
#define WHY_PARTS 256	  /* parts shown at most */
#define WHY_PART_TEXT 240 /* bytes of a part's text shown */

struct why {
	const struct eng_ruleset *rs;
	const struct eng_state *s;
	const struct eng_evt *e;
	struct eng_rules_why *w;
};

static bool word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.';
}

/* The end of the quoted text that starts at p. */
static const char *skip_quoted(const char *p)
{
	char q = *p++;

	while (*p && *p != q)
		p += p[0] == '\\' && p[1] ? 2 : 1;
	return *p ? p + 1 : p;
}

/* Whether joiner (a word, or its symbol) is at p, outside any word. */
static bool joiner_at(const char *text, const char *p, const char *word, const char *sym)
{
	size_t n = strlen(word);

	if (strncmp(p, sym, 2) == 0)
		return true;
	return strncmp(p, word, n) == 0 && (p == text || !word_char(p[-1])) && !word_char(p[n]);
}

/* The spaces-trimmed bytes from a to b, as a string. */
static char *trim(const char *a, const char *b)
{
	while (a < b && isspace((unsigned char)*a))
		a++;
	while (b > a && isspace((unsigned char)b[-1]))
		b--;
	return xstrndup(a, (size_t)(b - a));
}

/*
 * Cuts text at its top-level word (or sym); *n parts, or 1 (text itself)
 * if it has none. Caller frees each and the array.
 */
static char **cut(const char *text, const char *word, const char *sym, size_t *n)
{
	const char *p = text, *from = text;
	char **parts = NULL;
	int depth = 0;

	*n = 0;
	while (*p) {
		if (*p == '"' || *p == '\'') {
			p = skip_quoted(p);
			continue;
		}
		if (*p == '(' || *p == '[')
			depth++;
		else if ((*p == ')' || *p == ']') && depth > 0)
			depth--;
		else if (!depth && joiner_at(text, p, word, sym)) {
			parts = xreallocarray(parts, *n + 1, sizeof(*parts));
			parts[(*n)++] = trim(from, p);
			p += *p == sym[0] ? 2 : strlen(word);
			from = p;
			continue;
		}
		p++;
	}
	parts = xreallocarray(parts, *n + 1, sizeof(*parts));
	parts[(*n)++] = trim(from, p);
	return parts;
}

/* If text is "( ... )" whole, the inside; else NULL. */
static char *group_inside(const char *text)
{
	const char *p = text;
	size_t len = strlen(text);
	int depth = 0;

	if (len < 2 || text[0] != '(' || text[len - 1] != ')')
		return NULL;
	for (; *p; p++) {
		if (*p == '"' || *p == '\'') {
			p = skip_quoted(p) - 1;
			continue;
		}
		if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0 && p[1])
			return NULL; /* "(a) and (b)" */
	}
	return trim(text + 1, text + len - 1);
}

/* Whether text has a top-level word (or sym). */
static bool has_joiner(const char *text, const char *word, const char *sym)
{
	size_t n;
	char **parts = cut(text, word, sym, &n);

	for (size_t i = 0; i < n; i++)
		free(parts[i]);
	free(parts);
	return n > 1;
}

/* "((a))" is a, when a joins nothing: a part stands for itself. */
static void unwrap(char **part)
{
	char *in;

	while ((in = group_inside(*part)) && !has_joiner(in, "or", "||") &&
	       !has_joiner(in, "and", "&&")) {
		free(*part);
		*part = in;
	}
	free(in);
}

/* What a part opens into: a macro's condition, or a group's inside (after any "not"). */
static char *inside(const struct why *y, const char *part)
{
	const struct rl_macro *m;
	const char *p = part;
	size_t n;

	if (strncmp(p, "not", 3) == 0 && !word_char(p[3]))
		for (p += 3; isspace((unsigned char)*p); p++)
			;
	else if (*p == '!' && p[1] != '=')
		for (p++; isspace((unsigned char)*p); p++)
			;
	for (n = 0; p[n] && word_char(p[n]) && p[n] != '.'; n++)
		;
	if (n && !p[n] && (m = rl_find_macro(y->rs, p, n)))
		return xstrdup(m->cond);
	return group_inside(p);
}

static void add_part(struct why *y, const char *text, unsigned int depth, bool known, bool held)
{
	struct eng_rules_why *w = y->w;
	struct eng_rules_part *pt;
	size_t len = strlen(text);

	w->parts = xreallocarray(w->parts, w->nparts + 1, sizeof(*w->parts));
	pt = &w->parts[w->nparts++];
	pt->depth = depth;
	pt->known = known;
	pt->held = held;
	if (len <= WHY_PART_TEXT) {
		pt->text = xstrdup(text);
	} else {
		pt->text = xmalloc(WHY_PART_TEXT + 4);
		memcpy(pt->text, text, WHY_PART_TEXT);
		memcpy(pt->text + WHY_PART_TEXT, "...", 4);
	}
}

/* The parts of cond at depth, and below each its own. */
static void explain(struct why *y, const char *cond, unsigned int depth)
{
	char *whole = group_inside(cond), **parts;
	size_t n, i;

	if (whole) { /* "(a and b)" is a and b */
		explain(y, whole, depth);
		free(whole);
		return;
	}
	parts = cut(cond, "or", "||", &n);
	if (n == 1) {
		free(parts[0]);
		free(parts);
		parts = cut(cond, "and", "&&", &n);
	}
	for (i = 0; i < n; i++) {
		struct eng_filter *f;
		char *in;

		unwrap(&parts[i]);
		if (y->w->nparts >= WHY_PARTS)
			break;
		f = rl_compile(y->rs, parts[i], NULL);
		add_part(y, parts[i], depth, f != NULL, f && eng_filter_match(f, y->s, y->e));
		eng_filter_free(f);
		if (f && depth + 1 < WHY_DEPTH && (in = inside(y, parts[i]))) {
			explain(y, in, depth + 1);
			free(in);
		}
	}
	for (i = 0; i < n; i++)
		free(parts[i]);
	free(parts);
}

bool eng_rules_why(const struct eng_state *s, const struct eng_evt *e, struct eng_rules_why *w)
{
	const struct ev_rule *er = rl_raised(s, e);
	struct why y = { .rs = eng_rules_get_default(), .s = s, .e = e, .w = w };
	struct sbuf line, tmp;

	memset(w, 0, sizeof(*w));
	if (!er)
		return false;
	w->rule = er->r->name;
	w->prio = er->r->prio;
	sbuf_init(&line);
	sbuf_init(&tmp);
	eng_pformat_line(&line, er->out, s, e, &tmp);
	if (line.len && line.s[line.len - 1] == '\n')
		sbuf_truncate(&line, line.len - 1);
	w->output = xstrdup(line.s);
	sbuf_fini(&line);
	sbuf_fini(&tmp);
	explain(&y, er->r->full, 0);
	return true;
}

void eng_rules_why_free(struct eng_rules_why *w)
{
	for (size_t i = 0; i < w->nparts; i++)
		free(w->parts[i].text);
	free(w->parts);
	free(w->output);
	memset(w, 0, sizeof(*w));
}

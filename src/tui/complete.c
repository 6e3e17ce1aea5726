// SPDX-License-Identifier: GPL-2.0-only
#include "complete.h"

#include <ctype.h>
#include <string.h>

#include "eng_fields.h"
#include "eng_filter.h"

static bool field_char(char c)
{
	return isalnum((unsigned char)c) || c == '.' || c == '_' || c == '[' || c == ']';
}

/* The word that ends at byte end of line (its start into *from); false if none. */
static bool word_before(const char *line, size_t end, size_t *from)
{
	size_t i = end;

	while (i > 0 && field_char(line[i - 1]))
		i--;
	*from = i;
	return i < end;
}

static size_t skip_space_back(const char *line, size_t i)
{
	while (i > 0 && isspace((unsigned char)line[i - 1]))
		i--;
	return i;
}

/*
 * Whether the len bytes at w spell a word operator taking arg (or any
 * argument, if arg is -1).
 */
static bool op_word(const char *w, size_t len, int arg)
{
	enum eng_filter_arg a;
	const char *op;
	size_t i;

	for (i = 0; (op = eng_filter_op(i, &a)); i++)
		if (isalpha((unsigned char)*op) && (arg < 0 || (int)a == arg) &&
		    strlen(op) == len && strncmp(w, op, len) == 0)
			return true;
	return false;
}

bool complete_value_of(const char *line, size_t start, char *field, size_t n)
{
	size_t i = skip_space_back(line, start), w;

	if (i > 0 && (line[i - 1] == '(' || line[i - 1] == ',')) {
		/* in a list: back to its '(', then the operator */
		while (i > 0 && line[i - 1] != '(') {
			if (line[i - 1] == ')')
				return false;
			i--;
		}
		if (i == 0)
			return false;
		i = skip_space_back(line, i - 1);
		if (!word_before(line, i, &w) || !op_word(line + w, i - w, ENG_OA_LIST))
			return false;
		i = w;
	} else if (i > 0 && strchr("=<>", line[i - 1])) {
		while (i > 0 && strchr("=!<>", line[i - 1]))
			i--;
	} else if (word_before(line, i, &w) && op_word(line + w, i - w, ENG_OA_VALUE)) {
		i = w;
	} else {
		return false;
	}
	i = skip_space_back(line, i);
	if (!word_before(line, i, &w) || i - w >= n || !isalpha((unsigned char)line[w]))
		return false;
	memcpy(field, line + w, i - w);
	field[i - w] = 0;
	return true;
}

bool complete_after_field(const char *line, size_t start)
{
	size_t i = skip_space_back(line, start), w;
	char name[128];
	struct eng_fref fr;

	if (i == start || !word_before(line, i, &w) || i - w >= sizeof(name))
		return false;
	memcpy(name, line + w, i - w);
	name[i - w] = 0;
	return strchr(name, '.') && eng_field_lookup(name, &fr, NULL);
}

int complete_columns(const char *const *words, size_t n, int width, int rows, struct sbuf *out)
{
	size_t i, wide = 1, cols, nrows, shown = n, r, c;

	if (rows < 1)
		rows = 1;
	for (i = 0; i < n; i++)
		if (strlen(words[i]) + 2 > wide)
			wide = strlen(words[i]) + 2;
	cols = width > 0 && (size_t)width + 2 > wide ? ((size_t)width + 2) / wide : 1;
	nrows = (n + cols - 1) / cols;
	if (nrows > (size_t)rows) {
		/* the last line says what is left out */
		nrows = (size_t)rows - 1;
		shown = nrows * cols;
	}
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < cols && (i = c * nrows + r) < shown; c++) {
			int room = width - (int)(c * wide);

			if (c + 1 < cols && (c + 1) * nrows + r < shown)
				sbuf_printf(out, "%-*s", (int)wide, words[i]);
			else
				sbuf_printf(out, "%.*s\n", room > 0 ? room : 0, words[i]);
		}
	}
	if (shown < n)
		sbuf_printf(out, "%zu more\n", n - shown);
	return (int)nrows + (shown < n);
}

bool complete_filter_like(const char *text)
{
	const char *p = text, *w;

	for (;;) {
		p += strspn(p, " \t(");
		if (strncmp(p, "not ", 4) != 0)
			break;
		p += 4;
	}
	if (!isalpha((unsigned char)*p))
		return false;
	for (w = p; field_char(*p); p++)
		;
	if (!memchr(w, '.', (size_t)(p - w)))
		return false;
	p += strspn(p, " \t");
	if (*p && strchr("=!<>", *p))
		return true;
	for (w = p; isalpha((unsigned char)*p); p++)
		;
	return p > w && op_word(w, (size_t)(p - w), -1);
}

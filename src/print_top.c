// SPDX-License-Identifier: GPL-2.0-only
/* --top in print mode: a view's rows over a whole capture, as a table, fields or JSON. */
#include <stdlib.h>
#include <string.h>

#include "dis_fmt.h"
#include "eng_fields.h"
#include "eng_format.h"
#include "eng_replay.h"
#include "eng_top.h"
#include "print.h"
#include "sbuf.h"
#include "xalloc.h"

#define CELL_MAX 60 /* a text column wider than this is cut, but for the last */

void print_top_list(FILE *out)
{
	size_t n, i;
	const struct eng_top_view *v = eng_top_views(&n);

	for (i = 0; i < n; i++)
		fprintf(out, "%-12s %s\n", v[i].name, v[i].title);
}

/* Whether c's cells are numbers: counts, sums, or a numeric field's values (PIDs). */
static bool numeric_values(const struct eng_top_col *c)
{
	struct eng_fref f;

	return !eng_top_col_text(c) ||
	       (eng_field_lookup(c->field, &f, NULL) && f.f->kind == ENG_FK_NUM);
}

/*
 * A cell as a JSON value: a number as a number, no value (a process seen
 * with no parent, "<NA>") as null, text as a string.
 */
static void json_cell(struct sbuf *line, const struct eng_top_col *c, const struct sbuf *cell)
{
	size_t sign = cell->len && cell->s[0] == '-';

	if (!cell->len || strcmp(cell->s, "<NA>") == 0)
		sbuf_puts(line, "null");
	else if (numeric_values(c) && cell->len > sign &&
		 strspn(cell->s + sign, c->unit == ENG_TU_PCT ? "0123456789." : "0123456789") ==
			 cell->len - sign)
		sbuf_put(line, cell->s, cell->len);
	else
		eng_json_str(line, cell->s, cell->len);
}

/*
 * The bytes of s's first max characters (UTF-8), and in *n how many there
 * are: a terminal gives most of them a cell each, the tree's lines too.
 */
static size_t first_chars(const char *s, size_t max, size_t *n)
{
	size_t i = 0;

	for (*n = 0; s[i] && *n < max; ++*n)
		for (i++; (s[i] & 0xc0) == 0x80; i++)
			;
	return i;
}

/*
 * A cell of the table: its tree lines, if any, then its text, with every
 * byte that is not printable ASCII (a command line's newlines, a terminal's
 * escapes) as a dot, as the text lines show a command's arguments.
 */
static void table_cell(const struct eng_top *t, size_t r, unsigned int c, struct sbuf *cell,
		       struct sbuf *text)
{
	sbuf_reset(cell);
	sbuf_reset(text);
	if (c == eng_top_of(t)->tree_col)
		eng_top_tree_prefix(t, r, cell);
	eng_top_cell(t, r, c, text);
	dis_fmt_dots(cell, (const uint8_t *)text->s, (uint32_t)text->len);
}

static void print_table(const struct eng_top *t, FILE *out)
{
	const struct eng_top_view *v = eng_top_of(t);
	size_t rows = eng_top_nrows(t), r, n, len;
	int width[ENG_TOP_COLS], pad;
	unsigned int c;
	struct sbuf cell, text;

	sbuf_init(&cell);
	sbuf_init(&text);
	for (c = 0; c < v->ncols; c++)
		width[c] = (int)strlen(v->cols[c].title);
	for (r = 0; r < rows; r++) {
		for (c = 0; c + 1 < v->ncols; c++) {
			table_cell(t, r, c, &cell, &text);
			first_chars(cell.s, CELL_MAX, &n);
			if ((int)n > width[c])
				width[c] = (int)n;
		}
	}
	for (c = 0; c < v->ncols; c++)
		fprintf(out, "%s%*s", c ? "  " : "",
			c + 1 < v->ncols ? (eng_top_col_text(&v->cols[c]) ? -width[c] : width[c]) : 0,
			v->cols[c].title);
	fputc('\n', out);
	for (r = 0; r < rows; r++) {
		for (c = 0; c < v->ncols; c++) {
			table_cell(t, r, c, &cell, &text);
			if (c + 1 == v->ncols) {
				fprintf(out, "%s%s", c ? "  " : "", cell.s);
				continue;
			}
			len = first_chars(cell.s, CELL_MAX, &n);
			pad = width[c] - (int)n;
			fprintf(out, "%s%*s%.*s%*s", c ? "  " : "",
				eng_top_col_text(&v->cols[c]) ? 0 : pad, "", (int)len, cell.s,
				eng_top_col_text(&v->cols[c]) ? pad : 0, "");
		}
		fputc('\n', out);
	}
	sbuf_fini(&text);
	sbuf_fini(&cell);
}

static void print_rows(const struct eng_top *t, enum print_fmt fmt, FILE *out)
{
	const struct eng_top_view *v = eng_top_of(t);
	size_t rows = eng_top_nrows(t), r;
	unsigned int c;
	struct sbuf line, cell;

	sbuf_init(&line);
	sbuf_init(&cell);
	for (r = 0; r < rows; r++) {
		sbuf_reset(&line);
		if (fmt == PRINT_JSON)
			sbuf_putc(&line, '{');
		for (c = 0; c < v->ncols; c++) {
			sbuf_reset(&cell);
			eng_top_cell(t, r, c, &cell);
			if (fmt == PRINT_FIELDS) {
				if (c)
					sbuf_putc(&line, '\t');
				eng_format_field_value(&line, cell.s, cell.len);
				continue;
			}
			if (c)
				sbuf_putc(&line, ',');
			eng_json_str(&line, v->cols[c].title, strlen(v->cols[c].title));
			sbuf_putc(&line, ':');
			json_cell(&line, &v->cols[c], &cell);
		}
		if (fmt == PRINT_JSON)
			sbuf_putc(&line, '}');
		fprintf(out, "%s\n", line.s);
	}
	sbuf_fini(&cell);
	sbuf_fini(&line);
}

static bool sum_event(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	eng_top_event(arg, r, e);
	return true;
}

int print_top(const char *path, const struct eng_top_view *view, const struct print_opts *o,
	      FILE *out)
{
	struct eng_top *t;
	struct diag d = { 0 };
	int status;

	t = eng_top_new(view, o->filter, &d);
	if (!t) {
		fprintf(stderr, "syshark: filter column %u: %s\n", d.col, d.msg);
		return 2;
	}
	/* after damage, the rows so far are still worth showing */
	status = print_replay(path, sum_event, t);
	if (status >= 0) {
		eng_top_sort(t, view->sort, false);
		if (o->tree || (view->flags & ENG_TV_LEVELS))
			eng_top_tree(t, NULL, NULL);
		if (o->fmt == PRINT_TEXT)
			print_table(t, out);
		else
			print_rows(t, o->fmt, out);
		status |= print_flushed(out);
	}
	eng_top_free(t);
	return status < 0 ? 1 : status;
}

// SPDX-License-Identifier: GPL-2.0-only
/* Top-like views: the sums of one view over events. */
#define _GNU_SOURCE /* qsort_r */
#include "eng_top.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_top_int.h"
#include "eng_tree.h"
#include "hmap.h"
#include "schema.h"
#include "xalloc.h"

/* The most messages a view that counts them once keeps with one side seen. */
#define ONCE_MAX (1u << 16)

/* Row i as the accessors number them. */
static struct row *row_at(const struct eng_top *t, size_t i)
{
	return t->rows[t->tree ? t->order[i] : i];
}

static void row_free(struct row *r)
{
	unsigned int c;

	for (c = 0; c < ENG_TOP_COLS; c++)
		free(r->text[c]);
	free(r->key);
	free(r);
}

static void free_rows(struct eng_top *t)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		row_free(t->rows[i]);
	t->nrows = 0;
	t->tree = false;
	t->state_synced = false;
	hmap_fini(&t->index);
	hmap_init(&t->index);
}

void eng_top_row_drop(struct eng_top *t, struct row *r)
{
	uint64_t h = hmap_key(r->key, strlen(r->key));
	struct row *head = hmap_get(&t->index, h), **pp;
	size_t i;

	if (head == r) {
		if (r->next)
			hmap_put(&t->index, h, r->next);
		else
			hmap_del(&t->index, h);
	} else {
		for (pp = &head->next; *pp != r; pp = &(*pp)->next)
			;
		*pp = r->next;
	}
	for (i = 0; t->rows[i] != r; i++)
		;
	memmove(&t->rows[i], &t->rows[i + 1], (t->nrows - i - 1) * sizeof(*t->rows));
	t->nrows--;
	t->tree = false;
	t->sorted = false;
	row_free(r);
}

void eng_top_free(struct eng_top *t)
{
	unsigned int c;

	if (!t)
		return;
	free_rows(t);
	hmap_fini(&t->index);
	hmap_fini(&t->sides);
	free(t->rows);
	free(t->nodes);
	free(t->order);
	for (c = 0; c < t->view->ncols; c++)
		eng_filter_free(t->cols[c].where);
	free(t->proc_evt);
	eng_filter_free(t->where);
	eng_filter_free(t->filter);
	sbuf_fini(&t->key);
	sbuf_fini(&t->val);
	free(t);
}

struct eng_top *eng_top_new(const struct eng_top_view *view, const char *filter,
			    struct diag *d)
{
	struct eng_top *t = xcalloc(1, sizeof(*t));
	unsigned int c, k;

	t->view = view;
	t->sort_col = view->sort;
	t->parent_col = -1;
	hmap_init(&t->index);
	hmap_init(&t->sides);
	sbuf_init(&t->key);
	sbuf_init(&t->val);
	for (k = 0; k < ENG_TOP_KEYS && view->keys[k]; k++)
		if (!eng_field_lookup(view->keys[k], &t->keys[k], d))
			goto fail;
	t->nkeys = k;
	for (c = 0; c < view->ncols; c++) {
		const struct eng_top_col *col = &view->cols[c];

		if (view->parent && col->agg == ENG_TA_LAST && strcmp(col->field, view->parent) == 0)
			t->parent_col = (int)c;
		if (col->agg == ENG_TA_KEY) {
			for (k = 0; k < t->nkeys && strcmp(view->keys[k], col->field) != 0; k++)
				;
			t->cols[c].key = k;
		} else if (col->field && !eng_field_lookup(col->field, &t->cols[c].fr, d)) {
			goto fail;
		}
		if (col->where && !(t->cols[c].where = eng_filter_compile(col->where, d)))
			goto fail;
		t->state |= col->agg == ENG_TA_PROC || col->agg == ENG_TA_THREADS;
	}
	if ((view->where && !(t->where = eng_filter_compile(view->where, d))) ||
	    (filter && *filter && !(t->filter = eng_filter_compile(filter, d))))
		goto fail;
	return t;
fail:
	eng_top_free(t);
	return NULL;
}

const struct eng_top_view *eng_top_of(const struct eng_top *t)
{
	return t->view;
}

struct row *eng_top_row_find(const struct eng_top *t, const char *key, size_t len)
{
	struct row *r;

	for (r = hmap_get(&t->index, hmap_key(key, len)); r; r = r->next)
		if (strncmp(r->key, key, len) == 0 && !r->key[len])
			return r;
	return NULL;
}

struct row *eng_top_row_of(struct eng_top *t)
{
	uint64_t h = hmap_key(t->key.s, t->key.len);
	struct row *r = eng_top_row_find(t, t->key.s, t->key.len);

	if (r)
		return r;
	r = xcalloc(1, sizeof(*r));
	r->key = xstrdup(t->key.s);
	r->next = hmap_get(&t->index, h);
	hmap_put(&t->index, h, r);
	if (t->nrows == t->cap) {
		t->cap = t->cap * 2 + 64;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	t->rows[t->nrows++] = r;
	return r;
}

/* Whether the ", "-joined list has item. */
static bool list_has(const char *list, const char *item)
{
	size_t n = strlen(item);

	for (const char *p = list; p; p = strstr(p, ", ")) {
		if (p != list)
			p += 2;
		if (strncmp(p, item, n) == 0 && (!p[n] || (p[n] == ',' && p[n + 1] == ' ')))
			return true;
	}
	return false;
}

/* Adds text to row's DISTINCT column c, if it is not there yet and there is room. */
static void distinct_add(struct row *row, unsigned int c, const char *text)
{
	char *s = row->text[c];

	if (!s) {
		row->text[c] = xstrdup(text);
		row->v[c] = 1;
		return;
	}
	if (row->v[c] > ENG_TOP_DISTINCT || list_has(s, text))
		return;
	if (row->v[c]++ == ENG_TOP_DISTINCT)
		text = "..."; /* and no more */
	s = xmalloc(strlen(row->text[c]) + strlen(text) + 3);
	sprintf(s, "%s, %s", row->text[c], text);
	free(row->text[c]);
	row->text[c] = s;
}

/*
 * Whether e is the second side seen of a message (its read after its
 * write, or the other way round), for a view that counts messages once.
 * The sides seen alone are kept by the hash of the message's bytes, as a
 * count and a side (read 0, write 1) packed in the map's value.
 */
static bool second_side(struct eng_top *t, const struct eng_state *s, const struct eng_evt *e)
{
	uintptr_t side = !!(eng_event_flags(e->ev.type) & EV_F_WRITES_TO_FD), v, n;
	const uint8_t *p;
	size_t len;
	uint64_t h;

	if (!eng_evt_proto_bytes(s, e, &p, &len))
		return false;
	h = hmap_key(p, len);
	v = (uintptr_t)hmap_get(&t->sides, h);
	n = v >> 1;
	if (v && (v & 1) != side) {
		if (n > 1)
			hmap_put(&t->sides, h, (void *)(((n - 1) << 1) | (v & 1)));
		else
			hmap_del(&t->sides, h);
		return true;
	}
	if (!v && t->sides.count >= ONCE_MAX) { /* sides that never meet: start over */
		hmap_fini(&t->sides);
		hmap_init(&t->sides);
	}
	hmap_put(&t->sides, h, (void *)(((n + 1) << 1) | side));
	return false;
}

/* Adds e to row; top: row is of the view's first level, whose sums make the totals. */
static void add_to_row(struct eng_top *t, struct row *row, const struct eng_state *s,
		       const struct eng_evt *e, bool second, bool top)
{
	const struct eng_top_view *v = t->view;
	unsigned int c;

	row->events++;
	for (c = 0; c < v->ncols; c++) {
		const struct eng_top_col *col = &v->cols[c];
		struct col_run *cr = &t->cols[c];
		int64_t x;

		if (col->agg == ENG_TA_KEY || col->agg >= ENG_TA_SHARE ||
		    (col->agg == ENG_TA_COUNT && second) ||
		    (cr->where && !eng_filter_match(cr->where, s, e)))
			continue;
		if (col->agg == ENG_TA_COUNT) {
			row->v[c]++;
			row->n[c]++;
			t->total[c] += top;
			continue;
		}
		sbuf_reset(&t->val);
		if (!eng_field_extract(&cr->fr, &t->val, s, e))
			continue;
		if (col->agg == ENG_TA_LAST) {
			if (!row->text[c] || strcmp(row->text[c], t->val.s) != 0) {
				free(row->text[c]);
				row->text[c] = xstrdup(t->val.s);
			}
			continue;
		}
		if (col->agg == ENG_TA_FIRST) {
			if (!row->text[c])
				row->text[c] = xstrdup(t->val.s);
			continue;
		}
		if (col->agg == ENG_TA_DISTINCT) {
			distinct_add(row, c, t->val.s);
			continue;
		}
		x = strtoll(t->val.s, NULL, 10); /* past 64 bits: the largest */
		if (col->agg == ENG_TA_MAX) {
			if (!row->n[c] || x > row->v[c])
				row->v[c] = x;
		} else if (__builtin_add_overflow(row->v[c], x, &row->v[c])) {
			/* SUM, and AVG's sum: a sum past 64 bits stays at the largest */
			row->v[c] = x < 0 ? INT64_MIN : INT64_MAX;
		}
		if (top && col->agg == ENG_TA_SUM && __builtin_add_overflow(t->total[c], x,
									    &t->total[c]))
			t->total[c] = x < 0 ? INT64_MIN : INT64_MAX;
		row->n[c]++;
	}
}

void eng_top_event(struct eng_top *t, const struct eng_replay *r, const struct eng_evt *e)
{
	const struct eng_state *s = &r->state;
	const struct eng_top_view *v = t->view;
	size_t end[ENG_TOP_KEYS];
	bool levels = v->flags & ENG_TV_LEVELS, second, top = true;
	unsigned int k;

	t->sorted = false;

	if (t->state)
		eng_top_state_event(t, s, e);
	if (e->hidden ||
	    ((v->flags & ENG_TV_SYSCALLS) && !(ev_table[e->ev.type].category & EV_C_SYSCALL)) ||
	    (t->where && !eng_filter_match(t->where, s, e)) ||
	    (t->filter && !eng_filter_match(t->filter, s, e)))
		return;
	sbuf_reset(&t->key);
	for (k = 0; k < t->nkeys; k++) {
		size_t at;

		if (k)
			sbuf_putc(&t->key, KEY_SEP);
		at = t->key.len;
		/* an event without the key is not in the view; levels go on without one */
		if (!eng_field_extract(&t->keys[k], &t->key, s, e) && (!levels || !k))
			return;
		if (levels && strcmp(t->key.s + at, "<NA>") == 0)
			sbuf_truncate(&t->key, at); /* fd.l4proto's text for none */
		end[k] = t->key.len > at ? t->key.len : 0;
	}
	if (!t->events++)
		t->first_ts = e->ev.ts;
	t->last_ts = e->ev.ts;
	second = (v->flags & ENG_TV_ONCE) && second_side(t, s, e);
	if (!levels) {
		add_to_row(t, eng_top_row_of(t), s, e, second, true);
		return;
	}
	/* the row of each level the event has a value for: the key up to it */
	for (k = 0; k < t->nkeys; k++) {
		size_t len = t->key.len;
		char sep = t->key.s[end[k]];

		if (!end[k])
			continue;
		t->key.len = end[k];
		t->key.s[end[k]] = '\0';
		add_to_row(t, eng_top_row_of(t), s, e, second, top);
		t->key.s[end[k]] = sep;
		t->key.len = len;
		top = false;
	}
}

uint64_t eng_top_events(const struct eng_top *t, uint64_t *first_ts, uint64_t *last_ts)
{
	if (first_ts)
		*first_ts = t->first_ts;
	if (last_ts)
		*last_ts = t->last_ts;
	return t->events;
}

void eng_top_reset(struct eng_top *t)
{
	free_rows(t);
	t->events = t->first_ts = t->last_ts = 0;
	memset(t->total, 0, sizeof(t->total));
	t->sorted = false;
}

/* The k-th of the key's values, as a pointer into key and a length. */
static const char *key_part(const char *key, unsigned int k, size_t *len)
{
	const char *end;

	while (k-- && (key = strchr(key, KEY_SEP)))
		key++;
	if (!key) {
		*len = 0;
		return "";
	}
	end = strchr(key, KEY_SEP);
	*len = end ? (size_t)(end - key) : strlen(key);
	return key;
}

/*
 * The text of row r's KEY column c: its key's value, or in a view of
 * levels, the value of the row's own level (its key's last).
 */
static const char *key_text(const struct eng_top *t, const struct row *r, unsigned int c,
			    size_t *len)
{
	const char *last = strrchr(r->key, KEY_SEP);

	if (!(t->view->flags & ENG_TV_LEVELS))
		return key_part(r->key, t->cols[c].key, len);
	last = last ? last + 1 : r->key;
	*len = strlen(last);
	return last;
}

static int64_t row_value(const struct eng_top *t, const struct row *r, unsigned int c)
{
	const struct eng_top_col *col = &t->view->cols[c];
	int64_t total;

	if (col->agg == ENG_TA_AVG)
		return r->n[c] ? r->v[c] / (int64_t)r->n[c] : 0;
	if (col->agg == ENG_TA_SHARE) {
		total = t->total[c + 1];
		return total > 0 ? (int64_t)((double)r->v[c + 1] * 10000 / (double)total + 0.5) :
				   0;
	}
	return r->v[c];
}

/* Whether the n bytes at p are a decimal integer that fits in 64 bits. */
static bool is_num(const char *p, size_t n)
{
	size_t sign = n && *p == '-';

	return n > sign && n < 19 && strspn(p + sign, "0123456789") >= n - sign;
}

/* Compares two texts (a and b bytes long), numbers by value. */
static int cmp_text(const char *a, size_t la, const char *b, size_t lb)
{
	int d;

	if (is_num(a, la) && is_num(b, lb)) {
		long long x = strtoll(a, NULL, 10), y = strtoll(b, NULL, 10);

		return x < y ? -1 : x > y;
	}
	d = memcmp(a, b, la < lb ? la : lb);
	return d ? d : la < lb ? -1 : la > lb;
}

static int cmp_rows(const void *pa, const void *pb, void *arg)
{
	const struct eng_top *t = arg;
	const struct row *a = *(struct row *const *)pa, *b = *(struct row *const *)pb;
	unsigned int c = t->sort_col;
	const struct eng_top_col *col = &t->view->cols[c];
	int d;

	if (col->agg == ENG_TA_KEY) {
		size_t la, lb;
		const char *ka = key_text(t, a, c, &la);
		const char *kb = key_text(t, b, c, &lb);

		d = cmp_text(ka, la, kb, lb);
	} else if (col->agg == ENG_TA_LAST || col->agg == ENG_TA_FIRST) {
		const char *ta = a->text[c] ? a->text[c] : "", *tb = b->text[c] ? b->text[c] : "";

		d = cmp_text(ta, strlen(ta), tb, strlen(tb));
	} else {
		int64_t x = row_value(t, a, c), y = row_value(t, b, c);

		d = x < y ? -1 : x > y;
	}
	if (!d)
		d = -strcmp(a->key, b->key); /* a stable order for equal rows */
	return t->ascending ? d : -d;
}

void eng_top_sort(struct eng_top *t, unsigned int col, bool ascending)
{
	if (col >= t->view->ncols)
		col = t->view->sort;
	t->tree = false;
	/* a view that is drawn again, unchanged, is not sorted again */
	if (t->sorted && col == t->sort_col && ascending == t->ascending)
		return;
	t->sort_col = col;
	t->ascending = ascending;
	t->sorted = true;
	if (t->nrows > 1)
		qsort_r(t->rows, t->nrows, sizeof(*t->rows), cmp_rows, t);
}

bool eng_top_view_tree(const struct eng_top_view *v)
{
	return v->parent || (v->flags & ENG_TV_LEVELS);
}

/*
 * Row r's parent: the row of the level above (past levels r has no value
 * for), or the row whose key its parent column holds; NULL if none.
 */
static const struct row *parent_row(const struct eng_top *t, const struct row *r)
{
	const char *p;
	size_t len;

	if (!(t->view->flags & ENG_TV_LEVELS)) {
		p = r->text[t->parent_col];
		return p ? eng_top_row_find(t, p, strlen(p)) : NULL;
	}
	if (!(p = strrchr(r->key, KEY_SEP)))
		return NULL;
	for (len = (size_t)(p - r->key); len && r->key[len - 1] == KEY_SEP; len--)
		;
	return eng_top_row_find(t, r->key, len);
}

void eng_top_tree(struct eng_top *t, eng_top_folded_fn folded, void *arg)
{
	size_t i;

	t->tree = false;
	if (!(t->view->flags & ENG_TV_LEVELS) && t->parent_col < 0)
		return;
	t->nodes = xreallocarray(t->nodes, t->nrows ? t->nrows : 1, sizeof(*t->nodes));
	t->order = xreallocarray(t->order, t->nrows ? t->nrows : 1, sizeof(*t->order));
	for (i = 0; i < t->nrows; i++)
		t->rows[i]->pos = i;
	for (i = 0; i < t->nrows; i++) {
		const struct row *up = parent_row(t, t->rows[i]);

		t->nodes[i].parent = up ? up->pos : ENG_TREE_NONE;
		t->nodes[i].folded = folded && folded(arg, t, i);
	}
	t->nshown = eng_tree_order(t->nodes, t->nrows, t->order);
	t->tree = true;
}

void eng_top_tree_prefix(const struct eng_top *t, size_t row, struct sbuf *out)
{
	if (t->tree)
		eng_tree_prefix(t->nodes, t->order[row], out);
}

bool eng_top_tree_hides(const struct eng_top *t, size_t row)
{
	return t->tree && t->nodes[t->order[row]].hides;
}

size_t eng_top_nrows(const struct eng_top *t)
{
	return t->tree ? t->nshown : t->nrows;
}

void eng_top_cell(const struct eng_top *t, size_t row, unsigned int col, struct sbuf *out)
{
	const struct row *r = row_at(t, row);
	const struct eng_top_col *c = &t->view->cols[col];
	const char *p;
	size_t n;

	switch (c->agg) {
	case ENG_TA_KEY:
		p = key_text(t, r, col, &n);
		sbuf_put(out, p, n);
		break;
	case ENG_TA_SHARE: {
		int64_t v = row_value(t, r, col);

		sbuf_printf(out, "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
		break;
	}
	case ENG_TA_LAST:
	case ENG_TA_FIRST:
	case ENG_TA_DISTINCT:
		sbuf_puts(out, r->text[col] ? r->text[col] : "");
		break;
	default:
		sbuf_put_i64(out, row_value(t, r, col));
		break;
	}
}

bool eng_top_col_text(const struct eng_top_col *c)
{
	return c->agg == ENG_TA_KEY || c->agg == ENG_TA_LAST || c->agg == ENG_TA_FIRST ||
	       c->agg == ENG_TA_DISTINCT;
}

int64_t eng_top_value(const struct eng_top *t, size_t row, unsigned int col)
{
	const struct eng_top_col *c = &t->view->cols[col];

	return c->agg == ENG_TA_DISTINCT || !eng_top_col_text(c) ? row_value(t, row_at(t, row), col) :
								    0;
}

void eng_top_row_filter(const struct eng_top *t, size_t row, struct sbuf *out)
{
	unsigned int k;
	bool first = true;
	struct sbuf v;

	sbuf_init(&v);
	for (k = 0; k < t->nkeys; k++) {
		size_t n;
		const char *p = key_part(row_at(t, row)->key, k, &n);

		if ((t->view->flags & ENG_TV_LEVELS) && !n)
			continue; /* a level the row has no value for, or one below it */
		sbuf_reset(&v);
		sbuf_put(&v, p, n);
		if (!first)
			sbuf_puts(out, " and ");
		first = false;
		eng_filter_clause(out, t->view->keys[k], v.s);
	}
	sbuf_fini(&v);
}

/* Reads seconds with up to 9 decimals at *p into *ns; false if there is no number. */
static bool parse_seconds(const char **p, uint64_t *ns)
{
	const char *s = *p;
	uint64_t sec = 0, frac = 0, unit = 100000000; /* of the next decimal, in ns */
	unsigned int n = 0;

	for (; *s >= '0' && *s <= '9' && n < 11; s++, n++)
		sec = sec * 10 + (uint64_t)(*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && unit; s++, n++, unit /= 10)
			frac += (uint64_t)(*s - '0') * unit;
	if (!n || (*s >= '0' && *s <= '9'))
		return false; /* none, or too many digits */
	*ns = sec * 1000000000u + frac;
	*p = s;
	return true;
}

int eng_top_window_parse(const char *text, struct eng_top_window *w, struct diag *d)
{
	const char *p = text + strspn(text, " ");
	bool from = parse_seconds(&p, &w->from), plus;
	uint64_t to = 0;

	if (!from)
		w->from = 0;
	plus = *p == '+';
	if (*p != '-' && !plus)
		goto bad;
	p++;
	if (!parse_seconds(&p, &to)) {
		if (plus || !from)
			goto bad;
		to = 0;
	}
	if (p[strspn(p, " ")])
		goto bad;
	w->to = plus ? w->from + to : to;
	if (w->to && w->to <= w->from)
		return diag_set(d, -EINVAL, 0, "the window ends before it starts: %s", text);
	return 0;
bad:
	return diag_set(d, -EINVAL, 0,
			"not a time window: %s (seconds after the first event: FROM-TO, FROM-, "
			"-TO or FROM+LENGTH)",
			text);
}

void eng_top_window_clause(const struct eng_top_window *w, uint64_t first_ts, const char *filter,
			   struct sbuf *out)
{
	if (filter && filter[0])
		sbuf_printf(out, "(%s) and ", filter);
	sbuf_printf(out, "evt.rawtime >= %llu", (unsigned long long)(first_ts + w->from));
	if (w->to)
		sbuf_printf(out, " and evt.rawtime < %llu", (unsigned long long)(first_ts + w->to));
}

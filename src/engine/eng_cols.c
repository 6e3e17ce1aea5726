// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event columns: building the rows on a replay, and the dictionaries.
 *
 * Saved dictionaries, one per column in enum eng_col order: a u32 count
 * and u32 flags (ENG_COLF_*; little-endian, as the host writes them), then
 * that many NUL-terminated values, id 1 first.
 */
#include "eng_cols.h"

#include <stdlib.h>
#include <string.h>

#include "dis_fmt.h"
#include "eng_fields.h"
#include "eng_state.h"
#include "hmap.h"
#include "schema.h"
#include "xalloc.h"

/* The most ids a column holds: its row field's width. */
static const uint32_t col_max[ENG_COL_N] = { ENG_CR_TYPE, UINT16_MAX, UINT32_MAX };
static const char *const key_field[ENG_CK_N] = { "evt.type", "proc.name", "fd.name", "evt.dir",
						 "evt.failed" };
static const char *const dir_values[] = { ">", "<" };
static const char *const failed_values[] = { "false", "true" };

struct dict {
	struct hmap ids; /* hash of a value -> its id */
	uint32_t flags;	 /* ENG_COLF_* */
	struct sbuf text; /* the values, NUL-terminated, id order */
	size_t *at;	  /* at[id - 1]: its offset in text */
	uint32_t n, cap;
	uint32_t last; /* the id given last, a cache for runs of one value */
};

struct eng_cols_builder {
	struct dict d[ENG_COL_N];
	struct eng_fref field[ENG_COL_N], failed;
	struct sbuf val, shown;
	uint16_t type_id[EV_MAX]; /* the evt.type id of each type but the generic ones, once known */
	/* tid -> the last event of the thread that a rejection could end its pairing at */
	struct hmap last_clear;
	bool full;
};

struct eng_cols_builder *eng_cols_builder_new(void)
{
	struct eng_cols_builder *b = xcalloc(1, sizeof(*b));
	int c;

	for (c = 0; c < ENG_COL_N; c++) {
		hmap_init(&b->d[c].ids);
		sbuf_init(&b->d[c].text);
		eng_field_lookup(key_field[c], &b->field[c], NULL);
	}
	eng_field_lookup(key_field[ENG_CK_FAILED], &b->failed, NULL);
	sbuf_init(&b->val);
	sbuf_init(&b->shown);
	hmap_init(&b->last_clear);
	return b;
}

void eng_cols_builder_free(struct eng_cols_builder *b)
{
	int c;

	if (!b)
		return;
	for (c = 0; c < ENG_COL_N; c++) {
		hmap_fini(&b->d[c].ids);
		sbuf_fini(&b->d[c].text);
		free(b->d[c].at);
	}
	sbuf_fini(&b->val);
	sbuf_fini(&b->shown);
	hmap_fini(&b->last_clear);
	free(b);
}

static const char *dict_value(const struct dict *d, uint32_t id)
{
	return d->text.s + d->at[id - 1];
}

/*
 * The id of value v in d, added if new; 0 once d is full. A value that
 * fd.name would show otherwise (sanitized) marks the dictionary.
 */
static uint32_t dict_id(struct eng_cols_builder *b, struct dict *d, const char *v, uint32_t max)
{
	uint64_t key;
	void *got;

	if (d->last && strcmp(dict_value(d, d->last), v) == 0)
		return d->last;
	/* a key taken by another value (a hash collision) moves on to the next */
	for (key = hmap_key(v, strlen(v)); (got = hmap_get(&d->ids, key)); key++) {
		if (strcmp(dict_value(d, (uint32_t)(uintptr_t)got), v) == 0)
			return d->last = (uint32_t)(uintptr_t)got;
	}
	if (d->n == max)
		return 0;
	if (d->n == d->cap) {
		d->cap = d->cap * 2 + 64;
		d->at = xreallocarray(d->at, d->cap, sizeof(*d->at));
	}
	if (d == &b->d[ENG_COL_FD]) {
		sbuf_reset(&b->shown);
		dis_fmt_sanitized(&b->shown, v);
		if (strcmp(b->shown.s, v))
			d->flags |= ENG_COLF_RESHOWN;
	}
	d->at[d->n++] = d->text.len;
	sbuf_put(&d->text, v, strlen(v) + 1);
	hmap_put(&d->ids, key, (void *)(uintptr_t)d->n);
	return d->last = d->n;
}

/*
 * The id of column c's value on e, 0 if it has none; false once the
 * column is full. The value is the one a filter's check compares: the
 * field's fast path, else its text.
 */
static bool col_id(struct eng_cols_builder *b, int c, const struct eng_replay *r,
		   const struct eng_evt *e, uint32_t *id)
{
	const struct eng_field *f = b->field[c].f;
	bool generic = e->ev.type == EV_GENERIC_E || e->ev.type == EV_GENERIC_X;
	const char *v = NULL;

	if (c == ENG_COL_TYPE && !generic && b->type_id[e->ev.type]) {
		*id = b->type_id[e->ev.type];
		return true;
	}
	if (f->str && (v = f->str(&r->state, e)) == eng_field_absent) {
		*id = 0;
		return true;
	}
	sbuf_reset(&b->val);
	if (!v && !eng_field_extract(&b->field[c], &b->val, &r->state, e)) {
		*id = 0;
		return true;
	}
	*id = dict_id(b, &b->d[c], v ? v : b->val.s, col_max[c]);
	if (c == ENG_COL_TYPE && !generic)
		b->type_id[e->ev.type] = (uint16_t)*id;
	return *id != 0;
}

/*
 * For a paired exit: whether a rejected enter would change it in a way the
 * columns do not hold (ENG_CR_UNSURE): another event of the thread came
 * between them, parsing the exit may change a name, or it would take
 * another fd.
 */
static uint32_t pair_flags(struct eng_cols_builder *b, const struct eng_evt *e, uint64_t delta)
{
	const struct eng_thread *t = e->info.thread;
	void *last = hmap_get(&b->last_clear, (uint64_t)t->tid);
	int64_t fd = eng_state_unpaired_fd(&e->ev);

	if (delta > UINT32_MAX || (last && (uintptr_t)last > t->enter_num) ||
	    eng_event_renames(e->ev.type))
		return ENG_CR_UNSURE;
	if (fd == ENG_FD_AS_PAIRED || fd == (e->info.fd ? e->info.fd->fd : t->lastevent_fd))
		return 0;
	return ENG_CR_UNSURE;
}

bool eng_cols_row(struct eng_cols_builder *b, const struct eng_replay *r,
		  const struct eng_evt *e, struct eng_col_row *out)
{
	uint32_t flags = eng_event_flags(e->ev.type), bits;
	uint32_t id[ENG_COL_N];
	int c;

	memset(out, 0, sizeof(*out));
	for (c = 0; c < ENG_COL_N; c++) {
		if (!col_id(b, c, r, e, &id[c]))
			b->full = true;
	}
	if (b->full)
		return false;
	out->fd = id[ENG_COL_FD];
	out->proc = (uint16_t)id[ENG_COL_PROC];
	bits = id[ENG_COL_TYPE];
	sbuf_reset(&b->val);
	if (eng_field_extract(&b->failed, &b->val, &r->state, e))
		bits |= (b->val.s[0] == 't' ? ENG_CF_TRUE : ENG_CF_FALSE) << ENG_CR_FAILED_SHIFT;
	if (!ev_type_is_enter(e->ev.type))
		bits |= ENG_CR_EXIT;
	if (e->hidden)
		bits |= ENG_CR_HIDDEN;
	/* as eng_state_filtered_out() decides */
	if (e->info.thread && !(flags & (EV_F_MODIFIES_STATE | EV_F_SKIPPARSERESET)) &&
	    e->ev.type != EV_SCHEDSWITCH_6_E)
		bits |= ENG_CR_CLEARS;
	if (e->info.paired) {
		uint64_t delta = e->num - e->info.thread->enter_num;

		bits |= pair_flags(b, e, delta);
		out->delta = (uint32_t)(delta > UINT32_MAX ? 0 : delta);
	}
	out->bits = (uint16_t)bits;
	if ((bits & (ENG_CR_CLEARS | ENG_CR_HIDDEN | ENG_CR_EXIT)) == (ENG_CR_CLEARS | ENG_CR_EXIT))
		hmap_put(&b->last_clear, (uint64_t)e->info.thread->tid, (void *)(uintptr_t)e->num);
	return true;
}

int eng_cols_key(const char *name)
{
	int k;

	for (k = 0; k < ENG_CK_N; k++)
		if (strcmp(name, key_field[k]) == 0)
			return k;
	return -1;
}

uint32_t eng_cols_values(const struct eng_cols *c, int k, const char *const **vals)
{
	switch (k) {
	case ENG_CK_DIR:
		*vals = dir_values;
		return 2;
	case ENG_CK_FAILED:
		*vals = failed_values;
		return 2;
	default:
		*vals = c->dict[k];
		return c->ndict[k];
	}
}

bool eng_cols_ids(const struct eng_cols *c, const struct eng_col_row *w, uint32_t *id)
{
	id[ENG_COL_TYPE] = w->bits & ENG_CR_TYPE;
	id[ENG_COL_PROC] = w->proc;
	id[ENG_COL_FD] = w->fd;
	id[ENG_CK_DIR] = w->bits & ENG_CR_EXIT ? 2 : 1;
	id[ENG_CK_FAILED] = (uint32_t)w->bits >> ENG_CR_FAILED_SHIFT;
	return id[ENG_COL_TYPE] <= c->ndict[ENG_COL_TYPE] &&
	       id[ENG_COL_PROC] <= c->ndict[ENG_COL_PROC] && id[ENG_COL_FD] <= c->ndict[ENG_COL_FD] &&
	       id[ENG_CK_FAILED] <= 2;
}

void eng_cols_save(const struct eng_cols_builder *b, struct sbuf *out)
{
	int c;

	for (c = 0; c < ENG_COL_N; c++) {
		uint32_t n = b->d[c].n;

		sbuf_put(out, &n, sizeof(n));
		sbuf_put(out, &b->d[c].flags, sizeof(b->d[c].flags));
		sbuf_put(out, b->d[c].text.s, b->d[c].text.len);
	}
}

bool eng_cols_load(struct eng_cols *c, const struct eng_col_row *rows, uint64_t nrows,
		   const char *p, size_t n)
{
	const char *end = p + n;
	int k;

	memset(c, 0, sizeof(*c));
	c->rows = rows;
	c->n = nrows;
	for (k = 0; k < ENG_COL_N; k++) {
		uint32_t count, i;

		if ((size_t)(end - p) < 2 * sizeof(count))
			goto damaged;
		memcpy(&count, p, sizeof(count));
		memcpy(&c->flags[k], p + sizeof(count), sizeof(count));
		p += 2 * sizeof(count);
		/* each value takes a byte at least */
		if (count > (size_t)(end - p) || count > col_max[k])
			goto damaged;
		c->dict[k] = xcalloc(count + 1u, sizeof(*c->dict[k]));
		c->ndict[k] = count;
		for (i = 0; i < count; i++) {
			const char *z = memchr(p, 0, (size_t)(end - p));

			if (!z)
				goto damaged;
			c->dict[k][i] = p;
			p = z + 1;
		}
	}
	if (p == end)
		return true;
damaged:
	eng_cols_fini(c);
	return false;
}

void eng_cols_fini(struct eng_cols *c)
{
	int k;

	for (k = 0; k < ENG_COL_N; k++)
		free(c->dict[k]);
	memset(c, 0, sizeof(*c));
}

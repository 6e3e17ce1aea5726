// SPDX-License-Identifier: GPL-2.0-only
#include "eng_values.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eng_walk.h"
#include "hmap.h"
#include "sbuf.h"
#include "xalloc.h"

struct value {
	uint64_t count;
	size_t len;
	char text[];
};

struct eng_values {
	struct eng_fref fr;
	pthread_mutex_t lock; /* the map, between the walk and the askers */
	struct hmap map;      /* hmap_key(text) -> struct value */
	struct sbuf val;      /* the walk's */
	struct eng_walk *walk;
};

static bool count(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	struct eng_values *v = arg;
	struct value *x;
	uint64_t key;

	sbuf_reset(&v->val);
	if (!eng_field_extract(&v->fr, &v->val, &r->state, e) || !v->val.len ||
	    v->val.len > ENG_VALUES_MAXLEN)
		return true;
	key = hmap_key(v->val.s, v->val.len);
	pthread_mutex_lock(&v->lock);
	x = hmap_get(&v->map, key);
	if (x && x->len == v->val.len && memcmp(x->text, v->val.s, x->len) == 0) {
		x->count++;
	} else if (!x && v->map.count < ENG_VALUES_MAX) {
		x = xmalloc(sizeof(*x) + v->val.len + 1);
		x->count = 1;
		x->len = v->val.len;
		memcpy(x->text, v->val.s, v->val.len + 1);
		hmap_put(&v->map, key, x);
	}
	/* (a value whose key another one has is not counted) */
	pthread_mutex_unlock(&v->lock);
	return true;
}

struct eng_values *eng_values_start(struct eng_index *ix, const struct eng_fref *fr,
				    struct diag *d)
{
	struct eng_values *v = xcalloc(1, sizeof(*v));

	v->fr = *fr;
	pthread_mutex_init(&v->lock, NULL);
	hmap_init(&v->map);
	sbuf_init(&v->val);
	v->walk = eng_walk_start(ix, count, v, d);
	if (!v->walk) {
		eng_values_free(v);
		return NULL;
	}
	return v;
}

static int by_count(const void *pa, const void *pb)
{
	const struct value *a = *(struct value *const *)pa, *b = *(struct value *const *)pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->text, b->text);
}

size_t eng_values_top(struct eng_values *v, const char *prefix, char **out, size_t max)
{
	size_t plen = strlen(prefix), n = 0, i = 0, k;
	struct value **hits, *x;
	uint64_t key;

	pthread_mutex_lock(&v->lock);
	hits = xcalloc(v->map.count ? v->map.count : 1, sizeof(*hits));
	while (hmap_next(&v->map, &i, &key, (void **)&x))
		if (strncmp(x->text, prefix, plen) == 0)
			hits[n++] = x;
	qsort(hits, n, sizeof(*hits), by_count);
	for (k = 0; k < n && k < max; k++)
		out[k] = xstrdup(hits[k]->text);
	pthread_mutex_unlock(&v->lock);
	free(hits);
	return k;
}

bool eng_values_done(const struct eng_values *v, int ms)
{
	const struct timespec step = { 0, 5000000 };

	for (; !eng_walk_done(v->walk) && ms > 0; ms -= 5)
		nanosleep(&step, NULL);
	return eng_walk_done(v->walk);
}

void eng_values_free(struct eng_values *v)
{
	size_t i = 0;
	uint64_t key;
	void *x;

	if (!v)
		return;
	eng_walk_free(v->walk);
	while (hmap_next(&v->map, &i, &key, &x))
		free(x);
	hmap_fini(&v->map);
	sbuf_fini(&v->val);
	pthread_mutex_destroy(&v->lock);
	free(v);
}

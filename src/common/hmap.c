// SPDX-License-Identifier: GPL-2.0-only
#include "hmap.h"

#include <stdlib.h>

#include "xalloc.h"

static size_t hmap_hash(uint64_t k, size_t cap)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return (size_t)k & (cap - 1);
}

void hmap_init(struct hmap *m)
{
	m->cap = 16;
	m->count = 0;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
}

void hmap_fini(struct hmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}

void *hmap_get(const struct hmap *m, uint64_t key)
{
	size_t i = hmap_hash(key, m->cap);

	while (m->slots[i].val) {
		if (m->slots[i].key == key)
			return m->slots[i].val;
		i = (i + 1) & (m->cap - 1);
	}
	return NULL;
}

static void hmap_grow(struct hmap *m)
{
	struct hmap_slot *old = m->slots;
	size_t oldcap = m->cap, i;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	m->count = 0;
	for (i = 0; i < oldcap; i++)
		if (old[i].val)
			hmap_put(m, old[i].key, old[i].val);
	free(old);
}

void *hmap_put(struct hmap *m, uint64_t key, void *val)
{
	size_t i;
	void *prev;

	if ((m->count + 1) * 2 > m->cap)
		hmap_grow(m);
	i = hmap_hash(key, m->cap);
	while (m->slots[i].val) {
		if (m->slots[i].key == key) {
			prev = m->slots[i].val;
			m->slots[i].val = val;
			return prev;
		}
		i = (i + 1) & (m->cap - 1);
	}
	m->slots[i].key = key;
	m->slots[i].val = val;
	m->count++;
	return NULL;
}

void *hmap_del(struct hmap *m, uint64_t key)
{
	size_t i = hmap_hash(key, m->cap), j, h;
	void *val;

	while (m->slots[i].val && m->slots[i].key != key)
		i = (i + 1) & (m->cap - 1);
	if (!m->slots[i].val)
		return NULL;
	val = m->slots[i].val;
	m->slots[i].val = NULL;
	m->count--;
	/* Backward-shift the run after i. */
	j = i;
	for (;;) {
		j = (j + 1) & (m->cap - 1);
		if (!m->slots[j].val)
			break;
		h = hmap_hash(m->slots[j].key, m->cap);
		if ((j > i && (h <= i || h > j)) || (j < i && (h <= i && h > j))) {
			m->slots[i] = m->slots[j];
			m->slots[j].val = NULL;
			i = j;
		}
	}
	return val;
}

int hmap_next(const struct hmap *m, size_t *i, uint64_t *key, void **val)
{
	while (*i < m->cap) {
		size_t k = (*i)++;

		if (m->slots[k].val) {
			*key = m->slots[k].key;
			*val = m->slots[k].val;
			return 1;
		}
	}
	return 0;
}

uint64_t hmap_key(const void *p, size_t n)
{
	const uint8_t *s = p;
	uint64_t h = 1469598103934665603ULL;

	while (n--) {
		h ^= *s++;
		h *= 1099511628211ULL;
	}
	return h;
}

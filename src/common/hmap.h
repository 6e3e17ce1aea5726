/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * An open-addressing hash map from 64-bit keys to pointers, with linear
 * probing and backward-shift deletion. Values are borrowed.
 */
#ifndef SYSHARK_HMAP_H
#define SYSHARK_HMAP_H

#include <stddef.h>
#include <stdint.h>

struct hmap_slot {
	uint64_t key;
	void *val; /* NULL = empty slot */
};

struct hmap {
	struct hmap_slot *slots;
	size_t cap; /* power of two */
	size_t count;
};

void hmap_init(struct hmap *m);
void hmap_fini(struct hmap *m);
void *hmap_get(const struct hmap *m, uint64_t key);
/* Inserts or replaces; val must not be NULL. Returns the old value or NULL. */
void *hmap_put(struct hmap *m, uint64_t key, void *val);
/* Removes key; returns its value or NULL. */
void *hmap_del(struct hmap *m, uint64_t key);

/* A 64-bit key for n bytes at p (FNV-1a). */
uint64_t hmap_key(const void *p, size_t n);

/* Iteration: for (i = 0; hmap_next(m, &i, &k, &v);) */
int hmap_next(const struct hmap *m, size_t *i, uint64_t *key, void **val);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A status line made of parts joined by " | ", fitted to a width: while it
 * is too wide, the least important part left (the rightmost of equals)
 * takes its short form if it has one, else goes. No terminal here.
 */
#ifndef SYSHARK_STATUSBAR_H
#define SYSHARK_STATUSBAR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

#define SBAR_PARTS 16

struct sbar {
	struct {
		char *text, *brief; /* brief: the short form, or NULL */
		int prio;	    /* higher stays longer */
	} part[SBAR_PARTS];
	unsigned int n;
};

/* Adds a part (beyond SBAR_PARTS parts, nothing); brief may be NULL. */
void sbar_add(struct sbar *b, int prio, const char *brief, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* The line fitted to width cells, after a leading space. */
void sbar_fit(const struct sbar *b, int width, struct sbuf *out);
/*
 * Which parts stay (shown[i]) when they are joined by sep, with no leading
 * space, into width cells; their short forms are not used.
 */
void sbar_fit_parts(const struct sbar *b, int width, const char *sep, bool *shown);
void sbar_fini(struct sbar *b);

/* Bytes as people read them, into out: 512 B, 12.3 KiB, 1.5 MiB, 2.0 GiB. */
void sbar_bytes(char *out, size_t n, uint64_t bytes);
/*
 * Adds the part that says where a live capture's file is and its size (of
 * max, if max; full: it reached max), the first to shorten (to the size)
 * and to go.
 */
void sbar_add_file(struct sbar *b, const char *path, uint64_t bytes, uint64_t max, bool full);

#endif

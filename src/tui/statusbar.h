/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A status line made of parts joined by " | ", fitted to a width: while it
 * is too wide, the least important part left (the rightmost of equals)
 * takes its short form if it has one, else goes. No terminal here.
 */
#ifndef SYSHARK_STATUSBAR_H
#define SYSHARK_STATUSBAR_H

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
void sbar_fini(struct sbar *b);

#endif

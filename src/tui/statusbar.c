// SPDX-License-Identifier: GPL-2.0-only
#include "statusbar.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cells.h"
#include "xalloc.h"

void sbar_add(struct sbar *b, int prio, const char *brief, const char *fmt, ...)
{
	va_list ap;
	char *text;
	int len;

	if (b->n >= SBAR_PARTS)
		return;
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	text = xmalloc(len > 0 ? (size_t)len + 1 : 1);
	va_start(ap, fmt);
	vsnprintf(text, len > 0 ? (size_t)len + 1 : 1, fmt, ap);
	va_end(ap);
	b->part[b->n].text = text;
	b->part[b->n].brief = brief ? xstrdup(brief) : NULL;
	b->part[b->n].prio = prio;
	b->n++;
}

/* The line of the parts in use, after lead, in their short form where brief[i]. */
static void join(const struct sbar *b, const char *lead, const char *sep, const bool *gone,
		 const bool *brief, struct sbuf *out)
{
	unsigned int i;
	bool first = true;

	sbuf_reset(out);
	sbuf_puts(out, lead);
	for (i = 0; i < b->n; i++) {
		if (gone[i])
			continue;
		if (!first)
			sbuf_puts(out, sep);
		sbuf_puts(out, brief[i] ? b->part[i].brief : b->part[i].text);
		first = false;
	}
}

/* Fits the parts into width (short forms only if shorten), out the line. */
static void fit(const struct sbar *b, int width, const char *lead, const char *sep, bool shorten,
		bool *gone, struct sbuf *out)
{
	bool brief[SBAR_PARTS] = { false };
	unsigned int left = b->n;
	int cells;

	for (;;) {
		unsigned int i, low = b->n;

		join(b, lead, sep, gone, brief, out);
		cell_fit(out->s, 0, &cells);
		if (cells <= width || !left)
			return;
		for (i = 0; i < b->n; i++)
			if (!gone[i] && (low == b->n || b->part[i].prio <= b->part[low].prio))
				low = i;
		if (shorten && b->part[low].brief && !brief[low]) {
			brief[low] = true;
		} else if (left > 1) {
			gone[low] = true;
			left--;
		} else {
			return;
		}
	}
}

void sbar_fit(const struct sbar *b, int width, struct sbuf *out)
{
	bool gone[SBAR_PARTS] = { false };

	fit(b, width, " ", " | ", true, gone, out);
}

void sbar_fit_parts(const struct sbar *b, int width, const char *sep, bool *shown)
{
	bool gone[SBAR_PARTS] = { false };
	struct sbuf line;
	unsigned int i;

	sbuf_init(&line);
	fit(b, width, "", sep, false, gone, &line);
	sbuf_fini(&line);
	for (i = 0; i < b->n; i++)
		shown[i] = !gone[i];
}

void sbar_bytes(char *out, size_t n, uint64_t bytes)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)bytes / 1024;
	unsigned int u = 0;

	if (bytes < 1024) {
		snprintf(out, n, "%llu B", (unsigned long long)bytes);
		return;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	snprintf(out, n, "%.1f %s", v, units[u]);
}

void sbar_add_file(struct sbar *b, const char *path, uint64_t bytes, uint64_t max, bool full)
{
	char size[32], limit[32], brief[96];

	sbar_bytes(size, sizeof(size), bytes);
	sbar_bytes(limit, sizeof(limit), max);
	if (full)
		snprintf(brief, sizeof(brief), "%s: size limit reached", size);
	else if (max)
		snprintf(brief, sizeof(brief), "%s of %s", size, limit);
	else
		snprintf(brief, sizeof(brief), "%s", size);
	sbar_add(b, 0, brief, "into %s, %s", path, brief);
}

void sbar_fini(struct sbar *b)
{
	unsigned int i;

	for (i = 0; i < b->n; i++) {
		free(b->part[i].text);
		free(b->part[i].brief);
	}
	b->n = 0;
}

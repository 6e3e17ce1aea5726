/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Allocation that cannot fail: on exhaustion fatal() runs the registered hook
 * (the TUI restores the terminal there), prints one line and exits.
 */
#ifndef SYSHARK_XALLOC_H
#define SYSHARK_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void fatal_set_hook(void (*hook)(void));

#endif

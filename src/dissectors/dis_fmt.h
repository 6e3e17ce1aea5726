/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Formatting of the value types shared by the renderers and the engine:
 * addresses, socket tuples, paths, printable buffers. Pure functions over
 * bytes; they append to an sbuf.
 */
#ifndef SYSHARK_DIS_FMT_H
#define SYSHARK_DIS_FMT_H

#include <stdbool.h>
#include <stdint.h>

#include "sbuf.h"

/* PPM socket families as they appear on the wire. */
#define DIS_AF_UNIX 1
#define DIS_AF_INET 2
#define DIS_AF_INET6 10

void dis_fmt_ipv4(struct sbuf *o, const uint8_t ip[4]);
void dis_fmt_ipv6(struct sbuf *o, const uint8_t ip[16]);
bool dis_ipv4_mapped(const uint8_t ip[16]);

/* A PT_SOCKADDR value as sysdig prints it ("1.2.3.4:80", a unix path, ...). */
void dis_fmt_sockaddr(struct sbuf *o, const uint8_t *p, uint32_t len);
/* A PT_SOCKTUPLE value ("1.2.3.4:5->6.7.8.9:10", "a->b /path"). */
void dis_fmt_socktuple(struct sbuf *o, const uint8_t *p, uint32_t len);

/*
 * Joins dir and path and removes "." and ".." components and repeated
 * slashes, as libsinsp does for relative paths, and a trailing slash but
 * the root's. An absolute path ignores dir.
 */
void dis_fmt_path_join(struct sbuf *o, const char *dir, const char *path);

/*
 * Whether byte c is printed as it is: printable ASCII. Anything else from a
 * capture (a terminal's escape, a newline that would forge a line, a byte
 * that is not UTF-8) is dropped, shown as '.' or escaped.
 */
static inline bool dis_fmt_printable(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* Bytes as text, non-printable bytes as '.', as sysdig's default output. */
void dis_fmt_dots(struct sbuf *o, const uint8_t *p, uint32_t len);

/*
 * Appends s keeping only printable ASCII (libsinsp sanitize_string): every
 * name, path and string a capture holds goes through it before it is printed.
 */
void dis_fmt_sanitized(struct sbuf *o, const char *s);
/* The same for the first n bytes of s, or up to a NUL in them. */
void dis_fmt_sanitized_n(struct sbuf *o, const char *s, size_t n);

#endif

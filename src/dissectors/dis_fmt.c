// SPDX-License-Identifier: GPL-2.0-only
#define _GNU_SOURCE
#include "dis_fmt.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void dis_fmt_ipv4(struct sbuf *o, const uint8_t ip[4])
{
	int i;

	for (i = 0; i < 4; i++) {
		if (i)
			sbuf_putc(o, '.');
		sbuf_put_u64(o, ip[i]);
	}
}

void dis_fmt_ipv6(struct sbuf *o, const uint8_t ip[16])
{
	char tmp[INET6_ADDRSTRLEN];

	if (inet_ntop(AF_INET6, ip, tmp, sizeof(tmp)))
		sbuf_puts(o, tmp);
}

bool dis_ipv4_mapped(const uint8_t ip[16])
{
	static const uint8_t zero[12];

	if (memcmp(ip, zero, 10) != 0)
		return false;
	return (ip[10] == 0xff && ip[11] == 0xff) || memcmp(ip + 10, zero, 6) == 0;
}

void dis_fmt_sockaddr(struct sbuf *o, const uint8_t *p, uint32_t len)
{
	if (len == 0) {
		sbuf_puts(o, "NULL");
		return;
	}
	switch (p[0]) {
	case DIS_AF_UNIX: {
		uint32_t n = len - 1;
		const uint8_t *z = memchr(p + 1, 0, n);
		char *tmp;

		if (z)
			n = (uint32_t)(z - (p + 1));
		tmp = strndup((const char *)p + 1, n);
		if (tmp) {
			dis_fmt_sanitized(o, tmp);
			free(tmp);
		}
		break;
	}
	case DIS_AF_INET:
		if (len != 7) {
			sbuf_puts(o, "INVALID IPv4");
			break;
		}
		dis_fmt_ipv4(o, p + 1);
		sbuf_printf(o, ":%u", buf_le16(p + 5));
		break;
	case DIS_AF_INET6:
		if (len != 19) {
			sbuf_puts(o, "INVALID IPv6");
			break;
		}
		if (dis_ipv4_mapped(p + 1)) {
			dis_fmt_ipv4(o, p + 13);
		} else {
			dis_fmt_ipv6(o, p + 1);
		}
		sbuf_printf(o, ":%u", buf_le16(p + 17));
		break;
	default:
		sbuf_printf(o, "family %d", p[0]);
		break;
	}
}

void dis_fmt_socktuple(struct sbuf *o, const uint8_t *p, uint32_t len)
{
	if (len == 0) {
		sbuf_puts(o, "NULL");
		return;
	}
	switch (p[0]) {
	case DIS_AF_INET:
		if (len != 13) {
			sbuf_puts(o, "INVALID IPv4");
			break;
		}
		dis_fmt_ipv4(o, p + 1);
		sbuf_printf(o, ":%u->", buf_le16(p + 5));
		dis_fmt_ipv4(o, p + 7);
		sbuf_printf(o, ":%u", buf_le16(p + 11));
		break;
	case DIS_AF_INET6:
		if (len != 37) {
			sbuf_puts(o, "INVALID IPv6");
			break;
		}
		if (dis_ipv4_mapped(p + 1) && dis_ipv4_mapped(p + 19)) {
			dis_fmt_ipv4(o, p + 13);
			sbuf_printf(o, ":%u->", buf_le16(p + 17));
			dis_fmt_ipv4(o, p + 31);
		} else {
			dis_fmt_ipv6(o, p + 1);
			sbuf_printf(o, ":%u->", buf_le16(p + 17));
			dis_fmt_ipv6(o, p + 19);
		}
		sbuf_printf(o, ":%u", buf_le16(p + 35));
		break;
	case DIS_AF_UNIX: {
		const uint8_t *z;
		char *tmp;

		if (len < 17) {
			sbuf_puts(o, "INVALID UNIX");
			break;
		}
		sbuf_printf(o, "%llx->%llx ", (unsigned long long)buf_le64(p + 1),
			    (unsigned long long)buf_le64(p + 9));
		z = memchr(p + 17, 0, len - 17);
		tmp = strndup((const char *)p + 17, z ? (size_t)(z - (p + 17)) : len - 17);
		if (tmp) {
			dis_fmt_sanitized(o, tmp);
			free(tmp);
		}
		break;
	}
	default:
		sbuf_printf(o, "family %d", p[0]);
		break;
	}
}

void dis_fmt_path_join(struct sbuf *o, const char *dir, const char *path)
{
	size_t base = o->len, root = base;
	const char *c, *e;
	size_t n;

	if (path[0] == '/') {
		sbuf_putc(o, '/');
		root = base + 1;
	} else if (*dir) {
		sbuf_puts(o, dir);
		if (o->s[o->len - 1] != '/')
			sbuf_putc(o, '/');
		root = dir[0] == '/' ? base + 1 : base;
	}
	for (c = path; *c;) {
		while (*c == '/')
			c++;
		if (!*c)
			break;
		e = strchr(c, '/');
		n = e ? (size_t)(e - c) : strlen(c);
		if (n == 1 && c[0] == '.') {
			/* nothing */
		} else if (n == 2 && c[0] == '.' && c[1] == '.') {
			/* drop the last component, never the root */
			if (o->len > root) {
				size_t k = o->len - 1;

				while (k > root && o->s[k - 1] != '/')
					k--;
				sbuf_truncate(o, k);
			}
		} else {
			if (o->len > base && o->s[o->len - 1] != '/')
				sbuf_putc(o, '/');
			sbuf_put(o, c, n);
		}
		c += n;
	}
	/* no trailing slash but the root's, as the kernel and libsinsp name a directory */
	if (o->len > base + 1 && o->s[o->len - 1] == '/')
		sbuf_truncate(o, o->len - 1);
}

void dis_fmt_dots(struct sbuf *o, const uint8_t *p, uint32_t len)
{
	uint32_t i;
	char *d;

	sbuf_reserve(o, len);
	d = o->s + o->len;
	for (i = 0; i < len; i++) {
		uint8_t c = p[i];

		d[i] = dis_fmt_printable(c) ? (char)c : '.';
	}
	o->len += len;
	o->s[o->len] = 0;
}

void dis_fmt_sanitized_n(struct sbuf *o, const char *s, size_t n)
{
	char *d;

	sbuf_reserve(o, n);
	d = o->s + o->len;
	for (; n && *s; s++, n--)
		if (dis_fmt_printable((unsigned char)*s))
			*d++ = *s;
	o->len = (size_t)(d - o->s);
	o->s[o->len] = 0;
}

void dis_fmt_sanitized(struct sbuf *o, const char *s)
{
	dis_fmt_sanitized_n(o, s, strlen(s));
}

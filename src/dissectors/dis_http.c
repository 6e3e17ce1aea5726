// SPDX-License-Identifier: GPL-2.0-only
/*
 * HTTP/1.x: a request or status line, the headers, and the body (whole, or
 * its chunks), with Wireshark's field names. A message cut short (the
 * snap length, a read in the middle) is malformed where it stops.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dis_proto_int.h"

static const char *const methods[] = { "GET",	  "POST",    "PUT",   "DELETE", "HEAD",
				       "OPTIONS", "PATCH",   "CONNECT", "TRACE", NULL };

/* The header fields with names of their own, as Wireshark's. */
static const struct {
	const char *name, *field;
} headers[] = {
	{ "Host", "http.host" },
	{ "User-Agent", "http.user_agent" },
	{ "Content-Type", "http.content_type" },
	{ "Content-Length", "http.content_length" },
	{ "Server", "http.server" },
	{ "Connection", "http.connection" },
	{ "Accept", "http.accept" },
	{ "Location", "http.location" },
	{ "Transfer-Encoding", "http.transfer_encoding" },
};

static const char *const fields[] = {
	"http.request.method",	 "http.request.uri", "http.request.version", "http.response.version",
	"http.response.code",	 "http.response.phrase", "http.host", "http.user_agent",
	"http.content_type",	 "http.content_length", "http.server", "http.connection",
	"http.accept",		 "http.location", "http.transfer_encoding", "http.chunk_size",
	"http.chunk_data",	 "http.file_data", NULL,
};

static const uint16_t ports[] = { 80, 8000, 8008, 8080, 8888, 3128, 0 };

/* The method at p, if the bytes start with one and a space; else NULL. */
static const char *method_at(const uint8_t *p, size_t n)
{
	for (const char *const *m = methods; *m; m++) {
		size_t k = strlen(*m);

		if (n > k && memcmp(p, *m, k) == 0 && p[k] == ' ')
			return *m;
	}
	return NULL;
}

static bool looks(const struct dis_msg *m)
{
	return method_at(m->p, m->n) || (m->n >= 8 && memcmp(m->p, "HTTP/1.", 7) == 0);
}

/* The end of the line that starts at off (its CR LF or LF), or n if it has none. */
static size_t line_end(const uint8_t *p, size_t n, size_t off)
{
	const uint8_t *nl = memchr(p + off, '\n', n - off);

	return nl ? (size_t)(nl - p) : n;
}

/* The line from off to its end, less a CR: its length. */
static size_t line_len(const uint8_t *p, size_t off, size_t end)
{
	return end > off && p[end - 1] == '\r' ? end - 1 - off : end - off;
}

/*
 * The number in base (10 or 16) at p[*i], up to end, at most 15 digits;
 * *i is moved past its digits (none: it stays).
 */
static unsigned long long number(const uint8_t *p, size_t *i, size_t end, unsigned int base)
{
	unsigned long long v = 0;
	unsigned int k;

	for (k = 0; *i < end && k < 15; (*i)++, k++) {
		unsigned int c = p[*i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			break;
		v = v * base + d;
	}
	return v;
}

/* Adds field with the bytes from a to b of p. */
static void put(struct dis_ptree *t, unsigned int depth, const char *field, const uint8_t *p,
		size_t a, size_t b)
{
	dis_ptree_add(t, depth, field, (const char *)p + a, b - a, (uint32_t)a, (uint32_t)(b - a));
}

/* The first line: a request's method, URI and version, or a status line. */
static bool first_line(struct dis_ptree *t, const uint8_t *p, size_t len)
{
	const uint8_t *sp1 = memchr(p, ' ', len), *sp2;
	size_t a, b;

	if (!sp1)
		return false;
	a = (size_t)(sp1 - p);
	sp2 = memchr(p + a + 1, ' ', len - a - 1);
	b = sp2 ? (size_t)(sp2 - p) : len;
	if (len >= 5 && memcmp(p, "HTTP/", 5) == 0) {
		put(t, 1, "http.response.version", p, 0, a);
		put(t, 1, "http.response.code", p, a + 1, b);
		if (sp2)
			put(t, 1, "http.response.phrase", p, b + 1, len);
		return true;
	}
	if (!sp2)
		return false;
	put(t, 1, "http.request.method", p, 0, a);
	put(t, 1, "http.request.uri", p, a + 1, b);
	put(t, 1, "http.request.version", p, b + 1, len);
	return true;
}

/*
 * The header line "Name: value" at off (len bytes): the index of its name
 * in headers[] (-1 if it has none there, -2 if it has no colon), *v where
 * its value starts. Notes what the body needs.
 */
static int header_at(const uint8_t *p, size_t off, size_t len, size_t *v, bool *chunked,
		     long long *clen)
{
	const uint8_t *colon = memchr(p + off, ':', len);
	size_t name, end = off + len;

	if (!colon)
		return -2;
	name = (size_t)(colon - p) - off;
	for (*v = (size_t)(colon - p) + 1; *v < end && (p[*v] == ' ' || p[*v] == '\t'); (*v)++)
		;
	for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++) {
		if (strlen(headers[i].name) != name ||
		    strncasecmp((const char *)p + off, headers[i].name, name) != 0)
			continue;
		if (i == 3) {
			size_t d = *v;

			*clen = (long long)number(p, &d, end, 10);
		}
		if (i == 8 && end - *v >= 7 && strncasecmp((const char *)p + *v, "chunked", 7) == 0)
			*chunked = true;
		return (int)i;
	}
	return -1;
}

/* A header line at off (len bytes), as a node; notes what the body needs. */
static void header(struct dis_ptree *t, const uint8_t *p, size_t off, size_t len,
		   bool *chunked, long long *clen)
{
	size_t v;
	int i = header_at(p, off, len, &v, chunked, clen);

	if (i < 0) {
		put(t, 1, NULL, p, off, off + len);
		if (i == -2)
			dis_ptree_malformed(t, off);
		return;
	}
	put(t, 1, headers[i].field, p, v, off + len);
	t->n[t->count - 1].off = (uint32_t)off;
	t->n[t->count - 1].len = (uint32_t)len;
}

/*
 * A chunked body from off: each chunk's size (as Wireshark, in decimal)
 * and data, to the last (size 0); then the body the chunks make.
 */
static void chunks(struct dis_ptree *t, const uint8_t *p, size_t n, size_t off)
{
	size_t start = off;
	struct sbuf body;
	char num[24];

	sbuf_init(&body);
	while (off < n) {
		size_t end = line_end(p, n, off), len = line_len(p, off, end), stop = off;
		unsigned long long size = number(p, &stop, off + len, 16);
		int k = snprintf(num, sizeof(num), "%llu", size);

		if (end == n || stop == off) {
			dis_ptree_malformed(t, off);
			break;
		}
		dis_ptree_add(t, 1, "http.chunk_size", num, (size_t)k, (uint32_t)off, (uint32_t)len);
		off = end + 1;
		if (size == 0)
			break;
		if (size > n - off) {
			dis_ptree_malformed(t, n);
			sbuf_put(&body, (const char *)p + off, n - off);
			off = n;
			break;
		}
		put(t, 2, "http.chunk_data", p, off, off + (size_t)size);
		sbuf_put(&body, (const char *)p + off, (size_t)size);
		off += (size_t)size;
		if (off < n && p[off] == '\r')
			off++;
		if (off < n && p[off] == '\n')
			off++;
	}
	dis_ptree_add(t, 1, "http.file_data", body.s, body.len, (uint32_t)start,
		      (uint32_t)(off - start));
	sbuf_fini(&body);
}

static void dissect(const struct dis_msg *m, struct dis_ptree *t)
{
	const uint8_t *p = m->p;
	size_t n = m->n, off = 0, end = line_end(p, n, 0);
	bool chunked = false;
	long long clen = -1;

	dis_ptree_add(t, 0, NULL, "Hypertext Transfer Protocol", 27, 0, (uint32_t)n);
	if (!first_line(t, p, line_len(p, 0, end)) || end == n) {
		dis_ptree_malformed(t, end == n ? n : line_len(p, 0, end));
		return;
	}
	for (off = end + 1; off < n; off = end + 1) {
		size_t len;

		end = line_end(p, n, off);
		len = line_len(p, off, end);
		if (end == n) { /* cut short in the headers */
			dis_ptree_malformed(t, n);
			return;
		}
		if (len == 0)
			break;
		header(t, p, off, len, &chunked, &clen);
	}
	off = end + 1;
	if (off > n)
		return;
	if (chunked) {
		chunks(t, p, n, off);
	} else if (off < n) {
		put(t, 1, "http.file_data", p, off, n);
		if (clen >= 0 && (unsigned long long)clen > n - off)
			dis_ptree_malformed(t, n);
	}
}

/* Whether the n bytes at p start as a request or status line may (a method's or "HTTP/1."). */
static bool starts(const uint8_t *p, size_t n)
{
	static const char status[] = "HTTP/1.";

	if (memcmp(p, status, n < 7 ? n : 7) == 0)
		return true;
	for (const char *const *m = methods; *m; m++) {
		size_t k = strlen(*m);

		if (memcmp(p, *m, n < k ? n : k) == 0 && (n <= k || p[k] == ' '))
			return true;
	}
	return false;
}

/* The end of a chunked body from off, or DIS_MORE if it goes on past n. */
static size_t chunks_end(const uint8_t *p, size_t n, size_t off)
{
	for (;;) {
		size_t end = line_end(p, n, off), stop = off;
		unsigned long long size;

		if (end == n)
			return DIS_MORE;
		size = number(p, &stop, end, 16);
		off = end + 1;
		if (size == 0)
			break;
		if (size > n - off)
			return DIS_MORE;
		off += (size_t)size;
		if (off < n && p[off] == '\r')
			off++;
		if (off < n && p[off] == '\n')
			off++;
	}
	for (;;) { /* trailers, to an empty line */
		size_t end = line_end(p, n, off);

		if (end == n)
			return DIS_MORE;
		if (line_len(p, off, end) == 0)
			return end + 1;
		off = end + 1;
	}
}

/*
 * A message's headers to their empty line (*head: their bytes, or
 * DIS_MORE), and its body: as long as its Content-Length says, its chunks
 * to the last, else none for a request and the rest of the bytes for a
 * response (which its close ends).
 */
static size_t lengths(const struct dis_msg *m, size_t *head)
{
	const uint8_t *p = m->p;
	size_t n = m->n, off = line_end(p, n, 0), end, v;
	bool chunked = false, response = n >= 5 && memcmp(p, "HTTP/", 5) == 0;
	long long clen = -1;
	unsigned int code = 0;

	*head = DIS_MORE;
	if (!n || !starts(p, n))
		return *head = 0;
	if (off == n)
		return DIS_MORE;
	if (response && off > 12) {
		size_t i = 9;

		code = (unsigned int)number(p, &i, off, 10);
	}
	for (off++;; off = end + 1) {
		size_t len;

		end = line_end(p, n, off);
		if (end == n)
			return DIS_MORE;
		len = line_len(p, off, end);
		if (len == 0)
			break;
		header_at(p, off, len, &v, &chunked, &clen);
	}
	off = *head = end + 1;
	if ((code >= 100 && code < 200) || code == 204 || code == 304 ||
	    (response && m->answers_head))
		return off;
	if (chunked)
		return chunks_end(p, n, off);
	if (clen >= 0)
		return off + (size_t)clen;
	return response ? n : off;
}

bool dis_http_asks_head(const struct dis_msg *m)
{
	return m->n >= 5 && memcmp(m->p, "HEAD ", 5) == 0;
}

static size_t msg_len(const struct dis_msg *m)
{
	size_t head;

	return lengths(m, &head);
}

static size_t head_len(const struct dis_msg *m)
{
	size_t head;

	lengths(m, &head);
	return head;
}

const struct dis_proto dis_proto_http = {
	.name = "HTTP",
	.ports = ports,
	.tcp = true,
	.looks = looks,
	.dissect = dissect,
	.msg_len = msg_len,
	.head_len = head_len,
	.fields = fields,
};

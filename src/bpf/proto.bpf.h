/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included by syscalls.bpf.c: what the dynamic snap length looks at to
 * tell the data of a protocol syshark dissects, its ports and its first
 * bytes, as Falco's drivers do.
 */
#ifndef SYSHARK_PROTO_BPF_H
#define SYSHARK_PROTO_BPF_H

/* Port hints: the ports of the dissectors' protocols, and TLS's. */
static __always_inline bool port_hinted(__u16 port)
{
	switch (port) {
	case 53:   /* DNS */
	case 80:   /* HTTP */
	case 443:  /* HTTPS */
	case 3128: /* HTTP proxy */
	case 5353: /* mDNS */
	case 5432: /* PostgreSQL */
	case 6379: /* Redis */
	case 8000:
	case 8008:
	case 8080:
	case 8443:
	case 8888:
		return true;
	default:
		return false;
	}
}

/* HTTP's first words: a method and its space, or "HTTP/", in 8 bytes. */
#define W2(a, b) ((__u64)(a) | (__u64)(b) << 8)
#define W4(a, b, c, d) (W2(a, b) | W2(c, d) << 16)
#define W8(a, b, c, d, e, f, g, h) (W4(a, b, c, d) | W4(e, f, g, h) << 32)
#define LOW(n) ((1ull << (8 * (n))) - 1)

static const struct {
	__u64 word, mask;
} http_words[] = {
	{ W4('G', 'E', 'T', ' '), LOW(4) },
	{ W4('P', 'U', 'T', ' '), LOW(4) },
	{ W8('P', 'O', 'S', 'T', ' ', 0, 0, 0), LOW(5) },
	{ W8('H', 'E', 'A', 'D', ' ', 0, 0, 0), LOW(5) },
	{ W8('H', 'T', 'T', 'P', '/', 0, 0, 0), LOW(5) },
	{ W8('P', 'A', 'T', 'C', 'H', ' ', 0, 0), LOW(6) },
	{ W8('T', 'R', 'A', 'C', 'E', ' ', 0, 0), LOW(6) },
	{ W8('D', 'E', 'L', 'E', 'T', 'E', ' ', 0), LOW(7) },
	{ W8('O', 'P', 'T', 'I', 'O', 'N', 'S', ' '), ~0ull },
	{ W8('C', 'O', 'N', 'N', 'E', 'C', 'T', ' '), ~0ull },
};

/*
 * Whether the first 8 bytes of a message (v, little-endian) start one of:
 * an HTTP request or response; a TLS record in clear (change cipher spec,
 * alert or handshake: types 20 to 22, before a ClientHello after a
 * HelloRetryRequest; version 3.0 to 3.4); a RESP array ('*', a digit); a
 * PostgreSQL startup message (a length below 64 KiB, then protocol 3.0).
 */
static __always_inline bool looks_proto(__u64 v)
{
	__u8 c1 = v >> 8 & 0xff;
	__u32 i;

	if ((v & 0xff) >= 20 && (v & 0xff) <= 22 && c1 == 3 && (v >> 16 & 0xff) <= 4)
		return true;
	if ((v & 0xff) == '*' && c1 >= '0' && c1 <= '9')
		return true;
	if ((v & LOW(2)) == 0 && v >> 32 == W4(0, 3, 0, 0))
		return true;
#pragma unroll
	for (i = 0; i < sizeof(http_words) / sizeof(http_words[0]); i++)
		if ((v & http_words[i].mask) == http_words[i].word)
			return true;
	return false;
}

/*
 * Whether the first 8 bytes (v) of want bytes start the body of a TLS
 * handshake record read apart from its header (as OpenSSL reads): a
 * handshake message's type, a length below 64 KiB that fits in want, and
 * for a hello, its version 3.0 to 3.4.
 */
static __always_inline bool looks_tls_body(__u64 v, __u64 want)
{
	__u8 type = v & 0xff;
	__u64 len = (v >> 16 & 0xff) << 8 | (v >> 24 & 0xff);

	if ((v >> 8 & 0xff) || len + 4 > want)
		return false;
	if (type == 1 || type == 2)
		return (v >> 32 & 0xff) == 3 && (v >> 40 & 0xff) <= 4;
	return type >= 11 && type <= 16;
}

#endif

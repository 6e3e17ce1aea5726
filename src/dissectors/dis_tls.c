// SPDX-License-Identifier: GPL-2.0-only
/*
 * TLS (and SSL 3.0's record framing): the records of a read or write, each
 * a subtree, and the handshake messages sent in clear (hellos, certificate,
 * key exchange) with their extensions, with Wireshark's tls field names and
 * values as tshark prints them. Encrypted records show their header only.
 * Each length is checked against the block that holds it: one that lies is
 * malformed where that block ends.
 */
#include <stdio.h>
#include <string.h>

#include "dis_proto_int.h"

static const char *const fields[] = {
	"tls.record.content_type",
	"tls.record.version",
	"tls.record.length",
	"tls.alert_message.level",
	"tls.alert_message.desc",
	"tls.handshake.type",
	"tls.handshake.length",
	"tls.handshake.version",
	"tls.handshake.random",
	"tls.handshake.session_id_length",
	"tls.handshake.session_id",
	"tls.handshake.cipher_suites_length",
	"tls.handshake.ciphersuite",
	"tls.handshake.comp_methods_length",
	"tls.handshake.comp_method",
	"tls.handshake.extensions_length",
	"tls.handshake.extension.type",
	"tls.handshake.extension.len",
	"tls.handshake.extensions_server_name_list_len",
	"tls.handshake.extensions_server_name_type",
	"tls.handshake.extensions_server_name_len",
	"tls.handshake.extensions_server_name",
	"tls.handshake.extensions_alpn_len",
	"tls.handshake.extensions_alpn_str_len",
	"tls.handshake.extensions_alpn_str",
	"tls.handshake.extensions.supported_versions_len",
	"tls.handshake.extensions.supported_version",
	"tls.handshake.extensions_supported_groups_length",
	"tls.handshake.extensions_supported_group",
	"tls.handshake.sig_hash_alg_len",
	"tls.handshake.sig_hash_alg",
	"tls.handshake.certificates_length",
	"tls.handshake.certificate_length",
	NULL,
};

static const uint16_t ports[] = { 443, 8443, 993, 995, 465, 636, 853, 0 };

enum { CT_CCS = 20, CT_ALERT = 21, CT_HANDSHAKE = 22, CT_APPDATA = 23, CT_HEARTBEAT = 24 };
enum { HS_CLIENT_HELLO = 1, HS_SERVER_HELLO = 2, HS_CERTIFICATE = 11, HS_SKE = 12 };
enum { MAX_RECORD = 16384 + 2048 };
/* The longest handshake message taken to go on in the records after its first. */
enum { MAX_HS_SPLIT = 0xffff };

struct name {
	unsigned int v;
	const char *s;
};

static const struct name hs_types[] = {
	{ 0, "Hello Request" },
	{ 1, "Client Hello" },
	{ 2, "Server Hello" },
	{ 3, "Hello Verify Request" },
	{ 4, "New Session Ticket" },
	{ 5, "End of Early Data" },
	{ 8, "Encrypted Extensions" },
	{ 11, "Certificate" },
	{ 12, "Server Key Exchange" },
	{ 13, "Certificate Request" },
	{ 14, "Server Hello Done" },
	{ 15, "Certificate Verify" },
	{ 16, "Client Key Exchange" },
	{ 20, "Finished" },
	{ 21, "Certificate URL" },
	{ 22, "Certificate Status" },
	{ 23, "Supplemental Data" },
	{ 24, "Key Update" },
	{ 25, "Compressed Certificate" },
	{ 254, "Message Hash" },
	{ 0, NULL },
};

static const struct name ext_types[] = {
	{ 0, "server_name" },
	{ 1, "max_fragment_length" },
	{ 5, "status_request" },
	{ 10, "supported_groups" },
	{ 11, "ec_point_formats" },
	{ 13, "signature_algorithms" },
	{ 16, "application_layer_protocol_negotiation" },
	{ 18, "signed_certificate_timestamp" },
	{ 21, "padding" },
	{ 22, "encrypt_then_mac" },
	{ 23, "extended_master_secret" },
	{ 35, "session_ticket" },
	{ 41, "pre_shared_key" },
	{ 42, "early_data" },
	{ 43, "supported_versions" },
	{ 44, "cookie" },
	{ 45, "psk_key_exchange_modes" },
	{ 50, "signature_algorithms_cert" },
	{ 51, "key_share" },
	{ 65281, "renegotiation_info" },
	{ 0, NULL },
};

static const struct name suites[] = {
	{ 0x1301, "TLS_AES_128_GCM_SHA256" },
	{ 0x1302, "TLS_AES_256_GCM_SHA384" },
	{ 0x1303, "TLS_CHACHA20_POLY1305_SHA256" },
	{ 0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ 0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ 0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
	{ 0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA" },
	{ 0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA" },
	{ 0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ 0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ 0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV" },
	{ 0, NULL },
};

/* The random of a HelloRetryRequest: SHA-256 of "HelloRetryRequest" (RFC 8446). */
static const uint8_t hrr_random[32] = {
	0xcf, 0x21, 0xad, 0x74, 0xe5, 0x9a, 0x61, 0x11, 0xbe, 0x1d, 0x8c, 0x02, 0x1e, 0x65, 0xb8, 0x91,
	0xc2, 0xa2, 0x11, 0x16, 0x7a, 0xbb, 0x8c, 0x5e, 0x07, 0x9e, 0x09, 0xe2, 0xc8, 0xa8, 0x33, 0x9c,
};

static const char *name_of(const struct name *tab, unsigned int v)
{
	for (; tab->s; tab++)
		if (tab->v == v)
			return tab->s;
	return NULL;
}

static const char *version_name(unsigned int v)
{
	static const char *const names[] = { "SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3" };

	return v >= 0x0300 && v <= 0x0304 ? names[v - 0x0300] : "SSL";
}

static const char *content_name(unsigned int ct)
{
	static const char *const names[] = { "Change Cipher Spec", "Alert", "Handshake",
					     "Application Data", "Heartbeat" };

	return ct >= CT_CCS && ct <= CT_HEARTBEAT ? names[ct - CT_CCS] : "Unknown";
}

/* A block of the data: its bytes run from off to end; bad once a length in it lied. */
struct cur {
	struct dis_ptree *t;
	const uint8_t *p;
	size_t off, end;
	bool bad;
};

static unsigned int be(const uint8_t *p, size_t k)
{
	unsigned int v = 0;

	while (k--)
		v = v << 8 | *p++;
	return v;
}

/* Whether k more bytes are in the block; if not, it breaks at its end. */
static bool have(struct cur *c, size_t k)
{
	if (c->bad || k > c->end - c->off) {
		c->bad = true;
		dis_ptree_malformed(c->t, c->end);
		return false;
	}
	return true;
}

static void add(struct cur *c, unsigned int depth, const char *field, const char *text,
		size_t off, size_t len)
{
	dis_ptree_add(c->t, depth, field, text, strlen(text), (uint32_t)off, (uint32_t)len);
}

/*
 * The k-byte number at the cursor as field, in decimal or as tshark prints
 * a hex field (0x and 2k digits), moving past it; 0 if it is not there.
 */
static unsigned int num(struct cur *c, unsigned int depth, const char *field, size_t k, bool hex)
{
	unsigned int v;
	char s[24];

	if (!have(c, k))
		return 0;
	v = be(c->p + c->off, k);
	if (hex)
		snprintf(s, sizeof(s), "0x%0*x", (int)(2 * k), v);
	else
		snprintf(s, sizeof(s), "%u", v);
	add(c, depth, field, s, c->off, k);
	c->off += k;
	return v;
}

/* k bytes at the cursor as field, in hex as tshark prints bytes, moving past them. */
static void bytes(struct cur *c, unsigned int depth, const char *field, size_t k)
{
	if (!have(c, k))
		return;
	dis_ptree_add_hex(c->t, depth, field, c->p, (uint32_t)c->off, (uint32_t)k);
	c->off += k;
}

/*
 * The block of len bytes at the cursor, into *in; the cursor moves past it.
 * A block longer than what holds it is cut there, and malformed where it is.
 */
static void block(struct cur *c, size_t len, struct cur *in)
{
	*in = *c;
	in->end = c->off + len;
	if (c->bad || len > c->end - c->off) {
		dis_ptree_malformed(c->t, c->end);
		in->end = c->end;
		c->bad = true;
	}
	c->off = in->end;
}

/* A vector at the cursor: its k-byte length as field, then its bytes in *in. */
static bool vec(struct cur *c, unsigned int depth, const char *field, size_t k, struct cur *in)
{
	size_t len;

	if (!have(c, k))
		return false;
	len = num(c, depth, field, k, false);
	block(c, len, in);
	return true;
}

/* A list of k-byte values as field, each its node; a value cut short breaks the list. */
static void list(struct cur *c, unsigned int depth, const char *field, size_t k, bool hex)
{
	while (c->off < c->end && !c->bad)
		num(c, depth, field, k, hex);
}

/* The server names of a ClientHello's server_name extension. */
static void ext_sni(struct cur *c, unsigned int depth)
{
	struct cur l, e;

	if (c->off == c->end) /* a ServerHello's, empty */
		return;
	if (!vec(c, depth, "tls.handshake.extensions_server_name_list_len", 2, &l))
		return;
	while (l.off < l.end && !l.bad) {
		num(&l, depth, "tls.handshake.extensions_server_name_type", 1, false);
		if (!vec(&l, depth, "tls.handshake.extensions_server_name_len", 2, &e) || l.bad)
			return;
		dis_ptree_add(c->t, depth, "tls.handshake.extensions_server_name",
			      (const char *)e.p + e.off, e.end - e.off, (uint32_t)e.off,
			      (uint32_t)(e.end - e.off));
	}
}

/* The protocols of an ALPN extension. */
static void ext_alpn(struct cur *c, unsigned int depth)
{
	struct cur l, e;

	if (!vec(c, depth, "tls.handshake.extensions_alpn_len", 2, &l))
		return;
	while (l.off < l.end && !l.bad) {
		if (!vec(&l, depth, "tls.handshake.extensions_alpn_str_len", 1, &e) || l.bad)
			return;
		dis_ptree_add(c->t, depth, "tls.handshake.extensions_alpn_str",
			      (const char *)e.p + e.off, e.end - e.off, (uint32_t)e.off,
			      (uint32_t)(e.end - e.off));
	}
}

/* The body of an extension of type ext, in a hello of type hs. */
static void extension_body(struct cur *c, unsigned int depth, unsigned int ext, unsigned int hs)
{
	struct cur l;

	switch (ext) {
	case 0:
		ext_sni(c, depth);
		break;
	case 16:
		ext_alpn(c, depth);
		break;
	case 43:
		if (hs != HS_CLIENT_HELLO) { /* the version chosen */
			num(c, depth, "tls.handshake.extensions.supported_version", 2, true);
			break;
		}
		if (vec(c, depth, "tls.handshake.extensions.supported_versions_len", 1, &l))
			list(&l, depth, "tls.handshake.extensions.supported_version", 2, true);
		break;
	case 10:
		if (vec(c, depth, "tls.handshake.extensions_supported_groups_length", 2, &l))
			list(&l, depth, "tls.handshake.extensions_supported_group", 2, true);
		break;
	case 13:
	case 50:
		if (vec(c, depth, "tls.handshake.sig_hash_alg_len", 2, &l))
			list(&l, depth, "tls.handshake.sig_hash_alg", 2, true);
		break;
	}
}

/* The extensions at the end of a hello of type hs, if it has them. */
static void extensions(struct cur *c, unsigned int depth, unsigned int hs)
{
	struct cur l, e;
	char label[96];

	if (c->off >= c->end || c->bad)
		return;
	if (!vec(c, depth, "tls.handshake.extensions_length", 2, &l))
		return;
	while (l.off < l.end && !l.bad) {
		size_t at = l.off;
		unsigned int type, len;
		const char *name;

		if (!have(&l, 4))
			return;
		type = be(l.p + at, 2);
		len = be(l.p + at + 2, 2);
		name = name_of(ext_types, type);
		snprintf(label, sizeof(label), "Extension: %s (len=%u)", name ? name : "Unknown",
			 len);
		add(&l, depth, NULL, label, at, 4 + (size_t)len > l.end - at ? l.end - at : 4 + len);
		num(&l, depth + 1, "tls.handshake.extension.type", 2, false);
		vec(&l, depth + 1, "tls.handshake.extension.len", 2, &e);
		extension_body(&e, depth + 1, type, hs);
	}
}

/* The cipher suite at the cursor, with its name in a label. */
static void suite(struct cur *c, unsigned int depth)
{
	const char *name;
	char label[96];

	if (!have(c, 2))
		return;
	name = name_of(suites, be(c->p + c->off, 2));
	snprintf(label, sizeof(label), "Cipher Suite: %s (0x%04x)", name ? name : "Unknown",
		 be(c->p + c->off, 2));
	add(c, depth, NULL, label, c->off, 2);
	num(c, depth + 1, "tls.handshake.ciphersuite", 2, true);
}

/* A ClientHello's or ServerHello's body. */
static void hello(struct cur *c, unsigned int depth, unsigned int hs)
{
	struct cur l;

	num(c, depth, "tls.handshake.version", 2, true);
	bytes(c, depth, "tls.handshake.random", 32);
	if (!vec(c, depth, "tls.handshake.session_id_length", 1, &l))
		return;
	if (l.end > l.off)
		bytes(&l, depth, "tls.handshake.session_id", l.end - l.off);
	if (hs == HS_CLIENT_HELLO) {
		if (!vec(c, depth, "tls.handshake.cipher_suites_length", 2, &l))
			return;
		add(c, depth, NULL, "Cipher Suites", l.off, l.end - l.off);
		while (l.off < l.end && !l.bad)
			suite(&l, depth + 1);
		if (!vec(c, depth, "tls.handshake.comp_methods_length", 1, &l))
			return;
		list(&l, depth, "tls.handshake.comp_method", 1, false);
	} else {
		suite(c, depth);
		num(c, depth, "tls.handshake.comp_method", 1, false);
	}
	extensions(c, depth, hs);
}

/* A Certificate's list, in TLS 1.2's form (TLS 1.3's is sent encrypted). */
static void certificate(struct cur *c, unsigned int depth)
{
	struct cur l, e;

	if (!vec(c, depth, "tls.handshake.certificates_length", 3, &l))
		return;
	while (l.off < l.end && !l.bad) {
		if (!vec(&l, depth + 1, "tls.handshake.certificate_length", 3, &e))
			return;
		add(&l, depth + 1, NULL, "Certificate", e.off, e.end - e.off);
	}
}

/*
 * The signature algorithm of a ServerKeyExchange, for ECDHE with a named
 * curve (the key exchange the cipher suite tells; here the shape does).
 */
static void server_key_exchange(struct cur *c, unsigned int depth)
{
	const uint8_t *p = c->p + c->off;
	size_t n = c->end - c->off, at;

	if (n < 4 || p[0] != 3)
		return;
	at = 4 + (size_t)p[3];
	if (at + 4 <= n && at + 4 + be(p + at + 2, 2) == n) {
		add(c, depth, NULL, "EC Diffie-Hellman Server Params", c->off, n);
		c->off += at;
		num(c, depth + 1, "tls.handshake.sig_hash_alg", 2, true);
	}
}

/* A handshake message's body. */
static void hs_body(struct cur *c, unsigned int depth, unsigned int type)
{
	switch (type) {
	case HS_CLIENT_HELLO:
	case HS_SERVER_HELLO:
		hello(c, depth, type);
		break;
	case HS_CERTIFICATE:
		certificate(c, depth);
		break;
	case HS_SKE:
		server_key_exchange(c, depth);
		break;
	}
}

/* The name a handshake message of type at p (n bytes there) goes by. */
static const char *hs_name(unsigned int type, const uint8_t *p, size_t n)
{
	if (type == HS_SERVER_HELLO && n >= 38 && memcmp(p + 6, hrr_random, 32) == 0)
		return "Hello Retry Request";
	return name_of(hs_types, type);
}

/*
 * Whether a handshake record's body in c is encrypted: it does not start
 * like a message, or its first message would not fit in it and either
 * follows a Change Cipher Spec (a ClientHello may follow one, in TLS 1.3)
 * or is longer than a message that goes on in the next records may be.
 * A record read alone (its stream gathered) does not know the Change
 * Cipher Spec before it.
 */
static bool hs_encrypted(const struct cur *c, bool after_ccs)
{
	size_t n = c->end - c->off, len;

	if (!name_of(hs_types, c->p[c->off]))
		return true;
	if (n < 4)
		return after_ccs;
	len = be(c->p + c->off + 1, 3);
	return len > n - 4 && (after_ccs || len > MAX_HS_SPLIT);
}

/* The handshake messages of a record, in c; sent encrypted they are a label. */
static void handshake(struct cur *c, bool after_ccs)
{
	char label[64];

	if (hs_encrypted(c, after_ccs)) {
		add(c, 2, NULL, "Encrypted Handshake Message", c->off, c->end - c->off);
		return;
	}
	while (c->off < c->end && !c->bad) {
		size_t at = c->off, len;
		unsigned int type = c->p[at];
		const char *name = hs_name(type, c->p + at, c->end - at);
		struct cur b;

		snprintf(label, sizeof(label), "Handshake Protocol: %s", name ? name : "Unknown");
		len = c->end - at >= 4 ? be(c->p + at + 1, 3) : 0;
		add(c, 2, NULL, label, at, 4 + len > c->end - at ? c->end - at : 4 + len);
		num(c, 3, "tls.handshake.type", 1, false);
		if (!vec(c, 3, "tls.handshake.length", 3, &b))
			return;
		hs_body(&b, 3, type);
		if (b.off < b.end && !b.bad && type <= HS_SERVER_HELLO)
			dis_ptree_malformed(c->t, b.off); /* bytes past a hello's extensions */
	}
}

/* A record's content of type ct, in c. */
static void content(struct cur *c, unsigned int ct, bool after_ccs)
{
	switch (ct) {
	case CT_HANDSHAKE:
		handshake(c, after_ccs);
		break;
	case CT_ALERT:
		if (c->end - c->off != 2) {
			add(c, 2, NULL, "Encrypted Alert", c->off, c->end - c->off);
			break;
		}
		num(c, 2, "tls.alert_message.level", 1, false);
		num(c, 2, "tls.alert_message.desc", 1, false);
		break;
	case CT_CCS:
		add(c, 2, NULL, "Change Cipher Spec Message", c->off, c->end - c->off);
		break;
	case CT_APPDATA:
		add(c, 2, NULL, "Encrypted Application Data", c->off, c->end - c->off);
		break;
	default:
		add(c, 2, NULL, "Heartbeat Message", c->off, c->end - c->off);
	}
}

/* The record at off; the offset after it (n if it is cut short). */
static size_t record(const struct dis_msg *m, struct dis_ptree *t, size_t off, bool after_ccs)
{
	struct cur c = { t, m->p, off, m->n, false }, body;
	unsigned int ct = m->p[off], version, len;
	char label[96];

	if (m->n - off >= 5) {
		version = be(m->p + off + 1, 2);
		len = be(m->p + off + 3, 2);
	} else {
		version = len = 0;
	}
	snprintf(label, sizeof(label), "%s Record Layer: %s Protocol", version_name(version),
		 content_name(ct));
	add(&c, 1, NULL, label, off, 5 + (size_t)len > m->n - off ? m->n - off : 5 + len);
	num(&c, 2, "tls.record.content_type", 1, false);
	num(&c, 2, "tls.record.version", 2, true);
	if (len > MAX_RECORD) { /* longer than a record may be */
		num(&c, 2, "tls.record.length", 2, false);
		dis_ptree_malformed(t, off + 3);
		return m->n;
	}
	if (!vec(&c, 2, "tls.record.length", 2, &body))
		return m->n;
	if (body.off < body.end)
		content(&body, ct, after_ccs);
	return c.off;
}

/*
 * Whether the n bytes at p start a record header (judged on those there, if
 * fewer than 5): a content type, a version 3.0 to 3.4, a length a record
 * may have (at least min).
 */
static bool header_ok(const uint8_t *p, size_t n, unsigned int min)
{
	if (!n || p[0] < CT_CCS || p[0] > CT_HEARTBEAT || (n >= 2 && p[1] != 3) ||
	    (n >= 3 && p[2] > 4))
		return false;
	return n < 5 || (be(p + 3, 2) >= min && be(p + 3, 2) <= MAX_RECORD);
}

/* A first record of TLS: a plausible header, and a handshake's first message known. */
static bool looks(const struct dis_msg *m)
{
	const uint8_t *p = m->p;

	if (m->n < 5 || !header_ok(p, m->n, 1))
		return false;
	if (p[0] != CT_HANDSHAKE || m->n < 6)
		return true;
	if (!name_of(hs_types, p[5]))
		return false;
	if (p[5] != HS_CLIENT_HELLO && p[5] != HS_SERVER_HELLO)
		return true;
	/* a hello has at least a version, a random and a session ID's length */
	if (m->n >= 9 && be(p + 6, 3) < 35)
		return false;
	return m->n < 11 || (p[9] == 3 && p[10] <= 4);
}

static void dissect(const struct dis_msg *m, struct dis_ptree *t)
{
	size_t off = 0;
	bool after_ccs = false;

	dis_ptree_add(t, 0, NULL, "Transport Layer Security", 24, 0, (uint32_t)m->n);
	while (off < m->n && t->malformed < 0) {
		if (off && !header_ok(m->p + off, m->n - off, 0)) {
			dis_ptree_malformed(t, off); /* not a record where one should start */
			return;
		}
		after_ccs |= m->p[off] == CT_CCS;
		off = record(m, t, off, after_ccs && m->p[off] != CT_CCS);
	}
}

/* A record: its header's 5 bytes and the length they give. */
static size_t msg_len(const struct dis_msg *m)
{
	if (!header_ok(m->p, m->n, 0))
		return 0;
	return m->n < 5 ? DIS_MORE : 5 + (size_t)be(m->p + 3, 2);
}

const struct dis_proto dis_proto_tls = {
	.name = "TLS",
	.ports = ports,
	.tcp = true,
	.udp = false,
	.looks = looks,
	.dissect = dissect,
	.msg_len = msg_len,
	.fields = fields,
};

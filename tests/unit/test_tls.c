// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TLS dissector: which bytes it claims, each field's values as tshark
 * gives them, the records of one write each in a subtree, the encrypted
 * records, and the byte where a record cut short or a length that lies
 * (record, handshake, cipher suites, extensions, server names, ALPN) breaks.
 */
#include "dis_harness.h"

#define MSG(s) { (const uint8_t *)(s), sizeof(s) - 1, DIS_T_TCP, DIS_D_UNKNOWN, false }

/*
 * A ClientHello: record header (0), handshake header (5), version (9),
 * random (11), session ID length (43), cipher suites (44), compression (50),
 * extensions (52): server_name (54; the name at 63), ALPN (69; "h2" at 76,
 * "http/1.1" at 79), supported_versions (87), supported_groups (96) and
 * signature_algorithms (106); 114 bytes.
 */
static const uint8_t hello[] = {
	0x16, 0x03, 0x01, 0x00, 0x6d, 0x01, 0x00, 0x00, 0x69, 0x03, 0x03, 0x00, 0x01, 0x02, 0x03,
	0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x12,
	0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f, 0x00, 0x00,
	0x04, 0x13, 0x01, 0xc0, 0x2f, 0x01, 0x00, 0x00, 0x3c, 0x00, 0x00, 0x00, 0x0b, 0x00, 0x09,
	0x00, 0x00, 0x06, 0x61, 0x2e, 0x74, 0x65, 0x73, 0x74, 0x00, 0x10, 0x00, 0x0e, 0x00, 0x0c,
	0x02, 0x68, 0x32, 0x08, 0x68, 0x74, 0x74, 0x70, 0x2f, 0x31, 0x2e, 0x31, 0x00, 0x2b, 0x00,
	0x05, 0x04, 0x03, 0x04, 0x03, 0x03, 0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00,
	0x17, 0x00, 0x0d, 0x00, 0x04, 0x00, 0x02, 0x08, 0x04,
	/* a Change Cipher Spec after it */
	0x14, 0x03, 0x03, 0x00, 0x01, 0x01,
};
enum { HELLO = 114 };

/* A HelloRetryRequest choosing TLS 1.3 and asking for secp256r1. */
static const char hrr[] = "\x16\x03\x03\x00\x38\x02\x00\x00\x34\x03\x03"
			  "\xcf\x21\xad\x74\xe5\x9a\x61\x11\xbe\x1d\x8c\x02\x1e\x65\xb8\x91"
			  "\xc2\xa2\x11\x16\x7a\xbb\x8c\x5e\x07\x9e\x09\xe2\xc8\xa8\x33\x9c"
			  "\x00\x13\x02\x00\x00\x0c\x00\x2b\x00\x02\x03\x04\x00\x33\x00\x02\x00\x17";

static const struct dis_proto *find(const struct dis_msg *m, uint16_t port)
{
	return dis_proto_find(m, 40000, port);
}

static bool claimed(const struct dis_msg *m)
{
	const struct dis_proto *d = find(m, 9443);

	return d && strcmp(d->name, "TLS") == 0;
}

/* Dissects n bytes at p as TLS, whatever they look like. */
static void run(const uint8_t *p, size_t n)
{
	struct dis_msg m = { p, n, DIS_T_TCP, DIS_D_UNKNOWN, false };

	dissect_as("TLS", &m);
}

/* Whether a label node starts with text. */
static bool label(const char *text)
{
	for (size_t i = 0; i < t.count; i++)
		if (!t.n[i].field && strncmp(t.n[i].text, text, strlen(text)) == 0)
			return true;
	return false;
}

static void check_detection(void)
{
	struct dis_msg ch = { hello, HELLO, DIS_T_TCP, DIS_D_UNKNOWN, false };
	struct dis_msg head = { hello, 5, DIS_T_TCP, DIS_D_UNKNOWN, false };
	struct dis_msg sh = MSG(hrr), data = MSG("\x17\x03\x03\x00\x13\x8a\x01\x02");
	struct dis_msg http = MSG("GET / HTTP/1.1\r\nHost: a\r\n\r\n");
	struct dis_msg redis = MSG("*1\r\n$4\r\nPING\r\n");
	struct dis_msg pg = MSG("\0\0\0\x08\x04\xd2\x16\x2f");
	struct dis_msg dns = MSG("\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00"
				 "\3www\7example\4test\0\0\1\0\1");
	struct dis_msg text = MSG("Some text that is not a protocol at all\n");
	struct dis_msg tiny = MSG("\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00");
	struct dis_msg bad_type = MSG("\x16\x03\x01\x00\x40\x63\x00\x00\x3c\x03\x03");
	struct dis_msg bad_ver = MSG("\x16\x03\x07\x00\x40\x01\x00\x00\x3c\x03\x03");
	struct dis_msg huge = MSG("\x17\x03\x03\x50\x00\x00");

	CHECK(claimed(&ch) && claimed(&head) && claimed(&sh) && claimed(&data));
	/* by the bytes alone, or by a port hint */
	CHECK(find(&ch, 0) && strcmp(find(&ch, 0)->name, "TLS") == 0);
	CHECK(find(&ch, 443) && strcmp(find(&ch, 443)->name, "TLS") == 0);
	CHECK(!claimed(&http) && !claimed(&redis) && !claimed(&pg) && !claimed(&dns));
	CHECK(!claimed(&text) && !claimed(&tiny) && !claimed(&bad_type) && !claimed(&bad_ver));
	CHECK(!claimed(&huge));
	CHECK(find(&dns, 443) && strcmp(find(&dns, 443)->name, "DNS") == 0);
	CHECK(dis_proto_of_field("tls.handshake.extensions_server_name") != NULL);
}

static void check_client_hello(void)
{
	const struct dis_pnode *n;

	run(hello, HELLO);
	CHECK(t.malformed == -1);
	CHECK(t.count && t.n[0].depth == 0 && strcmp(t.n[0].text, "Transport Layer Security") == 0);
	CHECK(label("TLSv1 Record Layer: Handshake Protocol"));
	CHECK(label("Handshake Protocol: Client Hello"));
	CHECK(label("Cipher Suite: TLS_AES_128_GCM_SHA256 (0x1301)"));
	CHECK(label("Extension: server_name (len=11)"));
	CHECK_STR(values("tls.record.content_type"), "22");
	CHECK_STR(values("tls.record.version"), "0x0301");
	CHECK_STR(values("tls.record.length"), "109");
	CHECK_STR(values("tls.handshake.type"), "1");
	CHECK_STR(values("tls.handshake.length"), "105");
	CHECK_STR(values("tls.handshake.version"), "0x0303");
	CHECK_STR(values("tls.handshake.random"),
		  "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
	CHECK_STR(values("tls.handshake.session_id_length"), "0");
	CHECK_STR(values("tls.handshake.session_id"), "");
	CHECK_STR(values("tls.handshake.cipher_suites_length"), "4");
	CHECK_STR(values("tls.handshake.ciphersuite"), "0x1301,0xc02f");
	CHECK_STR(values("tls.handshake.comp_methods_length"), "1");
	CHECK_STR(values("tls.handshake.comp_method"), "0");
	CHECK_STR(values("tls.handshake.extensions_length"), "60");
	CHECK_STR(values("tls.handshake.extension.type"), "0,16,43,10,13");
	CHECK_STR(values("tls.handshake.extension.len"), "11,14,5,6,4");
	CHECK_STR(values("tls.handshake.extensions_server_name_list_len"), "9");
	CHECK_STR(values("tls.handshake.extensions_server_name_type"), "0");
	CHECK_STR(values("tls.handshake.extensions_server_name_len"), "6");
	CHECK_STR(values("tls.handshake.extensions_server_name"), "a.test");
	CHECK_STR(values("tls.handshake.extensions_alpn_len"), "12");
	CHECK_STR(values("tls.handshake.extensions_alpn_str_len"), "2,8");
	CHECK_STR(values("tls.handshake.extensions_alpn_str"), "h2,http/1.1");
	CHECK_STR(values("tls.handshake.extensions.supported_versions_len"), "4");
	CHECK_STR(values("tls.handshake.extensions.supported_version"), "0x0304,0x0303");
	CHECK_STR(values("tls.handshake.extensions_supported_groups_length"), "4");
	CHECK_STR(values("tls.handshake.extensions_supported_group"), "0x001d,0x0017");
	CHECK_STR(values("tls.handshake.sig_hash_alg_len"), "2");
	CHECK_STR(values("tls.handshake.sig_hash_alg"), "0x0804");
	n = node("tls.handshake.extensions_server_name", 0);
	CHECK(n && n->off == 63 && n->len == 6);
	n = node("tls.handshake.extensions_alpn_str", 1);
	CHECK(n && n->off == 79 && n->len == 8);
	n = node("tls.handshake.random", 0);
	CHECK(n && n->off == 11 && n->len == 32);
	n = node("tls.handshake.ciphersuite", 1);
	CHECK(n && n->off == 48 && n->len == 2);
	n = node("tls.record.length", 0);
	CHECK(n && n->off == 3 && n->len == 2);
}

static void check_records(void)
{
	/* a ClientHello, a Change Cipher Spec: two records, each a subtree */
	static const uint8_t fin[] = "\x14\x03\x03\x00\x01\x01\x16\x03\x03\x00\x05\x14\x00\x00\x0c\xaa"
				     "\x15\x03\x03\x00\x02\x02\x28\x15\x03\x03\x00\x03\x01\x02\x03";
	static const uint8_t app[] = "\x17\x03\x03\x00\x03\x01\x02\x03\x17\x03\x03\x00\x01\xff";
	unsigned int records = 0;

	run(hello, sizeof(hello));
	CHECK(t.malformed == -1);
	for (size_t i = 0; i < t.count; i++)
		records += t.n[i].depth == 1;
	CHECK(records == 2);
	CHECK_STR(values("tls.record.content_type"), "22,20");
	CHECK_STR(values("tls.record.length"), "109,1");
	CHECK(label("Change Cipher Spec Message"));

	/* after a Change Cipher Spec, a handshake record whose message does not fit is encrypted */
	run(fin, sizeof(fin) - 1);
	CHECK(t.malformed == -1);
	CHECK_STR(values("tls.record.content_type"), "20,22,21,21");
	CHECK_STR(values("tls.handshake.type"), "");
	CHECK(label("Encrypted Handshake Message"));
	CHECK_STR(values("tls.alert_message.level"), "2");
	CHECK_STR(values("tls.alert_message.desc"), "40");
	CHECK(label("Encrypted Alert"));

	/* a record read alone, its Change Cipher Spec in the read before: a known
	 * type by chance, and a length no message split over records has */
	run((const uint8_t *)"\x16\x03\x03\x00\x08\x04\xba\xab\x73\x11\x22\x33\x44", 13);
	CHECK(t.malformed == -1);
	CHECK_STR(values("tls.handshake.type"), "");
	CHECK(label("Encrypted Handshake Message"));

	run(app, sizeof(app) - 1);
	CHECK(t.malformed == -1);
	CHECK_STR(values("tls.record.content_type"), "23,23");
	CHECK_STR(values("tls.record.version"), "0x0303,0x0303");
	CHECK_STR(values("tls.record.length"), "3,1");
	CHECK(label("Encrypted Application Data"));
}

static void check_server_hello(void)
{
	run((const uint8_t *)hrr, sizeof(hrr) - 1);
	CHECK(t.malformed == -1);
	CHECK(label("Handshake Protocol: Hello Retry Request"));
	CHECK_STR(values("tls.handshake.type"), "2");
	CHECK_STR(values("tls.handshake.ciphersuite"), "0x1302");
	CHECK_STR(values("tls.handshake.comp_method"), "0");
	CHECK_STR(values("tls.handshake.session_id_length"), "0");
	CHECK_STR(values("tls.handshake.extension.type"), "43,51");
	CHECK_STR(values("tls.handshake.extensions.supported_version"), "0x0304");
	CHECK_STR(values("tls.handshake.extensions.supported_versions_len"), "");
}

/* hello with byte at changed to b (and the CCS after it); the byte where it breaks. */
static int64_t lie(size_t at, uint8_t b, size_t n)
{
	uint8_t p[sizeof(hello)];

	memcpy(p, hello, sizeof(p));
	p[at] = b;
	run(p, n);
	return t.malformed;
}

static void check_malformed(void)
{
	static const uint8_t sni[] = "\x16\x03\x01\x00\x3c\x01\x00\x00\x38\x03\x03"
				     "0123456789abcdef0123456789abcdef\x00\x00\x02\x13\x01\x01\x00"
				     "\x00\x0d\x00\x00\x00\x09\x00\x07\x00\x00\x04\x61\x1b\x5b\x6d";
	size_t n = sizeof(hello);

	/* a record cut short keeps what is there */
	CHECK(lie(0, 0x16, 80) == 80);
	CHECK_STR(values("tls.handshake.extensions_server_name"), "a.test");
	CHECK_STR(values("tls.handshake.extensions_alpn_str"), "h2");
	CHECK(lie(0, 0x16, 5) == 5);
	CHECK_STR(values("tls.record.length"), "109");
	CHECK(lie(0, 0x16, 2) == 2);
	CHECK_STR(values("tls.record.version"), "");
	/* the record's length: past the data, or more than a record may be */
	CHECK(lie(4, 0x6e, n) == HELLO + 1);
	CHECK(lie(3, 0x60, n) == 3);
	/* the handshake's, the cipher suites', the extensions': past their block */
	CHECK(lie(8, 0x6a, n) == HELLO);
	CHECK(lie(45, 0x80, n) == HELLO);
	CHECK(lie(53, 0x3d, n) == HELLO);
	/* an extension longer than its block */
	CHECK(lie(109, 0x05, n) == HELLO);
	CHECK_STR(values("tls.handshake.extension.len"), "11,14,5,6,5");
	/* the server name list's and a name's, the ALPN list's and a protocol's */
	CHECK(lie(59, 0x0a, n) == 69);
	CHECK(lie(62, 0x07, n) == 69);
	CHECK(lie(74, 0x0d, n) == 87);
	CHECK(lie(78, 0x09, n) == 87);
	CHECK_STR(values("tls.handshake.extensions_alpn_str"), "h2");
	/* bytes past a hello's extensions */
	CHECK(lie(53, 0x3b, n) == HELLO - 1);
	/* a second record that is not one */
	CHECK(lie(HELLO, 0x99, n) == HELLO);
	/* control bytes in a name are not printed */
	run(sni, sizeof(sni) - 1);
	CHECK(t.malformed == -1);
	CHECK_STR(values("tls.handshake.extensions_server_name"), "a.[m");
}

int main(void)
{
	dis_harness_init();
	check_detection();
	check_client_hello();
	check_records();
	check_server_hello();
	check_malformed();
	dis_harness_fini();
	return h_done();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The payload dissectors: which protocol a message is found to be, the
 * fields and byte ranges of its tree, and the byte where a message cut
 * short or lying about its length breaks.
 */
#include <string.h>

#include "dis_proto.h"
#include "harness.h"

static struct dis_ptree t;
static struct sbuf v;

static const struct dis_proto *find(const char *msg, enum dis_transport tr, uint16_t port)
{
	struct dis_msg m = { (const uint8_t *)msg, strlen(msg), tr, DIS_D_UNKNOWN };

	return dis_proto_find(&m, 40000, port);
}

/* Dissects msg as what the registry finds it to be; false if it finds nothing. */
static bool dissect(const char *msg)
{
	const struct dis_proto *d = find(msg, DIS_T_TCP, 0);

	if (!d)
		return false;
	struct dis_msg m = { (const uint8_t *)msg, strlen(msg), DIS_T_TCP, DIS_D_UNKNOWN };

	dis_ptree_dissect(&t, d, &m);
	return true;
}

/* The nth value of field, or "" if there is none. */
static const char *value(const char *field, unsigned int nth)
{
	sbuf_reset(&v);
	if (!dis_ptree_field(&t, field, nth, &v))
		return "";
	return v.s;
}

/* The node of field's first value. */
static const struct dis_pnode *node(const char *field)
{
	for (size_t i = 0; i < t.count; i++)
		if (t.n[i].field && strcmp(t.n[i].field, field) == 0)
			return &t.n[i];
	return NULL;
}

static void check_detection(void)
{
	CHECK(find("GET / HTTP/1.1\r\n", DIS_T_TCP, 28144) != NULL);
	CHECK_STR(find("HTTP/1.0 404 Not Found\r\n", DIS_T_ANY, 0)->name, "HTTP");
	CHECK(find("GETTING / HTTP/1.1\r\n", DIS_T_TCP, 80) == NULL);
	CHECK(find("\x16\x03\x01\x02\x00", DIS_T_TCP, 80) == NULL);
	/* HTTP/1.x runs over TCP only */
	CHECK(find("GET / HTTP/1.1\r\n", DIS_T_UDP, 80) == NULL);
	CHECK(dis_proto_of_field("http.request.uri") != NULL);
	CHECK(dis_proto_of_field("http.nosuch") == NULL);
}

static void check_http(void)
{
	const struct dis_pnode *n;

	CHECK(dissect("GET /a?b=1 HTTP/1.1\r\nhost: example.com:8080\r\n"
		      "User-Agent:  curl/8.0\r\nX-Other: 1\r\n\r\n"));
	CHECK_STR(value("http.request.method", 0), "GET");
	CHECK_STR(value("http.request.uri", 0), "/a?b=1");
	CHECK_STR(value("http.request.version", 0), "HTTP/1.1");
	CHECK_STR(value("http.host", 0), "example.com:8080");
	CHECK_STR(value("http.user_agent", 0), "curl/8.0");
	CHECK(t.malformed == -1);
	n = node("http.request.uri");
	CHECK(n && n->off == 4 && n->len == 6);
	n = node("http.host"); /* the whole header line */
	CHECK(n && n->off == 21 && n->len == 22);

	CHECK(dissect("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\n"
		      "Content-Length: 5\r\n\r\nhello"));
	CHECK_STR(value("http.response.version", 0), "HTTP/1.1");
	CHECK_STR(value("http.response.code", 0), "404");
	CHECK_STR(value("http.response.phrase", 0), "Not Found");
	CHECK_STR(value("http.content_type", 0), "text/html");
	CHECK_STR(value("http.content_length", 0), "5");
	CHECK_STR(value("http.file_data", 0), "hello");
	CHECK(t.malformed == -1);

	CHECK(dissect("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
		      "5\r\nhello\r\na;x=y\r\n0123456789\r\n0\r\n\r\n"));
	CHECK_STR(value("http.chunk_size", 0), "5");
	CHECK_STR(value("http.chunk_data", 0), "hello");
	CHECK_STR(value("http.chunk_size", 1), "10");
	CHECK_STR(value("http.chunk_data", 1), "0123456789");
	CHECK_STR(value("http.chunk_size", 2), "0");
	CHECK_STR(value("http.file_data", 0), "hello0123456789");
	sbuf_reset(&v);
	CHECK(dis_ptree_values(&t, "http.chunk_size", &v));
	CHECK_STR(v.s, "5,10,0");
	CHECK(t.malformed == -1);
}

static void check_malformed(void)
{
	static const char cut[] = "GET /long HTTP/1.1\r\nHost: a\r\nUser-Ag";
	static const char lying[] = "HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\nshort";
	static const char chunk[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
				    "ff\r\nonly this";

	/* cut in the headers: what came before is there, and it breaks at the end */
	CHECK(dissect(cut));
	CHECK_STR(value("http.host", 0), "a");
	CHECK(t.malformed == (int64_t)strlen(cut));
	/* a body shorter than its Content-Length */
	CHECK(dissect(lying));
	CHECK_STR(value("http.file_data", 0), "short");
	CHECK(t.malformed == (int64_t)strlen(lying));
	/* a chunk longer than what is left */
	CHECK(dissect(chunk));
	CHECK_STR(value("http.chunk_size", 0), "255");
	CHECK_STR(value("http.file_data", 0), "only this");
	CHECK(t.malformed == (int64_t)strlen(chunk));
	/* a request line with no version */
	CHECK(dissect("GET /\r\n\r\n"));
	CHECK(t.malformed == 5);
	/* control bytes in a value are dots */
	CHECK(dissect("GET /\x1b[2J HTTP/1.1\r\n\r\n"));
	CHECK_STR(value("http.request.uri", 0), "/.[2J");
}

/* Dissects n bytes as tr carries them, with the protocol the registry finds. */
static const char *dissect_bytes(const uint8_t *p, size_t n, enum dis_transport tr)
{
	struct dis_msg m = { p, n, tr, DIS_D_UNKNOWN };
	const struct dis_proto *d = dis_proto_find(&m, 40000, 53);

	if (!d)
		return "";
	dis_ptree_dissect(&t, d, &m);
	return d->name;
}

/* A response: www.example.test A, answered by a CNAME and an A, names compressed. */
static const uint8_t dns_resp[] = {
	0x12, 0x34, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0,
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't', 'e', 's', 't', 0,
	0, 1, 0, 1,
	0xc0, 12, 0, 5, 0, 1, 0, 0, 1, 0x2c, 0, 6, 3, 'w', 'e', 'b', 0xc0, 16,
	0xc0, 46, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 10,
};

static void check_dns(void)
{
	uint8_t b[sizeof(dns_resp) + 4];
	const struct dis_pnode *n;

	CHECK_STR(dissect_bytes(dns_resp, sizeof(dns_resp), DIS_T_UDP), "DNS");
	CHECK_STR(value("dns.id", 0), "0x1234");
	CHECK_STR(value("dns.flags.response", 0), "1");
	CHECK_STR(value("dns.flags.rcode", 0), "0");
	CHECK_STR(value("dns.qry.name", 0), "www.example.test");
	CHECK_STR(value("dns.qry.type", 0), "1");
	CHECK_STR(value("dns.cname", 0), "web.example.test");
	CHECK_STR(value("dns.resp.name", 1), "web.example.test");
	CHECK_STR(value("dns.resp.ttl", 0), "300");
	CHECK_STR(value("dns.a", 0), "192.0.2.10");
	CHECK(t.malformed == -1);
	n = node("dns.a");
	CHECK(n && n->off == sizeof(dns_resp) - 4 && n->len == 4);
	sbuf_reset(&v);
	CHECK(dis_ptree_values(&t, "dns.resp.type", &v));
	CHECK_STR(v.s, "5,1");

	/* over TCP: after its length, and the nodes' bytes moved by it */
	b[0] = 0;
	b[1] = sizeof(dns_resp);
	memcpy(b + 2, dns_resp, sizeof(dns_resp));
	CHECK_STR(dissect_bytes(b, sizeof(dns_resp) + 2, DIS_T_TCP), "DNS");
	CHECK_STR(value("dns.length", 0), "68");
	CHECK_STR(value("dns.a", 0), "192.0.2.10");
	n = node("dns.a");
	CHECK(n && n->off == sizeof(dns_resp) - 2);
	CHECK(t.malformed == -1);
	/* a lone byte after it */
	b[sizeof(dns_resp) + 2] = 0;
	CHECK_STR(dissect_bytes(b, sizeof(dns_resp) + 3, DIS_T_TCP), "DNS");
	CHECK(t.malformed == (int64_t)sizeof(dns_resp) + 2);
	/* a length past the end: what is there, malformed where the data ends */
	b[1] = sizeof(dns_resp) + 10;
	CHECK_STR(dissect_bytes(b, sizeof(dns_resp) + 2, DIS_T_TCP), "DNS");
	CHECK_STR(value("dns.a", 0), "192.0.2.10");
	CHECK(t.malformed == (int64_t)sizeof(dns_resp) + 2);
}

static void check_dns_malformed(void)
{
	uint8_t b[sizeof(dns_resp)];

	/* cut in the last record */
	CHECK_STR(dissect_bytes(dns_resp, sizeof(dns_resp) - 2, DIS_T_UDP), "DNS");
	CHECK_STR(value("dns.cname", 0), "web.example.test");
	CHECK_STR(value("dns.a", 0), "");
	CHECK(t.malformed == (int64_t)sizeof(dns_resp) - 2);
	/* the CNAME's pointer to itself: a loop, broken where it turns */
	memcpy(b, dns_resp, sizeof(b));
	b[51] = 46;
	CHECK_STR(dissect_bytes(b, sizeof(b), DIS_T_UDP), "DNS");
	CHECK_STR(value("dns.cname", 0), "");
	CHECK_STR(value("dns.resp.type", 0), "5");
	CHECK(t.malformed == 50);
	/* a pointer forward */
	memcpy(b, dns_resp, sizeof(b));
	b[35] = 60;
	CHECK_STR(dissect_bytes(b, sizeof(b), DIS_T_UDP), "DNS");
	CHECK(t.malformed == 34);
	/* a label type no one knows */
	b[34] = 0x80;
	CHECK_STR(dissect_bytes(b, sizeof(b), DIS_T_UDP), "DNS");
	CHECK(t.malformed == 34);
	/* a header alone is no DNS to the registry, nor is HTTP on port 53 */
	CHECK_STR(dissect_bytes(dns_resp, 12, DIS_T_UDP), "");
	CHECK(find("GET / HTTP/1.1\r\nHost: a\r\n\r\n", DIS_T_UDP, 53) == NULL);
}

int main(void)
{
	dis_ptree_init(&t);
	sbuf_init(&v);
	check_detection();
	check_http();
	check_malformed();
	check_dns();
	check_dns_malformed();
	sbuf_fini(&v);
	dis_ptree_fini(&t);
	return h_done();
}

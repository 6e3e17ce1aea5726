// SPDX-License-Identifier: GPL-2.0-only
/*
 * The payload dissectors: which protocol a message is found to be, the
 * fields and byte ranges of its tree, and the byte where a message cut
 * short or lying about its length breaks.
 */
#include "dis_harness.h"

static const struct dis_proto *find(const char *msg, enum dis_transport tr, uint16_t port)
{
	struct dis_msg m = { (const uint8_t *)msg, strlen(msg), tr, DIS_D_UNKNOWN, false };

	return dis_proto_find(&m, 40000, port);
}

/* Dissects msg as what the registry finds it to be; false if it finds nothing. */
static bool dissect(const char *msg)
{
	const struct dis_proto *d = find(msg, DIS_T_TCP, 0);

	if (!d)
		return false;
	struct dis_msg m = { (const uint8_t *)msg, strlen(msg), DIS_T_TCP, DIS_D_UNKNOWN, false };

	dis_ptree_dissect(&t, d, &m);
	return true;
}

/* Dissects len bytes of msg as Redis, going dir. */
static void redis(const char *msg, size_t len, enum dis_dir dir)
{
	struct dis_msg m = { (const uint8_t *)msg, len, DIS_T_TCP, dir, false };

	dissect_as("RESP", &m);
}

/* A string literal's bytes, as Redis. */
#define REDIS(lit, dir) redis(lit, sizeof(lit) - 1, dir)

static bool found_as(const char *msg, enum dis_dir dir, uint16_t port, const char *name)
{
	struct dis_msg m = { (const uint8_t *)msg, strlen(msg), DIS_T_TCP, dir, false };
	const struct dis_proto *d = dis_proto_find(&m, 40000, port);

	return name ? d && strcmp(d->name, name) == 0 : d == NULL;
}

static void check_redis_detection(void)
{
	CHECK(found_as("*1\r\n$4\r\nPING\r\n", DIS_D_UNKNOWN, 0, "RESP"));
	CHECK(found_as("+OK\r\n", DIS_D_TO_CLIENT, 6379, "RESP"));
	CHECK(found_as("-ERR unknown command\r\n", DIS_D_UNKNOWN, 0, "RESP"));
	CHECK(found_as(":42\r\n", DIS_D_UNKNOWN, 0, "RESP"));
	CHECK(found_as("$-1\r\n", DIS_D_UNKNOWN, 0, "RESP"));
	/* an inline command only when written to a server */
	CHECK(found_as("PING\r\n", DIS_D_TO_SERVER, 6379, "RESP"));
	CHECK(found_as("PING\r\n", DIS_D_UNKNOWN, 6379, NULL));
	CHECK(found_as("good morning\r\n", DIS_D_TO_SERVER, 6379, NULL));
	/* HTTP stays HTTP, even to Redis's port; TLS and text are not Redis */
	CHECK(found_as("GET / HTTP/1.1\r\nHost: a\r\n\r\n", DIS_D_TO_SERVER, 6379, "HTTP"));
	CHECK(found_as("GET / HTTP/1.1\r\nHost: a\r\n\r\n", DIS_D_TO_SERVER, 80, "HTTP"));
	CHECK(found_as("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", DIS_D_TO_SERVER, 6379,
		       NULL));
	CHECK(found_as("-rw-r--r-- 1 root root 0 a\r\n", DIS_D_UNKNOWN, 0, NULL));
	CHECK(found_as("+\r\n", DIS_D_UNKNOWN, 0, NULL));
	CHECK(found_as(":12a\r\n", DIS_D_UNKNOWN, 0, NULL));
	CHECK(found_as("$99999999999\r\n", DIS_D_UNKNOWN, 0, NULL));
	CHECK(found_as("*2\r\nhello\r\n", DIS_D_UNKNOWN, 0, NULL));
	CHECK(found_as("+OK", DIS_D_UNKNOWN, 0, NULL)); /* no line end */
	CHECK(found_as("*1\r\n$4\r\nPING\r\n", DIS_D_UNKNOWN, 0, "RESP"));
	CHECK(dis_proto_of_field("redis.command") != NULL);
	CHECK(dis_proto_of_field("resp.bulk_string.value") != NULL);
}

static void check_redis(void)
{
	static const char set[] = "*3\r\n$3\r\nset\r\n$1\r\nk\r\n$5\r\nhe\x01lo\r\n";
	static const char pipeline[] = "*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n";
	static const char nested[] = "*2\r\n*2\r\n:1\r\n$-1\r\n*0\r\n";
	static const char resp3[] = "%1\r\n+a\r\n#t\r\n,3.5\r\n(123456789012345678901\r\n_\r\n"
				    "~1\r\n:2\r\n";
	const struct dis_pnode *n;

	redis(set, sizeof(set) - 1, DIS_D_TO_SERVER);
	CHECK_STR(values("resp.array.length"), "3");
	CHECK_STR(values("resp.bulk_string.length"), "3,1,5");
	CHECK_STR(values("resp.bulk_string.value"), "736574,6b,6865016c6f");
	CHECK_STR(values("redis.value"), "set,k,he.lo");
	CHECK_STR(values("redis.command"), "SET");
	CHECK_STR(values("redis.args"), "k,he.lo");
	CHECK(t.malformed == -1);
	n = node("resp.bulk_string.value", 0);
	CHECK(n && n->off == 8 && n->len == 3);
	/* the same going to a client is no command */
	redis(set, sizeof(set) - 1, DIS_D_TO_CLIENT);
	CHECK_STR(values("redis.command"), "");
	/* with no direction known, a known command's name makes it one */
	redis(set, sizeof(set) - 1, DIS_D_UNKNOWN);
	CHECK_STR(values("redis.command"), "SET");
	REDIS("*2\r\n$1\r\na\r\n$1\r\nb\r\n", DIS_D_UNKNOWN);
	CHECK_STR(values("redis.command"), "");
	CHECK_STR(values("redis.value"), "a,b");

	/* a pipeline: each command a subtree of its own */
	redis(pipeline, sizeof(pipeline) - 1, DIS_D_TO_SERVER);
	CHECK_STR(values("redis.command"), "PING,GET");
	CHECK_STR(values("redis.args"), "k");
	CHECK_STR(values("resp.array.length"), "1,2");
	CHECK(t.malformed == -1);
	n = node("resp.array.length", 0);
	CHECK(n && n->depth == 2);

	/* replies: simple types, nested arrays, a null bulk string, an empty one */
	REDIS("+OK\r\n-ERR no\r\n:-7\r\n$0\r\n\r\n", DIS_D_TO_CLIENT);
	CHECK_STR(values("resp.string"), "OK");
	CHECK_STR(values("resp.error"), "ERR no");
	CHECK_STR(values("resp.integer"), "-7");
	CHECK_STR(values("resp.bulk_string.length"), "0");
	CHECK_STR(values("resp.bulk_string.value"), "");
	CHECK(t.malformed == -1);
	redis(nested, sizeof(nested) - 1, DIS_D_TO_CLIENT);
	CHECK_STR(values("resp.array.length"), "2,2,0");
	CHECK_STR(values("resp.integer"), "1");
	CHECK_STR(values("resp.bulk_string.length"), "-1");
	CHECK(t.malformed == -1);
	n = node("resp.integer", 0);
	CHECK(n && n->depth == 3);

	/* RESP3's types */
	redis(resp3, sizeof(resp3) - 1, DIS_D_TO_CLIENT);
	CHECK_STR(values("resp.map.length"), "1");
	CHECK_STR(values("resp.string"), "a");
	CHECK_STR(values("resp.boolean"), "true");
	CHECK_STR(values("resp.double"), "3.5");
	CHECK_STR(values("resp.big_number"), "123456789012345678901");
	CHECK_STR(values("resp.set.length"), "1");
	CHECK_STR(values("resp.integer"), "2");
	CHECK(t.malformed == -1);

	/* inline commands, written to a server */
	REDIS("ping\r\nSET  k v\r\n", DIS_D_TO_SERVER);
	CHECK_STR(values("redis.command"), "PING,SET");
	CHECK_STR(values("redis.args"), "k,v");
	CHECK(t.malformed == -1);
}

static void check_redis_malformed(void)
{
	static const char lies[] = "*2\r\n$3\r\nGET\r\n$10\r\nabc";
	static const char few[] = "*3\r\n$3\r\nGET\r\n";
	static const char huge[] = "$999999999999\r\nabc\r\n+OK\r\n";
	static const char badlen[] = "*-5\r\n+OK\r\n";
	static const char cut[] = "+OK\r\n:12";
	static const char nocrlf[] = "$2\r\nabXY+OK\r\n";
	char deep[200];
	size_t k = 0;

	/* a bulk string longer than what is left: its part, malformed at the end */
	redis(lies, sizeof(lies) - 1, DIS_D_TO_SERVER);
	CHECK_STR(values("resp.bulk_string.length"), "3,10");
	CHECK_STR(values("resp.bulk_string.value"), "474554,616263");
	CHECK_STR(values("redis.args"), "abc");
	CHECK(t.malformed == (int64_t)sizeof(lies) - 1);
	/* fewer elements than the array says */
	redis(few, sizeof(few) - 1, DIS_D_TO_SERVER);
	CHECK_STR(values("redis.command"), "GET");
	CHECK(t.malformed == (int64_t)sizeof(few) - 1);
	/* an absurd length: malformed at its header, and nothing after it */
	redis(huge, sizeof(huge) - 1, DIS_D_TO_CLIENT);
	CHECK(t.malformed == 0);
	CHECK_STR(values("resp.string"), "");
	redis(badlen, sizeof(badlen) - 1, DIS_D_TO_CLIENT);
	CHECK_STR(values("resp.array.length"), "-5");
	CHECK(t.malformed == 0);
	/* a header with no line end */
	redis(cut, sizeof(cut) - 1, DIS_D_TO_CLIENT);
	CHECK_STR(values("resp.string"), "OK");
	CHECK_STR(values("resp.integer"), "");
	CHECK(t.malformed == (int64_t)sizeof(cut) - 1);
	/* a bulk string's bytes not ended by CR LF */
	redis(nocrlf, sizeof(nocrlf) - 1, DIS_D_TO_CLIENT);
	CHECK_STR(values("redis.value"), "ab");
	CHECK(t.malformed == 6);
	/* an integer that is none */
	REDIS(":12x\r\n", DIS_D_TO_CLIENT);
	CHECK_STR(values("resp.integer"), "12");
	CHECK(t.malformed == 0);
	/* arrays nested past 31 levels: malformed at the one too deep */
	for (int i = 0; i < 40; i++) {
		memcpy(deep + k, "*1\r\n", 4);
		k += 4;
	}
	memcpy(deep + k, ":1\r\n", 4);
	k += 4;
	redis(deep, k, DIS_D_TO_CLIENT);
	CHECK(t.malformed == 31 * 4);
	CHECK_STR(values("resp.integer"), "");
	redis(deep + 9 * 4, k - 9 * 4, DIS_D_TO_CLIENT); /* 31 levels: whole */
	CHECK(t.malformed == -1);
	CHECK_STR(values("resp.integer"), "1");
	/* control bytes in a text are dots */
	REDIS("-ERR \x1b[2J\r\n", DIS_D_TO_CLIENT);
	CHECK_STR(values("resp.error"), "ERR .[2J");
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
	n = node("http.request.uri", 0);
	CHECK(n && n->off == 4 && n->len == 6);
	n = node("http.host", 0); /* the whole header line */
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
	struct dis_msg m = { p, n, tr, DIS_D_UNKNOWN, false };
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
	n = node("dns.a", 0);
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
	n = node("dns.a", 0);
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
	dis_harness_init();
	check_detection();
	check_http();
	check_malformed();
	check_dns();
	check_dns_malformed();
	check_redis_detection();
	check_redis();
	check_redis_malformed();
	dis_harness_fini();
	return h_done();
}

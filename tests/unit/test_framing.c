// SPDX-License-Identifier: GPL-2.0-only
/*
 * How each dissector frames its messages, for gathering them along a
 * stream: the bytes the first message takes (more than there are when it
 * needs more, DIS_MORE when how many is not known yet, 0 when the bytes
 * are no message of it), and, for HTTP, the head it needs to be dissected.
 */
#include "dis_harness.h"

/* The length name's framing gives the n bytes at p, over tr, going dir. */
static size_t len_dir(const char *name, const char *p, size_t n, enum dis_transport tr,
		      enum dis_dir dir)
{
	struct dis_msg m = { (const uint8_t *)p, n, tr, dir, false };

	return proto_named(name)->msg_len(&m);
}

static size_t len(const char *name, const char *p, size_t n)
{
	return len_dir(name, p, n, DIS_T_TCP, DIS_D_UNKNOWN);
}

static size_t head(const char *p)
{
	struct dis_msg m = { (const uint8_t *)p, strlen(p), DIS_T_TCP, DIS_D_UNKNOWN, false };

	return proto_named("HTTP")->head_len(&m);
}

#define S(s) s, sizeof(s) - 1

static void check_http(void)
{
	static const char get[] = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";
	static const char post[] = "POST /f HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcde";
	static const char chunked[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
				      "3\r\nabc\r\n0\r\n\r\n";

	CHECK(len("HTTP", S(get)) == sizeof(get) - 1);
	CHECK(head(get) == sizeof(get) - 1);
	/* headers in pieces: how many more is not known */
	CHECK(len("HTTP", get, 10) == DIS_MORE);
	CHECK(len("HTTP", get, 20) == DIS_MORE);
	CHECK(head("GET / HT") == DIS_MORE);
	/* a body as long as Content-Length says, whole or to come */
	CHECK(len("HTTP", S(post)) == sizeof(post) - 1);
	CHECK(len("HTTP", post, sizeof(post) - 3) == sizeof(post) - 1);
	CHECK(head(post) == sizeof(post) - 6);
	/* two requests: the first's bytes */
	CHECK(len("HTTP", "GET / HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\n\r\n", 36) == 18);
	/* chunks to the last, and the empty line after it */
	CHECK(len("HTTP", S(chunked)) == sizeof(chunked) - 1);
	CHECK(len("HTTP", chunked, sizeof(chunked) - 3) == DIS_MORE);
	/* responses without a body, and one its close ends */
	CHECK(len("HTTP", S("HTTP/1.1 204 No Content\r\nContent-Length: 9\r\n\r\n")) == 46);
	CHECK(len("HTTP", S("HTTP/1.1 304 Not Modified\r\n\r\n")) == 29);
	CHECK(len("HTTP", S("HTTP/1.0 200 OK\r\n\r\nto the close")) == 31);
	/* the start of a method or of a status line, or not HTTP */
	CHECK(len("HTTP", S("PO")) == DIS_MORE);
	CHECK(len("HTTP", S("HTTP/1")) == DIS_MORE);
	CHECK(len("HTTP", S("GETS / x\r\n\r\n")) == 0);
	CHECK(len("HTTP", S("\x16\x03\x01")) == 0);
	/* a response to HEAD: its headers alone, whatever Content-Length says */
	static const char head_resp[] = "HTTP/1.1 200 OK\r\nContent-Length: 612\r\n\r\n";
	struct dis_msg m = { (const uint8_t *)head_resp, sizeof(head_resp) - 1, DIS_T_TCP,
			     DIS_D_UNKNOWN, true };

	CHECK(proto_named("HTTP")->msg_len(&m) == sizeof(head_resp) - 1);
	CHECK(len("HTTP", S(head_resp)) == sizeof(head_resp) - 1 + 612);
	m.p = (const uint8_t *)"HEAD / HTTP/1.1\r\n\r\n";
	m.n = strlen((const char *)m.p);
	CHECK(dis_http_asks_head(&m));
	m.p = (const uint8_t *)"GET / HTTP/1.1\r\n\r\n";
	CHECK(!dis_http_asks_head(&m));
}

static void check_dns(void)
{
	/* over TCP, a message after its length; a datagram is whole */
	CHECK(len("DNS", S("\x00\x20")) == 0x22);
	CHECK(len("DNS", S("\x00")) == DIS_MORE);
	CHECK(len_dir("DNS", S("\x00\x20"), DIS_T_UDP, DIS_D_UNKNOWN) == 0);
}

static void check_tls(void)
{
	/* a record: its header and the length it gives */
	CHECK(len("TLS", S("\x16\x03\x01\x00\x6d")) == 5 + 0x6d);
	CHECK(len("TLS", S("\x17\x03\x03\x40\x11")) == 5 + 0x4011);
	CHECK(len("TLS", S("\x16\x03")) == DIS_MORE);
	CHECK(len("TLS", S("\x16\x07\x01\x00\x6d")) == 0);
	CHECK(len("TLS", S("GET / HTTP/1.1")) == 0);
}

static void check_pgsql(void)
{
	/* a startup message's length counts itself; a typed one's, all but its type */
	CHECK(len("PGSQL", S("\0\0\0\x23\0\3\0\0user")) == 0x23);
	CHECK(len("PGSQL", S("Q\0\0\0\x0dSEL")) == 14);
	CHECK(len("PGSQL", S("Q\0\0")) == DIS_MORE);
	CHECK(len("PGSQL", S("Q\0\0\0\x02")) == 0);
	/* the server's answer to an SSL request is a byte */
	CHECK(len_dir("PGSQL", S("N"), DIS_T_TCP, DIS_D_TO_CLIENT) == 1);
	CHECK(len_dir("PGSQL", S("N"), DIS_T_TCP, DIS_D_TO_SERVER) == DIS_MORE);
}

static void check_redis(void)
{
	static const char get[] = "*2\r\n$3\r\nGET\r\n$5\r\nhello\r\n";

	CHECK(len("RESP", S(get)) == sizeof(get) - 1);
	/* a bulk string's bytes are counted, though they are not there yet */
	CHECK(len("RESP", S("$5\r\nhel")) == 11);
	/* inside an array, how many more is not known */
	CHECK(len("RESP", get, sizeof(get) - 4) == DIS_MORE);
	CHECK(len("RESP", get, 3) == DIS_MORE);
	/* nested arrays, a null bulk string, a simple string, an inline command */
	CHECK(len("RESP", S("*2\r\n*1\r\n:1\r\n$-1\r\n+OK\r\n")) == 17);
	CHECK(len("RESP", S("+OK\r\n")) == 5);
	CHECK(len("RESP", S("PING\r\n")) == 6);
	/* lengths that cannot be */
	CHECK(len("RESP", S("$x\r\n")) == 0);
	CHECK(len("RESP", S("*-5\r\n")) == 0);
}

int main(void)
{
	check_http();
	check_dns();
	check_tls();
	check_pgsql();
	check_redis();
	return h_done();
}

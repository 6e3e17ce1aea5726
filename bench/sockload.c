// SPDX-License-Identifier: GPL-2.0-only
/*
 * sockload: socket I/O for benchmarks of live capture's snap lengths.
 *
 * usage: sockload COUNT SIZE KIND
 *
 * Sends COUNT messages of SIZE bytes over a TCP connection on loopback,
 * between two ports no port hint knows, and reads each back whole on the
 * other end: a write and a read (at least; four events) a message. KIND
 * says how every message starts: "http" (an HTTP request line), "tls" (a
 * TLS handshake record header) or "plain" (no protocol at all).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail(const char *what)
{
	perror(what);
	return 1;
}

int main(int argc, char **argv)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof(a);
	static const unsigned char tls[] = { 0x16, 0x03, 0x01, 0x05, 0xd0, 0x01 };
	unsigned long count, i;
	size_t size, got;
	char *msg, *in;
	ssize_t n;
	int srv, cli, peer;

	if (argc != 4) {
		fprintf(stderr, "usage: sockload COUNT SIZE http|tls|plain\n");
		return 2;
	}
	count = strtoul(argv[1], NULL, 10);
	size = strtoul(argv[2], NULL, 10);
	if (size < 16 || size > 65536) {
		fprintf(stderr, "sockload: SIZE must be 16 to 65536\n");
		return 2;
	}
	msg = malloc(size);
	in = malloc(size);
	if (!msg || !in)
		return fail("malloc");
	memset(msg, 'x', size);
	if (!strcmp(argv[3], "http"))
		memcpy(msg, "GET / HTTP/1.1\r\n", 16);
	else if (!strcmp(argv[3], "tls"))
		memcpy(msg, tls, sizeof(tls));
	else if (strcmp(argv[3], "plain")) {
		fprintf(stderr, "sockload: KIND must be http, tls or plain\n");
		return 2;
	}

	/* port 0: the kernel picks an ephemeral port, which no hint names */
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	srv = socket(AF_INET, SOCK_STREAM, 0);
	if (srv < 0 || bind(srv, (struct sockaddr *)&a, sizeof(a)) || listen(srv, 1) ||
	    getsockname(srv, (struct sockaddr *)&a, &alen))
		return fail("listen");
	cli = socket(AF_INET, SOCK_STREAM, 0);
	if (cli < 0 || connect(cli, (struct sockaddr *)&a, sizeof(a)))
		return fail("connect");
	peer = accept(srv, NULL, NULL);
	if (peer < 0)
		return fail("accept");

	for (i = 0; i < count; i++) {
		if (write(cli, msg, size) != (ssize_t)size)
			return fail("write");
		for (got = 0; got < size; got += (size_t)n) {
			n = read(peer, in + got, size - got);
			if (n <= 0)
				return fail("read");
		}
	}
	printf("%lu\n", count);
	close(peer);
	close(cli);
	close(srv);
	free(msg);
	free(in);
	return 0;
}

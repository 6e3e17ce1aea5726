// SPDX-License-Identifier: GPL-2.0-only
/* Addresses against addresses and networks. */
#include "eng_ipnet.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

bool eng_ipnet_parse(const char *v, size_t vn, struct eng_ipnet *net)
{
	const char *slash = memchr(v, '/', vn);
	size_t n = slash ? (size_t)(slash - v) : vn;
	char addr[INET6_ADDRSTRLEN], *end;
	long bits;

	if (n >= sizeof(addr) || memchr(v, '\0', vn))
		return false;
	memcpy(addr, v, n);
	addr[n] = '\0';
	net->len = memchr(addr, ':', n) ? 16 : 4;
	if (inet_pton(net->len == 4 ? AF_INET : AF_INET6, addr, net->addr) != 1)
		return false;
	net->bits = (uint8_t)(net->len * 8);
	if (!slash)
		return true;
	if (slash + 1 == v + vn || slash[1] < '0' || slash[1] > '9')
		return false;
	bits = strtol(slash + 1, &end, 10);
	if (end != v + vn || bits > net->len * 8)
		return false;
	net->bits = (uint8_t)bits;
	return true;
}

bool eng_ip_in(const char *ip, const struct eng_ipnet *net)
{
	uint8_t a[16], mask;

	if (inet_pton(net->len == 4 ? AF_INET : AF_INET6, ip, a) != 1)
		return false;
	if (memcmp(a, net->addr, net->bits / 8u))
		return false;
	if (net->bits % 8 == 0)
		return true;
	mask = (uint8_t)(0xff00 >> (net->bits % 8));
	return (a[net->bits / 8] & mask) == (net->addr[net->bits / 8] & mask);
}

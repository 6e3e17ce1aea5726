// SPDX-License-Identifier: GPL-2.0-only
/* Addresses against addresses and networks. */
#include "eng_ipnet.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool eng_ip_in(const char *ip, const char *v, size_t vn)
{
	const char *slash = memchr(v, '/', vn);
	int fam = strchr(ip, ':') ? AF_INET6 : AF_INET;
	size_t alen = fam == AF_INET ? 4 : 16, n = slash ? (size_t)(slash - v) : vn;
	uint8_t a[16], b[16], mask;
	char addr[INET6_ADDRSTRLEN];
	long bits = (long)alen * 8;
	char *end;

	if (n >= sizeof(addr))
		return false;
	memcpy(addr, v, n);
	addr[n] = '\0';
	if (inet_pton(fam, ip, a) != 1 || inet_pton(fam, addr, b) != 1)
		return false;
	if (slash) {
		bits = strtol(slash + 1, &end, 10);
		if (end == slash + 1 || *end || bits < 0 || bits > (long)alen * 8)
			return false;
	}
	if (memcmp(a, b, (size_t)bits / 8))
		return false;
	if (bits % 8 == 0)
		return true;
	mask = (uint8_t)(0xff00 >> (bits % 8));
	return (a[bits / 8] & mask) == (b[bits / 8] & mask);
}

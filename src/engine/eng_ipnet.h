/* SPDX-License-Identifier: GPL-2.0-only */
/* Addresses against addresses and networks, as filters compare IP fields. */
#ifndef SYSHARK_ENG_IPNET_H
#define SYSHARK_ENG_IPNET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An address, or a network ADDR/BITS (10.0.0.0/8): its first bits bits. */
struct eng_ipnet {
	uint8_t len;  /* 4 (IPv4) or 16 (IPv6) */
	uint8_t bits; /* len * 8 for an address */
	uint8_t addr[16];
};

/* Parses text v (vn bytes) into *net; false if it is neither. */
bool eng_ipnet_parse(const char *v, size_t vn, struct eng_ipnet *net);

/* Whether address ip (text) is in net; false if ip does not parse. */
bool eng_ip_in(const char *ip, const struct eng_ipnet *net);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* Addresses against addresses and networks, as filters compare IP fields. */
#ifndef SYSHARK_ENG_IPNET_H
#define SYSHARK_ENG_IPNET_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether address ip (text) is v (vn bytes): an address, or a network
 * ADDR/BITS that holds ip (10.0.0.0/8). Compares bytes, not text; false if
 * either does not parse.
 */
bool eng_ip_in(const char *ip, const char *v, size_t vn);

#endif

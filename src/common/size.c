// SPDX-License-Identifier: GPL-2.0-only
/* Sizes as users write them. */
#include "size.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

bool size_parse(const char *s, uint64_t *out)
{
	static const char units[] = "KMG";
	const char *u;
	char *end;
	unsigned long long v;
	int shift = 0;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno)
		return false;
	if (*end && (u = strchr(units, *end & ~0x20))) {
		shift = 10 * (int)(u - units + 1);
		end++;
	}
	if (*end || v > UINT64_MAX >> shift)
		return false;
	*out = (uint64_t)v << shift;
	return true;
}

// SPDX-License-Identifier: GPL-2.0-only
#include "xdg.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

bool xdg_dir(const char *var, const char *fallback, bool create, char *out, size_t n)
{
	const char *base = getenv(var), *home = getenv("HOME");
	size_t len;
	char *p;

	if (base && *base)
		len = (size_t)snprintf(out, n, "%s/syshark", base);
	else if (home && *home)
		len = (size_t)snprintf(out, n, "%s/%s/syshark", home, fallback);
	else
		return false;
	if (len >= n)
		return false;
	if (!create)
		return true;
	for (p = out + 1; *p; p++) {
		if (*p == '/') {
			*p = 0;
			mkdir(out, 0700);
			*p = '/';
		}
	}
	return mkdir(out, 0700) == 0 || errno == EEXIST;
}

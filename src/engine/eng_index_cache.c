// SPDX-License-Identifier: GPL-2.0-only
/* The index cache's size: its limit, and deleting what is over it. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "eng_index.h"
#include "eng_index_int.h"
#include "size.h"
#include "xalloc.h"

#define CACHE_MAX_DEFAULT (1ULL << 30)

int eng_index_cache_max(uint64_t *bytes)
{
	const char *s = getenv("SYSHARK_CACHE_MAX");

	*bytes = CACHE_MAX_DEFAULT;
	if (!s || !*s)
		return 0;
	return size_parse(s, bytes) ? 0 : -EINVAL;
}

/* The cache size limit in bytes; 1 GiB if SYSHARK_CACHE_MAX is not a size. */
static uint64_t cache_limit(void)
{
	uint64_t bytes;

	eng_index_cache_max(&bytes);
	return bytes;
}

struct cache_file {
	char name[64];
	struct timespec used;
	uint64_t size;
};

static int cache_file_cmp(const void *a, const void *b)
{
	const struct cache_file *x = a, *y = b;

	if (x->used.tv_sec != y->used.tv_sec)
		return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
	return (x->used.tv_nsec > y->used.tv_nsec) - (x->used.tv_nsec < y->used.tv_nsec);
}

void eng_index_cache_prune(const char *keep)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(keep, '/');
	struct cache_file *v = NULL;
	size_t n = 0, cap = 0;
	uint64_t total = 0, limit = cache_limit();
	struct dirent *de;
	DIR *d;
	int dfd;

	if (!slash || (size_t)(slash - keep) >= sizeof(dir))
		return;
	memcpy(dir, keep, (size_t)(slash - keep));
	dir[slash - keep] = 0;
	if (!(d = opendir(dir)))
		return;
	dfd = dirfd(d);
	while ((de = readdir(d))) {
		const char *dot = strstr(de->d_name, ".idx");
		struct stat st;

		if (!dot || strlen(de->d_name) >= sizeof(v->name) ||
		    fstatat(dfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
			continue;
		if (dot[4]) {
			if (st.st_mtime < time(NULL) - 86400)
				unlinkat(dfd, de->d_name, 0);
			continue;
		}
		total += (uint64_t)st.st_blocks * 512;
		if (!strcmp(de->d_name, slash + 1))
			continue;
		if (n == cap)
			v = xreallocarray(v, cap = cap ? 2 * cap : 16, sizeof(*v));
		snprintf(v[n].name, sizeof(v[n].name), "%s", de->d_name);
		v[n].used = st.st_mtim;
		v[n].size = (uint64_t)st.st_blocks * 512;
		n++;
	}
	if (n)
		qsort(v, n, sizeof(*v), cache_file_cmp);
	for (size_t i = 0; i < n && total > limit; i++)
		if (unlinkat(dfd, v[i].name, 0) == 0)
			total -= v[i].size;
	free(v);
	closedir(d);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Preloaded (LD_PRELOAD) by tests/cli/shrink.sh: right after the program
 * maps the file SHRINK_PATH names, the file is truncated to SHRINK_SIZE
 * bytes, as another program may do while the capture is read. The mapping
 * keeps its length, so reads past the new end fault (SIGBUS) every time.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/types.h>
#include <unistd.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	static void *(*real)(void *, size_t, int, int, int, off_t);
	const char *want = getenv("SHRINK_PATH"), *size = getenv("SHRINK_SIZE");
	char link[64], path[4096];
	ssize_t n;
	void *p;

	if (!real)
		real = (void *(*)(void *, size_t, int, int, int, off_t))dlsym(RTLD_NEXT, "mmap");
	p = real(addr, len, prot, flags, fd, off);
	if (p == MAP_FAILED || fd < 0 || !want || !size)
		return p;
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n > 0) {
		path[n] = 0;
		if (strcmp(path, want) == 0 && truncate(want, strtoll(size, NULL, 10)) < 0)
			perror("shrink: truncate");
	}
	return p;
}

// SPDX-License-Identifier: GPL-2.0-only
/* Scratch capture files, their size limit, and those killed processes left. */
#include "scratch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/*
 * True if name is a scratch file, "syshark-WORD-PID-XXXXXX", or the
 * ".syshark-WORD-PID-XXXXXX.PID.part" its writer fills, of a process that is gone.
 */
static bool left_by_dead(const char *name)
{
	bool part = name[0] == '.';
	const char *p, *tail;
	char *end;
	long pid;

	name += part;
	if (strncmp(name, "syshark-", 8) != 0 || !(p = strchr(name + 8, '-')))
		return false;
	errno = 0;
	pid = strtol(p + 1, &end, 10);
	if (errno || end == p + 1 || *end != '-' || strnlen(end + 1, 6) != 6 || pid <= 0 ||
	    pid == getpid())
		return false;
	tail = end + 7;
	if (part ? *tail != '.' || strlen(tail) < 6 || strcmp(tail + strlen(tail) - 5, ".part")
		 : *tail)
		return false;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

/* Deletes the scratch files in dir that this user's dead processes left. */
static void scratch_clean(const char *dir)
{
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (left_by_dead(de->d_name) &&
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && st.st_uid == geteuid())
			unlinkat(dirfd(d), de->d_name, 0);
	}
	closedir(d);
}

#define SCRATCH_MAX (1ULL << 30)

uint64_t scratch_limit(int fd)
{
	struct statvfs vfs;
	uint64_t half;

	if (fstatvfs(fd, &vfs) < 0)
		return SCRATCH_MAX;
	half = (uint64_t)vfs.f_bavail * vfs.f_frsize / 2;
	/* at least a byte: 0 would be no limit */
	return half < 1 ? 1 : half < SCRATCH_MAX ? half : SCRATCH_MAX;
}

int scratch_create(char *path, size_t n, const char *kind)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	scratch_clean(dir);
	snprintf(path, n, "%s/syshark-%s-%d-XXXXXX", dir, kind, (int)getpid());
	fd = mkstemp(path);
	if (fd < 0)
		fprintf(stderr, "syshark: cannot create a file for the capture in %s: %s\n", dir,
			strerror(errno));
	return fd;
}

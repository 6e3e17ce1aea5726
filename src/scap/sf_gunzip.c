// SPDX-License-Identifier: GPL-2.0-only
/* Inflating gzip captures, at once or on a thread of their own. */
#define _GNU_SOURCE /* O_TMPFILE */
#include "sf_gunzip.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <zlib.h>

#include "sf_reader.h"
#include "xalloc.h"

struct sf_gunzip {
	int in, out;
	uint64_t in_size;
	char path[64];	   /* /proc/self/fd/N of out */
	const char *name;  /* the capture, for messages */
	pthread_t thread;
	_Atomic bool stop;
	_Atomic bool done;
	_Atomic uint64_t in_off;
	struct diag err; /* written before done is set */
};

bool sf_is_gzip(const char *path)
{
	unsigned char magic[2];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool gz;

	if (fd < 0)
		return false;
	gz = pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
	close(fd);
	return gz;
}

/* Where inflated captures go: $TMPDIR, or /tmp. */
static const char *tmpdir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

int sf_tmpfile(void)
{
	const char *dir = tmpdir();
	char path[4096];
	int fd;

	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	snprintf(path, sizeof(path), "%s/syshark-XXXXXX", dir);
	fd = mkostemp(path, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	unlink(path);
	return fd;
}

/* Writes n bytes, adding what was written to *done; 0 or -errno. */
static int write_all(int fd, const void *p, size_t n, uint64_t *done)
{
	const char *c = p;
	ssize_t w;

	while (n) {
		w = write(fd, c, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		c += w;
		n -= (size_t)w;
		*done += (uint64_t)w;
	}
	return 0;
}

/*
 * Whether n more bytes leave the file system of fd a twentieth of its size
 * free (a reserve such as ext4 keeps), so that a gzip bomb cannot fill it.
 */
static bool room_for(int fd, size_t n)
{
	struct statvfs vfs;

	if (fstatvfs(fd, &vfs) < 0 || vfs.f_blocks == 0)
		return true; /* no figures: the write's own error will say */
	return vfs.f_bavail > vfs.f_blocks / 20 &&
	       (uint64_t)(vfs.f_bavail - vfs.f_blocks / 20) * vfs.f_frsize >= n;
}

/* Whether the gzip data ended inside a member (it is cut). */
static bool gz_cut(gzFile gz)
{
	int zerr;

	gzerror(gz, &zerr);
	return zerr == Z_BUF_ERROR;
}

int sf_gunzip_into(int in_fd, int out_fd, const char *path, struct diag *tail,
		   const _Atomic bool *stop, _Atomic uint64_t *in_off)
{
	enum { CHUNK = 1 << 20 };
	uint64_t total = 0;
	int dfd, rc, n, zerr, want = 64 * 1024; /* small at first: a follower starts sooner */
	struct stat st;
	bool pipe;
	char *buf;
	gzFile gz;

	dfd = dup(in_fd);
	if (dfd < 0)
		return diag_set(tail, -errno, 0, "%s: %s", path, strerror(errno));
	gz = gzdopen(dfd, "rb");
	if (!gz) {
		close(dfd);
		return diag_set(tail, -ENOMEM, 0, "%s: cannot start gzip decoding", path);
	}
	/*
	 * zlib reads until its buffer, and the read asked for, are full: from a
	 * pipe, a little at a time, so that what came is shown
	 */
	pipe = fstat(in_fd, &st) < 0 || !S_ISREG(st.st_mode);
	gzbuffer(gz, pipe ? 8192 : 256 * 1024);
	if (pipe)
		want = 8192;
	buf = xmalloc(CHUNK);
	while (!(stop && atomic_load(stop))) {
		n = gzread(gz, buf, (unsigned int)want);
		if (in_off)
			atomic_store(in_off, (uint64_t)gzoffset(gz));
		/* no capture: not a byte more is inflated (all of it in one read is checked whole) */
		if (n > 0 && total == 0 &&
		    sf_head_check(buf, (size_t)n, n == want || gz_cut(gz), tail) < 0)
			break;
		if (n > 0 && !room_for(out_fd, (size_t)n)) {
			diag_set(tail, -ENOSPC, total,
				 "stopped inflating after %llu bytes, before %s is nearly full; "
				 "set TMPDIR to a larger file system",
				 (unsigned long long)total, tmpdir());
			break;
		}
		if (n > 0) {
			rc = write_all(out_fd, buf, (size_t)n, &total);
			if (rc < 0) {
				diag_set(tail, rc, total,
					 "cannot inflate past %llu bytes into the temporary directory "
					 "(%s); set TMPDIR to a larger file system",
					 (unsigned long long)total, strerror(-rc));
				break;
			}
		}
		if (n == want && want < CHUNK && !pipe) {
			want *= 2;
			continue;
		}
		if (n < want) {
			const char *msg = gzerror(gz, &zerr);

			if (msg && strncmp(msg, "<fd:", 4) == 0 && strstr(msg, ": "))
				msg = strstr(msg, ": ") + 2; /* zlib names the fd, not the file */
			if (zerr == Z_BUF_ERROR && gzoffset(gz) >= 0)
				diag_set(tail, -EIO, total,
					 "the gzip stream is cut at byte %lld, after %llu "
					 "inflated bytes",
					 (long long)gzoffset(gz), (unsigned long long)total);
			else if (zerr == Z_BUF_ERROR) /* a pipe: no offset */
				diag_set(tail, -EIO, total,
					 "the gzip stream is cut short, after %llu inflated bytes",
					 (unsigned long long)total);
			else if (n < 0 || (zerr != Z_OK && zerr != Z_STREAM_END))
				diag_set(tail, -EIO, total,
					 "gzip data is damaged near compressed byte %lld, "
					 "after %llu inflated bytes (%s)",
					 (long long)gzoffset(gz), (unsigned long long)total,
					 msg && *msg ? msg : "read error");
			break;
		}
	}
	free(buf);
	gzclose(gz);
	return 0;
}

static void *gunzip_main(void *arg)
{
	struct sf_gunzip *g = arg;

	sf_gunzip_into(g->in, g->out, g->name, &g->err, &g->stop, &g->in_off);
	atomic_store_explicit(&g->done, true, memory_order_release);
	return NULL;
}

struct sf_gunzip *sf_gunzip_start(const char *path, struct diag *d)
{
	struct sf_gunzip *g = xcalloc(1, sizeof(*g));
	struct stat st;

	g->out = -1;
	g->name = path;
	g->in = open(path, O_RDONLY | O_CLOEXEC);
	if (g->in < 0 || fstat(g->in, &st) < 0) {
		diag_set(d, -errno, 0, "%s: %s", path, strerror(errno));
		goto fail;
	}
	g->in_size = (uint64_t)st.st_size;
	g->out = sf_tmpfile();
	if (g->out < 0) {
		diag_set(d, g->out, 0, "%s: cannot create a temporary file to inflate into: %s",
			 path, strerror(-g->out));
		goto fail;
	}
	snprintf(g->path, sizeof(g->path), "/proc/self/fd/%d", g->out);
	if (pthread_create(&g->thread, NULL, gunzip_main, g) != 0) {
		diag_set(d, -EAGAIN, 0, "%s: cannot start a thread to inflate it", path);
		goto fail;
	}
	return g;
fail:
	if (g->in >= 0)
		close(g->in);
	if (g->out >= 0)
		close(g->out);
	free(g);
	return NULL;
}

const char *sf_gunzip_path(const struct sf_gunzip *g)
{
	return g->path;
}

bool sf_gunzip_done(const struct sf_gunzip *g)
{
	return atomic_load_explicit(&g->done, memory_order_acquire);
}

int sf_gunzip_percent(const struct sf_gunzip *g)
{
	uint64_t off = atomic_load(&g->in_off);

	if (sf_gunzip_done(g))
		return 100;
	if (!g->in_size)
		return -1;
	return off >= g->in_size ? 99 : (int)(off * 100 / g->in_size);
}

const char *sf_gunzip_error(const struct sf_gunzip *g)
{
	return sf_gunzip_done(g) && g->err.code ? g->err.msg : NULL;
}

void sf_gunzip_free(struct sf_gunzip *g)
{
	if (!g)
		return;
	atomic_store(&g->stop, true);
	pthread_join(g->thread, NULL);
	close(g->in);
	close(g->out);
	free(g);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Block writer. Blocks are assembled in a buffer and written with one
 * write() (or, when buffered, several blocks per write()); a short write is
 * rolled back with ftruncate() so the file always ends on a block boundary.
 * A writer made by sf_writer_open_fn() hands each block to a function
 * instead.
 *
 * A capture file is written as a new file beside the one named, which
 * replaces it when closed (rename, so a symbolic link there is replaced,
 * never followed); until then, and for good if nothing was written, the
 * file named stays as it was.
 */
#include "sf_writer.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "xalloc.h"

struct sf_writer {
	int fd;
	char *path;
	char *part; /* the new file written, renamed to path when closed; NULL: path itself */
	uint64_t off; /* bytes in the file */
	int err;      /* first write error, -errno */
	uint8_t *buf;
	size_t len;   /* complete blocks waiting in buf */
	size_t cap;
	size_t flush_at; /* buffered: write when len reaches this; 0 = every block */
	sf_block_fn fn;
	void *fn_arg;
	sf_tap_fn tap;
	void *tap_arg;
};

void sf_writer_part(const char *path, char *out, size_t n)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	snprintf(out, n, "%.*s.%s.%ld.part", (int)(base - path), path, base, (long)getpid());
}

struct sf_writer *sf_writer_open(const char *path, struct diag *d)
{
	char part[PATH_MAX];
	struct sf_writer *w;
	struct stat st;
	bool in_place = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
	int fd;

	if (in_place && S_ISDIR(st.st_mode)) {
		diag_set(d, -EISDIR, 0, "%s: is a directory", path);
		return NULL;
	}
	/* a device or a pipe (/dev/stdout) is written as it is; a file is made anew */
	sf_writer_part(path, part, sizeof(part));
	fd = in_place ? open(path, O_WRONLY | O_CLOEXEC) :
			open(part, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		diag_set(d, -errno, 0, "%s: %s", in_place ? path : part, strerror(errno));
		return NULL;
	}
	w = xcalloc(1, sizeof(*w));
	w->fd = fd;
	w->path = xstrdup(path);
	w->part = in_place ? NULL : xstrdup(part);
	return w;
}

struct sf_writer *sf_writer_open_fn(sf_block_fn fn, void *arg)
{
	struct sf_writer *w = xcalloc(1, sizeof(*w));

	w->fd = -1;
	w->path = xstrdup("(stream)");
	w->fn = fn;
	w->fn_arg = arg;
	return w;
}

void sf_writer_set_buffer(struct sf_writer *w, size_t bytes)
{
	w->flush_at = bytes;
}

void sf_writer_set_tap(struct sf_writer *w, sf_tap_fn fn, void *arg)
{
	w->tap = fn;
	w->tap_arg = arg;
}

uint64_t sf_writer_bytes(const struct sf_writer *w)
{
	return w->off + w->len;
}

static int sf_writer_fail(struct sf_writer *w, int err, struct diag *d)
{
	if (!w->err)
		w->err = err;
	return diag_set(d, err, w->off, "%s: cannot write after %llu bytes: %s", w->path,
			(unsigned long long)w->off, strerror(-err));
}

/* The bytes of the whole blocks at the start of the first n waiting bytes. */
static size_t sf_whole_blocks(const struct sf_writer *w, size_t n)
{
	size_t at = 0, len;

	while (at + 8 <= n) {
		len = buf_le32(w->buf + at + 4);
		if (at + len > n)
			break;
		at += len;
	}
	return at;
}

/*
 * Writes the waiting blocks. When the disk fills part way, the file keeps
 * the blocks that were written whole and ends there.
 */
static int sf_writer_drain(struct sf_writer *w, struct diag *d)
{
	size_t done = 0, n = w->len, keep;
	ssize_t r;

	w->len = 0;
	if (w->err)
		return sf_writer_fail(w, w->err, d);
	while (done < n) {
		r = write(w->fd, w->buf + done, n - done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			int err = r < 0 ? -errno : -ENOSPC;

			keep = sf_whole_blocks(w, done);
			if (done > keep && ftruncate(w->fd, (off_t)(w->off + keep)) == 0)
				lseek(w->fd, (off_t)(w->off + keep), SEEK_SET);
			w->off += keep;
			return sf_writer_fail(w, err, d);
		}
		done += (size_t)r;
	}
	w->off += n;
	return 0;
}

int sf_writer_flush(struct sf_writer *w, struct diag *d)
{
	return w->len || w->err ? sf_writer_drain(w, d) : 0;
}

/* Ends the block of n bytes just assembled at the end of the buffer. */
static int sf_writer_put(struct sf_writer *w, size_t n, struct diag *d)
{
	int rc;

	if (w->fn) {
		rc = w->fn(w->fn_arg, w->buf, (uint32_t)n, d);
		if (rc == 0)
			w->off += n;
		return rc;
	}
	if (w->tap)
		w->tap(w->tap_arg, w->buf + w->len, (uint32_t)n, w->off + w->len);
	w->len += n;
	return w->len >= w->flush_at ? sf_writer_drain(w, d) : 0;
}

/* Room for a block of n bytes after the waiting ones. */
static uint8_t *sf_writer_room(struct sf_writer *w, size_t n)
{
	if (w->len + n > w->cap) {
		w->cap = w->len + n + (w->flush_at > 4096 ? w->flush_at : 4096);
		w->buf = xreallocarray(w->buf, w->cap, 1);
	}
	return w->buf + w->len;
}

int sf_writer_block(struct sf_writer *w, uint32_t type, const void *body, uint32_t len,
		    struct diag *d)
{
	uint32_t total = (uint32_t)(((uint64_t)len + 3) / 4 * 4 + 12);
	uint8_t *p = sf_writer_room(w, total);

	buf_put_le32(p, type);
	buf_put_le32(p + 4, total);
	memcpy(p + 8, body, len);
	memset(p + 8 + len, 0, total - 12 - len);
	buf_put_le32(p + total - 4, total);
	return sf_writer_put(w, total, d);
}

int sf_writer_copy(struct sf_writer *w, const struct sf_block *b, struct diag *d)
{
	return sf_writer_block(w, b->type, b->body, b->body_len, d);
}

/* The flagged block type of an event block type, or 0. */
static uint32_t sf_flagged_type(uint32_t type)
{
	switch (type) {
	case SF_BT_EV:
	case 0x8010ABCDu:
	case SF_BT_EVF:
		return SF_BT_EVF;
	case SF_BT_EV_V2:
	case SF_BT_EVF_V2:
		return SF_BT_EVF_V2;
	case SF_BT_EV_V2_LARGE:
	case SF_BT_EVF_V2_LARGE:
		return SF_BT_EVF_V2_LARGE;
	default:
		return 0;
	}
}

/* The plain block type of an event block type. */
static uint32_t sf_plain_type(uint32_t type)
{
	switch (type) {
	case SF_BT_EVF:
	case 0x8010ABCDu:
		return SF_BT_EV;
	case SF_BT_EVF_V2:
		return SF_BT_EV_V2;
	case SF_BT_EVF_V2_LARGE:
		return SF_BT_EV_V2_LARGE;
	default:
		return type;
	}
}

int sf_writer_event(struct sf_writer *w, const struct sf_block *b, uint32_t flags,
		    struct diag *d)
{
	uint32_t skip = b->has_flags ? 6 : 2, len, type, evlen;
	uint8_t *body;
	int rc;

	if (b->body_len < skip)
		return diag_set(d, -EINVAL, b->off, "event block at offset %llu is too short",
				(unsigned long long)b->off);
	type = flags ? sf_flagged_type(b->type) : sf_plain_type(b->type);
	if (!type)
		return diag_set(d, -EINVAL, b->off, "block at offset %llu is not an event",
				(unsigned long long)b->off);
	/* cpu, [flags], then the event as it was, without padding or options */
	evlen = b->body_len - skip;
	if (evlen >= 20 && buf_le32(b->body + skip + 16) <= evlen)
		evlen = buf_le32(b->body + skip + 16);
	len = evlen + (flags ? 6 : 2);
	body = xmalloc(len);
	memcpy(body, b->body, 2);
	if (flags)
		buf_put_le32(body + 2, flags);
	memcpy(body + (flags ? 6 : 2), b->body + skip, evlen);
	rc = sf_writer_block(w, type, body, len, d);
	free(body);
	return rc;
}

int sf_writer_ev(struct sf_writer *w, uint16_t cpu, uint32_t flags, bool large, const void *ev,
		 uint32_t len, struct diag *d)
{
	uint32_t pre = flags ? 6 : 2, body = pre + len;
	uint32_t total = (uint32_t)(((uint64_t)body + 3) / 4 * 4 + 12);
	uint8_t *p = sf_writer_room(w, total);
	uint32_t type = large ? (flags ? SF_BT_EVF_V2_LARGE : SF_BT_EV_V2_LARGE) :
				(flags ? SF_BT_EVF_V2 : SF_BT_EV_V2);

	buf_put_le32(p, type);
	buf_put_le32(p + 4, total);
	buf_put_le16(p + 8, cpu);
	if (flags)
		buf_put_le32(p + 10, flags);
	memcpy(p + 8 + pre, ev, len);
	memset(p + 8 + body, 0, total - 12 - body);
	buf_put_le32(p + total - 4, total);
	return sf_writer_put(w, total, d);
}

int sf_writer_close(struct sf_writer *w, struct diag *d)
{
	int rc;

	if (w->fn) {
		rc = w->err;
		goto out_free;
	}
	sf_writer_flush(w, NULL);
	rc = w->err;
	if (!rc && fsync(w->fd) < 0 && errno != EINVAL)
		rc = sf_writer_fail(w, -errno, d);
	else if (rc)
		sf_writer_fail(w, rc, d);
	if (close(w->fd) < 0 && !rc)
		rc = sf_writer_fail(w, -errno, d);
	/* what was written whole replaces path; with nothing written, path stays as it was */
	if (w->part && (w->off == 0 || rename(w->part, w->path) < 0)) {
		if (w->off && !rc)
			rc = diag_set(d, -errno, 0, "%s: cannot put the capture in place: %s",
				      w->path, strerror(errno));
		unlink(w->part);
	}
out_free:
	free(w->buf);
	free(w->path);
	free(w->part);
	free(w);
	return rc;
}

void sf_writer_discard(struct sf_writer *w)
{
	w->len = 0;
	w->off = 0;
	sf_writer_close(w, NULL);
}

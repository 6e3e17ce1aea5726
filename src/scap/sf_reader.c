// SPDX-License-Identifier: GPL-2.0-only
/*
 * Block walker for .scap files (pcapng container).
 *
 * The file is mapped read-only. A gzip file is inflated once, through zlib's
 * gz* interface (which also joins concatenated members), into an unlinked
 * temporary file that is then mapped, so memory use does not grow with the
 * capture. If the compressed stream ends early the inflated prefix is kept
 * and the error is reported when the walk reaches its end.
 */
#define _GNU_SOURCE
#include "sf_reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "sf_guard.h"
#include "sf_gunzip.h"
#include "xalloc.h"

#define SF_MAGIC 0x1A2B3C4Du
#define SF_MAGIC_SWAPPED 0x4D3C2B1Au

struct sf_reader {
	const uint8_t *data;
	size_t len;
	size_t off;
	size_t map_len; /* a followed file's mapping, larger than the file */
	int fd;		/* a followed file, or -1 */
	int data_fd;	/* the file mapped, for sf_reader_pread(), or -1 */
	/* a copy of the bytes at [win_off, win_off + win_len), read from win_src */
	uint8_t *win;
	const struct sf_reader *win_src;
	uint64_t win_off, win_end; /* win_end: where the sweep stops */
	size_t win_len, win_cap;
	bool mapped;
	bool gzipped;
	bool in_section;
	bool follow; /* the data grows: a block cut short is one still coming */
	int guard;   /* the mapping's sf_guard slot, or -1 */
	struct diag tail_err; /* reported at the end of data (gzip truncation) */
};

static int sf_next_checked(struct sf_reader *r, struct sf_block *b, struct diag *d);

/*
 * Inflates fd (a gzip file, or any stream, which zlib copies if it is not
 * gzip) into an unlinked temporary file; returns its fd or -errno.
 */
static int sf_inflate(struct sf_reader *r, int fd, const char *path, struct diag *d)
{
	int out = sf_tmpfile(), rc;

	if (out < 0)
		return diag_set(d, out, 0, "%s: cannot create a temporary file to inflate into: %s",
				path, strerror(-out));
	rc = sf_gunzip_into(fd, out, path, &r->tail_err, NULL, NULL);
	if (rc < 0) {
		*d = r->tail_err;
		close(out);
		return rc;
	}
	return out;
}

/*
 * Whether the blocks after r's section header start as a network pcapng's:
 * an interface description block, then only packet blocks as far as the
 * first 16 blocks (or the data) go. (A capture may hold packet blocks too,
 * among its own.)
 */
static bool sf_packets_only(struct sf_reader *r)
{
	struct sf_block b;
	int i;

	if (r->len - r->off < 4 || buf_le32(r->data + r->off) != SF_BT_IDB)
		return false;
	for (i = 0; i < 16 && sf_next_checked(r, &b, NULL) > 0; i++)
		if (b.kind != SF_K_PACKET && b.kind != SF_K_UNKNOWN)
			return false;
	return true;
}

/*
 * Reads r's first blocks to refuse at once what is no system call capture.
 * 0 or -errno with d set; r is left where it was.
 */
static int sf_head(struct sf_reader *r, struct diag *d)
{
	struct sf_block b;
	int rc = sf_next_checked(r, &b, d);

	if (rc > 0 && sf_packets_only(r))
		rc = diag_set(d, -EINVAL, b.total_len, "a packet capture, not a system call "
			      "capture: open it with Wireshark");
	r->off = 0;
	r->in_section = false;
	return rc < 0 ? rc : 0;
}

/* sf_head() of r, its message naming path. */
static int sf_first_block(struct sf_reader *r, const char *path, struct diag *d)
{
	struct diag first = { 0 };
	int rc = sf_head(r, &first);

	return rc < 0 ? diag_set(d, rc, first.off, "%s: %s", path, first.msg) : 0;
}

int sf_head_check(const void *p, size_t len, bool partial, struct diag *d)
{
	struct sf_reader r = { .data = p, .len = len, .fd = -1, .data_fd = -1, .guard = -1,
				.follow = partial };

	return sf_head(&r, d);
}

static int sf_map(struct sf_reader *r, int fd, const char *path, struct diag *d)
{
	struct stat st;
	void *p;

	if (fstat(fd, &st) < 0)
		return diag_set(d, -errno, 0, "%s: %s", path, strerror(errno));
	if (st.st_size == 0) {
		r->data = (const uint8_t *)"";
		r->len = 0;
		return 0;
	}
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return diag_set(d, -errno, 0, "%s: cannot map the file: %s", path, strerror(errno));
	madvise(p, (size_t)st.st_size, MADV_SEQUENTIAL);
	r->data = p;
	r->len = (size_t)st.st_size;
	r->mapped = true;
	r->guard = sf_guard_add(p, r->len);
	return 0;
}

struct sf_reader *sf_reader_open(const char *path, struct diag *d)
{
	struct sf_reader *r;
	unsigned char magic[2];
	struct stat st;
	ssize_t n;
	int fd, mfd, rc;

	fd = strcmp(path, "-") == 0 ? fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) :
				      open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		diag_set(d, -errno, 0, "%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_set(d, -EISDIR, 0, "%s: is a directory", path);
		close(fd);
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->fd = -1;
	r->data_fd = -1;
	r->guard = -1;
	n = pread(fd, magic, 2, 0);
	mfd = fd;
	r->gzipped = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
	/* a pipe or device is read once, as a stream: plain or gzip, zlib tells */
	if (r->gzipped || !S_ISREG(st.st_mode)) {
		mfd = sf_inflate(r, fd, path, d);
		if (mfd < 0) {
			close(fd);
			free(r);
			return NULL;
		}
	}
	rc = sf_map(r, mfd, path, d);
	if (mfd != fd)
		close(fd);
	r->data_fd = mfd;
	if (rc == 0)
		rc = sf_first_block(r, path, d);
	if (rc < 0) {
		sf_reader_free(r);
		return NULL;
	}
	return r;
}

struct sf_reader *sf_reader_open_mem(const void *buf, size_t len, struct diag *d)
{
	struct sf_reader *r = xcalloc(1, sizeof(*r));

	(void)d;
	r->data = buf;
	r->len = len;
	r->fd = -1;
	r->data_fd = -1;
	r->guard = -1;
	return r;
}

void sf_reader_free(struct sf_reader *r)
{
	if (!r)
		return;
	sf_guard_remove(r->guard);
	if (r->mapped)
		munmap((void *)(uintptr_t)r->data, r->map_len ? r->map_len : r->len);
	if (r->map_len && r->fd >= 0)
		close(r->fd);
	if (r->data_fd >= 0)
		close(r->data_fd);
	free(r);
}

struct sf_reader *sf_reader_follow(const char *path, struct diag *d)
{
	struct sf_reader *r;
	void *p;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		diag_set(d, -errno, 0, "%s: %s", path, strerror(errno));
		return NULL;
	}
	/* one mapping for all the file will become: its address never changes */
	p = mmap(NULL, SF_FOLLOW_MAX, PROT_READ, MAP_SHARED | MAP_NORESERVE, fd, 0);
	if (p == MAP_FAILED) {
		diag_set(d, -errno, 0, "%s: cannot map the file: %s", path, strerror(errno));
		close(fd);
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->guard = -1;
	r->data_fd = -1;
	r->data = p;
	r->map_len = SF_FOLLOW_MAX;
	r->fd = fd;
	r->mapped = true;
	r->follow = true;
	sf_reader_grow(r);
	return r;
}

size_t sf_reader_grow(struct sf_reader *r)
{
	struct stat st;

	if (r->map_len && r->fd >= 0 && fstat(r->fd, &st) == 0 && (size_t)st.st_size > r->len)
		r->len = (size_t)st.st_size < r->map_len ? (size_t)st.st_size : r->map_len;
	return r->len;
}

void sf_reader_follow_len(struct sf_reader *r, size_t len)
{
	r->follow = true;
	if (len > r->len)
		r->len = len;
}

void sf_reader_release(const struct sf_reader *r, uint64_t off, uint64_t len)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE), lo, hi;

	if (!r->mapped || off >= r->len)
		return;
	if (len > r->len - off)
		len = r->len - off;
	/* whole pages only: the neighbours' bytes may still be in use */
	lo = ((uintptr_t)r->data + off + page - 1) & ~(page - 1);
	hi = ((uintptr_t)r->data + off + len) & ~(page - 1);
	if (hi > lo)
		madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

ssize_t sf_reader_pread(const struct sf_reader *r, void *buf, size_t len, uint64_t off)
{
	if (r->data_fd < 0) {
		errno = EBADF;
		return -1;
	}
	return pread(r->data_fd, buf, len, (off_t)off);
}

void sf_reader_window(struct sf_reader *r, const struct sf_reader *src, void *buf, size_t cap,
		      uint64_t end)
{
	r->win = buf;
	r->win_src = src;
	r->win_cap = cap;
	r->win_end = end < r->len ? end : r->len;
	r->win_off = 0;
	r->win_len = 0;
}

/*
 * Points *p at the block at r->off in the window, read anew from there if
 * the block is not wholly in it; false if it is not there (past the sweep,
 * too large, or the read failed).
 */
static bool sf_win_block(struct sf_reader *r, const uint8_t **p, size_t *left)
{
	size_t in = r->off - r->win_off;
	ssize_t n;

	if (in < r->win_len && r->win_len - in >= 8 &&
	    buf_le32(r->win + in + 4) <= r->win_len - in)
		goto found;
	if (r->off >= r->win_end || !r->win_cap)
		return false;
	n = sf_reader_pread(r->win_src, r->win, r->win_end - r->off < r->win_cap ?
					    (size_t)(r->win_end - r->off) : r->win_cap, r->off);
	r->win_off = r->off;
	r->win_len = n > 0 ? (size_t)n : 0;
	in = 0;
	if (r->win_len < 8)
		return false;
found:
	*p = r->win + in;
	*left = r->win_len - in;
	return true;
}

const uint8_t *sf_reader_data(const struct sf_reader *r, size_t *len)
{
	*len = r->len;
	return r->data;
}

bool sf_reader_gzipped(const struct sf_reader *r)
{
	return r->gzipped;
}

uint64_t sf_reader_tell(const struct sf_reader *r)
{
	return r->off;
}

int sf_reader_seek(struct sf_reader *r, uint64_t off)
{
	if (off > r->len)
		return -EINVAL;
	r->off = (size_t)off;
	r->in_section = true;
	return 0;
}

/* Kind, version and dump flags of the block types 0x201..0x222. */
static const struct {
	uint8_t kind, version, has_flags;
} sf_types[] = {
	[SF_BT_MI - 0x200] = { SF_K_MI, 1, 0 },
	[SF_BT_PL_V1 - 0x200] = { SF_K_PL, 1, 0 },
	[SF_BT_FDL_V1 - 0x200] = { SF_K_FDL, 1, 0 },
	[SF_BT_EV - 0x200] = { SF_K_EV, 1, 0 },
	[SF_BT_IL_V1 - 0x200] = { SF_K_IL, 1, 0 },
	[SF_BT_UL_V1 - 0x200] = { SF_K_UL, 1, 0 },
	[SF_BT_PL_V2 - 0x200] = { SF_K_PL, 2, 0 },
	[SF_BT_EVF - 0x200] = { SF_K_EV, 1, 1 },
	[SF_BT_PL_V3 - 0x200] = { SF_K_PL, 3, 0 },
	[SF_BT_PL_V4 - 0x200] = { SF_K_PL, 4, 0 },
	[SF_BT_PL_V5 - 0x200] = { SF_K_PL, 5, 0 },
	[SF_BT_PL_V6 - 0x200] = { SF_K_PL, 6, 0 },
	[SF_BT_PL_V7 - 0x200] = { SF_K_PL, 7, 0 },
	[SF_BT_PL_V8 - 0x200] = { SF_K_PL, 8, 0 },
	[SF_BT_PL_V9 - 0x200] = { SF_K_PL, 9, 0 },
	[SF_BT_EV_V2 - 0x200] = { SF_K_EV, 2, 0 },
	[SF_BT_EVF_V2 - 0x200] = { SF_K_EV, 2, 1 },
	[SF_BT_FDL_V2 - 0x200] = { SF_K_FDL, 2, 0 },
	[SF_BT_IL_V2 - 0x200] = { SF_K_IL, 2, 0 },
	[SF_BT_UL_V2 - 0x200] = { SF_K_UL, 2, 0 },
	[SF_BT_EV_V2_LARGE - 0x200] = { SF_K_EV, 2, 0 },
	[SF_BT_EVF_V2_LARGE - 0x200] = { SF_K_EV, 2, 1 },
};

/* The block type an _INT alias stands for, or 0. */
static uint32_t sf_alias(uint32_t type)
{
	switch (type) {
	case 0x8010ABCDu:
		return SF_BT_EV;
	case 0x8002ABCDu:
		return SF_BT_MI;
	case 0x8000ABCDu:
		return SF_BT_PL_V1;
	case 0x8013ABCDu:
		return SF_BT_PL_V2;
	case 0x8014ABCDu:
		return SF_BT_PL_V3;
	case 0x8001ABCDu:
		return SF_BT_FDL_V1;
	case 0x8011ABCDu:
		return SF_BT_IL_V1;
	case 0x8012ABCDu:
		return SF_BT_UL_V1;
	default:
		return 0;
	}
}

static bool sf_classify_scap(struct sf_block *b, uint32_t type)
{
	uint32_t i = type - 0x200;

	if (type < 0x200 || i >= sizeof(sf_types) / sizeof(sf_types[0]) || !sf_types[i].kind)
		return false;
	b->kind = sf_types[i].kind;
	b->version = sf_types[i].version;
	b->has_flags = sf_types[i].has_flags;
	return true;
}

/* Block type to kind and version, _INT aliases included. */
void sf_classify(struct sf_block *b)
{
	/* the scap block types first: events are nearly all of a capture */
	if (sf_classify_scap(b, b->type))
		return;
	b->version = 1;
	b->has_flags = false;
	switch (b->type) {
	case SF_BT_SHB:
		b->kind = SF_K_SHB;
		break;
	case SF_BT_IDB:
	case SF_BT_EPB:
	case SF_BT_SPB:
	case SF_BT_OPB:
		b->kind = SF_K_PACKET;
		break;
	case SF_BT_PX:
		b->kind = SF_K_PX;
		break;
	default:
		if (!sf_classify_scap(b, sf_alias(b->type))) {
			b->kind = SF_K_UNKNOWN;
			b->version = 0;
		}
		break;
	}
}

/* The data ended early for a reason found while inflating: report that. */
static int sf_tail_err(const struct sf_reader *r, struct diag *d)
{
	if (d)
		*d = r->tail_err;
	return r->tail_err.code;
}

/* Hands out the block of type and len at the reader's offset. */
static int sf_take(struct sf_reader *r, struct sf_block *b, const uint8_t *p, uint32_t type,
		   uint32_t len)
{
	b->type = type;
	b->off = r->off;
	b->total_len = len;
	b->body = p + 8;
	b->body_len = len - 12;
	sf_classify(b);
	r->off += len;
	return 1;
}

/* The next block, every check made and every problem named. */
static int sf_next_checked(struct sf_reader *r, struct sf_block *b, struct diag *d)
{
	size_t left = r->len - r->off;
	const uint8_t *p = r->data + r->off;
	uint32_t type, len, trailer, magic;
	uint16_t major;

	/* a followed file: what is not all there yet is still being written */
	if (r->follow && left < 12)
		return 0;
	if (left == 0) {
		if (r->tail_err.code)
			return sf_tail_err(r, d);
		if (r->off == 0)
			return diag_set(d, -EINVAL, 0, "empty file: no section header block");
		return 0;
	}
	if (left < 12 && r->tail_err.code)
		return sf_tail_err(r, d);
	if (left < 12)
		return diag_set(d, -EINVAL, r->off,
				"truncated block at offset %zu: %zu bytes left, a block needs at least 12",
				r->off, left);
	type = buf_le32(p);
	len = buf_le32(p + 4);
	if (!r->in_section && type != SF_BT_SHB)
		return diag_set(d, -EINVAL, r->off,
				"not a scap capture: no section header block at offset %zu", r->off);
	if (type == SF_BT_SHB) {
		magic = buf_le32(p + 8);
		if (magic == SF_MAGIC_SWAPPED)
			return diag_set(d, -ENOTSUP, r->off,
					"section at offset %zu is big-endian, which is not supported",
					r->off);
		if (magic != SF_MAGIC)
			return diag_set(d, -EINVAL, r->off,
					"bad byte-order magic 0x%08x in section header at offset %zu",
					magic, r->off);
	}
	if (r->follow && len > left)
		return 0;
	if (len < 12 || len % 4)
		return diag_set(d, -EINVAL, r->off,
				"bad block length %u at offset %zu (block type 0x%x)", len, r->off,
				type);
	if (len > left && r->tail_err.code)
		return sf_tail_err(r, d);
	if (len > left)
		return diag_set(d, -EINVAL, r->off,
				"truncated block at offset %zu (block type 0x%x): %zu of %u bytes present",
				r->off, type, left, len);
	trailer = buf_le32(p + len - 4);
	if (trailer != len)
		return diag_set(d, -EINVAL, r->off + len - 4,
				"block at offset %zu (type 0x%x): trailing length %u differs from %u",
				r->off, type, trailer, len);
	if (type == SF_BT_SHB) {
		if (len < 28)
			return diag_set(d, -EINVAL, r->off,
					"section header at offset %zu is %u bytes, needs 28", r->off,
					len);
		major = buf_le16(p + 12);
		if (major > 1)
			return diag_set(d, -ENOTSUP, r->off,
					"section at offset %zu has version %u.%u, newer than 1.x",
					r->off, major, buf_le16(p + 14));
		r->in_section = true;
	}
	return sf_take(r, b, r->data + r->off, type, len);
}

int sf_reader_next(struct sf_reader *r, struct sf_block *b, struct diag *d)
{
	size_t left = r->len - r->off;
	const uint8_t *p = r->data + r->off;
	uint32_t type, len;
	int rc;

	/* a copy of these bytes, faster to read than the mapping */
	if (r->win && !sf_win_block(r, &p, &left)) {
		p = r->data + r->off;
		left = r->len - r->off;
	}
	/* what nearly every call meets: a whole block inside a section */
	if (left >= 12 && r->in_section) {
		type = buf_le32(p);
		len = buf_le32(p + 4);
		if (type != SF_BT_SHB && len >= 12 && len % 4 == 0 && len <= left &&
		    buf_le32(p + len - 4) == len)
			return sf_take(r, b, p, type, len);
	}
	rc = sf_next_checked(r, b, d);
	if (rc < 0 && r->len && sf_guard_hit(r->data))
		return diag_set(d, -EIO, r->off,
				"the file shrank while it was read: the block at offset %zu is cut "
				"short", r->off);
	return rc;
}

/* Puts the block's offset into the event decoder's message; returns rc. */
static __attribute__((cold, noinline)) int sf_event_error(const struct sf_block *b, uint32_t skip,
							  int rc, struct diag *d)
{
	char msg[sizeof(d->msg)];

	if (!d)
		return rc;
	snprintf(msg, sizeof(msg), "%s", d->msg);
	return diag_set(d, rc, b->off + 8 + skip + d->off, "event block at offset %llu: %s",
			(unsigned long long)b->off, msg);
}

int sf_event_decode(const struct sf_block *b, struct ev_view *ev, struct diag *d)
{
	/* u16 cpu, then the u32 dump flags of an EVF block */
	uint32_t skip = b->has_flags ? 6 : 2;
	int rc;

	if (b->body_len < skip)
		return diag_set(d, -EINVAL, b->off, "event block at offset %llu is too short",
				(unsigned long long)b->off);
	rc = ev_view_decode(ev, b->body + skip, b->body_len - skip, b->version == 1, d);
	if (rc < 0)
		return sf_event_error(b, skip, rc, d);
	ev->cpu = buf_le16(b->body);
	ev->flags = b->has_flags ? buf_le32(b->body + 2) : 0;
	return 0;
}

bool sf_event_peek(const struct sf_block *b, uint16_t *type, uint64_t *ts, uint32_t *flags)
{
	uint32_t skip = b->has_flags ? 6 : 2, hdr = b->version == 1 ? EV_HDR_V1_LEN : EV_HDR_V2_LEN;
	const uint8_t *p = b->body + skip;
	uint32_t len;

	if (b->body_len < skip + hdr)
		return false;
	len = buf_le32(p + 16);
	if (len < hdr || len > b->body_len - skip)
		return false;
	*ts = buf_le64(p);
	*type = buf_le16(p + 20);
	*flags = b->has_flags ? buf_le32(b->body + 2) : 0;
	return true;
}

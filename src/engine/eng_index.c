// SPDX-License-Identifier: GPL-2.0-only
/*
 * Index file layout (little-endian, as the host writes it):
 *
 *   [0, 512)            header (struct ix_hdr)
 *   [512, 512 + 12*cap) entries: u32 offset low, u32 offset high 16 bits |
 *                       type << 16, u32 tid; cap = capture bytes / 36 + 1, the
 *                       most events the capture can hold (the file is sparse)
 *   then                event columns (struct eng_col_row each, from a page
 *                       boundary), one per event, when the capture has them
 *   then                checkpoints (eng_replay_save() bytes), appended
 *   then                the columns' dictionaries (eng_cols_save())
 *   then                the checkpoint directory (struct ix_cp each)
 *
 * The header is written last, with complete = 1, so a half-built index is
 * never taken for a whole one, nor one that any write failed to store. The
 * capture's size, mtime, ctime, inode and device identify it; the build's
 * version must match. The header holds checksums of the entries and of the
 * directory, checked on loading, and each directory entry one of its
 * checkpoint, checked before the checkpoint is used. The dictionaries'
 * checksum is checked when the columns are first used; the columns' ids are
 * checked as they are read.
 *
 * The cache directory must belong to the user and be writable by no one
 * else, or it is not used (as ssh refuses a loose ~/.ssh).
 */
#define _GNU_SOURCE
#include "eng_index.h"
#include "eng_index_int.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "eng_cols.h"
#include "monotime.h"
#include "schema.h"
#include "xalloc.h"
#include "xdg.h"

#define IX_MAGIC "SYSHKIX1"
#define IX_VERSION 9u
#define IX_HDR 512u
#define IX_ENTRY 12u
#define IX_MIN_BLOCK 36u	   /* smallest event block: a v1 event without parameters */
#define IX_MIN_INTERVAL 4096u /* events between checkpoints, at least */
#define IX_LIVE_CAP (1ULL << 28) /* entries of a live index (a sparse file) */

struct ix_hdr {
	char magic[8];
	uint32_t version, hdr_size;
	uint64_t cap_size, cap_mtime_ns, cap_ino, cap_dev;
	uint64_t data_len, entry_cap;
	uint64_t nevents, ncps, cps_off;
	uint64_t cap_ctime_ns, entries_sum, cps_sum;
	uint64_t cols_off, cols_n, dict_off, dict_len, dict_sum;
	uint64_t dropped;
	uint32_t complete, damaged;
	int32_t damage_code;
	uint32_t pad;
	uint64_t damage_off;
	char damage_msg[200];
};
_Static_assert(sizeof(struct ix_hdr) <= IX_HDR, "index header fits its space");

struct ix_cp {
	uint64_t num; /* the checkpoint follows event num */
	uint64_t off; /* its bytes in the index file */
	uint64_t len;
	uint64_t sum; /* ix_sum() of its bytes */
};

/* Event column rows on their way to a file, batch by batch. */
struct col_sink {
	struct eng_cols_builder *b; /* NULL once the columns are given up */
	struct eng_col_row *batch;
	uint64_t k, done; /* rows in the batch, and written */
	int fd;		  /* the file, from off */
	uint64_t off;
};

struct eng_index {
	char *capture;
	struct sf_reader *rd; /* the capture, mapped (inflated once) */
	const uint8_t *data;
	size_t len;
	struct stat st;

	int fd;
	uint8_t *map;
	size_t map_len;
	uint64_t cap;
	char path[PATH_MAX], tmp_path[PATH_MAX + 8];

	struct ix_cp *cps;
	uint64_t cps_cap;
	_Atomic uint64_t ncps;
	uint64_t snap_end;

	_Atomic uint64_t count;
	_Atomic bool p1done, done, stop;
	pthread_t thread;
	bool threaded;
	pthread_mutex_t lock; /* reading checkpoints */
	pthread_cond_t cond;

	struct diag damage;
	bool damaged, cached;
	bool write_failed; /* an entry or checkpoint was not stored: never cached */
	char warning[ENG_IX_WARNING];
	double pass1_s, pass2_s;

	/* a live index: grown event by event while the capture is written */
	bool live;
	/* a followed capture: the length seen so far, and whether it is complete */
	bool follow;
	_Atomic size_t flen;
	_Atomic bool follow_end;
	uint64_t last_cp, interval;
	struct sbuf snap;

	/* event columns: cols_n rows at cols_off, dictionaries at dict_off */
	uint64_t cols_off, cols_n, dict_off, dict_len, dict_sum;
	uint64_t dropped; /* events the capture says it lost, once pass 2 is done */
	struct sbuf dict; /* the dictionaries, once built here */
	struct eng_cols cols;
	void *cols_map;
	char *dict_read; /* the dictionaries, once read from the file */
	bool cols_tried, cols_ok;
	struct col_sink live_cols; /* a live index's rows, in a file of their own */
};

static struct eng_replay *data_replay(struct eng_index *ix, struct diag *d);
static struct eng_index *follow_open(struct eng_index *ix, const char *capture, struct diag *d);


static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		h = (h ^ *b++) * 1099511628211ULL;
	return h;
}

/*
 * A checksum of n bytes, taken 32 at a time in four independent lanes (a
 * multiply's latency, not memory, bounds one lane), then eight at a time.
 */
static uint64_t ix_sum(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h[4] = { 1469598103934665603ULL, 2, 3, 4 }, w;
	int i;

	for (; n >= 32; b += 32, n -= 32) {
		for (i = 0; i < 4; i++) {
			memcpy(&w, b + 8 * i, 8);
			h[i] = (h[i] ^ w) * 0x9e3779b97f4a7c15ULL;
			h[i] ^= h[i] >> 32;
		}
	}
	for (i = 1; i < 4; i++)
		h[0] = (h[0] ^ h[i]) * 0x9e3779b97f4a7c15ULL;
	for (; n >= 8; b += 8, n -= 8) {
		memcpy(&w, b, 8);
		h[0] = (h[0] ^ w) * 0x9e3779b97f4a7c15ULL;
		h[0] ^= h[0] >> 32;
	}
	return fnv(h[0], b, n);
}

#define SUM_PARTS 4

struct sum_job {
	const uint8_t *p;
	size_t n, per;	  /* bytes in all, and in each part but the last */
	int first, step;  /* the parts this job sums */
	uint64_t sum[SUM_PARTS];
};

static void *sum_job(void *arg)
{
	struct sum_job *j = arg;

	for (int i = j->first; i < SUM_PARTS; i += j->step)
		j->sum[i] = ix_sum(j->p + j->per * (size_t)i,
				   i == SUM_PARTS - 1 ? j->n - j->per * (SUM_PARTS - 1) : j->per);
	return NULL;
}

/*
 * The checksum of the entries: ix_sum() of four parts, combined; the parts
 * are taken on as many threads as there are CPUs, up to four.
 */
static uint64_t entries_sum(const void *p, size_t n)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int nt = ncpu < 1 ? 1 : ncpu > SUM_PARTS ? SUM_PARTS : (int)ncpu, i;
	struct sum_job job[SUM_PARTS];
	pthread_t th[SUM_PARTS];
	bool started[SUM_PARTS] = { false };
	uint64_t h = 1469598103934665603ULL;

	for (i = 0; i < nt; i++)
		job[i] = (struct sum_job){ .p = p, .n = n, .per = n / SUM_PARTS / 32 * 32,
					   .first = i, .step = nt };
	for (i = 1; i < nt; i++)
		started[i] = pthread_create(&th[i], NULL, sum_job, &job[i]) == 0;
	for (i = 0; i < nt; i++)
		if (!started[i])
			sum_job(&job[i]);
	for (i = 1; i < nt; i++)
		if (started[i])
			pthread_join(th[i], NULL);
	for (i = 0; i < SUM_PARTS; i++)
		h = fnv(h, &job[i % nt].sum[i], sizeof(uint64_t));
	return h;
}

/*
 * The cache directory, created if needed; false if there is none, or if it
 * belongs to another user or others may write to it (ix->warning says so).
 */
static bool cache_dir(struct eng_index *ix, char *out, size_t n)
{
	struct stat st;

	if (!xdg_dir("XDG_CACHE_HOME", ".cache", true, out, n) || stat(out, &st) < 0)
		return false;
	if (st.st_uid != geteuid()) {
		snprintf(ix->warning, sizeof(ix->warning),
			 "the cache directory %s belongs to another user (uid %u): not used", out,
			 (unsigned int)st.st_uid);
		return false;
	}
	if (st.st_mode & (S_IWGRP | S_IWOTH)) {
		snprintf(ix->warning, sizeof(ix->warning),
			 "the cache directory %s is writable by others (mode %03o): not used", out,
			 (unsigned int)(st.st_mode & 0777));
		return false;
	}
	return access(out, W_OK | X_OK) == 0;
}

static void hdr_identity(const struct eng_index *ix, struct ix_hdr *h)
{
	memcpy(h->magic, IX_MAGIC, 8);
	h->version = IX_VERSION;
	h->hdr_size = IX_HDR;
	h->cap_size = (uint64_t)ix->st.st_size;
	h->cap_mtime_ns = (uint64_t)ix->st.st_mtim.tv_sec * 1000000000ULL +
			  (uint64_t)ix->st.st_mtim.tv_nsec;
	h->cap_ctime_ns = (uint64_t)ix->st.st_ctim.tv_sec * 1000000000ULL +
			  (uint64_t)ix->st.st_ctim.tv_nsec;
	h->cap_ino = (uint64_t)ix->st.st_ino;
	h->cap_dev = (uint64_t)ix->st.st_dev;
	h->data_len = ix->len;
	h->entry_cap = ix->cap;
}


bool eng_index_entry(const struct eng_index *ix, uint64_t n, struct eng_ix_entry *out)
{
	uint32_t w[3];

	if (n == 0 || n > eng_index_count(ix))
		return false;
	memcpy(w, ix->map + IX_HDR + (n - 1) * IX_ENTRY, sizeof(w));
	out->off = (uint64_t)w[0] | (uint64_t)(w[1] & 0xffff) << 32;
	out->type = (uint16_t)(w[1] >> 16);
	out->tid = w[2];
	return true;
}

bool eng_index_ts(const struct eng_index *ix, uint64_t n, uint64_t *ts)
{
	size_t len = eng_index_data_len(ix);
	struct eng_ix_entry en;
	struct sf_block b = { 0 };
	uint32_t flags;
	uint16_t type;

	if (!ix->data || !eng_index_entry(ix, n, &en) || en.off > len || len - en.off < 12)
		return false;
	b.off = en.off;
	b.type = buf_le32(ix->data + en.off);
	b.total_len = buf_le32(ix->data + en.off + 4);
	if (b.total_len < 12 || b.total_len > len - en.off)
		return false;
	b.body = ix->data + en.off + 8;
	b.body_len = b.total_len - 12;
	sf_classify(&b);
	return b.kind == SF_K_EV && sf_event_peek(&b, &type, ts, &flags);
}

uint64_t eng_index_count(const struct eng_index *ix)
{
	return atomic_load_explicit(&ix->count, memory_order_acquire);
}

bool eng_index_pass1_done(const struct eng_index *ix)
{
	return atomic_load_explicit(&ix->p1done, memory_order_acquire);
}

#define IX_BATCH 65536u /* entries written and published at a time */

/* Writes entries [first, first + k) from buf; false on a write error. */
static bool entries_flush(struct eng_index *ix, const uint32_t *buf, uint64_t first, uint64_t k);

/* Pass 1: block walk, one entry per numbered event. */
static void pass1(struct eng_index *ix)
{
	struct sf_reader *rd = sf_reader_open_mem(ix->data, ix->len, NULL);
	uint32_t *batch = xmalloc(IX_BATCH * IX_ENTRY);
	struct sf_block b;
	uint64_t n = 0, k = 0;
	int rc = 0;

	while (!atomic_load(&ix->stop) && (rc = sf_reader_next(rd, &b, &ix->damage)) > 0) {
		uint32_t pre = b.has_flags ? 6 : 2;
		uint16_t type;

		if (b.kind != SF_K_EV || b.body_len < pre + 22)
			continue;
		type = buf_le16(b.body + pre + 20);
		if (type >= EV_MAX || eng_is_state_record(type))
			continue;
		batch[3 * k] = (uint32_t)b.off;
		batch[3 * k + 1] = (uint32_t)(b.off >> 32) | (uint32_t)type << 16;
		batch[3 * k + 2] = (uint32_t)buf_le64(b.body + pre + 8);
		if (++k == IX_BATCH) {
			if (!entries_flush(ix, batch, n + 1, k)) {
				ix->write_failed = true;
				k = 0;
				break;
			}
			n += k;
			k = 0;
			atomic_store_explicit(&ix->count, n, memory_order_release);
		}
	}
	if (k && entries_flush(ix, batch, n + 1, k))
		n += k;
	else if (k)
		ix->write_failed = true;
	if (!atomic_load(&ix->stop) && rc < 0)
		ix->damaged = true;
	atomic_store_explicit(&ix->count, n, memory_order_release);
	atomic_store_explicit(&ix->p1done, true, memory_order_release);
	free(batch);
	sf_reader_free(rd);
}

static int write_all_at(int fd, const void *p, size_t n, uint64_t off)
{
	const uint8_t *c = p;
	ssize_t w;

	while (n) {
		w = pwrite(fd, c, n, (off_t)off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
		off += (uint64_t)w;
	}
	return 0;
}

static bool entries_flush(struct eng_index *ix, const uint32_t *buf, uint64_t first, uint64_t k)
{
	/* written, not stored through the map: full pages need no zeroing */
	return write_all_at(ix->fd, buf, k * IX_ENTRY, IX_HDR + (first - 1) * IX_ENTRY) == 0;
}

/*
 * Saves the replay's state as a checkpoint after event num if enough events
 * have passed since the last one. False when the index file is full.
 */
static bool checkpoint(struct eng_index *ix, const struct eng_replay *r, uint64_t num)
{
	uint64_t n = atomic_load(&ix->ncps);

	if (num - ix->last_cp < ix->interval)
		return true;
	if (n == ix->cps_cap) {
		if (!ix->live)
			return true;
		pthread_mutex_lock(&ix->lock);
		ix->cps_cap = ix->cps_cap * 2 + 16;
		ix->cps = xreallocarray(ix->cps, ix->cps_cap, sizeof(*ix->cps));
		pthread_mutex_unlock(&ix->lock);
	}
	sbuf_reset(&ix->snap);
	eng_replay_save(r, &ix->snap);
	if (write_all_at(ix->fd, ix->snap.s, ix->snap.len, ix->snap_end) < 0) {
		/* no room: fewer checkpoints, replays stay correct */
		ix->write_failed = true;
		return false;
	}
	pthread_mutex_lock(&ix->lock);
	ix->cps[n] = (struct ix_cp){ .num = num, .off = ix->snap_end, .len = ix->snap.len,
				     .sum = ix_sum(ix->snap.s, ix->snap.len) };
	atomic_fetch_add(&ix->ncps, 1);
	pthread_mutex_unlock(&ix->lock);
	ix->snap_end += ix->snap.len;
	ix->last_cp = num;
	/* checkpoints cost at most about 3 bytes per event */
	ix->interval = ix->snap.len / 3 > IX_MIN_INTERVAL ? ix->snap.len / 3 : IX_MIN_INTERVAL;
	return true;
}

static void sink_open(struct col_sink *cs, int fd, uint64_t off)
{
	*cs = (struct col_sink){ .b = eng_cols_builder_new(), .fd = fd, .off = off };
	cs->batch = xmalloc(IX_BATCH * sizeof(*cs->batch));
}

static void sink_drop(struct col_sink *cs)
{
	eng_cols_builder_free(cs->b);
	cs->b = NULL;
}

/* Writes the batch; false (the columns given up) on a write error. */
static bool sink_flush(struct col_sink *cs)
{
	if (cs->b && cs->k &&
	    write_all_at(cs->fd, cs->batch, cs->k * sizeof(*cs->batch),
			 cs->off + cs->done * sizeof(*cs->batch)) < 0)
		sink_drop(cs);
	cs->done += cs->k;
	cs->k = 0;
	return cs->b != NULL;
}

/* The row of event e, just replayed by r, which must be the next one. */
static void sink_add(struct col_sink *cs, const struct eng_replay *r, const struct eng_evt *e)
{
	if (!cs->b)
		return;
	if (e->num != cs->done + cs->k + 1 || !eng_cols_row(cs->b, r, e, &cs->batch[cs->k]))
		sink_drop(cs);
	else if (++cs->k == IX_BATCH)
		sink_flush(cs);
}

/*
 * Writes what is left; true if all n events have their rows, with the
 * dictionaries saved in dict. The sink is done either way.
 */
static bool sink_close(struct col_sink *cs, uint64_t n, struct sbuf *dict)
{
	bool ok = sink_flush(cs) && cs->done == n;

	if (ok)
		eng_cols_save(cs->b, dict);
	sink_drop(cs);
	free(cs->batch);
	cs->batch = NULL;
	return ok;
}

/*
 * Pass 2: a full replay, with a checkpoint every so often, and the event
 * columns (none if a dictionary fills up, or the events do not match pass 1's).
 */
static void pass2(struct eng_index *ix)
{
	struct eng_replay *r = eng_replay_open_mem(ix->data, ix->len, NULL);
	uint64_t n = eng_index_count(ix);
	struct col_sink cs;
	struct eng_evt e;

	ix->cols_off = (ix->snap_end + 4095) / 4096 * 4096;
	ix->snap_end = ix->cols_off + n * sizeof(struct eng_col_row);
	sink_open(&cs, ix->fd, ix->cols_off);
	while (!atomic_load(&ix->stop) && eng_replay_next(r, &e, NULL) > 0) {
		sink_add(&cs, r, &e);
		if (!checkpoint(ix, r, e.num))
			break;
	}
	if (sink_close(&cs, n, &ix->dict) && !atomic_load(&ix->stop)) {
		ix->cols_n = n;
		ix->dict_len = ix->dict.len;
	}
	ix->dropped = r->stats.dropped;
	eng_replay_free(r);
}

/*
 * Writes the directory and the header, and moves the file into the cache;
 * an index that some write failed to store is left out of it.
 */
static void finish(struct eng_index *ix)
{
	struct ix_hdr h;
	uint64_t n = atomic_load(&ix->ncps);

	if (ix->write_failed)
		return;
	memset(&h, 0, sizeof(h));
	hdr_identity(ix, &h);
	h.nevents = eng_index_count(ix);
	h.ncps = n;
	h.cols_off = ix->cols_off;
	h.cols_n = ix->cols_n;
	h.dropped = ix->dropped;
	h.dict_off = ix->snap_end;
	h.dict_len = ix->dict.len;
	h.dict_sum = ix_sum(ix->dict.s, ix->dict.len);
	h.cps_off = ix->snap_end + ix->dict.len;
	h.entries_sum = entries_sum(ix->map + IX_HDR, h.nevents * IX_ENTRY);
	h.cps_sum = ix_sum(ix->cps, n * sizeof(*ix->cps));
	h.damaged = ix->damaged;
	if (ix->damaged) {
		h.damage_code = ix->damage.code;
		h.damage_off = ix->damage.off;
		snprintf(h.damage_msg, sizeof(h.damage_msg), "%s", ix->damage.msg);
	}
	if (write_all_at(ix->fd, ix->dict.s, ix->dict.len, h.dict_off) < 0 ||
	    write_all_at(ix->fd, ix->cps, n * sizeof(*ix->cps), h.cps_off) < 0)
		return;
	h.complete = 1;
	/* written, not stored through the map: a full disk fails the write, not the process */
	if (write_all_at(ix->fd, &h, sizeof(h), 0) < 0)
		return;
	if (ix->tmp_path[0]) {
		msync(ix->map, IX_HDR, MS_SYNC);
		if (rename(ix->tmp_path, ix->path) < 0)
			unlink(ix->tmp_path);
		else
			eng_index_cache_prune(ix->path);
		ix->tmp_path[0] = 0;
	}
}

static void *build(void *arg)
{
	struct eng_index *ix = arg;
	double t0 = mono_now();

	pass1(ix);
	ix->pass1_s = mono_now() - t0;
	t0 = mono_now();
	pass2(ix);
	ix->pass2_s = mono_now() - t0;
	if (!atomic_load(&ix->stop))
		finish(ix);
	pthread_mutex_lock(&ix->lock);
	atomic_store_explicit(&ix->done, true, memory_order_release);
	pthread_cond_broadcast(&ix->cond);
	pthread_mutex_unlock(&ix->lock);
	return NULL;
}

/* Maps the index file's header and entries; false on failure. */
static bool map_file(struct eng_index *ix)
{
	ix->map_len = IX_HDR + ix->cap * IX_ENTRY;
	ix->map = mmap(NULL, ix->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, ix->fd, 0);
	if (ix->map == MAP_FAILED) {
		ix->map = NULL;
		return false;
	}
	return true;
}

/* Undoes a load_cached() that found the file unfit: false. */
static bool load_fail(struct eng_index *ix)
{
	if (ix->map)
		munmap(ix->map, ix->map_len);
	ix->map = NULL;
	free(ix->cps);
	ix->cps = NULL;
	close(ix->fd);
	ix->fd = -1;
	return false;
}

/*
 * Tries the cache: true if a complete index of this capture was loaded;
 * its entries' checksum is not checked if !check_entries.
 */
static bool load_cached(struct eng_index *ix, bool check_entries)
{
	struct ix_hdr h, want;
	struct stat st;
	int fd = open(ix->path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return false;
	memset(&want, 0, sizeof(want));
	hdr_identity(ix, &want);
	if (pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) || memcmp(h.magic, IX_MAGIC, 8) ||
	    h.version != IX_VERSION || !h.complete || h.cap_size != want.cap_size ||
	    h.cap_mtime_ns != want.cap_mtime_ns || h.cap_ctime_ns != want.cap_ctime_ns ||
	    h.cap_ino != want.cap_ino ||
	    h.cap_dev != want.cap_dev || h.data_len != want.data_len ||
	    h.entry_cap != want.entry_cap || h.nevents > h.entry_cap || fstat(fd, &st) < 0 ||
	    h.ncps > (uint64_t)st.st_size / sizeof(struct ix_cp) ||
	    h.cps_off + h.ncps * sizeof(struct ix_cp) > (uint64_t)st.st_size ||
	    h.dict_len > h.cps_off || h.dict_off != h.cps_off - h.dict_len ||
	    (h.cols_n && (h.cols_n != h.nevents || h.cols_off % 4096 ||
			  h.cols_off < IX_HDR + h.entry_cap * IX_ENTRY ||
			  h.cols_n > (h.dict_off - h.cols_off) / sizeof(struct eng_col_row)))) {
		close(fd);
		return false;
	}
	ix->fd = fd;
	ix->cap = h.entry_cap;
	ix->cps_cap = h.ncps;
	ix->cps = xcalloc(h.ncps + 1, sizeof(*ix->cps));
	if (!map_file(ix) ||
	    pread(fd, ix->cps, h.ncps * sizeof(*ix->cps), (off_t)h.cps_off) !=
		    (ssize_t)(h.ncps * sizeof(*ix->cps)) ||
	    ix_sum(ix->cps, h.ncps * sizeof(*ix->cps)) != h.cps_sum ||
	    (check_entries && entries_sum(ix->map + IX_HDR, h.nevents * IX_ENTRY) != h.entries_sum))
		return load_fail(ix);
	/* checkpoints lie between the entries and the directory, in order */
	for (uint64_t i = 0; i < h.ncps; i++) {
		const struct ix_cp *cp = &ix->cps[i];

		if (cp->off < IX_HDR + h.entry_cap * IX_ENTRY || cp->len > h.dict_off ||
		    cp->off > h.dict_off - cp->len || cp->num > h.nevents ||
		    (i && cp->num <= ix->cps[i - 1].num))
			return load_fail(ix);
	}
	ix->snap_end = h.dict_off;
	ix->cols_off = h.cols_off;
	ix->cols_n = h.cols_n;
	ix->dropped = h.dropped;
	ix->dict_off = h.dict_off;
	ix->dict_len = h.dict_len;
	ix->dict_sum = h.dict_sum;
	atomic_store(&ix->ncps, h.ncps);
	atomic_store(&ix->count, h.nevents);
	atomic_store(&ix->p1done, true);
	atomic_store(&ix->done, true);
	ix->damaged = h.damaged;
	if (h.damaged) {
		ix->damage.code = h.damage_code;
		ix->damage.off = h.damage_off;
		snprintf(ix->damage.msg, sizeof(ix->damage.msg), "%s", h.damage_msg);
	}
	futimens(fd, NULL); /* marks it recently used */
	ix->cached = true;
	return true;
}

/* Creates the file to build into: in the cache, else unlinked in TMPDIR. */
static bool create_file(struct eng_index *ix, bool use_cache)
{
	const char *tmpdir = getenv("TMPDIR");

	if (use_cache && ix->path[0]) {
		snprintf(ix->tmp_path, sizeof(ix->tmp_path), "%s.XXXXXX", ix->path);
		ix->fd = mkostemp(ix->tmp_path, O_CLOEXEC);
		if (ix->fd >= 0 && ftruncate(ix->fd, (off_t)(IX_HDR + ix->cap * IX_ENTRY)) == 0)
			return true;
		if (ix->fd >= 0) {
			close(ix->fd);
			unlink(ix->tmp_path);
		}
	}
	ix->tmp_path[0] = 0;
	ix->path[0] = 0;
	ix->fd = open(tmpdir && *tmpdir ? tmpdir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	return ix->fd >= 0 && ftruncate(ix->fd, (off_t)(IX_HDR + ix->cap * IX_ENTRY)) == 0;
}

/* Creates and maps an empty index file, checkpoints to follow the entries. */
static bool create_mapped(struct eng_index *ix, bool use_cache)
{
	if (!create_file(ix, use_cache) || !map_file(ix))
		return false;
	ix->snap_end = IX_HDR + ix->cap * IX_ENTRY;
	return true;
}

/* Creates the index of ix->capture and starts fn building it on the engine thread. */
static bool start_build(struct eng_index *ix, bool use_cache, void *(*fn)(void *),
			struct diag *d)
{
	if (!create_mapped(ix, use_cache)) {
		diag_set(d, -errno, 0, "cannot create the index of %s: %s", ix->capture,
			 strerror(errno));
		return false;
	}
	if (pthread_create(&ix->thread, NULL, fn, ix) != 0) {
		diag_set(d, -EAGAIN, 0, "cannot start the engine thread");
		return false;
	}
	ix->threaded = true;
	return true;
}

static void index_init(struct eng_index *ix)
{
	ix->fd = -1;
	ix->live_cols.fd = -1;
	ix->interval = IX_MIN_INTERVAL;
	sbuf_init(&ix->snap);
	sbuf_init(&ix->dict);
	pthread_mutex_init(&ix->lock, NULL);
	pthread_cond_init(&ix->cond, NULL);
}

/* The cache file of capture as it is now (ix->st), in path; false if none. */
static bool cache_path(struct eng_index *ix, const char *capture, char *path, size_t n)
{
	char real[PATH_MAX], dir[PATH_MAX];
	uint64_t key;

	if (!realpath(capture, real))
		snprintf(real, sizeof(real), "%s", capture);
	key = fnv(1469598103934665603ULL, real, strlen(real));
	key = fnv(key, &ix->st.st_size, sizeof(ix->st.st_size));
	key = fnv(key, &ix->st.st_mtim, sizeof(ix->st.st_mtim));
	key = fnv(key, &ix->st.st_ino, sizeof(ix->st.st_ino));
	return cache_dir(ix, dir, sizeof(dir)) &&
	       (size_t)snprintf(path, n, "%s/%016llx.idx", dir, (unsigned long long)key) < n;
}

struct eng_index *eng_index_open(const char *capture, unsigned int flags, struct diag *d)
{
	struct eng_index *ix = xcalloc(1, sizeof(*ix));

	index_init(ix);
	ix->capture = xstrdup(capture);
	if (stat(capture, &ix->st) < 0) {
		diag_set(d, -errno, 0, "%s: %s", capture, strerror(errno));
		goto fail;
	}
	if (flags & ENG_IX_FOLLOW)
		return follow_open(ix, capture, d);
	/* a pipe has no cached index, and is not read twice */
	if ((flags & ENG_IX_CACHED_ONLY) && !S_ISREG(ix->st.st_mode))
		goto fail;
	ix->rd = sf_reader_open(capture, d);
	if (!ix->rd)
		goto fail;
	ix->data = sf_reader_data(ix->rd, &ix->len);
	ix->cap = ix->len / IX_MIN_BLOCK + 1;
	if (!(flags & ENG_IX_NO_CACHE) && cache_path(ix, capture, ix->path, sizeof(ix->path)) &&
	    load_cached(ix, !(flags & ENG_IX_NO_ENTRY_CHECK)))
		return ix;
	if (flags & ENG_IX_CACHED_ONLY) {
		eng_index_free(ix);
		return NULL;
	}
	ix->cps_cap = ix->cap / IX_MIN_INTERVAL + 2;
	ix->cps = xcalloc(ix->cps_cap, sizeof(*ix->cps));
	if (start_build(ix, !(flags & ENG_IX_NO_CACHE), build, d))
		return ix;
fail:
	eng_index_free(ix);
	return NULL;
}

/* Indexes a followed capture as it grows, until it is complete. */
static void *follow_build(void *arg)
{
	struct eng_index *ix = arg;
	struct eng_replay *r = data_replay(ix, NULL);
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	struct eng_evt e;
	int rc;

	while (r && !atomic_load(&ix->stop)) {
		bool end;
		size_t len;

		rc = eng_replay_next(r, &e, &ix->damage);
		if (rc > 0) {
			if (eng_index_live_add(ix, r, &e) < 0)
				break;
			continue;
		}
		if (rc < 0) {
			ix->damaged = true;
			break;
		}
		/* the end of what is written: once complete, the rest is all there */
		end = atomic_load(&ix->follow_end);
		len = sf_reader_grow(ix->rd);
		if (len > atomic_load(&ix->flen)) {
			atomic_store(&ix->flen, len);
			eng_replay_follow(r, len);
			continue;
		}
		if (end)
			break;
		nanosleep(&pause, NULL);
	}
	eng_replay_free(r);
	atomic_store_explicit(&ix->p1done, true, memory_order_release);
	pthread_mutex_lock(&ix->lock);
	atomic_store_explicit(&ix->done, true, memory_order_release);
	pthread_cond_broadcast(&ix->cond);
	pthread_mutex_unlock(&ix->lock);
	return NULL;
}

/* eng_index_open() of a capture still being written. */
static struct eng_index *follow_open(struct eng_index *ix, const char *capture, struct diag *d)
{
	size_t len;

	ix->rd = sf_reader_follow(capture, d);
	if (!ix->rd)
		goto fail;
	ix->data = sf_reader_data(ix->rd, &len);
	atomic_store(&ix->flen, len);
	ix->follow = ix->live = true;
	ix->cap = IX_LIVE_CAP;
	if (start_build(ix, false, follow_build, d))
		return ix;
fail:
	eng_index_free(ix);
	return NULL;
}

struct eng_index *eng_index_live_new(struct diag *d)
{
	struct eng_index *ix = xcalloc(1, sizeof(*ix));

	const char *tmpdir = getenv("TMPDIR");
	int fd;

	index_init(ix);
	ix->live = true;
	ix->cap = IX_LIVE_CAP;
	if (!create_mapped(ix, false)) {
		diag_set(d, -errno, 0, "cannot create the index of the capture: %s",
			 strerror(errno));
		eng_index_free(ix);
		return NULL;
	}
	/* without a file for them, the index has no columns */
	fd = open(tmpdir && *tmpdir ? tmpdir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		sink_open(&ix->live_cols, fd, 0);
	else
		ix->live_cols.fd = -1;
	return ix;
}

int eng_index_live_add(struct eng_index *ix, const struct eng_replay *r,
		       const struct eng_evt *e)
{
	uint64_t n = eng_index_count(ix) + 1;
	uint32_t w[3];

	if (e->num != n || n > ix->cap)
		return -EINVAL;
	w[0] = (uint32_t)e->off;
	w[1] = (uint32_t)(e->off >> 32) | (uint32_t)e->ev.type << 16;
	w[2] = (uint32_t)e->ev.tid;
	memcpy(ix->map + IX_HDR + (n - 1) * IX_ENTRY, w, sizeof(w));
	atomic_store_explicit(&ix->count, n, memory_order_release);
	checkpoint(ix, r, n);
	sink_add(&ix->live_cols, r, e);
	ix->dropped = r->stats.dropped;
	return 0;
}

/*
 * The capture is complete: its entries, columns and checkpoints move into a
 * cache file sized for it, keyed to the file as it is now, as if it had
 * been indexed when opened.
 */
int eng_index_live_finish(struct eng_index *ix, const char *capture, struct diag *d)
{
	uint64_t n = eng_index_count(ix), ncps = atomic_load(&ix->ncps), i;
	uint64_t old_snaps = IX_HDR + ix->cap * IX_ENTRY, snaps = ix->snap_end - old_snaps;
	uint64_t rows, new_snaps;
	uint8_t *old_map = ix->map;
	size_t old_len = ix->map_len, most;
	int old_fd = ix->fd, rc = 0;
	uint8_t *buf;

	if (stat(capture, &ix->st) < 0)
		return diag_set(d, -errno, 0, "%s: %s", capture, strerror(errno));
	ix->len = (size_t)ix->st.st_size;
	if (!cache_path(ix, capture, ix->path, sizeof(ix->path)))
		return diag_set(d, -ENOENT, 0, "no cache directory for the index");
	ix->cap = ix->len / IX_MIN_BLOCK + 1;
	if (n > ix->cap)
		return diag_set(d, -EINVAL, 0, "%s is shorter than its index", capture);
	ix->map = NULL;
	if (!create_file(ix, true) || !map_file(ix)) {
		rc = diag_set(d, -errno, 0, "cannot write the index of %s: %s", capture,
			      strerror(errno));
		goto out;
	}
	/* the entries, the columns, then the checkpoints, whose offsets move with them */
	ix->cols_off = (IX_HDR + ix->cap * IX_ENTRY + 4095) / 4096 * 4096;
	if (ix->live_cols.fd >= 0 && sink_close(&ix->live_cols, n, &ix->dict))
		ix->cols_n = n;
	rows = ix->cols_n * sizeof(struct eng_col_row);
	new_snaps = ix->cols_n ? ix->cols_off + rows : IX_HDR + ix->cap * IX_ENTRY;
	most = snaps > n * IX_ENTRY ? snaps : n * IX_ENTRY;
	buf = xmalloc(most > rows ? most : rows);
	if (pread(old_fd, buf, n * IX_ENTRY, IX_HDR) != (ssize_t)(n * IX_ENTRY) ||
	    write_all_at(ix->fd, buf, n * IX_ENTRY, IX_HDR) < 0 ||
	    (rows && (pread(ix->live_cols.fd, buf, rows, 0) != (ssize_t)rows ||
		      write_all_at(ix->fd, buf, rows, ix->cols_off) < 0)) ||
	    pread(old_fd, buf, snaps, (off_t)old_snaps) != (ssize_t)snaps ||
	    write_all_at(ix->fd, buf, snaps, new_snaps) < 0)
		rc = diag_set(d, -EIO, 0, "cannot write the index of %s", capture);
	free(buf);
	if (rc)
		goto out;
	ix->dict_len = ix->dict.len;
	for (i = 0; i < ncps; i++)
		ix->cps[i].off = ix->cps[i].off - old_snaps + new_snaps;
	ix->snap_end = new_snaps + snaps;
	ix->live = false;
	finish(ix);
out:
	munmap(old_map, old_len);
	close(old_fd);
	return rc;
}

void eng_index_wait(struct eng_index *ix)
{
	pthread_mutex_lock(&ix->lock);
	while (!atomic_load_explicit(&ix->done, memory_order_acquire))
		pthread_cond_wait(&ix->cond, &ix->lock);
	pthread_mutex_unlock(&ix->lock);
}

void eng_index_free(struct eng_index *ix)
{
	if (!ix)
		return;
	if (ix->threaded) {
		atomic_store(&ix->stop, true);
		pthread_join(ix->thread, NULL);
	}
	if (ix->map)
		munmap(ix->map, ix->map_len);
	if (ix->fd >= 0)
		close(ix->fd);
	if (ix->live_cols.fd >= 0)
		close(ix->live_cols.fd);
	eng_cols_builder_free(ix->live_cols.b);
	free(ix->live_cols.batch);
	if (ix->tmp_path[0])
		unlink(ix->tmp_path);
	sf_reader_free(ix->rd);
	pthread_mutex_destroy(&ix->lock);
	pthread_cond_destroy(&ix->cond);
	free(ix->cps);
	free(ix->capture);
	sbuf_fini(&ix->snap);
	eng_cols_fini(&ix->cols);
	if (ix->cols_map)
		munmap(ix->cols_map, ix->cols_n * sizeof(struct eng_col_row));
	free(ix->dict_read);
	sbuf_fini(&ix->dict);
	free(ix);
}

/* A replay of the capture from its start, as much of it as there is now. */
static struct eng_replay *data_replay(struct eng_index *ix, struct diag *d)
{
	size_t len = ix->follow ? atomic_load(&ix->flen) : ix->len;
	struct eng_replay *r = eng_replay_open_mem(ix->data, len, d);

	if (r && ix->follow)
		eng_replay_follow(r, len);
	return r;
}

struct eng_replay *eng_index_replay_start(struct eng_index *ix, struct diag *d)
{
	return data_replay(ix, d);
}

int eng_index_replay_try(struct eng_index *ix, struct eng_replay *r, size_t *seen,
			 struct eng_evt *e, struct diag *d, bool *more)
{
	for (;;) {
		bool following = eng_index_following(ix);
		size_t len;
		int rc = eng_replay_next(r, e, d);

		*more = false;
		if (rc != 0)
			return rc;
		/* a capture still being written: read what was added since */
		len = eng_index_data_len(ix);
		if (len > *seen) {
			*seen = len;
			eng_replay_follow(r, len);
			continue;
		}
		*more = following;
		return 0;
	}
}

int eng_index_replay_next(struct eng_index *ix, struct eng_replay *r, size_t *seen,
			  const atomic_bool *stop, struct eng_evt *e, struct diag *d)
{
	const struct timespec pause = { 0, 10 * 1000 * 1000 };
	bool more;

	while (!atomic_load(stop)) {
		int rc = eng_index_replay_try(ix, r, seen, e, d, &more);

		if (rc != 0 || !more)
			return rc;
		nanosleep(&pause, NULL);
	}
	return 0;
}

size_t eng_index_data_len(const struct eng_index *ix)
{
	return ix->follow ? atomic_load(&ix->flen) : ix->len;
}

bool eng_index_following(const struct eng_index *ix)
{
	return ix->follow && !atomic_load(&ix->done);
}

void eng_index_follow_end(struct eng_index *ix)
{
	atomic_store(&ix->follow_end, true);
}

struct eng_replay *eng_index_replay_at(struct eng_index *ix, uint64_t n, struct diag *d)
{
	struct eng_replay *r = data_replay(ix, d);
	struct ix_cp cp = { 0 };
	uint64_t lo = 0, hi;
	struct eng_evt e;
	void *snap;
	int rc;

	if (!r)
		return NULL;
	/* the last checkpoint before event n */
	pthread_mutex_lock(&ix->lock);
	hi = atomic_load(&ix->ncps);
	while (lo < hi) {
		uint64_t mid = (lo + hi) / 2;

		if (ix->cps[mid].num < n)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo > 0)
		cp = ix->cps[lo - 1];
	pthread_mutex_unlock(&ix->lock);
	if (cp.len) {
		snap = xmalloc(cp.len);
		rc = pread(ix->fd, snap, cp.len, (off_t)cp.off) == (ssize_t)cp.len &&
				     ix_sum(snap, cp.len) == cp.sum ?
			     eng_replay_restore(r, snap, cp.len) :
			     -EIO;
		free(snap);
		if (rc < 0) {
			/* a bad checkpoint, not the capture's fault: start over */
			eng_replay_free(r);
			r = data_replay(ix, d);
		}
	}
	while (r->next_num < n) {
		rc = eng_replay_next(r, &e, d);
		if (rc <= 0) {
			if (rc == 0)
				diag_set(d, -ERANGE, 0, "the capture has no event %llu",
					 (unsigned long long)n);
			eng_replay_free(r);
			return NULL;
		}
	}
	return r;
}

void eng_index_info(const struct eng_index *ix, struct eng_ix_info *out)
{
	memset(out, 0, sizeof(*out));
	out->events = eng_index_count(ix);
	out->checkpoints = atomic_load(&ix->ncps);
	/* header, the entries in use, checkpoints and their directory */
	out->bytes = IX_HDR + out->events * IX_ENTRY +
		     (ix->snap_end - (IX_HDR + ix->cap * IX_ENTRY)) + ix->dict_len +
		     out->checkpoints * sizeof(struct ix_cp);
	out->columns = ix->cols_n != 0;
	out->dropped = ix->dropped;
	out->pass1_s = ix->pass1_s;
	out->pass2_s = ix->pass2_s;
	out->cached = ix->cached;
	out->damaged = ix->damaged;
	snprintf(out->path, sizeof(out->path), "%s", ix->path);
	snprintf(out->warning, sizeof(out->warning), "%s", ix->warning);
}

/* Maps the rows and reads the dictionaries; false if they are not there or damaged. */
static bool cols_open(struct eng_index *ix)
{
	size_t len = ix->cols_n * sizeof(struct eng_col_row);
	const char *dict = ix->dict.s;

	ix->cols_map = mmap(NULL, len, PROT_READ, MAP_SHARED, ix->fd, (off_t)ix->cols_off);
	if (ix->cols_map == MAP_FAILED) {
		ix->cols_map = NULL;
		return false;
	}
	if (!ix->dict.len) {
		ix->dict_read = xmalloc(ix->dict_len + 1);
		if (pread(ix->fd, ix->dict_read, ix->dict_len, (off_t)ix->dict_off) !=
			    (ssize_t)ix->dict_len ||
		    ix_sum(ix->dict_read, ix->dict_len) != ix->dict_sum)
			return false;
		dict = ix->dict_read;
	}
	return eng_cols_load(&ix->cols, ix->cols_map, ix->cols_n, dict, ix->dict_len);
}

const struct eng_cols *eng_index_columns(struct eng_index *ix)
{
	bool ok;

	if (!atomic_load_explicit(&ix->done, memory_order_acquire) || !ix->cols_n)
		return NULL;
	pthread_mutex_lock(&ix->lock);
	if (!ix->cols_tried) {
		ix->cols_tried = true;
		ix->cols_ok = cols_open(ix);
	}
	ok = ix->cols_ok;
	pthread_mutex_unlock(&ix->lock);
	return ok ? &ix->cols : NULL;
}

const struct diag *eng_index_damage(const struct eng_index *ix)
{
	return &ix->damage;
}

uint64_t eng_index_checkpoints(struct eng_index *ix, uint64_t **nums)
{
	uint64_t n, i;

	pthread_mutex_lock(&ix->lock);
	n = atomic_load(&ix->ncps);
	*nums = xcalloc(n + 1, sizeof(**nums));
	for (i = 0; i < n; i++)
		(*nums)[i] = ix->cps[i].num;
	pthread_mutex_unlock(&ix->lock);
	return n;
}

struct sf_reader *eng_index_reader(const struct eng_index *ix)
{
	return ix->rd;
}

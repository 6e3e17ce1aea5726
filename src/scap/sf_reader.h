/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The .scap reader. A capture is mapped into memory (a gzip capture is first
 * inflated once into an unlinked temporary file), then walked block by block.
 * Every read is bounds-checked; damage stops the walk with a diagnostic that
 * names the byte offset, after every complete block before it.
 *
 * Offsets are in the uncompressed stream.
 */
#ifndef SYSHARK_SF_READER_H
#define SYSHARK_SF_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "diag.h"
#include "event.h"

/* Block type numbers (scap_savefile.h). */
#define SF_BT_SHB 0x0A0D0D0Au
#define SF_BT_MI 0x201u
#define SF_BT_PL_V1 0x202u
#define SF_BT_FDL_V1 0x203u
#define SF_BT_EV 0x204u
#define SF_BT_IL_V1 0x205u
#define SF_BT_UL_V1 0x206u
#define SF_BT_PL_V2 0x207u
#define SF_BT_EVF 0x208u
#define SF_BT_PL_V3 0x209u
#define SF_BT_PL_V4 0x210u
#define SF_BT_PL_V5 0x211u
#define SF_BT_PL_V6 0x212u
#define SF_BT_PL_V7 0x213u
#define SF_BT_PL_V8 0x214u
#define SF_BT_PL_V9 0x215u
#define SF_BT_EV_V2 0x216u
#define SF_BT_EVF_V2 0x217u
#define SF_BT_FDL_V2 0x218u
#define SF_BT_IL_V2 0x219u
#define SF_BT_UL_V2 0x220u
#define SF_BT_EV_V2_LARGE 0x221u
#define SF_BT_EVF_V2_LARGE 0x222u
#define SF_BT_IDB 0x1u
#define SF_BT_EPB 0x6u
#define SF_BT_SPB 0x3u
#define SF_BT_OPB 0x2u
/*
 * syshark's process extras (sf_blocks.h), of the pcapng range for local use
 * (bit 31), which libscap and Wireshark skip.
 */
#define SF_BT_PX 0x80535850u

enum sf_kind {
	SF_K_UNKNOWN = 0,
	SF_K_SHB,
	SF_K_MI,
	SF_K_PL,
	SF_K_FDL,
	SF_K_IL,
	SF_K_UL,
	SF_K_EV,
	SF_K_PACKET, /* pcapng IDB/EPB/SPB/OPB: skipped and counted */
	SF_K_PX,     /* syshark's process extras */
	SF_K_MAX,
};

struct sf_block {
	uint32_t type;	   /* as on disk (_INT aliases included) */
	enum sf_kind kind;
	uint8_t version;   /* PL 1..9, FDL/IL/UL/EV 1..2 */
	bool has_flags;	   /* EVF: a u32 dump-flags word follows the cpu id */
	uint64_t off;	   /* offset of the block header */
	uint32_t total_len;
	const uint8_t *body; /* after type and length, before the trailer */
	uint32_t body_len;
};

struct sf_reader;

/*
 * Opens path (plain or gzip; "-" is standard input, and a pipe or device
 * is read once into a temporary file, as gzip is inflated), refusing at once
 * what does not start as a system call capture. Returns NULL with d set on
 * failure.
 * Caller frees with sf_reader_free().
 */
struct sf_reader *sf_reader_open(const char *path, struct diag *d);

/* The same over a caller-owned memory buffer (fuzzing, tests). Borrows buf. */
struct sf_reader *sf_reader_open_mem(const void *buf, size_t len, struct diag *d);

void sf_reader_free(struct sf_reader *r);

/*
 * Checks that the len bytes at p start as a capture does: 0, or -errno with
 * d set. With partial, the bytes are only the start of the data and a block
 * cut short is not an error.
 */
int sf_head_check(const void *p, size_t len, bool partial, struct diag *d);

/*
 * Next block. Returns 1 with b filled, 0 at a clean end of data, or a
 * negative errno with d set (offset and reason). After an error the reader
 * stays at the damaged block.
 */
int sf_reader_next(struct sf_reader *r, struct sf_block *b, struct diag *d);

/* Moves to a block offset previously returned in sf_block.off. */
int sf_reader_seek(struct sf_reader *r, uint64_t off);

/* Offset of the next block. */
uint64_t sf_reader_tell(const struct sf_reader *r);

/*
 * Follows path, a plain capture that is still being written: its data is
 * mapped once, at an address that stays, for up to SF_FOLLOW_MAX bytes. A
 * block that is not all there yet ends the data for now (0, not an error)
 * until sf_reader_grow() sees more of the file.
 */
#define SF_FOLLOW_MAX ((size_t)1 << 38)
struct sf_reader *sf_reader_follow(const char *path, struct diag *d);
/* The length of a followed file now; the data seen so far does not change. */
size_t sf_reader_grow(struct sf_reader *r);
/* A reader of memory that grows: len (never less than before) and follow mode. */
void sf_reader_follow_len(struct sf_reader *r, size_t len);

/* The whole uncompressed stream (borrowed). */
const uint8_t *sf_reader_data(const struct sf_reader *r, size_t *len);

/*
 * Lets the kernel drop the page mappings of bytes [off, off + len) of a
 * capture mapped from its file, which the caller is done with: unmapping
 * then happens bit by bit on the callers' threads rather than all at once
 * at the end. The bytes stay readable (they are mapped again if read). A
 * no-op for an inflated capture.
 */
void sf_reader_release(const struct sf_reader *r, uint64_t off, uint64_t len);

/*
 * Reads up to len bytes of the file r maps, from off, into buf, with
 * pread(2): faster than through the mapping for a sweep. Returns the bytes
 * read, or -1 (errno set; EBADF for a reader of memory or a followed file).
 */
ssize_t sf_reader_pread(const struct sf_reader *r, void *buf, size_t len, uint64_t off);
/*
 * Makes r read its blocks before offset end through buf (cap bytes), which
 * it fills with sf_reader_pread() of src (a reader of the same file) from
 * the block it reaches; blocks larger than cap are read as before. Blocks
 * read from buf point into it till the next sf_reader_next(). buf NULL ends
 * it; buf must outlive r or the window.
 */
void sf_reader_window(struct sf_reader *r, const struct sf_reader *src, void *buf, size_t cap,
		      uint64_t end);

/* True if the file was gzip-compressed. */
bool sf_reader_gzipped(const struct sf_reader *r);

/* Sets b's kind, version and has_flags from its type. */
void sf_classify(struct sf_block *b);

/*
 * Decodes an event block into ev (pointing into the mapping).
 * Returns 0 or -EINVAL with d set.
 */
int sf_event_decode(const struct sf_block *b, struct ev_view *ev, struct diag *d);

/*
 * The type, time and dump flags of the event in block b, read without
 * decoding it; false if its header does not fit (decode it for the error).
 */
bool sf_event_peek(const struct sf_block *b, uint16_t *type, uint64_t *ts, uint32_t *flags);

#endif

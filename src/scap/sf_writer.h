/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The .scap writer: whole pcapng blocks with correct padding and trailers,
 * following the writer recipe of scap-format.md section 12, so that sysdig
 * 0.29.3, current Falco libs and Wireshark read what it writes. Output is
 * plain (not gzip), little-endian, and created with mode 0600.
 *
 * A block is either written whole or not at all: after a write error (a full
 * disk) the file ends at the last complete block and stays readable.
 */
#ifndef SYSHARK_SF_WRITER_H
#define SYSHARK_SF_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "sf_reader.h"

struct sf_writer;

/*
 * Creates path: a new file, mode 0600, written beside it under the name
 * sf_writer_part() gives, is renamed to path by sf_writer_close() if a
 * block was written (path untouched otherwise). A device or pipe (say
 * /dev/stdout) is written in place. Returns NULL with d set.
 */
struct sf_writer *sf_writer_open(const char *path, struct diag *d);

/* The name of the file a writer of path writes until it is closed: .NAME.PID.part beside it. */
void sf_writer_part(const char *path, char *out, size_t n);

/*
 * A whole block (header, body, padding, trailer) of n bytes, borrowed for
 * the call. A non-zero return is the writer's result for that block.
 */
typedef int (*sf_block_fn)(void *arg, const uint8_t *block, uint32_t n, struct diag *d);

/* A writer that hands every block to fn instead of a file. */
struct sf_writer *sf_writer_open_fn(sf_block_fn fn, void *arg);

/*
 * Gathers blocks until bytes are waiting, then writes them with one
 * write(). sf_writer_flush() and sf_writer_close() write the rest. A failed
 * write loses the blocks of that write only.
 */
void sf_writer_set_buffer(struct sf_writer *w, size_t bytes);
int sf_writer_flush(struct sf_writer *w, struct diag *d);

/*
 * Shows fn every block as it is added to the file: its bytes (borrowed for
 * the call) and its offset in the file.
 */
typedef void (*sf_tap_fn)(void *arg, const uint8_t *block, uint32_t n, uint64_t off);
void sf_writer_set_tap(struct sf_writer *w, sf_tap_fn fn, void *arg);

/*
 * Flushes and closes; returns 0 or -errno with d set (the first write error,
 * if any, is reported here too). Frees w in every case.
 */
int sf_writer_close(struct sf_writer *w, struct diag *d);
/* Closes without keeping anything: the file at path stays as it was. Frees w. */
void sf_writer_discard(struct sf_writer *w);

/* Writes a block of type with body (the bytes between length and trailer). */
int sf_writer_block(struct sf_writer *w, uint32_t type, const void *body, uint32_t len,
		    struct diag *d);

/* Copies block b as it is. */
int sf_writer_copy(struct sf_writer *w, const struct sf_block *b, struct diag *d);

/*
 * Copies event block b with dump flags (SF_DF_STATE_ONLY: readers update
 * their state from it but do not show it). flags 0 writes an EV block.
 */
int sf_writer_event(struct sf_writer *w, const struct sf_block *b, uint32_t flags,
		    struct diag *d);

/*
 * Writes a v2 event block around event ev (len bytes, header included): EV,
 * EVF with flags, or their LARGE forms for the large-payload event types.
 */
int sf_writer_ev(struct sf_writer *w, uint16_t cpu, uint32_t flags, bool large, const void *ev,
		 uint32_t len, struct diag *d);

/* Bytes written (or waiting to be) so far. */
uint64_t sf_writer_bytes(const struct sf_writer *w);

#define SF_DF_STATE_ONLY 1u

#endif

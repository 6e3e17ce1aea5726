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

#include <stdint.h>

#include "diag.h"
#include "sf_reader.h"

struct sf_writer;

/* Creates path (replacing it). Returns NULL with d set. */
struct sf_writer *sf_writer_open(const char *path, struct diag *d);

/*
 * Flushes and closes; returns 0 or -errno with d set (the first write error,
 * if any, is reported here too). Frees w in every case.
 */
int sf_writer_close(struct sf_writer *w, struct diag *d);

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

/* Bytes written so far. */
uint64_t sf_writer_bytes(const struct sf_writer *w);

#define SF_DF_STATE_ONLY 1u

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The stream of an fd: the bytes one process read from and wrote to one of
 * its fds, in order, as Wireshark's Follow TCP Stream shows a connection.
 * A stream runs from the fd's open to its close; fd numbers are reused, so
 * the stream is the one that holds a given event. It holds only the bytes
 * the capture has: the probe's snapshot length cuts long reads and writes,
 * and each segment says how many bytes its call moved and how many were kept.
 */
#ifndef SYSHARK_ENG_STREAM_H
#define SYSHARK_ENG_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "eng_replay.h"
#include "sbuf.h"

/* One read or write. */
struct eng_stream_seg {
	uint64_t num, ts; /* the event */
	bool out;	  /* written to the fd, else read from it */
	int64_t len;	  /* bytes the call moved */
	uint32_t kept;	  /* bytes of them in the capture: data[off, off + kept) */
	uint64_t off;
	uint64_t dir_off; /* the direction's bytes kept before this segment */
};

struct eng_stream {
	int64_t pid, fd;
	char *comm;	/* the process's name */
	char *name;	/* the fd's name at the event asked for */
	const char *type; /* fd.type: file, ipv4, pipe, ... */
	uint64_t at;	/* the event asked for */
	struct eng_stream_seg *segs;
	size_t nsegs, segs_cap;
	uint8_t *data;
	size_t len, data_cap;
	uint64_t moved[2], kept[2]; /* bytes: [0] read, [1] written */
	bool ended;		    /* the fd's close after the event was seen */
	unsigned int restarts;	    /* times what came before was dropped (a close) */
};

enum eng_stream_fmt {
	ENG_SF_TEXT,	  /* every byte; control bytes and broken UTF-8 as '.' */
	ENG_SF_PRINTABLE, /* printable ASCII, tabs and line ends only, as sysdig -A */
	ENG_SF_HEX,	  /* a hex dump, offsets counting the direction's bytes */
	ENG_SF_RAW,	  /* the bytes as they are */
	ENG_SF_COUNT,
};

/* Names as --follow and the interface spell them: text, printable, hex, raw. */
const char *eng_stream_fmt_name(enum eng_stream_fmt f);
/* The format named name; -1 if none. */
int eng_stream_fmt_parse(const char *name);

/*
 * The stream that event e (with its replay's state after it) is on: e must
 * work on an fd. NULL with d set if it does not.
 */
struct eng_stream *eng_stream_new(const struct eng_evt *e, struct diag *d);
void eng_stream_free(struct eng_stream *s);
/*
 * Takes event e of the capture, in order from its start: the reads and
 * writes of the stream are kept. False once the stream has ended.
 */
bool eng_stream_add(struct eng_stream *s, const struct eng_evt *e);

/*
 * Appends segment i in fmt as lines, each ended by '\n'; a line longer than
 * width cells goes on in the next one (width 0: never). RAW appends the
 * bytes alone. A segment the capture kept only part of ends with a line
 * saying how many bytes are missing.
 */
void eng_stream_render(const struct eng_stream *s, size_t i, enum eng_stream_fmt fmt,
		       unsigned int width, struct sbuf *out);
/* Appends the one-line description: "fd 3 (file /etc/hosts) of pid 12 (cat)". */
void eng_stream_describe(const struct eng_stream *s, struct sbuf *out);

#endif

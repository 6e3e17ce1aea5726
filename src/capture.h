/* SPDX-License-Identifier: GPL-2.0-only */
/* Live capture: the probe's events to a .scap file or to the printer. */
#ifndef SYSHARK_CAPTURE_H
#define SYSHARK_CAPTURE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "live_health.h"
#include "print.h"

struct capture_opts {
	const struct print_opts *po; /* po->write: the file; po->filter, po->count */
	uint32_t snaplen;
	uint32_t snaplen_proto;	     /* socket data that hints a protocol; 0: snaplen */
	uint64_t ring_bytes;	     /* 0: the probe's default */
	double duration;	     /* seconds, 0 = until stopped */
	uint64_t max_bytes;	     /* stop recording when the file is this large, 0 = never */
	char **cmd;		     /* run this and capture only its process tree */
	bool quiet;		     /* for the terminal interface: no signal handlers, no index */
	bool scratch;		     /* po->write is a temporary file: the summary does not name it */
	struct live_health *health;  /* if set, kept up to date */
};

/* capture_run()'s lowest status for a command that cannot run (126, 127). */
#define CAPTURE_NO_CMD 126

/*
 * Captures until Ctrl-C, SIGTERM, SIGHUP, the duration, the count or the end
 * of the command. Returns the exit status: 0, 1 on a capture or write error
 * (after saying what), 2 on bad options, 127 if the command is not found
 * and 126 if it cannot run otherwise (nothing is written then).
 */
int capture_run(const struct capture_opts *o);

/*
 * capture_run() on a thread of its own, for the terminal interface (which
 * sets o->quiet and o->po->write, the file it follows). NULL if no thread
 * can start.
 */
struct capture_thread;
struct capture_thread *capture_start(const struct capture_opts *o);
bool capture_running(const struct capture_thread *t);
/* Asks the capture to end (it keeps what the probe sent before). */
void capture_stop(struct capture_thread *t);
/* Waits for the end; returns capture_run()'s status and frees t. */
int capture_join(struct capture_thread *t);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The live probe: loads syscalls.bpf.c through its libbpf skeleton, fills
 * its recipe table, attaches it and hands each captured event, already in
 * the scap layout with PPM flag values, to a callback.
 *
 * One thread owns a probe: the capture loop calls probe_poll() (or waits on
 * probe_fd() in its own poll()).
 */
#ifndef SYSHARK_PROBE_H
#define SYSHARK_PROBE_H

#include <stdint.h>
#include <sys/types.h>

#include "diag.h"

struct probe_opts {
	uint32_t snaplen;    /* I/O bytes kept per event */
	/* on a socket whose port or first bytes hint at a protocol; 0: snaplen */
	uint32_t snaplen_proto;
	uint64_t ring_bytes; /* ring buffer size; rounded up to a power of two */
	pid_t follow;	     /* 0: every process; else this one and its descendants */
};

struct probe_stats {
	uint64_t seen;	  /* events the probe produced */
	uint64_t dropped; /* of those, lost because the ring buffer was full */
	uint64_t toobig;  /* events cut short at the largest event size */
	uint64_t ring_size; /* bytes the ring buffer holds */
	/* bytes waiting in it at the fullest the reader found it since the last call */
	uint64_t ring_peak;
	unsigned int ncpus;
	uint64_t *cpu_dropped; /* per CPU; borrowed, valid until the next call */
};

/*
 * The event bytes (a scap v2 event: header, lengths, parameters) and the
 * CPU it ran on; borrowed for the call. A non-zero return stops the poll
 * and is returned by probe_poll().
 */
typedef int (*probe_event_fn)(void *arg, const uint8_t *ev, uint32_t len, uint16_t cpu);

/*
 * Loads and attaches the probe. Returns NULL with d set to one line that
 * says what is missing (privilege, BTF, BPF support) and how to fix it.
 * Caller frees with probe_free().
 */
struct probe *probe_open(const struct probe_opts *o, struct diag *d);
void probe_free(struct probe *p);

/*
 * Waits up to timeout_ms for events and hands every available one to fn.
 * Returns the number handled, fn's non-zero result, or -errno (-EINTR when
 * a signal arrived).
 */
int probe_poll(struct probe *p, int timeout_ms, probe_event_fn fn, void *arg);

/*
 * Stops the probe producing events; what it sent before stays to be read
 * with probe_poll().
 */
void probe_detach(struct probe *p);

/* A descriptor that is readable when events are waiting. */
int probe_fd(const struct probe *p);

/* Counters summed over the CPUs, and the ring buffer's peak fill (reset by the call). */
void probe_stats(struct probe *p, struct probe_stats *st);

#endif

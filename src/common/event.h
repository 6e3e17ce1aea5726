/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The one event model: a view over the raw bytes of an event (the scap
 * ppm_evt_hdr layout), whether it came from a file block or from the probe's
 * ring buffer. The view borrows the bytes; it never copies them.
 *
 *   u64 ts | u64 tid | u32 len | u16 type | [u32 nparams (v2)] | lens | data
 */
#ifndef SYSHARK_EVENT_H
#define SYSHARK_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

#define EV_HDR_V1_LEN 22
#define EV_HDR_V2_LEN 26
#define EV_MAX_PARAMS 48

struct ev_view {
	uint64_t ts;
	int64_t tid;
	uint32_t len;	   /* event length, header included (v1 length as on disk) */
	uint16_t type;
	uint16_t cpu;
	uint32_t flags;	   /* EVF block dump flags, 0 otherwise */
	uint32_t nparams;  /* parameters present in the data */
	uint8_t lenw;	   /* width of a parameter length: 2 or 4 */
	uint8_t hdr_len;   /* EV_HDR_V1_LEN or EV_HDR_V2_LEN */
	const uint8_t *raw;	/* first byte of the header */
	const uint8_t *data;	/* first byte of the first parameter */
	uint32_t plen[EV_MAX_PARAMS];
	uint32_t poff[EV_MAX_PARAMS]; /* offset from data */
};

/*
 * Decodes the header and parameter table of the event at p (avail bytes
 * available). v1 selects the 22-byte header without nparams, whose count is
 * inferred from the schema. Returns 0, or -EINVAL with d filled (offsets in d
 * are relative to p).
 */
int ev_view_decode(struct ev_view *ev, const uint8_t *p, uint32_t avail, bool v1,
		   struct diag *d);

/* Parameter i: sets *p and returns its length, or returns -1 if absent. */
static inline int64_t ev_param(const struct ev_view *ev, unsigned int i, const uint8_t **p)
{
	if (i >= ev->nparams || i >= EV_MAX_PARAMS)
		return -1;
	*p = ev->data + ev->poff[i];
	return ev->plen[i];
}

/* Typed accessors: false if the parameter is absent or of another size. */
bool ev_param_u64(const struct ev_view *ev, unsigned int i, uint64_t *v);
bool ev_param_u32(const struct ev_view *ev, unsigned int i, uint32_t *v);
bool ev_param_u16(const struct ev_view *ev, unsigned int i, uint16_t *v);
bool ev_param_u8(const struct ev_view *ev, unsigned int i, uint8_t *v);
/* A NUL-terminated string parameter; NULL if absent, empty or unterminated. */
const char *ev_param_str(const struct ev_view *ev, unsigned int i);

#endif

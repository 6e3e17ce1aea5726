// SPDX-License-Identifier: GPL-2.0-only
/* Decoding of the event header and parameter length table. */
#include "event.h"

#include <errno.h>
#include <string.h>

#include "buf.h"
#include "schema.h"

/*
 * Fills plen/poff for n parameters whose lengths, lenw bytes each, start at
 * lens; returns the byte count they cover. Inlined once per width.
 */
static inline __attribute__((always_inline)) uint64_t
ev_view_scan(struct ev_view *ev, const uint8_t *lens, uint32_t n, uint32_t lenw)
{
	uint32_t i, l, stored = n < EV_MAX_PARAMS ? n : EV_MAX_PARAMS;
	uint64_t sum = 0;

	for (i = 0; i < stored; i++) {
		l = lenw == 2 ? buf_le16(lens + 2 * i) : buf_le32(lens + 4 * i);
		ev->plen[i] = l;
		ev->poff[i] = (uint32_t)sum;
		sum += l;
	}
	for (; i < n; i++)
		sum += lenw == 2 ? buf_le16(lens + 2 * i) : buf_le32(lens + 4 * i);
	return sum;
}

/* The parameter table of n parameters at lens; returns the bytes they cover. */
static inline __attribute__((always_inline)) uint64_t ev_view_params(struct ev_view *ev, const uint8_t *lens, uint32_t n)
{
	return ev->lenw == 2 ? ev_view_scan(ev, lens, n, 2) : ev_view_scan(ev, lens, n, 4);
}

int ev_view_decode(struct ev_view *ev, const uint8_t *p, uint32_t avail, bool v1, struct diag *d)
{
	uint32_t hdr = v1 ? EV_HDR_V1_LEN : EV_HDR_V2_LEN;
	const struct ev_info *info;
	uint32_t n, room;

	if (avail < hdr)
		return diag_set(d, -EINVAL, 0, "event header needs %u bytes, block has %u", hdr,
				avail);
	ev->ts = buf_le64(p);
	ev->tid = (int64_t)buf_le64(p + 8);
	ev->len = buf_le32(p + 16);
	ev->type = buf_le16(p + 20);
	ev->raw = p;
	ev->flags = 0;
	ev->cpu = 0;
	ev->hdr_len = (uint8_t)hdr;
	info = ev_info_get(ev->type);
	ev->lenw = (info && (info->flags & EV_F_LARGE_PAYLOAD)) ? 4 : 2;
	if (v1 && (ev->type == EV_NOTIFICATION_E || ev->type == EV_INFRASTRUCTURE_EVENT_E) &&
	    ev->len >= 3 && ev->len - 3 >= hdr)
		ev->len -= 3;
	if (ev->len < hdr || ev->len > avail)
		return diag_set(d, -EINVAL, 16, "event length %u outside %u..%u", ev->len, hdr,
				avail);
	room = ev->len - hdr;
	if (!v1) {
		n = buf_le32(p + 22);
		if ((uint64_t)n * ev->lenw > room)
			return diag_set(d, -EINVAL, 22, "event has %u parameters, too many for %u bytes",
					n, ev->len);
		if (ev_view_params(ev, p + hdr, n) > room - n * ev->lenw)
			return diag_set(d, -EINVAL, hdr,
					"parameter lengths exceed the event length %u", ev->len);
	} else {
		/* v1: infer nparams from the table, the largest count that fits exactly */
		for (n = info ? info->nparams : 0;; n--) {
			if ((uint64_t)n * ev->lenw <= room &&
			    ev_view_params(ev, p + hdr, n) == room - n * ev->lenw)
				break;
			if (n == 0)
				return diag_set(d, -EINVAL, hdr,
						"no parameter count fits the event length %u",
						ev->len);
		}
	}
	ev->nparams = n;
	ev->data = p + hdr + n * ev->lenw;
	return 0;
}

static bool ev_param_sized(const struct ev_view *ev, unsigned int i, uint32_t size,
			   const uint8_t **p)
{
	return ev_param(ev, i, p) == (int64_t)size;
}

bool ev_param_u64(const struct ev_view *ev, unsigned int i, uint64_t *v)
{
	const uint8_t *p;

	if (!ev_param_sized(ev, i, 8, &p))
		return false;
	*v = buf_le64(p);
	return true;
}

bool ev_param_u32(const struct ev_view *ev, unsigned int i, uint32_t *v)
{
	const uint8_t *p;

	if (!ev_param_sized(ev, i, 4, &p))
		return false;
	*v = buf_le32(p);
	return true;
}

bool ev_param_u16(const struct ev_view *ev, unsigned int i, uint16_t *v)
{
	const uint8_t *p;

	if (!ev_param_sized(ev, i, 2, &p))
		return false;
	*v = buf_le16(p);
	return true;
}

bool ev_param_u8(const struct ev_view *ev, unsigned int i, uint8_t *v)
{
	const uint8_t *p;

	if (!ev_param_sized(ev, i, 1, &p))
		return false;
	*v = p[0];
	return true;
}

const char *ev_param_str(const struct ev_view *ev, unsigned int i)
{
	const uint8_t *p;
	int64_t n = ev_param(ev, i, &p);

	if (n <= 0 || p[n - 1] != 0)
		return NULL;
	return (const char *)p;
}

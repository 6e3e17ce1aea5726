// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the payload dissectors: the input's first byte
 * picks a dissector in its low 4 bits (or, past their number, lets the
 * registry find one by the bytes), the transport in the next 2 and the
 * direction in the top 2; the rest is the message. Every node must lie
 * inside the message, every field reads back, and a message's head (what
 * it needs to be dissected) is never past its end.
 */
#include <stdint.h>
#include <stdlib.h>

#include "dis_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct dis_proto *const *all, *d;
	struct dis_msg m;
	struct dis_ptree t;
	struct sbuf v;
	size_t n;

	if (size < 1)
		return 0;
	m.p = data + 1;
	m.n = size - 1;
	m.tr = (enum dis_transport)((data[0] >> 4 & 3) % 3);
	m.dir = (enum dis_dir)((data[0] >> 6) % 3);
	m.answers_head = data[0] >> 6 == 3;
	all = dis_protos(&n);
	d = (data[0] & 15) < n ? all[data[0] & 15] : dis_proto_find(&m, 0, 0);
	if (!d)
		return 0;
	/* a message's framing: its head is never past its end */
	if (d->head_len && d->msg_len(&m) != DIS_MORE && d->msg_len(&m) &&
	    d->head_len(&m) != DIS_MORE && d->head_len(&m) > d->msg_len(&m))
		abort();
	dis_ptree_init(&t);
	sbuf_init(&v);
	dis_ptree_dissect(&t, d, &m);
	for (size_t i = 0; i < t.count; i++)
		if ((size_t)t.n[i].off + t.n[i].len > size - 1)
			abort();
	if (t.malformed > (int64_t)(size - 1))
		abort();
	for (const char *const *f = d->fields; *f; f++)
		for (unsigned int k = 0; dis_ptree_field(&t, *f, k, &v); k++)
			sbuf_reset(&v);
	for (const char *const *f = d->fields; *f; f++) {
		dis_ptree_values(&t, *f, &v);
		sbuf_reset(&v);
	}
	sbuf_fini(&v);
	dis_ptree_fini(&t);
	return 0;
}

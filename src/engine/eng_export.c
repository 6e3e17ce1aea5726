// SPDX-License-Identifier: GPL-2.0-only
#include "eng_export.h"

#include <stdlib.h>

#include "schema.h"
#include "sf_writer.h"
#include "xalloc.h"

struct eng_export {
	struct sf_writer *w;
	struct eng_replay *r;
	uint64_t shown;
};

/* State blocks and user/group records are copied; the rest is left out. */
static int on_block(void *arg, const struct sf_block *b, struct diag *d)
{
	struct eng_export *x = arg;

	switch (b->kind) {
	case SF_K_SHB:
	case SF_K_MI:
	case SF_K_PL:
	case SF_K_PX:
	case SF_K_FDL:
	case SF_K_IL:
	case SF_K_UL:
		return sf_writer_copy(x->w, b, d);
	case SF_K_EV:
		/* user/group records keep their place; unknown types are dropped */
		if (b->body_len >= 24) {
			struct ev_view ev;

			if (sf_event_decode(b, &ev, NULL) == 0 && ev.type < EV_MAX)
				return sf_writer_copy(x->w, b, d);
		}
		return 0;
	default:
		return 0;
	}
}

struct eng_export *eng_export_open(const char *path, struct eng_replay *r, struct diag *d)
{
	struct sf_writer *w = sf_writer_open(path, d);
	struct eng_export *x;

	if (!w)
		return NULL;
	x = xcalloc(1, sizeof(*x));
	x->w = w;
	x->r = r;
	r->on_block = on_block;
	r->on_block_arg = x;
	return x;
}

int eng_export_event(struct eng_export *x, const struct eng_evt *e, bool chosen,
		     struct diag *d)
{
	if (chosen) {
		x->shown++;
		return sf_writer_event(x->w, &e->blk, 0, d);
	}
	if (eng_event_changes_state(e->ev.type))
		return sf_writer_event(x->w, &e->blk, SF_DF_STATE_ONLY, d);
	return 0;
}

uint64_t eng_export_count(const struct eng_export *x)
{
	return x->shown;
}

int eng_export_close(struct eng_export *x, struct diag *d)
{
	int rc = sf_writer_close(x->w, d);

	x->r->on_block = NULL;
	free(x);
	return rc;
}

// SPDX-License-Identifier: GPL-2.0-only
/* Look-ups over the generated schema tables. */
#include "schema.h"

#include <string.h>

const char *ev_tok_name(int tt, uint64_t v)
{
	const struct ev_tok *t;

	if (tt < 0 || tt >= EV_TT_MAX)
		return NULL;
	for (t = ev_tok_tables[tt].toks; t->name; t++)
		if (t->v == v)
			return t->name;
	return NULL;
}

bool ev_tok_value(int tt, const char *name, uint64_t *v)
{
	const struct ev_tok *t;

	if (tt < 0 || tt >= EV_TT_MAX)
		return false;
	for (t = ev_tok_tables[tt].toks; t->name; t++) {
		if (strcmp(t->name, name) == 0) {
			*v = t->v;
			return true;
		}
	}
	return false;
}

int ev_tok_table_find(const char *name)
{
	int i;

	for (i = 0; i < EV_TT_MAX; i++)
		if (strcmp(ev_tok_tables[i].name, name) == 0)
			return i;
	return -1;
}

/*
 * Callers name parameters with string literals, so a small per-thread cache
 * keyed by (type, name pointer) answers almost every look-up.
 */
struct param_memo {
	const char *name;
	uint16_t type;
	int16_t idx;
};

int ev_param_find(uint16_t type, const char *name)
{
	static _Thread_local struct param_memo memo[1024];
	const struct ev_info *info = ev_info_get(type);
	struct param_memo *m;
	unsigned int i;
	int idx = -1;

	if (!info)
		return -1;
	m = &memo[((uintptr_t)name >> 3 ^ type * 31u) & 1023];
	if (m->name == name && m->type == type)
		return m->idx;
	for (i = 0; i < info->nparams; i++) {
		if (strcmp(info->params[i].name, name) == 0) {
			idx = (int)i;
			break;
		}
	}
	*m = (struct param_memo){ name, type, (int16_t)idx };
	return idx;
}

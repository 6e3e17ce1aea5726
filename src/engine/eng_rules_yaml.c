// SPDX-License-Identifier: GPL-2.0-only
/*
 * What every part of the rules loader reads YAML with: the nodes of a
 * mapping by key, typed values with Falco's messages when they are wrong,
 * and the override keys that lists, macros and rules share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "eng_rules_yaml.h"
#include "xalloc.h"

yaml_node_t *ld_node(const struct ld *l, int id)
{
	return yaml_document_get_node(l->doc, id);
}

struct rl_loc ld_loc(const struct ld *l, const yaml_node_t *n)
{
	return (struct rl_loc){ .file = l->file, .line = (unsigned int)n->start_mark.line + 1,
				.col = (unsigned int)n->start_mark.column + 1 };
}

static void ld_vmsg(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt,
		    va_list ap) __attribute__((format(printf, 4, 0)));

static void ld_vmsg(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt,
		    va_list ap)
{
	struct rl_loc loc = at ? ld_loc(l, at) : l->loc;
	char text[512];

	vsnprintf(text, sizeof(text), fmt, ap);
	rl_msg(l->rs, code, &loc, l->kind, l->name, "%s", text);
}

bool ld_fail(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ld_vmsg(l, at, code, fmt, ap);
	va_end(ap);
	l->failed = true;
	return false;
}

void ld_warn(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ld_vmsg(l, at, code, fmt, ap);
	va_end(ap);
}

bool ld_is_null(const yaml_node_t *n)
{
	const char *v = (const char *)n->data.scalar.value;

	return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!*v || strcmp(v, "~") == 0 || strcasecmp(v, "null") == 0);
}

yaml_node_t *ld_get(const struct ld *l, const yaml_node_t *map, const char *key,
		    yaml_node_t **key_node)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ld_node(l, p->key);

		if (k && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0) {
			if (key_node)
				*key_node = k;
			return ld_node(l, p->value);
		}
	}
	return NULL;
}

int ld_str(struct ld *l, const yaml_node_t *map, const char *key, bool nonempty,
	   const char **out)
{
	yaml_node_t *k, *v = ld_get(l, map, key, &k);

	if (!v)
		return 0;
	if (v->type == YAML_SCALAR_NODE && ld_is_null(v))
		return ld_fail(l, k, RL_ERR_YAML_VALIDATE, "Mapping for key '%s' is empty", key) -
		       1;
	if (v->type != YAML_SCALAR_NODE)
		return ld_fail(l, v, RL_ERR_YAML_VALIDATE, "Value is not a scalar value") - 1;
	*out = (const char *)v->data.scalar.value;
	if (nonempty && !**out)
		return ld_fail(l, v, RL_ERR_YAML_VALIDATE, "Value must be non-empty") - 1;
	return 1;
}

bool ld_need_str(struct ld *l, const yaml_node_t *map, const char *key, const char **out)
{
	int rc = ld_str(l, map, key, true, out);

	if (rc == 0)
		return ld_fail(l, NULL, RL_ERR_YAML_VALIDATE, "Item has no mapping for key '%s'",
			       key);
	return rc > 0;
}

int ld_bool(struct ld *l, const yaml_node_t *map, const char *key, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "y" }, *const no[] = {
		"false", "no", "off", "n"
	};
	const char *v;
	int rc = ld_str(l, map, key, false, &v);
	size_t i;

	if (rc <= 0)
		return rc;
	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
			*out = strcasecmp(v, yes[i]) == 0;
			return 1;
		}
	}
	return ld_fail(l, ld_get(l, map, key, NULL), RL_ERR_YAML_VALIDATE,
		       "Can't decode YAML scalar value") - 1;
}

int ld_strs(struct ld *l, const yaml_node_t *map, const char *key, struct strv *out)
{
	yaml_node_t *k, *v = ld_get(l, map, key, &k);
	yaml_node_item_t *it;

	if (!v)
		return 0;
	if (v->type == YAML_SCALAR_NODE && ld_is_null(v))
		return ld_fail(l, k, RL_ERR_YAML_VALIDATE, "Mapping for key '%s' is empty", key) -
		       1;
	if (v->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, v, RL_ERR_YAML_VALIDATE, "Value is not a sequence") - 1;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = ld_node(l, *it);

		if (!e || e->type != YAML_SCALAR_NODE)
			return ld_fail(l, e, RL_ERR_YAML_VALIDATE, "sequence value is not scalar") -
			       1;
		strv_add(out, (const char *)e->data.scalar.value);
	}
	return 1;
}

void ld_check_keys(struct ld *l, const yaml_node_t *map, const char *const *known)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ld_node(l, p->key);
		const char *name = k && k->type == YAML_SCALAR_NODE ?
					   (const char *)k->data.scalar.value : "";
		const char *const *w;

		for (w = known; *w && strcmp(*w, name) != 0; w++)
			;
		if (!*w)
			ld_warn(l, k, RL_WARN_UNKNOWN_KEY, "Unknown key '%s'. The key will be ignored.",
				name);
	}
}

const char *ld_override_op(struct ld *l, const yaml_node_t *ov, const char *k,
			   bool can_append, bool can_replace)
{
	const char *op;
	int rc;

	if (!ov)
		return NULL;
	rc = ld_str(l, ov, k, false, &op);
	if (rc <= 0)
		return NULL;
	if (strcmp(op, "append") == 0 && can_append)
		return op;
	if (strcmp(op, "replace") == 0 && can_replace)
		return op;
	if (strcmp(op, "append") == 0)
		ld_fail(l, ov, RL_ERR_YAML_VALIDATE,
			"Key '%s' cannot be appended to, use 'replace' instead", k);
	else if (strcmp(op, "replace") == 0)
		ld_fail(l, ov, RL_ERR_YAML_VALIDATE, "Key '%s' cannot be replaced", k);
	else
		ld_fail(l, ov, RL_ERR_YAML_VALIDATE,
			"Invalid override operation for key '%s': '%s'. Allowed values are: %s%s", k,
			op, can_append ? "append " : "", can_replace ? "replace " : "");
	return NULL;
}

bool ld_override_keys(struct ld *l, const yaml_node_t *ov, const char *const *known)
{
	yaml_node_pair_t *p;

	if (ov->type != YAML_MAPPING_NODE)
		return ld_fail(l, ov, RL_ERR_YAML_VALIDATE, "Value is not a mapping");
	for (p = ov->data.mapping.pairs.start; p < ov->data.mapping.pairs.top; p++) {
		yaml_node_t *k = ld_node(l, p->key);
		const char *name = k && k->type == YAML_SCALAR_NODE ?
					   (const char *)k->data.scalar.value : "";
		const char *const *w;

		for (w = known; *w && strcmp(*w, name) != 0; w++)
			;
		if (!*w) {
			yaml_node_t *v = ld_node(l, p->value);
			const char *op = v && v->type == YAML_SCALAR_NODE ?
						 (const char *)v->data.scalar.value : "";

			return ld_fail(l, k, RL_ERR_YAML_VALIDATE,
				       strcmp(op, "append") == 0 ?
					       "Key '%s' cannot be appended to, use 'replace' instead" :
					       "Key '%s' cannot be replaced",
				       name);
		}
	}
	return true;
}

int ld_old_append(struct ld *l, const yaml_node_t *item, const yaml_node_t *ov)
{
	bool append = false;

	if (ld_bool(l, item, "append", &append) < 0)
		return -1;
	if (!append)
		return 0;
	ld_warn(l, NULL, RL_WARN_DEPRECATED_ITEM,
		"'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') "
		"under 'override' instead.");
	if (ov)
		return ld_fail(l, ov, RL_ERR_YAML_VALIDATE,
			       "Keys 'override' and 'append: true' cannot be used together. Add an "
			       "'append' entry (e.g. 'condition: append') under 'override' "
			       "instead.") - 1;
	return 1;
}

void ld_join(char **to, const char *more)
{
	char *s;

	if (!*more)
		return;
	if (!*to) {
		*to = xstrdup(more);
		return;
	}
	s = xmalloc(strlen(*to) + strlen(more) + 2);
	sprintf(s, "%s %s", *to, more);
	free(*to);
	*to = s;
}

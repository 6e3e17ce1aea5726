// SPDX-License-Identifier: GPL-2.0-only
/*
 * Falco rules files read with libyaml's document API: each document is a
 * sequence of items, each item a mapping whose first known key says what it
 * is. Definitions, appends and overrides are applied in file order, with
 * the checks and messages of Falco's rule loader.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_rules_int.h"
#include "xalloc.h"

#define RULES_FILE_MAX (64u << 20) /* a rules file larger than this is refused */

/* A document being loaded, and the item whose messages are being given. */
struct ld {
	struct eng_ruleset *rs;
	yaml_document_t *doc;
	const char *file;
	const char *kind, *name; /* "rule", its name */
	struct rl_loc loc;
	bool failed;
};

static yaml_node_t *node_at(const struct ld *l, int id)
{
	return yaml_document_get_node(l->doc, id);
}

static struct rl_loc loc_of(const struct ld *l, const yaml_node_t *n)
{
	return (struct rl_loc){ .file = l->file, .line = (unsigned int)n->start_mark.line + 1,
				.col = (unsigned int)n->start_mark.column + 1 };
}

static void ld_vmsg(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt,
		    va_list ap) __attribute__((format(printf, 4, 0)));

static void ld_vmsg(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt,
		    va_list ap)
{
	struct rl_loc loc = at ? loc_of(l, at) : l->loc;
	char text[512];

	vsnprintf(text, sizeof(text), fmt, ap);
	rl_msg(l->rs, code, &loc, l->kind, l->name, "%s", text);
}

static bool ld_fail(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* An error about the current item (at node at, or the item); returns false. */
static bool ld_fail(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ld_vmsg(l, at, code, fmt, ap);
	va_end(ap);
	l->failed = true;
	return false;
}

static void ld_warn(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void ld_warn(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ld_vmsg(l, at, code, fmt, ap);
	va_end(ap);
}

/* A plain scalar YAML reads as null: "", "~", "null". */
static bool is_null(const yaml_node_t *n)
{
	const char *v = (const char *)n->data.scalar.value;

	return n->type == YAML_SCALAR_NODE && n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
	       (!*v || strcmp(v, "~") == 0 || strcasecmp(v, "null") == 0);
}

/* The value of key in mapping map, and the key's node; NULL if absent. */
static yaml_node_t *map_get(const struct ld *l, const yaml_node_t *map, const char *key,
			    yaml_node_t **key_node)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(l, p->key);

		if (k && k->type == YAML_SCALAR_NODE &&
		    strcmp((const char *)k->data.scalar.value, key) == 0) {
			if (key_node)
				*key_node = k;
			return node_at(l, p->value);
		}
	}
	return NULL;
}

/*
 * The scalar of key: 1 with *out (borrowed), 0 if absent, -1 after an
 * error (null, not a scalar, or empty where nonempty).
 */
static int get_str(struct ld *l, const yaml_node_t *map, const char *key, bool nonempty,
		   const char **out)
{
	yaml_node_t *k, *v = map_get(l, map, key, &k);

	if (!v)
		return 0;
	if (v->type == YAML_SCALAR_NODE && is_null(v))
		return ld_fail(l, k, RL_ERR_YAML_VALIDATE, "Mapping for key '%s' is empty", key) -
		       1;
	if (v->type != YAML_SCALAR_NODE)
		return ld_fail(l, v, RL_ERR_YAML_VALIDATE, "Value is not a scalar value") - 1;
	*out = (const char *)v->data.scalar.value;
	if (nonempty && !**out)
		return ld_fail(l, v, RL_ERR_YAML_VALIDATE, "Value must be non-empty") - 1;
	return 1;
}

/* A required scalar; false after an error. */
static bool need_str(struct ld *l, const yaml_node_t *map, const char *key, const char **out)
{
	int rc = get_str(l, map, key, true, out);

	if (rc == 0)
		return ld_fail(l, NULL, RL_ERR_YAML_VALIDATE, "Item has no mapping for key '%s'",
			       key);
	return rc > 0;
}

/* A YAML 1.1 boolean: 1 with *out, 0 if absent, -1 after an error. */
static int get_bool(struct ld *l, const yaml_node_t *map, const char *key, bool *out)
{
	static const char *const yes[] = { "true", "yes", "on", "y" }, *const no[] = {
		"false", "no", "off", "n"
	};
	const char *v;
	int rc = get_str(l, map, key, false, &v);
	size_t i;

	if (rc <= 0)
		return rc;
	for (i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0 || strcasecmp(v, no[i]) == 0) {
			*out = strcasecmp(v, yes[i]) == 0;
			return 1;
		}
	}
	return ld_fail(l, map_get(l, map, key, NULL), RL_ERR_YAML_VALIDATE,
		       "Can't decode YAML scalar value") - 1;
}

/* A sequence of scalars (items, tags) appended to out: 1, 0 if absent, -1 after an error. */
static int get_strs(struct ld *l, const yaml_node_t *map, const char *key, struct strv *out)
{
	yaml_node_t *k, *v = map_get(l, map, key, &k);
	yaml_node_item_t *it;

	if (!v)
		return 0;
	if (v->type == YAML_SCALAR_NODE && is_null(v))
		return ld_fail(l, k, RL_ERR_YAML_VALIDATE, "Mapping for key '%s' is empty", key) -
		       1;
	if (v->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, v, RL_ERR_YAML_VALIDATE, "Value is not a sequence") - 1;
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = node_at(l, *it);

		if (!e || e->type != YAML_SCALAR_NODE)
			return ld_fail(l, e, RL_ERR_YAML_VALIDATE, "sequence value is not scalar") -
			       1;
		strv_add(out, (const char *)e->data.scalar.value);
	}
	return 1;
}

/* Warns of the keys of map not in known (NULL-ended). */
static void check_keys(struct ld *l, const yaml_node_t *map, const char *const *known)
{
	yaml_node_pair_t *p;

	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(l, p->key);
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

/* "x.y.z" (or N, meaning 0.N.0) into v; false if it is neither. */
static bool parse_version(const char *s, bool plain_number, unsigned int v[3])
{
	char end;

	if (plain_number && *s && strspn(s, "0123456789") == strlen(s)) {
		v[0] = 0;
		v[1] = (unsigned int)strtoul(s, NULL, 10);
		v[2] = 0;
		return true;
	}
	return sscanf(s, "%u.%u.%u%c", &v[0], &v[1], &v[2], &end) == 3;
}

/* a is compatible with the requirement b: the same major, and not older. */
static bool version_meets(const unsigned int a[3], const unsigned int b[3])
{
	if (a[0] != b[0])
		return false;
	return a[1] != b[1] ? a[1] > b[1] : a[2] >= b[2];
}

static bool load_engine_version(struct ld *l, const yaml_node_t *item)
{
	unsigned int want[3], have[3];
	const char *v;

	l->kind = "required_engine_version";
	if (!need_str(l, item, "required_engine_version", &v))
		return false;
	if (!parse_version(v, true, want))
		return ld_fail(l, NULL, RL_ERR_YAML_VALIDATE,
			       "Unable to parse engine version '%s' as a semver string. Expected "
			       "\"x.y.z\" semver format.",
			       v);
	parse_version(ENG_RULES_ENGINE_VERSION, false, have);
	if (!version_meets(have, want))
		return ld_fail(l, NULL, RL_ERR_VALIDATE,
			       "Rules require engine version %u.%u.%u, but engine version is %s",
			       want[0], want[1], want[2], ENG_RULES_ENGINE_VERSION);
	return true;
}

/* One requirement (with its alternatives): met if it names the container plugin. */
static bool load_plugin_req(struct ld *l, const yaml_node_t *req)
{
	static const char *const keys[] = { "name", "version", "alternatives", NULL };
	const yaml_node_t *alts, *choice[32];
	unsigned int want[3], have[3];
	yaml_node_item_t *it;
	struct sbuf all;
	size_t n = 0, i;
	bool ok = false;

	if (req->type != YAML_MAPPING_NODE)
		return ld_fail(l, req, RL_ERR_YAML_VALIDATE, "Plugin version must be a mapping");
	check_keys(l, req, keys);
	choice[n++] = req;
	alts = map_get(l, req, "alternatives", NULL);
	if (alts && alts->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, alts, RL_ERR_YAML_VALIDATE,
			       "Value of plugin version alternatives must be a sequence");
	for (it = alts ? alts->data.sequence.items.start : NULL;
	     alts && it < alts->data.sequence.items.top && n < 32; it++) {
		yaml_node_t *a = node_at(l, *it);

		if (!a || a->type != YAML_MAPPING_NODE)
			return ld_fail(l, a, RL_ERR_YAML_VALIDATE,
				       "Plugin version alternative must be a mapping");
		choice[n++] = a;
	}
	parse_version(ENG_RULES_CONTAINER_PLUGIN, false, have);
	sbuf_init(&all);
	for (i = 0; i < n && !l->failed; i++) {
		const char *name, *ver;

		if (!need_str(l, choice[i], "name", &name) || !need_str(l, choice[i], "version", &ver))
			break;
		if (!parse_version(ver, false, want)) {
			ld_fail(l, choice[i], RL_ERR_YAML_VALIDATE,
				"Invalid required version '%s' for plugin '%s'", ver, name);
			break;
		}
		sbuf_printf(&all, "%s%s (>= %s)", i ? ", " : "", name, ver);
		if (ok || strcmp(name, "container") != 0)
			continue;
		ok = true;
		if (!version_meets(have, want))
			ld_fail(l, choice[i], RL_ERR_VALIDATE,
				"Plugin '%s' version '%s' is not compatible with required plugin "
				"version '%s'",
				name, ENG_RULES_CONTAINER_PLUGIN, ver);
	}
	if (!l->failed && !ok)
		ld_fail(l, req, RL_ERR_VALIDATE,
			"Plugin requirement not satisfied, must load one of: %s", all.s);
	sbuf_fini(&all);
	return !l->failed;
}

static bool load_plugin_versions(struct ld *l, const yaml_node_t *item)
{
	yaml_node_t *seq = map_get(l, item, "required_plugin_versions", NULL);
	yaml_node_item_t *it;

	l->kind = "required plugin versions";
	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, seq, RL_ERR_YAML_VALIDATE,
			       "Value of required_plugin_versions must be a sequence");
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		yaml_node_t *req = node_at(l, *it);

		if (req && !load_plugin_req(l, req))
			return false;
	}
	return true;
}

/*
 * The operation of override's key k (append or replace), or NULL if it has
 * none; an invalid one is an error. can_append and can_replace say which
 * this key allows.
 */
static const char *override_op(struct ld *l, const yaml_node_t *ov, const char *k,
			       bool can_append, bool can_replace)
{
	const char *op;
	int rc;

	if (!ov)
		return NULL;
	rc = get_str(l, ov, k, false, &op);
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

/* Checks that override (a mapping) names only keys in known; reports the first other. */
static bool override_keys(struct ld *l, const yaml_node_t *ov, const char *const *known)
{
	yaml_node_pair_t *p;

	if (ov->type != YAML_MAPPING_NODE)
		return ld_fail(l, ov, RL_ERR_YAML_VALIDATE, "Value is not a mapping");
	for (p = ov->data.mapping.pairs.start; p < ov->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node_at(l, p->key);
		const char *name = k && k->type == YAML_SCALAR_NODE ?
					   (const char *)k->data.scalar.value : "";
		const char *const *w;

		for (w = known; *w && strcmp(*w, name) != 0; w++)
			;
		if (!*w) {
			yaml_node_t *v = node_at(l, p->value);
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

/* append: true, warned of as deprecated; -1 after an error. */
static int old_append(struct ld *l, const yaml_node_t *item, const yaml_node_t *ov)
{
	bool append = false;

	if (get_bool(l, item, "append", &append) < 0)
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

static bool valid_list_name(const char *s)
{
	return *s && !s[strcspn(s, "()\"' \t\n\r\f\v=,")];
}

static bool valid_macro_name(const char *s)
{
	if (!isalpha((unsigned char)*s))
		return false;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/*
 * The start of a list or macro (kind): its name, its keys checked, and
 * whether it appends (append: true, or override's ov_key: append): 1 or
 * 0; -1 after an error.
 */
static int item_head(struct ld *l, const yaml_node_t *item, const char *kind,
		     const char *const *keys, const char *ov_key, const char **name)
{
	yaml_node_t *ov = map_get(l, item, "override", NULL);
	const char *const ov_keys[] = { ov_key, NULL };
	const char *op = NULL;
	int append;

	l->kind = kind;
	if (!need_str(l, item, kind, name))
		return -1;
	l->name = *name;
	check_keys(l, item, keys);
	if ((append = old_append(l, item, ov)) < 0)
		return -1;
	if (ov && (!override_keys(l, ov, ov_keys) ||
		   (!(op = override_op(l, ov, ov_key, true, true)) && l->failed)))
		return -1;
	return append || (op && strcmp(op, "append") == 0);
}

/* Text joined to an earlier one with a space (Falco's append). */
static void join(char **to, const char *more)
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

static bool load_list(struct ld *l, const yaml_node_t *item)
{
	static const char *const keys[] = { "list", "items", "append", "override", NULL };
	struct strv items = { 0 };
	struct rl_list *prev;
	const char *name;
	int append = item_head(l, item, "list", keys, "items", &name);

	if (append < 0)
		return false;
	if (!valid_list_name(name))
		ld_warn(l, NULL, RL_WARN_INVALID_LIST_NAME,
			"List has an invalid name. List names should match a regular expression: "
			"([^()\"'[:space:]=,]+)");
	if (get_strs(l, item, "items", &items) <= 0) {
		if (!l->failed)
			ld_fail(l, NULL, RL_ERR_YAML_VALIDATE, "Item has no mapping for key 'items'");
		strv_free(&items);
		return false;
	}
	prev = rl_find_list(l->rs, name, strlen(name));
	if (append) {
		if (!prev) {
			strv_free(&items);
			return ld_fail(l, NULL, RL_ERR_VALIDATE,
				       "List uses 'append' or 'override.items: append' but no list "
				       "by that name already exists");
		}
		for (size_t i = 0; i < items.n; i++)
			strv_add(&prev->items, items.v[i]);
		strv_free(&items);
		return true;
	}
	if (!prev) {
		l->rs->lists = xreallocarray(l->rs->lists, l->rs->nlists + 1, sizeof(*prev));
		prev = &l->rs->lists[l->rs->nlists++];
		memset(prev, 0, sizeof(*prev));
		prev->name = xstrdup(name);
		prev->loc = l->loc;
	}
	strv_free(&prev->items);
	prev->items = items;
	return true;
}

static bool load_macro(struct ld *l, const yaml_node_t *item)
{
	static const char *const keys[] = { "macro", "condition", "append", "override", NULL };
	struct rl_macro *prev;
	const char *name, *cond;
	int append = item_head(l, item, "macro", keys, "condition", &name);

	if (append < 0)
		return false;
	if (!valid_macro_name(name))
		ld_warn(l, NULL, RL_WARN_INVALID_MACRO_NAME,
			"Macro has an invalid name. Macro names should match a regular expression: "
			"([a-zA-Z]+[a-zA-Z0-9_]*)");
	if (!need_str(l, item, "condition", &cond))
		return false;
	prev = rl_find_macro(l->rs, name, strlen(name));
	if (append) {
		if (!prev)
			return ld_fail(l, NULL, RL_ERR_VALIDATE,
				       "Macro uses 'append' or 'override.condition: append' but no "
				       "macro by that name already exists");
		join(&prev->cond, cond);
		return true;
	}
	if (!prev) {
		l->rs->macros = xreallocarray(l->rs->macros, l->rs->nmacros + 1, sizeof(*prev));
		prev = &l->rs->macros[l->rs->nmacros++];
		memset(prev, 0, sizeof(*prev));
		prev->name = xstrdup(name);
		prev->loc = l->loc;
	}
	free(prev->cond);
	prev->cond = xstrdup(cond);
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts the tags and drops repeats: Falco keeps them as a set. */
static void tags_set(struct strv *t)
{
	size_t i, k = 0;

	if (t->n < 2)
		return;
	qsort(t->v, t->n, sizeof(*t->v), cmp_str);
	for (i = 0; i < t->n; i++) {
		if (k && strcmp(t->v[k - 1], t->v[i]) == 0)
			free(t->v[i]);
		else
			t->v[k++] = t->v[i];
	}
	t->n = k;
}

/* ---- exceptions ---- */

static void exc_free(struct rl_exc *x)
{
	size_t i, j;

	free(x->name);
	strv_free(&x->fields);
	strv_free(&x->comps);
	for (i = 0; i < x->nvals; i++) {
		for (j = 0; j < x->vals[i].n; j++)
			strv_free(&x->vals[i].cells[j].items);
		free(x->vals[i].cells);
	}
	free(x->vals);
	memset(x, 0, sizeof(*x));
}

void rl_excs_free(struct rl_exc *x, size_t n)
{
	for (size_t i = 0; i < n; i++)
		exc_free(&x[i]);
	free(x);
}

/* fields or comps: a scalar or a sequence of scalars, into out; *is_list says which. */
static bool exc_strs(struct ld *l, const yaml_node_t *v, struct strv *out, bool *is_list)
{
	yaml_node_item_t *it;

	*is_list = v->type == YAML_SEQUENCE_NODE;
	if (v->type == YAML_SCALAR_NODE) {
		strv_add(out, (const char *)v->data.scalar.value);
		return true;
	}
	if (v->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, v, RL_ERR_YAML_VALIDATE, "Value is not a sequence");
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = node_at(l, *it);

		if (!e || e->type != YAML_SCALAR_NODE)
			return ld_fail(l, e, RL_ERR_YAML_VALIDATE, "sequence value is not scalar");
		strv_add(out, (const char *)e->data.scalar.value);
	}
	return true;
}

/* A comparison an exception may use: an operator, or a text operator with a modifier. */
static bool exc_comp_ok(const char *comp, bool single)
{
	static const char *const mods[] = { "oneof", "anyof", "allof" };
	enum eng_filter_arg arg;
	const char *op;
	char word[32];
	size_t i, len;

	while (isspace((unsigned char)*comp))
		comp++;
	len = strcspn(comp, " \t");
	if (comp[len]) {
		/* "startswith oneof" */
		const char *mod = comp + len + strspn(comp + len, " \t");

		for (i = 0; i < 3 && strcmp(mod, mods[i]) != 0; i++)
			;
		if (i == 3 || len >= sizeof(word))
			return false;
	} else if (single) {
		return strcmp(comp, "in") == 0 || strcmp(comp, "pmatch") == 0 ||
		       strcmp(comp, "intersects") == 0;
	}
	snprintf(word, sizeof(word), "%.*s", (int)len, comp);
	for (i = 0; (op = eng_filter_op(i, &arg)); i++)
		if (strcmp(op, word) == 0 || (strcmp(word, "==") == 0 && strcmp(op, "=") == 0))
			return true;
	return false;
}

/* One value of a tuple: a scalar or a sequence of scalars. */
static bool exc_cell(struct ld *l, const yaml_node_t *v, struct rl_cell *c)
{
	if (v->type == YAML_SCALAR_NODE) {
		strv_add(&c->items, (const char *)v->data.scalar.value);
		return true;
	}
	c->is_list = true;
	return exc_strs(l, v, &c->items, &c->is_list);
}

/* The values of an exception (the form of x) appended to x's. */
static bool exc_values(struct ld *l, const yaml_node_t *vals, struct rl_exc *x)
{
	yaml_node_item_t *it;

	if (vals->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, vals, RL_ERR_YAML_VALIDATE,
			       "Rule exception values must be a sequence");
	for (it = vals->data.sequence.items.start; it < vals->data.sequence.items.top; it++) {
		yaml_node_t *v = node_at(l, *it);
		struct rl_tuple *t;

		x->vals = xreallocarray(x->vals, x->nvals + 1, sizeof(*x->vals));
		t = &x->vals[x->nvals++];
		memset(t, 0, sizeof(*t));
		if (!x->fields_list) {
			if (!v || v->type != YAML_SCALAR_NODE)
				return ld_fail(l, v, RL_ERR_YAML_VALIDATE,
					       "Expected values array to contain a list of strings");
			t->cells = xcalloc(1, sizeof(*t->cells));
			t->n = 1;
			strv_add(&t->cells[0].items, (const char *)v->data.scalar.value);
			continue;
		}
		if (!v || v->type != YAML_SEQUENCE_NODE ||
		    (size_t)(v->data.sequence.items.top - v->data.sequence.items.start) !=
			    x->fields.n)
			return ld_fail(l, v, RL_ERR_YAML_VALIDATE,
				       "Fields and values lists must have equal length");
		t->cells = xcalloc(x->fields.n, sizeof(*t->cells));
		for (size_t j = 0; j < x->fields.n; j++) {
			t->n = j + 1;
			if (!exc_cell(l, node_at(l, v->data.sequence.items.start[j]), &t->cells[j]))
				return false;
		}
	}
	return true;
}

/* Checks an exception's fields and comps, filling in the default comps. */
static bool exc_check(struct ld *l, const yaml_node_t *at, struct rl_exc *x, bool comps_list)
{
	struct eng_fref r;
	size_t i;

	if (!x->fields_list) {
		if (comps_list)
			return ld_fail(l, at, RL_ERR_YAML_VALIDATE,
				       "Fields and comps must both be strings");
		if (!x->comps.n)
			strv_add(&x->comps, "in");
		if (!exc_comp_ok(x->comps.v[0], true))
			return ld_fail(l, at, RL_ERR_YAML_VALIDATE,
				       "When fields is a single value, comps must be one of (in, "
				       "pmatch, intersects) or a modifier operator (e.g. startswith "
				       "oneof)");
	} else {
		if (!x->comps.n)
			for (i = 0; i < x->fields.n; i++)
				strv_add(&x->comps, "=");
		if (x->comps.n != x->fields.n)
			return ld_fail(l, at, RL_ERR_YAML_VALIDATE,
				       "Fields and comps lists must have equal length");
		for (i = 0; i < x->comps.n; i++)
			if (!exc_comp_ok(x->comps.v[i], false))
				return ld_fail(l, at, RL_ERR_YAML_VALIDATE,
					       "'%s' is not a supported comparison operator",
					       x->comps.v[i]);
	}
	for (i = 0; i < x->fields.n; i++)
		if (!eng_field_lookup(x->fields.v[i], &r, NULL))
			return ld_fail(l, at, RL_ERR_VALIDATE, "'%s' is not a supported filter field",
				       x->fields.v[i]);
	return true;
}

/*
 * The exceptions of a rule (node v) into rule r: appended to its own when
 * append, else in their place.
 */
static bool load_exceptions(struct ld *l, const yaml_node_t *v, struct rl_rule *r, bool append)
{
	yaml_node_item_t *it;

	if (v->type == YAML_SCALAR_NODE && is_null(v))
		return true;
	if (v->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, v, RL_ERR_YAML_VALIDATE, "Rule exceptions must be a sequence");
	if (!append) {
		rl_excs_free(r->exc, r->nexc);
		r->exc = NULL;
		r->nexc = 0;
	}
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = node_at(l, *it), *fields, *comps, *vals;
		struct rl_exc *x = NULL, nx = { 0 };
		const char *name;
		bool comps_list = false;
		size_t i;

		if (!e || e->type != YAML_MAPPING_NODE)
			return ld_fail(l, e, RL_ERR_YAML_VALIDATE, "Rule exception must be a mapping");
		if (!need_str(l, e, "name", &name))
			return false;
		fields = map_get(l, e, "fields", NULL);
		comps = map_get(l, e, "comps", NULL);
		vals = map_get(l, e, "values", NULL);
		for (i = 0; i < r->nexc; i++)
			if (strcmp(r->exc[i].name, name) == 0)
				x = &r->exc[i];
		if (x && append) {
			if (fields)
				return ld_fail(l, fields, RL_ERR_YAML_VALIDATE,
					       "Can not append exception fields to existing exception, "
					       "only values");
			if (comps)
				return ld_fail(l, comps, RL_ERR_YAML_VALIDATE,
					       "Can not append exception comps to existing exception, "
					       "only values");
			if (!vals) {
				ld_warn(l, e, RL_WARN_APPEND_NO_VALUES,
					"Overriding/appending exception with no values");
				continue;
			}
			if (!exc_values(l, vals, x))
				return false;
			continue;
		}
		if (x)
			ld_warn(l, e, RL_WARN_EXCEPTION_NAME_NOT_UNIQUE,
				"Multiple definitions of exception '%s' in the same rule", name);
		if (!fields)
			return append ? ld_fail(l, e, RL_ERR_YAML_VALIDATE,
						"Rule exception must have fields property with a "
						"list of fields") :
					ld_fail(l, e, RL_ERR_YAML_VALIDATE,
						"Item has no mapping for key 'fields'");
		if (append && !vals)
			return ld_fail(l, e, RL_ERR_YAML_VALIDATE,
				       "Rule exception must have values property with a list of "
				       "values");
		nx.name = xstrdup(name);
		if (!exc_strs(l, fields, &nx.fields, &nx.fields_list) ||
		    (comps && !exc_strs(l, comps, &nx.comps, &comps_list)) ||
		    !exc_check(l, fields, &nx, comps_list) || (vals && !exc_values(l, vals, &nx))) {
			exc_free(&nx);
			return false;
		}
		r->exc = xreallocarray(r->exc, r->nexc + 1, sizeof(*r->exc));
		r->exc[r->nexc++] = nx;
	}
	return true;
}

/* ---- rules ---- */

static void rule_free_fields(struct rl_rule *r)
{
	free(r->name);
	free(r->desc);
	free(r->cond);
	free(r->output);
	free(r->source);
	free(r->full);
	strv_free(&r->tags);
	rl_excs_free(r->exc, r->nexc);
}

void rl_rule_free(struct rl_rule *r)
{
	rule_free_fields(r);
	memset(r, 0, sizeof(*r));
}

/* Trims the spaces around text (Falco trims a rule's output). */
static char *trimmed(const char *s)
{
	size_t n;

	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* The optional keys of a full definition, into r. */
static bool rule_optional(struct ld *l, const yaml_node_t *item, struct rl_rule *r)
{
	const char *s;
	yaml_node_t *exc;
	bool b;
	int rc;

	if ((rc = get_str(l, item, "source", false, &s)) < 0)
		return false;
	free(r->source);
	r->source = xstrdup(rc ? s : "syscall");
	if ((rc = get_bool(l, item, "enabled", &b)) < 0)
		return false;
	r->enabled = rc ? b : true;
	if ((rc = get_bool(l, item, "skip-if-unknown-filter", &b)) < 0)
		return false;
	r->skip_unknown = rc && b;
	if ((rc = get_bool(l, item, "warn_evttypes", &b)) < 0)
		return false;
	r->warn_evttypes = rc ? b : true;
	if ((rc = get_bool(l, item, "capture", &b)) < 0)
		return false;
	if (get_strs(l, item, "tags", &r->tags) < 0)
		return false;
	tags_set(&r->tags);
	exc = map_get(l, item, "exceptions", NULL);
	return !exc || load_exceptions(l, exc, r, false);
}

/* A full definition: new, or replacing the one before in its place. */
static bool rule_define(struct ld *l, const yaml_node_t *item, const char *name)
{
	struct rl_rule r = { 0 }, *prev = rl_find_rule(l->rs, name);
	const char *cond, *output, *desc, *prio;

	if (!need_str(l, item, "condition", &cond) || !need_str(l, item, "output", &output) ||
	    !need_str(l, item, "desc", &desc) || !need_str(l, item, "priority", &prio))
		return false;
	if (!rl_prio_parse(prio, &r.prio))
		return ld_fail(l, map_get(l, item, "priority", NULL), RL_ERR_YAML_VALIDATE,
			       "Invalid priority");
	r.name = xstrdup(name);
	r.cond = xstrdup(cond);
	r.output = trimmed(output);
	r.desc = xstrdup(desc);
	r.loc = l->loc;
	if (!rule_optional(l, item, &r)) {
		rule_free_fields(&r);
		return false;
	}
	if (prev && map_get(l, item, "source", NULL) && strcmp(prev->source, r.source) != 0) {
		rule_free_fields(&r);
		return ld_fail(l, NULL, RL_ERR_VALIDATE,
			       "Rule has been re-defined with a different source");
	}
	if (prev) {
		r.loc = prev->loc;
		rule_free_fields(prev);
		*prev = r;
		return true;
	}
	l->rs->rules = xreallocarray(l->rs->rules, l->rs->nrules + 1, sizeof(r));
	l->rs->rules[l->rs->nrules++] = r;
	return true;
}

/* The rule keys override may name, and how. */
static const struct {
	const char *key;
	bool append, replace;
} rule_ov[] = {
	{ "condition", true, true },	  { "output", true, true },	{ "desc", true, true },
	{ "tags", true, true },		  { "exceptions", true, true }, { "priority", false, true },
	{ "capture", false, true },	  { "capture_duration", false, true },
	{ "enabled", false, true },	  { "warn_evttypes", false, true },
	{ "skip-if-unknown-filter", false, true },
};

/* One override key's change to rule r. */
static bool rule_apply(struct ld *l, const yaml_node_t *item, struct rl_rule *r, const char *key,
		       bool append)
{
	const char *s;
	bool b;

	if (strcmp(key, "exceptions") == 0)
		return load_exceptions(l, map_get(l, item, key, NULL), r, append);
	if (strcmp(key, "tags") == 0) {
		if (!append)
			strv_free(&r->tags);
		if (get_strs(l, item, key, &r->tags) < 0)
			return false;
		tags_set(&r->tags);
		return true;
	}
	if (strcmp(key, "enabled") == 0 || strcmp(key, "warn_evttypes") == 0 ||
	    strcmp(key, "skip-if-unknown-filter") == 0 || strcmp(key, "capture") == 0) {
		if (get_bool(l, item, key, &b) < 0)
			return false;
		if (strcmp(key, "enabled") == 0)
			r->enabled = b;
		else if (strcmp(key, "warn_evttypes") == 0)
			r->warn_evttypes = b;
		else if (key[0] == 's')
			r->skip_unknown = b;
		return true;
	}
	if (get_str(l, item, key, false, &s) < 0)
		return false;
	if (strcmp(key, "priority") == 0) {
		if (!rl_prio_parse(s, &r->prio))
			return ld_fail(l, map_get(l, item, key, NULL), RL_ERR_YAML_VALIDATE,
				       "Invalid priority");
		return true;
	}
	if (strcmp(key, "capture_duration") == 0)
		return true;
	{
		char **to = strcmp(key, "condition") == 0 ? &r->cond :
			    strcmp(key, "output") == 0	  ? &r->output :
							    &r->desc;
		char *v = strcmp(key, "output") == 0 ? trimmed(s) : xstrdup(s);

		if (append) {
			join(to, v);
			free(v);
		} else {
			free(*to);
			*to = v;
		}
	}
	return true;
}

/* An item with override: the keys it names, appended or replaced. */
static bool rule_override(struct ld *l, const yaml_node_t *item, const yaml_node_t *ov,
			  const char *name)
{
	const char *ops[sizeof(rule_ov) / sizeof(rule_ov[0])];
	struct rl_rule *prev;
	const char *first = NULL;
	bool any_append = false;
	size_t i, n = sizeof(rule_ov) / sizeof(rule_ov[0]);
	const char *known[sizeof(rule_ov) / sizeof(rule_ov[0]) + 1];

	for (i = 0; i < n; i++)
		known[i] = rule_ov[i].key;
	known[n] = NULL;
	if (!override_keys(l, ov, known))
		return false;
	for (i = 0; i < n; i++) {
		bool defined = map_get(l, item, rule_ov[i].key, NULL) != NULL;

		ops[i] = override_op(l, ov, rule_ov[i].key, rule_ov[i].append, rule_ov[i].replace);
		if (l->failed)
			return false;
		if (ops[i] && !defined)
			return ld_fail(l, ov, RL_ERR_YAML_VALIDATE,
				       "An %s override for '%s' was specified but '%s' is not "
				       "defined",
				       ops[i], rule_ov[i].key, rule_ov[i].key);
		if (!ops[i] && defined)
			return ld_fail(l, map_get(l, item, rule_ov[i].key, NULL),
				       RL_ERR_YAML_VALIDATE,
				       "Unexpected key '%s': no corresponding entry under 'override' "
				       "is defined.",
				       rule_ov[i].key);
		if (ops[i] && !first)
			first = rule_ov[i].key;
		any_append |= ops[i] && ops[i][0] == 'a';
	}
	if (!first)
		return ld_fail(l, ov, RL_ERR_YAML_VALIDATE,
			       "The rule must have at least one field that can be replaced");
	prev = rl_find_rule(l->rs, name);
	if (!prev)
		return any_append ?
			       ld_fail(l, NULL, RL_ERR_VALIDATE,
				       "Rule uses 'append' or 'override.%s: append' but no rule by "
				       "that name already exists",
				       first) :
			       ld_fail(l, NULL, RL_ERR_VALIDATE,
				       "An 'override.%s: replace' to a rule was requested but no rule "
				       "by that name already exists",
				       first);
	for (i = 0; i < n; i++)
		if (ops[i] && !rule_apply(l, item, prev, rule_ov[i].key, ops[i][0] == 'a'))
			return false;
	return true;
}

static bool load_rule(struct ld *l, const yaml_node_t *item)
{
	static const char *const keys[] = { "rule",	  "condition",	       "output",
					    "desc",	  "priority",	       "source",
					    "enabled",	  "capture",	       "capture_duration",
					    "warn_evttypes", "skip-if-unknown-filter", "tags",
					    "exceptions", "override",	       "append",
					    NULL };
	yaml_node_t *ov = map_get(l, item, "override", NULL), *exc;
	struct rl_rule *prev;
	const char *name, *cond;
	bool enabled;
	int append, rc;

	l->kind = "rule";
	if (!need_str(l, item, "rule", &name))
		return false;
	l->name = name;
	check_keys(l, item, keys);
	if ((append = old_append(l, item, ov)) < 0)
		return false;
	if (ov)
		return rule_override(l, item, ov, name);
	if (append) {
		/* only condition and exceptions count */
		exc = map_get(l, item, "exceptions", NULL);
		if ((rc = get_str(l, item, "condition", false, &cond)) < 0)
			return false;
		if (!rc && !exc)
			return ld_fail(l, NULL, RL_ERR_YAML_VALIDATE,
				       "Appended rule must have exceptions or condition property");
		prev = rl_find_rule(l->rs, name);
		if (!prev)
			return ld_fail(l, NULL, RL_ERR_VALIDATE,
				       "Rule uses 'append' or 'override.%s: append' but no rule by "
				       "that name already exists",
				       rc ? "condition" : "exceptions");
		if (rc)
			join(&prev->cond, cond);
		return !exc || load_exceptions(l, exc, prev, true);
	}
	if (!map_get(l, item, "condition", NULL) && !map_get(l, item, "output", NULL) &&
	    !map_get(l, item, "desc", NULL) && !map_get(l, item, "priority", NULL)) {
		if ((rc = get_bool(l, item, "enabled", &enabled)) <= 0)
			return rc < 0 ? false :
					ld_fail(l, NULL, RL_ERR_YAML_VALIDATE,
						"Item has no mapping for key 'enabled'");
		ld_warn(l, NULL, RL_WARN_DEPRECATED_ITEM,
			"The standalone 'enabled' key usage is deprecated. The correct approach "
			"requires also a 'replace' entry under the 'override' key (i.e. 'enabled: "
			"replace').");
		prev = rl_find_rule(l->rs, name);
		if (!prev)
			return ld_fail(l, NULL, RL_ERR_VALIDATE,
				       "Rule has 'enabled' key but no rule by that name already "
				       "exists");
		prev->enabled = enabled;
		return true;
	}
	return rule_define(l, item, name);
}

/* One item of a document's sequence. */
static bool load_item(struct ld *l, const yaml_node_t *item)
{
	static const char *const kinds[] = { "required_engine_version", "required_plugin_versions",
					     "list", "macro", "rule" };
	yaml_node_t *key = NULL;
	size_t i;

	l->kind = "rules content item";
	l->name = NULL;
	l->loc = loc_of(l, item);
	if (item->type == YAML_SCALAR_NODE && is_null(item))
		return true;
	if (item->type != YAML_MAPPING_NODE)
		return ld_fail(l, item, RL_ERR_YAML_VALIDATE,
			       "Unexpected element type. Each element should be a yaml associative "
			       "array.");
	for (i = 0; i < 5 && !map_get(l, item, kinds[i], &key); i++)
		;
	if (i == 5) {
		ld_warn(l, item, RL_WARN_UNKNOWN_ITEM, "Unknown top level item");
		return true;
	}
	l->loc = loc_of(l, key);
	switch (i) {
	case 0:
		return load_engine_version(l, item);
	case 1:
		return load_plugin_versions(l, item);
	case 2:
		return load_list(l, item);
	case 3:
		return load_macro(l, item);
	default:
		return load_rule(l, item);
	}
}

static bool load_doc(struct ld *l)
{
	yaml_node_t *root = yaml_document_get_root_node(l->doc);
	yaml_node_item_t *it;

	if (!root || (root->type == YAML_SCALAR_NODE && is_null(root)))
		return true;
	l->kind = "rules content";
	l->loc = loc_of(l, root);
	if (root->type == YAML_SCALAR_NODE)
		return ld_fail(l, root, RL_ERR_YAML_VALIDATE, "Rules content is not yaml");
	if (root->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, root, RL_ERR_YAML_VALIDATE,
			       "Rules content is not yaml array of objects");
	for (it = root->data.sequence.items.start; it < root->data.sequence.items.top; it++) {
		yaml_node_t *item = node_at(l, *it);

		if (item && !load_item(l, item))
			return false;
	}
	return true;
}

/* The set's own copy of a file name, for locations. */
static const char *intern(struct eng_ruleset *rs, const char *name)
{
	strv_add(&rs->files, name);
	return rs->files.v[rs->files.n - 1];
}

bool eng_ruleset_load_mem(struct eng_ruleset *rs, const char *name, const char *text,
			  size_t len)
{
	struct ld l = { .rs = rs, .file = intern(rs, name) };
	yaml_parser_t parser;
	yaml_document_t doc;

	if (!yaml_parser_initialize(&parser)) {
		rl_msg(rs, RL_ERR_FILE_READ, &(struct rl_loc){ .file = l.file }, "rules content",
		       NULL, "out of memory");
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	for (;;) {
		bool empty;

		if (!yaml_parser_load(&parser, &doc)) {
			struct rl_loc loc = { .file = l.file,
					      .line = (unsigned int)parser.problem_mark.line + 1,
					      .col = (unsigned int)parser.problem_mark.column + 1 };

			rl_msg(rs, RL_ERR_YAML_PARSE, &loc, "rules content", NULL, "%s%s%s",
			       parser.problem ? parser.problem : "malformed YAML",
			       parser.context ? " " : "", parser.context ? parser.context : "");
			l.failed = true;
			break;
		}
		l.doc = &doc;
		empty = !yaml_document_get_root_node(&doc);
		if (!empty)
			load_doc(&l);
		yaml_document_delete(&doc);
		if (empty || l.failed)
			break;
	}
	yaml_parser_delete(&parser);
	rs->failed |= l.failed;
	return !l.failed;
}

/* A file's text, read whole; NULL after a message. */
static char *read_file(struct eng_ruleset *rs, const char *path, size_t *len)
{
	struct rl_loc loc = { .file = intern(rs, path) };
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *buf;
	ssize_t n;
	size_t got = 0;

	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size > RULES_FILE_MAX) {
		rl_msg(rs, RL_ERR_FILE_READ, &loc, "rules content", NULL, "%s",
		       fd < 0 || st.st_size <= RULES_FILE_MAX ? strerror(errno) :
								"larger than 64 MiB");
		if (fd >= 0)
			close(fd);
		rs->failed = true;
		return NULL;
	}
	buf = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size && (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	buf[got] = 0;
	*len = got;
	return buf;
}

static int yaml_name(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' &&
	       ((n > 5 && strcmp(d->d_name + n - 5, ".yaml") == 0) ||
		(n > 4 && strcmp(d->d_name + n - 4, ".yml") == 0));
}

bool eng_ruleset_load(struct eng_ruleset *rs, const char *path)
{
	struct dirent **names;
	struct stat st;
	char *text;
	size_t len;
	bool ok = true;
	int n, i;

	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		n = scandir(path, &names, yaml_name, alphasort);
		if (n < 0) {
			rl_msg(rs, RL_ERR_FILE_READ, &(struct rl_loc){ .file = intern(rs, path) },
			       "rules content", NULL, "%s", strerror(errno));
			rs->failed = true;
			return false;
		}
		for (i = 0; i < n; i++) {
			char *sub = xmalloc(strlen(path) + strlen(names[i]->d_name) + 2);

			sprintf(sub, "%s/%s", path, names[i]->d_name);
			ok &= eng_ruleset_load(rs, sub);
			free(sub);
			free(names[i]);
		}
		free(names);
		return ok;
	}
	text = read_file(rs, path, &len);
	if (!text)
		return false;
	ok = eng_ruleset_load_mem(rs, path, text, len);
	free(text);
	return ok;
}

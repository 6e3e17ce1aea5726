// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rule items: full definitions, the old append and standalone enabled
 * forms, and override's appends and replacements, key by key.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "eng_rules_yaml.h"
#include "xalloc.h"

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

	if ((rc = ld_str(l, item, "source", false, &s)) < 0)
		return false;
	free(r->source);
	r->source = xstrdup(rc ? s : "syscall");
	if ((rc = ld_bool(l, item, "enabled", &b)) < 0)
		return false;
	r->enabled = rc ? b : true;
	if ((rc = ld_bool(l, item, "skip-if-unknown-filter", &b)) < 0)
		return false;
	r->skip_unknown = rc && b;
	if ((rc = ld_bool(l, item, "warn_evttypes", &b)) < 0)
		return false;
	r->warn_evttypes = rc ? b : true;
	if ((rc = ld_bool(l, item, "capture", &b)) < 0)
		return false;
	if (ld_strs(l, item, "tags", &r->tags) < 0)
		return false;
	tags_set(&r->tags);
	exc = ld_get(l, item, "exceptions", NULL);
	return !exc || ld_exceptions(l, exc, r, false);
}

/* A full definition: new, or replacing the one before in its place. */
static bool rule_define(struct ld *l, const yaml_node_t *item, const char *name)
{
	struct rl_rule r = { 0 }, *prev = rl_find_rule(l->rs, name);
	const char *cond, *output, *desc, *prio;

	if (!ld_need_str(l, item, "condition", &cond) || !ld_need_str(l, item, "output", &output) ||
	    !ld_need_str(l, item, "desc", &desc) || !ld_need_str(l, item, "priority", &prio))
		return false;
	if (!eng_prio_parse(prio, &r.prio))
		return ld_fail(l, ld_get(l, item, "priority", NULL), RL_ERR_YAML_VALIDATE,
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
	if (prev && ld_get(l, item, "source", NULL) && strcmp(prev->source, r.source) != 0) {
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
		return ld_exceptions(l, ld_get(l, item, key, NULL), r, append);
	if (strcmp(key, "tags") == 0) {
		if (!append)
			strv_free(&r->tags);
		if (ld_strs(l, item, key, &r->tags) < 0)
			return false;
		tags_set(&r->tags);
		return true;
	}
	if (strcmp(key, "enabled") == 0 || strcmp(key, "warn_evttypes") == 0 ||
	    strcmp(key, "skip-if-unknown-filter") == 0 || strcmp(key, "capture") == 0) {
		if (ld_bool(l, item, key, &b) < 0)
			return false;
		if (strcmp(key, "enabled") == 0)
			r->enabled = b;
		else if (strcmp(key, "warn_evttypes") == 0)
			r->warn_evttypes = b;
		else if (key[0] == 's')
			r->skip_unknown = b;
		return true;
	}
	if (ld_str(l, item, key, false, &s) < 0)
		return false;
	if (strcmp(key, "priority") == 0) {
		if (!eng_prio_parse(s, &r->prio))
			return ld_fail(l, ld_get(l, item, key, NULL), RL_ERR_YAML_VALIDATE,
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
			ld_join(to, v);
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
	if (!ld_override_keys(l, ov, known))
		return false;
	for (i = 0; i < n; i++) {
		bool defined = ld_get(l, item, rule_ov[i].key, NULL) != NULL;

		ops[i] = ld_override_op(l, ov, rule_ov[i].key, rule_ov[i].append, rule_ov[i].replace);
		if (l->failed)
			return false;
		if (ops[i] && !defined)
			return ld_fail(l, ov, RL_ERR_YAML_VALIDATE,
				       "An %s override for '%s' was specified but '%s' is not "
				       "defined",
				       ops[i], rule_ov[i].key, rule_ov[i].key);
		if (!ops[i] && defined)
			return ld_fail(l, ld_get(l, item, rule_ov[i].key, NULL),
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

bool ld_rule(struct ld *l, const yaml_node_t *item)
{
	static const char *const keys[] = { "rule",	  "condition",	       "output",
					    "desc",	  "priority",	       "source",
					    "enabled",	  "capture",	       "capture_duration",
					    "warn_evttypes", "skip-if-unknown-filter", "tags",
					    "exceptions", "override",	       "append",
					    NULL };
	yaml_node_t *ov = ld_get(l, item, "override", NULL), *exc;
	struct rl_rule *prev;
	const char *name, *cond;
	bool enabled;
	int append, rc;

	l->kind = "rule";
	if (!ld_need_str(l, item, "rule", &name))
		return false;
	l->name = name;
	ld_check_keys(l, item, keys);
	if ((append = ld_old_append(l, item, ov)) < 0)
		return false;
	if (ov)
		return rule_override(l, item, ov, name);
	if (append) {
		/* only condition and exceptions count */
		exc = ld_get(l, item, "exceptions", NULL);
		if ((rc = ld_str(l, item, "condition", false, &cond)) < 0)
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
			ld_join(&prev->cond, cond);
		return !exc || ld_exceptions(l, exc, prev, true);
	}
	if (!ld_get(l, item, "condition", NULL) && !ld_get(l, item, "output", NULL) &&
	    !ld_get(l, item, "desc", NULL) && !ld_get(l, item, "priority", NULL)) {
		if ((rc = ld_bool(l, item, "enabled", &enabled)) <= 0)
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

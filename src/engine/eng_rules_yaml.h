/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rules loader's YAML layer (eng_rules_yaml.c), shared by the loader of
 * files, lists and macros (eng_rules_load.c), of rules (eng_rules_rule.c)
 * and of their exceptions (eng_rules_exc.c).
 */
#ifndef SYSHARK_ENG_RULES_YAML_H
#define SYSHARK_ENG_RULES_YAML_H

#include <yaml.h>

#include "eng_rules_int.h"

/* A document being loaded, and the item whose messages are being given. */
struct ld {
	struct eng_ruleset *rs;
	yaml_document_t *doc;
	const char *file;
	const char *kind, *name; /* "rule", its name */
	struct rl_loc loc;
	bool failed;
};

yaml_node_t *ld_node(const struct ld *l, int id);
struct rl_loc ld_loc(const struct ld *l, const yaml_node_t *n);

/* An error about the current item (at node at, or the item); returns false. */
bool ld_fail(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void ld_warn(struct ld *l, const yaml_node_t *at, enum rl_code code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A plain scalar YAML reads as null: "", "~", "null". */
bool ld_is_null(const yaml_node_t *n);

/* The value of key in mapping map, and the key's node; NULL if absent. */
yaml_node_t *ld_get(const struct ld *l, const yaml_node_t *map, const char *key,
		    yaml_node_t **key_node);

/*
 * The scalar of key: 1 with *out (borrowed), 0 if absent, -1 after an
 * error (null, not a scalar, or empty where nonempty).
 */
int ld_str(struct ld *l, const yaml_node_t *map, const char *key, bool nonempty,
	   const char **out);

/* A required scalar; false after an error. */
bool ld_need_str(struct ld *l, const yaml_node_t *map, const char *key, const char **out);

/* A YAML 1.1 boolean: 1 with *out, 0 if absent, -1 after an error. */
int ld_bool(struct ld *l, const yaml_node_t *map, const char *key, bool *out);

/* A sequence of scalars (items, tags) appended to out: 1, 0 if absent, -1 after an error. */
int ld_strs(struct ld *l, const yaml_node_t *map, const char *key, struct strv *out);

/* Warns of the keys of map not in known (NULL-ended). */
void ld_check_keys(struct ld *l, const yaml_node_t *map, const char *const *known);

/*
 * The operation of override's key k (append or replace), or NULL if it has
 * none; an invalid one is an error. can_append and can_replace say which
 * this key allows.
 */
const char *ld_override_op(struct ld *l, const yaml_node_t *ov, const char *k,
			   bool can_append, bool can_replace);

/* Checks that override (a mapping) names only keys in known; reports the first other. */
bool ld_override_keys(struct ld *l, const yaml_node_t *ov, const char *const *known);

/* append: true, warned of as deprecated; -1 after an error. */
int ld_old_append(struct ld *l, const yaml_node_t *item, const yaml_node_t *ov);

/* Text joined to an earlier one with a space (Falco's append). */
void ld_join(char **to, const char *more);

/*
 * The exceptions of a rule (node v) into rule r: appended to its own when
 * append, else in their place.
 */
bool ld_exceptions(struct ld *l, const yaml_node_t *v, struct rl_rule *r, bool append);

/* A rule item: a definition, an append, an override or a standalone enabled. */
bool ld_rule(struct ld *l, const yaml_node_t *item);

#endif

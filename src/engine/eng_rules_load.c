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
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "eng_rules_yaml.h"
#include "xalloc.h"

#define RULES_FILE_MAX (64u << 20) /* a rules file larger than this is refused */

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
	if (!ld_need_str(l, item, "required_engine_version", &v))
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
	ld_check_keys(l, req, keys);
	choice[n++] = req;
	alts = ld_get(l, req, "alternatives", NULL);
	if (alts && alts->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, alts, RL_ERR_YAML_VALIDATE,
			       "Value of plugin version alternatives must be a sequence");
	for (it = alts ? alts->data.sequence.items.start : NULL;
	     alts && it < alts->data.sequence.items.top && n < 32; it++) {
		yaml_node_t *a = ld_node(l, *it);

		if (!a || a->type != YAML_MAPPING_NODE)
			return ld_fail(l, a, RL_ERR_YAML_VALIDATE,
				       "Plugin version alternative must be a mapping");
		choice[n++] = a;
	}
	parse_version(ENG_RULES_CONTAINER_PLUGIN, false, have);
	sbuf_init(&all);
	for (i = 0; i < n && !l->failed; i++) {
		const char *name, *ver;

		if (!ld_need_str(l, choice[i], "name", &name) || !ld_need_str(l, choice[i], "version", &ver))
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
	yaml_node_t *seq = ld_get(l, item, "required_plugin_versions", NULL);
	yaml_node_item_t *it;

	l->kind = "required plugin versions";
	if (!seq || seq->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, seq, RL_ERR_YAML_VALIDATE,
			       "Value of required_plugin_versions must be a sequence");
	for (it = seq->data.sequence.items.start; it < seq->data.sequence.items.top; it++) {
		yaml_node_t *req = ld_node(l, *it);

		if (req && !load_plugin_req(l, req))
			return false;
	}
	return true;
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
	yaml_node_t *ov = ld_get(l, item, "override", NULL);
	const char *const ov_keys[] = { ov_key, NULL };
	const char *op = NULL;
	int append;

	l->kind = kind;
	if (!ld_need_str(l, item, kind, name))
		return -1;
	l->name = *name;
	ld_check_keys(l, item, keys);
	if ((append = ld_old_append(l, item, ov)) < 0)
		return -1;
	if (ov && (!ld_override_keys(l, ov, ov_keys) ||
		   (!(op = ld_override_op(l, ov, ov_key, true, true)) && l->failed)))
		return -1;
	return append || (op && strcmp(op, "append") == 0);
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
	if (ld_strs(l, item, "items", &items) <= 0) {
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
	if (!ld_need_str(l, item, "condition", &cond))
		return false;
	prev = rl_find_macro(l->rs, name, strlen(name));
	if (append) {
		if (!prev)
			return ld_fail(l, NULL, RL_ERR_VALIDATE,
				       "Macro uses 'append' or 'override.condition: append' but no "
				       "macro by that name already exists");
		ld_join(&prev->cond, cond);
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

/* One item of a document's sequence. */
static bool load_item(struct ld *l, const yaml_node_t *item)
{
	static const char *const kinds[] = { "required_engine_version", "required_plugin_versions",
					     "list", "macro", "rule" };
	yaml_node_t *key = NULL;
	size_t i;

	l->kind = "rules content item";
	l->name = NULL;
	l->loc = ld_loc(l, item);
	if (item->type == YAML_SCALAR_NODE && ld_is_null(item))
		return true;
	if (item->type != YAML_MAPPING_NODE)
		return ld_fail(l, item, RL_ERR_YAML_VALIDATE,
			       "Unexpected element type. Each element should be a yaml associative "
			       "array.");
	for (i = 0; i < 5 && !ld_get(l, item, kinds[i], &key); i++)
		;
	if (i == 5) {
		ld_warn(l, item, RL_WARN_UNKNOWN_ITEM, "Unknown top level item");
		return true;
	}
	l->loc = ld_loc(l, key);
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
		return ld_rule(l, item);
	}
}

static bool load_doc(struct ld *l)
{
	yaml_node_t *root = yaml_document_get_root_node(l->doc);
	yaml_node_item_t *it;

	if (!root || (root->type == YAML_SCALAR_NODE && ld_is_null(root)))
		return true;
	l->kind = "rules content";
	l->loc = ld_loc(l, root);
	if (root->type == YAML_SCALAR_NODE)
		return ld_fail(l, root, RL_ERR_YAML_VALIDATE, "Rules content is not yaml");
	if (root->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, root, RL_ERR_YAML_VALIDATE,
			       "Rules content is not yaml array of objects");
	for (it = root->data.sequence.items.start; it < root->data.sequence.items.top; it++) {
		yaml_node_t *item = ld_node(l, *it);

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

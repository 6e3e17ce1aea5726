// SPDX-License-Identifier: GPL-2.0-only
/*
 * A rule's exceptions as Falco reads them: named fields with comparisons,
 * and values that are scalars or tuples, checked before the rule compiles.
 */
#include <ctype.h>
#include <string.h>

#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_rules_yaml.h"
#include "xalloc.h"

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
		yaml_node_t *e = ld_node(l, *it);

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
		yaml_node_t *v = ld_node(l, *it);
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
			if (!exc_cell(l, ld_node(l, v->data.sequence.items.start[j]), &t->cells[j]))
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

bool ld_exceptions(struct ld *l, const yaml_node_t *v, struct rl_rule *r, bool append)
{
	yaml_node_item_t *it;

	if (v->type == YAML_SCALAR_NODE && ld_is_null(v))
		return true;
	if (v->type != YAML_SEQUENCE_NODE)
		return ld_fail(l, v, RL_ERR_YAML_VALIDATE, "Rule exceptions must be a sequence");
	if (!append) {
		rl_excs_free(r->exc, r->nexc);
		r->exc = NULL;
		r->nexc = 0;
	}
	for (it = v->data.sequence.items.start; it < v->data.sequence.items.top; it++) {
		yaml_node_t *e = ld_node(l, *it), *fields, *comps, *vals;
		struct rl_exc *x = NULL, nx = { 0 };
		const char *name;
		bool comps_list = false;
		size_t i;

		if (!e || e->type != YAML_MAPPING_NODE)
			return ld_fail(l, e, RL_ERR_YAML_VALIDATE, "Rule exception must be a mapping");
		if (!ld_need_str(l, e, "name", &name))
			return false;
		fields = ld_get(l, e, "fields", NULL);
		comps = ld_get(l, e, "comps", NULL);
		vals = ld_get(l, e, "values", NULL);
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

// SPDX-License-Identifier: GPL-2.0-only
/*
 * A loaded rule set made ready to run: lists expanded, each rule's
 * exceptions joined to its condition as Falco joins them, every macro and
 * rule compiled once to find errors; then per thread, the enabled rules
 * compiled and indexed by the event types they may match.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "eng_fields.h"
#include "eng_fields_int.h"
#include "eng_filter.h"
#include "eng_format.h"
#include "eng_pformat.h"
#include "eng_rules_int.h"
#include "schema.h"
#include "xalloc.h"

/* Falco warns of a rule whose condition allows more event types than this. */
#define RULES_EVTTYPES_WARN 100

static const struct {
	const char *code, *desc;
	bool error;
} codes[] = {
	[RL_ERR_FILE_READ] = { "LOAD_ERR_FILE_READ", "File read error", true },
	[RL_ERR_YAML_PARSE] = { "LOAD_ERR_YAML_PARSE", "YAML parse error", true },
	[RL_ERR_YAML_VALIDATE] = { "LOAD_ERR_YAML_VALIDATE",
				   "Error validating internal structure of YAML file", true },
	[RL_ERR_COMPILE_CONDITION] = { "LOAD_ERR_COMPILE_CONDITION", "Error compiling condition",
				       true },
	[RL_ERR_COMPILE_OUTPUT] = { "LOAD_ERR_COMPILE_OUTPUT", "Error compiling output", true },
	[RL_ERR_VALIDATE] = { "LOAD_ERR_VALIDATE",
			      "Error validating rule/macro/list/exception objects", true },
	[RL_WARN_UNKNOWN_SOURCE] = { "LOAD_UNKNOWN_SOURCE", "Unknown event source", false },
	[RL_WARN_NO_EVTTYPE] = { "LOAD_NO_EVTTYPE", "Condition has no event-type restriction",
				 false },
	[RL_WARN_UNKNOWN_FILTER] = { "LOAD_UNKNOWN_FILTER",
				     "Unknown field or event-type in condition or output", false },
	[RL_WARN_UNUSED_MACRO] = { "LOAD_UNUSED_MACRO", "Unused macro", false },
	[RL_WARN_UNUSED_LIST] = { "LOAD_UNUSED_LIST", "Unused list", false },
	[RL_WARN_UNKNOWN_ITEM] = { "LOAD_UNKNOWN_ITEM", "Unknown rules file item", false },
	[RL_WARN_DEPRECATED_ITEM] = { "LOAD_DEPRECATED_ITEM", "Used deprecated item", false },
	[RL_WARN_APPEND_NO_VALUES] = { "LOAD_APPEND_NO_VALUES",
				       "Overriding/appending with no values", false },
	[RL_WARN_EXCEPTION_NAME_NOT_UNIQUE] = { "LOAD_EXCEPTION_NAME_NOT_UNIQUE",
						"Multiple exceptions defined with the same name",
						false },
	[RL_WARN_INVALID_MACRO_NAME] = { "LOAD_INVALID_MACRO_NAME", "Invalid macro name", false },
	[RL_WARN_INVALID_LIST_NAME] = { "LOAD_INVALID_LIST_NAME", "Invalid list name", false },
	[RL_WARN_UNKNOWN_KEY] = { "LOAD_UNKNOWN_KEY", "Unknown key in item definition", false },
};

static const char *const prio_names[] = { "Emergency", "Alert",	 "Critical",	  "Error",
					  "Warning",   "Notice", "Informational", "Debug" };

const char *eng_prio_name(enum eng_prio p)
{
	return (unsigned int)p < 8 ? prio_names[p] : "Debug";
}

bool eng_prio_parse(const char *s, enum eng_prio *out)
{
	for (unsigned int i = 0; i < 8; i++) {
		if (strcasecmp(s, prio_names[i]) == 0) {
			*out = (enum eng_prio)i;
			return true;
		}
	}
	if (strcasecmp(s, "info") == 0) {
		*out = ENG_PRIO_INFORMATIONAL;
		return true;
	}
	return false;
}

void strv_add(struct strv *s, const char *text)
{
	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = xstrdup(text);
}

void strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

void rl_msg(struct eng_ruleset *rs, enum rl_code code, const struct rl_loc *loc,
	    const char *kind, const char *name, const char *fmt, ...)
{
	struct eng_rules_msg *m;
	struct sbuf b;
	va_list ap;

	sbuf_init(&b);
	sbuf_puts(&b, loc->file);
	if (loc->line)
		sbuf_printf(&b, ":%u:%u", loc->line, loc->col);
	sbuf_printf(&b, ": %s: %s", codes[code].error ? "error" : "warning", kind);
	if (name)
		sbuf_printf(&b, " '%s'", name);
	sbuf_printf(&b, ": %s (%s): ", codes[code].code, codes[code].desc);
	va_start(ap, fmt);
	{
		char text[1024];

		vsnprintf(text, sizeof(text), fmt, ap);
		sbuf_puts(&b, text);
	}
	va_end(ap);
	rs->msgs = xreallocarray(rs->msgs, rs->nmsgs + 1, sizeof(*rs->msgs));
	m = &rs->msgs[rs->nmsgs++];
	m->error = codes[code].error;
	m->text = b.s;
	rs->failed |= m->error;
}

struct rl_list *rl_find_list(const struct eng_ruleset *rs, const char *name, size_t len)
{
	for (size_t i = 0; i < rs->nlists; i++)
		if (strlen(rs->lists[i].name) == len && memcmp(rs->lists[i].name, name, len) == 0)
			return &rs->lists[i];
	return NULL;
}

struct rl_macro *rl_find_macro(const struct eng_ruleset *rs, const char *name, size_t len)
{
	for (size_t i = 0; i < rs->nmacros; i++)
		if (strlen(rs->macros[i].name) == len && memcmp(rs->macros[i].name, name, len) == 0)
			return &rs->macros[i];
	return NULL;
}

struct rl_rule *rl_find_rule(const struct eng_ruleset *rs, const char *name)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].name, name) == 0)
			return &rs->rules[i];
	return NULL;
}

struct eng_ruleset *eng_ruleset_new(void)
{
	return xcalloc(1, sizeof(struct eng_ruleset));
}

void eng_ruleset_free(struct eng_ruleset *rs)
{
	size_t i;

	if (!rs)
		return;
	for (i = 0; i < rs->nlists; i++) {
		free(rs->lists[i].name);
		strv_free(&rs->lists[i].items);
	}
	for (i = 0; i < rs->nmacros; i++) {
		free(rs->macros[i].name);
		free(rs->macros[i].cond);
	}
	for (i = 0; i < rs->nrules; i++)
		rl_rule_free(&rs->rules[i]);
	for (i = 0; i < rs->nmsgs; i++)
		free(rs->msgs[i].text);
	free(rs->lists);
	free(rs->macros);
	free(rs->rules);
	free(rs->msgs);
	strv_free(&rs->files);
	free(rs);
}

const struct eng_rules_msg *eng_ruleset_msgs(const struct eng_ruleset *rs, size_t *n)
{
	*n = rs->nmsgs;
	return rs->msgs;
}

/* ---- names a condition uses ---- */

static const char *def_macro(const void *arg, const char *name, size_t len)
{
	const struct eng_ruleset *rs = arg;
	struct rl_macro *m = rl_find_macro(rs, name, len);

	if (!m)
		return NULL;
	if (!rs->finished)
		m->used = true;
	return m->cond;
}

static const char *const *def_list(const void *arg, const char *name, size_t len, size_t *n)
{
	const struct eng_ruleset *rs = arg;
	struct rl_list *l = rl_find_list(rs, name, len);

	if (!l)
		return NULL;
	if (!rs->finished)
		l->used = true;
	*n = l->items.n;
	return (const char *const *)l->items.v;
}

static struct eng_filter_defs defs_of(const struct eng_ruleset *rs)
{
	return (struct eng_filter_defs){ .arg = rs, .macro = def_macro, .list = def_list };
}

struct eng_filter *rl_compile(const struct eng_ruleset *rs, const char *text, struct diag *d)
{
	const struct eng_filter_defs defs = defs_of(rs);

	return eng_filter_compile_defs(text, &defs, d);
}

/* Items of each list that name a list defined before it: that list's items. */
static void expand_lists(struct eng_ruleset *rs)
{
	for (size_t i = 0; i < rs->nlists; i++) {
		struct rl_list *l = &rs->lists[i];
		struct strv out = { 0 };

		for (size_t k = 0; k < l->items.n; k++) {
			struct rl_list *ref = rl_find_list(rs, l->items.v[k], strlen(l->items.v[k]));

			if (!ref || ref >= l) {
				strv_add(&out, l->items.v[k]);
				continue;
			}
			ref->used = true;
			for (size_t j = 0; j < ref->items.n; j++)
				strv_add(&out, ref->items.v[j]);
		}
		strv_free(&l->items);
		l->items = out;
	}
}

/* A value as Falco splices it: double-quoted if it holds a space and is not quoted. */
static void put_item(struct sbuf *o, const char *v)
{
	if (strchr(v, ' ') && v[0] != '"' && v[0] != '\'')
		sbuf_printf(o, "\"%s\"", v);
	else
		sbuf_puts(o, v);
}

static bool list_comp(const char *comp)
{
	return strcmp(comp, "in") == 0 || strcmp(comp, "intersects") == 0 ||
	       strcmp(comp, "pmatch") == 0 || strchr(comp, ' ');
}

/* One value of an exception tuple, for comparison comp. */
static void put_cell(struct sbuf *o, const struct rl_cell *c, const char *comp)
{
	if (c->is_list) {
		sbuf_putc(o, '(');
		for (size_t i = 0; i < c->items.n; i++) {
			if (i)
				sbuf_puts(o, ", ");
			put_item(o, c->items.v[i]);
		}
		sbuf_putc(o, ')');
	} else if (list_comp(comp) && c->items.v[0][0] != '(') {
		sbuf_printf(o, "(%s)", c->items.v[0]);
	} else {
		put_item(o, c->items.v[0]);
	}
}

/* "(condition)", then " and not (...)" for each exception with values. */
static char *full_condition(const struct rl_rule *r)
{
	struct sbuf o;

	sbuf_init(&o);
	sbuf_printf(&o, "(%s)", r->cond);
	for (size_t i = 0; i < r->nexc; i++) {
		const struct rl_exc *x = &r->exc[i];

		if (!x->nvals)
			continue;
		sbuf_puts(&o, " and not ");
		if (!x->fields_list) {
			sbuf_printf(&o, "(%s %s (", x->fields.v[0], x->comps.v[0]);
			for (size_t k = 0; k < x->nvals; k++) {
				if (k)
					sbuf_puts(&o, ", ");
				put_item(&o, x->vals[k].cells[0].items.v[0]);
			}
			sbuf_puts(&o, "))");
			continue;
		}
		sbuf_putc(&o, '(');
		for (size_t k = 0; k < x->nvals; k++) {
			sbuf_puts(&o, k ? " or (" : "(");
			for (size_t j = 0; j < x->fields.n; j++) {
				sbuf_printf(&o, "%s %s %s ", j ? " and" : "", x->fields.v[j],
					    x->comps.v[j]);
				put_cell(&o, &x->vals[k].cells[j], x->comps.v[j]);
			}
			sbuf_putc(&o, ')');
		}
		sbuf_putc(&o, ')');
	}
	return o.s;
}

/* "*" and the rule's output, as Falco formats it (missing values as <NA>). */
static struct eng_pformat *output_format(const struct rl_rule *r, struct diag *d)
{
	struct eng_pformat *f;
	char *text = xmalloc(strlen(r->output) + 2);

	sprintf(text, "*%s", r->output);
	f = eng_pformat_new(text, d);
	free(text);
	return f;
}

/* Compiles every macro alone, as Falco does; false at the first error. */
static bool check_macros(struct eng_ruleset *rs)
{
	for (size_t i = 0; i < rs->nmacros; i++) {
		struct rl_macro *m = &rs->macros[i];
		struct diag d = { 0 };
		struct eng_filter *f = rl_compile(rs, m->cond, &d);

		if (!f) {
			rl_msg(rs, strstr(d.msg, "undefined macro") ? RL_ERR_VALIDATE :
								      RL_ERR_COMPILE_CONDITION,
			       &m->loc, "macro", m->name, "condition column %u: %s", d.col, d.msg);
			return false;
		}
		eng_filter_free(f);
	}
	return true;
}

static size_t count_types(const bool *possible)
{
	size_t n = 0;

	for (unsigned int t = 0; t < EV_MAX; t++)
		n += possible[t];
	return n;
}

/* Compiles rule r's condition and output: false (and a message) if either fails. */
static bool check_rule(struct eng_ruleset *rs, struct rl_rule *r)
{
	bool possible[EV_MAX];
	struct eng_pformat *out;
	struct eng_filter *f;
	struct diag d = { 0 };
	size_t skip = 1; /* the "(" before the condition */

	if (strcmp(r->source, "syscall") != 0) {
		rl_msg(rs, RL_WARN_UNKNOWN_SOURCE, &r->loc, "rule", r->name,
		       "Unknown source %s, skipping", r->source);
		return false;
	}
	r->full = full_condition(r);
	f = rl_compile(rs, r->full, &d);
	if (!f) {
		bool unknown = strstr(d.msg, "unknown field") != NULL;
		bool in_cond = d.col > skip && d.col - skip <= strlen(r->cond);

		if (unknown && r->skip_unknown) {
			rl_msg(rs, RL_WARN_UNKNOWN_FILTER, &r->loc, "rule", r->name, "%s", d.msg);
			return false;
		}
		rl_msg(rs, strstr(d.msg, "undefined macro") ? RL_ERR_VALIDATE :
							      RL_ERR_COMPILE_CONDITION,
		       &r->loc, "rule", r->name, "%s column %u: %s",
		       in_cond ? "condition" : "exceptions", in_cond ? d.col - (uint32_t)skip : d.col,
		       d.msg);
		return false;
	}
	eng_filter_types(f, possible);
	eng_filter_free(f);
	if (r->warn_evttypes && count_types(possible) > RULES_EVTTYPES_WARN)
		rl_msg(rs, RL_WARN_NO_EVTTYPE, &r->loc, "rule", r->name,
		       "Rule matches too many evt.type values. This has a significant "
		       "performance penalty.");
	out = output_format(r, &d);
	if (!out) {
		if (r->skip_unknown && strstr(d.msg, "unknown field")) {
			rl_msg(rs, RL_WARN_UNKNOWN_FILTER, &r->loc, "rule", r->name, "%s", d.msg);
			return false;
		}
		rl_msg(rs, RL_ERR_COMPILE_OUTPUT, &r->loc, "rule", r->name, "output column %u: %s",
		       d.col > 0 ? d.col - 1 : 0, d.msg);
		return false;
	}
	eng_pformat_free(out);
	return true;
}

bool eng_ruleset_finish(struct eng_ruleset *rs)
{
	size_t i;

	if (rs->finished)
		return !rs->failed;
	expand_lists(rs);
	/* compiling stops at the first error, as Falco's does */
	if (check_macros(rs))
		for (i = 0; i < rs->nrules && !rs->failed; i++)
			rs->rules[i].ok = check_rule(rs, &rs->rules[i]);
	for (i = 0; i < rs->nmacros && !rs->failed; i++)
		if (!rs->macros[i].used)
			rl_msg(rs, RL_WARN_UNUSED_MACRO, &rs->macros[i].loc, "macro",
			       rs->macros[i].name, "Macro not referred to by any other rule/macro");
	for (i = 0; i < rs->nlists && !rs->failed; i++)
		if (!rs->lists[i].used)
			rl_msg(rs, RL_WARN_UNUSED_LIST, &rs->lists[i].loc, "list", rs->lists[i].name,
			       "List not referred to by any other rule/macro");
	/* from here on, compiling marks nothing as used */
	rs->finished = true;
	return !rs->failed;
}

size_t eng_ruleset_count(const struct eng_ruleset *rs)
{
	return rs->nrules;
}

void eng_ruleset_rule(const struct eng_ruleset *rs, size_t i, struct eng_rule_info *out)
{
	const struct rl_rule *r = &rs->rules[i];

	*out = (struct eng_rule_info){ .name = r->name,
				       .desc = r->desc,
				       .condition = r->full ? r->full : r->cond,
				       .output = r->output,
				       .source = r->source,
				       .prio = r->prio,
				       .tags = (const char *const *)r->tags.v,
				       .ntags = r->tags.n,
				       .enabled = r->enabled,
				       .file = r->loc.file,
				       .line = r->loc.line };
}

/* ---- evaluation ---- */

struct eng_rules_eval *eng_rules_eval_new(const struct eng_ruleset *rs)
{
	struct eng_rules_eval *ev = xcalloc(1, sizeof(*ev));
	bool possible[EV_MAX];
	struct diag d;

	sbuf_init(&ev->tmp);
	sbuf_init(&ev->line);
	ev->rules = xcalloc(rs->nrules + 1, sizeof(*ev->rules));
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct rl_rule *r = &rs->rules[i];
		struct ev_rule *er = &ev->rules[ev->n];

		if (!r->ok || !r->enabled)
			continue;
		er->r = r;
		er->f = rl_compile(rs, r->full, &d);
		er->out = output_format(r, &d);
		if (!er->f || !er->out) {
			eng_filter_free(er->f);
			eng_pformat_free(er->out);
			continue;
		}
		eng_filter_types(er->f, possible);
		for (unsigned int t = 0; t < EV_MAX; t++) {
			if (!possible[t])
				continue;
			ev->by_type[t] = xreallocarray(ev->by_type[t], ev->nby_type[t] + 1,
						       sizeof(uint32_t));
			ev->by_type[t][ev->nby_type[t]++] = (uint32_t)ev->n;
		}
		ev->n++;
	}
	return ev;
}

void eng_rules_eval_free(struct eng_rules_eval *ev)
{
	if (!ev)
		return;
	for (size_t i = 0; i < ev->n; i++) {
		eng_filter_free(ev->rules[i].f);
		eng_pformat_free(ev->rules[i].out);
	}
	for (unsigned int t = 0; t < EV_MAX; t++)
		free(ev->by_type[t]);
	free(ev->rules);
	sbuf_fini(&ev->tmp);
	sbuf_fini(&ev->line);
	free(ev);
}

void eng_rules_types(const struct eng_rules_eval *ev, bool *possible)
{
	for (unsigned int t = 0; t < EV_MAX; t++)
		possible[t] = ev->nby_type[t] > 0;
}

long eng_rules_match(struct eng_rules_eval *ev, const struct eng_state *s,
		     const struct eng_evt *e)
{
	uint16_t t = e->ev.type;
	long found = -1;

	if (t >= EV_MAX || ev->busy)
		return -1;
	if (ev->last_num == e->num && ev->last_ts == e->ev.ts && e->num)
		return ev->last_rule;
	ev->busy = true;
	for (uint32_t k = 0; k < ev->nby_type[t] && found < 0; k++) {
		const struct ev_rule *er = &ev->rules[ev->by_type[t][k]];

		if (eng_filter_match(er->f, s, e))
			found = (long)ev->by_type[t][k];
	}
	ev->busy = false;
	ev->last_num = e->num;
	ev->last_ts = e->ev.ts;
	ev->last_rule = found;
	return found;
}

static const struct eng_ruleset *default_set;
static struct eng_filter_defs default_defs;

void eng_rules_set_default(const struct eng_ruleset *rs)
{
	default_set = rs;
	default_defs = defs_of(rs);
	eng_filter_set_defs(rs ? &default_defs : NULL);
}

const struct eng_ruleset *eng_rules_get_default(void)
{
	return default_set;
}

const struct ev_rule *rl_raised(const struct eng_state *s, const struct eng_evt *e)
{
	long k;

	if (!s || !default_set)
		return NULL;
	/* compiled once per state: each replay is read by one thread */
	if (!s->rules)
		((struct eng_state *)s)->rules = eng_rules_eval_new(default_set);
	k = eng_rules_match(s->rules, s, e);
	return k < 0 ? NULL : &s->rules->rules[k];
}

/* The rule of the default rules that e raises, or NULL. */
static const struct rl_rule *raised(const struct eng_state *s, const struct eng_evt *e)
{
	const struct ev_rule *er = rl_raised(s, e);

	return er ? er->r : NULL;
}

bool f_falco_rule(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	const struct rl_rule *rule = raised(s, e);

	(void)r;
	if (!rule)
		return false;
	sbuf_puts(o, rule->name);
	return true;
}

bool f_falco_priority(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct rl_rule *rule = raised(s, e);

	(void)r;
	if (!rule)
		return false;
	sbuf_puts(o, eng_prio_name(rule->prio));
	return true;
}

/* A value in output_fields: a number or a boolean as such, else a string; null if none. */
static void json_field(struct sbuf *o, const struct eng_fref *ref, struct sbuf *v, bool has)
{
	char *end;

	if (!has) {
		sbuf_puts(o, "null");
		return;
	}
	if (ref->f->kind == ENG_FK_NUM && v->len) {
		(void)strtoll(v->s, &end, 10);
		if (!*end) {
			sbuf_put(o, v->s, v->len);
			return;
		}
	}
	if (ref->f->kind == ENG_FK_BOOL && (strcmp(v->s, "true") == 0 || strcmp(v->s, "false") == 0)) {
		sbuf_puts(o, v->s);
		return;
	}
	eng_json_str(o, v->s, v->len);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The output's fields, by name as Falco's JSON sorts them, each once, after evt.time. */
static void put_fields(struct eng_rules_eval *ev, const struct eng_pformat *out,
		       const struct eng_state *s, const struct eng_evt *e, struct sbuf *o)
{
	const struct eng_fref *ref;
	const char *name, **names;
	unsigned int n, k;

	for (n = 0; eng_pformat_field(out, n, &ref, &name); n++)
		;
	names = xcalloc(n + 1, sizeof(*names));
	for (k = 0; k < n; k++)
		eng_pformat_field(out, k, &ref, &names[k]);
	qsort(names, n, sizeof(*names), cmp_name);
	for (k = 0; k < n; k++) {
		unsigned int j;
		bool has;

		if ((k && strcmp(names[k], names[k - 1]) == 0) || strcmp(names[k], "evt.time") == 0)
			continue;
		for (j = 0; eng_pformat_field(out, j, &ref, &name) && strcmp(name, names[k]); j++)
			;
		sbuf_reset(&ev->tmp);
		has = eng_field_extract(ref, &ev->tmp, s, e);
		sbuf_putc(o, ',');
		eng_json_str(o, names[k], strlen(names[k]));
		sbuf_putc(o, ':');
		json_field(o, ref, &ev->tmp, has);
	}
	free(names);
}

void eng_rules_alert(struct eng_rules_eval *ev, size_t i, const struct eng_state *s,
		     const struct eng_evt *e, bool json, const char *hostname, struct sbuf *o)
{
	const struct ev_rule *er = &ev->rules[i];
	const struct rl_rule *r = er->r;
	struct sbuf *line = &ev->line;
	char when[64];
	time_t sec = (time_t)(e->ev.ts / 1000000000u);
	struct tm tm;

	sbuf_reset(line);
	eng_fmt_time(line, e->ev.ts);
	sbuf_printf(line, ": %s ", eng_prio_name(r->prio));
	eng_pformat_line(line, er->out, s, e, &ev->tmp);
	if (!json) {
		sbuf_put(o, line->s, line->len);
		return;
	}
	sbuf_truncate(line, line->len - 1); /* its newline */
	sbuf_puts(o, "{\"hostname\":");
	eng_json_str(o, hostname, strlen(hostname));
	sbuf_puts(o, ",\"output\":");
	eng_json_str(o, line->s, line->len);
	sbuf_printf(o, ",\"output_fields\":{\"evt.time\":%llu", (unsigned long long)e->ev.ts);
	put_fields(ev, er->out, s, e, o);
	sbuf_puts(o, "},\"priority\":");
	eng_json_str(o, eng_prio_name(r->prio), strlen(eng_prio_name(r->prio)));
	sbuf_puts(o, ",\"rule\":");
	eng_json_str(o, r->name, strlen(r->name));
	sbuf_puts(o, ",\"source\":\"syscall\",\"tags\":[");
	for (size_t k = 0; k < r->tags.n; k++) {
		if (k)
			sbuf_putc(o, ',');
		eng_json_str(o, r->tags.v[k], strlen(r->tags.v[k]));
	}
	gmtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	sbuf_printf(o, "],\"time\":\"%s.%09uZ\"}\n", when, (unsigned int)(e->ev.ts % 1000000000u));
}

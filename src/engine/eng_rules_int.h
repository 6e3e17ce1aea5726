/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The rule set as its loader (eng_rules_load.c) collects it and its
 * compiler (eng_rules.c) reads it: lists, macros and rules by name, each
 * where it was first defined, with what later files appended or replaced.
 */
#ifndef SYSHARK_ENG_RULES_INT_H
#define SYSHARK_ENG_RULES_INT_H

#include <stdarg.h>
#include <stdint.h>

#include "eng_filter.h"
#include "eng_pformat.h"
#include "eng_rules.h"
#include "schema.h"

struct strv {
	char **v;
	size_t n;
};

void strv_add(struct strv *s, const char *text);
void strv_free(struct strv *s);

/* Where an item is: its file (owned by the set) and 1-based line and column. */
struct rl_loc {
	const char *file;
	unsigned int line, col;
};

struct rl_list {
	char *name;
	struct strv items;
	struct rl_loc loc;
	bool used;
};

struct rl_macro {
	char *name, *cond;
	struct rl_loc loc;
	bool used;
};

/* One value of an exception's tuple: a scalar, or a list of them. */
struct rl_cell {
	bool is_list;
	struct strv items;
};

struct rl_tuple {
	struct rl_cell *cells;
	size_t n;
};

struct rl_exc {
	char *name;
	bool fields_list; /* fields is a list: values are tuples */
	struct strv fields, comps;
	struct rl_tuple *vals; /* scalar form: one cell each */
	size_t nvals;
};

struct rl_rule {
	char *name, *desc, *cond, *output, *source;
	enum eng_prio prio;
	struct strv tags; /* sorted, no repeats */
	bool enabled, skip_unknown, warn_evttypes;
	struct rl_exc *exc;
	size_t nexc;
	struct rl_loc loc;
	char *full; /* the condition with its exceptions, once finished */
	bool ok;    /* it compiled */
};

struct eng_ruleset {
	struct rl_list *lists;
	struct rl_macro *macros;
	struct rl_rule *rules;
	size_t nlists, nmacros, nrules;
	struct strv files; /* the names the locations point to */
	struct eng_rules_msg *msgs;
	size_t nmsgs;
	bool failed;
	/* the highest required_engine_version, and where */
	unsigned int req[3];
	struct rl_loc req_loc;
	bool finished;
};

/* The codes of Falco's load results, and their descriptions. */
enum rl_code {
	RL_ERR_FILE_READ,
	RL_ERR_YAML_PARSE,
	RL_ERR_YAML_VALIDATE,
	RL_ERR_COMPILE_CONDITION,
	RL_ERR_COMPILE_OUTPUT,
	RL_ERR_VALIDATE,
	RL_WARN_UNKNOWN_SOURCE,
	RL_WARN_NO_EVTTYPE,
	RL_WARN_UNKNOWN_FILTER,
	RL_WARN_UNUSED_MACRO,
	RL_WARN_UNUSED_LIST,
	RL_WARN_UNKNOWN_ITEM,
	RL_WARN_DEPRECATED_ITEM,
	RL_WARN_APPEND_NO_VALUES,
	RL_WARN_EXCEPTION_NAME_NOT_UNIQUE,
	RL_WARN_INVALID_MACRO_NAME,
	RL_WARN_INVALID_LIST_NAME,
	RL_WARN_UNKNOWN_KEY,
};

/*
 * Adds an error or warning (by code) about item kind 'name' at loc:
 * "FILE:LINE:COL: error: rule 'NAME': CODE (description): message".
 */
void rl_msg(struct eng_ruleset *rs, enum rl_code code, const struct rl_loc *loc,
	    const char *kind, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

struct rl_list *rl_find_list(const struct eng_ruleset *rs, const char *name, size_t len);
struct rl_macro *rl_find_macro(const struct eng_ruleset *rs, const char *name, size_t len);
struct rl_rule *rl_find_rule(const struct eng_ruleset *rs, const char *name);

void rl_rule_free(struct rl_rule *r);
void rl_excs_free(struct rl_exc *x, size_t n);

/* A rule compiled for one thread: its condition and its output. */
struct ev_rule {
	const struct rl_rule *r;
	struct eng_filter *f;
	struct eng_pformat *out;
};

struct eng_rules_eval {
	struct ev_rule *rules;
	size_t n;
	/* by event type: the rules it may match, in order */
	uint32_t *by_type[EV_MAX];
	uint32_t nby_type[EV_MAX];
	struct sbuf tmp, line;
	bool busy; /* matching: a rule that reads falco.rule finds none */
	/* the last event matched (its number and time) and its rule, for the falco.* fields */
	uint64_t last_num, last_ts;
	long last_rule;
};

/* text compiled with the set's macros and lists. */
struct eng_filter *rl_compile(const struct eng_ruleset *rs, const char *text, struct diag *d);

/* The default rules (eng_rules_set_default()), or NULL. */
const struct eng_ruleset *rl_default(void);
/* The rule of the default rules that e raises, compiled for s's thread; NULL if none. */
const struct ev_rule *rl_raised(const struct eng_state *s, const struct eng_evt *e);

#endif

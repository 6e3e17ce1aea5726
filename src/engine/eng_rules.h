/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Falco rules: files of lists, macros and rules (YAML, read with libyaml),
 * loaded as Falco loads them, and their evaluation on events.
 *
 * A rule set is loaded file by file (later files append to and override
 * what earlier ones define), then finished: every condition is compiled
 * once, with its exceptions, lists and macros, and errors and warnings are
 * gathered as Falco words them. Each thread that evaluates rules compiles
 * its own copy (eng_rules_eval_new()): compiled filters keep scratch space.
 */
#ifndef SYSHARK_ENG_RULES_H
#define SYSHARK_ENG_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "eng_replay.h"
#include "sbuf.h"

/* The Falco engine version whose rules files syshark reads. */
#define ENG_RULES_ENGINE_VERSION "0.63.0"
/* The container plugin's fields are built in: this version is met. */
#define ENG_RULES_CONTAINER_PLUGIN "0.4.0"

enum eng_prio {
	ENG_PRIO_EMERGENCY,
	ENG_PRIO_ALERT,
	ENG_PRIO_CRITICAL,
	ENG_PRIO_ERROR,
	ENG_PRIO_WARNING,
	ENG_PRIO_NOTICE,
	ENG_PRIO_INFORMATIONAL,
	ENG_PRIO_DEBUG,
};

/* "Emergency" ... "Debug", as alerts name them. */
const char *eng_prio_name(enum eng_prio p);
/* Parses a priority name as Falco does (any case, "info" too); false if none. */
bool eng_prio_parse(const char *s, enum eng_prio *out);

struct eng_ruleset;

/* An error or a warning of a load, one line without its newline. */
struct eng_rules_msg {
	bool error;
	char *text;
};

struct eng_ruleset *eng_ruleset_new(void);
void eng_ruleset_free(struct eng_ruleset *rs);

/*
 * Loads a rules file, or every *.yaml and *.yml file of a directory in
 * name order. A file stops at its first error; false if there was one.
 */
bool eng_ruleset_load(struct eng_ruleset *rs, const char *path);

/*
 * Loads rules from memory, as if from a file named name (tests, fuzzing).
 */
bool eng_ruleset_load_mem(struct eng_ruleset *rs, const char *name, const char *text,
			  size_t len);

/*
 * After the loads: checks the versions the files require, compiles every
 * rule and macro and warns of unused ones. False if any load or this
 * found an error.
 */
bool eng_ruleset_finish(struct eng_ruleset *rs);

/* The errors and warnings so far, in order. */
const struct eng_rules_msg *eng_ruleset_msgs(const struct eng_ruleset *rs, size_t *n);

/* A rule as loaded; its condition includes its exceptions. */
struct eng_rule_info {
	const char *name, *desc, *condition, *output, *source;
	enum eng_prio prio;
	const char *const *tags; /* sorted */
	size_t ntags;
	bool enabled;
	const char *file;
	unsigned int line;
};

/* Rules in the order Falco evaluates them, enabled or not. */
size_t eng_ruleset_count(const struct eng_ruleset *rs);
void eng_ruleset_rule(const struct eng_ruleset *rs, size_t i, struct eng_rule_info *out);

struct eng_rules_eval;

/* The finished set's enabled rules, compiled for one thread. */
struct eng_rules_eval *eng_rules_eval_new(const struct eng_ruleset *rs);
void eng_rules_eval_free(struct eng_rules_eval *ev);

/*
 * The rule event e raises, as Falco's default "rule_matching: first" has
 * it: the first of the rules its type may match, in order; -1 if none.
 */
long eng_rules_match(struct eng_rules_eval *ev, const struct eng_state *s,
		     const struct eng_evt *e);

/*
 * Falco's alert for rule i on e: "HH:MM:SS.nnnnnnnnn: Priority output"
 * with a newline, or with json its JSON object on one line (hostname is
 * the "hostname" key).
 */
void eng_rules_alert(struct eng_rules_eval *ev, size_t i, const struct eng_state *s,
		     const struct eng_evt *e, bool json, const char *hostname, struct sbuf *o);

/*
 * The rules of the falco.* fields: each replay's state compiles its own
 * copy of rs the first time one is asked for. Set before any thread reads
 * fields; rs must outlive every state that used it. NULL: none.
 */
void eng_rules_set_default(const struct eng_ruleset *rs);
const struct eng_ruleset *eng_rules_get_default(void);

/* A part of a rule's condition, and whether it held for an event. */
struct eng_rules_part {
	char *text;	    /* "open_read", "not proc.name in (...)" */
	unsigned int depth; /* 0: of the condition; n + 1: of the macro or group above */
	bool known;	    /* it compiles alone (a cut the filter language reads) */
	bool held;
};

/* Why an event raised its alert. */
struct eng_rules_why {
	const char *rule; /* the set's */
	enum eng_prio prio;
	char *output; /* with its fields filled */
	struct eng_rules_part *parts;
	size_t nparts;
};

/*
 * Why e raised an alert of the default rules: the rule, its output, and
 * the parts of its condition (split at its "or"s, else at its "and"s),
 * each macro and group split in turn. False if e raised none. Free with
 * eng_rules_why_free().
 */
bool eng_rules_why(const struct eng_state *s, const struct eng_evt *e, struct eng_rules_why *w);
void eng_rules_why_free(struct eng_rules_why *w);

/* Event types some enabled rule may match (EV_MAX entries). */
void eng_rules_types(const struct eng_rules_eval *ev, bool *possible);

#endif

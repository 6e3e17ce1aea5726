/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The filter language: sysdig's and Falco's condition syntax, with
 * Wireshark's spellings accepted too.
 *
 *   expr   := term { ("or" | "||") term }
 *   term   := factor { ("and" | "&&") factor }
 *   factor := ("not" | "!") factor | "(" expr ")" | check
 *   check  := FIELD "exists" | FIELD OP VALUE | FIELD ("in" | "intersects" | "pmatch") LIST
 *   OP     := = == != < <= > >= contains icontains bcontains startswith endswith glob
 *   LIST   := "(" VALUE { "," VALUE } ")"
 *
 * Values are bare words or quoted ('..' or ".."). A check on a field the
 * event does not have is false, whatever the operator.
 */
#ifndef SYSHARK_ENG_FILTER_H
#define SYSHARK_ENG_FILTER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "eng_replay.h"
#include "sbuf.h"

struct eng_filter;

/* What an operator takes after it. */
enum eng_filter_arg {
	ENG_OA_VALUE, /* one value */
	ENG_OA_LIST,  /* a list of values */
	ENG_OA_NONE,  /* nothing (exists) */
};

/*
 * The i-th operator (from 0): its spelling, a sign ("<=") or a word
 * ("contains"), with what it takes in *arg; NULL past the last. Other
 * spellings of the same operator ("==") are not listed.
 */
const char *eng_filter_op(size_t i, enum eng_filter_arg *arg);

/*
 * Compiles text, with the macros and lists of eng_filter_set_defs(). Returns
 * NULL with d set: d->msg names the problem and d->col is the 1-based
 * column where it is. Caller frees with eng_filter_free().
 */
struct eng_filter *eng_filter_compile(const char *text, struct diag *d);

/*
 * The names a Falco condition may use besides fields. A macro is a word
 * (letters, digits, '_') standing where a check could: its condition is
 * compiled in its place. A list is a bare word in a list of values: its
 * items take its place, each read as a value (bare, or quoted as in a
 * filter).
 */
struct eng_filter_defs {
	const void *arg;
	/* The condition of macro name (len bytes), or NULL if there is none. */
	const char *(*macro)(const void *arg, const char *name, size_t len);
	/* The items of list name (len bytes) and their count, or NULL. */
	const char *const *(*list)(const void *arg, const char *name, size_t len, size_t *n);
};

/*
 * eng_filter_compile() with macros and lists. An error in a macro's
 * condition names the macro, its column is that of the macro's name in
 * text; a word that is neither a macro nor a field is an undefined macro.
 */
struct eng_filter *eng_filter_compile_defs(const char *text, const struct eng_filter_defs *defs,
					   struct diag *d);
void eng_filter_free(struct eng_filter *f);

/*
 * The macros and lists eng_filter_compile() knows (a rules file's), or
 * NULL for none. Set before any thread compiles; defs must outlive them.
 */
void eng_filter_set_defs(const struct eng_filter_defs *defs);

/* True if event e (with state s as of e) matches. */
bool eng_filter_match(struct eng_filter *f, const struct eng_state *s, const struct eng_evt *e);

/*
 * Sets possible[t] (EV_MAX entries) for every event type t the filter may
 * match, and clears it for the types it can never match.
 */
void eng_filter_types(const struct eng_filter *f, bool *possible);

/*
 * Appends value to out as a filter word: quoted unless it is a number or a
 * plain word; false (nothing appended) if no quoting can hold it.
 */
bool eng_filter_value(struct sbuf *out, const char *value);
/*
 * Appends the check "field = value" to out, the value quoted unless it is a
 * number or a plain word; false (nothing appended) if no quoting can hold it.
 */
bool eng_filter_clause(struct sbuf *out, const char *field, const char *value);

#endif

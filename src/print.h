/* SPDX-License-Identifier: GPL-2.0-only */
/* Print mode: text, JSON and fields output of a capture, and --stats. */
#ifndef SYSHARK_PRINT_H
#define SYSHARK_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct eng_replay;
struct eng_evt;

enum print_fmt {
	PRINT_TEXT,
	PRINT_JSON,
	PRINT_FIELDS,
	PRINT_FORMAT, /* -p FORMAT: sysdig's format string (eng_pformat.h) */
};

struct print_opts {
	enum print_fmt fmt;
	const char **fields; /* PRINT_FIELDS: names */
	unsigned int nfields;
	const char *format; /* PRINT_FORMAT: the format string */
	bool all;	     /* also internal events */
	const char *filter; /* only events that match, or NULL */
	const char *write;  /* write the chosen events to this .scap instead */
	unsigned long long count; /* stop after this many printed events, 0 = all */
	bool tree;		  /* --top: the rows as a tree of parents and children */
	bool calls;		  /* a line per system call (eng_calls.h), not per event */
	/* Falco rules: their alerts are printed instead of the events (-w still writes) */
	const struct eng_ruleset *rules;
};

/*
 * A printer selects events with the options' filter and prints them, or
 * with -w writes them (and what decoding them needs) to a new capture. The
 * same printer serves files and live capture.
 */
struct eng_replay;
struct eng_evt;
struct printer;

/* Returns NULL after printing why (a bad field or filter: exit status 2). */
struct printer *printer_new(const struct print_opts *o, FILE *out);
/*
 * Readies replay r for the printer: with -w, starts writing o->write from
 * it; otherwise, with a filter, lets it pass over the events the filter
 * can never match. -1 after printing why.
 */
int printer_start(struct printer *pr, struct eng_replay *r);
/* Takes event e of replay r; 1 once no more are wanted (count, write error). */
int printer_event(struct printer *pr, struct eng_replay *r, const struct eng_evt *e);
/* Writes the lines gathered so far; -1 on an output error. */
int printer_flush(struct printer *pr);
/* Events printed or written as chosen. */
unsigned long long printer_count(const struct printer *pr);
/* Flushes and frees; returns the exit status so far (0, or 1 after an error). */
int printer_free(struct printer *pr);

struct eng_ruleset;

/*
 * Loads the rules files and directories of --rules and finishes the set,
 * printing its errors and warnings to stderr; NULL if there was an error.
 */
struct eng_ruleset *print_rules_load(const char *const *paths, unsigned int n);
/* --list-rules: each rule's priority, whether it is enabled, and its name. */
void print_rules_list(const struct eng_ruleset *rs, FILE *out);
/* The default rules directory (~/.config/syshark/rules.d) if it exists, else NULL. */
const char *print_rules_default(void);

/* Prints path to out. Returns the exit status (0, or 1 on damage). */
int print_file(const char *path, const struct print_opts *o, FILE *out);

/*
 * --top=VIEW: the rows of the view over path's events that o->filter keeps,
 * as a table, or with o->fmt as fields or JSON lines. Returns the exit status.
 */
struct eng_top_view;
int print_top(const char *path, const struct eng_top_view *view, const struct print_opts *o,
	      FILE *out);
/* --top=list: the views' names and titles. */
void print_top_list(FILE *out);

/* --follow=N[,FORMAT][,read|write]: event N's fd stream, in a format of eng_stream.h. */
struct print_follow {
	uint64_t event;
	int fmt; /* enum eng_stream_fmt */
	int dir; /* -1 both, 0 read, 1 written */
};

/*
 * Reads the decimal number at s, digits only (no sign, no blank), into *v,
 * with *end after it; false if there is none or it is past 2^64 - 1.
 */
bool print_parse_u64(const char *s, char **end, uint64_t *v);
/* Parses --follow's argument; -1 if it is not one. */
int print_follow_parse(const char *arg, struct print_follow *f);
int print_follow(const char *path, const struct print_follow *f, FILE *out);
/*
 * --io-stat=INTERVAL: events per interval (ns) from the first event, one
 * column per series (filter text; none: one of every event), every series
 * narrowed by o->filter; a table with totals, or with o->fmt fields or JSON
 * lines. Returns the exit status (2 for a bad filter).
 */
int print_iostat(const char *path, uint64_t interval, const char *const *series,
		 unsigned int nseries, const struct print_opts *o, FILE *out);
/*
 * --spectro[=INTERVAL]: system calls per interval (ns) from the first event
 * and per latency bucket (eng_spectro.h), of the calls o->filter keeps: a
 * line per interval with its calls and the buckets that have some, and the
 * totals; or with o->fmt fields (every bucket) or JSON lines. Returns the
 * exit status (2 for a bad filter).
 */
int print_spectro(const char *path, uint64_t interval, const struct print_opts *o, FILE *out);

#define PRINT_ROWS_MAX 1000000 /* intervals printed at most: a few tens of MB */
/*
 * The number of intervals from first to last, or 0 after saying why, for
 * option opt, there would be more than PRINT_ROWS_MAX (an event with a
 * far-off time, a tiny interval).
 */
uint64_t print_count_rows(const char *opt, uint64_t first, uint64_t last, uint64_t interval);

/*
 * Replays path from its start, handing every event to fn (false stops).
 * Returns 0; 1 after saying why if path is damaged (fn saw the events
 * before the damage); -1 after saying why if it cannot be read at all or
 * is damaged before its first event (no capture, an empty file).
 */
int print_replay(const char *path, bool (*fn)(void *arg, const struct eng_replay *r,
					      const struct eng_evt *e), void *arg);
/*
 * --window=FROM-TO (seconds after path's first event, as the views' time
 * window): *out is filter (or none) narrowed to the window, to free. 0; 2
 * after saying why if the window is not one, 1 if path cannot be read.
 */
int print_window(const char *path, const char *window, const char *filter, char **out);
/* Flushes out: 0, or 1 after saying that the output cannot be written. */
int print_flushed(FILE *out);

/* --stats, with a count of the events matching filter (if not NULL). */
int print_stats(const char *path, const char *filter, FILE *out);

/* --index: builds or loads the index of path and describes it. */
int print_index(const char *path, bool use_cache, FILE *out);

/* --event N: prints event n, found through the index, in o's format (its filter unused). */
int print_event_at(const char *path, uint64_t n, bool use_cache, const struct print_opts *o,
		   FILE *out);

/* -L: event types and their parameters, as sysdig -L. */
void print_event_list(FILE *out);

/* -l: every field with its description. */
void print_field_list(FILE *out);

#endif

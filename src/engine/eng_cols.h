/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Event columns: for every numbered event, what the fields filters use most
 * (evt.type, evt.dir, evt.failed, proc.name, fd.name) gave on a replay of
 * the whole capture, as ids into one dictionary of values per field. The
 * index stores them, so that a filter that reads only these fields runs
 * over the index alone, never touching the capture (eng_colfilter).
 *
 * A filter's rejections change what comes after them: a rejected enter
 * ends its thread's pairing (as in libsinsp). That changes none of these
 * fields, but for exits the rows mark: where the columns cannot tell.
 */
#ifndef SYSHARK_ENG_COLS_H
#define SYSHARK_ENG_COLS_H

#include <stdbool.h>
#include <stdint.h>

#include "eng_replay.h"
#include "sbuf.h"

enum eng_col { ENG_COL_TYPE, ENG_COL_PROC, ENG_COL_FD, ENG_COL_N };

/*
 * A row: ids into the dictionaries (0 for none), and in bits, the evt.type
 * id (ENG_CR_TYPE) with the flags and evt.failed above it.
 */
struct eng_col_row {
	uint32_t fd;	/* fd.name id */
	uint32_t delta; /* a paired exit: events back to its enter, 0 if too many */
	uint16_t proc;	/* proc.name id */
	uint16_t bits;
};
_Static_assert(sizeof(struct eng_col_row) == 12, "column rows are 12 bytes");

#define ENG_CR_TYPE 0x3ffu  /* the evt.type id */
enum {
	ENG_CR_EXIT = 1 << 10,
	ENG_CR_HIDDEN = 1 << 11, /* not shown by default (eng_evt.hidden) */
	ENG_CR_CLEARS = 1 << 12, /* rejecting it ends its thread's pairing */
	ENG_CR_UNSURE = 1 << 13, /* a paired exit the columns cannot judge once its enter is rejected */
};
#define ENG_CR_FAILED_SHIFT 14 /* then evt.failed: */
enum { ENG_CF_NONE, ENG_CF_FALSE, ENG_CF_TRUE };

/*
 * What the columns tell of an event, as value ids: a column's, or evt.dir
 * (1 ">", 2 "<") and evt.failed (ENG_CF_*) from its bits.
 */
enum { ENG_CK_DIR = ENG_COL_N, ENG_CK_FAILED, ENG_CK_N };

/* The key of field name (no argument), or -1 if the columns do not hold it. */
int eng_cols_key(const char *name);

/* The columns of a capture, as the index holds them (borrowed). */
struct eng_cols {
	const struct eng_col_row *rows; /* rows[n - 1] is event n's */
	uint64_t n;
	const char **dict[ENG_COL_N]; /* dict[c][id - 1]: the value of id */
	uint32_t ndict[ENG_COL_N];
	uint32_t flags[ENG_COL_N]; /* ENG_COLF_* */
};

/* Dictionary flags. */
enum {
	/* a value a filter compares is shown otherwise (fd.name, sanitized): print a replay's */
	ENG_COLF_RESHOWN = 1 << 0,
};

struct eng_cols_builder;

struct eng_cols_builder *eng_cols_builder_new(void);
void eng_cols_builder_free(struct eng_cols_builder *b);

/*
 * The row of event e, just replayed by r; false once a dictionary is full
 * (more values than its ids hold): the capture then has no columns.
 */
bool eng_cols_row(struct eng_cols_builder *b, const struct eng_replay *r,
		  const struct eng_evt *e, struct eng_col_row *out);

/* The values of key k: (*vals)[id - 1] for ids 1 to the count returned. */
uint32_t eng_cols_values(const struct eng_cols *c, int k, const char *const **vals);

/* The ENG_CK_N value ids of row w; false if one is out of its dictionary. */
bool eng_cols_ids(const struct eng_cols *c, const struct eng_col_row *w, uint32_t *id);

/* Appends the dictionaries to out, for eng_cols_load(). */
void eng_cols_save(const struct eng_cols_builder *b, struct sbuf *out);

/*
 * Reads dictionaries saved by eng_cols_save() from p (n bytes, kept by the
 * caller while c is used) into c. False if they are damaged. The rows' ids
 * are checked as they are read. Free with eng_cols_fini().
 */
bool eng_cols_load(struct eng_cols *c, const struct eng_col_row *rows, uint64_t nrows,
		   const char *p, size_t n);
void eng_cols_fini(struct eng_cols *c);

#endif

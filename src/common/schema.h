/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The event schema: one entry per event id with its name, category, flags
 * and parameter list. The data is generated at build time from
 * schema/event_table.tsv (the current table), schema/event_table_sysdig029.tsv
 * (the same ids as sysdig 0.29.3 knows them) and schema/flag_tables.tsv by
 * tools/gen_schema.awk. Nothing here is kept by hand but the types.
 *
 * Each event carries two parameter views: "cur" (the newest layout, used for
 * decoding, JSON and fields) and "compat" (sysdig 0.29.3's names, types and
 * count, used by the sysdig-compatible line format). Parameters are only ever
 * appended between versions, so both views describe the same bytes.
 */
#ifndef SYSHARK_SCHEMA_H
#define SYSHARK_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schema_gen.h"

/*
 * Categories: the low bits are one class, an enumeration (EV_C_UNKNOWN to
 * EV_C_INTERNAL), compared with ==; the high bits are flags for where the
 * event comes from (EV_C_SYSCALL and up), tested with &.
 */
enum {
	EV_C_UNKNOWN = 0,
	EV_C_OTHER = 1,
	EV_C_FILE = 2,
	EV_C_NET = 3,
	EV_C_IPC = 4,
	EV_C_MEMORY = 5,
	EV_C_PROCESS = 6,
	EV_C_SLEEP = 7,
	EV_C_SYSTEM = 8,
	EV_C_SIGNAL = 9,
	EV_C_USER = 10,
	EV_C_TIME = 11,
	EV_C_PROCESSING = 12,
	EV_C_IO_BASE = 32,
	EV_C_IO_READ = 32,
	EV_C_IO_WRITE = 33,
	EV_C_IO_OTHER = 34,
	EV_C_WAIT = 1 << 6,
	EV_C_SCHEDULER = 1 << 7,
	EV_C_INTERNAL = 1 << 8,
	EV_C_SYSCALL = 1 << 9,
	EV_C_TRACEPOINT = 1 << 10,
	EV_C_PLUGIN = 1 << 11,
	EV_C_METAEVENT = 1 << 12,
	EV_C_ITER = 1 << 13,
};
/* A category's class, as libsinsp's get_category(): the bits below EV_C_SYSCALL. */
#define EV_C_CLASS_MASK (EV_C_SYSCALL - 1u)

/* Event flags. */
enum {
	EV_F_NONE = 0,
	EV_F_CREATES_FD = 1 << 0,
	EV_F_DESTROYS_FD = 1 << 1,
	EV_F_USES_FD = 1 << 2,
	EV_F_READS_FROM_FD = 1 << 3,
	EV_F_WRITES_TO_FD = 1 << 4,
	EV_F_MODIFIES_STATE = 1 << 5,
	EV_F_UNUSED = 1 << 6,
	EV_F_WAITS = 1 << 7,
	EV_F_SKIPPARSERESET = 1 << 8,
	EV_F_OLD_VERSION = 1 << 9,
	EV_F_DROP_SIMPLE_CONS = 1 << 10,
	EV_F_LARGE_PAYLOAD = 1 << 11,
	EV_F_CONVERTER_MANAGED = 1 << 12,
};

/* Print formats of a parameter. */
enum ev_pf {
	EV_PF_NA = 0,
	EV_PF_DEC = 1,
	EV_PF_HEX = 2,
	EV_PF_10_PADDED_DEC = 3,
	EV_PF_ID = 4,
	EV_PF_DIR = 5,
	EV_PF_OCT = 6,
};

/* One named value; tables end with {0, NULL}. */
struct ev_tok {
	uint64_t v;
	const char *name;
};

struct ev_tok_table {
	const char *name;
	bool bitmask;
	const struct ev_tok *toks;
	unsigned int ntoks;
};

struct ev_param_info {
	const char *name;
	uint8_t type;	  /* enum ev_pt */
	uint8_t fmt;	  /* enum ev_pf */
	int8_t dirfd;	  /* FSRELPATH: index of the dirfd parameter, else -1 */
	int16_t table;	  /* flag/enum table (enum ev_tt) or -1 */
	int16_t dyn;	  /* PT_DYN: table of per-index types (enum ev_tt) or -1 */
};

struct ev_info {
	const char *name;
	const char *enum_name;
	uint32_t category;
	uint32_t flags;
	uint8_t nparams;
	uint8_t compat_nparams; /* 0 with compat_params NULL: unknown to sysdig 0.29.3 */
	const struct ev_param_info *params;
	const struct ev_param_info *compat_params;
	uint32_t compat_category;
	uint32_t compat_flags;
};

struct ev_pt_info {
	const char *name; /* without the PT_ prefix */
	int8_t size;	  /* fixed wire size, or -1 if variable */
};

/* A system call as sysdig 0.29.3 names and classes it (generic events). */
struct ev_sc_info {
	const char *name;
	uint32_t category;
};

extern const struct ev_info ev_table[EV_MAX];
/* Indexed by ppm_sc code; name NULL where sysdig 0.29.3 has none. */
extern const struct ev_sc_info ev_sc_compat[EV_SC_COMPAT_MAX];
extern const struct ev_tok_table ev_tok_tables[EV_TT_MAX];
extern const struct ev_pt_info ev_pt_table[EV_PT_MAX];
/* libsinsp type character of each scap fd type, indexed by type. */
extern const char ev_fd_typechar[];

static inline const struct ev_info *ev_info_get(uint16_t type)
{
	return type < EV_MAX ? &ev_table[type] : NULL;
}

static inline bool ev_type_is_enter(uint16_t type)
{
	return (type & 1) == 0;
}

/* Name of value v in table tt, or NULL. */
const char *ev_tok_name(int tt, uint64_t v);

/* Value of name in table tt; returns false if absent. */
bool ev_tok_value(int tt, const char *name, uint64_t *v);

/*
 * Index of parameter name in the current layout of type, or -1. Lookups are
 * memoised by the address of name, so it must be text that never changes,
 * such as a string literal.
 */
int ev_param_find(uint16_t type, const char *name);

/* Table id of a table name, or -1. */
int ev_tok_table_find(const char *name);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The field registry: every named field (evt.num, proc.name, fd.name, ...)
 * with its type, description and extractor, with sysdig's names and
 * meanings. The print formats and the filter language (and later the detail
 * tree and the columns) resolve names only here.
 *
 * Some fields take an argument: an index (proc.aname[2]) or a parameter
 * name or index (evt.arg.fd, evt.arg[0]).
 */
#ifndef SYSHARK_ENG_FIELDS_H
#define SYSHARK_ENG_FIELDS_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "dis_args.h"
#include "eng_replay.h"
#include "sbuf.h"

enum eng_fkind {
	ENG_FK_STR,  /* text */
	ENG_FK_NUM,  /* signed 64-bit number */
	ENG_FK_BOOL, /* "true" or "false" */
	ENG_FK_IP,   /* an IPv4 or IPv6 address */
	ENG_FK_DYN,  /* a number or text, by the event (evt.rawarg) */
};

enum eng_farg {
	ENG_FA_NONE,
	ENG_FA_INDEX, /* [N], required */
	ENG_FA_NAME,  /* .NAME or [N], required */
	ENG_FA_OPT_INDEX, /* [N] or nothing */
	ENG_FA_KEY,	  /* [N] or [TEXT] (a path, a glob), required */
	ENG_FA_LABEL,	  /* [TEXT] or .NAME (a label's name, '/' and '-' allowed), required */
	ENG_FA_OPT_KEY,	  /* [N], [TEXT] (a variable's name) or nothing */
};

struct eng_fref;

typedef bool (*eng_field_fn)(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			     const struct eng_fref *r);

/*
 * Fast path for filters, for a text field the state holds as it is: the value
 * without copying, eng_field_absent if the event has none, or NULL to take
 * the ordinary extractor.
 */
typedef const char *(*eng_field_str_fn)(const struct eng_state *s, const struct eng_evt *e);
extern const char eng_field_absent[];

/*
 * True for the filter fields of either end of a socket (fd.ip, fd.net,
 * fd.port, fd.proto): their extractor gives the end r->idx names (0 or 1),
 * and a check holds if it holds at either end.
 */
struct eng_field;
bool eng_field_either_end(const struct eng_field *f);

/*
 * True for the fields of a protocol in the data (dns.a, ...), which can
 * have many values: a check holds if it holds for any (for !=, for all),
 * as Wireshark's.
 */
bool eng_field_multi(const struct eng_field *f);
/* The nth value (from 0) of such a field r in e; false past the last. */
bool eng_field_nth(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r, unsigned int nth);

/* Which events a field can have a value on, for filters to rule types out. */
enum eng_fscope {
	ENG_FS_ANY,
	ENG_FS_TYPE, /* the value depends on the event type alone */
	ENG_FS_FD,   /* only events that create, use or destroy an fd */
};

struct eng_field {
	const char *name;
	const char *desc;
	eng_field_fn extract;
	uint8_t kind; /* enum eng_fkind */
	uint8_t arg;  /* enum eng_farg */
	eng_field_str_fn str; /* optional fast path for filters */
	uint8_t scope;	      /* enum eng_fscope */
};

/* A field with its argument, as named in a filter or a format. */
struct eng_fref {
	const struct eng_field *f;
	bool has_arg;
	int64_t idx;   /* [N]; -1 for ENG_FA_KEY and ENG_FA_LABEL text that is no number */
	char name[64]; /* .NAME, or the text of ENG_FA_KEY and ENG_FA_LABEL arguments */
};

/*
 * Parses a field name with its argument at text. Returns the number of
 * characters used, or -1 with d set (d->col is the 0-based column in text).
 */
int eng_field_parse(const char *text, struct eng_fref *out, struct diag *d);

/* An I/O event's data (a call's exit's), or false if it has none. */
bool eng_evt_data(const struct eng_evt *e, const uint8_t **p, uint32_t *len);

struct dis_ptree;
/*
 * The protocol message in an I/O event's data, dissected (dis_proto.h), or
 * NULL if its data is no known protocol's. Valid until s dissects another.
 */
const struct dis_ptree *eng_evt_proto(const struct eng_state *s, const struct eng_evt *e);
/* The bytes of the message eng_evt_proto() dissects for e; false if none. Valid as its tree. */
bool eng_evt_proto_bytes(const struct eng_state *s, const struct eng_evt *e, const uint8_t **p,
			 size_t *n);
/*
 * What e's data is to its fd's stream, if it is more than a message of its
 * own: a part of one, or one gathered from several events (eng_reasm.h).
 * Valid until s takes another event.
 */
const struct eng_reasm_evt *eng_evt_reasm(const struct eng_state *s, const struct eng_evt *e);

/* Looks a whole name up ("proc.aname[2]"); NULL-f fref on failure. */
bool eng_field_lookup(const char *name, struct eng_fref *out, struct diag *d);

/* All fields, ending with a NULL name. */
const struct eng_field *eng_field_all(void);

/*
 * Appends the value of r for e; false (nothing appended) if the event has
 * none, which the formats print as "<NA>" and filters treat as no match.
 */
bool eng_field_extract(const struct eng_fref *r, struct sbuf *o, const struct eng_state *s,
		       const struct eng_evt *e);

/* A dissector context bound to the state of event e (borrowed pointers). */
void eng_dis_ctx(struct dis_ctx *ctx, const struct eng_state *s, const struct eng_evt *e);
/*
 * The fd event e works on, as an fd argument shows it: "3(<f>/etc/passwd)";
 * false, with nothing appended, if it works on none the state knows.
 */
bool eng_evt_fd_text(struct sbuf *o, const struct eng_evt *e);

/* evt.time: local wall-clock time with nanoseconds (HH:MM:SS.nnnnnnnnn). */
void eng_fmt_time(struct sbuf *o, uint64_t ts);

#endif

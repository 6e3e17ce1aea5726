/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Operands of filter checks beyond a plain field: Falco's field
 * transformers (tolower(proc.name), len(fd.name), concat(a, "-", b), ...)
 * and the fields that val() compares with.
 */
#ifndef SYSHARK_ENG_XFORM_H
#define SYSHARK_ENG_XFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "eng_fields.h"
#include "sbuf.h"

enum eng_xf {
	ENG_XF_FIELD,	 /* a field's value */
	ENG_XF_TEXT,	 /* a quoted text or a number, in concat() */
	ENG_XF_TOLOWER,	 /* the text in lower case (ASCII) */
	ENG_XF_TOUPPER,	 /* the text in upper case (ASCII) */
	ENG_XF_B64,	 /* the text decoded from base64; none if it is not base64 */
	ENG_XF_BASENAME, /* what follows the last '/' */
	ENG_XF_LEN,	 /* the length of the text, a number */
	ENG_XF_CONCAT,	 /* the texts one after the other; none if one is missing */
};

struct eng_operand {
	enum eng_xf kind;
	struct eng_fref field;	   /* ENG_XF_FIELD */
	char *text;		   /* ENG_XF_TEXT */
	size_t len;
	struct eng_operand **args; /* the transformer's arguments */
	unsigned int nargs;
};

/*
 * The transformer whose name and "(" are at text: its kind, with the length
 * of the name and "(" in *n; false if there is none there.
 */
bool eng_xf_at(const char *text, enum eng_xf *kind, size_t *n);
/* The transformer's name ("tolower"). */
const char *eng_xf_name(enum eng_xf kind);
/* The kind of value x gives (enum eng_fkind): a number for len(), else its field's. */
uint8_t eng_operand_kind(const struct eng_operand *x);
/* The first field x reads, or NULL if it reads none. */
const struct eng_fref *eng_operand_field(const struct eng_operand *x);
/*
 * Appends x's value for event e to o; false, with o as it was, if it has
 * none. The value may hold NUL bytes (b64); o->len tells its end.
 */
bool eng_operand_value(const struct eng_operand *x, struct sbuf *o, const struct eng_state *s,
		       const struct eng_evt *e);
void eng_operand_free(struct eng_operand *x);

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Filter compiler and evaluator. A recursive-descent parser turns the text
 * into a tree of and/or/not nodes over checks; each check holds a field
 * reference, an operator and its values, already converted to the field's
 * type, so a bad value is reported at compile time with its column.
 *
 * A chain of "and" (or of "or") is one node holding all its operands, which
 * loops walk, so a long chain costs no stack; only parentheses and "not" nest,
 * and at most FILTER_DEPTH_MAX deep.
 */
#define _GNU_SOURCE
#include "eng_filter.h"

#include <ctype.h>
#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dis_args.h"
#include "eng_fields.h"
#include "eng_ipnet.h"
#include "eng_xform.h"
#include "schema.h"
#include "sbuf.h"
#include "xalloc.h"

enum op {
	OP_EQ,
	OP_NE,
	OP_LT,
	OP_LE,
	OP_GT,
	OP_GE,
	/* the operators on text, from OP_CONTAINS to OP_REGEX */
	OP_CONTAINS,
	OP_ICONTAINS,
	OP_BCONTAINS,
	OP_BSTARTSWITH,
	OP_STARTSWITH,
	OP_ENDSWITH,
	OP_GLOB,
	OP_IGLOB,
	OP_REGEX,
	OP_IN,
	OP_INTERSECTS,
	OP_PMATCH,
	OP_EXISTS,
};

static const struct {
	const char *word;
	enum op op;
	uint8_t arg;  /* enum eng_filter_arg */
	bool synonym; /* another spelling of the one before: not listed */
} ops[] = {
	{ "=", OP_EQ, ENG_OA_VALUE, false },
	{ "==", OP_EQ, ENG_OA_VALUE, true },
	{ "!=", OP_NE, ENG_OA_VALUE, false },
	{ "<", OP_LT, ENG_OA_VALUE, false },
	{ "<=", OP_LE, ENG_OA_VALUE, false },
	{ ">", OP_GT, ENG_OA_VALUE, false },
	{ ">=", OP_GE, ENG_OA_VALUE, false },
	{ "contains", OP_CONTAINS, ENG_OA_VALUE, false },
	{ "icontains", OP_ICONTAINS, ENG_OA_VALUE, false },
	{ "bcontains", OP_BCONTAINS, ENG_OA_VALUE, false },
	{ "bstartswith", OP_BSTARTSWITH, ENG_OA_VALUE, false },
	{ "startswith", OP_STARTSWITH, ENG_OA_VALUE, false },
	{ "endswith", OP_ENDSWITH, ENG_OA_VALUE, false },
	{ "glob", OP_GLOB, ENG_OA_VALUE, false },
	{ "iglob", OP_IGLOB, ENG_OA_VALUE, false },
	{ "regex", OP_REGEX, ENG_OA_VALUE, false },
	{ "in", OP_IN, ENG_OA_LIST, false },
	{ "intersects", OP_INTERSECTS, ENG_OA_LIST, false },
	{ "pmatch", OP_PMATCH, ENG_OA_LIST, false },
	{ "exists", OP_EXISTS, ENG_OA_NONE, false },
};

#define NOPS (sizeof(ops) / sizeof(ops[0]))

const char *eng_filter_op(size_t i, enum eng_filter_arg *arg)
{
	size_t k;

	for (k = 0; k < NOPS; k++) {
		if (ops[k].synonym)
			continue;
		if (!i--) {
			*arg = ops[k].arg;
			return ops[k].word;
		}
	}
	return NULL;
}

/* What a value in a list is compared with: each, one, any or all of them. */
enum mod { MOD_NONE, MOD_ANY, MOD_ONE, MOD_ALL };

static const char *const mods[] = { [MOD_ANY] = "anyof", [MOD_ONE] = "oneof", [MOD_ALL] = "allof" };

struct value {
	char *s;   /* text (bytes for bcontains and bstartswith) */
	size_t n;
	int64_t i; /* numbers and booleans */
	bool is_num; /* the text is a number (for fields of either kind) */
	regex_t *re; /* regex */
	struct eng_ipnet net; /* an IP field's address or network, for =, != and in */
};

/* How deep parentheses and "not" may nest */
#define FILTER_DEPTH_MAX 256

enum node_kind { N_AND, N_OR, N_NOT, N_CHECK };

struct node {
	enum node_kind kind;
	struct node *a; /* N_NOT: the operand */
	struct node **kids; /* N_AND, N_OR: the operands, in order */
	unsigned int nkids;
	/* N_CHECK */
	struct eng_fref field; /* the field, or the first one lhs reads */
	struct eng_operand *lhs; /* a transformer, or NULL for field alone */
	struct eng_operand *rhs; /* val(FIELD) or a transformer, in place of values */
	uint8_t vkind;		 /* enum eng_fkind of what is compared */
	uint8_t mod;		 /* enum mod */
	bool either;		 /* a field of either end of a socket (eng_field_either_end) */
	enum op op;
	size_t op_at; /* column of the operator, for errors */
	/* evt.type with =, != or in: the matching ids and generic syscalls */
	uint8_t *type_set, *sc_set;
	struct value *vals;
	unsigned int nvals;
};

struct eng_filter {
	struct node *root;
	struct sbuf scratch, scratch2;
	bool *possible; /* EV_MAX entries: the types it may match */
};

static void node_types(struct eng_filter *f, const struct node *n, bool *possible);

struct parser {
	const char *text;
	size_t pos;
	struct diag *d;
	unsigned int depth; /* parentheses and "not" open at pos */
	bool failed;
};

static void node_free(struct node *n)
{
	unsigned int i;

	if (!n)
		return;
	node_free(n->a);
	for (i = 0; i < n->nkids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	for (i = 0; i < n->nvals; i++) {
		free(n->vals[i].s);
		if (n->vals[i].re) {
			regfree(n->vals[i].re);
			free(n->vals[i].re);
		}
	}
	free(n->vals);
	eng_operand_free(n->lhs);
	eng_operand_free(n->rhs);
	free(n->type_set);
	free(n->sc_set);
	free(n);
}

static bool fail(struct parser *p, size_t at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Records the first error: its text and 1-based column. Returns false. */
static bool fail(struct parser *p, size_t at, const char *fmt, ...)
{
	va_list ap;

	if (!p->failed && p->d) {
		p->d->code = -EINVAL;
		va_start(ap, fmt);
		vsnprintf(p->d->msg, sizeof(p->d->msg), fmt, ap);
		va_end(ap);
		p->d->col = (uint32_t)at + 1;
	}
	p->failed = true;
	return false;
}

static void skip_space(struct parser *p)
{
	while (isspace((unsigned char)p->text[p->pos]))
		p->pos++;
}

/* True if the text at pos is word, followed by a non-word character. */
static bool at_word(const struct parser *p, const char *word)
{
	size_t n = strlen(word);
	char next;

	if (strncmp(p->text + p->pos, word, n) != 0)
		return false;
	next = p->text[p->pos + n];
	return !(isalnum((unsigned char)next) || next == '_' || next == '.');
}

static bool at_sym(const struct parser *p, const char *sym)
{
	return strncmp(p->text + p->pos, sym, strlen(sym)) == 0;
}

static int hexval(char c);

/*
 * The escape after the backslash at p->pos - 1 in a value quoted with q,
 * appended to b, as current Falco libraries read them: \b \f \n \r \t,
 * \\ (and "\ ", a backslash too), \/, \xHH, and the quote itself.
 */
static bool put_escape(struct parser *p, struct sbuf *b, char q)
{
	const char *t = p->text + p->pos;
	static const char from[] = "bfnrt \\/", to[] = "\b\f\n\r\t\\\\/";
	const char *k = *t ? strchr(from, *t) : NULL;

	if (k) {
		sbuf_putc(b, to[k - from]);
	} else if (*t == '"' || *t == '\'') {
		if (*t != q)
			return fail(p, p->pos - 1, "\\%c in a value quoted with %c: write %c alone", *t,
				    q, *t);
		sbuf_putc(b, *t);
	} else if (*t == 'x') {
		int hi = hexval(t[1]), lo = hi < 0 ? -1 : hexval(t[2]);

		if (lo < 0)
			return fail(p, p->pos - 1, "\\x needs two hex digits, as in \\x41");
		sbuf_putc(b, (char)(hi << 4 | lo));
		p->pos += 2;
	} else {
		return fail(p, p->pos - 1,
			    "unsupported escape \\%c (the escapes: \\\\ \\%c \\n \\t \\r \\b \\f \\/ \\xHH)",
			    *t, q);
	}
	p->pos++;
	return true;
}

/* A bare or quoted value; malloc'd into v. Commas end bare values in lists. */
static bool parse_word(struct parser *p, struct value *v, bool in_list)
{
	const char *t = p->text;
	size_t start = p->pos;
	struct sbuf b;

	skip_space(p);
	start = p->pos;
	sbuf_init(&b);
	if (t[p->pos] == '"' || t[p->pos] == '\'') {
		char q = t[p->pos++];

		while (t[p->pos] && t[p->pos] != q) {
			if (t[p->pos] != '\\' || !t[p->pos + 1]) {
				sbuf_putc(&b, t[p->pos++]);
				continue;
			}
			p->pos++;
			if (!put_escape(p, &b, q)) {
				sbuf_fini(&b);
				return false;
			}
		}
		if (t[p->pos] != q) {
			sbuf_fini(&b);
			return fail(p, start, "unterminated quoted value");
		}
		p->pos++;
	} else {
		while (t[p->pos] && !isspace((unsigned char)t[p->pos]) && t[p->pos] != '(' &&
		       t[p->pos] != ')' && (t[p->pos] != ',' || !in_list))
			sbuf_putc(&b, t[p->pos++]);
		if (b.len == 0) {
			sbuf_fini(&b);
			if (t[start])
				return fail(p, start, "expected a value, found '%c'", t[start]);
			return fail(p, start, "expected a value at the end");
		}
	}
	v->s = b.s;
	v->n = b.len;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static bool is_text_op(enum op op)
{
	return op >= OP_CONTAINS && op <= OP_REGEX;
}

/* The hex bytes of a bcontains or bstartswith value, in place. */
static bool convert_bytes(struct parser *p, const struct node *n, struct value *v, size_t at)
{
	const char *word = n->op == OP_BCONTAINS ? "bcontains" : "bstartswith";
	size_t i;

	if (v->n % 2)
		return fail(p, at, "%s needs hex bytes, as in 2f746d70, not '%s'", word, v->s);
	for (i = 0; i < v->n / 2; i++) {
		int hi = hexval(v->s[2 * i]), lo = hexval(v->s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return fail(p, at, "%s needs hex bytes, as in 2f746d70, not '%s'", word, v->s);
		v->s[i] = (char)(hi << 4 | lo);
	}
	v->n /= 2;
	return true;
}

/*
 * A regex value, compiled as an extended POSIX expression that must match
 * the whole text, as RE2's full match in Falco; \d and \D as in RE2, and a
 * leading (?i) ignores case.
 */
static bool convert_regex(struct parser *p, struct value *v, size_t at)
{
	const char *r = v->s;
	int flags = REG_EXTENDED | REG_NOSUB, err;
	struct sbuf b;
	char msg[128];
	bool bracket = false;

	if (strncmp(r, "(?i)", 4) == 0) {
		flags |= REG_ICASE;
		r += 4;
	}
	sbuf_init(&b);
	sbuf_puts(&b, "^(");
	for (; *r; r++) {
		if (*r == '\\' && r[1]) {
			if (!bracket && (r[1] == 'd' || r[1] == 'D'))
				sbuf_puts(&b, r[1] == 'd' ? "[0-9]" : "[^0-9]");
			else
				sbuf_put(&b, r, 2);
			r++;
			continue;
		}
		/* in a bracket expression, a backslash is itself and ']' first is a member */
		if (*r == '[' && !bracket) {
			bracket = true;
			sbuf_putc(&b, *r);
			if (r[1] == '^')
				sbuf_putc(&b, *++r);
			if (r[1] == ']')
				sbuf_putc(&b, *++r);
			continue;
		}
		if (*r == ']')
			bracket = false;
		sbuf_putc(&b, *r);
	}
	sbuf_puts(&b, ")$");
	v->re = xmalloc(sizeof(*v->re));
	err = regcomp(v->re, b.s, flags);
	sbuf_fini(&b);
	if (err) {
		regerror(err, v->re, msg, sizeof(msg));
		free(v->re);
		v->re = NULL;
		return fail(p, at, "'%s' is not a regular expression: %s", v->s, msg);
	}
	return true;
}

/* Converts v to what the check's operand and operator compare with. */
static bool convert(struct parser *p, const struct node *n, struct value *v, size_t at)
{
	char *end;

	if (n->op == OP_BCONTAINS || n->op == OP_BSTARTSWITH)
		return convert_bytes(p, n, v, at);
	/* decimal, or hexadecimal with 0x (a leading 0 is not octal, as in sysdig) */
	errno = 0;
	v->i = strtoll(v->s, &end,
		       v->s[0] == '0' && (v->s[1] == 'x' || v->s[1] == 'X') ? 16 : 10);
	v->is_num = !errno && !*end && end != v->s;
	switch (n->vkind) {
	case ENG_FK_NUM:
		if (!v->is_num)
			return fail(p, at, "'%s' is not a number", v->s);
		break;
	case ENG_FK_BOOL:
		if (strcmp(v->s, "true") == 0 || strcmp(v->s, "1") == 0)
			v->i = 1;
		else if (strcmp(v->s, "false") == 0 || strcmp(v->s, "0") == 0)
			v->i = 0;
		else
			return fail(p, at, "'%s' is not true or false", v->s);
		break;
	case ENG_FK_IP:
		if (n->op > OP_NE && n->op != OP_IN && n->op != OP_INTERSECTS)
			break;
		if (!eng_ipnet_parse(v->s, v->n, &v->net))
			return fail(p, at, "'%s' is not an IP address or network (ADDR/BITS)",
				    v->s);
		break;
	default:
		if (n->op == OP_REGEX)
			return convert_regex(p, v, at);
		break;
	}
	return true;
}

/*
 * evt.type compared by name: precomputes which event ids (and, for generic
 * events, which syscall codes) carry a name in the values.
 */
static void compile_type_set(struct node *n)
{
	char name[64];
	unsigned int i, k;

	if (strcmp(n->field.f->name, "evt.type") != 0 ||
	    (n->op != OP_EQ && n->op != OP_NE && n->op != OP_IN))
		return;
	n->type_set = xcalloc(EV_MAX, 1);
	n->sc_set = xcalloc(65536, 1);
	for (i = 0; i < EV_MAX; i++) {
		struct ev_view ev = { .type = (uint16_t)i };

		for (k = 0; k < n->nvals; k++)
			if (strcmp(dis_event_name(&ev, name, sizeof(name)), n->vals[k].s) == 0)
				n->type_set[i] = 1;
	}
	/* codes past both syscall tables are all named "<unknown>" */
	for (i = 0; i < 65536; i++) {
		uint8_t sc[2] = { (uint8_t)i, (uint8_t)(i >> 8) };

		if (i >= 1024) {
			n->sc_set[i] = n->sc_set[1023];
			continue;
		}
		struct ev_view ev = { .type = EV_GENERIC_E, .nparams = 1, .data = sc };

		ev.plen[0] = 2;
		for (k = 0; k < n->nvals; k++)
			if (strcmp(dis_event_name(&ev, name, sizeof(name)), n->vals[k].s) == 0)
				n->sc_set[i] = 1;
	}
}

static struct node *parse_factor(struct parser *p);
static struct eng_operand *parse_operand(struct parser *p, bool literal);

/* The field at pos, as an operand. */
static struct eng_operand *parse_field(struct parser *p)
{
	const char *t = p->text + p->pos;
	size_t start = p->pos, word = strspn(t, "abcdefghijklmnopqrstuvwxyz_0123456789");
	struct eng_operand *x;
	int used;

	if (word && t[word] == '(') {
		fail(p, start, "unknown transformer '%.*s()' (tolower, toupper, b64, basename, len, "
			       "concat)", (int)word, t);
		return NULL;
	}
	x = xcalloc(1, sizeof(*x));
	used = eng_field_parse(t, &x->field, p->d);
	if (used < 0) {
		if (p->d && !p->failed)
			p->d->col += (uint32_t)start + 1;
		p->failed = true;
		free(x);
		return NULL;
	}
	x->kind = ENG_XF_FIELD;
	p->pos += (size_t)used;
	return x;
}

/* What a value of kind is, for errors. */
static const char *kind_word(uint8_t kind)
{
	return kind == ENG_FK_NUM ? "a number" : kind == ENG_FK_BOOL ? "true or false" :
	       kind == ENG_FK_IP  ? "an address" : "text";
}

/* Whether values of kinds a and b compare: numbers with numbers, text with text. */
static bool kinds_compare(uint8_t a, uint8_t b)
{
	bool na = a == ENG_FK_NUM || a == ENG_FK_BOOL, nb = b == ENG_FK_NUM || b == ENG_FK_BOOL;

	return na == nb;
}

/* The transformer kind at pos, name and "(" namelen long, to its ")". */
static struct eng_operand *parse_transformer(struct parser *p, enum eng_xf kind, size_t namelen)
{
	const char *name = eng_xf_name(kind);
	struct eng_operand *x, *a;
	size_t open = p->pos, at;

	if (p->depth == FILTER_DEPTH_MAX) {
		fail(p, open, "nesting deeper than %d", FILTER_DEPTH_MAX);
		return NULL;
	}
	x = xcalloc(1, sizeof(*x));
	x->kind = kind;
	p->depth++;
	p->pos += namelen;
	for (;;) {
		skip_space(p);
		at = p->pos;
		a = parse_operand(p, kind == ENG_XF_CONCAT);
		if (!a)
			goto bad;
		x->args = xreallocarray(x->args, x->nargs + 1, sizeof(*x->args));
		x->args[x->nargs++] = a;
		if (kind != ENG_XF_CONCAT && eng_operand_kind(a) != ENG_FK_STR &&
		    eng_operand_kind(a) != ENG_FK_DYN) {
			fail(p, at, "%s() works on text, and this is %s", name,
			     kind_word(eng_operand_kind(a)));
			goto bad;
		}
		skip_space(p);
		if (p->text[p->pos] == ')')
			break;
		if (p->text[p->pos] != ',' || kind != ENG_XF_CONCAT) {
			fail(p, p->pos, kind == ENG_XF_CONCAT ? "expected ',' or ')' in concat()" :
								"expected ')': %s() takes one field",
			     name);
			goto bad;
		}
		p->pos++;
	}
	p->pos++;
	p->depth--;
	if (kind == ENG_XF_CONCAT && x->nargs < 2) {
		fail(p, open, "concat() needs two arguments or more");
		goto bad;
	}
	if (!eng_operand_field(x)) {
		fail(p, open, "%s() needs a field among its arguments", name);
		goto bad;
	}
	return x;
bad:
	eng_operand_free(x);
	return NULL;
}

/* A field, a transformer, or with literal a quoted text or a number (in concat). */
static struct eng_operand *parse_operand(struct parser *p, bool literal)
{
	const char *t = p->text + p->pos;
	struct eng_operand *x;
	struct value v = { 0 };
	enum eng_xf kind;
	size_t n;

	if (eng_xf_at(t, &kind, &n))
		return parse_transformer(p, kind, n);
	if (!literal || !(*t == '"' || *t == '\'' || isdigit((unsigned char)*t) || *t == '-' ||
			  *t == '+'))
		return parse_field(p);
	if (!parse_word(p, &v, true))
		return NULL;
	x = xcalloc(1, sizeof(*x));
	x->kind = ENG_XF_TEXT;
	x->text = v.s;
	x->len = v.n;
	return x;
}

/* "(" VALUE { "," VALUE } ")", or "()", into n's values. */
static bool parse_list(struct parser *p, struct node *n)
{
	size_t at;

	if (p->text[p->pos] != '(')
		return fail(p, p->pos, "expected '(' and a list of values");
	p->pos++;
	skip_space(p);
	if (p->text[p->pos] == ')') {
		p->pos++;
		return true;
	}
	for (;;) {
		skip_space(p);
		at = p->pos;
		n->vals = xreallocarray(n->vals, n->nvals + 1, sizeof(*n->vals));
		memset(&n->vals[n->nvals], 0, sizeof(*n->vals));
		if (!parse_word(p, &n->vals[n->nvals], true))
			return false;
		n->nvals++;
		if (!convert(p, n, &n->vals[n->nvals - 1], at))
			return false;
		skip_space(p);
		if (p->text[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->text[p->pos] == ')') {
			p->pos++;
			return true;
		}
		return fail(p, p->pos, "expected ',' or ')' in the list of values");
	}
}

/* The operator at pos, longest first ("<=", not "<"); false if there is none. */
static bool parse_op(struct parser *p, struct node *n)
{
	size_t i, best;

	for (i = 0, best = NOPS; i < NOPS; i++) {
		bool sym = !isalpha((unsigned char)ops[i].word[0]);

		if ((sym ? at_sym(p, ops[i].word) : at_word(p, ops[i].word)) &&
		    (best == NOPS || strlen(ops[i].word) > strlen(ops[best].word)))
			best = i;
	}
	if (best == NOPS)
		return false;
	n->op = ops[best].op;
	n->op_at = p->pos;
	p->pos += strlen(ops[best].word);
	return true;
}

/* After the operator: val(FIELD) or a transformer, in place of a value; false if neither. */
static bool parse_rhs(struct parser *p, struct node *n)
{
	enum eng_xf kind;
	size_t at = p->pos, len;

	if (at_sym(p, "val(")) {
		p->pos += 4;
		skip_space(p);
		n->rhs = parse_field(p);
		skip_space(p);
		if (n->rhs && p->text[p->pos] != ')')
			fail(p, p->pos, "expected ')' after the field of val()");
		p->pos++;
	} else if (eng_xf_at(p->text + p->pos, &kind, &len)) {
		n->rhs = parse_transformer(p, kind, len);
	} else {
		return false;
	}
	if (p->failed)
		return true;
	if (n->op == OP_BCONTAINS || n->op == OP_BSTARTSWITH || n->op == OP_REGEX)
		fail(p, at, "this operator takes a value, not a field");
	else if (!kinds_compare(n->vkind, eng_operand_kind(n->rhs)))
		fail(p, at, "cannot compare %s with %s", kind_word(n->vkind),
		     kind_word(eng_operand_kind(n->rhs)));
	return true;
}

static struct node *parse_check(struct parser *p)
{
	struct node *n;
	size_t start, len;
	enum eng_xf kind;
	unsigned int m;

	skip_space(p);
	start = p->pos;
	if (!p->text[p->pos]) {
		fail(p, p->pos, "expected a field at the end");
		return NULL;
	}
	n = xcalloc(1, sizeof(*n));
	n->kind = N_CHECK;
	if (eng_xf_at(p->text + p->pos, &kind, &len)) {
		n->lhs = parse_transformer(p, kind, len);
		if (!n->lhs)
			goto bad;
		n->field = *eng_operand_field(n->lhs);
		n->vkind = eng_operand_kind(n->lhs);
	} else {
		struct eng_operand *x = parse_field(p);

		if (!x)
			goto bad;
		n->field = x->field;
		n->vkind = n->field.f->kind;
		n->either = eng_field_either_end(n->field.f);
		eng_operand_free(x);
	}
	len = p->pos - start;
	skip_space(p);
	if (!parse_op(p, n)) {
		fail(p, p->pos, "expected an operator after '%.*s'", (int)(len < 80 ? len : 80),
		     p->text + start);
		goto bad;
	}
	if (is_text_op(n->op) && n->vkind == ENG_FK_NUM) {
		fail(p, n->op_at, "this operator does not apply to the number %s %s",
		     n->lhs ? "of" : "field", n->lhs ? "len()" : n->field.f->name);
		goto bad;
	}
	/* evt.around[T] = D: within D ms of T, its value (in ms) at most D */
	if (strcmp(n->field.f->name, "evt.around") == 0) {
		if (n->op != OP_EQ) {
			fail(p, n->op_at, "evt.around takes only '='");
			node_free(n);
			return NULL;
		}
		n->op = OP_LE;
	}
	if (n->op == OP_EXISTS)
		return n;
	skip_space(p);
	/* = anyof (a, b), startswith oneof (...): each value with the operator */
	for (m = MOD_ANY; m <= MOD_ALL && (n->op <= OP_NE || is_text_op(n->op)); m++) {
		if (at_word(p, mods[m])) {
			n->mod = (uint8_t)m;
			p->pos += strlen(mods[m]);
			skip_space(p);
			break;
		}
	}
	if (n->mod || n->op == OP_IN || n->op == OP_INTERSECTS || n->op == OP_PMATCH) {
		if (!parse_list(p, n))
			goto bad;
	} else if (parse_rhs(p, n)) {
		if (p->failed)
			goto bad;
		return n;
	} else {
		n->vals = xcalloc(1, sizeof(*n->vals));
		n->nvals = 1;
		start = p->pos;
		if (!parse_word(p, &n->vals[0], false) || !convert(p, n, &n->vals[0], start))
			goto bad;
	}
	if (!n->lhs && !n->mod)
		compile_type_set(n);
	return n;
bad:
	node_free(n);
	return NULL;
}

static struct node *node_new(enum node_kind k)
{
	struct node *n = xcalloc(1, sizeof(*n));

	n->kind = k;
	return n;
}

/* Appends kid to and/or node n, whose array doubles when full. */
static void node_add(struct node *n, struct node *kid)
{
	if ((n->nkids & (n->nkids - 1)) == 0)
		n->kids = xreallocarray(n->kids, n->nkids ? 2 * n->nkids : 1, sizeof(*n->kids));
	n->kids[n->nkids++] = kid;
}

static struct node *parse_chain(struct parser *p, enum node_kind kind);

/* "not" factor, or "(" expr ")": one level deeper. */
static struct node *parse_nested(struct parser *p)
{
	struct node *n;
	size_t open = p->pos;

	if (p->depth == FILTER_DEPTH_MAX) {
		fail(p, open, "nesting deeper than %d", FILTER_DEPTH_MAX);
		return NULL;
	}
	p->depth++;
	if (p->text[p->pos] == '(') {
		p->pos++;
		n = parse_chain(p, N_OR);
		skip_space(p);
		if (n && p->text[p->pos] == ')') {
			p->pos++;
		} else if (n) {
			node_free(n);
			n = NULL;
			fail(p, open, "unbalanced parenthesis: this '(' is never closed");
		}
	} else {
		p->pos += p->text[p->pos] == '!' ? 1 : 3;
		n = parse_factor(p);
		if (n) {
			struct node *neg = node_new(N_NOT);

			neg->a = n;
			n = neg;
		}
	}
	p->depth--;
	return n;
}

static struct node *parse_factor(struct parser *p)
{
	skip_space(p);
	if (at_word(p, "not") || (at_sym(p, "!") && !at_sym(p, "!=")) || p->text[p->pos] == '(')
		return parse_nested(p);
	return parse_check(p);
}

/* Skips the word that joins a chain of kind (and, &&; or, ||); false if none is next. */
static bool skip_joiner(struct parser *p, enum node_kind kind)
{
	const char *word = kind == N_AND ? "and" : "or";

	skip_space(p);
	if (at_word(p, word))
		p->pos += strlen(word);
	else if (at_sym(p, kind == N_AND ? "&&" : "||"))
		p->pos += 2;
	else
		return false;
	return true;
}

/*
 * expr (kind N_OR) or term (N_AND): an operand alone, or one node of kind
 * holding every operand of the chain.
 */
static struct node *parse_chain(struct parser *p, enum node_kind kind)
{
	struct node *n, *m;

	m = kind == N_OR ? parse_chain(p, N_AND) : parse_factor(p);
	if (!m || !skip_joiner(p, kind))
		return m;
	n = node_new(kind);
	node_add(n, m);
	do {
		m = kind == N_OR ? parse_chain(p, N_AND) : parse_factor(p);
		if (!m) {
			node_free(n);
			return NULL;
		}
		node_add(n, m);
	} while (skip_joiner(p, kind));
	return n;
}

struct eng_filter *eng_filter_compile(const char *text, struct diag *d)
{
	struct parser p = { .text = text, .d = d };
	struct eng_filter *f;
	struct node *root;

	skip_space(&p);
	if (!text[p.pos]) {
		fail(&p, 0, "the filter is empty");
		return NULL;
	}
	root = parse_chain(&p, N_OR);
	if (!root)
		return NULL;
	skip_space(&p);
	if (text[p.pos]) {
		node_free(root);
		if (text[p.pos] == ')')
			fail(&p, p.pos, "unbalanced parenthesis: ')' without '('");
		else
			fail(&p, p.pos, "expected 'and', 'or' or the end, found '%s'", text + p.pos);
		return NULL;
	}
	f = xcalloc(1, sizeof(*f));
	f->root = root;
	sbuf_init(&f->scratch);
	sbuf_init(&f->scratch2);
	f->possible = xcalloc(EV_MAX, sizeof(*f->possible));
	node_types(f, root, f->possible);
	return f;
}

void eng_filter_free(struct eng_filter *f)
{
	if (!f)
		return;
	node_free(f->root);
	sbuf_fini(&f->scratch);
	sbuf_fini(&f->scratch2);
	free(f->possible);
	free(f);
}

static bool cmp_num(enum op op, int64_t a, int64_t b)
{
	switch (op) {
	case OP_EQ:
	case OP_IN:
	case OP_INTERSECTS:
		return a == b;
	case OP_NE:
		return a != b;
	case OP_LT:
		return a < b;
	case OP_LE:
		return a <= b;
	case OP_GT:
		return a > b;
	case OP_GE:
		return a >= b;
	default:
		return false;
	}
}

/* pmatch: s is the path v or lies below it. */
static bool path_under(const char *s, const struct value *v)
{
	size_t n = v->n;

	while (n > 1 && v->s[n - 1] == '/')
		n--;
	return strncmp(s, v->s, n) == 0 && (s[n] == 0 || s[n] == '/' || (n == 1 && v->s[0] == '/'));
}

static bool cmp_str(enum op op, const char *s, size_t slen, const struct value *v)
{
	int c;

	switch (op) {
	case OP_EQ:
	case OP_IN:
	case OP_INTERSECTS:
		return slen == v->n && memcmp(s, v->s, slen) == 0;
	case OP_NE:
		return !(slen == v->n && memcmp(s, v->s, slen) == 0);
	case OP_CONTAINS:
		/* memmem: strstr measures the needle on every call */
		return memmem(s, slen, v->s, v->n) != NULL;
	case OP_ICONTAINS:
		return v->n <= slen && strcasestr(s, v->s) != NULL;
	case OP_BCONTAINS:
		return memmem(s, slen, v->s, v->n) != NULL;
	case OP_BSTARTSWITH:
		return slen >= v->n && memcmp(s, v->s, v->n) == 0;
	case OP_STARTSWITH:
		return strncmp(s, v->s, v->n) == 0;
	case OP_ENDSWITH:
		return slen >= v->n && memcmp(s + slen - v->n, v->s, v->n) == 0;
	case OP_GLOB:
		return fnmatch(v->s, s, 0) == 0;
	case OP_IGLOB:
		return fnmatch(v->s, s, FNM_CASEFOLD) == 0;
	case OP_REGEX:
		return regexec(v->re, s, 0, NULL, 0) == 0;
	case OP_PMATCH:
		return path_under(s, v);
	default:
		c = strcmp(s, v->s);
		return op == OP_LT ? c < 0 : op == OP_LE ? c <= 0 : op == OP_GT ? c > 0 : c >= 0;
	}
}

/* An address against a value: = and in by eng_ip_in(), other operators on the text. */
static bool cmp_ip(enum op op, const char *s, size_t slen, const struct value *v)
{
	switch (op) {
	case OP_EQ:
	case OP_IN:
	case OP_INTERSECTS:
		return eng_ip_in(s, &v->net);
	case OP_NE:
		return !eng_ip_in(s, &v->net);
	default:
		return cmp_str(op, s, slen, v);
	}
}

/* A value of kind (a number, true or false) as a number. */
static int64_t as_num(const char *s, uint8_t kind)
{
	return kind == ENG_FK_BOOL ? strcmp(s, "true") == 0 : strtoll(s, NULL, 10);
}

/*
 * Whether a value (s, slen bytes) matches the check's values: any of them,
 * or as its modifier says; never an empty list.
 */
static bool match_vals(const struct node *n, const char *s, size_t slen)
{
	bool text = !(n->vkind == ENG_FK_NUM || n->vkind == ENG_FK_BOOL);
	int64_t num = text ? 0 : as_num(s, n->vkind);
	unsigned int i, hits = 0;

	for (i = 0; i < n->nvals; i++) {
		bool hit = !text		  ? cmp_num(n->op, num, n->vals[i].i) :
			   n->vkind == ENG_FK_IP ? cmp_ip(n->op, s, slen, &n->vals[i]) :
						   cmp_str(n->op, s, slen, &n->vals[i]);

		if (hit && n->mod <= MOD_ANY)
			return true;
		if (!hit && n->mod == MOD_ALL)
			return false;
		hits += hit;
	}
	return n->nvals && (n->mod == MOD_ALL || (n->mod == MOD_ONE && hits == 1));
}

/* The check's value, in f->scratch, against val(FIELD) or a transformer. */
static bool check_rhs(struct eng_filter *f, const struct node *n, const struct eng_state *s,
		      const struct eng_evt *e)
{
	struct sbuf *b = &f->scratch, *r = &f->scratch2;
	struct value v = { 0 };
	uint8_t rkind = eng_operand_kind(n->rhs);

	sbuf_reset(r);
	if (!eng_operand_value(n->rhs, r, s, e))
		return false;
	if (n->vkind == ENG_FK_NUM || n->vkind == ENG_FK_BOOL)
		return cmp_num(n->op, as_num(b->s, n->vkind), as_num(r->s, rkind));
	v.s = r->s;
	v.n = r->len;
	return cmp_str(n->op, b->s, b->len, &v);
}

static bool check(struct eng_filter *f, const struct node *n, const struct eng_state *s,
		  const struct eng_evt *e);

/*
 * fd.ip, fd.net, fd.port, fd.proto: true if either end of the socket
 * matches, or with != if neither does, as libsinsp compares them.
 */
static bool check_either(struct eng_filter *f, const struct node *n, const struct eng_state *s,
			 const struct eng_evt *e)
{
	struct node end = *n;
	bool hit[2];

	end.either = false;
	for (int i = 0; i < 2; i++) {
		end.field.idx = i;
		hit[i] = check(f, &end, s, e);
	}
	return n->op == OP_NE ? hit[0] && hit[1] : hit[0] || hit[1];
}

static bool check(struct eng_filter *f, const struct node *n, const struct eng_state *s,
		  const struct eng_evt *e)
{
	struct sbuf *b = &f->scratch;
	const char *v;
	int64_t num;

	if (n->either)
		return check_either(f, n, s, e);
	if (n->type_set) {
		uint16_t sc;
		bool in = e->ev.type < EV_MAX && n->type_set[e->ev.type];

		if ((e->ev.type == EV_GENERIC_E || e->ev.type == EV_GENERIC_X) &&
		    ev_param_u16(&e->ev, 0, &sc))
			in = n->sc_set[sc];
		return n->op == OP_NE ? !in : in;
	}
	if (!n->lhs && !n->rhs && n->field.f->str && (v = n->field.f->str(s, e))) {
		if (v == eng_field_absent)
			return false;
		return n->op == OP_EXISTS || match_vals(n, v, strlen(v));
	}
	sbuf_reset(b);
	if (!(n->lhs ? eng_operand_value(n->lhs, b, s, e) : eng_field_extract(&n->field, b, s, e)))
		return false;
	if (n->op == OP_EXISTS)
		return true;
	if (n->rhs)
		return check_rhs(f, n, s, e);
	if (n->vkind == ENG_FK_DYN && n->op <= OP_GE && n->nvals && n->vals[0].is_num) {
		char *end;

		/* compare as numbers when the event's value is one */
		errno = 0;
		num = strtoll(b->s, &end, 10);
		if (!errno && !*end && end != b->s)
			return cmp_num(n->op, num, n->vals[0].i);
	}
	return match_vals(n, b->s, b->len);
}

static bool eval(struct eng_filter *f, const struct node *n, const struct eng_state *s,
		 const struct eng_evt *e)
{
	unsigned int i;

	switch (n->kind) {
	case N_AND:
	case N_OR:
		/* and stops at the first false operand, or at the first true one */
		for (i = 0; i < n->nkids; i++)
			if (eval(f, n->kids[i], s, e) != (n->kind == N_AND))
				return n->kind != N_AND;
		return n->kind == N_AND;
	case N_NOT:
		return !eval(f, n->a, s, e);
	default:
		return check(f, n, s, e);
	}
}

bool eng_filter_match(struct eng_filter *f, const struct eng_state *s, const struct eng_evt *e)
{
	if (e->ev.type < EV_MAX && !f->possible[e->ev.type])
		return false;
	return eval(f, f->root, s, e);
}

/* The types a check can be true on, as its field's scope tells. */
static void check_types(struct eng_filter *f, const struct node *n, bool *possible)
{
	const uint32_t fd_flags = EV_F_CREATES_FD | EV_F_USES_FD | EV_F_DESTROYS_FD;
	struct eng_evt bare;
	uint16_t t;

	uint8_t scope = n->field.f->scope;

	/* the other fields a check reads need not depend on the type alone */
	if (scope == ENG_FS_TYPE && (n->rhs || (n->lhs && n->lhs->kind == ENG_XF_CONCAT)))
		scope = ENG_FS_ANY;
	memset(&bare, 0, sizeof(bare));
	for (t = 0; t < EV_MAX; t++) {
		switch (scope) {
		case ENG_FS_TYPE:
			/* a generic event's name is in its parameters */
			bare.ev.type = t;
			possible[t] = t == EV_GENERIC_E || t == EV_GENERIC_X ||
				      check(f, n, NULL, &bare);
			break;
		case ENG_FS_FD:
			possible[t] = (eng_event_flags(t) & fd_flags) != 0;
			break;
		default:
			possible[t] = true;
			break;
		}
	}
}

static void node_types(struct eng_filter *f, const struct node *n, bool *possible)
{
	bool *other;
	unsigned int i;
	uint16_t t;

	switch (n->kind) {
	case N_AND:
	case N_OR:
		other = xcalloc(EV_MAX, sizeof(*other));
		node_types(f, n->kids[0], possible);
		for (i = 1; i < n->nkids; i++) {
			node_types(f, n->kids[i], other);
			for (t = 0; t < EV_MAX; t++)
				possible[t] = n->kind == N_AND ? possible[t] && other[t] :
								 possible[t] || other[t];
		}
		free(other);
		break;
	case N_NOT:
		/* what the inner check rules out may match here */
		for (t = 0; t < EV_MAX; t++)
			possible[t] = true;
		break;
	default:
		check_types(f, n, possible);
		break;
	}
}

void eng_filter_types(const struct eng_filter *f, bool *possible)
{
	memcpy(possible, f->possible, EV_MAX * sizeof(*possible));
}

bool eng_filter_value(struct sbuf *out, const char *value)
{
	size_t n = strlen(value);

	if (n && strspn(value, "0123456789abcdefghijklmnopqrstuvwxyz"
			       "ABCDEFGHIJKLMNOPQRSTUVWXYZ_.-/:<>") == n)
		sbuf_puts(out, value);
	else if (!strchr(value, '"'))
		sbuf_printf(out, "\"%s\"", value);
	else if (!strchr(value, '\''))
		sbuf_printf(out, "'%s'", value);
	else
		return false;
	return true;
}

bool eng_filter_clause(struct sbuf *out, const char *field, const char *value)
{
	size_t at = out->len;

	sbuf_printf(out, "%s = ", field);
	if (eng_filter_value(out, value))
		return true;
	sbuf_truncate(out, at);
	return false;
}

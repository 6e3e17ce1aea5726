// SPDX-License-Identifier: GPL-2.0-only
/*
 * Filter compiler: a recursive-descent parser turns the text into the tree
 * of eng_filter_int.h, converting each value to its field's type, so a bad
 * value is reported at compile time with its column. Parentheses and "not"
 * nest at most FILTER_DEPTH_MAX deep.
 */
#define _GNU_SOURCE
#include "eng_filter_int.h"

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

static const char *const mods[] = { [MOD_ANY] = "anyof", [MOD_ONE] = "oneof", [MOD_ALL] = "allof" };


/* How deep parentheses and "not" may nest */
#define FILTER_DEPTH_MAX 256
struct parser {
	const char *text;
	size_t pos;
	struct diag *d;
	unsigned int depth; /* parentheses, "not" and macros open at pos */
	bool failed;
	const struct eng_filter_defs *defs; /* or NULL */
	const struct parser *outer;	    /* the parser of the macro's user */
	const char *macro;		    /* the macro this parser reads, and its length */
	size_t macro_len;
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

/* RE2's limits on counted repetitions, which glibc unrolls: a count over this,
 * or nested ones whose product is, are refused; so is deeper nesting. */
#define RE_REPEAT_MAX 1000
#define RE_DEPTH_MAX 1000

/* The largest product of nested counted repetitions, per open group. */
struct re_nest {
	unsigned long *inner;
	unsigned int depth;
	unsigned long closed; /* of the group just closed, else 1 */
};

/* Takes the regex character at r (not escaped, not in brackets) into n;
 * false with *why set if RE2 would refuse the expression there. */
static bool re_nest_step(struct re_nest *n, const char *r, const char **why)
{
	unsigned long count, prod;
	char *end;

	if (*r == '(') {
		if (n->depth == RE_DEPTH_MAX) {
			*why = "expression nests too deeply";
			return false;
		}
		n->inner[++n->depth] = 1;
	} else if (*r == ')' && n->depth) {
		n->closed = n->inner[n->depth--];
		if (n->closed > n->inner[n->depth])
			n->inner[n->depth] = n->closed;
		return true;
	} else if (*r == '{') {
		/* {m}, {m,}, {m,n} or glibc's {,n}: the larger count */
		count = strtoul(r + 1, &end, 10);
		if (*end == ',' && isdigit((unsigned char)end[1]))
			count = strtoul(end + 1, &end, 10);
		prod = count * n->closed;
		if (count > RE_REPEAT_MAX || prod > RE_REPEAT_MAX) {
			*why = "bad repetition operator";
			return false;
		}
		if (prod > n->inner[n->depth])
			n->inner[n->depth] = prod;
	}
	n->closed = 1;
	return true;
}

/* A regex that does not compile; a long one is cut, so that why shows. */
static bool regex_fail(struct parser *p, size_t at, const struct value *v, const char *why)
{
	int cut = v->n > 60 ? 60 : (int)v->n;

	return fail(p, at, "'%.*s%s' is not a regular expression: %s", cut, v->s,
		    v->n > 60 ? "..." : "", why);
}

/*
 * A regex value, compiled as an extended POSIX expression that must match
 * the whole text, as RE2's full match in Falco; \d and \D as in RE2, and a
 * leading (?i) ignores case.
 */
static bool convert_regex(struct parser *p, struct value *v, size_t at)
{
	const char *r = v->s, *why = NULL;
	int flags = REG_EXTENDED | REG_NOSUB, err;
	struct sbuf b;
	char msg[128];
	bool bracket = false, rep;
	int last_rep = 0; /* 1 after a repetition, 2 after a lazy one */
	unsigned long inner[RE_DEPTH_MAX + 1] = { 1 };
	struct re_nest nest = { inner, 0, 1 };

	if (strncmp(r, "(?i)", 4) == 0) {
		flags |= REG_ICASE;
		r += 4;
	}
	sbuf_init(&b);
	sbuf_puts(&b, "^(");
	for (; *r; r++) {
		/* as RE2: a repetition of a repetition is refused, but for a lazy one ("*?") */
		rep = !bracket && strchr("*+?{", *r);
		if (rep && last_rep && !(*r == '?' && last_rep == 1))
			why = "bad repetition operator";
		if (why || (!bracket && !re_nest_step(&nest, r, &why))) {
			sbuf_fini(&b);
			return regex_fail(p, at, v, why);
		}
		last_rep = rep && last_rep ? 2 : (rep && *r != '{') || (!bracket && *r == '}') ? 1 : 0;
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
		return regex_fail(p, at, v, msg);
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

/* Adds an empty value to n's; returns it. */
static struct value *add_value(struct node *n)
{
	n->vals = xreallocarray(n->vals, n->nvals + 1, sizeof(*n->vals));
	memset(&n->vals[n->nvals], 0, sizeof(*n->vals));
	return &n->vals[n->nvals++];
}

/*
 * If the bare word at p->pos names a list of p->defs, its items as n's
 * values, read as values are (quoted or bare): 1; 0 if it names none, -1
 * on error.
 */
static int splice_list(struct parser *p, struct node *n)
{
	const char *t = p->text + p->pos;
	size_t len = strcspn(t, " \t\n\r\f\v(),"), i, cnt;
	const char *const *items;

	if (!p->defs || !p->defs->list || !len || *t == '"' || *t == '\'' ||
	    !(items = p->defs->list(p->defs->arg, t, len, &cnt)))
		return 0;
	for (i = 0; i < cnt; i++) {
		struct parser item = { .text = items[i] };
		struct value *v = add_value(n);

		if (items[i][0] == '"' || items[i][0] == '\'') {
			if (!parse_word(&item, v, false) || items[i][item.pos]) {
				fail(p, p->pos, "list '%.*s': item %s is not one value", (int)len, t,
				     items[i]);
				return -1;
			}
		} else {
			v->s = xstrdup(items[i]);
			v->n = strlen(v->s);
		}
		if (!convert(p, n, v, p->pos))
			return -1;
	}
	p->pos += len;
	return 1;
}

/* "(" VALUE { "," VALUE } ")", or "()", into n's values. */
static bool parse_list(struct parser *p, struct node *n)
{
	size_t at;
	int spliced;

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
		if ((spliced = splice_list(p, n)) < 0)
			return false;
		if (!spliced && (!parse_word(p, add_value(n), true) ||
				 !convert(p, n, &n->vals[n->nvals - 1], at)))
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
		n->multi = eng_field_multi(n->field.f);
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

static struct node *parse_all(struct parser *p);

/*
 * The length of the word at pos that can name a macro (letters, digits,
 * '_'), 0 if none does: a field (fd.num, proc.aname[1]) or a transformer
 * (tolower(...)) goes on past it.
 */
static size_t macro_word(const struct parser *p)
{
	const char *t = p->text + p->pos;
	size_t n = 0;

	while (isalnum((unsigned char)t[n]) || t[n] == '_')
		n++;
	return n && t[n] != '.' && t[n] != '[' && t[n] != '(' ? n : 0;
}

/* The macro named at pos (len bytes), compiled in its place. */
static struct node *parse_macro(struct parser *p, size_t len)
{
	const char *name = p->text + p->pos, *cond = p->defs->macro(p->defs->arg, name, len);
	struct diag d = { 0 };
	struct parser sub = { .text = cond, .d = &d, .depth = p->depth + 1, .defs = p->defs,
			      .outer = p, .macro = name, .macro_len = len };
	const struct parser *o;
	struct node *n;

	if (!cond) {
		fail(p, p->pos, "undefined macro '%.*s'", (int)len, name);
		return NULL;
	}
	for (o = p; o; o = o->outer) {
		if (o->macro && o->macro_len == len && memcmp(o->macro, name, len) == 0) {
			fail(p, p->pos, "macro '%.*s' uses itself", (int)len, name);
			return NULL;
		}
	}
	if (sub.depth > FILTER_DEPTH_MAX) {
		fail(p, p->pos, "nesting deeper than %d", FILTER_DEPTH_MAX);
		return NULL;
	}
	n = parse_all(&sub);
	if (!n) {
		fail(p, p->pos, "in macro '%.*s' at column %u: %s", (int)len, name, d.col, d.msg);
		return NULL;
	}
	p->pos += len;
	return n;
}

static struct node *parse_factor(struct parser *p)
{
	size_t len;

	skip_space(p);
	if (at_word(p, "not") || (at_sym(p, "!") && !at_sym(p, "!=")) || p->text[p->pos] == '(')
		return parse_nested(p);
	if (p->defs && p->defs->macro && (len = macro_word(p)))
		return parse_macro(p, len);
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

/* The whole text: an expression and nothing after it. */
static struct node *parse_all(struct parser *p)
{
	struct node *root;

	skip_space(p);
	if (!p->text[p->pos]) {
		fail(p, 0, "the %s is empty", p->macro ? "condition" : "filter");
		return NULL;
	}
	root = parse_chain(p, N_OR);
	if (!root)
		return NULL;
	skip_space(p);
	if (p->text[p->pos]) {
		node_free(root);
		if (p->text[p->pos] == ')')
			fail(p, p->pos, "unbalanced parenthesis: ')' without '('");
		else
			fail(p, p->pos, "expected 'and', 'or' or the end, found '%s'",
			     p->text + p->pos);
		return NULL;
	}
	return root;
}

struct eng_filter *eng_filter_compile_defs(const char *text, const struct eng_filter_defs *defs,
					   struct diag *d)
{
	struct parser p = { .text = text, .d = d, .defs = defs };
	struct eng_filter *f;
	struct node *root = parse_all(&p);

	if (!root)
		return NULL;
	f = xcalloc(1, sizeof(*f));
	f->root = root;
	sbuf_init(&f->scratch);
	sbuf_init(&f->scratch2);
	f->possible = xcalloc(EV_MAX, sizeof(*f->possible));
	eng_filter_node_types(f, root, f->possible);
	return f;
}

static const struct eng_filter_defs *default_defs;

void eng_filter_set_defs(const struct eng_filter_defs *defs)
{
	default_defs = defs;
}

struct eng_filter *eng_filter_compile(const char *text, struct diag *d)
{
	return eng_filter_compile_defs(text, default_defs, d);
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


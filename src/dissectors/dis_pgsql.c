// SPDX-License-Identifier: GPL-2.0-only
/*
 * PostgreSQL's frontend/backend protocol (v3), with Wireshark's field
 * names: the startup message (no type byte: a length, then a protocol
 * version or a request code) and the typed messages (a type byte and a
 * 4-byte length that counts itself). One read or write often carries many
 * messages; each is a tree of its own (a depth-0 "PostgreSQL" node).
 *
 * A type byte means one message from the frontend and another from the
 * backend ('D' is Describe to the server, Data row to the client). The
 * socket's role tells the direction; when it is unknown, the first
 * message whose type or shape belongs to one side decides.
 *
 * A message cut short (the snap length) is malformed where the data ends;
 * a part that overruns its message's length, where the message ends; a
 * length below 4, at the length. What came before stays.
 */
#include <stdio.h>
#include <string.h>

#include "dis_proto_int.h"

#define PG_PROTO_3 196608u
#define PG_CANCEL 80877102u
#define PG_SSL 80877103u
#define PG_GSSENC 80877104u
/* No message is this long: text's 4 bytes never read as a length below it. */
#define PG_LEN_MAX 0x01000000u

static const char *const fields[] = {
	"pgsql.type", "pgsql.length", "pgsql.frontend", "pgsql.version_major",
	"pgsql.version_minor", "pgsql.version_supported_minor",
	"pgsql.number_nonsupported_options", "pgsql.nonsupported_option", "pgsql.parameter_name",
	"pgsql.parameter_value", "pgsql.query", "pgsql.password", "pgsql.authtype", "pgsql.salt",
	"pgsql.auth.gssapi_sspi.data", "pgsql.auth.sasl.mech", "pgsql.auth.sasl.data",
	"pgsql.statement", "pgsql.portal", "pgsql.returns", "pgsql.tag", "pgsql.status",
	"pgsql.copydata", "pgsql.error", "pgsql.pid", "pgsql.key", "pgsql.condition",
	"pgsql.text", "pgsql.oid.table", "pgsql.oid.type", "pgsql.oid", "pgsql.format",
	"pgsql.field.count", "pgsql.col.name", "pgsql.col.index", "pgsql.val.length",
	"pgsql.val.data", "pgsql.col.typemod", "pgsql.severity", "pgsql.code", "pgsql.message",
	"pgsql.detail", "pgsql.hint", "pgsql.position", "pgsql.internal_position",
	"pgsql.internal_query", "pgsql.where", "pgsql.schema_name", "pgsql.table_name",
	"pgsql.column_name", "pgsql.type_name", "pgsql.constraint_name", "pgsql.file",
	"pgsql.line", "pgsql.routine", NULL,
};

static const uint16_t ports[] = { 5432, 0 };

struct pg_type {
	char c;
	const char *name;
};

/* The messages' names as Wireshark's pgsql.type gives them. */
static const struct pg_type fe_types[] = {
	{ 'p', "Password message" }, { 'Q', "Simple query" }, { 'P', "Parse" },
	{ 'B', "Bind" }, { 'E', "Execute" }, { 'D', "Describe" },
	{ 'C', "Close" }, { 'H', "Flush" }, { 'S', "Sync" },
	{ 'F', "Function call" }, { 'd', "Copy data" }, { 'c', "Copy completion" },
	{ 'f', "Copy failure" }, { 'X', "Termination" }, { 0, NULL },
};

static const struct pg_type be_types[] = {
	{ 'R', "Authentication request" }, { 'K', "Backend key data" },
	{ 'S', "Parameter status" }, { '1', "Parse completion" },
	{ '2', "Bind completion" }, { '3', "Close completion" },
	{ 'C', "Command completion" }, { 't', "Parameter description" },
	{ 'T', "Row description" }, { 'D', "Data row" },
	{ 'I', "Empty query" }, { 'n', "No data" },
	{ 'E', "Error" }, { 'N', "Notice" },
	{ 's', "Portal suspended" }, { 'Z', "Ready for query" },
	{ 'A', "Notification" }, { 'V', "Function call response" },
	{ 'G', "CopyIn response" }, { 'H', "CopyOut response" },
	{ 'd', "Copy data" }, { 'c', "Copy completion" },
	{ 'v', "Negotiate protocol version" }, { 0, NULL },
};

/* The fields of an Error or Notice, by their code byte; others are pgsql.text. */
static const struct {
	char c;
	const char *field;
} err_fields[] = {
	{ 'S', "pgsql.severity" },	   { 'C', "pgsql.code" },
	{ 'M', "pgsql.message" },	   { 'D', "pgsql.detail" },
	{ 'H', "pgsql.hint" },		   { 'P', "pgsql.position" },
	{ 'p', "pgsql.internal_position" }, { 'q', "pgsql.internal_query" },
	{ 'W', "pgsql.where" },		   { 's', "pgsql.schema_name" },
	{ 't', "pgsql.table_name" },	   { 'c', "pgsql.column_name" },
	{ 'd', "pgsql.type_name" },	   { 'n', "pgsql.constraint_name" },
	{ 'F', "pgsql.file" },		   { 'L', "pgsql.line" },
	{ 'R', "pgsql.routine" },
};

/* A cursor over one message: its bytes end at end (its length or the data's). */
struct pg_cur {
	struct dis_ptree *t;
	const uint8_t *p;
	size_t off, end;
	bool bad;
};

static const char *type_name(const struct pg_type *tab, uint8_t c)
{
	for (; tab->name; tab++)
		if ((uint8_t)tab->c == c)
			return tab->name;
	return NULL;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Whether k more bytes are there; if not, the message breaks at its end. */
static bool have(struct pg_cur *c, size_t k)
{
	if (c->bad || k > c->end - c->off) {
		c->bad = true;
		dis_ptree_malformed(c->t, c->end);
		return false;
	}
	return true;
}

static void add(struct pg_cur *c, unsigned int depth, const char *field, const char *text,
		size_t off, size_t len)
{
	dis_ptree_add(c->t, depth, field, text, strlen(text), (uint32_t)off, (uint32_t)len);
}

/*
 * The k-byte (1, 2 or 4) big-endian number at the cursor as field (signed:
 * sign-extended), moving past it; 0 if it is not there.
 */
static long long num(struct pg_cur *c, unsigned int depth, const char *field, size_t k,
		     bool sign)
{
	unsigned long long u = 0;
	long long v;
	char s[24];

	if (!have(c, k))
		return 0;
	for (size_t i = 0; i < k; i++)
		u = u << 8 | c->p[c->off + i];
	v = (long long)u;
	if (sign && k < 8 && (u >> (k * 8 - 1) & 1))
		v -= 1LL << (k * 8);
	snprintf(s, sizeof(s), "%lld", v);
	add(c, depth, field, s, c->off, k);
	c->off += k;
	return v;
}

/* The NUL-ended string at the cursor as field (its node has the NUL), moving past it. */
static bool strz(struct pg_cur *c, unsigned int depth, const char *field)
{
	const uint8_t *z;
	size_t len;

	if (!have(c, 1))
		return false;
	z = memchr(c->p + c->off, 0, c->end - c->off);
	if (!z) {
		c->bad = true;
		dis_ptree_malformed(c->t, c->end);
		return false;
	}
	len = (size_t)(z - c->p) - c->off;
	dis_ptree_add(c->t, depth, field, (const char *)c->p + c->off, len, (uint32_t)c->off,
		      (uint32_t)(len + 1));
	c->off += len + 1;
	return true;
}

/* k bytes at the cursor as field, in hex as tshark prints bytes, moving past them. */
static void bytes(struct pg_cur *c, unsigned int depth, const char *field, size_t k)
{
	if (!have(c, k))
		return;
	dis_ptree_add_hex(c->t, depth, field, c->p, (uint32_t)c->off, (uint32_t)k);
	c->off += k;
}

/* A 2-byte count shown as a label "what: N"; the count, or 0 if it is not there. */
static int count(struct pg_cur *c, const char *what)
{
	char s[48];
	int i;

	if (!have(c, 2))
		return 0;
	i = c->p[c->off] << 8 | c->p[c->off + 1];
	snprintf(s, sizeof(s), "%s: %d", what, i);
	add(c, 1, NULL, s, c->off, 2);
	c->off += 2;
	return i;
}

/* 2-byte formats, as many as the count before them (shown as a label). */
static void formats(struct pg_cur *c, const char *what)
{
	for (int i = count(c, what); i > 0 && !c->bad; i--)
		num(c, 2, "pgsql.format", 2, false);
}

/* A 4-byte length (-1: NULL) and that many bytes of data, as Bind's and Data row's. */
static void value(struct pg_cur *c, unsigned int depth)
{
	long long k = num(c, depth, "pgsql.val.length", 4, true);

	if (k > 0)
		bytes(c, depth, "pgsql.val.data", (size_t)k);
}

static void values(struct pg_cur *c, const char *what)
{
	for (int i = count(c, what); i > 0 && !c->bad; i--)
		value(c, 2);
}

/* A message with no type byte: a startup message's version and parameters, or a request. */
static void untyped(struct pg_cur *c)
{
	uint32_t code;

	if (!have(c, 4))
		return;
	code = be32(c->p + c->off);
	if (code != PG_PROTO_3) {
		c->off += 4;
		if (code == PG_CANCEL) {
			num(c, 1, "pgsql.pid", 4, false);
			num(c, 1, "pgsql.key", 4, false);
		}
		return;
	}
	num(c, 1, "pgsql.version_major", 2, false);
	num(c, 1, "pgsql.version_minor", 2, false);
	/* name and value pairs, to an empty name */
	while (c->off < c->end && !c->bad && c->p[c->off] != 0) {
		strz(c, 1, "pgsql.parameter_name");
		strz(c, 1, "pgsql.parameter_value");
	}
}

static void fe_bind(struct pg_cur *c)
{
	strz(c, 1, "pgsql.portal");
	strz(c, 1, "pgsql.statement");
	formats(c, "Parameter formats");
	values(c, "Parameter values");
	formats(c, "Result formats");
}

static void fe_message(struct pg_cur *c, uint8_t type)
{
	uint8_t what;

	switch (type) {
	case 'p':
		strz(c, 1, "pgsql.password");
		break;
	case 'Q':
		strz(c, 1, "pgsql.query");
		break;
	case 'P':
		strz(c, 1, "pgsql.statement");
		strz(c, 1, "pgsql.query");
		for (int i = count(c, "Parameters"); i > 0 && !c->bad; i--)
			num(c, 2, "pgsql.oid.type", 4, false);
		break;
	case 'B':
		fe_bind(c);
		break;
	case 'E':
		strz(c, 1, "pgsql.portal");
		num(c, 1, "pgsql.returns", 4, false);
		break;
	case 'D':
	case 'C':
		if (!have(c, 1))
			break;
		what = c->p[c->off++];
		strz(c, 1, what == 'P' ? "pgsql.portal" : "pgsql.statement");
		break;
	case 'd':
		bytes(c, 1, "pgsql.copydata", c->end - c->off);
		break;
	case 'f':
		strz(c, 1, "pgsql.error");
		break;
	case 'F':
		num(c, 1, "pgsql.oid", 4, false);
		formats(c, "Parameter formats");
		values(c, "Parameter values");
		num(c, 1, "pgsql.format", 2, false);
		break;
	}
}

static void be_auth(struct pg_cur *c)
{
	long long auth = num(c, 1, "pgsql.authtype", 4, false);

	if (c->bad)
		return;
	if (auth == 4 || auth == 5) {
		bytes(c, 1, "pgsql.salt", auth == 4 ? 2 : 4);
	} else if (auth == 8) {
		bytes(c, 1, "pgsql.auth.gssapi_sspi.data", c->end - c->off);
	} else if (auth == 10) {
		/* the mechanisms, to the empty one that ends the list */
		while (c->end - c->off > 1 && !c->bad)
			strz(c, 1, "pgsql.auth.sasl.mech");
	} else if ((auth == 11 || auth == 12) && c->off < c->end) {
		bytes(c, 1, "pgsql.auth.sasl.data", c->end - c->off);
	}
}

static void be_row_description(struct pg_cur *c)
{
	long long i = num(c, 1, "pgsql.field.count", 2, false);

	for (; i > 0 && !c->bad; i--) {
		if (!strz(c, 2, "pgsql.col.name"))
			break;
		num(c, 3, "pgsql.oid.table", 4, false);
		num(c, 3, "pgsql.col.index", 2, false);
		num(c, 3, "pgsql.oid.type", 4, false);
		num(c, 3, "pgsql.val.length", 2, true);
		num(c, 3, "pgsql.col.typemod", 4, true);
		num(c, 3, "pgsql.format", 2, false);
	}
}

/* An Error's or Notice's fields: a code byte and a string each, to a NUL. */
static void be_error(struct pg_cur *c)
{
	while (c->off < c->end && !c->bad && c->p[c->off] != 0) {
		const char *field = "pgsql.text";
		size_t at = c->off;

		for (size_t i = 0; i < sizeof(err_fields) / sizeof(err_fields[0]); i++)
			if ((uint8_t)err_fields[i].c == c->p[at])
				field = err_fields[i].field;
		c->off++;
		if (!strz(c, 1, field))
			break;
		/* the node starts at the code byte, as Wireshark's */
		c->t->n[c->t->count - 1].off = (uint32_t)at;
		c->t->n[c->t->count - 1].len = (uint32_t)(c->off - at);
	}
}

static void be_copy(struct pg_cur *c)
{
	num(c, 1, "pgsql.format", 1, false);
	/* as Wireshark's, the columns' formats less two */
	for (int i = count(c, "Columns"); i > 2 && !c->bad; i--)
		num(c, 2, "pgsql.format", 2, false);
}

static void be_negotiate(struct pg_cur *c)
{
	num(c, 1, "pgsql.version_supported_minor", 4, false);
	for (long long i = num(c, 1, "pgsql.number_nonsupported_options", 4, true);
	     i > 0 && !c->bad; i--)
		strz(c, 1, "pgsql.nonsupported_option");
}

static void be_message(struct pg_cur *c, uint8_t type)
{
	switch (type) {
	case 'R':
		be_auth(c);
		break;
	case 'K':
		num(c, 1, "pgsql.pid", 4, false);
		num(c, 1, "pgsql.key", 4, false);
		break;
	case 'S':
		strz(c, 1, "pgsql.parameter_name");
		strz(c, 1, "pgsql.parameter_value");
		break;
	case 't':
		for (int i = count(c, "Parameters"); i > 0 && !c->bad; i--)
			num(c, 2, "pgsql.oid.type", 4, false);
		break;
	case 'T':
		be_row_description(c);
		break;
	case 'D':
		for (long long i = num(c, 1, "pgsql.field.count", 2, false); i > 0 && !c->bad; i--)
			value(c, 2);
		break;
	case 'C':
		strz(c, 1, "pgsql.tag");
		break;
	case 'Z':
		num(c, 1, "pgsql.status", 1, false);
		break;
	case 'E':
	case 'N':
		be_error(c);
		break;
	case 'A':
		num(c, 1, "pgsql.pid", 4, false);
		strz(c, 1, "pgsql.condition");
		if (c->end - c->off > 1)
			strz(c, 1, "pgsql.text");
		break;
	case 'G':
	case 'H':
		be_copy(c);
		break;
	case 'd':
		bytes(c, 1, "pgsql.copydata", c->end - c->off);
		break;
	case 'V':
		value(c, 1);
		break;
	case 'v':
		be_negotiate(c);
		break;
	}
}

/* The name of a startup-shaped message (no type byte) from its length and code. */
static const char *untyped_name(uint32_t len, uint32_t code)
{
	if (len == 16 && code == PG_CANCEL)
		return "Cancel request";
	if (len == 8 && code == PG_SSL)
		return "SSL request";
	if (len == 8 && code == PG_GSSENC)
		return "GSS encrypt request";
	if (code == PG_PROTO_3)
		return "Startup message";
	return "Unknown";
}

/* Whether p (n bytes) is the start of a startup, SSL, GSS or cancel request. */
static bool untyped_at(const uint8_t *p, size_t n)
{
	uint32_t len, code;

	if (n < 8 || p[0] != 0)
		return false;
	len = be32(p);
	code = be32(p + 4);
	if (len < 8 || len > PG_LEN_MAX || len < n)
		return false;
	return (code == PG_PROTO_3 && len > 8) || strcmp(untyped_name(len, code), "Unknown") != 0;
}

/*
 * Which side a typed message of body b (k bytes, cut to what is there)
 * comes from: 1 the frontend, -1 the backend, by its type or its shape.
 */
static int side_of(uint8_t type, uint32_t len, const uint8_t *b, size_t k)
{
	bool fe = type_name(fe_types, type), be = type_name(be_types, type);

	if (fe != be)
		return fe ? 1 : -1;
	switch (type) {
	case 'S': /* Sync, or Parameter status */
	case 'H': /* Flush, or CopyOut response */
		return len == 4 ? 1 : -1;
	case 'D': /* Describe 'S' or 'P' and a name, or Data row */
		return k >= 2 && (b[0] == 'S' || b[0] == 'P') && b[k - 1] == 0 &&
			       memchr(b + 1, 0, k - 1) == b + k - 1 ? 1 : -1;
	case 'C': /* Close, or Command completion (an upper-case tag) */
		return k >= 2 && (b[0] == 'S' || b[0] == 'P') &&
			       !(b[1] >= 'A' && b[1] <= 'Z') ? 1 : -1;
	case 'E': /* Execute: a portal name and a 4-byte count; or Error */
		return len >= 9 && k + 4 == len && b[k - 5] == 0 &&
			       memchr(b, 0, k) == b + k - 5 ? 1 : -1;
	}
	return 0;
}

/*
 * Which side the messages in m come from: the socket's role, else a
 * startup request's, else the first typed message that tells.
 */
static bool from_frontend(const struct dis_msg *m)
{
	size_t off = 0;

	if (m->dir != DIS_D_UNKNOWN)
		return m->dir == DIS_D_TO_SERVER;
	if (m->n && m->p[0] == 0)
		return true;
	while (m->n - off >= 5) {
		uint32_t len = be32(m->p + off + 1);
		size_t k = len < 4 ? 0 : len - 4;
		int s;

		if (k > m->n - off - 5)
			k = m->n - off - 5;
		s = side_of(m->p[off], len, m->p + off + 5, k);
		if (s || len < 4 || len > m->n - off - 1)
			return s >= 0;
		off += 1 + len;
	}
	return true;
}

static bool known_type(uint8_t c, enum dis_dir dir)
{
	if (dir != DIS_D_TO_CLIENT && type_name(fe_types, c))
		return true;
	return dir != DIS_D_TO_SERVER && type_name(be_types, c);
}

/*
 * A startup-shaped request, or typed messages of known types whose
 * lengths chain to the end of the data exactly (or past it: cut short).
 */
static bool looks(const struct dis_msg *m)
{
	size_t off = 0;

	if (m->dir != DIS_D_TO_CLIENT && untyped_at(m->p, m->n))
		return true;
	if (m->n < 5)
		return false;
	while (off < m->n) {
		uint32_t len;

		if (m->n - off < 5)
			return off > 0;
		len = be32(m->p + off + 1);
		if (!known_type(m->p[off], m->dir) || len < 4 || len >= PG_LEN_MAX)
			return false;
		if (len > m->n - off - 1)
			return true;
		off += 1 + len;
	}
	return true;
}

/* One message at off; the offset after it, or n when the data ends or it breaks. */
static size_t message(const struct dis_msg *m, struct dis_ptree *t, size_t off, bool fe)
{
	const uint8_t *p = m->p;
	uint8_t type = p[off];
	size_t hdr = type ? 1 : 0, n = m->n;
	struct pg_cur c = { t, p, off, n, false };
	const char *name;
	size_t end;
	uint32_t len;

	if (n - off < hdr + 4) {
		dis_ptree_add(t, 0, NULL, "PostgreSQL", 10, (uint32_t)off, (uint32_t)(n - off));
		dis_ptree_malformed(t, n);
		return n;
	}
	len = be32(p + off + hdr);
	end = len < 4 ? off + hdr + 4 : (size_t)len + hdr > n - off ? n : off + hdr + len;
	dis_ptree_add(t, 0, NULL, "PostgreSQL", 10, (uint32_t)off, (uint32_t)(end - off));
	if (!type)
		name = fe ? untyped_name(len, n - off >= 8 ? be32(p + off + 4) : 0) : NULL;
	else
		name = type_name(fe ? fe_types : be_types, type);
	add(&c, 1, "pgsql.type", name ? name : "Unknown", off, hdr);
	c.off = off + hdr;
	c.end = end;
	num(&c, 1, "pgsql.length", 4, false);
	add(&c, 1, "pgsql.frontend", fe ? "1" : "0", off, 0);
	if (len < 4) {
		dis_ptree_malformed(t, off + hdr);
		return n;
	}
	if (!type && fe)
		untyped(&c);
	else if (fe)
		fe_message(&c, type);
	else
		be_message(&c, type);
	if (c.end == n && (size_t)len + hdr > n - off)
		dis_ptree_malformed(t, n);
	return c.end;
}

static void dissect(const struct dis_msg *m, struct dis_ptree *t)
{
	bool fe = from_frontend(m);
	size_t off = 0;

	while (off < m->n)
		off = message(m, t, off, fe);
}

/*
 * A message: its type byte (none for a startup-shaped request, whose
 * length starts with 0) and the length after it, which counts itself; or
 * the server's one-byte answer to an SSL or GSS request.
 */
static size_t msg_len(const struct dis_msg *m)
{
	size_t hdr = m->p[0] ? 1 : 0;
	uint32_t len;

	if (m->n == 1 && m->dir != DIS_D_TO_SERVER && (m->p[0] == 'S' || m->p[0] == 'N' ||
						       m->p[0] == 'G'))
		return 1;
	if (m->n < hdr + 4)
		return DIS_MORE;
	len = be32(m->p + hdr);
	return len < 4 || len > PG_LEN_MAX ? 0 : hdr + len;
}

const struct dis_proto dis_proto_pgsql = {
	.name = "PGSQL",
	.ports = ports,
	.tcp = true,
	.looks = looks,
	.dissect = dissect,
	.msg_len = msg_len,
	.fields = fields,
};

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Redis: RESP2 (and RESP3's other types) as Wireshark's "resp" dissector
 * names its fields, and a request's command and arguments as text.
 *
 * A message is a run of elements, each a header line ("+OK", ":1", "$5",
 * "*2") ended by CR LF; a bulk string's bytes follow its header, an
 * array's elements follow its own. Several commands in one write (a
 * pipeline) are each a subtree of their own. A line written to a server
 * that starts with no type byte is an inline command ("PING").
 *
 * Malformed, at the byte where it breaks: a message cut short (a header
 * with no line end, a bulk string longer than what is left, an array with
 * fewer elements than it says), a length that is neither -1 nor a
 * plausible size, an integer that is no number, arrays nested deeper than
 * Wireshark recurses.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dis_proto_int.h"
#include "sbuf.h"

/* Arrays nested deeper than this are not dissected (Wireshark's limit too). */
#define MAX_DEPTH 30
/* The largest bulk string Redis takes (proto-max-bulk-len's default). */
#define MAX_BULK (512LL * 1024 * 1024)
/* The most elements an aggregate can claim. */
#define MAX_ELEMENTS 0x7fffffffLL

static const char *const fields[] = {
	"resp.string",	   "resp.error",	"resp.integer",	     "resp.bulk_string.length",
	"resp.bulk_string.value", "resp.array.length", "resp.boolean",
	"resp.double",	   "resp.big_number",	"resp.map.length",   "resp.set.length",
	"resp.push.length", "redis.command",	"redis.args",	     "redis.value",
	NULL,
};

static const uint16_t ports[] = { 6379, 0 };

/*
 * Commands, for the two cases the direction does not settle: a request
 * array on a socket of unknown role, and an inline command.
 */
static const char *const commands[] = {
	"APPEND", "AUTH", "BGSAVE", "BLPOP", "BRPOP", "CLIENT", "CLUSTER", "COMMAND", "CONFIG",
	"DBSIZE", "DECR", "DECRBY", "DEL", "DISCARD", "DUMP", "ECHO", "EVAL", "EVALSHA", "EXEC",
	"EXISTS", "EXPIRE", "EXPIREAT", "FLUSHALL", "FLUSHDB", "GET", "GETDEL", "GETEX", "GETSET",
	"HDEL", "HELLO", "HEXISTS", "HGET", "HGETALL", "HINCRBY", "HKEYS", "HLEN", "HMGET",
	"HMSET", "HSCAN", "HSET", "HSETNX", "HVALS", "INCR", "INCRBY", "INCRBYFLOAT", "INFO",
	"KEYS", "LASTSAVE", "LINDEX", "LINSERT", "LLEN", "LMOVE", "LPOP", "LPUSH", "LRANGE",
	"LREM", "LSET", "LTRIM", "MGET", "MONITOR", "MOVE", "MSET", "MSETNX", "MULTI", "OBJECT",
	"PERSIST", "PEXPIRE", "PING", "PSETEX", "PSUBSCRIBE", "PTTL", "PUBLISH", "PUNSUBSCRIBE",
	"QUIT", "RANDOMKEY", "RENAME", "RENAMENX", "RESET", "RPOP", "RPOPLPUSH", "RPUSH", "SADD",
	"SAVE", "SCAN", "SCARD", "SCRIPT", "SDIFF", "SELECT", "SET", "SETEX", "SETNX", "SHUTDOWN",
	"SINTER", "SISMEMBER", "SLAVEOF", "SLOWLOG", "SMEMBERS", "SMOVE", "SPOP", "SREM", "SSCAN",
	"STRLEN", "SUBSCRIBE", "SUNION", "SWAPDB", "TIME", "TOUCH", "TTL", "TYPE", "UNLINK",
	"UNSUBSCRIBE", "UNWATCH", "WAIT", "WATCH", "XACK", "XADD", "XDEL", "XLEN", "XRANGE",
	"XREAD", "XREADGROUP", "ZADD", "ZCARD", "ZCOUNT", "ZINCRBY", "ZRANGE", "ZRANGEBYSCORE",
	"ZRANK", "ZREM", "ZREVRANGE", "ZSCAN", "ZSCORE", NULL,
};

static bool is_command(const uint8_t *p, size_t n)
{
	for (const char *const *c = commands; *c; c++)
		if (strlen(*c) == n && strncasecmp((const char *)p, *c, n) == 0)
			return true;
	return false;
}

/*
 * The line from off: *end is where its text ends (before CR LF, or a lone
 * LF), *next the byte after it. False if it has no line end.
 */
static bool line_at(const uint8_t *p, size_t n, size_t off, size_t *end, size_t *next)
{
	const uint8_t *nl = off < n ? memchr(p + off, '\n', n - off) : NULL;

	if (!nl)
		return false;
	*next = (size_t)(nl - p) + 1;
	*end = (size_t)(nl - p);
	if (*end > off && p[*end - 1] == '\r')
		(*end)--;
	return true;
}

/*
 * The decimal number from a to b: an optional sign and 1 to 18 digits,
 * nothing else. *v is what it reads as (strtoll's way, the digits before
 * anything else) even when it is not one.
 */
static bool number(const uint8_t *p, size_t a, size_t b, long long *v)
{
	bool neg = false;
	size_t i = a, k = 0;

	*v = 0;
	if (i < b && (p[i] == '-' || p[i] == '+'))
		neg = p[i++] == '-';
	for (; i < b && p[i] >= '0' && p[i] <= '9' && k < 18; i++, k++)
		*v = *v * 10 + (p[i] - '0');
	if (neg)
		*v = -*v;
	return k > 0 && i == b;
}

/* A RESP3 big number: an optional sign and any number of digits. */
static bool big_number(const uint8_t *p, size_t a, size_t b)
{
	if (a < b && (p[a] == '-' || p[a] == '+'))
		a++;
	if (a == b)
		return false;
	for (; a < b; a++)
		if (p[a] < '0' || p[a] > '9')
			return false;
	return true;
}

struct ctx {
	const uint8_t *p;
	size_t n;
	struct dis_ptree *t;
	bool stop;    /* the rest cannot be followed */
	bool request; /* the top-level element is a request: an array is a command */
};

/* What an element turned out to be, for its array: a bulk string's bytes. */
struct elem {
	bool bulk;
	size_t off, len;
};

static void add(struct ctx *c, unsigned int depth, const char *field, const char *text,
		size_t len, size_t off, size_t n)
{
	dis_ptree_add(c->t, depth, field, text, len, (uint32_t)off, (uint32_t)n);
}

static void add_num(struct ctx *c, unsigned int depth, const char *field, long long v,
		    size_t off, size_t n)
{
	char num[24];
	int k = snprintf(num, sizeof(num), "%lld", v);

	add(c, depth, field, num, (size_t)k, off, n);
}

static size_t element(struct ctx *c, size_t off, unsigned int depth, unsigned int nest,
		      struct elem *el);

/* An aggregate: an array (or a RESP3 set, push or map) from off, its header to hend. */
static size_t aggregate(struct ctx *c, size_t off, size_t hend, size_t next, unsigned int depth,
			unsigned int nest, bool command)
{
	static const struct {
		char type;
		const char *name, *field;
		unsigned int per; /* elements per entry */
	} kinds[] = {
		{ '*', "Array", "resp.array.length", 1 },
		{ '~', "Set", "resp.set.length", 1 },
		{ '>', "Push", "resp.push.length", 1 },
		{ '%', "Map", "resp.map.length", 2 },
	};
	unsigned int k = 0;
	long long count, i;
	bool num = number(c->p, off + 1, hend, &count);
	char label[48];
	int ll;

	while (kinds[k].type != (char)c->p[off])
		k++;
	if (!num || count < -1 || count > MAX_ELEMENTS)
		ll = snprintf(label, sizeof(label), "%s: bad length", kinds[k].name);
	else if (count <= 0)
		ll = snprintf(label, sizeof(label), "%s: %s", kinds[k].name,
			      count < 0 ? "NULL" : "Empty");
	else
		ll = snprintf(label, sizeof(label), "%s: Length %lld", kinds[k].name, count);
	add(c, depth, NULL, label, (size_t)ll, off, next - off);
	add_num(c, depth + 1, kinds[k].field, count, off, next - off);
	if (!num || count < -1 || count > MAX_ELEMENTS) {
		dis_ptree_malformed(c->t, off);
		c->stop = true;
		return next;
	}
	if (count > 0 && nest > MAX_DEPTH) {
		dis_ptree_malformed(c->t, off);
		c->stop = true;
		return next;
	}
	count *= kinds[k].per;
	off = next;
	for (i = 0; i < count && !c->stop; i++) {
		struct elem el = { 0 };

		if (off >= c->n) { /* fewer elements than it says */
			dis_ptree_malformed(c->t, c->n);
			c->stop = true;
			break;
		}
		off = element(c, off, depth + 1, nest + 1, &el);
		if (!command || !el.bulk) {
			command = false;
			continue;
		}
		if (i == 0) {
			char name[32];
			size_t len = el.len < sizeof(name) ? el.len : sizeof(name) - 1;

			for (size_t j = 0; j < len; j++) {
				uint8_t b = c->p[el.off + j];

				name[j] = (char)(b >= 'a' && b <= 'z' ? b - 32 : b);
			}
			add(c, depth + 1, "redis.command", name, len, el.off, el.len);
		} else {
			add(c, depth + 1, "redis.args", (const char *)c->p + el.off, el.len, el.off,
			    el.len);
		}
	}
	return off;
}

/* A bulk string (or a RESP3 bulk error or verbatim string) from off. */
static size_t bulk(struct ctx *c, size_t off, size_t hend, size_t next, unsigned int depth,
		   struct elem *el)
{
	long long len;
	bool num = number(c->p, off + 1, hend, &len);
	size_t have = c->n - next, take;
	struct sbuf s;

	sbuf_init(&s);
	if (!num || len < 0 || len > MAX_BULK) {
		sbuf_puts(&s, len == -1 && num ? "Bulk String: [NULL]" : "Bulk String: bad length");
		add(c, depth, NULL, s.s, s.len, off, next - off);
		/* the length as Wireshark's 32-bit field holds it */
		add_num(c, depth + 1, "resp.bulk_string.length", (int)len, off, next - off);
		sbuf_fini(&s);
		if (len != -1 || !num) {
			dis_ptree_malformed(c->t, off);
			c->stop = true;
		}
		return next;
	}
	take = (unsigned long long)len < have ? (size_t)len : have;
	sbuf_puts(&s, "Bulk String: ");
	sbuf_put(&s, c->p + next, take);
	add(c, depth, NULL, s.s, s.len, off, next + take - off);
	add_num(c, depth + 1, "resp.bulk_string.length", len, off, next - off);
	el->bulk = true;
	el->off = next;
	el->len = take;
	if (take) {
		dis_ptree_add_hex(c->t, depth + 1, "resp.bulk_string.value", c->p, (uint32_t)next,
				  (uint32_t)take);
		add(c, depth + 1, "redis.value", (const char *)c->p + next, take, next, take);
	}
	sbuf_fini(&s);
	if (take < (size_t)len || have - take < 2) { /* cut short: lies, or the snap length */
		dis_ptree_malformed(c->t, c->n);
		c->stop = true;
		return c->n;
	}
	if (c->p[next + take] != '\r' || c->p[next + take + 1] != '\n')
		dis_ptree_malformed(c->t, next + take);
	return next + take + 2;
}

/* An inline command: words split by blanks, from off to its line's end. */
static void inline_command(struct ctx *c, size_t off, size_t hend, size_t next,
			   unsigned int depth)
{
	struct sbuf s;
	size_t i = off;
	bool first = true;

	sbuf_init(&s);
	sbuf_puts(&s, "Inline Command: ");
	sbuf_put(&s, c->p + off, hend - off);
	add(c, depth, NULL, s.s, s.len, off, next - off);
	sbuf_fini(&s);
	while (i < hend) {
		size_t a;

		for (; i < hend && (c->p[i] == ' ' || c->p[i] == '\t'); i++)
			;
		for (a = i; i < hend && c->p[i] != ' ' && c->p[i] != '\t'; i++)
			;
		if (a == i)
			break;
		if (first) {
			char name[32];
			size_t len = i - a < sizeof(name) ? i - a : sizeof(name) - 1;

			for (size_t j = 0; j < len; j++) {
				uint8_t b = c->p[a + j];

				name[j] = (char)(b >= 'a' && b <= 'z' ? b - 32 : b);
			}
			add(c, depth + 1, "redis.command", name, len, a, i - a);
			first = false;
		} else {
			add(c, depth + 1, "redis.args", (const char *)c->p + a, i - a, a, i - a);
		}
	}
}

/*
 * The element from off at tree depth depth, inside nest arrays; returns
 * where the next one starts. A top-level array is a command when
 * c->request says the element is a request.
 */
static size_t element(struct ctx *c, size_t off, unsigned int depth, unsigned int nest,
		      struct elem *el)
{
	size_t hend, next;
	long long v;

	if (!line_at(c->p, c->n, off, &hend, &next)) { /* a header cut short */
		add(c, depth, NULL, "[cut short]", 11, off, c->n - off);
		dis_ptree_malformed(c->t, c->n);
		c->stop = true;
		return c->n;
	}
	if (hend == off) /* an empty line: skipped, as Wireshark does */
		return next;
	switch (c->p[off]) {
	case '+':
		add(c, depth, "resp.string", (const char *)c->p + off + 1, hend - off - 1, off,
		    next - off);
		break;
	case '-':
		add(c, depth, "resp.error", (const char *)c->p + off + 1, hend - off - 1, off,
		    next - off);
		break;
	case ':':
		if (!number(c->p, off + 1, hend, &v))
			dis_ptree_malformed(c->t, off);
		add_num(c, depth, "resp.integer", v, off, next - off);
		break;
	case '(':
		if (!big_number(c->p, off + 1, hend))
			dis_ptree_malformed(c->t, off);
		add(c, depth, "resp.big_number", (const char *)c->p + off + 1, hend - off - 1, off,
		    next - off);
		break;
	case ',':
		add(c, depth, "resp.double", (const char *)c->p + off + 1, hend - off - 1, off,
		    next - off);
		break;
	case '#':
		if (hend - off != 2 || (c->p[off + 1] != 't' && c->p[off + 1] != 'f')) {
			dis_ptree_malformed(c->t, off);
			add(c, depth, NULL, "Boolean: bad value", 18, off, next - off);
			break;
		}
		add(c, depth, "resp.boolean", c->p[off + 1] == 't' ? "true" : "false",
		    c->p[off + 1] == 't' ? 4 : 5, off + 1, 1);
		break;
	case '_':
		if (hend - off != 1)
			dis_ptree_malformed(c->t, off);
		add(c, depth, NULL, "Null", 4, off, next - off);
		break;
	case '$':
	case '!':
	case '=':
		return bulk(c, off, hend, next, depth, el);
	case '*':
	case '~':
	case '>':
	case '%': {
		bool cmd = c->request && nest == 0 && c->p[off] == '*';

		return aggregate(c, off, hend, next, depth, nest, cmd);
	}
	default:
		add(c, depth, NULL, "Fragment", 8, off, next - off);
		break;
	}
	return next;
}

/* A RESP type byte. */
static bool typed(uint8_t b)
{
	return b && strchr("+-:$*_#,(!=%~>", b) != NULL;
}

/* Whether the line from off to hend is an inline command a server would take. */
static bool inline_line(const uint8_t *p, size_t off, size_t hend)
{
	size_t i;

	for (i = off; i < hend; i++)
		if (p[i] < 0x20 || p[i] >= 0x7f)
			return false;
	for (i = off; i < hend && p[i] != ' '; i++)
		;
	if (!is_command(p + off, i - off))
		return false;
	/* an HTTP request line (GET / HTTP/1.1) is HTTP's */
	for (i = off; i + 7 <= hend; i++)
		if (memcmp(p + i, " HTTP/1", 7) == 0)
			return false;
	return true;
}

/*
 * Whether the request direction holds for the top-level array at off:
 * written to a server; or, with no role known, when its first element
 * names a command.
 */
static bool is_request(const struct dis_msg *m, size_t off)
{
	size_t hend, next, e2, n2;
	long long len;

	if (m->dir != DIS_D_UNKNOWN)
		return m->dir == DIS_D_TO_SERVER;
	if (!line_at(m->p, m->n, off, &hend, &next) ||
	    !line_at(m->p, m->n, next, &e2, &n2) || m->p[next] != '$' ||
	    !number(m->p, next + 1, e2, &len) || len < 1 || (size_t)len > m->n - n2)
		return false;
	return is_command(m->p + n2, (size_t)len);
}

static void dissect(const struct dis_msg *m, struct dis_ptree *t)
{
	struct ctx c = { m->p, m->n, t, false, false };
	size_t off = 0;

	add(&c, 0, NULL, "REdis Serialization Protocol", 28, 0, m->n);
	while (off < m->n && !c.stop) {
		struct elem el = { 0 };
		size_t hend, next;

		if (m->dir == DIS_D_TO_SERVER && !typed(m->p[off]) &&
		    line_at(m->p, m->n, off, &hend, &next) && hend > off) {
			inline_command(&c, off, hend, next, 1);
			off = next;
			continue;
		}
		c.request = m->p[off] == '*' && is_request(m, off);
		off = element(&c, off, 1, 0, &el);
	}
}

/* A header line a message can start with, whole, with its CR LF. */
static bool looks(const struct dis_msg *m)
{
	const uint8_t *p = m->p;
	size_t hend, next, i;
	long long v;

	if (m->n && m->dir == DIS_D_TO_SERVER && !typed(p[0]) && line_at(p, m->n, 0, &hend, &next))
		return inline_line(p, 0, hend) && hend > 0;
	if (m->n < 3 || !p[0] || !strchr("+-:$*", p[0]) || !line_at(p, m->n, 0, &hend, &next) ||
	    hend + 2 != next || hend > 512)
		return false;
	for (i = 1; i < hend; i++)
		if (p[i] < 0x20 || p[i] >= 0x7f)
			return false;
	switch (p[0]) {
	case '+':
		return hend > 1;
	case '-': /* ERR, WRONGTYPE, NOAUTH, ...: a word in capitals */
		return hend > 2 && p[1] >= 'A' && p[1] <= 'Z' && p[2] >= 'A' && p[2] <= 'Z';
	case ':':
		return number(p, 1, hend, &v);
	case '$':
		return number(p, 1, hend, &v) && v >= -1 && v <= MAX_BULK;
	default: /* '*': and what follows, if anything, is an element */
		return number(p, 1, hend, &v) && v >= -1 && v <= MAX_ELEMENTS &&
		       (next == m->n || v <= 0 || typed(p[next]));
	}
}

/*
 * The end of the element at off, inside nest aggregates: past n when it
 * needs more bytes (DIS_MORE when inside an aggregate or how many is not
 * known), 0 when it cannot be followed.
 */
static size_t element_end(const uint8_t *p, size_t n, size_t off, unsigned int nest)
{
	static const char per[] = { ['*'] = 1, ['~'] = 1, ['>'] = 1, ['%'] = 2 };
	size_t hend, next;
	long long v, i;

	if (!line_at(p, n, off, &hend, &next))
		return DIS_MORE;
	if (hend == off || !p[off] || !strchr("$!=*~>%", p[off]))
		return next;
	if (!number(p, off + 1, hend, &v) || v < -1)
		return 0;
	if (p[off] == '$' || p[off] == '!' || p[off] == '=') {
		if (v > MAX_BULK)
			return 0;
		return v < 0 ? next : next + (size_t)v + 2;
	}
	if (v > MAX_ELEMENTS || (v > 0 && nest >= MAX_DEPTH))
		return 0;
	v *= per[p[off]];
	for (i = 0; i < v; i++) {
		next = element_end(p, n, next, nest + 1);
		if (!next)
			return 0;
		if (next > n)
			return DIS_MORE;
	}
	return next;
}

/* A whole element, or an inline command's line. */
static size_t msg_len(const struct dis_msg *m)
{
	return element_end(m->p, m->n, 0, 0);
}

const struct dis_proto dis_proto_redis = {
	.name = "RESP",
	.ports = ports,
	.tcp = true,
	.looks = looks,
	.dissect = dissect,
	.msg_len = msg_len,
	.fields = fields,
};

// SPDX-License-Identifier: GPL-2.0-only
/*
 * DNS over UDP (a message per datagram) and TCP (each message after its
 * 2-byte length): the header, the questions and the resource records, with
 * Wireshark's field names and values as tshark prints them. A name's
 * pointers must each go back before the last, so a loop of pointers ends
 * as malformed where it turns.
 */
#include <stdio.h>
#include <string.h>

#include "dis_fmt.h"
#include "dis_proto_int.h"

static const char *const fields[] = {
	"dns.length",	     "dns.id",		  "dns.flags.response",	 "dns.flags.opcode",
	"dns.flags.rcode",   "dns.count.queries", "dns.count.answers",	 "dns.count.auth_rr",
	"dns.count.add_rr",  "dns.qry.name",	  "dns.qry.type",	 "dns.qry.class",
	"dns.resp.name",     "dns.resp.type",	  "dns.resp.class",	 "dns.resp.ttl",
	"dns.resp.len",	     "dns.a",		  "dns.aaaa",		 "dns.cname",
	"dns.ns",	     "dns.ptr.domain_name", "dns.mx.mail_exchange", "dns.txt",
	NULL,
};

static const uint16_t ports[] = { 53, 5353, 0 };

enum { T_A = 1, T_NS = 2, T_CNAME = 5, T_PTR = 12, T_MX = 15, T_TXT = 16, T_AAAA = 28,
       T_OPT = 41 };

static const char *type_name(unsigned int type)
{
	static const struct {
		unsigned int type;
		const char *name;
	} names[] = {
		{ T_A, "A" },	{ T_NS, "NS" },	  { T_CNAME, "CNAME" }, { 6, "SOA" },
		{ T_PTR, "PTR" }, { T_MX, "MX" },   { T_TXT, "TXT" },	  { T_AAAA, "AAAA" },
		{ 33, "SRV" },	{ T_OPT, "OPT" }, { 64, "SVCB" },	  { 65, "HTTPS" },
		{ 255, "ANY" },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].type == type)
			return names[i].name;
	return "Unknown";
}

/* One message: its bytes, and where they start in the data the tree names. */
struct msg {
	const uint8_t *p;
	size_t n, base; /* over TCP, its length is the 2 bytes before base */
	bool tcp;
	struct dis_ptree *t;
};

static unsigned int u16(const uint8_t *p)
{
	return (unsigned int)p[0] << 8 | p[1];
}

static void add(const struct msg *m, unsigned int depth, const char *field, const char *text,
		size_t off, size_t len)
{
	dis_ptree_add(m->t, depth, field, text, strlen(text), (uint32_t)(m->base + off),
		      (uint32_t)len);
}

/* A number as tshark prints it: in decimal, or in hex of 4 digits. */
static void add_num(const struct msg *m, unsigned int depth, const char *field, bool hex,
		    unsigned long v, size_t off, size_t len)
{
	char s[24];

	snprintf(s, sizeof(s), hex ? "0x%04lx" : "%lu", v);
	add(m, depth, field, s, off, len);
}

static void malformed(const struct msg *m, size_t off)
{
	dis_ptree_malformed(m->t, m->base + off);
}

/*
 * The name at off, dotted ("<Root>" for the root), into out; *next is set
 * past its bytes where it stands. False if it breaks: *next is then the
 * byte where it does.
 */
static bool name_at(const struct msg *m, size_t off, char *out, size_t cap, size_t *next)
{
	size_t pos = off, low = off, len = 0;
	bool jumped = false;

	for (;;) {
		unsigned int c;

		if (pos >= m->n) {
			*next = m->n;
			return false;
		}
		c = m->p[pos];
		if (c == 0) {
			if (!jumped)
				*next = pos + 1;
			break;
		}
		if ((c & 0xc0) == 0xc0) {
			size_t to;

			if (pos + 1 >= m->n) {
				*next = m->n;
				return false;
			}
			to = (c & 0x3f) << 8 | m->p[pos + 1];
			if (to >= low) { /* forward, or a loop */
				*next = pos;
				return false;
			}
			if (!jumped)
				*next = pos + 2;
			jumped = true;
			low = pos = to;
			continue;
		}
		if (c & 0xc0 || len + c + 1 >= cap) { /* a label type not known, a name too long */
			*next = pos;
			return false;
		}
		if (pos + 1 + c > m->n) {
			*next = m->n;
			return false;
		}
		if (len)
			out[len++] = '.';
		memcpy(out + len, m->p + pos + 1, c);
		len += c;
		pos += 1 + c;
	}
	if (len)
		out[len] = '\0';
	else
		snprintf(out, cap, "<Root>");
	return true;
}

/* A question at *off: its name, type and class; false if it breaks. */
static bool question(const struct msg *m, size_t *off)
{
	char name[256], label[300];
	size_t at = *off, end;
	unsigned int type;

	bool ok = name_at(m, at, name, sizeof(name), &end);

	if (!ok || end + 4 > m->n) {
		malformed(m, ok ? m->n : end);
		return false;
	}
	type = u16(m->p + end);
	snprintf(label, sizeof(label), "%s: type %s, class %s", name, type_name(type),
		 u16(m->p + end + 2) == 1 ? "IN" : "other");
	add(m, 2, NULL, label, at, end + 4 - at);
	add(m, 3, "dns.qry.name", name, at, end - at);
	add_num(m, 3, "dns.qry.type", false, type, end, 2);
	add_num(m, 3, "dns.qry.class", true, u16(m->p + end + 2), end + 2, 2);
	*off = end + 4;
	return true;
}

/* The field of a record's data, and its value in v, for the types with one; else NULL. */
static const char *rdata(const struct msg *m, unsigned int type, size_t off, size_t len,
			 struct sbuf *v)
{
	char name[256];
	size_t end;

	switch (type) {
	case T_A:
		if (len != 4)
			return NULL;
		dis_fmt_ipv4(v, m->p + off);
		return "dns.a";
	case T_AAAA:
		if (len != 16)
			return NULL;
		dis_fmt_ipv6(v, m->p + off);
		return "dns.aaaa";
	case T_CNAME:
	case T_NS:
	case T_PTR:
	case T_MX:
		if (type == T_MX && len < 3)
			return NULL;
		if (!name_at(m, type == T_MX ? off + 2 : off, name, sizeof(name), &end) ||
		    end > off + len) {
			malformed(m, end > off + len ? off + len : end);
			return NULL;
		}
		sbuf_puts(v, name);
		return type == T_CNAME ? "dns.cname" :
		       type == T_NS    ? "dns.ns" :
		       type == T_PTR   ? "dns.ptr.domain_name" :
					 "dns.mx.mail_exchange";
	case T_TXT:
		if (!len || (size_t)m->p[off] + 1 > len)
			return NULL;
		sbuf_put(v, m->p + off + 1, m->p[off]);
		return "dns.txt";
	}
	return NULL;
}

/* A resource record at *off; false if it breaks. */
static bool record(const struct msg *m, size_t *off)
{
	char name[256];
	size_t at = *off, end, len;
	unsigned int type;
	const char *field;
	struct sbuf v, label;
	bool ok = name_at(m, at, name, sizeof(name), &end);

	if (!ok || end + 10 > m->n) {
		malformed(m, ok ? m->n : end);
		return false;
	}
	type = u16(m->p + end);
	len = u16(m->p + end + 8);
	if (end + 10 + len > m->n) {
		malformed(m, m->n);
		return false;
	}
	sbuf_init(&v);
	sbuf_init(&label);
	field = rdata(m, type, end + 10, len, &v);
	sbuf_printf(&label, "%s: type %s%s%s", name, type_name(type), field ? ", " : "",
		    field ? v.s : "");
	add(m, 2, NULL, label.s, at, end + 10 + len - at);
	add(m, 3, "dns.resp.name", name, at, end - at);
	add_num(m, 3, "dns.resp.type", false, type, end, 2);
	if (type != T_OPT) { /* an OPT's class and TTL are its payload size and flags */
		add_num(m, 3, "dns.resp.class", true, u16(m->p + end + 2), end + 2, 2);
		add_num(m, 3, "dns.resp.ttl", false,
			(unsigned long)u16(m->p + end + 4) << 16 | u16(m->p + end + 6), end + 4, 4);
	}
	add_num(m, 3, "dns.resp.len", false, len, end + 8, 2);
	if (field)
		add(m, 3, field, v.s, end + 10, len);
	sbuf_fini(&v);
	sbuf_fini(&label);
	*off = end + 10 + len;
	return true;
}

/* The header's counts; the sections' labels. */
static const struct {
	const char *field, *section;
} counts[] = {
	{ "dns.count.queries", "Queries" },
	{ "dns.count.answers", "Answers" },
	{ "dns.count.auth_rr", "Authoritative nameservers" },
	{ "dns.count.add_rr", "Additional records" },
};

static void message(const struct msg *m)
{
	unsigned int flags = u16(m->p + 2), k;
	size_t off = 12;
	char label[64];

	add(m, 0, NULL, flags & 0x8000 ? "Domain Name System (response)" :
					 "Domain Name System (query)", 0, m->n);
	if (m->tcp)
		add_num(m, 1, "dns.length", false, m->n, (size_t)-2, 2);
	add_num(m, 1, "dns.id", true, u16(m->p), 0, 2);
	snprintf(label, sizeof(label), "Flags: 0x%04x", flags);
	add(m, 1, NULL, label, 2, 2);
	add_num(m, 2, "dns.flags.response", false, flags >> 15, 2, 2);
	add_num(m, 2, "dns.flags.opcode", false, flags >> 11 & 15, 2, 2);
	if (flags & 0x8000)
		add_num(m, 2, "dns.flags.rcode", false, flags & 15, 2, 2);
	for (k = 0; k < 4; k++)
		add_num(m, 1, counts[k].field, false, u16(m->p + 4 + 2 * k), 4 + 2 * k, 2);
	for (k = 0; k < 4; k++) {
		unsigned int i, c = u16(m->p + 4 + 2 * k);

		if (!c)
			continue;
		add(m, 1, NULL, counts[k].section, off, 0);
		for (i = 0; i < c; i++)
			if (!(k == 0 ? question(m, &off) : record(m, &off)))
				return;
	}
}

/* Whether a message's header and first question look like DNS's. */
static bool looks_msg(const uint8_t *p, size_t n)
{
	struct msg m = { p, n, 0, false, NULL };
	unsigned int flags, qd, cls;
	char name[256];
	size_t end;

	if (n < 17)
		return false;
	flags = u16(p + 2);
	qd = u16(p + 4);
	if ((flags >> 11 & 15) > 6 || (flags & 0x0040) || qd < 1 || qd > 4 || u16(p + 6) > 256 ||
	    u16(p + 8) > 256 || u16(p + 10) > 256)
		return false;
	if (!name_at(&m, 12, name, sizeof(name), &end) || end + 4 > n)
		return false;
	cls = u16(p + end + 2) & 0x7fff;
	return cls == 1 || cls == 3 || cls == 4 || cls == 254 || cls == 255;
}

/* Whether the data is DNS over TCP: each message after its length, the first whole or cut. */
static bool framed(const struct dis_msg *m)
{
	return m->n >= 2 && u16(m->p) >= 12 && looks_msg(m->p + 2, m->n - 2);
}

/* A message alone: over UDP, or over TCP read after its length. */
static bool looks(const struct dis_msg *m)
{
	return looks_msg(m->p, m->n) || framed(m);
}

static void dissect(const struct dis_msg *dm, struct dis_ptree *t)
{
	size_t off = 0;

	if (!framed(dm) || (dm->tr != DIS_T_TCP && looks_msg(dm->p, dm->n))) {
		struct msg m = { dm->p, dm->n, 0, false, t };

		if (m.n < 12) {
			add(&m, 0, NULL, "Domain Name System", 0, m.n);
			malformed(&m, m.n);
			return;
		}
		message(&m);
		return;
	}
	while (off + 2 <= dm->n && t->malformed < 0) { /* each message after its length */
		size_t len = u16(dm->p + off), have = dm->n - off - 2;
		struct msg m = { dm->p + off + 2, len < have ? len : have, off + 2, true, t };

		if (len < 12 || have < 12) {
			dis_ptree_add(t, 0, NULL, "Domain Name System", 18, (uint32_t)off,
				      (uint32_t)(dm->n - off));
			dis_ptree_malformed(t, len < 12 ? off : dm->n);
			return;
		}
		message(&m);
		if (len > have) /* cut short */
			dis_ptree_malformed(t, dm->n);
		off += 2 + len;
	}
	if (off < dm->n)
		dis_ptree_malformed(t, off);
}

/* Over TCP, a message after its 2-byte length; a datagram is whole. */
static size_t msg_len(const struct dis_msg *m)
{
	if (m->tr != DIS_T_TCP)
		return 0;
	return m->n < 2 ? DIS_MORE : 2 + (size_t)u16(m->p);
}

const struct dis_proto dis_proto_dns = {
	.name = "DNS",
	.ports = ports,
	.tcp = true,
	.udp = true,
	.looks = looks,
	.dissect = dissect,
	.msg_len = msg_len,
	.fields = fields,
};

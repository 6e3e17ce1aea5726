// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PostgreSQL dissector: which bytes it claims, each field's values as
 * tshark gives them, the messages of one write each in a tree of their
 * own, the direction guessed when the socket does not tell it, and the
 * byte where a message cut short or lying about its length breaks.
 */
#include "dis_harness.h"

/* A message of the bytes of a string literal, NULs and all. */
#define MSG(s, dir) { (const uint8_t *)(s), sizeof(s) - 1, DIS_T_TCP, (dir), false }

static const struct dis_proto *find(const struct dis_msg *m, uint16_t port)
{
	return dis_proto_find(m, 40000, port);
}

static bool claimed(const struct dis_msg *m)
{
	const struct dis_proto *d = find(m, 0);

	return d && strcmp(d->name, "PGSQL") == 0;
}

/* Dissects m as PostgreSQL; false if the registry does not find it to be. */
static bool dissect(const struct dis_msg *m)
{
	const struct dis_proto *d = find(m, 5432);

	if (!d || strcmp(d->name, "PGSQL") != 0)
		return false;
	dis_ptree_dissect(&t, d, m);
	return true;
}

/* Dissects m as PostgreSQL, whatever its bytes look like. */
static void run(const struct dis_msg *m)
{
	dissect_as("PGSQL", m);
}

static unsigned int roots(void)
{
	unsigned int k = 0;

	for (size_t i = 0; i < t.count; i++)
		k += t.n[i].depth == 0;
	return k;
}

static const char startup[] = "\0\0\0\x23\0\3\0\0user\0postgres\0database\0db\0\0";
static const char query[] = "Q\0\0\0\x0dSELECT 1\0";
static const char reply[] = "T\0\0\0\x1a\0\1v\0\0\0\0\0\0\0\0\0\0\x17\0\4\xff\xff\xff\xff\0\0"
			    "D\0\0\0\x0f\0\2\0\0\0\1\x37\xff\xff\xff\xff"
			    "C\0\0\0\x0dSELECT 1\0Z\0\0\0\5I";
static const char extended[] = "P\0\0\0\x11\0SELECT $1\0\0\0"
			       "B\0\0\0\x13\0\0\0\0\0\1\0\0\0\1\x37\0\1\0\0"
			       "D\0\0\0\6P\0E\0\0\0\x09\0\0\0\0\0S\0\0\0\4";
static const char error[] = "E\0\0\0\x29SERROR\0VERROR\0C42P01\0Mno such table\0\0";

static void check_detection(void)
{
	struct dis_msg s = MSG(startup, DIS_D_UNKNOWN), q = MSG(query, DIS_D_UNKNOWN),
		       r = MSG(reply, DIS_D_UNKNOWN);
	struct dis_msg ssl = MSG("\0\0\0\x08\x04\xd2\x16\x2f", DIS_D_UNKNOWN);
	struct dis_msg http = MSG("GET / HTTP/1.1\r\nHost: a\r\n\r\n", DIS_D_UNKNOWN);
	struct dis_msg post = MSG("POST /x HTTP/1.1\r\n", DIS_D_UNKNOWN);
	struct dis_msg tls = MSG("\x16\x03\x01\x00\x05\x01\x00\x00\x01\x00", DIS_D_UNKNOWN);
	struct dis_msg redis = MSG("*1\r\n$4\r\nPING\r\n", DIS_D_UNKNOWN);
	struct dis_msg text = MSG("Some text that is not a protocol at all\n", DIS_D_UNKNOWN);
	struct dis_msg chain = MSG("Z\0\0\0\5IxZ\0\0\0\5I", DIS_D_UNKNOWN);
	struct dis_msg cut = MSG("D\0\0\1\0\0\2\0\0", DIS_D_UNKNOWN);

	CHECK(claimed(&s) && claimed(&q) && claimed(&r) && claimed(&ssl));
	CHECK(claimed(&cut));
	CHECK(find(&http, 5432) && strcmp(find(&http, 5432)->name, "HTTP") == 0);
	CHECK(!claimed(&post) && !claimed(&tls) && !claimed(&redis) && !claimed(&text));
	CHECK(find(&text, 5432) == NULL && find(&tls, 5432) == NULL);
	/* a byte between the messages breaks the chain */
	CHECK(!claimed(&chain));
	/* a backend's type in a write to the server */
	r.dir = DIS_D_TO_SERVER;
	CHECK(!claimed(&r));
	CHECK(dis_proto_of_field("pgsql.val.data") != NULL);
}

static void check_startup(void)
{
	struct dis_msg s = MSG(startup, DIS_D_UNKNOWN);
	struct dis_msg cancel = MSG("\0\0\0\x10\x04\xd2\x16\x2e\0\0\1\0\0\0\0\x07", DIS_D_TO_SERVER);
	const struct dis_pnode *n;

	CHECK(dissect(&s));
	CHECK_STR(values("pgsql.type"), "Startup message");
	CHECK_STR(values("pgsql.length"), "35");
	CHECK_STR(values("pgsql.frontend"), "1");
	CHECK_STR(values("pgsql.version_major"), "3");
	CHECK_STR(values("pgsql.version_minor"), "0");
	CHECK_STR(values("pgsql.parameter_name"), "user,database");
	CHECK_STR(values("pgsql.parameter_value"), "postgres,db");
	CHECK(t.malformed == -1);
	n = node("pgsql.type", 0);
	CHECK(n && n->off == 0 && n->len == 0);
	n = node("pgsql.parameter_value", 0); /* the string and its NUL */
	CHECK(n && n->off == 13 && n->len == 9);

	CHECK(dissect(&cancel));
	CHECK_STR(values("pgsql.type"), "Cancel request");
	CHECK_STR(values("pgsql.pid"), "256");
	CHECK_STR(values("pgsql.key"), "7");
}

static void check_simple(void)
{
	struct dis_msg q = MSG(query, DIS_D_UNKNOWN), r = MSG(reply, DIS_D_UNKNOWN);
	struct dis_msg e = MSG(error, DIS_D_UNKNOWN);
	const struct dis_pnode *n;

	CHECK(dissect(&q));
	CHECK_STR(values("pgsql.type"), "Simple query");
	CHECK_STR(values("pgsql.query"), "SELECT 1");
	CHECK_STR(values("pgsql.frontend"), "1");

	CHECK(dissect(&r));
	CHECK(roots() == 4);
	CHECK_STR(values("pgsql.type"), "Row description,Data row,Command completion,"
					"Ready for query");
	CHECK_STR(values("pgsql.length"), "26,15,13,5");
	CHECK_STR(values("pgsql.frontend"), "0,0,0,0");
	CHECK_STR(values("pgsql.field.count"), "1,2");
	CHECK_STR(values("pgsql.col.name"), "v");
	CHECK_STR(values("pgsql.oid.type"), "23");
	CHECK_STR(values("pgsql.col.typemod"), "-1");
	CHECK_STR(values("pgsql.val.length"), "4,1,-1");
	CHECK_STR(values("pgsql.val.data"), "37");
	CHECK_STR(values("pgsql.tag"), "SELECT 1");
	CHECK_STR(values("pgsql.status"), "73");
	CHECK(t.malformed == -1);
	n = node("pgsql.val.data", 0);
	CHECK(n && n->off == 27 + 11 && n->len == 1);
	n = node("pgsql.status", 0);
	CHECK(n && n->off == sizeof(reply) - 2 && n->len == 1);

	CHECK(dissect(&e));
	CHECK_STR(values("pgsql.type"), "Error");
	CHECK_STR(values("pgsql.severity"), "ERROR");
	CHECK_STR(values("pgsql.text"), "ERROR");
	CHECK_STR(values("pgsql.code"), "42P01");
	CHECK_STR(values("pgsql.message"), "no such table");
	n = node("pgsql.code", 0); /* from the code byte to the NUL */
	CHECK(n && n->off == 19 && n->len == 7);
}

static void check_extended(void)
{
	struct dis_msg x = MSG(extended, DIS_D_UNKNOWN);
	struct dis_msg auth = MSG("R\0\0\0\x0c\0\0\0\5\x01\x02\xab\xff", DIS_D_UNKNOWN);
	struct dis_msg sync = MSG("S\0\0\0\4", DIS_D_UNKNOWN);
	struct dis_msg status = MSG("S\0\0\0\x08" "a\0b\0Z\0\0\0\5T", DIS_D_UNKNOWN);

	CHECK(dissect(&x));
	CHECK(roots() == 5);
	CHECK_STR(values("pgsql.type"), "Parse,Bind,Describe,Execute,Sync");
	CHECK_STR(values("pgsql.frontend"), "1,1,1,1,1");
	CHECK_STR(values("pgsql.statement"), ",");
	CHECK_STR(values("pgsql.query"), "SELECT $1");
	CHECK_STR(values("pgsql.portal"), ",,");
	CHECK_STR(values("pgsql.val.length"), "1");
	CHECK_STR(values("pgsql.val.data"), "37");
	CHECK_STR(values("pgsql.format"), "0");
	CHECK_STR(values("pgsql.returns"), "0");
	CHECK(t.malformed == -1);

	CHECK(dissect(&auth));
	CHECK_STR(values("pgsql.type"), "Authentication request");
	CHECK_STR(values("pgsql.authtype"), "5");
	CHECK_STR(values("pgsql.salt"), "0102abff");
	/* the same type byte, by shape: Sync from the client, status from the server */
	CHECK(dissect(&sync));
	CHECK_STR(values("pgsql.type"), "Sync");
	CHECK(dissect(&status));
	CHECK_STR(values("pgsql.type"), "Parameter status,Ready for query");
	CHECK_STR(values("pgsql.parameter_value"), "b");
	/* the socket's role tells it */
	status.dir = DIS_D_TO_CLIENT;
	sync.dir = DIS_D_TO_CLIENT;
	CHECK(dissect(&sync));
	CHECK_STR(values("pgsql.type"), "Parameter status");
	CHECK(t.malformed == 5);
}

static void check_malformed(void)
{
	struct dis_msg cut = MSG("C\0\0\0\x0dSELECT 1\0Z\0\0\0\5I" "D\0\0\0\x30\0\1\0\0\0\x28" "ab",
				 DIS_D_TO_CLIENT);
	struct dis_msg low = MSG("Z\0\0\0\5IZ\0\0\0\2I", DIS_D_TO_CLIENT);
	struct dis_msg nonul = MSG("Q\0\0\0\x08" "abc", DIS_D_TO_SERVER);
	struct dis_msg inside = MSG("C\0\0\0\x06" "ab" "Z\0\0\0\5I", DIS_D_TO_CLIENT);
	struct dis_msg huge = MSG("D\0\0\0\x0e\xff\xff\0\0\0\4" "abcd", DIS_D_TO_CLIENT);
	struct dis_msg ctl = MSG("Q\0\0\0\x0b\x1b[2J\nx\0", DIS_D_TO_SERVER);
	struct dis_msg head = MSG("Z\0\0", DIS_D_TO_CLIENT);

	/* a Data row cut short: the messages before are whole */
	run(&cut);
	CHECK_STR(values("pgsql.type"), "Command completion,Ready for query,Data row");
	CHECK_STR(values("pgsql.val.length"), "40");
	CHECK_STR(values("pgsql.val.data"), "");
	CHECK(t.malformed == (int64_t)cut.n);
	/* a length below 4: malformed at it */
	run(&low);
	CHECK_STR(values("pgsql.status"), "73");
	CHECK(t.malformed == 7);
	/* a string with no NUL */
	run(&nonul);
	CHECK_STR(values("pgsql.query"), "");
	CHECK(t.malformed == (int64_t)nonul.n);
	/* a string that overruns its message: it breaks at the message's end */
	run(&inside);
	CHECK_STR(values("pgsql.type"), "Command completion,Ready for query");
	CHECK(t.malformed == 7);
	CHECK_STR(values("pgsql.status"), "73");
	/* a huge count stops at the end of the data */
	run(&huge);
	CHECK_STR(values("pgsql.field.count"), "65535");
	CHECK_STR(values("pgsql.val.data"), "61626364");
	CHECK(t.malformed == (int64_t)huge.n);
	/* control bytes are dots */
	run(&ctl);
	CHECK_STR(values("pgsql.query"), ".[2J.x");
	/* a header cut short */
	run(&head);
	CHECK(t.malformed == 3);
	for (size_t i = 0; i < t.count; i++)
		CHECK(t.n[i].off + t.n[i].len <= head.n);
}

int main(void)
{
	dis_harness_init();
	check_detection();
	check_startup();
	check_simple();
	check_extended();
	check_malformed();
	dis_harness_fini();
	return h_done();
}

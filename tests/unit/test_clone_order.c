// SPDX-License-Identifier: GPL-2.0-only
/*
 * The order a fork's events arrive in: a child can run, and exec, and even
 * exit, before its parent's clone returns (vfork). Whatever the order, and
 * whether or not the child was already in the process list of the
 * capture's start, the child has the name of what it executed and its
 * parent as parent, and once it has exited, the parent's late exit does
 * not bring it back. Each case is written as a capture and read back
 * through a replay.
 */
#define _GNU_SOURCE /* mkstemp */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eng_fields.h"
#include "eng_replay.h"
#include "harness.h"
#include "sbuf.h"
#include "schema.h"
#include "sf_encode.h"
#include "sf_reader.h"
#include "sf_writer.h"

#define PARENT 100
#define CHILD 101

/* One parameter given a value by name; the others are empty or zero. */
struct pv {
	const char *name;
	const char *str; /* a string, or NULL for num */
	int64_t num;
};

static void put_le(struct sbuf *b, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		sbuf_putc(b, (char)(v >> (8 * i)));
}

static uint16_t exit_type(const char *name)
{
	uint16_t t, found = 0;

	if (strcmp(name, "procexit") == 0)
		return EV_PROCEXIT_1_E; /* one direction only */
	for (t = 1; t < EV_MAX; t += 2) /* exits are odd; the newest layout wins */
		if (strcmp(ev_table[t].name, name) == 0)
			found = t;
	return found;
}

static const struct pv *value_of(const char *name, const struct pv *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

/* Writes exit event `name` of tid, its parameters from v. */
static int event(struct sf_writer *w, uint64_t ts, int64_t tid, const char *name,
		 const struct pv *v, size_t nv, struct diag *d)
{
	uint16_t type = exit_type(name);
	const struct ev_info *info = &ev_table[type];
	struct sbuf vals, b;
	uint32_t lens[EV_MAX_PARAMS];
	int rc;

	sbuf_init(&vals);
	sbuf_init(&b);
	for (unsigned int i = 0; i < info->nparams; i++) {
		const struct pv *p = value_of(info->params[i].name, v, nv);
		int size = ev_pt_table[info->params[i].type].size;
		size_t at = vals.len;

		if (size > 0)
			put_le(&vals, p ? (uint64_t)p->num : 0, size);
		else if (p && p->str)
			sbuf_put(&vals, p->str, strlen(p->str) + 1);
		else if (info->params[i].type != EV_PT_BYTEBUF)
			sbuf_putc(&vals, '\0');
		lens[i] = (uint32_t)(vals.len - at);
	}
	put_le(&b, 0, 2); /* cpu */
	put_le(&b, ts, 8);
	put_le(&b, (uint64_t)tid, 8);
	put_le(&b, 26 + 2 * info->nparams + vals.len, 4);
	put_le(&b, type, 2);
	put_le(&b, info->nparams, 4);
	for (unsigned int i = 0; i < info->nparams; i++)
		put_le(&b, lens[i], 2);
	sbuf_put(&b, vals.s, vals.len);
	rc = sf_writer_block(w, SF_BT_EV_V2, b.s, (uint32_t)b.len, d);
	sbuf_fini(&vals);
	sbuf_fini(&b);
	return rc;
}

static struct buf_str str(const char *s)
{
	return (struct buf_str){ s, (uint16_t)strlen(s) };
}

/* The process list: the parent shell, and the child if listed. */
static int proc_list(struct sf_writer *w, bool with_child, struct diag *d)
{
	struct sf_proc p = { .pid = PARENT, .tid = PARENT, .ptid = 1, .comm = str("sh"),
			     .exe = str("sh"), .exepath = str("/usr/bin/sh"), .args = str(""),
			     .cwd = str("/"), .fdlimit = 1024, .vtid = PARENT, .vpid = PARENT,
			     .pgid = -1 };
	struct sbuf b;
	int rc;

	sbuf_init(&b);
	sf_section_encode(&b);
	rc = sf_writer_block(w, SF_BT_SHB, b.s, (uint32_t)b.len, d);
	sbuf_reset(&b);
	sf_proc_encode(&b, &p);
	if (with_child) {
		p.tid = p.pid = p.vtid = p.vpid = CHILD;
		p.ptid = PARENT;
		sf_proc_encode(&b, &p);
	}
	if (!rc)
		rc = sf_writer_block(w, SF_BT_PL_V9, b.s, (uint32_t)b.len, d);
	sbuf_fini(&b);
	return rc;
}

enum order { PARENT_FIRST, CHILD_FIRST, EXEC_BEFORE_PARENT, EXIT_BEFORE_PARENT };

/*
 * A capture where PARENT forks CHILD, which executes cat and then calls
 * getuid once; the three exits come in the given order. With
 * EXIT_BEFORE_PARENT, the child exits before its parent's clone returns,
 * and the parent then calls getuid.
 */
static void write_fork(const char *path, bool listed, enum order order)
{
	const struct pv parent_x[] = { { "res", NULL, CHILD }, { "comm", "sh", 0 },
				       { "exe", "sh", 0 }, { "tid", NULL, PARENT },
				       { "pid", NULL, PARENT }, { "ptid", NULL, 1 },
				       { "vtid", NULL, PARENT }, { "vpid", NULL, PARENT } };
	const struct pv child_x[] = { { "res", NULL, 0 }, { "comm", "sh", 0 },
				      { "exe", "sh", 0 }, { "tid", NULL, CHILD },
				      { "pid", NULL, CHILD }, { "ptid", NULL, PARENT },
				      { "vtid", NULL, CHILD }, { "vpid", NULL, CHILD } };
	const struct pv exec_x[] = { { "res", NULL, 0 }, { "comm", "cat", 0 },
				     { "exe", "/usr/bin/cat", 0 }, { "tid", NULL, CHILD },
				     { "pid", NULL, CHILD }, { "ptid", NULL, PARENT } };
	const struct pv getuid_x[] = { { "res", NULL, 0 } };
	uint64_t ts = 1700000000000000000ull;
	struct diag d = { 0 };
	struct sf_writer *w = sf_writer_open(path, &d);
	int rc;

	CHECK(w != NULL);
	if (!w)
		return;
	rc = proc_list(w, listed, &d);
	if (!rc && order == PARENT_FIRST)
		rc = event(w, ts++, PARENT, "clone", parent_x, 8, &d);
	if (!rc)
		rc = event(w, ts++, CHILD, "clone", child_x, 8, &d);
	if (!rc && order == CHILD_FIRST)
		rc = event(w, ts++, PARENT, "clone", parent_x, 8, &d);
	if (!rc)
		rc = event(w, ts++, CHILD, "execve", exec_x, 6, &d);
	if (!rc && order == EXEC_BEFORE_PARENT)
		rc = event(w, ts++, PARENT, "clone", parent_x, 8, &d);
	if (!rc)
		rc = event(w, ts++, CHILD, "getuid", getuid_x, 1, &d);
	if (!rc && order == EXIT_BEFORE_PARENT)
		rc = event(w, ts++, CHILD, "procexit", NULL, 0, &d) ||
		     event(w, ts++, PARENT, "clone", parent_x, 8, &d) ||
		     event(w, ts++, PARENT, "getuid", getuid_x, 1, &d);
	CHECK(sf_writer_close(w, rc ? NULL : &d) == 0 && rc == 0);
}

static void field(const char *name, const struct eng_replay *r, const struct eng_evt *e,
		  struct sbuf *out)
{
	struct eng_fref fr;

	sbuf_reset(out);
	if (!eng_field_lookup(name, &fr, NULL) || !eng_field_extract(&fr, out, &r->state, e))
		sbuf_puts(out, "<NA>");
}

/* The child's name and parent at its last event (getuid). */
static void check_fork(const char *path, bool listed, enum order order)
{
	struct eng_replay *r;
	struct eng_evt e;
	struct sbuf name, ppid;
	bool seen = false;

	write_fork(path, listed, order);
	r = eng_replay_open(path, NULL);
	CHECK(r != NULL);
	sbuf_init(&name);
	sbuf_init(&ppid);
	while (r && eng_replay_next(r, &e, NULL) > 0) {
		if (e.ev.tid != CHILD || strcmp(ev_table[e.ev.type].name, "getuid") != 0)
			continue;
		field("proc.name", r, &e, &name);
		field("proc.ppid", r, &e, &ppid);
		seen = true;
	}
	CHECK(seen);
	/* gone once it has exited: the state has no thread the parent's late exit made */
	if (r && order == EXIT_BEFORE_PARENT)
		CHECK(eng_state_thread(&r->state, CHILD) == NULL);
	if (seen) {
		if (strcmp(name.s, "cat") != 0 || strcmp(ppid.s, "100") != 0)
			fprintf(stderr, "listed %d, order %d:\n", listed, order);
		CHECK_STR(name.s, "cat");
		CHECK_STR(ppid.s, "100");
	}
	sbuf_fini(&name);
	sbuf_fini(&ppid);
	eng_replay_free(r);
}

int main(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/clone_order_XXXXXX", dir && *dir ? dir : "/tmp");
	fd = mkstemp(path);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	close(fd);
	for (int listed = 0; listed < 2; listed++)
		for (int order = PARENT_FIRST; order <= EXIT_BEFORE_PARENT; order++)
			check_fork(path, listed, (enum order)order);
	unlink(path);
	return h_done();
}

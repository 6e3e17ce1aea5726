// SPDX-License-Identifier: GPL-2.0-only
/*
 * Snapshot format (all little-endian):
 *   u32 magic 'SNP7'
 *   u64 tid_to_remove, u32 next exited slot, ENG_EXITED_N (u64 tid, u64 ts),
 *   u8 have_machine, machine info
 *   u32 nfdtabs, then each: u32 nfds, then each fd with the messages it gathers
 *   u32 nthreads, then each thread with the index of its fd table (or ~0)
 *   u32 nusers, users; u32 ngroups, groups; u32 ncontainers, containers
 *   u32 nifaddrs, then each: u8 length, 16 address bytes
 *   u32 ncpus, then each: u64 time of its last switch event
 * Shared fd tables are written once and shared again on load.
 */
#include "eng_snap.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dis_proto.h"
#include "eng_state_int.h"
#include "schema.h"
#include "xalloc.h"

#define SNAP_MAGIC 0x38504e53u /* "SNP8" */
#define NO_TABLE UINT32_MAX

static void put_u8(struct sbuf *o, uint8_t v)
{
	sbuf_putc(o, (char)v);
}

static void put_u32(struct sbuf *o, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

	sbuf_put(o, b, 4);
}

static void put_u64(struct sbuf *o, uint64_t v)
{
	put_u32(o, (uint32_t)v);
	put_u32(o, (uint32_t)(v >> 32));
}

static void put_bytes(struct sbuf *o, const void *p, uint32_t n)
{
	put_u32(o, n);
	sbuf_put(o, p, n);
}

static void put_str(struct sbuf *o, const char *s)
{
	put_bytes(o, s ? s : "", s ? (uint32_t)strlen(s) : 0);
}

static void put_fd(struct sbuf *o, const struct eng_fd *f)
{
	put_u64(o, (uint64_t)f->fd);
	put_u8(o, f->type);
	put_u8(o, f->l4proto);
	put_u8(o, f->role);
	put_u32(o, f->open_flags);
	put_u64(o, f->ino);
	put_u32(o, f->dev);
	sbuf_put(o, f->sip, 16);
	sbuf_put(o, f->dip, 16);
	put_u32(o, (uint32_t)f->sport << 16 | f->dport);
	put_u8(o, f->flags);
	put_str(o, f->name);
	put_str(o, f->name_raw);
	for (int k = 0; k < 2; k++) {
		const struct eng_reasm *r = f->reasm[k];

		put_u8(o, r != NULL);
		if (!r)
			continue;
		put_u8(o, r->proto);
		put_u32(o, r->events);
		put_u64(o, r->first);
		put_u64(o, r->skip);
		put_bytes(o, r->buf.s, (uint32_t)r->buf.len);
	}
}

static void put_thread(struct sbuf *o, const struct eng_thread *t, uint32_t table)
{
	put_u64(o, (uint64_t)t->tid);
	put_u64(o, (uint64_t)t->pid);
	put_u64(o, (uint64_t)t->ptid);
	put_u64(o, (uint64_t)t->sid);
	put_u64(o, (uint64_t)t->vpgid);
	put_u64(o, (uint64_t)t->vtid);
	put_u64(o, (uint64_t)t->vpid);
	put_str(o, t->container_id);
	put_u8(o, t->category);
	put_str(o, t->comm);
	put_str(o, t->exe);
	put_str(o, t->exepath);
	put_str(o, t->cwd);
	put_str(o, t->root);
	put_bytes(o, t->args.p, t->args.len);
	put_bytes(o, t->env.p, t->env.len);
	put_bytes(o, t->cgroups.p, t->cgroups.len);
	put_u64(o, (uint64_t)t->fdlimit);
	put_u32(o, t->flags);
	put_u32(o, t->uid);
	put_u32(o, t->gid);
	put_u32(o, t->loginuid);
	put_u64(o, (uint64_t)t->pgid);
	put_u32(o, t->tty);
	put_u32(o, t->exe_flags);
	put_u64(o, t->cap_inheritable);
	put_u64(o, t->cap_permitted);
	put_u64(o, t->cap_effective);
	put_u64(o, t->exe_ino);
	put_u64(o, t->exe_ino_ctime);
	put_u64(o, t->exe_ino_mtime);
	put_u64(o, t->pidns_init_start_ts);
	put_u64(o, t->exe_ino_ctime_to_clone);
	put_u64(o, t->exe_ino_ctime_from_pidns);
	put_u32(o, t->vmsize_kb);
	put_u32(o, t->vmrss_kb);
	put_u32(o, t->vmswap_kb);
	put_u64(o, t->pfmajor);
	put_u64(o, t->pfminor);
	put_u64(o, t->cpu_usr);
	put_u64(o, t->cpu_sys);
	put_u64(o, t->cpu_usr_prev);
	put_u64(o, t->cpu_sys_prev);
	put_u64(o, t->clone_ts);
	put_u64(o, t->totexectime);
	put_u32(o, table);
	put_bytes(o, t->enter, t->enter_type == EV_MAX ? 0 : t->enter_len);
	put_u32(o, t->enter_type);
	put_u8(o, t->enter_v1);
	put_u64(o, t->enter_num);
	put_u64(o, (uint64_t)t->lastevent_fd);
	put_u64(o, t->enter_ts);
	put_u64(o, t->latency);
}

static void put_labels(struct sbuf *o, const struct eng_label *l, uint32_t n)
{
	uint32_t i;

	put_u32(o, n);
	for (i = 0; i < n; i++) {
		put_str(o, l[i].name);
		put_str(o, l[i].value);
	}
}

static void put_container(struct sbuf *o, const struct eng_container *c)
{
	uint32_t i;

	put_str(o, c->id);
	put_str(o, c->name);
	put_str(o, c->image);
	put_str(o, c->imageid);
	put_str(o, c->imagerepo);
	put_str(o, c->imagetag);
	put_str(o, c->imagedigest);
	put_str(o, c->cni_json);
	put_str(o, c->sandbox_id);
	put_str(o, c->full_id);
	put_u32(o, (uint32_t)c->type);
	put_u32(o, c->flags);
	sbuf_put(o, c->ip, sizeof(c->ip));
	put_u32(o, c->nmounts);
	for (i = 0; i < c->nmounts; i++) {
		put_str(o, c->mounts[i].source);
		put_str(o, c->mounts[i].dest);
		put_str(o, c->mounts[i].mode);
		put_str(o, c->mounts[i].propagation);
		put_u8(o, c->mounts[i].rdwr);
	}
	put_labels(o, c->labels, c->nlabels);
	put_labels(o, c->pod_labels, c->npod_labels);
	for (i = 0; i < ENG_PROBE_N; i++)
		put_bytes(o, c->probes[i].p, c->probes[i].len);
}

static void put_users(struct sbuf *o, const struct hmap *m)
{
	size_t i = 0;
	uint64_t k;
	void *v;

	put_u32(o, (uint32_t)m->count);
	while (hmap_next(m, &i, &k, &v)) {
		const struct eng_user *u = v;

		put_u32(o, u->id);
		put_u32(o, u->gid);
		put_str(o, u->name);
		put_str(o, u->home);
		put_str(o, u->shell);
	}
}

void eng_snap_save(const struct eng_state *s, struct sbuf *out)
{
	struct hmap tables; /* fdtab pointer -> index + 1 */
	struct eng_fdtab **list = NULL;
	size_t i = 0, j, ntables = 0;
	uint64_t k;
	void *v;

	hmap_init(&tables);
	while (hmap_next(&s->threads, &i, &k, &v)) {
		struct eng_thread *t = v;

		if (t->fdtab && !hmap_get(&tables, (uintptr_t)t->fdtab)) {
			list = xreallocarray(list, ntables + 1, sizeof(*list));
			list[ntables++] = t->fdtab;
			hmap_put(&tables, (uintptr_t)t->fdtab, (void *)(uintptr_t)ntables);
		}
	}
	put_u32(out, SNAP_MAGIC);
	put_u64(out, (uint64_t)s->tid_to_remove);
	put_u32(out, s->exited_next);
	for (j = 0; j < ENG_EXITED_N; j++) {
		put_u64(out, (uint64_t)s->exited_tid[j]);
		put_u64(out, s->exited_ts[j]);
	}
	put_u8(out, s->have_machine);
	put_u32(out, s->machine.num_cpus);
	put_u64(out, s->machine.memory_bytes);
	put_str(out, s->machine.hostname);
	put_u64(out, s->machine.boot_ts);
	put_u32(out, (uint32_t)ntables);
	for (j = 0; j < ntables; j++) {
		put_u32(out, (uint32_t)list[j]->fds.count);
		for (i = 0; hmap_next(&list[j]->fds, &i, &k, &v);)
			put_fd(out, v);
	}
	put_u32(out, (uint32_t)s->threads.count);
	for (i = 0; hmap_next(&s->threads, &i, &k, &v);) {
		struct eng_thread *t = v;
		uintptr_t idx = t->fdtab ? (uintptr_t)hmap_get(&tables, (uintptr_t)t->fdtab) : 0;

		put_thread(out, t, idx ? (uint32_t)(idx - 1) : NO_TABLE);
	}
	put_users(out, &s->users);
	put_users(out, &s->groups);
	put_u32(out, (uint32_t)s->containers.count);
	for (i = 0; hmap_next(&s->containers, &i, &k, &v);)
		put_container(out, v);
	put_u32(out, s->nifaddrs);
	for (j = 0; j < s->nifaddrs; j++) {
		put_u8(out, s->ifaddrs[j].len);
		sbuf_put(out, s->ifaddrs[j].addr, sizeof(s->ifaddrs[j].addr));
	}
	put_u32(out, s->nswitch_ts);
	for (j = 0; j < s->nswitch_ts; j++)
		put_u64(out, s->switch_ts[j]);
	free(list);
	hmap_fini(&tables);
}

/* ---- loading ---- */

static uint64_t get_u64(struct buf_cur *c)
{
	uint64_t v = 0;

	buf_get_u64(c, &v);
	return v;
}

static uint32_t get_u32(struct buf_cur *c)
{
	uint32_t v = 0;

	buf_get_u32(c, &v);
	return v;
}

static uint8_t get_u8(struct buf_cur *c)
{
	uint8_t v = 0;

	buf_get_u8(c, &v);
	return v;
}

/* A length-prefixed string, copied; NULL (sticky error) if short. */
static char *get_str(struct buf_cur *c, uint32_t *len)
{
	uint32_t n = get_u32(c);
	const uint8_t *p = buf_take(c, n);

	if (!p)
		return NULL;
	if (len)
		*len = n;
	return xstrndup((const char *)p, n);
}

static void set_str(char **dst, struct buf_cur *c)
{
	char *s = get_str(c, NULL);

	if (s) {
		free(*dst);
		*dst = s;
	}
}

static void set_blob(struct eng_blob *b, struct buf_cur *c)
{
	uint32_t n = 0;
	char *s = get_str(c, &n);

	if (s) {
		free(b->p);
		b->p = s;
		b->len = n;
	}
}

static struct eng_fd *get_fd(struct buf_cur *c)
{
	struct eng_fd *f = xcalloc(1, sizeof(*f));
	const uint8_t *ip;
	uint32_t ports;

	f->fd = (int64_t)get_u64(c);
	f->type = get_u8(c);
	f->l4proto = get_u8(c);
	f->role = get_u8(c);
	f->open_flags = get_u32(c);
	f->ino = get_u64(c);
	f->dev = get_u32(c);
	if ((ip = buf_take(c, 16)))
		memcpy(f->sip, ip, 16);
	if ((ip = buf_take(c, 16)))
		memcpy(f->dip, ip, 16);
	ports = get_u32(c);
	f->sport = (uint16_t)(ports >> 16);
	f->dport = (uint16_t)ports;
	f->flags = get_u8(c);
	f->name = get_str(c, NULL);
	if (!f->name)
		f->name = xstrdup("");
	f->name_raw = get_str(c, NULL);
	for (int k = 0; k < 2; k++) {
		struct eng_reasm *r;
		uint32_t n;
		size_t nprotos;

		if (!get_u8(c))
			continue;
		r = f->reasm[k] = xcalloc(1, sizeof(*r));
		r->proto = get_u8(c);
		r->events = get_u32(c);
		r->first = get_u64(c);
		r->skip = get_u64(c);
		sbuf_init(&r->buf);
		n = get_u32(c);
		if ((ip = buf_take(c, n)))
			sbuf_put(&r->buf, ip, n);
		dis_protos(&nprotos);
		if (r->proto >= nprotos) { /* no protocol of this build */
			r->proto = 0;
			c->err = true;
		}
	}
	return f;
}

static void get_users(struct buf_cur *c, struct eng_state *s, uint8_t kind)
{
	uint32_t n = get_u32(c), i;

	for (i = 0; i < n && !c->err; i++) {
		struct sf_user u = { .kind = kind };
		char *name, *home, *shell;

		u.uid = u.gid = get_u32(c);
		u.gid = get_u32(c);
		if (kind)
			u.gid = u.uid;
		name = get_str(c, NULL);
		home = get_str(c, NULL);
		shell = get_str(c, NULL);
		u.name = (struct buf_str){ name ? name : "", (uint16_t)(name ? strlen(name) : 0) };
		u.home = (struct buf_str){ home ? home : "", (uint16_t)(home ? strlen(home) : 0) };
		u.shell = (struct buf_str){ shell ? shell : "", (uint16_t)(shell ? strlen(shell) : 0) };
		if (!c->err)
			eng_user_put(s, &u);
		free(name);
		free(home);
		free(shell);
	}
}

/* A string that is never NULL: empty where the snapshot is cut short. */
static char *get_str0(struct buf_cur *c)
{
	char *str = get_str(c, NULL);

	return str ? str : xstrdup("");
}

static struct eng_label *get_labels(struct buf_cur *c, uint32_t *n)
{
	struct eng_label *l = NULL;
	uint32_t count = get_u32(c), cap = 0;

	/* grown as entries come, so that a forged count allocates nothing */
	for (*n = 0; *n < count && !c->err; (*n)++) {
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			l = xreallocarray(l, cap, sizeof(*l));
		}
		l[*n].name = get_str0(c);
		l[*n].value = get_str0(c);
	}
	return l;
}

static void get_container(struct buf_cur *c, struct eng_state *s)
{
	struct eng_container *ct = xcalloc(1, sizeof(*ct));
	char *id = get_str0(c);
	const uint8_t *ip;
	uint32_t n, cap = 0, i;

	snprintf(ct->id, sizeof(ct->id), "%s", id);
	free(id);
	ct->name = get_str0(c);
	ct->image = get_str0(c);
	ct->imageid = get_str0(c);
	ct->imagerepo = get_str0(c);
	ct->imagetag = get_str0(c);
	ct->imagedigest = get_str0(c);
	ct->cni_json = get_str0(c);
	ct->sandbox_id = get_str0(c);
	ct->full_id = get_str0(c);
	ct->type = (int32_t)get_u32(c);
	ct->flags = get_u32(c);
	if ((ip = buf_take(c, sizeof(ct->ip))))
		memcpy(ct->ip, ip, sizeof(ct->ip));
	n = get_u32(c);
	for (; ct->nmounts < n && !c->err; ct->nmounts++) {
		struct eng_mount *m;

		if (ct->nmounts == cap) {
			cap = cap ? 2 * cap : 4;
			ct->mounts = xreallocarray(ct->mounts, cap, sizeof(*ct->mounts));
		}
		m = &ct->mounts[ct->nmounts];
		m->source = get_str0(c);
		m->dest = get_str0(c);
		m->mode = get_str0(c);
		m->propagation = get_str0(c);
		m->rdwr = get_u8(c) != 0;
	}
	ct->labels = get_labels(c, &ct->nlabels);
	ct->pod_labels = get_labels(c, &ct->npod_labels);
	for (i = 0; i < ENG_PROBE_N; i++) {
		set_blob(&ct->probes[i], c);
		/* a probe holds at least its executable's name and NUL */
		if (ct->probes[i].len && ct->probes[i].p[ct->probes[i].len - 1]) {
			free(ct->probes[i].p);
			ct->probes[i] = (struct eng_blob){ NULL, 0 };
		}
	}
	eng_container_add(s, ct);
}

int eng_snap_load(struct eng_state *s, const void *p, size_t n)
{
	struct eng_fdtab **tables = NULL;
	struct buf_cur c;
	uint32_t ntables, nthreads, i, j;
	char *host;

	buf_init(&c, p, n);
	if (get_u32(&c) != SNAP_MAGIC)
		return -EINVAL;
	s->tid_to_remove = (int64_t)get_u64(&c);
	s->exited_next = get_u32(&c) % ENG_EXITED_N;
	for (i = 0; i < ENG_EXITED_N; i++) {
		s->exited_tid[i] = (int64_t)get_u64(&c);
		s->exited_ts[i] = get_u64(&c);
	}
	s->have_machine = get_u8(&c);
	s->machine.num_cpus = get_u32(&c);
	s->machine.memory_bytes = get_u64(&c);
	host = get_str(&c, NULL);
	if (host) {
		snprintf(s->machine.hostname, sizeof(s->machine.hostname), "%s", host);
		free(host);
	}
	s->machine.boot_ts = get_u64(&c);
	ntables = get_u32(&c);
	if (ntables > n)
		goto bad;
	tables = xcalloc(ntables + 1, sizeof(*tables));
	for (i = 0; i < ntables && !c.err; i++) {
		uint32_t nfds = get_u32(&c);

		tables[i] = eng_fdtab_new();
		for (j = 0; j < nfds && !c.err; j++)
			eng_fd_put(tables[i], get_fd(&c));
	}
	nthreads = get_u32(&c);
	for (i = 0; i < nthreads && !c.err; i++) {
		struct eng_thread *t = eng_thread_new((int64_t)get_u64(&c));
		uint32_t table, enter_len = 0;
		char *cid, *enter;

		t->pid = (int64_t)get_u64(&c);
		t->ptid = (int64_t)get_u64(&c);
		t->sid = (int64_t)get_u64(&c);
		t->vpgid = (int64_t)get_u64(&c);
		t->vtid = (int64_t)get_u64(&c);
		t->vpid = (int64_t)get_u64(&c);
		cid = get_str(&c, NULL);
		if (cid) {
			snprintf(t->container_id, sizeof(t->container_id), "%s", cid);
			free(cid);
		}
		t->category = get_u8(&c);
		set_str(&t->comm, &c);
		set_str(&t->exe, &c);
		set_str(&t->exepath, &c);
		set_str(&t->cwd, &c);
		set_str(&t->root, &c);
		set_blob(&t->args, &c);
		set_blob(&t->env, &c);
		set_blob(&t->cgroups, &c);
		t->fdlimit = (int64_t)get_u64(&c);
		t->flags = get_u32(&c);
		t->uid = get_u32(&c);
		t->gid = get_u32(&c);
		t->loginuid = get_u32(&c);
		t->pgid = (int64_t)get_u64(&c);
		t->tty = get_u32(&c);
		t->exe_flags = get_u32(&c);
		t->cap_inheritable = get_u64(&c);
		t->cap_permitted = get_u64(&c);
		t->cap_effective = get_u64(&c);
		t->exe_ino = get_u64(&c);
		t->exe_ino_ctime = get_u64(&c);
		t->exe_ino_mtime = get_u64(&c);
		t->pidns_init_start_ts = get_u64(&c);
		t->exe_ino_ctime_to_clone = get_u64(&c);
		t->exe_ino_ctime_from_pidns = get_u64(&c);
		t->vmsize_kb = get_u32(&c);
		t->vmrss_kb = get_u32(&c);
		t->vmswap_kb = get_u32(&c);
		t->pfmajor = get_u64(&c);
		t->pfminor = get_u64(&c);
		t->cpu_usr = get_u64(&c);
		t->cpu_sys = get_u64(&c);
		t->cpu_usr_prev = get_u64(&c);
		t->cpu_sys_prev = get_u64(&c);
		t->clone_ts = get_u64(&c);
		t->totexectime = get_u64(&c);
		table = get_u32(&c);
		enter = get_str(&c, &enter_len);
		t->enter_type = (uint16_t)get_u32(&c);
		t->enter_v1 = get_u8(&c);
		t->enter_num = get_u64(&c);
		t->lastevent_fd = (int64_t)get_u64(&c);
		t->enter_ts = get_u64(&c);
		t->latency = get_u64(&c);
		if (enter && enter_len) {
			t->enter = (uint8_t *)enter;
			t->enter_len = t->enter_cap = enter_len;
		} else {
			free(enter);
			t->enter_type = EV_MAX;
		}
		if (table != NO_TABLE && table < ntables) {
			t->fdtab = tables[table];
			t->fdtab->refs++;
		}
		eng_thread_put(s, t);
	}
	get_users(&c, s, 0);
	get_users(&c, s, 1);
	for (i = get_u32(&c); i > 0 && !c.err; i--)
		get_container(&c, s);
	for (i = get_u32(&c); i > 0 && !c.err; i--) {
		uint8_t len = get_u8(&c);
		const uint8_t *addr = buf_take(&c, 16);

		if (addr && (len == 4 || len == 16))
			eng_state_add_ifaddr(s, addr, len);
		else
			c.err = true;
	}
	/* CPU numbers are 16-bit */
	s->nswitch_ts = get_u32(&c);
	if (s->nswitch_ts > UINT16_MAX + 1u)
		c.err = true;
	else if (s->nswitch_ts)
		s->switch_ts = xcalloc(s->nswitch_ts, sizeof(*s->switch_ts));
	for (i = 0; i < s->nswitch_ts && !c.err; i++)
		s->switch_ts[i] = get_u64(&c);
	/* the tables were created with one reference each: drop it */
	for (i = 0; i < ntables; i++)
		eng_fdtab_unref(tables[i]);
	free(tables);
	if (c.err)
		goto bad;
	return 0;
bad:
	eng_state_reset(s);
	return -EINVAL;
}

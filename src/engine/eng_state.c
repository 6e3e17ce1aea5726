// SPDX-License-Identifier: GPL-2.0-only
/*
 * State tables: threads, their shared fd tables, users and groups, filled
 * from a capture's state blocks. Event handlers are in eng_parse.c.
 */
#define _GNU_SOURCE
#include "eng_state.h"
#include "eng_rules.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dis_fmt.h"
#include "eng_state_int.h"
#include "sbuf.h"
#include "schema.h"
#include "xalloc.h"

/* ---- small helpers ---- */

static char *dup_buf(const struct buf_str *s)
{
	return xstrndup(s->p ? s->p : "", s->len);
}

void eng_blob_set(struct eng_blob *b, const void *p, uint32_t len)
{
	free(b->p);
	b->p = xmalloc(len + 1);
	if (len)
		memcpy(b->p, p, len);
	b->p[len] = 0;
	b->len = len;
}

void eng_str_set(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s ? s : "");
}

struct eng_fdtab *eng_fdtab_new(void)
{
	struct eng_fdtab *ft = xcalloc(1, sizeof(*ft));

	hmap_init(&ft->fds);
	ft->refs = 1;
	return ft;
}

void eng_fd_fini(struct eng_fd *f)
{
	free(f->name);
	free(f->name_raw);
	eng_reasm_free(f->reasm[0]);
	eng_reasm_free(f->reasm[1]);
}

void eng_fd_copy(struct eng_fd *dst, const struct eng_fd *src)
{
	*dst = *src;
	dst->name = xstrdup(src->name);
	dst->name_raw = src->name_raw ? xstrdup(src->name_raw) : NULL;
	dst->reasm[0] = dst->reasm[1] = NULL; /* a stream's messages stay with its first fd */
}

void eng_fd_free(struct eng_fd *f)
{
	if (!f)
		return;
	eng_fd_fini(f);
	free(f);
}

void eng_fdtab_unref(struct eng_fdtab *ft)
{
	size_t i = 0;
	uint64_t k;
	void *v;

	if (!ft || --ft->refs)
		return;
	while (hmap_next(&ft->fds, &i, &k, &v))
		eng_fd_free(v);
	hmap_fini(&ft->fds);
	free(ft);
}

struct eng_fdtab *eng_fdtab_copy(const struct eng_fdtab *src)
{
	struct eng_fdtab *ft = eng_fdtab_new();
	size_t i = 0;
	uint64_t k;
	void *v;

	while (src && hmap_next(&src->fds, &i, &k, &v)) {
		struct eng_fd *f = xmalloc(sizeof(*f));

		eng_fd_copy(f, v);
		hmap_put(&ft->fds, k, f);
	}
	return ft;
}

void eng_thread_free(struct eng_thread *t)
{
	if (!t)
		return;
	free(t->comm);
	free(t->exe);
	free(t->exepath);
	free(t->cwd);
	free(t->root);
	free(t->args.p);
	free(t->env.p);
	free(t->cgroups.p);
	free(t->enter);
	eng_fdtab_unref(t->fdtab);
	free(t);
}

struct eng_thread *eng_thread_new(int64_t tid)
{
	struct eng_thread *t = xcalloc(1, sizeof(*t));

	t->tid = t->pid = tid;
	t->comm = xstrdup("");
	t->exe = xstrdup("");
	t->exepath = xstrdup("");
	t->cwd = xstrdup("/");
	t->root = xstrdup("/");
	eng_blob_set(&t->args, "", 0);
	eng_blob_set(&t->env, "", 0);
	eng_blob_set(&t->cgroups, "", 0);
	t->loginuid = UINT32_MAX;
	t->pgid = -1;
	t->enter_type = EV_MAX;
	t->lastevent_fd = -1;
	t->vtid = t->vpid = -1;
	return t;
}

struct eng_thread *eng_thread_new_unknown(struct eng_state *s, int64_t tid)
{
	struct eng_thread *t = eng_thread_new(tid);

	/* as libsinsp fills a thread it could not look up */
	eng_str_set(&t->comm, "<NA>");
	eng_str_set(&t->exe, "<NA>");
	eng_str_set(&t->cwd, "");
	t->ptid = t->sid = t->vpgid = t->fdlimit = -1;
	t->uid = t->gid = UINT32_MAX;
	eng_thread_put(s, t);
	return t;
}

void eng_thread_put(struct eng_state *s, struct eng_thread *t)
{
	s->last = NULL;
	s->threads_gen++;
	eng_thread_free(hmap_put(&s->threads, (uint64_t)t->tid, t));
}

/* The fd table of t's process: the main thread's if it is known. */
struct eng_fdtab *eng_thread_fdtab(struct eng_state *s, struct eng_thread *t)
{
	struct eng_thread *main_t;

	if (t->fdtab)
		return t->fdtab;
	main_t = t->tid != t->pid ? hmap_get(&s->threads, (uint64_t)t->pid) : NULL;
	if (main_t) {
		t->fdtab = eng_thread_fdtab(s, main_t);
		t->fdtab->refs++;
	} else {
		t->fdtab = eng_fdtab_new();
	}
	return t->fdtab;
}

void eng_cwd_set(struct eng_thread *t, const char *cwd, size_t n)
{
	free(t->cwd);
	t->cwd = xmalloc(n + 2);
	memcpy(t->cwd, cwd, n);
	if (n == 0 || cwd[n - 1] != '/')
		t->cwd[n++] = '/';
	t->cwd[n] = 0;
}

void eng_fd_swap_ends(struct eng_fd *f)
{
	uint8_t ip[16];
	uint16_t port;

	memcpy(ip, f->sip, 16);
	memcpy(f->sip, f->dip, 16);
	memcpy(f->dip, ip, 16);
	port = f->sport;
	f->sport = f->dport;
	f->dport = port;
}

void eng_fd_name_addrs(struct eng_fd *f)
{
	bool v6 = f->type == FD_TYPE_IPV6_SOCK || f->type == FD_TYPE_IPV6_SERVSOCK;
	bool server = f->type == FD_TYPE_IPV4_SERVSOCK || f->type == FD_TYPE_IPV6_SERVSOCK;
	struct sbuf name;

	sbuf_init(&name);
	if (v6)
		dis_fmt_ipv6(&name, f->sip);
	else
		dis_fmt_ipv4(&name, f->sip);
	sbuf_putc(&name, ':');
	sbuf_put_u64(&name, f->sport);
	if (!server) {
		sbuf_puts(&name, "->");
		if (v6)
			dis_fmt_ipv6(&name, f->dip);
		else
			dis_fmt_ipv4(&name, f->dip);
		sbuf_putc(&name, ':');
		sbuf_put_u64(&name, f->dport);
	}
	free(f->name);
	f->name = xstrdup(name.s);
	sbuf_fini(&name);
}

/* A run of 64 hex digits at p. */
static bool hex64(const char *p, const char *end)
{
	int i;

	if (end - p < 64)
		return false;
	for (i = 0; i < 64; i++)
		if (!isxdigit((unsigned char)p[i]))
			return false;
	return i == 64 && (p + 64 == end || !isxdigit((unsigned char)p[64]));
}

void eng_thread_set_container(struct eng_thread *t)
{
	const char *p = t->cgroups.p, *end = p + t->cgroups.len, *c;

	t->container_id[0] = 0;
	/* any path component that is, or ends with, a 64-hex-digit id */
	for (c = p; c < end; c++) {
		if ((*c == '/' || *c == '-') && hex64(c + 1, end)) {
			memcpy(t->container_id, c + 1, 12);
			t->container_id[12] = 0;
			return;
		}
	}
}

/* ---- public look-ups ---- */

struct eng_thread *eng_state_thread(const struct eng_state *s, int64_t tid)
{
	return hmap_get(&s->threads, (uint64_t)tid);
}

struct eng_fd *eng_state_fd(const struct eng_thread *t, int64_t fd)
{
	if (!t || !t->fdtab || fd < 0)
		return NULL;
	return hmap_get(&t->fdtab->fds, (uint64_t)fd);
}

const struct eng_user *eng_state_user(const struct eng_state *s, uint32_t uid)
{
	return hmap_get(&s->users, uid);
}

const struct eng_user *eng_state_group(const struct eng_state *s, uint32_t gid)
{
	return hmap_get(&s->groups, gid);
}

uint8_t eng_fd_l4proto(const struct eng_fd *f)
{
	switch (f->type) {
	case FD_TYPE_IPV4_SOCK:
	case FD_TYPE_IPV6_SOCK:
		if (f->l4proto == ENG_L4_RAW)
			return ENG_L4_RAW;
		return f->role == ENG_ROLE_NONE ? ENG_L4_NA : f->l4proto;
	case FD_TYPE_IPV4_SERVSOCK:
	case FD_TYPE_IPV6_SERVSOCK:
		return f->l4proto;
	default:
		return ENG_L4_UNKNOWN;
	}
}

char eng_fd_typechar(const struct eng_fd *f)
{
	return f->type < 32 ? ev_fd_typechar[f->type] : '?';
}

const char *eng_fd_typename(const struct eng_fd *f)
{
	static const char *const names[] = {
		[1] = "file",	   [2] = "directory", [3] = "ipv4",	 [4] = "ipv6",
		[5] = "ipv4",	   [6] = "ipv6",      [7] = "pipe",	 [8] = "unix",
		[9] = "event",	   [11] = "signalfd", [12] = "eventpoll", [13] = "inotify",
		[14] = "timerfd", [15] = "netlink",  [16] = "file",
	};

	return f->type < sizeof(names) / sizeof(names[0]) && names[f->type] ? names[f->type] :
									       "<NA>";
}

/* ---- lifetime ---- */

void eng_state_init(struct eng_state *s)
{
	memset(s, 0, sizeof(*s));
	hmap_init(&s->threads);
	hmap_init(&s->users);
	hmap_init(&s->groups);
	hmap_init(&s->containers);
	sbuf_init(&s->fd_oldname);
	sbuf_init(&s->reasm.msg);
	s->tid_to_remove = -1;
	for (unsigned int i = 0; i < ENG_EXITED_N; i++)
		s->exited_tid[i] = -1;
	eng_parse_init();
}

static void eng_user_free(struct eng_user *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->home);
	free(u->shell);
	free(u->rec);
	free(u);
}

static void users_clear(struct hmap *m)
{
	size_t i = 0;
	uint64_t k;
	void *v;

	while (hmap_next(m, &i, &k, &v))
		eng_user_free(v);
	hmap_fini(m);
}

void eng_state_fini(struct eng_state *s)
{
	size_t i = 0;
	uint64_t k;
	void *v;

	while (hmap_next(&s->threads, &i, &k, &v))
		eng_thread_free(v);
	hmap_fini(&s->threads);
	users_clear(&s->users);
	users_clear(&s->groups);
	for (i = 0; hmap_next(&s->containers, &i, &k, &v);)
		eng_container_free(v);
	hmap_fini(&s->containers);
	eng_fd_fini(&s->closed);
	sbuf_fini(&s->fd_oldname);
	sbuf_fini(&s->reasm.msg);
	eng_thread_free(s->container);
	free(s->ifaddrs);
	free(s->switch_ts);
	eng_rules_eval_free(s->rules);
	s->rules = NULL;
	eng_proto_cache_free(s->proto);
	s->proto = NULL;
}

void eng_state_reset(struct eng_state *s)
{
	uint64_t gen = s->threads_gen;

	eng_state_fini(s);
	eng_state_init(s);
	s->threads_gen = gen + 1;
}

uint64_t eng_thread_cpu(const struct eng_thread *t, bool user, bool sys)
{
	uint64_t prev = (user ? t->cpu_usr_prev : 0) + (sys ? t->cpu_sys_prev : 0);
	uint64_t now = (user ? t->cpu_usr : 0) + (sys ? t->cpu_sys : 0);

	if (!prev)
		return 0;
	/* as libsinsp, a count that went back is a large difference */
	return now - prev > 100 ? 100 : now - prev;
}

uint64_t eng_state_nthreads(const struct eng_state *s, int64_t pid, uint64_t *nchilds)
{
	const struct eng_thread *t;
	uint64_t n = 0, others = 0, key;
	size_t i = 0;
	void *v;

	while (hmap_next(&s->threads, &i, &key, &v)) {
		t = v;
		if (t->pid == pid) {
			n++;
			others += t->tid != pid;
		}
	}
	if (nchilds)
		*nchilds = others;
	return n;
}

/* ---- state blocks ---- */

void eng_state_add_ifaddr(struct eng_state *s, const uint8_t *addr, size_t len)
{
	struct eng_ifaddr *a;

	s->ifaddrs = xreallocarray(s->ifaddrs, s->nifaddrs + 1, sizeof(*s->ifaddrs));
	a = &s->ifaddrs[s->nifaddrs++];
	memset(a, 0, sizeof(*a));
	a->len = len == 16 ? 16 : 4;
	memcpy(a->addr, addr, a->len);
}

static int on_iface(void *arg, const uint8_t *addr, size_t len)
{
	eng_state_add_ifaddr(arg, addr, len);
	return 0;
}

/*
 * As libsinsp: an IPv4 address is local if it is the address of the
 * thread's container or, when that container has none, of any container,
 * or of an interface. An IPv6 address is local if its first 64 bits match
 * an interface's, and never for a thread in a container.
 */
bool eng_state_is_local(const struct eng_state *s, const struct eng_thread *t,
			const uint8_t *sip, size_t len)
{
	static const uint8_t zero[4];
	const struct eng_container *c = NULL;

	if (t && t->container_id[0]) {
		if (len == 16)
			return false;
		c = eng_state_container(s, t->container_id);
	}
	if (c && memcmp(c->ip, zero, 4)) {
		if (!memcmp(c->ip, sip, 4))
			return true;
	} else if (c) {
		size_t i = 0;
		uint64_t k;
		void *v;

		while (hmap_next(&s->containers, &i, &k, &v))
			if (!memcmp(((const struct eng_container *)v)->ip, sip, 4))
				return true;
	}
	for (uint32_t i = 0; i < s->nifaddrs; i++)
		if (s->ifaddrs[i].len == len && !memcmp(s->ifaddrs[i].addr, sip, len == 16 ? 8 : 4))
			return true;
	return false;
}

/* What a process list entry holds after root (sf_blocks.c's pl_trailer()). */
static void proc_trailer(struct eng_thread *t, const struct sf_proc *p)
{
	t->loginuid = p->loginuid;
	t->pgid = p->pgid;
	t->tty = p->tty;
	t->pidns_init_start_ts = p->pidns_init_start_ts;
	t->exe_flags = (p->exe_writable ? ENG_EXE_WRITABLE : 0) |
		       (p->exe_upper_layer ? ENG_EXE_UPPER_LAYER : 0) |
		       (p->exe_from_memfd ? ENG_EXE_FROM_MEMFD : 0) |
		       (p->exe_lower_layer ? ENG_EXE_LOWER_LAYER : 0);
	t->cap_inheritable = p->cap_inheritable;
	t->cap_permitted = p->cap_permitted;
	t->cap_effective = p->cap_effective;
	t->exe_ino = p->exe_ino;
	t->exe_ino_ctime = p->exe_ino_ctime;
	t->exe_ino_mtime = p->exe_ino_mtime;
}

/* The process extras of a thread the process list made (sf_procx_parse()). */
static int on_procx(void *arg, const struct sf_proc *p)
{
	struct eng_state *s = arg;
	struct eng_thread *t = hmap_get(&s->threads, p->tid);

	if (t)
		proc_trailer(t, p);
	return 0;
}

static int on_proc(void *arg, const struct sf_proc *p)
{
	struct eng_state *s = arg;
	struct eng_thread *t = eng_thread_new((int64_t)p->tid);

	t->pid = (int64_t)p->pid;
	t->ptid = (int64_t)p->ptid;
	t->sid = (int64_t)p->sid;
	t->vpgid = (int64_t)p->vpgid;
	free(t->comm);
	t->comm = dup_buf(&p->comm);
	free(t->exe);
	t->exe = dup_buf(&p->exe);
	free(t->exepath);
	t->exepath = dup_buf(&p->exepath);
	eng_cwd_set(t, p->cwd.p ? p->cwd.p : "", p->cwd.len);
	free(t->root);
	t->root = dup_buf(&p->root);
	eng_blob_set(&t->args, p->args.p, p->args.len);
	eng_blob_set(&t->env, p->env.p, p->env.len);
	eng_blob_set(&t->cgroups, p->cgroups.p, p->cgroups.len);
	t->fdlimit = p->fdlimit;
	t->flags = p->flags;
	t->uid = p->uid;
	t->gid = p->gid;
	proc_trailer(t, p);
	t->vmsize_kb = p->vmsize_kb;
	t->vmrss_kb = p->vmrss_kb;
	t->vmswap_kb = p->vmswap_kb;
	t->pfmajor = p->pfmajor;
	t->pfminor = p->pfminor;
	t->vtid = p->vtid;
	t->vpid = p->vpid;
	eng_thread_set_container(t);
	eng_thread_set_category(s, t);
	eng_thread_put(s, t);
	return 0;
}

/* Frees f, an fd ft held. */
static void fd_gone(struct eng_fdtab *ft, struct eng_fd *f)
{
	if (!f)
		return;
	ft->reasm -= (f->reasm[0] != NULL) + (f->reasm[1] != NULL);
	eng_fd_free(f);
}

void eng_fd_put(struct eng_fdtab *ft, struct eng_fd *f)
{
	ft->reasm += (f->reasm[0] != NULL) + (f->reasm[1] != NULL);
	fd_gone(ft, hmap_put(&ft->fds, (uint64_t)f->fd, f));
}

void eng_fd_drop(struct eng_fdtab *ft, int64_t fd)
{
	fd_gone(ft, hmap_del(&ft->fds, (uint64_t)fd));
}

static int on_fd(void *arg, uint64_t tid, const struct sf_fd *sf)
{
	struct eng_state *s = arg;
	struct eng_thread *t = hmap_get(&s->threads, tid);
	struct eng_fd *f;

	if (!t)
		return 0;
	f = xcalloc(1, sizeof(*f));
	f->fd = sf->fd;
	f->type = sf->type == FD_TYPE_FILE_V2 ? FD_TYPE_FILE : sf->type;
	f->ino = sf->ino;
	f->open_flags = sf->open_flags;
	f->dev = sf->dev;
	f->l4proto = sf->l4proto;
	memcpy(f->sip, sf->sip, 16);
	memcpy(f->dip, sf->dip, 16);
	f->sport = sf->sport;
	f->dport = sf->dport;
	if (f->type >= FD_TYPE_IPV4_SOCK && f->type <= FD_TYPE_IPV6_SERVSOCK)
		eng_fd_name_addrs(f);
	else
		f->name = xstrndup(sf->name.p ? sf->name.p : "", sf->name.len);
	/* libsinsp takes the TCP sockets of the fd table for connected */
	if ((f->type == FD_TYPE_IPV4_SOCK || f->type == FD_TYPE_IPV6_SOCK) &&
	    f->l4proto == ENG_L4_TCP)
		f->flags |= ENG_FD_CONNECTED;
	if (f->type == FD_TYPE_UNIX_SOCK) /* as libsinsp guesses */
		f->role = f->name[0] ? ENG_ROLE_SERVER : ENG_ROLE_CLIENT;
	eng_fd_put(eng_thread_fdtab(s, t), f);
	return 0;
}

static bool buf_str_eq(const struct buf_str *a, const char *b)
{
	size_t n = a->p ? a->len : 0;

	return strlen(b) == n && (n == 0 || memcmp(a->p, b, n) == 0);
}

static struct eng_user *user_new(const struct sf_user *u)
{
	struct eng_user *r = xcalloc(1, sizeof(*r));

	r->id = u->kind == 0 ? u->uid : u->gid;
	r->gid = u->gid;
	r->name = dup_buf(&u->name);
	r->home = dup_buf(&u->home);
	r->shell = dup_buf(&u->shell);
	return r;
}

int eng_user_put(void *arg, const struct sf_user *u)
{
	struct eng_state *s = arg;
	struct hmap *m = u->kind == 0 ? &s->users : &s->groups;
	struct eng_user *old = hmap_get(m, u->kind == 0 ? u->uid : u->gid), *r;

	/* captures repeat their user records: keep what is already known */
	if (old && old->gid == u->gid && buf_str_eq(&u->name, old->name) &&
	    buf_str_eq(&u->home, old->home) && buf_str_eq(&u->shell, old->shell))
		return 0;
	r = user_new(u);
	eng_user_free(hmap_put(m, r->id, r));
	return 0;
}

static struct hmap *user_map(const struct eng_state *s, const struct sf_user *u)
{
	return (struct hmap *)(u->kind == 0 ? &s->users : &s->groups);
}

bool eng_user_repeats(const struct eng_state *s, const struct sf_user *u, uint32_t id,
		      const void *rec, size_t n)
{
	const struct eng_user *old = hmap_get(user_map(s, u), id);

	return old && old->rec && old->rec_len == n && memcmp(old->rec, rec, n) == 0;
}

void eng_user_set_record(struct eng_state *s, const struct sf_user *u, uint32_t id,
			 const void *rec, size_t n)
{
	struct eng_user *r = hmap_get(user_map(s, u), id);

	if (!r || n > UINT32_MAX)
		return;
	free(r->rec);
	r->rec = xmalloc(n ? n : 1);
	memcpy(r->rec, rec, n);
	r->rec_len = (uint32_t)n;
}

void eng_state_blocks_done(struct eng_state *s)
{
	struct hmap ports;
	size_t i = 0, j;
	uint64_t k, fk;
	void *v, *fv;

	hmap_init(&ports);
	while (hmap_next(&s->threads, &i, &k, &v)) {
		struct eng_thread *t = v;

		for (j = 0; t->fdtab && hmap_next(&t->fdtab->fds, &j, &fk, &fv);) {
			struct eng_fd *f = fv;

			if (f->type == FD_TYPE_IPV4_SERVSOCK || f->type == FD_TYPE_IPV6_SERVSOCK)
				hmap_put(&ports, f->sport, f);
		}
	}
	for (i = 0; hmap_next(&s->threads, &i, &k, &v);) {
		struct eng_thread *t = v;

		for (j = 0; t->fdtab && hmap_next(&t->fdtab->fds, &j, &fk, &fv);) {
			struct eng_fd *f = fv;

			if (f->type != FD_TYPE_IPV4_SOCK || f->role != ENG_ROLE_NONE)
				continue;
			if (!hmap_get(&ports, f->sport)) {
				f->role = ENG_ROLE_CLIENT;
				continue;
			}
			/* the list has local->remote: a server's peer is the client */
			eng_fd_swap_ends(f);
			f->role = ENG_ROLE_SERVER;
			eng_fd_name_addrs(f);
		}
	}
	hmap_fini(&ports);
}

int eng_state_add_block(struct eng_state *s, const struct sf_block *b, struct diag *d)
{
	int rc = 0;

	switch (b->kind) {
	case SF_K_MI:
		rc = sf_machine_parse(b, &s->machine, d);
		s->have_machine = rc > 0;
		break;
	case SF_K_PL:
		rc = sf_proclist_parse(b, on_proc, s, d);
		break;
	case SF_K_PX:
		rc = sf_procx_parse(b, on_procx, s, d);
		break;
	case SF_K_FDL:
		rc = sf_fdlist_parse(b, on_fd, s, d);
		break;
	case SF_K_UL:
		rc = sf_userlist_parse(b, eng_user_put, s, d);
		break;
	case SF_K_IL:
		/* a later list replaces the earlier one, as in libscap */
		s->nifaddrs = 0;
		rc = sf_iflist_parse(b, on_iface, s, d);
		break;
	default:
		break;
	}
	return rc < 0 ? rc : 0;
}


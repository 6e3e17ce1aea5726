// SPDX-License-Identifier: GPL-2.0-only
/*
 * Event handlers that keep the state current, as libsinsp's parser does.
 * Handlers are chosen per event type once, from the schema's event names, so
 * every historic version of a syscall (execve has eight ids) is handled by
 * the same code. Parameters are found by name in the exit event and, for
 * older layouts, in the paired enter event.
 */
#define _GNU_SOURCE
#include "eng_state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dis_fmt.h"
#include "eng_state_int.h"
#include "sbuf.h"
#include "schema.h"
#include "xalloc.h"

struct eng_call {
	struct eng_state *s;
	struct eng_thread *t;
	const struct ev_view *ev;
	struct ev_view enter;
	bool have_enter;
	const struct eng_fd **fd; /* the fd the event works on, as libsinsp's m_fdinfo */
	struct eng_fd *added;	  /* the last fd the event added, or NULL */
};

typedef void (*eng_handler)(struct eng_call *c);

static eng_handler handlers[EV_MAX];

/* ---- event parameters by name ---- */

/* Parameter name of event ev; its length, or -1 if absent. */
static int64_t view_param(const struct ev_view *ev, const char *name, const uint8_t **p)
{
	int i = ev_param_find(ev->type, name);

	return i < 0 ? -1 : ev_param(ev, (unsigned int)i, p);
}

/* A string parameter of ev, or NULL if absent, empty or unterminated. */
static const char *view_str(const struct ev_view *ev, const char *name)
{
	const uint8_t *p;
	int64_t n = view_param(ev, name, &p);

	return n > 0 && p[n - 1] == 0 ? (const char *)p : NULL;
}

/* Parameter name of the exit event, else of its enter event. */
static int64_t call_param(const struct eng_call *c, const char *name, const uint8_t **p)
{
	int64_t n = view_param(c->ev, name, p);

	if (n < 0 && c->have_enter)
		n = view_param(&c->enter, name, p);
	return n;
}

static bool call_i64(const struct eng_call *c, const char *name, int64_t *v)
{
	const uint8_t *p;
	int64_t n = call_param(c, name, &p);

	if (n == 8)
		*v = (int64_t)buf_le64(p);
	else if (n == 4)
		*v = (int32_t)buf_le32(p);
	else if (n == 2)
		*v = buf_le16(p);
	else if (n == 1)
		*v = p[0];
	else
		return false;
	return true;
}

static const char *call_str(const struct eng_call *c, const char *name)
{
	const char *str = view_str(c->ev, name);

	return str || !c->have_enter ? str : view_str(&c->enter, name);
}

static int64_t call_res(const struct eng_call *c)
{
	const uint8_t *p;
	int64_t n = ev_param(c->ev, 0, &p);

	return n == 8 ? (int64_t)buf_le64(p) : -1;
}

static void fd_add(struct eng_call *c, int64_t fd, uint8_t type, const char *name)
{
	struct eng_fd *f;

	if (!c->t || fd < 0)
		return;
	f = xcalloc(1, sizeof(*f));
	f->fd = fd;
	f->type = type;
	f->name = xstrdup(name ? name : "");
	eng_fd_put(eng_thread_fdtab(c->s, c->t), f);
	c->t->lastevent_fd = fd; /* as libsinsp's add_fd */
	c->added = f;
}

/* ---- handlers ---- */

/* Memory sizes and page faults, from the events that carry them (libsinsp's). */
static void thread_apply_mem(struct eng_call *c, struct eng_thread *t)
{
	int64_t v;

	if (call_i64(c, "pgft_maj", &v))
		t->pfmajor = (uint64_t)v;
	if (call_i64(c, "pgft_min", &v))
		t->pfminor = (uint64_t)v;
	if (call_i64(c, "vm_size", &v))
		t->vmsize_kb = (uint32_t)v;
	if (call_i64(c, "vm_rss", &v))
		t->vmrss_kb = (uint32_t)v;
	if (call_i64(c, "vm_swap", &v))
		t->vmswap_kb = (uint32_t)v;
}

/*
 * Takes what clone and execve exits say about the process into t. Not the
 * cwd: libsinsp keeps the one it tracks (clone copies the parent's).
 */
static void thread_apply(struct eng_call *c, struct eng_thread *t)
{
	const uint8_t *p;
	const char *str;
	int64_t n, v;

	if ((str = call_str(c, "comm")))
		eng_str_set(&t->comm, str);
	if ((str = call_str(c, "exe")))
		eng_str_set(&t->exe, str);
	if ((n = call_param(c, "args", &p)) >= 0)
		eng_blob_set(&t->args, p, (uint32_t)n);
	if ((n = call_param(c, "env", &p)) >= 0)
		eng_blob_set(&t->env, p, (uint32_t)n);
	if ((n = call_param(c, "cgroups", &p)) >= 0)
		eng_blob_set(&t->cgroups, p, (uint32_t)n);
	if (call_i64(c, "fdlimit", &v))
		t->fdlimit = v;
	if (call_i64(c, "uid", &v))
		t->uid = (uint32_t)v;
	if (call_i64(c, "gid", &v))
		t->gid = (uint32_t)v;
	if (call_i64(c, "vtid", &v))
		t->vtid = v;
	if (call_i64(c, "vpid", &v))
		t->vpid = v;
	thread_apply_mem(c, t);
}

/* A child's thread made longer ago than this by its parent's exit is stale. */
#define CLONE_STALE_NS 2000000000ull

/* Whether thread tid exited less than CLONE_STALE_NS before ts. */
static bool exited_lately(const struct eng_state *s, int64_t tid, uint64_t ts)
{
	for (unsigned int i = 0; i < ENG_EXITED_N; i++)
		if (s->exited_tid[i] == tid && ts - s->exited_ts[i] < CLONE_STALE_NS)
			return true;
	return false;
}

/*
 * clone/fork/vfork/clone3 exit, as libsinsp: the parent's exit makes the
 * child (replacing a stale thread of that tid); the child's exit makes it
 * only when it comes first ("inverted" clone). Inside a pid namespace only
 * the child's exit counts, since the parent sees another tid.
 */
static void on_clone_exit(struct eng_call *c)
{
	int64_t res = call_res(c), v, child_tid, parent_tid, vtid = c->ev->tid;
	struct eng_thread *parent, *child;
	uint32_t flags = 0;
	bool inverted = false;

	if (res < 0)
		return;
	if (call_i64(c, "flags", &v))
		flags = (uint32_t)v;
	call_i64(c, "vtid", &vtid);
	if (res == 0) {
		/* a thread the parent's exit made; one from /proc or stale is remade */
		if (c->t && c->t->clone_ts && c->ev->ts - c->t->clone_ts < CLONE_STALE_NS) {
			if (call_i64(c, "vtid", &v))
				c->t->vtid = v;
			if (call_i64(c, "vpid", &v))
				c->t->vpid = v;
			return;
		}
		inverted = true;
		child_tid = c->ev->tid;
		if (!call_i64(c, (flags & PPM_CL_CLONE_THREAD) ? "pid" : "ptid", &parent_tid))
			return;
	} else {
		if ((flags & PPM_CL_CHILD_IN_PIDNS) || vtid != c->ev->tid)
			return;
		child_tid = res;
		parent_tid = c->ev->tid;
	}
	parent = hmap_get(&c->s->threads, (uint64_t)parent_tid);
	if (!parent)
		parent = eng_thread_new_unknown(c->s, parent_tid);
	child = hmap_get(&c->s->threads, (uint64_t)child_tid);
	if (child && (child->flags & PPM_CL_CLONE_INVERTED))
		return;
	/* a parent's exit after its child's whole life (vfork) does not bring it back */
	if (!child && !inverted && exited_lately(c->s, child_tid, c->ev->ts))
		return;
	child = eng_thread_new(child_tid);
	child->ptid = parent_tid;
	eng_str_set(&child->comm, parent->comm);
	eng_str_set(&child->exe, parent->exe);
	eng_str_set(&child->exepath, parent->exepath);
	eng_blob_set(&child->args, parent->args.p, parent->args.len);
	eng_str_set(&child->root, parent->root);
	child->clone_ts = c->ev->ts;
	child->sid = parent->sid;
	child->vpgid = parent->vpgid;
	child->loginuid = parent->loginuid;
	child->pgid = parent->pgid;
	child->tty = parent->tty;
	child->exe_flags = parent->exe_flags;
	child->cap_inheritable = parent->cap_inheritable;
	child->cap_permitted = parent->cap_permitted;
	child->cap_effective = parent->cap_effective;
	child->exe_ino = parent->exe_ino;
	child->exe_ino_ctime = parent->exe_ino_ctime;
	child->exe_ino_mtime = parent->exe_ino_mtime;
	child->exe_ino_ctime_to_clone = parent->exe_ino_ctime_to_clone;
	if (!(flags & PPM_CL_CLONE_THREAD))
		eng_blob_set(&child->env, parent->env.p, parent->env.len);
	child->pid = (flags & PPM_CL_CLONE_THREAD) && call_i64(c, "pid", &v) ? v : child_tid;
	child->flags = flags | (inverted ? PPM_CL_CLONE_INVERTED : 0);
	/* as libsinsp: the boot time, or from a child's exit inside a pid namespace, its own */
	if (!inverted || !((flags & (PPM_CL_CHILD_IN_PIDNS | PPM_CL_CLONE_NEWPID)) ||
			   vtid != child_tid))
		child->pidns_init_start_ts = c->s->machine.boot_ts;
	else if (call_i64(c, "pidns_init_start_ts", &v))
		child->pidns_init_start_ts = (uint64_t)v + c->s->machine.boot_ts;
	if (!(flags & PPM_CL_CLONE_THREAD)) {
		child->fdtab = eng_fdtab_copy(eng_thread_fdtab(c->s, parent));
		eng_str_set(&child->cwd, parent->cwd);
	}
	thread_apply(c, child);
	eng_thread_set_container(child);
	eng_thread_set_category(c->s, child);
	/* the oldest layouts have no comm: the exe stands for it */
	if (ev_param_find(c->ev->type, "comm") < 0 && call_str(c, "exe"))
		eng_str_set(&child->comm, child->exe);
	eng_thread_put(c->s, child);
	eng_thread_fdtab(c->s, child);
	if (child_tid == c->ev->tid)
		c->t = child;
}

/* The directory an FSRELPATH is relative to: the dirfd's name or the cwd. */
static const char *call_basedir(struct eng_call *c, const char *dirfd_name)
{
	int64_t dirfd;
	struct eng_fd *f;

	if (dirfd_name && call_i64(c, dirfd_name, &dirfd) && dirfd != PPM_AT_FDCWD) {
		f = eng_state_fd(c->t, dirfd);
		return f ? f->name : "";
	}
	return c->t ? c->t->cwd : "/";
}

/*
 * The executable of an execve whose exit has no trusted_exepath (older
 * drivers), as libsinsp rebuilds it: the enter's path, made absolute
 * against the cwd, or for execveat against its dirfd (with AT_EMPTY_PATH,
 * the dirfd's own path).
 */
static void execve_exepath(struct eng_call *c, struct eng_thread *t)
{
	struct eng_call from = *c;
	const char *name, *dir;
	struct sbuf path;
	int64_t flags = 0;
	bool at = ev_param_find(c->enter.type, "dirfd") >= 0;

	from.ev = &c->enter;
	from.have_enter = false;
	name = view_str(&c->enter, at ? "pathname" : "filename");
	if (!name)
		return;
	if (strcmp(name, "<NA>") == 0) {
		eng_str_set(&t->exepath, name);
		return;
	}
	call_i64(&from, "flags", &flags);
	sbuf_init(&path);
	dir = call_basedir(&from, at ? "dirfd" : NULL);
	if (at && (flags & PPM_EXVAT_AT_EMPTY_PATH))
		name = "";
	dis_fmt_path_join(&path, dir, name);
	eng_str_set(&t->exepath, path.s);
	sbuf_fini(&path);
}

static void on_execve_exit(struct eng_call *c)
{
	struct eng_thread *t = c->t;
	const char *str;
	int64_t v;

	if (call_res(c) < 0)
		return;
	if (!t)
		t = c->t = eng_thread_new_unknown(c->s, c->ev->tid);
	if ((str = call_str(c, "exe"))) {
		const char *slash = strrchr(str, '/');

		eng_str_set(&t->exe, str);
		eng_str_set(&t->comm, slash ? slash + 1 : str);
	}
	thread_apply(c, t);
	eng_thread_set_container(t);
	eng_thread_set_category(c->s, t);
	/* an empty trusted_exepath is one the driver could not read */
	if ((str = call_str(c, "trusted_exepath")) && str[0])
		eng_str_set(&t->exepath, str);
	else if (c->have_enter)
		execve_exepath(c, t);
	if (call_i64(c, "pid", &v) && v != t->pid) {
		t->pid = v;
		c->s->threads_gen++;
	}
	if (call_i64(c, "ptid", &v))
		t->ptid = v;
	if (call_i64(c, "loginuid", &v))
		t->loginuid = (uint32_t)v;
	if (call_i64(c, "tty", &v))
		t->tty = (uint32_t)v;
	if (call_i64(c, "vpgid", &v))
		t->vpgid = v;
	if (call_i64(c, "pgid", &v))
		t->pgid = v;
	if (call_i64(c, "flags", &v))
		t->exe_flags = (uint32_t)v;
	if (call_i64(c, "cap_inheritable", &v))
		t->cap_inheritable = (uint64_t)v;
	if (call_i64(c, "cap_permitted", &v))
		t->cap_permitted = (uint64_t)v;
	if (call_i64(c, "cap_effective", &v))
		t->cap_effective = (uint64_t)v;
	if (call_i64(c, "exe_ino", &v))
		t->exe_ino = (uint64_t)v;
	if (call_i64(c, "exe_ino_ctime", &v))
		t->exe_ino_ctime = (uint64_t)v;
	if (call_i64(c, "exe_ino_mtime", &v)) {
		t->exe_ino_mtime = (uint64_t)v;
		if (t->clone_ts)
			t->exe_ino_ctime_to_clone = t->clone_ts - t->exe_ino_ctime;
		if (t->pidns_init_start_ts && t->exe_ino_ctime > t->pidns_init_start_ts)
			t->exe_ino_ctime_from_pidns = t->exe_ino_ctime - t->pidns_init_start_ts;
	}
}

/* Whether other threads of t's process are alive. */
static bool has_other_threads(const struct eng_state *s, const struct eng_thread *t)
{
	const struct eng_thread *o;
	uint64_t key;
	size_t i = 0;
	void *v;

	while (hmap_next(&s->threads, &i, &key, &v)) {
		o = v;
		if (o != t && o->pid == t->pid)
			return true;
	}
	return false;
}

/*
 * As libsinsp, the main thread of a process stays while its other threads
 * live: it holds the process's details, and a thread that execs takes its
 * place.
 */
static void on_procexit(struct eng_call *c)
{
	struct eng_state *s = c->s;

	if (c->t && c->t->tid == c->t->pid && has_other_threads(s, c->t))
		return;
	s->tid_to_remove = c->ev->tid;
	s->exited_tid[s->exited_next] = c->ev->tid;
	s->exited_ts[s->exited_next] = c->ev->ts;
	s->exited_next = (s->exited_next + 1) % ENG_EXITED_N;
}

/* The overlayfs layer an open's exit tells of (creat has flags of its own). */
static uint8_t open_layer(const struct eng_call *c)
{
	int64_t v;

	if (call_i64(c, "creat_flags", &v))
		return (v & PPM_FD_UPPER_LAYER_CREAT) ? ENG_FD_UPPER_LAYER :
		       (v & PPM_FD_LOWER_LAYER_CREAT) ? ENG_FD_LOWER_LAYER : 0;
	if (!call_i64(c, "flags", &v))
		return 0;
	return ((v & PPM_FD_UPPER_LAYER) ? ENG_FD_UPPER_LAYER : 0) |
	       ((v & PPM_FD_LOWER_LAYER) ? ENG_FD_LOWER_LAYER : 0);
}

static void on_open_exit(struct eng_call *c)
{
	const char *pname = ev_param_find(c->ev->type, "path") >= 0 ? "path" : "name";
	struct eng_call from = *c;
	int64_t fd, dirfd, flags = 0, dev, ino;
	const char *name;
	struct eng_fd *f;
	struct sbuf path;

	if (!c->t)
		return;
	if (!call_i64(c, "fd", &fd))
		fd = call_res(c);
	/* As libsinsp: the enter event's path, flags and dirfd win when it has a path. */
	name = c->have_enter ? view_str(&c->enter, pname) : NULL;
	if (name && strcmp(name, "(NULL)") != 0) {
		from.ev = &c->enter;
		from.have_enter = false;
	} else {
		name = view_str(c->ev, pname);
	}
	if (!name)
		name = "";
	if (fd < 0) {
		/* as libsinsp's parse_dirfd, a failed open*at works on its dirfd */
		if (name[0] != '/' && call_i64(&from, "dirfd", &dirfd) && dirfd != PPM_AT_FDCWD)
			*c->fd = eng_state_fd(c->t, dirfd);
		return;
	}
	call_i64(&from, "flags", &flags);
	sbuf_init(&path);
	dis_fmt_path_join(&path,
			  call_basedir(&from, ev_param_find(from.ev->type, "dirfd") >= 0 ? "dirfd" : NULL),
			  name);
	fd_add(c, fd, (flags & PPM_O_DIRECTORY) ? FD_TYPE_DIRECTORY : FD_TYPE_FILE, path.s);
	sbuf_fini(&path);
	f = eng_state_fd(c->t, fd);
	if (!f)
		return;
	f->open_flags = (uint32_t)flags;
	f->flags = open_layer(c);
	f->name_raw = xstrdup(name);
	/* the exit's device and inode, where the event has them */
	if (call_i64(c, "dev", &dev))
		f->dev = (uint32_t)dev;
	if (call_i64(c, "ino", &ino))
		f->ino = (uint64_t)ino;
}

static void on_socket_exit(struct eng_call *c)
{
	int64_t fd = call_res(c), domain = 0, type = 0, proto = 0;
	uint8_t ftype, l4 = ENG_L4_UNKNOWN;
	struct eng_fd *f;

	if (fd < 0)
		return;
	call_i64(c, "domain", &domain);
	call_i64(c, "type", &type);
	call_i64(c, "proto", &proto);
	switch (domain) {
	case DIS_AF_INET:
	case DIS_AF_INET6:
		ftype = domain == DIS_AF_INET ? FD_TYPE_IPV4_SOCK : FD_TYPE_IPV6_SOCK;
		/* as libsinsp's add_socket */
		if (proto == 6 || proto == 17)
			l4 = (type & 0xff) == 3 ? ENG_L4_RAW : proto == 6 ? ENG_L4_TCP : ENG_L4_UDP;
		else if (proto == 0)
			l4 = (type & 0xff) == 1 ? ENG_L4_TCP : (type & 0xff) == 2 ? ENG_L4_UDP :
								     ENG_L4_UNKNOWN;
		else if (proto == 1)
			l4 = (type & 0xff) == 3 ? ENG_L4_RAW : ENG_L4_ICMP;
		else if (proto == 255)
			l4 = ENG_L4_RAW;
		break;
	case DIS_AF_UNIX:
		ftype = FD_TYPE_UNIX_SOCK;
		break;
	case 16: /* AF_NETLINK */
		ftype = FD_TYPE_NETLINK;
		break;
	default:
		ftype = FD_TYPE_UNKNOWN;
		break;
	}
	fd_add(c, fd, ftype, "");
	f = eng_state_fd(c->t, fd);
	if (f)
		f->l4proto = l4;
}

static bool ip_zero(const uint8_t *ip, size_t n)
{
	static const uint8_t zero[16];

	return memcmp(ip, zero, n) == 0;
}

/*
 * Takes the addresses of a socket tuple into f, as libsinsp does: nothing
 * changes if the tuple is the known one (either way round); the source is
 * replaced, the destination only filled when empty. Returns true on change.
 */
static bool sock_set_addrs(struct eng_fd *f, const uint8_t *sip, uint16_t sport,
			   const uint8_t *dip, uint16_t dport, size_t alen, uint8_t type)
{
	bool changed = false;

	if (f->type == type &&
	    ((!memcmp(sip, f->sip, alen) && sport == f->sport && !memcmp(dip, f->dip, alen) &&
	      dport == f->dport) ||
	     (!memcmp(dip, f->sip, alen) && dport == f->sport && !memcmp(sip, f->dip, alen) &&
	      sport == f->dport)))
		return false;
	if (f->type != type) {
		memset(f->sip, 0, 16);
		memset(f->dip, 0, 16);
		f->sport = f->dport = 0;
	}
	f->type = type;
	if (memcmp(f->sip, sip, alen) || f->sport != sport) {
		memcpy(f->sip, sip, alen);
		f->sport = sport;
		changed = true;
	}
	if (ip_zero(f->dip, alen)) {
		memcpy(f->dip, dip, alen);
		changed = true;
	}
	if (f->dport == 0) {
		f->dport = dport;
		changed = true;
	}
	return changed;
}

/* Sets f from a PT_SOCKTUPLE value; returns true if its addresses changed. */
static bool sock_set_tuple(struct eng_fd *f, const uint8_t *p, int64_t n)
{
	if (n <= 0)
		return false;
	if (p[0] == DIS_AF_INET && n == 13)
		return sock_set_addrs(f, p + 1, buf_le16(p + 5), p + 7, buf_le16(p + 11), 4,
				      FD_TYPE_IPV4_SOCK);
	if (p[0] == DIS_AF_INET6 && n == 37) {
		if (dis_ipv4_mapped(p + 1) && dis_ipv4_mapped(p + 19))
			return sock_set_addrs(f, p + 13, buf_le16(p + 17), p + 31,
					      buf_le16(p + 35), 4, FD_TYPE_IPV4_SOCK);
		return sock_set_addrs(f, p + 1, buf_le16(p + 17), p + 19, buf_le16(p + 35), 16,
				      FD_TYPE_IPV6_SOCK);
	}
	if (p[0] == DIS_AF_UNIX && n >= 17) {
		struct sbuf name;

		/* named as libsinsp does: "ffff...->ffff... /path" */
		sbuf_init(&name);
		dis_fmt_socktuple(&name, p, (uint32_t)n);
		f->type = FD_TYPE_UNIX_SOCK;
		free(f->name);
		f->name = xstrdup(name.s);
		sbuf_fini(&name);
		return true;
	}
	return false;
}

/* A zero address on one side of a datagram socket takes the other's. */
static void sock_infer_addrs(struct eng_fd *f)
{
	size_t alen = f->type == FD_TYPE_IPV6_SOCK ? 16 : 4;

	if (f->type != FD_TYPE_IPV4_SOCK && f->type != FD_TYPE_IPV6_SOCK)
		return;
	if (ip_zero(f->sip, alen) && !ip_zero(f->dip, alen))
		memcpy(f->sip, f->dip, alen);
	else if (ip_zero(f->dip, alen) && !ip_zero(f->sip, alen))
		memcpy(f->dip, f->sip, alen);
}

static void on_connect_enter(struct eng_call *c)
{
	const uint8_t *p;
	int64_t n, fd;
	struct eng_fd *f;

	if (!call_i64(c, "fd", &fd) || !(f = eng_state_fd(c->t, fd)))
		return;
	n = call_param(c, "addr", &p);
	if (n == 7 && p[0] == DIS_AF_INET) {
		f->type = FD_TYPE_IPV4_SOCK;
		memcpy(f->dip, p + 1, 4);
		f->dport = buf_le16(p + 5);
	} else if (n == 19 && p[0] == DIS_AF_INET6) {
		if (dis_ipv4_mapped(p + 1)) {
			f->type = FD_TYPE_IPV4_SOCK;
			memcpy(f->dip, p + 13, 4);
		} else {
			f->type = FD_TYPE_IPV6_SOCK;
			memcpy(f->dip, p + 1, 16);
		}
		f->dport = buf_le16(p + 17);
	} else if (n > 1 && p[0] == DIS_AF_UNIX) {
		const uint8_t *z = memchr(p + 1, 0, (size_t)n - 1);

		f->type = FD_TYPE_UNIX_SOCK;
		free(f->name);
		f->name = xstrndup((const char *)p + 1, z ? (size_t)(z - (p + 1)) : (size_t)n - 1);
	}
}

static void on_connect_exit(struct eng_call *c)
{
	int64_t res = call_res(c), fd;
	const uint8_t *p;
	int64_t n;
	struct eng_fd *f;

	if (res < 0 && res != -EINPROGRESS)
		return;
	if (!call_i64(c, "fd", &fd) || !(f = eng_state_fd(c->t, fd)))
		return;
	f->flags |= ENG_FD_CONNECTED;
	n = call_param(c, "tuple", &p);
	if (n <= 0)
		return;
	sock_set_tuple(f, p, n);
	if (f->type == FD_TYPE_IPV4_SOCK || f->type == FD_TYPE_IPV6_SOCK)
		eng_fd_name_addrs(f);
	if (f->role == ENG_ROLE_NONE)
		f->role = ENG_ROLE_CLIENT;
}

/* True if the thread's process has a server socket on port. */
static bool bound_to_port(const struct eng_thread *t, uint16_t port)
{
	size_t i = 0;
	uint64_t k;
	void *v;

	while (t->fdtab && hmap_next(&t->fdtab->fds, &i, &k, &v)) {
		const struct eng_fd *f = v;

		if ((f->type == FD_TYPE_IPV4_SERVSOCK || f->type == FD_TYPE_IPV6_SERVSOCK) &&
		    f->sport == port)
			return true;
	}
	return false;
}

/* A read or write that worked marks its IP socket connected, as libsinsp does. */
static void on_io_exit(struct eng_call *c)
{
	struct eng_fd *f;

	if (!*c->fd || call_res(c) < 0 || !(f = eng_state_fd(c->t, (*c->fd)->fd)))
		return;
	if (f->type == FD_TYPE_IPV4_SOCK || f->type == FD_TYPE_IPV6_SOCK)
		f->flags |= ENG_FD_CONNECTED;
}

/* sendto/sendmsg/recvfrom/recvmsg: a datagram socket learns its peer. */
static void on_msg_exit(struct eng_call *c)
{
	int64_t fd;
	const uint8_t *p;
	int64_t n;
	struct eng_fd *f;

	on_io_exit(c);
	if (call_res(c) < 0 || !call_i64(c, "fd", &fd) || !(f = eng_state_fd(c->t, fd)))
		return;
	if (f->name[0] && eng_fd_l4proto(f) == ENG_L4_TCP)
		return;
	n = call_param(c, "tuple", &p);
	if (!sock_set_tuple(f, p, n))
		return;
	if (f->type != FD_TYPE_IPV4_SOCK && f->type != FD_TYPE_IPV6_SOCK)
		return;
	if (f->l4proto == ENG_L4_UNKNOWN)
		f->l4proto = ENG_L4_UDP;
	sock_infer_addrs(f);
	if (f->role == ENG_ROLE_NONE)
		f->role = bound_to_port(c->t, f->dport) ? ENG_ROLE_SERVER : ENG_ROLE_CLIENT;
	/* the tuple is as the call saw it: received data comes from the peer */
	if ((eng_event_flags(c->ev->type) & EV_F_READS_FROM_FD) ? f->role == ENG_ROLE_CLIENT :
								 f->role == ENG_ROLE_SERVER)
		eng_fd_swap_ends(f);
	eng_fd_name_addrs(f);
}

static void on_accept_exit(struct eng_call *c)
{
	int64_t fd;
	const uint8_t *p;
	int64_t n;
	struct eng_fd *f;

	if (!call_i64(c, "fd", &fd) || fd < 0)
		return;
	fd_add(c, fd, FD_TYPE_UNSUPPORTED, "");
	f = eng_state_fd(c->t, fd);
	if (!f)
		return;
	n = call_param(c, "tuple", &p);
	sock_set_tuple(f, p, n);
	f->role = ENG_ROLE_SERVER;
	f->flags |= ENG_FD_CONNECTED;
	if (f->type == FD_TYPE_IPV4_SOCK || f->type == FD_TYPE_IPV6_SOCK) {
		f->l4proto = 2;
		eng_fd_name_addrs(f);
	}
}

static void on_bind_exit(struct eng_call *c)
{
	int64_t fd;
	const uint8_t *p;
	int64_t n;
	struct eng_fd *f;
	struct sbuf name;

	if (call_res(c) < 0 || !call_i64(c, "fd", &fd))
		return;
	f = eng_state_fd(c->t, fd);
	n = call_param(c, "addr", &p);
	if (!f || n <= 0)
		return;
	/* as libsinsp: a socket bound to a port listens there; port 0 leaves it as it is */
	if (p[0] == DIS_AF_INET && n >= 7 && buf_le16(p + 5) > 0) {
		f->type = FD_TYPE_IPV4_SERVSOCK;
		memcpy(f->sip, p + 1, 4);
		f->sport = buf_le16(p + 5);
		f->role = ENG_ROLE_SERVER;
	} else if (p[0] == DIS_AF_INET6 && n >= 19 && buf_le16(p + 17) > 0) {
		bool v4 = dis_ipv4_mapped(p + 1);

		f->type = v4 ? FD_TYPE_IPV4_SERVSOCK : FD_TYPE_IPV6_SERVSOCK;
		memcpy(f->sip, v4 ? p + 13 : p + 1, v4 ? 4 : 16);
		f->sport = buf_le16(p + 17);
		f->role = ENG_ROLE_SERVER;
	}
	sbuf_init(&name);
	dis_fmt_sockaddr(&name, p, (uint32_t)n);
	free(f->name);
	f->name = xstrdup(name.s);
	sbuf_fini(&name);
}

static void on_close_exit(struct eng_call *c)
{
	int64_t fd;

	if (call_res(c) < 0 || !c->t || !call_i64(c, "fd", &fd) || !c->t->fdtab)
		return;
	eng_fd_free(hmap_del(&c->t->fdtab->fds, (uint64_t)fd));
}

static void on_pipe_exit(struct eng_call *c)
{
	int64_t fd;

	if (call_res(c) < 0)
		return;
	if (call_i64(c, "fd1", &fd))
		fd_add(c, fd, FD_TYPE_FIFO, "");
	if (call_i64(c, "fd2", &fd))
		fd_add(c, fd, FD_TYPE_FIFO, "");
}

static void on_socketpair_exit(struct eng_call *c)
{
	int64_t fd;

	if (call_res(c) < 0)
		return;
	if (call_i64(c, "fd1", &fd))
		fd_add(c, fd, FD_TYPE_UNIX_SOCK, "");
	if (call_i64(c, "fd2", &fd))
		fd_add(c, fd, FD_TYPE_UNIX_SOCK, "");
}

static void on_dup_exit(struct eng_call *c)
{
	int64_t res = call_res(c), old;
	struct eng_fd *src, *f;

	if (res < 0 || !c->t)
		return;
	if (!call_i64(c, "oldfd", &old) && !call_i64(c, "fd", &old))
		return;
	src = eng_state_fd(c->t, old);
	if (!src || old == res)
		return;
	f = xmalloc(sizeof(*f));
	eng_fd_copy(f, src);
	f->fd = res;
	eng_fd_put(eng_thread_fdtab(c->s, c->t), f);
	c->t->lastevent_fd = res;
}

/* fcntl F_DUPFD and F_DUPFD_CLOEXEC (PPM values 1 and 26) duplicate the fd. */
static void on_fcntl_exit(struct eng_call *c)
{
	int64_t cmd;

	if (call_i64(c, "cmd", &cmd) && (cmd == 1 || cmd == 26))
		on_dup_exit(c);
}

static void on_chdir_exit(struct eng_call *c)
{
	const char *path;
	struct sbuf o;

	if (call_res(c) < 0 || !c->t || !(path = call_str(c, "path")))
		return;
	/* chdir and getcwd both tell the working directory */
	sbuf_init(&o);
	dis_fmt_path_join(&o, c->t->cwd, path);
	eng_cwd_set(c->t, o.s, o.len);
	sbuf_fini(&o);
}

static void on_fchdir_exit(struct eng_call *c)
{
	int64_t fd;
	struct eng_fd *f;

	if (call_res(c) < 0 || !call_i64(c, "fd", &fd) || !(f = eng_state_fd(c->t, fd)))
		return;
	eng_cwd_set(c->t, f->name, strlen(f->name));
}

static void fd_from_res(struct eng_call *c, uint8_t type)
{
	int64_t fd = call_res(c);

	if (fd >= 0)
		fd_add(c, fd, type, "");
}

static void on_eventfd_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_EVENT);
}

static void on_signalfd_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_SIGNALFD);
}

static void on_timerfd_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_TIMERFD);
}

static void on_inotify_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_INOTIFY);
}

static void on_epoll_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_EVENTPOLL);
}

/* getsockopt: libsinsp takes its fd as the event's fd. */
static void on_getsockopt_exit(struct eng_call *c)
{
	int64_t fd;

	if (c->t && call_i64(c, "fd", &fd))
		c->t->lastevent_fd = fd;
}

static void on_setuid_exit(struct eng_call *c)
{
	int64_t v;

	if (call_res(c) == 0 && c->t && call_i64(c, "uid", &v))
		c->t->uid = (uint32_t)v;
}

static void on_setgid_exit(struct eng_call *c)
{
	int64_t v;

	if (call_res(c) == 0 && c->t && call_i64(c, "gid", &v))
		c->t->gid = (uint32_t)v;
}

static void on_setresuid_exit(struct eng_call *c)
{
	int64_t v;

	if (call_res(c) == 0 && c->t && call_i64(c, "euid", &v) && v != -1)
		c->t->uid = (uint32_t)v;
}

static void on_setresgid_exit(struct eng_call *c)
{
	int64_t v;

	if (call_res(c) == 0 && c->t && call_i64(c, "egid", &v) && v != -1)
		c->t->gid = (uint32_t)v;
}

#define PPM_RLIMIT_NOFILE 7

/* The main thread of t's process, or t. */
static struct eng_thread *main_thread(struct eng_state *s, struct eng_thread *t)
{
	struct eng_thread *m = t->tid != t->pid ? hmap_get(&s->threads, (uint64_t)t->pid) : NULL;

	return m ? m : t;
}

/* getrlimit/setrlimit/prlimit: a new RLIMIT_NOFILE is the process's fdlimit. */
static void on_rlimit_exit(struct eng_call *c)
{
	struct eng_thread *t = c->t;
	int64_t resource, cur, pid = 0;
	bool is_prlimit = c->ev->type == EV_SYSCALL_PRLIMIT_X;

	if (call_res(c) < 0 || !c->have_enter ||
	    !call_i64(c, "resource", &resource) || resource != PPM_RLIMIT_NOFILE)
		return;
	if (!call_i64(c, is_prlimit ? "newcur" : "cur", &cur) || cur == -1)
		return;
	if (is_prlimit) {
		call_i64(c, "pid", &pid);
		if (pid != 0 && pid != c->ev->tid) {
			t = hmap_get(&c->s->threads, (uint64_t)pid);
			if (!t)
				t = eng_thread_new_unknown(c->s, pid);
		}
	}
	if (t)
		main_thread(c->s, t)->fdlimit = cur;
}

/* setsid: the thread's new session. */
static void on_setsid_exit(struct eng_call *c)
{
	int64_t res = call_res(c);

	if (res >= 0 && c->t)
		c->t->sid = res;
}

/* brk, mmap, munmap and the newer switch event: the thread's memory, whatever the result. */
static void on_mem_event(struct eng_call *c)
{
	if (c->t)
		thread_apply_mem(c, c->t);
}

/* procinfo: the thread's CPU time so far; the one before is kept for thread.cpu. */
static void on_procinfo(struct eng_call *c)
{
	uint64_t usr, sys;

	if (!c->t || !ev_param_u64(c->ev, 0, &usr) || !ev_param_u64(c->ev, 1, &sys))
		return;
	c->t->cpu_usr_prev = c->t->cpu_usr;
	c->t->cpu_sys_prev = c->t->cpu_sys;
	c->t->cpu_usr = usr;
	c->t->cpu_sys = sys;
}

/* useradded/groupadded: user and group records stored as events. */
static void on_user_added(struct eng_call *c)
{
	const struct ev_view *ev = c->ev;
	const uint8_t *rec = ev->raw + ev->hdr_len;
	size_t n = ev->len - ev->hdr_len;
	struct sf_user u = { 0 };
	uint32_t id;
	int64_t v;
	const char *str;

	u.kind = ev->type == EV_GROUP_ADDED_E ? 1 : 0;
	/* parameter 0 is the uid of a user, the gid of a group */
	if (!ev_param_u32(ev, 0, &id))
		return;
	/* captures repeat their user records */
	if (eng_user_repeats(c->s, &u, id, rec, n))
		return;
	if (call_i64(c, "uid", &v))
		u.uid = (uint32_t)v;
	if (call_i64(c, "gid", &v))
		u.gid = (uint32_t)v;
	if ((str = call_str(c, "name")))
		u.name = (struct buf_str){ str, (uint16_t)strnlen(str, 255) };
	if ((str = call_str(c, "home")))
		u.home = (struct buf_str){ str, (uint16_t)strnlen(str, 255) };
	if ((str = call_str(c, "shell")))
		u.shell = (struct buf_str){ str, (uint16_t)strnlen(str, 255) };
	eng_user_put(c->s, &u);
	eng_user_set_record(c->s, &u, id, rec, n);
}

static const struct {
	const char *name;
	bool enter; /* handler runs on the enter event */
	eng_handler fn;
} handler_defs[] = {
	{ "clone", false, on_clone_exit },
	{ "clone3", false, on_clone_exit },
	{ "fork", false, on_clone_exit },
	{ "vfork", false, on_clone_exit },
	{ "execve", false, on_execve_exit },
	{ "execveat", false, on_execve_exit },
	{ "procexit", true, on_procexit },
	{ "open", false, on_open_exit },
	{ "openat", false, on_open_exit },
	{ "openat2", false, on_open_exit },
	{ "creat", false, on_open_exit },
	{ "open_by_handle_at", false, on_open_exit },
	{ "socket", false, on_socket_exit },
	{ "connect", true, on_connect_enter },
	{ "connect", false, on_connect_exit },
	{ "sendto", false, on_msg_exit },
	{ "sendmsg", false, on_msg_exit },
	{ "recvfrom", false, on_msg_exit },
	{ "recvmsg", false, on_msg_exit },
	{ "read", false, on_io_exit },
	{ "readv", false, on_io_exit },
	{ "pread", false, on_io_exit },
	{ "preadv", false, on_io_exit },
	{ "recv", false, on_io_exit },
	{ "recvmmsg", false, on_io_exit },
	{ "write", false, on_io_exit },
	{ "writev", false, on_io_exit },
	{ "pwrite", false, on_io_exit },
	{ "pwritev", false, on_io_exit },
	{ "send", false, on_io_exit },
	{ "sendmmsg", false, on_io_exit },
	{ "accept", false, on_accept_exit },
	{ "accept4", false, on_accept_exit },
	{ "bind", false, on_bind_exit },
	{ "close", false, on_close_exit },
	{ "socketpair", false, on_socketpair_exit },
	{ "pipe", false, on_pipe_exit },
	{ "pipe2", false, on_pipe_exit },
	{ "dup", false, on_dup_exit },
	{ "dup2", false, on_dup_exit },
	{ "dup3", false, on_dup_exit },
	{ "fcntl", false, on_fcntl_exit },
	{ "chdir", false, on_chdir_exit },
	{ "fchdir", false, on_fchdir_exit },
	{ "getcwd", false, on_chdir_exit },
	{ "eventfd", false, on_eventfd_exit },
	{ "eventfd2", false, on_eventfd_exit },
	{ "signalfd", false, on_signalfd_exit },
	{ "signalfd4", false, on_signalfd_exit },
	{ "timerfd_create", false, on_timerfd_exit },
	{ "inotify_init", false, on_inotify_exit },
	{ "inotify_init1", false, on_inotify_exit },
	{ "epoll_create", false, on_epoll_exit },
	{ "epoll_create1", false, on_epoll_exit },
	{ "getsockopt", false, on_getsockopt_exit },
	{ "setuid", false, on_setuid_exit },
	{ "setgid", false, on_setgid_exit },
	{ "setresuid", false, on_setresuid_exit },
	{ "setresgid", false, on_setresgid_exit },
	{ "getrlimit", false, on_rlimit_exit },
	{ "setrlimit", false, on_rlimit_exit },
	{ "prlimit", false, on_rlimit_exit },
	{ "setsid", false, on_setsid_exit },
	{ "brk", false, on_mem_event },
	{ "mmap", false, on_mem_event },
	{ "mmap2", false, on_mem_event },
	{ "munmap", false, on_mem_event },
	{ "switch", true, on_mem_event },
	{ "procinfo", true, on_procinfo },
	{ "useradded", true, on_user_added },
	{ "groupadded", true, on_user_added },
};

/* The exit of clone, clone3, fork or vfork. */
static bool is_clone_exit(uint16_t type)
{
	const char *n = ev_table[type].name;

	return !ev_type_is_enter(type) && (strcmp(n, "clone") == 0 || strcmp(n, "clone3") == 0 ||
					   strcmp(n, "fork") == 0 || strcmp(n, "vfork") == 0);
}

void eng_parse_init(void)
{
	static bool done;
	size_t i, k;

	if (done)
		return;
	for (i = 0; i < EV_MAX; i++) {
		if (ev_table[i].flags & EV_F_UNUSED)
			continue;
		for (k = 0; k < sizeof(handler_defs) / sizeof(handler_defs[0]); k++) {
			if (strcmp(ev_table[i].name, handler_defs[k].name) == 0 &&
			    ev_type_is_enter((uint16_t)i) == handler_defs[k].enter)
				handlers[i] = handler_defs[k].fn;
		}
	}
	done = true;
}

/* ---- events ---- */

static void enter_store(struct eng_thread *t, const struct ev_view *ev, uint64_t num)
{
	uint32_t n = ev->len;

	if (n > t->enter_cap) {
		t->enter = xreallocarray(t->enter, n, 1);
		t->enter_cap = n;
	}
	memcpy(t->enter, ev->raw, n);
	t->enter_len = n;
	t->enter_type = ev->type;
	t->enter_v1 = ev->hdr_len == EV_HDR_V1_LEN;
	t->enter_num = num;
}

bool eng_state_enter_of(const struct eng_thread *t, const struct ev_view *ev, struct ev_view *out)
{
	uint16_t want;

	if (!t || t->enter_type == EV_MAX || ev_type_is_enter(ev->type))
		return false;
	want = ev->type - 1;
	if (t->enter_type != want &&
	    !(t->enter_type == EV_SYSCALL_EXECVEAT_E && ev->type == EV_SYSCALL_EXECVE_19_X))
		return false;
	return ev_view_decode(out, t->enter, t->enter_len, t->enter_v1, NULL) == 0;
}

void eng_state_filtered_out(struct eng_state *s, const struct eng_evinfo *info,
			    const struct ev_view *ev)
{
	uint32_t flags = eng_event_flags(ev->type);

	(void)s;
	if (info->thread && !(flags & (EV_F_MODIFIES_STATE | EV_F_SKIPPARSERESET)) &&
	    ev->type != EV_SCHEDSWITCH_6_E)
		info->thread->enter_type = EV_MAX;
}

bool eng_event_ignored_by_state(uint16_t type)
{
	if (type >= EV_MAX)
		return false;
	eng_parse_init();
	/* the replay counts the drops a notification records */
	if (handlers[type] || type == EV_NOTIFICATION_E || type == EV_CONTAINER_JSON_E ||
	    type == EV_CONTAINER_JSON_2_E)
		return false;
	/*
	 * as eng_state_on_event() goes: meta events that skip the pairing reset
	 * (but procinfo, handled above) neither make a thread nor touch one
	 */
	return (eng_event_flags(type) & EV_F_SKIPPARSERESET) &&
	       (ev_table[type].category & EV_C_METAEVENT);
}

bool eng_event_changes_state(uint16_t type)
{
	uint32_t mask = EV_F_MODIFIES_STATE | EV_F_CREATES_FD | EV_F_DESTROYS_FD;

	if (type >= EV_MAX)
		return false;
	eng_parse_init();
	return handlers[type] || handlers[type ^ 1u] || (eng_event_flags(type) & mask) ||
	       ((type ^ 1u) < EV_MAX && (eng_event_flags(type ^ 1u) & mask)) ||
	       type == EV_CONTAINER_JSON_E || type == EV_CONTAINER_JSON_2_E;
}

/* The fd an enter event works on: its first parameter when it uses one. */
static int64_t enter_fdnum(const struct ev_view *ev, uint32_t flags)
{
	uint64_t v;

	if (!(flags & EV_F_USES_FD) || ev_table[ev->type].params == NULL ||
	    ev_table[ev->type].params[0].type != EV_PT_FD || !ev_param_u64(ev, 0, &v))
		return -1;
	return (int64_t)v;
}

/*
 * Where an exit event carries its fd, as current drivers write it (after
 * the exit's own parameters, the enter's), or -1.
 */
static int exit_fd_param(uint16_t type)
{
	switch (type) {
	case EV_SYSCALL_SETNS_X:
	case EV_SOCKET_LISTEN_X:
	case EV_SOCKET_SHUTDOWN_X:
	case EV_SYSCALL_FCHDIR_X:
	case EV_SYSCALL_LSEEK_X:
	case EV_SYSCALL_LLSEEK_X:
	case EV_SYSCALL_IOCTL_3_X:
	case EV_SYSCALL_FSTAT_X:
	case EV_SYSCALL_CLOSE_X:
	case EV_SYSCALL_GETDENTS_X:
	case EV_SYSCALL_GETDENTS64_X:
	case EV_SYSCALL_FLOCK_X:
	case EV_SYSCALL_COPY_FILE_RANGE_X:
	case EV_SYSCALL_FCNTL_X:
	case EV_SYSCALL_DUP_1_X:
	case EV_SYSCALL_DUP2_X:
	case EV_SYSCALL_DUP3_X:
	case EV_SYSCALL_NEWFSTATAT_X:
	case EV_SYSCALL_FCHOWNAT_X:
	case EV_SYSCALL_FCHMODAT_X:
	case EV_SYSCALL_MKDIRAT_X:
	case EV_SYSCALL_UNLINKAT_2_X:
	case EV_SYSCALL_MKNODAT_X:
	case EV_SOCKET_SENDMMSG_X:
	case EV_SOCKET_RECVMMSG_X:
	case EV_SYSCALL_IO_URING_REGISTER_X:
	case EV_SYSCALL_IO_URING_ENTER_X:
	case EV_SOCKET_SETSOCKOPT_X:
	case EV_SOCKET_GETSOCKOPT_X:
	case EV_SYSCALL_FSCONFIG_X:
	case EV_SYSCALL_FINIT_MODULE_X:
	case EV_SYSCALL_FCHMOD_X:
	case EV_SYSCALL_FCHOWN_X:
		return 1;
	case EV_SYSCALL_READ_X:
	case EV_SYSCALL_PREAD_X:
	case EV_SOCKET_BIND_X:
	case EV_SYSCALL_WRITE_X:
	case EV_SYSCALL_PWRITE_X:
	case EV_SOCKET_RECV_X:
	case EV_SOCKET_SEND_X:
	case EV_SOCKET_SENDTO_X:
	case EV_SOCKET_SENDMSG_X:
	case EV_SYSCALL_SENDFILE_X:
	case EV_SYSCALL_SPLICE_X:
	case EV_SYSCALL_WRITEV_X:
	case EV_SYSCALL_PWRITEV_X:
	case EV_SOCKET_CONNECT_X:
	case EV_SYSCALL_SYMLINKAT_X:
		return 2;
	case EV_SOCKET_RECVFROM_X:
	case EV_SYSCALL_READV_X:
	case EV_SYSCALL_PREADV_X:
		return 3;
	case EV_SOCKET_RECVMSG_X:
		return 5;
	case EV_SYSCALL_MMAP_X:
	case EV_SYSCALL_MMAP2_X:
		return 8;
	default:
		return -1;
	}
}

/*
 * The fd of an exit that uses one, into lastevent_fd: its enter's or, as
 * current libraries do when the enter is missing or named none, the fd the
 * exit carries, if any. False if it has none.
 */
static bool exit_fd(struct eng_call *c, const struct ev_view *ev)
{
	int at = exit_fd_param(ev->type);
	bool own = !c->have_enter || c->t->lastevent_fd == -1 ||
		   ev->type == EV_SYSCALL_COPY_FILE_RANGE_X; /* its output fd */
	uint64_t v;

	if (at < 0 || !own || !ev_param_u64(ev, (unsigned int)at, &v))
		return c->have_enter;
	c->t->lastevent_fd = (int64_t)v;
	return true;
}

/* Keeps a copy of an fd that the event's handler may remove. */
static const struct eng_fd *fd_keep(struct eng_state *s, const struct eng_fd *f)
{
	eng_fd_fini(&s->closed);
	eng_fd_copy(&s->closed, f);
	return &s->closed;
}

/*
 * A container record's thread, as libsinsp makes one for it: tid and pid -1,
 * named "container:" and the id from the record's JSON.
 */
static struct eng_thread *container_thread(struct eng_state *s, const struct ev_view *ev)
{
	static const char key[] = "\"id\":\"";
	const char *id = NULL, *end = NULL;
	const uint8_t *p;
	int64_t n = ev_param(ev, 0, &p);
	struct sbuf name;

	if (!s->container) {
		s->container = eng_thread_new(-1);
		eng_str_set(&s->container->cwd, "");
		s->container->sid = s->container->vpgid = s->container->fdlimit = -1;
	}
	s->container->vtid = s->container->vpid = -2;
	s->container->uid = s->container->gid = 0;
	s->container->container_id[0] = 0;
	if (n > 0 && (id = memmem(p, (size_t)n, key, sizeof(key) - 1))) {
		id += sizeof(key) - 1;
		end = memchr(id, '"', (size_t)n - (size_t)(id - (const char *)p));
	}
	sbuf_init(&name);
	sbuf_puts(&name, "container:");
	if (end)
		sbuf_put(&name, id, (size_t)(end - id));
	eng_str_set(&s->container->comm, name.s);
	if (n > 0 && (id = eng_container_put(s, (const char *)p, (size_t)n)))
		snprintf(s->container->container_id, sizeof(s->container->container_id), "%s", id);
	sbuf_fini(&name);
	return s->container;
}

/*
 * A switch event: the time since the switch before it on its CPU (0 for the
 * first), added to its thread's total, as libsinsp's thread.exectime.
 */
static void on_switch(struct eng_state *s, const struct ev_view *ev, struct eng_thread *t)
{
	if (ev->cpu >= s->nswitch_ts) {
		s->switch_ts = xreallocarray(s->switch_ts, ev->cpu + 1u, sizeof(*s->switch_ts));
		memset(s->switch_ts + s->nswitch_ts, 0,
		       (ev->cpu + 1u - s->nswitch_ts) * sizeof(*s->switch_ts));
		s->nswitch_ts = ev->cpu + 1u;
	}
	s->exectime = s->switch_ts[ev->cpu] ? ev->ts - s->switch_ts[ev->cpu] : 0;
	s->switch_ts[ev->cpu] = ev->ts;
	if (t)
		t->totexectime += s->exectime;
}

void eng_state_on_event(struct eng_state *s, const struct ev_view *ev, uint64_t num,
			struct eng_evinfo *out)
{
	struct eng_call c; /* not zeroed whole: its enter view is large */
	uint32_t flags = eng_event_flags(ev->type);
	bool enter = ev_type_is_enter(ev->type);
	/* libsinsp's reset() stops early for the newer switch event only */
	bool is_switch = ev->type == EV_SCHEDSWITCH_6_E;
	const struct eng_fd *was;
	eng_handler fn;

	memset(out, 0, sizeof(*out));
	c.s = s;
	c.ev = ev;
	c.t = NULL;
	c.have_enter = false;
	c.fd = &out->fd;
	if (ev->type == EV_CONTAINER_JSON_E || ev->type == EV_CONTAINER_JSON_2_E) {
		out->thread = container_thread(s, ev);
		return;
	}
	if (s->tid_to_remove != -1) {
		eng_thread_free(hmap_del(&s->threads, (uint64_t)s->tid_to_remove));
		s->threads_gen++;
		s->last = NULL;
		s->tid_to_remove = -1;
	}
	/* consecutive events mostly come from one thread */
	if (s->last && s->last->tid == ev->tid)
		c.t = s->last;
	else
		c.t = hmap_get(&s->threads, (uint64_t)ev->tid);
	if (!c.t && ev->tid != -1 && !is_switch && ev->type < EV_MAX &&
	    !(ev_table[ev->type].category & EV_C_METAEVENT) && !is_clone_exit(ev->type)) {
		/*
		 * libsinsp makes a thread for every tid it meets, but a child's
		 * clone exit that comes before its parent's makes its own
		 */
		c.t = eng_thread_new_unknown(s, ev->tid);
	}
	if (c.t)
		eng_thread_fdtab(s, c.t);
	if (is_switch)
		on_switch(s, ev, c.t);
	fn = ev->type < EV_MAX ? handlers[ev->type] : NULL;
	/* libsinsp's reset(): pairing, latency and the event's fd */
	if (c.t && !is_switch && !(flags & EV_F_SKIPPARSERESET)) {
		if (enter) {
			enter_store(c.t, ev, num);
			c.t->lastevent_fd = enter_fdnum(ev, flags);
			c.t->enter_ts = ev->ts;
			c.t->latency = 0;
			out->fd = eng_state_fd(c.t, c.t->lastevent_fd);
		} else {
			if (c.t->enter_ts)
				c.t->latency = ev->ts - c.t->enter_ts;
			c.have_enter = eng_state_enter_of(c.t, ev, &c.enter);
			out->paired = c.have_enter;
			if ((flags & EV_F_USES_FD) && exit_fd(&c, ev)) {
				out->fd = eng_state_fd(c.t, c.t->lastevent_fd);
				if (out->fd && (flags & EV_F_DESTROYS_FD))
					out->fd = fd_keep(s, out->fd);
			}
		}
	}
	/* libsinsp looks the fd of a write exit up whether or not it is paired */
	if (ev->type == EV_SYSCALL_WRITE_X && c.t && !out->fd)
		out->fd = eng_state_fd(c.t, c.t->lastevent_fd);
	was = out->fd;
	if (was) {
		sbuf_reset(&s->fd_oldname);
		sbuf_puts(&s->fd_oldname, was->name);
	}
	c.added = NULL;
	if (fn)
		fn(&c);
	/* as libsinsp: an fd the event added had the old name "" */
	if (c.added)
		out->name_changed = c.added->name[0] != 0;
	else if (was && out->fd == was)
		out->name_changed = strcmp(was->name, s->fd_oldname.s) != 0;
	out->thread = c.t;
	s->last = c.t;
}

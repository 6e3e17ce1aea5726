// SPDX-License-Identifier: GPL-2.0-only
/*
 * The state's handlers of process events, as libsinsp's parser: clone and
 * execve exits make and update threads, procexit removes them, and the
 * set*id, rlimit, setsid, memory, procinfo and user events update them.
 */
#define _GNU_SOURCE
#include <string.h>

#include "dis_fmt.h"
#include "eng_parse_int.h"
#include "eng_state_int.h"
#include "sbuf.h"
#include "schema.h"

/* Memory sizes and page faults, from the events that carry them (libsinsp's). */
static void thread_apply_mem(struct eng_call *c, struct eng_thread *t)
{
	int64_t v;

	if (eng_call_i64(c, "pgft_maj", &v))
		t->pfmajor = (uint64_t)v;
	if (eng_call_i64(c, "pgft_min", &v))
		t->pfminor = (uint64_t)v;
	if (eng_call_i64(c, "vm_size", &v))
		t->vmsize_kb = (uint32_t)v;
	if (eng_call_i64(c, "vm_rss", &v))
		t->vmrss_kb = (uint32_t)v;
	if (eng_call_i64(c, "vm_swap", &v))
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

	if ((str = eng_call_str(c, "comm")))
		eng_str_set(&t->comm, str);
	if ((str = eng_call_str(c, "exe")))
		eng_str_set(&t->exe, str);
	if ((n = eng_call_param(c, "args", &p)) >= 0)
		eng_blob_set(&t->args, p, (uint32_t)n);
	if ((n = eng_call_param(c, "env", &p)) >= 0)
		eng_blob_set(&t->env, p, (uint32_t)n);
	if ((n = eng_call_param(c, "cgroups", &p)) >= 0)
		eng_blob_set(&t->cgroups, p, (uint32_t)n);
	if (eng_call_i64(c, "fdlimit", &v))
		t->fdlimit = v;
	if (eng_call_i64(c, "uid", &v))
		t->uid = (uint32_t)v;
	if (eng_call_i64(c, "gid", &v))
		t->gid = (uint32_t)v;
	if (eng_call_i64(c, "vtid", &v))
		t->vtid = v;
	if (eng_call_i64(c, "vpid", &v))
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
void eng_on_clone_exit(struct eng_call *c)
{
	int64_t res = eng_call_res(c), v, child_tid, parent_tid, vtid = c->ev->tid;
	struct eng_thread *parent, *child;
	uint32_t flags = 0;
	bool inverted = false;

	if (res < 0)
		return;
	if (eng_call_i64(c, "flags", &v))
		flags = (uint32_t)v;
	eng_call_i64(c, "vtid", &vtid);
	if (res == 0) {
		/* a thread the parent's exit made; one from /proc or stale is remade */
		if (c->t && c->t->clone_ts && c->ev->ts - c->t->clone_ts < CLONE_STALE_NS) {
			if (eng_call_i64(c, "vtid", &v))
				c->t->vtid = v;
			if (eng_call_i64(c, "vpid", &v))
				c->t->vpid = v;
			return;
		}
		inverted = true;
		child_tid = c->ev->tid;
		if (!eng_call_i64(c, (flags & PPM_CL_CLONE_THREAD) ? "pid" : "ptid", &parent_tid))
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
	child->pid = (flags & PPM_CL_CLONE_THREAD) && eng_call_i64(c, "pid", &v) ? v : child_tid;
	child->flags = flags | (inverted ? PPM_CL_CLONE_INVERTED : 0);
	/* as libsinsp: the boot time, or from a child's exit inside a pid namespace, its own */
	if (!inverted || !((flags & (PPM_CL_CHILD_IN_PIDNS | PPM_CL_CLONE_NEWPID)) ||
			   vtid != child_tid))
		child->pidns_init_start_ts = c->s->machine.boot_ts;
	else if (eng_call_i64(c, "pidns_init_start_ts", &v))
		child->pidns_init_start_ts = (uint64_t)v + c->s->machine.boot_ts;
	if (!(flags & PPM_CL_CLONE_THREAD)) {
		child->fdtab = eng_fdtab_copy(eng_thread_fdtab(c->s, parent));
		eng_str_set(&child->cwd, parent->cwd);
	}
	thread_apply(c, child);
	eng_thread_set_container(child);
	eng_thread_set_category(c->s, child);
	/* the oldest layouts have no comm: the exe stands for it */
	if (ev_param_find(c->ev->type, "comm") < 0 && eng_call_str(c, "exe"))
		eng_str_set(&child->comm, child->exe);
	eng_thread_put(c->s, child);
	eng_thread_fdtab(c->s, child);
	if (child_tid == c->ev->tid)
		c->t = child;
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
	name = eng_view_str(&c->enter, at ? "pathname" : "filename");
	if (!name)
		return;
	if (strcmp(name, "<NA>") == 0) {
		eng_str_set(&t->exepath, name);
		return;
	}
	eng_call_i64(&from, "flags", &flags);
	sbuf_init(&path);
	dir = eng_call_basedir(&from, at ? "dirfd" : NULL);
	if (at && (flags & PPM_EXVAT_AT_EMPTY_PATH))
		name = "";
	dis_fmt_path_join(&path, dir, name);
	eng_str_set(&t->exepath, path.s);
	sbuf_fini(&path);
}

void eng_on_execve_exit(struct eng_call *c)
{
	struct eng_thread *t = c->t;
	const char *str;
	int64_t v;

	if (eng_call_res(c) < 0)
		return;
	if (!t)
		t = c->t = eng_thread_new_unknown(c->s, c->ev->tid);
	if ((str = eng_call_str(c, "exe"))) {
		const char *slash = strrchr(str, '/');

		eng_str_set(&t->exe, str);
		eng_str_set(&t->comm, slash ? slash + 1 : str);
	}
	thread_apply(c, t);
	eng_thread_set_container(t);
	eng_thread_set_category(c->s, t);
	/* an empty trusted_exepath is one the driver could not read */
	if ((str = eng_call_str(c, "trusted_exepath")) && str[0])
		eng_str_set(&t->exepath, str);
	else if (c->have_enter)
		execve_exepath(c, t);
	if (eng_call_i64(c, "pid", &v) && v != t->pid) {
		t->pid = v;
		c->s->threads_gen++;
	}
	if (eng_call_i64(c, "ptid", &v))
		t->ptid = v;
	if (eng_call_i64(c, "loginuid", &v))
		t->loginuid = (uint32_t)v;
	if (eng_call_i64(c, "tty", &v))
		t->tty = (uint32_t)v;
	if (eng_call_i64(c, "vpgid", &v))
		t->vpgid = v;
	if (eng_call_i64(c, "pgid", &v))
		t->pgid = v;
	if (eng_call_i64(c, "flags", &v))
		t->exe_flags = (uint32_t)v;
	if (eng_call_i64(c, "cap_inheritable", &v))
		t->cap_inheritable = (uint64_t)v;
	if (eng_call_i64(c, "cap_permitted", &v))
		t->cap_permitted = (uint64_t)v;
	if (eng_call_i64(c, "cap_effective", &v))
		t->cap_effective = (uint64_t)v;
	if (eng_call_i64(c, "exe_ino", &v))
		t->exe_ino = (uint64_t)v;
	if (eng_call_i64(c, "exe_ino_ctime", &v))
		t->exe_ino_ctime = (uint64_t)v;
	if (eng_call_i64(c, "exe_ino_mtime", &v)) {
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
void eng_on_procexit(struct eng_call *c)
{
	struct eng_state *s = c->s;

	if (c->t && c->t->tid == c->t->pid && has_other_threads(s, c->t))
		return;
	s->tid_to_remove = c->ev->tid;
	s->exited_tid[s->exited_next] = c->ev->tid;
	s->exited_ts[s->exited_next] = c->ev->ts;
	s->exited_next = (s->exited_next + 1) % ENG_EXITED_N;
}

void eng_on_setuid_exit(struct eng_call *c)
{
	int64_t v;

	if (eng_call_res(c) == 0 && c->t && eng_call_i64(c, "uid", &v))
		c->t->uid = (uint32_t)v;
}

void eng_on_setgid_exit(struct eng_call *c)
{
	int64_t v;

	if (eng_call_res(c) == 0 && c->t && eng_call_i64(c, "gid", &v))
		c->t->gid = (uint32_t)v;
}

void eng_on_setresuid_exit(struct eng_call *c)
{
	int64_t v;

	if (eng_call_res(c) == 0 && c->t && eng_call_i64(c, "euid", &v) && v != -1)
		c->t->uid = (uint32_t)v;
}

void eng_on_setresgid_exit(struct eng_call *c)
{
	int64_t v;

	if (eng_call_res(c) == 0 && c->t && eng_call_i64(c, "egid", &v) && v != -1)
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
void eng_on_rlimit_exit(struct eng_call *c)
{
	struct eng_thread *t = c->t;
	int64_t resource, cur, pid = 0;
	bool is_prlimit = c->ev->type == EV_SYSCALL_PRLIMIT_X;

	if (eng_call_res(c) < 0 || !c->have_enter ||
	    !eng_call_i64(c, "resource", &resource) || resource != PPM_RLIMIT_NOFILE)
		return;
	if (!eng_call_i64(c, is_prlimit ? "newcur" : "cur", &cur) || cur == -1)
		return;
	if (is_prlimit) {
		eng_call_i64(c, "pid", &pid);
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
void eng_on_setsid_exit(struct eng_call *c)
{
	int64_t res = eng_call_res(c);

	if (res >= 0 && c->t)
		c->t->sid = res;
}

/* brk, mmap, munmap and the newer switch event: the thread's memory, whatever the result. */
void eng_on_mem_event(struct eng_call *c)
{
	if (c->t)
		thread_apply_mem(c, c->t);
}

/* procinfo: the thread's CPU time so far; the one before is kept for thread.cpu. */
void eng_on_procinfo(struct eng_call *c)
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
void eng_on_user_added(struct eng_call *c)
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
	if (eng_call_i64(c, "uid", &v))
		u.uid = (uint32_t)v;
	if (eng_call_i64(c, "gid", &v))
		u.gid = (uint32_t)v;
	if ((str = eng_call_str(c, "name")))
		u.name = (struct buf_str){ str, (uint16_t)strnlen(str, 255) };
	if ((str = eng_call_str(c, "home")))
		u.home = (struct buf_str){ str, (uint16_t)strnlen(str, 255) };
	if ((str = eng_call_str(c, "shell")))
		u.shell = (struct buf_str){ str, (uint16_t)strnlen(str, 255) };
	eng_user_put(c->s, &u);
	eng_user_set_record(c->s, &u, id, rec, n);
}

// SPDX-License-Identifier: GPL-2.0-only
/* Field extractors: proc.*, thread.*, user.*, group.*. */
#include "eng_fields.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "dis_fmt.h"
#include "eng_fields_int.h"
#include "eng_state_int.h"
#include "schema.h"

/* ---- proc.*, thread.* ---- */


bool f_proc_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (!e->thread->comm[0])
		return false;
	sbuf_puts(o, e->thread->comm);
	return true;
}

const char *s_proc_name(const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	return e->thread && e->thread->comm[0] ? e->thread->comm : NULL;
}

const char *s_evt_dir(const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	return ev_type_is_enter(e->ev.type) ? ">" : "<";
}

bool f_proc_pid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_i64(o, e->thread->pid);
	return true;
}

bool f_proc_ppid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	const struct eng_thread *m;

	(void)r;
	NEED_THREAD(e);
	m = fx_main_thread(s, e->thread);
	if (!m)
		return false;
	sbuf_put_i64(o, m->ptid);
	return true;
}

bool f_proc_exe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_puts(o, e->thread->exe);
	return true;
}

bool f_proc_exepath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_puts(o, e->thread->exepath);
	return true;
}

/* The NUL-list args as "a b c". */
static void put_args(struct sbuf *o, const struct eng_blob *a)
{
	uint32_t i;
	bool first = true;

	for (i = 0; i < a->len;) {
		size_t n = strnlen(a->p + i, a->len - i);

		if (!first)
			sbuf_putc(o, ' ');
		sbuf_put(o, a->p + i, n);
		first = false;
		i += (uint32_t)n + 1;
	}
}

bool f_proc_args(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	put_args(o, &e->thread->args);
	return true;
}

/* proc.cmdline of t: its name and arguments. */
static bool put_cmdline(struct sbuf *o, const struct eng_thread *t)
{
	sbuf_puts(o, t->comm);
	if (t->args.len) {
		sbuf_putc(o, ' ');
		put_args(o, &t->args);
	}
	return true;
}

bool f_proc_cmdline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	return put_cmdline(o, e->thread);
}

bool f_proc_cwd(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	const struct eng_thread *m;

	(void)r;
	NEED_THREAD(e);
	m = fx_main_thread(s, e->thread);
	sbuf_puts(o, m ? m->cwd : e->thread->cwd);
	return true;
}

bool f_proc_pname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct eng_thread *p;

	(void)r;
	NEED_THREAD(e);
	p = fx_parent_of(s, e->thread);
	if (!p)
		return false;
	sbuf_puts(o, p->comm);
	return true;
}

/* Ancestor n of t (0 = t's process), or NULL. */
static const struct eng_thread *ancestor(const struct eng_state *s, const struct eng_thread *t,
					 int64_t n)
{
	const struct eng_thread *a = fx_main_thread(s, t);
	int64_t i;

	for (i = 0; a && i < n; i++) {
		const struct eng_thread *p = fx_parent_of(s, a);

		if (!p || p == a)
			return NULL;
		a = fx_main_thread(s, p);
	}
	return a;
}

bool f_proc_aname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct eng_thread *a;

	NEED_THREAD(e);
	a = ancestor(s, e->thread, r->has_arg ? r->idx : 1);
	if (!a)
		return false;
	sbuf_puts(o, a->comm);
	return true;
}

/* The text of t that member (an offset in struct eng_thread) is, or false without t. */
static bool put_member(struct sbuf *o, const struct eng_thread *t, size_t member)
{
	if (!t)
		return false;
	sbuf_puts(o, *(char *const *)((const char *)t + member));
	return true;
}

/*
 * proc.aexe, proc.aexepath (argv[0] and executable of an ancestor, as
 * proc.aname), proc.pexe, proc.pexepath (those of the parent process).
 */
#define RELATIVE_FN(fn, anc, member)                                                 \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,  \
		const struct eng_fref *r)                                            \
	{                                                                            \
		NEED_THREAD(e);                                                      \
		return put_member(o,                                                 \
				  anc ? ancestor(s, e->thread, r->has_arg ? r->idx : 1) :    \
					fx_parent_of(s, e->thread),                  \
				  offsetof(struct eng_thread, member));              \
	}
RELATIVE_FN(f_proc_aexe, true, exe)
RELATIVE_FN(f_proc_aexepath, true, exepath)
RELATIVE_FN(f_proc_pexe, false, exe)
RELATIVE_FN(f_proc_pexepath, false, exepath)

bool f_proc_pcmdline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	const struct eng_thread *p;

	(void)r;
	NEED_THREAD(e);
	if (!(p = fx_parent_of(s, e->thread)))
		return false;
	return put_cmdline(o, p);
}

bool f_proc_pvpid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	const struct eng_thread *p;

	(void)r;
	NEED_THREAD(e);
	if (!(p = eng_state_thread(s, e->thread->ptid)))
		return false;
	sbuf_put_i64(o, p->vpid);
	return true;
}

bool f_proc_apid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	const struct eng_thread *a;

	NEED_THREAD(e);
	a = ancestor(s, e->thread, r->has_arg ? r->idx : 1);
	if (!a)
		return false;
	sbuf_put_i64(o, a->pid);
	return true;
}

bool f_proc_vpid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (e->thread->vpid == -1)
		return false;
	sbuf_put_i64(o, e->thread->vpid);
	return true;
}

bool f_proc_sid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_i64(o, e->thread->sid);
	return true;
}

bool f_proc_vpgid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_i64(o, e->thread->vpgid);
	return true;
}

bool f_proc_pgid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		 const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (e->thread->pgid == -1)
		return false;
	sbuf_put_i64(o, e->thread->pgid);
	return true;
}

bool f_proc_tty(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_u64(o, e->thread->tty);
	return true;
}

/* Whether t lives in a pid namespace of its own (libsinsp's is_in_pid_namespace). */
static bool in_pidns(const struct eng_thread *t)
{
	return (t->flags & PPM_CL_CHILD_IN_PIDNS) || (t->vtid != -1 && t->vtid != t->tid);
}

/*
 * The leader of the group (session or process group) id of t, as libsinsp
 * finds it: the thread of that id, or inside a pid namespace (where the id
 * is a virtual one) the oldest ancestor with the same id; NULL if none.
 */
static const struct eng_thread *group_leader(const struct eng_state *s,
					     const struct eng_thread *t, bool session)
{
	int64_t id = session ? t->sid : t->vpgid;
	const struct eng_thread *a, *leader = NULL;
	int64_t n;

	if (id == -1)
		return NULL;
	if (!in_pidns(t) && (leader = eng_state_thread(s, id)))
		return leader;
	for (n = 1; (a = ancestor(s, t, n)) && (session ? a->sid : a->vpgid) == id; n++)
		leader = a;
	return leader;
}

/* proc.sname, proc.sid.exe, ..., proc.vpgid.exepath: the leader's comm, exe or exepath. */
static bool put_leader(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       bool session, size_t member)
{
	const struct eng_thread *l;

	NEED_THREAD(e);
	l = group_leader(s, e->thread, session);
	put_member(o, l, member);
	return true;
}

#define LEADER_FN(fn, session, member)                                                 \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,  \
		const struct eng_fref *r)                                            \
	{                                                                            \
		(void)r;                                                             \
		return put_leader(o, s, e, session,                                  \
				  offsetof(struct eng_thread, member));              \
	}
LEADER_FN(f_proc_sname, true, comm)
LEADER_FN(f_proc_sid_exe, true, exe)
LEADER_FN(f_proc_sid_exepath, true, exepath)
LEADER_FN(f_proc_vpgid_name, false, comm)
LEADER_FN(f_proc_vpgid_exe, false, exe)
LEADER_FN(f_proc_vpgid_exepath, false, exepath)

bool f_proc_is_sid_leader(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	return fx_put_bool(o, e->thread->sid == e->thread->vpid);
}

bool f_proc_is_vpgid_leader(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	return fx_put_bool(o, e->thread->vpgid == e->thread->vpid);
}

/* proc.is_exe_writable, ...: a flag execve (or the process list) gave the executable. */
#define EXE_FLAG_FN(fn, flag)                                                        \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,  \
		const struct eng_fref *r)                                            \
	{                                                                            \
		UNUSED_ARGS;                                                         \
		NEED_THREAD(e);                                                      \
		return fx_put_bool(o, e->thread->exe_flags & (flag));                \
	}
EXE_FLAG_FN(f_proc_is_exe_writable, ENG_EXE_WRITABLE)
EXE_FLAG_FN(f_proc_is_exe_upper_layer, ENG_EXE_UPPER_LAYER)
EXE_FLAG_FN(f_proc_is_exe_lower_layer, ENG_EXE_LOWER_LAYER)
EXE_FLAG_FN(f_proc_is_exe_from_memfd, ENG_EXE_FROM_MEMFD)

/* proc.exe_ino, proc.exe_ino.ctime, proc.exe_ino.mtime: <NA> when 0 (unknown). */
#define EXE_INO_FN(fn, member)                                                       \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,  \
		const struct eng_fref *r)                                            \
	{                                                                            \
		UNUSED_ARGS;                                                         \
		NEED_THREAD(e);                                                      \
		if (!e->thread->member)                                              \
			return false;                                                \
		sbuf_put_u64(o, e->thread->member);                                  \
		return true;                                                         \
	}
EXE_INO_FN(f_proc_exe_ino, exe_ino)
EXE_INO_FN(f_proc_exe_ino_ctime, exe_ino_ctime)
EXE_INO_FN(f_proc_exe_ino_mtime, exe_ino_mtime)

/* Capability names by bit number (linux/capability.h). */
static const char *const cap_names[] = {
	"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
	"CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
	"CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
	"CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
	"CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
	"CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
	"CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
	"CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
	"CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
};

/* thread.cap_*: the names of the set's capabilities, space-separated. */
#define CAP_FN(fn, member)                                                           \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,  \
		const struct eng_fref *r)                                            \
	{                                                                            \
		const char *sep = "";                                                \
		size_t i;                                                            \
                                                                                     \
		UNUSED_ARGS;                                                         \
		NEED_THREAD(e);                                                      \
		for (i = 0; i < sizeof(cap_names) / sizeof(cap_names[0]); i++) {     \
			if (e->thread->member & (1ULL << i)) {                       \
				sbuf_puts(o, sep);                                   \
				sbuf_puts(o, cap_names[i]);                          \
				sep = " ";                                           \
			}                                                            \
		}                                                                    \
		return true;                                                         \
	}
CAP_FN(f_thread_cap_permitted, cap_permitted)
CAP_FN(f_thread_cap_effective, cap_effective)
CAP_FN(f_thread_cap_inheritable, cap_inheritable)

bool f_proc_fdlimit(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	const struct eng_thread *m;

	(void)r;
	NEED_THREAD(e);
	m = fx_main_thread(s, e->thread);
	sbuf_put_i64(o, (m ? m : e->thread)->fdlimit);
	return true;
}

bool f_proc_fdopencount(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	int64_t n;

	(void)r;
	NEED_THREAD(e);
	n = e->thread->fdtab ? (int64_t)e->thread->fdtab->fds.count : 0;
	/* as libsinsp, a close's fd counts until its exit is done with */
	sbuf_put_i64(o, n + (e->info.fd == &s->closed));
	return true;
}

bool f_proc_env(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	put_args(o, &e->thread->env);
	return true;
}

bool f_thread_tid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_i64(o, e->ev.tid); /* libsinsp gives it without a thread too */
	return true;
}

bool f_thread_vtid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (e->thread->vtid == -1)
		return false;
	sbuf_put_i64(o, e->thread->vtid);
	return true;
}

bool f_thread_ismain(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	return fx_put_bool(o, e->thread->tid == e->thread->pid);
}

/* thread.cpu*: on procinfo events only, with one decimal as libsinsp prints its doubles. */
static bool put_cpu(struct sbuf *o, const struct eng_evt *e, bool user, bool sys)
{
	NEED_THREAD(e);
	if (e->ev.type != EV_PROCINFO_E)
		return false;
	sbuf_put_u64(o, eng_thread_cpu(e->thread, user, sys));
	sbuf_puts(o, ".0");
	return true;
}

bool f_thread_cpu(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	UNUSED_ARGS;
	return put_cpu(o, e, true, true);
}

bool f_thread_cpu_user(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	return put_cpu(o, e, true, false);
}

bool f_thread_cpu_system(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	UNUSED_ARGS;
	return put_cpu(o, e, false, true);
}

/*
 * thread.vmsize, thread.vmrss (the main thread's, 0 for the others),
 * their .b forms in bytes, and proc.vmsize, proc.vmrss, proc.vmswap (the
 * event's thread's), as libsinsp has them.
 */
#define MEM_FN(fn, member, main_only, scale)                                             \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,      \
		const struct eng_fref *r)                                                \
	{                                                                                \
		const struct eng_thread *t = e->thread;                                  \
                                                                                         \
		UNUSED_ARGS;                                                             \
		NEED_THREAD(e);                                                          \
		sbuf_put_u64(o, main_only && t->tid != t->pid ? 0 :                      \
					(uint64_t)t->member * scale);                    \
		return true;                                                             \
	}
MEM_FN(f_thread_vmsize, vmsize_kb, true, 1)
MEM_FN(f_thread_vmrss, vmrss_kb, true, 1)
MEM_FN(f_thread_vmsize_b, vmsize_kb, true, 1024)
MEM_FN(f_thread_vmrss_b, vmrss_kb, true, 1024)
MEM_FN(f_proc_vmsize, vmsize_kb, false, 1)
MEM_FN(f_proc_vmrss, vmrss_kb, false, 1)
MEM_FN(f_proc_vmswap, vmswap_kb, false, 1)
MEM_FN(f_thread_pfmajor, pfmajor, false, 1)
MEM_FN(f_thread_pfminor, pfminor, false, 1)

bool f_proc_nthreads(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	uint64_t n;

	(void)r;
	NEED_THREAD(e);
	/* a thread outside the table (a container record's) counts itself */
	n = eng_state_nthreads(s, e->thread->pid, NULL);
	sbuf_put_u64(o, n ? n : 1);
	return true;
}

bool f_proc_nchilds(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	uint64_t n;

	(void)r;
	NEED_THREAD(e);
	eng_state_nthreads(s, e->thread->pid, &n);
	sbuf_put_u64(o, n);
	return true;
}

/* ---- user.*, group.* ---- */

bool f_user_uid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_u64(o, e->thread->uid);
	return true;
}

static const struct eng_user *evt_user(const struct eng_state *s, const struct eng_evt *e)
{
	return e->thread ? eng_state_user(s, e->thread->uid) : NULL;
}

/* user.name, user.homedir, user.shell: a text of the event's user. */
#define USER_STR_FN(fn, member)                                                              \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,          \
		const struct eng_fref *r)                                                    \
	{                                                                                    \
		const struct eng_user *u = evt_user(s, e);                                   \
                                                                                             \
		(void)r;                                                                     \
		if (!u)                                                                      \
			return false;                                                        \
		sbuf_puts(o, u->member);                                                     \
		return true;                                                                 \
	}
USER_STR_FN(f_user_name, name)
USER_STR_FN(f_user_homedir, home)
USER_STR_FN(f_user_shell, shell)

bool f_user_loginuid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_i64(o, e->thread->loginuid < UINT32_MAX ? (int64_t)e->thread->loginuid : -1);
	return true;
}

/* The login user's name; root for loginuid 0 even without a user list. */
bool f_user_loginname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct eng_user *u;

	(void)r;
	NEED_THREAD(e);
	u = eng_state_user(s, e->thread->loginuid);
	if (u)
		sbuf_puts(o, u->name);
	else if (e->thread->loginuid == 0)
		sbuf_puts(o, "root");
	else
		return false;
	return true;
}

bool f_group_gid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_u64(o, e->thread->gid);
	return true;
}

bool f_group_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct eng_user *g;

	(void)r;
	if (!e->thread || !(g = eng_state_group(s, e->thread->gid)))
		return false;
	sbuf_puts(o, g->name);
	return true;
}

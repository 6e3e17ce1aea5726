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

/* The groups of a process: its session, its process group in its pid namespace and on the host. */
enum group { GROUP_SID, GROUP_VPGID, GROUP_PGID };

static int64_t group_id(const struct eng_thread *t, enum group g)
{
	return g == GROUP_SID ? t->sid : g == GROUP_VPGID ? t->vpgid : t->pgid;
}

/*
 * The leader of group g of t, as libsinsp finds it: the thread of that id,
 * or where the id is a virtual one inside a pid namespace (or no thread
 * has it) the oldest ancestor with the same id; NULL if none.
 */
static const struct eng_thread *group_leader(const struct eng_state *s,
					     const struct eng_thread *t, enum group g)
{
	int64_t id = group_id(t, g);
	const struct eng_thread *a, *leader = NULL;
	int64_t n;

	if (id == -1)
		return NULL;
	if ((g == GROUP_PGID || !in_pidns(t)) && (leader = eng_state_thread(s, id)))
		return leader;
	for (n = 1; (a = ancestor(s, t, n)) && group_id(a, g) == id; n++)
		leader = a;
	return leader;
}

/* proc.sname, proc.sid.exe, ..., proc.pgid.exepath: the leader's comm, exe or exepath. */
static bool put_leader(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       enum group g, size_t member)
{
	const struct eng_thread *l;

	NEED_THREAD(e);
	l = group_leader(s, e->thread, g);
	put_member(o, l, member);
	return true;
}

#define LEADER_FN(fn, group, member)                                                 \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,  \
		const struct eng_fref *r)                                            \
	{                                                                            \
		(void)r;                                                             \
		return put_leader(o, s, e, group,                                    \
				  offsetof(struct eng_thread, member));              \
	}
LEADER_FN(f_proc_sname, GROUP_SID, comm)
LEADER_FN(f_proc_sid_exe, GROUP_SID, exe)
LEADER_FN(f_proc_sid_exepath, GROUP_SID, exepath)
LEADER_FN(f_proc_vpgid_name, GROUP_VPGID, comm)
LEADER_FN(f_proc_vpgid_exe, GROUP_VPGID, exe)
LEADER_FN(f_proc_vpgid_exepath, GROUP_VPGID, exepath)
LEADER_FN(f_proc_pgid_name, GROUP_PGID, comm)
LEADER_FN(f_proc_pgid_exe, GROUP_PGID, exe)
LEADER_FN(f_proc_pgid_exepath, GROUP_PGID, exepath)

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

bool f_proc_is_pgid_leader(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	return fx_put_bool(o, e->thread->pgid == e->thread->pid);
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

/* proc.exe_ino, proc.exe_ino.ctime, ..., proc.pidns_init_start_ts: <NA> when 0 (unknown). */
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
EXE_INO_FN(f_proc_ctime_to_clone, exe_ino_ctime_to_clone)
EXE_INO_FN(f_proc_ctime_from_pidns, exe_ino_ctime_from_pidns)
EXE_INO_FN(f_proc_pidns_init_start_ts, pidns_init_start_ts)

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

/* The fds e's thread has open; as libsinsp, a close's fd counts until its exit is done with. */
static int64_t fd_opencount(const struct eng_state *s, const struct eng_evt *e)
{
	int64_t n = e->thread->fdtab ? (int64_t)e->thread->fdtab->fds.count : 0;

	return n + (e->info.fd == &s->closed);
}

bool f_proc_fdopencount(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	(void)r;
	NEED_THREAD(e);
	sbuf_put_i64(o, fd_opencount(s, e));
	return true;
}

/* Open fds in % of the limit, with one decimal as libsinsp prints its doubles; 0 without one. */
bool f_proc_fdusage(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	const struct eng_thread *m;
	int64_t limit, n;
	double pct = 0;

	(void)r;
	NEED_THREAD(e);
	m = fx_main_thread(s, e->thread);
	limit = (m ? m : e->thread)->fdlimit;
	n = fd_opencount(s, e);
	if (limit > 0)
		pct = n <= limit ? (double)n * 100 / (double)limit : 100;
	sbuf_printf(o, "%.1f", pct);
	return true;
}

/*
 * The value of variable name in the environment of t's process, without
 * the spaces around it, as libsinsp; false if t's process has no such one.
 */
static bool put_env_var(struct sbuf *o, const struct eng_state *s, const struct eng_thread *t,
			const char *name)
{
	const struct eng_thread *m = fx_main_thread(s, t);
	const struct eng_blob *env = m ? &m->env : &t->env;
	size_t nlen = strlen(name), i = 0, len;
	const char *v;

	while (i < env->len) {
		v = env->p + i;
		len = strnlen(v, env->len - i);
		if (len > nlen + 1 && v[nlen] == '=' && memcmp(v, name, nlen) == 0) {
			const char *b = v + nlen + 1, *end = v + len;

			while (b < end && *b == ' ')
				b++;
			while (end > b && end[-1] == ' ')
				end--;
			sbuf_put(o, b, (size_t)(end - b));
			return true;
		}
		i += len + 1;
	}
	return false;
}

/* proc.env, or proc.env[NAME]: one variable's value ("" if unset). */
bool f_proc_env(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r)
{
	NEED_THREAD(e);
	if (r->has_arg && r->idx < 0)
		put_env_var(o, s, e->thread, r->name);
	else
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

bool f_proc_exeline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_puts(o, e->thread->exe);
	sbuf_putc(o, ' ');
	put_args(o, &e->thread->args);
	return true;
}

/* proc.cmdnargs (how many arguments), proc.cmdlenargs (their length, summed). */
bool f_proc_cmdnargs(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	const struct eng_blob *a;
	uint64_t n = 0, len = 0;
	uint32_t i;

	(void)s;
	NEED_THREAD(e);
	a = &e->thread->args;
	for (i = 0; i < a->len; n++) {
		size_t l = strnlen(a->p + i, a->len - i);

		len += l;
		i += (uint32_t)l + 1;
	}
	sbuf_put_u64(o, strcmp(r->f->name, "proc.cmdnargs") == 0 ? n : len);
	return true;
}

/* proc.duration: ns since the clone that made the thread; <NA> if the capture did not show it. */
bool f_proc_duration(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (!e->thread->clone_ts)
		return false;
	sbuf_put_i64(o, (int64_t)(e->ev.ts - e->thread->clone_ts));
	return true;
}

bool f_proc_ppid_duration(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	const struct eng_thread *p;

	(void)r;
	NEED_THREAD(e);
	if (!(p = fx_parent_of(s, e->thread)) || !p->clone_ts)
		return false;
	sbuf_put_i64(o, (int64_t)(e->ev.ts - p->clone_ts));
	return true;
}

/* proc.pid.ts: the time of the clone that made the thread. */
bool f_proc_pid_ts(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (!e->thread->clone_ts)
		return false;
	sbuf_put_u64(o, e->thread->clone_ts);
	return true;
}

/* proc.ppid.ts: that of the parent thread, 0 if unknown, as libsinsp gives it. */
bool f_proc_ppid_ts(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	const struct eng_thread *p;

	(void)r;
	NEED_THREAD(e);
	if (!(p = eng_state_thread(s, e->thread->ptid)))
		return false;
	sbuf_put_u64(o, p->clone_ts);
	return true;
}

/*
 * The process after a in the line of t's ancestors (a's parent process),
 * or NULL at its end or where it loops (after more steps than threads).
 */
static const struct eng_thread *next_ancestor(const struct eng_state *s,
					      const struct eng_thread *a, size_t *steps)
{
	const struct eng_thread *p = fx_parent_of(s, a);

	if (!p || p == a || ++*steps > s->threads.count)
		return NULL;
	return fx_main_thread(s, p);
}

/* proc.loginshellid: the pid of the oldest process, t's own or an ancestor, named *sh. */
bool f_proc_loginshellid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct eng_thread *a, *shell = NULL;
	size_t steps = 0;

	(void)r;
	NEED_THREAD(e);
	for (a = fx_main_thread(s, e->thread); a; a = next_ancestor(s, a, &steps)) {
		size_t n = strlen(a->comm);

		if (n >= 2 && strcmp(a->comm + n - 2, "sh") == 0)
			shell = a;
	}
	if (!shell)
		return false;
	sbuf_put_i64(o, shell->pid);
	return true;
}

/*
 * proc.aargs, proc.acmdline: those of ancestor [N] (0 the process itself),
 * or without N those of all ancestors, parent first, space-separated.
 */
static bool put_ancestors(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r, bool cmdline)
{
	const struct eng_thread *a;
	size_t steps = 0, start = o->len;

	NEED_THREAD(e);
	if (r->has_arg) {
		if (!(a = ancestor(s, e->thread, r->idx)))
			return false;
		if (cmdline)
			put_cmdline(o, a);
		else
			put_args(o, &a->args);
		return true;
	}
	if (!(a = fx_main_thread(s, e->thread)))
		return false;
	while ((a = next_ancestor(s, a, &steps))) {
		if (o->len > start)
			sbuf_putc(o, ' ');
		if (cmdline)
			put_cmdline(o, a);
		else
			put_args(o, &a->args);
	}
	return o->len > start;
}

bool f_proc_aargs(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	return put_ancestors(o, s, e, r, false);
}

bool f_proc_acmdline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	return put_ancestors(o, s, e, r, true);
}

/*
 * proc.aenv[N]: the environment of ancestor N by parent thread id; [0] or
 * none: proc.env. proc.aenv[NAME]: the variable's value in the nearest of
 * 20 ancestors that has it, not the process itself, as libsinsp ("" if none).
 */
bool f_proc_aenv(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		 const struct eng_fref *r)
{
	const struct eng_thread *a;
	size_t start = o->len;
	int64_t i;

	NEED_THREAD(e);
	a = e->thread;
	if (r->has_arg && r->idx < 0) {
		a = fx_main_thread(s, a);
		for (i = 0; a && i < 20 && o->len == start; i++)
			if ((a = eng_state_thread(s, a->ptid)))
				put_env_var(o, s, a, r->name);
		return true;
	}
	if (r->has_arg && r->idx > 0) {
		a = fx_main_thread(s, a);
		for (i = 0; a && i < r->idx; i++)
			a = eng_state_thread(s, a->ptid);
		if (!a)
			return false;
	}
	put_args(o, &a->env);
	return true;
}

bool f_thread_nametid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_puts(o, e->thread->comm);
	sbuf_put_i64(o, e->ev.tid);
	return true;
}

/* proc.stdin.name, proc.stdout.type, ...: fd.name or fd.type of fd 0, 1 or 2. */
bool f_proc_stdfd(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	static const char *const names[] = { "proc.stdin.", "proc.stdout.", "proc.stderr." };
	const struct eng_fd *f = NULL;
	int64_t fd;

	(void)s;
	NEED_THREAD(e);
	for (fd = 0; fd < 3; fd++)
		if (strncmp(r->f->name, names[fd], strlen(names[fd])) == 0)
			f = eng_state_fd(e->thread, fd);
	if (!f)
		return false;
	sbuf_puts(o, strstr(r->f->name, ".name") ? f->name : eng_fd_typename(f));
	return true;
}

/*
 * The cgroups of t, one subsystem at a time, with libsinsp's names for them
 * (without "_cgroup"; perf_event, memory and blkio for perf, mem and io):
 * calls fn with each; stops and returns true when fn does.
 */
static bool each_cgroup(const struct eng_thread *t,
			bool (*fn)(void *arg, const char *subsys, size_t n, const char *path),
			void *arg)
{
	static const struct { const char *from, *to; } renames[] = {
		{ "perf", "perf_event" }, { "mem", "memory" }, { "io", "blkio" },
	};
	const struct eng_blob *b = &t->cgroups;
	uint32_t i;

	for (i = 0; i < b->len;) {
		const char *def = b->p + i, *eq;
		size_t len = strnlen(def, b->len - i), n, k;

		i += (uint32_t)len + 1;
		if (!(eq = memchr(def, '=', len)))
			continue;
		n = (size_t)(eq - def);
		if (n >= 7 && strncmp(eq - 7, "_cgroup", 7) == 0)
			n -= 7;
		for (k = 0; k < sizeof(renames) / sizeof(renames[0]); k++) {
			if (strlen(renames[k].from) == n && !strncmp(def, renames[k].from, n)) {
				def = renames[k].to;
				n = strlen(def);
				break;
			}
		}
		if (fn(arg, def, n, eq + 1))
			return true;
	}
	return false;
}

static bool put_cgroup(void *arg, const char *subsys, size_t n, const char *path)
{
	struct sbuf *o = arg;

	if (o->len)
		sbuf_putc(o, ' ');
	sbuf_put(o, subsys, n);
	sbuf_putc(o, '=');
	sbuf_puts(o, path);
	return false;
}

bool f_thread_cgroups(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	struct sbuf all;
	bool any;

	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_init(&all);
	each_cgroup(e->thread, put_cgroup, &all);
	any = all.len > 0;
	sbuf_put(o, all.s, all.len);
	sbuf_fini(&all);
	return any;
}

struct cgroup_find {
	const char *name;
	const char *path;
};

static bool find_cgroup(void *arg, const char *subsys, size_t n, const char *path)
{
	struct cgroup_find *f = arg;

	if (strlen(f->name) != n || strncmp(f->name, subsys, n))
		return false;
	f->path = path;
	return true;
}

bool f_thread_cgroup(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	struct cgroup_find f = { r->name, NULL };

	(void)s;
	NEED_THREAD(e);
	if (!each_cgroup(e->thread, find_cgroup, &f))
		return false;
	sbuf_puts(o, f.path);
	return true;
}

/* thread.exectime: at a switch event, ns since the one before it on its CPU; else 0. */
bool f_thread_exectime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	(void)r;
	sbuf_put_u64(o, e->ev.type == EV_SCHEDSWITCH_6_E ? s->exectime : 0);
	return true;
}

bool f_thread_totexectime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_u64(o, e->thread->totexectime);
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

// SPDX-License-Identifier: GPL-2.0-only
/* Field extractors: proc.*, thread.*, user.*, group.*, container.*. */
#include "eng_fields.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "dis_fmt.h"
#include "eng_fields_int.h"
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

bool f_proc_cmdline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_puts(o, e->thread->comm);
	if (e->thread->args.len) {
		sbuf_putc(o, ' ');
		put_args(o, &e->thread->args);
	}
	return true;
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

/* ---- user.*, group.*, container.* ---- */

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
	sbuf_put_i64(o, (int32_t)e->thread->loginuid);
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

bool f_container_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_puts(o, e->thread->container_id[0] ? e->thread->container_id : "host");
	return true;
}

static const struct eng_container *evt_container(const struct eng_state *s,
						 const struct eng_evt *e)
{
	return e->thread ? eng_state_container(s, e->thread->container_id) : NULL;
}

bool f_container_name(struct sbuf *o, const struct eng_state *s,
			     const struct eng_evt *e, const struct eng_fref *r)
{
	const struct eng_container *c;

	(void)r;
	NEED_THREAD(e);
	if (!e->thread->container_id[0]) {
		sbuf_puts(o, "host");
		return true;
	}
	c = evt_container(s, e);
	if (!c || !c->name || !c->name[0])
		return false;
	sbuf_puts(o, c->name);
	return true;
}

bool f_container_image(struct sbuf *o, const struct eng_state *s,
			      const struct eng_evt *e, const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);

	(void)r;
	if (!c || !c->image || !c->image[0])
		return false;
	sbuf_puts(o, c->image);
	return true;
}

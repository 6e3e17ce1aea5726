// SPDX-License-Identifier: GPL-2.0-only
/*
 * Field extractors. Each takes the event and the state as of that event and
 * appends the field's text; numbers are written in decimal, booleans as
 * "true"/"false". Meanings follow sysdig's fields of the same name.
 */
#include "eng_fields.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "dis_fmt.h"
#include "schema.h"

/* ---- dissector context ---- */

struct ctx_bind {
	const struct eng_state *s;
	const struct eng_thread *t;
};

static const char *ctx_comm(const void *arg, int64_t tid)
{
	const struct ctx_bind *b = arg;
	const struct eng_thread *t = eng_state_thread(b->s, tid);

	return t && t->comm[0] ? t->comm : NULL;
}

static bool ctx_fd(const void *arg, int64_t fd, struct dis_fdinfo *out)
{
	const struct ctx_bind *b = arg;
	const struct eng_fd *f = eng_state_fd(b->t, fd);

	if (!f)
		return false;
	out->typechar = eng_fd_typechar(f);
	out->l4proto = eng_fd_l4proto(f);
	out->name = f->name;
	return true;
}

static const char *ctx_user(const void *arg, uint32_t uid)
{
	const struct ctx_bind *b = arg;
	const struct eng_user *u = eng_state_user(b->s, uid);

	return u ? u->name : NULL;
}

static const char *ctx_group(const void *arg, uint32_t gid)
{
	const struct ctx_bind *b = arg;
	const struct eng_user *u = eng_state_group(b->s, gid);

	return u ? u->name : NULL;
}

/* One binding per thread of use; the formats are single-threaded. */
static _Thread_local struct ctx_bind bind;

void eng_dis_ctx(struct dis_ctx *ctx, const struct eng_state *s, const struct eng_evt *e)
{
	bind.s = s;
	bind.t = e->thread;
	memset(ctx, 0, sizeof(*ctx));
	ctx->arg = &bind;
	ctx->has_thread = e->thread != NULL;
	ctx->cwd = e->thread ? e->thread->cwd : NULL;
	ctx->comm = ctx_comm;
	ctx->fd = ctx_fd;
	ctx->user = ctx_user;
	ctx->group = ctx_group;
	ctx->max_buf = DIS_MAX_BUF_OUT;
}

void eng_fmt_time(struct sbuf *o, uint64_t ts)
{
	static _Thread_local time_t last_sec = -1;
	static _Thread_local char hms[16];
	time_t sec = (time_t)(ts / 1000000000ULL);
	struct tm tm;

	if (sec != last_sec) {
		localtime_r(&sec, &tm);
		strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
		last_sec = sec;
	}
	sbuf_puts(o, hms);
	sbuf_putc(o, '.');
	sbuf_put_padded(o, ts % 1000000000ULL, 9);
}

/* ---- helpers ---- */

#define UNUSED_ARGS (void)s, (void)r

static bool put_bool(struct sbuf *o, bool v)
{
	sbuf_puts(o, v ? "true" : "false");
	return true;
}

/* The parameters of e as sysdig 0.29.3 names them. */
static const struct ev_param_info *evt_params(const struct eng_evt *e, unsigned int *n)
{
	return dis_params(&e->ev, DIS_VIEW_COMPAT, n);
}

/* Index of parameter name in e's (sysdig) parameter list, or -1. */
static int evt_param_index(const struct eng_evt *e, const char *name)
{
	static _Thread_local struct {
		const char *name;
		uint16_t type;
		int16_t idx;
	} memo[512];
	const struct ev_param_info *p;
	unsigned int n, i, k = ((uintptr_t)name >> 3 ^ e->ev.type * 31u) & 511;
	int idx = -1;

	p = evt_params(e, &n);
	if (memo[k].name == name && memo[k].type == e->ev.type && memo[k].idx < (int)n)
		return memo[k].idx;
	for (i = 0; i < n; i++) {
		if (strcmp(p[i].name, name) == 0) {
			idx = (int)i;
			break;
		}
	}
	/* cache only names present in the table's full list (n may be short) */
	if (idx >= 0) {
		memo[k].name = name;
		memo[k].type = e->ev.type;
		memo[k].idx = (int16_t)idx;
	}
	return idx;
}

static bool evt_i64(const struct eng_evt *e, const char *name, int64_t *v)
{
	int i = evt_param_index(e, name);
	uint64_t u;

	if (i < 0 || !ev_param_u64(&e->ev, (unsigned int)i, &u))
		return false;
	*v = (int64_t)u;
	return true;
}

/* The result of an exit: "res", or "fd" of an exit that creates an fd. */
static bool evt_result(const struct eng_evt *e, int64_t *res)
{
	if (evt_i64(e, "res", res))
		return true;
	return !ev_type_is_enter(e->ev.type) && (eng_event_flags(e->ev.type) & EV_F_CREATES_FD) &&
	       evt_i64(e, "fd", res);
}

static const struct eng_thread *main_thread(const struct eng_state *s, const struct eng_thread *t)
{
	const struct eng_thread *m;

	if (t->tid == t->pid)
		return t;
	m = eng_state_thread(s, t->pid);
	return m ? m : NULL;
}

/* The thread that is the parent of t's process. */
static const struct eng_thread *parent_of(const struct eng_state *s, const struct eng_thread *t)
{
	const struct eng_thread *m = main_thread(s, t);

	return m ? eng_state_thread(s, m->ptid) : NULL;
}

/* The fd the event works on, as libsinsp's fd filter checks find it. */
static const struct eng_fd *evt_fd(const struct eng_evt *e)
{
	const struct eng_thread *t = e->thread;

	if (!t || !(eng_event_flags(e->ev.type) &
		    (EV_F_CREATES_FD | EV_F_USES_FD | EV_F_DESTROYS_FD)))
		return NULL;
	if (e->info.fd)
		return e->info.fd;
	return eng_state_fd(t, t->lastevent_fd);
}

static bool is_fd_event(const struct eng_evt *e)
{
	return e->thread && (eng_event_flags(e->ev.type) &
			     (EV_F_CREATES_FD | EV_F_USES_FD | EV_F_DESTROYS_FD));
}

/* Path parameter of an fd-creating exit, resolved: fd.name of a failed open. */
static bool creator_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	const struct ev_param_info *params;
	struct sbuf val, res;
	struct dis_ctx ctx;
	unsigned int n;
	int i = -1;

	if (ev_type_is_enter(e->ev.type))
		return false;
	switch (e->ev.type) {
	case EV_SYSCALL_OPEN_X:
	case EV_SYSCALL_CREAT_X:
	case EV_SOCKET_ACCEPT_X:
	case EV_SOCKET_ACCEPT_5_X:
	case EV_SOCKET_ACCEPT4_X:
	case EV_SOCKET_ACCEPT4_5_X:
	case EV_SOCKET_CONNECT_X:
		i = 1;
		break;
	default:
		return true; /* the fd name is empty */
	}
	params = evt_params(e, &n);
	if ((unsigned int)i >= n)
		return true;
	eng_dis_ctx(&ctx, s, e);
	ctx.max_buf = 0;
	sbuf_init(&val);
	sbuf_init(&res);
	dis_param_render(&val, &res, &e->ev, params, (unsigned int)i, &ctx);
	sbuf_puts(o, res.len ? res.s : val.s);
	sbuf_fini(&val);
	sbuf_fini(&res);
	return true;
}

/* ---- evt.* ---- */

static bool f_evt_num(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_u64(o, e->num);
	return true;
}

static bool f_evt_time(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	eng_fmt_time(o, e->ev.ts);
	return true;
}

static bool f_evt_datetime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	time_t sec = (time_t)(e->ev.ts / 1000000000ULL);
	struct tm tm;
	char buf[32];

	UNUSED_ARGS;
	localtime_r(&sec, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d ", &tm);
	sbuf_puts(o, buf);
	eng_fmt_time(o, e->ev.ts);
	return true;
}

static bool f_evt_rawtime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_u64(o, e->ev.ts);
	return true;
}

static bool f_evt_rawtime_s(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_u64(o, e->ev.ts / 1000000000ULL);
	return true;
}

static bool f_evt_rawtime_ns(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			     const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_u64(o, e->ev.ts % 1000000000ULL);
	return true;
}

/* The thread's latency as of this event (sysdig: 0 without a thread). */
static bool evt_latency(const struct eng_evt *e, uint64_t *v)
{
	*v = 0;
	if (!e->thread)
		return true;
	if (ev_table[e->ev.type].compat_category & EV_C_INTERNAL)
		return false;
	/* libsinsp gives these no thread: cpu hotplug and the like */
	if (eng_event_flags(e->ev.type) & EV_F_SKIPPARSERESET)
		return true;
	*v = e->thread->latency;
	return true;
}

static bool f_evt_latency(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	uint64_t v;

	UNUSED_ARGS;
	if (!evt_latency(e, &v))
		return false;
	sbuf_put_u64(o, v);
	return true;
}

static bool f_evt_latency_s(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	uint64_t v;

	UNUSED_ARGS;
	if (!evt_latency(e, &v))
		return false;
	sbuf_put_u64(o, v / 1000000000ULL);
	return true;
}

static bool f_evt_latency_ns(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			     const struct eng_fref *r)
{
	uint64_t v;

	UNUSED_ARGS;
	if (!evt_latency(e, &v))
		return false;
	sbuf_put_u64(o, v % 1000000000ULL);
	return true;
}

static bool f_evt_cpu(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_u64(o, e->ev.cpu);
	return true;
}

static bool f_evt_dir(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_putc(o, ev_type_is_enter(e->ev.type) ? '>' : '<');
	return true;
}

static bool f_evt_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	char buf[64];

	UNUSED_ARGS;
	sbuf_puts(o, dis_event_name(&e->ev, buf, sizeof(buf)));
	return true;
}

/* evt.category as sysdig names it; I/O events take the class of their fd. */
static bool f_evt_category(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	static const char *const names[] = {
		[EV_C_UNKNOWN] = "unknown", [EV_C_OTHER] = "other",	[EV_C_FILE] = "file",
		[EV_C_NET] = "net",	    [EV_C_IPC] = "IPC",		[EV_C_MEMORY] = "memory",
		[EV_C_PROCESS] = "process", [EV_C_SLEEP] = "sleep",	[EV_C_SYSTEM] = "system",
		[EV_C_SIGNAL] = "signal",   [EV_C_USER] = "user",	[EV_C_TIME] = "time",
		[EV_C_PROCESSING] = "processing",
	};
	const struct ev_info *info = &ev_table[e->ev.type];
	uint32_t cat = e->ev.type < EV_COMPAT_MAX ? info->compat_category : info->category;
	const struct eng_fd *f = e->info.fd;
	uint16_t sc;

	UNUSED_ARGS;
	if ((e->ev.type == EV_GENERIC_E || e->ev.type == EV_GENERIC_X) &&
	    ev_param_u16(&e->ev, 0, &sc) && sc < EV_SC_COMPAT_MAX)
		cat = ev_sc_compat[sc].category;
	if (cat < sizeof(names) / sizeof(names[0]) && names[cat]) {
		sbuf_puts(o, names[cat]);
	} else if (cat == EV_C_IO_READ || cat == EV_C_IO_WRITE || cat == EV_C_IO_OTHER) {
		if (f && (f->type == 1 || f->type == 2 || f->type == 16))
			sbuf_puts(o, "file");
		else if (f && f->type >= 3 && f->type <= 6)
			sbuf_puts(o, "net");
		else if (f && (f->type == 7 || f->type == 8 || f->type == 9 || f->type == 11 ||
			       f->type == 13))
			sbuf_puts(o, "ipc");
		else
			sbuf_puts(o, "unknown");
	} else if (cat == EV_C_WAIT) {
		sbuf_puts(o, "wait");
	} else if (cat == EV_C_SCHEDULER) {
		sbuf_puts(o, "scheduler");
	} else {
		sbuf_puts(o, "unknown");
	}
	return true;
}

static bool f_evt_args(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	struct dis_ctx ctx;

	(void)r;
	eng_dis_ctx(&ctx, s, e);
	dis_args_render(o, &e->ev, DIS_VIEW_COMPAT, &ctx);
	if (o->len && o->s[o->len - 1] == ' ')
		sbuf_truncate(o, o->len - 1);
	return true;
}

/* The parameter an evt.arg/evt.rawarg reference names, or -1. */
static int arg_index(const struct eng_evt *e, const struct eng_fref *r)
{
	unsigned int n;

	if (r->name[0])
		return evt_param_index(e, r->name);
	evt_params(e, &n);
	return r->idx >= 0 && r->idx < (int64_t)n ? (int)r->idx : -1;
}

static bool f_evt_arg(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct ev_param_info *params;
	struct sbuf val, res;
	struct dis_ctx ctx;
	unsigned int n;
	int i = arg_index(e, r);

	if (i < 0)
		return false;
	params = evt_params(e, &n);
	eng_dis_ctx(&ctx, s, e);
	sbuf_init(&val);
	sbuf_init(&res);
	dis_param_render(&val, &res, &e->ev, params, (unsigned int)i, &ctx);
	sbuf_puts(o, res.len ? res.s : val.s);
	sbuf_fini(&val);
	sbuf_fini(&res);
	return true;
}

static bool f_evt_rawarg(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct ev_param_info *params;
	const uint8_t *p;
	unsigned int n;
	int64_t len;
	int i = arg_index(e, r);

	(void)s;
	if (i < 0)
		return false;
	params = evt_params(e, &n);
	len = ev_param(&e->ev, (unsigned int)i, &p);
	if (len < 0)
		return false;
	switch (params[i].type) {
	case EV_PT_CHARBUF:
	case EV_PT_FSPATH:
	case EV_PT_FSRELPATH:
		sbuf_put(o, p, len > 0 && p[len - 1] == 0 ? (size_t)len - 1 : (size_t)len);
		return true;
	case EV_PT_BYTEBUF:
		sbuf_put(o, p, (size_t)len);
		return true;
	default:
		break;
	}
	if (len == 8)
		sbuf_put_i64(o, (int64_t)buf_le64(p));
	else if (len == 4)
		sbuf_put_i64(o, params[i].type == EV_PT_INT32 || params[i].type == EV_PT_FD32 ||
					params[i].type == EV_PT_PID32 ?
				       (int64_t)(int32_t)buf_le32(p) :
				       (int64_t)buf_le32(p));
	else if (len == 2)
		sbuf_put_i64(o, params[i].type == EV_PT_INT16 ? (int16_t)buf_le16(p) : buf_le16(p));
	else if (len == 1)
		sbuf_put_i64(o, params[i].type == EV_PT_INT8 ? (int8_t)p[0] : p[0]);
	else
		sbuf_put(o, p, (size_t)len);
	return true;
}

static bool f_evt_res(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const char *name;
	int64_t res;

	UNUSED_ARGS;
	if (!evt_result(e, &res))
		return false;
	if (res >= 0) {
		sbuf_puts(o, "SUCCESS");
		return true;
	}
	name = ev_tok_name(EV_TT_errno, 0 - (uint64_t)res);
	if (name)
		sbuf_puts(o, name);
	else
		sbuf_put_i64(o, res);
	return true;
}

static bool f_evt_rawres(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	int64_t res;

	UNUSED_ARGS;
	if (!evt_result(e, &res))
		return false;
	sbuf_put_i64(o, res);
	return true;
}

static bool f_evt_failed(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	int64_t res;

	UNUSED_ARGS;
	return put_bool(o, evt_result(e, &res) && res < 0);
}

static bool f_evt_is_io(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	return put_bool(o, eng_event_flags(e->ev.type) & (EV_F_READS_FROM_FD | EV_F_WRITES_TO_FD));
}

static bool f_evt_is_io_read(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			     const struct eng_fref *r)
{
	UNUSED_ARGS;
	return put_bool(o, eng_event_flags(e->ev.type) & EV_F_READS_FROM_FD);
}

static bool f_evt_is_io_write(struct sbuf *o, const struct eng_state *s,
			      const struct eng_evt *e, const struct eng_fref *r)
{
	UNUSED_ARGS;
	return put_bool(o, eng_event_flags(e->ev.type) & EV_F_WRITES_TO_FD);
}

static bool f_evt_io_dir(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	uint32_t fl = eng_event_flags(e->ev.type);

	UNUSED_ARGS;
	if (fl & EV_F_WRITES_TO_FD)
		sbuf_puts(o, "write");
	else if (fl & EV_F_READS_FROM_FD)
		sbuf_puts(o, "read");
	else
		return false;
	return true;
}

static bool f_evt_is_wait(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	return put_bool(o, eng_event_flags(e->ev.type) & EV_F_WAITS);
}

/* ---- proc.*, thread.* ---- */

#define NEED_THREAD(e)                   \
	do {                             \
		if (!(e)->thread)        \
			return false;    \
	} while (0)

static bool f_proc_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (!e->thread->comm[0])
		return false;
	sbuf_puts(o, e->thread->comm);
	return true;
}

static bool f_proc_pid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_i64(o, e->thread->pid);
	return true;
}

static bool f_proc_ppid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	const struct eng_thread *m;

	(void)r;
	NEED_THREAD(e);
	m = main_thread(s, e->thread);
	if (!m)
		return false;
	sbuf_put_i64(o, m->ptid);
	return true;
}

static bool f_proc_exe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_puts(o, e->thread->exe);
	return true;
}

static bool f_proc_exepath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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

static bool f_proc_args(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	put_args(o, &e->thread->args);
	return true;
}

static bool f_proc_cmdline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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

static bool f_proc_cwd(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	const struct eng_thread *m;

	(void)r;
	NEED_THREAD(e);
	m = main_thread(s, e->thread);
	sbuf_puts(o, m ? m->cwd : e->thread->cwd);
	return true;
}

static bool f_proc_pname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct eng_thread *p;

	(void)r;
	NEED_THREAD(e);
	p = parent_of(s, e->thread);
	if (!p)
		return false;
	sbuf_puts(o, p->comm);
	return true;
}

/* Ancestor n of t (0 = t's process), or NULL. */
static const struct eng_thread *ancestor(const struct eng_state *s, const struct eng_thread *t,
					 int64_t n)
{
	const struct eng_thread *a = main_thread(s, t);
	int64_t i;

	for (i = 0; a && i < n; i++) {
		const struct eng_thread *p = parent_of(s, a);

		if (!p || p == a)
			return NULL;
		a = main_thread(s, p);
	}
	return a;
}

static bool f_proc_aname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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

static bool f_proc_apid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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

static bool f_proc_vpid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (e->thread->vpid == -1)
		return false;
	sbuf_put_i64(o, e->thread->vpid);
	return true;
}

static bool f_proc_sid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_i64(o, e->thread->sid);
	return true;
}

static bool f_proc_fdlimit(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	const struct eng_thread *m;

	(void)r;
	NEED_THREAD(e);
	m = main_thread(s, e->thread);
	sbuf_put_i64(o, (m ? m : e->thread)->fdlimit);
	return true;
}

static bool f_proc_env(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	put_args(o, &e->thread->env);
	return true;
}

static bool f_thread_tid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_i64(o, e->ev.tid);
	return true;
}

static bool f_thread_vtid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (e->thread->vtid == -1)
		return false;
	sbuf_put_i64(o, e->thread->vtid);
	return true;
}

static bool f_thread_ismain(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	return put_bool(o, e->thread->tid == e->thread->pid);
}

/* ---- fd.* ---- */

static bool f_fd_num(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	UNUSED_ARGS;
	if (!is_fd_event(e))
		return false;
	sbuf_put_i64(o, e->thread->lastevent_fd);
	return true;
}

static bool f_fd_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct eng_fd *f;
	int64_t res;

	(void)r;
	if (!is_fd_event(e))
		return false;
	f = evt_fd(e);
	if (!f || (e->ev.type == EV_SOCKET_CONNECT_X && evt_i64(e, "res", &res) && res < 0))
		return creator_name(o, s, e);
	dis_fmt_sanitized(o, f->name);
	return true;
}

static bool f_fd_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	static const char *const names[] = {
		[1] = "file",	   [2] = "directory", [3] = "ipv4",	 [4] = "ipv6",
		[5] = "ipv4",	   [6] = "ipv6",      [7] = "pipe",	 [8] = "unix",
		[9] = "event",	   [11] = "signalfd", [12] = "eventpoll", [13] = "inotify",
		[14] = "timerfd", [15] = "netlink",  [16] = "file",
	};
	const struct eng_fd *f = evt_fd(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	sbuf_puts(o, f->type < sizeof(names) / sizeof(names[0]) && names[f->type] ? names[f->type] :
										   "<NA>");
	return true;
}

static bool f_fd_typechar(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	const struct eng_fd *f;

	UNUSED_ARGS;
	if (!is_fd_event(e))
		return false;
	f = evt_fd(e);
	if (f) {
		sbuf_putc(o, eng_fd_typechar(f));
		return true;
	}
	/* as sysdig: guess from the call that creates the fd */
	switch (e->ev.type & ~1u) {
	case EV_SYSCALL_OPEN_E:
	case EV_SYSCALL_OPENAT_E:
	case EV_SYSCALL_OPENAT_2_E:
	case EV_SYSCALL_OPENAT2_E:
	case EV_SYSCALL_CREAT_E:
		sbuf_putc(o, 'f');
		return true;
	case EV_SOCKET_SOCKET_E:
	case EV_SOCKET_ACCEPT_E:
	case EV_SOCKET_ACCEPT_5_E:
	case EV_SOCKET_ACCEPT4_E:
	case EV_SOCKET_ACCEPT4_5_E:
		sbuf_putc(o, '4');
		return true;
	case EV_SYSCALL_PIPE_E:
		sbuf_putc(o, 'p');
		return true;
	case EV_SYSCALL_EVENTFD_E:
		sbuf_putc(o, 'e');
		return true;
	case EV_SYSCALL_SIGNALFD_E:
		sbuf_putc(o, 's');
		return true;
	case EV_SYSCALL_TIMERFD_CREATE_E:
		sbuf_putc(o, 't');
		return true;
	case EV_SYSCALL_INOTIFY_INIT_E:
		sbuf_putc(o, 'i');
		return true;
	default:
		return false;
	}
}

static bool f_fd_directory(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	const struct eng_fd *f;
	size_t start = o->len;
	char *slash;

	(void)r;
	if (!is_fd_event(e))
		return false;
	f = evt_fd(e);
	if (!f) {
		creator_name(o, s, e);
	} else {
		if (f->type != 1 && f->type != 2)
			return false;
		dis_fmt_sanitized(o, f->name);
		if (f->type == 2)
			return true;
	}
	slash = strrchr(o->s + start, '/');
	if (slash && slash != o->s + start) {
		if (slash[1])
			sbuf_truncate(o, (size_t)(slash - o->s));
	} else {
		sbuf_truncate(o, start);
		sbuf_putc(o, '/');
	}
	return true;
}

static bool f_fd_filename(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	const struct eng_fd *f = evt_fd(e);
	const char *slash;

	UNUSED_ARGS;
	if (!f || f->type != 1)
		return false;
	slash = strrchr(f->name, '/');
	if (!slash)
		sbuf_putc(o, '/');
	else if (slash[1])
		dis_fmt_sanitized(o, slash + 1);
	else
		dis_fmt_sanitized(o, f->name);
	return true;
}

static bool fd_is_ip(const struct eng_fd *f)
{
	return f && f->type >= 3 && f->type <= 6;
}

static bool fd_is_servsock(const struct eng_fd *f)
{
	return f->type == 5 || f->type == 6;
}

static void put_ip(struct sbuf *o, const struct eng_fd *f, const uint8_t *ip)
{
	if (f->type == 4 || f->type == 6)
		dis_fmt_ipv6(o, ip);
	else
		dis_fmt_ipv4(o, ip);
}

/* The client end of a connected socket (sip/sport), or NULL. */
static const struct eng_fd *fd_client(const struct eng_evt *e)
{
	const struct eng_fd *f = evt_fd(e);

	if (!fd_is_ip(f) || fd_is_servsock(f) || f->role == ENG_ROLE_NONE)
		return NULL;
	return f;
}

/* A socket whose server end is known: a listening socket or a connected one. */
static const struct eng_fd *fd_server(const struct eng_evt *e)
{
	const struct eng_fd *f = evt_fd(e);

	if (!fd_is_ip(f) || (!fd_is_servsock(f) && f->role == ENG_ROLE_NONE))
		return NULL;
	return f;
}

static bool f_fd_cip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	const struct eng_fd *f = fd_client(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	put_ip(o, f, f->sip);
	return true;
}

static bool f_fd_sip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	const struct eng_fd *f = fd_server(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	put_ip(o, f, fd_is_servsock(f) ? f->sip : f->dip);
	return true;
}

static bool f_fd_cport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	const struct eng_fd *f = fd_client(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	sbuf_put_u64(o, f->sport);
	return true;
}

static bool f_fd_sport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	const struct eng_fd *f = fd_server(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	sbuf_put_u64(o, fd_is_servsock(f) ? f->sport : f->dport);
	return true;
}

static bool f_fd_l4proto(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	static const char *const names[] = { "<NA>", "<NA>", "tcp", "udp", "icmp", "raw" };
	const struct eng_fd *f = evt_fd(e);

	UNUSED_ARGS;
	if (!fd_is_ip(f))
		return false;
	sbuf_puts(o, eng_fd_l4proto(f) < 6 ? names[eng_fd_l4proto(f)] : "<NA>");
	return true;
}

static bool f_fd_sockfamily(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	const struct eng_fd *f = evt_fd(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	if (fd_is_ip(f))
		sbuf_puts(o, "ip");
	else if (f->type == 8)
		sbuf_puts(o, "unix");
	else
		return false;
	return true;
}

/* ---- user.*, group.*, container.* ---- */

static bool f_user_uid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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

static bool f_user_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	const struct eng_user *u = evt_user(s, e);

	(void)r;
	if (!u)
		return false;
	sbuf_puts(o, u->name);
	return true;
}

static bool f_user_homedir(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	const struct eng_user *u = evt_user(s, e);

	(void)r;
	if (!u)
		return false;
	sbuf_puts(o, u->home);
	return true;
}

static bool f_user_shell(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct eng_user *u = evt_user(s, e);

	(void)r;
	if (!u)
		return false;
	sbuf_puts(o, u->shell);
	return true;
}

static bool f_user_loginuid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_i64(o, (int32_t)e->thread->loginuid);
	return true;
}

static bool f_group_gid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_put_u64(o, e->thread->gid);
	return true;
}

static bool f_group_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct eng_user *g;

	(void)r;
	if (!e->thread || !(g = eng_state_group(s, e->thread->gid)))
		return false;
	sbuf_puts(o, g->name);
	return true;
}

/* ---- fdlist.* (poll and ppoll) ---- */

enum fdl_kind { FDL_NUMS, FDL_NAMES, FDL_CIPS, FDL_SIPS, FDL_CPORTS, FDL_SPORTS };

/* A comma-separated list over the fds of a poll event, as sysdig makes it. */
static bool fdlist(struct sbuf *o, const struct eng_evt *e, enum fdl_kind kind)
{
	const uint8_t *p;
	size_t start = o->len;
	uint16_t nfds, i;
	int64_t n;
	int idx;

	switch (e->ev.type) {
	case EV_SYSCALL_POLL_E:
	case EV_SYSCALL_PPOLL_E:
		idx = 0;
		break;
	case EV_SYSCALL_POLL_X:
	case EV_SYSCALL_PPOLL_X:
		idx = 1;
		break;
	default:
		return false;
	}
	n = ev_param(&e->ev, (unsigned int)idx, &p);
	if (n < 2 || !e->thread)
		return false;
	nfds = buf_le16(p);
	for (i = 0; i < nfds && 2u + 10u * i + 10u <= (uint64_t)n; i++) {
		int64_t fd = (int64_t)buf_le64(p + 2 + 10 * i);
		const struct eng_fd *f = eng_state_fd(e->thread, fd);
		bool v6 = f && (f->type == 4 || f->type == 6);
		bool added = true;

		switch (kind) {
		case FDL_NUMS:
			sbuf_put_i64(o, fd);
			break;
		case FDL_NAMES:
			sbuf_puts(o, f && f->name[0] ? f->name : "<NA>");
			break;
		case FDL_CIPS:
		case FDL_CPORTS:
			if (f && (f->type == 3 || f->type == 4)) {
				if (kind == FDL_CIPS)
					put_ip(o, f, f->sip);
				else
					sbuf_put_u64(o, f->sport);
			} else {
				added = false;
			}
			break;
		case FDL_SIPS:
			if (f && f->type >= 3 && f->type <= 6) {
				/* sysdig prints a v6 server socket's address as v4 */
				if (f->type == 6)
					dis_fmt_ipv4(o, f->sip);
				else
					put_ip(o, f, f->type == 5 ? f->sip : f->dip);
			} else {
				added = false;
			}
			(void)v6;
			break;
		case FDL_SPORTS:
			if (f && (f->type == 3 || f->type == 4))
				sbuf_put_u64(o, f->dport);
			else
				added = false;
			break;
		}
		if (added)
			sbuf_putc(o, ',');
	}
	if (o->len > start && o->s[o->len - 1] == ',')
		sbuf_truncate(o, o->len - 1);
	return o->len > start;
}

#define FDLIST_FN(fn, kind)                                                                  \
	static bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,   \
		       const struct eng_fref *r)                                             \
	{                                                                                    \
		UNUSED_ARGS;                                                                 \
		return fdlist(o, e, kind);                                                   \
	}
FDLIST_FN(f_fdlist_nums, FDL_NUMS)
FDLIST_FN(f_fdlist_names, FDL_NAMES)
FDLIST_FN(f_fdlist_cips, FDL_CIPS)
FDLIST_FN(f_fdlist_sips, FDL_SIPS)
FDLIST_FN(f_fdlist_cports, FDL_CPORTS)
FDLIST_FN(f_fdlist_sports, FDL_SPORTS)

static bool f_container_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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

static bool f_container_name(struct sbuf *o, const struct eng_state *s,
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

static bool f_container_image(struct sbuf *o, const struct eng_state *s,
			      const struct eng_evt *e, const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);

	(void)r;
	if (!c || !c->image || !c->image[0])
		return false;
	sbuf_puts(o, c->image);
	return true;
}

static const struct eng_field fields[] = {
	{ "evt.num", "event number", f_evt_num, ENG_FK_NUM, ENG_FA_NONE },
	{ "evt.time", "event time as HH:MM:SS.nnnnnnnnn (local time)", f_evt_time, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "evt.datetime", "event date and time (local time)", f_evt_datetime, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "evt.rawtime", "event time in nanoseconds since the epoch", f_evt_rawtime, ENG_FK_NUM,
	  ENG_FA_NONE },
	{ "evt.rawtime.s", "seconds part of evt.rawtime", f_evt_rawtime_s, ENG_FK_NUM,
	  ENG_FA_NONE },
	{ "evt.rawtime.ns", "nanoseconds part of evt.rawtime", f_evt_rawtime_ns, ENG_FK_NUM,
	  ENG_FA_NONE },
	{ "evt.latency", "exit events: ns since the thread's last enter event, else 0",
	  f_evt_latency, ENG_FK_NUM, ENG_FA_NONE },
	{ "evt.latency.s", "seconds part of evt.latency", f_evt_latency_s, ENG_FK_NUM,
	  ENG_FA_NONE },
	{ "evt.latency.ns", "nanoseconds part of evt.latency", f_evt_latency_ns, ENG_FK_NUM,
	  ENG_FA_NONE },
	{ "evt.cpu", "CPU the event happened on", f_evt_cpu, ENG_FK_NUM, ENG_FA_NONE },
	{ "evt.dir", "direction: > enter, < exit", f_evt_dir, ENG_FK_STR, ENG_FA_NONE },
	{ "evt.type", "event type (system call name)", f_evt_type, ENG_FK_STR, ENG_FA_NONE },
	{ "evt.category", "event category: file, net, ipc, IPC, process, memory, wait, ...",
	  f_evt_category, ENG_FK_STR, ENG_FA_NONE },
	{ "evt.args", "all arguments as one string", f_evt_args, ENG_FK_STR, ENG_FA_NONE },
	{ "evt.info", "the arguments, as evt.args", f_evt_args, ENG_FK_STR, ENG_FA_NONE },
	{ "evt.arg", "one argument by name or index (evt.arg.fd, evt.arg[0]), resolved",
	  f_evt_arg, ENG_FK_STR, ENG_FA_NAME },
	{ "evt.rawarg", "one argument by name or index, unresolved (numbers as numbers)",
	  f_evt_rawarg, ENG_FK_DYN, ENG_FA_NAME },
	{ "evt.res", "result: SUCCESS or the errno name", f_evt_res, ENG_FK_STR, ENG_FA_NONE },
	{ "evt.rawres", "result as a number", f_evt_rawres, ENG_FK_NUM, ENG_FA_NONE },
	{ "evt.failed", "true if the call returned an error", f_evt_failed, ENG_FK_BOOL,
	  ENG_FA_NONE },
	{ "evt.is_io", "true for events that read or write an fd", f_evt_is_io, ENG_FK_BOOL,
	  ENG_FA_NONE },
	{ "evt.is_io_read", "true for events that read from an fd", f_evt_is_io_read,
	  ENG_FK_BOOL, ENG_FA_NONE },
	{ "evt.is_io_write", "true for events that write to an fd", f_evt_is_io_write,
	  ENG_FK_BOOL, ENG_FA_NONE },
	{ "evt.io_dir", "read or write, for I/O events", f_evt_io_dir, ENG_FK_STR, ENG_FA_NONE },
	{ "evt.is_wait", "true for events that wait (sleep, poll, ...)", f_evt_is_wait,
	  ENG_FK_BOOL, ENG_FA_NONE },
	{ "proc.name", "process (command) name", f_proc_name, ENG_FK_STR, ENG_FA_NONE },
	{ "proc.pid", "process id", f_proc_pid, ENG_FK_NUM, ENG_FA_NONE },
	{ "proc.ppid", "parent process id", f_proc_ppid, ENG_FK_NUM, ENG_FA_NONE },
	{ "proc.exe", "first command-line argument (argv[0])", f_proc_exe, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "proc.exepath", "full path of the executable", f_proc_exepath, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "proc.args", "command-line arguments after argv[0]", f_proc_args, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "proc.cmdline", "name and arguments", f_proc_cmdline, ENG_FK_STR, ENG_FA_NONE },
	{ "proc.cwd", "working directory", f_proc_cwd, ENG_FK_STR, ENG_FA_NONE },
	{ "proc.pname", "parent process name", f_proc_pname, ENG_FK_STR, ENG_FA_NONE },
	{ "proc.aname", "ancestor name: [1] parent, [2] grandparent, ... ([0] the process)",
	  f_proc_aname, ENG_FK_STR, ENG_FA_OPT_INDEX },
	{ "proc.apid", "ancestor pid, as proc.aname", f_proc_apid, ENG_FK_NUM,
	  ENG_FA_OPT_INDEX },
	{ "proc.vpid", "process id inside its pid namespace", f_proc_vpid, ENG_FK_NUM,
	  ENG_FA_NONE },
	{ "proc.sid", "session id", f_proc_sid, ENG_FK_NUM, ENG_FA_NONE },
	{ "proc.fdlimit", "maximum number of open fds", f_proc_fdlimit, ENG_FK_NUM, ENG_FA_NONE },
	{ "proc.env", "environment variables", f_proc_env, ENG_FK_STR, ENG_FA_NONE },
	{ "thread.tid", "thread id", f_thread_tid, ENG_FK_NUM, ENG_FA_NONE },
	{ "thread.vtid", "thread id inside its pid namespace", f_thread_vtid, ENG_FK_NUM,
	  ENG_FA_NONE },
	{ "thread.ismain", "true for the main thread of a process", f_thread_ismain,
	  ENG_FK_BOOL, ENG_FA_NONE },
	{ "fd.num", "fd number the event works on", f_fd_num, ENG_FK_NUM, ENG_FA_NONE },
	{ "fd.name", "fd name: file path, socket tuple, ...", f_fd_name, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "fd.type", "fd type: file, directory, ipv4, ipv6, unix, pipe, event, ...", f_fd_type,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "fd.typechar", "fd type as one character (f file, 4 IPv4, u unix, ...)", f_fd_typechar,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "fd.directory", "directory of a file fd", f_fd_directory, ENG_FK_STR, ENG_FA_NONE },
	{ "fd.filename", "file name of a file fd, without its directory", f_fd_filename,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "fd.cip", "client IP address of a connected socket", f_fd_cip, ENG_FK_IP,
	  ENG_FA_NONE },
	{ "fd.sip", "server IP address of a socket", f_fd_sip, ENG_FK_IP, ENG_FA_NONE },
	{ "fd.dip", "destination (server) IP address of a socket; as fd.sip", f_fd_sip,
	  ENG_FK_IP, ENG_FA_NONE },
	{ "fd.cport", "client port of a connected socket", f_fd_cport, ENG_FK_NUM,
	  ENG_FA_NONE },
	{ "fd.sport", "server port of a socket", f_fd_sport, ENG_FK_NUM, ENG_FA_NONE },
	{ "fd.dport", "destination (server) port of a socket; as fd.sport", f_fd_sport,
	  ENG_FK_NUM, ENG_FA_NONE },
	{ "fd.l4proto", "IP protocol of a socket: tcp, udp, icmp, raw", f_fd_l4proto,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "fd.sockfamily", "socket family: ip or unix", f_fd_sockfamily, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "user.uid", "user id", f_user_uid, ENG_FK_NUM, ENG_FA_NONE },
	{ "user.name", "user name", f_user_name, ENG_FK_STR, ENG_FA_NONE },
	{ "user.homedir", "home directory of the user", f_user_homedir, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "user.shell", "shell of the user", f_user_shell, ENG_FK_STR, ENG_FA_NONE },
	{ "user.loginuid", "audit login user id (-1 if none)", f_user_loginuid, ENG_FK_NUM,
	  ENG_FA_NONE },
	{ "group.gid", "group id", f_group_gid, ENG_FK_NUM, ENG_FA_NONE },
	{ "group.name", "group name", f_group_name, ENG_FK_STR, ENG_FA_NONE },
	{ "fdlist.nums", "poll events: the fd numbers, comma-separated", f_fdlist_nums,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "fdlist.names", "poll events: the fd names, comma-separated", f_fdlist_names,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "fdlist.cips", "poll events: the client IP addresses of the fds", f_fdlist_cips,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "fdlist.sips", "poll events: the server IP addresses of the fds", f_fdlist_sips,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "fdlist.cports", "poll events: the client ports of the fds", f_fdlist_cports,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "fdlist.sports", "poll events: the server ports of the fds", f_fdlist_sports,
	  ENG_FK_STR, ENG_FA_NONE },
	{ "container.id", "container id (12 characters), or host", f_container_id, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "container.name", "container name, or host", f_container_name, ENG_FK_STR,
	  ENG_FA_NONE },
	{ "container.image", "container image", f_container_image, ENG_FK_STR, ENG_FA_NONE },
	{ NULL, NULL, NULL, 0, 0 },
};

const struct eng_field *eng_field_all(void)
{
	return fields;
}

static bool name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.';
}

int eng_field_parse(const char *text, struct eng_fref *out, struct diag *d)
{
	const struct eng_field *f, *best = NULL;
	size_t n = 0, blen = 0, flen;
	const char *p;
	char *end;

	while (name_char(text[n]))
		n++;
	memset(out, 0, sizeof(*out));
	for (f = fields; f->name; f++) {
		flen = strlen(f->name);
		if (flen > n || strncmp(text, f->name, flen) != 0)
			continue;
		if (flen == n || (f->arg == ENG_FA_NAME && text[flen] == '.')) {
			if (flen > blen) {
				best = f;
				blen = flen;
			}
		}
	}
	if (!best && n == 0) {
		diag_set(d, -EINVAL, 0, "expected a field, found '%c'", text[0]);
		if (d)
			d->col = 0;
		return -1;
	}
	if (!best) {
		diag_set(d, -EINVAL, 0, "unknown field '%.*s'", (int)n, text);
		if (d)
			d->col = 0;
		return -1;
	}
	out->f = best;
	p = text + blen;
	if (best->arg == ENG_FA_NAME && *p == '.') {
		size_t an = n - blen - 1;

		if (an == 0 || an >= sizeof(out->name)) {
			diag_set(d, -EINVAL, 0, "'%s' needs an argument name after the dot",
				 best->name);
			if (d)
				d->col = (uint32_t)blen;
			return -1;
		}
		memcpy(out->name, p + 1, an);
		out->has_arg = true;
		return (int)n;
	}
	if (*p == '[') {
		if (best->arg == ENG_FA_NONE) {
			diag_set(d, -EINVAL, 0, "'%s' takes no argument", best->name);
			if (d)
				d->col = (uint32_t)blen;
			return -1;
		}
		errno = 0;
		out->idx = strtoll(p + 1, &end, 10);
		if (end == p + 1 || *end != ']' || errno || out->idx < 0) {
			diag_set(d, -EINVAL, 0, "'%s[...]' needs a number in brackets", best->name);
			if (d)
				d->col = (uint32_t)blen + 1;
			return -1;
		}
		out->has_arg = true;
		return (int)(end + 1 - text);
	}
	if (best->arg == ENG_FA_NAME || best->arg == ENG_FA_INDEX) {
		diag_set(d, -EINVAL, 0, "'%s' needs an argument, as in %s%s", best->name,
			 best->name, best->arg == ENG_FA_NAME ? ".fd or [0]" : "[1]");
		if (d)
			d->col = (uint32_t)blen;
		return -1;
	}
	return (int)blen;
}

bool eng_field_lookup(const char *name, struct eng_fref *out, struct diag *d)
{
	int n = eng_field_parse(name, out, d);

	if (n < 0)
		return false;
	if (name[n]) {
		diag_set(d, -EINVAL, 0, "unknown field '%s'", name);
		out->f = NULL;
		return false;
	}
	return true;
}

bool eng_field_extract(const struct eng_fref *r, struct sbuf *o, const struct eng_state *s,
		       const struct eng_evt *e)
{
	return r->f->extract(o, s, e, r);
}

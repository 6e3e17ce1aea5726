// SPDX-License-Identifier: GPL-2.0-only
/*
 * Field extractors. Each takes the event and the state as of that event.
 */
#include "eng_fields.h"

#include <string.h>
#include <time.h>

#include "buf.h"
#include "schema.h"

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
	out->l4proto = f->l4proto;
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

bool eng_evt_fd(const struct eng_state *s, const struct eng_evt *e, int64_t *fd)
{
	const struct ev_info *info = ev_info_get(e->ev.type);
	struct ev_view enter;
	uint64_t v;
	int i;

	(void)s;
	if (!info || !(info->flags & (EV_F_USES_FD | EV_F_CREATES_FD | EV_F_DESTROYS_FD)))
		return false;
	i = ev_param_find(e->ev.type, "fd");
	if (i >= 0 && info->params[i].type == EV_PT_FD && ev_param_u64(&e->ev, (unsigned int)i, &v)) {
		*fd = (int64_t)v;
		return true;
	}
	if (eng_state_enter_of(e->thread, &e->ev, &enter)) {
		i = ev_param_find(enter.type, "fd");
		if (i >= 0 && ev_param_u64(&enter, (unsigned int)i, &v)) {
			*fd = (int64_t)v;
			return true;
		}
	}
	return false;
}

static const struct eng_fd *evt_fdinfo(const struct eng_state *s, const struct eng_evt *e)
{
	int64_t fd;

	if (!e->thread || !eng_evt_fd(s, e, &fd))
		return NULL;
	return eng_state_fd(e->thread, fd);
}

/* ---- extractors ---- */

static bool f_evt_num(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	sbuf_put_u64(o, e->num);
	return true;
}

static bool f_evt_time(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	eng_fmt_time(o, e->ev.ts);
	return true;
}

static bool f_evt_rawtime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	sbuf_put_u64(o, e->ev.ts);
	return true;
}

static bool f_evt_cpu(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	sbuf_put_u64(o, e->ev.cpu);
	return true;
}

static bool f_evt_dir(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	sbuf_putc(o, ev_type_is_enter(e->ev.type) ? '>' : '<');
	return true;
}

static bool f_evt_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	char buf[64];

	(void)s;
	sbuf_puts(o, dis_event_name(&e->ev, buf, sizeof(buf)));
	return true;
}

static bool f_evt_args(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	struct dis_ctx ctx;

	eng_dis_ctx(&ctx, s, e);
	dis_args_render(o, &e->ev, DIS_VIEW_CUR, &ctx);
	if (o->len && o->s[o->len - 1] == ' ')
		sbuf_truncate(o, o->len - 1);
	return true;
}

static bool evt_res(const struct eng_evt *e, int64_t *res)
{
	const struct ev_info *info = ev_info_get(e->ev.type);
	uint64_t v;

	if (!info || ev_type_is_enter(e->ev.type) || info->nparams == 0)
		return false;
	if (info->params[0].type != EV_PT_ERRNO && info->params[0].type != EV_PT_FD &&
	    info->params[0].type != EV_PT_PID)
		return false;
	if (!ev_param_u64(&e->ev, 0, &v))
		return false;
	*res = (int64_t)v;
	return true;
}

static bool f_evt_res(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	const char *name;
	int64_t res;

	(void)s;
	if (!evt_res(e, &res))
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

static bool f_evt_rawres(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	int64_t res;

	(void)s;
	if (!evt_res(e, &res))
		return false;
	sbuf_put_i64(o, res);
	return true;
}

static bool f_evt_failed(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	int64_t res;

	(void)s;
	sbuf_puts(o, evt_res(e, &res) && res < 0 ? "true" : "false");
	return true;
}

static bool f_proc_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	if (!e->thread || !e->thread->comm[0])
		return false;
	sbuf_puts(o, e->thread->comm);
	return true;
}

static bool f_proc_pid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	if (!e->thread)
		return false;
	sbuf_put_i64(o, e->thread->pid);
	return true;
}

static bool f_proc_ppid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	const struct eng_thread *main_t;

	if (!e->thread)
		return false;
	main_t = eng_state_thread(s, e->thread->pid);
	sbuf_put_i64(o, main_t ? main_t->ptid : e->thread->ptid);
	return true;
}

static bool f_proc_exe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	if (!e->thread)
		return false;
	sbuf_puts(o, e->thread->exe);
	return true;
}

static bool f_proc_cmdline(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	const struct eng_blob *a;
	uint32_t i;

	(void)s;
	if (!e->thread)
		return false;
	sbuf_puts(o, e->thread->comm);
	a = &e->thread->args;
	for (i = 0; i < a->len;) {
		size_t n = strnlen(a->p + i, a->len - i);

		sbuf_putc(o, ' ');
		sbuf_put(o, a->p + i, n);
		i += (uint32_t)n + 1;
	}
	return true;
}

static bool f_proc_cwd(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	if (!e->thread)
		return false;
	sbuf_puts(o, e->thread->cwd);
	return true;
}

static bool f_thread_tid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	sbuf_put_i64(o, e->ev.tid);
	return true;
}

static bool f_user_uid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	(void)s;
	if (!e->thread)
		return false;
	sbuf_put_u64(o, e->thread->uid);
	return true;
}

static bool f_user_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	const struct eng_user *u;

	if (!e->thread || !(u = eng_state_user(s, e->thread->uid)))
		return false;
	sbuf_puts(o, u->name);
	return true;
}

static bool f_group_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	const struct eng_user *g;

	if (!e->thread || !(g = eng_state_group(s, e->thread->gid)))
		return false;
	sbuf_puts(o, g->name);
	return true;
}

static bool f_fd_num(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	int64_t fd;

	if (!eng_evt_fd(s, e, &fd))
		return false;
	sbuf_put_i64(o, fd);
	return true;
}

static bool f_fd_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	const struct eng_fd *f = evt_fdinfo(s, e);

	if (!f || !f->name[0])
		return false;
	sbuf_puts(o, f->name);
	return true;
}

static bool f_fd_typechar(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	const struct eng_fd *f = evt_fdinfo(s, e);

	if (!f)
		return false;
	sbuf_putc(o, eng_fd_typechar(f));
	return true;
}

static const struct eng_field fields[] = {
	{ "evt.num", "event number", f_evt_num, true },
	{ "evt.time", "event time as HH:MM:SS.nnnnnnnnn (local time)", f_evt_time, false },
	{ "evt.rawtime", "event time in nanoseconds since the epoch", f_evt_rawtime, true },
	{ "evt.cpu", "CPU the event happened on", f_evt_cpu, true },
	{ "evt.dir", "direction: > enter, < exit", f_evt_dir, false },
	{ "evt.type", "event type (system call name)", f_evt_type, false },
	{ "evt.args", "all arguments as one string", f_evt_args, false },
	{ "evt.res", "result: SUCCESS or the errno name", f_evt_res, false },
	{ "evt.rawres", "result as a number", f_evt_rawres, true },
	{ "evt.failed", "true if the call returned an error", f_evt_failed, false },
	{ "proc.name", "process (command) name", f_proc_name, false },
	{ "proc.pid", "process id", f_proc_pid, true },
	{ "proc.ppid", "parent process id", f_proc_ppid, true },
	{ "proc.exe", "first command-line argument (argv[0])", f_proc_exe, false },
	{ "proc.cmdline", "name and arguments", f_proc_cmdline, false },
	{ "proc.cwd", "working directory", f_proc_cwd, false },
	{ "thread.tid", "thread id", f_thread_tid, true },
	{ "user.uid", "user id", f_user_uid, true },
	{ "user.name", "user name", f_user_name, false },
	{ "group.name", "group name", f_group_name, false },
	{ "fd.num", "fd number the event works on", f_fd_num, true },
	{ "fd.name", "fd name: file path, socket tuple, ...", f_fd_name, false },
	{ "fd.typechar", "fd type as one character (f file, 4 IPv4, u unix, ...)", f_fd_typechar,
	  false },
	{ NULL, NULL, NULL, false },
};

const struct eng_field *eng_field_find(const char *name)
{
	const struct eng_field *f;

	for (f = fields; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

const struct eng_field *eng_field_all(void)
{
	return fields;
}

bool eng_field_extract(const struct eng_field *f, struct sbuf *o, const struct eng_state *s,
		       const struct eng_evt *e)
{
	return f->extract(o, s, e);
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the field extractors share: the dissectors' view of the state (the
 * names of fds, users and threads), times, an event's parameters and
 * result, a thread's main thread and parent, the fd an event works on,
 * paths made whole, and the arguments of a call's enter and exit.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "dis_fmt.h"
#include "eng_fields.h"
#include "eng_fields_int.h"
#include "schema.h"

/* ---- dissector context ---- */

struct ctx_bind {
	const struct eng_state *s;
	const struct eng_thread *t;
	const struct eng_fd *call_fd; /* the fd a call works on, closed or not */
};

static const char *ctx_comm(const void *arg, int64_t tid)
{
	const struct ctx_bind *b = arg;
	const struct eng_thread *t = eng_state_thread(b->s, tid);

	return t && t->comm[0] ? t->comm : NULL;
}

static void fdinfo_of(const struct eng_fd *f, struct dis_fdinfo *out)
{
	out->typechar = eng_fd_typechar(f);
	out->l4proto = eng_fd_l4proto(f);
	out->name = f->name;
}

static bool ctx_fd(const void *arg, int64_t fd, struct dis_fdinfo *out)
{
	const struct ctx_bind *b = arg;
	const struct eng_fd *f = eng_state_fd(b->t, fd);

	/* a call's enter names the fd its exit closed */
	if (!f && b->call_fd && b->call_fd->fd == fd)
		f = b->call_fd;
	if (!f)
		return false;
	fdinfo_of(f, out);
	return true;
}

bool eng_evt_fd_text(struct sbuf *o, const struct eng_evt *e)
{
	const struct eng_fd *f;
	struct dis_fdinfo fi;

	if (!fx_is_fd_event(e) || !(f = fx_evt_fd(e)))
		return false;
	fdinfo_of(f, &fi);
	sbuf_put_i64(o, f->fd);
	sbuf_putc(o, '(');
	dis_fmt_fdinfo(o, &fi);
	sbuf_putc(o, ')');
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
	bind.call_fd = e->call ? e->info.fd : NULL;
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


bool fx_put_bool(struct sbuf *o, bool v)
{
	sbuf_puts(o, v ? "true" : "false");
	return true;
}

/* The parameters of e as sysdig 0.29.3 names them. */
const struct ev_param_info *fx_evt_params(const struct eng_evt *e, unsigned int *n)
{
	return dis_params(&e->ev, DIS_VIEW_COMPAT, n);
}

/* Index of parameter name in e's (sysdig) parameter list, or -1. */
int fx_evt_param_index(const struct eng_evt *e, const char *name)
{
	/* keyed by the name's text: callers' names may live in reused buffers */
	static _Thread_local struct {
		char name[32];
		uint16_t type;
		int16_t idx;
	} memo[512];
	const struct ev_param_info *p;
	unsigned int n, i, h = e->ev.type * 31u;
	size_t len = strlen(name);
	int idx = -1;

	for (i = 0; i < len; i++)
		h = h * 33u + (unsigned char)name[i];
	h &= 511;
	p = fx_evt_params(e, &n);
	if (memo[h].type == e->ev.type && memo[h].idx < (int)n && strcmp(memo[h].name, name) == 0)
		return memo[h].idx;
	for (i = 0; i < n; i++) {
		if (strcmp(p[i].name, name) == 0) {
			idx = (int)i;
			break;
		}
	}
	/* cache only names present in the table's full list (n may be short) */
	if (idx >= 0 && len < sizeof(memo[h].name)) {
		memcpy(memo[h].name, name, len + 1);
		memo[h].type = e->ev.type;
		memo[h].idx = (int16_t)idx;
	}
	return idx;
}

bool fx_evt_i64(const struct eng_evt *e, const char *name, int64_t *v)
{
	int i = fx_evt_param_index(e, name);
	uint64_t u;

	if (i < 0 || !ev_param_u64(&e->ev, (unsigned int)i, &u))
		return false;
	*v = (int64_t)u;
	return true;
}

/* The result of an exit: "res", or "fd" of an exit that creates an fd. */
bool fx_evt_result(const struct eng_evt *e, int64_t *res)
{
	if (fx_evt_i64(e, "res", res))
		return true;
	return !ev_type_is_enter(e->ev.type) && (eng_event_flags(e->ev.type) & EV_F_CREATES_FD) &&
	       fx_evt_i64(e, "fd", res);
}

const struct eng_thread *fx_main_thread(const struct eng_state *s, const struct eng_thread *t)
{
	const struct eng_thread *m;

	if (t->tid == t->pid)
		return t;
	m = eng_state_thread(s, t->pid);
	return m ? m : NULL;
}

/* The thread that is the parent of t's process. */
const struct eng_thread *fx_parent_of(const struct eng_state *s, const struct eng_thread *t)
{
	const struct eng_thread *m = fx_main_thread(s, t);

	return m ? eng_state_thread(s, m->ptid) : NULL;
}

/* The fd the event works on, as libsinsp's fd filter checks find it. */
const struct eng_fd *fx_evt_fd(const struct eng_evt *e)
{
	const struct eng_thread *t = e->thread;

	if (!t || !(eng_event_flags(e->ev.type) &
		    (EV_F_CREATES_FD | EV_F_USES_FD | EV_F_DESTROYS_FD)))
		return NULL;
	if (e->info.fd)
		return e->info.fd;
	return eng_state_fd(t, t->lastevent_fd);
}

bool fx_is_fd_event(const struct eng_evt *e)
{
	return e->thread && (eng_event_flags(e->ev.type) &
			     (EV_F_CREATES_FD | EV_F_USES_FD | EV_F_DESTROYS_FD));
}

void fx_put_path_at(struct sbuf *o, const struct eng_thread *t, int64_t dirfd, const char *name)
{
	const struct eng_fd *f;
	const char *dir;
	struct sbuf path;

	if (name[0] == '/')
		dir = "";
	else if (dirfd == -100) /* AT_FDCWD */
		dir = t->cwd;
	else
		dir = (f = eng_state_fd(t, dirfd)) ? f->name : "<UNKNOWN>";
	/* libsinsp puts a '/' after a dirfd's name, even an empty one */
	if (!dir[0] && dirfd != -100)
		dir = "/";
	sbuf_init(&path);
	dis_fmt_path_join(&path, dir, name);
	dis_fmt_sanitized(o, path.s);
	sbuf_fini(&path);
}

/*
 * The path a failed open*at names, as libsinsp's parse_dirfd resolves it
 * (a known dirfd is the event's fd instead). The old openat exit has it in
 * its enter.
 */
static bool creator_openat(struct sbuf *o, const struct eng_evt *e)
{
	const struct ev_view *v = &e->ev;
	unsigned int name_i = 2, dirfd_i = 1;
	struct ev_view enter;
	const char *name;
	uint64_t dirfd;

	if (!e->thread)
		return false;
	if (e->ev.type == EV_SYSCALL_OPENAT_X) {
		if (!eng_state_enter_of(e->thread, &e->ev, &enter))
			return false;
		v = &enter;
		name_i = 1;
		dirfd_i = 0;
	}
	name = ev_param_str(v, name_i);
	if (name && ev_param_u64(v, dirfd_i, &dirfd))
		fx_put_path_at(o, e->thread, (int64_t)dirfd, name);
	return true;
}

/* Path parameter of an fd-creating exit, resolved: fd.name of a failed open. */
bool fx_creator_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	unsigned int n;
	int i = -1;

	if (ev_type_is_enter(e->ev.type))
		return false;
	switch (e->ev.type) {
	case EV_SYSCALL_OPENAT_X:
	case EV_SYSCALL_OPENAT_2_X:
	case EV_SYSCALL_OPENAT2_X:
		return creator_openat(o, e);
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
	fx_evt_params(e, &n);
	if ((unsigned int)i < n)
		fx_put_param(o, s, e, (unsigned int)i, 0);
	return true;
}

void fx_put_param(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  unsigned int i, uint32_t max_buf)
{
	fx_put_view_param(o, s, e, &e->ev, i, max_buf);
}

void fx_put_view_param(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct ev_view *v, unsigned int i, uint32_t max_buf)
{
	const struct ev_param_info *params;
	struct sbuf val, res;
	struct dis_ctx ctx;
	unsigned int n;

	params = dis_params(v, DIS_VIEW_COMPAT, &n);
	eng_dis_ctx(&ctx, s, e);
	ctx.max_buf = max_buf;
	sbuf_init(&val);
	sbuf_init(&res);
	dis_param_render(&val, &res, v, params, i, &ctx);
	sbuf_puts(o, res.len ? res.s : val.s);
	sbuf_fini(&val);
	sbuf_fini(&res);
}

bool fx_evt_arg(const struct eng_evt *e, const char *name, int64_t idx, struct ev_view *enter,
		const struct ev_view **v, unsigned int *i)
{
	const struct ev_param_info *params;
	unsigned int n;
	int k;

	*v = &e->ev;
	params = fx_evt_params(e, &n);
	if (name && (k = fx_evt_param_index(e, name)) >= 0) {
		*i = (unsigned int)k;
		return true;
	}
	if (!name && idx >= 0 && idx < (int64_t)n) {
		*i = (unsigned int)idx;
		return true;
	}
	if (!e->call || !eng_state_enter_of(e->thread, &e->ev, enter))
		return false;
	*v = enter;
	if (name) {
		params = dis_params(enter, DIS_VIEW_COMPAT, &n);
		for (k = 0; k < (int)n && strcmp(params[k].name, name) != 0; k++)
			;
	} else {
		k = idx >= (int64_t)n && idx - n < 256 ?
			    dis_call_enter_param(&e->ev, enter, DIS_VIEW_COMPAT,
						 (unsigned int)(idx - n)) :
			    -1;
		params = dis_params(enter, DIS_VIEW_COMPAT, &n);
	}
	if (k < 0 || k >= (int)n)
		return false;
	*i = (unsigned int)k;
	return true;
}

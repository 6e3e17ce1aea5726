// SPDX-License-Identifier: GPL-2.0-only
/* Field extractors: evt.*. */
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

/* ---- evt.* ---- */

bool f_evt_num(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_u64(o, e->num);
	return true;
}

bool f_evt_time(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	eng_fmt_time(o, e->ev.ts);
	return true;
}

bool f_evt_datetime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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

bool f_evt_rawtime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_u64(o, e->ev.ts);
	return true;
}

bool f_evt_rawtime_s(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_u64(o, e->ev.ts / 1000000000ULL);
	return true;
}

bool f_evt_rawtime_ns(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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

bool f_evt_latency(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	uint64_t v;

	UNUSED_ARGS;
	if (!evt_latency(e, &v))
		return false;
	sbuf_put_u64(o, v);
	return true;
}

bool f_evt_latency_s(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	uint64_t v;

	UNUSED_ARGS;
	if (!evt_latency(e, &v))
		return false;
	sbuf_put_u64(o, v / 1000000000ULL);
	return true;
}

bool f_evt_latency_ns(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			     const struct eng_fref *r)
{
	uint64_t v;

	UNUSED_ARGS;
	if (!evt_latency(e, &v))
		return false;
	sbuf_put_u64(o, v % 1000000000ULL);
	return true;
}

bool f_evt_cpu(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_put_u64(o, e->ev.cpu);
	return true;
}

bool f_evt_dir(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	UNUSED_ARGS;
	sbuf_putc(o, ev_type_is_enter(e->ev.type) ? '>' : '<');
	return true;
}

bool f_evt_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	char buf[64];

	UNUSED_ARGS;
	sbuf_puts(o, dis_event_name(&e->ev, buf, sizeof(buf)));
	return true;
}

/* evt.category as sysdig names it; I/O events take the class of their fd. */
bool f_evt_category(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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
	uint32_t cat = (e->ev.type < EV_COMPAT_MAX ? info->compat_category : info->category) &
		       EV_C_CLASS_MASK;
	const struct eng_fd *f = e->info.fd;
	uint16_t sc;

	UNUSED_ARGS;
	if ((e->ev.type == EV_GENERIC_E || e->ev.type == EV_GENERIC_X) &&
	    ev_param_u16(&e->ev, 0, &sc) && sc < EV_SC_COMPAT_MAX)
		cat = ev_sc_compat[sc].category & EV_C_CLASS_MASK;
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

bool f_evt_args(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	struct ev_view enter;
	struct dis_ctx ctx;

	(void)r;
	eng_dis_ctx(&ctx, s, e);
	if (e->call && eng_state_enter_of(e->thread, &e->ev, &enter))
		dis_args_render_call(o, &e->ev, &enter, DIS_VIEW_COMPAT, DIS_CALL_LIBS, &ctx);
	else
		dis_args_render(o, &e->ev, DIS_VIEW_COMPAT, &ctx);
	if (o->len && o->s[o->len - 1] == ' ')
		sbuf_truncate(o, o->len - 1);
	return true;
}

/* The parameter an evt.arg/evt.rawarg reference names: in v, at *i. */
static bool arg_of(const struct eng_evt *e, const struct eng_fref *r, struct ev_view *enter,
		   const struct ev_view **v, unsigned int *i)
{
	return fx_evt_arg(e, r->name[0] ? r->name : NULL, r->idx, enter, v, i);
}

bool f_evt_arg(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct ev_view *v;
	struct ev_view enter;
	unsigned int i;

	if (!arg_of(e, r, &enter, &v, &i))
		return false;
	fx_put_view_param(o, s, e, v, i, DIS_MAX_BUF_OUT);
	return true;
}

bool f_evt_rawarg(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct ev_param_info *params;
	const struct ev_view *v;
	struct ev_view enter;
	const uint8_t *p;
	unsigned int n, i;
	int64_t len;

	(void)s;
	if (!arg_of(e, r, &enter, &v, &i))
		return false;
	params = dis_params(v, DIS_VIEW_COMPAT, &n);
	len = ev_param(v, i, &p);
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

bool f_evt_res(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const char *name;
	int64_t res;

	UNUSED_ARGS;
	if (!fx_evt_result(e, &res))
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

bool f_evt_rawres(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	int64_t res;

	UNUSED_ARGS;
	if (!fx_evt_result(e, &res))
		return false;
	sbuf_put_i64(o, res);
	return true;
}

bool f_evt_failed(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	int64_t res;

	UNUSED_ARGS;
	return fx_put_bool(o, fx_evt_result(e, &res) && res < 0);
}

bool f_evt_is_io(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	return fx_put_bool(o, eng_event_flags(e->ev.type) & (EV_F_READS_FROM_FD | EV_F_WRITES_TO_FD));
}

bool f_evt_is_io_read(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			     const struct eng_fref *r)
{
	UNUSED_ARGS;
	return fx_put_bool(o, eng_event_flags(e->ev.type) & EV_F_READS_FROM_FD);
}

bool f_evt_is_io_write(struct sbuf *o, const struct eng_state *s,
			      const struct eng_evt *e, const struct eng_fref *r)
{
	UNUSED_ARGS;
	return fx_put_bool(o, eng_event_flags(e->ev.type) & EV_F_WRITES_TO_FD);
}

bool f_evt_io_dir(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
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

bool f_evt_is_wait(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	return fx_put_bool(o, eng_event_flags(e->ev.type) & EV_F_WAITS);
}

/* evt.buflen: the byte count of an I/O exit on a known fd (its result). */
bool f_evt_buflen(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	uint32_t cat = (e->ev.type < EV_COMPAT_MAX ? ev_table[e->ev.type].compat_category :
						    ev_table[e->ev.type].category) &
		       EV_C_CLASS_MASK;
	int64_t res;

	UNUSED_ARGS;
	if (ev_type_is_enter(e->ev.type) || !e->info.fd || cat < EV_C_IO_READ || cat > EV_C_IO_OTHER ||
	    !fx_evt_i64(e, "res", &res) || res < 0)
		return false;
	sbuf_put_i64(o, res);
	return true;
}

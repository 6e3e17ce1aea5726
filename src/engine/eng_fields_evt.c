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

/* The ways the evt.*time* fields show a time's seconds. */
enum tfmt {
	TF_DATE,     /* "2024-05-01 " (local time) */
	TF_TIME,     /* "12:00:00" */
	TF_DATETIME, /* "2024-05-01 12:00:00" */
	TF_ISO,	     /* "2024-05-01T12:00:00." (UTC) */
	TF_ZONE,     /* "+0000" (UTC) */
};

static void put_strftime(struct sbuf *o, uint64_t ts, enum tfmt f)
{
	time_t sec = (time_t)(ts / 1000000000ULL);
	struct tm tm;
	char buf[64];
	size_t n;

	if (f >= TF_ISO)
		gmtime_r(&sec, &tm);
	else
		localtime_r(&sec, &tm);
	switch (f) {
	case TF_DATE:
		n = strftime(buf, sizeof(buf), "%Y-%m-%d ", &tm);
		break;
	case TF_TIME:
		n = strftime(buf, sizeof(buf), "%H:%M:%S", &tm);
		break;
	case TF_DATETIME:
		n = strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm);
		break;
	case TF_ISO:
		n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S.", &tm);
		break;
	default:
		n = strftime(buf, sizeof(buf), "%z", &tm);
		break;
	}
	sbuf_put(o, buf, n);
}

bool f_evt_datetime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	UNUSED_ARGS;
	put_strftime(o, e->ev.ts, TF_DATE);
	eng_fmt_time(o, e->ev.ts);
	return true;
}

/* evt.time.s and evt.datetime.s: the same without the nanoseconds. */
bool f_evt_time_s(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	(void)s;
	put_strftime(o, e->ev.ts, strcmp(r->f->name, "evt.time.s") == 0 ? TF_TIME : TF_DATETIME);
	return true;
}

bool f_evt_time_iso8601(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	put_strftime(o, e->ev.ts, TF_ISO);
	sbuf_put_padded(o, e->ev.ts % 1000000000ULL, 9);
	put_strftime(o, e->ev.ts, TF_ZONE);
	return true;
}

/*
 * A time span ns as the field r names it: whole, or its ".s" or ".ns"
 * part. The nanoseconds, and with pad the whole span, have at least nine
 * digits (sysdig's PF_10_PADDED_DEC).
 */
static bool put_ns(struct sbuf *o, uint64_t ns, const struct eng_fref *r, bool pad)
{
	const char *dot = strrchr(r->f->name, '.');

	if (strcmp(dot, ".s") == 0) {
		sbuf_put_u64(o, ns / 1000000000ULL);
	} else if (strcmp(dot, ".ns") == 0) {
		sbuf_put_padded(o, ns % 1000000000ULL, 9);
	} else if (pad && ns < 1000000000ULL) {
		sbuf_put_padded(o, ns, 9);
	} else {
		sbuf_put_u64(o, ns);
	}
	return true;
}

/* evt.rawtime, evt.rawtime.s and evt.rawtime.ns */
bool f_evt_rawtime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r)
{
	(void)s;
	return put_ns(o, e->ev.ts, r, false);
}

/* evt.reltime*: since the capture's first event. */
bool f_evt_reltime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r)
{
	(void)s;
	return put_ns(o, e->first_ts && e->ev.ts > e->first_ts ? e->ev.ts - e->first_ts : 0, r,
		      true);
}

/*
 * evt.deltatime*: since the event shown before this one (plugin events,
 * of another source, have 0 and do not count: see eng_replay.c).
 */
bool f_evt_deltatime(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	(void)s;
	if (e->ev.type == EV_PLUGINEVENT_E)
		return put_ns(o, 0, r, false);
	return put_ns(o, e->prev_ts && e->ev.ts > e->prev_ts ? e->ev.ts - e->prev_ts : 0, r,
		      false);
}

/* evt.around[T]: how far the event is from time T, in ms rounded up. */
bool f_evt_around(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	uint64_t t = (uint64_t)r->idx;
	uint64_t d = e->ev.ts > t ? e->ev.ts - t : t - e->ev.ts;

	(void)s;
	sbuf_put_u64(o, d / 1000000 + (d % 1000000 != 0));
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

/* evt.latency, evt.latency.s and evt.latency.ns */
bool f_evt_latency(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r)
{
	uint64_t v;

	(void)s;
	return evt_latency(e, &v) && put_ns(o, v, r, false);
}

/* evt.latency.human: as sysdig shows a span: "850ns", "2.48us", "14us", "2.02ms", "1.50s". */
bool f_evt_latency_human(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	uint64_t v;

	UNUSED_ARGS;
	if (!evt_latency(e, &v))
		return false;
	if (v >= 3600000000000ULL)
		sbuf_printf(o, "%02llu:%02llu:%02llu", (unsigned long long)(v / 3600000000000ULL),
			    (unsigned long long)(v / 60000000000ULL % 60),
			    (unsigned long long)(v / 1000000000ULL % 60));
	else if (v >= 60000000000ULL)
		sbuf_printf(o, "%llu:%llu", (unsigned long long)(v / 60000000000ULL),
			    (unsigned long long)(v / 1000000000ULL % 60));
	else if (v >= 1000000000ULL)
		sbuf_printf(o, "%llu.%02llus", (unsigned long long)(v / 1000000000ULL),
			    (unsigned long long)(v % 1000000000ULL / 10000000));
	else if (v >= 10000000ULL)
		sbuf_printf(o, "%llums", (unsigned long long)(v / 1000000));
	else if (v >= 1000000ULL)
		sbuf_printf(o, "%llu.%02llums", (unsigned long long)(v / 1000000),
			    (unsigned long long)(v % 1000000 / 10000));
	else if (v >= 10000ULL)
		sbuf_printf(o, "%lluus", (unsigned long long)(v / 1000));
	else if (v >= 1000ULL)
		sbuf_printf(o, "%llu.%02lluus", (unsigned long long)(v / 1000),
			    (unsigned long long)(v % 1000 / 10));
	else
		sbuf_printf(o, "%lluns", (unsigned long long)v);
	return true;
}

/* evt.wait_latency: the latency of the exit of a call that waits. */
bool f_evt_wait_latency(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	UNUSED_ARGS;
	if (ev_type_is_enter(e->ev.type) || !(eng_event_flags(e->ev.type) & EV_F_WAITS))
		return false;
	sbuf_put_u64(o, e->thread ? e->thread->latency : 0);
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

/* The category of e, without its flags, as sysdig 0.29.3 has it (current ids: as now). */
static uint32_t evt_class(const struct eng_evt *e)
{
	const struct ev_info *info = &ev_table[e->ev.type];

	return (e->ev.type < EV_COMPAT_MAX ? info->compat_category : info->category) &
	       EV_C_CLASS_MASK;
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
	uint32_t cat = evt_class(e);
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

/*
 * evt.buflen: the byte count of an I/O exit on a known fd (its result).
 * evt.buflen[.file|.net][.in|.out]: the same for reads or writes only, on
 * a file or an IP socket only (libsinsp's split).
 */
bool f_evt_buflen(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	const char *kind = r->f->name + strlen("evt.buflen");
	const struct eng_fd *f = e->info.fd;
	uint32_t cat = evt_class(e);
	int64_t res;

	(void)s;
	if (ev_type_is_enter(e->ev.type) || !f || cat < EV_C_IO_READ || cat > EV_C_IO_OTHER ||
	    !fx_evt_i64(e, "res", &res) || res < 0)
		return false;
	if (strncmp(kind, ".file", 5) == 0) {
		if (f->type != 1 && f->type != 16) /* file, file (v2) */
			return false;
		kind += 5;
	} else if (strncmp(kind, ".net", 4) == 0) {
		if (f->type < 3 || f->type > 6) /* IPv4 or IPv6, connected or server */
			return false;
		kind += 4;
	}
	if ((strcmp(kind, ".in") == 0 && cat != EV_C_IO_READ) ||
	    (strcmp(kind, ".out") == 0 && cat != EV_C_IO_WRITE))
		return false;
	sbuf_put_i64(o, res);
	return true;
}

/* evt.type.is.NAME (or .ID): 1 if evt.type is NAME (or the event id is ID), else 0. */
bool f_evt_type_is(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r)
{
	const char *name = r->name;
	char buf[64];
	char *end;
	long long id = r->idx;

	(void)s;
	if (name[0]) {
		id = strtoll(name, &end, 10);
		if (*end || end == name)
			id = -1;
	}
	if (id >= 0)
		sbuf_putc(o, e->ev.type == id ? '1' : '0');
	else
		sbuf_putc(o, strcmp(dis_event_name(&e->ev, buf, sizeof(buf)), name) == 0 ? '1' : '0');
	return true;
}

/* syscall.type: evt.type of system call events only. */
bool f_syscall_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	if (!(ev_table[e->ev.type].category & EV_C_SYSCALL))
		return false;
	return f_evt_type(o, s, e, r);
}

/* evt.buffer: the data of an I/O event, as evt.arg.data shows it. */
bool f_evt_buffer(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	const struct ev_view *v;
	struct ev_view enter;
	unsigned int i;

	(void)r;
	if (!fx_evt_arg(e, "data", -1, &enter, &v, &i))
		return false;
	fx_put_view_param(o, s, e, v, i, DIS_MAX_BUF_OUT);
	return true;
}

bool f_evt_is_syslog(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	UNUSED_ARGS;
	return fx_put_bool(o, (eng_event_flags(e->ev.type) & EV_F_WRITES_TO_FD) && e->info.fd &&
				      strstr(e->info.fd->name, "/dev/log"));
}

bool f_evt_count(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		 const struct eng_fref *r)
{
	UNUSED_ARGS;
	(void)e;
	sbuf_putc(o, '1');
	return true;
}

bool f_evt_count_exit(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	UNUSED_ARGS;
	if (ev_type_is_enter(e->ev.type))
		return false;
	sbuf_putc(o, '1');
	return true;
}

/*
 * evt.count.procinfo and evt.count.threadinfo: 1 for the procinfo events
 * (procinfo: of main threads only), else 0, as the current libraries count.
 */
bool f_evt_count_procinfo(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	bool one = e->ev.type == EV_PROCINFO_E;

	(void)s;
	if (one && strcmp(r->f->name, "evt.count.procinfo") == 0)
		one = e->thread && e->thread->tid == e->thread->pid;
	sbuf_putc(o, one ? '1' : '0');
	return true;
}

/* evt.latency.quantized: the current libraries keep it as a name that is always 0. */
bool f_evt_latency_quantized(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			     const struct eng_fref *r)
{
	UNUSED_ARGS;
	(void)e;
	sbuf_putc(o, '0');
	return true;
}

/* evt.pluginname and evt.plugininfo: only a loaded plugin's events have them; none is. */
bool f_evt_plugin(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	UNUSED_ARGS;
	(void)o, (void)e;
	return false;
}

/*
 * Whether e's failure is of kind ("file", "net", "memory" or "other"), as
 * libsinsp tells them apart: by its fd's type, else by its event type.
 */
static bool evt_err_is(const struct eng_evt *e, const char *kind)
{
	const struct eng_fd *f = e->info.fd;
	const char *k = "other";

	if (strcmp(kind, "memory") == 0)
		return evt_class(e) == EV_C_MEMORY;
	if (f && (f->type == 1 || f->type == 2 || f->type == 16)) /* file, directory */
		k = "file";
	else if (f && ((f->type >= 3 && f->type <= 6) || f->type == 8)) /* IP, unix sockets */
		k = "net";
	else if (f)
		k = "other";
	else if (evt_class(e) == EV_C_MEMORY)
		k = "memory";
	else if (e->ev.type == EV_SYSCALL_OPEN_X || e->ev.type == EV_SYSCALL_CREAT_X ||
		 e->ev.type == EV_SYSCALL_OPENAT_X || e->ev.type == EV_SYSCALL_OPENAT_2_X ||
		 e->ev.type == EV_SYSCALL_OPENAT2_X || e->ev.type == EV_SYSCALL_OPEN_BY_HANDLE_AT_X)
		k = "file";
	else if (e->ev.type == EV_SOCKET_ACCEPT_X || e->ev.type == EV_SOCKET_ACCEPT_5_X ||
		 e->ev.type == EV_SOCKET_ACCEPT4_X || e->ev.type == EV_SOCKET_ACCEPT4_5_X ||
		 e->ev.type == EV_SOCKET_ACCEPT4_6_X || e->ev.type == EV_SOCKET_CONNECT_X)
		k = "net";
	return strcmp(kind, k) == 0;
}

/*
 * evt.count.error and evt.count.error.{file,net,memory,other}: on events
 * with a result (of that kind), 1 if it is an error, else 0.
 */
bool f_evt_count_error(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	const char *kind = r->f->name + strlen("evt.count.error");
	int64_t res;

	(void)s;
	if (ev_type_is_enter(e->ev.type) || !fx_evt_result(e, &res))
		return false;
	if (*kind && !evt_err_is(e, kind + 1))
		return false;
	sbuf_putc(o, res < 0 ? '1' : '0');
	return true;
}

/*
 * evt.abspath, evt.abspath.src and evt.abspath.dst: the path a *at call
 * names (for renames and links, the source or the destination), resolved
 * against its directory fd.
 */
bool f_evt_abspath(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r)
{
	bool dst = strcmp(r->f->name, "evt.abspath.dst") == 0;
	const char *dirfd_name = "dirfd", *path_name = "name", *path;
	int dirfd_i, path_i;
	int64_t dirfd, fd;

	(void)s;
	if (!e->thread)
		return false;
	switch (e->ev.type) {
	case EV_SYSCALL_RENAMEAT_X:
	case EV_SYSCALL_RENAMEAT2_X:
		dirfd_name = dst ? "newdirfd" : "olddirfd";
		path_name = dst ? "newpath" : "oldpath";
		break;
	case EV_SYSCALL_LINKAT_E: /* old versions: in the enter */
	case EV_SYSCALL_LINKAT_2_X:
		dirfd_name = dst ? "newdir" : "olddir";
		path_name = dst ? "newpath" : "oldpath";
		break;
	case EV_SYSCALL_SYMLINKAT_X:
		dirfd_name = "linkdirfd";
		path_name = "linkpath";
		break;
	case EV_SYSCALL_OPENAT_E:
	case EV_SYSCALL_OPENAT_2_X:
	case EV_SYSCALL_OPENAT2_X:
	case EV_SYSCALL_UNLINKAT_E:
	case EV_SYSCALL_UNLINKAT_2_X:
		break;
	case EV_SYSCALL_MKDIRAT_X:
		path_name = "path";
		break;
	case EV_SYSCALL_FCHMODAT_X:
		path_name = "filename";
		break;
	case EV_SYSCALL_FCHOWNAT_X:
		path_name = "pathname";
		break;
	case EV_SYSCALL_OPEN_BY_HANDLE_AT_X:
		/* the path of the file it opened */
		if (!fx_evt_i64(e, "fd", &fd) || fd <= 0 || !(path = ev_param_str(&e->ev, 3)))
			return false;
		fx_put_path_at(o, e->thread, -1, path);
		return true;
	default:
		return false;
	}
	dirfd_i = fx_evt_param_index(e, dirfd_name);
	path_i = fx_evt_param_index(e, path_name);
	if (dirfd_i < 0 || path_i < 0 || !fx_evt_i64(e, dirfd_name, &dirfd) ||
	    !(path = ev_param_str(&e->ev, (unsigned int)path_i)))
		return false;
	fx_put_path_at(o, e->thread, dirfd, path);
	return true;
}

/* How fs.path resolves a relative path of an event (libsinsp's cases). */
enum fsp_dir {
	FSP_CWD,     /* the thread's working directory */
	FSP_FD,	     /* the name of the open's fd (or of its dirfd) stands for the path */
	FSP_DIRFD,   /* the dirfd parameter's directory, else "<UNKNOWN>" */
	FSP_SRC_DIR, /* symlinkat: the source as FSP_DIRFD, the target "<UNKNOWN>" */
	FSP_AT,	     /* renameat2: the parameter's own dirfd, as evt.abspath */
};

/*
 * The events that have fs.path fields, with the parameters that hold their
 * path, or source and target (libsinsp's table). They have values only if
 * the call succeeded: res is 0, or for opens, fd is not -1.
 */
static const struct fsp_def {
	uint16_t type;
	uint8_t dir; /* enum fsp_dir */
	const char *path, *source, *target;
} fsp_defs[] = {
	{ EV_SYSCALL_MKDIR_2_X, FSP_CWD, "path", NULL, NULL },
	{ EV_SYSCALL_MKDIRAT_X, FSP_DIRFD, "path", NULL, NULL },
	{ EV_SYSCALL_RMDIR_2_X, FSP_CWD, "path", NULL, NULL },
	{ EV_SYSCALL_UNLINK_2_X, FSP_CWD, "path", NULL, NULL },
	{ EV_SYSCALL_UNLINKAT_2_X, FSP_DIRFD, "name", NULL, NULL },
	{ EV_SYSCALL_OPEN_X, FSP_CWD, "name", NULL, NULL },
	{ EV_SYSCALL_OPENAT_2_X, FSP_FD, "name", NULL, NULL },
	{ EV_SYSCALL_OPENAT2_X, FSP_FD, "name", NULL, NULL },
	{ EV_SYSCALL_FCHMODAT_X, FSP_DIRFD, "filename", NULL, NULL },
	{ EV_SYSCALL_CHMOD_X, FSP_CWD, "filename", NULL, NULL },
	{ EV_SYSCALL_FCHMOD_X, FSP_CWD, NULL, NULL, NULL },
	{ EV_SYSCALL_CHOWN_X, FSP_CWD, "path", NULL, NULL },
	{ EV_SYSCALL_LCHOWN_X, FSP_CWD, "path", NULL, NULL },
	{ EV_SYSCALL_FCHOWN_X, FSP_CWD, NULL, NULL, NULL },
	{ EV_SYSCALL_FCHOWNAT_X, FSP_DIRFD, "pathname", NULL, NULL },
	{ EV_SYSCALL_QUOTACTL_X, FSP_CWD, "special", NULL, NULL },
	{ EV_SYSCALL_RENAME_X, FSP_CWD, NULL, "oldpath", "newpath" },
	{ EV_SYSCALL_RENAMEAT_X, FSP_CWD, NULL, "oldpath", "newpath" },
	{ EV_SYSCALL_RENAMEAT2_X, FSP_AT, NULL, "oldpath", "newpath" },
	{ EV_SYSCALL_LINK_2_X, FSP_CWD, NULL, "newpath", "oldpath" },
	{ EV_SYSCALL_LINKAT_2_X, FSP_CWD, NULL, "newpath", "oldpath" },
	{ EV_SYSCALL_SYMLINK_X, FSP_CWD, NULL, "linkpath", "target" },
	{ EV_SYSCALL_SYMLINKAT_X, FSP_SRC_DIR, NULL, "linkpath", "target" },
	{ EV_SYSCALL_MOUNT_X, FSP_CWD, NULL, "dev", "dir" },
	{ EV_SYSCALL_UMOUNT_1_X, FSP_CWD, "name", NULL, NULL },
	{ EV_SYSCALL_UMOUNT2_X, FSP_CWD, "name", NULL, NULL },
};

/*
 * The directory fs.path joins a relative path of e to, into o; false if it
 * is not known (the current libraries then put "<UNKNOWN>" before the path).
 */
static bool fsp_dir(struct sbuf *o, const struct eng_evt *e, const struct fsp_def *d, bool source)
{
	const char *dirfd_name = d->type == EV_SYSCALL_SYMLINKAT_X ? "linkdirfd" : "dirfd";
	const struct eng_fd *f = NULL;
	int64_t dirfd;

	if (d->dir == FSP_CWD) {
		sbuf_puts(o, e->thread->cwd);
		return true;
	}
	if (d->dir == FSP_SRC_DIR && !source)
		return false;
	if (fx_evt_i64(e, dirfd_name, &dirfd))
		f = eng_state_fd(e->thread, dirfd);
	if (!f || f->type != 2) /* a directory */
		return false;
	sbuf_puts(o, f->name);
	return true;
}

/*
 * fs.path.name, .source, .target and their raw forms: the path (or source
 * or target) a filesystem call worked on, as given, or resolved against its
 * directory (fs.path.name of an fchmod or fchown: its fd's name).
 */
bool f_fs_path(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	       const struct eng_fref *r)
{
	const char *what = r->f->name + strlen("fs.path."), *name, *path;
	bool raw = strstr(what, "raw") != NULL, source = strncmp(what, "source", 6) == 0;
	const struct fsp_def *d = NULL;
	const struct eng_fd *f;
	int64_t res, dirfd, fdnum;
	struct sbuf dir;
	size_t i;
	int k;

	(void)s;
	for (i = 0; i < sizeof(fsp_defs) / sizeof(fsp_defs[0]) && !d; i++)
		if (fsp_defs[i].type == e->ev.type)
			d = &fsp_defs[i];
	if (!d || !fx_evt_result(e, &res) ||
	    ((eng_event_flags(d->type) & EV_F_CREATES_FD) ? res == -1 : res != 0))
		return false;
	name = source ? d->source : strncmp(what, "target", 6) == 0 ? d->target : d->path;
	if (!d->path && !d->source && what[0] == 'n') {
		/*
		 * fchmod, fchown: the name of their fd, the one the exit carries
		 * (sysdig 0.29.3 gives fchmod no fd: fd.name keeps that)
		 */
		if (!(f = fx_evt_fd(e)) && e->thread && fx_evt_i64(e, "fd", &fdnum))
			f = eng_state_fd(e->thread, fdnum);
		if (!f)
			return false;
		path = f->name;
	} else if (!name || (k = fx_evt_param_index(e, name)) < 0 ||
		   !(path = ev_param_str(&e->ev, (unsigned int)k))) {
		return false;
	}
	if (raw) {
		sbuf_puts(o, path);
		return true;
	}
	if (!e->thread)
		return false;
	if (path[0] == '/') {
		dis_fmt_path_join(o, "", path);
		return true;
	}
	if (d->dir == FSP_AT) {
		if (!fx_evt_i64(e, source ? "olddirfd" : "newdirfd", &dirfd))
			return false;
		fx_put_path_at(o, e->thread, dirfd, path);
		return true;
	}
	if (d->dir == FSP_FD) {
		f = fx_evt_fd(e);
		dis_fmt_path_join(o, "", f ? f->name : "<UNKNOWN>");
		return true;
	}
	sbuf_init(&dir);
	if (fsp_dir(&dir, e, d, source)) {
		dis_fmt_path_join(o, dir.s ? dir.s : "", path);
	} else {
		sbuf_puts(o, "<UNKNOWN>");
		dis_fmt_path_join(o, "", path);
	}
	sbuf_fini(&dir);
	return true;
}

/* Open flags and mode bits of the event table (PPM_O_*, PPM_S_IX*). */
enum {
	OPEN_RDONLY = 1,
	OPEN_WRONLY = 2,
	OPEN_CREAT = 4,
	OPEN_TMPFILE = 8192,
	OPEN_F_CREATED = 16384,
	MODE_EXEC = 0111,
};

/*
 * evt.is_open_read, evt.is_open_write, evt.is_open_exec and
 * evt.is_open_create: what an open asked for (the old openat: its enter).
 */
bool f_evt_is_open(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r)
{
	const char *what = r->f->name + strlen("evt.is_open_");
	unsigned int flags_i = 2;
	uint32_t flags = 0, mode = 0;
	int64_t res;

	(void)s;
	switch (e->ev.type) {
	case EV_SYSCALL_OPENAT_2_X:
	case EV_SYSCALL_OPENAT2_X:
		flags_i = 3;
		break;
	case EV_SYSCALL_OPEN_X:
	case EV_SYSCALL_OPENAT_E:
	case EV_SYSCALL_OPEN_BY_HANDLE_AT_X:
		break;
	case EV_SYSCALL_CREAT_X:
		ev_param_u32(&e->ev, 2, &mode);
		return fx_put_bool(o, strcmp(what, "exec") == 0 && (mode & MODE_EXEC));
	default:
		return fx_put_bool(o, false);
	}
	ev_param_u32(&e->ev, flags_i, &flags);
	if (strcmp(what, "read") == 0)
		return fx_put_bool(o, flags & OPEN_RDONLY);
	if (strcmp(what, "write") == 0)
		return fx_put_bool(o, flags & OPEN_WRONLY);
	if (strcmp(what, "create") == 0)
		return fx_put_bool(o, (flags & OPEN_F_CREATED) ||
					      ((flags & OPEN_TMPFILE) && fx_evt_result(e, &res) &&
					       res >= 0));
	if (!(flags & (OPEN_TMPFILE | OPEN_CREAT)) || e->ev.type == EV_SYSCALL_OPEN_BY_HANDLE_AT_X)
		return fx_put_bool(o, false);
	ev_param_u32(&e->ev, flags_i + 1, &mode);
	return fx_put_bool(o, mode & MODE_EXEC);
}

/* evt.source: syscall; plugin events are of their plugin's, which is unknown. */
bool f_evt_source(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	UNUSED_ARGS;
	if (e->ev.type == EV_PLUGINEVENT_E)
		return false;
	sbuf_puts(o, "syscall");
	return true;
}

bool f_evt_is_async(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	UNUSED_ARGS;
	return fx_put_bool(o, ev_table[e->ev.type].category & EV_C_METAEVENT);
}

/* evt.asynctype: a meta event's name; an async event's is in it. */
bool f_evt_asynctype(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	const char *name;

	UNUSED_ARGS;
	if (!(ev_table[e->ev.type].category & EV_C_METAEVENT))
		return false;
	if (e->ev.type != EV_ASYNCEVENT_E)
		name = ev_table[e->ev.type].name;
	else if (!(name = ev_param_str(&e->ev, 1)))
		return false;
	sbuf_puts(o, name);
	return true;
}

/* evt.hostname: the capturing machine's, from the capture. */
bool f_evt_hostname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	(void)e, (void)r;
	if (!s || !s->have_machine || !s->machine.hostname[0])
		return false;
	sbuf_puts(o, s->machine.hostname);
	return true;
}

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

const char eng_field_absent[] = "";

/* A field of a protocol in the data (eng_fields_proto.c), by its Wireshark name. */
#define PF(name, desc, kind) { name, desc, f_proto_field, kind, ENG_FA_NONE, NULL, ENG_FS_ANY }

static const struct eng_field fields[] = {
	{ "evt.num", "event number", f_evt_num, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.time", "event time as HH:MM:SS.nnnnnnnnn (local time)", f_evt_time, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.time.s", "event time as HH:MM:SS (local time)", f_evt_time_s, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.time.iso8601", "event time in ISO 8601, in UTC: 2024-05-01T12:00:00.000000001+0000",
	  f_evt_time_iso8601, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.datetime", "event date and time (local time)", f_evt_datetime, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.datetime.s", "event date and time without the nanoseconds (local time)",
	  f_evt_time_s, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.rawtime", "event time in nanoseconds since the epoch", f_evt_rawtime, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.rawtime.s", "seconds part of evt.rawtime", f_evt_rawtime, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.rawtime.ns", "nanoseconds part of evt.rawtime (9 digits)", f_evt_rawtime, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.latency", "exit events: ns since the thread's last enter event, else 0",
	  f_evt_latency, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.latency.s", "seconds part of evt.latency", f_evt_latency, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.latency.ns", "nanoseconds part of evt.latency (9 digits)", f_evt_latency,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.latency.quantized", "always 0: the current libraries keep only the name",
	  f_evt_latency_quantized, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.latency.human", "evt.latency as people read it: 850ns, 2.48us, 14us, 2.02ms, 1.50s",
	  f_evt_latency_human, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.wait_latency", "exits of calls that wait (evt.is_wait): evt.latency",
	  f_evt_wait_latency, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.reltime", "ns since the capture's first event (at least 9 digits)", f_evt_reltime,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.reltime.s", "seconds part of evt.reltime", f_evt_reltime, ENG_FK_NUM, ENG_FA_NONE,
	  NULL, ENG_FS_ANY },
	{ "evt.reltime.ns", "nanoseconds part of evt.reltime (9 digits)", f_evt_reltime,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.deltatime", "ns since the event shown before this one", f_evt_deltatime,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.deltatime.s", "seconds part of evt.deltatime", f_evt_deltatime, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.deltatime.ns", "nanoseconds part of evt.deltatime (9 digits)", f_evt_deltatime,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.outputtime", "the event's time as the output shows it: evt.time", f_evt_time,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.around", "evt.around[T] = D: events within D ms of time T (ns since the epoch)",
	  f_evt_around, ENG_FK_NUM, ENG_FA_INDEX, NULL, ENG_FS_ANY },
	{ "evt.cpu", "CPU the event happened on", f_evt_cpu, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "evt.dir", "direction: > enter, < exit", f_evt_dir, ENG_FK_STR, ENG_FA_NONE,
	  s_evt_dir, ENG_FS_TYPE },
	{ "evt.type", "event type (system call name)", f_evt_type, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_TYPE },
	{ "evt.type.is", "1 if evt.type is the name after the dot (or the id is the number), else 0",
	  f_evt_type_is, ENG_FK_NUM, ENG_FA_NAME, NULL, ENG_FS_TYPE },
	{ "syscall.type", "system call events: evt.type; other events have none", f_syscall_type,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_TYPE },
	{ "evt.category", "event category: file, net, ipc, IPC, process, memory, wait, ...",
	  f_evt_category, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.args", "all arguments as one string", f_evt_args, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "evt.protocol", "the protocol of an I/O event's data: HTTP, DNS, RESP (Redis), PGSQL",
	  f_evt_protocol, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	PF("http.request.method", "HTTP: the request's method (GET, POST, ...)", ENG_FK_STR),
	PF("http.request.uri", "HTTP: the request's URI", ENG_FK_STR),
	PF("http.request.version", "HTTP: the request's version (HTTP/1.1)", ENG_FK_STR),
	PF("http.response.version", "HTTP: the response's version", ENG_FK_STR),
	PF("http.response.code", "HTTP: the response's status code", ENG_FK_NUM),
	PF("http.response.phrase", "HTTP: the response's reason phrase", ENG_FK_STR),
	PF("http.host", "HTTP: the Host header", ENG_FK_STR),
	PF("http.user_agent", "HTTP: the User-Agent header", ENG_FK_STR),
	PF("http.content_type", "HTTP: the Content-Type header", ENG_FK_STR),
	PF("http.content_length", "HTTP: the Content-Length header", ENG_FK_NUM),
	PF("http.server", "HTTP: the Server header", ENG_FK_STR),
	PF("http.connection", "HTTP: the Connection header", ENG_FK_STR),
	PF("http.accept", "HTTP: the Accept header", ENG_FK_STR),
	PF("http.location", "HTTP: the Location header", ENG_FK_STR),
	PF("http.transfer_encoding", "HTTP: the Transfer-Encoding header", ENG_FK_STR),
	PF("http.chunk_size", "HTTP: the chunks' sizes", ENG_FK_NUM),
	PF("http.chunk_data", "HTTP: the chunks' data", ENG_FK_STR),
	PF("http.file_data", "HTTP: the body (a chunked one's chunks joined)", ENG_FK_STR),
	PF("dns.length", "DNS over TCP: the message's length", ENG_FK_NUM),
	PF("dns.id", "DNS: the transaction ID (hex)", ENG_FK_STR),
	PF("dns.flags.response", "DNS: 1 for a response, 0 for a query", ENG_FK_NUM),
	PF("dns.flags.opcode", "DNS: the opcode (0 a standard query)", ENG_FK_NUM),
	PF("dns.flags.rcode", "DNS: a response's code (0 no error, 3 no such name)", ENG_FK_NUM),
	PF("dns.count.queries", "DNS: the number of questions", ENG_FK_NUM),
	PF("dns.count.answers", "DNS: the number of answers", ENG_FK_NUM),
	PF("dns.count.auth_rr", "DNS: the number of authority records", ENG_FK_NUM),
	PF("dns.count.add_rr", "DNS: the number of additional records", ENG_FK_NUM),
	PF("dns.qry.name", "DNS: the name asked for", ENG_FK_STR),
	PF("dns.qry.type", "DNS: the type asked for (1 A, 28 AAAA, ...)", ENG_FK_NUM),
	PF("dns.qry.class", "DNS: the class asked for (hex; 0x0001 IN)", ENG_FK_STR),
	PF("dns.resp.name", "DNS: the records' names", ENG_FK_STR),
	PF("dns.resp.type", "DNS: the records' types", ENG_FK_NUM),
	PF("dns.resp.class", "DNS: the records' classes (hex)", ENG_FK_STR),
	PF("dns.resp.ttl", "DNS: the records' time to live, in seconds", ENG_FK_NUM),
	PF("dns.resp.len", "DNS: the records' data lengths", ENG_FK_NUM),
	PF("dns.a", "DNS: the IPv4 addresses answered", ENG_FK_STR),
	PF("dns.aaaa", "DNS: the IPv6 addresses answered", ENG_FK_STR),
	PF("dns.cname", "DNS: the canonical names answered", ENG_FK_STR),
	PF("dns.ns", "DNS: the name servers answered", ENG_FK_STR),
	PF("dns.ptr.domain_name", "DNS: the names of PTR records", ENG_FK_STR),
	PF("dns.mx.mail_exchange", "DNS: the mail exchanges of MX records", ENG_FK_STR),
	PF("dns.txt", "DNS: the text of TXT records", ENG_FK_STR),
	PF("resp.string", "Redis (RESP): the simple strings (+OK)", ENG_FK_STR),
	PF("resp.error", "Redis (RESP): the errors (-ERR ...)", ENG_FK_STR),
	PF("resp.integer", "Redis (RESP): the integers (:1)", ENG_FK_NUM),
	PF("resp.bulk_string.length", "Redis (RESP): the bulk strings' lengths (-1: null)",
	   ENG_FK_NUM),
	PF("resp.bulk_string.value",
	   "Redis (RESP): the bulk strings' bytes in hex, as tshark (as text: redis.value)",
	   ENG_FK_STR),
	PF("resp.array.length", "Redis (RESP): the arrays' lengths (-1: null)", ENG_FK_NUM),
	PF("resp.boolean", "Redis (RESP3): the booleans (#t, #f)", ENG_FK_BOOL),
	PF("resp.double", "Redis (RESP3): the doubles, as sent (,3.14)", ENG_FK_STR),
	PF("resp.big_number", "Redis (RESP3): the big numbers, as sent", ENG_FK_STR),
	PF("resp.map.length", "Redis (RESP3): the maps' lengths (pairs)", ENG_FK_NUM),
	PF("resp.set.length", "Redis (RESP3): the sets' lengths", ENG_FK_NUM),
	PF("resp.push.length", "Redis (RESP3): the pushes' lengths", ENG_FK_NUM),
	PF("redis.command",
	   "Redis: a request's command, upper-cased (SET); one per command of a pipeline",
	   ENG_FK_STR),
	PF("redis.args", "Redis: a request's arguments as text, one value each", ENG_FK_STR),
	PF("redis.value",
	   "Redis: the bulk strings as text, bytes not printable as dots (resp.bulk_string.value)",
	   ENG_FK_STR),
	PF("pgsql.type", "PostgreSQL: the message type's name (Simple query, Data row, ...)",
	   ENG_FK_STR),
	PF("pgsql.length", "PostgreSQL: the message's length (less its type byte)", ENG_FK_NUM),
	PF("pgsql.frontend", "PostgreSQL: 1 for a message from the frontend (client), 0 from the backend",
	   ENG_FK_NUM),
	PF("pgsql.version_major", "PostgreSQL: the startup message's protocol major version",
	   ENG_FK_NUM),
	PF("pgsql.version_minor", "PostgreSQL: the startup message's protocol minor version",
	   ENG_FK_NUM),
	PF("pgsql.version_supported_minor", "PostgreSQL: the newest minor version the server supports",
	   ENG_FK_NUM),
	PF("pgsql.number_nonsupported_options", "PostgreSQL: the options the server lacks, counted",
	   ENG_FK_NUM),
	PF("pgsql.nonsupported_option", "PostgreSQL: an option the server does not support",
	   ENG_FK_STR),
	PF("pgsql.parameter_name", "PostgreSQL: a startup or status parameter's name", ENG_FK_STR),
	PF("pgsql.parameter_value", "PostgreSQL: a startup or status parameter's value",
	   ENG_FK_STR),
	PF("pgsql.query", "PostgreSQL: a query's text (simple query, parse)", ENG_FK_STR),
	PF("pgsql.password", "PostgreSQL: a password message's password", ENG_FK_STR),
	PF("pgsql.authtype", "PostgreSQL: the authentication type the backend asks for (0 success)",
	   ENG_FK_NUM),
	PF("pgsql.salt", "PostgreSQL: the salt of an MD5 or crypt authentication, in hex",
	   ENG_FK_STR),
	PF("pgsql.auth.gssapi_sspi.data", "PostgreSQL: GSSAPI or SSPI data, in hex", ENG_FK_STR),
	PF("pgsql.auth.sasl.mech", "PostgreSQL: a SASL authentication mechanism", ENG_FK_STR),
	PF("pgsql.auth.sasl.data", "PostgreSQL: SASL authentication data, in hex", ENG_FK_STR),
	PF("pgsql.statement", "PostgreSQL: a prepared statement's name", ENG_FK_STR),
	PF("pgsql.portal", "PostgreSQL: a portal's name", ENG_FK_STR),
	PF("pgsql.returns", "PostgreSQL: the rows an execute asks for (0 all)", ENG_FK_NUM),
	PF("pgsql.tag", "PostgreSQL: a command completion's tag (SELECT 2)", ENG_FK_STR),
	PF("pgsql.status", "PostgreSQL: the backend's transaction status byte (73 I idle)",
	   ENG_FK_NUM),
	PF("pgsql.copydata", "PostgreSQL: copy data, in hex", ENG_FK_STR),
	PF("pgsql.error", "PostgreSQL: a copy failure's error message", ENG_FK_STR),
	PF("pgsql.pid", "PostgreSQL: a backend's process ID", ENG_FK_NUM),
	PF("pgsql.key", "PostgreSQL: a backend's secret key", ENG_FK_NUM),
	PF("pgsql.condition", "PostgreSQL: a notification's condition", ENG_FK_STR),
	PF("pgsql.text", "PostgreSQL: text from the backend (an error's other fields)", ENG_FK_STR),
	PF("pgsql.oid.table", "PostgreSQL: a column's table OID", ENG_FK_NUM),
	PF("pgsql.oid.type", "PostgreSQL: a type OID", ENG_FK_NUM),
	PF("pgsql.oid", "PostgreSQL: a function call's OID", ENG_FK_NUM),
	PF("pgsql.format", "PostgreSQL: a format (0 text, 1 binary)", ENG_FK_NUM),
	PF("pgsql.field.count", "PostgreSQL: the number of fields of a row", ENG_FK_NUM),
	PF("pgsql.col.name", "PostgreSQL: a column's name", ENG_FK_STR),
	PF("pgsql.col.index", "PostgreSQL: a column's position in its table", ENG_FK_NUM),
	PF("pgsql.val.length", "PostgreSQL: a value's length (-1 NULL), or a column type's size",
	   ENG_FK_NUM),
	PF("pgsql.val.data", "PostgreSQL: a value's data, in hex", ENG_FK_STR),
	PF("pgsql.col.typemod", "PostgreSQL: a column's type modifier", ENG_FK_NUM),
	PF("pgsql.severity", "PostgreSQL: an error's or notice's severity", ENG_FK_STR),
	PF("pgsql.code", "PostgreSQL: an error's SQLSTATE code", ENG_FK_STR),
	PF("pgsql.message", "PostgreSQL: an error's message", ENG_FK_STR),
	PF("pgsql.detail", "PostgreSQL: an error's detail", ENG_FK_STR),
	PF("pgsql.hint", "PostgreSQL: an error's hint", ENG_FK_STR),
	PF("pgsql.position", "PostgreSQL: where in the query an error is", ENG_FK_STR),
	PF("pgsql.internal_position", "PostgreSQL: where in an internal query an error is",
	   ENG_FK_STR),
	PF("pgsql.internal_query", "PostgreSQL: the internal query of an error", ENG_FK_STR),
	PF("pgsql.where", "PostgreSQL: an error's context", ENG_FK_STR),
	PF("pgsql.schema_name", "PostgreSQL: an error's schema", ENG_FK_STR),
	PF("pgsql.table_name", "PostgreSQL: an error's table", ENG_FK_STR),
	PF("pgsql.column_name", "PostgreSQL: an error's column", ENG_FK_STR),
	PF("pgsql.type_name", "PostgreSQL: an error's data type", ENG_FK_STR),
	PF("pgsql.constraint_name", "PostgreSQL: an error's constraint", ENG_FK_STR),
	PF("pgsql.file", "PostgreSQL: the source file that reported an error", ENG_FK_STR),
	PF("pgsql.line", "PostgreSQL: the source line that reported an error", ENG_FK_STR),
	PF("pgsql.routine", "PostgreSQL: the routine that reported an error", ENG_FK_STR),
	PF("tls.record.content_type", "TLS: the records' content types (22 handshake, 23 data)",
	   ENG_FK_NUM),
	PF("tls.record.version", "TLS: the records' versions (hex; 0x0303 TLS 1.2)", ENG_FK_STR),
	PF("tls.record.length", "TLS: the records' lengths", ENG_FK_NUM),
	PF("tls.alert_message.level", "TLS: an alert's level (1 warning, 2 fatal)", ENG_FK_NUM),
	PF("tls.alert_message.desc", "TLS: an alert's description (40 handshake failure)",
	   ENG_FK_NUM),
	PF("tls.handshake.type", "TLS: the handshake messages' types (1 ClientHello, ...)",
	   ENG_FK_NUM),
	PF("tls.handshake.length", "TLS: the handshake messages' lengths", ENG_FK_NUM),
	PF("tls.handshake.version", "TLS: a hello's version (hex)", ENG_FK_STR),
	PF("tls.handshake.random", "TLS: a hello's random, in hex", ENG_FK_STR),
	PF("tls.handshake.session_id_length", "TLS: a hello's session ID length", ENG_FK_NUM),
	PF("tls.handshake.session_id", "TLS: a hello's session ID, in hex", ENG_FK_STR),
	PF("tls.handshake.cipher_suites_length", "TLS: a ClientHello's cipher suites' length",
	   ENG_FK_NUM),
	PF("tls.handshake.ciphersuite", "TLS: the cipher suites offered, or the one chosen (hex)",
	   ENG_FK_STR),
	PF("tls.handshake.comp_methods_length", "TLS: a ClientHello's compression methods' length",
	   ENG_FK_NUM),
	PF("tls.handshake.comp_method", "TLS: the compression methods (0 none)", ENG_FK_NUM),
	PF("tls.handshake.extensions_length", "TLS: a hello's extensions' length", ENG_FK_NUM),
	PF("tls.handshake.extension.type", "TLS: the extensions' types (0 server_name, ...)",
	   ENG_FK_NUM),
	PF("tls.handshake.extension.len", "TLS: the extensions' lengths", ENG_FK_NUM),
	PF("tls.handshake.extensions_server_name_list_len", "TLS: the server name list's length",
	   ENG_FK_NUM),
	PF("tls.handshake.extensions_server_name_type", "TLS: the server names' types (0 host)",
	   ENG_FK_NUM),
	PF("tls.handshake.extensions_server_name_len", "TLS: the server names' lengths",
	   ENG_FK_NUM),
	PF("tls.handshake.extensions_server_name", "TLS: the server names asked for (SNI)",
	   ENG_FK_STR),
	PF("tls.handshake.extensions_alpn_len", "TLS: the ALPN list's length", ENG_FK_NUM),
	PF("tls.handshake.extensions_alpn_str_len", "TLS: the ALPN protocols' lengths", ENG_FK_NUM),
	PF("tls.handshake.extensions_alpn_str", "TLS: the ALPN protocols (h2, http/1.1)",
	   ENG_FK_STR),
	PF("tls.handshake.extensions.supported_versions_len", "TLS: the supported versions' length",
	   ENG_FK_NUM),
	PF("tls.handshake.extensions.supported_version",
	   "TLS: the versions offered, or the one chosen (hex; 0x0304 TLS 1.3)", ENG_FK_STR),
	PF("tls.handshake.extensions_supported_groups_length", "TLS: the supported groups' length",
	   ENG_FK_NUM),
	PF("tls.handshake.extensions_supported_group", "TLS: the groups offered (hex)", ENG_FK_STR),
	PF("tls.handshake.sig_hash_alg_len", "TLS: the signature algorithms' length", ENG_FK_NUM),
	PF("tls.handshake.sig_hash_alg",
	   "TLS: the signature algorithms offered, or a key exchange's (hex)", ENG_FK_STR),
	PF("tls.handshake.certificates_length", "TLS: a Certificate message's list length",
	   ENG_FK_NUM),
	PF("tls.handshake.certificate_length", "TLS: the certificates' lengths", ENG_FK_NUM),
	{ "falco.rule", "the Falco rule (--rules) the event raises an alert of", f_falco_rule,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "falco.priority", "that rule's priority: Emergency ... Debug", f_falco_priority,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.info", "the arguments, as evt.args", f_evt_args, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "evt.arg", "one argument by name or index (evt.arg.fd, evt.arg[0]), resolved",
	  f_evt_arg, ENG_FK_STR, ENG_FA_NAME, NULL, ENG_FS_ANY },
	{ "evt.rawarg", "one argument by name or index, unresolved (numbers as numbers)",
	  f_evt_rawarg, ENG_FK_DYN, ENG_FA_NAME, NULL, ENG_FS_ANY },
	{ "evt.res", "result: SUCCESS or the errno name", f_evt_res, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "evt.rawres", "result as a number", f_evt_rawres, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "evt.failed", "true if the call returned an error", f_evt_failed, ENG_FK_BOOL,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_io", "true for events that read or write an fd", f_evt_is_io, ENG_FK_BOOL,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_io_read", "true for events that read from an fd", f_evt_is_io_read,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_io_write", "true for events that write to an fd", f_evt_is_io_write,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.io_dir", "read or write, for I/O events", f_evt_io_dir, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "evt.buffer", "the data of I/O events, as evt.arg.data shows it", f_evt_buffer,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.buflen", "I/O exits on a known fd: the number of bytes read or written",
	  f_evt_buflen, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.buflen.in", "evt.buflen of reads", f_evt_buflen, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "evt.buflen.out", "evt.buflen of writes", f_evt_buflen, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "evt.buflen.file", "evt.buflen on a file", f_evt_buflen, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "evt.buflen.file.in", "evt.buflen of reads from a file", f_evt_buflen, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.buflen.file.out", "evt.buflen of writes to a file", f_evt_buflen, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.buflen.net", "evt.buflen on an IP socket", f_evt_buflen, ENG_FK_NUM, ENG_FA_NONE,
	  NULL, ENG_FS_ANY },
	{ "evt.buflen.net.in", "evt.buflen of reads from an IP socket", f_evt_buflen, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.buflen.net.out", "evt.buflen of writes to an IP socket", f_evt_buflen, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_wait", "true for events that wait (sleep, poll, ...)", f_evt_is_wait,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_syslog", "true for writes to an fd whose name has /dev/log in it",
	  f_evt_is_syslog, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_open_read", "true for opens that ask for reading", f_evt_is_open, ENG_FK_BOOL,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_open_write", "true for opens that ask for writing", f_evt_is_open,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_open_exec", "true for opens and creats that create a file with an execute bit",
	  f_evt_is_open, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_open_create", "true for opens that created their file", f_evt_is_open,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.abspath", "*at calls: the path they name, made absolute with their dirfd",
	  f_evt_abspath, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.abspath.src", "renameat and linkat: evt.abspath of the old path", f_evt_abspath,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.abspath.dst", "renameat and linkat: evt.abspath of the new path", f_evt_abspath,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.count", "1 for every event (to count events)", f_evt_count, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.count.exit", "1 for exit events; enter events have none", f_evt_count_exit,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_TYPE },
	{ "evt.count.error", "events with a result: 1 if it is an error, else 0",
	  f_evt_count_error, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.count.error.file", "evt.count.error of file events (by fd, or an open)",
	  f_evt_count_error, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.count.error.net", "evt.count.error of network events (by fd, or accept, connect)",
	  f_evt_count_error, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.count.error.memory", "evt.count.error of memory events (mmap, brk, ...)",
	  f_evt_count_error, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.count.error.other", "evt.count.error of the events none of the above counts",
	  f_evt_count_error, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.count.procinfo", "1 for procinfo events of main threads, else 0",
	  f_evt_count_procinfo, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.count.threadinfo", "1 for procinfo events, else 0", f_evt_count_procinfo,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.source", "the source of the event: syscall", f_evt_source, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.pluginname", "plugin events: the plugin's name (none: no plugin is loaded)",
	  f_evt_plugin, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.plugininfo", "plugin events: the plugin's summary (none: no plugin is loaded)",
	  f_evt_plugin, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.is_async", "true for meta events (container, async, ...)", f_evt_is_async,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_TYPE },
	{ "evt.asynctype", "meta events: their type (async events: the name they carry)",
	  f_evt_asynctype, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "evt.hostname", "the name of the machine the capture was made on", f_evt_hostname,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.name", "process (command) name", f_proc_name, ENG_FK_STR, ENG_FA_NONE,
	  s_proc_name, ENG_FS_ANY },
	{ "proc.pid", "process id", f_proc_pid, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.ppid", "parent process id", f_proc_ppid, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "proc.exe", "first command-line argument (argv[0])", f_proc_exe, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.exepath", "full path of the executable", f_proc_exepath, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.args", "command-line arguments after argv[0]", f_proc_args, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.cmdline", "name and arguments", f_proc_cmdline, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "proc.cwd", "working directory", f_proc_cwd, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.pname", "parent process name", f_proc_pname, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "proc.aname", "ancestor name: [1] parent, [2] grandparent, ... ([0] the process)",
	  f_proc_aname, ENG_FK_STR, ENG_FA_OPT_INDEX, NULL, ENG_FS_ANY },
	{ "proc.apid", "ancestor pid, as proc.aname", f_proc_apid, ENG_FK_NUM,
	  ENG_FA_OPT_INDEX, NULL, ENG_FS_ANY },
	{ "proc.vpid", "process id inside its pid namespace", f_proc_vpid, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.sid", "session id", f_proc_sid, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.fdlimit", "maximum number of open fds", f_proc_fdlimit, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "proc.fdopencount", "number of fds the process has open", f_proc_fdopencount,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.env", "environment variables; [NAME]: the value of one", f_proc_env, ENG_FK_STR,
	  ENG_FA_OPT_KEY, NULL, ENG_FS_ANY },
	{ "proc.pexe", "argv[0] of the parent process", f_proc_pexe, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.aexe", "argv[0] of an ancestor, as proc.aname", f_proc_aexe, ENG_FK_STR,
	  ENG_FA_OPT_INDEX, NULL, ENG_FS_ANY },
	{ "proc.pexepath", "executable of the parent process", f_proc_pexepath, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.aexepath", "executable of an ancestor, as proc.aname", f_proc_aexepath, ENG_FK_STR,
	  ENG_FA_OPT_INDEX, NULL, ENG_FS_ANY },
	{ "proc.pcmdline", "name and arguments of the parent process", f_proc_pcmdline, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.pvpid", "parent process id inside its pid namespace", f_proc_pvpid, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.tty", "controlling terminal (0 if none)", f_proc_tty, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.sname", "name of the session leader", f_proc_sname, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.sid.exe", "argv[0] of the session leader", f_proc_sid_exe, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.sid.exepath", "executable of the session leader", f_proc_sid_exepath, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.vpgid", "process group id inside its pid namespace", f_proc_vpgid, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.vpgid.name", "name of the process group leader", f_proc_vpgid_name, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.vpgid.exe", "argv[0] of the process group leader", f_proc_vpgid_exe, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.vpgid.exepath", "executable of the process group leader",
	  f_proc_vpgid_exepath, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.pgid", "process group id in the host pid namespace", f_proc_pgid, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.pgid.name", "name of the process group leader (host pid namespace)",
	  f_proc_pgid_name, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.pgid.exe", "argv[0] of the process group leader (host pid namespace)",
	  f_proc_pgid_exe, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.pgid.exepath", "executable of the process group leader (host pid namespace)",
	  f_proc_pgid_exepath, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_pgid_leader", "true if the process leads its process group (host pid namespace)",
	  f_proc_is_pgid_leader, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.exeline", "argv[0] and the arguments (proc.exe and proc.args)", f_proc_exeline,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.cmdnargs", "number of command-line arguments after argv[0]", f_proc_cmdnargs,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.cmdlenargs", "total length of the arguments after argv[0]", f_proc_cmdnargs,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.aargs", "arguments of an ancestor ([0] the process); without [N], of all of them",
	  f_proc_aargs, ENG_FK_STR, ENG_FA_OPT_INDEX, NULL, ENG_FS_ANY },
	{ "proc.acmdline", "proc.cmdline of an ancestor, as proc.aargs", f_proc_acmdline,
	  ENG_FK_STR, ENG_FA_OPT_INDEX, NULL, ENG_FS_ANY },
	{ "proc.aenv", "environment of ancestor [N] (none: the process's); [NAME]: a "
	  "variable in the nearest ancestor", f_proc_aenv, ENG_FK_STR, ENG_FA_OPT_KEY, NULL,
	  ENG_FS_ANY },
	{ "proc.duration", "ns since the thread was cloned (only if the capture shows the clone)",
	  f_proc_duration, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.ppid.duration", "proc.duration of the parent process", f_proc_ppid_duration,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.pid.ts", "time the thread was cloned, in ns (only if the capture shows it)",
	  f_proc_pid_ts, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.ppid.ts", "proc.pid.ts of the parent thread (0 if unknown)", f_proc_ppid_ts,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.fdusage", "open fds in % of proc.fdlimit", f_proc_fdusage, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.loginshellid", "pid of the oldest shell (name in *sh): the process or an ancestor",
	  f_proc_loginshellid, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.stdin.name", "name of fd 0", f_proc_stdfd, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "proc.stdin.type", "type of fd 0, as fd.type", f_proc_stdfd, ENG_FK_STR, ENG_FA_NONE,
	  NULL, ENG_FS_ANY },
	{ "proc.stdout.name", "name of fd 1", f_proc_stdfd, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "proc.stdout.type", "type of fd 1, as fd.type", f_proc_stdfd, ENG_FK_STR, ENG_FA_NONE,
	  NULL, ENG_FS_ANY },
	{ "proc.stderr.name", "name of fd 2", f_proc_stdfd, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "proc.stderr.type", "type of fd 2, as fd.type", f_proc_stdfd, ENG_FK_STR, ENG_FA_NONE,
	  NULL, ENG_FS_ANY },
	{ "thread.nametid", "proc.name and thread.tid, joined", f_thread_nametid, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.cgroups", "the thread's cgroups, as subsystem=path, space-separated",
	  f_thread_cgroups, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.cgroup", "the thread's cgroup of one subsystem (thread.cgroup.cpuacct)",
	  f_thread_cgroup, ENG_FK_STR, ENG_FA_NAME, NULL, ENG_FS_ANY },
	{ "thread.exectime", "switch events: ns since the switch before on that CPU; others: 0",
	  f_thread_exectime, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.totexectime", "thread.exectime of the thread's switch events, summed",
	  f_thread_totexectime, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_sid_leader", "true if the process leads its session",
	  f_proc_is_sid_leader, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_vpgid_leader", "true if the process leads its process group",
	  f_proc_is_vpgid_leader, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_exe_writable", "true if the executable is writable by the process's user",
	  f_proc_is_exe_writable, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_exe_upper_layer", "true if the executable is in an overlay's upper layer",
	  f_proc_is_exe_upper_layer, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_exe_lower_layer", "true if the executable is in an overlay's lower layer",
	  f_proc_is_exe_lower_layer, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_exe_from_memfd", "true if the executable is a memfd file",
	  f_proc_is_exe_from_memfd, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.exe_ino", "inode number of the executable", f_proc_exe_ino, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.exe_ino.ctime", "status change time of the executable's inode, in ns",
	  f_proc_exe_ino_ctime, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.exe_ino.mtime", "modification time of the executable's inode, in ns",
	  f_proc_exe_ino_mtime, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.exe_ino.ctime_duration_proc_start",
	  "ns from the executable's ctime to the clone of the process", f_proc_ctime_to_clone,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.exe_ino.ctime_duration_pidns_start",
	  "ns from the start of the pid namespace's init to the executable's ctime",
	  f_proc_ctime_from_pidns, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.pidns_init_start_ts", "start time of the pid namespace's init, in ns",
	  f_proc_pidns_init_start_ts, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.cap_permitted", "permitted capabilities", f_thread_cap_permitted, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.cap_inheritable", "inheritable capabilities",
	  f_thread_cap_inheritable, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.cap_effective", "effective capabilities", f_thread_cap_effective, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.tid", "thread id", f_thread_tid, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.vtid", "thread id inside its pid namespace", f_thread_vtid, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.ismain", "true for the main thread of a process", f_thread_ismain,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.nthreads", "threads the process has, its main thread included", f_proc_nthreads,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.nchilds", "threads the process has besides its main thread", f_proc_nchilds,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.vmsize", "virtual memory of the process, in kB",
	  f_proc_vmsize, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.vmrss", "resident memory of the process, in kB",
	  f_proc_vmrss, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.vmswap", "swapped memory of the process, in kB",
	  f_proc_vmswap, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.cpu", "procinfo events: CPU the thread used in the last second, in %",
	  f_thread_cpu, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.cpu.user", "procinfo events: user CPU of the thread in the last second, in %",
	  f_thread_cpu_user, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.cpu.system", "procinfo events: system CPU of the thread in the last second, in %",
	  f_thread_cpu_system, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.vmsize", "main thread: virtual memory of the process, in kB; other threads: 0",
	  f_thread_vmsize, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.vmrss", "main thread: resident memory of the process, in kB; other threads: 0",
	  f_thread_vmrss, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.vmsize.b", "thread.vmsize in bytes", f_thread_vmsize_b, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.vmrss.b", "thread.vmrss in bytes", f_thread_vmrss_b, ENG_FK_NUM, ENG_FA_NONE,
	  NULL, ENG_FS_ANY },
	{ "thread.pfmajor", "major page faults of the thread since it started", f_thread_pfmajor,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "thread.pfminor", "minor page faults of the thread since it started", f_thread_pfminor,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fd.num", "fd number the event works on", f_fd_num, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_FD },
	{ "fd.name", "fd name: file path, socket tuple, ...", f_fd_name, ENG_FK_STR,
	  ENG_FA_NONE, s_fd_name, ENG_FS_FD },
	{ "fd.type", "fd type: file, directory, ipv4, ipv6, unix, pipe, event, ...", f_fd_type,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.typechar", "fd type as one character (f file, 4 IPv4, u unix, ...)", f_fd_typechar,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.directory", "directory of a file fd", f_fd_directory, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_FD },
	{ "fd.filename", "file name of a file fd, without its directory", f_fd_filename,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.cip", "client IP address of a connected socket", f_fd_cip, ENG_FK_IP,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.sip", "server IP address of a socket", f_fd_sip, ENG_FK_IP, ENG_FA_NONE, NULL,
	  ENG_FS_FD },
	{ "fd.dip", "destination (server) IP address of a socket; as fd.sip", f_fd_sip,
	  ENG_FK_IP, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.cport", "client port of a connected socket", f_fd_cport, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.sport", "server port of a socket", f_fd_sport, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_FD },
	{ "fd.dport", "destination (server) port of a socket; as fd.sport", f_fd_sport,
	  ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.lip", "local IP address of a connected socket", f_fd_lip, ENG_FK_IP, ENG_FA_NONE,
	  NULL, ENG_FS_FD },
	{ "fd.rip", "remote IP address of a connected socket", f_fd_rip, ENG_FK_IP, ENG_FA_NONE,
	  NULL, ENG_FS_FD },
	{ "fd.lport", "local port of a connected socket", f_fd_lport, ENG_FK_NUM, ENG_FA_NONE,
	  NULL, ENG_FS_FD },
	{ "fd.rport", "remote port of a connected socket", f_fd_rport, ENG_FK_NUM, ENG_FA_NONE,
	  NULL, ENG_FS_FD },
	{ "fd.l4proto", "IP protocol of a socket: tcp, udp, icmp, raw", f_fd_l4proto,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fd.sockfamily", "socket family: ip or unix", f_fd_sockfamily, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.ip", "filters: an IP address of either end of the socket", f_fd_end_ip, ENG_FK_IP,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.net", "filters: the network (ADDR/BITS) of either end of the socket", f_fd_end_ip,
	  ENG_FK_IP, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.port", "filters: the port of either end of the socket", f_fd_end_port, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.proto", "filters: the port of either end of the socket; as fd.port",
	  f_fd_end_port, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.cnet", "filters: the network (ADDR/BITS) of fd.cip", f_fd_cip, ENG_FK_IP,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.snet", "filters: the network (ADDR/BITS) of fd.sip", f_fd_sip, ENG_FK_IP,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.lnet", "filters: the network (ADDR/BITS) of fd.lip", f_fd_lip, ENG_FK_IP,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.rnet", "filters: the network (ADDR/BITS) of fd.rip", f_fd_rip, ENG_FK_IP,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.is_server", "true if the process is the server end of the socket", f_fd_is_server,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.uid", "the thread id and the fd number, written one after the other", f_fd_uid,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.containername", "container id (empty on the host), ':' and fd.name",
	  f_fd_containername, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.containerdirectory", "container id (empty on the host), ':' and fd.directory",
	  f_fd_containerdirectory, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.cproto", "client port of a connected socket, as text", f_fd_cproto, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.sproto", "server port of a connected socket, as text", f_fd_sproto, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.lproto", "local port of a connected socket, as text", f_fd_lport, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.rproto", "remote port of a connected socket, as text", f_fd_rport, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.cip.name", "domain name of fd.cip (needs DNS: none in a capture)", f_fd_ipname,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.sip.name", "domain name of fd.sip (needs DNS: none in a capture)", f_fd_ipname,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.lip.name", "domain name of fd.lip (needs DNS: none in a capture)", f_fd_ipname,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.rip.name", "domain name of fd.rip (needs DNS: none in a capture)", f_fd_ipname,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.dev", "device of the file, in hexadecimal", f_fd_dev, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_FD },
	{ "fd.dev.major", "major number of the file's device", f_fd_dev_major, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.dev.minor", "minor number of the file's device", f_fd_dev_minor, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.ino", "inode number of the file", f_fd_ino, ENG_FK_NUM, ENG_FA_NONE, NULL,
	  ENG_FS_FD },
	{ "fd.connected", "true if the socket is connected", f_fd_connected, ENG_FK_BOOL,
	  ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.name_changed", "true if the event changed the name of its fd (a new fd's too)",
	  f_fd_name_changed, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.nameraw", "an opened file's path as the call gave it, repeated '/' made one",
	  f_fd_nameraw, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.types", "the types of the thread's fds, as a list; fd.types[N]: of fd N",
	  f_fd_types, ENG_FK_STR, ENG_FA_OPT_INDEX, NULL, ENG_FS_FD },
	{ "fd.is_upper_layer", "true if the file is in an overlay's upper layer", f_fd_layer,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "fd.is_lower_layer", "true if the file is in an overlay's lower layer", f_fd_layer,
	  ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_FD },
	{ "user.uid", "user id", f_user_uid, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "user.name", "user name", f_user_name, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "user.homedir", "home directory of the user", f_user_homedir, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "user.shell", "shell of the user", f_user_shell, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "user.loginuid", "audit login user id (-1 if none)", f_user_loginuid, ENG_FK_NUM,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "user.loginname", "name of the audit login user", f_user_loginname, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "group.gid", "group id", f_group_gid, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "group.name", "group name", f_group_name, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fdlist.nums", "poll events: the fd numbers, comma-separated", f_fdlist_nums,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fdlist.names", "poll events: the fd names, comma-separated", f_fdlist_names,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fdlist.cips", "poll events: the client IP addresses of the fds", f_fdlist_cips,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fdlist.sips", "poll events: the server IP addresses of the fds", f_fdlist_sips,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fdlist.cports", "poll events: the client ports of the fds", f_fdlist_cports,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fdlist.sports", "poll events: the server ports of the fds", f_fdlist_sports,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fs.path.name", "path a filesystem call worked on, made absolute", f_fs_path,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fs.path.nameraw", "path a filesystem call worked on, as given", f_fs_path,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fs.path.source", "source path of a rename, link, symlink or mount, made absolute",
	  f_fs_path, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fs.path.sourceraw", "source path of a rename, link, symlink or mount, as given",
	  f_fs_path, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fs.path.target", "target path of a rename, link, symlink or mount, made absolute",
	  f_fs_path, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "fs.path.targetraw", "target path of a rename, link, symlink or mount, as given",
	  f_fs_path, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.id", "container id (12 characters), or host", f_container_id, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.name", "container name, or host", f_container_name, ENG_FK_STR,
	  ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.image", "container image", f_container_image, ENG_FK_STR, ENG_FA_NONE, NULL,
	  ENG_FS_ANY },
	{ "container.image.id", "image id",
	  f_container_image_id, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.type", "container type (docker, cri-o, containerd, ...), or host",
	  f_container_type, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.privileged", "true if the container runs privileged",
	  f_container_privileged, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.mounts", "the mounts, comma-separated (source, dest, mode, rdwr, propagation)",
	  f_container_mounts, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.mount", "a mount, by number or by its source (a glob)",
	  f_container_mount, ENG_FK_STR, ENG_FA_KEY, NULL, ENG_FS_ANY },
	{ "container.mount.source", "a mount's source, by number or by its destination (a glob)",
	  f_container_mount_source, ENG_FK_STR, ENG_FA_KEY, NULL, ENG_FS_ANY },
	{ "container.mount.dest", "a mount's destination, by number or by its source (a glob)",
	  f_container_mount_dest, ENG_FK_STR, ENG_FA_KEY, NULL, ENG_FS_ANY },
	{ "container.mount.mode", "a mount's mode, by number or by its source (a glob)",
	  f_container_mount_mode, ENG_FK_STR, ENG_FA_KEY, NULL, ENG_FS_ANY },
	{ "container.mount.rdwr", "true if a mount is writable, by number or source (a glob)",
	  f_container_mount_rdwr, ENG_FK_BOOL, ENG_FA_KEY, NULL, ENG_FS_ANY },
	{ "container.mount.propagation", "a mount's propagation, by number or source (a glob)",
	  f_container_mount_propagation, ENG_FK_STR, ENG_FA_KEY, NULL, ENG_FS_ANY },
	{ "container.image.repository", "image repository",
	  f_container_image_repository, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.image.tag", "image tag",
	  f_container_image_tag, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.image.digest", "image registry digest",
	  f_container_image_digest, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.healthcheck", "health check command line, or NONE",
	  f_container_healthcheck, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.liveness_probe", "liveness probe command line, or NONE",
	  f_container_liveness_probe, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.readiness_probe", "readiness probe command line, or NONE",
	  f_container_readiness_probe, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.full_id", "the full container id, or host",
	  f_container_full_id, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.start_ts", "start of the init of the pid namespace, in ns (epoch)",
	  f_container_start_ts, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.duration", "ns since container.start_ts",
	  f_container_duration, ENG_FK_NUM, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.ip", "the container's IPv4 address",
	  f_container_ip, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.cni.json", "the pod's CNI result (JSON)",
	  f_container_cni_json, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.host_pid", "true if the container is in the host's PID namespace",
	  f_container_host_pid, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.host_network", "true if the container is in the host's network namespace",
	  f_container_host_network, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.host_ipc", "true if the container is in the host's IPC namespace",
	  f_container_host_ipc, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "container.label", "a container label, by name",
	  f_container_label, ENG_FK_STR, ENG_FA_LABEL, NULL, ENG_FS_ANY },
	{ "container.labels", "the container labels (name, colon, value), comma-separated",
	  f_container_labels, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_container_healthcheck", "true if the process is its container's health check",
	  f_proc_is_container_healthcheck, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_container_liveness_probe",
	  "true if the process is its container's liveness probe",
	  f_proc_is_container_liveness_probe, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "proc.is_container_readiness_probe",
	  "true if the process is its container's readiness probe",
	  f_proc_is_container_readiness_probe, ENG_FK_BOOL, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.pod.name", "Kubernetes pod name",
	  f_k8s_pod_name, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.ns.name", "Kubernetes namespace name",
	  f_k8s_ns_name, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.pod.id", "Kubernetes pod UID (legacy name of k8s.pod.uid)",
	  f_k8s_pod_uid, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.pod.uid", "Kubernetes pod UID",
	  f_k8s_pod_uid, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.pod.sandbox_id", "pod sandbox id (12 characters)",
	  f_k8s_pod_sandbox_id, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.pod.full_sandbox_id", "pod sandbox id",
	  f_k8s_pod_full_sandbox_id, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.pod.label", "a pod label, by name",
	  f_k8s_pod_label, ENG_FK_STR, ENG_FA_LABEL, NULL, ENG_FS_ANY },
	{ "k8s.pod.labels", "the pod labels (name, colon, value), comma-separated",
	  f_k8s_pod_labels, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.pod.ip", "the pod's IPv4 address",
	  f_k8s_pod_ip, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.pod.cni.json", "the pod's CNI result (JSON)",
	  f_k8s_pod_cni_json, ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.rc.name", "[deprecated, no value] replication controller name", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.rc.id", "[deprecated, no value] replication controller id", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.rc.label", "[deprecated, no value] replication controller label, by name", f_k8s_api,
	  ENG_FK_STR, ENG_FA_LABEL, NULL, ENG_FS_ANY },
	{ "k8s.rc.labels", "[deprecated, no value] replication controller labels", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.svc.name", "[deprecated, no value] service name", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.svc.id", "[deprecated, no value] service id", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.svc.label", "[deprecated, no value] service label, by name", f_k8s_api,
	  ENG_FK_STR, ENG_FA_LABEL, NULL, ENG_FS_ANY },
	{ "k8s.svc.labels", "[deprecated, no value] service labels", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.ns.id", "[deprecated, no value] namespace id", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.ns.label", "[deprecated, no value] namespace label, by name", f_k8s_api,
	  ENG_FK_STR, ENG_FA_LABEL, NULL, ENG_FS_ANY },
	{ "k8s.ns.labels", "[deprecated, no value] namespace labels", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.rs.name", "[deprecated, no value] replica set name", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.rs.id", "[deprecated, no value] replica set id", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.rs.label", "[deprecated, no value] replica set label, by name", f_k8s_api,
	  ENG_FK_STR, ENG_FA_LABEL, NULL, ENG_FS_ANY },
	{ "k8s.rs.labels", "[deprecated, no value] replica set labels", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.deployment.name", "[deprecated, no value] deployment name", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.deployment.id", "[deprecated, no value] deployment id", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ "k8s.deployment.label", "[deprecated, no value] deployment label, by name", f_k8s_api,
	  ENG_FK_STR, ENG_FA_LABEL, NULL, ENG_FS_ANY },
	{ "k8s.deployment.labels", "[deprecated, no value] deployment labels", f_k8s_api,
	  ENG_FK_STR, ENG_FA_NONE, NULL, ENG_FS_ANY },
	{ NULL, NULL, NULL, 0, 0, NULL, ENG_FS_ANY },
};

const struct eng_field *eng_field_all(void)
{
	return fields;
}

static bool name_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.';
}

/* A label name's characters after a dot, as libsinsp takes them. */
static bool label_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '/' || c == '-';
}

/*
 * The text argument of field out->f, whose name ends at text[blen]: [TEXT],
 * or for labels .NAME too. Returns the characters used or -1.
 */
static int parse_key(const char *text, size_t blen, struct eng_fref *out, struct diag *d)
{
	const char *p = text + blen, *end;
	size_t an;
	char *num;

	if (*p == '.' && out->f->arg == ENG_FA_LABEL) {
		for (end = p + 1; label_char(*end); end++)
			;
		p++;
	} else if (*p == '[' && (end = strchr(p, ']'))) {
		p++;
	} else {
		diag_set(d, -EINVAL, 0, "'%s' needs an argument, as in %s%s", out->f->name,
			 out->f->name,
			 out->f->arg == ENG_FA_LABEL ? ".NAME or [NAME]" :
			 out->f->arg == ENG_FA_OPT_KEY ? "[NAME]" : "[0]");
		if (d)
			d->col = (uint32_t)blen;
		return -1;
	}
	an = (size_t)(end - p);
	if (an == 0 || an >= sizeof(out->name)) {
		diag_set(d, -EINVAL, 0, "'%s' needs an argument of 1 to %zu characters",
			 out->f->name, sizeof(out->name) - 1);
		if (d)
			d->col = (uint32_t)blen + 1;
		return -1;
	}
	memcpy(out->name, p, an);
	errno = 0;
	out->idx = strtoll(out->name, &num, 10);
	if (num == out->name || *num || errno || out->idx < 0 || !isdigit((unsigned char)*p))
		out->idx = -1;
	out->has_arg = true;
	return (int)(end + (*end == ']') - text);
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
		if (flen == n ||
		    ((f->arg == ENG_FA_NAME || f->arg == ENG_FA_LABEL) && text[flen] == '.')) {
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
	if (best->arg == ENG_FA_KEY || best->arg == ENG_FA_LABEL ||
	    (best->arg == ENG_FA_OPT_KEY && *p == '['))
		return parse_key(text, blen, out, d);
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

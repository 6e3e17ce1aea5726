// SPDX-License-Identifier: GPL-2.0-only
/* Field extractors: fd.* and fdlist.*. */
#include "eng_fields.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "dis_fmt.h"
#include "eng_fields_int.h"
#include "schema.h"

/* ---- fd.* ---- */

bool f_fd_num(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	UNUSED_ARGS;
	if (!fx_is_fd_event(e))
		return false;
	sbuf_put_i64(o, e->thread->lastevent_fd);
	return true;
}

bool f_fd_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct eng_fd *f;
	int64_t res;

	(void)r;
	if (!fx_is_fd_event(e))
		return false;
	f = fx_evt_fd(e);
	if (!f || (e->ev.type == EV_SOCKET_CONNECT_X && fx_evt_i64(e, "res", &res) && res < 0))
		return fx_creator_name(o, s, e);
	dis_fmt_sanitized(o, f->name);
	return true;
}

const char *s_fd_name(const struct eng_state *s, const struct eng_evt *e)
{
	const struct eng_fd *f;
	int64_t res;

	(void)s;
	if (!fx_is_fd_event(e))
		return eng_field_absent;
	if (!(f = fx_evt_fd(e)) ||
	    (e->ev.type == EV_SOCKET_CONNECT_X && fx_evt_i64(e, "res", &res) && res < 0))
		return NULL;
	/* filters compare the name unsanitised, as sysdig does */
	return f->name;
}

bool f_fd_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	sbuf_puts(o, eng_fd_typename(f));
	return true;
}

bool f_fd_typechar(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	const struct eng_fd *f;

	UNUSED_ARGS;
	if (!fx_is_fd_event(e))
		return false;
	f = fx_evt_fd(e);
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
		sbuf_putc(o, 'o');
		return true;
	}
}

bool f_fd_directory(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			   const struct eng_fref *r)
{
	const struct eng_fd *f;
	size_t start = o->len;
	char *slash;

	(void)r;
	if (!fx_is_fd_event(e))
		return false;
	f = fx_evt_fd(e);
	if (!f) {
		if (!fx_creator_name(o, s, e))
			return false;
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

bool f_fd_filename(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);
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
	const struct eng_fd *f = fx_evt_fd(e);

	if (!fd_is_ip(f) || fd_is_servsock(f) || f->role == ENG_ROLE_NONE)
		return NULL;
	return f;
}

/* A socket whose server end is known: a listening socket or a connected one. */
static const struct eng_fd *fd_server(const struct eng_evt *e)
{
	const struct eng_fd *f = fx_evt_fd(e);

	if (!fd_is_ip(f) || (!fd_is_servsock(f) && f->role == ENG_ROLE_NONE))
		return NULL;
	return f;
}

bool f_fd_cip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	const struct eng_fd *f = fd_client(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	put_ip(o, f, f->sip);
	return true;
}

bool f_fd_sip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	const struct eng_fd *f = fd_server(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	put_ip(o, f, fd_is_servsock(f) ? f->sip : f->dip);
	return true;
}

bool f_fd_cport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);

	UNUSED_ARGS;
	/* connected IP sockets only (not listening ones), as in current libraries */
	if (!f || (f->type != 3 && f->type != 4) || f->role == ENG_ROLE_NONE)
		return false;
	sbuf_put_u64(o, f->sport);
	return true;
}

bool f_fd_sport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	const struct eng_fd *f = fd_server(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	sbuf_put_u64(o, fd_is_servsock(f) ? f->sport : f->dport);
	return true;
}

/*
 * One end of a connected socket, as libsinsp picks it: the tuple's source
 * is the local end if its address belongs to this machine, else the
 * destination is. Prints the address, or the port if port is set.
 */
static bool put_end(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    bool local_end, bool port)
{
	const struct eng_fd *f = fx_evt_fd(e);
	bool src;

	if (!f || (f->type != 3 && f->type != 4) || f->role == ENG_ROLE_NONE)
		return false;
	src = eng_state_is_local(s, e->thread, f->sip, f->type == 4 ? 16 : 4) == local_end;
	if (port)
		sbuf_put_u64(o, src ? f->sport : f->dport);
	else
		put_ip(o, f, src ? f->sip : f->dip);
	return true;
}

bool f_fd_lip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	(void)r;
	return put_end(o, s, e, true, false);
}

bool f_fd_rip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	(void)r;
	return put_end(o, s, e, false, false);
}

bool f_fd_lport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	(void)r;
	return put_end(o, s, e, true, true);
}

bool f_fd_rport(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	(void)r;
	return put_end(o, s, e, false, true);
}

bool f_fd_l4proto(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	static const char *const names[] = { "<NA>", "<NA>", "tcp", "udp", "icmp", "raw" };
	const struct eng_fd *f = fx_evt_fd(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	/* as libsinsp: the text "<NA>", not a missing value, for an fd of no protocol */
	sbuf_puts(o, fd_is_ip(f) && eng_fd_l4proto(f) < 6 ? names[eng_fd_l4proto(f)] : "<NA>");
	return true;
}

bool f_fd_sockfamily(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);

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

/*
 * An end of an IP socket for the filter fields of either end: the tuple's
 * source (r->idx 0) or destination, whatever the role; a listening
 * socket's own address at both. Puts the address, or the port if port is set.
 */
static bool put_either_end(struct sbuf *o, const struct eng_evt *e, const struct eng_fref *r,
			   bool port)
{
	const struct eng_fd *f = fx_evt_fd(e);
	bool dst;

	if (!fd_is_ip(f))
		return false;
	dst = r->idx && !fd_is_servsock(f);
	if (port)
		sbuf_put_u64(o, dst ? f->dport : f->sport);
	else
		put_ip(o, f, dst ? f->dip : f->sip);
	return true;
}

bool f_fd_end_ip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		 const struct eng_fref *r)
{
	(void)s;
	return put_either_end(o, e, r, false);
}

bool f_fd_end_port(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		   const struct eng_fref *r)
{
	(void)s;
	return put_either_end(o, e, r, true);
}

bool eng_field_either_end(const struct eng_field *f)
{
	return f->extract == f_fd_end_ip || f->extract == f_fd_end_port;
}

bool f_fd_is_server(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);

	(void)r;
	if (!f)
		return false;
	if (fd_is_servsock(f))
		return fx_put_bool(o, true);
	/* a connected socket whose server end is this machine */
	return fx_put_bool(o, (f->type == 3 || f->type == 4) &&
				      eng_state_is_local(s, e->thread, f->dip, f->type == 4 ? 16 : 4));
}

bool f_fd_uid(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	      const struct eng_fref *r)
{
	UNUSED_ARGS;
	if (!fx_is_fd_event(e) || !e->thread)
		return false;
	/* the thread id and the fd number, written one after the other */
	sbuf_put_i64(o, e->thread->tid);
	sbuf_put_i64(o, e->thread->lastevent_fd);
	return true;
}

/* The container id (empty on the host), ':' and what get puts, as libsinsp chains them. */
static bool put_in_container(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			     const struct eng_fref *r, eng_field_fn get)
{
	size_t start = o->len;

	if (!e->thread)
		return false;
	sbuf_puts(o, e->thread->container_id);
	sbuf_putc(o, ':');
	if (get(o, s, e, r))
		return true;
	sbuf_truncate(o, start);
	return false;
}

bool f_fd_containername(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	return put_in_container(o, s, e, r, f_fd_name);
}

bool f_fd_containerdirectory(struct sbuf *o, const struct eng_state *s,
			     const struct eng_evt *e, const struct eng_fref *r)
{
	return put_in_container(o, s, e, r, f_fd_directory);
}

/*
 * fd.cproto and fd.sproto: the port as text (libsinsp resolves no port
 * names when reading a capture); empty for a socket that is not IP.
 */
bool f_fd_cproto(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		 const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);

	UNUSED_ARGS;
	if (!f || f->role == ENG_ROLE_NONE)
		return false;
	if (f->type == 3 || f->type == 4)
		sbuf_put_u64(o, f->sport);
	return true;
}

bool f_fd_sproto(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		 const struct eng_fref *r)
{
	const struct eng_fd *f = fd_server(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	if (!fd_is_servsock(f))
		sbuf_put_u64(o, f->dport);
	return true;
}

/* Domain names need DNS look-ups, which a capture does not hold: never a value. */
bool f_fd_ipname(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		 const struct eng_fref *r)
{
	UNUSED_ARGS;
	(void)o, (void)e;
	return false;
}

bool f_fd_dev(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	      const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);
	char hex[16];

	UNUSED_ARGS;
	if (!f)
		return false;
	snprintf(hex, sizeof(hex), "%X", f->dev);
	sbuf_puts(o, hex);
	return true;
}

/* The kernel's encoding of a device number (new_encode_dev). */
bool f_fd_dev_major(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	sbuf_put_u64(o, (f->dev & 0xfff00) >> 8);
	return true;
}

bool f_fd_dev_minor(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	sbuf_put_u64(o, (f->dev & 0xff) | ((f->dev >> 12) & 0xfff00));
	return true;
}

bool f_fd_ino(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	      const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);

	UNUSED_ARGS;
	if (!f)
		return false;
	sbuf_put_u64(o, f->ino);
	return true;
}

bool f_fd_connected(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);

	UNUSED_ARGS;
	return f && fx_put_bool(o, f->flags & ENG_FD_CONNECTED);
}

bool f_fd_name_changed(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	UNUSED_ARGS;
	return fx_evt_fd(e) && fx_put_bool(o, e->info.name_changed);
}

/* fd.is_upper_layer and fd.is_lower_layer: what the open told of the file's overlayfs layer. */
bool f_fd_layer(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r)
{
	const struct eng_fd *f = fx_evt_fd(e);
	bool upper = strcmp(r->f->name, "fd.is_upper_layer") == 0;

	(void)s;
	return f && fx_put_bool(o, f->flags & (upper ? ENG_FD_UPPER_LAYER : ENG_FD_LOWER_LAYER));
}

/*
 * fd.nameraw: an opened file's path as the call gave it (other fds: ""),
 * or without an fd, the path the event names, as fd.name gives it (the
 * openat calls: as given); repeated '/' made one.
 */
bool f_fd_nameraw(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	const struct eng_fd *f;
	const char *p = "";
	struct ev_view enter;
	struct sbuf raw;

	(void)r;
	if (!fx_is_fd_event(e))
		return false;
	sbuf_init(&raw);
	if ((f = fx_evt_fd(e)))
		p = f->name_raw ? f->name_raw : "";
	else if (e->ev.type == EV_SYSCALL_OPENAT_2_X || e->ev.type == EV_SYSCALL_OPENAT2_X)
		p = ev_param_str(&e->ev, 2);
	else if (e->ev.type == EV_SYSCALL_OPENAT_X)
		p = eng_state_enter_of(e->thread, &e->ev, &enter) ? ev_param_str(&enter, 1) : NULL;
	else if (fx_creator_name(&raw, s, e))
		p = raw.s ? raw.s : "";
	else
		p = NULL;
	if (p) {
		for (; *p; p++)
			if (*p != '/' || p[1] != '/')
				sbuf_putc(o, *p);
	}
	sbuf_fini(&raw);
	return p != NULL;
}

/*
 * fd.types: the types of the thread's fds, each once, in the order of the
 * lowest fd of each; fd.types[N]: the type of fd N. Written as a list: "(file,ipv4)".
 */
bool f_fd_types(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		const struct eng_fref *r)
{
	const struct eng_fd *lowest[256] = { NULL };
	const struct eng_fd *f, *next;
	size_t i = 0;
	uint64_t k;
	void *v;

	(void)s;
	if (!fx_is_fd_event(e))
		return false;
	if (r->has_arg) {
		if (!(f = eng_state_fd(e->thread, r->idx)))
			return false;
		sbuf_printf(o, "(%s)", eng_fd_typename(f));
		return true;
	}
	while (e->thread->fdtab && hmap_next(&e->thread->fdtab->fds, &i, &k, &v)) {
		f = v;
		if (!lowest[f->type] || f->fd < lowest[f->type]->fd)
			lowest[f->type] = f;
	}
	sbuf_putc(o, '(');
	for (f = NULL;; f = next) {
		next = NULL;
		for (i = 0; i < 256; i++)
			if (lowest[i] && (!f || lowest[i]->fd > f->fd) &&
			    (!next || lowest[i]->fd < next->fd))
				next = lowest[i];
		if (!next)
			break;
		if (f)
			sbuf_putc(o, ',');
		sbuf_puts(o, eng_fd_typename(next));
	}
	sbuf_putc(o, ')');
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
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,   \
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

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The state's handlers of file and socket events, as libsinsp's parser:
 * opens, sockets, connects, accepts, pipes, dups and closes add, name and
 * remove fds; reads and writes fill in a socket's addresses.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "dis_fmt.h"
#include "eng_parse_int.h"
#include "eng_state_int.h"
#include "sbuf.h"
#include "schema.h"
#include "xalloc.h"

/* The overlayfs layer an open's exit tells of (creat has flags of its own). */
static uint8_t open_layer(const struct eng_call *c)
{
	int64_t v;

	if (eng_call_i64(c, "creat_flags", &v))
		return (v & PPM_FD_UPPER_LAYER_CREAT) ? ENG_FD_UPPER_LAYER :
		       (v & PPM_FD_LOWER_LAYER_CREAT) ? ENG_FD_LOWER_LAYER : 0;
	if (!eng_call_i64(c, "flags", &v))
		return 0;
	return ((v & PPM_FD_UPPER_LAYER) ? ENG_FD_UPPER_LAYER : 0) |
	       ((v & PPM_FD_LOWER_LAYER) ? ENG_FD_LOWER_LAYER : 0);
}

void eng_on_open_exit(struct eng_call *c)
{
	const char *pname = ev_param_find(c->ev->type, "path") >= 0 ? "path" : "name";
	struct eng_call from = *c;
	int64_t fd, dirfd, flags = 0, dev, ino;
	const char *name;
	struct eng_fd *f;
	struct sbuf path;

	if (!c->t)
		return;
	if (!eng_call_i64(c, "fd", &fd))
		fd = eng_call_res(c);
	/*
	 * As libsinsp: the enter event's path, flags and dirfd win when it has
	 * a path, even an empty one (the probe could not read it yet).
	 */
	name = c->have_enter ? eng_view_str(&c->enter, pname) : NULL;
	if (name && strcmp(name, "(NULL)") != 0) {
		from.ev = &c->enter;
		from.have_enter = false;
	} else {
		name = eng_view_str(c->ev, pname);
	}
	if (!name)
		name = "";
	if (fd < 0) {
		/* as libsinsp's parse_dirfd, a failed open*at works on its dirfd */
		if (name[0] != '/' && eng_call_i64(&from, "dirfd", &dirfd) && dirfd != PPM_AT_FDCWD)
			*c->fd = eng_state_fd(c->t, dirfd);
		return;
	}
	eng_call_i64(&from, "flags", &flags);
	sbuf_init(&path);
	dis_fmt_path_join(&path,
			  eng_call_basedir(&from, ev_param_find(from.ev->type, "dirfd") >= 0 ? "dirfd" : NULL),
			  name);
	eng_call_fd_add(c, fd, (flags & PPM_O_DIRECTORY) ? FD_TYPE_DIRECTORY : FD_TYPE_FILE, path.s);
	sbuf_fini(&path);
	f = eng_state_fd(c->t, fd);
	if (!f)
		return;
	f->open_flags = (uint32_t)flags;
	f->flags = open_layer(c);
	f->name_raw = xstrdup(name);
	/* the exit's device and inode, where the event has them */
	if (eng_call_i64(c, "dev", &dev))
		f->dev = (uint32_t)dev;
	if (eng_call_i64(c, "ino", &ino))
		f->ino = (uint64_t)ino;
}

void eng_on_socket_exit(struct eng_call *c)
{
	int64_t fd = eng_call_res(c), domain = 0, type = 0, proto = 0;
	uint8_t ftype, l4 = ENG_L4_UNKNOWN;
	struct eng_fd *f;

	if (fd < 0)
		return;
	eng_call_i64(c, "domain", &domain);
	eng_call_i64(c, "type", &type);
	eng_call_i64(c, "proto", &proto);
	switch (domain) {
	case DIS_AF_INET:
	case DIS_AF_INET6:
		ftype = domain == DIS_AF_INET ? FD_TYPE_IPV4_SOCK : FD_TYPE_IPV6_SOCK;
		/* as libsinsp's add_socket */
		if (proto == 6 || proto == 17)
			l4 = (type & 0xff) == 3 ? ENG_L4_RAW : proto == 6 ? ENG_L4_TCP : ENG_L4_UDP;
		else if (proto == 0)
			l4 = (type & 0xff) == 1 ? ENG_L4_TCP : (type & 0xff) == 2 ? ENG_L4_UDP :
								     ENG_L4_UNKNOWN;
		else if (proto == 1)
			l4 = (type & 0xff) == 3 ? ENG_L4_RAW : ENG_L4_ICMP;
		else if (proto == 255)
			l4 = ENG_L4_RAW;
		break;
	case DIS_AF_UNIX:
		ftype = FD_TYPE_UNIX_SOCK;
		break;
	case 16: /* AF_NETLINK */
		ftype = FD_TYPE_NETLINK;
		break;
	default:
		ftype = FD_TYPE_UNKNOWN;
		break;
	}
	eng_call_fd_add(c, fd, ftype, "");
	f = eng_state_fd(c->t, fd);
	if (f)
		f->l4proto = l4;
}

static bool ip_zero(const uint8_t *ip, size_t n)
{
	static const uint8_t zero[16];

	return memcmp(ip, zero, n) == 0;
}

/*
 * Takes the addresses of a socket tuple into f, as libsinsp does: nothing
 * changes if the tuple is the known one (either way round); the source is
 * replaced, the destination only filled when empty. Returns true on change.
 */
static bool sock_set_addrs(struct eng_fd *f, const uint8_t *sip, uint16_t sport,
			   const uint8_t *dip, uint16_t dport, size_t alen, uint8_t type)
{
	bool changed = false;

	if (f->type == type &&
	    ((!memcmp(sip, f->sip, alen) && sport == f->sport && !memcmp(dip, f->dip, alen) &&
	      dport == f->dport) ||
	     (!memcmp(dip, f->sip, alen) && dport == f->sport && !memcmp(sip, f->dip, alen) &&
	      sport == f->dport)))
		return false;
	if (f->type != type) {
		memset(f->sip, 0, 16);
		memset(f->dip, 0, 16);
		f->sport = f->dport = 0;
	}
	f->type = type;
	if (memcmp(f->sip, sip, alen) || f->sport != sport) {
		memcpy(f->sip, sip, alen);
		f->sport = sport;
		changed = true;
	}
	if (ip_zero(f->dip, alen)) {
		memcpy(f->dip, dip, alen);
		changed = true;
	}
	if (f->dport == 0) {
		f->dport = dport;
		changed = true;
	}
	return changed;
}

/* Sets f from a PT_SOCKTUPLE value; returns true if its addresses changed. */
static bool sock_set_tuple(struct eng_fd *f, const uint8_t *p, int64_t n)
{
	if (n <= 0)
		return false;
	if (p[0] == DIS_AF_INET && n == 13)
		return sock_set_addrs(f, p + 1, buf_le16(p + 5), p + 7, buf_le16(p + 11), 4,
				      FD_TYPE_IPV4_SOCK);
	if (p[0] == DIS_AF_INET6 && n == 37) {
		if (dis_ipv4_mapped(p + 1) && dis_ipv4_mapped(p + 19))
			return sock_set_addrs(f, p + 13, buf_le16(p + 17), p + 31,
					      buf_le16(p + 35), 4, FD_TYPE_IPV4_SOCK);
		return sock_set_addrs(f, p + 1, buf_le16(p + 17), p + 19, buf_le16(p + 35), 16,
				      FD_TYPE_IPV6_SOCK);
	}
	if (p[0] == DIS_AF_UNIX && n >= 17) {
		struct sbuf name;

		/* named as libsinsp does: "ffff...->ffff... /path" */
		sbuf_init(&name);
		dis_fmt_socktuple(&name, p, (uint32_t)n);
		f->type = FD_TYPE_UNIX_SOCK;
		free(f->name);
		f->name = xstrdup(name.s);
		sbuf_fini(&name);
		return true;
	}
	return false;
}

/* A zero address on one side of a datagram socket takes the other's. */
static void sock_infer_addrs(struct eng_fd *f)
{
	size_t alen = f->type == FD_TYPE_IPV6_SOCK ? 16 : 4;

	if (f->type != FD_TYPE_IPV4_SOCK && f->type != FD_TYPE_IPV6_SOCK)
		return;
	if (ip_zero(f->sip, alen) && !ip_zero(f->dip, alen))
		memcpy(f->sip, f->dip, alen);
	else if (ip_zero(f->dip, alen) && !ip_zero(f->sip, alen))
		memcpy(f->dip, f->sip, alen);
}

void eng_on_connect_enter(struct eng_call *c)
{
	const uint8_t *p;
	int64_t n, fd;
	struct eng_fd *f;

	if (!eng_call_i64(c, "fd", &fd) || !(f = eng_state_fd(c->t, fd)))
		return;
	n = eng_call_param(c, "addr", &p);
	if (n == 7 && p[0] == DIS_AF_INET) {
		f->type = FD_TYPE_IPV4_SOCK;
		memcpy(f->dip, p + 1, 4);
		f->dport = buf_le16(p + 5);
	} else if (n == 19 && p[0] == DIS_AF_INET6) {
		if (dis_ipv4_mapped(p + 1)) {
			f->type = FD_TYPE_IPV4_SOCK;
			memcpy(f->dip, p + 13, 4);
		} else {
			f->type = FD_TYPE_IPV6_SOCK;
			memcpy(f->dip, p + 1, 16);
		}
		f->dport = buf_le16(p + 17);
	} else if (n > 1 && p[0] == DIS_AF_UNIX) {
		const uint8_t *z = memchr(p + 1, 0, (size_t)n - 1);

		f->type = FD_TYPE_UNIX_SOCK;
		free(f->name);
		f->name = xstrndup((const char *)p + 1, z ? (size_t)(z - (p + 1)) : (size_t)n - 1);
	}
}

void eng_on_connect_exit(struct eng_call *c)
{
	int64_t res = eng_call_res(c), fd;
	const uint8_t *p;
	int64_t n;
	struct eng_fd *f;

	if (res < 0 && res != -EINPROGRESS)
		return;
	if (!eng_call_i64(c, "fd", &fd) || !(f = eng_state_fd(c->t, fd)))
		return;
	f->flags |= ENG_FD_CONNECTED;
	n = eng_call_param(c, "tuple", &p);
	if (n <= 0)
		return;
	sock_set_tuple(f, p, n);
	if (f->type == FD_TYPE_IPV4_SOCK || f->type == FD_TYPE_IPV6_SOCK)
		eng_fd_name_addrs(f);
	if (f->role == ENG_ROLE_NONE)
		f->role = ENG_ROLE_CLIENT;
}

/* True if the thread's process has a server socket on port. */
static bool bound_to_port(const struct eng_thread *t, uint16_t port)
{
	size_t i = 0;
	uint64_t k;
	void *v;

	while (t->fdtab && hmap_next(&t->fdtab->fds, &i, &k, &v)) {
		const struct eng_fd *f = v;

		if ((f->type == FD_TYPE_IPV4_SERVSOCK || f->type == FD_TYPE_IPV6_SERVSOCK) &&
		    f->sport == port)
			return true;
	}
	return false;
}

/* A read or write that worked marks its IP socket connected, as libsinsp does. */
void eng_on_io_exit(struct eng_call *c)
{
	struct eng_fd *f;

	if (!*c->fd || eng_call_res(c) < 0 || !(f = eng_state_fd(c->t, (*c->fd)->fd)))
		return;
	if (f->type == FD_TYPE_IPV4_SOCK || f->type == FD_TYPE_IPV6_SOCK)
		f->flags |= ENG_FD_CONNECTED;
}

/* sendto/sendmsg/recvfrom/recvmsg: a datagram socket learns its peer. */
void eng_on_msg_exit(struct eng_call *c)
{
	int64_t fd;
	const uint8_t *p;
	int64_t n;
	struct eng_fd *f;

	eng_on_io_exit(c);
	if (eng_call_res(c) < 0 || !eng_call_i64(c, "fd", &fd) || !(f = eng_state_fd(c->t, fd)))
		return;
	if (f->name[0] && eng_fd_l4proto(f) == ENG_L4_TCP)
		return;
	n = eng_call_param(c, "tuple", &p);
	if (!sock_set_tuple(f, p, n))
		return;
	if (f->type != FD_TYPE_IPV4_SOCK && f->type != FD_TYPE_IPV6_SOCK)
		return;
	if (f->l4proto == ENG_L4_UNKNOWN)
		f->l4proto = ENG_L4_UDP;
	sock_infer_addrs(f);
	if (f->role == ENG_ROLE_NONE)
		f->role = bound_to_port(c->t, f->dport) ? ENG_ROLE_SERVER : ENG_ROLE_CLIENT;
	/* the tuple is as the call saw it: received data comes from the peer */
	if ((eng_event_flags(c->ev->type) & EV_F_READS_FROM_FD) ? f->role == ENG_ROLE_CLIENT :
								 f->role == ENG_ROLE_SERVER)
		eng_fd_swap_ends(f);
	eng_fd_name_addrs(f);
}

void eng_on_accept_exit(struct eng_call *c)
{
	int64_t fd;
	const uint8_t *p;
	int64_t n;
	struct eng_fd *f;

	if (!eng_call_i64(c, "fd", &fd) || fd < 0)
		return;
	eng_call_fd_add(c, fd, FD_TYPE_UNSUPPORTED, "");
	f = eng_state_fd(c->t, fd);
	if (!f)
		return;
	n = eng_call_param(c, "tuple", &p);
	sock_set_tuple(f, p, n);
	f->role = ENG_ROLE_SERVER;
	f->flags |= ENG_FD_CONNECTED;
	if (f->type == FD_TYPE_IPV4_SOCK || f->type == FD_TYPE_IPV6_SOCK) {
		f->l4proto = 2;
		eng_fd_name_addrs(f);
	}
}

void eng_on_bind_exit(struct eng_call *c)
{
	int64_t fd;
	const uint8_t *p;
	int64_t n;
	struct eng_fd *f;
	struct sbuf name;

	if (eng_call_res(c) < 0 || !eng_call_i64(c, "fd", &fd))
		return;
	f = eng_state_fd(c->t, fd);
	n = eng_call_param(c, "addr", &p);
	if (!f || n <= 0)
		return;
	/* as libsinsp: a socket bound to a port listens there; port 0 leaves it as it is */
	if (p[0] == DIS_AF_INET && n >= 7 && buf_le16(p + 5) > 0) {
		f->type = FD_TYPE_IPV4_SERVSOCK;
		memcpy(f->sip, p + 1, 4);
		f->sport = buf_le16(p + 5);
		f->role = ENG_ROLE_SERVER;
	} else if (p[0] == DIS_AF_INET6 && n >= 19 && buf_le16(p + 17) > 0) {
		bool v4 = dis_ipv4_mapped(p + 1);

		f->type = v4 ? FD_TYPE_IPV4_SERVSOCK : FD_TYPE_IPV6_SERVSOCK;
		memcpy(f->sip, v4 ? p + 13 : p + 1, v4 ? 4 : 16);
		f->sport = buf_le16(p + 17);
		f->role = ENG_ROLE_SERVER;
	}
	sbuf_init(&name);
	dis_fmt_sockaddr(&name, p, (uint32_t)n);
	free(f->name);
	f->name = xstrdup(name.s);
	sbuf_fini(&name);
}

void eng_on_close_exit(struct eng_call *c)
{
	int64_t fd;

	if (eng_call_res(c) < 0 || !c->t || !eng_call_i64(c, "fd", &fd) || !c->t->fdtab)
		return;
	eng_fd_drop(c->t->fdtab, fd);
}

void eng_on_pipe_exit(struct eng_call *c)
{
	int64_t fd;

	if (eng_call_res(c) < 0)
		return;
	if (eng_call_i64(c, "fd1", &fd))
		eng_call_fd_add(c, fd, FD_TYPE_FIFO, "");
	if (eng_call_i64(c, "fd2", &fd))
		eng_call_fd_add(c, fd, FD_TYPE_FIFO, "");
}

void eng_on_socketpair_exit(struct eng_call *c)
{
	int64_t fd;

	if (eng_call_res(c) < 0)
		return;
	if (eng_call_i64(c, "fd1", &fd))
		eng_call_fd_add(c, fd, FD_TYPE_UNIX_SOCK, "");
	if (eng_call_i64(c, "fd2", &fd))
		eng_call_fd_add(c, fd, FD_TYPE_UNIX_SOCK, "");
}

void eng_on_dup_exit(struct eng_call *c)
{
	int64_t res = eng_call_res(c), old;
	struct eng_fd *src, *f;

	if (res < 0 || !c->t)
		return;
	if (!eng_call_i64(c, "oldfd", &old) && !eng_call_i64(c, "fd", &old))
		return;
	src = eng_state_fd(c->t, old);
	if (!src || old == res)
		return;
	f = xmalloc(sizeof(*f));
	eng_fd_copy(f, src);
	f->fd = res;
	eng_fd_put(eng_thread_fdtab(c->s, c->t), f);
	c->t->lastevent_fd = res;
}

/* fcntl F_DUPFD and F_DUPFD_CLOEXEC (PPM values 1 and 26) duplicate the fd. */
void eng_on_fcntl_exit(struct eng_call *c)
{
	int64_t cmd;

	if (eng_call_i64(c, "cmd", &cmd) && (cmd == 1 || cmd == 26))
		eng_on_dup_exit(c);
}

void eng_on_chdir_exit(struct eng_call *c)
{
	const char *path;
	struct sbuf o;

	if (eng_call_res(c) < 0 || !c->t || !(path = eng_call_str(c, "path")))
		return;
	/* chdir and getcwd both tell the working directory */
	sbuf_init(&o);
	dis_fmt_path_join(&o, c->t->cwd, path);
	eng_cwd_set(c->t, o.s, o.len);
	sbuf_fini(&o);
}

void eng_on_fchdir_exit(struct eng_call *c)
{
	int64_t fd;
	struct eng_fd *f;

	if (eng_call_res(c) < 0 || !eng_call_i64(c, "fd", &fd) || !(f = eng_state_fd(c->t, fd)))
		return;
	eng_cwd_set(c->t, f->name, strlen(f->name));
}

static void fd_from_res(struct eng_call *c, uint8_t type)
{
	int64_t fd = eng_call_res(c);

	if (fd >= 0)
		eng_call_fd_add(c, fd, type, "");
}

void eng_on_eventfd_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_EVENT);
}

void eng_on_signalfd_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_SIGNALFD);
}

void eng_on_timerfd_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_TIMERFD);
}

void eng_on_inotify_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_INOTIFY);
}

void eng_on_epoll_exit(struct eng_call *c)
{
	fd_from_res(c, FD_TYPE_EVENTPOLL);
}

/* getsockopt: libsinsp takes its fd as the event's fd. */
void eng_on_getsockopt_exit(struct eng_call *c)
{
	int64_t fd;

	if (c->t && eng_call_i64(c, "fd", &fd))
		c->t->lastevent_fd = fd;
}

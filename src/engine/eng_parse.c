// SPDX-License-Identifier: GPL-2.0-only
/*
 * The state's parser, as libsinsp's: each event pairs with its enter, gets
 * its thread and fd, then goes to the handler of its type (eng_parse_proc.c,
 * eng_parse_fd.c). Handlers are chosen per event type once, from the
 * schema's event names, so every historic version of a syscall (execve has
 * eight ids) is handled by the same code. Parameters are found by name in
 * the exit event and, for older layouts, in the paired enter event.
 */
#define _GNU_SOURCE
#include "eng_state.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "eng_parse_int.h"
#include "eng_state_int.h"
#include "sbuf.h"
#include "schema.h"
#include "xalloc.h"

typedef void (*eng_handler)(struct eng_call *c);

static eng_handler handlers[EV_MAX];

/* ---- event parameters by name ---- */

/* Parameter name of event ev; its length, or -1 if absent. */
static int64_t view_param(const struct ev_view *ev, const char *name, const uint8_t **p)
{
	int i = ev_param_find(ev->type, name);

	return i < 0 ? -1 : ev_param(ev, (unsigned int)i, p);
}

/* A string parameter of ev, or NULL if absent, empty or unterminated. */
const char *eng_view_str(const struct ev_view *ev, const char *name)
{
	const uint8_t *p;
	int64_t n = view_param(ev, name, &p);

	return n > 0 && p[n - 1] == 0 ? (const char *)p : NULL;
}

/* Parameter name of the exit event, else of its enter event. */
int64_t eng_call_param(const struct eng_call *c, const char *name, const uint8_t **p)
{
	int64_t n = view_param(c->ev, name, p);

	if (n < 0 && c->have_enter)
		n = view_param(&c->enter, name, p);
	return n;
}

bool eng_call_i64(const struct eng_call *c, const char *name, int64_t *v)
{
	const uint8_t *p;
	int64_t n = eng_call_param(c, name, &p);

	if (n == 8)
		*v = (int64_t)buf_le64(p);
	else if (n == 4)
		*v = (int32_t)buf_le32(p);
	else if (n == 2)
		*v = buf_le16(p);
	else if (n == 1)
		*v = p[0];
	else
		return false;
	return true;
}

const char *eng_call_str(const struct eng_call *c, const char *name)
{
	const char *str = eng_view_str(c->ev, name);

	return str || !c->have_enter ? str : eng_view_str(&c->enter, name);
}

int64_t eng_call_res(const struct eng_call *c)
{
	const uint8_t *p;
	int64_t n = ev_param(c->ev, 0, &p);

	return n == 8 ? (int64_t)buf_le64(p) : -1;
}

void eng_call_fd_add(struct eng_call *c, int64_t fd, uint8_t type, const char *name)
{
	struct eng_fd *f;

	if (!c->t || fd < 0)
		return;
	f = xcalloc(1, sizeof(*f));
	f->fd = fd;
	f->type = type;
	f->name = xstrdup(name ? name : "");
	eng_fd_put(eng_thread_fdtab(c->s, c->t), f);
	c->t->lastevent_fd = fd; /* as libsinsp's add_fd */
	c->added = f;
}

/* The directory an FSRELPATH is relative to: the dirfd's name or the cwd. */
const char *eng_call_basedir(struct eng_call *c, const char *dirfd_name)
{
	int64_t dirfd;
	struct eng_fd *f;

	if (dirfd_name && eng_call_i64(c, dirfd_name, &dirfd) && dirfd != PPM_AT_FDCWD) {
		f = eng_state_fd(c->t, dirfd);
		return f ? f->name : "";
	}
	return c->t ? c->t->cwd : "/";
}

static const struct {
	const char *name;
	bool enter; /* handler runs on the enter event */
	eng_handler fn;
} handler_defs[] = {
	{ "clone", false, eng_on_clone_exit },
	{ "clone3", false, eng_on_clone_exit },
	{ "fork", false, eng_on_clone_exit },
	{ "vfork", false, eng_on_clone_exit },
	{ "execve", false, eng_on_execve_exit },
	{ "execveat", false, eng_on_execve_exit },
	{ "procexit", true, eng_on_procexit },
	{ "open", false, eng_on_open_exit },
	{ "openat", false, eng_on_open_exit },
	{ "openat2", false, eng_on_open_exit },
	{ "creat", false, eng_on_open_exit },
	{ "open_by_handle_at", false, eng_on_open_exit },
	{ "socket", false, eng_on_socket_exit },
	{ "connect", true, eng_on_connect_enter },
	{ "connect", false, eng_on_connect_exit },
	{ "sendto", false, eng_on_msg_exit },
	{ "sendmsg", false, eng_on_msg_exit },
	{ "recvfrom", false, eng_on_msg_exit },
	{ "recvmsg", false, eng_on_msg_exit },
	{ "read", false, eng_on_io_exit },
	{ "readv", false, eng_on_io_exit },
	{ "pread", false, eng_on_io_exit },
	{ "preadv", false, eng_on_io_exit },
	{ "recv", false, eng_on_io_exit },
	{ "recvmmsg", false, eng_on_io_exit },
	{ "write", false, eng_on_io_exit },
	{ "writev", false, eng_on_io_exit },
	{ "pwrite", false, eng_on_io_exit },
	{ "pwritev", false, eng_on_io_exit },
	{ "send", false, eng_on_io_exit },
	{ "sendmmsg", false, eng_on_io_exit },
	{ "accept", false, eng_on_accept_exit },
	{ "accept4", false, eng_on_accept_exit },
	{ "bind", false, eng_on_bind_exit },
	{ "close", false, eng_on_close_exit },
	{ "socketpair", false, eng_on_socketpair_exit },
	{ "pipe", false, eng_on_pipe_exit },
	{ "pipe2", false, eng_on_pipe_exit },
	{ "dup", false, eng_on_dup_exit },
	{ "dup2", false, eng_on_dup_exit },
	{ "dup3", false, eng_on_dup_exit },
	{ "fcntl", false, eng_on_fcntl_exit },
	{ "chdir", false, eng_on_chdir_exit },
	{ "fchdir", false, eng_on_fchdir_exit },
	{ "getcwd", false, eng_on_chdir_exit },
	{ "eventfd", false, eng_on_eventfd_exit },
	{ "eventfd2", false, eng_on_eventfd_exit },
	{ "signalfd", false, eng_on_signalfd_exit },
	{ "signalfd4", false, eng_on_signalfd_exit },
	{ "timerfd_create", false, eng_on_timerfd_exit },
	{ "inotify_init", false, eng_on_inotify_exit },
	{ "inotify_init1", false, eng_on_inotify_exit },
	{ "epoll_create", false, eng_on_epoll_exit },
	{ "epoll_create1", false, eng_on_epoll_exit },
	{ "getsockopt", false, eng_on_getsockopt_exit },
	{ "setuid", false, eng_on_setuid_exit },
	{ "setgid", false, eng_on_setgid_exit },
	{ "setresuid", false, eng_on_setresuid_exit },
	{ "setresgid", false, eng_on_setresgid_exit },
	{ "getrlimit", false, eng_on_rlimit_exit },
	{ "setrlimit", false, eng_on_rlimit_exit },
	{ "prlimit", false, eng_on_rlimit_exit },
	{ "setsid", false, eng_on_setsid_exit },
	{ "brk", false, eng_on_mem_event },
	{ "mmap", false, eng_on_mem_event },
	{ "mmap2", false, eng_on_mem_event },
	{ "munmap", false, eng_on_mem_event },
	{ "switch", true, eng_on_mem_event },
	{ "procinfo", true, eng_on_procinfo },
	{ "useradded", true, eng_on_user_added },
	{ "groupadded", true, eng_on_user_added },
};

/* The exit of clone, clone3, fork or vfork. */
static bool is_clone_exit(uint16_t type)
{
	const char *n = ev_table[type].name;

	return !ev_type_is_enter(type) && (strcmp(n, "clone") == 0 || strcmp(n, "clone3") == 0 ||
					   strcmp(n, "fork") == 0 || strcmp(n, "vfork") == 0);
}

void eng_parse_init(void)
{
	static bool done;
	size_t i, k;

	if (done)
		return;
	for (i = 0; i < EV_MAX; i++) {
		if (ev_table[i].flags & EV_F_UNUSED)
			continue;
		for (k = 0; k < sizeof(handler_defs) / sizeof(handler_defs[0]); k++) {
			if (strcmp(ev_table[i].name, handler_defs[k].name) == 0 &&
			    ev_type_is_enter((uint16_t)i) == handler_defs[k].enter)
				handlers[i] = handler_defs[k].fn;
		}
	}
	done = true;
}

/* ---- events ---- */

static void enter_store(struct eng_thread *t, const struct ev_view *ev, uint64_t num)
{
	uint32_t n = ev->len;

	if (n > t->enter_cap) {
		t->enter = xreallocarray(t->enter, n, 1);
		t->enter_cap = n;
	}
	memcpy(t->enter, ev->raw, n);
	t->enter_len = n;
	t->enter_type = ev->type;
	t->enter_v1 = ev->hdr_len == EV_HDR_V1_LEN;
	t->enter_num = num;
}

bool eng_state_enter_of(const struct eng_thread *t, const struct ev_view *ev, struct ev_view *out)
{
	uint16_t want;

	if (!t || t->enter_type == EV_MAX || ev_type_is_enter(ev->type))
		return false;
	want = ev->type - 1;
	if (t->enter_type != want &&
	    !(t->enter_type == EV_SYSCALL_EXECVEAT_E && ev->type == EV_SYSCALL_EXECVE_19_X))
		return false;
	return ev_view_decode(out, t->enter, t->enter_len, t->enter_v1, NULL) == 0;
}

void eng_state_filtered_out(struct eng_state *s, const struct eng_evinfo *info,
			    const struct ev_view *ev)
{
	uint32_t flags = eng_event_flags(ev->type);

	(void)s;
	if (info->thread && !(flags & (EV_F_MODIFIES_STATE | EV_F_SKIPPARSERESET)) &&
	    ev->type != EV_SCHEDSWITCH_6_E)
		info->thread->enter_type = EV_MAX;
}

bool eng_event_ignored_by_state(uint16_t type)
{
	if (type >= EV_MAX)
		return false;
	eng_parse_init();
	/* the replay counts the drops a notification records */
	if (handlers[type] || type == EV_NOTIFICATION_E || type == EV_CONTAINER_JSON_E ||
	    type == EV_CONTAINER_JSON_2_E)
		return false;
	/*
	 * as eng_state_on_event() goes: meta events that skip the pairing reset
	 * (but procinfo, handled above) neither make a thread nor touch one
	 */
	return (eng_event_flags(type) & EV_F_SKIPPARSERESET) &&
	       (ev_table[type].category & EV_C_METAEVENT);
}

bool eng_event_renames(uint16_t type)
{
	eng_handler fn;

	if (type >= EV_MAX)
		return false;
	eng_parse_init();
	fn = handlers[type];
	return fn && fn != eng_on_io_exit && fn != eng_on_mem_event && fn != eng_on_rlimit_exit;
}

bool eng_event_changes_state(uint16_t type)
{
	uint32_t mask = EV_F_MODIFIES_STATE | EV_F_CREATES_FD | EV_F_DESTROYS_FD;

	if (type >= EV_MAX)
		return false;
	eng_parse_init();
	return handlers[type] || handlers[type ^ 1u] || (eng_event_flags(type) & mask) ||
	       ((type ^ 1u) < EV_MAX && (eng_event_flags(type ^ 1u) & mask)) ||
	       type == EV_CONTAINER_JSON_E || type == EV_CONTAINER_JSON_2_E;
}

/* The fd an enter event works on: its first parameter when it uses one. */
static int64_t enter_fdnum(const struct ev_view *ev, uint32_t flags)
{
	uint64_t v;

	if (!(flags & EV_F_USES_FD) || ev_table[ev->type].params == NULL ||
	    ev_table[ev->type].params[0].type != EV_PT_FD || !ev_param_u64(ev, 0, &v))
		return -1;
	return (int64_t)v;
}

/*
 * Where an exit event carries its fd, as current drivers write it (after
 * the exit's own parameters, the enter's), or -1.
 */
static int exit_fd_param(uint16_t type)
{
	switch (type) {
	case EV_SYSCALL_SETNS_X:
	case EV_SOCKET_LISTEN_X:
	case EV_SOCKET_SHUTDOWN_X:
	case EV_SYSCALL_FCHDIR_X:
	case EV_SYSCALL_LSEEK_X:
	case EV_SYSCALL_LLSEEK_X:
	case EV_SYSCALL_IOCTL_3_X:
	case EV_SYSCALL_FSTAT_X:
	case EV_SYSCALL_CLOSE_X:
	case EV_SYSCALL_GETDENTS_X:
	case EV_SYSCALL_GETDENTS64_X:
	case EV_SYSCALL_FLOCK_X:
	case EV_SYSCALL_COPY_FILE_RANGE_X:
	case EV_SYSCALL_FCNTL_X:
	case EV_SYSCALL_DUP_1_X:
	case EV_SYSCALL_DUP2_X:
	case EV_SYSCALL_DUP3_X:
	case EV_SYSCALL_NEWFSTATAT_X:
	case EV_SYSCALL_FCHOWNAT_X:
	case EV_SYSCALL_FCHMODAT_X:
	case EV_SYSCALL_MKDIRAT_X:
	case EV_SYSCALL_UNLINKAT_2_X:
	case EV_SYSCALL_MKNODAT_X:
	case EV_SOCKET_SENDMMSG_X:
	case EV_SOCKET_RECVMMSG_X:
	case EV_SYSCALL_IO_URING_REGISTER_X:
	case EV_SYSCALL_IO_URING_ENTER_X:
	case EV_SOCKET_SETSOCKOPT_X:
	case EV_SOCKET_GETSOCKOPT_X:
	case EV_SYSCALL_FSCONFIG_X:
	case EV_SYSCALL_FINIT_MODULE_X:
	case EV_SYSCALL_FCHMOD_X:
	case EV_SYSCALL_FCHOWN_X:
		return 1;
	case EV_SYSCALL_READ_X:
	case EV_SYSCALL_PREAD_X:
	case EV_SOCKET_BIND_X:
	case EV_SYSCALL_WRITE_X:
	case EV_SYSCALL_PWRITE_X:
	case EV_SOCKET_RECV_X:
	case EV_SOCKET_SEND_X:
	case EV_SOCKET_SENDTO_X:
	case EV_SOCKET_SENDMSG_X:
	case EV_SYSCALL_SENDFILE_X:
	case EV_SYSCALL_SPLICE_X:
	case EV_SYSCALL_WRITEV_X:
	case EV_SYSCALL_PWRITEV_X:
	case EV_SOCKET_CONNECT_X:
	case EV_SYSCALL_SYMLINKAT_X:
		return 2;
	case EV_SOCKET_RECVFROM_X:
	case EV_SYSCALL_READV_X:
	case EV_SYSCALL_PREADV_X:
		return 3;
	case EV_SOCKET_RECVMSG_X:
		return 5;
	case EV_SYSCALL_MMAP_X:
	case EV_SYSCALL_MMAP2_X:
		return 8;
	default:
		return -1;
	}
}

/*
 * The fd of an exit that uses one, into lastevent_fd: its enter's or, as
 * current libraries do when the enter is missing or named none, the fd the
 * exit carries, if any. False if it has none.
 */
static bool exit_fd(struct eng_call *c, const struct ev_view *ev)
{
	int at = exit_fd_param(ev->type);
	bool own = !c->have_enter || c->t->lastevent_fd == -1 ||
		   ev->type == EV_SYSCALL_COPY_FILE_RANGE_X; /* its output fd */
	uint64_t v;

	if (at < 0 || !own || !ev_param_u64(ev, (unsigned int)at, &v))
		return c->have_enter;
	c->t->lastevent_fd = (int64_t)v;
	return true;
}

int64_t eng_state_unpaired_fd(const struct ev_view *ev)
{
	int at = exit_fd_param(ev->type);
	uint64_t v;

	if (!(eng_event_flags(ev->type) & EV_F_USES_FD) || at < 0 ||
	    !ev_param_u64(ev, (unsigned int)at, &v))
		return ENG_FD_AS_PAIRED;
	return (int64_t)v;
}

/* Keeps a copy of an fd that the event's handler may remove. */
static const struct eng_fd *fd_keep(struct eng_state *s, const struct eng_fd *f)
{
	eng_fd_fini(&s->closed);
	eng_fd_copy(&s->closed, f);
	return &s->closed;
}

/*
 * A container record's thread, as libsinsp makes one for it: tid and pid -1,
 * named "container:" and the id from the record's JSON.
 */
static struct eng_thread *container_thread(struct eng_state *s, const struct ev_view *ev)
{
	static const char key[] = "\"id\":\"";
	const char *id = NULL, *end = NULL;
	const uint8_t *p;
	int64_t n = ev_param(ev, 0, &p);
	struct sbuf name;

	if (!s->container) {
		s->container = eng_thread_new(-1);
		eng_str_set(&s->container->cwd, "");
		s->container->sid = s->container->vpgid = s->container->fdlimit = -1;
	}
	s->container->vtid = s->container->vpid = -2;
	s->container->uid = s->container->gid = 0;
	s->container->container_id[0] = 0;
	if (n > 0 && (id = memmem(p, (size_t)n, key, sizeof(key) - 1))) {
		id += sizeof(key) - 1;
		end = memchr(id, '"', (size_t)n - (size_t)(id - (const char *)p));
	}
	sbuf_init(&name);
	sbuf_puts(&name, "container:");
	if (end)
		sbuf_put(&name, id, (size_t)(end - id));
	eng_str_set(&s->container->comm, name.s);
	if (n > 0 && (id = eng_container_put(s, (const char *)p, (size_t)n)))
		snprintf(s->container->container_id, sizeof(s->container->container_id), "%s", id);
	sbuf_fini(&name);
	return s->container;
}

/*
 * A switch event: the time since the switch before it on its CPU (0 for the
 * first), added to its thread's total, as libsinsp's thread.exectime.
 */
static void on_switch(struct eng_state *s, const struct ev_view *ev, struct eng_thread *t)
{
	if (ev->cpu >= s->nswitch_ts) {
		s->switch_ts = xreallocarray(s->switch_ts, ev->cpu + 1u, sizeof(*s->switch_ts));
		memset(s->switch_ts + s->nswitch_ts, 0,
		       (ev->cpu + 1u - s->nswitch_ts) * sizeof(*s->switch_ts));
		s->nswitch_ts = ev->cpu + 1u;
	}
	s->exectime = s->switch_ts[ev->cpu] ? ev->ts - s->switch_ts[ev->cpu] : 0;
	s->switch_ts[ev->cpu] = ev->ts;
	if (t)
		t->totexectime += s->exectime;
}

/* An I/O exit's data goes on its fd's stream (eng_reasm.h). */
static void on_stream(struct eng_call *c, uint64_t num)
{
	struct eng_fd *f = eng_state_fd(c->t, (*c->fd)->fd);

	if (f && c->t->fdtab)
		eng_reasm_on_io(c->s, c->t->fdtab, f, c->ev, num, eng_call_res(c));
}

void eng_state_on_event(struct eng_state *s, const struct ev_view *ev, uint64_t num,
			struct eng_evinfo *out)
{
	struct eng_call c; /* not zeroed whole: its enter view is large */
	uint32_t flags = eng_event_flags(ev->type);
	bool enter = ev_type_is_enter(ev->type);
	/* libsinsp's reset() stops early for the newer switch event only */
	bool is_switch = ev->type == EV_SCHEDSWITCH_6_E;
	const struct eng_fd *was;
	eng_handler fn;

	memset(out, 0, sizeof(*out));
	c.s = s;
	c.ev = ev;
	c.t = NULL;
	c.have_enter = false;
	c.fd = &out->fd;
	if (ev->type == EV_CONTAINER_JSON_E || ev->type == EV_CONTAINER_JSON_2_E) {
		out->thread = container_thread(s, ev);
		return;
	}
	if (s->tid_to_remove != -1) {
		eng_thread_free(hmap_del(&s->threads, (uint64_t)s->tid_to_remove));
		s->threads_gen++;
		s->last = NULL;
		s->tid_to_remove = -1;
	}
	/* consecutive events mostly come from one thread */
	if (s->last && s->last->tid == ev->tid)
		c.t = s->last;
	else
		c.t = hmap_get(&s->threads, (uint64_t)ev->tid);
	if (!c.t && ev->tid != -1 && !is_switch && ev->type < EV_MAX &&
	    !(ev_table[ev->type].category & EV_C_METAEVENT) && !is_clone_exit(ev->type)) {
		/*
		 * libsinsp makes a thread for every tid it meets, but a child's
		 * clone exit that comes before its parent's makes its own
		 */
		c.t = eng_thread_new_unknown(s, ev->tid);
	}
	if (c.t)
		eng_thread_fdtab(s, c.t);
	if (is_switch)
		on_switch(s, ev, c.t);
	fn = ev->type < EV_MAX ? handlers[ev->type] : NULL;
	/* libsinsp's reset(): pairing, latency and the event's fd */
	if (c.t && !is_switch && !(flags & EV_F_SKIPPARSERESET)) {
		if (enter) {
			enter_store(c.t, ev, num);
			c.t->lastevent_fd = enter_fdnum(ev, flags);
			c.t->enter_ts = ev->ts;
			c.t->latency = 0;
			out->fd = eng_state_fd(c.t, c.t->lastevent_fd);
		} else {
			if (c.t->enter_ts)
				c.t->latency = ev->ts - c.t->enter_ts;
			c.have_enter = eng_state_enter_of(c.t, ev, &c.enter);
			out->paired = c.have_enter;
			if ((flags & EV_F_USES_FD) && exit_fd(&c, ev)) {
				out->fd = eng_state_fd(c.t, c.t->lastevent_fd);
				if (out->fd && (flags & EV_F_DESTROYS_FD))
					out->fd = fd_keep(s, out->fd);
			}
		}
	}
	/* libsinsp looks the fd of a write exit up whether or not it is paired */
	if (ev->type == EV_SYSCALL_WRITE_X && c.t && !out->fd)
		out->fd = eng_state_fd(c.t, c.t->lastevent_fd);
	was = out->fd;
	if (was) {
		sbuf_reset(&s->fd_oldname);
		sbuf_puts(&s->fd_oldname, was->name);
	}
	c.added = NULL;
	if (fn)
		fn(&c);
	if (c.t && out->fd && !enter && (flags & (EV_F_READS_FROM_FD | EV_F_WRITES_TO_FD)))
		on_stream(&c, num);
	/* as libsinsp: an fd the event added had the old name "" */
	if (c.added)
		out->name_changed = c.added->name[0] != 0;
	else if (was && out->fd == was)
		out->name_changed = strcmp(was->name, s->fd_oldname.s) != 0;
	out->thread = c.t;
	s->last = c.t;
}

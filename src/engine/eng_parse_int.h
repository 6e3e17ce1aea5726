/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Inside the state's parser: one event being parsed (struct eng_call), the
 * look-ups of its parameters by name, and the handlers of eng_parse_proc.c
 * (processes and threads) and eng_parse_fd.c (files and sockets) that
 * eng_parse.c calls by event type.
 */
#ifndef SYSHARK_ENG_PARSE_INT_H
#define SYSHARK_ENG_PARSE_INT_H

#include "eng_state.h"

struct eng_call {
	struct eng_state *s;
	struct eng_thread *t;
	const struct ev_view *ev;
	struct ev_view enter;
	bool have_enter;
	const struct eng_fd **fd; /* the fd the event works on, as libsinsp's m_fdinfo */
	struct eng_fd *added;	  /* the last fd the event added, or NULL */
};

/* A string parameter of ev, or NULL if absent, empty or unterminated. */
const char *eng_view_str(const struct ev_view *ev, const char *name);
/* Parameter name of the exit event, else of its enter: its length, or -1. */
int64_t eng_call_param(const struct eng_call *c, const char *name, const uint8_t **p);
/* A number parameter (1, 2, 4 or 8 bytes); false if absent. */
bool eng_call_i64(const struct eng_call *c, const char *name, int64_t *v);
const char *eng_call_str(const struct eng_call *c, const char *name);
/* The event's first parameter (its result) if 8 bytes, else -1. */
int64_t eng_call_res(const struct eng_call *c);
/* Adds fd to the thread's table as libsinsp's add_fd. */
void eng_call_fd_add(struct eng_call *c, int64_t fd, uint8_t type, const char *name);
/* The directory an FSRELPATH is relative to: the dirfd's name or the cwd. */
const char *eng_call_basedir(struct eng_call *c, const char *dirfd_name);

/* eng_parse_proc.c */
void eng_on_clone_exit(struct eng_call *c);
void eng_on_execve_exit(struct eng_call *c);
void eng_on_mem_event(struct eng_call *c);
void eng_on_procexit(struct eng_call *c);
void eng_on_procinfo(struct eng_call *c);
void eng_on_rlimit_exit(struct eng_call *c);
void eng_on_setgid_exit(struct eng_call *c);
void eng_on_setresgid_exit(struct eng_call *c);
void eng_on_setresuid_exit(struct eng_call *c);
void eng_on_setsid_exit(struct eng_call *c);
void eng_on_setuid_exit(struct eng_call *c);
void eng_on_user_added(struct eng_call *c);

/* eng_parse_fd.c */
void eng_on_accept_exit(struct eng_call *c);
void eng_on_bind_exit(struct eng_call *c);
void eng_on_chdir_exit(struct eng_call *c);
void eng_on_close_exit(struct eng_call *c);
void eng_on_connect_enter(struct eng_call *c);
void eng_on_connect_exit(struct eng_call *c);
void eng_on_dup_exit(struct eng_call *c);
void eng_on_epoll_exit(struct eng_call *c);
void eng_on_eventfd_exit(struct eng_call *c);
void eng_on_fchdir_exit(struct eng_call *c);
void eng_on_fcntl_exit(struct eng_call *c);
void eng_on_getsockopt_exit(struct eng_call *c);
void eng_on_inotify_exit(struct eng_call *c);
void eng_on_io_exit(struct eng_call *c);
void eng_on_msg_exit(struct eng_call *c);
void eng_on_open_exit(struct eng_call *c);
void eng_on_pipe_exit(struct eng_call *c);
void eng_on_signalfd_exit(struct eng_call *c);
void eng_on_socket_exit(struct eng_call *c);
void eng_on_socketpair_exit(struct eng_call *c);
void eng_on_timerfd_exit(struct eng_call *c);

#endif

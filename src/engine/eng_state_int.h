/* SPDX-License-Identifier: GPL-2.0-only */
/* Internals shared by eng_state.c (tables) and eng_parse.c (event handlers). */
#ifndef SYSHARK_ENG_STATE_INT_H
#define SYSHARK_ENG_STATE_INT_H

#include "eng_state.h"

/* PPM clone flags (table clone_flags). */
#define PPM_CL_CLONE_NEWPID 64u
#define PPM_CL_CLONE_THREAD 8192u
#define PPM_CL_CLONE_INVERTED 65536u
#define PPM_CL_CHILD_IN_PIDNS 536870912u
#define PPM_O_DIRECTORY (1u << 10)
#define PPM_FD_UPPER_LAYER (1u << 15)
#define PPM_FD_LOWER_LAYER (1u << 16)
#define PPM_FD_UPPER_LAYER_CREAT 1u
#define PPM_FD_LOWER_LAYER_CREAT 2u
#define PPM_AT_FDCWD (-100)
#define PPM_EXVAT_AT_EMPTY_PATH 1u
#define FD_TYPE_UNKNOWN 0
#define FD_TYPE_FILE 1
#define FD_TYPE_DIRECTORY 2
#define FD_TYPE_IPV4_SOCK 3
#define FD_TYPE_IPV6_SOCK 4
#define FD_TYPE_IPV4_SERVSOCK 5
#define FD_TYPE_IPV6_SERVSOCK 6
#define FD_TYPE_FIFO 7
#define FD_TYPE_UNIX_SOCK 8
#define FD_TYPE_EVENT 9
#define FD_TYPE_UNSUPPORTED 10
#define FD_TYPE_SIGNALFD 11
#define FD_TYPE_EVENTPOLL 12
#define FD_TYPE_INOTIFY 13
#define FD_TYPE_TIMERFD 14
#define FD_TYPE_NETLINK 15
#define FD_TYPE_FILE_V2 16

void eng_blob_set(struct eng_blob *b, const void *p, uint32_t len);
void eng_str_set(char **dst, const char *s);
void eng_fd_free(struct eng_fd *f);
/* Frees the names of f, an fd kept in place. */
void eng_fd_fini(struct eng_fd *f);
/* Makes dst a copy of src with names of its own. */
void eng_fd_copy(struct eng_fd *dst, const struct eng_fd *src);
/* A new, empty fd table with one reference. */
struct eng_fdtab *eng_fdtab_new(void);
/* Drops a reference; the last one frees the table and its fds. */
void eng_fdtab_unref(struct eng_fdtab *ft);
/* Names an IP socket fd from its addresses: "sip:sport->dip:dport" or "ip:port". */
void eng_fd_name_addrs(struct eng_fd *f);
/* Swaps the source and destination addresses and ports of a socket. */
void eng_fd_swap_ends(struct eng_fd *f);
/* Inserts f (owned) into ft, replacing and freeing an fd of the same number. */
void eng_fd_put(struct eng_fdtab *ft, struct eng_fd *f);
/* Takes fd out of ft and frees it. */
void eng_fd_drop(struct eng_fdtab *ft, int64_t fd);
struct eng_fdtab *eng_fdtab_copy(const struct eng_fdtab *src);
struct eng_thread *eng_thread_new(int64_t tid);
void eng_thread_free(struct eng_thread *t);
/* A thread met in an event but absent from the state, named "<NA>"; owned by s. */
struct eng_thread *eng_thread_new_unknown(struct eng_state *s, int64_t tid);
/* Inserts t (owned), replacing and freeing a thread of the same tid. */
void eng_thread_put(struct eng_state *s, struct eng_thread *t);
/* The fd table of t's process (the main thread's when it is known). */
struct eng_fdtab *eng_thread_fdtab(struct eng_state *s, struct eng_thread *t);
/* Sets the working directory, with a trailing '/'. */
void eng_cwd_set(struct eng_thread *t, const char *cwd, size_t n);
int eng_user_put(void *state, const struct sf_user *u);
/*
 * Puts u as eng_user_put() does, from a record event whose parameter bytes
 * are rec: a record that repeats the one that set the entry is skipped
 * without decoding it. id is the uid of a user or the gid of a group.
 */
bool eng_user_repeats(const struct eng_state *s, const struct sf_user *u, uint32_t id,
		      const void *rec, size_t n);
void eng_user_set_record(struct eng_state *s, const struct sf_user *u, uint32_t id,
			 const void *rec, size_t n);
/* Sets t's container id from its cgroups (docker, cri-o, containerd ids). */
void eng_thread_set_container(struct eng_thread *t);
/*
 * Stores what a container record's JSON says; returns the id (borrowed from
 * the state), or NULL if the JSON is malformed or names no container.
 */
const char *eng_container_put(struct eng_state *s, const char *json, size_t n);
/* Adds c (owned), replacing a container of the same id. */
void eng_container_add(struct eng_state *s, struct eng_container *c);
/*
 * Gives t, whose container id is set, its category as libsinsp does: its
 * container's first process (vpid 1) is the container, a thread takes its
 * parent's category, and a command line that is one of its container's
 * health probes, started from outside the container's first process, is
 * that probe. Otherwise t keeps the category it had.
 */
void eng_thread_set_category(const struct eng_state *s, struct eng_thread *t);
/* Frees c and what it owns; NULL is a no-op. */
void eng_container_free(struct eng_container *c);

/* Builds the per-type handler table (idempotent). */
void eng_parse_init(void);

#endif

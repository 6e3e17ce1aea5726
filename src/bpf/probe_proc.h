/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The /proc readers of the state snapshot (probe_snapshot.c): each fills
 * the entry of one thread or fd from its /proc files, as libscap reads them.
 * A reader is used by one thread at a time.
 */
#ifndef SYSHARK_PROBE_PROC_H
#define SYSHARK_PROBE_PROC_H

#include <stdbool.h>
#include <stdint.h>

struct hmap;
struct sf_fd;
struct sf_proc;

/* A reader's scratch buffers and the tables it caches across processes. */
struct probe_proc;

/* A new reader; proc is the directory of /proc (borrowed). Caller frees with probe_proc_free(). */
struct probe_proc *probe_proc_new(int proc);
void probe_proc_free(struct probe_proc *s);

/*
 * Reads what the threads of the process at pidfd share. Returns false if it
 * has neither a command line nor an executable: a kernel thread, a zombie,
 * or a process whose main thread is dead.
 */
bool probe_proc_process(struct probe_proc *s, int pidfd);

/*
 * Fills p for thread tid at tfd, with what its process shares: as last read
 * by probe_proc_process(), or with own_pw from tfd (its main thread is
 * dead). Returns false for a thread libscap leaves out (a kernel thread or
 * a zombie) or one that vanished. The strings of p are borrowed; valid
 * until the next call.
 */
bool probe_proc_thread(struct probe_proc *s, int tfd, uint64_t tid, bool own_pw, struct sf_proc *p);

/*
 * Fills f for fd name, in the fd directory dfd of the process at pidfd.
 * *socks is the process's socket table, looked up on first need: NULL
 * before its first fd. Returns false if the fd vanished or its link is
 * unreadable. The name of f is borrowed; valid until the next call.
 */
bool probe_proc_fd(struct probe_proc *s, int pidfd, int dfd, const char *name, struct hmap **socks,
		   struct sf_fd *f);

/* The boot time in ns from the btime of /proc/stat (proc: /proc), or 0. */
uint64_t probe_proc_boot_ts(struct probe_proc *s, int proc);

#endif

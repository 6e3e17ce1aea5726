/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Parsers for the state blocks of a section: machine info, process list,
 * fd list, user list and interface list. Entries are handed to a callback
 * one at a time; strings point into the mapping and are not NUL-terminated.
 */
#ifndef SYSHARK_SF_BLOCKS_H
#define SYSHARK_SF_BLOCKS_H

#include <stdint.h>

#include "buf.h"
#include "sf_reader.h"

struct sf_machine {
	uint32_t num_cpus;
	uint64_t memory_bytes;
	char hostname[129];
	uint64_t boot_ts;
};

struct sf_proc {
	uint64_t tid, pid, ptid, sid, vpgid;
	struct buf_str comm, exe, exepath, args, cwd, env, cgroups, root;
	int64_t fdlimit;
	uint32_t flags, uid, gid;
	uint32_t vmsize_kb, vmrss_kb, vmswap_kb;
	uint64_t pfmajor, pfminor;
	int64_t vtid, vpid;
	uint32_t loginuid;
	uint8_t exe_writable;
	uint64_t cap_inheritable, cap_permitted, cap_effective;
	uint32_t tty;
	uint64_t pidns_init_start_ts;
	uint8_t exe_upper_layer, exe_from_memfd, exe_lower_layer;
	uint64_t exe_ino, exe_ino_ctime, exe_ino_mtime;
	int64_t pgid; /* -1 if absent */
};

struct sf_fd {
	int64_t fd;
	uint64_t ino;
	uint8_t type;	   /* scap_fd_type */
	uint32_t open_flags;
	uint32_t dev;
	uint8_t sip[16], dip[16]; /* network order; v4 uses the first 4 */
	uint16_t sport, dport;
	uint8_t l4proto;
	uint64_t usrc, udst; /* unix socket kernel addresses */
	struct buf_str name;
};

struct sf_user {
	uint8_t kind; /* 0 user, 1 group */
	uint32_t uid, gid;
	struct buf_str name, home, shell;
};

typedef int (*sf_proc_fn)(void *arg, const struct sf_proc *p);
typedef int (*sf_fd_fn)(void *arg, uint64_t tid, const struct sf_fd *f);
typedef int (*sf_user_fn)(void *arg, const struct sf_user *u);
/* An interface address: 4 bytes (IPv4) or 16 (IPv6), in network order. */
typedef int (*sf_iface_fn)(void *arg, const uint8_t *addr, size_t len);

/* Each returns the number of entries, or -EINVAL with d set at the bad entry.
 * A callback returning non-zero stops the walk with that value. */
int sf_machine_parse(const struct sf_block *b, struct sf_machine *m, struct diag *d);
int sf_proclist_parse(const struct sf_block *b, sf_proc_fn fn, void *arg, struct diag *d);
/*
 * The process extras block (SF_BT_PX) syshark writes after a PL_V9 whose
 * entries have the pre-0.10 trailer, which sysdig 0.29.3 reads: per thread,
 * the u32 entry length, the tid, then the current trailer (pidns start, tty,
 * loginuid, ..., pgid). Each process has its tid and those fields only.
 */
int sf_procx_parse(const struct sf_block *b, sf_proc_fn fn, void *arg, struct diag *d);
int sf_fdlist_parse(const struct sf_block *b, sf_fd_fn fn, void *arg, struct diag *d);
int sf_userlist_parse(const struct sf_block *b, sf_user_fn fn, void *arg, struct diag *d);
int sf_iflist_parse(const struct sf_block *b, sf_iface_fn fn, void *arg, struct diag *d);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Encoders for the state blocks of a section, the inverse of sf_blocks.h.
 * Each appends little-endian bytes to a struct sbuf; a block body is the
 * concatenation of what its encoders appended, ready for sf_writer_block():
 *
 *   SHB    sf_section_encode()
 *   MI     sf_machine_encode()                      (exactly 180 bytes)
 *   IL_V2  sf_iface_encode() per address, IPv4 before IPv6
 *   UL_V2  sf_user_encode() per user, then per group
 *   PL_V9  sf_proc_encode() per thread
 *   FDL_V2 sf_fdlist_begin(), then sf_fd_encode() per fd
 *
 * The layouts follow the writer recipe of scap-format.md section 12, so that
 * sysdig 0.29.3 and current Falco libs read them alike. Strings longer than
 * the readers accept are cut to the limit. All functions are thread-safe
 * for distinct buffers.
 */
#ifndef SYSHARK_SF_ENCODE_H
#define SYSHARK_SF_ENCODE_H

#include <stdint.h>

#include "sbuf.h"
#include "sf_blocks.h"

#define SF_MI_BODY_LEN 180

/* An interface address (scap_ifinfo_ipv4/ipv6). */
struct sf_iface {
	uint8_t len;				  /* 4 (IPv4) or 16 (IPv6) */
	uint8_t addr[16], netmask[16], bcast[16]; /* network order */
	uint64_t linkspeed;
	const char *name; /* NUL-terminated */
};

/* The 16-byte body of a section header block: version 1.2, no options. */
void sf_section_encode(struct sbuf *b);

/* The machine info body. */
void sf_machine_encode(struct sbuf *b, const struct sf_machine *m);

/* One IL_V2 entry. Returns 0, or -EINVAL if i->len is neither 4 nor 16. */
int sf_iface_encode(struct sbuf *b, const struct sf_iface *i);

/* One UL_V2 entry: a user (kind 0) or a group (kind 1, gid and name only). */
void sf_user_encode(struct sbuf *b, const struct sf_user *u);

/*
 * One PL_V9 entry: every field through root, then the 29-byte pre-0.10
 * trailer (loginuid, exe_writable, the three capability sets). The rest
 * goes to the process extras block.
 */
void sf_proc_encode(struct sbuf *b, const struct sf_proc *p);

/* One entry of the process extras block (sf_procx_parse()): what sf_proc_encode() leaves out. */
void sf_procx_encode(struct sbuf *b, const struct sf_proc *p);

/* Starts an FDL_V2 body: the tid that owns the fds. */
void sf_fdlist_begin(struct sbuf *b, uint64_t tid);

/*
 * One FDL_V2 entry. Types 17 to 21 (bpf, userfaultfd, io_uring, memfd,
 * pidfd), unknown to sysdig 0.29.3, are written as unsupported (10) with
 * their name. Returns 0, or -EINVAL (nothing appended) for type 0 or > 21.
 */
int sf_fd_encode(struct sbuf *b, const struct sf_fd *f);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rewrites the flag and enum parameters of a probe event from the kernel's
 * values to the PPM values of the .scap format, in place.
 *
 * The probe writes the event in the scap v2 layout, but every parameter whose
 * schema entry names a flag table (ev_param_info.table >= 0), the flags of
 * each PT_FDLIST entry and the flags of accept4 hold the raw Linux x86_64
 * value, cut or zero-extended to the wire size. probe_flags_fixup() turns
 * them into what Falco's drivers write: known kernel bits become their PPM
 * bits and unknown bits are dropped; an unknown enum value becomes the
 * table's "unknown" entry (or what Falco writes for it). Where Falco's driver
 * keeps the raw value, so do we.
 *
 * Converted tables: file_flags, openat2_flags, clone_flags, prot_flags,
 * mmap_flags, fcntl_commands, poll_flags, futex_operations, ptrace_requests,
 * mount_flags, umount_flags, lseek_whence, shutdown_how, socket_families,
 * access_flags, unlinkat_flags, linkat_flags, newfstatat_flags,
 * fchownat_flags, execveat_flags, chmod_mode, mknod_mode, rlimit_resources,
 * flock_flags, splice_flags, semop_flags, semget_flags, semctl_commands,
 * memfd_create_flags, pidfd_open_flags, mlock2_flags, mlockall_flags,
 * epoll_create1_flags, close_range_flags, delete_module_flags,
 * finit_module_flags, io_uring_setup_flags, io_uring_setup_feats,
 * io_uring_enter_flags.
 *
 * Equal to the kernel's value, so left as written: renameat2_flags,
 * bpf_commands, fsconfig_cmds, prctl_options, keyctl_operations,
 * io_uring_register_opcodes, and the flags of userfaultfd. Signals
 * (PT_SIGTYPE) have no table and Linux numbers are the PPM numbers.
 *
 * Computed by the probe, so left as written (the probe writes PPM values):
 * execve_flags, creat_flags, pf_flags, anon_inode_fd_types, sockopt_levels
 * and sockopt_options (the option depends on the level), quotactl_cmds,
 * quotactl_types, quotactl_quota_fmts and quotactl_dqi_flags (derived from a
 * cmd that does not fit the u16), and the file_flags of eventfd2,
 * inotify_init1 and signalfd4 (O_CLOEXEC does not fit their u16).
 *
 * Three things a raw value cannot carry are packed by the probe as the
 * PROBE_FLAGS_* of probe_bits.h say.
 */
#ifndef SYSHARK_PROBE_FLAGS_H
#define SYSHARK_PROBE_FLAGS_H

#include <stdint.h>

#include "probe_bits.h"

/*
 * Converts the event of len bytes at ev (v2 header) in place. Returns 0
 * (also for an event type the schema does not know), or -EINVAL if the event
 * is malformed: bad header or lengths, a flag parameter of the wrong size,
 * or an FDLIST whose count does not match its length. On error the event is
 * unchanged. Reads and writes only ev[0..len). Thread-safe.
 */
int probe_flags_fixup(uint8_t *ev, uint32_t len);

#endif

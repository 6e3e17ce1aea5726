/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the probe packs into parameters where a raw value cannot carry it,
 * for the loader (probe_flags.c) to unpack. Shared by both compilers.
 */
#ifndef SYSHARK_PROBE_BITS_H
#define SYSHARK_PROBE_BITS_H

/*
 * file_flags of open, openat and openat2: bits no open flag uses. The probe
 * clears them in the caller's flags and sets them for a created file
 * (FMODE_CREATED) and an overlayfs upper or lower layer file.
 */
#define PROBE_FLAGS_O_F_CREATED	   (1u << 29)
#define PROBE_FLAGS_FD_UPPER_LAYER (1u << 30)
#define PROBE_FLAGS_FD_LOWER_LAYER (1u << 31)

/*
 * clone_flags of clone, clone3, fork and vfork: the low byte (CSIGNAL, the
 * exit signal) is no flag. The probe clears it and sets this bit when the
 * child lives in a child pid namespace.
 */
#define PROBE_FLAGS_CL_CHILD_IN_PIDNS 0x01u

/*
 * fcntl's cmd is a u8: a Linux-specific command F_LINUX_SPECIFIC_BASE + n
 * (F_SETLEASE, F_DUPFD_CLOEXEC, ...) is written as PROBE_FLAGS_FCNTL_LINUX + n.
 */
#define PROBE_FLAGS_FCNTL_LINUX 0x80u

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel to PPM flag conversion, table-driven.
 *
 * A conversion (struct flag_conv) has up to two parts, both lists of
 * {kernel, PPM} pairs: an enumerated field (the kernel bits in `field`,
 * looked up in `vals`, `dflt` if absent) and independent bits (each PPM bit
 * is set when any bit of its kernel mask is set, as Falco's `flags & X`
 * does: O_DSYNC alone also yields O_SYNC, O_DIRECTORY also O_TMPFILE).
 * `pre` undoes a probe-side packing, or keeps a value Falco keeps.
 *
 * The table named in the schema picks the conversion; a few events use the
 * same table with another conversion (dup3 keeps only O_CLOEXEC, ...), and
 * those are listed per event type in `overrides`. The facts (which kernel
 * bits map, what an unknown value becomes) follow driver/ppm_flag_helpers.h
 * and the modern_bpf fillers of falcosecurity/libs.
 *
 * Kernel constants come from the system headers; the few that glibc lacks
 * or defines differently on x86_64 are spelled out below.
 */
#define _GNU_SOURCE
#include "probe_flags.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <linux/futex.h>
#include <linux/io_uring.h>
#include <linux/module.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "event.h"
#include "schema.h"

/* x86_64 kernel values missing from glibc (glibc's O_LARGEFILE is 0). */
#define K_O_LARGEFILE	       0100000 /* asm-generic/fcntl.h */
#define K_PROT_SEM	       0x8 /* asm-generic/mman-common.h */
#define K_F_CANCELLK	       (F_SETLEASE + 5) /* F_LINUX_SPECIFIC_BASE + 5 */
#define K_PTRACE_OLDSETOPTIONS 21 /* arch/x86 asm/ptrace-abi.h */

#define ARRAY_SIZE(a)	       (sizeof(a) / sizeof((a)[0]))

struct flag_map {
	uint64_t k;
	uint64_t ppm;
};

enum {
	CONV_KEEP = 1, /* the value (after pre) is already PPM */
	CONV_NEG32 = 2, /* a negative int32 becomes 0 */
};

struct flag_conv {
	const struct flag_map *vals;
	const struct flag_map *bits;
	uint8_t nvals;
	uint8_t nbits;
	uint8_t opts; /* CONV_* */
	uint64_t field; /* kernel bits holding the enumerated field, 0 if none */
	uint64_t dflt; /* PPM value of a field value not in vals */
	uint64_t (*pre)(uint64_t v);
};

#define VALS(a) .vals = (a), .nvals = ARRAY_SIZE(a)
#define BITS(a) .bits = (a), .nbits = ARRAY_SIZE(a)

/* file_flags */

static const struct flag_map open_mode[] = {
	{ O_WRONLY, 0x2 },
	{ O_RDWR, 0x3 },
};

static const struct flag_map open_bits[] = {
	{ O_CREAT, 0x4 },
	{ O_APPEND, 0x8 },
	{ O_DSYNC, 0x10 },
	{ O_EXCL, 0x20 },
	{ O_NONBLOCK, 0x40 },
	{ O_SYNC, 0x80 },
	{ O_TRUNC, 0x100 },
	{ O_DIRECT, 0x200 },
	{ O_DIRECTORY, 0x400 },
	{ K_O_LARGEFILE, 0x800 },
	{ O_CLOEXEC, 0x1000 },
	{ O_TMPFILE, 0x2000 },
	{ PROBE_FLAGS_O_F_CREATED, 0x4000 },
	{ PROBE_FLAGS_FD_UPPER_LAYER, 0x8000 },
	{ PROBE_FLAGS_FD_LOWER_LAYER, 0x10000 },
};

/* The access mode is a field; O_RDONLY (0) and the invalid 3 give O_RDONLY. */
static const struct flag_conv conv_open = {
	VALS(open_mode),
	BITS(open_bits),
	.field = O_ACCMODE,
	.dflt = 0x1,
};

static const struct flag_map cloexec_bits[] = {
	{ O_CLOEXEC, 0x1000 },
};

static const struct flag_conv conv_dup3 = { BITS(cloexec_bits) };

static const struct flag_map pipe2_bits[] = {
	{ O_CLOEXEC, 0x1000 },
	{ O_DIRECT, 0x200 },
	{ O_NONBLOCK, 0x40 },
};

static const struct flag_conv conv_pipe2 = { BITS(pipe2_bits), .opts = CONV_NEG32 };

/* socket's type argument and accept4's flags: SOCK_NONBLOCK, SOCK_CLOEXEC. */
static const struct flag_map sock_bits[] = {
	{ SOCK_NONBLOCK, 0x40 },
	{ SOCK_CLOEXEC, 0x1000 },
};

static const struct flag_conv conv_sock = { BITS(sock_bits) };

static const struct flag_map resolve_bits[] = {
	{ RESOLVE_BENEATH, 0x1 },     { RESOLVE_IN_ROOT, 0x2 },	 { RESOLVE_NO_MAGICLINKS, 0x4 },
	{ RESOLVE_NO_SYMLINKS, 0x8 }, { RESOLVE_NO_XDEV, 0x10 }, { RESOLVE_CACHED, 0x20 },
};

static const struct flag_conv conv_resolve = { BITS(resolve_bits) };

/* clone_flags; the low byte (CSIGNAL) carries no flag, only the marker. */
static const struct flag_map clone_bits[] = {
	{ CLONE_FILES, 0x1 },
	{ CLONE_FS, 0x2 },
	{ CLONE_IO, 0x4 },
	{ CLONE_NEWIPC, 0x8 },
	{ CLONE_NEWNET, 0x10 },
	{ CLONE_NEWNS, 0x20 },
	{ CLONE_NEWPID, 0x40 },
	{ CLONE_NEWUTS, 0x80 },
	{ CLONE_PARENT, 0x100 },
	{ CLONE_PARENT_SETTID, 0x200 },
	{ CLONE_PTRACE, 0x400 },
	{ CLONE_SIGHAND, 0x800 },
	{ CLONE_SYSVSEM, 0x1000 },
	{ CLONE_THREAD, 0x2000 },
	{ CLONE_UNTRACED, 0x4000 },
	{ CLONE_VM, 0x8000 },
	{ CLONE_NEWUSER, 0x100000 },
	{ CLONE_CHILD_CLEARTID, 0x800000 },
	{ CLONE_CHILD_SETTID, 0x1000000 },
	{ CLONE_SETTLS, 0x2000000 },
	{ CLONE_VFORK, 0x8000000 },
	{ CLONE_NEWCGROUP, 0x10000000 },
	{ PROBE_FLAGS_CL_CHILD_IN_PIDNS, 0x20000000 },
};

static const struct flag_conv conv_clone = { BITS(clone_bits) };

static const struct flag_map prot_bits[] = {
	{ PROT_READ, 0x1 },  { PROT_WRITE, 0x2 },      { PROT_EXEC, 0x4 },
	{ K_PROT_SEM, 0x8 }, { PROT_GROWSDOWN, 0x10 }, { PROT_GROWSUP, 0x20 },
};

static const struct flag_conv conv_prot = { BITS(prot_bits) };

static const struct flag_map mmap_bits[] = {
	{ MAP_SHARED, 0x1 },	  { MAP_PRIVATE, 0x2 },	     { MAP_FIXED, 0x4 },
	{ MAP_ANONYMOUS, 0x8 },	  { MAP_32BIT, 0x10 },	     { MAP_NORESERVE, 0x40 },
	{ MAP_POPULATE, 0x80 },	  { MAP_NONBLOCK, 0x100 },   { MAP_GROWSDOWN, 0x200 },
	{ MAP_DENYWRITE, 0x400 }, { MAP_EXECUTABLE, 0x800 }, { MAP_LOCKED, 0x4000 },
};

static const struct flag_conv conv_mmap = { BITS(mmap_bits) };

static const struct flag_map fcntl_vals[] = {
	{ F_DUPFD, 1 },	      { F_GETFD, 2 },	       { F_SETFD, 3 },	    { F_GETFL, 4 },
	{ F_SETFL, 5 },	      { F_GETLK, 6 },	       { F_SETLK, 8 },	    { F_SETLKW, 9 },
	{ F_SETOWN, 10 },     { F_GETOWN, 12 },	       { F_SETSIG, 13 },    { F_GETSIG, 15 },
	{ F_SETOWN_EX, 21 },  { F_GETOWN_EX, 22 },     { F_SETLEASE, 23 },  { F_GETLEASE, 24 },
	{ K_F_CANCELLK, 25 }, { F_DUPFD_CLOEXEC, 26 }, { F_NOTIFY, 27 },    { F_SETPIPE_SZ, 28 },
	{ F_GETPIPE_SZ, 29 }, { F_OFD_GETLK, 30 },     { F_OFD_SETLK, 31 }, { F_OFD_SETLKW, 32 },
};

/* Unpacks PROBE_FLAGS_FCNTL_LINUX + n to F_LINUX_SPECIFIC_BASE + n. */
static uint64_t fcntl_unpack(uint64_t v)
{
	return v >= PROBE_FLAGS_FCNTL_LINUX && v <= 0xff ?
		       v - PROBE_FLAGS_FCNTL_LINUX + F_SETLEASE :
		       v;
}

static const struct flag_conv conv_fcntl = {
	VALS(fcntl_vals),
	.field = UINT64_MAX,
	.dflt = 0, /* UNKNOWN */
	.pre = fcntl_unpack,
};

static const struct flag_map poll_bits[] = {
	{ POLLIN, 0x1 },       { POLLPRI, 0x2 },      { POLLOUT, 0x4 },	     { POLLRDHUP, 0x8 },
	{ POLLERR, 0x10 },     { POLLHUP, 0x20 },     { POLLNVAL, 0x40 },    { POLLRDNORM, 0x80 },
	{ POLLRDBAND, 0x100 }, { POLLWRNORM, 0x200 }, { POLLWRBAND, 0x400 },
};

static const struct flag_conv conv_poll = { BITS(poll_bits) };

static const struct flag_map futex_vals[] = {
	{ FUTEX_WAIT, 0 },
	{ FUTEX_WAKE, 1 },
	{ FUTEX_FD, 2 },
	{ FUTEX_REQUEUE, 3 },
	{ FUTEX_CMP_REQUEUE, 4 },
	{ FUTEX_WAKE_OP, 5 },
	{ FUTEX_LOCK_PI, 6 },
	{ FUTEX_UNLOCK_PI, 7 },
	{ FUTEX_TRYLOCK_PI, 8 },
	{ FUTEX_WAIT_BITSET, 9 },
	{ FUTEX_WAKE_BITSET, 10 },
	{ FUTEX_WAIT_REQUEUE_PI, 11 },
	{ FUTEX_CMP_REQUEUE_PI, 12 },
};

static const struct flag_map futex_bits[] = {
	{ FUTEX_PRIVATE_FLAG, 0x80 },
	{ FUTEX_CLOCK_REALTIME, 0x100 },
};

/* Falco looks at op & 127 and gives an unknown op 0 (FUTEX_WAIT). */
static const struct flag_conv conv_futex = {
	VALS(futex_vals),
	BITS(futex_bits),
	.field = FUTEX_PRIVATE_FLAG - 1,
	.dflt = 0,
};

static const struct flag_map ptrace_vals[] = {
	{ PTRACE_TRACEME, 1 },
	{ PTRACE_PEEKTEXT, 2 },
	{ PTRACE_PEEKDATA, 3 },
	{ PTRACE_PEEKUSER, 4 },
	{ PTRACE_POKETEXT, 5 },
	{ PTRACE_POKEDATA, 6 },
	{ PTRACE_POKEUSER, 7 },
	{ PTRACE_CONT, 8 },
	{ PTRACE_KILL, 9 },
	{ PTRACE_SINGLESTEP, 10 },
	{ PTRACE_ATTACH, 11 },
	{ PTRACE_DETACH, 12 },
	{ PTRACE_SYSCALL, 13 },
	{ PTRACE_SETOPTIONS, 14 },
	{ PTRACE_GETEVENTMSG, 15 },
	{ PTRACE_GETSIGINFO, 16 },
	{ PTRACE_SETSIGINFO, 17 },
	{ PTRACE_GETREGSET, 18 },
	{ PTRACE_SETREGSET, 19 },
	{ PTRACE_SEIZE, 20 },
	{ PTRACE_INTERRUPT, 21 },
	{ PTRACE_LISTEN, 22 },
	{ PTRACE_PEEKSIGINFO, 23 },
	{ PTRACE_GETSIGMASK, 24 },
	{ PTRACE_SETSIGMASK, 25 },
	{ PTRACE_GETREGS, 26 },
	{ PTRACE_SETREGS, 27 },
	{ PTRACE_GETFPREGS, 28 },
	{ PTRACE_SETFPREGS, 29 },
	{ PTRACE_GETFPXREGS, 30 },
	{ PTRACE_SETFPXREGS, 31 },
	{ K_PTRACE_OLDSETOPTIONS, 32 },
	{ PTRACE_GET_THREAD_AREA, 33 },
	{ PTRACE_SET_THREAD_AREA, 34 },
	{ PTRACE_ARCH_PRCTL, 35 },
	{ PTRACE_SYSEMU, 36 },
	{ PTRACE_SYSEMU_SINGLESTEP, 37 },
	{ PTRACE_SINGLEBLOCK, 38 },
};

static const struct flag_conv conv_ptrace = {
	VALS(ptrace_vals), .field = UINT64_MAX, .dflt = 0, /* PTRACE_UNKNOWN */
};

/* MS_* are the PPM values; only the old magic in the top 16 bits goes. */
static uint64_t mount_unmagic(uint64_t v)
{
	return (v & MS_MGC_MSK) == MS_MGC_VAL ? v & ~(uint64_t)MS_MGC_MSK : v;
}

static const struct flag_conv conv_mount = { .opts = CONV_KEEP, .pre = mount_unmagic };

static const struct flag_map umount_bits[] = {
	{ MNT_FORCE, 0x1 },
	{ MNT_DETACH, 0x2 },
	{ MNT_EXPIRE, 0x4 },
	{ UMOUNT_NOFOLLOW, 0x8 },
};

static const struct flag_conv conv_umount = { BITS(umount_bits) };

static const struct flag_map lseek_vals[] = {
	{ SEEK_SET, 0 },
	{ SEEK_CUR, 1 },
	{ SEEK_END, 2 },
};

/* SEEK_DATA and SEEK_HOLE become SEEK_SET, as in Falco. */
static const struct flag_conv conv_lseek = {
	VALS(lseek_vals),
	.field = UINT64_MAX,
	.dflt = 0,
};

static const struct flag_map shutdown_vals[] = {
	{ SHUT_RD, 0 },
	{ SHUT_WR, 1 },
	{ SHUT_RDWR, 2 },
};

static const struct flag_conv conv_shutdown = {
	VALS(shutdown_vals), .field = UINT64_MAX,
	.dflt = 0xffff, /* SHUT_UNKNOWN, cut to the u8 wire size as Falco does */
};

/* The families Falco knows; AF_VSOCK, AF_XDP, ... become AF_UNSPEC. */
static const struct flag_map af_vals[] = {
	{ AF_UNSPEC, 0 },   { AF_UNIX, 1 },	  { AF_INET, 2 },	 { AF_AX25, 3 },
	{ AF_IPX, 4 },	    { AF_APPLETALK, 5 },  { AF_NETROM, 6 },	 { AF_BRIDGE, 7 },
	{ AF_ATMPVC, 8 },   { AF_X25, 9 },	  { AF_INET6, 10 },	 { AF_ROSE, 11 },
	{ AF_DECnet, 12 },  { AF_NETBEUI, 13 },	  { AF_SECURITY, 14 },	 { AF_KEY, 15 },
	{ AF_NETLINK, 16 }, { AF_PACKET, 17 },	  { AF_ASH, 18 },	 { AF_ECONET, 19 },
	{ AF_ATMSVC, 20 },  { AF_RDS, 21 },	  { AF_SNA, 22 },	 { AF_IRDA, 23 },
	{ AF_PPPOX, 24 },   { AF_WANPIPE, 25 },	  { AF_LLC, 26 },	 { AF_CAN, 29 },
	{ AF_TIPC, 30 },    { AF_BLUETOOTH, 31 }, { AF_IUCV, 32 },	 { AF_RXRPC, 33 },
	{ AF_ISDN, 34 },    { AF_PHONET, 35 },	  { AF_IEEE802154, 36 }, { AF_CAIF, 37 },
	{ AF_ALG, 38 },	    { AF_NFC, 39 },
};

/* Falco reads the domain as a u8. */
static const struct flag_conv conv_af = {
	VALS(af_vals),
	.field = 0xff,
	.dflt = 0,
};

static const struct flag_map access_bits[] = {
	{ X_OK, 0x1 },
	{ W_OK, 0x2 },
	{ R_OK, 0x4 },
};

static const struct flag_conv conv_access = { BITS(access_bits) };

static const struct flag_map unlinkat_bits[] = {
	{ AT_REMOVEDIR, 0x200 },
};

static const struct flag_conv conv_unlinkat = { BITS(unlinkat_bits) };

/* linkat, and fchownat too: Falco maps AT_SYMLINK_FOLLOW for both. */
static const struct flag_map linkat_bits[] = {
	{ AT_SYMLINK_FOLLOW, 0x400 },
	{ AT_EMPTY_PATH, 0x1000 },
};

static const struct flag_conv conv_linkat = { BITS(linkat_bits) };

static const struct flag_map newfstatat_bits[] = {
	{ AT_SYMLINK_NOFOLLOW, 0x100 },
	{ AT_NO_AUTOMOUNT, 0x800 },
	{ AT_EMPTY_PATH, 0x1000 },
};

static const struct flag_conv conv_newfstatat = { BITS(newfstatat_bits) };

static const struct flag_map execveat_bits[] = {
	{ AT_EMPTY_PATH, 0x1 },
	{ AT_SYMLINK_NOFOLLOW, 0x2 },
};

static const struct flag_conv conv_execveat = { BITS(execveat_bits) };

static const struct flag_map chmod_bits[] = {
	{ S_IXOTH, 0x1 },   { S_IWOTH, 0x2 },	{ S_IROTH, 0x4 },   { S_IXGRP, 0x8 },
	{ S_IWGRP, 0x10 },  { S_IRGRP, 0x20 },	{ S_IXUSR, 0x40 },  { S_IWUSR, 0x80 },
	{ S_IRUSR, 0x100 }, { S_ISVTX, 0x200 }, { S_ISGID, 0x400 }, { S_ISUID, 0x800 },
};

static const struct flag_conv conv_chmod = { BITS(chmod_bits) };

/* A file type of 0 means a regular file; directories and links are dropped. */
static const struct flag_map mknod_vals[] = {
	{ 0, 0x8000 },	     { S_IFREG, 0x8000 }, { S_IFCHR, 0x2000 },
	{ S_IFBLK, 0x6000 }, { S_IFIFO, 0x1000 }, { S_IFSOCK, 0xc000 },
};

static const struct flag_conv conv_mknod = {
	VALS(mknod_vals),
	BITS(chmod_bits),
	.field = S_IFMT,
	.dflt = 0,
};

static const struct flag_map rlimit_vals[] = {
	{ RLIMIT_CPU, 0 },	 { RLIMIT_FSIZE, 1 },  { RLIMIT_DATA, 2 },
	{ RLIMIT_STACK, 3 },	 { RLIMIT_CORE, 4 },   { RLIMIT_RSS, 5 },
	{ RLIMIT_NPROC, 6 },	 { RLIMIT_NOFILE, 7 }, { RLIMIT_MEMLOCK, 8 },
	{ RLIMIT_AS, 9 },	 { RLIMIT_LOCKS, 10 }, { RLIMIT_SIGPENDING, 11 },
	{ RLIMIT_MSGQUEUE, 12 }, { RLIMIT_NICE, 13 },  { RLIMIT_RTPRIO, 14 },
	{ RLIMIT_RTTIME, 15 },
};

static const struct flag_conv conv_rlimit = {
	VALS(rlimit_vals), .field = UINT64_MAX, .dflt = 255, /* RLIMIT_UNKNOWN */
};

static const struct flag_map flock_bits[] = {
	{ LOCK_SH, 0x1 },
	{ LOCK_EX, 0x2 },
	{ LOCK_NB, 0x4 },
	{ LOCK_UN, 0x8 },
};

static const struct flag_conv conv_flock = { BITS(flock_bits) };

static const struct flag_map splice_bits[] = {
	{ SPLICE_F_MOVE, 0x1 },
	{ SPLICE_F_NONBLOCK, 0x2 },
	{ SPLICE_F_MORE, 0x4 },
	{ SPLICE_F_GIFT, 0x8 },
};

static const struct flag_conv conv_splice = { BITS(splice_bits) };

static const struct flag_map semop_bits[] = {
	{ IPC_NOWAIT, 0x1 },
	{ SEM_UNDO, 0x2 },
};

static const struct flag_conv conv_semop = { BITS(semop_bits) };

static const struct flag_map semget_bits[] = {
	{ IPC_CREAT, 0x2000 },
	{ IPC_EXCL, 0x4000 },
};

static const struct flag_conv conv_semget = { BITS(semget_bits) };

static const struct flag_map semctl_vals[] = {
	{ IPC_STAT, 0x1 },  { IPC_SET, 0x2 },	{ IPC_RMID, 0x4 },  { IPC_INFO, 0x8 },
	{ SEM_INFO, 0x10 }, { SEM_STAT, 0x20 }, { GETALL, 0x40 },   { GETNCNT, 0x80 },
	{ GETPID, 0x100 },  { GETVAL, 0x200 },	{ GETZCNT, 0x400 }, { SETALL, 0x800 },
	{ SETVAL, 0x1000 },
};

static const struct flag_conv conv_semctl = {
	VALS(semctl_vals),
	.field = UINT64_MAX,
	.dflt = 0,
};

static const struct flag_map memfd_bits[] = {
	{ MFD_CLOEXEC, 0x1 },
	{ MFD_ALLOW_SEALING, 0x2 },
	{ MFD_HUGETLB, 0x4 },
};

static const struct flag_conv conv_memfd = { BITS(memfd_bits) };

/* PIDFD_NONBLOCK is O_NONBLOCK. */
static const struct flag_map pidfd_bits[] = {
	{ O_NONBLOCK, 0x1 },
};

static const struct flag_conv conv_pidfd = { BITS(pidfd_bits) };

static const struct flag_map mlock2_bits[] = {
	{ MLOCK_ONFAULT, 0x1 },
};

static const struct flag_conv conv_mlock2 = { BITS(mlock2_bits) };

static const struct flag_map mlockall_bits[] = {
	{ MCL_CURRENT, 0x1 },
	{ MCL_FUTURE, 0x2 },
	{ MCL_ONFAULT, 0x4 },
};

static const struct flag_conv conv_mlockall = { BITS(mlockall_bits) };

static const struct flag_map epoll_bits[] = {
	{ EPOLL_CLOEXEC, 0x1 },
};

static const struct flag_conv conv_epoll = { BITS(epoll_bits) };

static const struct flag_map close_range_bits[] = {
	{ CLOSE_RANGE_UNSHARE, 0x2 },
	{ CLOSE_RANGE_CLOEXEC, 0x4 },
};

static const struct flag_conv conv_close_range = { BITS(close_range_bits) };

static const struct flag_map delete_module_bits[] = {
	{ O_TRUNC, 0x1 },
	{ O_NONBLOCK, 0x2 },
};

static const struct flag_conv conv_delete_module = { BITS(delete_module_bits) };

static const struct flag_map finit_module_bits[] = {
	{ MODULE_INIT_IGNORE_MODVERSIONS, 0x1 },
	{ MODULE_INIT_IGNORE_VERMAGIC, 0x2 },
	{ MODULE_INIT_COMPRESSED_FILE, 0x4 },
};

static const struct flag_conv conv_finit_module = { BITS(finit_module_bits) };

/* Falco also maps IORING_SQ_NEED_WAKEUP, an alias of IORING_SETUP_IOPOLL. */
static const struct flag_map uring_setup_bits[] = {
	{ IORING_SETUP_IOPOLL, 0x1 },	  { IORING_SETUP_SQPOLL, 0x2 },
	{ IORING_SQ_NEED_WAKEUP, 0x4 },	  { IORING_SETUP_SQ_AFF, 0x8 },
	{ IORING_SETUP_CQSIZE, 0x10 },	  { IORING_SETUP_CLAMP, 0x20 },
	{ IORING_SETUP_ATTACH_WQ, 0x40 }, { IORING_SETUP_R_DISABLED, 0x80 },
};

static const struct flag_conv conv_uring_setup = { BITS(uring_setup_bits) };

/* Falco tests IORING_FEAT_ENTER_EXT_ARG, a name Linux lacks, so bit 8 goes. */
static const struct flag_map uring_feats_bits[] = {
	{ IORING_FEAT_SINGLE_MMAP, 0x1 },      { IORING_FEAT_NODROP, 0x2 },
	{ IORING_FEAT_SUBMIT_STABLE, 0x4 },    { IORING_FEAT_RW_CUR_POS, 0x8 },
	{ IORING_FEAT_CUR_PERSONALITY, 0x10 }, { IORING_FEAT_FAST_POLL, 0x20 },
	{ IORING_FEAT_POLL_32BITS, 0x40 },     { IORING_FEAT_SQPOLL_NONFIXED, 0x80 },
	{ IORING_FEAT_NATIVE_WORKERS, 0x200 }, { IORING_FEAT_RSRC_TAGS, 0x400 },
};

static const struct flag_conv conv_uring_feats = { BITS(uring_feats_bits) };

static const struct flag_map uring_enter_bits[] = {
	{ IORING_ENTER_GETEVENTS, 0x1 },
	{ IORING_ENTER_SQ_WAKEUP, 0x2 },
	{ IORING_ENTER_SQ_WAIT, 0x4 },
	{ IORING_ENTER_EXT_ARG, 0x8 },
};

static const struct flag_conv conv_uring_enter = { BITS(uring_enter_bits) };

/* The conversion of each table; NULL: the parameter is left as written. */
static const struct flag_conv *const table_conv[EV_TT_MAX] = {
	[EV_TT_file_flags] = &conv_open,
	[EV_TT_openat2_flags] = &conv_resolve,
	[EV_TT_clone_flags] = &conv_clone,
	[EV_TT_prot_flags] = &conv_prot,
	[EV_TT_mmap_flags] = &conv_mmap,
	[EV_TT_fcntl_commands] = &conv_fcntl,
	[EV_TT_poll_flags] = &conv_poll,
	[EV_TT_futex_operations] = &conv_futex,
	[EV_TT_ptrace_requests] = &conv_ptrace,
	[EV_TT_mount_flags] = &conv_mount,
	[EV_TT_umount_flags] = &conv_umount,
	[EV_TT_lseek_whence] = &conv_lseek,
	[EV_TT_shutdown_how] = &conv_shutdown,
	[EV_TT_socket_families] = &conv_af,
	[EV_TT_access_flags] = &conv_access,
	[EV_TT_unlinkat_flags] = &conv_unlinkat,
	[EV_TT_linkat_flags] = &conv_linkat,
	[EV_TT_fchownat_flags] = &conv_linkat,
	[EV_TT_newfstatat_flags] = &conv_newfstatat,
	[EV_TT_execveat_flags] = &conv_execveat,
	[EV_TT_chmod_mode] = &conv_chmod,
	[EV_TT_mknod_mode] = &conv_mknod,
	[EV_TT_rlimit_resources] = &conv_rlimit,
	[EV_TT_flock_flags] = &conv_flock,
	[EV_TT_splice_flags] = &conv_splice,
	[EV_TT_semop_flags] = &conv_semop,
	[EV_TT_semget_flags] = &conv_semget,
	[EV_TT_semctl_commands] = &conv_semctl,
	[EV_TT_memfd_create_flags] = &conv_memfd,
	[EV_TT_pidfd_open_flags] = &conv_pidfd,
	[EV_TT_mlock2_flags] = &conv_mlock2,
	[EV_TT_mlockall_flags] = &conv_mlockall,
	[EV_TT_epoll_create1_flags] = &conv_epoll,
	[EV_TT_close_range_flags] = &conv_close_range,
	[EV_TT_delete_module_flags] = &conv_delete_module,
	[EV_TT_finit_module_flags] = &conv_finit_module,
	[EV_TT_io_uring_setup_flags] = &conv_uring_setup,
	[EV_TT_io_uring_setup_feats] = &conv_uring_feats,
	[EV_TT_io_uring_enter_flags] = &conv_uring_enter,
};

/* One parameter of an event type that does not use its table's conversion. */
struct flag_override {
	const char *param;
	const struct flag_conv *conv; /* NULL: left as written */
};

static const struct flag_override overrides[EV_MAX] = {
	[EV_SYSCALL_DUP3_X] = { "flags", &conv_dup3 },
	[EV_SYSCALL_PIPE2_X] = { "flags", &conv_pipe2 },
	[EV_SOCKET_SOCKET_X] = { "flags", &conv_sock },
	[EV_SOCKET_ACCEPT4_6_X] = { "flags", &conv_sock },
	[EV_SYSCALL_EVENTFD2_X] = { "flags", NULL },
	[EV_SYSCALL_INOTIFY_INIT1_X] = { "flags", NULL },
	[EV_SYSCALL_SIGNALFD4_X] = { "flags", NULL },
	[EV_SYSCALL_USERFAULTFD_X] = { "flags", NULL },
};

static uint64_t conv_apply(const struct flag_conv *c, uint64_t v)
{
	uint64_t r = 0;
	unsigned int i;

	if (c->pre)
		v = c->pre(v);
	if (c->opts & CONV_KEEP)
		return v;
	if ((c->opts & CONV_NEG32) && (v & 0x80000000u))
		return 0;
	if (c->field) {
		r = c->dflt;
		for (i = 0; i < c->nvals; i++) {
			if (c->vals[i].k == (v & c->field)) {
				r = c->vals[i].ppm;
				break;
			}
		}
	}
	for (i = 0; i < c->nbits; i++)
		if (v & c->bits[i].k)
			r |= c->bits[i].ppm;
	return r;
}

static uint64_t get_le(const uint8_t *p, unsigned int size)
{
	uint64_t v = 0;

	while (size--)
		v = v << 8 | p[size];
	return v;
}

static void put_le(uint8_t *p, uint64_t v, unsigned int size)
{
	unsigned int i;

	for (i = 0; i < size; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

/* PT_FDLIST: u16 count, then count x (i64 fd, i16 poll flags). */
static int fix_fdlist(uint8_t *p, uint32_t len, bool apply)
{
	uint32_t i, n;
	uint8_t *f;

	if (len < 2)
		return -EINVAL;
	n = buf_le16(p);
	if (len != 2 + 10 * n)
		return -EINVAL;
	for (i = 0; apply && i < n; i++) {
		f = p + 2 + 10 * i + 8;
		put_le(f, conv_apply(&conv_poll, buf_le16(f)), 2);
	}
	return 0;
}

/* Checks the flag parameters of the decoded event ev (at base), or converts them. */
static int fix_params(const struct ev_view *ev, uint8_t *base, bool apply)
{
	const struct ev_info *info = ev_info_get(ev->type);
	const struct flag_override *ov;
	const struct ev_param_info *pi;
	const struct flag_conv *c;
	unsigned int i, n;
	int ov_idx, size;
	uint8_t *p;

	if (!info)
		return 0;
	ov = &overrides[ev->type];
	ov_idx = ov->param ? ev_param_find(ev->type, ov->param) : -1;
	n = info->nparams < ev->nparams ? info->nparams : ev->nparams;
	if (n > EV_MAX_PARAMS)
		n = EV_MAX_PARAMS;
	for (i = 0; i < n; i++) {
		pi = &info->params[i];
		p = base + (ev->data - ev->raw) + ev->poff[i];
		if (ev->plen[i] == 0)
			continue; /* empty */
		if (pi->type == EV_PT_FDLIST) {
			if (fix_fdlist(p, ev->plen[i], apply) < 0)
				return -EINVAL;
			continue;
		}
		if ((int)i == ov_idx)
			c = ov->conv;
		else
			c = pi->table >= 0 && pi->table < EV_TT_MAX ? table_conv[pi->table] : NULL;
		if (!c)
			continue;
		size = ev_pt_table[pi->type].size;
		if (size < 1 || size > 8 || ev->plen[i] != (uint32_t)size)
			return -EINVAL;
		if (apply)
			put_le(p, conv_apply(c, get_le(p, (unsigned int)size)), (unsigned int)size);
	}
	return 0;
}

int probe_flags_fixup(uint8_t *ev, uint32_t len)
{
	struct ev_view v;
	int err;

	if (ev_view_decode(&v, ev, len, false, NULL) < 0)
		return -EINVAL;
	err = fix_params(&v, ev, false);
	if (err == 0)
		err = fix_params(&v, ev, true);
	return err;
}

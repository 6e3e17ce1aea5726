/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The ABI between the probe (syscalls.bpf.c) and its loader (probe.c).
 *
 * The probe is table-driven: for every native system call number the loader
 * fills one struct probe_sc, which names the scap event ids of the enter and
 * the exit event and, for each of their parameters, where its value comes
 * from (a "recipe": a syscall argument, the return value, user memory, the
 * fd's socket or inode, the current task). The probe writes each event in
 * the scap v2 layout of src/common/event.h, preceded by a struct
 * probe_rec_hdr, into one BPF ring buffer.
 *
 * Flag and enum parameters leave the kernel as the kernel's values; the
 * loader rewrites them into the table's PPM values (probe_flags.h) before
 * anyone else sees the event.
 *
 * Types are fixed-width only, so both compilers lay the structs out alike.
 */
#ifndef SYSHARK_SYSCALLS_H
#define SYSHARK_SYSCALLS_H

#define PROBE_NR_MAX 512      /* native syscall numbers covered by the table */
#define PROBE_PARAMS_MAX 32   /* parameters of one event */
#define PROBE_CHUNK 32768     /* largest event, bytes; a power of two */
#define PROBE_STR_MAX 4096    /* longest string parameter */
#define PROBE_ARGS_MAX 4096   /* longest argv or environment */
#define PROBE_PATH_MAX 256    /* execve filename kept from enter to exit */
#define PROBE_IOV_MAX 16      /* iovecs read for readv/writev/sendmsg/recvmsg */
#define PROBE_MMSG_MAX 1024   /* messages of one sendmmsg/recvmmsg, one event each */
#define PROBE_POLL_MAX 16     /* pollfds read for poll/ppoll */
#define PROBE_EV_HDR 26       /* scap v2 event header */

/* Where a parameter's value comes from. */
enum probe_kind {
	PK_NONE = 0,
	PK_ARG,	       /* argument a, as size bytes */
	PK_ARG_INT,    /* argument a as a signed int, widened to size bytes */
	PK_ARG_MASK,   /* argument a AND aux, size bytes */
	PK_DYN,	       /* PT_DYN: index byte aux, then argument a as a u64 */
	PK_FCNTL_CMD,  /* fcntl's cmd in one byte: 1024 + n is written 0x80 + n */
	PK_RET,	       /* the return value, size bytes */
	PK_CONST,      /* aux, size bytes */
	PK_STR,	       /* NUL-terminated user string at argument a */
	PK_BUF,	       /* user bytes at argument a; length per aux (PL_*) */
	PK_IOV,	       /* data of the iovec array at a (count at a + 1); PL_* */
	PK_IOV_SIZE,   /* total length of that iovec array, u32 */
	PK_MSG,	       /* data of the msghdr at a; PL_* */
	PK_MSG_SIZE,   /* total length of the msghdr's iovecs, u32 */
	PK_MSG_CONTROL, /* the msghdr at a's ancillary data, once the call succeeded */
	PK_SOCKADDR,   /* user sockaddr at a, its length in argument aux */
	PK_TUPLE,      /* socket tuple of fd a (PA_RET: the result); aux PT_* */
	PK_FD_DEV,     /* device of fd a's inode, u32 */
	PK_FD_INO,     /* inode number of fd a, u64 */
	PK_UMEM_U64,   /* u64 in user memory at argument a + aux, size bytes */
	PK_UMEM_INT,   /* int in user memory at argument a + aux, widened */
	PK_UMEM_INO,   /* inode number of the fd found as PK_UMEM_INT would */
	PK_TIMESPEC,   /* user struct timespec at a, as ns; none is all ones */
	PK_FDLIST,     /* pollfd array at a (count at a + 1); aux 0 events, 1 revents */
	PK_SIGSET,     /* first 32 bits of the user sigset at a, u32 */
	PK_PROC,       /* a field of the current task, aux PF_* */
	PK_VM,	       /* aux 0 vm size, 1 rss, 2 swap, in KiB, u32 */
	PK_SC,	       /* the ppm_sc code of this syscall, u16 */
	PK_NATIVE,     /* the native syscall number, u16 */
	PK_QUEUE,      /* accept queue of listening fd a, aux PQ_*, once the call succeeded */
	PK_OPEN_FLAGS, /* open's flags, argument a, with what the new file is; aux OF_* */
	PK_KIND_MAX,
};

/* Argument number that stands for the return value (PK_TUPLE, PK_FD_*). */
#define PA_RET 7

/*
 * Data lengths: for PK_BUF, aux is the argument holding it or PL_RET; for
 * PK_IOV and PK_MSG, PL_RET or PL_ALL (every byte of the iovecs).
 */
#define PL_ALL 6
#define PL_RET 7

/*
 * PK_TUPLE: aux bit 0 inbound, bit 1 the user sockaddr is the msg_name of
 * the msghdr in argument 1; aux >> 8, if not 0, is the argument holding a
 * user sockaddr to use when the socket has no peer.
 */
#define PT_INBOUND 1u
#define PT_MSGNAME 2u

/* The recipe of the process exit event (not a syscall number). */
#define PROBE_NR_PROCEXIT (PROBE_NR_MAX - 1)

/*
 * PK_QUEUE: the connections waiting (sk_ack_backlog), their limit
 * (sk_max_ack_backlog), or 100 * waiting / limit (0 if the limit is 0).
 */
enum probe_queue {
	PQ_PCT = 0,
	PQ_LEN,
	PQ_MAX,
};

/*
 * PK_OPEN_FLAGS: the flags are a u64 in user memory at argument a (openat2);
 * or, for creat, only the overlayfs layer of the new file (1 upper, 2 lower).
 */
#define OF_UMEM 1u
#define OF_LAYER 2u

/* Process fields (PK_PROC). */
enum probe_pfield {
	PF_EXE = 0,    /* argv[0] */
	PF_ARGS,       /* argv[1..] as a NUL-list */
	PF_TID,
	PF_PID,
	PF_PTID,       /* the parent's pid */
	PF_CWD,	       /* the working directory */
	PF_FDLIMIT,
	PF_PGFT_MAJ,
	PF_PGFT_MIN,
	PF_COMM,
	PF_CGROUPS,
	PF_UID,
	PF_GID,
	PF_VTID,
	PF_VPID,
	PF_ENV,
	PF_TTY,
	PF_VPGID,
	PF_PGID,
	PF_LOGINUID,
	PF_CAP_INH,
	PF_CAP_PRM,
	PF_CAP_EFF,
	PF_EXE_INO,
	PF_EXE_CTIME,
	PF_EXE_MTIME,
	PF_FILENAME,   /* the execve path saved at enter */
	PF_EXIT_STATUS, /* exit code as wait() gives it */
	PF_EXIT_RET,
	PF_EXIT_SIG,
	PF_EXIT_CORE,
	PF_EXE_FLAGS,  /* execve's flags: the exe writable, from memfd, on overlayfs */
	PF_ZERO,       /* a zero of the parameter's size */
	PF_MAX,
};

struct probe_param {
	__u8 kind;
	__u8 arg;
	__u8 size;
	__u8 pad;
	__u32 aux;
};

/* Recipe flags. */
#define PSC_SAVE_PATH 1u /* keep argument 0 (or 1 with PSC_PATH_ARG1) for PF_FILENAME */
#define PSC_PATH_ARG1 2u
#define PSC_DEFINED 4u	 /* the entry is filled */
/*
 * Argument 1 is an mmsghdr array: a call that succeeded exits as one event
 * per message (at most PROBE_MMSG_MAX), each with argument 1 the message's
 * msghdr and the result its msg_len, as Falco's drivers write them.
 */
#define PSC_MMSG 8u

struct probe_sc {
	__u16 enter_type;
	__u16 exit_type;
	__u16 ppm_sc;
	__u8 nenter;
	__u8 nexit;
	__u32 flags;
	__u32 pad;
	struct probe_param enter[PROBE_PARAMS_MAX];
	struct probe_param exit[PROBE_PARAMS_MAX];
};

/* Precedes every event in the ring buffer. */
struct probe_rec_hdr {
	__u16 cpu;
	__u16 pad;
	__u32 pad2;
};

/* Per-CPU counters. */
struct probe_counters {
	__u64 seen;    /* events the probe tried to emit */
	__u64 dropped; /* of those, lost because the ring buffer was full */
	__u64 toobig;  /* cut short at PROBE_CHUNK */
};

#endif

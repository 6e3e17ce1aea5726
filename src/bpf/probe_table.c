// SPDX-License-Identifier: GPL-2.0-only
/*
 * The probe's recipes: for each decoded system call, the scap event ids it
 * is written as and where each parameter comes from (syscalls.h). The ids
 * follow the writer recipe of scap-format.md: the newest layout below 336
 * (what sysdig 0.29.3 knows), or the current one where no older id exists.
 * Every other system call becomes the generic syscall event.
 *
 * Recipes list parameters in the event table's order; probe_table_fill()
 * checks each list against the schema, so a recipe that disagrees with the
 * table fails loudly instead of writing events readers misparse.
 */
#include "probe_table.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <linux/sched.h>

#include "native_syscalls.h"
#include "schema.h"

#define NP PROBE_PARAMS_MAX

/* Parameter sources; see enum probe_kind. */
#define ARG(a, sz) { .kind = PK_ARG, .arg = (a), .size = (sz) }
#define U64(a) ARG(a, 8)
#define U32(a) ARG(a, 4)
#define U16(a) ARG(a, 2)
#define U8(a) ARG(a, 1)
#define INT(a) { .kind = PK_ARG_INT, .arg = (a), .size = 8 }
#define INT32(a) { .kind = PK_ARG_INT, .arg = (a), .size = 4 }
#define MASKED(a, m) { .kind = PK_ARG_MASK, .arg = (a), .size = 4, .aux = (m) }
#define FCNTL_CMD(a) { .kind = PK_FCNTL_CMD, .arg = (a), .size = 1 }
#define DYN64(a) { .kind = PK_DYN, .arg = (a), .aux = 0 }
#define RET { .kind = PK_RET, .size = 8 }
#define CONST(v, sz) { .kind = PK_CONST, .size = (sz), .aux = (v) }
#define EMPTY { .kind = PK_NONE }
#define STR(a) { .kind = PK_STR, .arg = (a) }
#define BUF(a, len) { .kind = PK_BUF, .arg = (a), .aux = (len) }
#define IOV(a, len) { .kind = PK_IOV, .arg = (a), .aux = (len) }
#define IOVSZ(a) { .kind = PK_IOV_SIZE, .arg = (a) }
#define MSG(a, len) { .kind = PK_MSG, .arg = (a), .aux = (len) }
#define MSGSZ(a) { .kind = PK_MSG_SIZE, .arg = (a) }
#define MSGCTL(a) { .kind = PK_MSG_CONTROL, .arg = (a) }
#define SOCKADDR(a, lenarg) { .kind = PK_SOCKADDR, .arg = (a), .aux = (lenarg) }
#define TUPLE(a, fl) { .kind = PK_TUPLE, .arg = (a), .aux = (fl) }
#define DEV(a) { .kind = PK_FD_DEV, .arg = (a), .size = 4 }
#define INO(a) { .kind = PK_FD_INO, .arg = (a), .size = 8 }
#define UMEM64(a, off, sz) { .kind = PK_UMEM_U64, .arg = (a), .size = (sz), .aux = (off) }
#define UMEMINT(a, off) { .kind = PK_UMEM_INT, .arg = (a), .size = 8, .aux = (off) }
#define UMEMINO(a, off) { .kind = PK_UMEM_INO, .arg = (a), .size = 8, .aux = (off) }
#define TIMESPEC(a) { .kind = PK_TIMESPEC, .arg = (a) }
#define FDLIST(a, rev) { .kind = PK_FDLIST, .arg = (a), .aux = (rev) }
#define SIGSET(a) { .kind = PK_SIGSET, .arg = (a) }
#define PROC(f, sz) { .kind = PK_PROC, .size = (sz), .aux = (f) }
#define VM(w) { .kind = PK_VM, .aux = (w) }
#define OPENFL(a, of, sz) { .kind = PK_OPEN_FLAGS, .arg = (a), .size = (sz), .aux = (of) }
#define QUEUE(a, q, sz) { .kind = PK_QUEUE, .arg = (a), .size = (sz), .aux = (q) }

/* The parameters every clone-family exit shares, around its flags. */
#define CLONE_HEAD                                                                             \
	RET, PROC(PF_EXE, 0), PROC(PF_ARGS, 0), PROC(PF_TID, 8), PROC(PF_PID, 8),             \
		PROC(PF_PTID, 8), PROC(PF_CWD, 0), PROC(PF_FDLIMIT, 8), PROC(PF_PGFT_MAJ, 8), \
		PROC(PF_PGFT_MIN, 8), VM(0), VM(1), VM(2), PROC(PF_COMM, 0),                  \
		PROC(PF_CGROUPS, 0)
#define CLONE_TAIL                                                                  \
	PROC(PF_UID, 4), PROC(PF_GID, 4), PROC(PF_VTID, 8), PROC(PF_VPID, 8), \
		PROC(PF_ZERO, 8)
#define EXEC_BODY                                                                              \
	RET, PROC(PF_EXE, 0), PROC(PF_ARGS, 0), PROC(PF_TID, 8), PROC(PF_PID, 8),             \
		PROC(PF_PTID, 8), PROC(PF_CWD, 0), PROC(PF_FDLIMIT, 8), PROC(PF_PGFT_MAJ, 8), \
		PROC(PF_PGFT_MIN, 8), VM(0), VM(1), VM(2), PROC(PF_COMM, 0),                  \
		PROC(PF_CGROUPS, 0), PROC(PF_ENV, 0), PROC(PF_TTY, 4), PROC(PF_VPGID, 8),     \
		PROC(PF_LOGINUID, 4), PROC(PF_EXE_FLAGS, 4), PROC(PF_CAP_INH, 8),             \
		PROC(PF_CAP_PRM, 8), PROC(PF_CAP_EFF, 8), PROC(PF_EXE_INO, 8),                \
		PROC(PF_EXE_CTIME, 8), PROC(PF_EXE_MTIME, 8), PROC(PF_UID, 4),                \
		PROC(PF_FILENAME, 0), PROC(PF_PGID, 8), PROC(PF_GID, 4)

#define PROCEXIT                                                                         \
	PROC(PF_EXIT_STATUS, 8), PROC(PF_EXIT_RET, 8), PROC(PF_EXIT_SIG, 1), \
		PROC(PF_EXIT_CORE, 1), PROC(PF_ZERO, 8)

struct recipe {
	int nr;
	uint16_t enter_type, exit_type;
	uint32_t flags;
	struct probe_param enter[NP];
	struct probe_param exit[NP];
};

/* accept's queue: the listening socket's after the connection left it */
#define ACCEPT_QUEUE QUEUE(0, PQ_PCT, 1), QUEUE(0, PQ_LEN, 4), QUEUE(0, PQ_MAX, 4)

#define SOCK_FLAGS (SOCK_NONBLOCK | SOCK_CLOEXEC)
#define VFORK_FLAGS (CLONE_VM | CLONE_VFORK)

static const struct recipe recipes[] = {
	{ __NR_open, 2, 3, 0, { STR(0), U32(1), U32(2) },
	  { RET, STR(0), OPENFL(1, 0, 4), U32(2), DEV(PA_RET), INO(PA_RET) } },
	{ __NR_openat, 306, 307, 0, { INT(0), STR(1), U32(2), U32(3) },
	  { RET, INT(0), STR(1), OPENFL(2, 0, 4), U32(3), DEV(PA_RET), INO(PA_RET) } },
	{ __NR_openat2, 326, 327, 0,
	  { INT(0), STR(1), UMEM64(2, 0, 4), UMEM64(2, 8, 4), UMEM64(2, 16, 4) },
	  { RET, INT(0), STR(1), OPENFL(2, OF_UMEM, 4), UMEM64(2, 8, 4), UMEM64(2, 16, 4),
	    DEV(PA_RET), INO(PA_RET) } },
	{ __NR_creat, 58, 59, 0, { STR(0), U32(1) },
	  { RET, STR(0), U32(1), DEV(PA_RET), INO(PA_RET), OPENFL(0, OF_LAYER, 2) } },
	{ __NR_close, 4, 5, 0, { INT(0) }, { RET, INT(0) } },
	{ __NR_read, 6, 7, 0, { INT(0), U32(2) }, { RET, BUF(1, PL_RET), INT(0), U32(2) } },
	{ __NR_write, 8, 9, 0, { INT(0), U32(2) }, { RET, BUF(1, 2), INT(0), U32(2) } },
	{ __NR_pread64, 112, 113, 0, { INT(0), U32(2), U64(3) },
	  { RET, BUF(1, PL_RET), INT(0), U32(2), U64(3) } },
	{ __NR_pwrite64, 114, 115, 0, { INT(0), U32(2), U64(3) },
	  { RET, BUF(1, 2), INT(0), U32(2), U64(3) } },
	{ __NR_readv, 116, 117, 0, { INT(0) }, { RET, IOVSZ(1), IOV(1, PL_RET), INT(0) } },
	{ __NR_writev, 118, 119, 0, { INT(0), IOVSZ(1) },
	  { RET, IOV(1, PL_ALL), INT(0), IOVSZ(1) } },
	{ __NR_preadv, 120, 121, 0, { INT(0), U64(3) },
	  { RET, IOVSZ(1), IOV(1, PL_RET), INT(0), U64(3) } },
	{ __NR_pwritev, 122, 123, 0, { INT(0), IOVSZ(1), U64(3) },
	  { RET, IOV(1, PL_ALL), INT(0), IOVSZ(1), U64(3) } },
	{ __NR_lseek, 86, 87, 0, { INT(0), U64(1), U8(2) }, { RET, INT(0), U64(1), U8(2) } },
	{ __NR_dup, 124, 125, 0, { INT(0) }, { RET } },
	{ __NR_dup2, 124, 125, 0, { INT(0) }, { RET } },
	{ __NR_dup3, 124, 125, 0, { INT(0) }, { RET } },
	{ __NR_pipe, 60, 61, 0, { EMPTY }, { RET, UMEMINT(0, 0), UMEMINT(0, 4), UMEMINO(0, 0) } },
	{ __NR_pipe2, 60, 61, 0, { EMPTY }, { RET, UMEMINT(0, 0), UMEMINT(0, 4), UMEMINO(0, 0) } },
	{ __NR_unlink, 300, 301, 0, { EMPTY }, { RET, STR(0) } },
	{ __NR_unlinkat, 302, 303, 0, { EMPTY }, { RET, INT(0), STR(1), U32(2) } },
	{ __NR_rename, 174, 175, 0, { EMPTY }, { RET, STR(0), STR(1) } },
	{ __NR_renameat, 176, 177, 0, { EMPTY }, { RET, INT(0), STR(1), INT(2), STR(3) } },
	{ __NR_renameat2, 318, 319, 0, { EMPTY },
	  { RET, INT(0), STR(1), INT(2), STR(3), U32(4) } },
	{ __NR_link, 308, 309, 0, { EMPTY }, { RET, STR(0), STR(1) } },
	{ __NR_linkat, 310, 311, 0, { EMPTY }, { RET, INT(0), STR(1), INT(2), STR(3), U32(4) } },
	{ __NR_symlink, 178, 179, 0, { EMPTY }, { RET, STR(0), STR(1) } },
	{ __NR_symlinkat, 180, 181, 0, { EMPTY }, { RET, STR(0), INT(1), STR(2) } },
	{ __NR_mkdir, 276, 277, 0, { U32(1) }, { RET, STR(0), U32(1) } },
	{ __NR_mkdirat, 304, 305, 0, { EMPTY }, { RET, INT(0), STR(1), U32(2) } },
	{ __NR_rmdir, 278, 279, 0, { EMPTY }, { RET, STR(0) } },
	{ __NR_chdir, 94, 95, 0, { EMPTY }, { RET, STR(0) } },
	{ __NR_fchdir, 96, 97, 0, { INT(0) }, { RET, INT(0) } },
	{ __NR_stat, 66, 67, 0, { EMPTY }, { RET, STR(0) } },
	{ __NR_lstat, 68, 69, 0, { EMPTY }, { RET, STR(0) } },
	{ __NR_fstat, 70, 71, 0, { INT(0) }, { RET, INT(0) } },
	{ __NR_newfstatat, 418, 419, 0, { EMPTY }, { RET, INT(0), STR(1), U32(3) } },
	{ __NR_access, 264, 265, 0, { U32(1) }, { RET, STR(0), U32(1) } },
	{ __NR_fchmodat, 312, 313, 0, { EMPTY }, { RET, INT(0), STR(1), U32(2) } },
	{ __NR_chmod, 314, 315, 0, { EMPTY }, { RET, STR(0), U32(1) } },
	{ __NR_fchmod, 316, 317, 0, { EMPTY }, { RET, INT(0), U32(1) } },
	{ __NR_chown, 378, 379, 0, { EMPTY }, { RET, STR(0), U32(1), U32(2) } },
	{ __NR_lchown, 380, 381, 0, { EMPTY }, { RET, STR(0), U32(1), U32(2) } },
	{ __NR_fchown, 382, 383, 0, { EMPTY }, { RET, INT(0), U32(1), U32(2) } },
	{ __NR_fchownat, 384, 385, 0, { EMPTY },
	  { RET, INT(0), STR(1), U32(2), U32(3), U32(4) } },
	{ __NR_socket, 18, 19, 0, { U32(0), U32(1), U32(2) },
	  { RET, U32(0), U32(1), U32(2), MASKED(1, SOCK_FLAGS) } },
	{ __NR_connect, 22, 23, 0, { INT(0), SOCKADDR(1, 2) },
	  { RET, TUPLE(0, 1 << 8), INT(0), SOCKADDR(1, 2) } },
	{ __NR_accept, 246, 247, 0, { EMPTY }, { RET, TUPLE(PA_RET, PT_INBOUND), ACCEPT_QUEUE } },
	{ __NR_accept4, 248, 249, 0, { INT32(3) },
	  { RET, TUPLE(PA_RET, PT_INBOUND), ACCEPT_QUEUE } },
	{ __NR_bind, 20, 21, 0, { INT(0) }, { RET, SOCKADDR(1, 2), INT(0) } },
	{ __NR_listen, 24, 25, 0, { INT(0), INT32(1) }, { RET, INT(0), INT32(1) } },
	{ __NR_sendto, 30, 31, 0, { INT(0), U32(2), TUPLE(0, 4 << 8) },
	  { RET, BUF(1, 2), INT(0), U32(2), TUPLE(0, 4 << 8) } },
	{ __NR_recvfrom, 34, 35, 0, { INT(0), U32(2) },
	  { RET, BUF(1, PL_RET), TUPLE(0, PT_INBOUND | 4 << 8), INT(0), U32(2) } },
	{ __NR_sendmsg, 48, 49, 0, { INT(0), MSGSZ(1), TUPLE(0, PT_MSGNAME) },
	  { RET, MSG(1, PL_ALL), INT(0), MSGSZ(1), TUPLE(0, PT_MSGNAME) } },
	{ __NR_recvmsg, 52, 53, 0, { INT(0) },
	  { RET, MSGSZ(1), MSG(1, PL_RET), TUPLE(0, PT_INBOUND | PT_MSGNAME), MSGCTL(1), INT(0) } },
	{ __NR_sendmmsg, 50, 51, PSC_MMSG, { EMPTY },
	  { RET, INT(0), MSGSZ(1), MSG(1, PL_RET), TUPLE(0, PT_MSGNAME) } },
	{ __NR_recvmmsg, 54, 55, PSC_MMSG, { EMPTY },
	  { RET, INT(0), MSGSZ(1), MSG(1, PL_RET), TUPLE(0, PT_INBOUND | PT_MSGNAME), MSGCTL(1) } },
	{ __NR_shutdown, 36, 37, 0, { INT(0), U8(1) }, { RET, INT(0), U8(1) } },
	{ __NR_clone, 222, 223, 0, { EMPTY }, { CLONE_HEAD, MASKED(0, ~CSIGNAL), CLONE_TAIL } },
	{ __NR_clone3, 334, 335, 0, { EMPTY }, { CLONE_HEAD, UMEM64(0, 0, 4), CLONE_TAIL } },
	{ __NR_fork, 224, 225, 0, { EMPTY }, { CLONE_HEAD, CONST(0, 4), CLONE_TAIL } },
	{ __NR_vfork, 226, 227, 0, { EMPTY }, { CLONE_HEAD, CONST(VFORK_FLAGS, 4), CLONE_TAIL } },
	{ __NR_execve, 292, 293, PSC_SAVE_PATH, { STR(0) }, { EXEC_BODY, PROC(PF_FILENAME, 0) } },
	{ __NR_execveat, 330, 331, PSC_SAVE_PATH | PSC_PATH_ARG1, { INT(0), STR(1), U32(4) },
	  { EXEC_BODY } },
	{ __NR_kill, 128, 129, 0, { INT(0), U8(1) }, { RET, INT(0), U8(1) } },
	{ __NR_tgkill, 132, 133, 0, { INT(0), INT(1), U8(2) }, { RET, INT(0), INT(1), U8(2) } },
	{ __NR_tkill, 130, 131, 0, { INT(0), U8(1) }, { RET, INT(0), U8(1) } },
	{ __NR_mmap, 160, 161, 0, { U64(0), U64(1), U32(2), U32(3), INT(4), U64(5) },
	  { RET, VM(0), VM(1), VM(2), U64(0), U64(1), U32(2), U32(3), INT(4), U64(5) } },
	{ __NR_munmap, 164, 165, 0, { U64(0), U64(1) },
	  { RET, VM(0), VM(1), VM(2), U64(0), U64(1) } },
	{ __NR_mprotect, 328, 329, 0, { U64(0), U64(1), U32(2) },
	  { RET, U64(0), U64(1), U32(2) } },
	{ __NR_brk, 158, 159, 0, { U64(0) }, { RET, VM(0), VM(1), VM(2), U64(0) } },
	{ __NR_ioctl, 170, 171, 0, { INT(0), U64(1), U64(2) }, { RET, INT(0), U64(1), U64(2) } },
	{ __NR_fcntl, 150, 151, 0, { INT(0), FCNTL_CMD(1) },
	  { RET, INT(0), FCNTL_CMD(1), U64(2) } },
	{ __NR_poll, 80, 81, 0, { FDLIST(0, 0), INT(2) }, { RET, FDLIST(0, 1), INT(2) } },
	{ __NR_ppoll, 254, 255, 0, { FDLIST(0, 0), TIMESPEC(2), SIGSET(3) },
	  { RET, FDLIST(0, 1), TIMESPEC(2), SIGSET(3) } },
	{ __NR_select, 82, 83, 0, { EMPTY }, { RET } },
	{ __NR_epoll_wait, 78, 79, 0, { INT(2) }, { RET, INT(2) } },
	{ __NR_futex, 64, 65, 0, { U64(0), U16(1), U64(2) }, { RET, U64(0), U16(1), U64(2) } },
	{ __NR_nanosleep, 134, 135, 0, { TIMESPEC(0) }, { RET, TIMESPEC(0) } },
	{ __NR_setuid, 198, 199, 0, { U32(0) }, { RET, U32(0) } },
	{ __NR_setgid, 200, 201, 0, { U32(0) }, { RET, U32(0) } },
	{ __NR_setresuid, 192, 193, 0, { U32(0), U32(1), U32(2) },
	  { RET, U32(0), U32(1), U32(2) } },
	{ __NR_setresgid, 194, 195, 0, { U32(0), U32(1), U32(2) },
	  { RET, U32(0), U32(1), U32(2) } },
	{ __NR_setreuid, 426, 427, 0, { EMPTY }, { RET, U32(0), U32(1) } },
	{ __NR_setregid, 428, 429, 0, { EMPTY }, { RET, U32(0), U32(1) } },
	{ __NR_ptrace, 168, 169, 0, { U16(0), INT(1) },
	  { RET, DYN64(2), DYN64(3), U16(0), INT(1) } },
	{ __NR_mount, 256, 257, 0, { U32(3) }, { RET, STR(0), STR(1), STR(2), U32(3) } },
	{ __NR_umount2, 258, 259, 0, { U32(1) }, { RET, STR(0) } },
	/* procexit has one direction; both lists are that one. */
	{ PROBE_NR_PROCEXIT, 186, 186, 0, { PROCEXIT }, { PROCEXIT } },
};

/* Fixed wire size of a recipe's parameter, -1 if variable, 0 if unknown. */
static int recipe_size(const struct probe_param *p)
{
	switch (p->kind) {
	case PK_ARG:
	case PK_ARG_INT:
	case PK_ARG_MASK:
	case PK_FCNTL_CMD:
	case PK_RET:
	case PK_CONST:
	case PK_FD_DEV:
	case PK_FD_INO:
	case PK_UMEM_U64:
	case PK_UMEM_INT:
	case PK_UMEM_INO:
	case PK_QUEUE:
	case PK_OPEN_FLAGS:
		return p->size;
	case PK_PROC:
		return p->size ? p->size : -1;
	case PK_IOV_SIZE:
	case PK_MSG_SIZE:
	case PK_SIGSET:
	case PK_VM:
		return 4;
	case PK_TIMESPEC:
		return 8;
	case PK_SC:
	case PK_NATIVE:
		return 2;
	default:
		return -1;
	}
}

/* Parameters up to the last one with a source. */
static int count_params(const struct probe_param *p)
{
	int n = NP;

	while (n > 0 && p[n - 1].kind == PK_NONE)
		n--;
	return n;
}

/* Checks one direction of a recipe against the schema. */
static int check_params(uint16_t type, const struct probe_param *p, struct diag *d)
{
	const struct ev_info *ei = ev_info_get(type);
	int i, want, n = count_params(p);

	if (!ei || ei->nparams != n)
		return diag_set(d, -EINVAL, 0, "probe recipe for event %u has %d parameters, not %u",
				type, n, ei ? ei->nparams : 0);
	for (i = 0; i < n; i++) {
		int got = recipe_size(&p[i]);

		want = ev_pt_table[ei->params[i].type].size;
		if (p[i].kind != PK_NONE && got != want && !(want < 0 && p[i].kind == PK_DYN))
			return diag_set(d, -EINVAL, 0,
					"probe recipe for %s (event %u): parameter %s is %d bytes, not %d",
					ei->name, type, ei->params[i].name, got, want);
	}
	return 0;
}

/*
 * sysdig 0.29.3 crashes on ppm_sc codes it does not know; as its drivers
 * did, newer syscalls get code 0 (unknown).
 */
static uint16_t ppm_sc_of(const char *name)
{
	char key[64] = "PPM_SC_";
	uint64_t v;
	size_t i, n = strlen(key);

	for (i = 0; name[i] && n + 1 < sizeof(key); i++)
		key[n++] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
	key[n] = 0;
	if (!ev_tok_value(EV_TT_ppm_sc, key, &v) || v >= EV_SC_COMPAT_MAX || !ev_sc_compat[v].name)
		return 0;
	return (uint16_t)v;
}

int probe_table_fill(struct probe_sc *tab, unsigned int n, struct diag *d)
{
	const struct native_syscall *ns;
	size_t i;
	int rc;

	memset(tab, 0, sizeof(*tab) * n);
	for (ns = native_syscalls; ns->name; ns++) {
		struct probe_sc *sc;

		if (ns->nr < 0 || (unsigned int)ns->nr >= n || ns->nr >= PROBE_NR_PROCEXIT)
			continue;
		sc = &tab[ns->nr];
		sc->enter_type = 0;
		sc->exit_type = 1;
		sc->ppm_sc = ppm_sc_of(ns->name);
		sc->nenter = sc->nexit = 2;
		sc->enter[0] = sc->exit[0] = (struct probe_param){ .kind = PK_SC };
		sc->enter[1] = sc->exit[1] = (struct probe_param){ .kind = PK_NATIVE };
		sc->flags = PSC_DEFINED;
	}
	for (i = 0; i < sizeof(recipes) / sizeof(recipes[0]); i++) {
		const struct recipe *r = &recipes[i];
		struct probe_sc *sc;

		if ((unsigned int)r->nr >= n)
			continue;
		rc = check_params(r->enter_type, r->enter, d);
		if (!rc)
			rc = check_params(r->exit_type, r->exit, d);
		if (rc)
			return rc;
		sc = &tab[r->nr];
		sc->enter_type = r->enter_type;
		sc->exit_type = r->exit_type;
		sc->nenter = (uint8_t)count_params(r->enter);
		sc->nexit = (uint8_t)count_params(r->exit);
		sc->flags = r->flags | PSC_DEFINED;
		memcpy(sc->enter, r->enter, sizeof(sc->enter));
		memcpy(sc->exit, r->exit, sizeof(sc->exit));
	}
	return 0;
}

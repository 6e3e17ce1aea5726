// SPDX-License-Identifier: GPL-2.0-only
/*
 * Unit tests of probe_flags_fixup(): events built in memory with the
 * kernel's flag values, converted, then rendered through the schema as
 * `syshark -r` shows them. The rendered value must also be exactly the OR
 * of the PPM values of the names shown, so no stray bit hides.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <linux/openat2.h>
#include <linux/sched.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dis_args.h"
#include "event.h"
#include "harness.h"
#include "probe_flags.h"
#include "sbuf.h"
#include "schema.h"

struct pset {
	const char *name;
	const void *val;
	uint32_t len;
};

static void put_le(uint8_t *p, uint64_t v, unsigned int size)
{
	unsigned int i;

	for (i = 0; i < size; i++, v >>= 8)
		p[i] = (uint8_t)v;
}

static uint64_t get_le(const uint8_t *p, unsigned int size)
{
	uint64_t v = 0;

	while (size--)
		v = v << 8 | p[size];
	return v;
}

/*
 * A v2 event of type with every parameter: those in sets as given, the
 * others zero (fixed size) or empty. Returns its length.
 */
static uint32_t ev_make(uint8_t *buf, uint16_t type, const struct pset *sets, unsigned int nsets)
{
	const struct ev_info *info = ev_info_get(type);
	uint32_t i, j, n = info->nparams, off = EV_HDR_V2_LEN + 2 * n, l;
	const void *val;
	int size;

	for (i = 0; i < n; i++) {
		size = ev_pt_table[info->params[i].type].size;
		l = size > 0 ? (uint32_t)size : 0;
		val = NULL;
		for (j = 0; j < nsets; j++) {
			if (strcmp(sets[j].name, info->params[i].name) == 0) {
				val = sets[j].val;
				l = sets[j].len;
			}
		}
		put_le(buf + EV_HDR_V2_LEN + 2 * i, l, 2);
		if (val)
			memcpy(buf + off, val, l);
		else
			memset(buf + off, 0, l);
		off += l;
	}
	put_le(buf, 1, 8);
	put_le(buf + 8, 100, 8);
	put_le(buf + 16, off, 4);
	put_le(buf + 20, type, 2);
	put_le(buf + 22, n, 4);
	return off;
}

/* Runs the fixup on an exact-size copy (so the sanitizers see any overrun). */
static int fixup_copy(uint8_t *ev, uint32_t len)
{
	uint8_t *c = malloc(len ? len : 1);
	int err;

	memcpy(c, ev, len);
	err = probe_flags_fixup(c, len);
	memcpy(ev, c, len);
	free(c);
	return err;
}

/*
 * Builds an event of type whose parameter param holds kernel value k, runs
 * the fixup and decodes the result into v (over buf). Returns the index of
 * param, or -1.
 */
static int fix_one(uint8_t *buf, struct ev_view *v, uint16_t type, const char *param, uint64_t k)
{
	const struct ev_info *info = ev_info_get(type);
	int idx = ev_param_find(type, param);
	uint8_t val[8];
	struct pset s = { param, val, 0 };
	uint32_t len;

	if (idx < 0)
		return -1;
	s.len = (uint32_t)ev_pt_table[info->params[idx].type].size;
	put_le(val, k, s.len);
	len = ev_make(buf, type, &s, 1);
	CHECK(fixup_copy(buf, len) == 0);
	return ev_view_decode(v, buf, len, false, NULL) == 0 ? idx : -1;
}

static uint64_t param_value(const struct ev_view *v, int idx)
{
	const uint8_t *p;
	int64_t n = ev_param(v, (unsigned int)idx, &p);

	return n > 0 && n <= 8 ? get_le(p, (unsigned int)n) : UINT64_MAX;
}

/* The OR of the PPM values of "A|B|C" in table tt; UINT64_MAX if one is unknown. */
static uint64_t names_value(int tt, const char *names)
{
	char buf[512], *save = NULL, *tok;
	uint64_t r = 0, x;

	snprintf(buf, sizeof(buf), "%s", names);
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		if (!ev_tok_value(tt, tok, &x))
			return UINT64_MAX;
		r |= x;
	}
	return r;
}

struct ncase {
	uint16_t type;
	const char *param;
	uint64_t k; /* the kernel's value */
	const char *names; /* the PPM value as syshark renders it */
};

static void check_names(const struct ncase *c)
{
	static const struct dis_ctx ctx = { 0 };
	const struct ev_info *info = ev_info_get(c->type);
	struct sbuf val, res;
	uint8_t buf[1024];
	struct ev_view v;
	uint64_t got, want;
	int idx = fix_one(buf, &v, c->type, c->param, c->k);

	CHECK(idx >= 0);
	if (idx < 0)
		return;
	sbuf_init(&val);
	sbuf_init(&res);
	dis_param_render(&val, &res, &v, info->params, (unsigned int)idx, &ctx);
	got = param_value(&v, idx);
	want = names_value(info->params[idx].table, c->names);
	if (strcmp(res.s, c->names) != 0 || got != want)
		fprintf(stderr, "%s %s: got %#llx (%s)\n", info->name, c->param,
			(unsigned long long)got, res.s);
	CHECK_STR(res.s, c->names);
	CHECK(got == want);
	sbuf_fini(&val);
	sbuf_fini(&res);
}

struct vcase {
	uint16_t type;
	const char *param;
	uint64_t k;
	uint64_t want; /* the PPM value, for values without a name */
};

static void check_value(const struct vcase *c)
{
	uint8_t buf[1024];
	struct ev_view v;
	int idx = fix_one(buf, &v, c->type, c->param, c->k);
	uint64_t got = idx >= 0 ? param_value(&v, idx) : UINT64_MAX;

	if (got != c->want)
		fprintf(stderr, "%u %s: got %#llx, want %#llx\n", c->type, c->param,
			(unsigned long long)got, (unsigned long long)c->want);
	CHECK(got == c->want);
}

/* The syscalls the probe covers first, one or more values each. */
static const struct ncase main_cases[] = {
	{ EV_SYSCALL_OPENAT_2_X, "flags", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	  "O_TRUNC|O_CREAT|O_WRONLY|O_CLOEXEC" },
	{ EV_SYSCALL_OPENAT_2_X, "flags", O_RDWR | O_APPEND | PROBE_FLAGS_O_F_CREATED,
	  "O_APPEND|O_RDWR|O_F_CREATED" },
	{ EV_SYSCALL_OPENAT_2_X, "flags", O_RDONLY | O_NOFOLLOW | O_NOATIME, "O_RDONLY" },
	{ EV_SYSCALL_OPENAT_2_E, "flags", O_WRONLY | O_EXCL | O_CREAT, "O_EXCL|O_CREAT|O_WRONLY" },
	/* Falco tests the two-bit O_TMPFILE with &: O_DIRECTORY alone shows it too. */
	{ EV_SYSCALL_OPEN_X, "flags", O_RDONLY | O_DIRECTORY | O_NONBLOCK | O_CLOEXEC,
	  "O_DIRECTORY|O_NONBLOCK|O_RDONLY|O_CLOEXEC|O_TMPFILE" },
	{ EV_SYSCALL_OPEN_X, "flags", O_WRONLY | O_LARGEFILE | 0100000 | O_DIRECT,
	  "O_LARGEFILE|O_DIRECT|O_WRONLY" },
	{ EV_SYSCALL_OPEN_X, "flags", O_RDWR | O_SYNC | PROBE_FLAGS_FD_UPPER_LAYER,
	  "O_SYNC|O_DSYNC|O_RDWR|FD_UPPER_LAYER" },
	{ EV_SYSCALL_OPENAT2_X, "flags", O_RDWR | O_TMPFILE, "O_DIRECTORY|O_RDWR|O_TMPFILE" },
	{ EV_SYSCALL_OPENAT2_X, "resolve", RESOLVE_BENEATH | RESOLVE_NO_XDEV | RESOLVE_CACHED,
	  "RESOLVE_BENEATH|RESOLVE_NO_XDEV|RESOLVE_CACHED" },
	{ EV_SYSCALL_OPENAT2_X, "resolve", RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS,
	  "RESOLVE_NO_MAGICLINKS|RESOLVE_NO_SYMLINKS" },
	{ EV_SYSCALL_DUP3_X, "flags", O_CLOEXEC, "O_CLOEXEC" },
	{ EV_SYSCALL_DUP3_X, "flags", 0, "O_NONE" },
	{ EV_SYSCALL_PIPE2_X, "flags", O_NONBLOCK | O_CLOEXEC | O_DIRECT,
	  "O_DIRECT|O_NONBLOCK|O_CLOEXEC" },
	{ EV_SYSCALL_LSEEK_X, "whence", SEEK_END, "SEEK_END" },
	{ EV_SYSCALL_LSEEK_X, "whence", SEEK_CUR, "SEEK_CUR" },
	{ EV_SYSCALL_LSEEK_X, "whence", SEEK_HOLE, "SEEK_SET" },
	{ EV_SYSCALL_LLSEEK_X, "whence", SEEK_END, "SEEK_END" },
	{ EV_SYSCALL_UNLINKAT_2_X, "flags", AT_REMOVEDIR, "AT_REMOVEDIR" },
	{ EV_SYSCALL_RENAMEAT2_X, "flags", RENAME_NOREPLACE | RENAME_WHITEOUT,
	  "RENAME_NOREPLACE|RENAME_WHITEOUT" },
	{ EV_SYSCALL_ACCESS_X, "mode", R_OK | W_OK, "R_OK|W_OK" },
	{ EV_SYSCALL_ACCESS_X, "mode", X_OK, "X_OK" },
	{ EV_SYSCALL_ACCESS_X, "mode", F_OK, "F_OK" },
	{ EV_SYSCALL_NEWFSTATAT_X, "flags", AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH,
	  "AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW" },
	{ EV_SYSCALL_NEWFSTATAT_X, "flags", AT_NO_AUTOMOUNT, "AT_NO_AUTOMOUNT" },
	{ EV_SOCKET_SOCKET_X, "domain", AF_INET6, "AF_INET6" },
	{ EV_SOCKET_SOCKET_X, "domain", AF_NETLINK, "AF_ROUTE" },
	{ EV_SOCKET_SOCKET_X, "domain", AF_UNIX, "AF_LOCAL" },
	{ EV_SOCKET_SOCKET_X, "flags", SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
	  "O_NONBLOCK|O_CLOEXEC" },
	{ EV_SOCKET_SOCKETPAIR_X, "domain", AF_UNIX, "AF_LOCAL" },
	{ EV_SOCKET_SHUTDOWN_X, "how", SHUT_WR, "SHUT_WR" },
	{ EV_SOCKET_SHUTDOWN_X, "how", SHUT_RDWR, "SHUT_RDWR" },
	{ EV_SYSCALL_CLONE_20_X, "flags", CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_THREAD,
	  "CLONE_FILES|CLONE_FS|CLONE_THREAD|CLONE_VM" },
	{ EV_SYSCALL_CLONE_20_X, "flags",
	  CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
		  CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
	  "CLONE_FILES|CLONE_FS|CLONE_PARENT_SETTID|CLONE_SIGHAND|CLONE_SYSVSEM|CLONE_THREAD|"
	  "CLONE_VM|CLONE_CHILD_CLEARTID|CLONE_SETTLS" },
	{ EV_SYSCALL_CLONE_20_X, "flags", CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_PIDFD,
	  "CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID" },
	{ EV_SYSCALL_CLONE3_X, "flags",
	  CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUSER | CLONE_NEWCGROUP | CLONE_NEWNET |
		  CLONE_NEWIPC | CLONE_NEWUTS | PROBE_FLAGS_CL_CHILD_IN_PIDNS,
	  "CLONE_NEWIPC|CLONE_NEWNET|CLONE_NEWNS|CLONE_NEWPID|CLONE_NEWUTS|CLONE_NEWUSER|"
	  "CLONE_NEWCGROUP|CLONE_CHILD_IN_PIDNS" },
	{ EV_SYSCALL_CLONE3_X, "flags", CLONE_IO | CLONE_PTRACE | CLONE_UNTRACED | CLONE_PARENT,
	  "CLONE_IO|CLONE_PARENT|CLONE_PTRACE|CLONE_UNTRACED" },
	{ EV_SYSCALL_FORK_20_X, "flags", 0, "" },
	{ EV_SYSCALL_VFORK_20_X, "flags", CLONE_VM | CLONE_VFORK, "CLONE_VM|CLONE_VFORK" },
	{ EV_SYSCALL_SETNS_X, "nstype", CLONE_NEWNET, "CLONE_NEWNET" },
	{ EV_SYSCALL_UNSHARE_X, "flags", CLONE_NEWNS | CLONE_NEWUTS, "CLONE_NEWNS|CLONE_NEWUTS" },
	{ EV_SYSCALL_MMAP_X, "prot", PROT_READ | PROT_WRITE, "PROT_READ|PROT_WRITE" },
	{ EV_SYSCALL_MMAP_X, "prot", PROT_NONE, "PROT_NONE" },
	{ EV_SYSCALL_MMAP_X, "flags", MAP_PRIVATE | MAP_ANONYMOUS, "MAP_PRIVATE|MAP_ANONYMOUS" },
	{ EV_SYSCALL_MMAP_X, "flags", MAP_SHARED | MAP_FIXED | MAP_POPULATE | MAP_LOCKED,
	  "MAP_SHARED|MAP_FIXED|MAP_POPULATE|MAP_LOCKED" },
	{ EV_SYSCALL_MMAP_X, "flags",
	  MAP_PRIVATE | MAP_32BIT | MAP_NORESERVE | MAP_GROWSDOWN | MAP_STACK | MAP_HUGETLB,
	  "MAP_PRIVATE|MAP_32BIT|MAP_NORESERVE|MAP_GROWSDOWN" },
	{ EV_SYSCALL_MMAP_X, "flags", MAP_PRIVATE | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_NONBLOCK,
	  "MAP_PRIVATE|MAP_NONBLOCK|MAP_DENYWRITE|MAP_EXECUTABLE" },
	{ EV_SYSCALL_MPROTECT_X, "prot", PROT_READ | PROT_EXEC | PROT_GROWSDOWN,
	  "PROT_READ|PROT_EXEC|PROT_GROWSDOWN" },
	{ EV_SYSCALL_FCNTL_X, "cmd", F_SETFD, "F_SETFD" },
	{ EV_SYSCALL_FCNTL_X, "cmd", F_DUPFD, "F_DUPFD" },
	{ EV_SYSCALL_FCNTL_X, "cmd", F_GETLK, "F_GETLK" },
	{ EV_SYSCALL_FCNTL_X, "cmd", F_OFD_SETLKW, "F_OFD_SETLKW" },
	{ EV_SYSCALL_FCNTL_X, "cmd", PROBE_FLAGS_FCNTL_LINUX + F_DUPFD_CLOEXEC - F_SETLEASE,
	  "F_DUPFD_CLOEXEC" },
	{ EV_SYSCALL_FCNTL_X, "cmd", PROBE_FLAGS_FCNTL_LINUX + F_SETLEASE - F_SETLEASE,
	  "F_SETLEASE" },
	{ EV_SYSCALL_FCNTL_X, "cmd", PROBE_FLAGS_FCNTL_LINUX + F_GETPIPE_SZ - F_SETLEASE,
	  "F_GETPIPE_SZ" },
	{ EV_SYSCALL_FCNTL_X, "cmd", PROBE_FLAGS_FCNTL_LINUX + 5, "F_CANCELLK" },
	{ EV_SYSCALL_FCNTL_X, "cmd", PROBE_FLAGS_FCNTL_LINUX + F_ADD_SEALS - F_SETLEASE,
	  "UNKNOWN" },
	{ EV_SYSCALL_FUTEX_X, "op", FUTEX_WAIT_PRIVATE, "FUTEX_PRIVATE_FLAG" },
	{ EV_SYSCALL_FUTEX_X, "op", FUTEX_WAKE_PRIVATE, "FUTEX_PRIVATE_FLAG|FUTEX_WAKE" },
	{ EV_SYSCALL_FUTEX_X, "op", FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME,
	  "FUTEX_CLOCK_REALTIME|FUTEX_WAIT_BITSET" },
	{ EV_SYSCALL_FUTEX_X, "op", FUTEX_CMP_REQUEUE_PI_PRIVATE,
	  "FUTEX_PRIVATE_FLAG|FUTEX_CMP_REQUEUE_PI" },
	{ EV_SYSCALL_PTRACE_X, "request", PTRACE_ATTACH, "PTRACE_ATTACH" },
	{ EV_SYSCALL_PTRACE_X, "request", PTRACE_TRACEME, "PTRACE_TRACEME" },
	{ EV_SYSCALL_PTRACE_X, "request", PTRACE_SEIZE, "PTRACE_SEIZE" },
	{ EV_SYSCALL_PTRACE_X, "request", PTRACE_PEEKUSER, "PTRACE_PEEKUSR" },
	{ EV_SYSCALL_PTRACE_X, "request", PTRACE_ARCH_PRCTL, "PTRACE_ARCH_PRCTL" },
	{ EV_SYSCALL_PTRACE_X, "request", PTRACE_SYSEMU_SINGLESTEP, "PTRACE_SYSEMU_SINGLESTEP" },
	{ EV_SYSCALL_PTRACE_X, "request", 21, "PTRACE_OLDSETOPTIONS" },
	{ EV_SYSCALL_PTRACE_X, "request", PTRACE_GET_SYSCALL_INFO, "PTRACE_UNKNOWN" },
	{ EV_SYSCALL_MOUNT_X, "flags", MS_MGC_VAL | MS_RDONLY | MS_NOSUID | MS_BIND,
	  "RDONLY|NOSUID|BIND" },
	{ EV_SYSCALL_MOUNT_X, "flags", MS_REMOUNT | MS_REC | MS_PRIVATE | MS_RELATIME,
	  "REMOUNT|REC|PRIVATE|RELATIME" },
	{ EV_SYSCALL_UMOUNT2_X, "flags", MNT_DETACH | UMOUNT_NOFOLLOW, "DETACH|NOFOLLOW" },
	{ EV_SYSCALL_UMOUNT2_X, "flags", MNT_FORCE | MNT_EXPIRE, "FORCE|EXPIRE" },
	{ EV_SYSCALL_CHMOD_X, "mode", 04755,
	  "S_IXOTH|S_IROTH|S_IXGRP|S_IRGRP|S_IXUSR|S_IWUSR|S_IRUSR|S_ISUID" },
	{ EV_SYSCALL_FCHMODAT_X, "mode", S_IFREG | 01640, "S_IRGRP|S_IWUSR|S_IRUSR|S_ISVTX" },
	{ EV_SYSCALL_MKNOD_X, "mode", S_IFIFO | 0600, "S_IWUSR|S_IRUSR|S_IFIFO" },
	{ EV_SYSCALL_MKNODAT_X, "mode", 0644, "S_IROTH|S_IRGRP|S_IWUSR|S_IRUSR|S_IFREG" },
	{ EV_SYSCALL_MKNODAT_X, "mode", S_IFCHR | 0666,
	  "S_IWOTH|S_IROTH|S_IWGRP|S_IRGRP|S_IWUSR|S_IRUSR|S_IFCHR" },
};

/* The other tables with a conversion. */
static const struct ncase more_cases[] = {
	{ EV_SYSCALL_GETRLIMIT_X, "resource", RLIMIT_NOFILE, "RLIMIT_NOFILE" },
	{ EV_SYSCALL_SETRLIMIT_X, "resource", RLIMIT_AS, "RLIMIT_AS" },
	{ EV_SYSCALL_PRLIMIT_X, "resource", RLIMIT_RTTIME, "RLIMIT_RTTIME" },
	{ EV_SYSCALL_FLOCK_X, "operation", LOCK_EX | LOCK_NB, "LOCK_EX|LOCK_NB" },
	{ EV_SYSCALL_SPLICE_X, "flags", SPLICE_F_MOVE | SPLICE_F_MORE,
	  "SPLICE_F_MOVE|SPLICE_F_MORE" },
	{ EV_SYSCALL_LINKAT_2_X, "flags", AT_SYMLINK_FOLLOW | AT_EMPTY_PATH,
	  "AT_SYMLINK_FOLLOW|AT_EMPTY_PATH" },
	{ EV_SYSCALL_FCHOWNAT_X, "flags", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, "AT_EMPTY_PATH" },
	{ EV_SYSCALL_EXECVEAT_E, "flags", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW,
	  "AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW" },
	{ EV_SYSCALL_MEMFD_CREATE_X, "flags", MFD_CLOEXEC | MFD_ALLOW_SEALING,
	  "MFD_CLOEXEC|MFD_ALLOW_SEALING" },
	{ EV_SYSCALL_PIDFD_OPEN_X, "flags", O_NONBLOCK, "PIDFD_NONBLOCK" },
	{ EV_SYSCALL_MLOCK2_X, "flags", MLOCK_ONFAULT, "MLOCK_ONFAULT" },
	{ EV_SYSCALL_MLOCKALL_X, "flags", MCL_CURRENT | MCL_FUTURE, "MCL_CURRENT|MCL_FUTURE" },
	{ EV_SYSCALL_DELETE_MODULE_X, "flags", O_NONBLOCK | O_TRUNC, "O_NONBLOCK|O_TRUNC" },
};

/* Values that have no name, and parameters without a table. */
static const struct vcase value_cases[] = {
	{ EV_SYSCALL_PIPE2_X, "flags", 0xffffffff, 0 }, /* a negative int: 0, as Falco */
	{ EV_SOCKET_SHUTDOWN_X, "how", 7, 0xff }, /* SHUT_UNKNOWN, cut to u8 */
	{ EV_SOCKET_SOCKET_X, "domain", AF_VSOCK, 0 },
	{ EV_SOCKET_SOCKET_X, "domain", 0x100 | AF_INET, 2 },
	{ EV_SOCKET_ACCEPT4_6_X, "flags", SOCK_CLOEXEC | SOCK_NONBLOCK, 0x1040 },
	{ EV_SYSCALL_FCNTL_X, "cmd", 0x7f, 0 },
	{ EV_SYSCALL_MKNOD_X, "mode", S_IFDIR | 0700, 0x1c0 },
	/* Rendered by table order as S_IFREG and S_IFCHR|S_IFBLK, like sysdig. */
	{ EV_SYSCALL_MKNOD_X, "mode", S_IFSOCK | S_ISGID, 0xc400 },
	{ EV_SYSCALL_MKNOD_X, "mode", S_IFBLK, 0x6000 },
	{ EV_SYSCALL_MOUNT_X, "flags", MS_NOSYMFOLLOW | MS_SILENT, MS_NOSYMFOLLOW | MS_SILENT },
	/* Left as written: no table, or values the probe computes. */
	{ EV_SYSCALL_KILL_X, "sig", SIGKILL, SIGKILL },
	{ EV_SYSCALL_MKDIR_2_X, "mode", 0755, 0755 },
	{ EV_SYSCALL_CREAT_X, "creat_flags", 1, 1 },
	{ EV_SYSCALL_EXECVEAT_X, "flags", 5, 5 },
	{ EV_SYSCALL_EVENTFD2_X, "flags", 0x1040, 0x1040 },
	{ EV_SYSCALL_USERFAULTFD_X, "flags", O_CLOEXEC, O_CLOEXEC },
	{ EV_SYSCALL_PRCTL_X, "option", 15, 15 },
	{ EV_SOCKET_SETSOCKOPT_X, "level", 1, 1 },
};

/* The u16 at offset off of parameter idx. */
static uint64_t fdlist_u16(const struct ev_view *v, int idx, uint32_t off)
{
	const uint8_t *p;

	return ev_param(v, (unsigned int)idx, &p) >= off + 2 ? get_le(p + off, 2) : UINT64_MAX;
}

/* poll's FDLIST: the flags of every entry are converted. */
static void test_fdlist(void)
{
	static const struct dis_ctx ctx = { .has_thread = true };
	const struct ev_info *info = ev_info_get(EV_SYSCALL_POLL_X);
	uint8_t list[2 + 3 * 10], buf[256];
	struct pset s = { "fds", list, sizeof(list) };
	struct sbuf val, res;
	struct ev_view v;
	uint32_t len;
	uint64_t x;
	int idx = ev_param_find(EV_SYSCALL_POLL_X, "fds");

	put_le(list, 3, 2);
	put_le(list + 2, 3, 8);
	put_le(list + 10, POLLIN | POLLOUT, 2);
	put_le(list + 12, 4, 8);
	put_le(list + 20, POLLERR | POLLHUP | POLLRDHUP, 2);
	put_le(list + 22, (uint64_t)-1, 8);
	put_le(list + 30, POLLNVAL | POLLRDNORM | POLLRDBAND | POLLWRNORM | POLLWRBAND | POLLPRI,
	       2);
	len = ev_make(buf, EV_SYSCALL_POLL_X, &s, 1);
	CHECK(fixup_copy(buf, len) == 0);
	CHECK(ev_view_decode(&v, buf, len, false, NULL) == 0);
	sbuf_init(&val);
	sbuf_init(&res);
	dis_param_render(&val, &res, &v, info->params, (unsigned int)idx, &ctx);
	CHECK_STR(val.s, "3:?5 4:?38 18446744073709551615:?7c2");
	CHECK(fdlist_u16(&v, idx, 10) == names_value(EV_TT_poll_flags, "POLLIN|POLLOUT"));
	x = names_value(EV_TT_poll_flags, "POLLRDHUP|POLLERR|POLLHUP");
	CHECK(fdlist_u16(&v, idx, 20) == x);
	x = names_value(EV_TT_poll_flags,
			"POLLPRI|POLLNVAL|POLLRDNORM|POLLRDBAND|POLLWRNORM|POLLWRBAND");
	CHECK(fdlist_u16(&v, idx, 30) == x);
	sbuf_fini(&val);
	sbuf_fini(&res);

	/* ppoll too; an empty list is fine. */
	put_le(list, 0, 2);
	s.len = 2;
	len = ev_make(buf, EV_SYSCALL_PPOLL_X, &s, 1);
	CHECK(fixup_copy(buf, len) == 0);
}

/* Only the flag bytes change; the rest of the event is kept. */
static void test_in_place(void)
{
	static const char name[] = "/tmp/x";
	uint8_t fd[8], dirfd[8], flags[4], mode[4], buf[256], orig[256];
	const struct pset s[] = {
		{ "fd", fd, 8 },       { "dirfd", dirfd, 8 }, { "name", name, sizeof(name) },
		{ "flags", flags, 4 }, { "mode", mode, 4 },
	};
	const struct ev_info *info = ev_info_get(EV_SYSCALL_MMAP_X);
	const struct pset m[] = { { "prot", flags, 4 }, { "flags", mode, 4 } };
	struct ev_view v;
	const uint8_t *p;
	uint32_t len, i, diff = 0;

	put_le(fd, 5, 8);
	put_le(dirfd, (uint64_t)-100, 8);
	put_le(flags, O_WRONLY | O_CREAT, 4);
	put_le(mode, 0644, 4);
	len = ev_make(buf, EV_SYSCALL_OPENAT_2_X, s, 5);
	memcpy(orig, buf, len);
	CHECK(fixup_copy(buf, len) == 0);
	CHECK(ev_view_decode(&v, buf, len, false, NULL) == 0);
	CHECK(ev_param(&v, 3, &p) == 4 && get_le(p, 4) == 0x6);
	for (i = 0; i < len; i++)
		diff += buf[i] != orig[i];
	CHECK(diff == 1);
	CHECK(strcmp(ev_param_str(&v, 2), name) == 0);

	/* Two flag parameters in one event. */
	put_le(flags, PROT_READ | PROT_EXEC, 4);
	put_le(mode, MAP_PRIVATE | MAP_FIXED | MAP_DENYWRITE, 4);
	len = ev_make(buf, EV_SYSCALL_MMAP_X, m, 2);
	CHECK(fixup_copy(buf, len) == 0);
	CHECK(ev_view_decode(&v, buf, len, false, NULL) == 0);
	CHECK(ev_param_u32(&v, (unsigned int)ev_param_find(v.type, "prot"), &i) && i == 0x5);
	CHECK(ev_param_u32(&v, (unsigned int)ev_param_find(v.type, "flags"), &i) && i == 0x406);
	CHECK(info->nparams == v.nparams);
}

/* Malformed events give -EINVAL and stay as they were. */
static void test_malformed(void)
{
	uint8_t list[12], prot[4], flags[2], buf[256], orig[256];
	const struct pset bad_size[] = { { "prot", prot, 4 }, { "flags", flags, 2 } };
	struct pset fdl = { "fds", list, sizeof(list) };
	uint32_t len, cut;

	/* mmap with a 2-byte flags parameter: prot, before it, is not converted either. */
	put_le(prot, PROT_READ, 4);
	len = ev_make(buf, EV_SYSCALL_MMAP_X, bad_size, 2);
	memcpy(orig, buf, len);
	CHECK(fixup_copy(buf, len) == -EINVAL);
	CHECK(memcmp(buf, orig, len) == 0);

	/* An FDLIST whose count does not match its length, or too short. */
	put_le(list, 2, 2);
	len = ev_make(buf, EV_SYSCALL_POLL_X, &fdl, 1);
	memcpy(orig, buf, len);
	CHECK(fixup_copy(buf, len) == -EINVAL);
	CHECK(memcmp(buf, orig, len) == 0);
	fdl.len = 1;
	len = ev_make(buf, EV_SYSCALL_POLL_X, &fdl, 1);
	CHECK(fixup_copy(buf, len) == -EINVAL);

	/* A good event cut anywhere, and its header made to lie. */
	put_le(prot, O_RDWR, 4);
	len = ev_make(buf, EV_SYSCALL_OPENAT_2_X, bad_size, 0);
	for (cut = 0; cut < len; cut++)
		CHECK(fixup_copy(buf, cut) == -EINVAL);
	CHECK(fixup_copy(buf, len) == 0);
	memcpy(orig, buf, len);
	put_le(buf + 16, len + 1, 4); /* len beyond the buffer */
	CHECK(fixup_copy(buf, len) == -EINVAL);
	put_le(buf + 16, 20, 4); /* len below the header */
	CHECK(fixup_copy(buf, len) == -EINVAL);
	memcpy(buf, orig, len);
	put_le(buf + 22, 1000, 4); /* too many parameters */
	CHECK(fixup_copy(buf, len) == -EINVAL);
	memcpy(buf, orig, len);
	put_le(buf + EV_HDR_V2_LEN, 0xffff, 2); /* a parameter longer than the event */
	CHECK(fixup_copy(buf, len) == -EINVAL);

	/* Fewer parameters than the table, an empty flag, an unknown type: all fine. */
	memcpy(buf, orig, len);
	put_le(buf + 22, 2, 4);
	put_le(buf + 16, EV_HDR_V2_LEN + 2 * 2 + 16, 4);
	memmove(buf + EV_HDR_V2_LEN + 4, orig + EV_HDR_V2_LEN + 2 * 7, 16);
	CHECK(fixup_copy(buf, EV_HDR_V2_LEN + 4 + 16) == 0);
	fdl.len = 0;
	len = ev_make(buf, EV_SYSCALL_POLL_X, &fdl, 1);
	CHECK(fixup_copy(buf, len) == 0);
	len = ev_make(buf, EV_SYSCALL_OPENAT_2_X, bad_size, 0);
	put_le(buf + 20, 9999, 2);
	memcpy(orig, buf, len);
	CHECK(fixup_copy(buf, len) == 0);
	CHECK(memcmp(buf, orig, len) == 0);
}

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(main_cases) / sizeof(main_cases[0]); i++)
		check_names(&main_cases[i]);
	for (i = 0; i < sizeof(more_cases) / sizeof(more_cases[0]); i++)
		check_names(&more_cases[i]);
	for (i = 0; i < sizeof(value_cases) / sizeof(value_cases[0]); i++)
		check_value(&value_cases[i]);
	test_fdlist();
	test_in_place();
	test_malformed();
	return h_done();
}

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included by syscalls.bpf.c: the fields of the current task that the
 * clone, execve and process exit events carry (PK_PROC, PK_VM): its ids,
 * command line and environment, working directory, terminal, capabilities,
 * executable's inode and flags, and memory. They use the event builder
 * (struct build) and the path walks of paths.bpf.h, included before.
 */
#ifndef SYSHARK_PROC_BPF_H
#define SYSHARK_PROC_BPF_H

static __always_inline int pid_nr_level(struct pid *pid, bool virt)
{
	unsigned int level = virt ? BPF_CORE_READ(pid, level) : 0;
	struct upid up = {};

	bpf_probe_read_kernel(&up, sizeof(up),
			      (void *)pid + bpf_core_field_offset(struct pid, numbers) +
				      level * bpf_core_type_size(struct upid));
	return up.nr;
}

static __always_inline __u64 cap_of(const kernel_cap_t *cap)
{
	__u64 v = 0;

	bpf_probe_read_kernel(&v, sizeof(v), cap);
	return v;
}

/* The terminal of the task's session as a device number, as Falco's drivers encode it. */
static __always_inline __u32 tty_of(struct task_struct *t)
{
	struct tty_struct *tty = BPF_CORE_READ(t, signal, tty);
	__u32 major, minor;

	if (!tty)
		return 0;
	major = BPF_CORE_READ(tty, driver, major);
	minor = BPF_CORE_READ(tty, driver, minor_start) + BPF_CORE_READ(tty, index);
	return (minor & 0xff) | major << 8 | (minor & ~0xffu) << 12;
}

#define EXE_WRITABLE 1
#define EXE_UPPER_LAYER 2
#define EXE_FROM_MEMFD 4
#define EXE_LOWER_LAYER 8
#define OVERLAYFS_MAGIC 0x794c7630
#define SB_RDONLY_ 1
#define S_IMMUTABLE_ 8
#define CAP_DAC_OVERRIDE_ 1
#define MEMFD_PREFIX 0x3a64666d656dull /* "memfd:" as a little-endian word */

/*
 * Whether the task may write inode: its owner, a mode bit for its user,
 * group or others, or CAP_DAC_OVERRIDE; as Falco's drivers tell it
 * (supplementary groups and ACLs left out), never on a read-only file system.
 */
static __always_inline bool exe_writable(struct task_struct *t, struct inode *ino)
{
	__u32 mode = BPF_CORE_READ(ino, i_mode), uid = BPF_CORE_READ(ino, i_uid.val);
	__u32 fsuid = BPF_CORE_READ(t, cred, fsuid.val);

	if ((BPF_CORE_READ(ino, i_sb, s_flags) & SB_RDONLY_) ||
	    (BPF_CORE_READ(ino, i_flags) & S_IMMUTABLE_))
		return false;
	if (fsuid == uid)
		return true;
	if (BPF_CORE_READ(ino, i_gid.val) == BPF_CORE_READ(t, cred, fsgid.val))
		mode >>= 3;
	return (mode & 2) || (cap_of(&BPF_CORE_READ(t, cred)->cap_effective) >> CAP_DAC_OVERRIDE_ & 1);
}

/*
 * The overlayfs layer of the file at dentry d: 1 upper, 2 lower, 0 not on
 * overlayfs. The upper dentry follows the inode in overlayfs's own inode.
 */
static __always_inline __u32 ovl_layer(struct dentry *d)
{
	struct dentry *upper = NULL;

	if (!d || BPF_CORE_READ(d, d_sb, s_magic) != OVERLAYFS_MAGIC)
		return 0;
	bpf_probe_read_kernel(&upper, sizeof(upper),
			      (void *)BPF_CORE_READ(d, d_inode) + bpf_core_type_size(struct inode));
	return upper && BPF_CORE_READ(upper, d_inode, i_ino) ? 1 : 2;
}

/* execve's flags for the new executable exe. */
static __always_inline __u32 exe_flags(struct task_struct *t, struct file *exe)
{
	struct dentry *d = BPF_CORE_READ(exe, f_path.dentry);
	struct inode *ino = BPF_CORE_READ(exe, f_inode);
	__u32 v = 0, layer;
	__u64 name = 0;

	if (ino && exe_writable(t, ino))
		v |= EXE_WRITABLE;
	/* a memfd's file has no parent and a name that starts with memfd: */
	if (d) {
		bpf_probe_read_kernel(&name, 6, BPF_CORE_READ(d, d_name.name));
		if (BPF_CORE_READ(d, d_parent) == d && name == MEMFD_PREFIX)
			v |= EXE_FROM_MEMFD;
	}
	layer = ovl_layer(d);
	v |= layer == 1 ? EXE_UPPER_LAYER : layer == 2 ? EXE_LOWER_LAYER : 0;
	return v;
}

/* The argv (skip_first: without argv[0]) or environment area. */
static __always_inline __u32 put_area(struct build *b, __u8 *buf, __u64 start, __u64 end,
				      bool skip_first)
{
	__u32 n0 = 0;

	if (end <= start)
		return 0;
	if (skip_first) {
		n0 = put_ustr(b, buf, start);
		if (start + n0 >= end)
			return 0;
	}
	return put_ubytes(b, buf, 0, start + n0, end - start - n0, PROBE_ARGS_MAX);
}

__noinline __u32 put_proc(struct build *b, struct scratch *s, __u32 field, __u32 size)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	struct inode *ino;
	struct path_buf *pb;
	__u64 v = 0;
	__u8 *buf;

	if (!b || !s)
		return 0;
	buf = s->buf;

	switch (field) {
	case PF_EXE:
		return mm ? put_ustr(b, buf, BPF_CORE_READ(mm, arg_start)) : put_ustr(b, buf, 0);
	case PF_ARGS:
		return mm ? put_area(b, buf, BPF_CORE_READ(mm, arg_start),
				     BPF_CORE_READ(mm, arg_end), true) : 0;
	case PF_ENV:
		return mm ? put_area(b, buf, BPF_CORE_READ(mm, env_start),
				     BPF_CORE_READ(mm, env_end), false) : 0;
	case PF_COMM:
		return put_kstr(b, buf, &t->comm);
	case PF_CWD:
		return put_dpath(b, buf, BPF_CORE_READ(t, fs, pwd.mnt), BPF_CORE_READ(t, fs, pwd.dentry));
	case PF_CGROUPS:
		return put_cgroups(b, buf, t);
	case PF_FILENAME:
		pb = bpf_map_lookup_elem(&exec_paths, &(__u32){ (__u32)bpf_get_current_pid_tgid() });
		return pb ? put_kstr(b, buf, pb->s) : put_ustr(b, buf, 0);
	case PF_TID:
		v = BPF_CORE_READ(t, pid);
		break;
	case PF_PID:
		v = BPF_CORE_READ(t, tgid);
		break;
	case PF_PTID:
		v = BPF_CORE_READ(t, real_parent, tgid);
		break;
	case PF_VTID:
		v = pid_nr_level(BPF_CORE_READ(t, thread_pid), true);
		break;
	case PF_VPID:
		v = pid_nr_level(BPF_CORE_READ(t, group_leader, thread_pid), true);
		break;
	case PF_PGID:
	case PF_VPGID: {
		struct pid *pg = BPF_CORE_READ(t, signal, pids[PIDTYPE_PGID_]);

		v = pg ? pid_nr_level(pg, field == PF_VPGID) : 0;
		break;
	}
	case PF_FDLIMIT:
		v = BPF_CORE_READ(t, signal, rlim[RLIMIT_NOFILE_].rlim_cur);
		break;
	case PF_PGFT_MAJ:
		v = BPF_CORE_READ(t, maj_flt);
		break;
	case PF_PGFT_MIN:
		v = BPF_CORE_READ(t, min_flt);
		break;
	case PF_UID:
		v = BPF_CORE_READ(t, cred, euid.val);
		break;
	case PF_GID:
		v = BPF_CORE_READ(t, cred, egid.val);
		break;
	case PF_LOGINUID:
		v = BPF_CORE_READ(t, loginuid.val);
		break;
	case PF_CAP_INH:
		v = cap_of(&BPF_CORE_READ(t, cred)->cap_inheritable);
		break;
	case PF_CAP_PRM:
		v = cap_of(&BPF_CORE_READ(t, cred)->cap_permitted);
		break;
	case PF_CAP_EFF:
		v = cap_of(&BPF_CORE_READ(t, cred)->cap_effective);
		break;
	case PF_EXE_INO:
	case PF_EXE_CTIME:
	case PF_EXE_MTIME:
		ino = mm ? BPF_CORE_READ(mm, exe_file, f_inode) : NULL;
		if (!ino)
			break;
		if (field == PF_EXE_INO)
			v = BPF_CORE_READ(ino, i_ino);
		/* since 6.13 the top bit of i_ctime_nsec is a flag (I_CTIME_QUERIED) */
		else if (field == PF_EXE_CTIME && bpf_core_field_exists(ino->i_ctime_sec))
			v = BPF_CORE_READ(ino, i_ctime_sec) * 1000000000ull +
			    (BPF_CORE_READ(ino, i_ctime_nsec) & ~(1u << 31));
		else if (field == PF_EXE_MTIME && bpf_core_field_exists(ino->i_mtime_sec))
			v = BPF_CORE_READ(ino, i_mtime_sec) * 1000000000ull +
			    BPF_CORE_READ(ino, i_mtime_nsec);
		break;
	case PF_EXIT_STATUS:
	case PF_EXIT_RET:
	case PF_EXIT_SIG:
	case PF_EXIT_CORE:
		v = BPF_CORE_READ(t, exit_code);
		v = field == PF_EXIT_RET ? (v >> 8) & 0xff :
		    field == PF_EXIT_SIG ? v & 0x7f :
		    field == PF_EXIT_CORE ? (v & 0x80) != 0 : v;
		break;
	case PF_TTY:
		v = tty_of(t);
		break;
	case PF_EXE_FLAGS:
		if (mm && BPF_CORE_READ(mm, exe_file))
			v = exe_flags(t, BPF_CORE_READ(mm, exe_file));
		break;
	default: /* PF_ZERO */
		break;
	}
	return put_int(b, buf, v, size);
}

static __always_inline __u32 put_vm(struct build *b, __u8 *buf, __u32 which)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct mm_struct *mm = BPF_CORE_READ(t, mm);
	__u64 v = 0;

	if (mm && which == 0)
		v = BPF_CORE_READ(mm, total_vm) << 2;
	else if (mm && which == 1)
		v = (BPF_CORE_READ(mm, rss_stat[0].count) + BPF_CORE_READ(mm, rss_stat[1].count) +
		     BPF_CORE_READ(mm, rss_stat[3].count)) << 2;
	else if (mm && which == 2)
		v = BPF_CORE_READ(mm, rss_stat[2].count) << 2;
	return put_int(b, buf, v, 4);
}

#endif

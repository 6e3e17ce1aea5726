/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included by syscalls.bpf.c: the walks that put a path together, from a
 * dentry up to the root of its mount (d_path without the helper, which
 * raw tracepoints may not call), and from a cgroup's kernfs node up to
 * its hierarchy's root, for the cgroups parameter of clone and execve.
 * They use the event builder (struct build) defined before.
 */
#ifndef SYSHARK_PATHS_BPF_H
#define SYSHARK_PATHS_BPF_H

/* Where a path is put together, from its last name to its first. */
#define DPATH_MAX 4096
#define DPATH_DEPTH 48
#define NAME_MAX_ 255

struct dpath_buf {
	char s[DPATH_MAX + NAME_MAX_ + 1];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct dpath_buf);
} dpath SEC(".maps");

/* Puts "/" and the len bytes of name before pos in p; returns the new pos. */
static __always_inline __u32 name_before(struct dpath_buf *p, __u32 pos, const char *name,
					 __u32 len)
{
	pos -= len;
	bpf_probe_read_kernel(p->s + (pos & (DPATH_MAX - 1)), len & NAME_MAX_, name);
	pos--;
	p->s[pos & (DPATH_MAX - 1)] = '/';
	return pos;
}

/* The path put together in p from pos on ("/" if nothing was), into the event. */
static __always_inline __u32 put_built(struct build *b, __u8 *buf, struct dpath_buf *p,
				       __u32 pos)
{
	if (pos >= DPATH_MAX) {
		pos = DPATH_MAX - 1;
		p->s[pos] = '/';
	}
	return put_kstr(b, buf, p->s + (pos & (DPATH_MAX - 1)));
}

/* A path being put together in dpath, from pos on. */
struct dpath_walk {
	struct mount *m;
	struct dentry *d;
	__u32 pos;
};

/* One step up: the name of w->d before the path, or over a mount point; 1 at the top. */
static long dpath_step(__u32 i, void *ctx)
{
	struct dpath_buf *p = bpf_map_lookup_elem(&dpath, &(__u32){ 0 });
	struct dpath_walk *w = ctx;
	struct mount *m = w->m, *up;
	struct dentry *d = w->d, *parent;
	struct qstr name;
	__u32 len;

	(void)i;
	if (!p)
		return 1;
	if (d == BPF_CORE_READ(m, mnt.mnt_root)) {
		up = BPF_CORE_READ(m, mnt_parent);
		if (up == m) /* the root of the mount namespace */
			return 1;
		w->d = BPF_CORE_READ(m, mnt_mountpoint);
		w->m = up;
		return 0;
	}
	parent = BPF_CORE_READ(d, d_parent);
	name = BPF_CORE_READ(d, d_name);
	len = name.len & NAME_MAX_;
	if (d == parent || w->pos <= len || w->pos > DPATH_MAX)
		return 1;
	w->pos = name_before(p, w->pos, (const char *)name.name, len);
	w->d = parent;
	return 0;
}

/*
 * The path of dentry d on mount vmnt, as d_path gives it, crossing mount
 * points; its last DPATH_DEPTH names only.
 */
static __always_inline __u32 put_dpath(struct build *b, __u8 *buf, struct vfsmount *vmnt,
				       struct dentry *d)
{
	struct dpath_buf *p = bpf_map_lookup_elem(&dpath, &(__u32){ 0 });
	struct dpath_walk w = {
		.m = (void *)vmnt - bpf_core_field_offset(struct mount, mnt),
		.d = d,
		.pos = DPATH_MAX,
	};

	if (!p || !vmnt || !d)
		return put_ustr(b, buf, 0);
	p->s[DPATH_MAX] = 0;
	bpf_loop(DPATH_DEPTH, dpath_step, &w, 0);
	return put_built(b, buf, p, w.pos);
}

/* A kernfs node whose parent is named parent, as kernels before 6.15 have it. */
struct kernfs_node___old {
	struct kernfs_node *parent;
};

/* A cgroup's path being put together in dpath: the node next up. */
struct kn_walk {
	struct kernfs_node *kn;
	__u32 pos;
};

/* One step up a cgroup's path: the name of w->kn before the path; 1 at the root. */
static long kn_step(__u32 i, void *ctx)
{
	struct dpath_buf *p = bpf_map_lookup_elem(&dpath, &(__u32){ 0 });
	struct kn_walk *w = ctx;
	struct kernfs_node *kn = w->kn, *up;
	const char *name;
	long n;

	(void)i;
	if (!p || !kn)
		return 1;
	if (bpf_core_field_exists(kn->__parent))
		up = BPF_CORE_READ(kn, __parent);
	else
		up = BPF_CORE_READ((struct kernfs_node___old *)kn, parent);
	if (!up) /* the root, named "" */
		return 1;
	name = BPF_CORE_READ(kn, name);
	n = bpf_probe_read_kernel_str(p->s, NAME_MAX_ + 1, name) - 1;
	/* the name was read at the buffer's start: the path stays clear of it */
	if (n < 0 || w->pos <= (__u32)n + NAME_MAX_ + 2 || w->pos > DPATH_MAX)
		return 1;
	w->pos = name_before(p, w->pos, name, (__u32)n);
	w->kn = up;
	return 0;
}

/* "NAME=/path" of the task's cgroup in subsystem id, as Falco's drivers write it; 0 if none. */
static __always_inline __u32 put_cgroup(struct build *b, __u8 *buf, struct task_struct *t,
					__u32 id)
{
	struct dpath_buf *p = bpf_map_lookup_elem(&dpath, &(__u32){ 0 });
	struct cgroup_subsys_state *css = BPF_CORE_READ(t, cgroups, subsys[id]);
	struct kn_walk w = { .pos = DPATH_MAX };
	__u32 n, m;

	if (!p || !css)
		return 0;
	n = put_kstr(b, buf, BPF_CORE_READ(css, ss, name));
	if (n < 2)
		return 0;
	buf[(b->off + n - 1) & MASK] = '=';
	w.kn = BPF_CORE_READ(css, cgroup, kn);
	p->s[DPATH_MAX] = 0;
	bpf_loop(DPATH_DEPTH, kn_step, &w, 0);
	b->off += n;
	m = put_built(b, buf, p, w.pos);
	b->off -= n;
	return n + m;
}

#define PUT_CGROUP(name)                                                                 \
	do {                                                                             \
		if (bpf_core_enum_value_exists(enum cgroup_subsys_id, name))             \
			b->off += put_cgroup(b, buf, t,                                  \
					     bpf_core_enum_value(enum cgroup_subsys_id, name)); \
	} while (0)

/* The cgroups of the task in the subsystems Falco's drivers write. */
static __always_inline __u32 put_cgroups(struct build *b, __u8 *buf, struct task_struct *t)
{
	__u32 start = b->off, n;

	PUT_CGROUP(cpuset_cgrp_id);
	PUT_CGROUP(cpu_cgrp_id);
	PUT_CGROUP(cpuacct_cgrp_id);
	PUT_CGROUP(io_cgrp_id);
	PUT_CGROUP(memory_cgrp_id);
	n = b->off - start;
	b->off = start;
	return n;
}

#endif

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The start-of-capture state snapshot: its blocks, built from what the
 * readers of probe_proc.c find in /proc and from the system's own
 * databases (machine, interfaces, users and groups).
 *
 * /proc is walked once. For each process, the values its threads share are
 * read from /proc/PID, then each thread's own values from
 * /proc/PID/task/TID, and the thread's PL_V9 entry is appended to one
 * in-memory body. The process's fds become an FDL_V2 body appended to a
 * second buffer. The blocks are written once everything has been read.
 */
#define _GNU_SOURCE
#include "probe_snapshot.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <pwd.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "probe_proc.h"
#include "sbuf.h"
#include "sf_encode.h"
#include "sf_reader.h"
#include "xalloc.h"

struct snap {
	struct probe_snapshot_stats *st;
	int proc; /* /proc */
	struct sbuf pl;
	struct sbuf px; /* the process extras of the same threads */
	struct sbuf fdl;
	size_t *fdl_end; /* where each FDL_V2 body ends in fdl */
	size_t nfdl, fdl_cap;
	struct probe_proc *rd; /* reads the files of /proc */
};

/* ---- processes ---- */

/* Appends the FDL_V2 body of process pid, if it has fds. */
static void snap_fds(struct snap *s, int pidfd, uint64_t pid)
{
	struct hmap *socks = NULL;
	struct dirent *de;
	struct sf_fd f;
	size_t start = s->fdl.len;
	uint32_t n = 0;
	int dfd = openat(pidfd, "fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *dir = dfd < 0 ? NULL : fdopendir(dfd);

	if (!dir) {
		if (dfd >= 0)
			close(dfd);
		s->st->skipped_fdlists++;
		return;
	}
	sf_fdlist_begin(&s->fdl, pid);
	while ((de = readdir(dir))) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		if (!probe_proc_fd(s->rd, pidfd, dfd, de->d_name, &socks, &f) ||
		    sf_fd_encode(&s->fdl, &f)) {
			s->st->skipped_fds++;
			continue;
		}
		n++;
	}
	closedir(dir);
	if (!n) {
		sbuf_truncate(&s->fdl, start);
		return;
	}
	if (s->nfdl == s->fdl_cap) {
		s->fdl_cap = s->fdl_cap ? 2 * s->fdl_cap : 256;
		s->fdl_end = xreallocarray(s->fdl_end, s->fdl_cap, sizeof(*s->fdl_end));
	}
	s->fdl_end[s->nfdl++] = s->fdl.len;
	s->st->fdlists++;
	s->st->fds += n;
}

/* Appends the PL and process extras entries of thread tid (dir tfd); false if skipped. */
static bool snap_thread(struct snap *s, int tfd, uint64_t tid, bool own_pw)
{
	struct sf_proc p;

	if (!probe_proc_thread(s->rd, tfd, tid, own_pw, &p))
		return false;
	sf_proc_encode(&s->pl, &p);
	sf_procx_encode(&s->px, &p);
	s->st->threads++;
	return true;
}

static bool is_number(const char *name)
{
	return *name && strspn(name, "0123456789") == strlen(name);
}

/* Appends the PL entries of every thread of process name, and its FDL body. */
static void snap_process(struct snap *s, const char *name)
{
	int pidfd = openat(s->proc, name, O_PATH | O_DIRECTORY | O_CLOEXEC), taskfd, tfd;
	uint64_t pid = strtoull(name, NULL, 10);
	struct dirent *de;
	bool dead, any = false;
	DIR *dir;

	if (pidfd < 0)
		return;
	/* a dead main thread: its live threads still have their own */
	dead = !probe_proc_process(s->rd, pidfd);
	taskfd = openat(pidfd, "task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dir = taskfd < 0 ? NULL : fdopendir(taskfd);
	if (!dir) {
		if (taskfd >= 0)
			close(taskfd);
		close(pidfd);
		return;
	}
	while ((de = readdir(dir))) {
		if (!is_number(de->d_name))
			continue;
		tfd = openat(taskfd, de->d_name, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (tfd >= 0 && snap_thread(s, tfd, strtoull(de->d_name, NULL, 10),
					    dead && strcmp(de->d_name, name)))
			any = true;
		else
			s->st->skipped_threads++;
		if (tfd >= 0)
			close(tfd);
	}
	closedir(dir);
	if (any)
		snap_fds(s, pidfd, pid);
	close(pidfd);
}

/* ---- machine, interfaces, users ---- */

static void snap_machine(struct snap *s, struct sbuf *b)
{
	struct sf_machine m = { 0 };
	struct timespec rt, bt;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);

	m.num_cpus = cpus > 0 ? (uint32_t)cpus : 0;
	m.memory_bytes = pages > 0 && psize > 0 ? (uint64_t)pages * (uint64_t)psize : 0;
	if (gethostname(m.hostname, sizeof(m.hostname) - 1) < 0)
		m.hostname[0] = 0;
	/* boot time: /proc/stat's btime, as libscap; else from the clocks */
	m.boot_ts = probe_proc_boot_ts(s->rd, s->proc);
	if (!m.boot_ts && clock_gettime(CLOCK_REALTIME, &rt) == 0 &&
	    clock_gettime(CLOCK_BOOTTIME, &bt) == 0)
		m.boot_ts = (uint64_t)(rt.tv_sec - bt.tv_sec) * 1000000000ull +
			    (uint64_t)(rt.tv_nsec - bt.tv_nsec);
	sf_machine_encode(b, &m);
}

/* The IPv4 (family AF_INET) or IPv6 addresses of the interfaces. */
static void snap_ifaces(struct snap *s, const struct ifaddrs *list, int family, struct sbuf *b)
{
	const struct ifaddrs *a;
	struct sf_iface i;
	size_t off = family == AF_INET ? offsetof(struct sockaddr_in, sin_addr) :
					 offsetof(struct sockaddr_in6, sin6_addr);

	for (a = list; a; a = a->ifa_next) {
		if (!a->ifa_addr || a->ifa_addr->sa_family != family)
			continue;
		memset(&i, 0, sizeof(i));
		i.len = family == AF_INET ? 4 : 16;
		i.name = a->ifa_name;
		memcpy(i.addr, (const char *)a->ifa_addr + off, i.len);
		if (a->ifa_netmask)
			memcpy(i.netmask, (const char *)a->ifa_netmask + off, i.len);
		if (a->ifa_broadaddr)
			memcpy(i.bcast, (const char *)a->ifa_broadaddr + off, i.len);
		if (sf_iface_encode(b, &i) == 0)
			s->st->ifaddrs++;
	}
}

static struct buf_str bstr(const char *p)
{
	size_t n = p ? strlen(p) : 0;

	return (struct buf_str){ p, (uint16_t)(n > UINT16_MAX ? UINT16_MAX : n) };
}

/* Users, then groups, from the system databases. */
static void snap_users(struct snap *s, struct sbuf *b)
{
	size_t cap = 16384;
	char *buf = xmalloc(cap);
	struct passwd pw, *pwp;
	struct group gr, *grp;
	int rc;

	setpwent();
	while ((rc = getpwent_r(&pw, buf, cap, &pwp)) != ENOENT) {
		if (rc == ERANGE) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
			continue;
		}
		if (rc)
			break;
		sf_user_encode(b, &(struct sf_user){ .kind = 0,
						     .uid = pw.pw_uid,
						     .gid = pw.pw_gid,
						     .name = bstr(pw.pw_name),
						     .home = bstr(pw.pw_dir),
						     .shell = bstr(pw.pw_shell) });
		s->st->users++;
	}
	endpwent();
	setgrent();
	while ((rc = getgrent_r(&gr, buf, cap, &grp)) != ENOENT) {
		if (rc == ERANGE) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
			continue;
		}
		if (rc)
			break;
		sf_user_encode(b, &(struct sf_user){
					  .kind = 1, .gid = gr.gr_gid, .name = bstr(gr.gr_name) });
		s->st->groups++;
	}
	endgrent();
	free(buf);
}

/* ---- the whole ---- */

static void snap_fini(struct snap *s)
{
	probe_proc_free(s->rd);
	sbuf_fini(&s->pl);
	sbuf_fini(&s->px);
	sbuf_fini(&s->fdl);
	free(s->fdl_end);
	if (s->proc >= 0)
		close(s->proc);
	free(s);
}

static int put(struct sf_writer *w, uint32_t type, const struct sbuf *b, size_t off, size_t end,
	       struct diag *d)
{
	return sf_writer_block(w, type, b->s + off, (uint32_t)(end - off), d);
}

int probe_snapshot_write(struct sf_writer *w, pid_t only, struct probe_snapshot_stats *st,
			 struct diag *d)
{
	char pid[24];
	struct probe_snapshot_stats dummy;
	struct snap *s = xcalloc(1, sizeof(*s));
	struct ifaddrs *ifs = NULL;
	struct dirent *de;
	struct sbuf b;
	size_t i, off;
	DIR *dir;
	int rc;

	memset(&dummy, 0, sizeof(dummy));
	s->st = st ? st : &dummy;
	memset(s->st, 0, sizeof(*s->st));
	sbuf_init(&s->pl);
	sbuf_init(&s->px);
	sbuf_init(&s->fdl);
	s->proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	dir = s->proc < 0 ? NULL : fdopendir(dup(s->proc));
	if (!dir) {
		rc = diag_set(d, -errno, 0, "/proc: %s", strerror(errno));
		snap_fini(s);
		return rc;
	}
	s->rd = probe_proc_new(s->proc);
	if (only > 0) {
		/* the command and its parent, this process */
		snprintf(pid, sizeof(pid), "%d", (int)getpid());
		snap_process(s, pid);
		snprintf(pid, sizeof(pid), "%d", (int)only);
		snap_process(s, pid);
	}
	while (only <= 0 && (de = readdir(dir)))
		if (is_number(de->d_name))
			snap_process(s, de->d_name);
	closedir(dir);

	sbuf_init(&b);
	snap_machine(s, &b);
	rc = put(w, SF_BT_MI, &b, 0, b.len, d);
	if (!rc) {
		sbuf_reset(&b);
		if (getifaddrs(&ifs) == 0) {
			snap_ifaces(s, ifs, AF_INET, &b);
			snap_ifaces(s, ifs, AF_INET6, &b);
			freeifaddrs(ifs);
		}
		rc = put(w, SF_BT_IL_V2, &b, 0, b.len, d);
	}
	if (!rc) {
		sbuf_reset(&b);
		snap_users(s, &b);
		rc = put(w, SF_BT_UL_V2, &b, 0, b.len, d);
	}
	if (!rc)
		rc = put(w, SF_BT_PL_V9, &s->pl, 0, s->pl.len, d);
	if (!rc && s->px.len)
		rc = put(w, SF_BT_PX, &s->px, 0, s->px.len, d);
	for (i = 0, off = 0; !rc && i < s->nfdl; off = s->fdl_end[i++])
		rc = put(w, SF_BT_FDL_V2, &s->fdl, off, s->fdl_end[i], d);
	sbuf_fini(&b);
	snap_fini(s);
	return rc;
}

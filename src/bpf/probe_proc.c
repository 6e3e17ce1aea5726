// SPDX-License-Identifier: GPL-2.0-only
/*
 * The /proc readers of the state snapshot (probe_snapshot.c), which read
 * a process, a thread or an fd the way libscap's procfs scan reads it
 * (Falco libs userspace/libscap/linux/scap_procs.c, scap_fds.c,
 * scap_cgroup.c), so that a capture of ours describes threads and fds as a
 * sysdig capture would.
 *
 * The values a process's threads share (command line, environment,
 * executable, fd limit) are read once from /proc/PID, each thread's own
 * values from /proc/PID/task/TID. Sockets are resolved by inode through the
 * tables of /proc/PID/net, loaded once per network namespace; the device of
 * a file comes from its mount id through mountinfo, cached per mount.
 * Encoded cgroup lists are cached by the content of the cgroup file, which
 * most threads share. probe_snapshot_parse() (probe_snapshot.h) runs the
 * parsers of the net tables and of status on given text, for the tests
 * and the fuzz target.
 */
#define _GNU_SOURCE
#include "probe_proc.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "hmap.h"
#include "probe_snapshot.h"
#include "sbuf.h"
#include "sf_blocks.h"
#include "xalloc.h"

/* scap_fd_type values (flag_tables.tsv, table scap_fd_type) */
enum {
	FD_DIRECTORY = 2,
	FD_IPV4_SOCK = 3,
	FD_IPV6_SOCK = 4,
	FD_IPV4_SERVSOCK = 5,
	FD_IPV6_SERVSOCK = 6,
	FD_FIFO = 7,
	FD_UNIX_SOCK = 8,
	FD_EVENT = 9,
	FD_UNSUPPORTED = 10,
	FD_SIGNALFD = 11,
	FD_EVENTPOLL = 12,
	FD_INOTIFY = 13,
	FD_TIMERFD = 14,
	FD_NETLINK = 15,
	FD_FILE_V2 = 16,
	FD_BPF = 17,
	FD_USERFAULTFD = 18,
	FD_IOURING = 19,
	FD_MEMFD = 20,
	FD_PIDFD = 21,
};

/* l4 protocols (scap.h SCAP_L4_*) */
#define L4_TCP 2
#define L4_UDP 3
#define L4_RAW 5

/* clone_flags: what libscap assumes of every thread but the main one */
#define PPM_CL_CLONE_FILES 0x1u
#define PPM_CL_CLONE_THREAD 0x2000u

#define LIST_MAX 4096 /* SCAP_MAX_ARGS_SIZE, as libscap reads cmdline and environ */

/* One socket of a network namespace, by inode. */
struct snap_sock {
	struct sf_fd f; /* name points to path */
	char path[];
};

struct snap_mount {
	uint32_t dev;
};

struct snap_cgroup {
	char *raw; /* the cgroup file */
	size_t raw_len;
	struct sbuf enc; /* its "subsys=path" NUL-list */
};

/* What the threads of a process share. */
struct snap_procwide {
	char cmdline[LIST_MAX + 1];
	size_t cmdline_len;
	char env[LIST_MAX + 1];
	size_t env_len;
	char exepath[4096];
	ssize_t exepath_len; /* -1 if unreadable */
	struct stat exe_st;
	bool exe_st_ok;
	int64_t fdlimit;
	uint64_t pidns_start; /* when its pid namespace's init appeared in /proc, 0 unknown */
};

struct probe_proc {
	struct sbuf tmp;
	struct hmap netns;	     /* netns inode -> struct hmap of struct snap_sock */
	struct hmap mounts;	     /* mount id -> struct snap_mount */
	struct hmap cgroups;	     /* content hash -> struct snap_cgroup */
	char cg2[1024];		     /* the cgroup2 mount point, "" if none */
	unsigned int cg2_nctl;	     /* controllers at its root */
	struct snap_procwide pw, tw; /* the process's, and a thread's own */
	char comm[64], cwd[4096], root[4096], link[4096];
};

/* ---- reading /proc ---- */

/* Reads name under dfd into b, at most max bytes (0: all). Returns its length or -errno. */
static ssize_t read_at(int dfd, const char *name, struct sbuf *b, size_t max)
{
	int fd = openat(dfd, name, O_RDONLY | O_CLOEXEC);
	ssize_t r;
	size_t want;

	if (fd < 0)
		return -errno;
	sbuf_reset(b);
	for (;;) {
		want = max ? max - b->len : 4096;
		if (want == 0)
			break;
		if (want > 65536)
			want = 65536;
		sbuf_reserve(b, want);
		r = read(fd, b->s + b->len, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			r = -errno;
			close(fd);
			return r;
		}
		if (r == 0)
			break;
		b->len += (size_t)r;
	}
	b->s[b->len] = 0;
	close(fd);
	return (ssize_t)b->len;
}

/* The target of link name under dfd, NUL-terminated; its length or -1. */
static ssize_t link_at(int dfd, const char *name, char *buf, size_t size)
{
	ssize_t n = readlinkat(dfd, name, buf, size - 1);

	buf[n < 0 ? 0 : n] = 0;
	return n;
}

/* The value after key if line starts with key, else NULL. */
static const char *after(const char *line, const char *key)
{
	size_t n = strlen(key);

	return strncmp(line, key, n) == 0 ? line + n : NULL;
}

static const char *next_line(const char *p)
{
	p = strchr(p, '\n');
	return p ? p + 1 : NULL;
}

/* Number i (from 0) of the blank-separated numbers at v, on its line. */
static uint64_t nth_num(const char *v, int i, int base)
{
	uint64_t x = 0;
	char *end;

	for (; i >= 0; i--) {
		while (*v == ' ' || *v == '\t')
			v++;
		if (!isxdigit((unsigned char)*v))
			return x;
		x = strtoull(v, &end, base);
		v = end;
	}
	return x;
}

/* The last number on the line at v. */
static uint64_t last_num(const char *v)
{
	uint64_t x = 0;
	char *end;

	for (;;) {
		while (*v == ' ' || *v == '\t')
			v++;
		if (!isdigit((unsigned char)*v))
			return x;
		x = strtoull(v, &end, 10);
		v = end;
	}
}

/* Skips n blank-separated words. */
static const char *skip_words(const char *p, int n)
{
	while (n-- > 0) {
		while (*p == ' ')
			p++;
		while (*p && *p != ' ' && *p != '\n')
			p++;
	}
	while (*p == ' ')
		p++;
	return p;
}

/* Ends a NUL-list of len bytes in buf (room for LIST_MAX + 1) with a NUL. */
static size_t list_end(char *buf, size_t len)
{
	if (len && buf[len - 1] != 0) {
		if (len == LIST_MAX)
			len--;
		buf[len++] = 0;
	}
	return len;
}

/* ---- sockets ---- */

static void sock_put(struct hmap *m, uint64_t ino, const struct sf_fd *f, const char *path,
		     size_t n)
{
	struct snap_sock *s = xmalloc(sizeof(*s) + n + 1);

	s->f = *f;
	memcpy(s->path, path, n);
	s->path[n] = 0;
	s->f.name = (struct buf_str){ s->path, (uint16_t)n };
	free(hmap_put(m, ino, s));
}

/* Parses words address words of 8 hex digits then ":port". */
static bool inet_addr(const char **pp, uint8_t *addr, int words, uint16_t *port)
{
	const char *p = *pp;
	char hex[9], *end;
	uint32_t w;
	int i;

	while (*p == ' ')
		p++;
	for (i = 0; i < words; i++, p += 8) {
		if (strspn(p, "0123456789abcdefABCDEF") < 8)
			return false;
		memcpy(hex, p, 8);
		hex[8] = 0;
		/* the kernel prints the network-order word as a native integer */
		w = (uint32_t)strtoul(hex, NULL, 16);
		memcpy(addr + 4 * i, &w, 4);
	}
	if (*p++ != ':')
		return false;
	*port = (uint16_t)strtoul(p, &end, 16);
	*pp = end;
	return end != p;
}

/* /proc/net/{tcp,udp,raw}[6]: "sl: local remote st tx:rx tr:when retrnsmt uid timeout inode" */
static void load_inet(struct hmap *m, const char *text, bool v6, uint8_t l4)
{
	static const uint8_t zero[16];
	const char *line, *p;
	struct sf_fd f;
	uint64_t ino;
	int n = v6 ? 16 : 4;

	for (line = text; line && *line; line = next_line(line)) {
		memset(&f, 0, sizeof(f));
		p = strchr(line, ':');
		if (!p || memchr(line, '\n', (size_t)(p - line)))
			continue;
		p++;
		if (!inet_addr(&p, f.sip, n / 4, &f.sport) ||
		    !inet_addr(&p, f.dip, n / 4, &f.dport))
			continue;
		ino = strtoull(skip_words(p, 6), NULL, 10);
		if (ino == 0)
			continue;
		f.l4proto = l4;
		if (memcmp(f.dip, zero, (size_t)n) == 0)
			f.type = v6 ? FD_IPV6_SERVSOCK : FD_IPV4_SERVSOCK;
		else
			f.type = v6 ? FD_IPV6_SOCK : FD_IPV4_SOCK;
		sock_put(m, ino, &f, "", 0);
	}
}

/* /proc/net/unix: "Num: RefCount Protocol Flags Type St Inode [Path]" */
static void load_unix(struct hmap *m, const char *text)
{
	const char *line, *p, *e;
	struct sf_fd f;
	uint64_t ino;
	char *end;

	for (line = text; line && *line; line = next_line(line)) {
		memset(&f, 0, sizeof(f));
		f.usrc = strtoull(line, &end, 16);
		if (end == line || *end != ':')
			continue;
		p = skip_words(end + 1, 5);
		ino = strtoull(p, &end, 10);
		if (end == p || ino == 0)
			continue;
		p = skip_words(end, 0);
		e = strchr(p, '\n');
		f.type = FD_UNIX_SOCK;
		sock_put(m, ino, &f, p, e ? (size_t)(e - p) : strlen(p));
	}
}

/* /proc/net/netlink: "sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode" */
static void load_netlink(struct hmap *m, const char *text)
{
	const char *line, *p;
	struct sf_fd f = { .type = FD_NETLINK };
	uint64_t ino;
	char *end;

	for (line = next_line(text); line && *line; line = next_line(line)) {
		p = skip_words(line, 9);
		ino = strtoull(p, &end, 10);
		if (end != p && ino)
			sock_put(m, ino, &f, "", 0);
	}
}

/* The sockets of pid's network namespace, loaded on first use. */
static struct hmap *snap_sockets(struct probe_proc *s, int pidfd)
{
	static const struct {
		const char *name;
		uint8_t l4;
		bool v6;
	} inet[] = {
		{ "net/tcp", L4_TCP, false }, { "net/udp", L4_UDP, false },
		{ "net/raw", L4_RAW, false }, { "net/tcp6", L4_TCP, true },
		{ "net/udp6", L4_UDP, true }, { "net/raw6", L4_RAW, true },
	};
	struct stat ns;
	struct hmap *m;
	uint64_t key = 0;
	size_t i;

	if (fstatat(pidfd, "ns/net", &ns, 0) == 0)
		key = ns.st_ino;
	m = hmap_get(&s->netns, key);
	if (m)
		return m;
	m = xmalloc(sizeof(*m));
	hmap_init(m);
	hmap_put(&s->netns, key, m);
	for (i = 0; i < sizeof(inet) / sizeof(inet[0]); i++)
		if (read_at(pidfd, inet[i].name, &s->tmp, 0) > 0)
			load_inet(m, s->tmp.s, inet[i].v6, inet[i].l4);
	if (read_at(pidfd, "net/unix", &s->tmp, 0) > 0)
		load_unix(m, s->tmp.s);
	if (read_at(pidfd, "net/netlink", &s->tmp, 0) > 0)
		load_netlink(m, s->tmp.s);
	return m;
}

/* ---- files ---- */

/* Adds every mount of pid's mountinfo: "id parent major:minor ...". */
static void load_mounts(struct probe_proc *s, int pidfd)
{
	const char *line;
	unsigned long long id, maj, min;
	struct snap_mount *m;

	if (read_at(pidfd, "mountinfo", &s->tmp, 0) <= 0)
		return;
	for (line = s->tmp.s; line && *line; line = next_line(line)) {
		if (sscanf(line, "%llu %*u %llu:%llu", &id, &maj, &min) != 3 ||
		    hmap_get(&s->mounts, id))
			continue;
		m = xmalloc(sizeof(*m));
		/* the low half of glibc's encoding, as libscap stores it */
		m->dev = (uint32_t)makedev(maj, min);
		hmap_put(&s->mounts, id, m);
	}
}

static uint32_t mount_dev(struct probe_proc *s, int pidfd, uint64_t id)
{
	struct snap_mount *m = hmap_get(&s->mounts, id);

	if (!m) {
		load_mounts(s, pidfd);
		m = hmap_get(&s->mounts, id);
	}
	if (!m) { /* not in its mountinfo: do not look again */
		m = xcalloc(1, sizeof(*m));
		hmap_put(&s->mounts, id, m);
	}
	return m->dev;
}

/* Kernel open flags to PPM ones (file_flags), as libscap's open_flags_to_scap(). */
static uint32_t open_flags_ppm(unsigned long fl)
{
	static const struct {
		unsigned long o;
		uint32_t ppm;
	} map[] = {
		{ O_CREAT, 4 },	       { O_APPEND, 8 },	    { O_DSYNC, 16 },
		{ O_EXCL, 32 },	       { O_NONBLOCK, 64 },  { O_SYNC, 128 },
		{ O_TRUNC, 256 },      { O_DIRECT, 512 },   { O_DIRECTORY, 1024 },
		{ O_LARGEFILE, 2048 }, { O_CLOEXEC, 4096 }, { O_TMPFILE, 8192 },
	};
	uint32_t r;
	size_t i;

	switch (fl & O_ACCMODE) {
	case O_WRONLY:
		r = 2;
		break;
	case O_RDWR:
		r = 3;
		break;
	default:
		r = 1;
		break;
	}
	/* O_LARGEFILE is 0 for 64-bit glibc: the flag the kernel forces is not shown */
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].o && (fl & map[i].o) == map[i].o)
			r |= map[i].ppm;
	return r;
}

/* Open flags and device of f, from its fdinfo. */
static void file_info(struct probe_proc *s, int pidfd, struct sf_fd *f)
{
	char path[64];
	const char *line, *v;
	uint64_t mnt_id = 0;
	bool has_mnt = false;

	snprintf(path, sizeof(path), "fdinfo/%lld", (long long)f->fd);
	if (read_at(pidfd, path, &s->tmp, 1024) <= 0)
		return;
	for (line = s->tmp.s; line && *line; line = next_line(line)) {
		if ((v = after(line, "flags:"))) {
			f->open_flags = open_flags_ppm(strtoul(v, NULL, 8));
		} else if ((v = after(line, "mnt_id:"))) {
			mnt_id = strtoull(v, NULL, 10);
			has_mnt = true;
		}
	}
	/* after the loop: mount_dev() may reuse tmp */
	if (has_mnt)
		f->dev = mount_dev(s, pidfd, mnt_id);
}

/* The type of an anon inode by its name after "anon_inode:". */
static uint8_t anon_type(const char *name)
{
	static const struct {
		const char *name;
		uint8_t type;
	} map[] = {
		{ "[eventfd]", FD_EVENT },
		{ "[eventpoll]", FD_EVENTPOLL },
		{ "inotify", FD_INOTIFY },
		{ "[signalfd]", FD_SIGNALFD },
		{ "[timerfd]", FD_TIMERFD },
		{ "[io_uring]", FD_IOURING },
		{ "[userfaultfd]", FD_USERFAULTFD },
		{ "[pidfd]", FD_PIDFD },
		{ "bpf-map", FD_BPF },
		{ "bpf-prog", FD_BPF },
		{ "bpf-link", FD_BPF },
		{ "bpf_iter", FD_BPF },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(name, map[i].name) == 0)
			return map[i].type;
	return FD_UNSUPPORTED;
}

bool probe_proc_fd(struct probe_proc *s, int pidfd, int dfd, const char *name, struct hmap **socks,
		   struct sf_fd *f)
{
	char *link = s->link;
	const struct snap_sock *sk;
	unsigned long long ino;
	struct stat st;
	ssize_t n;

	if (fstatat(dfd, name, &st, 0) < 0 || (n = link_at(dfd, name, link, sizeof(s->link))) < 0)
		return false;
	memset(f, 0, sizeof(*f));
	f->fd = strtoll(name, NULL, 10);
	f->ino = st.st_ino;
	f->name = (struct buf_str){ link, (uint16_t)n };
	if (strncmp(link, "anon_inode:", 11) == 0) {
		/* anon inodes have no file type: libscap tells them by name */
		f->type = anon_type(link + 11);
		if (f->type != FD_UNSUPPORTED && f->type <= FD_FILE_V2)
			f->name.len = 0; /* libscap names these "" */
		return true;
	}
	switch (st.st_mode & S_IFMT) {
	case S_IFIFO:
		f->type = FD_FIFO;
		break;
	case S_IFDIR:
		f->type = FD_DIRECTORY;
		break;
	case S_IFSOCK:
		/* a socket in no table (packet, unbound netlink) stays unsupported */
		f->type = FD_UNSUPPORTED;
		if (sscanf(link, "socket:[%llu]", &ino) != 1)
			break;
		if (!*socks)
			*socks = snap_sockets(s, pidfd);
		sk = hmap_get(*socks, ino);
		if (sk) {
			*f = sk->f;
			f->fd = strtoll(name, NULL, 10);
			f->ino = ino;
		}
		break;
	case S_IFREG:
	case S_IFBLK:
	case S_IFCHR:
		if (strncmp(link, "/memfd:", 7) == 0) {
			f->type = FD_MEMFD;
			break;
		}
		f->type = FD_FILE_V2;
		file_info(s, pidfd, f);
		break;
	default:
		f->type = FD_UNSUPPORTED;
		break;
	}
	return true;
}

/* ---- cgroups ---- */

/* Whether word w (n bytes) is one of the NUL-list items in set. */
static bool in_list(const struct sbuf *set, const char *w, size_t n)
{
	const char *p = set->s, *end = set->s + set->len;

	for (; p < end; p += strlen(p) + 1)
		if (strlen(p) == n && memcmp(p, w, n) == 0)
			return true;
	return false;
}

/*
 * A v2 cgroup as per-controller cgroups, as libscap resolves it: walking up
 * from the cgroup, each controller is at the first level whose
 * cgroup.controllers lists it.
 */
static void cgroup_v2(struct probe_proc *s, const char *cg, size_t len, struct sbuf *out)
{
	struct sbuf found, ctl;
	char path[4096], rel[4096], *q;
	const char *w;
	size_t n;
	unsigned int nfound = 0;

	if (len >= sizeof(rel))
		return;
	memcpy(rel, cg, len);
	rel[len] = 0;
	sbuf_init(&found);
	sbuf_init(&ctl);
	for (;;) {
		n = (size_t)snprintf(path, sizeof(path), "%s%s/cgroup.controllers", s->cg2,
				     strcmp(rel, "/") ? rel : "");
		if (n < sizeof(path) && read_at(AT_FDCWD, path, &ctl, 0) > 0) {
			for (w = ctl.s; *w; w += n) {
				w += strspn(w, " \n");
				n = strcspn(w, " \n");
				if (!n || in_list(&found, w, n))
					continue;
				sbuf_put(&found, w, n);
				sbuf_putc(&found, 0);
				nfound++;
				sbuf_put(out, w, n);
				sbuf_printf(out, "=%s", rel);
				sbuf_putc(out, 0);
			}
		}
		if (strcmp(rel, "/") == 0 || nfound >= s->cg2_nctl || !(q = strrchr(rel, '/')))
			break;
		q[q == rel] = 0; /* keep the leading '/' */
	}
	sbuf_fini(&ctl);
	sbuf_fini(&found);
}

/* The "subsys=path" NUL-list of a cgroup file's text ("id:subsys,...:path" lines). */
static void cgroup_encode(struct probe_proc *s, const char *text, struct sbuf *out)
{
	const char *line, *c1, *c2, *end, *w, *e;

	for (line = text; line && *line; line = next_line(line)) {
		end = strchr(line, '\n');
		if (!end)
			end = line + strlen(line);
		c1 = memchr(line, ':', (size_t)(end - line));
		c2 = c1 ? memchr(c1 + 1, ':', (size_t)(end - c1 - 1)) : NULL;
		if (!c2)
			continue;
		if (c2 == c1 + 1) {
			/* the v2 hierarchy: "0::path" */
			if (s->cg2[0] && c1 - line == 1 && line[0] == '0')
				cgroup_v2(s, c2 + 1, (size_t)(end - c2 - 1), out);
			continue;
		}
		for (w = c1 + 1; w < c2; w = e + 1) {
			e = memchr(w, ',', (size_t)(c2 - w));
			if (!e)
				e = c2;
			sbuf_put(out, w, (size_t)(e - w));
			sbuf_putc(out, '=');
			sbuf_put(out, c2 + 1, (size_t)(end - c2 - 1));
			sbuf_putc(out, 0);
		}
	}
}

static uint64_t fnv1a(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL;

	while (n--)
		h = (h ^ (uint8_t)*p++) * 1099511628211ULL;
	return h;
}

/* The encoded cgroups of the thread at tfd (borrowed from the cache; empty if unreadable). */
static struct buf_str snap_cgroups(struct probe_proc *s, int tfd)
{
	struct snap_cgroup *c;
	uint64_t h;

	if (read_at(tfd, "cgroup", &s->tmp, 0) <= 0)
		return (struct buf_str){ NULL, 0 };
	h = fnv1a(s->tmp.s, s->tmp.len);
	c = hmap_get(&s->cgroups, h);
	if (c && c->raw_len == s->tmp.len && memcmp(c->raw, s->tmp.s, c->raw_len) == 0)
		return (struct buf_str){ c->enc.s, (uint16_t)c->enc.len };
	if (!c) {
		c = xcalloc(1, sizeof(*c));
		sbuf_init(&c->enc);
		hmap_put(&s->cgroups, h, c);
	} else {
		free(c->raw); /* a collision: the newer content wins */
		sbuf_reset(&c->enc);
	}
	c->raw = xstrndup(s->tmp.s, s->tmp.len);
	c->raw_len = s->tmp.len;
	cgroup_encode(s, c->raw, &c->enc);
	return (struct buf_str){ c->enc.s, (uint16_t)c->enc.len };
}

/* The cgroup2 mount point and the number of controllers at its root (proc: /proc). */
static void cgroup_init(struct probe_proc *s, int proc)
{
	const char *line, *eol, *sep, *w;
	char path[4096];
	size_t n;

	/* mountinfo: "id parent maj:min root mountpoint options... - fstype ..." */
	if (read_at(proc, "self/mountinfo", &s->tmp, 0) <= 0)
		return;
	for (line = s->tmp.s; line && *line; line = next_line(line)) {
		eol = strchr(line, '\n');
		sep = strstr(line, " - cgroup2 ");
		if (sep && (!eol || sep < eol) &&
		    sscanf(line, "%*u %*u %*s %*s %1023s", s->cg2) == 1)
			break;
		s->cg2[0] = 0;
	}
	if (!s->cg2[0])
		return;
	snprintf(path, sizeof(path), "%s/cgroup.controllers", s->cg2);
	if (read_at(AT_FDCWD, path, &s->tmp, 0) <= 0)
		return;
	for (w = s->tmp.s; *w; w += n) {
		w += strspn(w, " \n");
		n = strcspn(w, " \n");
		s->cg2_nctl += n != 0;
	}
}

/* ---- threads ---- */

static uint64_t ts_ns(const struct timespec *t)
{
	return (uint64_t)t->tv_sec * 1000000000u + (uint64_t)t->tv_nsec;
}

/* Reads what the threads of a process share from dir dfd. */
static void read_procwide(struct probe_proc *s, int dfd, struct snap_procwide *pw)
{
	struct stat st;
	const char *v;
	ssize_t n;

	n = read_at(dfd, "cmdline", &s->tmp, LIST_MAX);
	pw->cmdline_len = n > 0 ? (size_t)n : 0;
	memcpy(pw->cmdline, s->tmp.s, pw->cmdline_len);
	pw->cmdline_len = list_end(pw->cmdline, pw->cmdline_len);
	n = read_at(dfd, "environ", &s->tmp, LIST_MAX);
	pw->env_len = n > 0 ? (size_t)n : 0;
	memcpy(pw->env, s->tmp.s, pw->env_len);
	pw->env_len = list_end(pw->env, pw->env_len);
	pw->exepath_len = link_at(dfd, "exe", pw->exepath, sizeof(pw->exepath));
	pw->exe_st_ok = fstatat(dfd, "exe", &pw->exe_st, 0) == 0;
	/* as libscap: the change time of its namespace's /proc/1, seen from its root */
	pw->pidns_start = fstatat(dfd, "root/proc/1/cmdline", &st, 0) == 0 ? ts_ns(&st.st_ctim) : 0;
	pw->fdlimit = -1;
	if (read_at(dfd, "limits", &s->tmp, 0) > 0 && (v = strstr(s->tmp.s, "Max open files"))) {
		v = skip_words(v, 3);
		if (isdigit((unsigned char)*v))
			pw->fdlimit = (int64_t)strtoull(v, NULL, 10);
	}
}

/*
 * As libscap decides: its owner may chmod it and root may write it, others
 * need a write bit (libscap asks faccessat() under the thread's ids, which
 * a library cannot take on).
 */
static uint8_t exe_writable(const struct snap_procwide *pw, uint32_t uid, uint32_t gid)
{
	const struct stat *st = &pw->exe_st;

	if (!pw->exe_st_ok)
		return 0;
	if (st->st_uid == uid || uid == 0)
		return 1;
	if (st->st_gid == gid)
		return (st->st_mode & S_IWGRP) != 0;
	return (st->st_mode & S_IWOTH) != 0;
}

/* /proc/TID/status: ids, memory, capabilities, and the ids in its pid namespace. */
static void parse_status(const char *text, struct sf_proc *p)
{
	const char *line, *v;

	for (line = text; line && *line; line = next_line(line)) {
		if ((v = after(line, "Tgid:")))
			p->pid = nth_num(v, 0, 10);
		else if ((v = after(line, "PPid:")))
			p->ptid = nth_num(v, 0, 10);
		else if ((v = after(line, "Uid:")))
			p->uid = (uint32_t)nth_num(v, 1, 10); /* effective */
		else if ((v = after(line, "Gid:")))
			p->gid = (uint32_t)nth_num(v, 1, 10);
		else if ((v = after(line, "NStgid:")))
			p->vpid = (int64_t)last_num(v);
		else if ((v = after(line, "NSpid:")))
			p->vtid = (int64_t)last_num(v);
		else if ((v = after(line, "NSpgid:")))
			p->vpgid = last_num(v);
		else if ((v = after(line, "VmSize:")))
			p->vmsize_kb = (uint32_t)nth_num(v, 0, 10);
		else if ((v = after(line, "VmRSS:")))
			p->vmrss_kb = (uint32_t)nth_num(v, 0, 10);
		else if ((v = after(line, "VmSwap:")))
			p->vmswap_kb = (uint32_t)nth_num(v, 0, 10);
		else if ((v = after(line, "CapInh:")))
			p->cap_inheritable = nth_num(v, 0, 16);
		else if ((v = after(line, "CapPrm:")))
			p->cap_permitted = nth_num(v, 0, 16);
		else if ((v = after(line, "CapEff:")))
			p->cap_effective = nth_num(v, 0, 16);
	}
}

bool probe_proc_process(struct probe_proc *s, int pidfd)
{
	read_procwide(s, pidfd, &s->pw);
	return s->pw.cmdline_len || s->pw.exepath_len >= 0;
}

bool probe_proc_thread(struct probe_proc *s, int tfd, uint64_t tid, bool own_pw, struct sf_proc *p)
{
	const struct snap_procwide *pw = &s->pw;
	const char *v;
	size_t exe_len;
	ssize_t n;

	*p = (struct sf_proc){ .tid = tid, .loginuid = UINT32_MAX };
	if (own_pw) {
		read_procwide(s, tfd, &s->tw);
		pw = &s->tw;
	}
	/* kernel threads and zombies have neither, and libscap leaves them out */
	if (!pw->cmdline_len && pw->exepath_len < 0)
		return false;
	if (read_at(tfd, "status", &s->tmp, 0) <= 0)
		return false;
	p->vtid = (int64_t)tid;
	p->vpid = -1;
	p->vpgid = UINT64_MAX;
	parse_status(s->tmp.s, p);
	if (p->vpid < 0)
		p->vpid = (int64_t)p->pid;
	if (read_at(tfd, "stat", &s->tmp, 0) <= 0 || !(v = strrchr(s->tmp.s, ')')))
		return false;
	/* after "(comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt */
	p->pgid = (int64_t)strtoull(skip_words(v + 1, 2), NULL, 10);
	if (p->vpgid == UINT64_MAX)
		p->vpgid = (uint64_t)p->pgid;
	p->sid = strtoull(skip_words(v + 1, 3), NULL, 10);
	p->tty = (uint32_t)strtoul(skip_words(v + 1, 4), NULL, 10);
	p->pfminor = strtoull(skip_words(v + 1, 7), NULL, 10);
	p->pfmajor = strtoull(skip_words(v + 1, 9), NULL, 10);

	n = read_at(tfd, "comm", &s->tmp, sizeof(s->comm) - 1);
	n = n > 0 && s->tmp.s[n - 1] == '\n' ? n - 1 : n < 0 ? 0 : n;
	memcpy(s->comm, s->tmp.s, (size_t)n);
	p->comm = (struct buf_str){ s->comm, (uint16_t)n };
	n = link_at(tfd, "cwd", s->cwd, sizeof(s->cwd));
	p->cwd = (struct buf_str){ s->cwd, (uint16_t)(n < 0 ? 0 : n) };
	n = link_at(tfd, "root", s->root, sizeof(s->root));
	p->root = (struct buf_str){ s->root, (uint16_t)(n < 0 ? 0 : n) };
	if (read_at(tfd, "loginuid", &s->tmp, 0) > 0)
		p->loginuid = (uint32_t)strtoull(s->tmp.s, NULL, 10);
	p->cgroups = snap_cgroups(s, tfd);

	/* exe is argv[0], args the rest of the command line */
	exe_len = strnlen(pw->cmdline, pw->cmdline_len);
	p->exe = (struct buf_str){ pw->cmdline, (uint16_t)exe_len };
	if (exe_len < pw->cmdline_len)
		p->args = (struct buf_str){ pw->cmdline + exe_len + 1,
					    (uint16_t)(pw->cmdline_len - exe_len - 1) };
	p->env = (struct buf_str){ pw->env, (uint16_t)pw->env_len };
	p->exepath = (struct buf_str){ pw->exepath,
				       (uint16_t)(pw->exepath_len < 0 ? 0 : pw->exepath_len) };
	p->fdlimit = pw->fdlimit;
	p->exe_writable = exe_writable(pw, p->uid, p->gid);
	if (pw->exe_st_ok) {
		p->exe_ino = pw->exe_st.st_ino;
		p->exe_ino_ctime = ts_ns(&pw->exe_st.st_ctim);
		p->exe_ino_mtime = ts_ns(&pw->exe_st.st_mtim);
	}
	p->pidns_init_start_ts = pw->pidns_start;
	/* the kernel names a memfd's file "/memfd:NAME (deleted)" */
	p->exe_from_memfd = pw->exepath_len > 7 && !memcmp(pw->exepath, "/memfd:", 7);
	if (p->tid != p->pid)
		p->flags = PPM_CL_CLONE_THREAD | PPM_CL_CLONE_FILES;
	return true;
}

/* ---- the machine ---- */

uint64_t probe_proc_boot_ts(struct probe_proc *s, int proc)
{
	const char *v;

	if (read_at(proc, "stat", &s->tmp, 0) > 0 && (v = strstr(s->tmp.s, "\nbtime ")))
		return strtoull(v + 7, NULL, 10) * 1000000000ull;
	return 0;
}

/* ---- the whole ---- */

struct probe_proc *probe_proc_new(int proc)
{
	struct probe_proc *s = xcalloc(1, sizeof(*s));

	sbuf_init(&s->tmp);
	hmap_init(&s->netns);
	hmap_init(&s->mounts);
	hmap_init(&s->cgroups);
	cgroup_init(s, proc);
	return s;
}

void probe_proc_free(struct probe_proc *s)
{
	size_t i = 0, j;
	uint64_t k, k2;
	void *v, *v2;

	if (!s)
		return;
	while (hmap_next(&s->netns, &i, &k, &v)) {
		for (j = 0; hmap_next(v, &j, &k2, &v2);)
			free(v2);
		hmap_fini(v);
		free(v);
	}
	hmap_fini(&s->netns);
	for (i = 0; hmap_next(&s->mounts, &i, &k, &v);)
		free(v);
	hmap_fini(&s->mounts);
	for (i = 0; hmap_next(&s->cgroups, &i, &k, &v);) {
		struct snap_cgroup *c = v;

		free(c->raw);
		sbuf_fini(&c->enc);
		free(c);
	}
	hmap_fini(&s->cgroups);
	sbuf_fini(&s->tmp);
	free(s);
}

/* ---- for tests ---- */

unsigned int probe_snapshot_parse(enum probe_snap_text kind, const char *text)
{
	struct sf_proc p = { 0 };
	struct hmap m;
	unsigned int n;
	size_t i = 0;
	uint64_t k;
	void *v;

	hmap_init(&m);
	switch (kind) {
	case PROBE_SNAP_NET_TCP:
	case PROBE_SNAP_NET_TCP6:
		load_inet(&m, text, kind == PROBE_SNAP_NET_TCP6, L4_TCP);
		break;
	case PROBE_SNAP_NET_UNIX:
		load_unix(&m, text);
		break;
	case PROBE_SNAP_NET_NETLINK:
		load_netlink(&m, text);
		break;
	case PROBE_SNAP_STATUS:
		parse_status(text, &p);
		hmap_fini(&m);
		return p.pid != 0;
	}
	n = (unsigned int)m.count;
	while (hmap_next(&m, &i, &k, &v))
		free(v);
	hmap_fini(&m);
	return n;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * syshark's probe: raw syscall enter/exit, process fork, exec and exit.
 *
 * Every event is assembled in a per-CPU scratch buffer (an array map entry
 * per CPU: per-CPU maps cannot hold 64 KiB) as a struct probe_rec_hdr
 * followed by a scap v2 event, then copied into the ring buffer. The
 * parameters come from the recipe the loader put in sc_table for the
 * syscall number (see syscalls.h); put_param() writes one parameter and is
 * a global function, so the verifier checks the encoder once, not per
 * parameter.
 *
 * Offsets into the scratch buffer are masked with PROBE_CHUNK - 1 and sizes
 * are kept below PROBE_CHUNK, in a buffer of twice that, so every access is
 * provably in bounds; an event that would outgrow PROBE_CHUNK has its last
 * variable-length parameters cut short and is counted in toobig.
 *
 * I/O data is kept up to snaplen bytes, or up to snaplen_proto on a socket
 * whose port or first bytes hint at a protocol the dissectors know (the
 * dynamic snap length of Falco's drivers): see data_snaplen().
 */
#include "vmlinux.h"

#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>

#include "probe_bits.h"
#include "syscalls.h"

char LICENSE[] SEC("license") = "GPL";

#define MASK (PROBE_CHUNK - 1)
#define REC_HDR ((__u32)sizeof(struct probe_rec_hdr))
#define EV_AT(b) ((b) + REC_HDR)
#define AF_UNIX_ 1
#define AF_INET_ 2
#define AF_INET6_ 10
#define S_IFMT_ 0170000
#define S_IFSOCK_ 0140000
#define RLIMIT_NOFILE_ 7
#define PIDTYPE_PGID_ 2

/* Set by the loader between open and load. */
const volatile __u32 self_tgid = 0;
const volatile __u32 snaplen = 256;
const volatile __u32 snaplen_proto = 2000; /* socket data that hints a protocol; 0: off */
const volatile __u32 follow = 0;    /* only processes in the tracked map */
const volatile __u64 boot_to_epoch = 0; /* add to the boot clock for epoch ns */
const volatile __u64 wakeup_bytes = 1 << 20;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 8 << 20);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct probe_counters);
} counters SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, PROBE_NR_MAX);
	__type(key, __u32);
	__type(value, struct probe_sc);
} sc_table SEC(".maps");

struct scratch {
	__u8 buf[2 * PROBE_CHUNK];
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1); /* the loader sets one per possible CPU */
	__type(key, __u32);
	__type(value, struct scratch);
} scratch SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u32);
	__type(value, __u8);
} tracked SEC(".maps");

struct path_buf {
	char s[PROBE_PATH_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 4096);
	__type(key, __u32);
	__type(value, struct path_buf);
} exec_paths SEC(".maps");

/* An empty path, to create exec_paths entries from (too big for the stack). */
static const struct path_buf no_path;

/* What an event is being built from. */
struct build {
	__u64 args[6];
	__s64 ret;
	__u32 nr;  /* key into sc_table */
	__u32 cpu;
	__u32 off; /* next free byte of the record */
	__u32 nparams;
	__u32 exit;
	__u32 toobig;
};

/* Argument a (no variable offsets: the verifier rejects them on the stack). */
static __always_inline __u64 arg_of(const struct build *b, __u32 a)
{
	switch (a) {
	case 0:
		return b->args[0];
	case 1:
		return b->args[1];
	case 2:
		return b->args[2];
	case 3:
		return b->args[3];
	case 4:
		return b->args[4];
	case 5:
		return b->args[5];
	case PA_RET:
		return (__u64)b->ret;
	default:
		return 0;
	}
}

/* Bytes left for the event before PROBE_CHUNK. */
static __always_inline __u32 room(const struct build *b)
{
	return b->off < PROBE_CHUNK ? PROBE_CHUNK - b->off : 0;
}

static __always_inline __u32 put_int(struct build *b, __u8 *buf, __u64 v, __u32 size)
{
	__u8 *dst = buf + (b->off & MASK);

	if (room(b) < 8) {
		b->toobig = 1;
		return 0;
	}
	switch (size) {
	case 1:
		*dst = (__u8)v;
		return 1;
	case 2:
		*(__u16 *)dst = (__u16)v;
		return 2;
	case 4:
		*(__u32 *)dst = (__u32)v;
		return 4;
	default:
		*(__u64 *)dst = v;
		return 8;
	}
}

/* At most max bytes, and what room is left; 0 if none. */
static __always_inline __u32 fit(struct build *b, __u64 want, __u32 max)
{
	__u32 r = room(b);

	if (want > max)
		want = max;
	if (want > r) {
		want = r;
		b->toobig = 1;
	}
	return (__u32)want & MASK;
}

static __always_inline __u32 put_ustr(struct build *b, __u8 *buf, __u64 uptr)
{
	__u8 *dst = buf + (b->off & MASK);
	__u32 max = fit(b, PROBE_STR_MAX, PROBE_STR_MAX);
	long n;

	if (max < 1)
		return 0;
	n = uptr ? bpf_probe_read_user_str(dst, max, (const void *)uptr) : -1;
	if (n <= 0) {
		*dst = 0;
		return 1;
	}
	return (__u32)n;
}

static __always_inline __u32 put_kstr(struct build *b, __u8 *buf, const void *kptr)
{
	__u8 *dst = buf + (b->off & MASK);
	__u32 max = fit(b, PROBE_STR_MAX, PROBE_STR_MAX);
	long n;

	if (max < 1)
		return 0;
	n = bpf_probe_read_kernel_str(dst, max, kptr);
	if (n <= 0) {
		*dst = 0;
		return 1;
	}
	return (__u32)n;
}

/* Copies want user bytes (at most snaplen) to the end of the event at +at. */
static __always_inline __u32 put_ubytes(struct build *b, __u8 *buf, __u32 at, __u64 uptr,
					__u64 want, __u32 max)
{
	__u8 *dst = buf + ((b->off + at) & MASK);
	__u32 n;

	b->off += at;
	n = fit(b, want, max);
	b->off -= at;
	if (!n || bpf_probe_read_user(dst, n, (const void *)uptr))
		return 0;
	return n;
}

static __always_inline struct file *fd_file(__s64 fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds;
	struct file *f = NULL;

	if (fd < 0 || !fdt || fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd]);
	return f;
}

static __always_inline __u32 encode_dev(__u32 kdev)
{
	__u32 major = kdev >> 20, minor = kdev & 0xfffff;

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffu) << 12);
}

struct iov_ctx {
	struct build *b;
	__u8 *buf;
	__u64 iov;
	__u64 cnt;
	__u64 want; /* bytes to copy */
	__u32 max;  /* the snap length */
	__u32 copied;
	__u32 total; /* sum of iov_len */
};

static long iov_one(__u32 i, struct iov_ctx *c)
{
	struct iovec v;
	__u64 n;

	if (i >= c->cnt || i >= PROBE_IOV_MAX)
		return 1;
	if (bpf_probe_read_user(&v, sizeof(v), (const void *)(c->iov + i * sizeof(v))))
		return 1;
	c->total += (__u32)v.iov_len;
	if (c->copied >= c->want)
		return 0;
	n = c->want - c->copied;
	if (n > v.iov_len)
		n = v.iov_len;
	c->copied += put_ubytes(c->b, c->buf, c->copied, (__u64)v.iov_base, n, c->max);
	return 0;
}

#include "proto.bpf.h"

/*
 * The snap length of want bytes of data, read or written on the fd in
 * argument 0, whose first ulen bytes are at uptr: snaplen_proto if the fd
 * is a socket with a hinted port at either end (IP only), or whose data
 * starts like a known protocol or a TLS handshake record's body (any
 * socket); else snaplen. Never less than
 * snaplen. The look at the data is one 8-byte read, done only when the
 * data is longer than snaplen and the fd is a socket without a hinted port.
 */
__noinline __u32 data_snaplen(struct build *b, __u64 uptr, __u64 ulen, __u64 want)
{
	struct file *f;
	struct socket *sock;
	struct sock *sk;
	__u16 fam;
	__u64 v = 0;

	if (!b || snaplen_proto <= snaplen || want <= snaplen)
		return snaplen;
	f = fd_file((__s64)(__s32)b->args[0]);
	if (!f || (BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT_) != S_IFSOCK_)
		return snaplen;
	sock = BPF_CORE_READ(f, private_data);
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return snaplen;
	fam = BPF_CORE_READ(sk, __sk_common.skc_family);
	if ((fam == AF_INET_ || fam == AF_INET6_) &&
	    (port_hinted(BPF_CORE_READ(sk, __sk_common.skc_num)) ||
	     port_hinted(bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport)))))
		return snaplen_proto;
	if (ulen < 8 || bpf_probe_read_user(&v, 8, (const void *)uptr))
		return snaplen;
	return looks_proto(v) || looks_tls_body(v, want) ? snaplen_proto : snaplen;
}

/* Walks an iovec array; returns the bytes copied, sets *total. */
static __always_inline __u32 put_iov(struct build *b, __u8 *buf, __u64 iov, __u64 cnt,
				     __u64 want, __u32 *total)
{
	struct iov_ctx c = { .b = b, .buf = buf, .iov = iov, .cnt = cnt, .want = want };
	struct iovec v0 = {};

	/* the first bytes are those of the first iovec */
	if (want > snaplen && cnt && bpf_probe_read_user(&v0, sizeof(v0), (const void *)iov))
		v0.iov_len = 0;
	c.max = data_snaplen(b, (__u64)v0.iov_base, v0.iov_len, want);
	if (c.want > c.max)
		c.want = c.max;
	bpf_loop(PROBE_IOV_MAX, iov_one, &c, 0);
	*total = c.total;
	return c.copied;
}

/*
 * An IP sockaddr at uptr as scap writes it: family, address (alen bytes at
 * addr_off, network order), port (host order).
 */
static __always_inline __u32 sockaddr_ip(__u8 *dst, __u64 uptr, __u8 fam, __u32 addr_off,
					 __u32 alen)
{
	__u16 port;

	dst[0] = fam;
	if (bpf_probe_read_user(dst + 1, alen, (const void *)(uptr + addr_off)) ||
	    bpf_probe_read_user(&port, 2, (const void *)(uptr + 2)))
		return 0;
	*(__u16 *)(dst + 1 + alen) = bpf_ntohs(port);
	return 1 + alen + 2;
}

/* A sockaddr in scap form (family, address, port in host order). */
__noinline __u32 put_sockaddr(struct build *b, struct scratch *s, __u64 uptr, __u64 ulen)
{
	__u8 *dst;
	__u16 fam = 0;
	long n;
	__u8 *buf;

	if (!b || !s)
		return 0;
	buf = s->buf;
	dst = buf + (b->off & MASK);

	if (!uptr || ulen < 2 || room(b) < 128 ||
	    bpf_probe_read_user(&fam, sizeof(fam), (const void *)uptr))
		return 0;
	switch (fam) {
	case AF_INET_:
		return sockaddr_ip(dst, uptr, AF_INET_, 4, 4);
	case AF_INET6_:
		return sockaddr_ip(dst, uptr, AF_INET6_, 8, 16);
	case AF_UNIX_:
		dst[0] = AF_UNIX_;
		n = bpf_probe_read_user_str(dst + 1, 108, (const void *)(uptr + 2));
		if (n == 1 && ulen > 3) { /* abstract: a NUL, then the name */
			dst[1] = '@';
			n = bpf_probe_read_user_str(dst + 2, 107, (const void *)(uptr + 3));
			n = n > 0 ? n + 1 : 2;
		}
		if (n <= 0) {
			dst[1] = 0;
			n = 1;
		}
		return 1 + (__u32)n;
	default:
		return 0;
	}
}

/* An IPv4 user sockaddr's address (network order) and port (host order). */
static __always_inline bool user_inet4(__u64 uptr, __u8 *ip, __u16 *port)
{
	struct sockaddr_in sin;

	if (bpf_probe_read_user(&sin, sizeof(sin), (const void *)uptr) ||
	    sin.sin_family != AF_INET_)
		return false;
	__builtin_memcpy(ip, &sin.sin_addr, 4);
	*port = bpf_ntohs(sin.sin_port);
	return true;
}

/* The path of a unix socket's address at dst, '@' for abstract names. */
static __always_inline long put_unix_path(__u8 *dst, struct unix_sock *us)
{
	struct unix_address *ua = BPF_CORE_READ(us, addr);
	char *path;
	long n;

	if (!ua) {
		*dst = 0;
		return 1;
	}
	path = (char *)ua + bpf_core_field_offset(struct unix_address, name) +
	       bpf_core_field_offset(struct sockaddr_un, sun_path);
	n = bpf_probe_read_kernel_str(dst, 108, path);
	if (n == 1) {
		dst[0] = '@';
		n = bpf_probe_read_kernel_str(dst + 1, 107, path + 1);
		n = n > 1 ? n + 1 : (dst[0] = 0, 1);
	}
	return n > 0 ? n : (*dst = 0, 1);
}

/*
 * The socket tuple of fd, as the kernel module writes it: outbound
 * (connect, send) local then remote; inbound (accept, receive) remote then
 * local. uaddr is the user's sockaddr to use when the kernel has no peer
 * (unconnected datagram sockets), or 0.
 */
__noinline __u32 put_tuple(struct build *b, struct scratch *s, __s64 fd, __u32 inbound,
				       __u64 uaddr)
{
	__u8 *dst;
	struct file *f = fd_file(fd);
	struct socket *sock;
	struct sock *sk;
	__u16 fam, lport, rport;
	__u32 lo, ro;
	long n;
	__u8 *buf;

	if (!b || !s)
		return 0;
	buf = s->buf;
	dst = buf + (b->off & MASK);

	if (!f || room(b) < 160)
		return 0;
	if ((BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT_) != S_IFSOCK_)
		return 0;
	sock = BPF_CORE_READ(f, private_data);
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return 0;
	fam = BPF_CORE_READ(sk, __sk_common.skc_family);
	lport = BPF_CORE_READ(sk, __sk_common.skc_num);
	rport = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	switch (fam) {
	case AF_INET_:
		lo = inbound ? 7 : 1;
		ro = inbound ? 1 : 7;
		dst[0] = AF_INET_;
		bpf_core_read(dst + lo, 4, &sk->__sk_common.skc_rcv_saddr);
		*(__u16 *)(dst + lo + 4) = lport;
		if (!rport && uaddr && user_inet4(uaddr, dst + ro, &rport)) {
		} else {
			bpf_core_read(dst + ro, 4, &sk->__sk_common.skc_daddr);
		}
		*(__u16 *)(dst + ro + 4) = rport;
		return 13;
	case AF_INET6_:
		lo = inbound ? 19 : 1;
		ro = inbound ? 1 : 19;
		dst[0] = AF_INET6_;
		bpf_core_read(dst + lo, 16, &sk->__sk_common.skc_v6_rcv_saddr);
		*(__u16 *)(dst + lo + 16) = lport;
		bpf_core_read(dst + ro, 16, &sk->__sk_common.skc_v6_daddr);
		*(__u16 *)(dst + ro + 16) = rport;
		return 37;
	case AF_UNIX_: {
		struct unix_sock *us = (struct unix_sock *)sk;
		struct sock *peer = BPF_CORE_READ(us, peer);

		dst[0] = AF_UNIX_;
		*(__u64 *)(dst + 1) = inbound ? (__u64)us : (__u64)peer;
		*(__u64 *)(dst + 9) = inbound ? (__u64)peer : (__u64)us;
		n = put_unix_path(dst + 17, inbound || !peer ? us : (struct unix_sock *)peer);
		return 17 + (__u32)n;
	}
	default:
		return 0;
	}
}

__noinline __u32 put_fdlist(struct build *b, struct scratch *s, __u64 uptr, __u64 cnt,
					__u32 revents)
{
	__u8 *dst;
	struct pollfd p;
	__u32 i, n = cnt < PROBE_POLL_MAX ? (__u32)cnt : PROBE_POLL_MAX;
	__u8 *buf;

	if (!b || !s)
		return 0;
	buf = s->buf;
	dst = buf + (b->off & MASK);

	if (room(b) < 2 + 10 * PROBE_POLL_MAX)
		return 0;
	for (i = 0; i < PROBE_POLL_MAX; i++) {
		if (i >= n || bpf_probe_read_user(&p, sizeof(p), (const void *)(uptr + 8 * i)))
			break;
		*(__s64 *)(dst + 2 + 10 * i) = p.fd;
		*(__s16 *)(dst + 10 + 10 * i) = revents ? p.revents : p.events;
	}
	*(__u16 *)dst = (__u16)i;
	return 2 + 10 * i;
}

#include "paths.bpf.h"
#include "proc.bpf.h"

#define FMODE_CREATED_ 0x100000

/*
 * open's flags (the u64 at user address a with OF_UMEM), without the bits
 * the probe uses, and with those that say the call created the file and
 * its overlayfs layer; with OF_LAYER, the layer alone, as creat has it.
 */
static __always_inline __u64 open_flags(struct build *b, __u64 a, __u32 of)
{
	struct file *f = b->ret >= 0 ? fd_file(b->ret) : NULL;
	__u32 layer = f ? ovl_layer(BPF_CORE_READ(f, f_path.dentry)) : 0;
	__u64 v = 0;

	if (of & OF_LAYER)
		return layer;
	if (!(of & OF_UMEM))
		v = a;
	else if (a)
		bpf_probe_read_user(&v, 8, (const void *)a);
	v &= ~(__u64)(PROBE_FLAGS_O_F_CREATED | PROBE_FLAGS_FD_UPPER_LAYER |
		      PROBE_FLAGS_FD_LOWER_LAYER);
	if (f && (BPF_CORE_READ(f, f_mode) & FMODE_CREATED_))
		v |= PROBE_FLAGS_O_F_CREATED;
	if (layer)
		v |= layer == 1 ? PROBE_FLAGS_FD_UPPER_LAYER : PROBE_FLAGS_FD_LOWER_LAYER;
	return v;
}

/* The accept queue of the listening socket in f (which: PQ_*); 0 if f is no socket. */
static __always_inline __u64 accept_queue(struct file *f, __u32 which)
{
	struct socket *sock;
	struct sock *sk;
	__u64 len, max;

	if (!f || (BPF_CORE_READ(f, f_inode, i_mode) & S_IFMT_) != S_IFSOCK_)
		return 0;
	sock = BPF_CORE_READ(f, private_data);
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return 0;
	len = BPF_CORE_READ(sk, sk_ack_backlog);
	max = BPF_CORE_READ(sk, sk_max_ack_backlog);
	if (which == PQ_LEN)
		return len;
	if (which == PQ_MAX)
		return max;
	return max ? len * 100 / max : 0;
}

/* Writes parameter p at the end of the event; returns its length. */
__noinline __u32 put_param(struct build *b, struct scratch *s, const struct probe_param *p,
			    __u32 ppm_sc)
{
	__u64 a, want, v = 0;
	struct file *f;
	__u32 total = 0;
	__u8 *buf;

	if (!b || !s || !p)
		return 0;
	buf = s->buf;
	a = arg_of(b, p->arg);

	switch (p->kind) {
	case PK_ARG:
		return put_int(b, buf, a, p->size);
	case PK_ARG_INT:
		return put_int(b, buf, (__u64)(__s64)(__s32)a, p->size);
	case PK_ARG_MASK:
		return put_int(b, buf, a & p->aux, p->size);
	case PK_FCNTL_CMD:
		return put_int(b, buf, a >= 1024 ? a - 1024 + PROBE_FLAGS_FCNTL_LINUX : a, 1);
	case PK_DYN:
		if (room(b) < 16)
			return 0;
		buf[b->off & MASK] = (__u8)p->aux;
		b->off++;
		v = put_int(b, buf, a, 8);
		b->off--;
		return 1 + (__u32)v;
	case PK_RET:
		return put_int(b, buf, (__u64)b->ret, p->size);
	case PK_CONST:
		return put_int(b, buf, p->aux, p->size);
	case PK_STR:
		return put_ustr(b, buf, a);
	case PK_BUF:
		want = p->aux == PL_RET ? (b->ret > 0 ? (__u64)b->ret : 0) : arg_of(b, p->aux);
		return put_ubytes(b, buf, 0, a, want, data_snaplen(b, a, want, want));
	case PK_IOV:
	case PK_IOV_SIZE:
	case PK_MSG:
	case PK_MSG_SIZE: {
		__u64 iov = a, cnt = arg_of(b, p->arg + 1);
		__u32 n;

		if (p->kind == PK_MSG || p->kind == PK_MSG_SIZE) {
			if (bpf_probe_read_user(&iov, 8, (const void *)(a + 16)) ||
			    bpf_probe_read_user(&cnt, 8, (const void *)(a + 24)))
				iov = cnt = 0;
		}
		want = p->aux == PL_RET ? (b->ret > 0 ? (__u64)b->ret : 0) : ~0ull;
		if (p->kind == PK_IOV_SIZE || p->kind == PK_MSG_SIZE)
			want = 0;
		n = put_iov(b, buf, iov, cnt, want, &total);
		if (p->kind == PK_IOV_SIZE || p->kind == PK_MSG_SIZE)
			return put_int(b, buf, total, 4);
		return n;
	}
	case PK_MSG_CONTROL: {
		__u64 ctl[2]; /* msg_control, msg_controllen */

		if (b->ret < 0 || bpf_probe_read_user(ctl, sizeof(ctl), (const void *)(a + 32)))
			return 0;
		return put_ubytes(b, buf, 0, ctl[0], ctl[1], snaplen);
	}
	case PK_SOCKADDR:
		return put_sockaddr(b, s, a, arg_of(b, p->aux));
	case PK_TUPLE: {
		__u64 uaddr = 0;

		if (p->aux >> 8)
			uaddr = arg_of(b, p->aux >> 8);
		if (p->aux & PT_MSGNAME)
			bpf_probe_read_user(&uaddr, 8, (const void *)arg_of(b, 1));
		return put_tuple(b, s, (__s64)(__s32)a, p->aux & PT_INBOUND, uaddr);
	}
	case PK_FD_DEV:
	case PK_FD_INO:
	case PK_UMEM_INO:
		if (p->kind == PK_UMEM_INO) {
			__s32 fd = -1;

			bpf_probe_read_user(&fd, 4, (const void *)(a + p->aux));
			a = (__u64)(__s64)fd;
		}
		f = fd_file((__s64)(__s32)a);
		if (f && p->kind == PK_FD_DEV)
			v = encode_dev(BPF_CORE_READ(f, f_inode, i_sb, s_dev));
		else if (f)
			v = BPF_CORE_READ(f, f_inode, i_ino);
		return put_int(b, buf, v, p->size);
	case PK_UMEM_U64:
		if (a)
			bpf_probe_read_user(&v, 8, (const void *)(a + p->aux));
		return put_int(b, buf, v, p->size);
	case PK_UMEM_INT: {
		__s32 i = -1;

		if (a)
			bpf_probe_read_user(&i, 4, (const void *)(a + p->aux));
		return put_int(b, buf, (__u64)(__s64)i, p->size);
	}
	case PK_TIMESPEC: {
		struct __kernel_timespec ts;

		v = ~0ull;
		if (a && !bpf_probe_read_user(&ts, sizeof(ts), (const void *)a))
			v = ts.tv_sec * 1000000000ull + ts.tv_nsec;
		return put_int(b, buf, v, 8);
	}
	case PK_FDLIST:
		return put_fdlist(b, s, a, arg_of(b, p->arg + 1), p->aux);
	case PK_SIGSET:
		if (a)
			bpf_probe_read_user(&v, 4, (const void *)a);
		return put_int(b, buf, v, 4);
	case PK_PROC:
		return put_proc(b, s, p->aux, p->size);
	case PK_VM:
		return put_vm(b, buf, p->aux);
	case PK_SC:
		return put_int(b, buf, ppm_sc, 2);
	case PK_NATIVE:
		return put_int(b, buf, b->nr, 2);
	case PK_QUEUE:
		f = b->ret >= 0 ? fd_file((__s64)(__s32)a) : NULL;
		return put_int(b, buf, accept_queue(f, p->aux), p->size);
	case PK_OPEN_FLAGS:
		return put_int(b, buf, open_flags(b, a, p->aux), p->size);
	default:
		return 0;
	}
}

static __always_inline void count(__u32 dropped, __u32 toobig)
{
	struct probe_counters *c = bpf_map_lookup_elem(&counters, &(__u32){ 0 });

	if (!c)
		return;
	c->seen++;
	c->dropped += dropped;
	c->toobig += toobig;
}

/*
 * Waking the reader for every event costs more than the event itself: it
 * is woken only once wakeup_bytes are waiting, and otherwise polls on a
 * timer (probe_poll()).
 */
static __always_inline __u64 wakeup_flag(void)
{
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) >= wakeup_bytes ? BPF_RB_FORCE_WAKEUP :
									      BPF_RB_NO_WAKEUP;
}

/* Builds the event of recipe b->nr (enter or exit) and sends it. */
static __always_inline void emit(struct build *b, const struct probe_sc *sc)
{
	__u32 nparams = b->exit ? sc->nexit : sc->nenter, size, i, len;
	__u16 type = b->exit ? sc->exit_type : sc->enter_type;
	const struct probe_param *p;
	struct scratch *s;
	__u8 *ev;

	b->cpu = bpf_get_smp_processor_id();
	s = bpf_map_lookup_elem(&scratch, &b->cpu);
	if (!s || nparams > PROBE_PARAMS_MAX)
		return;
	b->nparams = nparams;
	b->off = REC_HDR + PROBE_EV_HDR + 2 * nparams;
	/* put_param() is a global function: the verifier checks it once */
	for (i = 0; i < PROBE_PARAMS_MAX && i < nparams; i++) {
		p = b->exit ? &sc->exit[i] : &sc->enter[i];
		len = put_param(b, s, p, sc->ppm_sc);
		*(__u16 *)(s->buf + ((REC_HDR + PROBE_EV_HDR + 2 * i) & MASK)) = (__u16)len;
		b->off += len;
	}

	size = b->off < PROBE_CHUNK ? b->off : PROBE_CHUNK;
	asm volatile("%0 &= 0xffff" : "+r"(size)); /* a bound the verifier keeps */
	((struct probe_rec_hdr *)s->buf)->cpu = (__u16)b->cpu;
	ev = EV_AT(s->buf);
	*(__u64 *)ev = bpf_ktime_get_boot_ns() + boot_to_epoch;
	*(__u64 *)(ev + 8) = (__u32)bpf_get_current_pid_tgid();
	*(__u32 *)(ev + 16) = size - REC_HDR;
	*(__u16 *)(ev + 20) = type;
	*(__u32 *)(ev + 22) = nparams;
	count(bpf_ringbuf_output(&events, s->buf, size, wakeup_flag()) != 0, b->toobig);
}

/* Values in the tracked map. */
#define TRACK_YES 1
#define TRACK_AT_EXEC 2 /* the command, from its first execve on */

/*
 * Whether to capture the current process. The command syshark starts is
 * followed from its first execve: what it does before (waiting to be let
 * go) is syshark's, not the command's. exec is true at an execve enter.
 */
static __always_inline bool wanted_at(bool exec)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	__u8 *t;

	if (tgid == self_tgid)
		return false;
	if (!follow)
		return true;
	t = bpf_map_lookup_elem(&tracked, &tgid);
	if (t && *t == TRACK_AT_EXEC && exec)
		*t = TRACK_YES;
	return t && *t == TRACK_YES;
}

static __always_inline bool wanted(void)
{
	return wanted_at(false);
}

/*
 * The syscall's arguments and number, with one read of the saved registers
 * r10 to orig_ax, which lie in this order in x86_64's struct pt_regs.
 */
static __noinline long read_args(struct build *b, const struct pt_regs *kregs)
{
	__u64 r[9]; /* r10 r9 r8 ax cx dx si di orig_ax */

	if (bpf_probe_read_kernel(r, sizeof(r), (const void *)kregs +
						       bpf_core_field_offset(struct pt_regs, r10)))
		return -1;
	b->args[0] = r[7];
	b->args[1] = r[6];
	b->args[2] = r[5];
	b->args[3] = r[0];
	b->args[4] = r[2];
	b->args[5] = r[1];
	return (long)r[8];
}

SEC("raw_tp/sys_enter")
int sys_enter(struct bpf_raw_tracepoint_args *ctx)
{
	struct build b = {};
	struct probe_sc *sc;
	long id = (long)ctx->args[1];

	if (id < 0 || id >= PROBE_NR_MAX - 1)
		return 0;
	b.nr = (__u32)id;
	sc = bpf_map_lookup_elem(&sc_table, &b.nr);
	if (!sc || !(sc->flags & PSC_DEFINED) || !wanted_at(sc->flags & PSC_SAVE_PATH))
		return 0;
	read_args(&b, (struct pt_regs *)ctx->args[0]);
	if (sc->flags & PSC_SAVE_PATH) {
		struct path_buf *pb;
		__u32 tid = (__u32)bpf_get_current_pid_tgid();

		bpf_map_update_elem(&exec_paths, &tid, &no_path, BPF_ANY);
		pb = bpf_map_lookup_elem(&exec_paths, &tid);
		if (pb)
			bpf_probe_read_user_str(pb->s, sizeof(pb->s),
						(const void *)b.args[sc->flags & PSC_PATH_ARG1 ? 1 : 0]);
	}
	emit(&b, sc);
	return 0;
}

/* Walking the messages of a sendmmsg or recvmmsg (PSC_MMSG). */
struct mmsg_ctx {
	struct build *b;
	const struct probe_sc *sc;
	__u64 vec; /* the mmsghdr array */
};

static long mmsg_one(__u32 i, struct mmsg_ctx *c)
{
	__u64 hdr = c->vec + i * sizeof(struct mmsghdr);
	__u32 len = 0;

	if (bpf_probe_read_user(&len, sizeof(len), (const void *)(hdr +
				bpf_core_field_offset(struct mmsghdr, msg_len))))
		return 1;
	c->b->args[1] = hdr;
	c->b->ret = len;
	c->b->toobig = 0;
	emit(c->b, c->sc);
	return 0;
}

SEC("raw_tp/sys_exit")
int sys_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct build b = { .exit = 1 };
	struct probe_sc *sc;
	long id;

	if (!wanted())
		return 0;
	id = read_args(&b, (const struct pt_regs *)ctx->args[0]);
	if (id < 0 || id >= PROBE_NR_MAX - 1)
		return 0;
	b.nr = (__u32)id;
	sc = bpf_map_lookup_elem(&sc_table, &b.nr);
	if (!sc || !(sc->flags & PSC_DEFINED))
		return 0;
	b.ret = (__s64)ctx->args[1];
	if ((sc->flags & PSC_MMSG) && b.ret > 0) {
		struct mmsg_ctx c = { .b = &b, .sc = sc, .vec = b.args[1] };

		bpf_loop(b.ret < PROBE_MMSG_MAX ? b.ret : PROBE_MMSG_MAX, mmsg_one, &c, 0);
	} else {
		emit(&b, sc);
	}
	if (sc->flags & PSC_SAVE_PATH) {
		__u32 tid = (__u32)bpf_get_current_pid_tgid();

		bpf_map_delete_elem(&exec_paths, &tid);
	}
	return 0;
}

/* New processes of a tracked process are tracked too. */
SEC("raw_tp/sched_process_fork")
int sched_process_fork(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *parent = (struct task_struct *)ctx->args[0];
	struct task_struct *child = (struct task_struct *)ctx->args[1];
	__u32 ptgid, ctgid;

	if (!follow)
		return 0;
	ptgid = BPF_CORE_READ(parent, tgid);
	ctgid = BPF_CORE_READ(child, tgid);
	if (bpf_map_lookup_elem(&tracked, &ptgid))
		bpf_map_update_elem(&tracked, &ctgid, &(__u8){ TRACK_YES }, BPF_ANY);
	return 0;
}

/*
 * When a thread other than the main one calls execve, it takes over the
 * main thread's id: the path saved at its enter moves along, so that the
 * exit event finds it.
 */
SEC("raw_tp/sched_process_exec")
int sched_process_exec(struct bpf_raw_tracepoint_args *ctx)
{
	__u32 old = (__u32)ctx->args[1], now = (__u32)bpf_get_current_pid_tgid();
	struct path_buf *pb;

	if (old == now || !wanted())
		return 0;
	pb = bpf_map_lookup_elem(&exec_paths, &old);
	if (pb) {
		bpf_map_update_elem(&exec_paths, &now, pb, BPF_ANY);
		bpf_map_delete_elem(&exec_paths, &old);
	}
	return 0;
}

SEC("raw_tp/sched_process_exit")
int sched_process_exit(struct bpf_raw_tracepoint_args *ctx)
{
	struct task_struct *t = (struct task_struct *)bpf_get_current_task();
	struct build b = { .nr = PROBE_NR_PROCEXIT, .exit = 1 };
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct probe_sc *sc;

	if (!wanted())
		return 0;
	sc = bpf_map_lookup_elem(&sc_table, &b.nr);
	if (sc && (sc->flags & PSC_DEFINED))
		emit(&b, sc);
	/* the last thread out (not a main thread replaced by an exec) */
	if (follow && BPF_CORE_READ(t, signal, live.counter) == 0)
		bpf_map_delete_elem(&tracked, &tgid);
	return 0;
}

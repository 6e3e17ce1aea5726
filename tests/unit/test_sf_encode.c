// SPDX-License-Identifier: GPL-2.0-only
/*
 * Round trips of the state block encoders: every block type is encoded,
 * written with sf_writer, read back with sf_reader and parsed with the
 * sf_*_parse functions, and every field is compared with what went in.
 * Strings over the readers' limits must come back cut to the limit.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "sf_encode.h"
#include "sf_reader.h"
#include "sf_writer.h"

#define BS(s) ((struct buf_str){ (s), (uint16_t)(sizeof(s) - 1) })

static bool str_eq(const struct buf_str *a, const char *b, size_t n)
{
	return a->len == n && (n == 0 || memcmp(a->p, b, n) == 0);
}

/* ---- inputs ---- */

static const struct sf_machine machine = {
	.num_cpus = 8,
	.memory_bytes = 16ull << 30,
	.hostname = "testhost.example",
	.boot_ts = 1700000000123456789ull,
};

static const struct sf_iface ifaces[] = {
	{ 4, { 127, 0, 0, 1 }, { 255, 0, 0, 0 }, { 0 }, 0, "lo" },
	{ 4, { 10, 0, 2, 15 }, { 255, 255, 255, 0 }, { 10, 0, 2, 255 }, 1000, "eth0" },
	{ 16,
	  { 0xfe, 0x80, [15] = 1 },
	  { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	  { 0 },
	  0,
	  "eth0" },
};

static char long_name[300];
static char long_args[5000];

static struct sf_user users[4];
static struct sf_proc procs[2];
static struct sf_fd fds[12];

static void inputs_init(void)
{
	memset(long_name, 'n', sizeof(long_name));
	for (size_t i = 0; i < sizeof(long_args); i++)
		long_args[i] = i % 10 == 9 ? 0 : (char)('a' + i % 10);

	users[0] = (struct sf_user){ 0, 0, 0, BS("root"), BS("/root"), BS("/bin/bash") };
	users[1] = (struct sf_user){ 0, 1000, 1000, BS("alice"), BS("/home/alice"), BS("") };
	users[2] = (struct sf_user){ 0, 1001, 100, { long_name, 300 }, BS("/"), BS("/bin/sh") };
	users[3] = (struct sf_user){ .kind = 1, .gid = 27, .name = BS("sudo") };

	procs[0] = (struct sf_proc){
		.tid = 4242,
		.pid = 4242,
		.ptid = 1,
		.sid = 4000,
		.vpgid = 4100,
		.comm = BS("bash"),
		.exe = BS("-bash"),
		.exepath = BS("/usr/bin/bash"),
		.args = BS("-c\0echo hi\0"),
		.cwd = BS("/home/alice"),
		.env = BS("HOME=/home/alice\0PATH=/bin\0"),
		.cgroups = BS("cpu=/user.slice\0memory=/user.slice/a.scope\0"),
		.root = BS("/"),
		.fdlimit = 1024,
		.flags = 0,
		.uid = 1000,
		.gid = 1000,
		.vmsize_kb = 12000,
		.vmrss_kb = 4000,
		.vmswap_kb = 7,
		.pfmajor = 12,
		.pfminor = 3400,
		.vtid = 4242,
		.vpid = 4242,
		.loginuid = 1000,
		.exe_writable = 1,
		.cap_inheritable = 0x1,
		.cap_permitted = 0x1fffffffffull,
		.cap_effective = 0x3000000000ull,
		.tty = 0x8801,
		.pidns_init_start_ts = 1700000000123456789ull,
		.exe_upper_layer = 1,
		.exe_ino = 777,
		.exe_ino_ctime = 1600000000000000001ull,
		.exe_ino_mtime = 1600000000000000002ull,
		.pgid = 4100,
	};
	procs[1] = (struct sf_proc){
		.tid = 4243,
		.pid = 4242,
		.ptid = 1,
		.comm = BS("worker"),
		.args = { long_args, sizeof(long_args) },
		.cwd = BS("/"),
		.fdlimit = -1,
		.flags = 0x2001,
		.uid = 0,
		.gid = 0,
		.vtid = 7,
		.vpid = 1,
		.loginuid = UINT32_MAX,
		.exe_from_memfd = 1,
		.exe_lower_layer = 1,
		.pgid = -1,
	};

	fds[0] = (struct sf_fd){ .fd = 0,
				 .ino = 5,
				 .type = 16,
				 .open_flags = 3,
				 .dev = 0x800001,
				 .name = BS("/dev/pts/0") };
	fds[1] = (struct sf_fd){ .fd = 3, .ino = 99, .type = 2, .name = BS("/home/alice") };
	fds[2] = (struct sf_fd){ .fd = 4,
				 .ino = 100,
				 .type = 3,
				 .sip = { 10, 0, 2, 15 },
				 .dip = { 93, 184, 216, 34 },
				 .sport = 54321,
				 .dport = 443,
				 .l4proto = 2 };
	fds[3] = (struct sf_fd){ .fd = 5,
				 .ino = 101,
				 .type = 4,
				 .sip = { [15] = 1 },
				 .dip = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 },
				 .sport = 1,
				 .dport = 2,
				 .l4proto = 3 };
	fds[4] = (struct sf_fd){
		.fd = 6, .ino = 102, .type = 5, .sip = { 0, 0, 0, 0 }, .sport = 22, .l4proto = 2
	};
	fds[5] = (struct sf_fd){
		.fd = 7, .ino = 103, .type = 6, .sip = { [15] = 1 }, .sport = 8080, .l4proto = 2
	};
	fds[6] = (struct sf_fd){ .fd = 8, .ino = 104, .type = 7, .name = BS("pipe:[104]") };
	fds[7] = (struct sf_fd){ .fd = 9,
				 .ino = 105,
				 .type = 8,
				 .usrc = 0xffff888012345678ull,
				 .udst = 0xffff888087654321ull,
				 .name = BS("/run/x.sock") };
	fds[8] = (struct sf_fd){ .fd = 10, .ino = 106, .type = 9, .name = BS("") };
	fds[9] = (struct sf_fd){ .fd = 11, .ino = 107, .type = 20, .name = BS("/memfd:x") };
	fds[10] = (struct sf_fd){
		.fd = 12, .ino = 108, .type = 16, .open_flags = 1, .name = { long_args, 2000 }
	};
	fds[11] = (struct sf_fd){ .fd = 13, .ino = 109, .type = 1, .name = BS("/old/style") };
}

/* ---- callbacks ---- */

static int n_iface, n_user, n_proc, n_procx, n_fd;

static int on_iface(void *arg, const uint8_t *addr, size_t len)
{
	const struct sf_iface *want = &ifaces[n_iface++];

	(void)arg;
	CHECK(len == want->len);
	CHECK(memcmp(addr, want->addr, len) == 0);
	return 0;
}

static int on_user(void *arg, const struct sf_user *u)
{
	const struct sf_user *want = &users[n_user++];
	size_t nlen = want->name.len > 255 ? 255 : want->name.len;

	(void)arg;
	CHECK(u->kind == want->kind);
	CHECK(u->gid == want->gid);
	CHECK(str_eq(&u->name, want->name.p, nlen));
	if (want->kind == 0) {
		CHECK(u->uid == want->uid);
		CHECK(str_eq(&u->home, want->home.p, want->home.len));
		CHECK(str_eq(&u->shell, want->shell.p, want->shell.len));
	}
	return 0;
}

static bool bstr_same(const struct buf_str *got, const struct buf_str *want, size_t max)
{
	return str_eq(got, want->p, want->len > max ? max : want->len);
}

static int on_proc(void *arg, const struct sf_proc *p)
{
	const struct sf_proc *w = &procs[n_proc++];

	(void)arg;
	CHECK(p->tid == w->tid && p->pid == w->pid && p->ptid == w->ptid);
	CHECK(p->sid == w->sid && p->vpgid == w->vpgid);
	CHECK(bstr_same(&p->comm, &w->comm, 1024));
	CHECK(bstr_same(&p->exe, &w->exe, 1024));
	CHECK(bstr_same(&p->exepath, &w->exepath, 1024));
	CHECK(bstr_same(&p->args, &w->args, 4096));
	CHECK(bstr_same(&p->cwd, &w->cwd, 1024));
	CHECK(bstr_same(&p->env, &w->env, 4096));
	CHECK(bstr_same(&p->cgroups, &w->cgroups, 4096));
	CHECK(bstr_same(&p->root, &w->root, 1024));
	CHECK(p->fdlimit == w->fdlimit && p->flags == w->flags);
	CHECK(p->uid == w->uid && p->gid == w->gid);
	CHECK(p->vmsize_kb == w->vmsize_kb && p->vmrss_kb == w->vmrss_kb);
	CHECK(p->vmswap_kb == w->vmswap_kb);
	CHECK(p->pfmajor == w->pfmajor && p->pfminor == w->pfminor);
	CHECK(p->vtid == w->vtid && p->vpid == w->vpid);
	CHECK(p->loginuid == w->loginuid);
	CHECK(p->exe_writable == w->exe_writable);
	CHECK(p->cap_inheritable == w->cap_inheritable);
	CHECK(p->cap_permitted == w->cap_permitted);
	CHECK(p->cap_effective == w->cap_effective);
	/* the old trailer leaves these out */
	CHECK(p->tty == 0 && p->pidns_init_start_ts == 0);
	return 0;
}

/* The process extras: the tid and every field of the current trailer. */
static int on_procx(void *arg, const struct sf_proc *p)
{
	const struct sf_proc *w = &procs[n_procx++];

	(void)arg;
	CHECK(p->tid == w->tid && p->pid == 0 && p->comm.len == 0);
	CHECK(p->tty == w->tty && p->pidns_init_start_ts == w->pidns_init_start_ts);
	CHECK(p->loginuid == w->loginuid && p->exe_writable == w->exe_writable);
	CHECK(p->cap_inheritable == w->cap_inheritable);
	CHECK(p->cap_permitted == w->cap_permitted);
	CHECK(p->cap_effective == w->cap_effective);
	CHECK(p->exe_upper_layer == w->exe_upper_layer);
	CHECK(p->exe_from_memfd == w->exe_from_memfd);
	CHECK(p->exe_lower_layer == w->exe_lower_layer);
	CHECK(p->exe_ino == w->exe_ino && p->exe_ino_ctime == w->exe_ino_ctime);
	CHECK(p->exe_ino_mtime == w->exe_ino_mtime && p->pgid == w->pgid);
	return 0;
}

static int on_fd(void *arg, uint64_t tid, const struct sf_fd *f)
{
	const struct sf_fd *w = &fds[n_fd++];
	uint8_t type = w->type > 16 ? 10 : w->type;
	size_t alen = type == 3 || type == 5 ? 4 : 16;

	(void)arg;
	CHECK(tid == 4242);
	CHECK(f->fd == w->fd && f->ino == w->ino && f->type == type);
	switch (type) {
	case 3:
	case 4:
		CHECK(memcmp(f->sip, w->sip, alen) == 0 && memcmp(f->dip, w->dip, alen) == 0);
		CHECK(f->sport == w->sport && f->dport == w->dport && f->l4proto == w->l4proto);
		break;
	case 5:
	case 6:
		CHECK(memcmp(f->sip, w->sip, alen) == 0);
		CHECK(f->sport == w->sport && f->l4proto == w->l4proto);
		break;
	case 8:
		CHECK(f->usrc == w->usrc && f->udst == w->udst);
		CHECK(bstr_same(&f->name, &w->name, 1023));
		break;
	case 16:
		CHECK(f->open_flags == w->open_flags && f->dev == w->dev);
		CHECK(bstr_same(&f->name, &w->name, 1023));
		break;
	default:
		CHECK(bstr_same(&f->name, &w->name, 1023));
		break;
	}
	return 0;
}

/* ---- the file ---- */

static void write_all(const char *path)
{
	struct sf_writer *w = sf_writer_open(path, NULL);
	const uint8_t *e;
	struct sbuf b;
	size_t i;

	CHECK(w != NULL);
	if (!w)
		return;
	sbuf_init(&b);
	sf_section_encode(&b);
	CHECK(b.len == 16);
	CHECK(sf_writer_block(w, SF_BT_SHB, b.s, (uint32_t)b.len, NULL) == 0);

	sbuf_reset(&b);
	sf_machine_encode(&b, &machine);
	CHECK(b.len == SF_MI_BODY_LEN);
	CHECK(sf_writer_block(w, SF_BT_MI, b.s, (uint32_t)b.len, NULL) == 0);

	sbuf_reset(&b);
	for (i = 0; i < sizeof(ifaces) / sizeof(ifaces[0]); i++)
		CHECK(sf_iface_encode(&b, &ifaces[i]) == 0);
	/* the first entry: its length excludes itself, 24 + strlen("lo") */
	CHECK(buf_le32((const uint8_t *)b.s) == 26);
	/* the parser keeps only addresses: check the second entry's other fields here */
	e = (const uint8_t *)b.s + 30;
	CHECK(buf_le32(e) == 28 && buf_le16(e + 4) == 1 && buf_le16(e + 6) == 4);
	CHECK(memcmp(e + 12, ifaces[1].netmask, 4) == 0);
	CHECK(memcmp(e + 16, ifaces[1].bcast, 4) == 0);
	CHECK(buf_le64(e + 20) == 1000 && memcmp(e + 28, "eth0", 4) == 0);
	CHECK(sf_iface_encode(&b, &(struct sf_iface){ .len = 6 }) == -EINVAL);
	CHECK(sf_writer_block(w, SF_BT_IL_V2, b.s, (uint32_t)b.len, NULL) == 0);

	sbuf_reset(&b);
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		sf_user_encode(&b, &users[i]);
	CHECK(sf_writer_block(w, SF_BT_UL_V2, b.s, (uint32_t)b.len, NULL) == 0);

	sbuf_reset(&b);
	for (i = 0; i < sizeof(procs) / sizeof(procs[0]); i++)
		sf_proc_encode(&b, &procs[i]);
	CHECK(sf_writer_block(w, SF_BT_PL_V9, b.s, (uint32_t)b.len, NULL) == 0);

	sbuf_reset(&b);
	for (i = 0; i < sizeof(procs) / sizeof(procs[0]); i++)
		sf_procx_encode(&b, &procs[i]);
	/* a length, the tid and the 76-byte current trailer */
	CHECK(b.len == 2 * 88);
	CHECK(sf_writer_block(w, SF_BT_PX, b.s, (uint32_t)b.len, NULL) == 0);

	sbuf_reset(&b);
	sf_fdlist_begin(&b, 4242);
	for (i = 0; i < sizeof(fds) / sizeof(fds[0]); i++)
		CHECK(sf_fd_encode(&b, &fds[i]) == 0);
	CHECK(sf_fd_encode(&b, &(struct sf_fd){ .type = 0 }) == -EINVAL);
	CHECK(sf_fd_encode(&b, &(struct sf_fd){ .type = 22 }) == -EINVAL);
	CHECK(sf_writer_block(w, SF_BT_FDL_V2, b.s, (uint32_t)b.len, NULL) == 0);
	sbuf_fini(&b);
	CHECK(sf_writer_close(w, NULL) == 0);
}

static void read_all(const char *path)
{
	struct sf_reader *r = sf_reader_open(path, NULL);
	struct sf_machine m;
	struct sf_block b;
	struct diag d = { 0 };
	int rc, kinds = 0;

	CHECK(r != NULL);
	if (!r)
		return;
	while ((rc = sf_reader_next(r, &b, &d)) > 0) {
		switch (b.kind) {
		case SF_K_SHB:
			kinds |= 1;
			break;
		case SF_K_MI:
			kinds |= 2;
			CHECK(b.total_len == 192);
			CHECK(sf_machine_parse(&b, &m, &d) == 1);
			CHECK(m.num_cpus == machine.num_cpus);
			CHECK(m.memory_bytes == machine.memory_bytes);
			CHECK_STR(m.hostname, machine.hostname);
			CHECK(m.boot_ts == machine.boot_ts);
			break;
		case SF_K_IL:
			kinds |= 4;
			CHECK(b.version == 2);
			CHECK(sf_iflist_parse(&b, on_iface, NULL, &d) == 3);
			break;
		case SF_K_UL:
			kinds |= 8;
			CHECK(b.version == 2);
			CHECK(sf_userlist_parse(&b, on_user, NULL, &d) == 4);
			break;
		case SF_K_PL:
			kinds |= 16;
			CHECK(b.version == 9);
			CHECK(sf_proclist_parse(&b, on_proc, NULL, &d) == 2);
			break;
		case SF_K_PX:
			kinds |= 64;
			CHECK(sf_procx_parse(&b, on_procx, NULL, &d) == 2);
			break;
		case SF_K_FDL:
			kinds |= 32;
			CHECK(b.version == 2);
			CHECK(sf_fdlist_parse(&b, on_fd, NULL, &d) == 12);
			break;
		default:
			CHECK(!"unexpected block");
			break;
		}
	}
	CHECK(rc == 0);
	CHECK(kinds == 127);
	CHECK(n_iface == 3 && n_user == 4 && n_proc == 2 && n_procx == 2 && n_fd == 12);
	if (d.code)
		fprintf(stderr, "diag: %s\n", d.msg);
	sf_reader_free(r);
}

int main(void)
{
	char path[] = "/tmp/test_sf_encode.XXXXXX";
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	if (fd < 0)
		return h_done();
	close(fd);
	inputs_init();
	write_all(path);
	read_all(path);
	unlink(path);
	return h_done();
}

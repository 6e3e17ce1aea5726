// SPDX-License-Identifier: GPL-2.0-only
/*
 * State block parsers (scap-format.md sections 3 to 7). V1 lists have no
 * per-entry length and are parsed strictly; V2 lists honour each entry's
 * length and skip fields they do not know.
 */
#include "sf_blocks.h"

#include <errno.h>
#include <string.h>

#include "schema.h"

#define SF_MI_LEN 180
#define SF_PL_TRAILER_OLD 29 /* loginuid, exe_writable, 3 capability sets */

static int sf_bad(struct diag *d, const struct sf_block *b, const struct buf_cur *c,
		  const char *what)
{
	return diag_set(d, -EINVAL, b->off + 8 + c->off,
			"%s at offset %llu (block at %llu, type 0x%x) is truncated or malformed",
			what, (unsigned long long)(b->off + 8 + c->off),
			(unsigned long long)b->off, b->type);
}

int sf_machine_parse(const struct sf_block *b, struct sf_machine *m, struct diag *d)
{
	struct buf_cur c;
	const uint8_t *host;

	buf_init(&c, b->body, b->body_len);
	memset(m, 0, sizeof(*m));
	buf_get_u32(&c, &m->num_cpus);
	buf_get_u64(&c, &m->memory_bytes);
	buf_skip(&c, 8);
	host = buf_take(&c, 128);
	buf_get_u64(&c, &m->boot_ts);
	if (c.err || !host)
		return sf_bad(d, b, &c, "machine info");
	memcpy(m->hostname, host, 128);
	m->hostname[128] = 0;
	return 1;
}

static bool sf_str(struct buf_cur *c, struct buf_str *s, uint16_t max)
{
	if (!buf_get_str16(c, s))
		return false;
	if (s->len > max) {
		c->err = true;
		return false;
	}
	return true;
}

/* A process before its entry is read: what older layouts lack is absent. */
static void proc_defaults(struct sf_proc *p)
{
	memset(p, 0, sizeof(*p));
	p->loginuid = UINT32_MAX;
	p->vtid = p->vpid = p->pgid = -1;
	p->vpgid = UINT64_MAX;
}

/*
 * What a PL_V9 entry holds after root, as far as it goes: the 29-byte
 * pre-0.10 trailer, or the current one, where 0.10 inserted two fields
 * before loginuid.
 */
static void pl_trailer(struct buf_cur *e, struct sf_proc *p)
{
	if (buf_left(e) > SF_PL_TRAILER_OLD) {
		buf_get_u64(e, &p->pidns_init_start_ts);
		buf_get_u32(e, &p->tty);
	}
	if (buf_left(e) >= 4)
		buf_get_u32(e, &p->loginuid);
	if (buf_left(e) >= 1)
		buf_get_u8(e, &p->exe_writable);
	if (buf_left(e) >= 24) {
		buf_get_u64(e, &p->cap_inheritable);
		buf_get_u64(e, &p->cap_permitted);
		buf_get_u64(e, &p->cap_effective);
	}
	if (buf_left(e) >= 1)
		buf_get_u8(e, &p->exe_upper_layer);
	if (buf_left(e) >= 24) {
		buf_get_u64(e, &p->exe_ino);
		buf_get_u64(e, &p->exe_ino_ctime);
		buf_get_u64(e, &p->exe_ino_mtime);
	}
	if (buf_left(e) >= 1)
		buf_get_u8(e, &p->exe_from_memfd);
	if (buf_left(e) >= 1)
		buf_get_u8(e, &p->exe_lower_layer);
	if (buf_left(e) >= 8)
		buf_get_u64(e, (uint64_t *)&p->pgid);
}

int sf_proclist_parse(const struct sf_block *b, sf_proc_fn fn, void *arg, struct diag *d)
{
	struct buf_cur c, e;
	struct sf_proc p;
	uint32_t ver = b->version, elen = 0;
	size_t start;
	int n = 0, rc;

	buf_init(&c, b->body, b->body_len);
	while (buf_left(&c) >= 4) {
		start = c.off;
		proc_defaults(&p);
		e = c;
		if (ver == 9) {
			if (!buf_get_u32(&e, &elen) || elen < 4 || elen > buf_left(&c))
				return sf_bad(d, b, &c, "process list entry");
			e.len = start + elen;
		}
		buf_get_u64(&e, &p.tid);
		buf_get_u64(&e, &p.pid);
		buf_get_u64(&e, &p.ptid);
		if (ver >= 6)
			buf_get_u64(&e, &p.sid);
		if (ver >= 8)
			buf_get_u64(&e, &p.vpgid);
		sf_str(&e, &p.comm, 1024);
		sf_str(&e, &p.exe, 1024);
		if (ver >= 7)
			sf_str(&e, &p.exepath, 1024);
		sf_str(&e, &p.args, 4096);
		sf_str(&e, &p.cwd, 1024);
		buf_get_u64(&e, (uint64_t *)&p.fdlimit);
		buf_get_u32(&e, &p.flags);
		buf_get_u32(&e, &p.uid);
		buf_get_u32(&e, &p.gid);
		if (ver >= 2) {
			buf_get_u32(&e, &p.vmsize_kb);
			buf_get_u32(&e, &p.vmrss_kb);
			buf_get_u32(&e, &p.vmswap_kb);
			buf_get_u64(&e, &p.pfmajor);
			buf_get_u64(&e, &p.pfminor);
		}
		if (ver >= 3)
			sf_str(&e, &p.env, 4096);
		if (ver >= 4) {
			buf_get_u64(&e, (uint64_t *)&p.vtid);
			buf_get_u64(&e, (uint64_t *)&p.vpid);
			sf_str(&e, &p.cgroups, 4096);
		}
		if (ver >= 5)
			sf_str(&e, &p.root, 1024);
		if (e.err)
			return sf_bad(d, b, &c, "process list entry");
		if (ver == 9) {
			pl_trailer(&e, &p);
			c.off = start + elen;
		} else {
			c.off = e.off;
		}
		n++;
		if (fn) {
			rc = fn(arg, &p);
			if (rc)
				return rc;
		}
	}
	return n;
}

int sf_procx_parse(const struct sf_block *b, sf_proc_fn fn, void *arg, struct diag *d)
{
	struct buf_cur c, e;
	struct sf_proc p;
	uint32_t elen;
	size_t start;
	int n = 0, rc;

	buf_init(&c, b->body, b->body_len);
	while (buf_left(&c) >= 4) {
		start = c.off;
		proc_defaults(&p);
		e = c;
		if (!buf_get_u32(&e, &elen) || elen < 12 || elen > buf_left(&c))
			return sf_bad(d, b, &c, "process extras entry");
		e.len = start + elen;
		buf_get_u64(&e, &p.tid);
		pl_trailer(&e, &p);
		c.off = start + elen;
		n++;
		if (fn) {
			rc = fn(arg, &p);
			if (rc)
				return rc;
		}
	}
	return n;
}

/* Copies n address bytes into dst; false (sticky error) if short. */
static bool sf_addr(struct buf_cur *e, uint8_t *dst, size_t n)
{
	const uint8_t *p = buf_take(e, n);

	if (p)
		memcpy(dst, p, n);
	return p != NULL;
}

static bool sf_fd_payload(struct buf_cur *e, struct sf_fd *f, uint32_t ver)
{
	switch (f->type) {
	case 3: /* IPV4_SOCK */
	case 4: /* IPV6_SOCK */
		sf_addr(e, f->sip, f->type == 3 ? 4 : 16);
		sf_addr(e, f->dip, f->type == 3 ? 4 : 16);
		buf_get_u16(e, &f->sport);
		buf_get_u16(e, &f->dport);
		buf_get_u8(e, &f->l4proto);
		break;
	case 5: /* IPV4_SERVSOCK */
	case 6: /* IPV6_SERVSOCK */
		sf_addr(e, f->sip, f->type == 5 ? 4 : 16);
		buf_get_u16(e, &f->sport);
		buf_get_u8(e, &f->l4proto);
		break;
	case 8: /* UNIX_SOCK */
		buf_get_u64(e, &f->usrc);
		buf_get_u64(e, &f->udst);
		sf_str(e, &f->name, 1024);
		break;
	case 16: /* FILE_V2 */
		buf_get_u32(e, &f->open_flags);
		sf_str(e, &f->name, 1024);
		if (ver == 2 && buf_left(e) >= 4)
			buf_get_u32(e, &f->dev);
		break;
	default:
		if (f->type == 0 || f->type > 21)
			return false;
		sf_str(e, &f->name, 1024);
		break;
	}
	return !e->err;
}

int sf_fdlist_parse(const struct sf_block *b, sf_fd_fn fn, void *arg, struct diag *d)
{
	struct buf_cur c, e;
	struct sf_fd f;
	uint64_t tid;
	uint32_t elen = 0;
	size_t start;
	int n = 0, rc;

	buf_init(&c, b->body, b->body_len);
	if (!buf_get_u64(&c, &tid))
		return sf_bad(d, b, &c, "fd list");
	while (buf_left(&c) >= 4) {
		start = c.off;
		memset(&f, 0, sizeof(f));
		e = c;
		if (b->version == 2) {
			if (!buf_get_u32(&e, &elen) || elen < 4 || elen > buf_left(&c))
				return sf_bad(d, b, &c, "fd list entry");
			e.len = start + elen;
		}
		buf_get_u64(&e, (uint64_t *)&f.fd);
		buf_get_u64(&e, &f.ino);
		buf_get_u8(&e, &f.type);
		if (e.err)
			return sf_bad(d, b, &c, "fd list entry");
		if (!sf_fd_payload(&e, &f, b->version)) {
			if (e.err || b->version == 1)
				return sf_bad(d, b, &c, "fd list entry");
			/* Unknown type in a V2 entry: keep it as unsupported. */
			f.type = 10;
		}
		c.off = b->version == 2 ? start + elen : e.off;
		n++;
		if (fn) {
			rc = fn(arg, tid, &f);
			if (rc)
				return rc;
		}
	}
	return n;
}

int sf_userlist_parse(const struct sf_block *b, sf_user_fn fn, void *arg, struct diag *d)
{
	struct buf_cur c, e;
	struct sf_user u;
	uint32_t elen = 0;
	size_t start;
	int n = 0, rc;

	buf_init(&c, b->body, b->body_len);
	while (buf_left(&c) >= 4) {
		start = c.off;
		memset(&u, 0, sizeof(u));
		e = c;
		if (b->version == 2) {
			if (!buf_get_u32(&e, &elen) || elen < 5 || elen > buf_left(&c))
				return sf_bad(d, b, &c, "user list entry");
			e.len = start + elen;
		}
		buf_get_u8(&e, &u.kind);
		if (u.kind == 0) {
			buf_get_u32(&e, &u.uid);
			buf_get_u32(&e, &u.gid);
			sf_str(&e, &u.name, 255);
			sf_str(&e, &u.home, 255);
			sf_str(&e, &u.shell, 255);
		} else {
			buf_get_u32(&e, &u.gid);
			sf_str(&e, &u.name, 255);
		}
		if (e.err)
			return sf_bad(d, b, &c, "user list entry");
		c.off = b->version == 2 ? start + elen : e.off;
		n++;
		if (fn) {
			rc = fn(arg, &u);
			if (rc)
				return rc;
		}
	}
	return n;
}

int sf_iflist_parse(const struct sf_block *b, sf_iface_fn fn, void *arg, struct diag *d)
{
	static const uint8_t addrlen[] = { 0, 4, 16, 4, 16 };
	struct buf_cur c, e;
	uint32_t elen = 0;
	uint16_t type = 0, namelen = 0;
	size_t start, addr;
	int n = 0, rc;

	buf_init(&c, b->body, b->body_len);
	while (buf_left(&c) >= 4) {
		start = c.off;
		e = c;
		if (b->version == 2) {
			if (!buf_get_u32(&e, &elen) || elen > buf_left(&c) - 4)
				return sf_bad(d, b, &c, "interface list entry");
			e.len = start + 4 + elen;
		}
		buf_get_u16(&e, &type);
		buf_get_u16(&e, &namelen);
		if (e.err || type == 0 || type > 4)
			return sf_bad(d, b, &c, "interface list entry");
		addr = e.off;
		buf_skip(&e, 3u * addrlen[type] + (type <= 2 ? 8 : 0) + namelen);
		if (e.err)
			return sf_bad(d, b, &c, "interface list entry");
		if (fn && (rc = fn(arg, b->body + addr, addrlen[type])) != 0)
			return rc;
		c.off = b->version == 2 ? start + 4 + elen : e.off;
		n++;
	}
	return n;
}

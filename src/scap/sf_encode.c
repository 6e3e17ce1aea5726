// SPDX-License-Identifier: GPL-2.0-only
/*
 * State block encoders (scap-format.md sections 3 to 7 and 12). The length
 * word of a V2 entry is reserved first and filled in once the entry is
 * complete. The string limits are those of the readers: sf_blocks.c and the
 * libscap of sysdig 0.29.3 (fd names must stay below 1024 there).
 */
#include "sf_encode.h"

#include <errno.h>
#include <string.h>

#define SF_PATH_MAX 1024 /* SCAP_MAX_PATH_SIZE */
#define SF_LIST_MAX 4096 /* SCAP_MAX_ARGS_SIZE, _ENV_SIZE, _CGROUPS_SIZE */
#define SF_CRED_MAX 255	 /* MAX_CREDENTIALS_STR_LEN - 1 */
#define SF_FDNAME_MAX 1023
#define SF_IFNAME_MAX 1023

#define SF_FD_UNSUPPORTED 10
#define SF_FD_FILE_V2 16
#define SF_FD_PIDFD 21

static void put_u8(struct sbuf *b, uint8_t v)
{
	sbuf_putc(b, (char)v);
}

static void put_u16(struct sbuf *b, uint16_t v)
{
	uint8_t p[2] = { (uint8_t)v, (uint8_t)(v >> 8) };

	sbuf_put(b, p, 2);
}

static void put_u32(struct sbuf *b, uint32_t v)
{
	uint8_t p[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

	sbuf_put(b, p, 4);
}

static void put_u64(struct sbuf *b, uint64_t v)
{
	put_u32(b, (uint32_t)v);
	put_u32(b, (uint32_t)(v >> 32));
}

/* A str16 of at most max bytes. */
static void put_str16(struct sbuf *b, const char *s, size_t len, size_t max)
{
	uint16_t n = (uint16_t)(s ? (len < max ? len : max) : 0);

	put_u16(b, n);
	sbuf_put(b, s, n);
}

static void put_bstr(struct sbuf *b, const struct buf_str *s, size_t max)
{
	put_str16(b, s->p, s->len, max);
}

/* Reserves a u32 entry length; returns its offset for len_end(). */
static size_t len_begin(struct sbuf *b)
{
	size_t at = b->len;

	put_u32(b, 0);
	return at;
}

/* Stores the bytes since at, plus adj, in the length word at at. */
static void len_end(struct sbuf *b, size_t at, int adj)
{
	uint32_t v = (uint32_t)(b->len - at) + (uint32_t)adj;
	uint8_t *p = (uint8_t *)b->s + at;

	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

void sf_section_encode(struct sbuf *b)
{
	put_u32(b, 0x1A2B3C4Du);
	put_u16(b, 1);
	put_u16(b, 2);
	put_u64(b, UINT64_MAX);
}

void sf_machine_encode(struct sbuf *b, const struct sf_machine *m)
{
	char host[128] = { 0 };

	memcpy(host, m->hostname, strnlen(m->hostname, sizeof(host)));
	put_u32(b, m->num_cpus);
	put_u64(b, m->memory_bytes);
	put_u64(b, 0); /* max_pid */
	sbuf_put(b, host, sizeof(host));
	put_u64(b, m->boot_ts);
	put_u64(b, 0); /* flags */
	put_u64(b, 0);
	put_u64(b, 0);
}

int sf_iface_encode(struct sbuf *b, const struct sf_iface *i)
{
	size_t at, n;

	if (i->len != 4 && i->len != 16)
		return -EINVAL;
	n = i->name ? strnlen(i->name, SF_IFNAME_MAX) : 0;
	/* the length excludes its own word, unlike the other lists */
	at = len_begin(b);
	put_u16(b, i->len == 4 ? 1 : 2);
	put_u16(b, (uint16_t)n);
	sbuf_put(b, i->addr, i->len);
	sbuf_put(b, i->netmask, i->len);
	sbuf_put(b, i->bcast, i->len);
	put_u64(b, i->linkspeed);
	sbuf_put(b, i->name, n);
	len_end(b, at, -4);
	return 0;
}

void sf_user_encode(struct sbuf *b, const struct sf_user *u)
{
	size_t at = len_begin(b);

	put_u8(b, u->kind);
	if (u->kind == 0) {
		put_u32(b, u->uid);
		put_u32(b, u->gid);
		put_bstr(b, &u->name, SF_CRED_MAX);
		put_bstr(b, &u->home, SF_CRED_MAX);
		put_bstr(b, &u->shell, SF_CRED_MAX);
	} else {
		put_u32(b, u->gid);
		put_bstr(b, &u->name, SF_CRED_MAX);
	}
	len_end(b, at, 0);
}

/* loginuid, exe_writable and the three capability sets: the order both the
 * process block's trailer and the extras block have them in */
static void put_creds(struct sbuf *b, const struct sf_proc *p)
{
	put_u32(b, p->loginuid);
	put_u8(b, p->exe_writable);
	put_u64(b, p->cap_inheritable);
	put_u64(b, p->cap_permitted);
	put_u64(b, p->cap_effective);
}

void sf_proc_encode(struct sbuf *b, const struct sf_proc *p)
{
	size_t at = len_begin(b);

	put_u64(b, p->tid);
	put_u64(b, p->pid);
	put_u64(b, p->ptid);
	put_u64(b, p->sid);
	put_u64(b, p->vpgid);
	put_bstr(b, &p->comm, SF_PATH_MAX);
	put_bstr(b, &p->exe, SF_PATH_MAX);
	put_bstr(b, &p->exepath, SF_PATH_MAX);
	put_bstr(b, &p->args, SF_LIST_MAX);
	put_bstr(b, &p->cwd, SF_PATH_MAX);
	put_u64(b, (uint64_t)p->fdlimit);
	put_u32(b, p->flags);
	put_u32(b, p->uid);
	put_u32(b, p->gid);
	put_u32(b, p->vmsize_kb);
	put_u32(b, p->vmrss_kb);
	put_u32(b, p->vmswap_kb);
	put_u64(b, p->pfmajor);
	put_u64(b, p->pfminor);
	put_bstr(b, &p->env, SF_LIST_MAX);
	put_u64(b, (uint64_t)p->vtid);
	put_u64(b, (uint64_t)p->vpid);
	put_bstr(b, &p->cgroups, SF_LIST_MAX);
	put_bstr(b, &p->root, SF_PATH_MAX);
	put_creds(b, p); /* the pre-0.10 trailer, read alike by old and new libscap */
	len_end(b, at, 0);
}

void sf_procx_encode(struct sbuf *b, const struct sf_proc *p)
{
	size_t at = len_begin(b);

	put_u64(b, p->tid);
	put_u64(b, p->pidns_init_start_ts);
	put_u32(b, p->tty);
	put_creds(b, p);
	put_u8(b, p->exe_upper_layer);
	put_u64(b, p->exe_ino);
	put_u64(b, p->exe_ino_ctime);
	put_u64(b, p->exe_ino_mtime);
	put_u8(b, p->exe_from_memfd);
	put_u8(b, p->exe_lower_layer);
	put_u64(b, (uint64_t)p->pgid);
	len_end(b, at, 0);
}

void sf_fdlist_begin(struct sbuf *b, uint64_t tid)
{
	put_u64(b, tid);
}

int sf_fd_encode(struct sbuf *b, const struct sf_fd *f)
{
	uint8_t type = f->type;
	size_t at;

	if (type == 0 || type > SF_FD_PIDFD)
		return -EINVAL;
	if (type > SF_FD_FILE_V2)
		type = SF_FD_UNSUPPORTED;
	at = len_begin(b);
	put_u64(b, (uint64_t)f->fd);
	put_u64(b, f->ino);
	put_u8(b, type);
	switch (type) {
	case 3: /* IPV4_SOCK */
	case 4: /* IPV6_SOCK */
		sbuf_put(b, f->sip, type == 3 ? 4 : 16);
		sbuf_put(b, f->dip, type == 3 ? 4 : 16);
		put_u16(b, f->sport);
		put_u16(b, f->dport);
		put_u8(b, f->l4proto);
		break;
	case 5: /* IPV4_SERVSOCK */
	case 6: /* IPV6_SERVSOCK */
		sbuf_put(b, f->sip, type == 5 ? 4 : 16);
		put_u16(b, f->sport);
		put_u8(b, f->l4proto);
		break;
	case 8: /* UNIX_SOCK */
		put_u64(b, f->usrc);
		put_u64(b, f->udst);
		put_bstr(b, &f->name, SF_FDNAME_MAX);
		break;
	case SF_FD_FILE_V2:
		put_u32(b, f->open_flags);
		put_bstr(b, &f->name, SF_FDNAME_MAX);
		put_u32(b, f->dev);
		break;
	default:
		put_bstr(b, &f->name, SF_FDNAME_MAX);
		break;
	}
	len_end(b, at, 0);
	return 0;
}

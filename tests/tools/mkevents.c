// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkevents: writes a capture holding one event of every type that sysdig
 * 0.29.3 knows, each parameter filled with a plausible value of its type, so
 * that every rendering path can be compared with sysdig. A process list and
 * an fd list give the events a thread, files and a socket to refer to.
 *
 * usage: mkevents [--for-filters | --hostile | --late] OUT.scap
 * --for-filters leaves out bpf, whose result sysdig 0.29.3 crashes on when a
 * filter reads evt.res. --hostile puts terminal controls, a forged event
 * line and bytes that are not UTF-8 in every name, path and string: the
 * thread's command, executable, arguments and directory, its files' names
 * and every string parameter. --late ends with two close calls that each
 * return 2^63 ns (292 years) after they begin, as a damaged clock would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#define TID 100

/* a colour, a bell, a line that looks like an event, bytes that are not UTF-8 */
#define HOSTILE "\x1b[31m\x07\r\n7 00:00:00.000000000 0 forged (1) > open \xff\xfe"

static unsigned char buf[1 << 20];
static size_t blen;
static bool hostile;

static void put(const void *p, size_t n)
{
	if (blen + n > sizeof(buf)) {
		fprintf(stderr, "mkevents: buffer full\n");
		exit(1);
	}
	memcpy(buf + blen, p, n);
	blen += n;
}

static void put_u8(unsigned int v)
{
	unsigned char c = (unsigned char)v;

	put(&c, 1);
}

static void put_le(unsigned long long v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		put_u8(i < 8 ? (unsigned int)(v >> (8 * i)) & 0xff : 0);
}

static void put_str16(const char *s)
{
	put_le(strlen(s), 2);
	put(s, strlen(s));
}

/* Starts a block; returns its offset for block_end(). */
static size_t block_begin(unsigned int type)
{
	size_t at = blen;

	put_le(type, 4);
	put_le(0, 4);
	return at;
}

static void block_end(size_t at)
{
	size_t len;

	while ((blen - at) % 4)
		put_u8(0);
	len = blen - at + 4;
	put_le(len, 4);
	memcpy(buf + at + 4, &(unsigned int){ (unsigned int)len }, 4);
}

/* v, little-endian, in w bytes at p; returns w. */
static size_t le_put(unsigned char *p, unsigned long long v, size_t w)
{
	memcpy(p, &v, w);
	return w;
}

/* The value of one parameter of type t, into p; returns its length. */
static size_t param_value(const struct ev_param_info *pi, unsigned int id, unsigned char *p)
{
	size_t n = 0, i;
	int t = pi->type;
	unsigned long long v = 3 + id % 5;

#define LE(val, width) (n = le_put(p, (val), (width)))
	switch (t) {
	case EV_PT_INT8: case EV_PT_UINT8: case EV_PT_SIGTYPE: case EV_PT_L4PROTO:
	case EV_PT_SOCKFAMILY: case EV_PT_FLAGS8: case EV_PT_ENUMFLAGS8:
		LE(t == EV_PT_SIGTYPE ? 9 : v, 1);
		break;
	case EV_PT_INT16: case EV_PT_UINT16: case EV_PT_PORT: case EV_PT_FLAGS16:
	case EV_PT_ENUMFLAGS16:
		LE(v, 2);
		break;
	case EV_PT_SYSCALLID:
		LE(id % 300 + 1, 2);
		break;
	case EV_PT_INT32: case EV_PT_UINT32: case EV_PT_BOOL: case EV_PT_FLAGS32:
	case EV_PT_ENUMFLAGS32: case EV_PT_UID: case EV_PT_GID: case EV_PT_SIGSET:
	case EV_PT_FD32: case EV_PT_PID32:
		LE(t == EV_PT_UID || t == EV_PT_GID ? (id % 3 ? 0 : 0xffffffffULL) : v, 4);
		break;
	case EV_PT_MODE:
		LE(0644, 4);
		break;
	case EV_PT_IPV4ADDR:
		LE(0x0100007f, 4);
		break;
	case EV_PT_INT64: case EV_PT_UINT64: case EV_PT_ABSTIME: case EV_PT_DOUBLE:
		LE(id % 2 ? 0x7fad48782000ULL : 1234567, 8);
		break;
	case EV_PT_RELTIME:
		LE(id % 2 ? 1500000000ULL : ~0ULL, 8);
		break;
	case EV_PT_ERRNO:
		LE(id % 3 == 0 ? (unsigned long long)-2LL : id % 3 == 1 ? 0 : 42, 8);
		break;
	case EV_PT_FD:
		LE(id % 4 == 0 ? 3 : id % 4 == 1 ? 4 : id % 4 == 2 ? (unsigned long long)-100LL : 9, 8);
		break;
	case EV_PT_PID:
		/* a clone's result is a new child; other pids name known threads */
		LE(strcmp(pi->name, "res") == 0 ? 1000 + id : id % 2 ? TID : 1, 8);
		break;
	case EV_PT_CHARBUF:
		n = (size_t)sprintf((char *)p, "value-%u%s", id, hostile ? HOSTILE : "") + 1;
		break;
	case EV_PT_FSPATH: case EV_PT_FSRELPATH:
		n = (size_t)sprintf((char *)p, id % 2 ? "sub/../file%u%s" : "/abs/file%u%s", id,
				    hostile ? HOSTILE : "") + 1;
		break;
	case EV_PT_BYTEBUF:
		for (i = 0; i < 90; i++)
			p[i] = (unsigned char)(i * 7 + id);
		n = id % 2 ? 90 : 20;
		break;
	case EV_PT_SOCKADDR:
		memcpy(p, "\x02\x7f\x00\x00\x01\x50\x00", 7);
		n = 7;
		break;
	case EV_PT_SOCKTUPLE:
		memcpy(p, "\x02\x0a\x00\x00\x01\x39\x30\x7f\x00\x00\x01\x50\x00", 13);
		n = 13;
		break;
	case EV_PT_FDLIST:
		memcpy(p, "\x02\x00" "\x03\0\0\0\0\0\0\0" "\x01\x00" "\x07\0\0\0\0\0\0\0" "\x04\x00", 22);
		n = 22;
		break;
	case EV_PT_DYN:
		/* index 0 of every dynamic table is a plain type; use it */
		p[0] = 0;
		n = 1 + param_value(&(struct ev_param_info){ .type = EV_PT_UINT64, .table = -1,
							      .dyn = -1 }, id, p + 1);
		if (pi->dyn == EV_TT_sockopt_dynamic_param) {
			p[0] = 2; /* UINT32 */
			n = 5;
		} else if (pi->dyn == EV_TT_bpf_dynamic_param) {
			p[0] = 1; /* ERRNO */
		}
		break;
	default:
		n = 0;
		break;
	}
#undef LE
	return n;
}

static void event(unsigned long long ts, unsigned int id, const struct ev_param_info *params,
		  unsigned int np)
{
	unsigned char vals[64][128];
	size_t lens[64], total = 0, at;
	unsigned int i, lw = (ev_table[id].flags & EV_F_LARGE_PAYLOAD) ? 4 : 2;

	for (i = 0; i < np; i++) {
		lens[i] = param_value(&params[i], id, vals[i]);
		total += lens[i];
	}
	at = block_begin(0x216);
	put_le(id % 4, 2); /* cpu */
	put_le(ts, 8);
	put_le(TID, 8);
	put_le(26 + lw * np + total, 4);
	put_le(id, 2);
	put_le(np, 4);
	for (i = 0; i < np; i++)
		put_le(lens[i], (int)lw);
	for (i = 0; i < np; i++)
		put(vals[i], lens[i]);
	block_end(at);
}

static void state_blocks(void)
{
	size_t at, e;

	at = block_begin(0x0A0D0D0A);
	put_le(0x1A2B3C4D, 4);
	put_le(1, 2);
	put_le(2, 2);
	put_le(~0ULL, 8);
	block_end(at);

	at = block_begin(0x220); /* users: root and one more */
	e = blen;
	put_le(0, 4);
	put_u8(0);
	put_le(0, 4);
	put_le(0, 4);
	put_str16("root");
	put_str16("/root");
	put_str16("/bin/sh");
	memcpy(buf + e, &(unsigned int){ (unsigned int)(blen - e) }, 4);
	e = blen;
	put_le(0, 4);
	put_u8(1);
	put_le(0, 4);
	put_str16("root");
	memcpy(buf + e, &(unsigned int){ (unsigned int)(blen - e) }, 4);
	block_end(at);

	at = block_begin(0x215);
	e = blen;
	put_le(0, 4);
	put_le(TID, 8);
	put_le(TID, 8);
	put_le(1, 8);
	put_le(TID, 8);
	put_le(TID, 8);
	put_str16(hostile ? "gen" HOSTILE : "gen");
	put_str16(hostile ? "gen" HOSTILE : "gen");
	put_str16(hostile ? "/usr/bin/gen" HOSTILE : "/usr/bin/gen");
	put_str16(hostile ? "--all" HOSTILE : "--all");
	put_str16(hostile ? "/home/gen" HOSTILE : "/home/gen");
	put_le(1024, 8);
	put_le(0, 4);
	put_le(0, 4);
	put_le(0, 4);
	put_le(0, 12);
	put_le(0, 16);
	put_str16("HOME=/home/gen");
	put_le(TID, 8);
	put_le(TID, 8);
	put_str16("");
	put_str16("/");
	put_le(1000, 4); /* loginuid */
	put_u8(0);
	memcpy(buf + e, &(unsigned int){ (unsigned int)(blen - e) }, 4);
	block_end(at);

	at = block_begin(0x218);
	put_le(TID, 8);
	e = blen;
	put_le(0, 4);
	put_le(3, 8);
	put_le(77, 8);
	put_u8(16);
	put_le(1, 4);
	put_str16(hostile ? "/etc/passwd" HOSTILE : "/etc/passwd");
	put_le(0, 4);
	memcpy(buf + e, &(unsigned int){ (unsigned int)(blen - e) }, 4);
	e = blen;
	put_le(0, 4);
	put_le(4, 8);
	put_le(78, 8);
	put_u8(3);
	put("\x0a\x00\x00\x01\x7f\x00\x00\x01", 8);
	put_le(12345, 2);
	put_le(80, 2);
	put_u8(2);
	memcpy(buf + e, &(unsigned int){ (unsigned int)(blen - e) }, 4);
	block_end(at);
}

/* Two close calls of 2^63 ns each, from ts on. */
static void late_calls(unsigned long long ts)
{
	unsigned int id, k;

	for (id = 0; strcmp(ev_table[id].name, "close") != 0; id += 2)
		;
	for (k = 0; k < 2; k++) {
		event(ts + k, id, ev_table[id].compat_params, ev_table[id].compat_nparams);
		event(ts + k + (1ULL << 63), id + 1, ev_table[id + 1].compat_params,
		      ev_table[id + 1].compat_nparams);
	}
}

int main(int argc, char **argv)
{
	unsigned long long ts = 1700000000000000000ULL;
	unsigned int id, k;
	FILE *f;

	bool for_filters = argc == 3 && strcmp(argv[1], "--for-filters") == 0;
	bool late = argc == 3 && strcmp(argv[1], "--late") == 0;

	hostile = argc == 3 && strcmp(argv[1], "--hostile") == 0;
	if (argc != 2 && !for_filters && !hostile && !late) {
		fprintf(stderr, "usage: mkevents [--for-filters | --hostile | --late] OUT.scap\n");
		return 2;
	}
	state_blocks();
	for (id = 0; id < 2 * EV_COMPAT_MAX; id++) {
		/* Process events last: they change the thread the others use. */
		bool process_pass = id >= EV_COMPAT_MAX;
		const struct ev_info *info = &ev_table[id % EV_COMPAT_MAX];
		bool skip = (info->compat_flags & EV_F_UNUSED) != 0;

		/* Types that change the process or whose values are pointers. */
		for (k = 0; k < info->compat_nparams; k++)
			if (info->compat_params[k].type == EV_PT_CHARBUFARRAY ||
			    info->compat_params[k].type == EV_PT_CHARBUF_PAIR_ARRAY)
				skip = true;
		if (((info->compat_category & EV_C_CLASS_MASK) == EV_C_PROCESS) != process_pass)
			skip = true;
		/*
		 * sysdig stops at a k8s, mesos or container record whose JSON it
		 * cannot parse. After procexit, the tid's further events would meet
		 * libsinsp's placeholder thread, whose cwd is not modelled.
		 */
		if (strcmp(info->name, "procexit") == 0 ||
		    (for_filters && strcmp(info->name, "bpf") == 0))
			skip = true;
		if (strcmp(info->name, "k8s") == 0 || strcmp(info->name, "mesos") == 0 ||
		    strcmp(info->name, "container") == 0)
			skip = true;
		if (skip)
			continue;
		event(ts, id % EV_COMPAT_MAX, info->compat_params, info->compat_nparams);
		ts += 1000;
	}
	if (late)
		late_calls(ts);
	f = fopen(argv[argc - 1], "wb");
	if (!f || fwrite(buf, 1, blen, f) != blen || fclose(f) != 0) {
		perror(argv[argc - 1]);
		return 1;
	}
	return 0;
}

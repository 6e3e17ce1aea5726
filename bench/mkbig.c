// SPDX-License-Identifier: GPL-2.0-only
/*
 * mkbig: make a large .scap capture for benchmarks.
 *
 * usage: mkbig IN OUT N
 *
 * IN is an uncompressed .scap file. Everything before its first event
 * block (section header, state blocks) is copied unchanged, then its event
 * blocks are written over and over, each repetition shifting every event
 * timestamp by (last_ts - first_ts + 1000) ns, until N event blocks are out.
 * A timestamp of 0 (metadata events such as container JSON) means "no time":
 * it is neither shifted nor counted in first_ts/last_ts. Blocks that follow
 * the first event block but are not events are dropped.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHB_TYPE 0x0A0D0D0AU

static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	       (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const unsigned char *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

static void put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static void __attribute__((noreturn)) die(const char *msg)
{
	fprintf(stderr, "mkbig: %s\n", msg);
	exit(1);
}

/* Offset of the u64 timestamp inside an event block, or 0 if not an event. */
static size_t ts_offset(uint32_t type)
{
	switch (type) {
	case 0x204: case 0x216: case 0x221:
		return 8 + 2;		/* block header, u16 cpu */
	case 0x208: case 0x217: case 0x222:
		return 8 + 2 + 4;	/* ... and u32 flags */
	default:
		return 0;
	}
}

int main(int argc, char **argv)
{
	unsigned char *buf;
	size_t size, off, hdr_len = 0, nev = 0, *evoff;
	uint64_t want, written = 0, min_ts = UINT64_MAX, max_ts = 0, span;
	long len;
	FILE *in, *out;
	char *end;

	if (argc != 4)
		die("usage: mkbig IN OUT N");
	want = strtoull(argv[3], &end, 10);
	if (*end || !want)
		die("N must be a positive number");

	in = fopen(argv[1], "rb");
	if (!in || fseek(in, 0, SEEK_END) || (len = ftell(in)) < 0 ||
	    fseek(in, 0, SEEK_SET))
		die("cannot read input");
	size = (size_t)len;
	buf = malloc(size + 1);
	/* at most one event block per 16 bytes */
	evoff = malloc((size / 16 + 1) * sizeof(*evoff));
	if (!buf || !evoff)
		die("out of memory");
	if (fread(buf, 1, size, in) != size)
		die("short read");
	fclose(in);

	for (off = 0; off < size;) {
		uint32_t type, blen;
		size_t tso;

		if (size - off < 12)
			die("truncated block header");
		type = get32(buf + off);
		blen = get32(buf + off + 4);
		if (blen < 12 || blen % 4 || blen > size - off)
			die("bad block length");
		if (get32(buf + off + blen - 4) != blen)
			die("trailing block length mismatch");
		if (off == 0 && (type != SHB_TYPE || blen < 28))
			die("not a .scap file (no section header first)");
		if (type == SHB_TYPE && off)
			die("more than one section is not supported");
		tso = ts_offset(type);
		if (tso && tso + 8 > blen - 4)
			die("event block too short");
		if (tso) {
			uint64_t ts = get64(buf + off + tso);

			if (!nev)
				hdr_len = off;
			evoff[nev++] = off;
			if (ts && ts < min_ts)
				min_ts = ts;
			if (ts > max_ts)
				max_ts = ts;
		}
		off += blen;
	}
	if (!max_ts)
		die("no timestamped event blocks in input");
	span = max_ts - min_ts + 1000;

	out = fopen(argv[2], "wb");
	if (!out)
		die("cannot create output");
	/* the section length in the header is now wrong: mark it unknown */
	put64(buf + 16, UINT64_MAX);
	if (fwrite(buf, 1, hdr_len, out) != hdr_len)
		die("write error");
	for (uint64_t rep = 0; written < want; rep++) {
		if (rep && max_ts > UINT64_MAX - span)
			die("timestamps would overflow");
		if (rep)
			max_ts += span;
		for (size_t i = 0; i < nev && written < want; i++, written++) {
			unsigned char *blk = buf + evoff[i];
			size_t tso = ts_offset(get32(blk)), blen = get32(blk + 4);
			uint64_t ts = get64(blk + tso);

			if (rep && ts)
				put64(blk + tso, ts + span);
			if (fwrite(blk, 1, blen, out) != blen)
				die("write error");
		}
	}
	if (fclose(out))
		die("write error");
	fprintf(stderr, "mkbig: %zu header bytes, %zu events per copy, %llu events written\n",
		hdr_len, nev, (unsigned long long)written);
	return 0;
}

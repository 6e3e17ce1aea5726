/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Protocols inside the data of system calls, dissected as Wireshark
 * dissects them: a registry of dissectors, each found by a port hint or by
 * a look at the bytes (as Wireshark's heuristic dissectors are), giving a
 * tree whose nodes name their bytes and carry Wireshark's field names.
 * Pure functions over bytes: no engine, no I/O.
 */
#ifndef SYSHARK_DIS_PROTO_H
#define SYSHARK_DIS_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

/* A node of a dissection: a field's value, or a label (field NULL). */
struct dis_pnode {
	const char *field; /* "http.request.method", or NULL */
	char *text;	   /* the value as shown: "GET"; or the label */
	uint32_t off, len; /* its bytes in the message */
	uint8_t depth;
};

struct dis_proto;

/* The transport of a message: none known (a pipe, a unix socket), TCP or UDP. */
enum dis_transport { DIS_T_ANY, DIS_T_TCP, DIS_T_UDP };

/* Which way a message goes, when the socket's role tells it. */
enum dis_dir { DIS_D_UNKNOWN, DIS_D_TO_SERVER, DIS_D_TO_CLIENT };

/* A message: the bytes of one read or write, and what its socket tells. */
struct dis_msg {
	const uint8_t *p;
	size_t n;
	enum dis_transport tr;
	enum dis_dir dir;
	bool answers_head; /* it answers an HTTP HEAD request: no body, whatever its headers say */
};

struct dis_ptree {
	const struct dis_proto *proto;
	struct dis_pnode *n;
	size_t count, cap;
	/* the byte where the message breaks (truncated, a length that lies), or -1 */
	int64_t malformed;
};

struct dis_proto {
	const char *name;	      /* "HTTP", as a Protocol column shows it */
	const uint16_t *ports;	      /* port hints, 0-ended */
	bool tcp, udp;		      /* the transports it runs over */
	/* whether the bytes look like a message of it */
	bool (*looks)(const struct dis_msg *m);
	void (*dissect)(const struct dis_msg *m, struct dis_ptree *t);
	/*
	 * The bytes the first message in m takes: at most m->n when it is
	 * whole, more when it needs more (DIS_MORE when how many is not known
	 * yet), 0 when the bytes do not frame a message (whole as they are)
	 */
	size_t (*msg_len)(const struct dis_msg *m);
	/*
	 * The bytes of the first message in m that it needs to be dissected,
	 * when fewer than all (DIS_MORE if they are not all there); the rest
	 * (an HTTP body) may come later. NULL: all of them.
	 */
	size_t (*head_len)(const struct dis_msg *m);
	const char *const *fields; /* its fields, NULL-ended */
};

#define DIS_MORE SIZE_MAX

/* The registered protocols; *n is set to their number. */
const struct dis_proto *const *dis_protos(size_t *n);

/*
 * The protocol of message m between ports sport and dport (0 when there
 * are none): one whose port hint matches and whose look at the bytes
 * agrees, else the first whose look does; NULL if none.
 */
const struct dis_proto *dis_proto_find(const struct dis_msg *m, uint16_t sport, uint16_t dport);
/*
 * For the first bytes of a stream's message, when dis_proto_find() finds
 * none: a protocol whose port hint matches and whose framing says that the
 * bytes start a message that needs more of them; NULL if none.
 */
const struct dis_proto *dis_proto_find_partial(const struct dis_msg *m, uint16_t sport,
					       uint16_t dport);
/* Whether m starts with an HTTP HEAD request, whose response has no body. */
bool dis_http_asks_head(const struct dis_msg *m);
/* The index of d in the registry (dis_protos()). */
size_t dis_proto_index(const struct dis_proto *d);

void dis_ptree_init(struct dis_ptree *t);
void dis_ptree_fini(struct dis_ptree *t);
/* Dissects message m with proto into t (emptied first). */
void dis_ptree_dissect(struct dis_ptree *t, const struct dis_proto *proto,
		       const struct dis_msg *m);

/* Adds a node; text is len bytes (sanitized to printable ASCII). */
struct dis_pnode *dis_ptree_add(struct dis_ptree *t, unsigned int depth, const char *field,
				const char *text, size_t len, uint32_t off, uint32_t n);
/* Adds a node whose value is the n bytes at p + off in lowercase hex, as tshark prints bytes. */
void dis_ptree_add_hex(struct dis_ptree *t, unsigned int depth, const char *field,
		       const uint8_t *p, uint32_t off, uint32_t n);
/* Marks t malformed at byte off (the first such byte counts). */
void dis_ptree_malformed(struct dis_ptree *t, size_t off);

/* Appends the nth value (from 0) of field in t; false if it has none. */
bool dis_ptree_field(const struct dis_ptree *t, const char *field, unsigned int nth,
		     struct sbuf *out);
/* Appends all the values of field in t, split by commas as tshark's; false if none. */
bool dis_ptree_values(const struct dis_ptree *t, const char *field, struct sbuf *out);

/* The protocol a field belongs to ("http.host": HTTP), or NULL if no dissector has it. */
const struct dis_proto *dis_proto_of_field(const char *field);

#endif

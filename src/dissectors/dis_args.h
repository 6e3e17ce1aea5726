/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Rendering of event parameters as text, table-driven by the schema. The
 * "compat" view reproduces sysdig 0.29.3's evt.args byte for byte; the
 * "cur" view uses the current parameter names and types (JSON, fields).
 *
 * State (thread names, fd names, users) is reached only through the
 * callbacks of struct dis_ctx, so this module needs no engine.
 */
#ifndef SYSHARK_DIS_ARGS_H
#define SYSHARK_DIS_ARGS_H

#include <stdbool.h>
#include <stdint.h>

#include "event.h"
#include "sbuf.h"
#include "schema.h"

/* BYTEBUF values longer than this are cut and end in "..." (sysdig -v off). */
#define DIS_MAX_BUF_OUT 80

enum dis_view {
	DIS_VIEW_CUR,
	DIS_VIEW_COMPAT,
};

struct dis_fdinfo {
	char typechar;
	uint8_t l4proto;
	const char *name;
};

struct dis_ctx {
	const void *arg;
	bool has_thread; /* the event's thread is known */
	const char *cwd; /* its working directory, ending in '/' */
	/* Command name of thread tid, or NULL. */
	const char *(*comm)(const void *arg, int64_t tid);
	/* An fd of the event's thread; false if unknown. */
	bool (*fd)(const void *arg, int64_t fd, struct dis_fdinfo *out);
	const char *(*user)(const void *arg, uint32_t uid);
	const char *(*group)(const void *arg, uint32_t gid);
	uint32_t max_buf; /* 0 = no limit */
};

/* Parameter table and count of ev in a view. */
const struct ev_param_info *dis_params(const struct ev_view *ev, enum dis_view view,
				       unsigned int *n);

/*
 * Renders parameter i of ev: the value into val and the resolved form (flag
 * names, errno name, fd name, ...) into res, which stays empty if there is
 * none. Both are appended to.
 */
void dis_param_render(struct sbuf *val, struct sbuf *res, const struct ev_view *ev,
		      const struct ev_param_info *params, unsigned int i,
		      const struct dis_ctx *ctx);

/* evt.args: "name=value(resolved) " for each parameter. */
void dis_args_render(struct sbuf *o, const struct ev_view *ev, enum dis_view view,
		     const struct dis_ctx *ctx);

/*
 * The index in enter's parameters of the k-th one (from 0) that exit lacks
 * by name, or -1: what a call adds to its exit's parameters.
 */
int dis_call_enter_param(const struct ev_view *exit, const struct ev_view *enter,
			 enum dis_view view, unsigned int k);

/* The order of a call's parameters. */
enum dis_call_order {
	DIS_CALL_LIBS,	 /* exit's, then those of enter that exit lacks (current libs) */
	DIS_CALL_RESULT, /* exit's first (its result), enter's, the rest of exit's */
};

/*
 * Parameter k (from 0) of a call, of exit or of enter (if not NULL) as *v
 * and *i; false past the last.
 */
bool dis_call_param(const struct ev_view *exit, const struct ev_view *enter, enum dis_view view,
		    enum dis_call_order order, unsigned int k, const struct ev_view **v,
		    unsigned int *i);

/* A call's evt.args, its parameters in that order. */
void dis_args_render_call(struct sbuf *o, const struct ev_view *exit, const struct ev_view *enter,
			  enum dis_view view, enum dis_call_order order, const struct dis_ctx *ctx);

/* An fd's type and name as sysdig shows them after its number: "<4t>1.2.3.4:80->...". */
void dis_fmt_fdinfo(struct sbuf *o, const struct dis_fdinfo *fi);

/* Frees the calling thread's rendering scratch; call before a thread ends. */
void dis_thread_done(void);

/* The event's type name; generic events take the syscall name. */
const char *dis_event_name(const struct ev_view *ev, char *buf, unsigned int buflen);

#endif

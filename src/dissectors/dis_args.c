// SPDX-License-Identifier: GPL-2.0-only
/*
 * Parameter rendering. One switch on the parameter type; every decision
 * mirrors what sysdig prints, including its quirks (unsigned values printed
 * with signed conversions, flag names in table order, "..." cuts).
 */
#include "dis_args.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "dis_fmt.h"

const struct ev_param_info *dis_params(const struct ev_view *ev, enum dis_view view,
				       unsigned int *n)
{
	const struct ev_info *info = ev_info_get(ev->type);
	const struct ev_param_info *p;
	unsigned int count;

	if (!info) {
		*n = 0;
		return NULL;
	}
	if (view == DIS_VIEW_COMPAT && ev->type < EV_COMPAT_MAX) {
		p = info->compat_params;
		count = info->compat_nparams;
	} else {
		p = info->params;
		count = info->nparams;
	}
	*n = count < ev->nparams ? count : ev->nparams;
	if (*n > EV_MAX_PARAMS)
		*n = EV_MAX_PARAMS;
	return p;
}

static int pt_from_name(const char *name)
{
	int i;

	if (strncmp(name, "PT_", 3) == 0)
		name += 3;
	for (i = 0; i < EV_PT_MAX; i++)
		if (ev_pt_table[i].name && strcmp(ev_pt_table[i].name, name) == 0)
			return i;
	return -1;
}

/*
 * A number in the parameter's format: sv is the value as sysdig's decimal
 * conversion sees it, uv its bits (bits wide) for octal and hex.
 */
static void put_num(struct sbuf *o, uint8_t fmt, int64_t sv, uint64_t uv, int bits)
{
	uint64_t mask = bits == 64 ? UINT64_MAX : ((1ULL << bits) - 1);

	switch (fmt) {
	case EV_PF_OCT:
		sbuf_printf(o, "%#" PRIo64, uv & mask);
		break;
	case EV_PF_HEX:
		sbuf_printf(o, "%" PRIX64, uv & mask);
		break;
	case EV_PF_10_PADDED_DEC:
		sbuf_printf(o, "%09" PRId64, sv);
		break;
	default:
		sbuf_put_i64(o, sv);
		break;
	}
}

/* Flags rendering as libsinsp: names in table order, an exact match last. */
static void put_flags(struct sbuf *res, int tt, uint32_t val)
{
	const struct ev_tok *t;
	const char *sep = "";
	uint32_t initial = val;

	if (tt < 0)
		return;
	for (t = ev_tok_tables[tt].toks; t->name && t->v != initial; t++) {
		if ((t->v == 0 && initial == 0) || (t->v != 0 && (val & t->v) == t->v && val != 0)) {
			sbuf_puts(res, sep);
			sbuf_puts(res, t->name);
			sep = "|";
			val &= ~(uint32_t)t->v;
		}
	}
	if (t->name) {
		sbuf_puts(res, sep);
		sbuf_puts(res, t->name);
	}
}

static void put_errno(struct sbuf *res, int64_t v)
{
	const char *n;

	if (v >= 0)
		return;
	n = ev_tok_name(EV_TT_errno, (uint64_t)(-(int64_t)(int32_t)v));
	if (n)
		sbuf_puts(res, n);
}

void dis_fmt_fdinfo(struct sbuf *o, const struct dis_fdinfo *fi)
{
	sbuf_putc(o, '<');
	sbuf_putc(o, fi->typechar);
	if (fi->typechar == '4' || fi->typechar == '6') {
		static const char l4[] = "\0\0tuir";

		if (fi->l4proto < sizeof(l4) - 1 && l4[fi->l4proto])
			sbuf_putc(o, l4[fi->l4proto]);
	}
	sbuf_putc(o, '>');
	dis_fmt_sanitized(o, fi->name ? fi->name : "");
}

static void render_fd(struct sbuf *val, struct sbuf *res, int64_t fd, const struct dis_ctx *ctx)
{
	struct dis_fdinfo fi;

	sbuf_put_i64(val, fd);
	if (!ctx->has_thread)
		return;
	if (fd >= 0) {
		if (!ctx->fd || !ctx->fd(ctx->arg, fd, &fi))
			return;
		dis_fmt_fdinfo(res, &fi);
	} else if (fd == -100) {
		sbuf_puts(res, "AT_FDCWD");
	} else {
		put_errno(res, fd);
	}
}

static void render_bytebuf(struct sbuf *val, const uint8_t *p, uint32_t n, const struct dis_ctx *ctx)
{
	size_t start = val->len;

	dis_fmt_dots(val, p, n);
	if (ctx->max_buf && n > ctx->max_buf) {
		sbuf_truncate(val, start + ctx->max_buf);
		if (ctx->max_buf > 3)
			memcpy(val->s + val->len - 3, "...", 3);
	}
}

/* The length of a NUL-terminated payload (or all of it), as "%s" reads it. */
static size_t payload_len(const uint8_t *p, uint32_t n)
{
	const uint8_t *z = memchr(p, 0, n);

	return z ? (size_t)(z - p) : n;
}

static void render_typed(struct sbuf *val, struct sbuf *res, int type, uint8_t fmt,
			 const struct ev_param_info *pi, const uint8_t *p, uint32_t n,
			 const char *reldir, const struct dis_ctx *ctx)
{
	uint64_t u = 0;

	if (n == 8)
		u = buf_le64(p);
	else if (n == 4)
		u = buf_le32(p);
	else if (n == 2)
		u = buf_le16(p);
	else if (n == 1)
		u = p[0];

	switch (type) {
	case EV_PT_INT8:
		put_num(val, fmt, (int8_t)u, u, 8);
		break;
	case EV_PT_INT16:
		put_num(val, fmt, (int16_t)u, u, 16);
		break;
	case EV_PT_INT32:
		put_num(val, fmt, (int32_t)u, u, 32);
		break;
	case EV_PT_INT64:
		put_num(val, fmt, (int64_t)u, u, 64);
		break;
	case EV_PT_UINT8:
		put_num(val, fmt, (int64_t)(uint8_t)u, u, 8);
		break;
	case EV_PT_UINT16:
		put_num(val, fmt, (int64_t)(uint16_t)u, u, 16);
		break;
	case EV_PT_UINT32:
		/* sysdig prints it with %d */
		put_num(val, fmt, (int64_t)(int32_t)u, u, 32);
		break;
	case EV_PT_UINT64:
		put_num(val, fmt, (int64_t)u, u, 64);
		break;
	case EV_PT_FD:
		render_fd(val, res, (int64_t)u, ctx);
		break;
	case EV_PT_FD32:
		render_fd(val, res, (int32_t)u, ctx);
		break;
	case EV_PT_PID:
	case EV_PT_PID32: {
		int64_t pid = type == EV_PT_PID ? (int64_t)u : (int32_t)u;
		const char *comm = ctx->comm ? ctx->comm(ctx->arg, pid) : NULL;

		sbuf_put_i64(val, pid);
		if (comm)
			dis_fmt_sanitized(res, comm);
		break;
	}
	case EV_PT_ERRNO:
		sbuf_put_i64(val, (int64_t)u);
		put_errno(res, (int64_t)u);
		break;
	case EV_PT_CHARBUF:
		dis_fmt_sanitized_n(val, (const char *)p, payload_len(p, n));
		break;
	case EV_PT_FSPATH:
	case EV_PT_FSRELPATH: {
		size_t len = payload_len(p, n);

		dis_fmt_sanitized_n(val, (const char *)p, len);
		/* as libsinsp, an empty path resolves to the directory itself */
		if (reldir && ctx->has_thread && n > 0 && !(len >= 4 && memcmp(p, "<NA>", 4) == 0) &&
		    (len == 0 || p[0] != '/')) {
			struct sbuf path, joined;

			sbuf_init(&path);
			sbuf_init(&joined);
			sbuf_put(&path, p, len);
			dis_fmt_path_join(&joined, reldir, path.s);
			dis_fmt_sanitized(res, joined.s);
			sbuf_fini(&joined);
			sbuf_fini(&path);
		}
		break;
	}
	case EV_PT_BYTEBUF:
		render_bytebuf(val, p, n, ctx);
		break;
	case EV_PT_SOCKADDR:
		dis_fmt_sockaddr(val, p, n);
		break;
	case EV_PT_SOCKTUPLE:
		dis_fmt_socktuple(val, p, n);
		break;
	case EV_PT_FDLIST: {
		uint16_t cnt, i;
		struct dis_fdinfo fi;

		if (!ctx->has_thread || n < 2)
			break;
		cnt = buf_le16(p);
		for (i = 0; i < cnt && 2u + 10u * i + 10u <= n; i++) {
			const uint8_t *e = p + 2 + 10 * i;
			int64_t fd = (int64_t)buf_le64(e);
			char tch = (ctx->fd && ctx->fd(ctx->arg, fd, &fi)) ? fi.typechar : '?';

			sbuf_printf(val, "%" PRIu64 ":%c%x%s", (uint64_t)fd, tch,
				    (uint32_t)(int32_t)(int16_t)buf_le16(e + 8),
				    i + 1 < cnt ? " " : "");
		}
		break;
	}
	case EV_PT_SYSCALLID: {
		const char *name = ev_tok_name(EV_TT_ppm_sc, u);

		sbuf_put_u64(val, u);
		if (name) {
			for (name += 7; *name; name++) /* strip PPM_SC_, lower case */
				sbuf_putc(res, (char)(*name >= 'A' && *name <= 'Z' ? *name + 32 : *name));
		}
		break;
	}
	case EV_PT_SIGTYPE: {
		const char *name = ev_tok_name(EV_TT_signal, u);

		sbuf_put_u64(val, u);
		if (name)
			sbuf_puts(res, name);
		break;
	}
	case EV_PT_RELTIME:
		if (u == UINT64_MAX) {
			sbuf_puts(val, "none");
		} else {
			sbuf_put_u64(val, u);
			sbuf_printf(res, "%gs", (double)u / 1000000000.0);
		}
		break;
	case EV_PT_ABSTIME:
		sbuf_put_u64(val, u);
		break;
	case EV_PT_FLAGS8:
	case EV_PT_FLAGS16:
	case EV_PT_FLAGS32:
	case EV_PT_ENUMFLAGS8:
	case EV_PT_ENUMFLAGS16:
	case EV_PT_ENUMFLAGS32:
		sbuf_put_u64(val, (uint32_t)u);
		put_flags(res, pi->table, (uint32_t)u);
		break;
	case EV_PT_MODE:
		put_num(val, fmt, (int64_t)(int32_t)u, u, 32);
		put_flags(res, pi->table, (uint32_t)u);
		break;
	case EV_PT_UID:
	case EV_PT_GID: {
		const char *name;

		if ((uint32_t)u == UINT32_MAX) {
			sbuf_puts(val, "-1");
			sbuf_puts(res, "<NONE>");
			break;
		}
		sbuf_put_i64(val, (int32_t)u);
		name = type == EV_PT_UID ? (ctx->user ? ctx->user(ctx->arg, (uint32_t)u) : NULL) :
					   (ctx->group ? ctx->group(ctx->arg, (uint32_t)u) : NULL);
		if (name)
			dis_fmt_sanitized(res, name);
		else
			sbuf_puts(res, "<NA>");
		break;
	}
	case EV_PT_SIGSET: {
		const char *sep = "";
		int sig;

		for (sig = 0; sig < 32; sig++) {
			const char *name;

			if (!((uint32_t)u & (1u << sig)))
				continue;
			name = ev_tok_name(EV_TT_signal, (uint64_t)sig + 1);
			if (name) {
				sbuf_puts(val, sep);
				sbuf_puts(val, name);
				sep = " ";
			}
		}
		break;
	}
	case EV_PT_IPV4ADDR:
		if (n == 4)
			dis_fmt_ipv4(val, p);
		break;
	case EV_PT_IPV6ADDR:
		if (n == 16)
			dis_fmt_ipv6(val, p);
		break;
	case EV_PT_PORT:
	case EV_PT_L4PROTO:
	case EV_PT_SOCKFAMILY:
	case EV_PT_BOOL:
		sbuf_put_u64(val, u);
		break;
	case EV_PT_DOUBLE: {
		double dv;

		memcpy(&dv, &u, sizeof(dv));
		sbuf_printf(val, "%lf", dv);
		break;
	}
	case EV_PT_CHARBUFARRAY:
		render_bytebuf(val, p, n, ctx);
		break;
	default:
		sbuf_puts(val, "(n.a.)");
		break;
	}
}

/* The directory a path parameter is relative to: its dirfd's name or the cwd. */
static const char *reldir(const struct ev_view *ev, const struct ev_param_info *params,
			  const struct ev_param_info *pi, const struct dis_ctx *ctx)
{
	struct dis_fdinfo fi;
	uint64_t dirfd;

	if (pi->type != EV_PT_FSRELPATH || pi->dirfd < 0 ||
	    params[pi->dirfd].type != EV_PT_FD || !ev_param_u64(ev, (unsigned int)pi->dirfd, &dirfd) ||
	    (int64_t)dirfd == -100)
		return ctx->cwd;
	if (!ctx->fd || !ctx->fd(ctx->arg, (int64_t)dirfd, &fi))
		return "";
	return fi.name;
}

void dis_param_render(struct sbuf *val, struct sbuf *res, const struct ev_view *ev,
		      const struct ev_param_info *params, unsigned int i,
		      const struct dis_ctx *ctx)
{
	const struct ev_param_info *pi = &params[i];
	const uint8_t *p;
	int64_t n = ev_param(ev, i, &p);
	int type = pi->type;
	size_t fixed;

	if (n < 0)
		return;
	if (type == EV_PT_DYN && pi->dyn >= 0 && n > 0) {
		const char *tname = ev_tok_name(pi->dyn, p[0]);

		if (tname && (type = pt_from_name(tname)) >= 0) {
			p++;
			n--;
		} else {
			type = EV_PT_DYN;
		}
	}
	if (type == EV_PT_DYN) {
		sbuf_puts(val, "INVALID DYNAMIC PARAMETER");
		return;
	}
	fixed = type < EV_PT_MAX && ev_pt_table[type].size > 0 ? (size_t)ev_pt_table[type].size : 0;
	if (fixed && (size_t)n != fixed) {
		/* A fixed-size value of the wrong size: show what is there. */
		if (n == 0)
			sbuf_puts(val, "<NA>");
		else
			render_bytebuf(val, p, (uint32_t)n, ctx);
		return;
	}
	render_typed(val, res, type, pi->fmt, pi, p, (uint32_t)n, reldir(ev, params, pi, ctx), ctx);
}

/* Scratch kept per thread: rendering allocates nothing per event. */
static _Thread_local struct sbuf res;

void dis_thread_done(void)
{
	if (res.s)
		sbuf_fini(&res);
}

/* Appends "name=value(resolved) " for parameter i of ev. */
static void arg_render(struct sbuf *o, const struct ev_view *ev, const struct ev_param_info *params,
		       unsigned int i, const struct dis_ctx *ctx)
{
	if (!res.s)
		sbuf_init(&res);
	sbuf_reset(&res);
	sbuf_puts(o, params[i].name);
	sbuf_putc(o, '=');
	dis_param_render(o, &res, ev, params, i, ctx);
	if (res.len) {
		sbuf_putc(o, '(');
		sbuf_put(o, res.s, res.len);
		sbuf_putc(o, ')');
	}
	sbuf_putc(o, ' ');
}

void dis_args_render(struct sbuf *o, const struct ev_view *ev, enum dis_view view,
		     const struct dis_ctx *ctx)
{
	const struct ev_param_info *params;
	unsigned int n, i;

	if (ev->type == EV_GENERIC_E || ev->type == EV_GENERIC_X)
		return;
	params = dis_params(ev, view, &n);
	for (i = 0; i < n; i++)
		arg_render(o, ev, params, i, ctx);
}

int dis_call_enter_param(const struct ev_view *exit, const struct ev_view *enter,
			 enum dis_view view, unsigned int k)
{
	const struct ev_param_info *xp, *ep;
	unsigned int xn, en, i, j;

	xp = dis_params(exit, view, &xn);
	ep = dis_params(enter, view, &en);
	for (i = 0; i < en; i++) {
		for (j = 0; j < xn && strcmp(xp[j].name, ep[i].name) != 0; j++)
			;
		if (j == xn && k-- == 0)
			return (int)i;
	}
	return -1;
}

bool dis_call_param(const struct ev_view *exit, const struct ev_view *enter, enum dis_view view,
		    enum dis_call_order order, unsigned int k, const struct ev_view **v,
		    unsigned int *i)
{
	unsigned int n, m = 0;
	int j;

	dis_params(exit, view, &n);
	if (order == DIS_CALL_RESULT && n && enter) {
		/* the result, then what the enter adds, then the rest */
		while (dis_call_enter_param(exit, enter, view, m) >= 0)
			m++;
		if (k == 0 || k > m) {
			*v = exit;
			*i = k ? k - m : 0;
			return *i < n;
		}
		*v = enter;
		*i = (unsigned int)dis_call_enter_param(exit, enter, view, k - 1);
		return true;
	}
	if (k < n) {
		*v = exit;
		*i = k;
		return true;
	}
	if (!enter || (j = dis_call_enter_param(exit, enter, view, k - n)) < 0)
		return false;
	*v = enter;
	*i = (unsigned int)j;
	return true;
}

void dis_args_render_call(struct sbuf *o, const struct ev_view *exit, const struct ev_view *enter,
			  enum dis_view view, enum dis_call_order order, const struct dis_ctx *ctx)
{
	const struct ev_view *v;
	unsigned int k, i, n;

	if (exit->type == EV_GENERIC_X)
		return;
	for (k = 0; dis_call_param(exit, enter, view, order, k, &v, &i); k++)
		arg_render(o, v, dis_params(v, view, &n), i, ctx);
}

const char *dis_event_name(const struct ev_view *ev, char *buf, unsigned int buflen)
{
	const struct ev_info *info = ev_info_get(ev->type);
	uint16_t sc;
	const char *name;
	unsigned int k = 0;

	if (!info)
		return "<unknown>";
	if ((ev->type == EV_GENERIC_E || ev->type == EV_GENERIC_X) && ev_param_u16(ev, 0, &sc)) {
		if (sc < EV_SC_COMPAT_MAX && ev_sc_compat[sc].name)
			return ev_sc_compat[sc].name;
		name = ev_tok_name(EV_TT_ppm_sc, sc);
		if (!name || strncmp(name, "PPM_SC_", 7) != 0 || sc == 0)
			return "<unknown>";
		for (name += 7; *name && k + 1 < buflen; name++)
			buf[k++] = (char)(*name >= 'A' && *name <= 'Z' ? *name + 32 : *name);
		buf[k] = 0;
		return buf;
	}
	return info->name;
}

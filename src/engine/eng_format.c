// SPDX-License-Identifier: GPL-2.0-only
/*
 * Line formats of print mode. The text format is sysdig's default,
 *   %evt.num %evt.time %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.args
 * with the arguments in sysdig 0.29.3's layout, so the output of both tools
 * can be compared line for line.
 */
#define _GNU_SOURCE
#include "eng_format.h"

#include <string.h>
#include <time.h>

#include "dis_args.h"
#include "dis_fmt.h"
#include "schema.h"

void eng_format_text(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	struct ev_view enter;
	struct dis_ctx ctx;
	char name[64];

	sbuf_put_u64(o, e->num);
	sbuf_putc(o, ' ');
	if (e->ev.type == EV_PLUGINEVENT_E) {
		/* sysdig's plugin line; no plugin is loaded to name the source */
		time_t sec = (time_t)(e->ev.ts / 1000000000ULL);
		struct tm tm;
		char when[32];

		localtime_r(&sec, &tm);
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", &tm);
		sbuf_puts(o, when);
		sbuf_puts(o, " [<NA>] <NA>\n");
		return;
	}
	eng_fmt_time(o, e->ev.ts);
	sbuf_putc(o, ' ');
	sbuf_put_u64(o, e->ev.cpu);
	sbuf_putc(o, ' ');
	if (e->thread && e->thread->comm[0])
		dis_fmt_sanitized(o, e->thread->comm);
	else
		sbuf_puts(o, "<NA>");
	sbuf_puts(o, " (");
	sbuf_put_i64(o, e->ev.tid);
	sbuf_puts(o, ") ");
	sbuf_putc(o, ev_type_is_enter(e->ev.type) ? '>' : '<');
	sbuf_putc(o, ' ');
	sbuf_puts(o, dis_event_name(&e->ev, name, sizeof(name)));
	sbuf_putc(o, ' ');
	eng_dis_ctx(&ctx, s, e);
	if (e->call && eng_state_enter_of(e->thread, &e->ev, &enter))
		dis_args_render_call(o, &e->ev, &enter, DIS_VIEW_COMPAT, DIS_CALL_LIBS, &ctx);
	else
		dis_args_render(o, &e->ev, DIS_VIEW_COMPAT, &ctx);
	sbuf_putc(o, '\n');
}

/*
 * The length of the well-formed UTF-8 sequence of two to four bytes at s
 * (n bytes left), as RFC 3629 defines it (no overlong forms, no surrogates,
 * nothing past U+10FFFF); 0 if there is none.
 */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t len, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (s[0] == 0xe0)
		lo = 0xa0;
	else if (s[0] == 0xed)
		hi = 0x9f;
	else if (s[0] == 0xf0)
		lo = 0x90;
	else if (s[0] == 0xf4)
		hi = 0x8f;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

void eng_json_str(struct sbuf *o, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k;

	sbuf_putc(o, '"');
	for (i = 0; i < n; i++) {
		if (u[i] == '"' || u[i] == '\\') {
			sbuf_putc(o, '\\');
			sbuf_putc(o, (char)u[i]);
		} else if (u[i] < 0x20 || u[i] == 0x7f) {
			sbuf_printf(o, "\\u%04x", u[i]);
		} else if (u[i] < 0x80) {
			sbuf_putc(o, (char)u[i]);
		} else if (!(k = utf8_seq(u + i, n - i)) || (u[i] == 0xc2 && u[i + 1] < 0xa0)) {
			/* not UTF-8, or a C1 control: the character of the byte's number */
			sbuf_printf(o, "\\u%04x", k ? u[i + 1] : u[i]);
			i += k ? 1 : 0;
		} else {
			sbuf_put(o, s + i, k);
			i += k - 1;
		}
	}
	sbuf_putc(o, '"');
}

void eng_format_json(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     struct sbuf *tmp)
{
	static const char *const names[] = { "evt.num", "evt.time", "evt.rawtime", "evt.cpu",
					     "evt.dir", "evt.type", "evt.res", "proc.name",
					     "proc.pid", "proc.ppid", "proc.exe", "proc.cmdline",
					     "thread.tid", "user.uid", "user.name", "fd.num",
					     "fd.name", "fd.typechar" };
	const struct ev_param_info *params;
	const struct ev_view *v;
	struct ev_view enter;
	struct sbuf val, res;
	struct dis_ctx ctx;
	unsigned int i, k, n;
	bool have_enter;

	sbuf_putc(o, '{');
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct eng_fref f;

		eng_field_lookup(names[i], &f, NULL);
		sbuf_reset(tmp);
		if (i)
			sbuf_putc(o, ',');
		eng_json_str(o, names[i], strlen(names[i]));
		sbuf_putc(o, ':');
		if (!f.f || !eng_field_extract(&f, tmp, s, e))
			sbuf_puts(o, "null");
		else if (f.f->kind == ENG_FK_NUM || f.f->kind == ENG_FK_BOOL)
			sbuf_put(o, tmp->s, tmp->len);
		else
			eng_json_str(o, tmp->s, tmp->len);
	}
	eng_dis_ctx(&ctx, s, e);
	ctx.max_buf = 0;
	have_enter = e->call && eng_state_enter_of(e->thread, &e->ev, &enter);
	sbuf_init(&val);
	sbuf_init(&res);
	sbuf_puts(o, ",\"evt.args\":{");
	for (k = 0; dis_call_param(&e->ev, have_enter ? &enter : NULL, DIS_VIEW_CUR,
				    DIS_CALL_LIBS, k, &v, &i);
	     k++) {
		params = dis_params(v, DIS_VIEW_CUR, &n);
		sbuf_reset(&val);
		sbuf_reset(&res);
		dis_param_render(&val, &res, v, params, i, &ctx);
		if (k)
			sbuf_putc(o, ',');
		eng_json_str(o, params[i].name, strlen(params[i].name));
		sbuf_putc(o, ':');
		eng_json_str(o, val.s, val.len);
	}
	sbuf_puts(o, "},\"evt.args.resolved\":{");
	for (k = 0; dis_call_param(&e->ev, have_enter ? &enter : NULL, DIS_VIEW_CUR,
				    DIS_CALL_LIBS, k, &v, &i);
	     k++) {
		size_t before = o->len;

		params = dis_params(v, DIS_VIEW_CUR, &n);
		sbuf_reset(&val);
		sbuf_reset(&res);
		dis_param_render(&val, &res, v, params, i, &ctx);
		if (!res.len)
			continue;
		if (before > 0 && o->s[before - 1] != '{')
			sbuf_putc(o, ',');
		eng_json_str(o, params[i].name, strlen(params[i].name));
		sbuf_putc(o, ':');
		eng_json_str(o, res.s, res.len);
	}
	sbuf_puts(o, "}}\n");
	sbuf_fini(&val);
	sbuf_fini(&res);
}

void eng_format_field_value(struct sbuf *o, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '\t':
			sbuf_puts(o, "\\t");
			break;
		case '\n':
			sbuf_puts(o, "\\n");
			break;
		case '\r':
			sbuf_puts(o, "\\r");
			break;
		case '\\':
			sbuf_puts(o, "\\\\");
			break;
		default:
			if (dis_fmt_printable((unsigned char)s[i]))
				sbuf_putc(o, s[i]);
		}
	}
}

void eng_format_fields(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *f, unsigned int n, struct sbuf *tmp)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (i)
			sbuf_putc(o, '\t');
		sbuf_reset(tmp);
		if (eng_field_extract(&f[i], tmp, s, e))
			eng_format_field_value(o, tmp->s, tmp->len);
		else
			sbuf_puts(o, "<NA>");
	}
	sbuf_putc(o, '\n');
}


// SPDX-License-Identifier: GPL-2.0-only
/*
 * Print mode. The text format is sysdig's default,
 *   %evt.num %evt.time %evt.cpu %proc.name (%thread.tid) %evt.dir %evt.type %evt.args
 * with the arguments in sysdig 0.29.3's layout, so the output of both tools
 * can be compared line for line.
 */
#define _GNU_SOURCE
#include "print.h"

#include <inttypes.h>
#include <string.h>

#include "dis_args.h"
#include "eng_fields.h"
#include "eng_replay.h"
#include "sbuf.h"
#include "schema.h"

/* A container event's thread name: "container:" and the id in its JSON. */
static void print_container_name(struct sbuf *o, const struct ev_view *ev)
{
	const uint8_t *p;
	int64_t n = ev_param(ev, 0, &p);
	const char *key = "\"id\":\"", *s, *end;

	sbuf_puts(o, "container:");
	if (n <= 0)
		return;
	s = memmem(p, (size_t)n, key, strlen(key));
	if (!s)
		return;
	s += strlen(key);
	end = memchr(s, '"', (size_t)n - (size_t)(s - (const char *)p));
	if (end)
		sbuf_put(o, s, (size_t)(end - s));
}

static void line_text(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e)
{
	struct dis_ctx ctx;
	char name[64];

	sbuf_put_u64(o, e->num);
	sbuf_putc(o, ' ');
	eng_fmt_time(o, e->ev.ts);
	sbuf_putc(o, ' ');
	sbuf_put_u64(o, e->ev.cpu);
	sbuf_putc(o, ' ');
	if (e->thread && e->thread->comm[0])
		sbuf_puts(o, e->thread->comm);
	else if (e->ev.type == EV_CONTAINER_JSON_E || e->ev.type == EV_CONTAINER_JSON_2_E)
		print_container_name(o, &e->ev);
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
	dis_args_render(o, &e->ev, DIS_VIEW_COMPAT, &ctx);
	sbuf_putc(o, '\n');
}

static void json_str(struct sbuf *o, const char *s, size_t n)
{
	size_t i;

	sbuf_putc(o, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\') {
			sbuf_putc(o, '\\');
			sbuf_putc(o, (char)c);
		} else if (c < 0x20 || c == 0x7f) {
			sbuf_printf(o, "\\u%04x", c);
		} else {
			sbuf_putc(o, (char)c);
		}
	}
	sbuf_putc(o, '"');
}

static void line_json(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      struct sbuf *tmp)
{
	static const char *const names[] = { "evt.num", "evt.time", "evt.rawtime", "evt.cpu",
					     "evt.dir", "evt.type", "evt.res", "proc.name",
					     "proc.pid", "proc.ppid", "proc.exe", "proc.cmdline",
					     "thread.tid", "user.uid", "user.name", "fd.num",
					     "fd.name", "fd.typechar" };
	const struct ev_param_info *params;
	struct sbuf val, res;
	struct dis_ctx ctx;
	unsigned int i, n;

	sbuf_putc(o, '{');
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct eng_field *f = eng_field_find(names[i]);

		sbuf_reset(tmp);
		if (i)
			sbuf_putc(o, ',');
		json_str(o, names[i], strlen(names[i]));
		sbuf_putc(o, ':');
		if (!eng_field_extract(f, tmp, s, e))
			sbuf_puts(o, "null");
		else if (f->numeric)
			sbuf_put(o, tmp->s, tmp->len);
		else
			json_str(o, tmp->s, tmp->len);
	}
	eng_dis_ctx(&ctx, s, e);
	ctx.max_buf = 0;
	params = dis_params(&e->ev, DIS_VIEW_CUR, &n);
	sbuf_init(&val);
	sbuf_init(&res);
	sbuf_puts(o, ",\"evt.args\":{");
	for (i = 0; i < n; i++) {
		sbuf_reset(&val);
		sbuf_reset(&res);
		dis_param_render(&val, &res, &e->ev, params, i, &ctx);
		if (i)
			sbuf_putc(o, ',');
		json_str(o, params[i].name, strlen(params[i].name));
		sbuf_putc(o, ':');
		json_str(o, val.s, val.len);
	}
	sbuf_puts(o, "},\"evt.args.resolved\":{");
	for (i = 0; i < n; i++) {
		size_t before = o->len;

		sbuf_reset(&val);
		sbuf_reset(&res);
		dis_param_render(&val, &res, &e->ev, params, i, &ctx);
		if (!res.len)
			continue;
		if (before > 0 && o->s[before - 1] != '{')
			sbuf_putc(o, ',');
		json_str(o, params[i].name, strlen(params[i].name));
		sbuf_putc(o, ':');
		json_str(o, res.s, res.len);
	}
	sbuf_puts(o, "}}\n");
	sbuf_fini(&val);
	sbuf_fini(&res);
}

static void line_fields(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_field *const *f, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (i)
			sbuf_putc(o, '\t');
		if (!eng_field_extract(f[i], o, s, e))
			sbuf_puts(o, "<NA>");
	}
	sbuf_putc(o, '\n');
}

static int report_damage(const char *path, const struct diag *d)
{
	fprintf(stderr, "syshark: %s: %s\n", path, d->msg);
	return 1;
}

int print_file(const char *path, const struct print_opts *o, FILE *out)
{
	const struct eng_field *fields[64];
	struct eng_replay *r;
	struct eng_evt e;
	struct diag d = { 0 };
	struct sbuf line, tmp;
	unsigned long long printed = 0;
	unsigned int i;
	int rc, status = 0;

	if (o->nfields > 64) {
		fprintf(stderr, "syshark: too many fields (at most 64)\n");
		return 2;
	}
	for (i = 0; i < o->nfields; i++) {
		fields[i] = eng_field_find(o->fields[i]);
		if (!fields[i]) {
			fprintf(stderr, "syshark: unknown field '%s' (see syshark -l)\n",
				o->fields[i]);
			return 2;
		}
	}
	r = eng_replay_open(path, &d);
	if (!r) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		return 1;
	}
	sbuf_init(&line);
	sbuf_init(&tmp);
	while ((rc = eng_replay_next(r, &e, &d)) > 0) {
		if (e.hidden && !o->all)
			continue;
		sbuf_reset(&line);
		switch (o->fmt) {
		case PRINT_TEXT:
			line_text(&line, &r->state, &e);
			break;
		case PRINT_JSON:
			line_json(&line, &r->state, &e, &tmp);
			break;
		case PRINT_FIELDS:
			line_fields(&line, &r->state, &e, fields, o->nfields);
			break;
		}
		fwrite(line.s, 1, line.len, out);
		if (o->count && ++printed >= o->count)
			break;
	}
	if (rc < 0)
		status = report_damage(path, &d);
	else if (rc == 0 && r->stats.events + r->stats.state_events + r->stats.unknown_events == 0)
		fprintf(stderr, "syshark: %s: the capture holds no events\n", path);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "syshark: error writing output\n");
		status = 1;
	}
	sbuf_fini(&line);
	sbuf_fini(&tmp);
	eng_replay_free(r);
	return status;
}

static const char *const kind_names[SF_K_MAX] = {
	[SF_K_UNKNOWN] = "unknown", [SF_K_SHB] = "section header", [SF_K_MI] = "machine info",
	[SF_K_PL] = "process list",	  [SF_K_FDL] = "fd list",	  [SF_K_IL] = "interface list",
	[SF_K_UL] = "user list",	  [SF_K_EV] = "event",		  [SF_K_PACKET] = "packet",
};

int print_stats(const char *path, FILE *out)
{
	struct eng_replay *r;
	struct eng_evt e;
	struct diag d = { 0 };
	struct sbuf t;
	int rc, k, status = 0;

	r = eng_replay_open(path, &d);
	if (!r) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		return 1;
	}
	while ((rc = eng_replay_next(r, &e, &d)) > 0)
		;
	if (rc < 0)
		status = report_damage(path, &d);
	fprintf(out, "file: %s\n", path);
	fprintf(out, "compressed: %s\n", sf_reader_gzipped(r->rd) ? "gzip" : "no");
	fprintf(out, "bytes: %" PRIu64 "\n", r->stats.bytes);
	fprintf(out, "sections: %" PRIu64 "\n", r->stats.sections);
	fprintf(out, "events: %" PRIu64 "\n", r->stats.events);
	fprintf(out, "dropped: %" PRIu64 "\n", r->stats.dropped);
	fprintf(out, "internal events: %" PRIu64 "\n", r->stats.hidden);
	fprintf(out, "user/group records: %" PRIu64 "\n", r->stats.state_events);
	fprintf(out, "unknown event types: %" PRIu64 "\n", r->stats.unknown_events);
	for (k = 1; k < SF_K_MAX; k++)
		if (r->stats.blocks[k])
			fprintf(out, "blocks %s: %" PRIu64 "\n", kind_names[k], r->stats.blocks[k]);
	fprintf(out, "blocks unknown: %" PRIu64 "\n", r->stats.unknown_blocks);
	fprintf(out, "threads: %zu\n", r->state.threads.count);
	if (r->state.have_machine)
		fprintf(out, "host: %s (%u cpus)\n", r->state.machine.hostname,
			r->state.machine.num_cpus);
	if (r->stats.events) {
		sbuf_init(&t);
		eng_fmt_time(&t, r->stats.first_ts);
		sbuf_puts(&t, " - ");
		eng_fmt_time(&t, r->stats.last_ts);
		fprintf(out, "time span: %s (%.9f s)\n", t.s,
			(double)(r->stats.last_ts - r->stats.first_ts) / 1e9);
		sbuf_fini(&t);
	}
	eng_replay_free(r);
	return status;
}

void print_event_list(FILE *out)
{
	unsigned int i, k;

	for (i = 0; i < EV_MAX; i++) {
		const struct ev_info *info = &ev_table[i];

		if ((info->flags & (EV_F_UNUSED | EV_F_OLD_VERSION)) ||
		    (info->category & EV_C_INTERNAL))
			continue;
		fprintf(out, "%c %s(", ev_type_is_enter((uint16_t)i) ? '>' : '<', info->name);
		for (k = 0; k < info->nparams; k++) {
			const struct ev_param_info *p = &info->params[k];

			fprintf(out, "%s%s %s", k ? ", " : "",
				p->type == EV_PT_DYN ? "DYNAMIC" : ev_pt_table[p->type].name,
				p->name);
		}
		fprintf(out, ")\n");
	}
}

void print_field_list(FILE *out)
{
	const struct eng_field *f;

	for (f = eng_field_all(); f->name; f++)
		fprintf(out, "%-16s %s\n", f->name, f->desc);
}

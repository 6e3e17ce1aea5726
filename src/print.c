// SPDX-License-Identifier: GPL-2.0-only
/* Print mode: runs a capture through the engine and writes each shown event. */
#define _GNU_SOURCE
#include "print.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dis_args.h"
#include "eng_export.h"
#include "eng_calls.h"
#include "eng_colfilter.h"
#include "eng_cols.h"
#include "eng_fields.h"
#include "eng_index.h"
#include "eng_filter.h"
#include "eng_format.h"
#include "eng_pformat.h"
#include "eng_replay.h"
#include "eng_rules.h"
#include "eng_top.h"
#include "sbuf.h"
#include "schema.h"
#include "xalloc.h"

#define OUT_CHUNK (64 * 1024)

bool print_parse_u64(const char *s, char **end, uint64_t *v)
{
	unsigned long long n;

	if (*s < '0' || *s > '9')
		return false;
	errno = 0;
	n = strtoull(s, end, 10);
	*v = n;
	return errno == 0;
}

/* True if both paths name one existing file. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}

/* How events are printed: -e's fields or -p's format, once resolved. */
struct print_cols {
	struct eng_fref *fields; /* one per -e */
	struct eng_pformat *format;
};

/* Appends e in the chosen format. */
static void format_line(struct sbuf *out, const struct print_opts *o, const struct eng_state *s,
			const struct eng_evt *e, const struct print_cols *cols, struct sbuf *tmp)
{
	switch (o->fmt) {
	case PRINT_TEXT:
		eng_format_text(out, s, e);
		break;
	case PRINT_JSON:
		eng_format_json(out, s, e, tmp);
		break;
	case PRINT_FIELDS:
		eng_format_fields(out, s, e, cols->fields, o->nfields, tmp);
		break;
	case PRINT_FORMAT:
		eng_pformat_line(out, cols->format, s, e, tmp);
		break;
	}
}

/*
 * Runs the filter (if any) on e, with sysdig's side effect of a rejection,
 * unless e is an enter its call may stand for: the call is what is matched.
 */
static bool match(struct eng_filter *filter, struct eng_replay *r, const struct eng_evt *e)
{
	if (!filter || eng_filter_match(filter, &r->state, e))
		return true;
	if (!r->calls || !eng_calls_is_enter(e))
		eng_state_filtered_out(&r->state, &e->info, &e->ev);
	return false;
}

static int report_damage(const char *path, const struct diag *d)
{
	fprintf(stderr, "syshark: %s: %s\n", path, d->msg);
	return 1;
}

int print_replay(const char *path, bool (*fn)(void *arg, const struct eng_replay *r,
					      const struct eng_evt *e), void *arg)
{
	struct diag d = { 0 };
	struct eng_replay *r = eng_replay_open(path, &d);
	struct eng_evt e;
	bool any = false;
	int rc;

	if (!r) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		return -1;
	}
	while ((rc = eng_replay_next(r, &e, &d)) > 0) {
		any = true;
		if (!fn(arg, r, &e))
			break;
	}
	eng_replay_free(r);
	if (rc < 0 && !any) {
		report_damage(path, &d);
		return -1;
	}
	return rc < 0 ? report_damage(path, &d) : 0;
}

/* The capture's time origin: its first event that has a time (some state events have 0). */
static bool first_time(void *arg, const struct eng_replay *r, const struct eng_evt *e)
{
	(void)r;
	*(uint64_t *)arg = e->ev.ts;
	return !e->ev.ts;
}

int print_window(const char *path, const char *window, const char *filter, char **out)
{
	struct eng_top_window w;
	struct diag d = { 0 };
	uint64_t first = 0;
	struct sbuf f;

	if (eng_top_window_parse(window, &w, &d) < 0) {
		fprintf(stderr, "syshark: --window=%s: %s\n", window, d.msg);
		return 2;
	}
	if (print_replay(path, first_time, &first) != 0)
		return 1;
	sbuf_init(&f);
	eng_top_window_clause(&w, first, filter, &f);
	*out = xstrdup(f.s);
	sbuf_fini(&f);
	return 0;
}

int print_flushed(FILE *out)
{
	if (fflush(out) == 0 && !ferror(out))
		return 0;
	fprintf(stderr, "syshark: cannot write the output\n");
	return 1;
}

/* What one thread needs to select and format events. */
struct pworker {
	const struct print_opts *o;
	const struct print_cols *cols;
	struct eng_filter *filter;
	struct sbuf tmp;
	bool wanted[EV_MAX]; /* the types the filter may match */
};

static void pworker_event(void *ctx, struct eng_replay *r, const struct eng_evt *e,
			  struct sbuf *out)
{
	struct pworker *w = ctx;

	if ((e->hidden && !w->o->all) || !match(w->filter, r, e))
		return;
	format_line(out, w->o, &r->state, e, w->cols, &w->tmp);
}

static int emit_out(void *arg, const char *p, size_t n)
{
	return fwrite(p, 1, n, arg) == n ? 0 : -1;
}

/*
 * The -e fields as the event columns c hold them, in keys: eng_cols_key(),
 * or -1 for evt.num. False if one is neither, or if c would show it otherwise.
 */
static bool column_fields(const struct print_opts *o, const struct print_cols *cols,
			  const struct eng_cols *c, int *keys)
{
	unsigned int i;

	for (i = 0; i < o->nfields; i++) {
		const struct eng_fref *r = &cols->fields[i];

		keys[i] = strcmp(r->f->name, "evt.num") ? eng_cols_key(r->f->name) : -1;
		if (r->has_arg || (keys[i] < 0 && strcmp(r->f->name, "evt.num")) ||
		    (keys[i] >= 0 && keys[i] < ENG_COL_N && (c->flags[keys[i]] & ENG_COLF_RESHOWN)))
			return false;
	}
	return true;
}

/*
 * Writes the lines of the events set in bits, their fields (keys) taken
 * from the columns c; 0, or -1 on a write error.
 */
static int put_rows(const struct eng_cols *c, const uint64_t *bits, const int *keys,
		    unsigned int nkeys, FILE *out)
{
	struct sbuf line;
	uint32_t id[ENG_CK_N];
	uint64_t w, n;
	unsigned int i;
	int rc = 0;

	sbuf_init(&line);
	for (w = 0; w < (c->n + 63) / 64 && !rc; w++) {
		for (uint64_t m = bits[w]; m; m &= m - 1) {
			n = w * 64 + (uint64_t)__builtin_ctzll(m) + 1;
			eng_cols_ids(c, &c->rows[n - 1], id);
			for (i = 0; i < nkeys; i++) {
				const char *const *vals;

				if (i)
					sbuf_putc(&line, '\t');
				if (keys[i] < 0) {
					sbuf_put_u64(&line, n);
				} else if (!id[keys[i]]) {
					sbuf_puts(&line, "<NA>");
				} else {
					const char *v;

					eng_cols_values(c, keys[i], &vals);
					v = vals[id[keys[i]] - 1];
					eng_format_field_value(&line, v, strlen(v));
				}
			}
			sbuf_putc(&line, '\n');
			if (line.len >= OUT_CHUNK) {
				rc = fwrite(line.s, 1, line.len, out) == line.len ? 0 : -1;
				sbuf_reset(&line);
			}
		}
	}
	if (!rc && line.len && fwrite(line.s, 1, line.len, out) != line.len)
		rc = -1;
	sbuf_fini(&line);
	return rc;
}

/*
 * -T fields with a filter and fields the index's event columns hold: the
 * lines come from the columns alone, the capture is not read. Returns the
 * exit status, or -1 if that does not apply.
 */
static int print_columns(const char *path, const struct print_opts *o,
			 const struct print_cols *cols, struct eng_index *ix, bool damaged,
			 unsigned int nthreads, FILE *out)
{
	int *keys = xcalloc(o->nfields + 1u, sizeof(*keys));
	const struct eng_cols *c;
	struct eng_colfilter *cf = NULL;
	struct eng_filter *f = NULL;
	uint64_t *bits;
	int status = -1;

	if (o->all || o->fmt != PRINT_FIELDS || !(c = eng_index_columns(ix)) ||
	    !column_fields(o, cols, c, keys))
		goto out;
	f = eng_filter_compile(o->filter, NULL);
	if (f)
		cf = eng_colfilter_new(f, c);
	if (cf) {
		bits = xcalloc(c->n / 64 + 1, sizeof(*bits));
		if (eng_colfilter_scan(cf, nthreads, bits) == 0) {
			if (put_rows(c, bits, keys, o->nfields, out) < 0 || fflush(out) != 0 ||
			    ferror(out)) {
				fprintf(stderr, "syshark: error writing output: %s\n",
					strerror(errno));
				status = 1;
			} else {
				status = damaged ? report_damage(path, eng_index_damage(ix)) : 0;
			}
		}
		free(bits);
	}
out:
	eng_colfilter_free(cf);
	eng_filter_free(f);
	free(keys);
	return status;
}

/*
 * Whether alerts are printed in place of events: with --rules, unless -T
 * fields or a format asks for events (whose falco.* fields name their rules).
 */
static bool print_alerts(const struct print_opts *o)
{
	return o->rules && o->fmt != PRINT_FIELDS && o->fmt != PRINT_FORMAT && !o->format;
}

/*
 * With a cached index, a filter its columns answer needs no replay
 * (print_columns); else with more than one CPU, events are selected and
 * formatted by several threads, chunk by chunk between checkpoints. Returns
 * the exit status, or -1 if neither path applies.
 */
static int print_parallel(const char *path, const struct print_opts *o,
			  const struct print_cols *cols, FILE *out)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct eng_scan_worker sw[8];
	struct pworker pw[8];
	struct eng_index *ix;
	struct eng_ix_info info;
	struct diag d = { 0 };
	unsigned int n, i;
	int rc, status = 0;

	if (o->write || o->count || o->calls || !o->filter || print_alerts(o))
		return -1;
	ix = eng_index_open(path, ENG_IX_CACHED_ONLY | ENG_IX_NO_ENTRY_CHECK, &d);
	if (!ix)
		return -1;
	eng_index_info(ix, &info);
	n = ncpu < 1 ? 1 : ncpu > 8 ? 8 : (unsigned int)ncpu;
	status = print_columns(path, o, cols, ix, info.damaged, n, out);
	if (status >= 0 || ncpu < 2 || info.checkpoints == 0) {
		eng_index_free(ix);
		return status;
	}
	status = 0;
	for (i = 0; i < n; i++) {
		pw[i] = (struct pworker){ .o = o, .cols = cols };
		pw[i].filter = eng_filter_compile(o->filter, NULL);
		eng_filter_types(pw[i].filter, pw[i].wanted);
		sbuf_init(&pw[i].tmp);
		sw[i] = (struct eng_scan_worker){ .ctx = &pw[i], .fn = pworker_event,
						  .wanted = pw[i].wanted };
	}
	rc = eng_index_scan(ix, sw, n, emit_out, out, &d);
	if (fflush(out) != 0 || ferror(out)) {
		fprintf(stderr, "syshark: error writing output: %s\n", strerror(errno));
		status = 1;
	} else if (rc < 0) {
		status = report_damage(path, &d);
	}
	for (i = 0; i < n; i++) {
		eng_filter_free(pw[i].filter);
		sbuf_fini(&pw[i].tmp);
	}
	eng_index_free(ix);
	return status;
}

struct printer {
	const struct print_opts *o;
	FILE *out;
	struct print_cols cols;
	struct eng_filter *filter;
	struct eng_export *x;
	struct diag wd; /* the export's write error */
	struct sbuf line, tmp;
	struct eng_rules_eval *rules; /* --rules: alerts in place of events */
	char hostname[256];
	struct eng_calls *calls; /* --calls: lines held until their calls are known */
	struct sbuf held;	 /* and the line of the event being held */
	unsigned long long printed;
	bool reader_gone; /* the pipe's reader left (as head(1) does): a stop, not an error */
};

struct printer *printer_new(const struct print_opts *o, FILE *out)
{
	struct printer *pr = xcalloc(1, sizeof(*pr));
	struct diag d = { 0 };
	unsigned int i;

	pr->o = o;
	pr->out = out;
	sbuf_init(&pr->line);
	sbuf_init(&pr->tmp);
	sbuf_init(&pr->held);
	pr->cols.fields = xcalloc(o->nfields ? o->nfields : 1, sizeof(*pr->cols.fields));
	for (i = 0; i < o->nfields; i++) {
		if (!eng_field_lookup(o->fields[i], &pr->cols.fields[i], &d)) {
			fprintf(stderr, "syshark: -e %s: %s (see syshark -l)\n", o->fields[i],
				d.msg);
			goto out_free;
		}
	}
	if (o->format && !(pr->cols.format = eng_pformat_new(o->format, &d))) {
		fprintf(stderr, "syshark: format column %u: %s\n", d.col, d.msg);
		goto out_free;
	}
	if (o->filter) {
		pr->filter = eng_filter_compile(o->filter, &d);
		if (!pr->filter) {
			fprintf(stderr, "syshark: filter column %u: %s\n", d.col, d.msg);
			goto out_free;
		}
	}
	if (print_alerts(o)) {
		const char *h = getenv("FALCO_HOSTNAME");

		pr->rules = eng_rules_eval_new(o->rules);
		if (h && *h)
			snprintf(pr->hostname, sizeof(pr->hostname), "%s", h);
		else if (gethostname(pr->hostname, sizeof(pr->hostname) - 1) < 0)
			snprintf(pr->hostname, sizeof(pr->hostname), "localhost");
	}
	return pr;

out_free:
	printer_free(pr);
	return NULL;
}

/* A line to print, once its call is known (eng_calls_emit). */
static void printer_put(void *arg, uint64_t num, const char *text, size_t len)
{
	struct printer *pr = arg;

	(void)num;
	if (pr->o->count && pr->printed >= pr->o->count)
		return;
	sbuf_put(&pr->line, text, len);
	pr->printed++;
}

/* The types the filter and the rules may both choose. */
static void printer_wanted(const struct printer *pr, bool *wanted)
{
	bool rules[EV_MAX];

	for (unsigned int t = 0; t < EV_MAX; t++)
		wanted[t] = true;
	if (pr->filter)
		eng_filter_types(pr->filter, wanted);
	if (!pr->rules)
		return;
	eng_rules_types(pr->rules, rules);
	for (unsigned int t = 0; t < EV_MAX; t++)
		wanted[t] &= rules[t];
}

int printer_start(struct printer *pr, struct eng_replay *r)
{
	struct diag d = { 0 };
	bool wanted[EV_MAX];

	if (!pr->o->write) {
		if (pr->o->calls) {
			r->calls = true;
			pr->calls = eng_calls_new(printer_put, pr);
		}
		if (pr->filter || pr->rules) {
			printer_wanted(pr, wanted);
			eng_replay_want(r, wanted);
		}
		return 0;
	}
	pr->x = eng_export_open(pr->o->write, r, &d);
	if (!pr->x) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		return -1;
	}
	return 0;
}

/* The alert e raises, if any; 1 once no more are wanted. */
static int printer_alert(struct printer *pr, struct eng_replay *r, const struct eng_evt *e)
{
	long k = eng_rules_match(pr->rules, &r->state, e);

	if (k < 0)
		return 0;
	eng_rules_alert(pr->rules, (size_t)k, &r->state, e, pr->o->fmt == PRINT_JSON, pr->hostname,
			&pr->line);
	if (pr->line.len >= OUT_CHUNK && printer_flush(pr) < 0)
		return 1;
	return pr->o->count && ++pr->printed >= pr->o->count;
}

int printer_event(struct printer *pr, struct eng_replay *r, const struct eng_evt *e)
{
	const struct print_opts *o = pr->o;
	bool chosen = !(e->hidden && !o->all) && match(pr->filter, r, e);

	if (pr->x && eng_export_event(pr->x, e, chosen, &pr->wd) < 0)
		return 1;
	if (pr->rules)
		return chosen && printer_alert(pr, r, e);
	if (pr->x)
		return chosen && o->count && ++pr->printed >= o->count;
	if (pr->calls) {
		sbuf_reset(&pr->held);
		if (chosen)
			format_line(&pr->held, o, &r->state, e, &pr->cols, &pr->tmp);
		eng_calls_event(pr->calls, e, chosen, pr->held.s, pr->held.len);
		if (pr->line.len >= OUT_CHUNK && printer_flush(pr) < 0)
			return 1;
		return o->count && pr->printed >= o->count;
	}
	if (!chosen)
		return 0;
	format_line(&pr->line, o, &r->state, e, &pr->cols, &pr->tmp);
	/* Lines are written in large chunks. */
	if (pr->line.len >= OUT_CHUNK && printer_flush(pr) < 0)
		return 1;
	return o->count && ++pr->printed >= o->count;
}

unsigned long long printer_count(const struct printer *pr)
{
	return pr->x ? eng_export_count(pr->x) : pr->printed;
}

int printer_flush(struct printer *pr)
{
	if (ferror(pr->out) || fwrite(pr->line.s, 1, pr->line.len, pr->out) != pr->line.len ||
	    fflush(pr->out) != 0) {
		if (errno == EPIPE)
			pr->reader_gone = true; /* stays so: later calls fail on the stream's error */
		return -1;
	}
	sbuf_reset(&pr->line);
	return 0;
}

int printer_free(struct printer *pr)
{
	int status = 0;

	if (!pr)
		return 2;
	if (pr->calls)
		eng_calls_flush(pr->calls);
	/* as sysdig, after a format's colours: the terminal's own */
	if (pr->cols.format && eng_pformat_escapes(pr->cols.format))
		sbuf_puts(&pr->line, "\033[00m");
	/* The events come out before any message about what follows them. */
	if ((printer_flush(pr) < 0 || ferror(pr->out)) && !pr->reader_gone) {
		fprintf(stderr, "syshark: error writing output: %s\n", strerror(errno));
		status = 1;
	}
	if (pr->x && eng_export_close(pr->x, &pr->wd) < 0) {
		fprintf(stderr, "syshark: %s\n", pr->wd.msg);
		status = 1;
	}
	sbuf_fini(&pr->line);
	sbuf_fini(&pr->tmp);
	sbuf_fini(&pr->held);
	eng_calls_free(pr->calls);
	eng_filter_free(pr->filter);
	eng_rules_eval_free(pr->rules);
	eng_pformat_free(pr->cols.format);
	free(pr->cols.fields);
	free(pr);
	return status;
}

int print_file(const char *path, const struct print_opts *o, FILE *out)
{
	struct printer *pr;
	struct eng_replay *r;
	struct eng_evt e;
	struct diag d = { 0 };
	int rc = 0, status;

	pr = printer_new(o, out);
	if (!pr)
		return 2;
	if (o->write && same_file(path, o->write)) {
		fprintf(stderr, "syshark: -w %s: that is the capture being read; write elsewhere\n",
			o->write);
		printer_free(pr);
		return 2;
	}
	if ((status = print_parallel(path, o, &pr->cols, out)) >= 0) {
		printer_free(pr);
		return status;
	}
	r = eng_replay_open(path, &d);
	if (!r) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		printer_free(pr);
		return 1;
	}
	if (printer_start(pr, r) < 0) {
		status = 1;
		goto out;
	}
	while ((rc = eng_replay_next(r, &e, &d)) > 0) {
		if (printer_event(pr, r, &e))
			break;
	}
	/* a write error also stops the replay, so the printer's message says it all */
	status = printer_free(pr);
	pr = NULL;
	if (!status && rc < 0)
		status = report_damage(path, &d);
	else if (!status && r->stats.events + r->stats.state_events + r->stats.unknown_events == 0)
		fprintf(stderr, "syshark: %s: the capture holds no events\n", path);
out:
	if (pr)
		printer_free(pr);
	eng_replay_free(r);
	return status;
}

static const char *const kind_names[SF_K_MAX] = {
	[SF_K_UNKNOWN] = "unknown", [SF_K_SHB] = "section header", [SF_K_MI] = "machine info",
	[SF_K_PL] = "process list",	  [SF_K_FDL] = "fd list",	  [SF_K_IL] = "interface list",
	[SF_K_UL] = "user list",	  [SF_K_EV] = "event",		  [SF_K_PACKET] = "packet",
	[SF_K_PX] = "process extras",
};

int print_stats(const char *path, const char *filter_text, FILE *out)
{
	struct eng_filter *filter = NULL;
	struct eng_replay *r;
	struct eng_evt e;
	struct diag d = { 0 };
	struct sbuf t;
	uint64_t matching = 0;
	int rc, k, status = 0;

	if (filter_text && !(filter = eng_filter_compile(filter_text, &d))) {
		fprintf(stderr, "syshark: filter column %u: %s\n", d.col, d.msg);
		return 2;
	}
	r = eng_replay_open(path, &d);
	if (!r) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		eng_filter_free(filter);
		return 1;
	}
	while ((rc = eng_replay_next(r, &e, &d)) > 0)
		if (filter && !e.hidden && match(filter, r, &e))
			matching++;
	if (rc < 0)
		status = report_damage(path, &d);
	fprintf(out, "file: %s\n", path);
	fprintf(out, "compressed: %s\n", sf_reader_gzipped(r->rd) ? "gzip" : "no");
	fprintf(out, "bytes: %" PRIu64 "\n", r->stats.bytes);
	fprintf(out, "sections: %" PRIu64 "\n", r->stats.sections);
	fprintf(out, "events: %" PRIu64 "\n", r->stats.events);
	if (filter)
		fprintf(out, "matching events: %" PRIu64 "\n", matching);
	fprintf(out, "dropped: %" PRIu64 "\n", r->stats.dropped);
	fprintf(out, "hidden events: %" PRIu64 "\n", r->stats.hidden);
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
	eng_filter_free(filter);
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

	for (f = eng_field_all(); f->name; f++) {
		const char *arg = f->arg == ENG_FA_NAME || f->arg == ENG_FA_LABEL ? ".NAME" :
				  f->arg == ENG_FA_NONE				   ? "" :
				  f->arg == ENG_FA_KEY				   ? "[KEY]" :
				  f->arg == ENG_FA_OPT_KEY			   ? "[NAME]" :
										     "[N]";
		int w = 18 - (int)strlen(f->name);

		fprintf(out, "%s%s%*s %s\n", f->name, arg, w > (int)strlen(arg) ? w - (int)strlen(arg) : 1,
			"", f->desc);
	}
}

/* Says on stderr why the index cache was not used, if it was refused. */
static void warn_cache(const struct eng_index *ix)
{
	struct eng_ix_info info;

	eng_index_info(ix, &info);
	if (info.warning[0])
		fprintf(stderr, "syshark: warning: %s\n", info.warning);
}

int print_index(const char *path, bool use_cache, FILE *out)
{
	const struct eng_cols *c;
	struct eng_index *ix;
	struct eng_ix_info info;
	struct diag d = { 0 };

	ix = eng_index_open(path, use_cache ? 0 : ENG_IX_NO_CACHE, &d);
	if (!ix) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		return 1;
	}
	warn_cache(ix);
	eng_index_wait(ix);
	eng_index_info(ix, &info);
	fprintf(out, "events: %" PRIu64 "\n", info.events);
	fprintf(out, "checkpoints: %" PRIu64 "\n", info.checkpoints);
	if ((c = eng_index_columns(ix)))
		fprintf(out, "columns: %" PRIu32 " evt.type, %" PRIu32 " proc.name, %" PRIu32
			     " fd.name values\n", c->ndict[ENG_COL_TYPE], c->ndict[ENG_COL_PROC],
			c->ndict[ENG_COL_FD]);
	else
		fprintf(out, "columns: none\n");
	fprintf(out, "index bytes: %" PRIu64 " (%.2f per event)\n", info.bytes,
		info.events ? (double)info.bytes / (double)info.events : 0.0);
	if (info.cached) {
		fprintf(out, "built: no, loaded from the cache\n");
	} else {
		fprintf(out, "pass 1 (entries): %.3f s, %.0f events/s\n", info.pass1_s,
			info.pass1_s > 0 ? (double)info.events / info.pass1_s : 0.0);
		fprintf(out, "pass 2 (checkpoints, columns): %.3f s, %.0f events/s\n", info.pass2_s,
			info.pass2_s > 0 ? (double)info.events / info.pass2_s : 0.0);
	}
	fprintf(out, "file: %s\n", info.path[0] ? info.path : "(temporary, unlinked)");
	if (info.damaged)
		fprintf(stderr, "syshark: %s: %s\n", path, eng_index_damage(ix)->msg);
	eng_index_free(ix);
	return info.damaged ? 1 : 0;
}

int print_event_at(const char *path, uint64_t n, bool use_cache, const struct print_opts *o,
		   FILE *out)
{
	struct printer *pr = printer_new(o, out);
	struct eng_index *ix;
	struct eng_replay *r;
	struct eng_evt e;
	struct diag d = { 0 };
	int rc;

	if (!pr)
		return 2;
	ix = eng_index_open(path, use_cache ? 0 : ENG_IX_NO_CACHE, &d);
	if (!ix) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		printer_free(pr);
		return 1;
	}
	warn_cache(ix);
	r = eng_index_replay_at(ix, n, &d);
	if (!r) {
		fprintf(stderr, "syshark: %s: %s\n", path, d.msg);
		eng_index_free(ix);
		printer_free(pr);
		return 1;
	}
	rc = eng_replay_next(r, &e, &d);
	if (rc > 0) {
		format_line(&pr->line, o, &r->state, &e, &pr->cols, &pr->tmp);
	} else if (rc < 0) {
		fprintf(stderr, "syshark: %s: %s\n", path, d.msg);
	} else {
		/* n is one past the last event */
		fprintf(stderr, "syshark: %s: the capture has no event %llu\n", path,
			(unsigned long long)n);
	}
	eng_replay_free(r);
	eng_index_free(ix);
	if (printer_free(pr) != 0)
		return 1;
	return rc > 0 ? 0 : 1;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * A replay told which event types its reader wants passes over the others
 * that the state ignores. Filtering such a replay must select the same
 * events, shown the same way, as filtering one that decodes every event.
 *
 * Each capture is also replayed with a switch event after every event and a
 * procinfo event after every fifth. They keep a thread's memory, page
 * faults and CPU time, so no filter passes over them, and every filter
 * still selects the same events.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "eng_filter.h"
#include "eng_format.h"
#include "harness.h"
#include "sbuf.h"
#include "schema.h"
#include "sf_writer.h"

static const char *const filters[] = {
	"evt.type = read or evt.type = write",
	"fd.name contains /proc and not evt.failed = true",
	"proc.name = sysdig and evt.dir = <",
	"evt.dir = < and fd.type = file",
	"evt.type startswith sw",
	"not evt.type = switch",
	"evt.type != switch and fd.num >= 0",
	"evt.type in (open, openat, close) or proc.name = bash",
	"evt.dir = >",
	"proc.name exists",
	/* exits that need their enter event, and fds opened by other events */
	"evt.type = close and evt.dir = <",
	"evt.dir = < and evt.latency > 0 and fd.num >= 0",
	"evt.type in (read, write, sendto, recvfrom) and evt.dir = <",
	/* the recorded corpus: its processes and paths */
	"proc.name = cat and evt.dir = <",
	"fd.name contains /tmp/syshark-corpus and evt.is_io = true",
	"evt.type = switch and proc.name in (scenario, sh)",
	"proc.name != scenario and evt.failed = true",
};

/* filters[0] wants neither switch nor procinfo events */
#define WANTS_NEITHER 0

/* The text of every event f selects in path, one line each; the count passed over in *skipped. */
static char *select_events(const char *path, const char *text, bool narrow, uint64_t *skipped)
{
	struct diag d = { 0 };
	struct eng_filter *f = eng_filter_compile(text, &d);
	struct eng_replay *r = eng_replay_open(path, &d);
	bool wanted[EV_MAX];
	struct eng_evt e;
	struct sbuf out;
	uint64_t handed = 0;

	sbuf_init(&out);
	CHECK(f != NULL && r != NULL);
	if (!f || !r) {
		fprintf(stderr, "%s: %s\n", path, d.msg);
		goto out;
	}
	if (narrow) {
		eng_filter_types(f, wanted);
		eng_replay_want(r, wanted);
	}
	while (eng_replay_next(r, &e, &d) > 0) {
		handed++;
		if (e.hidden)
			continue;
		if (!eng_filter_match(f, &r->state, &e)) {
			eng_state_filtered_out(&r->state, &e.info, &e.ev);
			continue;
		}
		sbuf_printf(&out, "%llu ", (unsigned long long)e.num);
		eng_format_text(&out, &r->state, &e);
		sbuf_putc(&out, '\n');
	}
	*skipped = r->stats.events - handed;
out:
	eng_replay_free(r);
	eng_filter_free(f);
	return out.s;
}

/* Checks every filter on path; the events passed over in all, and for filters[0] in *first. */
static uint64_t check_file(const char *path, uint64_t *first)
{
	uint64_t all_skipped = 0, skipped, none;
	size_t i;

	for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		char *plain = select_events(path, filters[i], false, &none);
		char *narrowed = select_events(path, filters[i], true, &skipped);

		CHECK(none == 0);
		if (strcmp(plain, narrowed) != 0) {
			CHECK(!"the same events");
			fprintf(stderr, "%s: '%s' selects other events when narrowed\n", path,
				filters[i]);
		} else {
			CHECK(true);
		}
		if (i == WANTS_NEITHER)
			*first = skipped;
		all_skipped += skipped;
		free(plain);
		free(narrowed);
	}
	printf("%s: %llu events passed over\n", path, (unsigned long long)all_skipped);
	return all_skipped;
}

/* Appends an event of type with the header of ev and params (each of len[i] bytes) to w. */
static void add_event(struct sf_writer *w, const struct ev_view *ev, uint16_t type,
		      const uint64_t *params, const uint8_t *len, unsigned int n)
{
	uint8_t buf[EV_HDR_V2_LEN + 8 * 10], *p = buf + EV_HDR_V2_LEN;
	unsigned int i;
	uint32_t total = EV_HDR_V2_LEN + 2 * n;
	struct diag d = { 0 };

	for (i = 0; i < n; i++)
		total += len[i];
	memcpy(buf, &ev->ts, 8);
	memcpy(buf + 8, &ev->tid, 8);
	memcpy(buf + 16, &total, 4);
	memcpy(buf + 20, &type, 2);
	memcpy(buf + 22, &n, 4);
	for (i = 0; i < n; i++, p += 2)
		memcpy(p, &(uint16_t){ len[i] }, 2);
	for (i = 0; i < n; i++) {
		memcpy(p, &params[i], len[i]);
		p += len[i];
	}
	CHECK(sf_writer_ev(w, ev->cpu, 0, false, buf, total, &d) == 0);
}

/* Copies path to out with the switch and procinfo events; returns how many it added. */
static uint64_t interleave(const char *path, const char *out)
{
	static const uint8_t switch_len[6] = { 8, 8, 8, 4, 4, 4 }, procinfo_len[2] = { 8, 8 };
	struct diag d = { 0 };
	struct sf_reader *rd = sf_reader_open(path, &d);
	struct sf_writer *w = rd ? sf_writer_open(out, &d) : NULL;
	struct sf_block b;
	struct ev_view ev;
	uint64_t added = 0, events = 0;

	CHECK(rd && w);
	if (!rd || !w) {
		fprintf(stderr, "%s: %s\n", path, d.msg);
		sf_reader_free(rd);
		return 0;
	}
	while (sf_reader_next(rd, &b, &d) > 0) {
		CHECK(sf_writer_copy(w, &b, &d) == 0);
		if (b.kind != SF_K_EV || sf_event_decode(&b, &ev, NULL) < 0)
			continue;
		/* next: the thread itself; page faults and memory sizes */
		add_event(w, &ev, EV_SCHEDSWITCH_6_E,
			  (const uint64_t[]){ (uint64_t)ev.tid, 1, 2, 3, 4, 5 }, switch_len, 6);
		added++;
		if (++events % 5 == 0) {
			add_event(w, &ev, EV_PROCINFO_E, (const uint64_t[]){ 10, 20 }, procinfo_len, 2);
			added++;
		}
	}
	CHECK(sf_writer_close(w, &d) == 0);
	sf_reader_free(rd);
	return added;
}

static void check_types(void)
{
	bool possible[EV_MAX];
	struct eng_filter *f;

	f = eng_filter_compile("evt.type = open", NULL);
	eng_filter_types(f, possible);
	CHECK(possible[EV_SYSCALL_OPEN_E] && possible[EV_SYSCALL_OPEN_X]);
	CHECK(!possible[EV_SCHEDSWITCH_6_E] && !possible[EV_SYSCALL_READ_E]);
	CHECK(possible[EV_GENERIC_E] && possible[EV_GENERIC_X]);
	eng_filter_free(f);

	f = eng_filter_compile("fd.name contains /etc or evt.dir = <", NULL);
	eng_filter_types(f, possible);
	CHECK(possible[EV_SYSCALL_OPEN_E] && possible[EV_SYSCALL_READ_X]);
	CHECK(!possible[EV_SCHEDSWITCH_6_E] && !possible[EV_PROCINFO_E]);
	eng_filter_free(f);

	f = eng_filter_compile("not evt.type = open and proc.name = x", NULL);
	eng_filter_types(f, possible);
	CHECK(possible[EV_SCHEDSWITCH_6_E] && possible[EV_SYSCALL_OPEN_E]);
	eng_filter_free(f);

	/* they keep a thread's memory, faults and CPU time */
	CHECK(!eng_event_ignored_by_state(EV_SCHEDSWITCH_6_E));
	CHECK(!eng_event_ignored_by_state(EV_PROCINFO_E));
	CHECK(!eng_event_ignored_by_state(EV_SYSCALL_OPEN_X));
	CHECK(!eng_event_ignored_by_state(EV_SYSCALL_READ_E));
	CHECK(!eng_event_ignored_by_state(EV_NOTIFICATION_E));
	CHECK(!eng_event_ignored_by_state(EV_MAX));
}

int main(int argc, char **argv)
{
	char out[] = "/tmp/syshark-skip-XXXXXX";
	uint64_t skipped = 0, first = 0, more = 0, added, all_added = 0;
	int i, fd;

	check_types();
	fd = mkstemp(out);
	CHECK(fd >= 0);
	if (fd < 0)
		return h_done();
	close(fd);
	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");

		if (!fp) {
			printf("SKIP: %s is missing\n", argv[i]);
			unlink(out);
			return 77;
		}
		fclose(fp);
		skipped += check_file(argv[i], &first);
		/* the same with switch and procinfo events, which the state reads */
		added = interleave(argv[i], out);
		CHECK(added > 0);
		check_file(out, &more);
		CHECK(more == first);
		if (more != first)
			fprintf(stderr, "%s: '%s' passed over %llu events, not the %llu before\n",
				argv[i], filters[WANTS_NEITHER], (unsigned long long)more,
				(unsigned long long)first);
		all_added += added;
	}
	unlink(out);
	printf("%llu events passed over in the captures, %llu switch and procinfo events added\n",
	       (unsigned long long)skipped, (unsigned long long)all_added);
	return h_done();
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * A replay told which event types its reader wants passes over the others
 * that the state ignores. Filtering such a replay must select the same
 * events, shown the same way, as filtering one that decodes every event.
 */
#include <stdlib.h>
#include <string.h>

#include "eng_filter.h"
#include "eng_format.h"
#include "harness.h"
#include "sbuf.h"
#include "schema.h"

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
};

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

static uint64_t check_file(const char *path)
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
		all_skipped += skipped;
		free(plain);
		free(narrowed);
	}
	printf("%s: %llu events passed over\n", path, (unsigned long long)all_skipped);
	return all_skipped;
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

	CHECK(eng_event_ignored_by_state(EV_SCHEDSWITCH_6_E));
	CHECK(eng_event_ignored_by_state(EV_PROCINFO_E));
	CHECK(!eng_event_ignored_by_state(EV_SYSCALL_OPEN_X));
	CHECK(!eng_event_ignored_by_state(EV_SYSCALL_READ_E));
	CHECK(!eng_event_ignored_by_state(EV_NOTIFICATION_E));
	CHECK(!eng_event_ignored_by_state(EV_MAX));
}

int main(int argc, char **argv)
{
	uint64_t skipped = 0;
	int i;

	check_types();
	for (i = 1; i < argc; i++) {
		FILE *fp = fopen(argv[i], "rb");

		if (!fp) {
			printf("SKIP: %s is missing\n", argv[i]);
			return 77;
		}
		fclose(fp);
		skipped += check_file(argv[i]);
	}
	/* the captures have switch and procinfo events to pass over */
	CHECK(argc < 2 || skipped > 0);
	return h_done();
}

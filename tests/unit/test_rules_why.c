// SPDX-License-Identifier: GPL-2.0-only
/*
 * Why an event raised its alert: the rule's condition cut at its "or"s or
 * "and"s, each macro and group opened, each part evaluated on the event;
 * and the default rules' macros and lists, known to every filter.
 */
#include <string.h>

#include "eng_filter.h"
#include "eng_rules.h"
#include "eng_state.h"
#include "harness.h"

static const char rules[] = "- macro: small\n"
			    "  condition: (evt.num < 10 and evt.num > 0)\n"
			    "- list: odd\n"
			    "  items: [1, 3, 5]\n"
			    "- rule: Small odd\n"
			    "  desc: numbers\n"
			    "  condition: >\n"
			    "    small and (evt.num in (odd) or evt.num = 8) and not evt.num = 5\n"
			    "  output: number %evt.num\n"
			    "  priority: warning\n";

/* The parts as "depth:held:text" lines. */
static void parts_text(const struct eng_rules_why *w, struct sbuf *o)
{
	for (size_t i = 0; i < w->nparts; i++)
		sbuf_printf(o, "%u:%c:%s\n", w->parts[i].depth,
			    !w->parts[i].known ? '?' : w->parts[i].held ? '1' : '0', w->parts[i].text);
}

static void check_why(struct eng_state *s, uint64_t num, const char *want)
{
	struct eng_evt e = { .num = num };
	struct eng_rules_why w;
	struct sbuf got;

	sbuf_init(&got);
	CHECK(eng_rules_why(s, &e, &w));
	CHECK_STR(w.rule, "Small odd");
	CHECK(w.prio == ENG_PRIO_WARNING);
	sbuf_reset(&got);
	sbuf_printf(&got, "number %llu", (unsigned long long)num);
	CHECK_STR(w.output, got.s);
	sbuf_reset(&got);
	parts_text(&w, &got);
	CHECK_STR(got.s, want);
	eng_rules_why_free(&w);
	sbuf_fini(&got);
}

int main(void)
{
	struct eng_ruleset *rs = eng_ruleset_new();
	struct eng_evt e = { .num = 5 };
	struct eng_rules_why w;
	struct eng_filter *f;
	struct eng_state s;
	struct diag d = { 0 };

	CHECK(eng_ruleset_load_mem(rs, "why.yaml", rules, sizeof(rules) - 1));
	CHECK(eng_ruleset_finish(rs));
	eng_rules_set_default(rs);
	eng_state_init(&s);
	check_why(&s, 3,
		  "0:1:small\n"
		  "1:1:evt.num < 10\n"
		  "1:1:evt.num > 0\n"
		  "0:1:(evt.num in (odd) or evt.num = 8)\n"
		  "1:1:evt.num in (odd)\n"
		  "1:0:evt.num = 8\n"
		  "0:1:not evt.num = 5\n");
	check_why(&s, 8,
		  "0:1:small\n"
		  "1:1:evt.num < 10\n"
		  "1:1:evt.num > 0\n"
		  "0:1:(evt.num in (odd) or evt.num = 8)\n"
		  "1:0:evt.num in (odd)\n"
		  "1:1:evt.num = 8\n"
		  "0:1:not evt.num = 5\n");
	/* an event that raises nothing has no why */
	CHECK(!eng_rules_why(&s, &e, &w));
	CHECK(w.nparts == 0 && !w.output);
	/* macros and lists are known to every filter while the rules are the default */
	f = eng_filter_compile("small and evt.num in (odd)", NULL);
	e.num = 3;
	CHECK(f && eng_filter_match(f, &s, &e));
	eng_filter_free(f);
	eng_state_fini(&s);
	eng_rules_set_default(NULL);
	f = eng_filter_compile("small", &d);
	CHECK(!f);
	CHECK_STR(d.msg, "unknown field 'small'");
	eng_ruleset_free(rs);
	return h_done();
}

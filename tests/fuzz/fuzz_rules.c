// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target for the Falco rules loader: the input is loaded as a
 * rules file after a fixed one it may append to and override, the set is
 * finished (lists, macros, exceptions and every condition compiled), and
 * its rules are run over a made-up event and formatted into alerts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eng_rules.h"
#include "schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char base[] = "- list: names\n  items: [cat, \"a b\", '\"q\"']\n"
			   "- macro: spawned\n  condition: evt.type = execve and evt.dir = <\n"
			   "- rule: r\n  desc: d\n  condition: spawned and proc.name in (names)\n"
			   "  output: x %proc.name %evt.num\n  priority: WARNING\n"
			   "  exceptions:\n    - name: e\n      fields: [proc.name, evt.num]\n"
			   "      values: [[cat, 1]]\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct eng_ruleset *rs = eng_ruleset_new();
	const struct eng_rules_msg *msgs;
	struct eng_rules_eval *ev;
	struct eng_evt e;
	struct sbuf o;
	size_t n, i;

	if (!eng_ruleset_load_mem(rs, "base.yaml", base, sizeof(base) - 1))
		abort(); /* the fixed file always loads */
	eng_ruleset_load_mem(rs, "fuzz.yaml", (const char *)data, size);
	eng_ruleset_finish(rs);
	msgs = eng_ruleset_msgs(rs, &n);
	for (i = 0; i < n; i++)
		if (!msgs[i].text || !*msgs[i].text || strchr(msgs[i].text, '\n'))
			abort(); /* each message is one line */
	ev = eng_rules_eval_new(rs);
	memset(&e, 0, sizeof(e));
	e.num = 1;
	sbuf_init(&o);
	for (uint16_t t = 0; t < EV_MAX; t += 7) {
		long k;

		e.ev.type = t;
		k = eng_rules_match(ev, NULL, &e);
		if (k >= 0)
			eng_rules_alert(ev, (size_t)k, NULL, &e, t % 2, "host", &o);
	}
	sbuf_fini(&o);
	eng_rules_eval_free(ev);
	eng_ruleset_free(rs);
	return 0;
}

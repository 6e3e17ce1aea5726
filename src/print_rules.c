// SPDX-License-Identifier: GPL-2.0-only
/* --rules: the rules files loaded, their errors and warnings printed as Falco gives them. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "eng_rules.h"
#include "print.h"
#include "xdg.h"

struct eng_ruleset *print_rules_load(const char *const *paths, unsigned int n)
{
	struct eng_ruleset *rs = eng_ruleset_new();
	const struct eng_rules_msg *msgs;
	size_t nmsgs, i;
	bool ok = true;

	for (i = 0; i < n; i++)
		ok &= eng_ruleset_load(rs, paths[i]);
	/* a file in error is not compiled: its other messages would only follow from it */
	if (ok)
		ok = eng_ruleset_finish(rs);
	msgs = eng_ruleset_msgs(rs, &nmsgs);
	for (i = 0; i < nmsgs; i++)
		fprintf(stderr, "syshark: %s\n", msgs[i].text);
	if (!ok) {
		eng_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

void print_rules_list(const struct eng_ruleset *rs, FILE *out)
{
	struct eng_rule_info r;

	for (size_t i = 0; i < eng_ruleset_count(rs); i++) {
		eng_ruleset_rule(rs, i, &r);
		fprintf(out, "%-14s %-8s %s\n", eng_prio_name(r.prio),
			r.enabled ? "enabled" : "disabled", r.name);
	}
}

const char *print_rules_default(void)
{
	static char dir[PATH_MAX];
	struct stat st;

	if (!xdg_dir("XDG_CONFIG_HOME", ".config", false, dir, sizeof(dir) - sizeof("/rules.d")))
		return NULL;
	strcat(dir, "/rules.d");
	return stat(dir, &st) == 0 && S_ISDIR(st.st_mode) ? dir : NULL;
}

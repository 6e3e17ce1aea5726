#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Falco's stable rules (../shared/rules/falco_rules.yaml, or
# SYSHARK_FALCO_RULES): every rule loads, compiles and is enabled, with no
# error and no warning, and they run over every capture of the corpora.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
rules=${SYSHARK_FALCO_RULES:-$(dirname "$0")/../../../shared/rules/falco_rules.yaml}
if [ ! -r "$rules" ]; then
	echo "SKIP: Falco's rules file is not here ($rules; set SYSHARK_FALCO_RULES)"
	exit 77
fi
"$bin" --rules "$rules" --list-rules >"$tmp/list" 2>"$tmp/err"
st=$?
want=$(grep -c '^- rule:' "$rules")
if [ $st -eq 0 ] && [ ! -s "$tmp/err" ] && [ "$(wc -l <"$tmp/list")" -eq "$want" ] &&
	! grep -qv ' enabled  ' "$tmp/list"; then
	ok
else
	bad "status $st, $(wc -l <"$tmp/list") of $want rules enabled: $(head -3 "$tmp/err")"
fi
# each rule's name as the file gives it, in its order
if [ "$(sed -n 's/^- rule: //p' "$rules")" = "$(cut -c25- "$tmp/list")" ]; then ok; else
	bad "the rules listed are not the file's, in its order"
fi
for f in $(captures); do
	if "$bin" -r "$f" --rules "$rules" >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then
		ok
	else
		bad "$(basename "$f"): $(head -3 "$tmp/err")"
	fi
done
finish

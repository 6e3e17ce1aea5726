#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# rules_bench.sh: Falco's stable rules (--rules) over a big capture and one
# ten times its size, side by side with a plain read of the same capture:
# every event replayed with its state and checked by a filter that keeps
# none (`-Y 'evt.num = 0'`). No cached index is used, so both read the file
# once, on one thread. Goal: the rules cost at most twice the plain read.
# Also shown: how many events the rules' types let through, and the alerts.
#
# usage: bench/rules_bench.sh [-n EVENTS]   (env as filter_bench.sh)
#   RULES=F   the rules file (default ../shared/rules/falco_rules.yaml)
set -euo pipefail

USAGE_ENV="SKIP_10M=1 RULES=F"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
bench_init "$@"

RULES=${RULES:-../shared/rules/falco_rules.yaml}
if [[ ! -r $RULES ]]; then
	echo "$0: no rules file $RULES (RULES=F names one)" >&2
	exit 1
fi
export XDG_CACHE_HOME=$OUT/rules-cache # stays empty: --no-cache is not needed
GOAL=2
ROW_WIDTHS=(-34 10 10 7)
STATUS=0

# best3 VAR CMD...: the best of three runs of CMD, in seconds, into VAR
best3() {
	local -n best_out=$1
	local k
	shift
	best_out=""
	for k in 1 2 3; do
		run_once "$@"
		best_out=$(awk -v a="$SEC" -v b="$best_out" 'BEGIN { print (b == "" || a < b) ? a : b }')
	done
}

bench_rules() {
	local f=$1 n=$2 plain rules ratio alerts
	echo
	echo "capture: $f ($n events, $(mib "$(file_kb "$f")") MiB)"
	cat "$f" >/dev/null
	best3 plain plain "$SYSHARK" -r "$f" -Y 'evt.num = 0'
	best3 rules rules "$SYSHARK" -r "$f" --rules "$RULES"
	alerts=$("$SYSHARK" -r "$f" --rules "$RULES" | wc -l)
	ratio=$(awk -v a="$rules" -v b="$plain" 'BEGIN { printf "%.2f", a / b }')
	row "" "seconds" "events/s" "x read"
	row "plain read (state, one filter)" "$plain" "$(per_sec "$plain" "$n")" "1.00"
	row "$(grep -c '^- rule:' "$RULES") Falco rules" "$rules" "$(per_sec "$rules" "$n")" "$ratio"
	echo "alerts: $alerts"
	if awk -v r="$ratio" -v g="$GOAL" 'BEGIN { exit !(r <= g) }'; then
		echo "rules at most ${GOAL}x the plain read: met"
	else
		echo "rules at most ${GOAL}x the plain read: NOT met"
		STATUS=1
	fi
}

rm -rf "$XDG_CACHE_HOME"
BIG=$OUT/big-$EVENTS.scap
reuse_big "$BIG" "$EVENTS"
bench_rules "$BIG" "$EVENTS"
if [[ -z ${SKIP_10M:-} ]]; then
	BIG10=$OUT/big-$((EVENTS * 10)).scap
	reuse_big "$BIG10" $((EVENTS * 10))
	bench_rules "$BIG10" $((EVENTS * 10))
fi
exit $STATUS

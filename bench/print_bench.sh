#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# print_bench.sh: time `syshark -p -r BIG` against `sysdig -r BIG` on a large
# capture, check that both print the same text, and show that syshark's
# memory does not grow with the size of the file.
#
# BIG is made by bench/mkbig.c from a real corpus capture, whose event blocks
# are repeated with shifted timestamps. Everything it writes goes to bench/out/.
#
# usage: bench/print_bench.sh [-n EVENTS]
#   EVENTS=N   events in the big file (default 1000000; -n N does the same)
#   CORPUS=F   source capture, plain or gzip
#              (default ../shared/corpus/sample.scap from the repo)
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
bench_init "$@"

# Make the capture files.
QUARTER=$((EVENTS / 4))
BIG=$OUT/big-$EVENTS.scap
SMALL=$OUT/big-$QUARTER.scap
make_big "$BIG" "$EVENTS"
make_big "$SMALL" "$QUARTER"

ROW_WIDTHS=(-8 10 14 14)

echo
echo "capture: $BIG ($EVENTS events, $(mib "$(file_kb "$BIG")") MiB), from $CORPUS"
echo "host:    $(nproc) cpus, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
[[ -x /usr/bin/time ]] || echo "note: /usr/bin/time is absent: timing with bash 'time', memory n/a"

run_best syshark "$SYSHARK" -p -r "$BIG"
SH_SEC=$BEST_SEC SH_KB=$BEST_KB
"$SYSHARK" -p -r "$BIG" >"$OUT/syshark.txt"

if ((HAVE_SYSDIG)); then
	run_best sysdig sysdig -r "$BIG"
	SD_SEC=$BEST_SEC SD_KB=$BEST_KB
	sysdig -r "$BIG" >"$OUT/sysdig.txt" 2>>"$OUT/sysdig.err"
fi

echo
echo "best of 2 runs each, output to /dev/null:"
row tool seconds "max RSS MiB" events/s
row syshark "$SH_SEC" "$(mib "$SH_KB")" "$(per_sec "$SH_SEC")"
if ((HAVE_SYSDIG)); then
	row sysdig "$SD_SEC" "$(mib "$SD_KB")" "$(per_sec "$SD_SEC")"
else
	echo "sysdig:  not installed (Debian package 'sysdig'): skipped"
fi

STATUS=0
echo
if ((HAVE_SYSDIG)); then
	awk -v a="$SD_SEC" -v b="$SH_SEC" 'BEGIN {
		if (b <= 0) { print "syshark ran too fast to measure a ratio"; exit }
		r = a / b
		printf "syshark is %.1f times faster than sysdig (goal: at least 3x: %s)\n",
			r, (r >= 3 ? "met" : "NOT met")
	}'
	if cmp -s "$OUT/syshark.txt" "$OUT/sysdig.txt"; then
		echo "outputs identical: $(wc -l <"$OUT/syshark.txt") lines" \
			"($OUT/syshark.txt = $OUT/sysdig.txt)"
	else
		echo "outputs DIFFER: $(cmp "$OUT/syshark.txt" "$OUT/sysdig.txt" 2>&1 || true)"
		diff "$OUT/sysdig.txt" "$OUT/syshark.txt" | head -n 10 || true
		STATUS=1
	fi
fi

# Memory against file size: the same tool on a file a quarter the size.
run_best syshark-quarter "$SYSHARK" -p -r "$SMALL"
if [[ $SH_KB == n/a ]]; then
	echo "syshark max RSS: n/a (no /usr/bin/time)"
else
	echo "syshark max RSS: $(mib "$BEST_KB") MiB for $QUARTER events," \
		"$(mib "$SH_KB") MiB for $EVENTS events"
	# A mapped capture's pages count in RSS as they are read: show the rest.
	echo "  minus the file's size: $(mib $((BEST_KB - $(file_kb "$SMALL")))) MiB" \
		"and $(mib $((SH_KB - $(file_kb "$BIG")))) MiB"
fi
exit $STATUS

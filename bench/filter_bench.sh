#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# filter_bench.sh: time `syshark -r BIG -Y FILTER -T fields -e evt.num`
# against `sysdig -r BIG -p %evt.num FILTER` for a few filters, on a big
# capture and on one ten times its size, and check that both tools print the
# same event numbers. Then contains and icontains with a value far longer
# than any text (60 KB): neither may cost much more than a plain filter.
# sysdig refuses values over 255 bytes, so it is timed with one of 255.
#
# The captures are made by bench/mkbig.c as in print_bench.sh and kept in
# bench/out/: they are reused while they have the size mkbig gives them (the
# larger one is about 670 MB at the default size).
#
# usage: bench/filter_bench.sh [-n EVENTS]
#   EVENTS=N   events in the first file (default 1000000; -n N does the
#              same); the second file has 10 * N
#   CORPUS=F   source capture, plain or gzip
#              (default ../shared/corpus/sample.scap from the repo)
#   SKIP_10M=1 leave out the second file
#   ROUNDS=N   timed runs of each tool per filter (default 5); the best
#              one counts
set -euo pipefail

USAGE_ENV="SKIP_10M=1 ROUNDS=N"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
bench_init "$@"

if ! ((HAVE_SYSDIG)); then
	echo "$0: sysdig is not installed (Debian package 'sysdig'): nothing to compare with" >&2
	exit 1
fi

FILTERS=(
	'evt.type = read or evt.type = write'
	'proc.name = multipathd and evt.dir = <'
	'fd.name contains /proc and not evt.failed = true'
)
GOAL=5
ROUNDS=${ROUNDS:-5}
export XDG_CACHE_HOME=$OUT/cache
ROW_WIDTHS=(-48 10 10 6 9 9)
STATUS=0 MIN_RATIO=""

# bench_file FILE N GOAL: time every filter on FILE (N events) and print a
# table; GOAL=1 if its ratios count for the goal.
# syshark filters through the capture's index (built first, once, and timed
# on its own line): a filter on the fields its event columns hold (these
# three) is answered from them alone, others by replaying the capture on
# every CPU. The goal is for the first table of the larger capture (of the
# first when SKIP_10M=1), where the process's start-up (a few ms) counts
# least; the second table shows that a long value costs little more than a
# plain filter.
bench_file() {
	local big=$1 n=$2 goal=$3 i f sh_sec sd_sec ratio matches same base diffs=""

	echo
	echo "capture: $big ($n events, $(mib "$(file_kb "$big")") MiB)"
	cat "$big" >/dev/null
	rm -rf "$XDG_CACHE_HOME"
	run_once index "$SYSHARK" -r "$big" --index
	echo "syshark index build (once per capture, then cached): $SEC s"
	sync # the new index is written back before the timed runs, not during them
	echo "best of $ROUNDS runs each, output to /dev/null;" \
		"ratio = sysdig s / syshark s:"
	row filter "syshark s" "sysdig s" ratio matches identical
	for i in "${!FILTERS[@]}"; do
		f=${FILTERS[i]}
		base=$OUT/filter-$n-$i
		best sh_sec filter-syshark "$SYSHARK" -r "$big" -Y "$f" -T fields -e evt.num
		best sd_sec filter-sysdig sysdig -r "$big" -p %evt.num "$f"

		"$SYSHARK" -r "$big" -Y "$f" -T fields -e evt.num >"$base.syshark.txt"
		sysdig -r "$big" -p %evt.num "$f" >"$base.sysdig.txt" 2>>"$OUT/filter-sysdig.err"
		matches=$(wc -l <"$base.syshark.txt")
		if cmp -s "$base.syshark.txt" "$base.sysdig.txt"; then
			same=yes
		else
			same=NO STATUS=1
			diffs+="outputs DIFFER for '$f': $base.syshark.txt has $matches lines,"
			diffs+=" $base.sysdig.txt $(wc -l <"$base.sysdig.txt")"$'\n'
			diffs+=$(diff "$base.sysdig.txt" "$base.syshark.txt" | head -n 6 || true)$'\n'
		fi

		ratio=$(awk -v a="$sd_sec" -v b="$sh_sec" \
			'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }')
		((goal)) && MIN_RATIO=$(awk -v a="$ratio" -v b="$MIN_RATIO" 'BEGIN {
			print (b == "" || (a != "inf" && (b == "inf" || a + 0 < b + 0))) ? a : b }')
		row "$f" "$sh_sec" "$sd_sec" "$ratio" "$matches" "$same"
	done
	printf '%s' "$diffs"
	bench_long "$big"
}

# best SECONDS_VAR CMD...: the best time of ROUNDS runs of CMD, into SECONDS_VAR
best() {
	local -n best_sec=$1
	local k
	shift
	best_sec=""
	for ((k = 0; k < ROUNDS; k++)); do
		run_once "$@"
		best_sec=$(awk -v a="$SEC" -v b="$best_sec" 'BEGIN { print (b == "" || a < b) ? a : b }')
	done
}

# bench_long FILE: contains and icontains with a long value on FILE
bench_long() {
	local big=$1 op long short sh_sec sd_sec
	long=$(head -c 60000 /dev/zero | tr '\0' x)
	short=${long:0:255}
	echo
	echo "a value longer than any text; syshark with 60 KB, sysdig with 255 bytes:"
	row filter "syshark s" "sysdig s" ratio matches identical
	for op in contains icontains; do
		best sh_sec long-syshark "$SYSHARK" -r "$big" -Y "evt.args $op $long" -T fields \
			-e evt.num
		best sd_sec long-sysdig sysdig -r "$big" -p %evt.num "evt.args $op $short"
		row "evt.args $op <value>" "$sh_sec" "$sd_sec" "$(awk -v a="$sd_sec" -v b="$sh_sec" \
			'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }')" - -
	done
}

echo "host: $(nproc) cpus, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
BIG=$OUT/big-$EVENTS.scap
reuse_big "$BIG" "$EVENTS"
bench_file "$BIG" "$EVENTS" "$([[ ${SKIP_10M:-0} != 0 ]] && echo 1 || echo 0)"

if [[ ${SKIP_10M:-0} != 0 ]]; then
	echo
	echo "SKIP_10M=1: the $((EVENTS * 10))-event file is left out"
else
	echo
	BIG10=$OUT/big-$((EVENTS * 10)).scap
	reuse_big "$BIG10" $((EVENTS * 10))
	bench_file "$BIG10" $((EVENTS * 10)) 1
fi

echo
if [[ $MIN_RATIO == inf ]] || awk -v r="$MIN_RATIO" -v g="$GOAL" 'BEGIN { exit !(r >= g) }'; then
	echo "filtering at least $GOAL times faster than sysdig: met (lowest ratio $MIN_RATIO)"
else
	echo "filtering at least $GOAL times faster than sysdig: NOT met (lowest ratio $MIN_RATIO)"
fi
((STATUS == 0)) || echo "$0: some outputs differ" >&2
exit $STATUS

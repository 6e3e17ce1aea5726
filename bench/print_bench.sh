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

usage() {
	echo "usage: $0 [-n EVENTS]   (env: EVENTS=N, CORPUS=FILE)" >&2
	exit 2
}

# A relative CORPUS is taken from the caller's directory, not the repo's.
if [[ -n ${CORPUS:-} && $CORPUS != /* ]]; then
	CORPUS=$PWD/$CORPUS
fi
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus/sample.scap}
EVENTS=${EVENTS:-1000000}

while getopts "n:h" opt; do
	case $opt in
	n) EVENTS=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -eq 0 ]] || usage
if ! [[ $EVENTS =~ ^[0-9]+$ ]] || ((EVENTS < 4)); then
	echo "$0: EVENTS must be a number >= 4, not '$EVENTS'" >&2
	exit 2
fi
EVENTS=$((10#$EVENTS))
[[ -r $CORPUS ]] || { echo "$0: cannot read corpus file $CORPUS" >&2; exit 1; }

OUT=bench/out
mkdir -p "$OUT"

if [[ ! -x build/syshark ]]; then
	echo "build/syshark is missing: building it"
	cmake -S . -B build >/dev/null
	cmake --build build -j2 >/dev/null
fi
SYSHARK=build/syshark

# Make the capture files.
cc -O2 -Wall -Wextra -o "$OUT/mkbig" bench/mkbig.c
gzip -dcf "$CORPUS" >"$OUT/corpus.scap"
QUARTER=$((EVENTS / 4))
BIG=$OUT/big-$EVENTS.scap
SMALL=$OUT/big-$QUARTER.scap
"$OUT/mkbig" "$OUT/corpus.scap" "$BIG" "$EVENTS" 2>&1
"$OUT/mkbig" "$OUT/corpus.scap" "$SMALL" "$QUARTER" 2>&1

# now_us: wall clock in microseconds, or nothing if bash lacks EPOCHREALTIME.
now_us() {
	local t=${EPOCHREALTIME:-}
	echo "${t//[.,]/}"
}

# run_once NAME CMD...: run CMD once with stdout to /dev/null; set SEC and
# KB (max RSS; "n/a" without /usr/bin/time). SEC comes from bash's
# microsecond clock when it has one: %e only has 10 ms resolution.
run_once() {
	local name=$1 t0 t1
	shift
	t0=$(now_us)
	if [[ -x /usr/bin/time ]]; then
		if ! /usr/bin/time -f '%e %M' -o "$OUT/time.txt" "$@" \
			>/dev/null 2>"$OUT/$name.err"; then
			echo "$0: $name failed, see $OUT/$name.err" >&2
			exit 1
		fi
		read -r SEC KB <"$OUT/time.txt"
	else
		local TIMEFORMAT=%3R
		if ! { time "$@" >/dev/null 2>"$OUT/$name.err"; } 2>"$OUT/time.txt"; then
			echo "$0: $name failed, see $OUT/$name.err" >&2
			exit 1
		fi
		read -r SEC <"$OUT/time.txt"
		KB=n/a
	fi
	t1=$(now_us)
	if [[ -n $t0 && -n $t1 ]]; then
		SEC=$(printf '%d.%03d' $(((t1 - t0) / 1000000)) $(((t1 - t0) % 1000000 / 1000)))
	fi
}

# run_best NAME CMD...: run CMD twice; set BEST_SEC to the better
# time and BEST_KB to the larger max RSS.
run_best() {
	BEST_SEC="" BEST_KB=n/a
	for _ in 1 2; do
		run_once "$@"
		if [[ -z $BEST_SEC ]] || awk -v a="$SEC" -v b="$BEST_SEC" 'BEGIN { exit !(a < b) }'; then
			BEST_SEC=$SEC
		fi
		if [[ $KB != n/a ]] && { [[ $BEST_KB == n/a ]] || ((KB > BEST_KB)); }; then
			BEST_KB=$KB
		fi
	done
}

mib() {
	if [[ $1 == n/a ]]; then echo n/a; else awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; fi
}

file_kb() {
	echo $(($(stat -c %s "$1") / 1024))
}

per_sec() {
	awk -v n="$EVENTS" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }'
}

row() {
	printf '%-8s %10s %14s %14s\n' "$@"
}

echo
echo "capture: $BIG ($EVENTS events, $(mib "$(file_kb "$BIG")") MiB), from $CORPUS"
echo "host:    $(nproc) cpus, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1)"
[[ -x /usr/bin/time ]] || echo "note: /usr/bin/time is absent: timing with bash 'time', memory n/a"

run_best syshark "$SYSHARK" -p -r "$BIG"
SH_SEC=$BEST_SEC SH_KB=$BEST_KB
"$SYSHARK" -p -r "$BIG" >"$OUT/syshark.txt"

HAVE_SYSDIG=0
if command -v sysdig >/dev/null 2>&1; then
	HAVE_SYSDIG=1
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

# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=bash
#
# lib.sh: helpers shared by the bench scripts. Source it from a script that
# has `set -euo pipefail`, then call `bench_init "$@"`; it sets CORPUS,
# EVENTS, OUT (bench/out), SYSHARK and HAVE_SYSDIG, and leaves the shell in
# the repo's top directory with bench/out/mkbig and bench/out/corpus.scap made.

# USAGE_ENV: extra environment variables for the usage line, if any.
usage() {
	echo "usage: $0 [-n EVENTS]   (env: EVENTS=N, CORPUS=FILE${USAGE_ENV:+, $USAGE_ENV})" >&2
	exit 2
}

# bench_init "$@": handle -n EVENTS, EVENTS=N and CORPUS=FILE (a relative
# CORPUS is taken from the caller's directory, not the repo's), build
# syshark if it is missing, mkbig, and the uncompressed corpus.
bench_init() {
	local opt OPTIND=1

	if [[ -n ${CORPUS:-} && $CORPUS != /* ]]; then
		CORPUS=$PWD/$CORPUS
	fi
	cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
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
	# shellcheck disable=SC2034 # SYSHARK and HAVE_SYSDIG are for the caller
	{
		SYSHARK=build/syshark HAVE_SYSDIG=0
		if command -v sysdig >/dev/null 2>&1; then HAVE_SYSDIG=1; fi
	}

	cc -O2 -Wall -Wextra -o "$OUT/mkbig" bench/mkbig.c
	gzip -dcf "$CORPUS" >"$OUT/corpus.scap"
}

# make_big FILE N: write an N-event capture to FILE.
make_big() {
	"$OUT/mkbig" "$OUT/corpus.scap" "$1" "$2" 2>&1
}

# reuse_big FILE N: like make_big, but keep FILE if it already has the size
# mkbig would give it (mkbig is deterministic; the size is counted from a
# run into a pipe, which is much cheaper than writing the file again).
reuse_big() {
	local want
	if [[ -f $1 ]]; then
		want=$("$OUT/mkbig" "$OUT/corpus.scap" /dev/stdout "$2" 2>/dev/null | wc -c)
		if (($(stat -c %s "$1") == want)); then
			echo "reusing $1 ($2 events, $want bytes)"
			return
		fi
	fi
	make_big "$1.tmp" "$2"
	mv -f "$1.tmp" "$1"
}

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

# per_sec SEC [N]: N (default EVENTS) events in SEC seconds, per second.
per_sec() {
	awk -v n="${2:-$EVENTS}" -v s="$1" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }'
}

# row COL...: one table line; ROW_WIDTHS holds each column's width,
# negative for a left-aligned column.
row() {
	local i sep=""
	for ((i = 1; i <= $#; i++)); do
		printf '%s%*s' "$sep" "${ROW_WIDTHS[i - 1]:-0}" "${!i}"
		sep=" "
	done
	echo
}

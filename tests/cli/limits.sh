#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Output that a capture or an option could make unbounded is refused: on a
# capture (mkevents --late) whose last calls each last 2^63 ns, --io-stat
# says in one line how many intervals it would take, past its limit, and
# prints nothing; --top=syscalls sums those latencies without wrapping
# below zero; an interval under 1us is refused; contains with a value far
# longer than any text matches nothing.
#
# usage: limits.sh BIN MKEVENTS CORPUS
. "$(dirname "$0")/../checks.sh"
bin=$1
corpus=$3
f=$tmp/late.scap
"$2" --late "$f" || { bad "mkevents cannot write $f"; finish; exit; }

# one line naming the limit, nothing on stdout, status 1
for fmt in text json fields; do
	timeout 60 "$bin" -r "$f" --io-stat=1s -T "$fmt" >"$tmp/o" 2>"$tmp/e"
	rc=$?
	want='^syshark: --io-stat=1s: the events span 9223372036\.[0-9]* s, 9223372037 intervals,'
	want+=' more than the 1000000 printed at most'
	[ $rc -eq 1 ] && [ ! -s "$tmp/o" ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] &&
		grep -q "$want" "$tmp/e" && ok ||
		bad "--io-stat=1s -T $fmt over 292 years: status $rc," \
			"$(wc -c <"$tmp/o") bytes out," \
			"$(head -c 300 "$tmp/e")"
done
# an interval long enough is printed: 2^63 ns in 10^4 s intervals
"$bin" -r "$f" --io-stat=10000s -T fields >"$tmp/o" && [ "$(wc -l <"$tmp/o")" -eq 922338 ] && ok ||
	bad "--io-stat=10000s prints $(wc -l <"$tmp/o") intervals, not 922338"

# the sums of --top=syscalls: close's time is the largest number, not a wrapped one
"$bin" -r "$f" --top=syscalls -T fields >"$tmp/top"
awk -F'\t' '$1 == "close" && $2 == 3 && $4 == 9223372036854775807 { n++ }
	$4 < 0 || $5 < 0 { n = -100 } END { exit n != 1 }' "$tmp/top" && ok ||
	bad "--top=syscalls wraps the sum of close's latencies: $(grep close "$tmp/top")"

# intervals under 1us
for i in 1ns 999ns 0.0000001; do
	"$bin" -r "$corpus/files.scap" --io-stat=$i >"$tmp/o" 2>"$tmp/e"
	[ $? -eq 2 ] && [ ! -s "$tmp/o" ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] &&
		grep -qx "syshark: --io-stat=$i: shorter than 1us, the shortest interval" \
			"$tmp/e" &&
		ok ||
		bad "--io-stat=$i: $(cat "$tmp/e")"
done
"$bin" -r "$corpus/files.scap" --io-stat=1us -T fields >"$tmp/o" && [ -s "$tmp/o" ] && ok ||
	bad "--io-stat=1us is refused"

# contains and icontains with a value far longer than any text (60 KB)
# match nothing, and match where the capture holds it (their cost is in
# bench/filter_bench.sh)
needle=$(head -c 60000 /dev/zero | tr '\0' x)
for op in contains icontains; do
	n=$("$bin" -r "$corpus/files.scap" -Y "evt.args $op $needle" -T fields -e evt.num | wc -l)
	m=$("$bin" -r "$corpus/files.scap" -Y "evt.args $op fd=" -T fields \
		-e evt.num | wc -l)
	[ "$n" -eq 0 ] && [ "$m" -gt 0 ] && ok ||
		bad "$op: a 60 KB value matches $n events, fd= matches $m"
done
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The latency spectrogram in the full-screen interface, driven through
# tmux: L opens it over the calls the list shows, counting all of them;
# the count of the cursor's cell (interval and latency), on the title line,
# is the one --spectro prints for that interval and bucket, at the interval
# the screen chose, after zooming and on a narrow screen where a cell holds
# two buckets; Enter shows exactly the cell's calls in the event list and
# Backspace comes back; a display filter narrows the calls; a view opens it
# too; a gzip capture's spectrogram grows as it is inflated.
. "$(dirname "$0")/lib.sh"
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"
nshown=$("$bin" -r "$f" | wc -l)
# calls FILE [FILTER]: the calls --spectro counts
calls() {
	"$bin" -r "$1" -T fields -e evt.num -Y "evt.dir = < and evt.latency > 0${2:+ and ($2)}" |
		wc -l
}
# title FIELD: from the title line, the interval, the cursor's time, its
# cell's first bucket, the bucket after it, or its calls
title() {
	local re='^ Latency spectrogram \| interval ([0-9]+[a-z]+) \| at ([0-9.]+) s, '
	re+='([0-9.]+[a-z]+) to ([0-9.]+[a-z]+): ([0-9]+) calls'
	local n
	case $1 in interval) n=1 ;; at) n=2 ;; from) n=3 ;; to) n=4 ;; calls) n=5 ;; esac
	screen | head -1 | sed -En "s/$re.*/\\$n/p"
}
# printed FILE IV AT B0 B1 [FILTER]: the calls --spectro=IV prints for the
# interval starting at AT, in the buckets from the one named B0 up to B1
printed() {
	"$bin" -r "$1" --spectro="$2" -T json ${6:+-Y "$6"} | python3 -c '
import json, sys
at, b0, b1 = sys.argv[1:4]
for line in sys.stdin:
    row = json.loads(line, parse_float=str)
    if row["start"] == at:
        print(sum(c for n, c in row["buckets"].items() if n in sys.argv[4].split()))
        break' "$3" "$4" "$5" "$(bucket_names "$4" "$5")"
}
# bucket_names B0 B1: the names of the buckets from B0 up to, not including, B1
bucket_names() {
	awk -v b0="$1" -v b1="$2" 'BEGIN { '"$SPECTRO_BUCKETS"'
		for (b = 0; b < 110 && name[b] != b0; b++) ;
		for (; b < 110 && name[b] != b1; b++) printf "%s ", name[b] }'
}
# bucket NAME: the index of the bucket NAME
bucket() {
	awk -v n="$1" 'BEGIN { '"$SPECTRO_BUCKETS"'
		for (b = 0; b < 110; b++) if (name[b] == n) print b }'
}
# cell_ok [FILTER]: the cursor's cell counts what print mode counts there
cell_ok() {
	local iv at from to n want
	for _ in $(seq 100); do
		iv=$(title interval) at=$(title at) from=$(title from) to=$(title to)
		n=$(title calls)
		[ -n "$n" ] && break
		sleep 0.05
	done
	want=$(printed "$f" "$iv" "$at" "$from" "$to" "${1:-}")
	[ -n "$n" ] && [ "$n" = "$want" ] && ok ||
		bad "the cell at $at s, $from to $to, of ${iv:-?} intervals counts $n calls," \
			"print mode $want"
}

start 120 40 "$bin" -r "$f"
wait_for "\\| events [0-9]+ \\| shown $nshown \\|" "the capture does not open"
keys L
wait_for '^ Latency spectrogram \| interval [0-9]+[a-z]+ \| at [0-9.]+ s, ' \
	"L does not open the spectrogram"
total=$(calls "$f")
wait_for "\\| calls $total *\$" "the spectrogram does not count the $total calls"
wait_for '^s +\|1ns +\|10ns +\|100ns +\|1us +\|10us +\|100us +\|1ms' "no latency axis"
wait_for '^ calls: \. 1 : 2-3 - 4-9 = 10-31 ' "no legend"
iv=$(title interval) ns=$("$bin" -r "$f" --spectro="$(title interval)" -T fields | wc -l)
# the cursor starts on the last interval, in the bucket with the most calls
[ "$(title at)" = "$("$bin" -r "$f" --spectro="$iv" -T fields | tail -1 | cut -f 1)" ] && ok ||
	bad "the cursor is at $(title at) s, not on the last of $ns intervals"
fullest=$("$bin" -r "$f" --spectro="$iv" -T fields | awk -F'\t' '
	{ for (i = 3; i <= NF; i++) s[i - 3] += $i }
	END { for (b = 0; b < 110; b++) if (s[b] > s[m]) m = b; print m }')
[ "$(bucket "$(title from)")" = "$fullest" ] && ok ||
	bad "the cursor is in bucket $(title from), not the fullest, $fullest"
cell_ok

# to a cell of 2 to 10 calls, the fullest such: its count, then its calls
read -r row b n <<<"$("$bin" -r "$f" --spectro="$iv" -T fields | awk -F'\t' '
	{
		for (i = 3; i <= NF; i++)
			if ($i >= 2 && $i <= 10 && $i > n) { n = $i; r = NR - 1; b = i - 3 }
	}
	END { print r, b, n }')"
mapfile -t downs < <(yes Down | head -n "$row")
keys Home "${downs[@]}"
moves=$((b - fullest))
if [ "$moves" -lt 0 ]; then mapfile -t side < <(yes Left | head -n $((-moves))); else
	mapfile -t side < <(yes Right | head -n "$moves"); fi
[ "${#side[@]}" -eq 0 ] || keys "${side[@]}"
wait_for "^ Latency spectrogram \\| interval $iv \\| at [0-9.]+ s, [0-9.a-z]+ to [0-9.a-z]+: $n " \
	"the cursor does not get to the cell of interval $row, bucket $b, $n calls"
[ "$(bucket "$(title from)")" = "$b" ] && ok || bad "the cursor is in bucket $(title from), not $b"
cell_ok
at=$(title at) from=$(title from) to=$(title to)
# its calls, from print mode's fields: the exits with a latency in the bucket, in the interval
read -r s0 ns0 <<<"$("$bin" -r "$f" -A -T fields -e evt.rawtime.s -e evt.rawtime.ns |
	awk '$1 != 0 || $2 != 0' | head -1)"
w=$("$bin" -r "$f" --spectro="$iv" -T fields | sed -n 2p | cut -f 1 |
	awk '{ printf "%.0f", $1 * 1e9 }')
"$bin" -r "$f" -T fields -e evt.num -e evt.dir -e evt.latency -e evt.rawtime.s -e evt.rawtime.ns |
	awk -F'\t' -v s0="$s0" -v ns0="$ns0" -v w="$w" -v row="$row" -v b="$b" '
	BEGIN { '"$SPECTRO_BUCKETS"' }
	{
		t = ($4 - s0) * 1e9 + ($5 - ns0)
		if ($2 == "<" && $3 >= lo[b] && $3 < lo[b + 1] && int(t / w) == row) print $1
	}' >"$tmp/want"
[ "$(wc -l <"$tmp/want")" = "$n" ] && ok ||
	bad "awk finds $(wc -l <"$tmp/want") calls in the cell, not $n"
keys Enter
wait_for "^the $n calls of $(re "$from to $to at $at") s; Backspace goes back to the spectrogram" \
	"Enter does not show the $n calls"
wait_for "(^ |\\| )shown $n \\|" "the list does not show $n events"
screen | sed -n '2,/^ Detail/p' | awk '$1 ~ /^[0-9]+$/ { print $1 }' >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && ok ||
	bad "the list shows other events than the cell's:" \
		"$(diff "$tmp/want" "$tmp/got" | tr '\n' ' ')"
keys BSpace
wait_for "^ Latency spectrogram \\| interval $iv \\| at $(re "$at") s, $(re "$from") to " \
	"Backspace does not go back to the spectrogram, on the same cell"
keys q
wait_for "\\| shown $nshown \\|" "the list's filter is not what it was"

# + and - change the interval around the cursor; 0 fits the capture again
keys L
wait_for "^ Latency spectrogram \\| interval $iv " "L does not open the spectrogram again"
keys +
for _ in $(seq 50); do [ "$(title interval)" != "$iv" ] && break; sleep 0.05; done
[ "$(title interval)" != "$iv" ] && ok || bad "+ does not change the $iv intervals"
cell_ok
keys - -
for _ in $(seq 50); do [ "$(title interval)" != "$iv" ] && [ "$(title interval)" != 500us ] &&
	break; sleep 0.05; done
cell_ok
keys 0
wait_for "^ Latency spectrogram \\| interval $iv " \
	"0 does not fit the capture in $iv intervals again"
keys Escape
wait_for '^No\. +Time ' "Esc does not close the spectrogram"

# a display filter: the calls it keeps
y='proc.name = cat'
keys f "$y" Enter
wait_for "filter: $(re "$y")" "the display filter does not apply"
keys L
wait_for "\\| calls $(calls "$f" "$y") \\| filter: $(re "$y")" \
	"the spectrogram does not count cat's calls"
cell_ok "$y"
keys Left Left Up
cell_ok "$y"
keys BSpace
wait_for '^No\. +Time ' "Backspace does not close the spectrogram"

# a narrow screen: a cell holds two buckets
start 80 30 "$bin" -r "$f"
wait_for "\\| events [0-9]+ \\|" "the capture does not open at 80 columns"
keys L
wait_for "\\| calls $total *\$" "the narrow spectrogram does not count the $total calls"
[ $(($(bucket "$(title to)") - $(bucket "$(title from)"))) = 2 ] && ok ||
	bad "a cell of the narrow screen is $(title from) to $(title to), not two buckets"
keys Up Up Left
cell_ok
fits 80

# from a view
start 120 40 "$bin" -r "$f" --top
wait_for '^ Processes  \(totals' "--top does not open the processes view"
keys L
wait_for "\\| calls $total *\$" "the spectrogram opened from a view does not count the $total calls"
keys q
wait_for '^ Processes  \(totals' "q does not go back to the view"

# a gzip capture: it counts the calls as the capture is inflated
start 120 40 "$bin" -r "$corpus/shell.scap.gz"
keys L
wait_for "\\| calls $total *\$" \
	"the spectrogram of the gzip capture does not count the $total calls"
cell_ok
keys q q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

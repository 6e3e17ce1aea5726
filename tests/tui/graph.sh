#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The I/O graph in the full-screen interface, driven through tmux: the
# legend's totals are the event counts print mode gives for each series'
# filter; the cursor's counts are those of its interval; zooming changes
# the interval and 0 fits the capture again; the mouse moves the cursor,
# zooms and goes to the list; Enter selects the first event
# at or after the cursor's interval in the list (the next one shown under a
# display filter); a bad series filter shows its error and keeps the graph;
# a gzip capture's graph grows as it is inflated.
. "$(dirname "$0")/lib.sh"
# the shell session, as a plain file
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"
events=$("$bin" -r "$f" -A | wc -l)
nshown=$("$bin" -r "$f" | wc -l)
count() { "$bin" -r "$1" -T fields -e evt.num ${2:+-Y "$2"} | wc -l; }
# times FILE [FILTER]: each event's number and its ns from the capture's first event
times() {
	"$bin" -r "$1" -T fields -e evt.num -e evt.rawtime.s -e evt.rawtime.ns ${2:+-Y "$2"} |
		awk -F'\t' -v s0="$s0" -v ns0="$ns0" '{ printf "%s\t%.0f\n", $1, ($2 - s0) * 1e9 + ($3 - ns0) }'
}
# ns TEXT: an interval ("5ms") or a time in seconds ("0.015") in ns
ns() {
	awk -v t="$1" 'BEGIN {
		u = 1e9
		if (t ~ /ns$/) u = 1; else if (t ~ /us$/) u = 1e3; else if (t ~ /ms$/) u = 1e6
		else if (t ~ /m$/) u = 60e9; else if (t ~ /h$/) u = 3600e9
		sub(/[a-z]+$/, "", t); printf "%.0f\n", t * u
	}'
}
# title FIELD: from the graph's title line, the interval or the cursor's time
title() {
	case $1 in
	interval) screen | head -1 | sed -n 's/.*| interval \([0-9]*[a-z]*\) .*/\1/p' ;;
	cursor) screen | head -1 | sed -n 's/.*| cursor at \([0-9.]*\) s.*/\1/p' ;;
	esac
}
# at_interval N: waits until the cursor is at the start of interval N (the
# keys that move it may still be on their way)
at_interval() {
	for _ in $(seq 200); do
		[ "$(ns "$(title cursor)")" = $(($1 * w)) ] && { ok; return 0; }
		sleep 0.05
	done
	bad "${2:-the cursor is not at interval $1}: at $(title cursor) s, not $(($1 * w)) ns"
	return 1
}
# selected N: the list's line of event N, reversed (with colours after it, maybe)
selected() { printf '^\e\\[[0-9;]*7m(\e\\[[0-9;]*m)*%s ' "$1"; }
read -r s0 ns0 <<<"$("$bin" -r "$f" -T fields -e evt.rawtime.s -e evt.rawtime.ns | head -1)"

start 120 40 "$bin" -r "$f"
wait_for "\\| events $events \\| shown $nshown \\|" "the capture does not open"
keys i
wait_for '^ I/O graph \| interval [0-9]+[a-z]+ \| cursor at 0\.[0-9]* s \| 1: [0-9]+' "i does not open the graph"
wait_for "^ 1 .. all events  total $(count "$f")\$" "series 1 does not total the $(count "$f") events"
s2='evt.type = read' s3='proc.name = ls'
keys 2 "$s2" Enter
wait_for "^ 2 .. evt\\.type = read  total $(count "$f" "$s2")\$" "series 2 does not total the events of '$s2'"
keys 3 "$s3" Enter
wait_for "^ 3 .. proc\\.name = ls  total $(count "$f" "$s3")\$" "series 3 does not total the events of '$s3'"
wait_for '\| series 3$' "the status line does not count 3 series"
wait_for '^ +0┤' "no y axis"
wait_for '^ +└┬─+┬' "no time axis"

# the cursor's counts are its interval's: the interval of the first read
# of ls, where every series counts events
iv=$(title interval) w=$(ns "$(title interval)")
k=$(times "$f" "$s2 and $s3" | awk -v w="$w" '{ print int($2 / w); exit }')
[ "${k:-0}" -gt 0 ] && ok || bad "no read of ls after the first $iv interval"
mapfile -t rights < <(yes Right | head -n "${k:-1}")
keys "${rights[@]}"
at_interval "${k:-1}" "Right does not move the cursor"
at=$(title cursor) t=$(ns "$(title cursor)")
want=""
for s in '' "$s2" "$s3"; do
	want="$want $(times "$f" "$s" | awk -v t="$t" -v w="$w" '$2 >= t && $2 < t + w' | wc -l)"
done
read -r c1 c2 c3 <<<"$want"
[ "$c2" -gt 0 ] && [ "$c3" -gt 0 ] && ok || bad "the interval at $at s has no reads of ls: $c1, $c2, $c3"
wait_for "^ I/O graph \\| interval $iv \\| cursor at $at s \\| 1: $c1 \\| 2: $c2 \\| 3: $c3 *\$" \
	"the cursor's interval at $at s does not count $c1, $c2, $c3"

# zoom in and out around the cursor, then fit the capture again
keys +
wait_for "^ I/O graph \\| interval [0-9]+[a-z]+ " "no interval after +"
for _ in $(seq 50); do [ "$(title interval)" != "$iv" ] && break; sleep 0.05; done
[ "$(ns "$(title interval)")" -lt "$w" ] && ok || bad "+ does not shorten the $iv intervals: $(title interval)"
keys - -
for _ in $(seq 50); do [ "$(ns "$(title interval)")" -gt "$w" ] && break; sleep 0.05; done
[ "$(ns "$(title interval)")" -gt "$w" ] && ok || bad "- - does not lengthen the $iv intervals: $(title interval)"
keys 0
wait_for "^ I/O graph \\| interval $iv \\| cursor at " "0 does not fit the capture in $iv intervals again"

# the mouse: a click on the plot moves the cursor there (two intervals a
# cell), the wheel zooms, a double click goes to the list
axis=$(screen | grep -m 1 '└')
pre=${axis%%└*}
x0=$((${#pre} + 1))
click $((x0 + 5)) 10
at_interval 10 "a click on the plot does not move the cursor to interval 10"
click $((x0 + 5)) 10 64
for _ in $(seq 50); do [ "$(title interval)" != "$iv" ] && break; sleep 0.05; done
[ "$(ns "$(title interval)")" -lt "$w" ] && ok || bad "the wheel does not zoom in from $iv: $(title interval)"
keys 0
wait_for "^ I/O graph \\| interval $iv \\| cursor at " "0 does not fit the capture again after the wheel"
num=$(times "$f" | awk -v t=$((2 * w)) '$2 >= t { print $1; exit }')
click $((x0 + 1)) 10
click $((x0 + 1)) 10
wait_for "^at [0-9.]+ s: event $num\$" "a double click on interval 2 of the plot does not go to event $num"
keys i
wait_for '^ I/O graph \| interval ' "i does not open the graph again"

# Enter: the list, on the first event at or after the cursor's interval
keys Home Right Right Right
at_interval 3 "Home and Right do not move the cursor"
at=$(title cursor) t=$(ns "$at")
num=$(times "$f" | awk -v t="$t" '$2 >= t { print $1; exit }')
keys Enter
wait_for "^at $at s: event $num\$" "Enter does not go to event $num at $at s"
WAIT_ATTRS=1 wait_for "$(selected "$num")" "the list does not select event $num"

# under a display filter: the next event shown
keys f 'evt.type = wait4' Enter
# (the status line is cut at the screen's width)
wait_for "\\| shown $(count "$f" 'evt.type = wait4') \\|.*filter: evt\\.type" "the display filter does not apply"
keys i Home End
wait_for '^ I/O graph \| interval ' "i does not open the graph again"
# the series stay while the graph is closed
wait_for "^ 3 .. proc\\.name = ls  total $(count "$f" "$s3")\$" "the series are gone after reopening"
keys Home Right Right Right Right Right Right Right Right Right Right Right Right
at_interval 12 "the cursor does not move"
at=$(title cursor) t=$(ns "$at")
num=$(times "$f" | awk -v t="$t" '$2 >= t { print $1; exit }')
shown=$(times "$f" 'evt.type = wait4' | awk -v n="$num" '$1 >= n { print $1; exit }')
[ -n "$shown" ] && [ "$shown" != "$num" ] && ok || bad "event $num at the cursor is a wait4, or none comes after it"
keys Enter
wait_for "^at $at s: event $num, not shown: the next one shown\$" "Enter does not say event $num is not shown"
WAIT_ATTRS=1 wait_for "$(selected "$shown")" "the list does not select event $shown, the next wait4"

# a bad series filter: its error under the prompt, and the graph stays
keys i
keys 4 'evt.type = = x' Enter
wait_for "^ +\\^ expected 'and', 'or' or the end, found 'x'" "a bad filter shows no error"
keys Escape
wait_for '^ I/O graph \| interval ' "the graph is gone after a bad filter"
wait_for '\| series 3$' "a bad filter changed the series"
# an empty filter removes a series; series 3 becomes 2
keys 2 C-u Enter
wait_for "^ 2 .. proc\\.name = ls  total $(count "$f" "$s3")\$" "an empty filter does not remove series 2"
wait_for '\| series 2$' "the status line does not count 2 series"
keys q
wait_for '^No\. +Time +CPU' "q does not close the graph"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# another capture, without colours: a series of files
f=$corpus/files.scap
NO_COLOR=1 start 100 30 "$bin" -r "$f"
wait_for '\| events [0-9]+ \| shown' "files.scap does not open"
keys F12 2 'fd.type = file' Enter
wait_for "^ 1 .. all events  total $(count "$f")\$" "series 1 of files.scap is not its $(count "$f") events"
wait_for "^ 2 .. fd\\.type = file  total $(count "$f" 'fd.type = file')\$" "the file events of files.scap are not counted"
keys BSpace
wait_for '^No\. +Time +Process' "Backspace does not close the graph"
keys F12
wait_for '^ I/O graph ' "F12 does not open the graph"
keys Escape
wait_for '^No\. +Time +Process' "Esc does not close the graph"

# from a view: i opens the same graph, counted to its end; Enter goes to the list
start 120 40 "$bin" -r "$f" --top
wait_for '^ Processes  \(totals' "--top does not open the processes view"
keys i
wait_for "^ 1 .. all events  total $(count "$f")\$" "the graph opened from a view does not count every event"
wait_for "\| events $(count "$f") \| series 1 *\$" "the graph opened from a view never ends counting"
[ "$(title interval)" != 1ns ] && ok || bad "the graph opened from a view has 1ns intervals"
keys Home Enter
wait_for '^No\. +Time ' "Enter in the graph opened from a view does not go to the event list"
keys BSpace
wait_for '^nothing to go back to' "the view is still under the list after Enter in the graph"

# one time origin: the capture's first event, hidden or not. The cat
# processes of the session, written with -w, start with 62 hidden events,
# 8 ms before the first shown: the graph's first interval is empty, and the
# time of its last one, typed into W, sums the events there
"$bin" -r "$tmp/shell.scap" -Y 'proc.name = cat' -w "$tmp/cat.scap"
start 120 40 "$bin" -r "$tmp/cat.scap"
keys i
wait_for "^ 1 .. all events  total $(count "$tmp/cat.scap")\$" "the graph of the cat processes does not count them"
keys Home
wait_for '^ I/O graph \| interval [0-9]+[a-z]+ \| cursor at 0\.?0* s \| 1: 0 *$' \
	"the graph's first interval is not at the capture's first event, hidden or not"
keys End
wait_for '^ I/O graph \| interval [0-9]+[a-z]+ \| cursor at 0\.0*[1-9][0-9]* s \| 1: [1-9]' "End does not go to the last interval"
at=$(title cursor) len=$(awk -v n="$(ns "$(title interval)")" 'BEGIN { printf "%.9f", n / 1e9 }')
keys i v Enter
wait_for '^ Processes  \(totals' "v does not open the processes"
keys W "$at+$len" Enter
trimmed=$(echo "$at" | sed -E 's/0+$//; s/\.$//')
wait_for "^ Processes  \(totals from $(re "$trimmed") s to " "W does not take the graph's time $at"
wait_for '\| rows [1-9][0-9]* \|' "the window at the graph's last interval, $at+$len s, holds no process"

# a gzip capture: the graph follows it as it is inflated
start 120 40 "$bin" -r "$corpus/shell.scap.gz"
keys i
wait_for "^ 1 .. all events  total $(count "$tmp/shell.scap")\$" "the graph of the gzip capture does not reach every event"
keys q q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

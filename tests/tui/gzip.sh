#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A gzip capture in the full-screen interface: it is inflated while it is
# shown, and ends up the same as the plain file (events, rows, go to, a
# filter, save). A gzip file cut short shows the events before the cut and
# says where the data ends.
. "$(dirname "$0")/lib.sh"
# the biggest capture of the corpus, and the same inflated
gz=$corpus/shell.scap.gz
plain=$tmp/shell.scap
zcat "$gz" >"$plain"
events=$("$bin" -r "$plain" -A | wc -l)
shown=$("$bin" -r "$plain" | wc -l)
"$bin" -r "$plain" -T fields -e evt.num >"$tmp/nums"
# an event near the end, so go to waits for most of the file
goto=$(tail -n 20 "$tmp/nums" | head -n 1)

start 200 50 "$bin" -r "$gz"
wait_for "^ .*/shell\.scap\.gz \| events $events \| shown $shown \| 1/$shown \([0-9.]+%\) \| marked 0 \| time absolute *\$" \
	"the status line does not end at $events events, $shown shown, with nothing in progress"
wait_for "$(first_row "$plain")" "the first row is not the plain file's first"
keys :
keys "$goto" Enter
wait_for "^    Number: $goto\$" "go to does not reach event $goto"
keys f 'proc.name = cat' Enter
want=$("$bin" -r "$plain" -Y 'proc.name = cat' | wc -l)
[ "$want" -gt 0 ] && ok || bad "the capture has no events of cat"
wait_for "\| shown $want \|.*filter: proc\.name = cat" "the filter does not show the $want events of cat"
keys w "$tmp/saved.scap" Enter
wait_for "saved $want events to $tmp/saved.scap" "w does not save the $want shown events"
got=$("$bin" -r "$tmp/saved.scap" -Y 'proc.name = cat' | wc -l)
[ "$got" = "$want" ] && ok || bad "the saved file holds $got events of cat, not $want"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# cut short: the events before the cut, and the reason on the message line
size=$(stat -c %s "$gz")
head -c $((size * 9 / 10)) "$gz" >"$tmp/cut.scap.gz"
"$bin" -r "$tmp/cut.scap.gz" >"$tmp/cut.txt" 2>/dev/null
n=$(wc -l <"$tmp/cut.txt")
last=$(tail -n 1 "$tmp/cut.txt" | cut -d' ' -f1)
[ "$n" -gt 0 ] && ok || bad "print mode shows no event of the cut file"
[ "$n" -lt "$shown" ] && ok || bad "print mode shows all $n events of the cut file"
start 200 50 "$bin" -r "$tmp/cut.scap.gz"
wait_for "the gzip stream is cut at byte $((size * 9 / 10))," \
	"the cut file does not say where its gzip data ends"
wait_for "\| shown $n \|" "the cut file does not show the $n events print mode shows"
keys G
wait_for "^$last " "G does not reach the last event before the cut, $last"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q on the cut file"; }

# not gzip after all: a damaged header is one line, and the terminal is back
printf '\037\213garbage' >"$tmp/bad.scap.gz"
start 200 50 "$bin" -r "$tmp/bad.scap.gz"
wait_exit && { [ "$status" = 1 ] && ok || bad "exit status $status on a damaged gzip file"; }
lines=$(wc -l <"$tmp/stderr")
[ "$lines" = 1 ] && grep -q "bad.scap.gz" "$tmp/stderr" && ok ||
	bad "a damaged gzip file does not give one line naming it: $(cat "$tmp/stderr")"
finish

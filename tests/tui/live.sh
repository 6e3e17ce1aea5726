#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The full-screen interface on a live capture of a command the test starts,
# with the real probe: rows come while it runs, Space pauses and resumes
# following, the end of the command ends the capture, a filter, saving the
# shown events and reading them back; then what the file test does, on the
# live capture: the tree and its bytes, a filter from the tree, Tab
# completion, a bad filter, go to, marks and a resize; and q asking before
# it loses events.
# The status line's health: events and drops per second, ring buffer use.
# With -w the capture goes to the file named, q does not ask, and the
# status line counts the events the probe dropped as the file records them;
# syshark stopped for a second shows drops per second and a full ring.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

need_probe

# twenty cats, a quarter of a second apart: each reads /etc/hostname twice
start 160 40 "$bin" -- sh -c 'for i in $(seq 20); do cat /etc/hostname; sleep 0.25; done'
# the status line names the command, cut short
cmd=$(re 'sh -c for i in $(seq 20); d…')
wait_for "^ live, following: $cmd \\| events [1-9]" "no live status line"
grows events "the event count does not grow while the command runs"
# a few cats a second: some events a second, none dropped, a ring nearly empty
wait_for '\| marked 0 \| [1-9][0-9]* events/s \| dropped 0 \(0/s\) \| ring [0-9]%( |$)' \
	"no health (events/s, drops/s, ring use) in the live status line"
# the filter keeps up: no progress bar at 100%
wait_for '\| ring [0-9]+%( \| time absolute)? *$' "the live status line shows a filtering bar that has caught up"
keys Space
wait_for '^ live, paused: ' "Space does not pause following"
keys Space
wait_for '^ live, following: ' "Space does not resume following"
wait_for '^ live, ended: ' "the end of the command does not end the capture"

keys f 'fd.name = /etc/hostname and evt.type = read' Enter
wait_for '\| shown 80 \|.*filter: fd\.name = /etc/hostname' "the filter does not show 80 reads"
keys w "$tmp/saved.scap" Enter
wait_for "saved 80 events to $tmp/saved\.scap" "w does not save the 80 reads"
got=$("$bin" -r "$tmp/saved.scap" -Y 'evt.type = read and evt.dir = > and fd.name = /etc/hostname' | wc -l)
all=$("$bin" -r "$tmp/saved.scap" | wc -l)
[ "$got" = 40 ] && [ "$all" = 80 ] && ok || {
	bad "the saved file has $all events and $got read calls of /etc/hostname, not 80 and 40"
	"$bin" -r "$tmp/saved.scap" | head -4
}

# the rest of what a file gets, on the live capture now that it has ended
live_file=$(ls "$tmp"/syshark-live-*)
lcount() { "$bin" -r "$live_file" -Y "$1" | wc -l; }
# the tree of a read, and the bytes of its res node highlighted
keys Tab
down_to $'^\e\\[7m    res: ' 30
WAIT_ATTRS=1 wait_for $'^\e\\[7m    res: ' "Down in the tree does not reach the res node of a read"
WAIT_ATTRS=1 wait_for $'^00[0-9a-f]{2}  .*\e\\[7m[0-9a-f]{2}' "the res node's bytes are not highlighted"
keys a
wait_for 'filter: evt\.(arg\.)?res = ' "a on the res node does not filter on it"
ftext=$(status_line | sed 's/.*filter: //; s/ | .*//; s/ *$//')
want=$(lcount "$ftext")
wait_for "\| shown $want \|" "the filter from the tree does not show the $want events of $ftext"
# collapse and expand a section
keys Tab g Left
wait_for '^\+ Event$' "Left does not collapse the Event section"
keys Enter
wait_for '^- Event$' "Enter does not expand the Event section"
# Tab completion of a field and of a value seen in the capture
keys BTab f C-u 'fd.filena' Tab
wait_for '^Filter: fd\.filename ?$' "Tab does not complete fd.filename"
keys C-u 'fd.name = /etc/hostn' Tab
wait_for '^Filter: fd\.name = /etc/hostname ?$' "Tab does not complete the value /etc/hostname"
keys Enter
want=$(lcount 'fd.name = /etc/hostname')
wait_for "\| shown $want \| .*filter: fd\.name = /etc/hostname" \
	"the filter does not show the $want events of /etc/hostname"
# a bad filter: a caret under the column, the good one stays
keys f C-u 'evt.type = open and evt.typo = 3' Enter
wait_for '^ {28}\^ unknown field .evt\.typo.' "no caret under the bad field"
keys Escape
wait_for "filter: fd\.name = /etc/hostname" "a bad filter replaced the good one"
# go to, mark, move and jump back
keys F
num=$("$bin" -r "$live_file" | sed -n 5p | cut -d' ' -f1)
keys : "$num" Enter
wait_for "^    Number: $num\$" "go to event $num fails"
keys m
wait_for '\| marked 1 \|' "m does not mark"
keys g "'"
wait_for "^    Number: $num\$" "' does not jump to the mark"
# smaller: everything is redrawn at 80x24
resize 80 24
wait_for "^ live, ended: $cmd \\| events" "no status line at 80x24"
lines=$(screen | wc -l)
[ "$lines" = 24 ] && ok || bad "the screen has $lines lines at 80x24"

# q asks first: any key but y goes back, y quits
keys q
wait_for 'quit and lose the events captured\? y to quit' "q does not ask before losing the capture"
keys n
wait_for '^ live, ended: ' "n does not go back"
keys q y
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
if ls "$tmp"/syshark-live-* >/dev/null 2>&1; then bad "the capture's temporary file is left"; else ok; fi

# -w FILE: a small ring, and syshark stopped for a second while dd goes on,
# so that the probe drops events; the status line counts them. The capture
# outlives dd by two seconds, for the health of the second after the stop.
named=$tmp/named.scap
start 200 40 "$bin" -B 1 -w "$named" -- sh -c 'dd if=/dev/zero of=/dev/null bs=1 count=1000000; sleep 2'
cmd=$(re 'sh -c dd if=/dev/zero of=/d…')
wait_for "^ live, following: $cmd \\| events [1-9]" "no live status line for -w"
# the events a second the status line gives are those the file gains a
# second; the count shown is what the index holds, which a slow build (the
# sanitizers) lets fall behind the probe
wait_for '\| [1-9][0-9]* events/s \| ' "no events/s under dd's load"
e0=$(status_field events) t0=$EPOCHREALTIME
sleep 2
e1=$(status_field events) t1=$EPOCHREALTIME
rate=$(status_rate events)
grew=$(awk -v a="$e0" -v b="$e1" -v s="$t0" -v t="$t1" 'BEGIN { printf "%d", (b - a) / (t - s) }')
[ "$rate" -gt "$((grew / 2))" ] && [ "$rate" -lt "$((grew * 4))" ] && ok ||
	bad "the status line says $rate events/s, the event count grew by $grew a second"
pid=$(pgrep -n -f "^$bin -B 1 -w $named")
kill -STOP "$pid"
sleep 1 # the probe's ring fills while syshark stands still
kill -CONT "$pid"
# the second that held the stop: drops a second, the ring found full
wait_for '\| dropped [1-9][0-9]* \([1-9][0-9]*/s\) \| ring (9[5-9]|100)% \|' \
	"the status line does not show drops per second and a full ring after the stop"
# the capture ends, and the index catches up with the file (no progress bar)
# last, where the file is and its size
done_re="^ live, ended: $cmd \\| events [0-9]+ \\| shown [0-9]+ \\| [0-9]+/[0-9]+ \\([0-9.]+%\\) \\| marked 0 \\| dropped [0-9]+ "
done_re+="\\| time absolute \\| into $named, [0-9.]+ [KM]iB *\$"
for _ in $(seq 2400); do screen | grep -Eq "$done_re" && break; sleep 0.05; done
wait_for "$done_re" "the -w capture does not end"
wait_for "\| dropped [1-9]" "the status line does not count dropped events"
events=$(status_field events)
dropped=$(status_field dropped)
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q with -w: $(cat "$tmp/stderr")"; }
"$bin" -r "$named" --stats >"$tmp/stats.txt"
[ "$(awk '/^events:/ { print $2 }' "$tmp/stats.txt")" = "$events" ] && ok ||
	bad "the status line counts $events events, the file has: $(grep '^events:' "$tmp/stats.txt")"
[ "$(awk '/^dropped:/ { print $2 }' "$tmp/stats.txt")" = "$dropped" ] && ok ||
	bad "the status line counts $dropped dropped, the file records: $(grep '^dropped:' "$tmp/stats.txt")"
if command -v sysdig >/dev/null; then
	n=$(sysdig -r "$named" 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] && ok || bad "sysdig reads no event of the -w file"
fi
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The full-screen interface on a corpus capture, driven through tmux as a
# user would: open, move, the tree and its bytes, a filter typed with Tab
# completion, a bad filter, a filter from the tree, go to, marks, save and
# read back, a resize from 200x50 to 80x24, and quit with the terminal back.
. "$(dirname "$0")/lib.sh"
f=$corpus/sample.scap
count() { "$bin" -r "$f" -Y "$1" | wc -l; }

start 200 50 "$bin" -r "$f"
wait_for '^No\. +Time +CPU +Process +PID +TID +Dir +Event +FD name +Info' "no column titles"
wait_for '\| events 477 \| shown 402 \|' "the status line does not count 477 events, 402 shown"
wait_for '^2 +15:14:22\.753887343 3 +sysdig +2987 +2987 +> +switch' "the first row is not event 2"
wait_for '^    Number: 2$' "the tree does not show event 2"

# moving selects the next rows; the tree follows
keys j j
wait_for '^    Number: 4$' "two steps down do not reach event 4"
keys k
wait_for '^    Number: 3$' "a step up does not come back to event 3"
keys j

# the tree: a parameter's bytes are highlighted in the hex pane
keys Tab Down Down Down Down Down Down Down Down Down Down
WAIT_ATTRS=1 wait_for $'\e\\[7m    pgft_min: 1473' "the pgft_min node is not selected"
WAIT_ATTRS=1 wait_for $'^0030  00 00 00 00 00 00 \e\\[7mc1' "pgft_min's bytes (c1 05 ...) are not highlighted"
# collapse and expand a section; the state stays when the selection moves
keys Left
wait_for '^\+ Arguments$' "Left does not collapse Arguments"
keys BTab j
wait_for '^    Number: 5$' "the list does not move on"
wait_for '^\+ Arguments$' "the section does not stay collapsed on the next event"
keys Tab Enter
wait_for '^- Arguments$' "Enter does not expand Arguments"

# a filter typed with Tab completion of a field name and of a value
keys BTab BTab f
wait_for '^Filter: ?$' "f does not open the filter prompt"
keys 'proc.na' Tab
wait_for '^Filter: proc\.name ?$' "Tab does not complete proc.name"
keys '= sysd' Tab
wait_for '^Filter: proc\.name = sysdig ?$' "Tab does not complete the value sysdig"
keys Enter
want=$(count 'proc.name = sysdig')
wait_for "\| shown $want \| .*filter: proc\.name = sysdig" "the filter does not show $want events"

# a bad filter: the error and a caret under its column, and the text stays
keys f C-u 'evt.type = open and evt.typo = 3' Enter
wait_for '^ {28}\^ unknown field .evt\.typo.' "no caret under the bad field"
wait_for '^Filter: evt\.type = open and evt\.typo = 3' "the bad filter's text is gone"
keys Escape
wait_for "filter: proc\.name = sysdig" "a bad filter replaced the good one"

# a filter from the tree: the Type node of the selected event
keys Tab g Down Down Down Down a
want=$(count 'evt.type = switch')
wait_for "\| shown $want \| .*filter: evt\.type = switch" "a on the Type node does not filter on it"

# go to an event, mark it, move away and jump back
keys F
wait_for '\| shown 402 \|' "F does not clear the filter"
keys : 170 Enter
wait_for '^    Number: 170$' "go to event 170 fails"
# 100 to 167 are internal events, not shown: go to takes the next one
keys : 100 Enter
wait_for 'event 100 is not shown; at the next one' "no word that event 100 is hidden"
wait_for '^    Number: 168$' "go to event 100 does not stop at 168"
keys m
wait_for '\| marked 1 \|' "m does not mark"
keys g
wait_for '^    Number: 2$' "g does not go to the top"
keys "'"
wait_for '^    Number: 168$' "' does not jump to the mark"

# save what is shown, and read it back with syshark and sysdig
# a process name the state knows, though no event of it was looked at
keys f C-u 'proc.name = multipa' Tab
wait_for '^Filter: proc\.name = multipathd ?$' "Tab does not complete the process name multipathd"
keys Enter
want=$(count 'proc.name = multipathd')
[ "$want" -gt 0 ] && ok || bad "the capture has no multipathd events to save"
wait_for "\| shown $want \|" "the multipathd filter shows another count"
keys w "$tmp/saved.scap" Enter
wait_for "saved $want events to $tmp/saved\.scap" "w does not save $want events"
got=$("$bin" -r "$tmp/saved.scap" | wc -l)
[ "$got" = "$want" ] && ok || bad "the saved file holds $got events, not $want"
if command -v sysdig >/dev/null; then
	got=$(sysdig -r "$tmp/saved.scap" | wc -l)
	[ "$got" = "$want" ] && ok || bad "sysdig reads $got events of the saved file, not $want"
fi

# columns: one added after the selected one (No.), then removed
keys c
wait_for '^Add column \(field\): ?$' "c does not ask for a column"
keys 'proc.ex' Tab Enter
wait_for '^No\. +proc\.exe +Time +CPU' "no proc.exe column after No."
wait_for '^[0-9]+ +[^ ]+ +15:14:2' "the proc.exe column shows no executable"
keys C
wait_for '^No\. +Time +CPU' "C does not remove the column"

# sorted by the Event column, then back to the events' order
keys '<' '<' '<' '<' '<' '<' '<' '<' '<' '>' '>' '>' '>' '>' '>' '>' s
wait_for '^No\. +Time +CPU +Process +PID +TID +Dir +Event \^ ' "s does not sort by Event"
types() { screen | sed -n '2,19p' | cut -c69-82 | grep -v '^ *$'; }
for _ in $(seq 200); do
	types | LC_ALL=C sort -c 2>/dev/null && [ "$(types | sort -u | wc -l)" -gt 1 ] && break
	sleep 0.05
done
if types | LC_ALL=C sort -c 2>/dev/null; then ok; else
	bad "the rows are not in the order of their event type:"
	types
fi
keys s
wait_for 'Event v ' "s again does not sort the other way"
keys S
wait_for '^No\. +Time +CPU +Process +PID +TID +Dir +Event +FD name' "S does not go back to the events' order"

# 300 columns: the list and the status line use the width, no line goes past it
resize 300 60
wait_for '^No\. +Time +CPU +Process +PID +TID +Dir +Event +FD name +Info' "no column titles at 300x60"
wait_for '^ [^ ].*\| events 477 \| shown' "no status line at 300x60"
lines=$(screen | wc -l)
[ "$lines" = 60 ] && ok || bad "the screen has $lines lines at 300x60"
if screen | awk 'length > 300 { exit 1 }'; then ok; else bad "a line is wider than 300 columns"; fi
widest=$(screen | sed -n '2,26p' | awk '{ sub(/ +$/, ""); if (length > w) w = length } END { print w + 0 }')
[ "$widest" -gt 200 ] && ok || bad "no row uses the width past 200 columns (widest $widest)"

# from 300x60 to 80x24: everything is redrawn to the new size
resize 80 24
wait_for '^No\. +Time +CPU +Process +PID +TID +Dir +Ev' "no column titles at 80x24"
wait_for '^ [^ ].*\| events 477 \| shown' "no status line at 80x24"
keys Right Right Right
wait_for '^ +CPU +Process +PID' "Right does not scroll the list sideways"
keys Left Left Left
wait_for '^No\. +Time' "Left does not scroll back"
lines=$(screen | wc -l)
[ "$lines" = 24 ] && ok || bad "the screen has $lines lines at 80x24"
if screen | awk 'length > 80 { exit 1 }'; then ok; else bad "a line is wider than 80 columns"; fi

# quit: the program ends with status 0 and the terminal is the shell's again
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
if screen | grep -q 'No\. .*Time'; then bad "the interface is still on the screen after q"; else ok; fi
[ -s "$XDG_STATE_HOME/syshark/history" ] && ok || bad "no filter history was saved"
finish

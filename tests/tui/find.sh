#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Find (/, n, N) driven through tmux on a recorded capture: a filter selects
# the events print mode's -Y finds, in order and back; text finds the first
# row holding it in a cell, whole paths included; a miss says so and keeps
# the selection; in a sorted list find follows the shown order.
. "$(dirname "$0")/lib.sh"
files=$corpus/files.scap
nums() { "$bin" -r "$files" -Y "$1" -T fields -e evt.num; }

start 80 24 "$bin" -r "$files"
wait_for '\| shown [1-9][0-9]*( |$)' "no rows"
reads=$(nums 'evt.type = read and evt.dir = <')
first=$(sed -n 1p <<<"$reads") second=$(sed -n 2p <<<"$reads")
last=$(tail -n 1 <<<"$reads")

keys / 'evt.type = read and evt.dir = <' Enter
wait_for "^    Number: $first\$" "the filter find does not select the first read exit, $first"
wait_for 'found: evt\.type = read' "the find does not say it found"
keys n
wait_for "^    Number: $second\$" "n does not go on to the second read exit, $second"
keys N
wait_for "^    Number: $first\$" "N does not come back to the first read exit, $first"

# text: the first row with it in a cell; the whole path though the row shows it cut
want=$(nums 'fd.name = /tmp/syshark-corpus/files/docs/notes.txt or evt.args contains /tmp/syshark-corpus/files/docs/notes.txt' |
	head -n 1)
keys g / C-a C-k '/tmp/syshark-corpus/files/docs/notes.txt' Enter
wait_for "^    Number: $want\$" "the text find does not select the first row naming notes.txt, $want"

keys / C-a C-k 'no such text anywhere' Enter
wait_for 'not found: no such text anywhere' "a miss does not say so"
wait_for "^    Number: $want\$" "a miss moves the selection"

# sorted by No., descending: forward from the top finds the last read first
keys s s g
wait_for '^N(o\.)? v +Time' "s s does not sort by No. descending"
keys / C-a C-k 'evt.type = read and evt.dir = <' Enter
wait_for "^    Number: $last\$" "find in the sorted list does not select the last read exit, $last"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

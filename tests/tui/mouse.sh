#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The mouse, driven through tmux with the bytes a terminal sends for it: a
# click selects a row or a tree node and focuses its pane, the wheel moves
# the selection, a click on a column's title sorts by it (again: the other
# way); in the views a click on the picker opens a view, on a title sorts,
# a double click drills down; in a stream a click selects a line. --no-mouse
# leaves the mouse to the terminal.
. "$(dirname "$0")/lib.sh"
files=$corpus/files.scap

mouse_on() { tmux -L "$sock" display -p -t "$win" '#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}'; }

start 80 24 "$bin" -r "$files"
wait_for '\| shown [1-9][0-9]*( |$)' "no rows"
[[ $(mouse_on) == *1* ]] && ok || bad "the mouse is not on by default"
keys '?'
wait_for '^the mouse: a click selects' "the help does not say what the mouse does"
# the wheel scrolls the help; any key closes it
click 5 5 65
for _ in $(seq 100); do [ "$(screen | sed -n 2p)" = Everywhere ] && break; sleep 0.05; done
[ "$(screen | sed -n 2p)" = Everywhere ] && ok || bad "the wheel does not scroll the help three lines"
keys Escape
wait_for '^No\. +Time' "a key does not close the help"
# at 80x24 the list's rows are lines 1-8: line 5 is the fifth row
click 5 5
wait_for '^    Number: 5$' "a click on the fifth row does not select it"
click 5 5 65
wait_for '^    Number: 8$' "the wheel does not move the selection down three rows"
click 5 5 64
wait_for '^    Number: 5$' "the wheel does not move the selection back up"

# the tree: its title on line 9, "- Event" on 10, "Number" on 11, "Time" on 12
click 8 12
WAIT_ATTRS=1 wait_for $'^\e\\[7m    Time: ' "a click on the Time node does not select it"
WAIT_ATTRS=1 wait_for $'^\e\\[7m(\e\\[[0-9;]*m)* Detail' "a click in the tree does not focus it"
click 0 10
wait_for '^\+ Event$' "a click on a section's sign does not close it"
click 0 10
wait_for '^- Event$' "a click on a section's sign does not open it"

# a click on a title sorts by its column, a second the other way
click 14 0
wait_for '^No\. +Time \^ +Process' "a click on the Time title does not sort by it"
click 14 0
wait_for '^No\. +Time v +Process' "a second click on the Time title does not sort the other way"
last=$("$bin" -r "$files" -T fields -e evt.num | tail -n 1)
click 5 1
wait_for "^    Number: $last\$" "a click on the first row of the sorted list does not select the last event"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# the views: a double click on the picker opens one; a title sorts; a double
# click on a row drills down into its events
start 100 30 "$bin" -r "$files"
wait_for '\| shown [1-9][0-9]*( |$)' "no rows"
keys v
wait_for '^ Views: Enter opens one' "v does not open the view picker"
line=$(screen | grep -n '^  syscalls ' | cut -d: -f1)
click 4 $((line - 1))
click 4 $((line - 1))
wait_for '^ System calls ' "a double click on the picker does not open the system calls"
title=$(screen | sed -n 3p)
prefix=${title%%Errors*}
click $((${#prefix} + 1)) 2
wait_for 'Errors v' "a click on the Errors title does not sort by it"
click $((${#prefix} + 1)) 2
wait_for 'Errors \^' "a second click on the Errors title does not sort the other way"
sc=$(screen | sed -n 4p | awk '{print $NF}')
click 2 3
click 2 3
want=$("$bin" -r "$files" -Y "evt.type = $sc" | wc -l)
wait_for "\\| shown $want \\| .*filter: evt\\.type = $sc" \
	"a double click on the $sc row does not drill down to its $want events"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# the stream of an fd: a click selects a line
num=$("$bin" -r "$files" -Y 'evt.type = write and evt.dir = <' -T fields -e evt.num -e evt.arg.data |
	awk -F'\t' '$2 ~ /^notes, truncated/ { print $1; exit }')
start 100 30 "$bin" -r "$files"
wait_for '\| shown [1-9][0-9]*( |$)' "no rows"
keys : "$num" Enter F5
wait_for '\| line 1/[0-9]+: ' "F5 does not open the stream"
click 4 2
wait_for '\| line 2/[0-9]+: ' "a click on the stream's second line does not select it"
keys q q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# --no-mouse: the terminal keeps the mouse
start 80 24 "$bin" --no-mouse -r "$files"
wait_for '\| shown [1-9][0-9]*( |$)' "no rows"
[ "$(mouse_on)" = 000 ] && ok || bad "--no-mouse leaves the mouse on ($(mouse_on))"
keys '?'
wait_for '^syshark keys' "? does not show the help"
if screen | grep -q '^the mouse'; then bad "the help speaks of the mouse under --no-mouse"; else ok; fi
keys Escape
wait_for '^No\. +Time' "a key does not close the help"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

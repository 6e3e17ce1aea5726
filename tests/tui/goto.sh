#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Go to (:), driven through tmux: a negative or garbled number is refused
# with the reason, a number past the last event says which is the last and
# goes to the last shown, a hidden event past the last shown one goes to that one.
. "$(dirname "$0")/lib.sh"
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"
last=$("$bin" -r "$f" -A -T fields -e evt.num | tail -n 1)
# the last event the list shows (the capture's last ones are internal)
lastshown=$("$bin" -r "$f" -T fields -e evt.num | tail -n 1)
# the last event cat's filter shows
shown=$("$bin" -r "$f" -Y 'proc.name = cat' -T fields -e evt.num | tail -n 1)

start 120 30 "$bin" -r "$f"
wait_for '^No\. +Time' "no list"
for n in -5 12abc ' ' 0 99999999999999999999999; do
	keys : "$n" Enter
	wait_for "^not an event number: '$(re "$n")': events are numbered from 1" \
		"'$n' is taken as an event number"
done
keys : 999999 Enter
wait_for "^no event 999999: the last is $last" \
	"a number past the last event does not say which is the last"
wait_for "^    Number: $lastshown\$" "a number past the last event does not go to the last shown"
keys f 'proc.name = cat' Enter
wait_for 'filter: proc\.name = cat' "the filter is not applied"
keys : "$last" Enter
wait_for "^event $last is not shown; at the last shown one" \
	"a hidden event past the shown ones is called the next one"
wait_for "^    Number: $shown\$" \
	"a hidden event past the shown ones does not go to the last shown ($shown)"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
finish

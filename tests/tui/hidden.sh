#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Hidden events in the interface: H shows them as rows, as print mode's -A
# prints them, says so in the status line, and hides them again. The
# capture is the shell session's cat processes written with -w, whose
# first 62 events are the state -w keeps, hidden.
. "$(dirname "$0")/lib.sh"

f=$tmp/cat.scap
"$bin" -r "$corpus/shell.scap.gz" -Y 'proc.name = cat' -w "$f"
all=$("$bin" -r "$f" -A -T fields -e evt.num | wc -l)
shown=$("$bin" -r "$f" -T fields -e evt.num | wc -l)
[ "$shown" -lt "$all" ] && ok || bad "the capture has no hidden events: $shown of $all shown"

start 160 40 "$bin" -r "$f"
wait_for "\\| events $all \\| shown $shown \\|" "the capture does not open with $shown of $all events shown"
keys H
wait_for '^hidden events shown, as -A does' "H does not say it shows the hidden events"
wait_for "\\| events $all \\| shown $all with hidden \\|" "H does not show all $all events"
keys g
wait_for '^1 +' "the first row is not event 1, hidden"
keys H
wait_for "\\| events $all \\| shown $shown \\|" "H again does not hide the hidden events"
# the help knows the key
keys '?'
wait_for '^  H +show the hidden events too' "the help does not list H"
keys q q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

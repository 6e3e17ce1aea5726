#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A row per system call, as a new user finds the interface: the count and
# rows print mode's --calls gives, a call's arguments from both halves, its
# tree with the enter event and its bytes after the exit's, filters that
# match a call as current Falco libraries match its exit, calls whose exit
# never came, saving both halves; o turns it off and on, and the choice
# comes back the next time; a bad choice file is one line of error.
calls=default
. "$(dirname "$0")/lib.sh"
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"
calls_n=$("$bin" -r "$f" -p --calls | wc -l)
events_n=$("$bin" -r "$f" -p | wc -l)
[ "$calls_n" -gt 0 ] && [ "$calls_n" -lt "$events_n" ] && ok ||
	bad "--calls prints $calls_n lines of $events_n events"
conf=$XDG_CONFIG_HOME/syshark/calls

start 180 40 "$bin" -r "$f"
wait_for "\| shown $calls_n calls" "the status line does not show $calls_n calls"
# a read: the file first, its result, the size its enter asked for
keys f 'evt.type = read and fd.name contains libc.so' Enter
wait_for ' read +[0-9.]+(ns|µs|ms|s) +fd=3\(<f>[^)]*libc\.so\.6\) res=832 size=832 ' \
	"a read call does not show its latency, fd, result and size"
# the detail tree: both halves, the enter's size among the call's arguments
# and in its own section
keys Tab Left
wait_for '^[-+] Enter event' "the tree has no Enter event section"
wait_for '^    size: 832$' "the enter's size is not among the call's arguments"
keys Down Left
wait_for '^\+ Arguments' "Left does not collapse the arguments"
read_num=$("$bin" -r "$f" -p --calls -n 1 -T fields -e evt.num 'evt.type = read and fd.name contains libc.so')
enter_num=$("$bin" -r "$f" -n 1 -T fields -e evt.num \
	"evt.type = read and evt.dir = > and evt.num < $read_num and fd.name contains libc.so")
wait_for "^    Number: $enter_num\$" "the Enter event section does not name event $enter_num"
wait_for '^    size: 832$' "the enter's size is not in its section"
# filters match calls: the enter's size, the exit's result, in one row
keys F f 'evt.arg.size = 832 and evt.rawres = 832' Enter
wait_for ' read +[0-9.]+(ns|µs|ms|s) +fd=3\(<f>[^)]*\) res=832 size=832' \
	"a filter on the enter's size and the exit's result matches no call"
n=$("$bin" -r "$f" -p --calls 'evt.arg.size = 832 and evt.rawres = 832' | wc -l)
[ "$n" -gt 0 ] && [ "$("$bin" -r "$f" -p 'evt.arg.size = 832 and evt.rawres = 832' | wc -l)" = 0 ] && ok ||
	bad "print --calls does not match $n calls on both halves, where a row per event matches none"
wait_for "\| shown $n calls" "the filter on both halves does not show $n calls"
# a call whose exit never came shows as its enter
keys F f 'evt.type = exit_group' Enter
wait_for ' → exit_group( |$)' "exit_group, which never returns, does not show"
# saving calls saves both halves: print mode reads each call back
keys F f 'evt.type = openat' Enter
n=$("$bin" -r "$f" -p --calls 'evt.type = openat' | wc -l)
wait_for "\| shown $n calls" "no $n openat calls"
keys w "$tmp/calls.scap" Enter
wait_for "^saved $((2 * n)) events to " "w does not save both halves of $n calls"
[ "$("$bin" -r "$tmp/calls.scap" -p --calls | wc -l)" = "$n" ] &&
	[ "$("$bin" -r "$tmp/calls.scap" -p | wc -l)" = $((2 * n)) ] && ok ||
	bad "the saved calls do not read back as $n calls of two events"
# o: a row per event, said on the message line and kept in the config directory
keys F o
wait_for '^a row per event: ' "o does not say a row per event"
wait_for "\| shown $events_n( \||$)" "o does not show $events_n events"
wait_for ' → [a-z]+ ' "no enter row after o"
[ "$(cat "$conf")" = off ] && ok || bad "the choice file says $(cat "$conf"), not off"
keys q
wait_exit

start 80 24 "$bin" -r "$f"
wait_for "\| shown $events_n( \||$)" "a row per event does not come back"
keys o
wait_for "\| shown $calls_n calls" "o does not go back to calls"
[ "$(cat "$conf")" = on ] && ok || bad "the choice file says $(cat "$conf"), not on"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }

# a bad choice file: one line naming it
echo maybe >"$conf"
start 80 24 "$bin" -r "$f"
wait_exit
[ "$status" = 2 ] && ok || bad "a bad calls file exits with $status, not 2"
grep -qx "syshark: $conf:1: \"maybe\" is neither on nor off" "$tmp/stderr" &&
	[ "$(wc -l <"$tmp/stderr")" = 1 ] && ok || bad "the error for a bad calls file is: $(cat "$tmp/stderr")"
finish

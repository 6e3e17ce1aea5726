#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# F8 on a live capture's process, with the real probe: the question names
# the PID and the process; Esc sends nothing; t sends SIGTERM, from the
# processes view, and the process dies of it. Over a file, F8 refuses in
# one line.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

start 120 30 "$bin" -r "$corpus/files.scap"
wait_for '\| shown [0-9]+' "the file does not open"
keys F8
wait_for '^F8 works on a live capture only *$' "F8 on a file does not refuse"
keys v Enter F8
wait_for '^F8 works on a live capture only *$' "F8 in a view over a file does not refuse"
keys q
wait_exit

need_probe
secs=4$$
# (sh says how sleep ended)
start 120 30 "$bin" -- sh -c "sleep $secs; echo \$? >$tmp/sleep_status"
for _ in $(seq 100); do pid=$(pgrep -fx "sleep $secs") && break; sleep 0.05; done
[ -n "$pid" ] && ok || bad "sleep $secs does not run"
keys f "proc.name = sleep" Enter
wait_for "\\| shown [1-9][0-9]* " "no event of sleep is shown"
keys F8
wait_for "^Send which signal to PID $pid \\(sleep\\)\\? \\[t\\]erm \\[k\\]ill \\[i\\]nt \\[h\\]up \\[s\\]top \\[c\\]ont \\[1\\]usr1 \\[2\\]usr2, Esc cancels" \
	"F8 on an event of sleep does not ask which signal to send to $pid"
keys Escape
wait_for "^no signal sent to $pid *\$" "Esc does not say no signal was sent"
kill -0 "$pid" 2>/dev/null && ok || bad "Esc sent a signal to sleep"

keys v Enter r / sleep Enter
wait_for "^$pid .* sleep " "the processes view has no row of sleep"
keys F8
wait_for "^Send which signal to PID $pid \\(sleep\\)\\? " "F8 on the sleep row does not ask"
keys t
wait_for "^sent SIGTERM to $pid \\(sleep\\)" "t does not say SIGTERM was sent"
for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
kill -0 "$pid" 2>/dev/null && bad "sleep lives on after SIGTERM" || ok
wait_for 'the capture has ended' "the capture does not end with its command"
keys q y
wait_exit
[ "$(cat "$tmp/sleep_status")" = 143 ] && ok ||
	bad "sleep did not die of SIGTERM: status $(cat "$tmp/sleep_status")"
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The top-like views on a live capture of a command the test starts, with
# the real probe: --top opens the processes view with per-second numbers
# that refresh at the -d interval and the capture's health (events and
# drops per second, ring buffer use), every view opens from the picker,
# and a row drills down to its events.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

need_probe

# forty cats, a tenth of a second apart
start 160 40 "$bin" --top -d 0.5 -- sh -c 'for i in $(seq 40); do cat /etc/hostname >/dev/null; sleep 0.1; done'
wait_for '^ Processes  \((per second|first interval coming)\)' "--top does not open the processes view live"
cmd=$(re 'sh -c for i in $(seq 40); d…')
top_re="^ live, (following|ended): $cmd \\| view procs \\| rows [0-9]+ \\| events [0-9]+ "
wait_for "$top_re\\| per second, every 0\\.5 s" "the status line does not say the view refreshes every 0.5 s"
wait_for '^ Processes  \(per second\)' "no interval is ever shown"
wait_for '\| per second, every 0\.5 s \| [1-9][0-9]* events/s' "the status line does not give the events per second"
# (CPU, Threads, VIRT and RES come from the state; Syscalls is per second)
wait_for '^[0-9]+ +[0-9]+ +root +(cat|sh|sleep) +[0-9]+ +[0-9]+ +[^ ]+ +[^ ]+ +[0-9]+\.[0-9] ' \
	"no row of the command's processes, per second"
# the rows move on: the event count grows between two looks
grows events "the view does not follow the capture"

# the capture's health: its rates and a ring buffer nearly empty
wait_for '\| [1-9][0-9]* events/s \| dropped 0 \(0/s\) \| ring [0-9]% *$' \
	"the status line does not give drops/s and the ring's use"

# every view opens from the picker
n=0
while read -r name title; do
	keys v g
	for _ in $(seq $n); do keys Down; done
	keys Enter
	# (the capture may have ended by now: then the view holds its totals)
	wait_for "^ $title  \\((per second|first interval coming|totals over the capture)\\)" \
		"the picker does not open $name ($title) live"
	n=$((n + 1))
done < <("$bin" --top=list | sed 's/  */ /')

# the system calls of the command, and the events behind one
keys v g Down Down Down Down Down Down Enter
wait_for '^ System calls  \((per second|totals over the capture)\)' "the system calls view does not come live"
wait_for '^ +[0-9.]+ .* (clock_nanosleep|nanosleep|wait4|read) *$' "no sleep, wait or read calls in the live view"
keys / read Enter
wait_for '^ +[0-9.]+ .* read *$' "find does not reach the read row"
keys Enter
wait_for '\| shown [1-9][0-9]* \|.*filter: evt\.type = read' "Enter does not show the read events"
keys BSpace
wait_for '^ System calls ' "Backspace does not go back to the live view"
keys q
wait_for 'quit and lose the events captured\? y to quit' "q does not ask before losing the capture"
keys y
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A live view once its capture has ended: the processes view switches from
# the last interval's rates to the totals over the whole capture (every one
# of the command's five cats, not the last second's), and says so in its
# title and status line; r shows rates (averaged over the capture) and
# totals again.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

need_probe

# tall enough for the whole help
start 160 200 "$bin" --top -d 0.5 -- sh -c 'for i in 1 2 3 4 5; do cat /etc/hostname >/dev/null; sleep 0.4; done'
wait_for '^ Processes  \(per second\)' "--top does not show the rates of an interval live"
wait_for '^ live, ended: .*\| totals' "the status line does not say totals once the capture has ended"
wait_for '^ Processes  \(totals over the capture\)' "the title does not say totals once the capture has ended"
cats=$(screen | grep -cE ' root +cat ')
[ "$cats" = 5 ] && ok || { bad "$cats cat processes in the totals, not 5:"; screen | sed 's/^/    | /'; }

keys r
wait_for '^ Processes  \(per second, averaged over [0-9]+\.[0-9]{3} s over the capture\)' \
	"r does not show rates after the capture has ended"
wait_for '^ live, ended: .*\| per second, averaged' "the status line does not say rates"
keys r
wait_for '^ Processes  \(totals over the capture\)' "r again does not show the totals"

# the help and the keymap's action table know the key
keys '?'
wait_for '^  r +totals, or rates per second' "the help does not list r"
keys q q
wait_for 'quit and lose the events captured\? y to quit' "q does not ask before losing the capture"
keys y
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
finish

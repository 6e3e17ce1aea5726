#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Find on a live capture, with the real probe: a find started before the
# event it looks for is captured goes on over the rows still coming, and
# selects the event once it comes.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

need_probe

# the text is made by the shell when cat runs, so no row holds it before
start 200 35 "$bin" -- sh -c 'sleep 2; cat /nonexistent/syshark-find-$((6 * 7))x; sleep 8'
wait_for '^ live, following: ' "no live capture"
keys / syshark-find-42x Enter
wait_for 'finding: syshark-find-42x' "the find does not wait for the rows still to come"
wait_for 'found: syshark-find-42x' "the find does not find the text once it is captured"
wait_for '^ live, paused: ' "finding does not stop following"
num=$(screen | grep -m 1 '^[0-9].*syshark-find-42x' | cut -d' ' -f1)
wait_for "^    Number: $num\$" "the row found, $num, is not selected"
keys q y
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
finish

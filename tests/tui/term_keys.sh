#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Home and End as xterm and tmux send them, on a terminal whose TERM
# (vt100) knows none of their sequences: each one moves the list to its
# first or last row, and none closes the I/O graph as an Esc would.
. "$(dirname "$0")/lib.sh"
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"
first=$("$bin" -r "$f" -T fields -e evt.num | head -n 1)
last=$("$bin" -r "$f" -T fields -e evt.num | tail -n 1)
homes=("1b 5b 48" "1b 4f 48" "1b 5b 31 7e" "1b 5b 37 7e")
ends=("1b 5b 46" "1b 4f 46" "1b 5b 34 7e" "1b 5b 38 7e")

start 120 40 env TERM=vt100 "$bin" -r "$f"
wait_for '^No\. +Time' "no list"
for i in 0 1 2 3; do
	# shellcheck disable=SC2086
	keys -H ${ends[$i]}
	wait_for "^    Number: $last\$" "End as '${ends[$i]}' does not go to the last row"
	# shellcheck disable=SC2086
	keys -H ${homes[$i]}
	wait_for "^    Number: $first\$" "Home as '${homes[$i]}' does not go to the first row"
done
keys i
wait_for '^ I/O graph \| interval .* cursor at 0\.0* s ' "i does not open the graph at its start"
for i in 0 1 2 3; do
	# shellcheck disable=SC2086
	keys -H ${ends[$i]}
	wait_for '^ I/O graph \| interval .* cursor at [0-9.]*[1-9][0-9.]* s ' \
		"End as '${ends[$i]}' does not move the graph's cursor to the end"
	# Insert, which is bound to nothing, is ignored
	keys -H 1b 5b 32 7e
	# shellcheck disable=SC2086
	keys -H ${homes[$i]}
	wait_for '^ I/O graph \| interval .* cursor at 0\.0* s ' \
		"Home as '${homes[$i]}' does not move the graph's cursor to the start"
done
keys Escape
wait_for '^No\. +Time' "Esc alone does not close the graph"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Outside a UTF-8 locale (LC_ALL=C) the screens draw in ASCII, as htop
# does: the I/O graph's bars are '#' on '|' and '-' axes, the processes
# tree's lines are "|-" and "`-" before every child's name, and no screen
# holds a byte outside ASCII.
. "$(dirname "$0")/lib.sh"

# ascii WHAT: ok if the screen is ASCII alone
ascii() {
	if screen | LC_ALL=C grep -q '[^[:print:][:space:]]'; then
		bad "$1 has bytes outside ASCII:"
		screen | LC_ALL=C grep -n '[^[:print:][:space:]]' | head -3 | sed 's/^/    | /'
	else
		ok
	fi
}

start 120 30 env LC_ALL=C "$bin" -r "$corpus/shell.scap.gz"
wait_for '^No\. +Time ' "the list does not open in the C locale"
ascii "the event list"
keys i
wait_for '^ 1 ## all events  total [1-9]' "the graph's legend is not '##'"
wait_for '^ +0\+[ #]*#' "the graph has no '#' bars on its 0 line"
wait_for '^ +\++-+\+-' "the graph's time axis is not '-' with '+' ticks"
ascii "the I/O graph"
keys i v Enter t
wait_for '^ Processes, as a tree ' "t does not show the tree"
wait_for '^[0-9]+ +[0-9]+ +root +\|- ls ' "a child's line is not '|- ls'"
wait_for '^[0-9]+ +[0-9]+ +root +`- rm ' "the last child's line is not '\`- rm'"
ascii "the processes tree"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The event list's panes resize: + and - in the detail or hex pane give it
# a line more or less, taken from or given to the list; z gives the focused
# pane the whole screen, and back.
. "$(dirname "$0")/lib.sh"

# title_at TITLE: the screen line (from 1) of a pane's title
title_at() { screen | grep -n "^ $1" | head -1 | cut -d: -f1; }
# wait_at TITLE LINE WHAT: waits until the pane's title is on LINE
wait_at() {
	local i
	for i in $(seq 200); do
		[ "$(title_at "$1")" = "$2" ] && { ok; return 0; }
		sleep 0.05
	done
	bad "$3: the $1 title is on line $(title_at "$1"), not $2"
	screen | sed 's/^/    | /'
}

start 100 30 "$bin" -r "$corpus/files.scap"
wait_for '^ Bytes' "the list does not open with its panes"
detail=$(title_at Detail) bytes=$(title_at Bytes)
keys Tab + + +
wait_at Detail $((detail - 3)) "+ + + in the detail pane does not give it 3 lines"
wait_at Bytes "$bytes" "+ in the detail pane moves the hex pane"
keys Tab -
wait_at Bytes $((bytes + 1)) "- in the hex pane does not take a line from it"
wait_at Detail $((detail - 2)) "- in the hex pane does not give its line to the list"
keys z
wait_at Bytes 1 "z does not give the hex pane the whole screen"
wait_for '^0000  ' "the zoomed hex pane has no bytes"
if screen | grep -q '^ Detail\|^No\. '; then bad "the other panes show while the hex pane is zoomed"; else ok; fi
keys z
wait_at Bytes $((bytes + 1)) "z again does not go back to the panes"
wait_for '^No\. ' "the list is not back after z again"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

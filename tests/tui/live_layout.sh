#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The 80x24 layout on a live capture with the real probe: the files and
# the TCP, IPv6 and unix socket scenarios run under syshark, and their rows
# name the files opened and the addresses connected to, with no line past
# 80 cells and no horizontal scrolling: a row per call, as a new user finds
# it, then a row per event (o).
calls=default
. "$(dirname "$0")/lib.sh"
scenario=$3
export TMPDIR=$tmp

need_probe

mkdir -p "$tmp/run/files" "$tmp/run/net"
start 80 24 "$bin" -- sh -c "'$scenario' files '$tmp/run/files' && '$scenario' net '$tmp/run/net'"
wait_for '^No\. +Time +Process +PID +Event +Info$' "no narrow columns for a live capture at 80x24"
wait_for '^ live, ended' "the scenarios do not end the capture"
fits 80
keys f 'proc.name = scenario and evt.type = open and fd.name contains notes.txt' Enter
wait_for ' open +fd=[0-9]+\(<f>…/docs/notes\.txt\) ' "an open call does not name its file"
fits 80
keys F f 'proc.name = scenario and evt.type = connect' Enter
wait_for ' connect +fd=[0-9]+\(<4t>…->127\.0\.0\.1:[0-9]+\)( |$)' "a connect call does not show its address"
wait_for ' connect +fd=[0-9]+\(<6t>…(:[0-9]+)?->::1:[0-9]+\)' "an IPv6 connect call does not show its address"
wait_for ' connect +fd=[0-9]+\(<u>[^)]*stream\.sock\)( |$)' "a unix connect call does not show its socket's path"
wait_for ' connect +fd=[0-9]+\(<4>\) res=-111\(ECONNREFUSED' "a failed connect call does not show its error"
fits 80
# a row per event
keys o
wait_for '^a row per event' "o does not go to a row per event"
keys F f 'proc.name = scenario and evt.type = open and evt.dir = < and fd.name contains notes.txt' Enter
wait_for '← open +fd=[0-9]+\(<f>…/docs/notes\.txt\) ' "an open row does not name its file"
fits 80
keys F f 'proc.name = scenario and evt.type = connect' Enter
wait_for '→ connect +fd=[0-9]+\(<4>\) addr=127\.0\.0\.1:[0-9]+$' "a connect row does not show its address"
wait_for '← connect +fd=[0-9]+\(<6t>…(:[0-9]+)?->::1:[0-9]+\)' "an IPv6 connect does not show its address"
wait_for '→ connect +fd=[0-9]+\(<u>[^)]*stream\.sock\) addr=' "a unix connect does not show its socket's path"
wait_for '← connect +fd=[0-9]+\(<4>\) res=-111\(ECONNREFUSED' "a failed connect does not show its error"
fits 80
wait_for '^No\. +Time' "the list is scrolled sideways"
keys q
wait_for 'quit' "q does not ask before losing the live capture"
keys y
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

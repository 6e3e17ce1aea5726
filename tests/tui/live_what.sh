#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A live capture's command, cut to 28 cells on the status line, is cut
# between characters, never inside one: 8 cells of "sh -c : ", then 19
# two-byte characters and an ellipsis.
# A command that ends before the capture's first write still opens the
# interface, on its events.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

need_probe
e=$(printf 'é%.0s' $(seq 30))
start 160 30 "$bin" -- sh -c ": $e; sleep 2"
wait_for "^ live, (following|ended): sh -c : $(printf 'é%.0s' $(seq 19))… \\|" \
	"the command is not cut after 19 of its é"
screen | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1 && ok || bad "the screen holds a broken character"
keys q y
wait_exit

start 120 30 "$bin" -- true
wait_for '^ live, ended: true \| events [1-9]' \
	"a command that ends at once does not open the interface"
wait_for ' true +[0-9]+ +[0-9]+ +→ procexit +status=0' "the command's exit is not shown"
keys q y
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q"; }
finish

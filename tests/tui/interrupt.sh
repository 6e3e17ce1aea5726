#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Ctrl-C in the interface over a file, driven through tmux: in a prompt it
# closes the prompt, as readline's users expect, and the interface stays;
# in the list it quits, as q does.
. "$(dirname "$0")/lib.sh"
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"

start 120 30 "$bin" -r "$f"
wait_for '^No\. +Time' "no list"
for open in f / : w; do
	keys "$open" zzz
	wait_for '^[A-Z][a-z ()]+: .*zzz$' "$open does not open a prompt"
	keys C-c
	wait_for '\| events [0-9]+ \|' "Ctrl-C does not close the prompt $open opened"
	screen | grep -q 'zzz' && bad "the prompt $open opened is still shown after Ctrl-C" || ok
done
[ -e "$tmp/exit" ] && bad "Ctrl-C in a prompt quit the program" || ok
keys C-c
wait_exit &&
	{ [ "$status" = 0 ] && ok || bad "exit status $status after Ctrl-C: $(cat "$tmp/stderr")"; }
finish

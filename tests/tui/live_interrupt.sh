#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Ctrl-C on a live capture, driven through tmux with the real probe:
# without -w it asks, as q does, before the captured events are lost (any
# other key goes on, a second Ctrl-C quits); with -w it quits at once.
# Leaving says on stderr what was captured and dropped, as tcpdump does.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

need_probe

# (the command, in the terminal's process group, ignores the Ctrl-C too)
start 160 40 "$bin" -- sh -c 'trap "" INT; sleep 60'
wait_for '^ live, following: ' "no live status line"
keys C-c
wait_for 'quit and lose the events captured\? y to quit' \
	"Ctrl-C does not ask before losing the events"
[ -e "$tmp/exit" ] && bad "Ctrl-C quit a live capture without asking" || ok
keys j
wait_for '^ live, ' "the list is gone after the question"
[ -e "$tmp/exit" ] && bad "a key other than y quit" || ok
keys C-c
wait_for 'quit and lose the events captured\?' "Ctrl-C does not ask again"
keys C-c
wait_exit &&
	{ [ "$status" = 0 ] && ok || bad "exit status $status after Ctrl-C: $(cat "$tmp/stderr")"; }
grep -Eq '^syshark: [1-9][0-9]* events captured, [0-9]+ dropped$' "$tmp/stderr" && ok ||
	bad "no summary of the capture on leaving: $(cat "$tmp/stderr")"

# with -w the events are kept: Ctrl-C quits at once, and says where they went
out=$tmp/kept.scap
start 160 40 "$bin" -w "$out" -- sh -c 'trap "" INT; sleep 60'
wait_for '^ live, following: ' "no live status line with -w"
keys C-c
wait_exit && { [ "$status" = 0 ] && ok ||
	bad "exit status $status after Ctrl-C with -w: $(cat "$tmp/stderr")"; }
want="^syshark: [1-9][0-9]* events captured to $(re "$out"), [0-9]+ dropped\$"
grep -Eq "$want" "$tmp/stderr" && ok ||
	bad "no summary of the capture to $out on leaving: $(cat "$tmp/stderr")"
"$bin" -r "$out" -n 1 >/dev/null && ok || bad "$out does not read back"
finish

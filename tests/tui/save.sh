#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Saving the shown events with w, driven through tmux: Tab completes the
# file's name; a file that exists is written over only once y answers the
# question, and any other key leaves it as it was.
. "$(dirname "$0")/lib.sh"
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"
mkdir "$tmp/saved-here"
out=$tmp/saved-here/old.scap
echo "keep me" >"$out"

start 120 30 "$bin" -r "$f" -Y 'proc.name = cat'
wait_for '^No\. +Time' "no list"
"$bin" -r "$f" -Y 'proc.name = cat' -w "$tmp/want.scap"
want=$("$bin" -r "$tmp/want.scap" -A | wc -l)

# Tab completes the directory, then the file in it
keys w "$tmp/saved-h" Tab
wait_for "^Save shown events to: $(re "$tmp/saved-here/")\$" \
	"Tab does not complete a directory's name"
keys o Tab
wait_for "^Save shown events to: $(re "$out")\$" "Tab does not complete a file's name"

# the file exists: n keeps it
keys Enter
wait_for "$(re "$out") exists: overwrite\? \(y/n\)" "no question before writing over $out"
keys n
wait_for "not saved: $(re "$out") exists" "n does not say the file was not saved"
[ "$(cat "$out")" = "keep me" ] && ok || bad "n did not keep $out as it was"

# y writes over it
keys w C-u "$out" Enter
wait_for "exists: overwrite\?" "no question the second time"
keys y
wait_for "saved [0-9]+ events to $(re "$out")" "y does not save"
got=$("$bin" -r "$out" -A | wc -l)
[ "$got" = "$want" ] && ok || bad "the file written over holds $got events, not $want"

# a new file is saved at once
keys w C-u "$tmp/new.scap" Enter
wait_for "saved [0-9]+ events to $(re "$tmp/new.scap")" "a new file is not saved at once"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A full disk stops the capture, and its last line gives the events and
# bytes the file kept, as --stats finds them, besides the events captured.
. "$(dirname "$0")/lib.sh"
need_probe
mkdir "$tmp/small"
if ! mount -t tmpfs -o size=1m tmpfs "$tmp/small" 2>/dev/null; then
	echo "SKIP: cannot mount a small tmpfs"
	exit 77
fi
start_noise
trap 'kill $noise 2>/dev/null; umount "$tmp/small"; rm -rf "$tmp"' EXIT
f=$tmp/small/full.scap
"$bin" -w "$f" --duration 30 >"$tmp/o" 2>"$tmp/e"
rc=$?
if ! grep -q 'No space left on device' "$tmp/e"; then
	bad "the disk never filled: $(cat "$tmp/e")"
	finish
	exit
fi
[ $rc -eq 1 ] && ok || bad "a full disk ends with status $rc"
line=$(tail -1 "$tmp/e")
events=$("$bin" -r "$f" --stats | sed -n 's/^events: //p')
hidden=$("$bin" -r "$f" --stats | sed -n 's/^hidden events: //p')
bytes=$(stat -c %s "$f")
re="^syshark: ([0-9]+) events captured, ([0-9]+) of them kept in $f \\(([0-9]+) bytes\\)"
[[ "$line" =~ $re ]] && [ "${BASH_REMATCH[2]}" -eq $((events - hidden)) ] &&
	[ "${BASH_REMATCH[3]}" -eq "$bytes" ] &&
	[ "${BASH_REMATCH[1]}" -ge "${BASH_REMATCH[2]}" ] && ok ||
	bad "the last line '$line' is not the file's $((events - hidden)) events and $bytes bytes"
finish

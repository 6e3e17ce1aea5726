#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The values of the process fields the state keeps from events (memory,
# page faults, threads) must be those `sysdig -p` prints for every event
# of a capture. Exit 77 = skipped.
#
# Not compared: proc.nchilds, which sysdig 0.29.3 gives as 0 on every
# thread but a process's main one, where current Falco libraries (and
# syshark) count the process's other threads; thread.cpu*, which needs
# procinfo events (tests/live/procinfo.sh compares them); proc.vmswap and
# thread.vmsize.b, which sysdig 0.29.3 does not have.
set -u
. "$(dirname "$0")/../sysdig.sh"
sysdig_capture_start "$1" "$2"

fields=(evt.rawtime thread.tid proc.nthreads proc.vmsize proc.vmrss thread.vmsize thread.vmrss
	thread.pfmajor thread.pfminor)
fmt='*'
args=(-e evt.type)
for f in "${fields[@]}"; do
	fmt+="%$f"$'\t'
	args+=(-e "$f")
done
TZ=UTC sysdig -r "$file" -p "${fmt%$'\t'}" >"$tmp/a" 2>&1
# sysdig leaves out the events it cannot know: so does the comparison
TZ=UTC "$bin" -r "$file" -T fields "${args[@]}" 2>&1 |
	grep -Ev "^($SYSDIG_UNKNOWN)"$'\t' | cut -f2- >"$tmp/b"
if ! cmp -s "$tmp/a" "$tmp/b"; then
	echo "FAIL: process fields differ from sysdig's on $(basename "$file"):"
	diff "$tmp/a" "$tmp/b" | head -5
	exit 1
fi
n=$(wc -l <"$tmp/a")
# proc.nchilds, on the main threads only
TZ=UTC sysdig -r "$file" -p "*%evt.rawtime"$'\t'"%proc.nchilds" thread.ismain=true >"$tmp/a" 2>&1
TZ=UTC "$bin" -r "$file" -T fields -e evt.type -e evt.rawtime -e proc.nchilds \
	-Y thread.ismain=true 2>&1 | grep -Ev "^($SYSDIG_UNKNOWN)"$'\t' | cut -f2- >"$tmp/b"
if ! cmp -s "$tmp/a" "$tmp/b"; then
	echo "FAIL: proc.nchilds differs from sysdig's on $(basename "$file"):"
	diff "$tmp/a" "$tmp/b" | head -5
	exit 1
fi
echo "PASS: $n events have sysdig's process memory, page faults and threads" \
	"in $(basename "$file")"

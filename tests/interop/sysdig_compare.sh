#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Compares `syshark -p -r FILE` with `sysdig -r FILE` (Debian's sysdig 0.29.3)
# for one capture, whole output against whole output. Exit 77 = skipped.
#
# Deliberate differences: none. Both run with TZ=UTC so times agree.
set -u
bin=$1
file=$2
if ! command -v sysdig >/dev/null 2>&1; then
	echo "SKIP: sysdig is not installed (apt-get install sysdig)"
	exit 77
fi
if [ ! -r "$file" ]; then
	echo "SKIP: $file is missing (the corpus lives in ../shared/corpus)"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TZ=UTC sysdig -r "$file" >"$tmp/sysdig.txt" 2>"$tmp/sysdig.err"
src=$?
TZ=UTC "$bin" -p -r "$file" >"$tmp/syshark.txt" 2>"$tmp/syshark.err"
srk=$?
if [ "$src" -ne 0 ]; then
	echo "SKIP: sysdig cannot read $file: $(head -1 "$tmp/sysdig.err")"
	exit 77
fi
if [ "$srk" -ne 0 ]; then
	echo "FAIL: syshark exited $srk: $(cat "$tmp/syshark.err")"
	exit 1
fi
if ! cmp -s "$tmp/sysdig.txt" "$tmp/syshark.txt"; then
	echo "FAIL: output differs from sysdig for $file"
	diff "$tmp/sysdig.txt" "$tmp/syshark.txt" | head -20
	exit 1
fi
echo "PASS: $(wc -l <"$tmp/sysdig.txt") lines identical to sysdig for $(basename "$file")"

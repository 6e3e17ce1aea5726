#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Cuts a gzip capture at 20 offsets and runs syshark on each cut: it must
# exit 1 with exactly one line on stderr that says at which byte the gzip
# stream is cut, and print a prefix of the full output made of whole lines.
# Exit 77 = skipped.
set -u
bin=$1
file=$2
[ -r "$file" ] || { echo "SKIP: $file is missing"; exit 77; }
if [ "$(head -c2 "$file" | od -An -tx1 | tr -d ' ')" != "1f8b" ]; then
	echo "SKIP: $(basename "$file") is not gzip-compressed"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TZ=UTC "$bin" -p -A -r "$file" >"$tmp/full.txt" || { echo "FAIL: full file"; exit 1; }
size=$(stat -c %s "$file")
fails=0
for k in $(seq 1 20); do
	cut=$((size * k / 21))
	head -c "$cut" "$file" >"$tmp/cut.scap"
	TZ=UTC "$bin" -p -A -r "$tmp/cut.scap" >"$tmp/out.txt" 2>"$tmp/err.txt"
	rc=$?
	lines=$(wc -l <"$tmp/err.txt")
	n=$(wc -l <"$tmp/out.txt")
	if [ "$rc" -ne 1 ] || [ "$lines" -ne 1 ] ||
		! grep -q "^syshark: $tmp/cut.scap: the gzip stream is cut at byte $cut, " \
			"$tmp/err.txt"; then
		echo "FAIL: cut at $cut: exit $rc, stderr: $(cat "$tmp/err.txt")"
		fails=$((fails + 1))
	elif ! head -n "$n" "$tmp/full.txt" | cmp -s - "$tmp/out.txt"; then
		echo "FAIL: cut at $cut: output is not a prefix of the full output"
		fails=$((fails + 1))
	fi
done
[ "$fails" -eq 0 ] || exit 1
echo "PASS: 20 cuts of $(basename "$file"), each one clean error line"

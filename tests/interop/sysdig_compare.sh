#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Compares `syshark -p -r FILE` with `sysdig -r FILE` (Debian's sysdig 0.29.3)
# for one capture, whole output against whole output. Exit 77 = skipped.
#
# Deliberate differences: names and strings from the capture (a process
# name, a container's JSON ending in a newline, comm=, exe=) keep only their
# printable ASCII in syshark, so sysdig's other bytes are left out of its
# lines and a line it breaks is joined again. sysdig 0.29.3 knows no
# parameters of a sendmmsg or recvmmsg exit: syshark's are left out of its
# lines. Both run with TZ=UTC so times agree. On a capture with events sysdig 0.29.3 cannot know
# (tests/sysdig.sh), those are set aside and the event numbers, which then
# differ, are not compared.
set -u
. "$(dirname "$0")/../sysdig.sh"
bin=$1
file=$2
if ! command -v sysdig >/dev/null 2>&1; then
	echo "SKIP: sysdig is not installed (apt-get install sysdig)"
	exit 77
fi
if [ ! -r "$file" ]; then
	echo "FAIL: $file is missing"
	exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
TZ=UTC sysdig -r "$file" >"$tmp/raw.txt" 2>"$tmp/sysdig.err"
src=$?
# a line that starts with no event number continues the one before it
LC_ALL=C tr -cd '\n -~' <"$tmp/raw.txt" |
	awk 'NR > 1 && !/^[0-9]+ / { line = line $0; next } NR > 1 { print line } { line = $0 }
		END { if (NR) print line }' >"$tmp/sysdig.txt"
TZ=UTC "$bin" -p -r "$file" 2>"$tmp/syshark.err" |
	sed -E 's/^([0-9]+ .* < (sendmmsg|recvmmsg) ).*/\1/' >"$tmp/syshark.txt"
srk=${PIPESTATUS[0]}
if [ "$src" -ne 0 ]; then
	echo "FAIL: sysdig cannot read $file: $(head -1 "$tmp/sysdig.err")"
	exit 1
fi
if [ "$srk" -ne 0 ]; then
	echo "FAIL: syshark exited $srk: $(cat "$tmp/syshark.err")"
	exit 1
fi
how="lines identical to sysdig"
if sysdig_unknown_in "$bin" "$file"; then
	sysdig_known <"$tmp/syshark.txt" | cut -d' ' -f2- >"$tmp/a"
	cut -d' ' -f2- "$tmp/sysdig.txt" >"$tmp/b"
	mv "$tmp/a" "$tmp/syshark.txt"
	mv "$tmp/b" "$tmp/sysdig.txt"
	how="lines identical to sysdig but for the event numbers, once the events it cannot know are set aside"
fi
# A parent's clone exit that comes after its child has exited (vfork):
# sysdig makes the child again as a copy of the parent and names the result
# after it; syshark does not bring the child back, so the result has no name.
if ! cmp -s "$tmp/sysdig.txt" "$tmp/syshark.txt" &&
	[ "$(wc -l <"$tmp/sysdig.txt")" = "$(wc -l <"$tmp/syshark.txt")" ]; then
	paste -d '\n' "$tmp/sysdig.txt" "$tmp/syshark.txt" | awk -v out="$tmp/sd2" '
		NR % 2 { a = $0; next }
		{
			b = a
			if (a != $0 && a ~ / < (clone|clone3|fork|vfork) res=[0-9]+\(/) {
				match(a, / res=[0-9]+\(/)
				rest = substr(a, RSTART + RLENGTH)
				b = substr(a, 1, RSTART + RLENGTH - 2) substr(rest, index(rest, ")") + 1)
			}
			if (b != a && b == $0)
				gone++
			else
				b = a
			print b >out
		}
		END { print gone + 0 }' >"$tmp/gone"
	mv "$tmp/sd2" "$tmp/sysdig.txt"
	[ "$(cat "$tmp/gone")" = 0 ] ||
		how="$how (clone exits after their child's exit: $(cat "$tmp/gone"), their result unnamed)"
fi
if ! cmp -s "$tmp/sysdig.txt" "$tmp/syshark.txt"; then
	echo "FAIL: output differs from sysdig for $file"
	diff "$tmp/sysdig.txt" "$tmp/syshark.txt" | head -20
	exit 1
fi
echo "PASS: $(wc -l <"$tmp/sysdig.txt") $how for $(basename "$file")"

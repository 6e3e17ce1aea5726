#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Files that are no capture are refused before the screen opens, with one
# line and exit status 1, as print mode refuses them: a text file, an empty
# file, a text file gzip-compressed, 200 MiB of zeros gzip-compressed. A
# capture cut short opens, and says where its damage is on the message line
# at once, with no key pressed.
. "$(dirname "$0")/lib.sh"
printf 'hello, this is text and no capture\n' >"$tmp/text.scap"
: >"$tmp/empty.scap"
gzip -c "$tmp/text.scap" >"$tmp/text.scap.gz"
head -c 200M /dev/zero | gzip -1 >"$tmp/zeros.gz"
for f in text.scap empty.scap text.scap.gz zeros.gz; do
	"$bin" -p -r "$tmp/$f" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
		grep -q "^syshark: $tmp/$f: " "$tmp/err" && ok ||
		bad "print mode on $f: exit $rc, stderr: $(cat "$tmp/err")"
	start 120 40 "$bin" -r "$tmp/$f"
	wait_exit || continue
	[ "$status" = 1 ] && ok || bad "the interface on $f exits with $status, not 1"
	[ "$(wc -l <"$tmp/stderr")" = 1 ] && cmp -s "$tmp/err" "$tmp/stderr" && ok ||
		bad "the interface on $f does not give print mode's one line: $(cat "$tmp/stderr")"
done
grep -q 'not a scap capture' "$tmp/err" && ok || bad "a gzip text file is not called no capture"

# a plain capture cut inside an event block: its damage, with no key pressed
f=$tmp/cut.scap
zcat "$corpus/shell.scap.gz" | head -c 100001 >"$f"
"$bin" -p -r "$f" >/dev/null 2>"$tmp/err"
msg=$(sed 's/^syshark: [^:]*: //' "$tmp/err")
case $msg in
"truncated block at offset"*) ok ;;
*) bad "print mode does not say the cut file is truncated: $msg" ;;
esac
start 200 50 "$bin" -r "$f"
wait_for "^$(re "$msg") *\$" "the damage is not on the message line before any key"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q on the cut file"; }
finish

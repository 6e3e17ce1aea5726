#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# gzip files that inflate to far more than they hold. Zeros are refused on
# their first inflated bytes as no capture: not a byte of them is written
# (a 1 MiB file size limit would stop syshark otherwise). A capture
# followed by a large block stops inflating before $TMPDIR is nearly full,
# after its events, with a message that says so (on a small tmpfs; skipped
# where mount is not allowed).
. "$(dirname "$0")/../checks.sh"
bin=$1
corpus=$2
export TZ=UTC

head -c 200M /dev/zero | gzip -1 >"$tmp/zeros.gz"
(ulimit -f 1024; "$bin" -p -r "$tmp/zeros.gz" >"$tmp/out" 2>"$tmp/err")
rc=$?
[ "$rc" = 1 ] && grep -q "^syshark: $tmp/zeros.gz: not a scap capture" "$tmp/err" && ok ||
	bad "200 MiB of zeros: exit $rc, stderr: $(cat "$tmp/err")"

# the capture, then an unknown block of 40 MiB of zeros (readers skip those)
zcat "$corpus/shell.scap.gz" >"$tmp/plain.scap"
"$bin" -p -r "$tmp/plain.scap" >"$tmp/want"
{
	cat "$tmp/plain.scap"
	printf '\x0d\xf0\xad\x0b\x0c\x00\x80\x02'
	head -c 40M /dev/zero
	printf '\x0c\x00\x80\x02'
} | gzip -1 >"$tmp/tail.gz"
"$bin" -p -r "$tmp/tail.gz" >"$tmp/out" 2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/out" && ok ||
	bad "a capture with a large block does not read whole with room: $(cat "$tmp/err")"
mkdir "$tmp/small"
if mount -t tmpfs -o size=16m tmpfs "$tmp/small" 2>/dev/null; then
	trap 'umount "$tmp/small" 2>/dev/null; rm -rf "$tmp"' EXIT
	TMPDIR=$tmp/small "$bin" -p -r "$tmp/tail.gz" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	msg="stopped inflating after [0-9]* bytes, before $tmp/small is nearly full; set TMPDIR"
	[ "$rc" = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "$msg" "$tmp/err" && ok ||
		bad "a small TMPDIR: exit $rc, stderr: $(cat "$tmp/err")"
	cmp -s "$tmp/want" "$tmp/out" && ok ||
		bad "a small TMPDIR: the events before the tail are not all printed"
	umount "$tmp/small"
else
	echo "SKIP (part): cannot mount a small tmpfs for TMPDIR here"
fi
finish

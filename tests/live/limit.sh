#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# --max-size: the capture stops recording once its file reaches the size,
# says so in one line and keeps a complete file; a bad size is refused.
. "$(dirname "$0")/lib.sh"
need_probe

out=$("$bin" --max-size 0 -w "$tmp/x.scap" --duration 1 2>&1)
[ $? -eq 2 ] && [ "$out" = "syshark: --max-size 0: not a size (as 500M or 2G)" ] && ok ||
	bad "--max-size 0: $out"

start_noise
f=$tmp/limit.scap
"$bin" --max-size 300K -w "$f" --duration 60 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && ok || bad "exit status $rc: $(cat "$tmp/err")"
want="syshark: capture stopped: $f reached its size limit, 307200 bytes (--max-size)"
grep -qxF "$want" "$tmp/err" && ok || bad "no line about the size limit: $(cat "$tmp/err")"
size=$(stat -c %s "$f")
# checked at every event: past the limit by one event at most, and a poll
# of the probe holds far more than 1 MiB under load
[ "$size" -ge 307200 ] && [ "$size" -lt $((307200 + 1048576)) ] && ok ||
	bad "the file has $size bytes for a limit of 300K"
"$bin" -r "$f" --stats >"$tmp/stats" 2>&1 && ok ||
	bad "the file does not read to its end: $(tail -1 "$tmp/stats")"
finish

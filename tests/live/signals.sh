#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A capture of the whole machine stopped mid-stream by SIGINT, SIGTERM and
# SIGHUP (a dropped SSH session) leaves a complete file that syshark and
# sysdig read to the end, with the drop count recorded.
. "$(dirname "$0")/lib.sh"
need_probe
need_sysdig

start_noise

for sig in INT TERM HUP; do
	f=$tmp/sig-$sig.scap
	"$bin" -w "$f" 2>"$tmp/$sig.err" &
	pid=$!
	# wait until events are flowing into the file, written as .NAME.PID.part until complete
	for _ in $(seq 200); do
		size=$(stat -c %s "$tmp/.sig-$sig.scap.$pid.part" 2>/dev/null || echo 0)
		[ "$size" -gt 300000 ] && break
		sleep 0.05
	done
	kill -"$sig" "$pid"
	wait "$pid"
	rc=$?
	[ "$rc" -eq 0 ] && ok || bad "SIG$sig: syshark exited $rc: $(cat "$tmp/$sig.err")"
	grep -q 'events captured to' "$tmp/$sig.err" && ok || bad "SIG$sig: no summary: $(cat "$tmp/$sig.err")"
	if "$bin" -r "$f" --stats >"$tmp/$sig.stats" 2>&1; then ok; else
		bad "SIG$sig: syshark cannot read the file: $(tail -1 "$tmp/$sig.stats")"; fi
	grep -q '^dropped: [0-9]' "$tmp/$sig.stats" && ok || bad "SIG$sig: no drop count in --stats"
	# every captured event is in the file (the hidden one is the drop record)
	n=$(grep -oE '[0-9]+ events captured' "$tmp/$sig.err" | cut -d' ' -f1)
	shown=$(awk '/^events:/ { e = $2 } /^hidden events:/ { h = $3 } END { print e - h }' "$tmp/$sig.stats")
	[ -n "$n" ] && [ "$n" = "$shown" ] && ok || bad "SIG$sig: ${n:-no} events captured, the file shows $shown"
	if sysdig -r "$f" >/dev/null 2>"$tmp/$sig.sd"; then ok; else
		bad "SIG$sig: sysdig cannot read the file: $(head -2 "$tmp/$sig.sd")"; fi
done
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# follow_bench.sh: the time to gather an fd's stream over a large capture,
# `syshark -r BIG --follow=N` (two passes: to event N, then the whole file)
# against sysdig's echo_fds chisel on the same process and fd (one pass,
# printing every read and write of that fd number), with the bytes of both
# compared.
#
# BIG is made by bench/mkbig.c from a real corpus capture, whose event blocks
# are repeated with shifted timestamps. Everything it writes goes to bench/out/.
#
# usage: bench/follow_bench.sh [-n EVENTS]
#   EVENTS=N   events in the big file (default 1000000; -n N does the same)
#   CORPUS=F   source capture, plain or gzip
#              (default ../shared/corpus/sample.scap from the repo)
# Goal: at most as long as sysdig's chisel.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
bench_init "$@"

BIG=$OUT/big-$EVENTS.scap
reuse_big "$BIG" "$EVENTS"
ROW_WIDTHS=(-8 10 14 10)

# the first read or write of the capture that moved bytes on an fd
read -r NUM PID FD < <("$SYSHARK" -r "$BIG" -n 1 -T fields -e evt.num -e proc.pid -e fd.num \
	-Y 'evt.is_io = true and evt.dir = < and evt.rawres > 0 and fd.num >= 0')
echo
echo "capture: $BIG ($EVENTS events, $(mib "$(file_kb "$BIG")") MiB), from $CORPUS"
echo "stream:  event $NUM, pid $PID, fd $FD"

run_best syshark "$SYSHARK" -r "$BIG" --follow="$NUM"
SH_SEC=$BEST_SEC SH_KB=$BEST_KB
"$SYSHARK" -r "$BIG" --follow="$NUM" >"$OUT/follow.txt"
CALLS=$(grep -c '^--- #' "$OUT/follow.txt" || true)
if ((HAVE_SYSDIG)); then
	run_best sysdig sysdig -r "$BIG" -c echo_fds "proc.pid=$PID and fd.num=$FD"
	SD_SEC=$BEST_SEC SD_KB=$BEST_KB
	sysdig -r "$BIG" -c echo_fds "proc.pid=$PID and fd.num=$FD" >"$OUT/echo_fds.txt" 2>/dev/null
	SD_CALLS=$(grep -c -- '------ \(Read\|Write\)' "$OUT/echo_fds.txt" || true)
fi

echo
echo "best of 2 runs each, output to /dev/null:"
row tool seconds "max RSS MiB" calls
row syshark "$SH_SEC" "$(mib "$SH_KB")" "$CALLS"
if ((HAVE_SYSDIG)); then
	row sysdig "$SD_SEC" "$(mib "$SD_KB")" "$SD_CALLS"
	echo
	awk -v a="$SD_SEC" -v b="$SH_SEC" 'BEGIN {
		if (b <= 0) { print "syshark ran too fast to measure a ratio"; exit }
		printf "syshark gathers the stream %.1fx as fast as sysdig echo_fds\n", a / b }'
	# sysdig does not end the stream at a close: it prints every use of the
	# fd number; syshark's stream is the one around event N
	echo "calls: syshark $CALLS (from the fd's open to its close), sysdig $SD_CALLS (every use of the number)"
else
	echo "sysdig:  not installed (Debian package 'sysdig'): skipped"
fi

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# live_bench.sh: the cost of live capture. A syscall-heavy command,
# `dd if=/dev/zero of=/dev/null bs=1 count=N` (two syscalls, so four events,
# per record), is timed bare, under `syshark -w bench/out/live.scap --`,
# under `strace -f -o /dev/null` and under `perf trace -o /dev/null` (when
# perf trace works on this kernel), and with only the raw syscall
# tracepoints switched on (`perf stat -e raw_syscalls:*`, the floor for any
# tool that sees every syscall); then the capture's rate and drops are
# shown, and its drop count is checked: the events in the file must be the
# ones syshark says it captured, and captured + dropped must be what dd makes
# (the events of a dd with count=0, plus four per record). One more capture
# with a 64 MiB buffer (-B 64) shows what the buffer size does to the drops.
#
# N defaults to 200000, not 2000000: with bs=1 strace costs about 40 us a
# record and perf trace about 75 (2 cpus, 6.18 kernel), so three runs of
# each at 2000000 would take a quarter of an hour; at 200000 the whole
# script takes about a minute and a half.
# Needs root (the BPF probe). Everything it writes goes to bench/out/.
#
# usage: bench/live_bench.sh [-n COUNT]
#   COUNT=N    dd records (default 200000; -n N does the same)
# Goals: at most 2x slower than bare; at most 1% of events dropped at the
# default buffer size. Exits 0 whether the goals are met or not, 1 if the
# capture cannot run.
#
# Then the dynamic snap length: bench/sockload.c sends SOCK_COUNT (default
# 50000) messages of 1500 bytes over TCP on loopback, between ports no hint
# names, each starting like an HTTP request, a TLS record or nothing known;
# each load is captured with --snaplen-proto at its default (2000: the
# protocol messages are kept whole) and at 0 (every message cut at -s's
# 256), and the events/s and bytes written are shown side by side, with the
# ratio on / off. The plain load shows what the look at the first bytes
# costs when it finds nothing.
set -euo pipefail

# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"

usage() {
	echo "usage: $0 [-n COUNT]   (env: COUNT=N, dd records)" >&2
	exit 2
}

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
COUNT=${COUNT:-200000}
while getopts "n:h" opt; do
	case $opt in
	n) COUNT=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -eq 0 ]] || usage
if ! [[ $COUNT =~ ^[0-9]+$ ]] || ((10#$COUNT < 1)); then
	echo "$0: COUNT must be a number >= 1, not '$COUNT'" >&2
	exit 2
fi
COUNT=$((10#$COUNT))
SOCK_COUNT=${SOCK_COUNT:-50000}
if ! [[ $SOCK_COUNT =~ ^[0-9]+$ ]] || ((10#$SOCK_COUNT < 1)); then
	echo "$0: SOCK_COUNT must be a number >= 1, not '$SOCK_COUNT'" >&2
	exit 2
fi

OUT=bench/out
SYSHARK=build/syshark
mkdir -p "$OUT"
if [[ ! -x $SYSHARK ]]; then
	echo "$SYSHARK is missing: building it"
	[[ -f build/CMakeCache.txt ]] || cmake -S . -B build >/dev/null
	cmake --build build -j2 >/dev/null
fi

RUNS=3
GOAL_RATIO=2
GOAL_DROP_PCT=1
DD=(dd if=/dev/zero of=/dev/null bs=1 "count=$COUNT")
CAP=$OUT/live.scap
ROW_WIDTHS=(-10 9 8 14)

# The reason a timed run failed, if one does: run_once only names the file.
RUNNING=""
# shellcheck disable=SC2317 # called by the EXIT trap
on_exit() {
	local rc=$?
	if ((rc != 0)) && [[ -n $RUNNING && -s $OUT/$RUNNING.err ]]; then
		echo "$0: $RUNNING said:" >&2
		tail -n 5 "$OUT/$RUNNING.err" | sed 's/^/  /' >&2
	fi
}
trap on_exit EXIT

if ((EUID != 0)); then
	echo "$0: live capture loads a BPF probe, which needs root: run it as root" >&2
	exit 1
fi
if ! "$SYSHARK" -w "$OUT/live-probe.scap" -- true >/dev/null 2>"$OUT/live-probe.err"; then
	echo "$0: syshark cannot capture (the probe does not load?):" >&2
	sed 's/^/  /' "$OUT/live-probe.err" >&2
	exit 1
fi

# best NAME CMD...: run CMD RUNS times; BEST_SEC is the fastest run.
best() {
	local i
	BEST_SEC=""
	RUNNING=$1
	for ((i = 0; i < RUNS; i++)); do
		run_once "$@"
		if [[ -z $BEST_SEC ]] || awk -v a="$SEC" -v b="$BEST_SEC" 'BEGIN { exit !(a < b) }'; then
			BEST_SEC=$SEC
		fi
	done
	RUNNING=""
}

# capture NAME FILE [SYSHARK OPTIONS]: time one capture of dd into FILE; set
# SEC, CAPTURED and DROPPED (from syshark's last line), and FILE_EVENTS and
# FILE_DROPPED (from --stats on the file, less its state-only events).
capture() {
	local name=$1 file=$2 line stats hidden
	shift 2
	RUNNING=$name
	run_once "$name" "$SYSHARK" "$@" -w "$file" -- "${DD[@]}"
	line=$(grep '^syshark: .* events captured' "$OUT/$name.err" | tail -n 1 || true)
	CAPTURED=$(sed -n 's/^syshark: \([0-9]\+\) events captured.*/\1/p' <<<"$line")
	DROPPED=$(sed -n 's/.*, \([0-9]\+\) dropped.*/\1/p' <<<"$line")
	if [[ -z $CAPTURED || -z $DROPPED ]]; then
		echo "$0: no 'N events captured ..., N dropped' line from syshark" >&2
		exit 1
	fi
	# State-only events are in --stats' "events" (and "hidden events") but
	# are not the probe's: the one at the end that records the drop count,
	# and the procinfo events syshark writes from /proc as it runs.
	stats=$("$SYSHARK" -r "$file" --stats)
	hidden=$(sed -n 's/^hidden events: //p' <<<"$stats")
	FILE_EVENTS=$(($(sed -n 's/^events: //p' <<<"$stats") - hidden))
	FILE_DROPPED=$(sed -n 's/^dropped: //p' <<<"$stats")
	RUNNING=""
}

# pct PART WHOLE: PART as a percentage of WHOLE.
pct() {
	awk -v p="$1" -v w="$2" 'BEGIN { printf "%.3f", (w > 0 ? 100 * p / w : 0) }'
}

# ratio SEC: SEC against the bare run.
ratio() {
	awk -v a="$1" -v b="$BARE_SEC" 'BEGIN { if (b > 0) printf "%.1f", a / b; else print "inf" }'
}

# extra_us SEC: what each of dd's syscalls costs more than bare, in us.
extra_us() {
	awk -v a="$1" -v b="$BARE_SEC" -v n=$((2 * COUNT)) 'BEGIN { printf "%.2f", (a - b) * 1e6 / n }'
}

echo "host:    $(nproc) cpus, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n1), kernel $(uname -r)"
echo "command: ${DD[*]} ($((2 * COUNT)) syscalls)"
[[ -x /usr/bin/time ]] || echo "note: /usr/bin/time is absent: timing with bash 'time'"
# Another live capture fires on every syscall of the system, dd's too:
# look for one now and after the runs, since it makes every row slower.
OTHERS=$(pgrep -d ' ' -x syshark || true)

HAVE_STRACE=0
if ! command -v strace >/dev/null 2>&1; then
	echo "strace: not installed: skipped"
elif ! strace -f -o /dev/null true >/dev/null 2>"$OUT/live-strace-probe.err"; then
	echo "strace: not available ($(grep -m1 . "$OUT/live-strace-probe.err" || echo "it fails"))"
else
	HAVE_STRACE=1
fi
HAVE_PERF=0
if ! command -v perf >/dev/null 2>&1; then
	echo "perf trace: not available (perf is not installed)"
elif ! perf trace -o /dev/null -- true >/dev/null 2>"$OUT/live-perf-probe.err"; then
	echo "perf trace: not available ($(grep -m1 . "$OUT/live-perf-probe.err" || echo "it fails"))"
else
	HAVE_PERF=1
fi

# What dd makes besides its records: the events of a dd that copies nothing.
COUNT_SAVED=$COUNT
COUNT=0 DD=(dd if=/dev/zero of=/dev/null bs=1 count=0)
capture live-base "$OUT/live-base.scap"
BASE=$((CAPTURED + DROPPED))
COUNT=$COUNT_SAVED DD=(dd if=/dev/zero of=/dev/null bs=1 "count=$COUNT")
EXPECTED=$((BASE + 4 * COUNT))

best live-bare "${DD[@]}"
BARE_SEC=$BEST_SEC

# The capture: every run is checked; the fastest gives the rate.
SH_SEC="" EXACT=yes DROPS=() MAX_DROP_PCT=0.000 WHY=""
for ((i = 0; i < RUNS; i++)); do
	capture live-syshark "$CAP"
	if ((FILE_EVENTS != CAPTURED || FILE_DROPPED != DROPPED || CAPTURED + DROPPED != EXPECTED)); then
		EXACT=NO
		WHY+="  run $((i + 1)): syshark says $CAPTURED captured, $DROPPED dropped;"
		WHY+=" the file has $FILE_EVENTS events, $FILE_DROPPED dropped;"
		WHY+=" dd makes $EXPECTED events"$'\n'
	fi
	DROPS+=("$DROPPED")
	p=$(pct "$DROPPED" $((CAPTURED + DROPPED)))
	MAX_DROP_PCT=$(awk -v a="$p" -v b="$MAX_DROP_PCT" 'BEGIN { print (a > b ? a : b) }')
	if [[ -z $SH_SEC ]] || awk -v a="$SEC" -v b="$SH_SEC" 'BEGIN { exit !(a < b) }'; then
		SH_SEC=$SEC SH_CAPTURED=$CAPTURED SH_DROPPED=$DROPPED SH_KB=$(file_kb "$CAP")
	fi
done

if ((HAVE_STRACE)); then
	best live-strace strace -f -o /dev/null "${DD[@]}"
	ST_SEC=$BEST_SEC
fi
if ((HAVE_PERF)); then
	best live-perf perf trace -o /dev/null -- "${DD[@]}"
	PT_SEC=$BEST_SEC
	# the floor: the raw syscall tracepoints switched on and merely counted
	best live-tp perf stat -e raw_syscalls:sys_enter,raw_syscalls:sys_exit -o /dev/null -- "${DD[@]}"
	TP_SEC=$BEST_SEC
fi
# syshark's fixed cost: loading the probe, the snapshot, the end
best live-startup "$SYSHARK" -w "$OUT/live-startup.scap" -- true
UP_SEC=$BEST_SEC

# The same capture with a 64 MiB buffer, once.
capture live-syshark-B64 "$OUT/live-B64.scap" -B 64
B64_EXACT=yes
((FILE_EVENTS == CAPTURED && FILE_DROPPED == DROPPED && CAPTURED + DROPPED == EXPECTED)) || B64_EXACT=NO
B64="$SEC s, $CAPTURED events, $DROPPED dropped ($(pct "$DROPPED" $((CAPTURED + DROPPED)))%),"
B64+=" drop count exact: $B64_EXACT"

# The dynamic snap length on socket I/O, on and off.
cc -O2 -Wall -Wextra -o "$OUT/sockload" bench/sockload.c
# sock_case KIND PROTO: the fastest of RUNS captures of sockload's KIND load
# with --snaplen-proto PROTO; sets SK_SEC, SK_EVENTS (captured) and SK_KB.
sock_case() {
	local kind=$1 proto=$2 i file=$OUT/live-sock.scap
	SK_SEC=""
	for ((i = 0; i < RUNS; i++)); do
		DD=("$OUT/sockload" "$SOCK_COUNT" 1500 "$kind")
		capture "live-sock-$kind-$proto" "$file" --snaplen-proto "$proto"
		if [[ -z $SK_SEC ]] || awk -v a="$SEC" -v b="$SK_SEC" 'BEGIN { exit !(a < b) }'; then
			SK_SEC=$SEC SK_EVENTS=$CAPTURED SK_KB=$(file_kb "$file")
		fi
	done
	DD=(dd if=/dev/zero of=/dev/null bs=1 "count=$COUNT")
}
SOCK_ROWS=()
for kind in http tls plain; do
	sock_case "$kind" 2000
	on_rate=$(per_sec "$SK_SEC" "$SK_EVENTS") on_kb=$SK_KB
	sock_case "$kind" 0
	off_rate=$(per_sec "$SK_SEC" "$SK_EVENTS") off_kb=$SK_KB
	r_rate=$(awk -v a="$on_rate" -v b="$off_rate" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	r_kb=$(awk -v a="$on_kb" -v b="$off_kb" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	SOCK_ROWS+=("$kind $on_rate $off_rate $r_rate $(mib "$on_kb") $(mib "$off_kb") $r_kb")
done

OTHERS+=" $(pgrep -d ' ' -x syshark || true)"
OTHERS=$(tr ' ' '\n' <<<"$OTHERS" | sort -nu | paste -sd ' ' | sed 's/^ *//')
if [[ -n $OTHERS ]]; then
	echo "note: other syshark processes ran during the runs (pids $OTHERS):" \
		"their probes slow every row"
fi

echo
echo "best of $RUNS runs each (wall clock, tool start and stop included); ratio = tool s / bare s:"
row tool seconds ratio "extra us/call"
row bare "$BARE_SEC" 1.0 0.00
row syshark "$SH_SEC" "$(ratio "$SH_SEC")" "$(extra_us "$SH_SEC")"
((HAVE_STRACE)) && row strace "$ST_SEC" "$(ratio "$ST_SEC")" "$(extra_us "$ST_SEC")"
((HAVE_PERF)) && row "perf trace" "$PT_SEC" "$(ratio "$PT_SEC")" "$(extra_us "$PT_SEC")"
((HAVE_PERF)) && row "tracepoint" "$TP_SEC" "$(ratio "$TP_SEC")" "$(extra_us "$TP_SEC")"
echo "(tracepoint: perf stat counting raw_syscalls:sys_enter/sys_exit, the cost any"
echo " tool that sees every syscall pays; syshark's start and stop alone take $UP_SEC s)"

echo
echo "syshark capture (fastest run): $SH_CAPTURED events in $SH_SEC s," \
	"$(per_sec "$SH_SEC" "$SH_CAPTURED") events/s, $SH_DROPPED dropped" \
	"($(pct "$SH_DROPPED" $((SH_CAPTURED + SH_DROPPED)))%), $(mib "$SH_KB") MiB in $CAP"
echo "dropped in the $RUNS runs: ${DROPS[*]} (default buffer)"
echo "drop count exact: $EXACT (file events = captured, and captured + dropped =" \
	"$EXPECTED = $BASE for dd count=0 + 4 per record, in all $RUNS runs)"
printf '%s' "$WHY"

echo "with -B 64 (one run): $B64"

echo
echo "dynamic snap length: sockload $SOCK_COUNT messages of 1500 bytes over TCP on loopback,"
echo "captured with --snaplen-proto 2000 (on) and 0 (off); best of $RUNS runs, ratio = on / off:"
ROW_WIDTHS=(-6 11 11 6 9 9 6)
row load "events/s on" "off" ratio "MiB on" "off" ratio
for r in "${SOCK_ROWS[@]}"; do
	# shellcheck disable=SC2086 # the row's words are its columns
	row $r
done

echo
R=$(ratio "$SH_SEC")
if [[ $R != inf ]] && awk -v r="$R" -v g="$GOAL_RATIO" 'BEGIN { exit !(r <= g) }'; then
	echo "at most ${GOAL_RATIO}x slower than bare: met (${R}x)"
else
	echo "at most ${GOAL_RATIO}x slower than bare: NOT met (${R}x)"
fi
if awk -v p="$MAX_DROP_PCT" -v g="$GOAL_DROP_PCT" 'BEGIN { exit !(p <= g) }'; then
	echo "at most ${GOAL_DROP_PCT}% of events dropped at the default buffer size: met (worst run ${MAX_DROP_PCT}%)"
else
	echo "at most ${GOAL_DROP_PCT}% of events dropped at the default buffer size: NOT met (worst run ${MAX_DROP_PCT}%)"
fi
exit 0

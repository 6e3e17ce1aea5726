#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# live_refresh_bench.sh: how steadily the live views refresh on a machine
# busy with system calls. bench/sysload.c makes the load (PROCS processes
# calling getppid(), RATE calls a second between them, or as many as they
# can); first alone for a few seconds under `perf stat -e
# raw_syscalls:sys_enter -a`, which says what the load reaches; then for
# DURATION seconds under `syshark --top -d 1` in a real tmux and, in the
# same run, a peer that also refreshes every second: bpftrace counting
# raw_syscalls:sys_enter and printing the count each second (perf stat -I
# 1000 when bpftrace is missing). csysdig would be the natural peer, but
# its sysdig (0.29) needs its kernel module or its eBPF probe built for the
# running kernel; when `sysdig -M 1` cannot capture, that is said.
#
# The view's refreshes are timed black-box: the screen is read every 20 ms
# or so and a refresh is when the view's rows change (good to the samples'
# spacing, which is printed). The peer's
# are timed as its lines arrive. Printed: each one's refresh period (mean,
# max) and rate (syshark's events/s from its health line, two events a
# system call; the peer's system calls a second), how fast the view sums
# the capture (its events counter) against what the capture takes in, the
# drops, and the ratios syshark / peer.
#
# Needs root (the BPF probe), tmux and perf. Everything it writes goes to
# bench/out/ (live-refresh-*).
#
# usage: bench/live_refresh_bench.sh
#   env: RATE=N (system calls a second to aim for, default 1000000; 0: as
#        many as the processes make), PROCS=N (default: the CPUs),
#        DURATION=N (seconds under the view, default 15)
# Goal: the view refreshes every 1.0 s +- 10% (mean and max) at ~1M system
# calls a second. Exits 0 whether the goal is met or not, 1 if it cannot run.
set -euo pipefail

usage() {
	echo "usage: $0   (env: RATE=N, PROCS=N, DURATION=N)" >&2
	exit 2
}
[[ $# -eq 0 ]] || usage

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
RATE=${RATE:-1000000}
PROCS=${PROCS:-$(nproc)}
RUN=${DURATION:-15}
for v in RATE PROCS RUN; do
	[[ ${!v} =~ ^[0-9]+$ ]] || { echo "$0: $v must be a number, not '${!v}'" >&2; exit 2; }
done
((PROCS > 0 && RUN > 2)) || { echo "$0: PROCS must be > 0 and DURATION > 2" >&2; exit 2; }
OUT=bench/out
SYSHARK=build/syshark
mkdir -p "$OUT"
[[ $(id -u) -eq 0 ]] || { echo "$0: needs root (the BPF probe)" >&2; exit 1; }
for t in tmux perf; do
	command -v $t >/dev/null || { echo "$0: $t is needed" >&2; exit 1; }
done
if [[ ! -x $SYSHARK ]]; then
	echo "$SYSHARK is missing: building it"
	[[ -f build/CMakeCache.txt ]] || cmake -S . -B build >/dev/null
	cmake --build build -j2 >/dev/null
fi
cc -O2 -Wall -Wextra -o "$OUT/sysload" bench/sysload.c

W=200 H=50
SOCK=syshark-bench-$$
PEER_PID=
LOAD_PID=
export XDG_CACHE_HOME=$OUT/tui-cache XDG_STATE_HOME=$OUT/tui-state XDG_CONFIG_HOME=$OUT/tui-config
export LANG=C.UTF-8 TMPDIR=$OUT
# shellcheck disable=SC2317 # called by the EXIT trap
cleanup() {
	tmux -L "$SOCK" kill-server 2>/dev/null || true
	[[ -z $PEER_PID ]] || kill "$PEER_PID" 2>/dev/null || true
	[[ -z $LOAD_PID ]] || kill "$LOAD_PID" 2>/dev/null || true
	wait 2>/dev/null || true
}
trap cleanup EXIT
screen() { tmux -L "$SOCK" capture-pane -t b -p; }

# periods FILE: "mean max n" of the gaps between the times (first column) in
# FILE, the first time left out (it ends a period that started before the run).
periods() {
	awk 'NR > 1 { g = $1 - last; s += g; n++; if (g > m) m = g } { last = $1 }
	     END { if (n) printf "%.3f %.3f %d\n", s / n, m, n; else print "n/a n/a 0" }' "$1"
}

# ratio A B: A / B to two decimals, or n/a.
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a";
				      else printf "%.2f", a / b }'
}

echo "== the load alone: $OUT/sysload $RATE 3 $PROCS under perf stat"
perf stat -e raw_syscalls:sys_enter -a -x, -o "$OUT/live-refresh-perf.txt" \
	"$OUT/sysload" "$RATE" 3 "$PROCS" >/dev/null
ALONE=$(awk -F, '/raw_syscalls:sys_enter/ { printf "%.0f", $1 / 3 }' "$OUT/live-refresh-perf.txt")
echo "  $ALONE system calls/s across the machine ($PROCS processes, aiming at $RATE)"

echo "== csysdig"
if ! command -v csysdig >/dev/null; then
	echo "  not installed"
elif ! err=$(timeout 5 sysdig -M 1 2>&1 >/dev/null) || [[ $err == *rror* ]]; then
	echo "  cannot capture here: ${err##*$'\n'}"
else
	echo "  sysdig can capture here, but this script does not time csysdig's refreshes"
fi

echo "== $SYSHARK --top -d 1 for $RUN s under the load, with the peer in the same run"
"$OUT/sysload" "$RATE" $((RUN + 8)) "$PROCS" >/dev/null &
LOAD_PID=$!
: >"$OUT/live-refresh-peer.txt"
if command -v bpftrace >/dev/null; then
	PEER="bpftrace (raw_syscalls:sys_enter, print every 1 s)"
	bpftrace -B line -e 'tracepoint:raw_syscalls:sys_enter { @ = count(); }
		interval:s:1 { print(@); clear(@); }' 2>/dev/null |
		while IFS= read -r l; do
			[[ $l == @:* ]] && echo "$EPOCHREALTIME ${l#@: }"
		done >"$OUT/live-refresh-peer.txt" &
else
	PEER="perf stat -I 1000 (raw_syscalls:sys_enter; bpftrace is not installed)"
	perf stat -e raw_syscalls:sys_enter -a -I 1000 -x, 2>&1 |
		while IFS=, read -r _ n _; do
			echo "$EPOCHREALTIME $n"
		done >"$OUT/live-refresh-peer.txt" &
fi
PEER_PID=$!
tmux -L "$SOCK" new-session -d -s b -x $W -y $H \
	"$(printf '%q ' "$SYSHARK" --top -d 1) 2>$OUT/live-refresh-syshark.err; sleep 600"
for _ in $(seq 200); do
	screen | grep -q '^ Processes  (per second)' && break
	sleep 0.05
done
screen | grep -q '^ Processes  (per second)' || {
	echo "$0: the view never showed an interval:" >&2
	screen >&2
	exit 1
}
# Every 20 ms or so: the time, whether the rows changed, the events summed,
# the health. Only capture-pane forks (the pause is a read that times out),
# and the sampler and tmux run at a higher priority than the load and
# syshark, so that a busy machine does not make the samples coarse.
sleep 2 # the view catches up with what was captured before it opened
renice -n -10 $$ "$(tmux -L "$SOCK" display -p '#{pid}')" >/dev/null
exec {NAP}<> <(:)
re='\| events ([0-9]+) .*\| ([0-9]+) events/s \| dropped ([0-9]+) \(([0-9]+)/s\) \| ring ([0-9]+)%'
: >"$OUT/live-refresh-view.txt"
last=""
end=$((${EPOCHREALTIME/./} + RUN * 1000000))
while ((${EPOCHREALTIME/./} < end)); do
	mapfile -t lines < <(screen)
	rows="${lines[*]:2:H-4}"
	changed=0
	[[ $rows == "$last" ]] || changed=1
	last=$rows
	if [[ ${lines[H - 1]:-} =~ $re ]]; then
		echo "$EPOCHREALTIME $changed ${BASH_REMATCH[*]:1}" >>"$OUT/live-refresh-view.txt"
	fi
	read -rt 0.02 -u "$NAP" || true
done
screen >"$OUT/live-refresh-screen.txt"
tmux -L "$SOCK" send-keys -t b q y
kill "$PEER_PID" 2>/dev/null || true
pkill -P "$PEER_PID" 2>/dev/null || true
PEER_PID=
wait "$LOAD_PID" 2>/dev/null || true
LOAD_PID=

# the first change is the view's first interval coming: periods start there
awk '$2 == 1 && NR > 1 { print $1 }' "$OUT/live-refresh-view.txt" >"$OUT/live-refresh-changes.txt"
read -r S_MEAN S_MAX S_N < <(periods "$OUT/live-refresh-changes.txt")
read -r P_MEAN P_MAX P_N < <(periods "$OUT/live-refresh-peer.txt")
read -r S_RATE S_SUMMED S_DROPS S_RING < <(awk '
	NR == 1 { t0 = $1; e0 = $3 } { t1 = $1; e1 = $3; r += $4; d += $6; ring += $7; n++ }
	END { printf "%.0f %.0f %.0f %.0f\n", r / n, (e1 - e0) / (t1 - t0), d / n, ring / n }' \
	"$OUT/live-refresh-view.txt")
P_RATE=$(awk 'NR > 1 { s += $2; n++ } END { if (n) printf "%.0f", s / n; else print "n/a" }' \
	"$OUT/live-refresh-peer.txt")

echo
printf '%-34s %12s %12s %9s %18s\n' "" "period mean" "period max" "refreshes" "rate"
printf '%-34s %10s s %10s s %9s %11s ev/s = %s syscalls/s\n' "syshark --top -d 1 (its health)" \
	"$S_MEAN" "$S_MAX" "$S_N" "$S_RATE" "$((S_RATE / 2))"
printf '%-34s %10s s %10s s %9s %11s syscalls/s\n' "peer" "$P_MEAN" "$P_MAX" "$P_N" "$P_RATE"
printf '%-34s %12s %12s %9s %18s\n' "syshark / peer" "$(ratio "$S_MEAN" "$P_MEAN")" \
	"$(ratio "$S_MAX" "$P_MAX")" "" "$(ratio $((S_RATE / 2)) "$P_RATE")"
echo "peer: $PEER"
echo "the view summed $S_SUMMED events/s of the $S_RATE the capture took in" \
	"($(ratio "$S_SUMMED" "$S_RATE")); drops $S_DROPS/s, ring ${S_RING}% on average"
echo "screen samples every $(awk 'NR > 1 { s += $1 - l; n++ } { l = $1 }
	END { printf "%.0f", n ? s / n * 1000 : 0 }' "$OUT/live-refresh-view.txt") ms on average"
echo "load alone: $ALONE syscalls/s; other processes on the machine share its $(nproc) CPUs"
if awk -v m="$S_MEAN" -v x="$S_MAX" 'BEGIN { exit !(m >= 0.9 && m <= 1.1 && x <= 1.1) }'; then
	echo "goal (refresh 1.0 s +- 10%, mean and max): met"
else
	echo "goal (refresh 1.0 s +- 10%, mean and max): NOT met"
fi
echo "samples: $OUT/live-refresh-view.txt (time, rows changed, events, events/s, dropped, drops/s, ring%)"

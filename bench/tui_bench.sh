#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tui_bench.sh: the full-screen interface on a big capture and on one ten
# times its size, in a real tmux: the time from start to the first screen
# (with no index yet, and with the index cached), and from a filter's Enter
# to the first filtered screen; and the first screen of the biggest file
# gzipped; then a find (/) of text that is in no row, so that every row is
# looked at. csysdig's time to its first screen on the same files is the
# peer's figure for the screens; sysdig's search of the file for the same
# text (evt.args contains) is the find's. Times come from polling the screen every
# few milliseconds, so they are good to about 10 ms.
#
# usage: bench/tui_bench.sh [-n EVENTS]   (env as filter_bench.sh)
# Goals: the first screen in under 0.2 seconds, whatever the file size; a
# find over 10M events in under 3 seconds.
set -euo pipefail

USAGE_ENV="SKIP_10M=1"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
bench_init "$@"
command -v tmux >/dev/null || { echo "$0: tmux is needed" >&2; exit 1; }

export XDG_CACHE_HOME=$OUT/tui-cache XDG_STATE_HOME=$OUT/tui-state XDG_CONFIG_HOME=$OUT/tui-config
export LANG=C.UTF-8
SOCK=
LAUNCHES=0
FILTER='evt.type = read or evt.type = write'
GOAL=0.2
FIND_GOAL=3
NEEDLE=no-such-text-anywhere
STATUS=0
trap '[[ -z $SOCK ]] || tmux -L "$SOCK" kill-server 2>/dev/null || true' EXIT

screen() { tmux -L "$SOCK" capture-pane -t b -p; }

# until REGEX: waits (up to 120 s) for the screen to match; sets SEC to the
# time since T0 (microseconds from bash's clock).
until_screen() {
	local deadline=$((T0 + 120000000)) now
	while :; do
		now=$(now_us)
		if screen | grep -Eq -- "$1"; then
			SEC=$(awk -v d=$((now - T0)) 'BEGIN { printf "%.3f", d / 1e6 }')
			return 0
		fi
		if ((now > deadline)); then
			echo "$0: the screen never matched '$1'" >&2
			screen >&2
			exit 1
		fi
		sleep 0.005
	done
}

# launch CMD...: a new tmux server running CMD; T0 is when it was asked to start.
launch() {
	# a server of its own each time: a new session on one still shutting down is lost
	[[ -z $SOCK ]] || tmux -L "$SOCK" kill-server 2>/dev/null || true
	LAUNCHES=$((LAUNCHES + 1))
	SOCK=syshark-bench-$$-$BASHPID-$LAUNCHES # $BASHPID: a subshell's launches too
	T0=$(now_us)
	tmux -L "$SOCK" new-session -d -s b -x 200 -y 50 "$(printf '%q ' "$@"); sleep 600"
}

# peer_first_screen FILE: csysdig's time to its first screen of FILE, or n/a.
peer_first_screen() {
	if ! command -v csysdig >/dev/null; then
		echo n/a
		return
	fi
	launch csysdig -r "$1"
	until_screen '^ +PID +PPID +CPU'
	until_screen '^ +[0-9]+ +[0-9]+ +[0-9.]+ '
	tmux -L "$SOCK" kill-server 2>/dev/null || true # a subshell's: the trap is the parent's
	echo "$SEC"
}

bench_file() {
	local big=$1 n=$2 cold warm filt peer
	echo
	echo "capture: $big ($n events, $(mib "$(file_kb "$big")") MiB)"
	cat "$big" >/dev/null

	rm -rf "$XDG_CACHE_HOME"
	launch "$SYSHARK" -r "$big"
	until_screen '\| shown [1-9][0-9]* \|'
	cold=$SEC
	# the index is built in the background meanwhile; wait for it to be cached
	until_screen '\| time absolute *$'
	tmux -L "$SOCK" send-keys -t b q
	sleep 0.5

	launch "$SYSHARK" -r "$big"
	until_screen '\| shown [1-9][0-9]* \|'
	warm=$SEC
	tmux -L "$SOCK" send-keys -t b f "$FILTER"
	until_screen "^Filter: $FILTER"
	T0=$(now_us)
	tmux -L "$SOCK" send-keys -t b Enter
	until_screen "filter: $FILTER"
	until_screen '^[0-9]+ +[0-9:.]+ +[0-9]+ .* (read|write) '
	filt=$SEC
	tmux -L "$SOCK" send-keys -t b F
	until_screen '\| time absolute *$'
	tmux -L "$SOCK" send-keys -t b / C-a C-k "$NEEDLE"
	until_screen "^Find.*: $NEEDLE"
	T0=$(now_us)
	tmux -L "$SOCK" send-keys -t b Enter
	until_screen "not found: $NEEDLE"
	find=$SEC
	tmux -L "$SOCK" send-keys -t b q
	peer_find=n/a
	if ((HAVE_SYSDIG)); then
		T0=$(now_us)
		sysdig -r "$big" -p %evt.num "evt.args contains $NEEDLE" >/dev/null 2>&1 || true
		peer_find=$(awk -v d=$(($(now_us) - T0)) 'BEGIN { printf "%.3f", d / 1e6 }')
	fi

	peer=$(peer_first_screen "$big")
	printf '  %-44s %10s %10s\n' "" "syshark s" "csysdig s"
	printf '  %-44s %10s %10s\n' "first screen, index not built yet" "$cold" "$peer"
	printf '  %-44s %10s %10s\n' "first screen, index cached" "$warm" "$peer"
	printf '  %-44s %10s\n' "filter Enter to the first filtered screen" "$filt"
	printf '  %-44s %10s %10s\n' "" "syshark s" "sysdig s"
	printf '  %-44s %10s %10s\n' "find of text in no row, over every row" "$find" "$peer_find"
	awk -v f="$find" -v p="$peer_find" -v n="$n" -v g=$FIND_GOAL 'BEGIN {
		if (p != "n/a" && f > 0)
			printf "  ratio = sysdig s / syshark s: %.1f\n", p / f
		if (n >= 10000000)
			printf "  goal: find over %d events under %s s: %s\n", n, g, f < g ? "met" : "NOT met"
		exit n >= 10000000 && f >= g
	}' || STATUS=1
	awk -v a="$cold" -v b="$warm" -v c="$filt" -v g=$GOAL 'BEGIN {
		ok = a < g && b < g
		printf "  goal: first screen under %s s: %s; filtered screen: %s\n", g,
			ok ? "met" : "NOT met", c < g ? "under " g " s" : "over " g " s"
		exit !ok
	}' || STATUS=1
}

# bench_gzip FILE: the first screen of FILE gzipped (inflated as it is shown).
bench_gzip() {
	local gz=$1.gz first peer
	[[ -f $gz && $gz -nt $1 ]] || gzip -1 -c "$1" >"$gz"
	echo
	echo "capture: $gz ($(mib "$(file_kb "$gz")") MiB compressed)"
	cat "$gz" >/dev/null
	launch "$SYSHARK" -r "$gz"
	until_screen '\| shown [1-9][0-9]* \|'
	first=$SEC
	tmux -L "$SOCK" send-keys -t b q
	peer=$(peer_first_screen "$gz")
	printf '  %-44s %10s %10s\n' "" "syshark s" "csysdig s"
	printf '  %-44s %10s %10s\n' "first screen of the gzip file" "$first" "$peer"
	awk -v a="$first" -v g=$GOAL 'BEGIN {
		printf "  goal: first screen under %s s: %s\n", g, a < g ? "met" : "NOT met"
		exit !(a < g)
	}' || STATUS=1
}

BIG=$OUT/big-$EVENTS.scap
reuse_big "$BIG" "$EVENTS"
bench_file "$BIG" "$EVENTS"
LAST=$BIG
if [[ -z ${SKIP_10M:-} ]]; then
	BIG10=$OUT/big-$((EVENTS * 10)).scap
	reuse_big "$BIG10" $((EVENTS * 10))
	bench_file "$BIG10" $((EVENTS * 10))
	LAST=$BIG10
fi
bench_gzip "$LAST"
exit $STATUS

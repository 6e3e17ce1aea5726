#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# index_bench.sh: the event index on a big capture and on one ten times its
# size: build rate of both passes (block walk, then checkpoints), bytes per
# event, load time from the cache, and the time to show an event through the
# index (--event) against printing the capture up to it.
#
# usage: bench/index_bench.sh [-n EVENTS]   (env as filter_bench.sh)
# Goals: pass 1 at least 20 million events/s; at most 28 bytes per event
# (entries 12, event columns 12, checkpoints about 3).
set -euo pipefail

USAGE_ENV="SKIP_10M=1"
# shellcheck source=lib.sh source-path=SCRIPTDIR
. "$(dirname "$0")/lib.sh"
bench_init "$@"

export XDG_CACHE_HOME=$OUT/cache
STATUS=0

# index_file FILE: build the index of FILE afresh (best of two builds, the
# capture read once before so that both tools start from the page cache),
# load it, and fetch events.
index_file() {
	local f=$1 info again p1 bpe n last t0 t1
	cat "$f" >/dev/null
	rm -rf "$XDG_CACHE_HOME"
	info=$("$SYSHARK" -r "$f" --index --no-cache)
	again=$("$SYSHARK" -r "$f" --index)
	if awk -v a="$(echo "$again" | sed -n 's/^pass 1 (entries): \([0-9.]*\) s.*/\1/p')" \
		-v b="$(echo "$info" | sed -n 's/^pass 1 (entries): \([0-9.]*\) s.*/\1/p')" \
		'BEGIN { exit !(a < b) }'; then
		info=$again
	fi
	echo
	echo "capture: $f ($(mib "$(file_kb "$f")") MiB)"
	echo "$info" | sed 's/^/  /'
	p1=$(echo "$info" | sed -n 's/^pass 1 (entries): .*, \([0-9]*\) events\/s$/\1/p')
	bpe=$(echo "$info" | sed -n 's/^index bytes: .*(\([0-9.]*\) per event)$/\1/p')
	n=$(echo "$info" | sed -n 's/^events: //p')
	t0=$(now_us)
	"$SYSHARK" -r "$f" --index >/dev/null
	t1=$(now_us)
	echo "  load from the cache: $(((t1 - t0) / 1000)) ms"
	last=$((n - 1))
	t0=$(now_us)
	"$SYSHARK" -r "$f" --event "$last" >/dev/null
	t1=$(now_us)
	echo "  show event $last through the index: $(((t1 - t0) / 1000)) ms"
	t0=$(now_us)
	"$SYSHARK" -A -r "$f" -n "$last" -T fields -e evt.num >/dev/null
	t1=$(now_us)
	echo "  the same by replaying from the start: $(((t1 - t0) / 1000)) ms"
	awk -v r="$p1" -v b="$bpe" 'BEGIN {
		printf "  goals: pass 1 >= 20M events/s: %s; <= 28 bytes/event: %s\n",
			(r >= 20000000 ? "met" : "NOT met"), (b <= 28 ? "met" : "NOT met")
		exit !(r >= 20000000 && b <= 28)
	}' || STATUS=1
}

BIG=$OUT/big-$EVENTS.scap
reuse_big "$BIG" "$EVENTS"
index_file "$BIG"
if [[ -z ${SKIP_10M:-} ]]; then
	BIG10=$OUT/big-$((EVENTS * 10)).scap
	reuse_big "$BIG10" $((EVENTS * 10))
	index_file "$BIG10"
fi
exit $STATUS

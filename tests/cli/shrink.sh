#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A capture that another program truncates while syshark reads it: every
# mode that walks it (-p, --top, -w, --index, --io-stat) reports the damage
# at its offset, saying that the file shrank, and exits 1, where it died of
# SIGBUS (status 135). The preloaded library (tests/tools/shrink.c)
# truncates the file right after syshark maps it, at a page boundary, so
# that the block across the new end faults every time.
. "$(dirname "$0")/../checks.sh"
bin=$1
corpus=$2
lib=$3
export TZ=UTC XDG_CACHE_HOME=$tmp/cache
# a preloaded library comes before the sanitizer's runtime in a sanitized build
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
zcat "$corpus/shell.scap.gz" >"$tmp/one.scap"
for _ in $(seq 20); do cat "$tmp/one.scap"; done >"$tmp/big.scap"
cut=999424
head -c "$cut" "$tmp/big.scap" >"$tmp/cut.scap"
"$bin" -p -r "$tmp/cut.scap" >"$tmp/want" 2>/dev/null

# shrunk OPTIONS...: runs syshark -r on a copy that shrinks to $cut bytes once mapped
shrunk() {
	cp "$tmp/big.scap" "$tmp/f.scap"
	SHRINK_PATH=$tmp/f.scap SHRINK_SIZE=$cut LD_PRELOAD=$lib "$bin" -r "$tmp/f.scap" "$@" \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	shrank='the file shrank while it was read: the block at offset \([0-9]*\) is cut short$'
	off=$(sed -n "s/.*$shrank/\\1/p" "$tmp/err")
	[ "$rc" = 1 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && [ -n "$off" ] && [ "$off" -lt "$cut" ] &&
		ok || bad "$*: exit $rc, stderr: $(cat "$tmp/err")"
}

shrunk -p
cmp -s "$tmp/want" "$tmp/out" && ok || bad "-p does not print the events before the cut"
shrunk --top=syscalls
shrunk -w "$tmp/w.scap"
[ "$("$bin" -p -r "$tmp/w.scap" | wc -l)" = "$(wc -l <"$tmp/want")" ] && ok ||
	bad "-w does not keep the events before the cut"
shrunk --index --no-cache
shrunk --io-stat=1s
finish

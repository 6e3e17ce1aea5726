#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The event index: `--event N` (found through the index and its checkpoints)
# prints the same line as a full replay, for events across every capture;
# the index is cached by the capture's identity and rebuilt when it changes.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
[ -d "$corpus" ] || { echo "SKIP: $corpus is missing"; exit 77; }
export XDG_CACHE_HOME=$tmp/cache

for f in "$corpus"/*.scap; do
	TZ=UTC "$bin" -A -r "$f" 2>/dev/null | grep -E '^[0-9]+ ' >"$tmp/all"
	total=$(wc -l <"$tmp/all")
	[ "$total" -gt 0 ] || continue
	for k in 1 2 3 5 8 13; do
		line=$(((total * k) / 13))
		[ "$line" -ge 1 ] || line=1
		want=$(sed -n "${line}p" "$tmp/all")
		n=${want%% *}
		got=$(TZ=UTC "$bin" -r "$f" --event "$n" | head -n 1)
		[ "$got" = "$want" ] && ok || bad "$(basename "$f") event $n: [$got] want [$want]"
	done
done

f=$corpus/sample.scap
if [ -r "$f" ]; then
	cp "$f" "$tmp/c.scap"
	"$bin" -r "$tmp/c.scap" --index >"$tmp/1"
	"$bin" -r "$tmp/c.scap" --index >"$tmp/2"
	grep -q '^pass 1' "$tmp/1" && grep -qx 'built: no, loaded from the cache' "$tmp/2" && ok ||
		bad "second open does not load the cached index"
	grep -qx "events: $("$bin" -A -r "$tmp/c.scap" | wc -l)" "$tmp/1" && ok || bad "index event count"
	touch -d '2001-01-01' "$tmp/c.scap"
	"$bin" -r "$tmp/c.scap" --index >"$tmp/3"
	grep -q '^pass 1' "$tmp/3" && ok || bad "a changed capture reuses a stale index"
	"$bin" -r "$tmp/c.scap" --index --no-cache | grep -qx 'file: (temporary, unlinked)' && ok ||
		bad "--no-cache uses the cache"
	"$bin" -r "$tmp/c.scap" --event 999999 >/dev/null 2>"$tmp/e"
	[ $? -eq 1 ] && grep -q 'has no event 999999' "$tmp/e" && ok || bad "event past the end: $(cat "$tmp/e")"
	chmod 0 "$tmp/cache/syshark" 2>/dev/null
	if [ ! -w "$tmp/cache/syshark" ]; then
		"$bin" -r "$tmp/c.scap" --index | grep -qx 'file: (temporary, unlinked)' && ok ||
			bad "an unwritable cache is not worked around"
	fi
	chmod 700 "$tmp/cache/syshark"
	# The cache is kept under SYSHARK_CACHE_MAX, least recently used first.
	cp "$f" "$tmp/d.scap"
	touch -d '2001-01-01' "$tmp/cache/syshark/0000000000000000.idx.zzzzzz"
	"$bin" -r "$tmp/d.scap" --index >/dev/null
	[ "$(find "$tmp/cache/syshark" -name '*.idx' | wc -l)" -ge 2 ] && ok || bad "the default cache limit evicts"
	[ ! -e "$tmp/cache/syshark/0000000000000000.idx.zzzzzz" ] && ok || bad "an abandoned build is kept"
	"$bin" -r "$tmp/c.scap" --index >/dev/null
	touch "$tmp/d.scap"
	SYSHARK_CACHE_MAX=1K "$bin" -r "$tmp/d.scap" --index >/dev/null
	[ "$(find "$tmp/cache/syshark" -name '*.idx' | wc -l)" -eq 1 ] && ok || bad "SYSHARK_CACHE_MAX is not kept"
	SYSHARK_CACHE_MAX=1K "$bin" -r "$tmp/d.scap" --index | grep -qx 'built: no, loaded from the cache' &&
		ok || bad "the newest index was evicted"
fi
# Filtering in parallel over a cached index prints what one replay prints,
# in every format, and stops at damage the same way.
if [ -r "$f" ]; then
	for _ in $(seq 30); do cat "$f"; done >"$tmp/big.scap"
	head -c $(($(stat -c %s "$tmp/big.scap") - 5000)) "$tmp/big.scap" >"$tmp/cut.scap"
	for cap in big cut; do
		"$bin" -r "$tmp/$cap.scap" --index >"$tmp/ix" 2>/dev/null
		grep -q '^checkpoints: [1-9]' "$tmp/ix" || bad "$cap: no checkpoints to run in parallel"
		for args in "-Y evt.dir=<" "-T json -Y proc.name=sysdig" \
			"-T fields -e evt.num -e fd.name -Y fd.num>=0"; do
			# shellcheck disable=SC2086
			TZ=UTC "$bin" -r "$tmp/$cap.scap" $args >"$tmp/par" 2>"$tmp/par.err"
			a=$?
			# shellcheck disable=SC2086
			TZ=UTC XDG_CACHE_HOME=$tmp/none "$bin" -r "$tmp/$cap.scap" $args >"$tmp/seq" 2>"$tmp/seq.err"
			b=$?
			if [ $a -eq $b ] && cmp -s "$tmp/par" "$tmp/seq" && cmp -s "$tmp/par.err" "$tmp/seq.err" &&
				[ -s "$tmp/par" ]; then
				ok
			else
				bad "$cap [$args]: parallel (exit $a) and single replay (exit $b) differ"
			fi
		done
	done
fi
# Checkpoints carry the interface list that fd.lip and fd.lport need.
f=$corpus/test_ipv6_client.scap
if [ -r "$f" ]; then
	for _ in $(seq 200); do cat "$f"; done >"$tmp/v6.scap"
	"$bin" -r "$tmp/v6.scap" --index | grep -q '^checkpoints: [1-9]' || bad "v6: no checkpoints"
	args=(-T fields -e evt.num -e fd.lip -e fd.lport -e fd.rip -e fd.rport -Y 'fd.lport > 1024')
	"$bin" -r "$tmp/v6.scap" "${args[@]}" >"$tmp/par"
	XDG_CACHE_HOME=$tmp/none "$bin" -r "$tmp/v6.scap" "${args[@]}" >"$tmp/seq"
	[ -s "$tmp/par" ] && cmp -s "$tmp/par" "$tmp/seq" && ok || bad "v6: parallel fd.lport differs"
fi
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The event index: `--event N` (found through the index and its checkpoints)
# prints the same line as a full replay, for events across every capture;
# the index is cached by the capture's identity and rebuilt when it changes.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
export XDG_CACHE_HOME=$tmp/cache

nfiles=0
while read -r f; do
	TZ=UTC "$bin" -A -r "$f" 2>/dev/null | grep -E '^[0-9]+ ' >"$tmp/all"
	total=$(wc -l <"$tmp/all")
	[ "$total" -gt 0 ] || continue
	nfiles=$((nfiles + 1))
	for k in 1 2 3 5 8 13; do
		line=$(((total * k) / 13))
		[ "$line" -ge 1 ] || line=1
		want=$(sed -n "${line}p" "$tmp/all")
		n=${want%% *}
		got=$(TZ=UTC "$bin" -r "$f" --event "$n" | head -n 1)
		[ "$got" = "$want" ] && ok || bad "$(basename "$f") event $n: [$got] want [$want]"
	done
	# the last event
	n=$(tail -1 "$tmp/all" | cut -d' ' -f1)
	[ "$(TZ=UTC "$bin" -r "$f" --event "$n" | head -n 1)" = "$(tail -1 "$tmp/all")" ] && ok ||
		bad "$(basename "$f"): the last event, $n"
done < <(captures)
[ "$nfiles" -ge 6 ] && ok || bad "only $nfiles captures with events"

# The cache, on a plain capture and on a gzip one, each with a cache of its own.
for f in "$corpus/files.scap" "$corpus/shell.scap.gz"; do
	name=$(basename "$f")
	ext=${name#*.}
	export XDG_CACHE_HOME=$tmp/cache.$ext
	cp "$f" "$tmp/c.$ext"
	"$bin" -r "$tmp/c.$ext" --index >"$tmp/1"
	"$bin" -r "$tmp/c.$ext" --index >"$tmp/2"
	grep -q '^pass 1' "$tmp/1" && grep -qx 'built: no, loaded from the cache' "$tmp/2" && ok ||
		bad "$name: second open does not load the cached index"
	grep -qx "events: $("$bin" -A -r "$tmp/c.$ext" | grep -cE '^[0-9]+ ')" "$tmp/1" && ok || bad "$name: index event count"
	touch -d '2001-01-01' "$tmp/c.$ext"
	"$bin" -r "$tmp/c.$ext" --index >"$tmp/3"
	grep -q '^pass 1' "$tmp/3" && ok || bad "$name: a changed capture reuses a stale index"
	"$bin" -r "$tmp/c.$ext" --index --no-cache | grep -qx 'file: (temporary, unlinked)' && ok ||
		bad "$name: --no-cache uses the cache"
	# events past the end: far past it, and the one after the last
	last=$("$bin" -A -r "$tmp/c.$ext" -T fields -e evt.num | tail -1)
	for n in 999999 $((last + 1)); do
		"$bin" -r "$tmp/c.$ext" --event "$n" >/dev/null 2>"$tmp/e"
		[ $? -eq 1 ] && [ "$(cat "$tmp/e")" = "syshark: $tmp/c.$ext: the capture has no event $n" ] && ok ||
			bad "$name: event $n, past the end (the last is $last): $(cat "$tmp/e")"
	done
	chmod 0 "$XDG_CACHE_HOME/syshark" 2>/dev/null
	if [ ! -w "$XDG_CACHE_HOME/syshark" ]; then
		"$bin" -r "$tmp/c.$ext" --index | grep -qx 'file: (temporary, unlinked)' && ok ||
			bad "$name: an unwritable cache is not worked around"
	fi
	chmod 700 "$XDG_CACHE_HOME/syshark"
	# The cache is kept under SYSHARK_CACHE_MAX, least recently used first.
	cp "$f" "$tmp/d.$ext"
	touch -d '2001-01-01' "$XDG_CACHE_HOME/syshark/0000000000000000.idx.zzzzzz"
	"$bin" -r "$tmp/d.$ext" --index >/dev/null
	[ "$(find "$XDG_CACHE_HOME/syshark" -name '*.idx' | wc -l)" -ge 2 ] && ok || bad "$name: the default cache limit evicts"
	[ ! -e "$XDG_CACHE_HOME/syshark/0000000000000000.idx.zzzzzz" ] && ok || bad "$name: an abandoned build is kept"
	"$bin" -r "$tmp/c.$ext" --index >/dev/null
	touch "$tmp/d.$ext"
	SYSHARK_CACHE_MAX=1K "$bin" -r "$tmp/d.$ext" --index >/dev/null
	[ "$(find "$XDG_CACHE_HOME/syshark" -name '*.idx' | wc -l)" -eq 1 ] && ok || bad "$name: SYSHARK_CACHE_MAX is not kept"
	SYSHARK_CACHE_MAX=1K "$bin" -r "$tmp/d.$ext" --index | grep -qx 'built: no, loaded from the cache' &&
		ok || bad "$name: the newest index was evicted"
done
export XDG_CACHE_HOME=$tmp/cache

# A capture rewritten in place, its size kept and its mtime put back, has
# another ctime: its index is built again.
cp "$corpus/files.scap" "$tmp/r.scap"
"$bin" -r "$tmp/r.scap" --index >/dev/null
touch -r "$tmp/r.scap" "$tmp/r.ref"
sleep 0.1 # a tick of the clock that stamps ctime
off=$(grep -obUa 'notes.txt' "$tmp/r.scap" | head -n 1 | cut -d: -f1)
printf N | dd of="$tmp/r.scap" bs=1 seek="$off" conv=notrunc status=none
touch -r "$tmp/r.ref" "$tmp/r.scap"
"$bin" -r "$tmp/r.scap" --index | grep -q '^pass 1' && ok ||
	bad "a same-size rewrite with its mtime put back reuses the stale index"
# A cache directory others may write to, or of another user, is refused with a warning.
refused() {
	"$bin" -r "$tmp/r.scap" --index >"$tmp/o" 2>"$tmp/e"
	local want="syshark: warning: the cache directory $XDG_CACHE_HOME/syshark $1: not used"
	if grep -qx 'file: (temporary, unlinked)' "$tmp/o" && [ "$(cat "$tmp/e")" = "$want" ]; then
		ok
	else
		bad "a cache directory that $1 is used: $(cat "$tmp/e")"
	fi
}
chmod 777 "$XDG_CACHE_HOME/syshark"
refused "is writable by others (mode 777)"
chmod 720 "$XDG_CACHE_HOME/syshark"
refused "is writable by others (mode 720)"
chmod 700 "$XDG_CACHE_HOME/syshark"
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	chown nobody "$XDG_CACHE_HOME/syshark"
	refused "belongs to another user (uid $(id -u nobody))"
	chown 0 "$XDG_CACHE_HOME/syshark"
fi
"$bin" -r "$tmp/r.scap" --index 2>&1 | grep -q '^built: no' && ok ||
	bad "the cache, put right, is not used"

# Filtering in parallel over a cached index prints what one replay prints,
# in every format, and stops at damage the same way: the shell session 30
# times over (30 sections), whole and cut short inside its last section.
f=$corpus/shell.scap.gz
zcat "$f" >"$tmp/one.scap"
for _ in $(seq 30); do cat "$tmp/one.scap"; done >"$tmp/big.scap"
head -c $(($(stat -c %s "$tmp/big.scap") - 5000)) "$tmp/big.scap" >"$tmp/cut.scap"
for cap in big cut; do
	"$bin" -r "$tmp/$cap.scap" --index >"$tmp/ix" 2>/dev/null
	grep -q '^checkpoints: [1-9]' "$tmp/ix" || bad "$cap: no checkpoints to run in parallel"
	for args in "-Y evt.dir=<" "-T json -Y proc.name=cat" \
		"-T fields -e evt.num -e fd.name -Y fd.num>=0" "-T fields -e evt.num -e proc.name -Y evt.failed=true"; do
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
	# the whole capture: 30 times the events of one; the cut one stops with an error
	if [ $cap = big ]; then
		[ "$(wc -l <"$tmp/seq")" = $((30 * $("$bin" -r "$tmp/one.scap" -T fields -e evt.num -Y evt.failed=true | wc -l))) ] &&
			ok || bad "big: not 30 times the failed calls of one session"
	else
		[ $a -eq 1 ] && [ -s "$tmp/par.err" ] && ok || bad "cut: exit $a, no error for the cut"
	fi
done
# A forged or damaged index is not believed: its entries and directory are
# checked on loading (the index is built again), each checkpoint before it
# is used (the replay starts from the beginning instead).
ixf=$("$bin" -r "$tmp/big.scap" --index | sed -n 's/^file: //p')
perl -pi -e 's{/dev/null}{/dev/FAKE}g' "$ixf"
# filtering in parallel starts from every checkpoint
args=(-T fields -e evt.num -e fd.name -Y 'fd.num >= 0')
"$bin" -r "$tmp/big.scap" "${args[@]}" >"$tmp/par"
XDG_CACHE_HOME=$tmp/none "$bin" -r "$tmp/big.scap" "${args[@]}" >"$tmp/seq"
[ -s "$tmp/par" ] && cmp -s "$tmp/par" "$tmp/seq" && ok ||
	bad "big: forged checkpoints give $(grep -c FAKE "$tmp/par") forged names"
# poke writes bytes (octal escapes) at an offset of the index file
poke() { printf "$2" | dd of="$ixf" bs=1 seek="$1" conv=notrunc status=none; }
poke $((512 + 12 * 100 + 2)) '\377'
"$bin" -r "$tmp/big.scap" --index | grep -q '^pass 1' && ok || bad "big: a forged entry is loaded"
# the number of the directory's last checkpoint (its entries are 32 bytes)
poke $(($(stat -c %s "$ixf") - 32)) '\377\377\377\377\377\377\377\377'
"$bin" -r "$tmp/big.scap" --index >"$tmp/o" && grep -q '^pass 1' "$tmp/o" && ok ||
	bad "big: a damaged checkpoint directory is loaded, or fails"
# A write that fails (the file size limit here, as a full disk would) keeps
# the index out of the cache.
rm -f "$ixf"
limit=$(((512 + ($(stat -c %s "$tmp/big.scap") / 36 + 1) * 12) / 1024 + 2))
(ulimit -f "$limit" && trap '' XFSZ && "$bin" -r "$tmp/big.scap" --index >/dev/null)
"$bin" -r "$tmp/big.scap" --index | grep -q '^pass 1' && ok ||
	bad "big: an index short of its checkpoints is cached"

# Checkpoints carry the interface list that fd.lip and fd.lport need: the
# net scenario's TCP over IPv4 and IPv6, 200 times over.
zcat "$corpus/net.scap.gz" >"$tmp/one.scap"
for _ in $(seq 200); do cat "$tmp/one.scap"; done >"$tmp/net.scap"
"$bin" -r "$tmp/net.scap" --index | grep -q '^checkpoints: [1-9]' || bad "net: no checkpoints"
args=(-T fields -e evt.num -e fd.lip -e fd.lport -e fd.rip -e fd.rport -Y 'fd.lport > 1024')
"$bin" -r "$tmp/net.scap" "${args[@]}" >"$tmp/par"
XDG_CACHE_HOME=$tmp/none "$bin" -r "$tmp/net.scap" "${args[@]}" >"$tmp/seq"
[ -s "$tmp/par" ] && cmp -s "$tmp/par" "$tmp/seq" && ok || bad "net: parallel fd.lport differs"
# both families, with the scenario's ports, in every copy
for want in '127.0.0.1	47001' '::1	47002'; do
	n=$(grep -c "	$want\(	\|\$\)" "$tmp/par")
	[ "$n" -ge 200 ] && [ $((n % 200)) = 0 ] && ok || bad "net: $n events on $want, not a multiple of 200"
done
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A capture written with -w gets its event index as it is written: opening
# the file right after loads the index from the cache instead of building
# it, and the index (its event columns too) is the one a fresh build makes.
. "$(dirname "$0")/lib.sh"
need_probe
export XDG_CACHE_HOME=$tmp/cache

f=$tmp/indexed.scap
capture "$f" sh -c 'ls -R /usr/share/doc /usr/lib >/dev/null' || { finish; exit; }
"$bin" -r "$f" --index >"$tmp/ix.txt"
grep -q '^built: no, loaded from the cache' "$tmp/ix.txt" && ok ||
	bad "the index was not there after the capture: $(cat "$tmp/ix.txt")"
"$bin" -r "$f" --index --no-cache >"$tmp/fresh.txt"
for what in events checkpoints columns 'index bytes'; do
	a=$(grep "^$what:" "$tmp/ix.txt")
	b=$(grep "^$what:" "$tmp/fresh.txt")
	[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "live index has '$a', a fresh one '$b'"
done
ck=$(awk '/^checkpoints:/ { print $2 }' "$tmp/ix.txt")
[ "${ck:-0}" -ge 1 ] && ok || bad "the capture is too small to test checkpoints ($ck)"

# any event, through the live-built index, is the event the file holds there
# (numbered as shown: the hidden procinfo events have numbers too)
"$bin" -r "$f" >"$tmp/all.txt"
n=$(wc -l <"$tmp/all.txt")
for k in 1 100 4097 $((n / 2)) $((n - 1)); do
	[ "$k" -ge 1 ] || continue
	want=$(sed -n "${k}p" "$tmp/all.txt")
	got=$("$bin" -r "$f" --event "${want%% *}")
	[ "$got" = "$want" ] && ok || bad "event ${want%% *}: '$got' differs from '$want'"
done

# filtering through it (every CPU) selects what a plain replay selects
flt='fd.type = file and evt.dir = <'
"$bin" -r "$f" -T fields -e evt.num -e fd.name -Y "$flt" >"$tmp/par.txt"
XDG_CACHE_HOME=$tmp/empty "$bin" -r "$f" -T fields -e evt.num -e fd.name -Y "$flt" >"$tmp/seq.txt"
[ -s "$tmp/par.txt" ] && cmp -s "$tmp/par.txt" "$tmp/seq.txt" && ok ||
	bad "filtering through the live index differs from a replay"
# and through its event columns
flt='fd.name startswith /usr and evt.dir = < and not evt.failed = true'
"$bin" -r "$f" -T fields -e evt.num -e proc.name -e fd.name -Y "$flt" >"$tmp/par.txt"
XDG_CACHE_HOME=$tmp/empty "$bin" -r "$f" -T fields -e evt.num -e proc.name -e fd.name -Y "$flt" \
	>"$tmp/seq.txt"
[ -s "$tmp/par.txt" ] && cmp -s "$tmp/par.txt" "$tmp/seq.txt" && ok ||
	bad "filtering through the live index's columns differs from a replay"
finish

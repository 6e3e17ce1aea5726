#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The index's event columns: `-T fields` with a filter on evt.type, evt.dir,
# evt.failed, proc.name and fd.name (and those fields, and evt.num, to
# print) is answered from the columns, without a replay. It must print what
# one replay prints, on every capture, rejections' effects on pairing
# included; a forged column shows (so the columns are what is read), and a
# damaged dictionary is not believed.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
export XDG_CACHE_HOME=$tmp/cache

filters=(
	'evt.type = read or evt.type = write'
	'evt.dir = < and fd.name contains /'
	'not fd.name exists'
	'evt.dir = < and evt.type = ioctl'
	'not (evt.dir = > or fd.name contains a)'
	'evt.type in (open, openat, close) and not proc.name startswith sys'
	'fd.name glob "/etc/*" or fd.name pmatch (/usr/lib, /tmp)'
	'evt.failed = true or proc.name in (bash, sh, cat)'
	'evt.type > m and evt.type <= s and evt.dir != <'
	'proc.name regex "^s.*" and not evt.failed = false'
)
fields=(-T fields -e evt.num -e evt.type -e evt.dir -e evt.failed -e proc.name -e fd.name)

# same CAPTURE FILTER: the columns and a replay (no index) print the same
same() {
	local a b
	TZ=UTC "$bin" -r "$1" "${fields[@]}" -Y "$2" >"$tmp/col" 2>"$tmp/col.err"
	a=$?
	TZ=UTC XDG_CACHE_HOME=$tmp/none "$bin" -r "$1" "${fields[@]}" -Y "$2" >"$tmp/seq" 2>"$tmp/seq.err"
	b=$?
	if [ $a -eq $b ] && cmp -s "$tmp/col" "$tmp/seq" && cmp -s "$tmp/col.err" "$tmp/seq.err"; then
		ok
	else
		bad "$(basename "$1") [$2]: columns (exit $a, $(wc -l <"$tmp/col") lines)" \
			"and a replay (exit $b, $(wc -l <"$tmp/seq") lines) differ"
	fi
}

nfiles=0
while read -r f; do
	"$bin" -r "$f" --index >"$tmp/ix" 2>/dev/null
	grep -q '^columns: [1-9]' "$tmp/ix" || continue
	nfiles=$((nfiles + 1))
	for flt in "${filters[@]}"; do
		same "$f" "$flt"
	done
done < <(captures)
[ "$nfiles" -ge 6 ] && ok || bad "only $nfiles captures have columns"

# 30 sessions (30 sections), whole and cut short inside the last one: the
# cut one prints what comes before the damage, then the same error.
zcat "$corpus/shell.scap.gz" >"$tmp/one.scap"
for _ in $(seq 30); do cat "$tmp/one.scap"; done >"$tmp/big.scap"
head -c $(($(stat -c %s "$tmp/big.scap") - 5000)) "$tmp/big.scap" >"$tmp/cut.scap"
for cap in big cut; do
	"$bin" -r "$tmp/$cap.scap" --index >/dev/null 2>&1
	for flt in "${filters[@]:0:4}"; do
		same "$tmp/$cap.scap" "$flt"
	done
done
[ -s "$tmp/col.err" ] && ok || bad "cut: no error for the damage"

# A forged process name id shows in what the columns print, for that event
# alone: the capture was not read. Row n (from a page boundary after the
# entries, 12 bytes each): u32 fd.name id, u32 delta, u16 proc.name id.
ixf=$("$bin" -r "$tmp/big.scap" --index | sed -n 's/^file: //p')
u64() { od -An -t u8 -j "$1" -N 8 "$ixf" | tr -d ' '; }
cols_off=$(u64 112) dict_off=$(u64 128)
proc_at() { echo $((cols_off + ($1 - 1) * 12 + 8)); }
args=(-T fields -e evt.num -e proc.name -Y 'proc.name exists')
"$bin" -r "$tmp/big.scap" "${args[@]}" >"$tmp/before"
IFS=$'\t' read -r n1 first <"$tmp/before"
n=$(awk -F'\t' -v p="$first" '$2 != p { print $1; exit }' "$tmp/before")
dd if="$ixf" bs=1 skip="$(proc_at "$n1")" count=2 status=none >"$tmp/id"
dd if="$tmp/id" of="$ixf" bs=1 seek="$(proc_at "$n")" conv=notrunc status=none
"$bin" -r "$tmp/big.scap" "${args[@]}" >"$tmp/after"
[ "$(diff "$tmp/before" "$tmp/after" | grep -c '^>')" = 1 ] &&
	grep -qx "$n	$first" "$tmp/after" && ok ||
	bad "forged row $n: $(diff "$tmp/before" "$tmp/after" | head -4)"
# a damaged dictionary fails its checksum: a replay answers, forged row or not
printf 'Z' | dd of="$ixf" bs=1 seek=$((dict_off + 9)) conv=notrunc status=none
"$bin" -r "$tmp/big.scap" "${args[@]}" >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" && ok || bad "a damaged dictionary is believed"
finish

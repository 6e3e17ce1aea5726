#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A live capture writes a procinfo event for every thread about once a
# second: a busy loop shows in thread.cpu at more than 50 (% of a CPU; the
# loop runs at nice -20 so that a loaded machine still gives it most of
# one), most of it in thread.cpu.user, and sysdig (with -D, which shows
# internal events) reads the same values from the file.
. "$(dirname "$0")/lib.sh"
need_probe

f=$tmp/busy.scap
capture "$f" timeout 6 nice -n -20 sh -c 'while :; do :; done' || { finish; exit 1; }
cpu=(evt.rawtime thread.tid proc.name thread.cpu thread.cpu.user thread.cpu.system)
args=()
for x in "${cpu[@]}"; do args+=(-e "$x"); done
"$bin" -r "$f" -A -T fields "${args[@]}" -Y 'evt.type = procinfo' >"$tmp/pi" 2>"$tmp/err" ||
	bad "reading $f: $(cat "$tmp/err")"
n=$(awk -F'\t' '$3 == "sh"' "$tmp/pi" | wc -l)
[ "$n" -ge 2 ] && ok || bad "$n procinfo events of the loop, not 2 or more"
max=$(awk -F'\t' '$3 == "sh" && $4 + 0 > m { m = $4 + 0 } END { print m + 0 }' "$tmp/pi")
[ "${max%.*}" -gt 50 ] && ok || bad "the busy loop's thread.cpu is at most $max"
# a busy loop in a shell spends its time in user mode
awk -F'\t' '$3 == "sh" && $5 + 0 > 50 { found = 1 } END { exit !found }' "$tmp/pi" && ok ||
	bad "the busy loop's thread.cpu.user is never above 50"
# every thread of the system: the capture's own, and init
awk -F'\t' '$2 == 1 { found = 1 } END { exit !found }' "$tmp/pi" && ok ||
	bad "no procinfo event for pid 1"
if command -v sysdig >/dev/null 2>&1; then
	fmt=$(printf '%%%s\t' "${cpu[@]}")
	sysdig -D -r "$f" -p "*${fmt%$'\t'}" 'evt.type = procinfo' 2>/dev/null |
		grep -P '^\d+\t' >"$tmp/sd"
	if [ -s "$tmp/sd" ] && cmp -s "$tmp/sd" "$tmp/pi"; then
		ok
	else
		bad "sysdig reads other procinfo values"
		diff "$tmp/sd" "$tmp/pi" | head -5
	fi
else
	echo "note: sysdig is not installed; its reading of the file is not checked"
fi
finish

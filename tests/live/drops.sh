#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The drop count is exact: with a small ring buffer and a reader held back
# (its output goes to a pipe nobody reads for a while), events are dropped,
# and the captured events plus the dropped ones are all that dd made. Also
# checks that -w with a filter writes only the chosen events.
. "$(dirname "$0")/lib.sh"
need_probe
need_sysdig

# events dd makes: a fixed number for its start and end, 4 per record
base_file=$tmp/base.scap
capture "$base_file" dd if=/dev/zero of=/dev/null bs=1 count=0 2>/dev/null || { finish; exit; }
base=$(grep -oE '[0-9]+ events captured' "$tmp/capture.err" | cut -d' ' -f1)
capture "$tmp/base2.scap" dd if=/dev/zero of=/dev/null bs=1 count=1000 2>/dev/null
n1000=$(grep -oE '[0-9]+ events captured' "$tmp/capture.err" | cut -d' ' -f1)
[ "$n1000" -eq $((base + 4000)) ] && ok || bad "dd count=1000 made $n1000 events, not $base + 4000"

records=200000
"$bin" -B 1 -T fields -e evt.num -- dd if=/dev/zero of=/dev/null bs=1 count=$records \
	2>"$tmp/drops.err" | { sleep 3; cat >/dev/null; }
cap=$(grep -oE '[0-9]+ events captured' "$tmp/drops.err" | cut -d' ' -f1)
drop=$(grep -oE '[0-9]+ dropped' "$tmp/drops.err" | cut -d' ' -f1)
if [ -z "$cap" ] || [ -z "$drop" ]; then
	bad "no summary: $(cat "$tmp/drops.err")"
else
	[ "$drop" -gt 0 ] && ok || bad "a held-back reader dropped nothing ($cap captured)"
	[ $((cap + drop)) -eq $((base + 4 * records)) ] && ok ||
		bad "$cap captured + $drop dropped != $((base + 4 * records)) made"
	grep -qE "$drop dropped \\(cpu0 [0-9]+(, cpu[0-9]+ [0-9]+)*\\)" "$tmp/drops.err" && ok ||
		bad "no per-CPU drops: $(cat "$tmp/drops.err")"
fi

# the count is recorded in the file: a capture written to a pipe held back
"$bin" -B 1 -w /dev/stdout -- dd if=/dev/zero of=/dev/null bs=1 count=$records \
	2>"$tmp/wdrops.err" | { sleep 3; cat >"$tmp/held.scap"; }
drop=$(grep -oE '[0-9]+ dropped' "$tmp/wdrops.err" | cut -d' ' -f1)
rec=$("$bin" -r "$tmp/held.scap" --stats | awk '/^dropped:/ { print $2 }')
[ -n "$drop" ] && [ "$drop" -gt 0 ] && [ "$rec" = "$drop" ] && ok ||
	bad "the file records ${rec:-no} dropped events, syshark said ${drop:-none}"

# -w with a filter: only the chosen events are shown from the file
f=$tmp/chosen.scap
"$bin" -w "$f" -Y 'fd.name = /etc/hostname' -- sh -c 'cat /etc/hostname | cat >/dev/null' 2>"$tmp/w.err"
other=$("$bin" -r "$f" -T fields -e fd.name | sort -u)
[ "$other" = "/etc/hostname" ] && ok || bad "-w with a filter wrote events of '$other'"
n=$(sysdig -r "$f" -p '%fd.name' | sort -u)
[ "$n" = "/etc/hostname" ] && ok || bad "sysdig reads '$n' from the filtered file"
finish

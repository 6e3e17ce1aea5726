#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# --io-stat: on every corpus capture and at several intervals, the counts
# per interval of each series equal those computed with awk from the times
# of the events print mode gives for the same filter; the totals are the
# event counts; -Y narrows every series; JSON lines hold the same counts;
# bad intervals, filters and arguments are one exact line and status 2.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
mapfile -t files < <(captures)
[ "${#files[@]}" -ge 6 ] || { echo "FAIL: no corpus in $corpus"; exit 1; }
# the cat processes of the shell session: a capture whose first 62 events
# are hidden (the state -w keeps), whose intervals still start at the first
"$bin" -r "$corpus/shell.scap.gz" -Y 'proc.name = cat' -w "$tmp/cat.scap" 2>/dev/null
[ "$("$bin" -r "$tmp/cat.scap" -T fields -e evt.num -n 1)" -gt 1 ] && ok ||
	bad "-w of the cat processes does not start with hidden events"
files+=("$tmp/cat.scap")

# (switch events are in the extra captures only; failed calls in the corpus)
series=('evt.dir = <' 'fd.type = file' 'evt.type = switch or evt.failed = true')

# counts FILE NS LAST [FILTER]: the count of each interval 0..LAST of NS
# from the capture's first event (s0, ns0; shown or not, as evt.reltime
# counts), of the events print mode gives for FILTER. A time before the
# last shown event's counts as that event's (the views keep times in
# order, as a clock stepping back leaves them). Times and numbers are read
# once per capture and filter, for all interval sizes.
counts() {
	local all nums
	all=$tmp/all-$(printf '%s' "$1" | md5sum | cut -c1-16)
	nums=$tmp/nums-$(printf '%s\n%s' "$1" "${4:-}" | md5sum | cut -c1-16)
	[ -f "$all" ] ||
		"$bin" -r "$1" -T fields -e evt.num -e evt.rawtime.s -e evt.rawtime.ns >"$all"
	[ -f "$nums" ] || "$bin" -r "$1" -T fields -e evt.num ${4:+-Y "$4"} >"$nums"
	awk -F'\t' -v w="$2" -v last="$3" -v s0="$s0" -v ns0="$ns0" '
		NR == FNR { t = ($2 - s0) * 1e9 + ($3 - ns0); if (t < m) t = m; m = t; at[$1] = t; next }
		{ c[int(at[$1] / w)]++ }
		END { for (k = 0; k <= last; k++) print c[k] + 0 }' "$all" "$nums"
}

checked=0
for f in "${files[@]}"; do
	name=$(basename "$f")
	# the first event with a time: some state events have 0
	read -r s0 ns0 <<<"$("$bin" -r "$f" -A -T fields -e evt.rawtime.s -e evt.rawtime.ns |
		awk '$1 != 0 || $2 != 0' | head -1)"
	span=$("$bin" -r "$f" -T fields -e evt.rawtime.s -e evt.rawtime.ns | tail -1 |
		awk -F'\t' -v s0="$s0" -v ns0="$ns0" '{ printf "%.0f\n", ($1 - s0) * 1e9 + ($2 - ns0) }')
	for iv in 100us:100000 1ms:1000000 0.25:250000000 1s:1000000000 2m:120000000000; do
		arg=${iv%%:*} ns=${iv#*:}
		if [ -z "$span" ]; then
			: >"$tmp/want" # no events shown, no intervals
		else
			last=$((span / ns))
			starts "$ns" "$last" >"$tmp/c0"
			counts "$f" "$ns" "$last" >"$tmp/c1"
			i=2
			for s in "${series[@]}"; do
				counts "$f" "$ns" "$last" "$s" >"$tmp/c$i"
				i=$((i + 1))
			done
			paste "$tmp/c0" "$tmp/c1" "$tmp/c2" "$tmp/c3" "$tmp/c4" >"$tmp/want"
		fi
		"$bin" -r "$f" --io-stat="$arg" -T fields --series '' --series "${series[0]}" \
			--series "${series[1]}" --series "${series[2]}" >"$tmp/got"
		if cmp -s "$tmp/want" "$tmp/got"; then ok; else
			bad "$name --io-stat=$arg differs (< awk, > --io-stat):"
			diff "$tmp/want" "$tmp/got" | head -6
		fi
		checked=$((checked + 1))
	done

	# the table's totals are the event counts
	want="Total"
	for s in '' "${series[@]}"; do
		want="$want $("$bin" -r "$f" -T fields -e evt.num ${s:+-Y "$s"} | wc -l)"
	done
	got=$("$bin" -r "$f" --io-stat=1ms --series '' --series "${series[0]}" \
		--series "${series[1]}" --series "${series[2]}" | tail -1 | tr -s ' ')
	[ "$got" = "$want" ] && ok || bad "$name: the totals are '$got', not '$want'"
done
echo "$checked interval sizes compared on ${#files[@]} captures"

# the rest on the shell session: intervals of a tenth of its span, rounded
# down to a millisecond
f=$corpus/shell.scap.gz
span "$f"
ns=$((ms * 1000000))
last=$((span / ns))
[ "$last" -ge 3 ] && ok || bad "the shell session spans $span ns: too few intervals of ${ms}ms"
# -Y narrows every series; the intervals still start at the capture's first event
counts "$f" "$ns" "$last" 'evt.dir = <' | paste <(starts "$ns" "$last") - >"$tmp/want"
"$bin" -r "$f" --io-stat="${ms}ms" -T fields -Y 'evt.dir = <' >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && ok || bad "-Y does not narrow the events counted: $(diff "$tmp/want" "$tmp/got" | head -4)"
# (cat starts after the capture: its first events are not in the first interval)
counts "$f" "$ns" "$last" 'proc.name = cat' | paste <(starts "$ns" "$last") - >"$tmp/want"
"$bin" -r "$f" --io-stat="${ms}ms" -T fields -Y 'proc.name = cat' >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && ok || bad "-Y does not count cat's events from the capture's start: $(diff "$tmp/want" "$tmp/got" | head -4)"
counts "$f" "$ns" "$last" '(proc.name = cat) and (evt.type = read)' |
	paste <(starts "$ns" "$last") - >"$tmp/want"
"$bin" -r "$f" --io-stat="${ms}ms" -T fields --series 'evt.type = read' 'proc.name = cat' >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && ok || bad "a filter as words does not narrow a series: $(diff "$tmp/want" "$tmp/got" | head -4)"
[ "$(awk '{ n += $2 } END { print n + 0 }' "$tmp/got")" -gt 0 ] && ok || bad "cat's reads are not counted: the check proves nothing"

# the table: a title line, a line per interval, the totals
"$bin" -r "$f" --io-stat="${ms}ms" --series '' --series 'evt.type = read' >"$tmp/table"
head -1 "$tmp/table" | grep -Eq '^Start \(s\) +all events +evt\.type = read$' && ok ||
	bad "the table has no title line: $(head -1 "$tmp/table")"
want="$(starts "$ns" 0) $(counts "$f" "$ns" 0 | head -1) $(counts "$f" "$ns" 0 'evt.type = read' | head -1)"
[ "$(sed -n 2p "$tmp/table" | tr -s ' ')" = "$want" ] && ok ||
	bad "the first interval is not '$want': $(sed -n 2p "$tmp/table")"
[ "$(wc -l <"$tmp/table")" -eq $((last + 3)) ] && ok || bad "the table of $((last + 1)) intervals is not $((last + 3)) lines"

# JSON lines: the start and the counts, as the fields give them
"$bin" -r "$f" --io-stat="${ms}ms" -T json --series '' --series 'evt.type = read' |
	python3 -c 'import json, sys
for line in sys.stdin:
    row = json.loads(line, parse_float=str)
    print("%s\t%s" % (row["start"], "\t".join(str(c) for c in row["counts"])))' \
	>"$tmp/json"
"$bin" -r "$f" --io-stat="${ms}ms" -T fields --series '' --series 'evt.type = read' \
	>"$tmp/fields"
[ "$(wc -l <"$tmp/fields")" = $((last + 1)) ] && cmp -s "$tmp/json" "$tmp/fields" && ok ||
	bad "-T json differs from -T fields: $(diff "$tmp/fields" "$tmp/json" | head -4)"

# errors: one exact line, status 2
for iv in 1x 0 0ms -1s '' 1.s .5 1e3 s 99999999999h; do
	err "syshark: --io-stat=$iv: not an interval (1s, 100ms, 10us, 2m, or seconds)" \
		-r "$f" --io-stat="$iv"
done
err "syshark: --series 2: filter column 14: expected 'and', 'or' or the end, found 'x'" \
	-r "$f" --io-stat=1s --series '' --series 'evt.type = = x'
err "syshark: filter column 14: expected 'and', 'or' or the end, found 'x'" \
	-r "$f" --io-stat=1s -Y 'evt.type = = x'
err "syshark: too many --series (at most 4)" -r "$f" --io-stat=1s --series a --series b \
	--series c --series d --series e
err "syshark: --series needs --io-stat=INTERVAL" -r "$f" --series 'evt.type = read'
err "syshark: --io-stat needs -r FILE" --io-stat=1s
finish

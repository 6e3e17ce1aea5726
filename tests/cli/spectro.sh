#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# --spectro: on every corpus capture and at several intervals, the calls
# per interval and per latency bucket equal those grouped with awk from
# the direction, latency and time print mode gives for each event; the
# bucket names of the text lines and the JSON lines name the same counts;
# -Y narrows the calls counted, not the intervals; a call longer than 100 s
# counts in the last bucket; too many intervals, bad intervals, filters and
# arguments are one exact line; a pipe is read as a file.
#
# usage: spectro.sh BIN CORPUS EXTRA MKEVENTS
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
mkevents=$4
mapfile -t files < <(captures)
[ "${#files[@]}" -ge 6 ] || { echo "FAIL: no corpus in $corpus"; exit 1; }

# want FILE NS [FILTER]: the lines of --spectro=NS -T fields, from the events
# print mode gives: their times from the capture's first (s0, ns0), kept
# in order as the spectrogram keeps them (a step back counts at the time
# before it), the calls among those FILTER keeps (exits with a latency)
want() {
	"$bin" -r "$1" -T fields -e evt.num ${3:+-Y "$3"} >"$tmp/kept"
	"$bin" -r "$1" -T fields -e evt.num -e evt.dir -e evt.latency -e evt.rawtime.s \
		-e evt.rawtime.ns |
		awk -F'\t' -v w="$2" -v s0="$s0" -v ns0="$ns0" -v kept="$tmp/kept" '
		BEGIN {
			'"$SPECTRO_BUCKETS"'
			while ((getline n <kept) > 0) keep[n] = 1
			t = 0
		}
		{
			ts = ($4 - s0) * 1e9 + ($5 - ns0)
			if (ts > t) t = ts
			last = t
			if (!($1 in keep) || $2 != "<" || $3 == 0) next
			for (b = 109; lo[b] > $3; b--) ;
			k = int(t / w)
			c[k, b]++
			calls[k]++
		}
		END {
			if (NR == 0) exit
			for (k = 0; k <= int(last / w); k++) {
				line = (calls[k] + 0)
				for (b = 0; b < 110; b++) line = line "\t" (c[k, b] + 0)
				print line
			}
		}' >"$tmp/counts"
	paste <(starts "$2" $(($(wc -l <"$tmp/counts") - 1))) "$tmp/counts" | sed '/^\t*$/d'
}

checked=0
for f in "${files[@]}"; do
	name=$(basename "$f")
	# the first event with a time: some state events have 0
	read -r s0 ns0 <<<"$("$bin" -r "$f" -A -T fields -e evt.rawtime.s -e evt.rawtime.ns |
		awk '$1 != 0 || $2 != 0' | head -1)"
	# (intervals too fine for a long capture are left to the coarser ones)
	secs=$("$bin" -r "$f" --spectro=1s -T fields | wc -l)
	for iv in 100us:100000 1ms:1000000 0.25:250000000 1s:1000000000; do
		arg=${iv%%:*} ns=${iv#*:}
		[ $((secs * (1000000000 / ns))) -le 5000 ] || continue
		want "$f" "$ns" >"$tmp/want"
		"$bin" -r "$f" --spectro="$arg" -T fields >"$tmp/got"
		if cmp -s "$tmp/want" "$tmp/got"; then ok; else
			bad "$name --spectro=$arg differs (< awk, > --spectro):"
			diff "$tmp/want" "$tmp/got" | head -6 | cut -c 1-200
		fi
		checked=$((checked + 1))
	done
	# the total of calls is the number of exits with a latency
	n=$("$bin" -r "$f" -T fields -e evt.num -Y 'evt.dir = < and evt.latency > 0' | wc -l)
	got=$("$bin" -r "$f" --spectro=1s | tail -1 | awk '{ print $1, $2 }')
	[ "$got" = "Total $n" ] && ok || bad "$name: the total is '$got', not 'Total $n'"
done
echo "$checked intervals compared on ${#files[@]} captures"

# the rest on the shell session, in intervals of a tenth of its span
f=$corpus/shell.scap.gz
span "$f"
want "$f" $((ms * 1000000)) >"$tmp/want"
[ "$(wc -l <"$tmp/want")" -ge 4 ] && ok || bad "the shell session has too few ${ms}ms intervals"

# -Y narrows the calls, not the intervals: cat starts after the capture
for y in 'proc.name = cat' 'evt.type = read' 'fd.type = file and evt.failed = false'; do
	want "$f" $((ms * 1000000)) "$y" >"$tmp/want"
	"$bin" -r "$f" --spectro="${ms}ms" -T fields -Y "$y" >"$tmp/got"
	cmp -s "$tmp/want" "$tmp/got" && ok ||
		bad "-Y '$y' differs: $(diff "$tmp/want" "$tmp/got" | head -4 | cut -c 1-200)"
	[ "$(awk '{ n += $2 } END { print n + 0 }' "$tmp/got")" -gt 0 ] && ok ||
		bad "-Y '$y' counts no calls: the check proves nothing"
done
# the filter as words after the options
"$bin" -r "$f" --spectro="${ms}ms" -T fields proc.name = cat >"$tmp/words"
want "$f" $((ms * 1000000)) 'proc.name = cat' | cmp -s - "$tmp/words" && ok ||
	bad "a filter as words does not narrow the calls"

# the text: a title line, a line per interval with the buckets that have
# calls, named by their least latency, and the totals; the same counts as
# the fields
"$bin" -r "$f" --spectro="${ms}ms" -T fields >"$tmp/fields"
"$bin" -r "$f" --spectro="${ms}ms" >"$tmp/text"
head -1 "$tmp/text" | grep -Eq '^Start \(s\) +Calls  Calls by latency \(from\)$' && ok ||
	bad "the text has no title line: $(head -1 "$tmp/text")"
[ "$(wc -l <"$tmp/text")" -eq $(($(wc -l <"$tmp/fields") + 2)) ] && ok ||
	bad "the text has $(wc -l <"$tmp/text") lines for $(wc -l <"$tmp/fields") intervals"
sed '1d;$d' "$tmp/text" | awk 'BEGIN { '"$SPECTRO_BUCKETS"'
		for (b = 0; b < 110; b++) at[name[b]] = b }
	{
		for (b = 0; b < 110; b++) c[b] = 0
		for (i = 3; i <= NF; i++) {
			split($i, p, ":")
			if (!(p[1] in at)) { print "no bucket " p[1]; exit 1 }
			c[at[p[1]]] = p[2]
		}
		line = $1 "\t" $2
		for (b = 0; b < 110; b++) line = line "\t" c[b]
		print line
	}' >"$tmp/from_text"
cmp -s "$tmp/fields" "$tmp/from_text" && ok ||
	bad "the text's counts differ from the fields':" \
		"$(diff "$tmp/fields" "$tmp/from_text" | head -4 | cut -c 1-200)"
# the totals are the sums of the intervals
total=$(awk -F'\t' '{ for (i = 2; i <= NF; i++) s[i] += $i }
	END { line = "Total"; for (i = 2; i <= NF; i++) line = line "\t" s[i]; print line }' \
	"$tmp/fields")
tail -1 "$tmp/text" | awk 'BEGIN { '"$SPECTRO_BUCKETS"'
		for (b = 0; b < 110; b++) at[name[b]] = b }
	{
		for (i = 3; i <= NF; i++) { split($i, p, ":"); c[at[p[1]]] = p[2] }
		line = $1 "\t" $2
		for (b = 0; b < 110; b++) line = line "\t" (c[b] + 0)
		print line
	}' | grep -qxF "$total" && ok || bad "the totals line is not the sum of the intervals"

# JSON lines: the same counts, the buckets by name
"$bin" -r "$f" --spectro="${ms}ms" -T json >"$tmp/json"
python3 - "$tmp/json" "$tmp/fields" <<'PY' && ok || bad "-T json differs from -T fields"
import json, sys
r10 = [100, 125, 160, 200, 250, 315, 400, 500, 630, 800]
names = []
for b in range(110):
    h = r10[b % 10] * 10 ** (b // 10)
    for u, n in ((10 ** 11, "s"), (10 ** 8, "ms"), (10 ** 5, "us"), (100, "ns")):
        if h >= u or n == "ns":
            names.append(("%.2f" % (h / u)).rstrip("0").rstrip(".") + n)
            break
rows = []
for line in open(sys.argv[1]):
    row = json.loads(line, parse_float=str)
    assert sum(row["buckets"].values()) == row["calls"]
    assert all(c > 0 for c in row["buckets"].values())
    rows.append("\t".join([row["start"], str(row["calls"])] +
                          [str(row["buckets"].get(n, 0)) for n in names]))
want = [l.rstrip("\n") for l in open(sys.argv[2])]
sys.exit(rows != want)
PY

# calls of 2^63 ns count in the last bucket, 80s and more; their 292 years
# are too many intervals: one line, nothing printed, status 1
late=$tmp/late.scap
"$mkevents" --late "$late" || bad "mkevents cannot write $late"
"$bin" -r "$late" --spectro=10000s -T json | grep -q '"calls":2,"buckets":{"80s":2}}$' && ok ||
	bad "the calls of 292 years are not in the last bucket"
"$bin" -r "$late" --spectro=1s >"$tmp/o" 2>"$tmp/e"
rc=$?
want='^syshark: --spectro=1s: the events span 9223372036\.[0-9]* s, 9223372037 intervals,'
want+=' more than the 1000000 printed at most'
[ $rc -eq 1 ] && [ ! -s "$tmp/o" ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q "$want" "$tmp/e" &&
	ok || bad "--spectro=1s over 292 years: status $rc, $(head -c 300 "$tmp/e")"

# a pipe: read once, as a file
zcat "$f" | "$bin" -r - --spectro="${ms}ms" -T fields | cmp -s - "$tmp/fields" && ok ||
	bad "--spectro over a pipe differs from over the file"
# the default interval is 500ms
"$bin" -r "$f" --spectro -T fields >"$tmp/o"
"$bin" -r "$f" --spectro=500ms -T fields | cmp -s - "$tmp/o" && ok ||
	bad "--spectro alone is not --spectro=500ms"

# errors: one exact line, status 2
for iv in 1x 0 0ms -1s '' 1.s .5 1e3 s 99999999999h; do
	err "syshark: --spectro=$iv: not an interval (1s, 100ms, 10us, 2m, or seconds)" \
		-r "$f" --spectro="$iv"
done
for iv in 1ns 999ns 0.0000001; do
	err "syshark: --spectro=$iv: shorter than 1us, the shortest interval" -r "$f" --spectro=$iv
done
err "syshark: filter column 14: expected 'and', 'or' or the end, found 'x'" \
	-r "$f" --spectro=1s -Y 'evt.type = = x'
err "syshark: --spectro needs -r FILE" --spectro=1s
err "syshark: --io-stat or --spectro, not both" -r "$f" --spectro --io-stat=1s
finish

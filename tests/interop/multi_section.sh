#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Several sections in one file (two captures concatenated, as libsinsp and
# sysdig accept them): two_sections.scap.gz is `cat /etc/hostname` recorded,
# then `echo second section` recorded, each section ending with syshark's
# hidden notification of dropped events. It reads as its two halves read
# one after the other: the same events in the same order, numbered on from
# one section to the next, with the first section's notification between
# them; --stats counts both; the index, --follow and -w work across the
# boundary. (sysdig_same_two_sections compares it with sysdig.)
# shellcheck source=../cli/check.sh
. "$(dirname "$0")/../cli/check.sh"
f=$corpus/two_sections.scap.gz
[ -r "$f" ] || { echo "FAIL: $f is missing"; exit 1; }
export TZ=UTC XDG_CACHE_HOME=$tmp/cache

# the halves: split at the second section header block, walked from the
# block headers
zcat "$f" >"$tmp/two.scap"
blocks "$tmp/two.scap" >"$tmp/blocks"
mapfile -t shbs < <(awk -F'\t' '$2 == "section header" { print $1 }' "$tmp/blocks")
[ "${#shbs[@]}" = 2 ] && [ "${shbs[0]}" = 0 ] && ok || bad "not two section header blocks: ${shbs[*]}"
head -c "${shbs[1]}" "$tmp/two.scap" >"$tmp/first.scap"
tail -c +$((shbs[1] + 1)) "$tmp/two.scap" >"$tmp/second.scap"

# --stats: two sections, the sums of the halves' counts
"$bin" -r "$f" --stats >"$tmp/s"
st() { awk -v k="$1" 'index($0, k ": ") == 1 { print substr($0, length(k) + 3) }' "${2:-$tmp/s}"; }
[ "$(st sections)" = 2 ] && ok || bad "--stats says $(st sections) sections, expected 2"
"$bin" -r "$tmp/first.scap" --stats >"$tmp/s1"
"$bin" -r "$tmp/second.scap" --stats >"$tmp/s2"
for k in sections events "hidden events" dropped bytes "blocks section header" "blocks process list" \
	"blocks fd list" "blocks event"; do
	a=$(st "$k" "$tmp/s1") b=$(st "$k" "$tmp/s2")
	[ "$(st "$k")" = $((a + b)) ] && ok || bad "--stats says $k: $(st "$k"), the halves $a and $b"
done
n1=$(st events "$tmp/s1")
n2=$(st events "$tmp/s2")
[ "$n1" -gt 0 ] && [ "$n2" -gt 0 ] && [ "$(st 'hidden events')" = 2 ] && ok ||
	bad "the halves have $n1 and $n2 events, $(st 'hidden events') of all hidden (expected one per section)"

# every event of both halves, in order, numbered on across the boundary
renumber() { awk -v d="$1" '/^[0-9]+ / { n = $1; sub(/^[0-9]+/, n + d) } { print }'; }
"$bin" -r "$f" -A >"$tmp/all"
{ "$bin" -r "$tmp/first.scap" -A; "$bin" -r "$tmp/second.scap" -A | renumber "$n1"; } >"$tmp/halves"
cmp -s "$tmp/all" "$tmp/halves" && ok || {
	bad "the two sections do not print as their halves, the second numbered on from $n1:"
	diff "$tmp/halves" "$tmp/all" | head -6
}
{ "$bin" -r "$tmp/first.scap"; "$bin" -r "$tmp/second.scap" | renumber "$n1"; } >"$tmp/halves"
"$bin" -r "$f" | cmp -s - "$tmp/halves" && ok || bad "without -A, the sections do not print as their halves"
"$bin" -r "$f" -A -T fields -e evt.num | awk '$1 != NR { bad = 1 } END { exit bad || NR != '$((n1 + n2))' }' && ok ||
	bad "the events are not numbered 1 to $((n1 + n2))"
# times do not go back at the boundary
"$bin" -r "$f" -A -T fields -e evt.rawtime >"$tmp/times"
[ "$(sed -n "$((n1 + 1))p" "$tmp/times")" -ge "$(sed -n "${n1}p" "$tmp/times")" ] && ok ||
	bad "the second section starts before the first one ends"

# the first section's last event is its hidden notification, between the two
"$bin" -r "$f" -A -T fields -e evt.num -e evt.arg.id -Y 'evt.type = notification' >"$tmp/notes"
[ "$(cat "$tmp/notes")" = "$n1	syshark.dropped
$((n1 + n2))	syshark.dropped" ] && ok || bad "the notifications are not events $n1 and $((n1 + n2)): $(cat "$tmp/notes")"
"$bin" -r "$f" -T fields -e evt.num -Y "evt.num >= $((n1 - 1)) and evt.num <= $((n1 + 1))" | tr '\n' ' ' |
	grep -qx "$((n1 - 1)) $((n1 + 1)) " && ok || bad "print mode shows the notification $n1"

# the first section's cat, the second's echo
cat_read=$("$bin" -r "$f" -T fields -e evt.num -Y 'proc.name = cat and evt.type = read and fd.name = /etc/hostname and evt.rawres > 0')
echo_write=$("$bin" -r "$f" -T fields -e evt.num -e evt.arg.data -Y 'proc.name = echo and evt.type = write and evt.dir = <')
[ -n "$cat_read" ] && [ "$cat_read" -lt "$n1" ] && ok || bad "no read of /etc/hostname by cat in the first section: '$cat_read'"
[ "${echo_write#*	}" = "second section." ] && [ "${echo_write%%	*}" -gt "$n1" ] && ok ||
	bad "no write of 'second section' by echo in the second section: '$echo_write'"
[ -z "$("$bin" -r "$f" -T fields -e evt.num -Y "proc.name = echo and evt.num <= $n1")" ] &&
	[ -z "$("$bin" -r "$f" -T fields -e evt.num -Y "proc.name = cat and evt.num > $n1")" ] && ok ||
	bad "cat and echo are not each in their section"
# each section's first execve: syshark's, then the program's
"$bin" -r "$f" -T fields -e evt.num -e proc.name -e evt.dir -Y 'evt.type = execve' >"$tmp/execs"
printf '1\tsyshark\t>\n2\tcat\t<\n%s\tsyshark\t>\n%s\techo\t<\n' $((n1 + 1)) $((n1 + 2)) | cmp -s - "$tmp/execs" && ok ||
	bad "the execve events are not each section's first two: $(tr '\n' ' ' <"$tmp/execs")"

# the index across the boundary: each event around it as the replay prints it
for n in $((n1 - 1)) "$n1" $((n1 + 1)) $((n1 + 2)) $((n1 + n2)); do
	[ "$("$bin" -r "$f" --event "$n" | head -1)" = "$(sed -n "${n}p" "$tmp/all")" ] && ok ||
		bad "--event $n is not the line the replay prints"
done
# --follow of echo's write, in the second section
[ "$("$bin" -r "$f" --follow="${echo_write%%	*}",raw)" = "second section" ] && ok ||
	bad "--follow of echo's write is not 'second section'"

# -w keeps both sections and the events shown, without the notifications
"$bin" -r "$f" -w "$tmp/out.scap" && ok || bad "-w fails"
"$bin" -r "$tmp/out.scap" --stats >"$tmp/so"
[ "$(st sections "$tmp/so")" = 2 ] && [ "$(st events "$tmp/so")" = $((n1 + n2 - 2)) ] && ok ||
	bad "-w wrote $(st sections "$tmp/so") sections, $(st events "$tmp/so") events, not 2 and $((n1 + n2 - 2))"
cmp -s <("$bin" -r "$f" | cut -d' ' -f2-) <("$bin" -r "$tmp/out.scap" | cut -d' ' -f2-) && ok ||
	bad "the written capture does not print the same events"
finish

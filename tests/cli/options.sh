#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Numbers and messages of the command line: a number out of range (negative,
# past 2^64 - 1) is one line naming the option, status 2; so is a bad
# SYSHARK_CACHE_MAX, naming the variable; -e without -T fields is refused
# as tshark refuses it; --event prints in the format -T chooses; --top and
# --io-stat print nothing on a file they refuse.
#
# usage: options.sh BIN CORPUS
. "$(dirname "$0")/../checks.sh"
bin=$1
f=$2/files.scap
big=18446744073709551616 # 2^64

# refused BEGIN ARGS...: status 2, nothing printed, one line on stderr starting with BEGIN
refused() {
	local want=$1
	shift
	"$bin" "$@" >"$tmp/o" 2>"$tmp/e"
	local rc=$?
	[ $rc -eq 2 ] && [ ! -s "$tmp/o" ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] &&
		[ "${want}" = "$(head -c ${#want} "$tmp/e")" ] && ok ||
		bad "$*: status $rc, $(wc -c <"$tmp/o") bytes out," \
			"'$(cat "$tmp/e")', not '$want...'"
}
refused "syshark: --event -1: not an event number" -r "$f" --event -1
refused "syshark: --event $big: not an event number" -r "$f" --event $big
refused "syshark: --event 0: not an event number" -r "$f" --event 0
refused "syshark: --follow=$big: not an event number" -r "$f" --follow=$big
refused "syshark: --follow=-1: not an event number" -r "$f" --follow=-1
refused "syshark: -n $big: not a number" -r "$f" -n $big
refused "syshark: -n -1: not a number" -r "$f" -n -1
refused "syshark: -c $big: not a number" -r "$f" -c $big
refused "syshark: -n 1x: not a number" -r "$f" -n 1x
# the largest number is one
"$bin" -r "$f" -n 18446744073709551615 | cmp -s - <("$bin" -r "$f") && ok ||
	bad "-n 18446744073709551615 does not print every event"
"$bin" -r "$f" --event 18446744073709551615 >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] && grep -q 'the capture has no event 18446744073709551615' "$tmp/e" && ok ||
	bad "--event 18446744073709551615: $(cat "$tmp/e")"

for v in abc 1T -5 10x 1.5G $big; do
	SYSHARK_CACHE_MAX=$v refused "syshark: SYSHARK_CACHE_MAX=$v: not a size" -r "$f" --event 5
done
for v in 1k 5M 2G ""; do
	SYSHARK_CACHE_MAX=$v "$bin" -r "$f" --event 5 >/dev/null && ok ||
		bad "SYSHARK_CACHE_MAX=$v is refused"
done

refused "syshark: -e needs -T fields" -r "$f" -e proc.name
refused "syshark: -e needs -T fields" -r "$f" -T json -e proc.name

# --event N in each format: the line of event N among all the events' lines
for fmt in text json fields; do
	args=(-T "$fmt")
	[ "$fmt" = fields ] && args+=(-e evt.num -e proc.name -e evt.args)
	TZ=UTC "$bin" -r "$f" --no-cache --event 42 "${args[@]}" >"$tmp/one"
	TZ=UTC "$bin" -r "$f" "${args[@]}" | sed -n 42p | cmp -s - "$tmp/one" && ok ||
		bad "--event 42 -T $fmt prints '$(cat "$tmp/one")'"
done
"$bin" -r "$f" --event 42 -T json | python3 -c 'import json, sys
assert json.loads(sys.stdin.readline())["evt.num"] == 42' && ok ||
	bad "--event 42 -T json is not event 42 in JSON"

# a file refused at once: one line, and no title line
echo "not a capture at all" >"$tmp/text.scap"
: >"$tmp/empty.scap"
for c in "$tmp/text.scap" "$tmp/empty.scap"; do
	for args in --top --top=syscalls --io-stat=1s; do
		for fmt in text json fields; do
			"$bin" -r "$c" $args -T $fmt >"$tmp/o" 2>"$tmp/e"
			rc=$?
			[ $rc -eq 1 ] && [ ! -s "$tmp/o" ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] &&
				ok || bad "$args -T $fmt on $(basename "$c"): status $rc," \
				"'$(head -2 "$tmp/o")', '$(cat "$tmp/e")'"
		done
	done
done
finish

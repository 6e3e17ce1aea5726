#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Print mode's --calls: a line per system call, on every capture (the
# recorded corpus, and the extra set when it is there). A paired exit's
# line is its line of a row per event followed by what its enter adds; its
# enter's own line goes; the others stay, in the events' order. The pairs
# are found here from print mode's fields, apart from the engine's pairing.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"

for f in $(captures); do
	name=$(basename "$f")
	"$bin" -r "$f" -T fields -e evt.num -e evt.args >"$tmp/events" 2>/dev/null || continue
	"$bin" -r "$f" --calls -T fields -e evt.num -e evt.args >"$tmp/calls" ||
		{ bad "$name: --calls fails"; continue; }
	# each event: its number, direction, thread and type; an enter is absorbed
	# when its thread's next system call event is the exit of its type
	"$bin" -r "$f" -T fields -e evt.num -e evt.dir -e thread.tid -e evt.type -e evt.category \
		>"$tmp/fields"
	awk -F'\t' '
		$5 == "scheduler" || $5 == "signal" && $4 == "signaldeliver" || $4 == "procexit" && $2 == ">" {
			if ($4 == "procexit") delete pend[$3]
			next
		}
		{
			if ($2 == "<" && ($3 in pend) && ptype[$3] == $4) absorbed[pend[$3]] = 1
			delete pend[$3]
			if ($2 == ">") { pend[$3] = $1; ptype[$3] = $4 }
		}
		END { for (n in absorbed) print n }' "$tmp/fields" | sort -n >"$tmp/absorbed"
	awk 'FILENAME == ARGV[1] { gone[$1] = 1; next } !($1 in gone)' "$tmp/absorbed" "$tmp/events" |
		cut -f1 >"$tmp/want_nums"
	cut -f1 "$tmp/calls" | cmp -s - "$tmp/want_nums" && ok ||
		bad "$name: --calls does not print the events but the $(wc -l <"$tmp/absorbed") enters its calls stand for"
	# a call's arguments: its exit's, then what its enter adds
	awk -F'\t' 'FILENAME == ARGV[1] { args[$1] = $2; next }
		index($2, args[$1]) != 1 { print $1; exit 1 }' "$tmp/events" "$tmp/calls" >"$tmp/diff" && ok ||
		bad "$name: call $(cat "$tmp/diff")'s arguments do not start with its exit's"
done

f=$corpus/shell.scap.gz
# a read's call: its exit's arguments, then its enter's fd and size
exit_line=$("$bin" -r "$f" -p -n 1 'evt.type = read and evt.dir = <')
num=${exit_line%% *}
enter_args=$("$bin" -r "$f" -p "evt.type = read and evt.dir = > and evt.num < $num" | tail -n 1 |
	sed 's/^.* > read //')
[ "$("$bin" -r "$f" -p --calls "evt.num = $num")" = "$exit_line$enter_args" ] && ok ||
	bad "read call $num is not its exit's line and its enter's arguments ($enter_args)"
# filters, fields and JSON see a call as current libs see its exit
size=$("$bin" -r "$f" --calls -T fields -e evt.arg.size "evt.num = $num")
[ -n "$size" ] && [ "$size" = "$("$bin" -r "$f" -T fields -e evt.arg.size "evt.num = $((num - 1))")" ] && ok ||
	bad "evt.arg.size of read call $num is '$size'"
[ "$("$bin" -r "$f" -p --calls "evt.arg.size = $size and evt.num = $num" | wc -l)" = 1 ] && ok ||
	bad "a filter on an enter's argument does not match its call"
"$bin" -r "$f" --calls -T json "evt.num = $num" | grep -q "\"size\":\"$size\"" && ok ||
	bad "the JSON of read call $num has no size"
[ "$("$bin" -r "$f" -p --calls -n 3 | wc -l)" = 3 ] && ok || bad "--calls -n 3"
"$bin" -r "$f" --calls -w "$tmp/x.scap" 2>"$tmp/e"
[ $? = 2 ] && [ "$(wc -l <"$tmp/e")" = 1 ] && grep -q -- '--calls with -w' "$tmp/e" && ok ||
	bad "--calls with -w: $(cat "$tmp/e")"
finish

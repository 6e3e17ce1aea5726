#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Captured text cannot forge output: on a capture (mkevents --hostile) whose
# command, executable, arguments, directory, file names and string
# parameters hold a colour escape, a bell, a carriage return, a newline
# followed by a line that looks like an event, and bytes that are not UTF-8,
# the text lines, -T fields and every --top view print nothing but
# printable ASCII (and tabs), a line per event or row; -T json gives valid
# JSON on every line, keeping those bytes as escapes.
#
# usage: output_safety.sh BIN MKEVENTS
. "$(dirname "$0")/../checks.sh"
bin=$1
f=$tmp/hostile.scap
"$2" --hostile "$f" || { bad "mkevents cannot write $f"; finish; exit; }
# the capture does hold the bytes, or the checks below prove nothing
for b in '\x1b' '\x07' '\r' '\xff'; do
	LC_ALL=C grep -q "$(printf "$b")" "$f" && ok || bad "the capture holds no $b byte"
done

# clean NAME FILE: FILE has only printable ASCII, tabs and line ends, and
# the lines a tree of rows is drawn with (--top=protocols)
clean() {
	LC_ALL=C sed 's/│//g; s/├//g; s/└//g; s/─//g' "$2" >"$2.bare"
	if LC_ALL=C grep -q $'[^\t -~]' "$2.bare"; then
		bad "$1 writes bytes that are not printable:" \
			"$(LC_ALL=C grep -m1 $'[^\t -~]' "$2.bare" | od -c | head -3)"
	else
		ok
	fi
}

"$bin" -r "$f" -T fields -e evt.num >"$tmp/nums"
[ "$(wc -l <"$tmp/nums")" -gt 100 ] && ok || bad "too few events: $(wc -l <"$tmp/nums")"
"$bin" -r "$f" -p >"$tmp/text"
clean "-p" "$tmp/text"
# a line per event, each starting with its number: no forged line
cut -d' ' -f1 "$tmp/text" | cmp -s - "$tmp/nums" && ok ||
	bad "-p prints other lines than one per event:" \
		"$(cut -d' ' -f1 "$tmp/text" | diff - "$tmp/nums" | head -3)"
grep -q 'forged' "$tmp/text" && grep -q '(100) . open fd=' "$tmp/text" && ok ||
	bad "-p lost the printable text around the bytes it dropped"
"$bin" -r "$f" -p --calls >"$tmp/calls"
clean "-p --calls" "$tmp/calls"
fields=(-e evt.num -e proc.name -e proc.exe -e proc.exepath -e proc.args -e proc.cmdline
	-e proc.cwd -e fd.name -e evt.args -e evt.info)
"$bin" -r "$f" -T fields "${fields[@]}" >"$tmp/fields"
clean "-T fields" "$tmp/fields"
cut -f1 "$tmp/fields" | cmp -s - "$tmp/nums" && ok ||
	bad "-T fields prints other lines than one per event"

# a rule every event raises, whose output and alerts view name the hostile processes
printf -- '- rule: Any event\n  desc: every event\n  condition: evt.num > 0\n  %s\n  %s\n' \
	'output: "%proc.name %proc.cmdline %fd.name"' 'priority: warning' >"$tmp/any.yaml"
"$bin" -r "$f" --rules "$tmp/any.yaml" >"$tmp/alerts" 2>/dev/null
clean "--rules" "$tmp/alerts"
[ "$(wc -l <"$tmp/alerts")" = "$(wc -l <"$tmp/nums")" ] && ok ||
	bad "--rules prints other lines than one alert per event"
for v in $("$bin" --top=list | cut -d' ' -f1); do
	with=()
	[ "$v" != alerts ] || with=(--rules "$tmp/any.yaml")
	"$bin" -r "$f" --top="$v" "${with[@]}" -p >"$tmp/table" 2>/dev/null
	clean "--top=$v -p" "$tmp/table"
	"$bin" -r "$f" --top="$v" "${with[@]}" -T fields >"$tmp/rows" 2>/dev/null
	clean "--top=$v -T fields" "$tmp/rows"
	[ "$(wc -l <"$tmp/table")" = $(($(wc -l <"$tmp/rows") + 1)) ] &&
		{ [ "$v" != alerts ] || [ -s "$tmp/rows" ]; } && ok ||
		bad "--top=$v: the table has other lines than a title and a line per row"
	"$bin" -r "$f" --top="$v" "${with[@]}" -T json >"$tmp/json" 2>/dev/null
	python3 -c 'import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    json.loads(line)' "$tmp/json" && ok || bad "--top=$v -T json is not JSON on every line"
done

# JSON: every line parses, and the bytes are kept, escaped
"$bin" -r "$f" -T json >"$tmp/json"
python3 -c 'import json, sys
events = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
assert len(events) == int(sys.argv[2]), len(events)
e = events[0]
assert e["proc.name"].startswith("gen\x1b[31m\x07\r\n7 "), e["proc.name"]
assert e["proc.name"].endswith("\xff\xfe"), e["proc.name"]' \
	"$tmp/json" "$(wc -l <"$tmp/nums")" && ok ||
	bad "-T json is not JSON on every line, or lost the capture's bytes"
# numbers as numbers, no value as null, in the views
"$bin" -r "$f" --top=procs -T json | python3 -c 'import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows and all(isinstance(r["PID"], int) and isinstance(r["FDs"], int) for r in rows)' && ok ||
	bad "--top=procs -T json gives a PID or FDs that is not a number"
"$bin" -r "$f" --top=containers -T json | python3 -c 'import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows and all(r["Image"] is None for r in rows)' && ok ||
	bad "--top=containers -T json gives a missing image as something else than null"
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# --top: every view's numbers equal the sums computed with awk from the
# same events printed with -T fields, on every corpus capture; a filter
# narrows the view as it narrows print mode; JSON lines parse; a bad view,
# a bad filter and a damaged capture are one line with the right status.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
mapfile -t files < <(captures)
[ "${#files[@]}" -ge 6 ] || { echo "FAIL: no corpus in $corpus"; exit 1; }

# same NAME WANT GOT: the two files hold the same lines, in any order
same() {
	if cmp -s <(sort "$2") <(sort "$3"); then ok; else
		bad "$1 differs (< from -T fields, > from --top):"
		diff <(sort "$2") <(sort "$3") | head -10
	fi
}

views=0
for f in "${files[@]}"; do
	name=$(basename "$f")
	fields() { "$bin" -r "$f" -T fields "$@"; }

	# system calls: calls, errors, and the latency's sum, average and maximum
	fields -e evt.type -e evt.failed -e evt.latency -Y 'evt.dir = <' | awk -F'\t' '
		{ n[$1]++; if ($2 == "true") e[$1]++; t[$1] += $3; if (!($1 in m) || $3 > m[$1]) m[$1] = $3 }
		END { for (k in n) printf "%s\t%d\t%d\t%.0f\t%.0f\t%.0f\n", k, n[k], e[k], t[k], int(t[k] / n[k]), m[k] }' \
		>"$tmp/want"
	"$bin" -r "$f" --top=syscalls -T fields >"$tmp/got"
	same "$name: the system calls view" "$tmp/want" "$tmp/got"

	# processes: system calls, errors, file and network bytes (in and out)
	fields -e proc.pid -e evt.dir -e evt.failed -e fd.type -e evt.is_io \
		-e evt.buflen | awk -F'\t' '
		$1 == "<NA>" { next }
		{ p[$1] = 1; b = $6 == "<NA>" ? 0 : $6 }
		$2 == "<" { s[$1]++ }
		$3 == "true" { e[$1]++ }
		$4 == "file" && $5 == "true" { fb[$1] += b }
		($4 == "ipv4" || $4 == "ipv6") && $5 == "true" { nb[$1] += b }
		END { for (k in p) printf "%s\t%d\t%d\t%d\t%d\n", k, s[k], e[k], fb[k], nb[k] }' \
		>"$tmp/want"
	# (a row's first line: a command line may hold newlines, checked below);
	# the processes without events, from the state, count nothing
	"$bin" -r "$f" --top=procs -T fields | awk -F'\t' 'NF >= 14' | cut -f1,9-12 |
		awk -F'\t' 'NR == FNR { p[$1] = 1; next } ($1 in p) || $2 + $3 + $4 + $5 != 0' \
		"$tmp/want" - >"$tmp/got"
	same "$name: the processes view" "$tmp/want" "$tmp/got"

	# files: bytes, in, out, opens, errors and operations by name
	fields -e fd.name -e evt.is_io -e evt.is_io_read -e evt.is_io_write -e evt.buflen -e evt.failed \
		-e evt.dir -e evt.type -Y 'fd.type = file' | awk -F'\t' '
		$1 == "<NA>" { next }
		{ p[$1] = 1; b = $5 == "<NA>" ? 0 : $5 }
		$2 == "true" { t[$1] += b }
		$3 == "true" { i[$1] += b }
		$4 == "true" { o[$1] += b }
		$7 == "<" && $8 ~ /^(open|openat|openat2|creat|open_by_handle_at)$/ { op[$1]++ }
		$6 == "true" { e[$1]++ }
		$7 == "<" { n[$1]++ }
		END { for (k in p) printf "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", k, t[k], i[k], o[k], op[k], e[k], n[k] }' \
		>"$tmp/want"
	"$bin" -r "$f" --top=files -T fields >"$tmp/got"
	same "$name: the files view" "$tmp/want" "$tmp/got"

	# errors: by errno, process and system call
	fields -e evt.res -e proc.name -e evt.type -e proc.pid -Y 'evt.failed = true' | awk -F'\t' '
		$4 != "<NA>" { n[$1 "\t" $2 "\t" $3]++ } END { for (k in n) printf "%s\t%d\n", k, n[k] }' \
		>"$tmp/want"
	"$bin" -r "$f" --top=errors -T fields >"$tmp/got"
	same "$name: the errors view" "$tmp/want" "$tmp/got"
	views=$((views + 4))
done
echo "$views views compared on ${#files[@]} captures"

# the rest on the shell session: its processes, as a plain file to cut
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"

# a filter narrows the view as it narrows print mode
"$bin" -r "$f" -T fields -e evt.type -Y 'evt.dir = < and proc.name = cat' |
	awk '{ n[$1]++ } END { for (k in n) print k "\t" n[k] }' >"$tmp/want"
[ -s "$tmp/want" ] && ok || bad "cat makes no system calls: the check proves nothing"
"$bin" -r "$f" --top=syscalls -T fields -Y 'proc.name = cat' | cut -f1,2 >"$tmp/got"
same "the system calls of cat" "$tmp/want" "$tmp/got"
"$bin" -r "$f" --top=syscalls 'proc.name = cat' >"$tmp/words"
"$bin" -r "$f" --top=syscalls -Y 'proc.name = cat' >"$tmp/narrow"
"$bin" -r "$f" --top=syscalls >"$tmp/table"
grep -q '^Syscall' "$tmp/words" && cmp -s "$tmp/words" "$tmp/narrow" && ! cmp -s "$tmp/words" "$tmp/table" && ok ||
	bad "a filter given as words does not narrow the view as -Y does: $(head -3 "$tmp/words")"

# one line per row, in the table and in -T fields, as in -T json, though
# sh's command line (sh -c SCRIPT) holds newlines
rows=$("$bin" -r "$f" --top=procs -T json | wc -l)
"$bin" -r "$f" --top=procs -T json | grep -q '"Command":"sh -c \\u000a' && ok ||
	bad "sh's command line holds no newline: the check below proves nothing"
[ "$("$bin" -r "$f" --top=procs -T fields | wc -l)" = "$rows" ] &&
	[ "$("$bin" -r "$f" --top=procs | wc -l)" = $((rows + 1)) ] && ok ||
	bad "--top=procs rows of $rows processes take $("$bin" -r "$f" --top=procs -T fields | wc -l) lines with -T fields, $(($("$bin" -r "$f" --top=procs | wc -l) - 1)) in the table"

# the table: a title line, then the rows sorted by the view's column, largest first
head -1 "$tmp/table" | grep -Eq '^Syscall +Calls +Errors +Time +Average +Max$' && ok ||
	bad "the system calls table has no title line: $(head -1 "$tmp/table")"
tail -n +2 "$tmp/table" | awk '{ print $4 }' | sort -c -n -r && ok ||
	bad "the system calls table is not sorted by Time"
[ "$(tail -n +2 "$tmp/table" | wc -l)" = "$("$bin" -r "$f" -T fields -e evt.type -Y 'evt.dir = <' | sort -u | wc -l)" ] &&
	ok || bad "the system calls table has not a row per system call"

# JSON: one object per row, with numbers as numbers (the alerts view's with rules)
for v in $("$bin" --top=list | cut -d' ' -f1); do
	with=()
	[ "$v" != alerts ] || with=(--rules "$(dirname "$0")/../rules/base.yaml")
	"$bin" -r "$f" --top="$v" "${with[@]}" -T json >"$tmp/json" || bad "--top=$v -T json fails"
	if python3 -c 'import json, sys
for line in open(sys.argv[1]):
    row = json.loads(line)
    assert isinstance(row, dict) and row' "$tmp/json"; then ok; else bad "--top=$v -T json is not JSON lines"; fi
done
"$bin" -r "$f" --top=procs -T json | python3 -c 'import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows and all(isinstance(r["Syscalls"], int) and isinstance(r["Name"], str) for r in rows)' && ok ||
	bad "--top=procs -T json does not give numbers as numbers"

# errors: one line each, with the right status
"$bin" -r "$f" --top=nosuch >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q 'no such view' "$tmp/e" && ok ||
	bad "an unknown view: $(cat "$tmp/e")"
"$bin" -r "$f" --top=procs -Y 'proc.name = = x' >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && [ "$(cat "$tmp/e")" = "$("$bin" -r "$f" -p -Y 'proc.name = = x' 2>&1)" ] && ok ||
	bad "a bad filter with --top is not the error print mode gives: $(cat "$tmp/e")"
"$bin" --top=nosuch -p >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && grep -q 'no such view' "$tmp/e" && ok || bad "an unknown view, live: $(cat "$tmp/e")"
# a capture cut inside an event block: the one that holds the middle byte
read -r off kind len < <(blocks "$f" | awk -F'\t' -v m=$(($(stat -c %s "$f") / 2)) \
	'$1 <= m && m < $1 + $3 { gsub(/ /, "_", $2); print $1, $2, $3 }')
cut=$((off + len / 2))
[ "$kind" = event ] && [ "$cut" -gt "$off" ] && ok || bad "the middle of the capture is not inside an event block ($kind at $off)"
head -c "$cut" "$f" >"$tmp/cut.scap"
"$bin" -r "$tmp/cut.scap" --top=syscalls >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q "cut.scap: .*offset $off" "$tmp/e" && ok ||
	bad "a capture cut at $cut, in the block at $off: $(cat "$tmp/e")"
[ "$(wc -l <"$tmp/o")" -gt 1 ] && ok || bad "a cut capture shows no rows of what it holds"
# ... and the rows are those of the events before the cut
"$bin" -r "$tmp/cut.scap" -T fields -e evt.type -e evt.failed -e evt.latency -Y 'evt.dir = <' 2>/dev/null |
	awk -F'\t' '{ n[$1]++ } END { for (k in n) printf "%s\t%d\n", k, n[k] }' >"$tmp/want"
"$bin" -r "$tmp/cut.scap" --top=syscalls -T fields 2>/dev/null | cut -f1,2 >"$tmp/got"
same "the system calls view of a cut capture" "$tmp/want" "$tmp/got"

# --window: the events from FROM to TO seconds after the first, in print
# mode and in the views, as awk picks them by their time. The windows are
# parts of the capture's span, in whole nanoseconds.
read -r s0 ns0 <<<"$("$bin" -r "$f" -A -n 1 -T fields -e evt.rawtime.s -e evt.rawtime.ns)"
first=$("$bin" -r "$f" -A -n 1 -T fields -e evt.rawtime)
span=$(($("$bin" -r "$f" -A -T fields -e evt.rawtime | tail -1) - first))
[ "$span" -gt 1000 ] && ok || bad "the capture spans $span ns"
secs() { printf '%d.%09d' $(($1 / 1000000000)) $(($1 % 1000000000)); }
a=$((span / 10)) b=$((span / 2)) c=$((span * 3 / 5)) d=$((span * 3 / 10)) e=$((span / 4))
for w in "$(secs $a)-$(secs $b)" "$(secs $c)-" "-$(secs $d)" "$(secs $d)+$(secs $e)"; do
	case $w in
	*+*) from=$d to=$((d + e)) ;;
	-*) from=0 to=$d ;;
	*-) from=$c to= ;;
	*) from=$a to=$b ;;
	esac
	# the events whose time since the first is in [from, to)
	want=$("$bin" -r "$f" -T fields -e evt.rawtime.s -e evt.rawtime.ns | awk -F'\t' -v s0="$s0" -v ns0="$ns0" \
		-v lo="$from" -v hi="$to" '{ t = ($1 - s0) * 1e9 + ($2 - ns0) }
		t >= lo && (hi == "" || t < hi + 0) { n++ } END { print n + 0 }')
	got=$("$bin" -r "$f" -T fields -e evt.num --window="$w" | wc -l)
	[ "$got" = "$want" ] && ok || bad "--window=$w prints $got events, awk finds $want"
	[ "$want" -gt 0 ] && ok || bad "--window=$w is empty: the check proves nothing"
	clause="evt.rawtime >= $((first + from))${to:+ and evt.rawtime < $((first + to))}"
	[ "$("$bin" -r "$f" -T fields -e evt.num -Y "$clause" | wc -l)" = "$want" ] && ok ||
		bad "-Y '$clause' does not select the $want events of --window=$w"
	cmp -s <("$bin" -r "$f" --top=syscalls --window="$w") <("$bin" -r "$f" --top=syscalls -Y "$clause") &&
		ok || bad "--top with --window=$w is not --top with -Y '$clause'"
	! cmp -s <("$bin" -r "$f" --top=syscalls --window="$w") "$tmp/table" && ok ||
		bad "--top with --window=$w is the whole capture's"
done
"$bin" -r "$f" --window=5-2 >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q '^syshark: --window=5-2: ' "$tmp/e" && ok ||
	bad "a window that ends before it starts: $(cat "$tmp/e")"
"$bin" --window=1-2 -p >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && [ "$(cat "$tmp/e")" = "syshark: --window needs -r FILE" ] && ok || bad "--window live: $(cat "$tmp/e")"
finish

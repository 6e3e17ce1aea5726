#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# --top: every view's numbers equal the sums computed with awk from the
# same events printed with -T fields, on every corpus capture; a filter
# narrows the view as it narrows print mode; JSON lines parse; a bad view,
# a bad filter and a damaged capture are one line with the right status.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
files=("$corpus"/*.scap)
[ -e "${files[0]}" ] || { echo "SKIP: no corpus in $corpus"; exit 77; }

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
		END { for (k in n) printf "%s\t%d\t%d\t%d\t%d\t%d\n", k, n[k], e[k], t[k], int(t[k] / n[k]), m[k] }' \
		>"$tmp/want"
	"$bin" -r "$f" --top=syscalls -T fields >"$tmp/got"
	same "$name: the system calls view" "$tmp/want" "$tmp/got"

	# processes: system calls, errors, file and network bytes in and out
	fields -e proc.pid -e evt.dir -e evt.failed -e fd.type -e evt.is_io_read -e evt.is_io_write \
		-e evt.buflen | awk -F'\t' '
		$1 == "<NA>" { next }
		{ p[$1] = 1; b = $7 == "<NA>" ? 0 : $7 }
		$2 == "<" { s[$1]++ }
		$3 == "true" { e[$1]++ }
		$4 == "file" && $5 == "true" { fi[$1] += b }
		$4 == "file" && $6 == "true" { fo[$1] += b }
		($4 == "ipv4" || $4 == "ipv6") && $5 == "true" { ni[$1] += b }
		($4 == "ipv4" || $4 == "ipv6") && $6 == "true" { no[$1] += b }
		END { for (k in p) printf "%s\t%d\t%d\t%d\t%d\t%d\t%d\n", k, s[k], e[k], fi[k], fo[k], ni[k], no[k] }' \
		>"$tmp/want"
	"$bin" -r "$f" --top=procs -T fields | cut -f1,5-10 >"$tmp/got"
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

# a filter narrows the view as it narrows print mode
f=$corpus/sample.scap
"$bin" -r "$f" -T fields -e evt.type -Y 'evt.dir = < and proc.name = containerd' |
	awk '{ n[$1]++ } END { for (k in n) print k "\t" n[k] }' >"$tmp/want"
"$bin" -r "$f" --top=syscalls -T fields -Y 'proc.name = containerd' | cut -f1,2 >"$tmp/got"
same "the system calls of containerd" "$tmp/want" "$tmp/got"
"$bin" -r "$f" --top=syscalls 'proc.name = containerd' | cut -c1-20 >"$tmp/words"
grep -q '^Syscall' "$tmp/words" && grep -q '^futex' "$tmp/words" && ok ||
	bad "a filter given as words does not narrow the view: $(head -3 "$tmp/words")"

# the table: a title line, then the rows sorted by the view's column, largest first
"$bin" -r "$f" --top=syscalls >"$tmp/table"
head -1 "$tmp/table" | grep -Eq '^Syscall +Calls +Errors +Time +Average +Max$' && ok ||
	bad "the system calls table has no title line: $(head -1 "$tmp/table")"
tail -n +2 "$tmp/table" | awk '{ print $4 }' | sort -c -n -r && ok ||
	bad "the system calls table is not sorted by Time"

# JSON: one object per row, with numbers as numbers
for v in $("$bin" --top=list | cut -d' ' -f1); do
	"$bin" -r "$f" --top="$v" -T json >"$tmp/json" || bad "--top=$v -T json fails"
	if python3 -c 'import json, sys
for line in open(sys.argv[1]):
    row = json.loads(line)
    assert isinstance(row, dict) and row' "$tmp/json"; then ok; else bad "--top=$v -T json is not JSON lines"; fi
done
"$bin" -r "$f" --top=procs -T json | python3 -c 'import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert all(isinstance(r["Syscalls"], int) and isinstance(r["Name"], str) for r in rows)' && ok ||
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
head -c 125003 "$f" >"$tmp/cut.scap" # inside an event block
"$bin" -r "$tmp/cut.scap" --top=syscalls >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q 'cut.scap' "$tmp/e" && ok ||
	bad "a cut capture: $(cat "$tmp/e")"
[ "$(wc -l <"$tmp/o")" -gt 1 ] && ok || bad "a cut capture shows no rows of what it holds"

# --window: the events from FROM to TO seconds after the first, in print
# mode and in the views, as awk picks them by evt.rawtime
first=$("$bin" -r "$f" -A -n 1 -T fields -e evt.rawtime)
for w in 0.01-0.05 0.2- -0.1 0.1+0.25; do
	case $w in
	*+*) from=${w%+*} to=$(awk -v a="${w%+*}" -v b="${w#*+}" 'BEGIN { print a + b }') ;;
	*) from=${w%-*} to=${w#*-} ;;
	esac
	lo=$(awk -v f="$first" -v s="${from:-0}" 'BEGIN { printf "%.0f", f + s * 1e9 }')
	want=$("$bin" -r "$f" -T fields -e evt.num -e evt.rawtime | awk -F'\t' -v lo="$lo" \
		-v hi="${to:+$(awk -v f="$first" -v s="$to" 'BEGIN { printf "%.0f", f + s * 1e9 }')}" \
		'$2 >= lo && (hi == "" || $2 < hi) { n++ } END { print n + 0 }')
	got=$("$bin" -r "$f" -T fields -e evt.num --window="$w" | wc -l)
	[ "$got" = "$want" ] && ok || bad "--window=$w prints $got events, awk finds $want"
	[ "$want" -gt 0 ] && ok || bad "--window=$w is empty: the check proves nothing"
	clause="evt.rawtime >= $lo${to:+ and evt.rawtime < $(awk -v f="$first" -v s="$to" 'BEGIN { printf "%.0f", f + s * 1e9 }')}"
	cmp -s <("$bin" -r "$f" --top=syscalls --window="$w") <("$bin" -r "$f" --top=syscalls -Y "$clause") &&
		ok || bad "--top with --window=$w is not --top with -Y '$clause'"
done
"$bin" -r "$f" --window=5-2 >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q '^syshark: --window=5-2: ' "$tmp/e" && ok ||
	bad "a window that ends before it starts: $(cat "$tmp/e")"
"$bin" --window=1-2 -p >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && [ "$(cat "$tmp/e")" = "syshark: --window needs -r FILE" ] && ok || bad "--window live: $(cat "$tmp/e")"
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Filter features sysdig 0.29.3 cannot check for us: operators it lacks
# (bcontains, intersects), Wireshark spellings, quoting, trailing filter
# words, and the error messages, each with its column and exit status 2.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
f=$corpus/files.scap
[ -r "$f" ] || { echo "FAIL: $f is missing"; exit 1; }

# same_events A B: filters A and B select the same, non-empty set of events
same_events() {
	local a b
	a=$("$bin" -r "$f" -T fields -e evt.num -Y "$1")
	b=$("$bin" -r "$f" -T fields -e evt.num -Y "$2")
	if [ -n "$a" ] && [ "$a" = "$b" ]; then ok; else bad "$(basename "$f"): [$1] and [$2] differ"; fi
}
# hexof TEXT: the bytes of TEXT in hex, as bcontains takes them
hexof() { printf %s "$1" | od -An -v -tx1 | tr -d ' \n'; }

# the files scenario: its paths, and the first line it writes to notes.txt
same_events "fd.name bcontains $(hexof /etc/)" 'fd.name contains /etc/'
same_events "fd.name bcontains $(hexof docs/notes.txt)" 'fd.name contains docs/notes.txt'
same_events "evt.arg.data bcontains $(hexof 'first line of notes')" "evt.arg.data contains 'first line of notes'"
same_events "evt.arg.data bcontains $(hexof 'first line of notes' | tr a-f A-F)" "evt.arg.data contains 'first line of notes'"
same_events 'evt.type intersects (open, close)' 'evt.type in (open, close)'
same_events 'evt.type intersects (mkdir, mkdirat, rmdir)' 'evt.type = mkdir or evt.type = mkdirat or evt.type = rmdir'
same_events 'evt.type == open && !(fd.name contains notes) || proc.name == syshark' \
	'evt.type = open and not (fd.name contains notes) or proc.name = syshark'
same_events 'proc.name = "scenario" and fd.name startswith '"'"'/tmp/syshark-corpus/files/docs'"'"'' \
	'proc.name = scenario and fd.name startswith /tmp/syshark-corpus/files/docs'
# three event numbers from the middle of the capture, one of them in hex
mid=$(($("$bin" -r "$f" -T fields -e evt.num | wc -l) / 2))
read -r n1 n2 n3 <<<"$("$bin" -r "$f" -T fields -e evt.num | sed -n "${mid}p;$((mid + 1))p;$((mid + 10))p" | tr '\n' ' ')"
same_events "evt.num in ($n1, $(printf 0x%x "$n2"), $n3)" "evt.num = $n1 or evt.num = $n2 or evt.num = $n3"
[ "$("$bin" -r "$f" -T fields -e evt.num -Y "evt.num in ($n1, $(printf 0x%x "$n2"), $n3)" | wc -l)" = 3 ] && ok ||
	bad "evt.num in ($n1, $(printf 0x%x "$n2"), $n3) does not select three events"
same_events 'evt.is_io = 1' 'evt.is_io = true'
same_events 'evt.failed = 1' 'evt.failed = true'
a=$("$bin" -r "$f" -T fields -e evt.num evt.type = open)
b=$("$bin" -r "$f" -T fields -e evt.num -Y 'evt.type = open')
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "trailing filter words differ from -Y"

# the shell session: its processes
f=$corpus/shell.scap.gz
same_events "fd.name bcontains $(hexof greeting.txt)" 'fd.name contains greeting.txt'
same_events 'proc.name intersects (cat, tr)' 'proc.name in (cat, tr)'
same_events 'evt.type == openat && !(fd.name contains lib) || proc.name == wc' \
	'evt.type = openat and not (fd.name contains lib) or proc.name = wc'
same_events 'proc.name = "cat" and fd.name startswith '"'"'/tmp'"'"'' 'proc.name = cat and fd.name startswith /tmp'
a=$("$bin" -r "$f" -T fields -e evt.num proc.name = cat and evt.dir = '<')
b=$("$bin" -r "$f" -T fields -e evt.num -Y 'proc.name = cat and evt.dir = <')
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "trailing filter words differ from -Y"
f=$corpus/files.scap

# expect_error FILTER MESSAGE: one line on stderr, exit status 2
expect_error() {
	local out rc
	out=$("$bin" -r "$f" -Y "$1" 2>&1 >/dev/null)
	rc=$?
	if [ "$rc" -eq 2 ] && [ "$out" = "syshark: filter column $2" ]; then
		ok
	else
		bad "[${1:0:80}]: exit $rc, got '$out', want 'syshark: filter column $2'"
	fi
}
expect_error 'proc.nme = cat' "1: unknown field 'proc.nme'"
expect_error 'proc.name cat' "11: expected an operator after 'proc.name'"
expect_error '(proc.name = cat' "1: unbalanced parenthesis: this '(' is never closed"
expect_error 'proc.name = cat)' "16: unbalanced parenthesis: ')' without '('"
expect_error 'proc.pid = abc' "12: 'abc' is not a number"
expect_error 'evt.failed = maybe' "14: 'maybe' is not true or false"
expect_error 'proc.pid contains 3' "10: this operator does not apply to the number field proc.pid"
expect_error 'proc.name = cat and' "20: expected a field at the end"
expect_error 'proc.name = cat and = 4' "21: expected a field, found '='"
expect_error 'proc.name = ' "13: expected a value at the end"
expect_error "proc.name = 'cat" "13: unterminated quoted value"
expect_error 'evt.arg = 3' "8: 'evt.arg' needs an argument, as in evt.arg.fd or [0]"
expect_error 'proc.aname[x] = bash' "12: 'proc.aname[...]' needs a number in brackets"
expect_error 'fd.name bcontains 2f6' "19: bcontains needs hex bytes, as in 2f746d70, not '2f6'"
expect_error 'proc.name in (cat, bash' "24: expected ',' or ')' in the list of values"
expect_error 'proc.name in cat' "14: expected '(' and a list of values"
expect_error 'proc.name = cat xyz' "17: expected 'and', 'or' or the end, found 'xyz'"
expect_error '' "1: the filter is empty"
expect_error "$(printf '(%.0s' {1..30000})evt.num = 1$(printf ')%.0s' {1..30000})" \
	"257: nesting deeper than 256"
expect_error "$(printf 'not %.0s' {1..300})evt.num = 1" "1025: nesting deeper than 256"

# 50000 checks joined by or, as trailing words (one argument could not hold them)
n=$("$bin" -r "$f" -T fields -e evt.num | wc -l)
mapfile -t words < <(for ((i = 1; i <= 50000; i++)); do
	echo "evt.num=$((i % n + 1))"
	echo or
done)
a=$("$bin" -r "$f" -T fields -e evt.num "${words[@]}" evt.num=0)
b=$("$bin" -r "$f" -T fields -e evt.num)
[ -n "$a" ] && [ "$a" = "$b" ] && ok || bad "50000 checks joined by or do not select every event"

# contains finds what bcontains finds, for a long needle too; a 60 KB one finds nothing
long=$("$bin" -r "$f" -T fields -e fd.name -Y 'fd.name exists' | awk '{ print length, $0 }' |
	sort -rn | head -1 | cut -d' ' -f2-)
same_events "fd.name contains '$long'" "fd.name bcontains $(hexof "$long")"
mid=${long:1:${#long}-2}
same_events "fd.name contains '$mid'" "fd.name bcontains $(hexof "$mid")"
huge=$(head -c 60000 /dev/zero | tr '\0' x)
for op in contains icontains; do
	out=$("$bin" -r "$f" -T fields -e evt.num -Y "fd.name $op $huge" 2>&1)
	[ $? -eq 0 ] && [ -z "$out" ] && ok || bad "fd.name $op with a 60 KB needle: '${out:0:80}'"
done

# An exit whose enter a filter rejects is not paired with it, and, as in
# current Falco libraries, takes the fd it carries itself: a filter on an
# exit's fd fields selects the exits the unfiltered events say it should
for check in 'files.scap:evt.buflen > 10' 'shell.scap.gz:evt.buflen > 10' \
	'files.scap:evt.type = read and fd.type = file' 'net.scap.gz:fd.l4proto = tcp'; do
	c=${check%%:*} flt=${check#*:}
	"$bin" -r "$corpus/$c" -T fields -e evt.num -Y "($flt) and evt.dir = <" >"$tmp/a"
	"$bin" -r "$corpus/$c" -T fields -e evt.num -Y "($flt) or evt.dir = >" >"$tmp/paired"
	"$bin" -r "$corpus/$c" -T fields -e evt.num -e evt.dir |
		awk -F'\t' 'NR == FNR { chosen[$1] = 1; next }
			$2 == "<" && ($1 in chosen) { print $1 }' "$tmp/paired" - >"$tmp/b"
	if [ -s "$tmp/a" ] && cmp -s "$tmp/a" "$tmp/b"; then ok; else
		bad "$c: [$flt] selects other exits than with their enters let through"
	fi
done
finish

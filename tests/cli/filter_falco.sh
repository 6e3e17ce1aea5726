#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The filter language of current Falco libraries, which sysdig 0.29.3
# lacks: regex, iglob and bstartswith; the anyof, oneof and allof
# modifiers; empty lists; the transformers tolower(), toupper(), b64(),
# basename(), len() and concat(); val() comparing two fields; Falco's
# escapes in quoted values. Each filter's events are checked against what
# awk, grep or base64 make of the fields syshark prints, and each mistake
# against its one-line error, with its column and exit status 2.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"

# fields FILE FIELD...: evt.num and the fields of every event, tab-separated
fields() {
	local file=$1 args=() f
	shift
	for f in "$@"; do args+=(-e "$f"); done
	"$bin" -r "$file" -T fields -e evt.num "${args[@]}"
}
# selects FILE FILTER AWK WHAT: FILTER selects the events (a non-empty set)
# for which AWK, a condition on fields $2, $3... of $fields, is true
selects() {
	local want got
	want=$(awk -F'\t' "$3 { print \$1 }" "$tmp/fields")
	got=$("$bin" -r "$1" -T fields -e evt.num -Y "$2" 2>&1)
	if [ -n "$want" ] && [ "$want" = "$got" ]; then
		ok
	else
		bad "$4: [$2] selects $(wc -l <<<"$got") events, not the $(wc -l <<<"$want") of [$3]"
	fi
}
# same_events FILE A B: filters A and B select the same, non-empty set of events
same_events() {
	local a b
	a=$("$bin" -r "$1" -T fields -e evt.num -Y "$2" 2>&1)
	b=$("$bin" -r "$1" -T fields -e evt.num -Y "$3" 2>&1)
	if [ -n "$a" ] && [ "$a" = "$b" ]; then ok; else bad "[$2] and [$3] differ"; fi
}
hexof() { printf %s "$1" | od -An -v -tx1 | tr -d ' \n'; }

f=$corpus/files.scap
[ -r "$f" ] || { echo "FAIL: $f is missing"; exit 1; }
fields "$f" proc.name fd.name proc.pid thread.tid proc.ppid >"$tmp/fields"

# regex: the whole value matches, as grep -x does
selects "$f" 'fd.name regex "/etc/[a-z.]+"' '$3 ~ /^\/etc\/[a-z.]+$/' "regex"
selects "$f" 'fd.name regex ".*notes\\.txt"' '$3 ~ /^.*notes\.txt$/' "regex with an escaped dot"
selects "$f" 'proc.name regex "sc.*o|x"' '$2 ~ /^(sc.*o|x)$/' "regex with an alternative"
[ -z "$("$bin" -r "$f" -T fields -e evt.num -Y 'proc.name regex "sc.*i"')" ] && ok ||
	bad "regex matches part of a value"
selects "$f" 'fd.name regex "/etc/ld\\.so\\.\\w+"' '$3 ~ /^\/etc\/ld\.so\.[A-Za-z0-9_]+$/' \
	"regex with \\w"
selects "$f" 'fd.name regex /etc/ld\.so\.\w+' '$3 ~ /^\/etc\/ld\.so\.[A-Za-z0-9_]+$/' \
	"regex in a bare value"
selects "$f" 'proc.name regex "(?i)SCENARIO"' 'tolower($2) == "scenario"' "regex with (?i)"
selects "$f" 'proc.name regex "(s(c){1}){1,1000}[a-z]{6}"' '$2 == "scenario"' \
	"regex with counted repetitions up to RE2's limit"
# iglob, bstartswith
selects "$f" 'fd.name iglob "/ETC/*.CACHE"' 'toupper($3) ~ /^\/ETC\/.*\.CACHE$/' "iglob"
selects "$f" "fd.name bstartswith $(hexof /etc/)" 'index($3, "/etc/") == 1' "bstartswith"
# modifiers
selects "$f" 'fd.name startswith anyof (/etc/, /usr/)' \
	'index($3, "/etc/") == 1 || index($3, "/usr/") == 1' "startswith anyof"
selects "$f" 'fd.name contains oneof (notes, docs)' \
	'(index($3, "notes") > 0) + (index($3, "docs") > 0) == 1' \
	"contains oneof"
selects "$f" 'fd.name contains allof (etc, ld.so)' 'index($3, "etc") && index($3, "ld.so")' \
	"contains allof"
selects "$f" 'proc.name = anyof (scenario, cat)' '$2 == "scenario" || $2 == "cat"' "= anyof"
selects "$f" 'proc.name != allof (scenario, cat)' '$2 != "scenario" && $2 != "cat"' "!= allof"
# an empty list holds nothing
selects "$f" 'not proc.name in ()' '1' "an empty list"
selects "$f" 'proc.name in () or proc.name = scenario' '$2 == "scenario"' "an empty list"
# transformers
selects "$f" 'toupper(proc.name) = SCENARIO' 'toupper($2) == "SCENARIO"' "toupper()"
selects "$f" 'tolower(toupper(proc.name)) = scenario' '$2 == "scenario"' "tolower(toupper())"
selects "$f" 'basename(fd.name) = notes.txt' '$3 ~ /(^|\/)notes\.txt$/' "basename()"
selects "$f" 'len(fd.name) > 30' 'length($3) > 30 && $3 != "<NA>"' "len()"
selects "$f" 'len(basename(fd.name)) < 5' \
	'$3 != "<NA>" && length(substr($3, match($3, /[^\/]*$/))) < 5' "len(basename())"
pid=$(awk -F'\t' '$2 == "scenario" { print $4; exit }' "$tmp/fields")
selects "$f" "concat(proc.name, \"-\", proc.pid) = scenario-$pid" \
	"\$2 \"-\" \$4 == \"scenario-$pid\"" \
	"concat()"
# b64: "scenario" is base64; its bytes are what base64 -d makes of it
want=$(printf scenario | base64 -d 2>/dev/null | od -An -v -tx1 | tr -d ' \n')
selects "$f" "b64(proc.name) bstartswith $want" '$2 == "scenario"' "b64()"
selects "$f" "len(b64(proc.name)) = $(printf scenario | base64 -d 2>/dev/null | wc -c)" \
	'$2 == "scenario"' "len(b64())"
# a value that is not base64 (a '.' in it) has none
selects "$f" 'b64(fd.name) exists' \
	'$3 != "<NA>" && $3 ~ /^[A-Za-z0-9+\/]*=*$/ && length($3) % 4 != 1' \
	"b64() of text that is not base64"
selects "$f" 'toupper(proc.name) = toupper(proc.name)' '1' "a transformer on both sides"
# Falco's escapes
same_events "$f" 'proc.name = "scen\x61rio"' 'proc.name = scenario'
same_events "$f" "proc.name = 'scen\\x61ri\\x6f'" 'proc.name = scenario'
same_events "$f" 'fd.name startswith "\/etc\/"' 'fd.name startswith /etc/'

# val(): one field against another, on the processes and their threads
f=$corpus/procs.scap.gz
fields "$f" proc.pid thread.tid proc.ppid proc.name proc.pname >"$tmp/fields"
selects "$f" 'proc.pid = val(thread.tid)' '$2 == $3 && $2 != "<NA>"' "val()"
selects "$f" 'proc.pid != val(thread.tid)' '$2 != $3 && $2 != "<NA>" && $3 != "<NA>"' \
	"val() with !="
selects "$f" 'thread.tid > val(proc.pid)' '$3 + 0 > $2 + 0 && $2 != "<NA>"' "val() with >"
selects "$f" 'proc.name = val(proc.pname)' '$5 == $6 && $5 != "<NA>"' "val() of text"

# the shell session: tr's output in upper case, found in lower case
f=$corpus/shell.scap.gz
"$bin" -r "$f" -T fields -e evt.num -e evt.arg.data -Y 'evt.type = write' >"$tmp/fields"
selects "$f" 'evt.type = write and tolower(evt.arg.data) contains "hello from the corpus"' \
	'tolower($2) ~ /hello from the corpus/' "tolower() of the data written"
selects "$f" 'evt.type = write and evt.arg.data icontains "hello from the corpus"' \
	'tolower($2) ~ /hello from the corpus/' "icontains"

# mistakes: one line each, with the column, and exit status 2
f=$corpus/files.scap
err "syshark: filter column 15: '[a-' is not a regular expression: Invalid range end" \
	-r "$f" -Y 'fd.name regex "[a-"'
# what RE2 refuses, and glibc would build with memory that grows as a power
for re in 'a++' 'a*{2}' 'a{1001}' 'a{,1001}' '((a{10}){10}){11}'; do
	err "syshark: filter column 17: '$re' is not a regular expression: bad repetition operator" \
		-r "$f" -Y "proc.name regex \"$re\""
done
deep=$(printf '(%.0s' $(seq 1001))
err "syshark: filter column 17: '${deep:0:60}...' is not a regular expression:\
 expression nests too deeply" -r "$f" -Y "proc.name regex \"$deep\""
err "syshark: filter column 10: this operator does not apply to the number field proc.pid" \
	-r "$f" -Y 'proc.pid regex 1'
err "syshark: filter column 5: len() works on text, and this is a number" \
	-r "$f" -Y 'len(proc.pid) = 3'
err "syshark: filter column 16: this operator does not apply to the number of len()" \
	-r "$f" -Y 'len(proc.name) contains 3'
err "syshark: filter column 18: expected ')': tolower() takes one field" \
	-r "$f" -Y 'tolower(proc.name, proc.exe) = x'
err "syshark: filter column 1: concat() needs two arguments or more" \
	-r "$f" -Y 'concat(proc.name) = x'
err "syshark: filter column 1: concat() needs a field among its arguments" \
	-r "$f" -Y 'concat("a", "b") = ab'
err "syshark: filter column 9: unknown field 'proc.nme'" \
	-r "$f" -Y 'tolower(proc.nme) = x'
xfs='(tolower, toupper, b64, basename, len, concat)'
err "syshark: filter column 1: unknown transformer 'upper()' $xfs" \
	-r "$f" -Y 'upper(proc.name) = X'
err "syshark: filter column 17: unknown transformer 'upper()' $xfs" \
	-r "$f" -Y 'proc.name = val(upper(proc.name))'
err "syshark: filter column 12: cannot compare a number with text" \
	-r "$f" -Y 'proc.pid = val(proc.name)'
err "syshark: filter column 26: expected ')' after the field of val()" \
	-r "$f" -Y 'proc.name = val(proc.name'
err "syshark: filter column 19: this operator takes a value, not a field" \
	-r "$f" -Y 'fd.name bcontains val(proc.name)'
escapes='(the escapes: \\ \" \n \t \r \b \f \/ \xHH)'
err "syshark: filter column 15: unsupported escape \\q $escapes" \
	-r "$f" -Y 'proc.name = "a\q"'
err "syshark: filter column 15: \\\" in a value quoted with ': write \" alone" \
	-r "$f" -Y "proc.name = 'a\\\"'"
err "syshark: filter column 15: \\x needs two hex digits, as in \\x41" \
	-r "$f" -Y 'proc.name = "a\x4"'
err "syshark: filter column 28: expected '(' and a list of values" \
	-r "$f" -Y 'proc.name startswith oneof cat'
err "syshark: filter column 12: 'anyof' is not a number" \
	-r "$f" -Y 'proc.pid > anyof (1, 2)'
ipnet='is not an IP address or network (ADDR/BITS)'
err "syshark: filter column 10: '10.0.0.0/33' $ipnet" -r "$f" -Y 'fd.net = 10.0.0.0/33'
err "syshark: filter column 9: '300.1.1.1' $ipnet" -r "$f" -Y 'fd.ip = 300.1.1.1'
err "syshark: filter column 24: 'foo' $ipnet" -r "$f" -Y 'fd.net in (10.0.0.0/8, foo)'
err "syshark: filter column 10: '::1/129' $ipnet" -r "$f" -Y 'fd.sip = ::1/129'
err "syshark: filter column 10: '127.0.0.1/' $ipnet" -r "$f" -Y 'fd.sip = 127.0.0.1/'
finish

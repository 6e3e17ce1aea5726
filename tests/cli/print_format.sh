#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# -p FORMAT on the command line: the spellings of a format (-p FORMAT,
# -pFORMAT, --print=FORMAT) print the same; -p alone, or followed by a
# filter or by options, keeps meaning print mode; a bad format is one line
# naming its column, status 2. With the extra captures, -n counts the events
# the filter chooses, those a format leaves out too, as sysdig's -n does.
#
# usage: print_format.sh BIN CORPUS [EXTRA]
. "$(dirname "$0")/check.sh"
f=$corpus/files.scap

# same NAME ARGS...: syshark ARGS prints what syshark -r f $want prints, not nothing
same() {
	local name=$1
	shift
	TZ=UTC "$bin" -r "$f" "$@" >"$tmp/got" 2>&1
	if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then ok; else
		bad "$name: $* prints $(wc -l <"$tmp/got") lines, not the $(wc -l <"$tmp/want") wanted"
	fi
}

# the spellings of one format
TZ=UTC "$bin" -r "$f" -p '%evt.num %proc.name %fd.name' >"$tmp/want"
same attached -p'%evt.num %proc.name %fd.name'
same long --print='%evt.num %proc.name %fd.name'
same long-word --print '%evt.num %proc.name %fd.name'
TZ=UTC "$bin" -r "$f" -p '*%evt.num %fd.name' -Y 'evt.type=close' >"$tmp/want"
same star-filter -p'*%evt.num %fd.name' evt.type=close
same star-after-A -Ap '*%evt.num %fd.name' evt.type=close
# each event's line has all its fields, or there is none
"$bin" -r "$f" -p '*%evt.num %fd.name' | grep -q '<NA>' &&
	! "$bin" -r "$f" -p '%evt.num %fd.name' | grep -q '<NA>' && ok ||
	bad "a format without '*' prints <NA>, or with '*' never does"

# -p alone: print mode, with the filter or options after it
TZ=UTC "$bin" -r "$f" -T text >"$tmp/want"
same print-alone -p
TZ=UTC "$bin" -r "$f" -Y 'proc.name=scenario and evt.type=openat' >"$tmp/want"
same print-filter -p proc.name=scenario and evt.type=openat
same print-filter-Y -p -Y 'proc.name=scenario and evt.type=openat'
TZ=UTC "$bin" -r "$f" -n 3 >"$tmp/want"
same print-count -p -n 3
same print-grouped -pn 3
same print-grouped-arg -pn3

# bad formats: one line naming the column, status 2, nothing printed
err "syshark: format column 2: unknown field 'nosuch.field'" -r "$f" -p '%nosuch.field'
err "syshark: format column 14: unknown field 'nosuch'" -r "$f" -p '*%evt.num - %nosuch'
err "syshark: format column 9: a field name must follow '%'" -r "$f" -p '%evt.num%'
err "syshark: format column 9: a field name must follow the width" -r "$f" -p '%evt.num%12'
err "syshark: format column 4: expected a field, found ':'" -r "$f" -p '%10:proc.name'
err "syshark: format column 2: expected a field, found '%'" -r "$f" -p '%%evt.num'
err "syshark: format column 2: a field's width is at most 65536" -r "$f" -p '%65537proc.name'
err "syshark: format column 9: 'evt.arg' needs an argument name after the dot" \
	-r "$f" -p '%evt.arg.'
err "syshark: format column 10: the format ends with a lone backslash" -r "$f" -p '%evt.num \'
err "syshark: format column 1: the format is empty" -r "$f" --print=
err "syshark: -p FORMAT does not go with -T" -r "$f" -p '%evt.num' -T json
err "syshark: -p FORMAT does not go with -w" -r "$f" -p '%evt.num' -w "$tmp/o.scap"
err "syshark: -p FORMAT does not go with --top" -r "$f" -p '%evt.num' --top
[ ! -e "$tmp/o.scap" ] && ok || bad "-p FORMAT -w wrote $tmp/o.scap"

# -n counts what the filter chooses, as sysdig's -n (on captures sysdig knows in full)
flt='evt.dir=< and evt.type!=<unknown>'
for x in $(extra_captures); do
	TZ=UTC sysdig -r "$x" -n 20 -p '%evt.num %fd.name' "$flt" >"$tmp/a" 2>&1
	TZ=UTC "$bin" -r "$x" -n 20 -p '%evt.num %fd.name' "$flt" >"$tmp/b" 2>&1
	cmp -s "$tmp/a" "$tmp/b" && ok || bad "-n 40 on $x: $(diff "$tmp/a" "$tmp/b" | head -3)"
done
finish

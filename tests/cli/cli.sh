#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Command-line behaviour: errors are one line with the right exit status;
# on every capture (the recorded corpus, and the extra set when it is
# there), --stats agrees with the printed events and with the blocks walked
# from their headers, and the formats are well formed and agree.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"

"$bin" -r /nonexistent.scap >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q '/nonexistent.scap: No such file' "$tmp/e" && ok || bad "missing file: $(cat "$tmp/e")"

echo "not a capture at all" >"$tmp/text.scap"
"$bin" -r "$tmp/text.scap" >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] && grep -q 'no section header block at offset 0' "$tmp/e" && ok || bad "text file: $(cat "$tmp/e")"

: >"$tmp/empty.scap"
"$bin" -r "$tmp/empty.scap" >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] && grep -q 'empty file' "$tmp/e" && ok || bad "empty file: $(cat "$tmp/e")"

"$bin" -r "$tmp/text.scap" -T xml >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && grep -q 'unknown format' "$tmp/e" && ok || bad "bad -T: $(cat "$tmp/e")"

"$bin" -r "$tmp/text.scap" -T fields -e no.such >"$tmp/o" 2>"$tmp/e"
[ $? -eq 2 ] && grep -q "unknown field 'no.such'" "$tmp/e" && ok || bad "bad field: $(cat "$tmp/e")"

"$bin" -L >"$tmp/o" && grep -qx '< open(FD fd, FSPATH name, FLAGS32 flags, UINT32 mode, UINT32 dev, UINT64 ino)' "$tmp/o" && ok || bad "-L"
"$bin" -l | grep -q '^fd.name ' && ok || bad "-l"

# evt.category is an event's class without the bits that say where it comes
# from: newfstatat, which sysdig 0.29.3 lacks, is a file call, as Falco says
cats=$("$bin" -r "$corpus/files.scap" -Y 'evt.type = newfstatat' -T fields -e evt.category | sort -u)
[ "$cats" = file ] && ok || bad "newfstatat's evt.category is '$cats', not file"

# Unknown blocks, packet blocks, unknown event types: skipped and counted.
seeds=$(dirname "$0")/../fuzz/corpus
"$bin" -r "$seeds/odd_blocks.scap" --stats >"$tmp/s"
for want in "events: 5" "hidden events: 1" "unknown event types: 1" "blocks packet: 2" "blocks unknown: 1"; do
	grep -qx "$want" "$tmp/s" && ok || bad "odd_blocks --stats lacks '$want'"
done

# A temporary directory too small for the inflated capture: the events that
# fit are printed, then one line says why the rest is missing. The gzip
# capture of the corpus that inflates to the most bytes, past the 64k.
gz='' size=0
for c in "$corpus"/*.scap.gz; do
	n=$(zcat "$c" | wc -c)
	[ "$n" -gt "$size" ] && gz=$c size=$n
done
[ "$size" -gt 65536 ] && ok || bad "no gzip capture in $corpus inflates past 64k ($size bytes)"
if [ -n "$gz" ] && mkdir -p "$tmp/small" && mount -t tmpfs -o size=64k tmpfs "$tmp/small" 2>/dev/null; then
	TMPDIR=$tmp/small "$bin" -r "$gz" >"$tmp/o" 2>"$tmp/e"
	rc=$?
	umount "$tmp/small"
	[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q 'set TMPDIR to a larger file system' "$tmp/e" && ok ||
		bad "small TMPDIR: exit $rc: $(cat "$tmp/e")"
	# what was printed is a start of the whole output, in whole lines
	n=$(wc -l <"$tmp/o")
	[ "$n" -gt 0 ] && "$bin" -r "$gz" | head -n "$n" | cmp -s - "$tmp/o" && ok ||
		bad "small TMPDIR: the $n lines printed are not the start of the output"
else
	echo "SKIP: cannot mount a small tmpfs (needs root); full-TMPDIR check not run"
fi
printf 'x' | gzip >"$tmp/bad.scap.gz" && head -c 10 "$tmp/bad.scap.gz" >"$tmp/cut.gz"
"$bin" -r "$tmp/cut.gz" >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] && grep -q 'the gzip stream is cut at byte 10, after 0 inflated bytes' "$tmp/e" &&
	! grep -q '<fd:' "$tmp/e" && ok || bad "cut gzip: $(cat "$tmp/e")"

# On every capture (and the seed with odd blocks): --stats agrees with the
# events printed, with the notifications of dropped events, and with the
# blocks walked from their headers; -T fields and -T json agree with the
# text lines. (A line of text that does not start with an event number
# continues the event before: a container's JSON ends with a newline.)
has_jq=$(command -v jq >/dev/null 2>&1 && echo 1 || echo 0)
[ "$has_jq" = 1 ] || echo "note: jq is not installed; the JSON lines are not parsed"
ncap=0
while read -r f; do
	name=$(basename "$f")
	ncap=$((ncap + 1))
	"$bin" -r "$f" --stats >"$tmp/s" || bad "$name: --stats fails"
	st() { awk -v k="$1" 'index($0, k ": ") == 1 { print substr($0, length(k) + 3) }' "$tmp/s"; }
	all=$("$bin" -p -A -r "$f" | grep -cE '^[0-9]+ ')
	shown=$("$bin" -p -r "$f" | grep -cE '^[0-9]+ ')
	[ "$(st events)" = "$all" ] && ok || bad "$name: --stats says $(st events) events, -A prints $all"
	[ "$(st 'hidden events')" = $((all - shown)) ] && ok ||
		bad "$name: --stats says $(st 'hidden events') hidden events, print mode hides $((all - shown))"
	# the drops the capture's notifications record (desc starts with the count)
	"$bin" -r "$f" -A -T fields -e evt.arg.desc \
		-Y "evt.type = notification and evt.arg.id = syshark.dropped" >"$tmp/notes"
	drops=$(awk '{ n += $1 } END { print n + 0 }' "$tmp/notes")
	[ "$(st dropped)" = "$drops" ] && ok || bad "$name: --stats says $(st dropped) dropped, the notifications $drops"
	# syshark -w ends each section it records with that notification
	if [ "$(dirname "$f")" = "$corpus" ]; then
		[ "$(wc -l <"$tmp/notes")" = "$(st sections)" ] && ok ||
			bad "$name: $(wc -l <"$tmp/notes") notifications of drops in $(st sections) sections"
	fi
	# the blocks, by kind
	blocks "$f" >"$tmp/blocks" || bad "$name: its blocks do not walk"
	for k in "section header" "machine info" "process list" "fd list" "interface list" "user list" \
		event packet "process extras" unknown; do
		want=$(awk -F'\t' -v k="$k" '$2 == k { n++ } END { print n + 0 }' "$tmp/blocks")
		got=$(st "blocks $k")
		[ "$got" = "$want" ] || { [ -z "$got" ] && [ "$want" = 0 ]; } && ok ||
			bad "$name: --stats says '${got:-nothing}' blocks $k, its headers $want"
	done
	[ "$(st sections)" = "$(grep -c '	section header	' "$tmp/blocks")" ] && ok || bad "$name: --stats sections"
	[ "$(st "blocks event")" = $(($(st events) + $(st 'user/group records') + $(st 'unknown event types'))) ] &&
		ok || bad "$name: the event blocks are not the events, user/group records and unknown types"
	[ "$(st bytes)" = "$(zcat -f "$f" | wc -c)" ] && ok || bad "$name: --stats bytes is not the inflated size"
	# -T fields agrees with the text line for the same events
	"$bin" -r "$f" -T fields -e evt.num -e evt.type >"$tmp/fields"
	"$bin" -p -r "$f" | grep -E '^[0-9]+ ' | awk '{print $1 "\t" $7}' >"$tmp/text"
	[ "$(wc -l <"$tmp/fields")" = "$shown" ] && cmp -s "$tmp/fields" "$tmp/text" && ok || bad "$name: fields vs text"
	# -T json: one object per event, each with its number, in the same order
	"$bin" -r "$f" -T json >"$tmp/json"
	grep -c '^{"evt.num":' "$tmp/json" | grep -qx "$shown" && ok || bad "$name: json line count"
	if [ "$has_jq" = 1 ]; then
		jq -r '.["evt.num"]' "$tmp/json" >"$tmp/jnums" && cut -f1 "$tmp/fields" | cmp -s - "$tmp/jnums" && ok ||
			bad "$name: json: a line does not parse or its evt.num is not the event's"
	fi
done < <(captures; echo "$(dirname "$0")/../fuzz/corpus/odd_blocks.scap")
[ "$ncap" -ge 7 ] && ok || bad "only $ncap captures checked"

# -T fields: one line per event, though sh's command line in the shell
# session (sh -c SCRIPT) holds newlines, which JSON escapes
f=$corpus/shell.scap.gz
"$bin" -r "$f" -T json -Y 'proc.name = sh' | grep -q '"proc.cmdline":"sh -c \\u000a' && ok ||
	bad "sh's command line holds no newline: the check below proves nothing"
n=$("$bin" -r "$f" -T fields -e evt.num -Y 'proc.name = sh' | wc -l)
got=$("$bin" -r "$f" -T fields -e evt.num -e proc.cmdline -Y 'proc.name = sh' | wc -l)
[ "$got" = "$n" ] && ok || bad "-T fields -e evt.num -e proc.cmdline prints $got lines for $n events of sh"

# Writing: errors, -w onto the capture being read, -n. On the files
# scenario, plain, and the shell session, gzip.
for f in "$corpus/files.scap" "$corpus/shell.scap.gz"; do
	name=$(basename "$f")
	"$bin" -r "$f" >/dev/full 2>"$tmp/e"
	[ $? -eq 1 ] && grep -q 'error writing output' "$tmp/e" && ok || bad "$name: full disk: $(cat "$tmp/e")"
	cp "$f" "$tmp/same.$name"
	"$bin" -r "$tmp/same.$name" -w "$tmp/same.$name" 2>"$tmp/e"
	[ $? -eq 2 ] && grep -q 'that is the capture being read' "$tmp/e" && cmp -s "$f" "$tmp/same.$name" && ok ||
		bad "$name: -w over the input: $(cat "$tmp/e")"
	"$bin" -r "$f" -w /dev/full 2>"$tmp/e"
	[ $? -eq 1 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q '/dev/full: cannot write after' "$tmp/e" && ok ||
		bad "$name: export to a full disk: $(cat "$tmp/e")"
	"$bin" -r "$f" -w "$tmp/nodir/x.scap" 2>"$tmp/e"
	[ $? -eq 1 ] && grep -q 'No such file or directory' "$tmp/e" && ok ||
		bad "$name: export to a missing directory: $(cat "$tmp/e")"
	# -n 5 -w writes the first five events shown, which read back as printed
	"$bin" -r "$f" -n 5 -w "$tmp/five.scap" && [ "$("$bin" -r "$tmp/five.scap" | wc -l)" -eq 5 ] && ok ||
		bad "$name: -n 5 -w writes five events"
	"$bin" -r "$f" -n 5 -T fields -e evt.num -e evt.type -e evt.args >"$tmp/want"
	"$bin" -r "$tmp/five.scap" -T fields -e evt.type -e evt.args >"$tmp/got"
	cut -f2- "$tmp/want" | cmp -s - "$tmp/got" && ok || bad "$name: the five events written are not the first five"
	"$bin" -r "$f" -n 5 -p | wc -l | grep -qx 5 && ok || bad "$name: -n 5"
done
finish

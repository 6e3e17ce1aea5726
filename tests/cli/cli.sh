#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Command-line behaviour: errors are one line with the right exit status,
# --stats agrees with the printed events, the formats are well formed.
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

# Unknown blocks, packet blocks, unknown event types: skipped and counted.
seeds=$(dirname "$0")/../fuzz/corpus
"$bin" -r "$seeds/odd_blocks.scap" --stats >"$tmp/s"
for want in "events: 5" "hidden events: 1" "unknown event types: 1" "blocks packet: 2" "blocks unknown: 1"; do
	grep -qx "$want" "$tmp/s" && ok || bad "odd_blocks --stats lacks '$want'"
done

# A temporary directory too small for the inflated capture: the events that
# fit are printed, then one line says why the rest is missing.
gz=$corpus/cat_write.scap
if [ -r "$gz" ] && mkdir -p "$tmp/small" && mount -t tmpfs -o size=64k tmpfs "$tmp/small" 2>/dev/null; then
	TMPDIR=$tmp/small "$bin" -r "$gz" >"$tmp/o" 2>"$tmp/e"
	rc=$?
	umount "$tmp/small"
	[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q 'set TMPDIR to a larger file system' "$tmp/e" && ok ||
		bad "small TMPDIR: exit $rc: $(cat "$tmp/e")"
else
	echo "SKIP: cannot mount a small tmpfs (needs root); full-TMPDIR check not run"
fi
printf 'x' | gzip >"$tmp/bad.scap.gz" && head -c 10 "$tmp/bad.scap.gz" >"$tmp/cut.gz"
"$bin" -r "$tmp/cut.gz" >"$tmp/o" 2>"$tmp/e"
[ $? -eq 1 ] && grep -q 'gzip data is damaged or cut short near compressed offset' "$tmp/e" && ! grep -q '<fd:' "$tmp/e" && ok || bad "cut gzip: $(cat "$tmp/e")"

f=$corpus/sample.scap
if [ -r "$f" ]; then
	n=$("$bin" -p -A -r "$f" | wc -l)
	"$bin" -r "$f" --stats >"$tmp/s"
	grep -qx "events: $n" "$tmp/s" && ok || bad "--stats events ($n): $(cat "$tmp/s")"
	grep -qx "dropped: 0" "$tmp/s" && ok || bad "--stats dropped"
	grep -qx "blocks fd list: 94" "$tmp/s" && ok || bad "--stats fd list blocks"
	# -T fields agrees with the text line for the same events
	"$bin" -r "$f" -T fields -e evt.num -e evt.type >"$tmp/fields"
	"$bin" -p -r "$f" | awk '{print $1 "\t" $7}' >"$tmp/text"
	cmp -s "$tmp/fields" "$tmp/text" && ok || bad "fields vs text"
	"$bin" -r "$f" >/dev/full 2>"$tmp/e"
	[ $? -eq 1 ] && grep -q 'error writing output' "$tmp/e" && ok || bad "full disk: $(cat "$tmp/e")"
	cp "$f" "$tmp/same.scap"
	"$bin" -r "$tmp/same.scap" -w "$tmp/same.scap" 2>"$tmp/e"
	[ $? -eq 2 ] && grep -q 'that is the capture being read' "$tmp/e" && cmp -s "$f" "$tmp/same.scap" && ok ||
		bad "-w over the input: $(cat "$tmp/e")"
	"$bin" -r "$f" -w /dev/full 2>"$tmp/e"
	[ $? -eq 1 ] && [ "$(wc -l <"$tmp/e")" -eq 1 ] && grep -q '/dev/full: cannot write after' "$tmp/e" && ok ||
		bad "export to a full disk: $(cat "$tmp/e")"
	"$bin" -r "$f" -w "$tmp/nodir/x.scap" 2>"$tmp/e"
	[ $? -eq 1 ] && grep -q 'No such file or directory' "$tmp/e" && ok || bad "export to a missing directory: $(cat "$tmp/e")"
	"$bin" -r "$f" -n 5 -w "$tmp/five.scap" && [ "$("$bin" -r "$tmp/five.scap" | wc -l)" -eq 5 ] && ok ||
		bad "-n 5 -w writes five events"
	"$bin" -r "$f" -n 5 -p | wc -l | grep -qx 5 && ok || bad "-n 5"
	if command -v jq >/dev/null 2>&1; then
		"$bin" -r "$f" -T json | jq -e 'select(.["evt.num"] == null)' >/dev/null
		[ $? -eq 4 ] && ok || bad "json: every line parses and has evt.num"
	fi
	"$bin" -r "$f" -T json | grep -c '^{"evt.num":' | grep -qx "$("$bin" -p -r "$f" | wc -l)" && ok || bad "json line count"
else
	echo "SKIP: $f missing; corpus checks not run"
fi
finish

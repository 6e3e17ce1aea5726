#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Inputs that are not regular files: standard input (-r -) and a FIFO are
# read as streams, plain or gzip, and print what the file prints;
# /dev/zero is no capture, said at once; a network pcapng (a section, then
# an interface description block) gets a hint to open it with Wireshark,
# plain, gzip or piped.
. "$(dirname "$0")/../checks.sh"
bin=$1
corpus=$2
export TZ=UTC
gz=$corpus/shell.scap.gz
"$bin" -p -r "$gz" >"$tmp/want"

"$bin" -p -r - <"$gz" >"$tmp/out" 2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/out" && ok ||
	bad "a gzip capture on standard input: $(cat "$tmp/err")"
cat "$gz" | "$bin" -r - -p >"$tmp/out" 2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/out" && ok ||
	bad "cat x.scap.gz | syshark -r - -p: $(cat "$tmp/err")"
zcat "$gz" | "$bin" -r - -p -Y 'proc.name = cat' >"$tmp/out" 2>"$tmp/err" &&
	"$bin" -r "$gz" -Y 'proc.name = cat' | cmp -s - "$tmp/out" && ok ||
	bad "a plain capture piped, with a filter: $(cat "$tmp/err")"
mkfifo "$tmp/fifo"
zcat "$gz" >"$tmp/fifo" &
"$bin" -p -r "$tmp/fifo" >"$tmp/out" 2>"$tmp/err" && cmp -s "$tmp/want" "$tmp/out" && ok ||
	bad "a capture through a FIFO: $(cat "$tmp/err")"
wait

# /dev/zero: refused on its first bytes (the time limit only ends a test that would hang)
timeout 60 "$bin" -p -r /dev/zero >/dev/null 2>"$tmp/err"
rc=$?
msg='syshark: /dev/zero: not a scap capture: no section header block at offset 0'
[ "$rc" = 1 ] && grep -qx "$msg" "$tmp/err" && ok ||
	bad "/dev/zero: exit $rc, stderr: $(cat "$tmp/err")"
"$bin" -p -r - </dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -qx 'syshark: -: empty file: no section header block' "$tmp/err" && ok ||
	bad "empty standard input: $(cat "$tmp/err")"

# a pcapng of packets: section header block, then an Ethernet interface
{
	printf '\x0a\x0d\x0d\x0a\x1c\x00\x00\x00\x4d\x3c\x2b\x1a\x01\x00\x00\x00'
	printf '\xff\xff\xff\xff\xff\xff\xff\xff\x1c\x00\x00\x00'
	printf '\x01\x00\x00\x00\x14\x00\x00\x00\x01\x00\x00\x00\xff\xff\x00\x00\x14\x00\x00\x00'
} >"$tmp/net.pcapng"
gzip -c "$tmp/net.pcapng" >"$tmp/net.pcapng.gz"
hint='a packet capture, not a system call capture: open it with Wireshark'
for f in net.pcapng net.pcapng.gz; do
	"$bin" -p -r "$tmp/$f" >/dev/null 2>"$tmp/err"
	[ $? = 1 ] && grep -qx "syshark: $tmp/$f: $hint" "$tmp/err" && ok ||
		bad "$f: $(cat "$tmp/err")"
done
"$bin" -p -r - <"$tmp/net.pcapng" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -qx "syshark: -: $hint" "$tmp/err" && ok ||
	bad "a piped pcapng: $(cat "$tmp/err")"

# a gzip stream cut short on a pipe: no byte offset to give, but what it is
head -c 20000 "$gz" | "$bin" -p -r - >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q '^syshark: -: the gzip stream is cut short, after [0-9]* inflated bytes$' \
	"$tmp/err" && ok || bad "a cut gzip on a pipe: $(cat "$tmp/err")"
# what reads a capture more than once refuses a pipe in one line, before reading it
for opt in --window=0-1 --follow=5 --index --event=5; do
	want="syshark: -: a pipe is read once, and ${opt%%=*} reads a capture more than once:"
	"$bin" -p -r - "$opt" <"$gz" >"$tmp/out" 2>"$tmp/err"
	[ $? = 2 ] && [ ! -s "$tmp/out" ] && grep -qx "$want save it to a file first" "$tmp/err" &&
		ok || bad "$opt on a pipe: $(cat "$tmp/err")"
done
finish

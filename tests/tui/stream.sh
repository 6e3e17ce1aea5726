#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Follow stream on a capture file: F5 on an event opens the stream of its
# fd with the bytes it carried, t switches text, printable and hex, d the
# directions, w saves the data itself, Enter goes to a line's event, q
# closes; an event on no fd says so. The stream is the one print mode's
# --follow gives. Then both directions of a TCP exchange over IPv6.
. "$(dirname "$0")/lib.sh"
# the file scenario: notes.txt opened, written four times, closed
f=$corpus/files.scap
cd "$tmp" || exit 1

# an event on no fd: print mode refuses it too
nofd=$("$bin" -r "$f" -n 1 -Y 'evt.type = mkdir and evt.dir = >' -T fields -e evt.num)
"$bin" -r "$f" --follow="$nofd" 2>&1 >/dev/null | grep -q "event $nofd does not work on an fd" && ok ||
	bad "print mode follows event $nofd, a mkdir"
# the first write of the stream, and the stream as print mode follows it
num=$("$bin" -r "$f" -Y 'evt.type = write and evt.dir = <' -T fields -e evt.num -e evt.arg.data |
	awk -F'\t' '$2 ~ /^notes, truncated/ { print $1; exit }')
"$bin" -r "$f" --follow="$num" >"$tmp/follow.txt"
"$bin" -r "$f" --follow="$num",hex >"$tmp/follow.hex"
title=$(sed -n '1s/^=== //p' "$tmp/follow.txt")
read -r fd pid <<<"$(sed -n '1s/^=== fd \([0-9]*\) .* of pid \([0-9]*\) .*/\1 \2/p' "$tmp/follow.txt")"
read -r rd wr calls <<<"$(sed -n '2s/^=== read \([0-9]*\) bytes .*, written \([0-9]*\) .*, \([0-9]*\) calls$/\1 \2 \3/p' "$tmp/follow.txt")"
calls_at=$(sed -n 's/^--- #\([0-9]*\) .*/\1/p' "$tmp/follow.txt")
last=$(echo "$calls_at" | tail -n 1)
[ "$rd" = 0 ] && [ "$calls" -gt 2 ] && [ "$(sed -n '3p' "$tmp/follow.txt")" = "--- #$num write 35 bytes" ] && ok ||
	bad "print mode does not follow $calls writes and no reads from event $num: $(head -3 "$tmp/follow.txt")"

start 140 30 "$bin" -r "$f"
wait_for '^No\. ' "the list does not open"
keys : "$nofd" Enter F5
wait_for "no stream: event $nofd does not work on an fd" "F5 on an event on no fd does not say so"
keys : "$num" Enter F5
wait_for "^ Follow: $(re "$title") \\| text \\| both directions" "F5 does not open the stream of fd $fd"
wait_for "^ read 0 bytes, written $wr \\| $calls calls \\| line 1/$calls: event $num, write 35 bytes" \
	"the status line does not count the stream's $calls writes"
# the lines of text, each write's, as print mode gives them
want=$(grep -v '^=== \|^--- ' "$tmp/follow.txt" | sed 's/^/w /')
[ "$(screen | grep '^w ' | sed 's/ *$//')" = "$want" ] && ok ||
	bad "the stream does not show the writes print mode follows: $(screen | grep '^w ')"
# red for the writes
WAIT_ATTRS=1 wait_for $'\e\\[31m(\e\\[49m)?w notes, truncated' "the writes are not red"
keys t
wait_for '\| printable \| both directions' "t does not switch to printable text"
keys t
wait_for '\| hex \| both directions' "t does not switch to hex"
# the second write's first line: at the offset after the first's bytes
hex=$(awk '/^--- / { n++; next } n == 2 { print; exit }' "$tmp/follow.hex")
[ "${hex%% *}" = 00000023 ] && ok || bad "print mode's second write is not at offset 0x23: $hex"
wait_for "^w $(re "$hex")" "the hex dump of the second write is not print mode's: $hex"
keys t
wait_for '\| text \| both directions' "t does not come back to text"
keys d
wait_for '\| reads only' "d does not show the reads only"
wait_for '^  \(nothing read or written\)' "the reads only of a write-only stream are not empty"
keys d
wait_for '\| writes only' "d does not show the writes only"
keys d
wait_for '\| both directions' "d does not come back to both directions"
# w saves the data itself
keys w
wait_for "Save the stream to: stream-$pid-fd$fd\\.bin" "w does not offer a file name"
keys C-u "$tmp/out.bin" Enter
wait_for "saved $wr bytes \\(the data\\) to $tmp/out.bin" "w does not save the stream"
"$bin" -r "$f" --follow="$num",raw >"$tmp/raw.bin"
cmp -s "$tmp/out.bin" "$tmp/raw.bin" && ok || bad "the saved stream is '$(cat "$tmp/out.bin")'"
grep -q 'vector one;vector two' "$tmp/out.bin" && ok || bad "the saved stream lacks the writev's data"
# saving over a file asks first, as w in the list does: n keeps it, y writes over it
printf old >"$tmp/out.bin"
keys w C-u "$tmp/out.bin" Enter
wait_for "^$(re "$tmp/out.bin") exists: overwrite\? \(y/n\)" "saving over a file does not ask"
keys n
wait_for "^not saved: $(re "$tmp/out.bin") exists" "n does not keep the file"
[ "$(cat "$tmp/out.bin")" = old ] && ok || bad "n wrote over the file"
keys w C-u "$tmp/out.bin" Enter
wait_for "^$(re "$tmp/out.bin") exists: overwrite\? \(y/n\)" "saving over a file does not ask again"
keys y
wait_for "saved $wr bytes \(the data\) to $tmp/out.bin" "y does not save the stream over the file"
cmp -s "$tmp/out.bin" "$tmp/raw.bin" && ok || bad "y did not write the stream over the file"
# Enter: the line's event in the list
keys End Enter
wait_for "^ +Number: $last\$" "Enter does not show the last write's event"
wait_for "event $last" "Enter does not say which event"
keys F5
wait_for "^ Follow: $(re "$title") " "F5 from the last write does not open its stream"
wait_for "\\| $calls calls \\| line 1/$calls: event $num," "the last write's stream does not start at the first"
keys q
wait_for "^ +Number: $last\$" "q does not close the stream"
keys q
wait_exit
[ "$status" = 0 ] && ok || bad "syshark exited with $status"

# both directions of a TCP exchange over IPv6 (gzip): the client's write
# and the server's answer, read
f=$corpus/net.scap.gz
num=$("$bin" -r "$f" -Y 'evt.type = write and evt.dir = < and fd.type = ipv6' -T fields -e evt.num -e evt.arg.data |
	awk -F'\t' '$2 ~ /^tcp over ipv6/ { print $1; exit }')
"$bin" -r "$f" --follow="$num" >"$tmp/follow.txt"
title=$(sed -n '1s/^=== //p' "$tmp/follow.txt")
reply=$(sed -n 's/^--- #\([0-9]*\) read .*/\1/p' "$tmp/follow.txt" | head -n 1)
case $title in
"fd "*" (ipv6 ::1:"*"->::1:47002) of pid "*) ok ;;
*) bad "print mode does not follow the IPv6 connection to port 47002 from event $num: $title" ;;
esac
start 140 30 "$bin" -r "$f"
wait_for 'events [0-9]+ ' "the IPv6 capture does not open"
keys : "$num" Enter F5
wait_for "^ Follow: $(re "$title") \\| text \\| both directions" "F5 does not open the IPv6 stream"
wait_for "^ read 14 bytes, written 14 \\| 2 calls \\| line 1/2: event $num, write 14 bytes" \
	"the TCP stream does not count one write and one read"
screen | grep -a -A1 '^w tcp over ipv6 *$' | grep -aq '^r TCP OVER IPV6 *$' && ok ||
	bad "the TCP stream does not show the request then the reply"
WAIT_ATTRS=1 wait_for $'\e\\[31m(\e\\[49m)?w tcp over ipv6' "the write is not red"
WAIT_ATTRS=1 wait_for $'\e\\[34m(\e\\[49m)?r TCP OVER IPV6' "the read is not blue"
keys d
wait_for '\| reads only' "d does not show the reads only"
wait_for '^r TCP OVER IPV6' "the reads only lack the reply"
if screen | grep -q '^w '; then bad "the reads only show a write"; else ok; fi
keys d d
wait_for '\| both directions' "d does not come back to both directions"
keys Down Enter
wait_for "^ +Number: $reply\$" "Enter on the reply does not show its event, $reply"
keys q
wait_exit
[ "$status" = 0 ] && ok || bad "syshark exited with $status"
finish

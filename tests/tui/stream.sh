#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Follow stream on a capture file: F5 on an event opens the stream of its
# fd with the bytes it carried, t switches text, printable and hex, d the
# directions, w saves the data itself, Enter goes to a line's event, q
# closes; an event on no fd says so. Then both directions of the TCP
# exchange in the bundled sample.
. "$(dirname "$0")/lib.sh"
f=$corpus/test_ipv6_client.scap
[ -f "$f" ] || { echo "SKIP: $f is missing"; exit 77; }
sample=$(cd "$(dirname "$0")/../.." && pwd)/doc/examples/sample.scap.gz
cd "$tmp" || exit 1

start 140 30 "$bin" -r "$f"
wait_for '^No\. ' "the list does not open"
keys : 174 Enter F5
wait_for 'no stream: event 174 does not work on an fd' "F5 on an event on no fd does not say so"
keys : 225 Enter F5
wait_for '^ Follow: fd 3 \(ipv6 ::1:0->::1:2345\) of pid 19747 \(test_ipv6_clien\) \| text \| both directions' \
	"F5 does not open the stream of fd 3"
wait_for '^ read 0 bytes, written 18 \| 3 calls \| line 1/3: event 225, write 6 bytes' \
	"the status line does not count the stream's three writes"
[ "$(screen | grep -c '^w Testme *$')" = 3 ] && ok || bad "the stream does not show three writes of Testme"
# red for the writes
WAIT_ATTRS=1 wait_for $'\e\\[31m(\e\\[49m)?w Testme' "the writes are not red"
keys t
wait_for '\| printable \| both directions' "t does not switch to printable text"
keys t
wait_for '\| hex \| both directions' "t does not switch to hex"
wait_for '^w 00000006  54 65 73 74 6d 65  ' "the hex dump of the second write is not at offset 6"
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
wait_for 'Save the stream to: stream-19747-fd3\.bin' "w does not offer a file name"
keys C-u "$tmp/out.bin" Enter
wait_for "saved 18 bytes \\(the data\\) to $tmp/out.bin" "w does not save the stream"
[ "$(cat "$tmp/out.bin")" = TestmeTestmeTestme ] && ok || bad "the saved stream is '$(cat "$tmp/out.bin")'"
keys w C-u "$tmp/out.bin" Enter
wait_for "not saved: $tmp/out.bin: the file exists" "saving over a file does not refuse"
# Enter: the line's event in the list
keys End Enter
wait_for '^ +Number: 238$' "Enter does not show the last write's event"
wait_for 'event 238' "Enter does not say which event"
keys F5
wait_for '^ Follow: fd 3 \(ipv6 ::1:38255->::1:2345\) ' "F5 from the last write does not open its stream"
wait_for '\| 3 calls \| line 1/3: event 225,' "the last write's stream does not start at the first"
keys q
wait_for '^ +Number: 238$' "q does not close the stream"
keys q
wait_exit
[ "$status" = 0 ] && ok || bad "syshark exited with $status"

# both directions of a TCP exchange, in the bundled sample (gzip)
start 140 30 "$bin" -r "$sample"
wait_for 'events 3120 ' "the bundled sample does not open"
keys : 2506 Enter F5
wait_for '^ read 13 bytes, written 13 \| 2 calls \| line 1/2: event 2506, write 13 bytes' \
	"the sample's TCP stream does not count one write and one read"
screen | grep -a -A1 '^w ping over tcp *$' | grep -aq '^r PING OVER TCP *$' && ok ||
	bad "the sample's stream does not show the request then the reply"
WAIT_ATTRS=1 wait_for $'\e\\[34m(\e\\[49m)?r PING OVER TCP' "the read is not blue"
keys Down Enter
wait_for '^ +Number: 2516$' "Enter on the reply does not show its event"
keys q
wait_exit
[ "$status" = 0 ] && ok || bad "syshark exited with $status"
finish

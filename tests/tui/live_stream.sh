#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Follow stream on a live capture, with the real probe: a process sends a
# request over a TCP connection to itself and reads the reply; F5 on the
# request's event shows the request written and the reply read on that
# fd, in order and in their colours, and w saves exactly those bytes.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp
need_probe
command -v python3 >/dev/null || { echo "SKIP: python3 is needed for the exchange"; exit 77; }
cat >"$tmp/exchange.py" <<'PY'
import socket
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
c = socket.create_connection(srv.getsockname())
s, _ = srv.accept()
c.sendall(b"request-syshark-1234\n")
s.recv(100)
s.sendall(b"reply-syshark-5678\n")
c.recv(100)
c.close()
PY
cd "$tmp" || exit 1

start 160 40 "$bin" -- python3 "$tmp/exchange.py"
wait_for 'the capture has ended' "the capture of the exchange does not end"
keys g / 'evt.type = sendto and evt.dir = < and evt.rawres = 21' Enter
wait_for '^ +Type: sendto$' "find does not reach the request's sendto"
keys F5
wait_for '^ Follow: fd [0-9]+ \(ipv4 127\.0\.0\.1:[0-9]+->127\.0\.0\.1:[0-9]+\) of pid [0-9]+ \(python3\) \| text' \
	"F5 does not open the stream of the client's socket"
wait_for '^ read 19 bytes, written 21 \| 2 calls \| line 1/2: event [0-9]+, write 21 bytes' \
	"the status line does not count one write and one read"
screen | grep -a -A1 '^w request-syshark-1234 *$' | grep -aq '^r reply-syshark-5678 *$' && ok ||
	bad "the stream does not show the request then the reply"
WAIT_ATTRS=1 wait_for $'\e\\[34m(\e\\[49m)?r reply-syshark-5678' "the read is not blue"
keys w C-u "$tmp/stream.bin" Enter
wait_for "saved 40 bytes \\(the data\\) to $tmp/stream.bin" "w does not save the stream"
printf 'request-syshark-1234\nreply-syshark-5678\n' | cmp -s - "$tmp/stream.bin" && ok ||
	bad "the saved stream is '$(cat "$tmp/stream.bin")'"
keys q q
wait_for 'quit and lose the events captured\? y to quit' "q does not ask before losing the capture"
keys y
wait_exit
[ "$status" = 0 ] && ok || bad "syshark exited with $status"
finish

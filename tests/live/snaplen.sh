#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The dynamic snap length, with the real probe: on a TCP socket on loopback
# between ports no hint names, 1500-byte messages that start like HTTP,
# RESP, TLS or PostgreSQL are kept whole (by write, writev, sendto,
# sendmsg, and the reader's recvfrom), other data is cut at -s (256); so is
# a message starting "GET " written to a file; plain data on a socket to a
# hinted port (8008, HTTP's) is kept whole. --snaplen-proto 0 cuts all at
# -s; -s 64 cuts the ordinary data at 64 and leaves the rest whole. Then an
# HTTP request with a 600-byte header, from urllib to http.server, has its
# http.* fields whole (and cut short with --snaplen-proto 0).
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
need_probe
command -v python3 >/dev/null || { echo "SKIP: python3 is not installed"; exit 77; }
port=28146
hinted=8008

# Every message ends in END: a message kept whole still ends in it.
cat >"$tmp/io.py" <<'EOF'
import os, socket, struct, sys

def pair(port):
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(1)
    cli = socket.create_connection(("127.0.0.1", port))
    return cli, srv.accept()[0]

def msg(head, fill):
    return head + fill * (1500 - len(head) - 3) + b"END"

def drain(peer, n=1500):
    got = b""
    while len(got) < n:
        got += peer.recv(n - len(got))

cli, peer = pair(int(sys.argv[1]))
http = msg(b"GET / HTTP/1.1\r\n", b"h")
resp = msg(b"*3\r\n$3\r\nSET\r\n", b"r")
os.write(cli.fileno(), http)
drain(peer)
os.write(cli.fileno(), msg(b"", b"z"))
drain(peer)
os.writev(cli.fileno(), [http[:16], http[16:]])
drain(peer)
os.writev(cli.fileno(), [resp[:13], resp[13:]])
drain(peer)
cli.send(msg(b"\x16\x03\x01\x05\xd7\x01", b"t"))
drain(peer)
cli.sendmsg([msg(struct.pack(">II", 1500, 0x30000), b"p")])
drain(peer)
with open(sys.argv[2], "wb") as f:
    os.write(f.fileno(), msg(b"GET ", b"f"))
cli, peer = pair(int(sys.argv[3]))
os.write(cli.fileno(), msg(b"", b"y"))
drain(peer)
EOF

# kept FILE [FILTER]: a line per 1500-byte message written (or as FILTER
# picks): the call, the fd type, and "whole" or "cut:N", N the bytes kept
# (sendto and sendmsg carry binary data: only "cut").
kept() {
	"$bin" -r "$1" -T fields -e evt.type -e fd.typechar -e evt.rawarg.data \
		-Y "proc.name = python3 and evt.dir = < and evt.buflen = 1500 and
		    ${2:-evt.is_io_write = true}" |
		awk -F '\t' '{
			d = $3
			gsub(/\\\\/, "B", d)
			gsub(/\\[rnt]/, "E", d)
			if (d ~ /END$/) k = "whole"
			else if ($1 ~ /^send/) k = "cut"
			else k = "cut:" length(d)
			print $1, $2, k
		}'
}

# run NAME [OPTIONS]: captures io.py with syshark's OPTIONS into $tmp/NAME.scap.
run() {
	local name=$1
	shift
	if ! "$bin" "$@" -w "$tmp/$name.scap" -- python3 "$tmp/io.py" "$port" "$tmp/$name.out" \
		"$hinted" >"$tmp/$name.log" 2>&1; then
		bad "capture $name ($*) failed: $(cat "$tmp/$name.log")"
		return 1
	fi
}

# The lines of kept(): 'proto' and 'plain' are what the two kinds of
# message keep, in io.py's order.
lines() {
	local proto=$1 plain=$2 hint=$3
	printf '%s\n' "write 4 $proto" "write 4 $plain" "writev 4 $proto" "writev 4 $proto" \
		"sendto 4 ${proto%:*}" "sendmsg 4 ${proto%:*}" "write f $plain" "write 4 $hint"
}

if run default; then
	expect "the default: protocols whole, the rest at 256" "$(lines whole cut:256 whole)" \
		"$(kept "$tmp/default.scap")"
	expect "the HTTP request read whole" "recvfrom 4 whole" \
		"$(kept "$tmp/default.scap" 'evt.type = recvfrom' | head -n 1)"
fi
if run off --snaplen-proto 0; then
	expect "--snaplen-proto 0: all at 256" "$(lines cut:256 cut:256 cut:256)" \
		"$(kept "$tmp/off.scap")"
fi
if run s64 -s 64; then
	expect "-s 64: the rest at 64" "$(lines whole cut:64 whole)" "$(kept "$tmp/s64.scap")"
fi
if run s64off -s 64 --snaplen-proto 32; then
	expect "--snaplen-proto below -s: -s for all" "$(lines cut:64 cut:64 cut:64)" \
		"$(kept "$tmp/s64off.scap")"
fi
"$bin" --snaplen-proto 65537 -w "$tmp/x.scap" -- true 2>"$tmp/bad.err" && bad "65537 taken"
grep -q "not a snap length" "$tmp/bad.err" && ok || bad "no complaint: $(cat "$tmp/bad.err")"

# http.* fields of a request bigger than -s
www=$tmp/www
mkdir -p "$www"
echo '<h1>hello</h1>' >"$www/index.html"
ua="syshark-test/$(printf 'u%.0s' $(seq 600))"
cat >"$tmp/http.sh" <<EOF
cd $www
python3 -m http.server $port --bind 127.0.0.1 >/dev/null 2>&1 &
srv=\$!
for i in \$(seq 50); do
	python3 -c 'import socket; socket.create_connection(("127.0.0.1", $port)).close()' 2>/dev/null && break
	sleep 0.1
done
python3 -c 'import urllib.request; urllib.request.urlopen(urllib.request.Request(
	"http://127.0.0.1:$port/index.html", headers={"User-Agent": "$ua"})).read()'
kill \$srv
EOF
http_fields() {
	"$bin" -r "$1" -Y 'evt.protocol = HTTP and evt.is_io_write = true and
		http.request.method = GET' -T fields -e http.request.uri -e http.host \
		-e http.user_agent | sort -u
}
want=$(printf '/index.html\t127.0.0.1:%s\t%s' "$port" "$ua")
if capture "$tmp/http.scap" sh "$tmp/http.sh"; then
	expect "a long HTTP request's fields" "$want" "$(http_fields "$tmp/http.scap")"
fi
if "$bin" --snaplen-proto 0 -w "$tmp/http0.scap" -- sh "$tmp/http.sh" >/dev/null 2>&1; then
	got=$(http_fields "$tmp/http0.scap")
	[ -n "$got" ] && [ "$got" != "$want" ] && ok ||
		bad "with --snaplen-proto 0 the request is not cut: '$got'"
else
	bad "capture with --snaplen-proto 0 failed"
fi
finish

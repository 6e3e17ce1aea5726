#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# HTTP inside the data of system calls, with the real probe at the default
# snap length: Python's http.server (HTTP/1.1) on a high port (found by the
# bytes, not the port), urllib asking it for a page and for a missing one,
# and http.client asking HEAD then GET on one connection (the HEAD response
# says Content-Length, and has no body), while tshark captures the same
# exchange on lo. Each message syshark sees written has the values tshark
# gives its HTTP fields; its reader's read has them too; and evt.protocol
# names it.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
need_probe
for cmd in tshark python3; do
	command -v "$cmd" >/dev/null || { echo "SKIP: $cmd is not installed"; exit 77; }
done
port=28144
www=$tmp/www
mkdir -p "$www"
echo '<h1>hello</h1>' >"$www/index.html"
cat >"$tmp/exchange.sh" <<EOF
cd $www
python3 -c 'import http.server as h
h.test(HandlerClass=h.SimpleHTTPRequestHandler, protocol="HTTP/1.1", port=$port,
	bind="127.0.0.1")' \
	>/dev/null 2>&1 &
srv=\$!
for i in \$(seq 50); do
	python3 -c 'import socket; socket.create_connection(("127.0.0.1", $port)).close()' 2>/dev/null && break
	sleep 0.1
done
python3 -c 'import urllib.request; urllib.request.urlopen("http://127.0.0.1:$port/index.html").read()'
python3 -c '
import urllib.request, urllib.error
try:
    urllib.request.urlopen("http://127.0.0.1:$port/missing")
except urllib.error.HTTPError:
    pass'
python3 -c '
import http.client
c = http.client.HTTPConnection("127.0.0.1", $port)
for method in ("HEAD", "GET"):
    c.request(method, "/index.html")
    c.getresponse().read()'
kill \$srv
EOF

capture_lo "tcp port $port" "$tmp/http.scap" sh "$tmp/exchange.sh" || exit 1

fields=(http.request.method http.request.uri http.request.version http.response.version
	http.response.code http.response.phrase http.host http.user_agent http.content_type
	http.content_length http.server)
sh_fields() {
	local args=() f
	for f in "${fields[@]}"; do args+=(-e "$f"); done
	"$bin" -r "$tmp/http.scap" -Y "$1" -T fields "${args[@]}" | sed 's/<NA>//g'
}
# sorted: a request's write may return after the server has answered it
want=$(tshark -r "$tmp/lo.pcapng" -Y http -T fields $(printf -- '-e %s ' "${fields[@]}") | sort)
[ "$(wc -l <<<"$want")" = 8 ] && ok || bad "tshark saw $(wc -l <<<"$want") HTTP messages, not 8"
expect "written, as tshark" "$want" \
	"$(sh_fields 'evt.protocol = HTTP and evt.is_io_write = true' | sort)"
expect "read, as tshark" "$want" "$(sh_fields 'evt.protocol = HTTP and evt.is_io_read = true' | sort)"
expect "filtered on a field" "$(grep -c $'\t404\t' <<<"$want")" \
	"$("$bin" -r "$tmp/http.scap" -Y 'http.response.code = 404 and evt.is_io_write = true' | wc -l)"
expect "the processes" "$(printf 'python3 %.0s' $(seq 8) | xargs)" \
	"$("$bin" -r "$tmp/http.scap" -Y 'evt.protocol = HTTP and evt.is_io_write = true' \
		-T fields -e proc.name | xargs)"
finish

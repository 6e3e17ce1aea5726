#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The exchanges of the corpus's protocols.scap (scripts/record-corpus.sh),
# each between a real server and a real client on 127.0.0.1, run in DIR:
# HTTP (Python's http.server and urllib, a page and a missing one), DNS
# (tests/live/dnsd.py on port 53: A with a CNAME, AAAA, a name that does
# not exist), Redis (redis-server and redis-cli), TLS (openssl s_server and
# s_client with SNI and ALPN) and PostgreSQL (a throw-away cluster, psql).
# Usage: protocols.sh prepare DIR (the certificate and the cluster, not to
# be captured), then protocols.sh run DIR.
set -eu
PATH=$PATH:/usr/sbin:/sbin
dir=$2
here=$(cd "$(dirname "$0")" && pwd)
pgbin=/usr/lib/postgresql/15/bin
cd "$dir"
if [ "$1" = prepare ]; then
	openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
		-keyout key.pem -out cert.pem 2>/dev/null
	if [ -x "$pgbin/initdb" ] && id postgres >/dev/null 2>&1; then
		mkdir pg
		chown postgres pg
		runuser -u postgres -- "$pgbin/initdb" -D pg/data -A trust -U postgres >/dev/null
		printf "listen_addresses = '127.0.0.1'\nport = 25432\nunix_socket_directories = '%s'\n" \
			"$dir/pg" >>pg/data/postgresql.conf
	fi
	exit 0
fi
wait_port() { # wait_port PORT: until a TCP server listens on it
	for _ in $(seq 100); do
		bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

mkdir -p www
echo '<h1>hello</h1>' >www/index.html
(cd www && exec python3 -m http.server 28144 --bind 127.0.0.1 >/dev/null 2>&1) &
srv=$!
wait_port 28144
python3 -c 'import urllib.request
urllib.request.urlopen("http://127.0.0.1:28144/index.html").read()
try:
    urllib.request.urlopen("http://127.0.0.1:28144/missing")
except Exception:
    pass'
kill $srv

python3 "$here/../live/dnsd.py" serve 53 3 >dnsd.out 2>&1 &
for _ in $(seq 50); do grep -q ready dnsd.out && break; sleep 0.1; done
python3 "$here/../live/dnsd.py" ask 53 www.example.test A
python3 "$here/../live/dnsd.py" ask 53 www.example.test AAAA
python3 "$here/../live/dnsd.py" ask 53 nope.example.test A
wait

redis-server --port 26379 --bind 127.0.0.1 --save '' --appendonly no >/dev/null &
srv=$!
wait_port 26379
redis-cli -p 26379 SET greeting hello
redis-cli -p 26379 GET greeting
redis-cli -p 26379 RPUSH list a b c
redis-cli -p 26379 LRANGE list 0 -1
redis-cli -p 26379 INCR greeting || true
kill $srv
wait $srv || true

openssl s_server -accept 9443 -cert cert.pem -key key.pem -alpn h2,http/1.1 -naccept 2 \
	-quiet >/dev/null 2>&1 &
srv=$!
wait_port 9443 || true
sleep 0.2
openssl s_client -connect 127.0.0.1:9443 -servername www.example.test -alpn h2 \
	</dev/null >/dev/null 2>&1 || true
wait $srv || true

if [ -d pg/data ]; then
	runuser -u postgres -- "$pgbin/pg_ctl" -D pg/data -w start >/dev/null
	PGSSLMODE=disable psql -h 127.0.0.1 -p 25432 -U postgres -X -q \
		-c 'CREATE TABLE t (id int, name text)' -c "INSERT INTO t VALUES (1, 'one')" \
		-c 'SELECT * FROM t' -c 'SELECT * FROM missing' >/dev/null 2>&1 || true
	runuser -u postgres -- "$pgbin/pg_ctl" -D pg/data -w stop -m fast >/dev/null
fi

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The protocols inside the data, on the corpus's protocols capture (real
# HTTP, DNS, Redis, TLS and PostgreSQL exchanges, tests/tools/protocols.sh):
# the messages each exchange made have their fields; the Protocols, HTTP
# requests and DNS queries views hold the rows and sums computed with awk
# from the same events printed with -T fields; their JSON parses; filters
# on fields of many values hold when any value does.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
f=$corpus/protocols.scap.gz
[ -f "$f" ] || { echo "FAIL: no $f"; exit 1; }
fields() { "$bin" -r "$f" -T fields "$@"; }
# same NAME WANT GOT: the two files hold the same lines, in any order
same() {
	if [ -s "$2" ] && cmp -s <(sort "$2") <(sort "$3"); then ok; else
		bad "$1 differs (< from -T fields, > from --top):"
		diff <(sort "$2") <(sort "$3") | head -10
	fi
}
# has WHAT FILTER FIELD WANT: the values of FIELD of the writes FILTER keeps, sorted, |-split
has() {
	expect "$1" "$4" "$(fields -Y "evt.is_io_write = true and $2" -e "$3" | sort -u | paste -sd'|')"
}

has "HTTP requests" 'http.request.method exists' http.request.uri "/index.html|/missing"
has "HTTP responses" 'http.response.code exists' http.response.code "200|404"
has "DNS questions" 'dns.flags.response = 0' dns.qry.name "nope.example.test|www.example.test"
has "DNS addresses" 'dns.qry.type = 1 and dns.a exists' dns.a "192.0.2.10,192.0.2.11"
has "DNS errors" 'dns.flags.rcode = 3' dns.qry.name "nope.example.test"
has "Redis commands" 'redis.command exists' redis.command "GET|INCR|LRANGE|RPUSH|SET"
has "Redis errors" 'resp.error exists' resp.error \
	"ERR value is not an integer or out of range"
has "TLS server names" 'tls.handshake.type = 1' tls.handshake.extensions_server_name \
	"www.example.test"
has "TLS protocols offered" 'tls.handshake.type = 1' tls.handshake.extensions_alpn_str "h2"
# the server reads a record's header, then its body: the read of the body
# holds the record, gathered along the stream; the header's read none
expect "a ClientHello gathered from two reads" "326 www.example.test" \
	"$(fields -Y 'evt.is_io_read = true and tls.handshake.type = 1' -e evt.rawres \
		-e tls.handshake.extensions_server_name | sort -u | xargs)"
expect "a record's header read alone holds no message" 0 \
	"$(fields -Y 'evt.is_io_read = true and proc.name = openssl and evt.rawres = 5
		and evt.protocol exists' -e evt.num | wc -l)"
expect "records' headers read alone" 9 \
	"$(fields -Y 'evt.is_io_read = true and proc.name = openssl and evt.rawres = 5' -e evt.num |
		wc -l)"
if fields -e evt.protocol | grep -q PGSQL; then
	has "PostgreSQL queries" 'pgsql.query exists' pgsql.query \
		"CREATE TABLE t (id int, name text)|INSERT INTO t VALUES (1, 'one')|SELECT * FROM missing|SELECT * FROM t"
fi
expect "a field of many values, any" "$(fields -Y 'dns.a = 192.0.2.10' -e dns.a | sort -u)" \
	"192.0.2.10,192.0.2.11"

# hierarchy LEVEL...: from the reads and writes on sockets and pipes, a
# row per path of LEVEL values: its own value, share of events, events,
# share of bytes and bytes
hierarchy() {
	local args=() l
	for l in "$@"; do args+=(-e "$l"); done
	fields -Y 'evt.is_io = true and fd.type in (ipv4, ipv6, unix, pipe)' "${args[@]}" \
		-e evt.buflen | awk -F'\t' -v nl=$# '
		{ p = ""
		  for (i = 1; i <= nl; i++)
			if ($i != "<NA>") { p = p "/" $i; n[p]++; b[p] += $(nl + 1); l[p] = $i }
		  all++; bytes += $(nl + 1) }
		END { for (k in n) printf "%s\t%.2f\t%d\t%.2f\t%d\n", l[k], 100 * n[k] / all,
			n[k], 100 * b[k] / bytes, b[k] }' | sort
}
# --top=protocols: the reads and writes on sockets and pipes by fd type,
# transport and protocol, each level's events and bytes, and their shares
hierarchy fd.type fd.l4proto evt.protocol >"$tmp/want"
"$bin" -r "$f" --top=protocols -T fields | cut -f1-5 | sort >"$tmp/got"
same "the Protocols view" "$tmp/want" "$tmp/got"
# --top=procprotos: the same under each process name
hierarchy proc.name fd.type fd.l4proto evt.protocol >"$tmp/want"
"$bin" -r "$f" --top=procprotos -T fields | cut -f1-5 | sort >"$tmp/got"
same "the Protocol hierarchy by process" "$tmp/want" "$tmp/got"
expect "psql's hierarchy" "psql ipv4 tcp PGSQL" \
	"$("$bin" -r "$f" --top=procprotos -T fields | grep -A3 '^psql' | cut -f1 | xargs)"
expect "the protocols, under their transports" "ipv4 tcp PGSQL RESP TLS HTTP udp DNS pipe" \
	"$("$bin" -r "$f" --top=protocols -T fields | cut -f1 | xargs)"
expect "a level's row holds those under it" "├─ tcp" \
	"$("$bin" -r "$f" --top=protocols | grep -o '├─ tcp')"
# --top=protoprocs: the same, per process
fields -Y 'evt.protocol exists' -e evt.protocol -e proc.pid -e evt.is_io_read -e evt.buflen |
	awk -F'\t' '{ k = $1 "\t" $2; n[k]++; if ($3 == "true") i[k] += $4; else o[k] += $4 }
	END { for (k in n) printf "%s\t%d\t%d\t%d\n", k, n[k], i[k], o[k] }' >"$tmp/want"
"$bin" -r "$f" --top=protoprocs -T fields | cut -f1,2,4-6 >"$tmp/got"
same "the Protocols by process view" "$tmp/want" "$tmp/got"

# --top=httpreqs: per host, method and URI, the requests written and read
fields -Y 'http.request.method exists' -e http.host -e http.request.method -e http.request.uri \
	-e evt.is_io_write | awk -F'\t' '{ k = $1 "\t" $2 "\t" $3; if ($4 == "true") w[k]++; else r[k]++; n[k] = 1 }
	END { for (k in n) printf "%s\t%d\t%d\n", k, w[k], r[k] }' >"$tmp/want"
"$bin" -r "$f" --top=httpreqs -T fields | cut -f1-5 >"$tmp/got"
same "the HTTP requests view" "$tmp/want" "$tmp/got"

# --top=dnsqueries: per name and type, queries, responses and errors, each
# message once though its write and its read are both in the capture (by its id)
fields -Y 'dns.qry.name exists' -e dns.qry.name -e dns.qry.type -e dns.flags.response \
	-e dns.flags.rcode -e dns.id | sort -u | awk -F'\t' '{ k = $1 "\t" $2; q[k] += $3 == 0
		r[k] += $3 == 1; e[k] += $4 != "<NA>" && $4 > 0 }
	END { for (k in q) printf "%s\t%d\t%d\t%d\n", k, q[k], r[k], e[k] }' >"$tmp/want"
"$bin" -r "$f" --top=dnsqueries -T fields | cut -f1-5 >"$tmp/got"
same "the DNS queries view" "$tmp/want" "$tmp/got"
expect "a query both written and read" 2 \
	"$(fields -Y 'dns.qry.name = nope.example.test and dns.flags.response = 0' -e evt.num |
		wc -l)"

for v in protocols procprotos protoprocs httpreqs dnsqueries; do
	if "$bin" -r "$f" --top="$v" -T json | python3 -c 'import json, sys
for line in sys.stdin:
    assert isinstance(json.loads(line), dict)'; then ok; else bad "--top=$v -T json"; fi
done
finish

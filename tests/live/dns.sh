#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# DNS inside the data of system calls, with the real probe at the default
# snap length: a server on port 53 (dnsd.py, which reads with recvmmsg and
# answers with sendmmsg) answers queries over UDP from a stub resolver and
# from glibc's (getent, whose A and AAAA queries leave in one sendmmsg), and
# over TCP from dig, with CNAMEs, compressed names, two A records, an AAAA
# and a name that does not exist, while tshark captures the same exchange
# on lo. Each message syshark sees written has the values tshark gives its
# DNS fields; its reader's read has them too; and filters on fields of many
# values hold when any value does.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
need_probe
for cmd in tshark python3 dig getent unshare; do
	command -v "$cmd" >/dev/null || { echo "SKIP: $cmd is not installed"; exit 77; }
done
if ! python3 -c 'import socket
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).bind(("127.0.0.1", 53))' 2>/dev/null; then
	echo "SKIP: UDP port 53 on 127.0.0.1 is taken"
	exit 77
fi
dnsd=$(cd "$(dirname "$0")" && pwd)/dnsd.py
printf 'nameserver 127.0.0.1\noptions attempts:1 timeout:5\n' >"$tmp/resolv.conf"
cat >"$tmp/exchange.sh" <<END
python3 $dnsd serve 53 7 >$tmp/dnsd.out 2>&1 &
for i in \$(seq 50); do grep -q ready $tmp/dnsd.out && break; sleep 0.1; done
unshare -m sh -c 'mount --bind $tmp/resolv.conf /etc/resolv.conf &&
	getent ahosts www.example.test' >$tmp/getent.out
python3 $dnsd ask 53 www.example.test A
python3 $dnsd ask 53 www.example.test AAAA
python3 $dnsd ask 53 nope.example.test A
dig @127.0.0.1 +tcp +tries=1 +short www.example.test A
dig @127.0.0.1 +tcp +tries=1 +short nope.example.test AAAA
wait
END

capture_lo "port 53" "$tmp/dns.scap" sh "$tmp/exchange.sh" || exit 1

fields=(dns.id dns.flags.response dns.flags.opcode dns.flags.rcode dns.count.queries
	dns.count.answers dns.count.auth_rr dns.count.add_rr dns.qry.name dns.qry.type dns.qry.class
	dns.resp.name dns.resp.type dns.resp.class dns.resp.ttl dns.resp.len dns.a dns.aaaa
	dns.cname dns.length)
sh_fields() {
	local args=() f
	for f in "${fields[@]}"; do args+=(-e "$f"); done
	"$bin" -r "$tmp/dns.scap" -Y "$1" -T fields "${args[@]}" | sed 's/<NA>//g'
}
# sorted: a query's write may return after the server has answered it, so
# the events' order and the packets' may differ
want=$(tshark -r "$tmp/lo.pcapng" -Y dns -T fields $(printf -- '-e %s ' "${fields[@]}") | sort)
[ "$(wc -l <<<"$want")" = 14 ] && ok || bad "tshark saw $(wc -l <<<"$want") DNS messages, not 14"
grep -q '^192\.0\.2\.11 ' "$tmp/getent.out" && ok ||
	bad "getent did not resolve www.example.test: $(head -3 "$tmp/getent.out")"
expect "written, as tshark" "$want" \
	"$(sh_fields 'evt.protocol = DNS and evt.is_io_write = true' | sort)"
# the server reads a TCP query's length, then the query: the query alone has no length
expect "read, as tshark" "$(cut -f1-19 <<<"$want" | sort)" \
	"$(sh_fields 'evt.protocol = DNS and evt.is_io_read = true' | cut -f1-19 | sort)"
expect "the processes" "dig dig getent getent$(printf ' python3%.0s' $(seq 10))" \
	"$("$bin" -r "$tmp/dns.scap" -Y 'evt.protocol = DNS and evt.is_io_write = true' \
		-T fields -e proc.name | sort | xargs)"
# one event per message of a sendmmsg or recvmmsg: getent's 2 queries, the
# server's 5 UDP reads and its 5 answers
expect "the calls" "2 getent sendmmsg
5 python3 recvmmsg
5 python3 sendmmsg" "$("$bin" -r "$tmp/dns.scap" -T fields -e proc.name -e evt.type \
	-Y 'evt.protocol = DNS and evt.type contains mmsg' | sort | uniq -c | sed 's/^ *//; s/\t/ /')"
# filters on fields of many values select the messages tshark's do
for f in 'dns.a == 192.0.2.11' 'dns.resp.type != 1' 'dns.flags.rcode in {3}' 'dns.length' \
	'dns.resp.ttl > 299 && dns.qry.type == 28'; do
	ours=${f//==/=}
	ours=${ours//&&/and}
	ours=${ours//\{/(}
	ours=${ours//\}/)}
	[ "$ours" = dns.length ] && ours='dns.length exists'
	expect "$f" "$(tshark -r "$tmp/lo.pcapng" -Y "$f" 2>/dev/null | wc -l)" \
		"$("$bin" -r "$tmp/dns.scap" -Y "evt.is_io_write = true and $ours" | wc -l)"
done
finish

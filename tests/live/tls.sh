#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# TLS inside the data of system calls, with the real probe: openssl s_server
# (a self-signed certificate, ALPN h2 and http/1.1) is reached on port 9443
# (no port hint: found by its bytes) by openssl s_client with SNI and ALPN,
# in TLS 1.3, in TLS 1.2 (the chosen suite and the Certificate in clear),
# and in TLS 1.3 through a HelloRetryRequest, while tshark captures the same
# exchange on lo. Each record and handshake message syshark sees written has
# the values tshark gives its fields; the reads have them too; and filters
# select the messages tshark's do.
#
# A ClientHello or a server's flight is longer than the default snap length
# (256 bytes), so the capture keeps 4096 bytes of each read and write.
# Each end reads a record's header, then its body: the reads are gathered
# along the stream, and the fields belong to the read of the body.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
need_probe
for cmd in tshark openssl; do
	command -v "$cmd" >/dev/null || { echo "SKIP: $cmd is not installed"; exit 77; }
done
if ! python3 -c 'import socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 9443))' 2>/dev/null; then
	echo "SKIP: TCP port 9443 on 127.0.0.1 is taken"
	exit 77
fi
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 \
	-keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1 ||
	{ bad "openssl req failed"; finish; exit 1; }

cat >"$tmp/exchange.sh" <<END
cd $tmp
serve() {
	openssl s_server -accept 9443 -cert cert.pem -key key.pem -alpn h2,http/1.1 \
		-www "\$@" >>server.out 2>&1 &
	for i in \$(seq 50); do grep -q ACCEPT server.out 2>/dev/null && break; sleep 0.1; done
}
connect() {
	openssl s_client -connect 127.0.0.1:9443 -servername www.example.test -alpn h2 \
		"\$@" </dev/null >>client.out 2>&1
}
serve -naccept 2
connect
connect -tls1_2
wait
: >server.out
serve -naccept 1 -groups P-256
connect -groups X25519:P-256
wait
END

capture_lo "tcp port 9443" "$tmp/tls.scap" sh "$tmp/exchange.sh" || exit 1
grep -q 'ALPN protocol: h2' "$tmp/client.out" || bad "the client did not agree on h2"

fields=(tls.record.content_type tls.record.version tls.record.length tls.handshake.type
	tls.handshake.length tls.handshake.version tls.handshake.random
	tls.handshake.session_id_length tls.handshake.session_id tls.handshake.cipher_suites_length
	tls.handshake.ciphersuite tls.handshake.comp_methods_length tls.handshake.comp_method
	tls.handshake.extensions_length tls.handshake.extension.type tls.handshake.extension.len
	tls.handshake.extensions_server_name_list_len tls.handshake.extensions_server_name_type
	tls.handshake.extensions_server_name_len tls.handshake.extensions_server_name
	tls.handshake.extensions_alpn_len tls.handshake.extensions_alpn_str_len
	tls.handshake.extensions_alpn_str tls.handshake.extensions.supported_versions_len
	tls.handshake.extensions.supported_version tls.handshake.extensions_supported_groups_length
	tls.handshake.extensions_supported_group tls.handshake.sig_hash_alg_len
	tls.handshake.sig_hash_alg tls.handshake.certificates_length
	tls.handshake.certificate_length tls.alert_message.level tls.alert_message.desc)
sh_fields() {
	local args=() f
	for f in "${fields[@]}"; do args+=(-e "$f"); done
	"$bin" -r "$tmp/tls.scap" -Y "$1" -T fields "${args[@]}" | sed 's/<NA>//g'
}
# tshark knows a TLS 1.3 session's encrypted records' type as opaque_type,
# from the session; syshark, a message at a time, gives it as content_type:
# they follow the records in clear, so they are joined after them
ts_fields() {
	tshark -r "$tmp/lo.pcapng" -d tcp.port==9443,tls -Y "tls${1:+ and $1}" -T fields \
		$(printf -- '-e %s ' "${fields[@]}" tls.record.opaque_type) |
		awk -F'\t' -v OFS='\t' '{
			if ($NF != "") $1 = $1 == "" ? $NF : $1 "," $NF
			NF--
			print
		}'
}
# the values of each field, one a line, in order (reads may join writes)
flat() {
	awk -F'\t' '{ for (i = 1; i <= NF; i++) if ($i != "") v[i] = v[i] (v[i] == "" ? "" : ",") $i }
		END { for (i = 1; i <= '${#fields[@]}'; i++) print v[i] }'
}
want=$(ts_fields)
[ "$(grep -c . <<<"$want")" -ge 20 ] && ok || bad "tshark saw $(grep -c . <<<"$want") TLS segments"
# each way on its own: a client's write may return after the server's answer
expect "written by the clients, as tshark" "$(ts_fields 'tcp.dstport == 9443')" \
	"$(sh_fields 'evt.protocol = TLS and evt.is_io_write = true
		and not proc.args contains s_server')"
expect "written by the server, as tshark" "$(ts_fields 'tcp.srcport == 9443')" \
	"$(sh_fields 'evt.protocol = TLS and evt.is_io_write = true
		and proc.args contains s_server')"
expect "read by the server, as tshark" "$(ts_fields 'tcp.dstport == 9443' | flat)" \
	"$(sh_fields 'evt.protocol = TLS and evt.is_io_read = true and proc.name = openssl
		and proc.args contains s_server' | flat)"
# (a read of two records of application data is kept to the snap length:
# the second is not there, so the clients' reads compared are the
# handshake's fields)
expect "read by the clients, as tshark" "$(ts_fields 'tcp.srcport == 9443' | cut -f4- | flat)" \
	"$(sh_fields 'evt.protocol = TLS and evt.is_io_read = true and proc.name = openssl
		and proc.args contains s_client' | cut -f4- | flat)"
expect "a record's header read alone is no message" 0 \
	"$("$bin" -r "$tmp/tls.scap" -Y 'evt.protocol = TLS and evt.is_io_read = true
		and evt.rawres = 5' | wc -l)"
expect "the SNI and the versions offered" \
	"www.example.test 0x0304,0x0303,0x0302,0x0301" \
	"$("$bin" -r "$tmp/tls.scap" -Y 'evt.is_io_write = true and tls.handshake.type = 1' \
		-T fields -e tls.handshake.extensions_server_name \
		-e tls.handshake.extensions.supported_version | head -1 | xargs)"
# filters on fields of many values select the messages tshark's do
for f in 'tls.handshake.type == 1' 'tls.handshake.type == 2' 'tls.handshake.ciphersuite == 0x1302' \
	'tls.handshake.ciphersuite == 0xc030' 'tls.record.version == 0x0301' \
	'tls.handshake.extensions.supported_version == 0x0304' \
	'tls.handshake.extensions_server_name == "www.example.test"' \
	'tls.handshake.extensions_alpn_str == "h2" && tls.handshake.type == 2' \
	'tls.handshake.extensions_supported_group == 0x0017' 'tls.handshake.certificate_length' \
	'tls.record.length > 1000'; do
	ours=${f//==/=}
	ours=${ours//&&/and}
	ours=${ours//\"/}
	[ "$ours" = tls.handshake.certificate_length ] && ours="$ours exists"
	expect "$f" "$(tshark -r "$tmp/lo.pcapng" -d tcp.port==9443,tls -Y "$f" 2>/dev/null | wc -l)" \
		"$("$bin" -r "$tmp/tls.scap" -Y "evt.is_io_write = true and $ours" | wc -l)"
done
finish

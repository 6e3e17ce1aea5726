#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Redis (RESP) inside the data of system calls, with the real probe at the
# default snap length: redis-server on a high port and redis-cli sending
# SET, GET, INCR, a GET of a missing key, an INCR that fails, RPUSH and
# LRANGE of a list of 3, and PING, and an inline PING written on a bare
# socket, while tshark captures the same exchange on lo. Each message
# syshark sees written has the values tshark gives its resp fields; its
# reader's read has them too; redis.command names the commands.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
need_probe
for cmd in tshark redis-server redis-cli; do
	command -v "$cmd" >/dev/null || { echo "SKIP: $cmd is not installed"; exit 77; }
done
port=26379

cat >"$tmp/exchange.sh" <<EOF
cd $tmp
redis-server --port $port --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
	>$tmp/server.log 2>&1 &
srv=\$!
for i in \$(seq 100); do
	(exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break
	sleep 0.1
done
cli() { redis-cli -p $port "\$@" >>$tmp/cli.out 2>&1; }
cli SET greeting hello
cli GET greeting
cli INCR counter
cli GET missing
cli INCR greeting
cli RPUSH list a b c
cli LRANGE list 0 -1
cli PING
exec 3<>/dev/tcp/127.0.0.1/$port
printf 'PING\r\n' >&3
head -n 1 <&3 >/dev/null
exec 3>&-
kill \$srv
wait \$srv
EOF

capture_lo "tcp port $port" "$tmp/redis.scap" bash "$tmp/exchange.sh" || exit 1

fields=(resp.string resp.error resp.integer resp.bulk_string.length resp.bulk_string.value
	resp.array.length)
sh_fields() {
	local args=() f
	for f in "${fields[@]}"; do args+=(-e "$f"); done
	"$bin" -r "$tmp/redis.scap" -Y "$1" -T fields "${args[@]}" | sed 's/<NA>//g'
}
ts_fields() {
	tshark -r "$tmp/lo.pcapng" -d tcp.port==$port,resp -Y "resp and $1" -T fields \
		$(printf -- '-e %s ' "${fields[@]}") 2>/dev/null
}
n=$(ts_fields 'tcp.port == '$port | wc -l)
[ "$n" = 18 ] && ok || bad "tshark saw $n RESP messages, not 18"
# each way on its own: a request's write may return after the reply's
rx='evt.protocol = RESP and fd.type = ipv4'
srv='proc.name = redis-server'
for way in "requests:tcp.dstport == $port:not $srv:$srv" \
	"replies:tcp.srcport == $port:$srv:not $srv"; do
	IFS=: read -r what ts writer reader <<<"$way"
	want=$(ts_fields "$ts")
	expect "$what written, as tshark" "$want" \
		"$(sh_fields "$rx and evt.is_io_write = true and $writer")"
	expect "$what read, as tshark" "$want" \
		"$(sh_fields "$rx and evt.is_io_read = true and $reader")"
done

# the text fields tshark has not: the commands, their arguments, the values
for side in write read; do
	expect "the commands ($side)" "SET GET INCR GET INCR RPUSH LRANGE PING PING" \
		"$("$bin" -r "$tmp/redis.scap" -Y "evt.is_io_$side = true and redis.command exists" \
			-T fields -e redis.command | xargs)"
done
expect "the arguments" "greeting,hello greeting counter missing greeting list,a,b,c list,0,-1" \
	"$("$bin" -r "$tmp/redis.scap" -Y 'evt.is_io_write = true and redis.args exists' \
		-T fields -e redis.args | xargs)"
expect "a reply's value as text" "hello" \
	"$("$bin" -r "$tmp/redis.scap" -Y 'evt.is_io_write = true and resp.bulk_string.length = 5 and not redis.command exists' \
		-T fields -e redis.value)"
expect "the list as text" "a,b,c" \
	"$("$bin" -r "$tmp/redis.scap" -Y 'evt.is_io_write = true and resp.array.length = 3 and not redis.command exists' \
		-T fields -e redis.value)"
expect "filtered on the command" "redis-cli" \
	"$("$bin" -r "$tmp/redis.scap" -Y 'redis.command = LRANGE and evt.is_io_write = true' \
		-T fields -e proc.name)"
expect "the error" "redis-server	ERR value is not an integer or out of range" \
	"$("$bin" -r "$tmp/redis.scap" -Y 'resp.error exists and evt.is_io_write = true' \
		-T fields -e proc.name -e resp.error)"
expect "the inline command's writer" "bash" \
	"$("$bin" -r "$tmp/redis.scap" -Y 'evt.protocol = RESP and evt.is_io_write = true and not resp.array.length exists and redis.command = PING' \
		-T fields -e proc.name)"
finish

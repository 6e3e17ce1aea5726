#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# PostgreSQL inside the data of system calls, with the real probe at the
# default snap length: a throw-away PostgreSQL 15 cluster on 127.0.0.1 port
# 25432 (found by the bytes, not the port), psql's simple queries (a CREATE,
# an INSERT, a SELECT of 2 rows, a notice, an error) and pgbench's extended
# protocol (Parse, Bind, Describe, Execute, Sync), while tshark captures the
# same exchange on lo. Each message syshark sees written has the values
# tshark gives every pgsql field; its reader's read has them too. The
# server's reply to the startup message is longer than the snap length:
# the part syshark keeps has tshark's first values.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
need_probe
pgbin=/usr/lib/postgresql/15/bin
for cmd in tshark psql runuser "$pgbin/initdb" "$pgbin/postgres" "$pgbin/pgbench"; do
	command -v "$cmd" >/dev/null || { echo "SKIP: $cmd is not installed"; exit 77; }
done
id postgres >/dev/null 2>&1 || { echo "SKIP: no postgres user"; exit 77; }
port=25432
pg=$tmp/pg
chmod 755 "$tmp"
mkdir -p "$pg"
chown postgres "$pg"
stop_server() {
	[ -f "$pg/data/postmaster.pid" ] &&
		runuser -u postgres -- "$pgbin/pg_ctl" -D "$pg/data" stop -m immediate >/dev/null 2>&1
	rm -rf "$tmp"
}
trap stop_server EXIT
if ! runuser -u postgres -- "$pgbin/initdb" -D "$pg/data" -A trust -U postgres \
	>"$tmp/initdb.out" 2>&1; then
	echo "SKIP: initdb failed: $(tail -3 "$tmp/initdb.out")"
	exit 77
fi
cat >>"$pg/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pg'
ssl = off
EOF
printf '\\set v 7\nSELECT :v::int AS v;\n' >"$tmp/bench.sql"
chmod 644 "$tmp/bench.sql"

cat >"$tmp/exchange.sh" <<EOF
export PGSSLMODE=disable
runuser -u postgres -- $pgbin/postgres -D $pg/data >$tmp/server.log 2>&1 &
for i in \$(seq 100); do
	$pgbin/pg_isready -q -h 127.0.0.1 -p $port && break
	sleep 0.1
done
psql -h 127.0.0.1 -p $port -U postgres -X -q -c 'CREATE TABLE t (id int, name text)' \
	-c "INSERT INTO t VALUES (1, 'one'), (2, NULL)" -c 'SELECT * FROM t' \
	-c 'DROP TABLE IF EXISTS nosuch' -c 'SELECT * FROM missing' >/dev/null 2>&1
$pgbin/pgbench -h 127.0.0.1 -p $port -U postgres -n -M extended -t 1 -f $tmp/bench.sql \
	postgres >/dev/null 2>&1
runuser -u postgres -- $pgbin/pg_ctl -D $pg/data stop -m fast >/dev/null
EOF

capture_lo "tcp port $port" "$tmp/pgsql.scap" sh "$tmp/exchange.sh" || exit 1

fields=(pgsql.type pgsql.length pgsql.frontend pgsql.version_major pgsql.version_minor
	pgsql.parameter_name pgsql.parameter_value pgsql.query pgsql.password pgsql.authtype
	pgsql.statement pgsql.portal pgsql.returns pgsql.tag pgsql.status pgsql.pid pgsql.key
	pgsql.text pgsql.oid.table pgsql.oid.type pgsql.oid pgsql.format pgsql.field.count
	pgsql.col.name pgsql.col.index pgsql.val.length pgsql.val.data pgsql.col.typemod
	pgsql.severity pgsql.code pgsql.message pgsql.detail pgsql.hint pgsql.position
	pgsql.where pgsql.file pgsql.line pgsql.routine pgsql.error pgsql.copydata)
sh_fields() {
	local args=() f
	for f in "${fields[@]}"; do args+=(-e "$f"); done
	"$bin" -r "$tmp/pgsql.scap" -Y "$1" -T fields "${args[@]}" | sed 's/<NA>//g'
}
ts_fields() {
	tshark -r "$tmp/lo.pcapng" -d tcp.port==$port,pgsql -Y "$1" -T fields \
		$(printf -- '-e %s ' "${fields[@]}") 2>/dev/null
}
# all but the replies to the startup messages, which the snap length cuts
want=$(ts_fields 'pgsql and not pgsql.authtype')
n=$(wc -l <<<"$want")
[ "$n" -ge 14 ] && ok || bad "tshark saw $n PostgreSQL messages, not 14 or more"
for t in 'Simple query' 'Data row' 'Parse' 'Bind' 'Describe' 'Execute' 'Sync' 'Error' \
	'Notice' 'Startup message' 'Row description' 'Ready for query'; do
	grep -q "$t" <<<"$want" && ok || bad "tshark saw no $t"
done
most='evt.protocol = PGSQL and not pgsql.authtype exists'
# A reader may get two writes in one read (a Notice, then the rest of the
# reply): each field's values, in order, over all the messages read.
by_field() {
	local i
	for i in "${!fields[@]}"; do
		echo "${fields[i]}: $(cut -f $((i + 1)) <<<"$1" | grep -v '^$' | paste -sd,)"
	done
}
# each way on its own: a query's write may return after the reply's
srv='proc.name = postgres'
for way in "to the server:tcp.dstport == $port:not $srv:$srv" \
	"from the server:tcp.srcport == $port:$srv:not $srv"; do
	IFS=: read -r what ts writer reader <<<"$way"
	w=$(ts_fields "pgsql and not pgsql.authtype and $ts")
	expect "written $what, as tshark" "$w" \
		"$(sh_fields "$most and evt.is_io_write = true and $writer")"
	expect "read $what, as tshark" "$(by_field "$w")" \
		"$(by_field "$(sh_fields "$most and evt.is_io_read = true and $reader")")"
done

# the startup replies: syshark's first 256 bytes give tshark's first values
prefix_of_tshark() {
	local i sh ts
	fields=("$1")
	mapfile -t sh < <(sh_fields 'pgsql.authtype exists and evt.is_io_write = true')
	mapfile -t ts < <(ts_fields pgsql.authtype)
	[ "${#sh[@]}" -ge 3 ] && [ "${#sh[@]}" = "${#ts[@]}" ] && ok ||
		bad "$1: syshark saw ${#sh[@]} startup replies, tshark ${#ts[@]}"
	for i in "${!sh[@]}"; do
		[ -n "${sh[i]}" ] && [ "${ts[i]#"${sh[i]}"}" != "${ts[i]}" ] ||
			echo "$1: syshark '${sh[i]}', tshark '${ts[i]:-}'"
	done >"$tmp/auth.diff"
	[ -s "$tmp/auth.diff" ] && bad "$(cat "$tmp/auth.diff")" || ok
}
prefix_of_tshark pgsql.type
prefix_of_tshark pgsql.length
prefix_of_tshark pgsql.authtype

expect "filtered on a field" "$(grep -c 'SELECT 2' <<<"$want")" \
	"$("$bin" -r "$tmp/pgsql.scap" -Y 'pgsql.tag = "SELECT 2" and evt.is_io_write = true' |
		wc -l)"
expect "the writer of the extended query" "pgbench" \
	"$("$bin" -r "$tmp/pgsql.scap" -Y 'pgsql.type = Parse and pgsql.type = Bind and evt.is_io_write = true' \
		-T fields -e proc.name | sort -u | xargs)"
finish

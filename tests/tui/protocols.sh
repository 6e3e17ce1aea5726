#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The protocols inside the data in the full-screen interface, driven through
# tmux on the corpus's protocols capture: the Protocol column names each
# message's protocol as print mode does; the detail tree shows the message
# dissected under the data, a field's node filters with a, and selecting a
# node marks its bytes in the hex pane; the Protocols view has print mode's
# rows, and Enter goes to the processes speaking a protocol, then to their
# messages; the DNS queries and HTTP requests views drill down to messages.
. "$(dirname "$0")/lib.sh"
f=$tmp/protocols.scap
zcat "$corpus/protocols.scap.gz" >"$f"

# the Protocol column at 160 cells: each DNS message's row names DNS
start 160 50 "$bin" -r "$f" -Y 'dns.qry.name exists'
wait_for '^No\. +Time +CPU +Process +PID +TID +User +Event +Protocol +Latency +Info$' \
	"no Protocol column at 160 cells"
first=$("$bin" -r "$f" -Y 'dns.qry.name exists' -T fields -e evt.num | head -1)
wait_for "^$first .* DNS +" "the first DNS message's row does not name DNS"

# the tree: the message under the data; Tab and Down to the name's node
start 160 70 "$bin" -r "$f" -Y 'dns.qry.name exists'
wait_for '^ +Domain Name System \((query|response)\)$' "no DNS tree under the data"
keys Tab
down_to $'\e\\[7m *dns\\.qry\\.name: ' 60
name=$(screen | sed -n 's/^ *dns\.qry\.name: \([a-z.]*\)$/\1/p' | head -1)
[ -n "$name" ] && ok || bad "no name in the dns.qry.name node"
WAIT_ATTRS=1 wait_for $'\e\\[7m *dns\\.qry\\.name: ' "Down does not reach the dns.qry.name node"
# its bytes are marked in the hex pane: the name's labels, in reverse video
WAIT_ATTRS=1 wait_for $'\e\\[7m[^\e]*'"${name%%.*}" "the name's bytes are not marked in the hex pane"
keys a
wait_for "filter: dns\\.qry\\.name = \"?$name\"?" "a on the node does not filter by the name"
wait_for "\\| shown $("$bin" -r "$f" -Y "dns.qry.name = $name" -T fields -e evt.num | wc -l) \\|" \
	"the filter from the node does not show print mode's messages"

# a TLS record read as its header, then its body: the header's read is a
# part of the message, the body's read has it whole, gathered
part=$("$bin" -r "$f" -Y 'proc.name = openssl and evt.is_io_read = true and evt.rawres = 5' \
	-T fields -e evt.num | head -1)
start 160 70 "$bin" -r "$f" -Y "evt.num = $part"
wait_for "^ +\[Part of a TLS message that later reads or writes complete: from #$part, 1 event so far\]$" \
	"the header's read is not marked as a part of a TLS message"
start 160 70 "$bin" -r "$f" -Y "evt.num > $part and proc.name = openssl and evt.is_io_read = true
	and evt.dir = '<'"
wait_for "^ +\[TLS message of [0-9]+ bytes gathered from 2 events, #$part to this one\]$" \
	"the body's read does not say that it completes the message"
wait_for '^ +Transport Layer Security$' "no TLS tree under the body's read"

# the Protocols view: print mode's rows, as a tree with each level's share;
# - folds a level; Enter on a protocol, the processes speaking it over its
# transport; Enter, their messages
start 160 40 "$bin" -r "$f" --top=protocols
wait_for '^ Protocols  \(totals over the capture\)' "--top=protocols does not open Protocols"
# pct PERCENT: a share as the view shows it, to tenths, half up
pct() {
	awk -v p="$1" 'BEGIN { t = int((int(p * 100 + 0.5) + 5) / 10); printf "%d.%d", t / 10, t % 10 }'
}
while IFS=$'\t' read -r proto pct events _; do
	wait_for "^[│├└─ ]*$proto +$(pct "$pct")% +$events " \
		"the $proto row does not count $events events, $pct% of them"
done < <(top_field "$f" protocols)
wait_for '^├─ tcp ' "tcp is not drawn under ipv4"
keys -
wait_for '^\+ ipv4 ' "- does not mark the row it folds"
if screen | grep -q '^├─ tcp '; then bad "- does not fold ipv4"; else ok; fi
keys +
wait_for '^├─ tcp ' "+ does not unfold ipv4"
n=$(top_field "$f" protocols | cut -f1 | grep -nx PGSQL | cut -d: -f1)
for _ in $(seq $((n - 1))); do keys Down; done
keys Enter
wait_for "^ Protocols by process " "Enter on a protocol does not open its processes"
wait_for 'filter: fd\.type = ipv4 and fd\.l4proto = tcp and evt\.protocol = "?PGSQL"?' \
	"the processes are not those of PGSQL over TCP"
wait_for "^PGSQL +[0-9]+ " "no process speaks PGSQL"
keys Enter
wait_for '^No\. +Time' "Enter on a process does not open its messages"
wait_for "^[0-9]+ .* PGSQL +" "the messages are not PGSQL's"

# DNS queries and HTTP requests: Enter shows the messages
for v in dnsqueries:'DNS queries':DNS httpreqs:'HTTP requests':HTTP; do
	IFS=: read -r view title proto <<<"$v"
	start 160 40 "$bin" -r "$f" --top="$view"
	wait_for "^ $title  \\(totals over the capture\\)" "--top=$view does not open $title"
	wait_for "\\| view $view \\| rows $(rows "$f" "$view") \\| " "$title has other rows than print mode"
	keys Enter
	wait_for "^[0-9]+ .* $proto +" "Enter on a row of $title does not show $proto messages"
done
finish

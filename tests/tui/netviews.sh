#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The views of new connections, socket queues, I/O by type and users'
# commands in the full-screen interface, driven through tmux: each shows
# the rows and numbers print mode gives, and Enter drills down as the view
# says (a connection or a command to its event, a server to its
# connections, an fd type to its processes).
. "$(dirname "$0")/lib.sh"
mkevents=$3
# opens FILE VIEW TITLE: the interface on FILE's VIEW, its rows those of print mode
opens() {
	start 160 40 "$bin" -r "$1" --top="$2"
	wait_for "^ $3  \\(totals over the capture\\)" "--top=$2 does not open $3"
	wait_for "\\| view $2 \\| rows $(rows "$1" "$2") \\| " \
		"the $2 view has other rows than print mode"
}

# new connections: each row's event, time, process and pid; newest first
f=$tmp/net.scap
zcat "$corpus/net.scap.gz" >"$f"
opens "$f" newconns "New connections"
[ "$(rows "$f" newconns)" -ge 4 ] && ok || bad "net.scap holds too few connections to check"
# (a unix socket has no protocol: its cell is empty, so the separator is no tab)
while IFS=$'\037' read -r num time name pid proto call _; do
	wait_for "^$num +${time//./\\.} +$name +$pid +${proto:+$proto +}$call " \
		"the connection of event $num does not show $time $name $pid $proto $call"
done < <(top_field "$f" newconns | tr '\t' '\037')
first=$(top_field "$f" newconns | head -1 | cut -f1)
# (the title, the filter and position, the column titles, then the rows)
screen | sed -n 4p | grep -q "^$first " && ok || bad "the newest connection, $first, is not first"
keys Enter
wait_for "^No\\. " "Enter on a connection does not open its events"
wait_for "^$first +" "Enter on a connection does not show event $first"

# I/O by type: bytes, operations and errors of each type; Enter, its processes
opens "$f" iotype "I/O by type"
while IFS=$'\t' read -r type in out ops errors _; do
	wait_for "^ *$(units "$in") +$(units "$out") +$ops +$errors .* $type *\$" \
		"the $type row does not show $in bytes in, $out out, $ops calls and $errors errors"
done < <(top_field "$f" iotype)
top=$(top_field "$f" iotype | head -1 | cut -f1)
keys Enter
wait_for "^ Processes for fd\\.type = $top " "Enter on $top does not open its processes"
wait_for "\\| rows $(rows "$f" procs -Y "fd.type = $top") " \
	"the processes of $top are not those of print mode"

# socket queues, on one event of every type: accepts and the largest queue
e=$tmp/every.scap
"$mkevents" "$e" || { bad "mkevents cannot write $e"; finish; exit; }
opens "$e" sockqueues "Socket queues"
IFS=$'\t' read -r port pid name accepts queue max pct <<<"$(top_field "$e" sockqueues)"
[ "$queue" -gt 0 ] && ok || bad "the capture's accepts have no queue: the check proves nothing"
wait_for "^$pid +$name +$accepts +$queue +$max +$pct +$port *\$" \
	"the server on port $port does not show $accepts accepts and a queue of $queue of $max"
keys Enter
wait_for "^ Connections for fd\\.sport = $port and proc\\.pid = $pid " \
	"Enter on a server does not open its connections"

# spy users: true, which runs as nobody, among the commands
f=$tmp/procs.scap
zcat "$corpus/procs.scap.gz" >"$f"
opens "$f" spyusers "Spy users"
IFS=$'\t' read -r num time user shell pid name call _ \
	<<<"$(top_field "$f" spyusers -Y 'proc.name = true')"
[ "$user" = nobody ] && ok || bad "true does not run as nobody in print mode: '$user'"
wait_for "^$num +${time//./\\.} +nobody +$shell +$pid +true +$call " \
	"the command true does not show as nobody's, from shell $shell"
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Falco rules in the interface: with --rules, the capture opens on the
# events that raise alerts (the filter falco.rule exists), and the detail
# tree of such an event shows its rule and priority first. Clearing the
# filter shows every event; an event that raises none has no alert node.
. "$(dirname "$0")/lib.sh"

rules=$(dirname "$0")/../rules/base.yaml
cap=$corpus/shell.scap.gz
want=$("$bin" -r "$cap" --rules "$rules" -T fields -e evt.num -Y 'falco.rule exists')
n=$(wc -l <<<"$want")
first=$(head -1 <<<"$want")
all=$("$bin" -r "$cap" -T fields -e evt.num | wc -l)
[ "$n" -ge 5 ] && ok || bad "only $n events raise alerts"

start 120 40 "$bin" -r "$cap" --rules "$rules"
wait_for "\\| shown $n \\|" "the capture does not open on the $n alerting events"
wait_for '^- Falco alert' "the detail tree has no Falco alert node"
wait_for '^    Rule: Corpus tool run' "the detail tree does not name the rule"
wait_for '^    Priority: Notice' "the detail tree does not give the priority"
# the rows are those events, in order
rows=$(screen | awk -v n="$n" 'NR > 1 && NR <= n + 1 { print $1 }')
[ "$rows" = "$want" ] && ok || bad "rows [$(echo $rows)], not [$(echo $want)]"
# the filter, cleared: every event; one without an alert has no such node
keys f C-u Enter
wait_for "\\| shown $all \\|" "clearing the filter does not show all $all events"
keys g
wait_for '^    Number: 1$' "g does not go to the first event"
if screen | grep -q '^- Falco alert'; then
	bad "event 1 shows an alert it does not raise"
else
	ok
fi
[ "$first" != 1 ] && ok || bad "event 1 raises an alert: the check above proves nothing"
keys q q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

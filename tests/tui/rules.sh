#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Falco rules in the interface: with --rules, the capture opens on the
# events that raise alerts (the filter falco.rule exists), each row with
# its rule in a column and coloured by its priority, and the detail tree
# of such an event shows its rule, priority, output and which parts of
# its condition held. Clearing the filter shows every event; an event that
# raises none has no alert node. The alerts view sums the alerts per rule;
# Enter shows a rule's events and Backspace comes back. The default rules
# (~/.config/syshark/rules.d) add the column, and open on every event.
. "$(dirname "$0")/lib.sh"

rules=$(dirname "$0")/../rules/base.yaml
cap=$corpus/shell.scap.gz
want=$("$bin" -r "$cap" --rules "$rules" -T fields -e evt.num -Y 'falco.rule exists')
n=$(wc -l <<<"$want")
first=$(head -1 <<<"$want")
all=$("$bin" -r "$cap" -T fields -e evt.num | wc -l)
[ "$n" -ge 5 ] && ok || bad "only $n events raise alerts"

start 120 60 "$bin" -r "$cap" --rules "$rules"
wait_for "\\| shown $n \\|" "the capture does not open on the $n alerting events"
wait_for '^- Falco alert' "the detail tree has no Falco alert node"
wait_for '^    Rule: Corpus tool run' "the detail tree does not name the rule"
wait_for '^    Priority: Notice' "the detail tree does not give the priority"
wait_for '^    Output: Corpus tool run \(proc=cat cmd=cat greeting.txt parent=sh pid=[0-9]+\)$' \
	"the detail tree does not give the alert's output"
wait_for '^        \[x\] corpus_spawn$' "the detail tree does not show the macro that held"
wait_for '^                \[x\] evt.dir = <$' "the detail tree does not open the macros"
wait_for '^            \[ \] proc.name in \(tr\)$' \
	"the detail tree does not show the exception that did not hold"
# a part of the condition is a filter: a on the macro corpus_spawn
spawns=$("$bin" -r "$cap" --rules "$rules" -T fields -e evt.num -Y corpus_spawn | wc -l)
keys Tab g Down Down Down Down Down a
wait_for "\\| shown $spawns \\| .*filter: corpus_spawn" "a on the part corpus_spawn does not filter on it"
keys f C-u Enter
wait_for "\\| shown $all \\|" "clearing the filter does not show all $all events"
keys Tab Tab
keys f C-u falco.rule Space exists Enter
wait_for "\\| shown $n \\|" "the filter falco.rule exists does not come back"
# the rule column, and the rows coloured by priority (Warning: yellow)
wait_for '^No\. +Time +(CPU +)?Process +PID +(TID +)?Rule +Event' "the event list has no Rule column"
warn=$("$bin" -r "$cap" --rules "$rules" -T fields -e evt.num -Y 'falco.priority = Warning' | head -1)
WAIT_ATTRS=1 wait_for "43m$warn .*Corpus file open" \
	"the Warning alert of event $warn is not a yellow row"
note=$(head -1 <<<"$want")
WAIT_ATTRS=1 wait_for "46m$note .*Corpus tool run" \
	"the Notice alert of event $note is not a cyan row"
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

# the alerts view: the rows print mode sums, Enter and Backspace
view=$("$bin" -r "$cap" --rules "$rules" --top=alerts -T json |
	jq -r '"\(.Rule) +\(.Priority) +\(.Count) "')
start 140 30 "$bin" -r "$cap" --rules "$rules" --top=alerts
wait_for '^ Falco alerts' "--top=alerts does not open the alerts view"
i=0
while read -r row; do
	i=$((i + 1))
	wait_for "^$row" "row $i of the alerts view is not '$row'"
done <<<"$view"
second=$(sed -n 2p <<<"$view" | sed 's/ +.*//')
count=$("$bin" -r "$cap" --rules "$rules" -T fields -e evt.num -Y "falco.rule = \"$second\"" | wc -l)
keys Down Enter
wait_for "\| shown $count \| .*falco.rule = \"$second\"" \
	"Enter does not show the $count events of '$second'"
keys BSpace
wait_for '^ Falco alerts' "Backspace does not come back to the alerts view"
keys q q
wait_exit

# the default rules: every event, with the rule column
mkdir -p "$XDG_CONFIG_HOME/syshark/rules.d"
cp "$rules" "$XDG_CONFIG_HOME/syshark/rules.d/"
start 120 40 "$bin" -r "$cap"
wait_for "\| shown $all \|" "with the default rules, the capture does not open on all $all events"
wait_for '^No\. +Time +(CPU +)?Process +PID +(TID +)?Rule +Event' "the default rules add no Rule column"
keys q q
wait_exit
finish

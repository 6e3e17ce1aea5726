#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Falco rules in the live interface, with the real probe: --rules opens on
# the events that raise alerts as they come, each with its rule in the
# Rule column, and the detail tree says why; the alerts view counts them
# while the capture runs.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

need_probe

mkdir -p "$tmp/work"
cat >"$tmp/rules.yaml" <<'YAML'
- macro: reads_marker
  condition: evt.type in (open, openat, openat2) and evt.dir = < and fd.name endswith /marker
- rule: Marker read
  desc: a cat opens the marker file
  condition: reads_marker and proc.name = cat
  output: marker read by %proc.name (file=%fd.name)
  priority: error
YAML
echo hi >"$tmp/work/marker"
# ten cats of the marker, a fifth of a second apart, among other reads
start 160 50 "$bin" --rules "$tmp/rules.yaml" -- sh -c "cd $tmp/work && for i in \$(seq 10); do cat marker /etc/hostname >/dev/null; sleep 0.2; done"
wait_for '^ live, (following|ended): .*filter: falco\.rule exists' \
	"the live interface does not open on the alerts"
wait_for '^ live, ended: ' "the end of the command does not end the capture"
wait_for '\| shown 10 \|' "the live interface does not show the 10 alerts"
wait_for '^[0-9]+ +[0-9:.]+ .* cat +.* Marker read +.*openat' \
	"the rows do not name the rule Marker read"
WAIT_ATTRS=1 wait_for "41m[0-9]+ .*Marker read" "the Error alerts are not red rows"
wait_for "^    Output: marker read by cat \\(file=$tmp/work/marker\\)$" \
	"the detail tree does not give the alert's output"
wait_for '^        \[x\] reads_marker$' "the detail tree does not show the macro that held"
wait_for '^        \[x\] proc.name = cat$' "the detail tree does not show the check that held"
# the alerts view
keys v g
for _ in $(seq $(($("$bin" --top=list | grep -n '^alerts ' | cut -d: -f1) - 1))); do keys Down; done
keys Enter
wait_for '^ Falco alerts' "the picker does not open the alerts view"
wait_for '^Marker read +Error +10 +[0-9:.]+ +[0-9:.]+ +cat *$' "the alerts view does not count 10 alerts by cat"
keys q
wait_for 'quit|Quit|lose' "q does not ask before it loses the live events"
keys y
wait_exit
finish

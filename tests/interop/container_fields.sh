#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# container.*, k8s.* and proc.is_container_* against the JSON of the
# container records each capture holds, as container_json.py reads it with
# Python's json module (the rules of current Falco libraries): on every
# event of a thread in a container that a record describes. The captures
# of the extra corpus hold plain docker records; a copy of one, whose record
# is replaced by tests/interop/container_cri.json (a CRI container of a
# Kubernetes pod, with mounts, probes, labels and escapes), is checked too,
# and compared with sysdig 0.29.3 by sysdig_filters.sh when sysdig is there.
# Usage: container_fields.sh SYSHARK EXTRA_CORPUS. Exit 77 = skipped.
set -u
bin=$1
extra=$2
here=$(dirname "$0")
py=$here/container_json.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
[ -r "$extra/psp_write_tmp_test.scap" ] || { echo "SKIP: no extra corpus in $extra"; exit 77; }

fields=(container.type container.full_id container.privileged container.image.id
	container.image.repository container.image.tag container.image.digest container.mounts 'container.mount[0]'
	'container.mount[2]' 'container.mount[/srv/*]' 'container.mount[/nowhere]'
	'container.mount.source[1]' 'container.mount.source[/etc/*]' 'container.mount.dest[0]'
	'container.mount.dest[/srv/*]' 'container.mount.mode[1]' 'container.mount.rdwr[2]'
	'container.mount.propagation[2]' container.healthcheck container.liveness_probe
	container.readiness_probe container.ip container.cni.json container.host_pid
	container.host_network container.host_ipc 'container.label[app]' 'container.label[team]'
	'container.label[tier]' 'container.label[maintainer]' container.labels k8s.pod.name
	k8s.ns.name k8s.pod.id k8s.pod.uid k8s.pod.sandbox_id k8s.pod.full_sandbox_id
	'k8s.pod.label[pod-template-hash]' 'k8s.pod.label[app]' k8s.pod.labels k8s.pod.ip
	k8s.pod.cni.json)
eargs=()
for f in "${fields[@]}"; do eargs+=(-e "$f"); done

# check CAPTURE: every event in a container with a record, field by field
checked=0
check() {
	local cap=$1 recs=$tmp/rec.$RANDOM id rest want
	mkdir "$recs"
	python3 "$py" records "$cap" "$recs" || fail "cannot read the records of $cap"
	"$bin" -r "$cap" -Y 'container.id != host' -T fields -e container.id "${eargs[@]}" \
		>"$tmp/got" 2>&1 || fail "syshark failed on $cap: $(head -3 "$tmp/got")"
	while IFS=$'\t' read -r id rest; do
		[ -r "$recs/$id.json" ] || continue
		want=$(python3 "$py" expect "$recs" "$id" "${fields[@]}") ||
			fail "container_json.py failed on the record of $id in $cap"
		if [ "$rest" != "$want" ]; then
			paste <(printf '%s\n' "${fields[@]}") <(tr '\t' '\n' <<<"$rest") \
				<(tr '\t' '\n' <<<"$want") | awk -F'\t' '$2 != $3'
			fail "$cap: container $id: syshark (left) and the record (right) differ"
		fi
		checked=$((checked + 1))
	done <"$tmp/got"
}

for cap in "$extra"/*.scap; do
	check "$cap"
done
python3 "$py" rewrite "$extra/psp_write_tmp_test.scap" "$tmp/cri.scap" 697956520d89 \
	"$here/container_cri.json" || fail "cannot write the CRI capture"
before=$checked
check "$tmp/cri.scap"
[ "$checked" -gt "$before" ] || fail "no event of the CRI container was checked"
# output drops what is not printable ASCII; a filter sees the label as the record has it
team=$(python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["container"]["labels"]["team"].replace("\"", "\\\""))' \
	"$here/container_cri.json")
n=$("$bin" -r "$tmp/cri.scap" -Y "container.label[team] = \"$team\"" -T fields -e evt.num | wc -l)
[ "$n" -eq "$((checked - before))" ] || fail "container.label[team] = \"$team\" chose $n events"
echo "checked $checked events in containers against their records"

# the Kubernetes API server's fields: current libraries keep them, with no value
for f in k8s.rc.name k8s.svc.id 'k8s.ns.label[app]' k8s.ns.labels k8s.rs.name \
	k8s.deployment.label.app k8s.deployment.labels; do
	v=$("$bin" -r "$tmp/cri.scap" -Y 'container.id != host' -T fields -e "$f" | sort -u)
	[ "$v" = "<NA>" ] || fail "$f has a value in the CRI container: $v"
	n=$("$bin" -r "$tmp/cri.scap" -Y "$f exists" -T fields -e evt.num | wc -l)
	[ "$n" = 0 ] || fail "$f exists on $n events"
done

# container.start_ts is the start of the thread's pid namespace init, which
# the kernel gave in the clone exits, and container.duration the time since
# then; container.full_id is host on the host
for cap in "$extra"/*.scap "$tmp/cri.scap"; do
	"$bin" -r "$cap" -T fields -e container.id -e container.full_id -e evt.rawtime \
		-e proc.pidns_init_start_ts -e container.start_ts -e container.duration \
		>"$tmp/ts" 2>&1 || fail "syshark failed on $cap"
	python3 -c 'import sys
need, bad, n = sys.argv[1] == "1", 0, 0
for line in sys.stdin:
    cid, full, ts, init, start, dur = line.rstrip("\n").split("\t")
    if cid == "host" and full != "host":
        bad += 1
    if init == "<NA>":
        bad += start != "<NA>" or dur != "<NA>"
    elif start != init or int(dur) != int(ts) - int(init):
        bad += 1
    n += cid != "host"
sys.exit(bad > 0 or (need and n == 0))' "$([ "$cap" = "$tmp/cri.scap" ] && echo 1)" <"$tmp/ts" ||
		fail "$cap: container.start_ts or container.duration is not from proc.pidns_init_start_ts"
done

# the fields sysdig 0.29.3 has, value for value, on the CRI container
if command -v sysdig >/dev/null 2>&1; then
	"$here/sysdig_filters.sh" "$bin" "$tmp/cri.scap" || fail "sysdig_filters.sh on the CRI capture"
fi
echo "PASS"

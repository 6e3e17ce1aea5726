#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The latency spectrogram on a live capture of a command the test starts,
# with the real probe: it counts the calls as they come, its cursor stays
# on the newest interval as intervals are added, and once the capture has
# ended it counts the calls --spectro counts in the file written.
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

need_probe

# thirty cats, a tenth of a second apart
start 120 40 "$bin" -w "$tmp/live.scap" -- \
	sh -c 'for i in $(seq 30); do cat /etc/hostname >/dev/null; sleep 0.1; done'
wait_for '^ live, following: ' "the live capture does not start"
keys L
wait_for '^ Latency spectrogram \| interval [0-9]+[a-z]+ \| at [0-9.]+ s, ' \
	"L does not open the spectrogram live"
wait_for '^ live, following: .* \| calls [0-9]+ \| following *$' "the spectrogram does not follow"
grows calls "the spectrogram does not count the calls as they come"
# the cursor on the last interval, later and later
at() { screen | head -1 | sed -En 's/.* \| at ([0-9.]+) s, .*/\1/p'; }
first=$(at)
for _ in $(seq 100); do
	awk -v a="$(at)" -v b="$first" 'BEGIN { exit !(a > b) }' && break
	sleep 0.05
done
awk -v a="$(at)" -v b="$first" 'BEGIN { exit !(a > b) }' && ok ||
	bad "the cursor stays at $first s as the capture grows"
wait_for '^ live, ended: .* \| calls [0-9]+ *$' "the capture does not end"
want=$("$bin" -r "$tmp/live.scap" --spectro=1s | tail -1 | awk '{ print $2 }')
wait_for "\\| calls $want *\$" "the spectrogram does not count the $want calls of the file"
keys q q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A row per system call on a live capture with the real probe, as a new
# user finds it: each read of three cats is one row with its fd, result,
# the size its enter asked for and its latency, while the capture runs.
calls=default
. "$(dirname "$0")/lib.sh"
export TMPDIR=$tmp

need_probe

start 160 40 "$bin" -- sh -c 'for i in 1 2 3; do cat /etc/hostname; sleep 0.3; done; sleep 5'
wait_for '^ live, following: ' "no live capture"
keys f 'fd.name = /etc/hostname and evt.type = read' Enter
# each cat reads the file, then reads its end: two calls, no enter apart
wait_for '\| shown 6 calls' "the three cats' reads are not 6 calls while the capture runs"
wait_for '^ live, following: ' "the capture ended before the calls showed"
[ "$(screen | grep -cE ' read +[0-9.]+(ns|µs|ms|s) +fd=[0-9]+\(<f>/etc/hostname\) res=[0-9]+ size=[0-9]+ ')" = 6 ] &&
	ok || { bad "the reads are not 6 rows with latency, fd, result and size; it shows:"; screen | sed "s/^/    | /"; }
screen | grep -q ' [→←] read ' && bad "a read's enter or exit shows apart" || ok
keys q y
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
finish

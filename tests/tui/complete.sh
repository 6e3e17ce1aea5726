#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Tab in the filter prompt, driven through tmux: after "FIELD =", "in (" or
# "contains" it offers the values the capture holds for that field, most
# frequent first (socket tuples, which hold '>', and values that need
# quotes among them); event types and flag names complete anywhere.
. "$(dirname "$0")/lib.sh"
f=$tmp/net.scap
zcat "$corpus/net.scap.gz" >"$f"
# ranked FIELD: the values of FIELD in the capture, most frequent first
ranked() {
	"$bin" -r "$f" -A -T fields -e "$1" | grep -vx -e '<NA>' -e '' | LC_ALL=C sort | uniq -c |
		LC_ALL=C sort -k1,1nr -k2 | sed 's/^ *[0-9]* //'
}

start 160 40 "$bin" -r "$f"
wait_for '^No\. +Time' "no list"

# fd names, most frequent first: the TCP tuples before the libraries
keys f 'fd.name = ' Tab Tab
want=$(ranked fd.name | head -2 | paste -sd' ')
wait_for "^$(re "$want") " "Tab does not offer the fd names most frequent first ($want)"
# a tuple completes through its '->'
keys C-u 'fd.name = 127.0.0.1:478' Tab
wait_for '^Filter: fd\.name = 127\.0\.0\.1:47888->127\.0\.0\.1:47001 ?$' "Tab does not complete a tuple"
keys Enter
want=$("$bin" -r "$f" -Y 'fd.name = 127.0.0.1:47888->127.0.0.1:47001' | wc -l)
wait_for "\| shown $want \|" "the completed tuple does not filter $want events"

# in a list, after the first value
keys f C-u 'evt.type in (socket, conn' Tab
wait_for '^Filter: evt\.type in \(socket, connect ?$' "Tab does not complete an event type in a list"
# users: root only; a value that needs quotes gets them
keys C-u 'user.name != ' Tab
wait_for '^Filter: user\.name != root ?$' "Tab does not complete the one user"
cmd=$(ranked proc.cmdline | head -1)
keys C-u 'proc.cmdline = sc' Tab
wait_for "^Filter: proc\\.cmdline = \"$(re "$cmd")\" ?\$" "Tab does not quote a value with spaces ($cmd)"
keys C-u 'proc.cmdline = "scen' Tab
wait_for "^Filter: proc\\.cmdline = \"$(re "$cmd")\" ?\$" "Tab does not complete inside quotes"
keys Enter
want=$("$bin" -r "$f" -Y "proc.cmdline = \"$cmd\"" | wc -l)
wait_for "\| shown $want \|" "the quoted command line does not filter $want events"

# flag names and event types complete anywhere, values or not
keys f C-u 'evt.arg.flags contains O_CRE' Tab
wait_for '^Filter: evt\.arg\.flags contains O_CREAT ?$' "Tab does not complete a flag name"
keys C-u 'evt.type = recvf' Tab
wait_for '^Filter: evt\.type = recvfrom ?$' "Tab does not complete an event type"
keys C-u 'AF_INE' Tab
wait_for '^Filter: AF_INET6? ?$' "Tab does not complete a flag name anywhere"
keys Escape q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

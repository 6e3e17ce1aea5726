#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Tab in the filter prompt, driven through tmux: after "FIELD =", "in (" or
# "contains" it offers the values the capture holds for that field, most
# frequent first (socket tuples, which hold '>', and values that need
# quotes among them); event types and flag names complete anywhere but as
# another field's value; after a field, the comparisons. Candidates are laid
# out in columns.
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
# (in columns, down then across: the first two start the first two lines)
first=$(ranked fd.name | head -1)
second=$(ranked fd.name | sed -n 2p)
wait_for "^$(re "$first") " "Tab does not offer the most frequent fd name first ($first)"
screen | grep -A1 -E "^$(re "$first") " | tail -1 | grep -Eq "^$(re "$second") " && ok ||
	bad "the second most frequent fd name ($second) does not come second"
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

# after a field and a space: the comparisons, in columns over several lines
keys C-u 'proc.name ' Tab Tab
wait_for '^= +< +> +contains ' "Tab after a field does not offer the comparisons in columns"
wait_for '^!= +<= +>= +icontains ' "the comparisons are not laid out over two lines"
keys C-u 'proc.name c' Tab
wait_for '^Filter: proc\.name contains ?$' "Tab after a field does not complete contains"
# a field's value that the capture does not hold: no event types (close, clone)
keys C-u 'proc.name = cl' Tab Tab X
wait_for '^Filter: proc\.name = clX$' "the value is not left as typed"
screen | grep -Eq '(^| )(close|clone)( |$)' && bad "Tab offers event types as a process name" || ok
# too many to show: the lines there are room for, then how many more
keys C-u Tab Tab
wait_for '^[0-9]+ more$' "the candidates that do not fit are not counted"
close_prompt
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

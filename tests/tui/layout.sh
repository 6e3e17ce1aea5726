#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The event list laid out for the terminal's width, driven through tmux, a
# row per system call as a new user finds it: at 80x24 a row names the file
# or the address its call works on, with no horizontal scrolling; 120x35 and
# 200x50 get more columns; a thread that is not its process's main one is
# tagged; every screen survives 40x12.
calls=default
. "$(dirname "$0")/lib.sh"
files=$corpus/files.scap
net=$corpus/net.scap.gz

# at 80x24: a short time, one PID column; the first call, execve, with its
# result and the file it ran
start 80 24 "$bin" -r "$files"
wait_for '^No\. +Time +Process +PID +Event +Info$' "no narrow column titles at 80x24"
wait_for '^2 +[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3} [^ ]+ +[0-9]+ +execve +res=0 filename=/' \
	"the first row is not execve's call with a short time and its file name"
fits 80
# open rows name the file the fd is on, its directories cut to fit
keys f 'evt.type = open' Enter
wait_for ' open +fd=3\(<f>…/docs/notes\.txt\) ' "an open row does not name its file"
fits 80
# the whole path stays findable though the row shows it cut
keys / '/tmp/syshark-corpus/files/docs/notes.txt' Enter
wait_for '^    Number: [0-9]+$' "find on the whole path does not select a row"
keys F f 'evt.type = openat and fd.name contains ld.so.cache' Enter
wait_for ' openat +fd=3\(<f>/etc/ld\.so\.cache\) dirfd' "an openat row does not name /etc/ld.so.cache"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# connect rows: the address connected to, and the unix socket's path
start 80 24 "$bin" -r "$net"
keys f 'evt.type = connect' Enter
wait_for ' connect +fd=5\(<4t>…->127\.0\.0\.1:47001\) res=0' "a connect row does not show the server's address"
wait_for ' connect +fd=4\(<6t>…(:[0-9]+)?->::1:47002\)' "an IPv6 connect does not show its address"
wait_for ' connect +fd=4\(<u>[^)]*stream\.sock\) res=0' "a unix connect does not show its socket's path"
wait_for ' connect +fd=3\(<4>\) res=-111\(ECONNREFUSED' "a failed connect does not show its error"
fits 80
wait_for '^No\. +Time' "the list is scrolled sideways"
# a thread's rows say which thread: the servers accept in threads
keys F f 'evt.type = accept' Enter
tid=$("$bin" -r "$net" -n 1 -Y 'evt.type = accept and evt.dir = <' -T fields -e thread.tid)
wait_for " accept +\[tid $tid\] fd=4\(<4t>" "an accept in thread $tid is not tagged with it"

# wider terminals: CPU and TID from 120 cells, the user from 160
resize 120 35
wait_for '^No\. +Time +CPU +Process +PID +TID +Event +Protocol +Info$' "no columns for 120x35"
wait_for "^[0-9]+ +[0-9:.]{18} [0-9]+ +scenario +[0-9]+ +$tid +accept +fd=4\\(<4t>" \
	"a 120-cell row does not show the TID column"
fits 120
resize 200 50
wait_for '^No\. +Time +CPU +Process +PID +TID +User +Event +Protocol +Latency +Info$' "no columns for 200x50"
wait_for "^[0-9]+ .* root +accept +[0-9.]+(ns|µs|ms|s) +fd=4" "a 200-cell row does not show the user and the latency"
fits 200
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# 40x12: every screen draws what fits, and none crashes; the status line
# keeps what matters most
start 40 12 "$bin" -r "$net"
wait_for '^No\. +Time' "no list at 40x12"
wait_for '^ events 254 \| shown [0-9]+ calls *$' "the status line does not fit 40 cells"
fits 40
keys '?'
wait_for '^syshark keys' "no help at 40x12"
keys q
wait_for '^No\. +Time' "q does not close the help"
keys v
wait_for '^ Views' "no views at 40x12"
keys Enter
wait_for '^ Processes' "no processes view at 40x12"
fits 40
keys BSpace
wait_for '^No\. +Time' "Backspace does not go back to the events"
keys i
wait_for '^ I/O graph' "no graph at 40x12"
fits 40
keys q
wait_for '^No\. +Time' "q does not close the graph"
keys f 'fd.type = ipv4 and evt.type = write' Enter E
wait_for '^ Follow: fd 5 ' "no stream at 40x12"
wait_for '^w tcp over ipv4' "the stream does not show what was written"
fits 40
keys q
wait_for '^No\. +Time' "q does not close the stream"
resize 12 4
keys j k
resize 80 24
wait_for '^No\. +Time +Process +PID +Event +Info$' "the list is not back at 80x24"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status at 40x12: $(cat "$tmp/stderr")"; }
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The top-like views in the full-screen interface, driven through tmux:
# --top opens the processes view with the numbers print mode gives; every
# view opens from the picker; sorting by a column; a view filter; drilling
# down from a process to its files to the event list gives the right
# filter, and Backspace goes back up.
. "$(dirname "$0")/lib.sh"
f=$corpus/sample.scap
top_field() { "$bin" -r "$1" --top="$2" -T fields "${@:3}"; }

start 160 40 "$bin" -r "$f" --top
wait_for '^ Processes  \(totals over the capture\)' "--top does not open the processes view"
want=$(top_field "$f" procs | wc -l)
wait_for "\\| view procs \\| rows $want \\| events 477" "the view does not count $want rows over 477 events"
line=$(top_field "$f" procs | awk -F'\t' '$4 == "containerd" { print $1, $5, $6 }')
read -r pid calls errors <<<"$line"
wait_for "^$pid +1 +root +containerd +$calls +$errors " \
	"the containerd row does not show pid $pid, $calls system calls and $errors errors"
# sorted by Syscalls first; ! sorts by the first column, PID, largest first
wait_for '^PID +PPID +User +Name +Syscalls v' "the view is not sorted by Syscalls"
keys '!'
wait_for '^PID v ' "! does not sort by PID"
maxpid=$(top_field "$f" procs | cut -f1 | sort -n | tail -1)
[ "$(screen | sed -n 3p | awk '{ print $1 }')" = "$maxpid" ] && ok ||
	bad "the first row after ! is not pid $maxpid: $(screen | sed -n 3p)"
keys '!'
wait_for '^PID \^ ' "! again does not sort the other way"

# drill down: containerd's files (none in this capture), and back
keys / containerd Enter
wait_for "^$pid +1 +root +containerd" "find does not reach containerd"
keys Enter
wait_for "^ Files for proc\\.pid = $pid " "Enter does not open containerd's files"
wait_for "\\| view files \\| rows 0 .*filter: proc\\.pid = $pid" "the files view is not narrowed to pid $pid"
keys BSpace
wait_for '^ Processes ' "Backspace does not go back to the processes"

# every view opens from the picker, with its title
n=0
while read -r name title; do
	keys v
	wait_for '^ Views: Enter opens one' "v does not open the view picker"
	keys g
	for _ in $(seq $n); do keys Down; done
	keys Enter
	wait_for "^ $title  \\(totals over the capture\\)" "the picker does not open $name ($title)"
	wait_for "\\| view $name \\| rows $(top_field "$f" "$name" | wc -l) " "the $name view has other rows than print mode"
	n=$((n + 1))
done < <("$bin" --top=list | sed 's/  */ /')

# the system calls: numbers as printed, a view filter, and the events of a row
keys v g Down Down Down Down Down Enter
wait_for '^ System calls ' "the picker does not open the system calls"
read -r calls errors <<<"$(top_field "$f" syscalls | awk -F'\t' '$1 == "futex" { print $2, $3 }')"
wait_for "^futex +$calls +$errors " "the futex row does not show $calls calls and $errors errors"
keys f 'proc.name = multipathd' Enter
want=$(top_field "$f" syscalls -Y 'proc.name = multipathd' | wc -l)
wait_for "\\| view syscalls \\| rows $want .*filter: proc\\.name = multipathd" \
	"the view filter does not leave the $want system calls of multipathd"
keys F
wait_for "\\| view syscalls \\| rows $(top_field "$f" syscalls | wc -l) \\| events 477 *$" \
	"F does not clear the view filter"
keys g Enter
want=$("$bin" -r "$f" -Y 'evt.type = futex' | wc -l)
wait_for "\\| shown $want \\| .*filter: evt\\.type = futex" "Enter does not show the $want futex events"
keys BSpace
wait_for '^ System calls ' "Backspace does not go back from the events to the view"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# from the event list of a gzip capture, with no view open yet: v, the picker, a view
gzip -c "$f" >"$tmp/sample.scap.gz"
start 160 40 "$bin" -r "$tmp/sample.scap.gz"
wait_for '\| events 477 \| shown 402 \|' "the gzip capture does not open"
keys v
wait_for '^ Views: Enter opens one' "v does not open the view picker from the event list"
keys Enter
wait_for '^ Processes  \(totals over the capture\)' "Enter in the picker does not open the processes"
keys BSpace
wait_for '^No\. +Time +CPU' "Backspace does not go back to the event list"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# a process, its files, then the events on one file: the filter holds both
f=$corpus/cat_write.scap
start 160 40 "$bin" -r "$f" --top
read -r pid name <<<"$(top_field "$f" procs | awk -F'\t' '$4 == "cat" { print $1, $4 }')"
wait_for "^$pid .* cat " "no cat row in the processes of cat_write.scap"
keys / cat Enter Enter
wait_for "^ Files for proc\\.pid = $pid " "Enter does not open the files of cat"
want=$(top_field "$f" files -Y "proc.pid = $pid" | wc -l)
wait_for "\\| view files \\| rows $want " "the files of cat are not the $want print mode gives"
wait_for '^/lib/x86_64-linux-gnu/libc\.so\.6 +832B +832B ' "libc's row does not show 832 bytes read"
keys Enter
filter="(proc.pid = $pid) and fd.name = /lib/x86_64-linux-gnu/libc.so.6"
want=$("$bin" -r "$f" -Y "$filter" | wc -l)
# (the status line is cut at the screen's width)
wait_for "\\| shown $want \\| .*filter: \\(proc\\.pid = $pid\\) and fd\\.name = /lib/x86_64" \
	"the events of libc are not the $want of '$filter'"
wait_for "^the events of fd\\.name = /lib/x86_64-linux-gnu/libc\\.so\\.6; Backspace goes back" \
	"no word of the row the events are of"
keys BSpace
wait_for "^ Files for proc\\.pid = $pid " "Backspace does not go back to the files"
keys BSpace
wait_for '^ Processes ' "Backspace does not go back to the processes"
keys BSpace
wait_for '^No\. +Time +CPU' "Backspace at the top view does not go back to the events"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
# a time window: the clause on the status line, the numbers of print mode
# with it as the filter, from the capture's first event (shown or not)
f=$corpus/sample.scap
first=$("$bin" -r "$f" -A -T fields -e evt.rawtime -n 1)
start 200 40 "$bin" -r "$f" --top
wait_for '^ Processes  \(totals over the capture\)' "--top does not open the processes view"
keys W
wait_for '^Time window \(seconds from the first event, FROM-TO, empty for all\):' "W does not ask for a window"
keys 0.1-0.5 Enter
wait_for '^ Processes  \(totals from 0\.100 s to 0\.500 s\)' "the title does not say the window"
clause="evt.rawtime >= $((first + 100000000)) and evt.rawtime < $((first + 500000000))"
want=$(top_field "$f" procs -Y "$clause" | wc -l)
wait_for "\\| rows $want \\| .*filter: $clause\$" "the window is not the $want rows of '$clause'"
read -r pid calls errors <<<"$(top_field "$f" procs -Y "$clause" | awk -F'\t' '$4 == "containerd" { print $1, $5, $6 }')"
wait_for "^$pid +1 +root +containerd +$calls +$errors " \
	"containerd does not show the window's $calls system calls and $errors errors"
# kept down to the files, then to the event list of a system call
keys / containerd Enter Enter
wait_for "^ Files for proc\\.pid = $pid  \\(totals from 0\\.100 s to 0\\.500 s\\)" "the files lose the window"
keys BSpace v g Down Down Down Down Down Enter
wait_for '^ System calls  \(totals from 0\.100 s to 0\.500 s\)' "the system calls lose the window"
read -r calls <<<"$(top_field "$f" syscalls -Y "$clause" | awk -F'\t' '$1 == "futex" { print $2 }')"
wait_for "^futex +$calls " "futex does not show the window's $calls calls"
keys g Enter
want=$("$bin" -r "$f" -Y "(evt.type = futex) and $clause" | wc -l)
wait_for "\\| shown $want \\| .*filter: \\(evt\\.type = futex\\) and evt\\.rawtime >= " \
	"the event list of futex is not the window's $want events"
keys BSpace
wait_for '^ System calls  \(totals from 0\.100 s' "Backspace does not go back to the window's view"
# to the end; bad windows say why and change nothing; empty: the whole capture
keys W
wait_for '^Time window \(.*\): 0\.1-0\.5$' "W does not offer the window there is"
keys C-u 0.25- Enter
wait_for '^ System calls  \(totals from 0\.250 s to the end\)' "FROM- does not sum to the end"
want=$(top_field "$f" syscalls -Y "evt.rawtime >= $((first + 250000000))" | wc -l)
wait_for "\\| rows $want \\| .*filter: evt\\.rawtime >= $((first + 250000000))\$" "FROM- does not give the $want rows"
keys W C-u 5-2 Enter
wait_for '^the window ends before it starts: 5-2' "a window that ends first is not refused"
keys W C-u soon Enter
wait_for '^not a time window: soon \(seconds after the first event: FROM-TO' "a bad window does not say why"
wait_for '^ System calls  \(totals from 0\.250 s to the end\)' "a bad window changes the window"
keys W C-u Enter
wait_for '^ System calls  \(totals over the capture\)' "an empty window does not sum the whole capture"
wait_for "\\| view syscalls \\| rows $(top_field "$f" syscalls | wc -l) \\| events 477 *$" \
	"without a window the view does not sum every event"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

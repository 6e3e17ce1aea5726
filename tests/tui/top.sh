#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The top-like views in the full-screen interface, driven through tmux:
# --top opens the processes view with the numbers print mode gives; every
# view opens from the picker; sorting by a column; a view filter; drilling
# down from a process to its files to the event list gives the right
# filter, and Backspace goes back up.
. "$(dirname "$0")/lib.sh"
# summed WHAT: waits until the view on screen has summed every event (the
# status line says "summing" until then), else bad WHAT
summed() {
	for _ in $(seq 200); do
		status_line | grep -q ' summing ' || { ok; return 0; }
		sleep 0.05
	done
	bad "$1: $(status_line)"
}
# the processes scenario, as a plain file: a parent, children, echo, and
# true, which runs as nobody
f=$tmp/procs.scap
zcat "$corpus/procs.scap.gz" >"$f"
events=$("$bin" -r "$f" -A | wc -l)

start 160 40 "$bin" -r "$f" --top
wait_for '^ Processes  \(totals over the capture\)' "--top does not open the processes view"
want=$(rows "$f" procs)
wait_for "\\| view procs \\| rows $want \\| events $events" "the view does not count $want rows over $events events"
read -r pid ppid user calls errors <<<"$(top_field "$f" procs | awk -F'\t' '$4 == "true" { print $1, $2, $3, $9, $10 }')"
[ "$user" = nobody ] && ok || bad "true does not run as nobody in print mode: '$user'"
wait_for "^$pid +$ppid +nobody +true +[0-9]+ +[0-9]+ +[^ ]+ +[^ ]+ +$calls +$errors " \
	"the true row does not show pid $pid, parent $ppid, $calls system calls and $errors errors"
# sorted by Syscalls first; ! sorts by the first column, PID, largest first
wait_for '^PID +PPID +User +Name +CPU +Threads +VIRT +RES +Syscalls v' "the view is not sorted by Syscalls"
keys '!'
wait_for '^PID v ' "! does not sort by PID"
maxpid=$(top_field "$f" procs | cut -f1 | sort -n | tail -1)
[ "$(screen | sed -n 4p | awk '{ print $1 }')" = "$maxpid" ] && ok ||
	bad "the first row after ! is not pid $maxpid: $(screen | sed -n 4p)"
keys '!'
wait_for '^PID \^ ' "! again does not sort the other way"

# drill down: the files of true, and back
keys / true Enter
wait_for "^$pid +$ppid +nobody +true" "find does not reach true"
keys Enter
wait_for "^ Files for proc\\.pid = $pid " "Enter does not open the files of true"
want=$(rows "$f" files -Y "proc.pid = $pid")
[ "$want" -gt 0 ] && ok || bad "print mode gives no files of true"
wait_for "\\| view files \\| rows $want .*filter: proc\\.pid = $pid" "the files view is not narrowed to pid $pid"
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
	wait_for "\\| view $name \\| rows $(rows "$f" "$name") " "the $name view has other rows than print mode"
	n=$((n + 1))
done < <("$bin" --top=list | sed 's/  */ /')

# the system calls: numbers as printed, a view filter, and the events of a row
keys v g Down Down Down Down Down Down Enter
wait_for '^ System calls ' "the picker does not open the system calls"
read -r sc calls errors <<<"$(top_field "$f" syscalls | awk -F'\t' 'NR == 1 { print $1, $2, $3 }')"
wait_for "^ *$calls +$errors .* $sc *\$" "the $sc row does not show $calls calls and $errors errors"
keys f 'proc.name = echo' Enter
want=$(rows "$f" syscalls -Y 'proc.name = echo')
[ "$want" -gt 0 ] && ok || bad "print mode gives no system calls of echo"
wait_for "\\| view syscalls \\| rows $want .*filter: proc\\.name = echo" \
	"the view filter does not leave the $want system calls of echo"
keys F
wait_for "\\| view syscalls \\| rows $(rows "$f" syscalls) \\| events $events \\| totals *\$" \
	"F does not clear the view filter"
keys g Enter
want=$("$bin" -r "$f" -Y "evt.type = $sc" | wc -l)
wait_for "\\| shown $want \\| .*filter: evt\\.type = $sc" "Enter does not show the $want $sc events"
keys BSpace
wait_for '^ System calls ' "Backspace does not go back from the events to the view"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# from the event list of a gzip capture, with no view open yet: v, the picker, a view
gz=$corpus/shell.scap.gz
start 160 40 "$bin" -r "$gz"
wait_for "\\| events $("$bin" -r "$gz" -A | wc -l) \\| shown $("$bin" -r "$gz" | wc -l) \\|" \
	"the gzip capture does not open"
keys v
wait_for '^ Views: Enter opens one' "v does not open the view picker from the event list"
keys Enter
wait_for '^ Processes  \(totals over the capture\)' "Enter in the picker does not open the processes"
wait_for "\\| view procs \\| rows $(rows "$gz" procs) " "the processes of the gzip capture are not print mode's"
keys BSpace
wait_for '^No\. +Time +CPU' "Backspace does not go back to the event list"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# a process, its files, then the events on one file: the filter holds both;
# in the shell session, the first cat after the first row (find starts
# after the selection), then the file it reads
f=$corpus/shell.scap.gz
file=/tmp/syshark-corpus/greeting.txt
start 160 40 "$bin" -r "$f" --top
pid=$("$bin" -r "$f" --top=procs -T json | sed -n '2,$p' | grep -m 1 cat |
	sed -n 's/.*"PID":\([0-9]*\).*/\1/p')
[ -n "$pid" ] && [ "$(top_field "$f" procs | awk -F'\t' -v p="$pid" '$1 == p { print $4 }')" = cat ] && ok ||
	bad "no cat process found in the processes of the shell session"
wait_for "^$pid .* cat " "no cat row in the processes of the shell session"
# (find once every event is summed: the order of the rows is then print mode's)
wait_for "\\| view procs \\| rows $(rows "$f" procs) \\| events $("$bin" -r "$f" -A | wc -l) \\| totals *\$" \
	"the processes of the shell session do not sum every event"
keys / cat Enter Enter
wait_for "^ Files for proc\\.pid = $pid " "Enter does not open the files of cat"
want=$(rows "$f" files -Y "proc.pid = $pid")
wait_for "\\| view files \\| rows $want " "the files of cat are not the $want print mode gives"
read -r total in out <<<"$(top_field "$f" files -Y "proc.pid = $pid" | awk -F'\t' -v n="$file" '$1 == n { print $2, $3, $4 }')"
[ -n "$in" ] && [ "$in" -gt 0 ] && ok || bad "cat reads nothing of $file in print mode"
keys / greeting.txt Enter
wait_for "^ *$(units "$total") +$(units "$in") +$(units "$out") .* $(re "$file") *\$" \
	"the row of $file does not show $total bytes, $in read"
keys Enter
filter="(proc.pid = $pid) and fd.name = $file"
want=$("$bin" -r "$f" -Y "$filter" | wc -l)
[ "$want" -gt 0 ] && ok || bad "print mode shows no events of '$filter'"
# (the status line is cut at the screen's width)
wait_for "\\| shown $want \\| .*filter: \\(proc\\.pid = $pid\\) and fd\\.name = /tmp/sys" \
	"the events of $file are not the $want of '$filter'"
wait_for "^the events of fd\\.name = $(re "$file"); Backspace goes back" \
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
# with it as the filter, from the capture's first event (shown or not);
# the window is the milliseconds true runs in
f=$tmp/procs.scap
first=$("$bin" -r "$f" -A -T fields -e evt.rawtime -n 1)
read -r from to <<<"$("$bin" -r "$f" -Y 'proc.name = true' -T fields -e evt.rawtime |
	awk -v f="$first" 'NR == 1 { a = $1 } { b = $1 } END { printf "%d %d\n", (a - f) / 1e6, (b - f) / 1e6 + 1 }')"
ms() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }
# secs MS: as the title says it, every digit the window has and no more
secs() { ms "$1" | sed -E 's/0+$//; s/\.$//'; }
window="$(ms "$from")-$(ms "$to")"
start 200 40 "$bin" -r "$f" --top
wait_for '^ Processes  \(totals over the capture\)' "--top does not open the processes view"
keys W
wait_for '^Time window \(seconds from the first event, FROM-TO, empty for all\):' "W does not ask for a window"
keys "$window" Enter
wait_for "^ Processes  \\(totals from $(secs "$from") s to $(secs "$to") s\\)" "the title does not say the window $window"
clause="evt.rawtime >= $((first + from * 1000000)) and evt.rawtime < $((first + to * 1000000))"
want=$(rows "$f" procs -Y "$clause")
wait_for "\\| rows $want \\| .*filter: $clause\$" "the window is not the $want rows of '$clause'"
read -r pid calls errors <<<"$(top_field "$f" procs -Y "$clause" | awk -F'\t' '$4 == "true" { print $1, $9, $10 }')"
wait_for "^$pid +[0-9]+ +nobody +true +[0-9]+ +[0-9]+ +[^ ]+ +[^ ]+ +$calls +$errors " \
	"true does not show the window's $calls system calls and $errors errors"
# kept down to the files, then to the event list of a system call
keys / true Enter Enter
wait_for "^ Files for proc\\.pid = $pid  \\(totals from $(secs "$from") s to $(secs "$to") s\\)" "the files lose the window"
keys BSpace v g Down Down Down Down Down Down Enter
wait_for "^ System calls  \\(totals from $(secs "$from") s to $(secs "$to") s\\)" "the system calls lose the window"
read -r sc calls <<<"$(top_field "$f" syscalls -Y "$clause" | awk -F'\t' 'NR == 1 { print $1, $2 }')"
wait_for "^ *$calls .* $sc *\$" "$sc does not show the window's $calls calls"
summed "the system calls of the window are not summed"
keys g Enter
want=$("$bin" -r "$f" -Y "(evt.type = $sc) and $clause" | wc -l)
wait_for "\\| shown $want \\| .*filter: \\(evt\\.type = $sc\\) and evt\\.rawtime >= " \
	"the event list of $sc is not the window's $want events"
keys BSpace
wait_for "^ System calls  \\(totals from $(secs "$from") s" "Backspace does not go back to the window's view"
# to the end; bad windows say why and change nothing; empty: the whole capture
keys W
wait_for "^Time window \\(.*\\): $(re "$window")\$" "W does not offer the window there is"
keys C-u "$(ms $((from + 1)))-" Enter
wait_for "^ System calls  \\(totals from $(secs $((from + 1))) s to the end\\)" "FROM- does not sum to the end"
want=$(rows "$f" syscalls -Y "evt.rawtime >= $((first + (from + 1) * 1000000))")
wait_for "\\| rows $want \\| .*filter: evt\\.rawtime >= $((first + (from + 1) * 1000000))\$" "FROM- does not give the $want rows"
keys W C-u 5-2 Enter
wait_for '^the window ends before it starts: 5-2' "a window that ends first is not refused"
keys W C-u soon Enter
wait_for '^not a time window: soon \(seconds after the first event: FROM-TO' "a bad window does not say why"
wait_for "^ System calls  \\(totals from $(secs $((from + 1))) s to the end\\)" "a bad window changes the window"
# a window shorter than a millisecond, said with all its digits
keys W C-u 0.0001-0.0002 Enter
wait_for '^ System calls  \(totals from 0\.0001 s to 0\.0002 s\)' "the title rounds a window of 100 us"
keys W C-u Enter
wait_for '^ System calls  \(totals over the capture\)' "an empty window does not sum the whole capture"
wait_for "\\| view syscalls \\| rows $(rows "$f" syscalls) \\| events $events \\| totals *\$" \
	"without a window the view does not sum every event"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# a command line with newlines (sh -c's script) shows them as dots, as the tree does
start 200 40 "$bin" -r "$corpus/shell.scap.gz" --top
wait_for ' sh +[0-9].* sh -c \.cd /tmp/syshark-corpus\.echo "hello from the corpus"' \
	"the sh row's command line does not show its newlines as dots"
finish

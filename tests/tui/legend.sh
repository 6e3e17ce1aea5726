#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# What the views say of themselves: the header under a view's title gives
# its filter ("no filter", a drill-down's, the user's) and where the
# selected row is ("1/38 (2.6%)"), as the event list's status line does;
# F7 lists the view's columns with what each shows; the picker says what
# the selected view shows.
. "$(dirname "$0")/lib.sh"

# pos AT N: the position as the screens write it
pos() { awk -v a="$1" -v n="$2" 'BEGIN { printf "%d/%d \\(%.1f%%\\)", a, n, a * 100 / n }'; }

f=$tmp/procs.scap
zcat "$corpus/procs.scap.gz" >"$f"
n=$("$bin" -r "$f" --top=procs -T json | wc -l)
events=$("$bin" -r "$f" -A | wc -l)
start 120 40 "$bin" -r "$f" --top
wait_for "\\| view procs \\| rows $n \\| events $events" "the processes are not all summed"
wait_for "^ Filter: no filter +$(pos 1 "$n") *\$" "the header does not say no filter and 1/$n"
keys j j
wait_for "^ Filter: no filter +$(pos 3 "$n") *\$" "the header does not follow the cursor to row 3"
keys G
wait_for "^ Filter: no filter +$(pos "$n" "$n") *\$" "the header does not follow the cursor to the last row"

# F7: the columns, what they show; Esc, q and F7 close it
keys F7
wait_for '^ Processes: the columns ' "F7 does not open the legend"
wait_for '^Every process the capture knows at the end' "the legend does not say what the view shows"
for col in 'PID +process id' "PPID +parent's process id" 'Syscalls +system calls made' \
	'Net +bytes received from and sent to the network' 'Command +its command line'; do
	wait_for "^  $col\$" "the legend has no line '$col'"
done
keys Escape
wait_for '^ Processes  \(totals' "Esc does not close the legend"
keys F7
wait_for '^ Processes: the columns ' "F7 does not open the legend again"
keys F7
wait_for '^ Processes  \(totals' "F7 does not close the legend"
keys F7 q
wait_for '^ Processes  \(totals' "q does not close the legend"

# a drill-down's filter, then the user's
keys / true Enter
pid=$(screen | grep -E '^[0-9]+ +[0-9]+ +nobody +true ' | awk '{ print $1 }')
keys Enter
wait_for "^ Files for proc\\.pid = $pid " "Enter does not open the files of true"
m=$("$bin" -r "$f" --top=files -Y "proc.pid = $pid" -T json | wc -l)
wait_for "^ Filter: proc\\.pid = $pid +$(pos 1 "$m") *\$" "the header does not give the drill-down's filter"
keys f C-u 'fd.name contains lib' Enter
wait_for '^ Filter: fd\.name contains lib +[0-9]+/[0-9]+ ' "the header does not give the user's filter"
keys F
wait_for '^ Filter: no filter ' "the header does not say no filter once it is cleared"

# the picker says what the selected view shows
keys v
wait_for '^ Views: Enter opens one' "v does not open the picker"
keys g
wait_for '^  Every process the capture knows at the end' "the picker does not describe the processes"
keys j j
wait_for '^  Files read and written, with their bytes, opens and errors\.' "the picker does not describe the files"
keys BSpace BSpace BSpace

# the event list's status line: the same position
shown=$("$bin" -r "$f" | wc -l)
wait_for "\\| $(pos 1 "$shown") " "the list's status line does not say 1/$shown"
keys j
wait_for "\\| $(pos 2 "$shown") " "the list's status line does not follow the cursor"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

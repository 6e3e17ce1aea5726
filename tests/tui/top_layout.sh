#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The views' layout, as csysdig lays them out: the name or command column
# goes last and takes the rest of the width. Files show their whole names
# (more than 40 characters) after the numbers; the processes keep room for
# their command lines at 100 columns; a column's sort mark shows whole,
# in a narrow terminal too;
# byte counts use one unit system.
. "$(dirname "$0")/lib.sh"

f=$corpus/shell.scap.gz
start 100 30 "$bin" -r "$f" --top
wait_for '^ Processes  \(totals' "--top does not open the processes view"
wait_for ' Command *$' "Command is not the last column"
wait_for '^[0-9]+ .* tr a-z A-Z *$' "the processes' command lines have no room at 100 columns"
wait_for ' Syscalls v ' "the sort mark is not shown whole"
# one unit system in a column: bytes from 1024 on are K, M, G, T, never "5396B" or "8284.8K"
big=$(screen | tr ' ' '\n' | grep -E '^[0-9.]+[BKMGT]$' | awk '$0 + 0 >= 1024' | head -3 | tr '\n' ' ')
[ -z "$big" ] && ok || bad "byte counts of 1024 or more before their unit: $big"
wait_for ' [0-9]\.[0-9]K ' "no byte count in K"
keys v Down Down Enter
wait_for '^ Files  \(totals' "the picker does not open the files"
wait_for '^ *Bytes v +In +Out +Opens +Errors +Ops +Name *$' "Name is not the last column of the files"
keys / gconv-modules Enter
wait_for ' /usr/lib/x86_64-linux-gnu/gconv/gconv-modules\.cache *$' \
	"a file's name of 51 characters is cut"
# the sort keys count the columns as shown: column 7 is Name
keys '&'
wait_for ' Name [v^] *$' "sorting by column 7 does not sort by Name"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# at 60 columns, a text column narrowed for the last keeps its sort mark
start 60 20 "$bin" -r "$corpus/net.scap.gz" --top=conns
wait_for '^ Connections  \(totals' "--top=conns does not open the connections"
keys '#'
wait_for '^Proto +PID +Process v ' "the sort mark of Process is cut at 60 columns"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The user's columns, driven through tmux: what c, C, + and - make is saved
# in the config directory and comes back the next time, at any width; =
# goes back to the layout for the width and forgets them. A bad columns
# file is one line naming its line, and a config directory that cannot be
# written is said on the message line.
. "$(dirname "$0")/lib.sh"
f=$corpus/files.scap
cols=$XDG_CONFIG_HOME/syshark/columns
# saved LINE WHAT: ok once the columns file has LINE (waiting up to 5 s), else bad WHAT
saved() {
	for _ in $(seq 100); do
		grep -qx "$1" "$cols" 2>/dev/null && break
		sleep 0.05
	done
	grep -qx "$1" "$cols" 2>/dev/null && ok || bad "$2: $(cat "$cols" 2>&1)"
}

start 80 24 "$bin" -r "$f"
wait_for '^No\. +Time +Process +PID +Event +Info$' "no narrow columns at first"
[ -e "$cols" ] && bad "a columns file before any change" || ok
# after Process (the third column): the executable, then wider by two
keys '>' '>' c 'proc.exe' Enter
wait_for '^No\. +Time +Process +proc\.exe +PID +Event +Info$' "c does not add proc.exe after Process"
keys +
wait_for '^No\. +Time +Process +proc\.exe +PID +Event +Info$' "+ changes the titles"
saved 'proc.exe 14' "the columns file does not hold proc.exe 14"
keys q
wait_exit

# the next time, at another width: the same columns
start 120 35 "$bin" -r "$f"
wait_for '^No\. +Time +Process +proc\.exe +PID +Event +Info$' "the saved columns do not come back at 120x35"
wait_for '^1 +[0-9:.]+ +syshark +[^ ]+ +[0-9]+ +→ execve ' "the first row does not follow the saved columns"
keys '>' '>' '>' '>' '>' -
saved 'event 8' "- does not save a narrower Event column"
# =: back to the layout for 120 cells, and no file
keys =
wait_for '^No\. +Time +CPU +Process +PID +TID +Event +Protocol +Info$' "= does not lay the columns out for 120 cells"
[ -e "$cols" ] && bad "= leaves the columns file" || ok
keys q
wait_exit

# a bad file: one line, its path and line, and the terminal untouched
printf '# mine\nevt.num 5\nproc.nmae 12\ninfo\n' >"$cols"
start 80 24 "$bin" -r "$f"
wait_exit
[ "$status" = 2 ] && ok || bad "a bad columns file exits with $status, not 2"
grep -qx "syshark: $cols:3: not a column: proc\.nmae.*" "$tmp/stderr" && [ "$(wc -l <"$tmp/stderr")" = 1 ] && ok ||
	bad "the error for a bad columns file is: $(cat "$tmp/stderr")"
printf 'evt.num 5\ninfo\nproc.name\n' >"$cols"
start 80 24 "$bin" -r "$f"
wait_exit
grep -q "^syshark: $cols:[0-9]*: " "$tmp/stderr" && [ "$(wc -l <"$tmp/stderr")" = 1 ] && ok ||
	bad "the error for a middle column with no width is: $(cat "$tmp/stderr")"
rm -f "$cols"

# a columns file that cannot be written (where it is written first is a
# directory): the change stays on screen, and the message line says it is
# not saved
mkdir "$cols.new"
start 80 24 "$bin" -r "$f"
wait_for '^No\. +Time' "no list with an unusable config directory"
keys C
wait_for '^the columns are not saved: ' "no word that the columns are not saved"
wait_for '^Time +Process +PID +Event +Info$' "C does not remove No."
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
finish

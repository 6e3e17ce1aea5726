#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The full-screen interface on a corpus capture, driven through tmux as a
# user would: open, move, the tree and its bytes, a filter typed with Tab
# completion, a bad filter, a filter from the tree, go to, marks, save and
# read back, a resize from 200x50 to 80x24, and quit with the terminal back;
# then go to an internal event, which is not shown.
. "$(dirname "$0")/lib.sh"
# the shell session, as a plain file: its processes (sh, cat, tr, ls, ...)
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"
count() { "$bin" -r "$f" -Y "$1" | wc -l; }
# the numbers of the events print mode shows, and of all of them (-A)
"$bin" -r "$f" -T fields -e evt.num >"$tmp/nums"
events=$("$bin" -r "$f" -A -T fields -e evt.num | wc -l)
shown=$(wc -l <"$tmp/nums")
nth() { sed -n "$1p" "$tmp/nums"; }
# field NUM FIELD: FIELD of event NUM, as print mode gives it
field() { "$bin" -r "$f" -A -Y "evt.num = $1" -T fields -e "$2"; }

start 200 50 "$bin" -r "$f"
wait_for '^No\. +Time +CPU +Process +PID +TID +User +Event +Protocol +Latency +Info$' "no column titles for 200 cells"
wait_for "\| events $events \| shown $shown \|" "the status line does not count $events events, $shown shown"
wait_for "$(first_row "$f")" "the first row is not the first event as print mode gives it"
wait_for "^    Number: $(nth 1)\$" "the tree does not show event $(nth 1)"

# moving selects the next rows; the tree follows
keys j j
wait_for "^    Number: $(nth 3)\$" "two steps down do not reach event $(nth 3)"
keys k
wait_for "^    Number: $(nth 2)\$" "a step up does not come back to event $(nth 2)"

# the tree: a parameter's bytes are highlighted in the hex pane; event 2 is
# sh's execve, and its exe's bytes start at 0x60 (the 26 bytes of the
# header, 31 lengths of 2 bytes, then res's 8 bytes)
exe=$(field "$(nth 2)" evt.arg.exe)
[ "$(field "$(nth 2)" evt.type)" = execve ] && [ "$exe" = /bin/sh ] && ok ||
	bad "event $(nth 2) is not sh's execve of /bin/sh"
keys Tab Down Down Down Down Down Down Down Down Down Down Down Down
WAIT_ATTRS=1 wait_for $'\e\\[7m    exe: /bin/sh' "the exe node is not selected"
WAIT_ATTRS=1 wait_for $'^0060  \e\\[7m2f' "exe's bytes (2f 62 69 6e ...) are not highlighted"
WAIT_ATTRS=1 wait_for $'\e\\[7m/bin/sh\\.' "exe's characters are not highlighted"
# collapse and expand a section; the state stays when the selection moves
keys Left
wait_for '^\+ Arguments$' "Left does not collapse Arguments"
keys BTab j
wait_for "^    Number: $(nth 3)\$" "the list does not move on"
wait_for '^\+ Arguments$' "the section does not stay collapsed on the next event"
# (an enter event: Arguments comes after the Event section's six lines)
keys Tab g Down Down Down Down Down Down Down Enter
wait_for '^- Arguments$' "Enter does not expand Arguments"

# a filter typed with Tab completion of a field name and of a value
keys BTab BTab f
wait_for '^Filter: ?$' "f does not open the filter prompt"
keys 'proc.na' Tab
wait_for '^Filter: proc\.name ?$' "Tab does not complete proc.name"
keys '= sysh' Tab
wait_for '^Filter: proc\.name = syshark ?$' "Tab does not complete the value syshark"
keys Enter
want=$(count 'proc.name = syshark')
wait_for "\| shown $want \| .*filter: proc\.name = syshark" "the filter does not show $want events"

# a bad filter: the error and a caret under its column, and the text stays
keys f C-u 'evt.type = open and evt.typo = 3' Enter
wait_for '^ {28}\^ unknown field .evt\.typo.' "no caret under the bad field"
wait_for '^Filter: evt\.type = open and evt\.typo = 3' "the bad filter's text is gone"
keys Escape
wait_for "filter: proc\.name = syshark" "a bad filter replaced the good one"

# a filter from the tree: the Type node of the selected event, the one
# event of syshark (before its execve)
type=$("$bin" -r "$f" -Y 'proc.name = syshark' -T fields -e evt.type)
keys Tab g Down Down Down Down a
want=$(count "evt.type = $type")
wait_for "\| shown $want \| .*filter: evt\.type = $type" "a on the Type node does not filter on it"

# go to an event, mark it, move away and jump back: tr's first event (its
# execve), with cat running
keys F
wait_for "\| shown $shown \|" "F does not clear the filter"
tr=$("$bin" -r "$f" -n 1 -Y 'proc.name = tr' -T fields -e evt.num)
cat_first=$("$bin" -r "$f" -n 1 -Y 'proc.name = cat' -T fields -e evt.num)
cat_exit=$("$bin" -r "$f" -n 1 -Y 'proc.name = cat and evt.type = procexit' -T fields -e evt.num)
[ "$cat_first" -lt "$tr" ] && [ "$tr" -lt "$cat_exit" ] && ok ||
	bad "cat does not run at tr's first event $tr (cat from $cat_first to $cat_exit)"
keys : "$tr" Enter
wait_for "^    Number: $tr\$" "go to event $tr fails"
wait_for "^event $tr\$" "no word of the event gone to"
keys m
wait_for '\| marked 1 \|' "m does not mark"
keys g
wait_for "^    Number: $(nth 1)\$" "g does not go to the top"
keys "'"
wait_for "^    Number: $tr\$" "' does not jump to the mark"

# save what is shown, and read it back with syshark and sysdig
# value completion: the process names of the whole capture, most frequent
# first (on one line at 200 cells), though no event of them was looked at;
# ca is cat alone
keys f C-u 'proc.name = ' Tab Tab
want=$("$bin" -r "$f" -A -T fields -e proc.name | grep -vx '<NA>' | LC_ALL=C sort | uniq -c |
	LC_ALL=C sort -k1,1nr -k2,2 | awk '{ printf("%s%s", NR > 1 ? " +" : "", $2) }')
wait_for "^$want\$" "Tab does not offer the process names most frequent first ($want)"
keys C-u 'proc.name = ca' Tab
wait_for '^Filter: proc\.name = cat ?$' "Tab does not complete the process name cat"
keys Enter
want=$(count 'proc.name = cat')
[ "$want" -gt 0 ] && ok || bad "the capture has no cat events to save"
wait_for "\| shown $want \|" "the cat filter shows another count"
keys w "$tmp/saved.scap" Enter
wait_for "saved $want events to $tmp/saved\.scap" "w does not save $want events"
got=$("$bin" -r "$tmp/saved.scap" | wc -l)
[ "$got" = "$want" ] && ok || bad "the saved file holds $got events, not $want"
if command -v sysdig >/dev/null; then
	# (less the events sysdig 0.29.3 does not know)
	. "$(dirname "$0")/../sysdig.sh"
	want=$("$bin" -r "$tmp/saved.scap" | sysdig_known | wc -l)
	got=$(sysdig -r "$tmp/saved.scap" | wc -l)
	[ "$got" = "$want" ] && ok || bad "sysdig reads $got events of the saved file, not $want"
fi

# columns: one added after the selected one (No.), then removed; the
# choice is saved, and = goes back to the layout for the width
keys c
wait_for '^Add column \(field\): ?$' "c does not ask for a column"
keys 'proc.ex' Tab Enter
wait_for '^No\. +proc\.exe +Time +CPU' "no proc.exe column after No."
wait_for '^[0-9]+ +[^ ]+ +[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{9} ' "the proc.exe column shows no executable"
grep -qx 'proc.exe [0-9]*' "$XDG_CONFIG_HOME/syshark/columns" && ok ||
	bad "the columns file does not hold proc.exe: $(cat "$XDG_CONFIG_HOME/syshark/columns" 2>&1)"
keys C
wait_for '^No\. +Time +CPU' "C does not remove the column"
keys =
wait_for 'the columns are laid out for the width again' "= does not reset the columns"
[ -e "$XDG_CONFIG_HOME/syshark/columns" ] && bad "= leaves the columns file" || ok

# sorted by the Event column, then back to the events' order
keys '>' '>' '>' '>' '>' '>' '>' s
wait_for '^No\. +Time +CPU +Process +PID +TID +User +Event \^ ' "s does not sort by Event"
types() { screen | sed -n '2,19p' | sed -n 's/.*[→←] \([^ ]*\).*/\1/p'; }
for _ in $(seq 200); do
	types | LC_ALL=C sort -c 2>/dev/null && [ "$(types | sort -u | wc -l)" -gt 1 ] && break
	sleep 0.05
done
if types | LC_ALL=C sort -c 2>/dev/null; then ok; else
	bad "the rows are not in the order of their event type:"
	types
fi
keys s
wait_for 'Event v ' "s again does not sort the other way"
keys S
wait_for '^No\. +Time +CPU +Process +PID +TID +User +Event +Protocol +Latency +Info$' "S does not go back to the events' order"

# 300 columns: the list and the status line use the width, no line goes past it
resize 300 60
wait_for '^No\. +Time +CPU +Process +PID +TID +User +Event +Protocol +Latency +Info$' "no column titles at 300x60"
wait_for "^ [^ ].*\| events $events \| shown" "no status line at 300x60"
lines=$(screen | wc -l)
[ "$lines" = 60 ] && ok || bad "the screen has $lines lines at 300x60"
fits 300
widest=$(screen | sed -n '2,26p' | awk '{ sub(/ +$/, ""); if (length > w) w = length } END { print w + 0 }')
[ "$widest" -gt 200 ] && ok || bad "no row uses the width past 200 columns (widest $widest)"

# from 300x60 to 80x24: everything is redrawn to the new size
resize 80 24
wait_for '^No\. +Time +Process +PID +Event +Info$' "no narrow column titles at 80x24"
wait_for "^ [^ ].*\| events $events \| shown" "no status line at 80x24"
keys Right Right
wait_for '^ +Process +PID' "Right does not scroll the list sideways"
keys Left Left
wait_for '^No\. +Time' "Left does not scroll back"
lines=$(screen | wc -l)
[ "$lines" = 24 ] && ok || bad "the screen has $lines lines at 80x24"
fits 80

# quit: the program ends with status 0 and the terminal is the shell's again
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
if screen | grep -q 'No\. .*Time'; then bad "the interface is still on the screen after q"; else ok; fi
[ -s "$XDG_STATE_HOME/syshark/history" ] && ok || bad "no filter history was saved"

# go to an internal event, hidden but for -A: the two-section capture has
# one in its middle, at the end of the first section; go to takes the next
f=$tmp/two_sections.scap
zcat "$corpus/two_sections.scap.gz" >"$f"
read -r hidden next <<<"$(diff <("$bin" -r "$f" -A -T fields -e evt.num) \
	<("$bin" -r "$f" -T fields -e evt.num) | sed -n 's/^< //p' | head -1 |
	{ read -r n; echo "$n $("$bin" -r "$f" -n 1 -Y "evt.num > $n" -T fields -e evt.num)"; })"
[ -n "$next" ] && ok || bad "no event is shown after the first hidden one, ${hidden:-none}"
start 200 50 "$bin" -r "$f"
wait_for "\| events $("$bin" -r "$f" -A | wc -l) \| shown $("$bin" -r "$f" | wc -l) \|" \
	"the two-section capture does not count its hidden events"
keys : "$hidden" Enter
wait_for "event $hidden is not shown; at the next one" "no word that event $hidden is hidden"
wait_for "^    Number: $next\$" "go to event $hidden does not stop at $next"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

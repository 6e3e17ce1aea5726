#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The function key bar on the bottom line, built from the keymap: the keys
# reversed, the least important dropped to fit 50, 80 and 200 columns, the
# views' own keys in a view, a user's keys file's keys; the message line
# over it empties with the next key; B turns it off (and on), remembered;
# under 8 lines it gives its line to the screen.
. "$(dirname "$0")/lib.sh"

f=$corpus/files.scap
list='^F1Help F2Views /Search F4Filter F5Follow F8Kill sSort F12Graph F10Quit *$'
view='^F1Help F2Views /Search F4Filter F5Tree F7Legend F8Kill sSort F12Graph F10Quit *$'
for w in 80 200; do
	start $w 30 "$bin" -r "$f"
	wait_for "$list" "the event list has no function key bar at $w columns"
	fits $w
	WAIT_ATTRS=1 wait_for $'\e\\[7mF2\e\\[0m(\e\\[[0-9;]*m)*Views ' "the keys of the bar are not reversed"
	status_line | grep -q ' | events [0-9]* | ' && ok ||
		bad "the status line is not over the bar at $w columns: $(screen | tail -n 2)"
	keys v Enter
	wait_for "$view" "a view has no bar of its keys at $w columns"
	fits $w
	keys q
	wait_exit
done

# the least important go first
start 50 30 "$bin" -r "$f" --top
wait_for '^F1Help F2Views F4Filter F7Legend F8Kill F10Quit *$' "the bar does not drop its least parts at 50 columns"
fits 50
keys BSpace
wait_for '^F1Help F2Views F4Filter F5Follow F8Kill F10Quit *$' "the list's bar does not fit 50 columns"

# a message goes with the next key, the bar stays
keys H
wait_for '^hidden events shown' "H says nothing"
keys j
for _ in $(seq 100); do [ -z "$(screen | tail -n 3 | head -n 1 | tr -d ' ')" ] && break; sleep 0.05; done
[ -z "$(screen | tail -n 3 | head -n 1 | tr -d ' ')" ] && ok || bad "the message stays after a key: $(screen | tail -n 3)"
wait_for '^F1Help F2Views F4Filter F5Follow F8Kill F10Quit *$' "the bar goes with a message"

# B: off, remembered, on again
keys B
for _ in $(seq 100); do screen | tail -n 1 | grep -q 'events [0-9]* | ' && break; sleep 0.05; done
screen | tail -n 1 | grep -q 'events [0-9]* | ' && ok || bad "the bar stays after B: $(screen | tail -n 1)"
[ "$(cat "$XDG_CONFIG_HOME/syshark/fkeys")" = off ] && ok || bad "B does not save the bar off"
keys q
wait_exit
start 80 30 "$bin" -r "$f"
wait_for '\| shown [0-9]+' "the list does not open"
screen | tail -n 1 | grep -q 'events [0-9]* | ' && ok || bad "the bar turned off comes back: $(screen | tail -n 1)"
keys B
wait_for "$list" "B does not bring the bar back"
[ "$(cat "$XDG_CONFIG_HOME/syshark/fkeys")" = on ] && ok || bad "B does not save the bar on"
keys q
wait_exit

# a small terminal: no bar
start 80 7 "$bin" -r "$f"
wait_for '\| shown [0-9]+' "the list does not open in 7 lines"
screen | tail -n 1 | grep -q 'events [0-9]* | ' && ok || bad "the bar takes one of 7 lines: $(screen | tail -n 1)"
resize 80 20
wait_for "$list" "the bar does not come back at 20 lines"
keys q
wait_exit

# a user's keys
printf 'bind F3 find\nbind F2 none\nbind F6 views\nbind -m view F9 sort\n' >"$XDG_CONFIG_HOME/syshark/keys"
start 80 30 "$bin" -r "$f"
wait_for '^F1Help F6Views F3Search F4Filter F5Follow F8Kill sSort F12Graph F10Quit *$' \
	"the bar does not show the user's keys"
keys F6 Enter
wait_for '^F1Help F6Views F3Search F4Filter F5Tree F7Legend F8Kill F9Sort F12Graph F10Quit *$' \
	"a view's bar does not show the user's keys"
keys F10
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after F10: $(cat "$tmp/stderr")"; }
finish

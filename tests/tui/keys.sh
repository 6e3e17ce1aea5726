#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Key bindings as data: the user's keymap file, its errors with line numbers
# and what they name, the help screen made from the bindings, the shipped vim
# and emacs keymaps (C-x C-c), Meta keys and sequences, a keymap that is no
# regular file;
# and colours, which NO_COLOR turns off.
. "$(dirname "$0")/lib.sh"
f=$corpus/files.scap
events=$("$bin" -r "$f" -A | wc -l)
first=$("$bin" -r "$f" -n 1 -T fields -e evt.num)
keymaps=$(dirname "$0")/../../keymaps
mkdir -p "$XDG_CONFIG_HOME/syshark"
# the event the tree shows
number() {
	local n
	n=$(screen | sed -n 's/^    Number: \([0-9]*\)$/\1/p')
	echo "${n:-0}"
}

# a binding of the user's, with its help text on the help screen
printf '# mine\nbind x quit "leave at once"\nbind -m tree z collapse\n' >"$XDG_CONFIG_HOME/syshark/keys"
start 120 45 "$bin" -r "$f"
wait_for "\\| events $events \\|" "the interface does not start with a keymap file"
keys '?'
wait_for '^syshark keys' "? does not show the help"
wait_for '^  x +leave at once$' "the help lacks the user's binding"
wait_for '^  f, F4 +edit the display filter$' "the help does not give f and F4 on one line"
keys PgDn
wait_for '^Detail tree$' "PgDn does not scroll the help to the tree's keys"
keys Space
wait_for "\\| events $events \\|" "a key does not close the help"
keys x
wait_exit && { [ "$status" = 0 ] && ok || bad "x ended with status $status"; }

# a bad line: one line on stderr with the file and line, status 2, no screen
printf 'bind q quit\nbind Q vanish "go"\n' >"$XDG_CONFIG_HOME/syshark/keys"
start 120 40 "$bin" -r "$f"
wait_exit
[ "$status" = 2 ] && ok || bad "a bad keymap gave status $status"
want="syshark: $XDG_CONFIG_HOME/syshark/keys:2: unknown action 'vanish'"
[ "$(cat "$tmp/stderr")" = "$want" ] && ok || bad "a bad keymap said '$(cat "$tmp/stderr")'"

# the shipped keymaps load and work
for km in vim emacs; do
	cp "$keymaps/$km.keys" "$XDG_CONFIG_HOME/syshark/keys"
	start 120 40 "$bin" -r "$f"
	wait_for "\\| events $events \\|" "$km.keys does not load: $(cat "$tmp/stderr")"
	if [ $km = vim ]; then keys C-f; else keys C-v; fi
	# a page is more than a few rows past the first
	for _ in $(seq 200); do [ "$(number)" -gt $((first + 5)) ] && break; sleep 0.05; done
	[ "$(number)" -gt $((first + 5)) ] && ok || bad "$km.keys: the page-down key does not page: event $(number)"
	if [ $km = vim ]; then
		keys Z
	else
		# C-x is Emacs's prefix: alone it does nothing, C-x C-c quits
		keys C-x
		keys j
		wait_for "\\| events $events \\|" "emacs.keys: C-x alone is not a prefix"
		[ -e "$tmp/exit" ] && bad "emacs.keys: C-x alone quits" || ok
		keys C-x C-c
	fi
	wait_exit && { [ "$status" = 0 ] && ok || bad "$km.keys: quit gave status $status"; }
done

# Meta keys (Esc, then the key) and sequences of two keys, on the help screen too
printf 'bind M-x goto "go to"\nbind C-x z quit "leave"\n' >"$XDG_CONFIG_HOME/syshark/keys"
start 120 45 "$bin" -r "$f"
wait_for "\\| events $events \\|" "a keymap with M-x and C-x z does not load: $(cat "$tmp/stderr")"
keys M-x
wait_for '^Go to event:' "M-x does not go to"
close_prompt
keys '?'
wait_for '^  M-x +go to$' "the help lacks M-x"
wait_for '^  C-x z +leave$' "the help lacks the sequence C-x z"
keys q C-x z
wait_exit && { [ "$status" = 0 ] && ok || bad "C-x z gave status $status"; }

# a keymap that is no regular file (it would never end) is refused at once
ln -sf /dev/zero "$XDG_CONFIG_HOME/syshark/keys"
start 120 40 "$bin" -r "$f"
wait_exit
[ "$status" = 2 ] && ok || bad "a keymap on /dev/zero gave status $status"
want="syshark: $XDG_CONFIG_HOME/syshark/keys: not a regular file"
[ "$(cat "$tmp/stderr")" = "$want" ] && ok ||
	bad "a keymap on /dev/zero said '$(cat "$tmp/stderr")'"
rm -f "$XDG_CONFIG_HOME/syshark/keys"

# colours: the status bar is blue, and NO_COLOR has none at all
start 120 40 "$bin" -r "$f"
WAIT_ATTRS=1 wait_for $'\e\\[[0-9;]*44m' "no colours on a colour terminal"
keys q
wait_exit
start 120 40 env NO_COLOR=1 "$bin" -r "$f"
wait_for "\\| events $events \\|" "no screen with NO_COLOR"
if screen -e | grep -q $'\e\\[[0-9;]*3[1-7]m\|\e\\[[0-9;]*4[1-7]m'; then
	bad "NO_COLOR still shows colours"
else
	ok
fi
keys q
wait_exit

# control bytes in the capture never reach the terminal raw: the screen
# holds no escape besides the attributes the interface sets itself; the
# capture carries them (the ELF header a read of a library holds)
if zcat -f "$f" | LC_ALL=C grep -aq $'\x7fELF\x02\x01\x01'; then ok; else
	bad "$f carries no ELF header: no control bytes to show"
fi
start 200 50 "$bin" -r "$f" -Y 'evt.type = read'
wait_for '\| filter: evt\.type = read' "no filtered screen"
wait_for 'data=\.ELF\.' "the list does not show the data read"
if screen -e | sed $'s/\e\\[[0-9;]*m//g' | grep -q $'[\x01-\x08\x0b-\x1f\x7f]'; then
	bad "a control byte reached the screen"
else
	ok
fi
keys q
wait_exit
finish

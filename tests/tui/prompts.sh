#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The prompts, driven through tmux: f opens with the filter in force,
# selected, so that a printable key replaces it and End keeps it to edit;
# / likewise with the last find; filters applied from the tree reach the
# history; a bad filter in a view's prompt, or one mistyped in the find
# prompt, shows its error under its column instead of being looked for as
# text, which a find says it does. Meta keys (M-b, M-d) reach readline.
. "$(dirname "$0")/lib.sh"
f=$tmp/shell.scap
zcat "$corpus/shell.scap.gz" >"$f"
count() { "$bin" -r "$f" -Y "$1" | wc -l; }

start 120 30 "$bin" -r "$f" -Y 'proc.name = cat'
wait_for '^No\. +Time' "no list"
keys f
wait_for '^Filter: proc\.name = cat$' "f does not open with the filter in force"
keys z z z
wait_for '^Filter: zzz$' "a printable key does not replace the text f opened with"
close_prompt
keys f End ' and evt.type = read' Enter
want=$(count 'proc.name = cat and evt.type = read')
wait_for "\| shown $want \| .*filter: proc\.name = cat and evt\.type = read" \
	"End does not keep the filter to add to it ($want events)"

# the find prompt: a mistyped filter is not looked for as text
keys / 'evt.typo = 3' Enter
wait_for '^ {23}\^ unknown field .evt\.typo.' "a mistyped filter in the find prompt shows no error"
wait_for '^Find \(filter or text\): evt\.typo = 3$' "the mistyped filter's text is gone"
keys C-u greeting Enter
wait_for 'greeting \(as text, not a filter' "a find of text does not say it is not a filter"
keys /
wait_for '^Find \(filter or text\): greeting$' "/ does not open with the last find"
keys zzzz
wait_for '^Find \(filter or text\): zzzz$' "a printable key does not replace the last find"
close_prompt

# Meta keys reach readline: M-b goes a word back, M-d deletes a word
keys f C-u 'proc.name = cat'
keys M-b X
wait_for '^Filter: proc\.name = Xcat$' "M-b does not move the prompt's cursor a word back"
keys M-d
wait_for '^Filter: proc\.name = X$' "M-d does not delete the word after the cursor"
close_prompt

# a filter from the tree (the Type node) reaches the history
keys F Tab g Down Down Down Down a
wait_for "filter: evt\\.type = [a-z]" "a on the Type node does not filter on it"
applied=$(status_line | sed -n 's/.*filter: \(evt\.type = [a-z_0-9]*\).*/\1/p')
keys BTab

# a view's filter that is wrong shows its error
keys v
wait_for 'Processes' "v does not open the views"
keys Enter
wait_for '^PID +PPID' "Enter does not open the processes view"
keys f 'proc.nme = 1' Enter
wait_for '^ {13}\^ unknown field .proc\.nme.' "a bad view filter shows no error"
close_prompt
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status: $(cat "$tmp/stderr")"; }
grep -qx "$(re "$applied")" "$XDG_STATE_HOME/syshark/history" && ok ||
	bad "the filter applied from the tree ($applied) is not in the history"
finish

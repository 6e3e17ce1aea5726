#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The processes view as a tree, over a capture mkproctree writes with a
# known tree (a missing parent, a process its own parent, a cycle): print
# mode's --tree puts every process under its parent as the PID and PPID
# columns say; t in the interface shows the same rows and lines, sorts
# siblings, folds and unfolds a subtree, drills down, and t again gives
# back the flat order. Then the tree of a recorded capture, the processes
# scenario's.
. "$(dirname "$0")/lib.sh"
mkproctree=$3
f=$tmp/tree.scap
"$mkproctree" "$f" || { bad "mkproctree cannot write $f"; finish; }

# print mode: each row after its parent, with only the parent's other
# descendants between them; the rows are those of the flat view
"$bin" -r "$f" --top=procs -T fields | cut -f1,2 >"$tmp/flat"
"$bin" -r "$f" --top=procs --tree -T fields | cut -f1,2 >"$tmp/tree"
cmp -s <(sort "$tmp/flat") <(sort "$tmp/tree") && ok || bad "--tree has other rows than the flat view"
awk -F'\t' 'NR == FNR { par[$1] = $2; rows++; next }
	{ # the path of ancestors down to the row before: back up to the parent
	  while (n && path[n] != $2) n--
	  # a root whose parent is another row must be in a cycle of parents
	  if (!n && ($2 in par) && $2 != $1) {
		  x = $2; k = 0
		  while (x != $1 && (x in par) && k++ < rows) x = par[x]
		  if (x != $1) { print $1 " is not under " $2; bad = 1 }
	  }
	  path[++n] = $1 }
	END { exit bad }' "$tmp/flat" "$tmp/tree" && ok || bad "--tree puts a process away from its parent"
cat >"$tmp/want" <<'TREE'
PID  PPID  User  Name                  CPU  Threads     VIRT     RES  Syscalls  Errors  File  Net  FDs  Command
700  700         self                    0        1  2867200  716800         8       0     0    0  0    self --tree
500  999         orphan                  0        1  2048000  512000         6       0     0    0  0    orphan --tree
100  1           init                    0        1   409600  102400         1       0     0    0  0    init --tree
200  100         ├─ shell                0        1   819200  204800         5       0     0    0  0    shell --tree
300  200         │  └─ make              0        1  1228800  307200         2       0     0    0  0    make --tree
301  300         │     ├─ cc             0        1  1232896  308224         7       0     0    0  0    cc --tree
302  300         │     └─ ld             0        1  1236992  309248         3       0     0    0  0    ld --tree
303  302         │        └─ collect2    0        1  1241088  310272         9       0     0    0  0    collect2 --tree
400  100         └─ daemon               0        1  1638400  409600         4       0     0    0  0    daemon --tree
600  601         loop-a                  0        1  2457600  614400         2       0     0    0  0    loop-a --tree
601  600         └─ loop-b               0        1  2461696  615424         1       0     0    0  0    loop-b --tree
TREE
"$bin" -r "$f" --top --tree >"$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then ok; else
	bad "the printed tree differs:"
	diff "$tmp/want" "$tmp/got"
fi
"$bin" -r "$f" --top=files --tree 2>"$tmp/err"
[ $? = 2 ] && grep -q 'needs --top=procs' "$tmp/err" && ok || bad "--tree on the files view is not refused"

# pids in the order the screen shows them
screen_pids() { screen | sed -n '3,$p' | awk '$1 ~ /^[0-9]+$/ { print $1 }'; }

start 160 40 "$bin" -r "$f" --top
wait_for '^ Processes  \(totals over the capture\)' "--top does not open the processes view"
wait_for '\| rows 11 \| events 96 \| totals *$' "the view does not sum the 11 processes"
keys t
wait_for '^ Processes, as a tree  \(totals' "t does not show the tree"
wait_for '^303 +302 .* │        └─ collect2 ' "collect2 is not under ld, under make"
[ "$(screen_pids)" = "$(cut -f1 "$tmp/tree")" ] && ok ||
	bad "the tree's order is not print mode's: $(screen_pids | tr '\n' ' ')"
# siblings sorted by PID, largest first; the cycle's first row its root
keys '!'
wait_for '^PID v ' "! does not sort by PID"
want="700 500 100 400 200 300 302 303 301 601 600"
[ "$(screen_pids | tr '\n' ' ' | sed 's/ $//')" = "$want" ] && ok ||
	bad "sorted by PID the tree is not $want: $(screen_pids | tr '\n' ' ')"
wait_for '^600 +601 .* └─ loop-a ' "loop-a is not under loop-b"
# fold make: cc, ld and collect2 go, and come back
keys / make Enter
wait_for '^300 +200 .* └─ make ' "find does not reach make"
keys -
wait_for '^300 +200 .* └\+ make ' "- does not fold make"
wait_for '\| rows 8 \|' "- does not hide the 3 processes under make"
screen | grep -q collect2 && bad "collect2 still shows under a folded make" || ok
keys +
wait_for '\| rows 11 \|' "+ does not show the processes under make again"
wait_for '^303 +302 .* └─ collect2 ' "collect2 is not back"
# drill down from the tree and back: still a tree, still on make
keys Enter
wait_for '^ Files for proc\.pid = 300 ' "Enter does not open the files of make"
keys t
wait_for 'the Files have no parents to make a tree of' "t on the files does not say why not"
keys BSpace
wait_for '^ Processes, as a tree ' "Backspace does not go back to the tree"
# flat again: print mode's order
keys S t
wait_for '^ Processes  \(totals' "t again does not show the rows flat"
wait_for '^PID +PPID +User +Name +CPU +Threads +VIRT +RES +Syscalls v' \
	"the flat rows are not sorted by Syscalls"
[ "$(screen_pids)" = "$(cut -f1 "$tmp/flat")" ] && ok ||
	bad "the flat order is not print mode's: $(screen_pids | tr '\n' ' ')"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# --tree opens the interface's view as a tree
start 160 40 "$bin" -r "$f" --top --tree
wait_for '^ Processes, as a tree  \(totals' "--top --tree does not open the tree"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }

# a recorded capture: the processes scenario forks, vforks and clones its
# children, all under it in print mode's tree and in the interface's; it
# is itself the only child of the recording syshark, a row of the state
# without events
f=$corpus/procs.scap.gz
"$bin" -r "$f" --top=procs --tree -T fields | cut -f1,2,4 >"$tmp/real"
root=$(sed -n 1p "$tmp/real" | cut -f1)
parent=$(sed -n 2p "$tmp/real" | cut -f1)
children=$(sed 1,2d "$tmp/real" | wc -l)
[ "$(sed -n 1p "$tmp/real" | cut -f3)" = syshark ] && [ "$(sed -n 2p "$tmp/real" | cut -f2)" = "$root" ] &&
	ok || bad "print mode's tree of $f does not start with syshark and its child"
[ "$children" -gt 2 ] && [ -z "$(sed 1,2d "$tmp/real" | awk -F'\t' -v p="$parent" '$2 != p')" ] && ok ||
	bad "print mode's tree of $f is not a parent and its children: $(tr '\t\n' ' ;' <"$tmp/real")"
[ "$(awk -F'\t' -v p="$parent" '$2 == p && ($3 == "true" || $3 == "echo")' "$tmp/real" | wc -l)" = 2 ] && ok ||
	bad "true and echo are not children of $parent in print mode's tree"
start 160 40 "$bin" -r "$f" --top
wait_for '^ Processes  \(totals over the capture\)' "--top does not open the processes of $f"
keys t
wait_for '^ Processes, as a tree  \(totals' "t does not show the tree of $f"
[ "$(screen_pids)" = "$(cut -f1 "$tmp/real")" ] && ok ||
	bad "the tree's order is not print mode's: $(screen_pids | tr '\n' ' ')"
n=0
while IFS=$'\t' read -r pid ppid name; do
	n=$((n + 1))
	if [ "$n" = 1 ]; then
		wait_for "^$pid +$ppid +[a-z]+ +$name " "$name, the recording process, is not a root of the tree"
	elif [ "$n" = 2 ]; then
		wait_for "^$pid +$ppid +[a-z]+ +└─ $name " "$name, the parent, is not the child of $ppid"
	elif [ "$n" -le $((children + 1)) ]; then
		wait_for "^$pid +$ppid +[a-z]+ +   ├─ $name " "$name ($pid) is not a child of $ppid"
	else
		wait_for "^$pid +$ppid +[a-z]+ +   └─ $name " "$name ($pid) is not the last child of $ppid"
	fi
done <"$tmp/real"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q: $(cat "$tmp/stderr")"; }
finish

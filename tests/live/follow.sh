#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# `syshark -w FILE -- CMD` holds CMD's process tree and nothing else, while
# another process keeps the machine busy with the same system calls.
. "$(dirname "$0")/lib.sh"
need_probe
need_sysdig

start_noise

f=$tmp/follow.scap
capture "$f" sh -c 'for i in 1 2 3; do cat /etc/hostname >/dev/null; done; (sleep 0.1; ls / >/dev/null) &
wait' || { finish; exit; }
kill "$noise"

# every event's process is the command or a descendant of it
"$bin" -r "$f" -T fields -e proc.pid -e proc.ppid >"$tmp/pids"
root=$(head -1 "$tmp/pids" | cut -f1)
awk -F'\t' -v root="$root" '
	BEGIN { tree[root] = 1 }
	{ if (!($1 in tree) && !($2 in tree)) { print; bad = 1 } else tree[$1] = 1 }
	END { exit bad }' "$tmp/pids" >"$tmp/strays" && ok ||
	bad "events from outside the command's tree: $(head -3 "$tmp/strays")"
n=$("$bin" -r "$f" -T fields -e proc.name -Y 'evt.type = execve and evt.dir = < and evt.rawres = 0' | sort -u | tr '\n' ' ')
[ "$n" = "cat ls sh sleep " ] && ok || bad "programs run: '$n', wanted cat ls sh sleep"
cats=$("$bin" -r "$f" -T fields -e proc.pid -Y 'evt.type = procexit and proc.name = cat' | wc -l)
[ "$cats" -eq 3 ] && ok || bad "$cats cat processes in the capture, wanted 3"

same_as_sysdig "$f"
finish

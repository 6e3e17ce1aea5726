#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A command that cannot run (-- CMD): one line saying why, the status a
# shell gives (127 not found, 126 not runnable), no capture file, and no
# summary or view after it; in print mode, in --top and in the interface.
# A command that runs and fails is still a capture of it.
. "$(dirname "$0")/lib.sh"
need_probe

for cmd in /nonexistent/cmd /etc; do
	if [ "$cmd" = /etc ]; then want=126 why='Permission denied'; else
		want=127 why='No such file or directory'; fi
	for mode in "-w $tmp/c.scap" -p --top "--top=procs -T json"; do
		rm -f "$tmp/c.scap"
		# shellcheck disable=SC2086 # mode is options
		"$bin" $mode -- "$cmd" arg >"$tmp/o" 2>"$tmp/e"
		rc=$?
		[ $rc -eq $want ] && [ ! -s "$tmp/o" ] && [ ! -e "$tmp/c.scap" ] &&
			[ "$(cat "$tmp/e")" = "syshark: cannot run $cmd: $why" ] && ok ||
			bad "$mode -- $cmd: status $rc, out $(head -c 200 "$tmp/o"): $(cat "$tmp/e")"
	done
done
parts=("$tmp"/.*.part)
[ -e "${parts[0]}" ] && bad "a .part file is left: ${parts[*]}" || ok

# the interface says it once its screen is gone, with no summary
if command -v tmux >/dev/null; then
	sock=badcmd$$
	tmux -L "$sock" new-session -d -x 100 -y 20 \
		"'$bin' -w '$tmp/c.scap' -- /nonexistent/cmd 2>'$tmp/e'; echo \$? >'$tmp/rc'"
	for _ in $(seq 100); do [ -s "$tmp/rc" ] && break; sleep 0.1; done
	tmux -L "$sock" kill-server 2>/dev/null
	[ "$(cat "$tmp/rc" 2>/dev/null)" = 127 ] && [ ! -e "$tmp/c.scap" ] &&
		[ "$(cat "$tmp/e")" = "syshark: cannot run /nonexistent/cmd: No such file or directory" ] &&
		ok || bad "the interface: status $(cat "$tmp/rc" 2>/dev/null): $(cat "$tmp/e")"
fi

"$bin" -w "$tmp/c.scap" -- sh -c 'exit 3' >"$tmp/o" 2>"$tmp/e" &&
	grep -q 'the command exited with status 3' "$tmp/e" && ok ||
	bad "-- sh -c 'exit 3': $(cat "$tmp/e")"
finish

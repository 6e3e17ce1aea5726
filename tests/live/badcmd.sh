#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A command that cannot run (-- CMD): one line saying why, and a failure
# status, not a capture that ends as if all went well.
. "$(dirname "$0")/lib.sh"
need_probe

for cmd in /nonexistent/cmd /etc; do
	"$bin" -w "$tmp/c.scap" -- "$cmd" arg >"$tmp/o" 2>"$tmp/e"
	rc=$?
	[ $rc -eq 1 ] && grep -qx "syshark: cannot run $cmd: $([ "$cmd" = /etc ] &&
		echo 'Permission denied' || echo 'No such file or directory')" "$tmp/e" && ok ||
		bad "-- $cmd: status $rc: $(cat "$tmp/e")"
done
# a command that runs and fails is still a capture of it
"$bin" -w "$tmp/c.scap" -- sh -c 'exit 3' >"$tmp/o" 2>"$tmp/e" &&
	grep -q 'the command exited with status 3' "$tmp/e" && ok ||
	bad "-- sh -c 'exit 3': $(cat "$tmp/e")"
finish

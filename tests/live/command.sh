#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The command of `syshark -- CMD` ends with the capture: when syshark is
# stopped by SIGINT, SIGTERM or SIGHUP, when its file cannot grow, and when
# it is killed with -9; a command that ignores SIGTERM gets SIGKILL. A
# scratch file left by a syshark killed with -9 is deleted by the next one.
. "$(dirname "$0")/lib.sh"
need_probe

# wait_file FILE: waits (up to 20 s) until FILE has something in it
wait_file() {
	for _ in $(seq 400); do
		[ -s "$1" ] && return 0
		sleep 0.05
	done
	return 1
}
# gone PID: waits (up to 20 s) until no process has PID
gone() {
	for _ in $(seq 400); do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.05
	done
	return 1
}
# start ARGS...: syshark ARGS -- a command that writes its pid to $tmp/pid
# and sleeps (ignoring SIGTERM if $ignore is set); sets $spid and $cpid
start() {
	rm -f "$tmp/pid"
	local script='echo $$ >'"$tmp/pid"'; while :; do sleep 1; done'
	"$bin" "$@" -- sh -c "${ignore:+trap '' TERM; }$script" >/dev/null 2>"$tmp/err" &
	spid=$!
	wait_file "$tmp/pid" || bad "$*: the command did not start: $(cat "$tmp/err")"
	cpid=$(cat "$tmp/pid")
}

for sig in INT TERM HUP; do
	for ignore in "" 1; do
		start -w "$tmp/c.scap"
		kill -"$sig" "$spid"
		wait "$spid"
		# syshark waited for its command: it is gone already
		what="SIG$sig${ignore:+ (the command ignores SIGTERM)}"
		! kill -0 "$cpid" 2>/dev/null && ok || bad "$what: the command still runs"
		kill -9 "$cpid" 2>/dev/null
		grep -q 'the command exited with status' "$tmp/err" && ok ||
			bad "SIG$sig: no status of the command: $(cat "$tmp/err")"
	done
done

# the file cannot grow past the size limit, as on a full disk
ignore=
(ulimit -f 200 && trap '' XFSZ && start -w "$tmp/full.scap" && wait "$spid")
cpid=$(cat "$tmp/pid")
! kill -0 "$cpid" 2>/dev/null && ok || bad "a full file: the command still runs"
grep -q 'capture stopped' "$tmp/err" && ok || bad "a full file: $(cat "$tmp/err")"
kill -9 "$cpid" 2>/dev/null

# kill -9: the kernel ends the command; the next syshark deletes the scratch file
mkdir "$tmp/scratch"
export TMPDIR=$tmp/scratch
start --top=procs
kill -9 "$spid"
wait "$spid" 2>/dev/null
gone "$cpid" && ok || bad "kill -9: the command still runs"
kill -9 "$cpid" 2>/dev/null
[ -n "$(ls -A "$TMPDIR")" ] || bad "kill -9 left no scratch file to delete: the test proves nothing"
"$bin" --top=procs --duration 0.2 >/dev/null 2>&1
left=$(ls -A "$TMPDIR")
[ -z "$left" ] && ok || bad "the scratch file of a killed syshark is kept: $left"
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A named pipe opens in the interface: its bytes are copied (or inflated)
# to a file as they come, so the screen shows the capture as print mode
# counts it, plain or gzip, and says while the pipe is still being read. A pipe of text is refused before the screen
# opens, with print mode's one line; `-r -` at a terminal gets one line.
. "$(dirname "$0")/lib.sh"
src=$corpus/shell.scap.gz
events=$("$bin" -r "$src" -A -T fields -e evt.num | wc -l)
[ "$events" -gt 100 ] || bad "print mode counts $events events in $src"

# feed NAME CMD...: a pipe at $tmp/NAME fed by CMD's output, in the background
feed() {
	local p=$tmp/$1
	shift
	rm -f "$p"
	mkfifo "$p"
	("$@" >"$p") &
}
for kind in gzip plain; do
	if [ $kind = gzip ]; then feed pipe cat "$src"; else feed pipe zcat "$src"; fi
	start 160 30 "$bin" -r "$tmp/pipe"
	wait_for "\| events $events \|" "the $kind pipe does not show its $events events"
	keys q
	wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q on a $kind pipe"; }
done

# a pipe still open: its events so far, and the status line says it is read
feed pipe sh -c "zcat '$src'; sleep 5"
start 160 30 "$bin" -r "$tmp/pipe"
# (what came shows, but for the last bytes of a read: 8 KiB at most)
wait_for "\| events [1-9][0-9]+ \|.*\| reading the pipe" "an open pipe is not shown as being read"
wait_for "\| events $events \|.*time absolute *\$" "the pipe's events are not all there once it closes"
keys q
wait_exit && { [ "$status" = 0 ] && ok || bad "exit status $status after q on an open pipe"; }

printf 'hello, this is text and no capture\n' >"$tmp/text"
feed textpipe cat "$tmp/text"
"$bin" -p -r "$tmp/textpipe" >/dev/null 2>"$tmp/err"
feed textpipe cat "$tmp/text"
start 120 40 "$bin" -r "$tmp/textpipe"
if wait_exit; then
	[ "$status" = 1 ] && [ "$(wc -l <"$tmp/stderr")" = 1 ] && cmp -s "$tmp/err" "$tmp/stderr" &&
		ok || bad "a pipe of text: status $status, '$(cat "$tmp/stderr")', print mode '$(cat "$tmp/err")'"
fi

start 120 40 "$bin" -r -
if wait_exit; then
	[ "$status" = 2 ] && grep -qx "syshark: -r -: standard input is the terminal: .*" "$tmp/stderr" &&
		ok || bad "-r - at a terminal: status $status, '$(cat "$tmp/stderr")'"
fi
finish

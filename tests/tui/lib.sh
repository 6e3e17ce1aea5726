# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the terminal-interface tests: the real binary in a real tmux,
# on a private tmux server. `start W H CMD...` runs CMD in a W x H window,
# `keys KEY...` types, `wait_for REGEX [WHAT]` waits (up to 30 s, never a
# fixed sleep) until the screen matches, `screen` prints it.
. "$(dirname "${BASH_SOURCE[0]}")/../checks.sh"
bin=$1
corpus=$2
export TZ=UTC LANG=C.UTF-8
export XDG_CACHE_HOME=$tmp/cache XDG_STATE_HOME=$tmp/state XDG_CONFIG_HOME=$tmp/config
# a row per event, as most tests look at enters and exits apart; a test
# that sets calls=default before it sources this keeps a row per call
if [ "${calls:-}" != default ]; then
	mkdir -p "$XDG_CONFIG_HOME/syshark"
	echo off >"$XDG_CONFIG_HOME/syshark/calls"
fi
# each start gets a tmux server of its own: a new session on a server
# that is still shutting down would be lost
sock=
starts=0
win=t

command -v tmux >/dev/null || { echo "SKIP: tmux is not installed (apt-get install tmux)"; exit 77; }
trap '[ -z "$sock" ] || tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

# start W H CMD...: the command's exit status lands in $tmp/exit.
start() {
	local w=$1 h=$2
	shift 2
	rm -f "$tmp/exit"
	[ -z "$sock" ] || tmux -L "$sock" kill-server 2>/dev/null
	starts=$((starts + 1))
	sock=syshark-test-$$-$starts
	tmux -L "$sock" new-session -d -s "$win" -x "$w" -y "$h" \
		"$(printf '%q ' "$@") 2>$tmp/stderr; echo \$? > $tmp/exit; sleep 600"
}

keys() { tmux -L "$sock" send-keys -t "$win" "$@"; }
screen() { tmux -L "$sock" capture-pane -t "$win" -p "$@"; }
resize() { tmux -L "$sock" resize-window -t "$win" -x "$1" -y "$2"; }

# mouse_event B X Y: button byte B at cell (X, Y) from 0, as xterm's mouse
# protocol sends it (B: 0 the left button pressed, 3 released, 64 and 65 the wheel)
mouse_event() {
	tmux -L "$sock" send-keys -t "$win" -H 1b 5b 4d "$(printf %x $((32 + $1)))" \
		"$(printf %x $(($2 + 33)))" "$(printf %x $(($3 + 33)))"
}
# click X Y: the left button pressed and released there; click X Y B: the wheel
click() {
	mouse_event "${3:-0}" "$1" "$2"
	[ -n "${3:-}" ] || mouse_event 3 "$1" "$2"
}

# wait_for REGEX [WHAT]: ok once the screen matches REGEX (extended), else
# bad. With WAIT_ATTRS=1 the screen has its attributes as escape sequences.
wait_for() {
	local i
	# 30 s: a live capture's start (the probe's load, the /proc snapshot)
	# takes that long on a machine busy with other tests
	for i in $(seq 600); do
		if screen ${WAIT_ATTRS:+-e} | grep -Eq -- "$1"; then
			ok
			return 0
		fi
		sleep 0.05
	done
	bad "${2:-screen never matched '$1'}; it shows:"
	screen | sed 's/^/    | /'
	return 1
}

# close_prompt: Esc, and waits for the prompt to close: a key sent with it
# would come as Meta with that key, which the prompt's readline takes.
close_prompt() {
	local i
	keys Escape
	for i in $(seq 200); do
		[ "$(tmux -L "$sock" display -p -t "$win" '#{cursor_flag}')" = 0 ] && return 0
		sleep 0.05
	done
	bad "Esc does not close the prompt"
}

# wait_exit: waits for the program to end; its status is in $status.
wait_exit() {
	local i
	status=
	for i in $(seq 200); do
		if [ -s "$tmp/exit" ]; then
			status=$(cat "$tmp/exit")
			return 0
		fi
		sleep 0.05
	done
	bad "the program did not exit"
	return 1
}

# first_row FILE: a regex of FILE's first event's row at 160 cells and more,
# from print mode's fields: No. Time CPU Process PID TID User Event
first_row() {
	local num time cpu name pid tid user dir type
	read -r num time cpu name pid tid user dir type <<<"$("$bin" -r "$1" -n 1 -T fields -e evt.num \
		-e evt.time -e evt.cpu -e proc.name -e proc.pid -e thread.tid -e user.name -e evt.dir -e evt.type)"
	printf '^%s +%s %s +%s +%s +%s +%s +%s %s ' "$num" "${time//./\\.}" "$cpu" "$name" "$pid" "$tid" \
		"$user" "$([ "$dir" = ">" ] && echo → || echo ←)" "$type"
}

# down_to PATTERN MAX: Down, a key at a time, each once the screen has
# taken the last (a slow build lags behind keys sent at once), until the
# screen with its attributes matches PATTERN, at most MAX times
down_to() {
	local before
	for _ in $(seq "$2"); do
		screen -e | grep -q -- "$1" && return 0
		before=$(screen -e)
		keys Down
		for _ in $(seq 40); do
			[ "$(screen -e)" != "$before" ] && break
			sleep 0.05
		done
	done
}

# top_field FILE VIEW [ARGS]: the view's rows in print mode, as -T fields
top_field() { "$bin" -r "$1" --top="$2" -T fields "${@:3}"; }
# rows FILE VIEW [ARGS]: the rows print mode gives, counted in JSON, one a
# line (a command line, as sh -c's script, may hold newlines)
rows() { "$bin" -r "$1" --top="$2" -T json "${@:3}" | wc -l; }
# units N: a number of bytes as the views show it
units() { awk -v x="$1" 'BEGIN { u = "BKMGT"; for (i = 0; x >= 1024 && i < 4; i++) x /= 1024
	printf(i ? "%.1f%s\n" : "%.0f%s\n", x, substr(u, i + 1, 1)) }'; }

# fits W: ok if no line of the screen is wider than W cells, else bad
fits() {
	local widest
	widest=$(screen | wc -L)
	[ "$widest" -le "$1" ] && ok || bad "a line is $widest cells wide, past $1"
}

# re TEXT: TEXT as an extended regular expression that matches only it
re() { printf '%s' "$1" | sed 's#[].*[^$()+?{}|\\]#\\&#g'; }

# status_line: the status line, over the function key bar.
status_line() { screen | tail -n 2 | head -n 1; }

# status_field NAME: the number after NAME in the status line ("shown 36").
status_field() {
	status_line | sed -n "s/.*| $1 \([0-9]*\).*/\1/p"
}

# grows NAME WHAT: ok once the status line's NAME is past what it is now
# (waiting up to 5 s), else bad WHAT.
grows() {
	local first
	first=$(status_field "$1")
	for _ in $(seq 100); do
		[ "$(status_field "$1")" -gt "$first" ] && break
		sleep 0.05
	done
	[ "$(status_field "$1")" -gt "$first" ] && ok || bad "$2"
}

# status_rate NAME: the number before NAME/s in the status line ("| 250 events/s").
status_rate() {
	status_line | sed -n "s/.*| \([0-9]*\) $1\/s.*/\1/p"
}

# Skips (exit 77) unless the probe loads here: root, BPF and BTF.
need_probe() {
	local err
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: live capture needs root (or CAP_BPF and CAP_PERFMON)"
		exit 77
	fi
	if ! err=$("$bin" -p -w "$tmp/probe.scap" --duration 0.2 2>&1 >/dev/null); then
		echo "SKIP: the probe cannot load here: $err"
		exit 77
	fi
}

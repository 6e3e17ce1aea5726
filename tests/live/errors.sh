#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# What goes wrong in live capture gets one clear line and the right exit
# status: no privilege, a full disk (the file stays readable), a command
# that cannot run, bad option values.
. "$(dirname "$0")/lib.sh"
need_probe
need_sysdig

# bad option values: exit 2 before anything is loaded
for args in "-s abc" "-s 70000" "-B 0" "--duration x" "-c -1"; do
	# shellcheck disable=SC2086
	"$bin" -w "$tmp/x.scap" $args >/dev/null 2>"$tmp/opt.err"
	rc=$?
	[ "$rc" -eq 2 ] && [ "$(wc -l <"$tmp/opt.err")" -ge 1 ] && ok ||
		bad "'$args' exited $rc: $(cat "$tmp/opt.err")"
done

# no privilege: a user without CAP_BPF is told what is missing
chmod 755 "$tmp"
if command -v setpriv >/dev/null && [ -x "$bin" ]; then
	setpriv --reuid=65534 --regid=65534 --clear-groups -- \
		"$bin" -w "$tmp/nobody.scap" --duration 1 >/dev/null 2>"$tmp/priv.err"
	rc=$?
	[ "$rc" -eq 1 ] && ok || bad "unprivileged capture exited $rc"
	grep -q 'no privilege to load the BPF probe.*CAP_BPF and CAP_PERFMON' "$tmp/priv.err" && ok ||
		bad "unprivileged capture said: $(cat "$tmp/priv.err")"
	[ "$(wc -l <"$tmp/priv.err")" -eq 1 ] && ok || bad "more than one line: $(cat "$tmp/priv.err")"
fi

# a full disk stops the capture; every event written before stays readable
mkdir "$tmp/small"
if mount -t tmpfs -o size=512k tmpfs "$tmp/small" 2>/dev/null; then
	trap 'umount "$tmp/small" 2>/dev/null; rm -rf "$tmp"' EXIT
	"$bin" -w "$tmp/small/full.scap" -- sh -c 'while :; do cat /etc/hostname >/dev/null; done' \
		>/dev/null 2>"$tmp/full.err" &
	pid=$!
	for _ in $(seq 200); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
	if kill -0 "$pid" 2>/dev/null; then
		bad "the capture did not stop on a full disk"
		kill "$pid"
	fi
	wait "$pid"
	rc=$?
	pkill -f 'while :; do cat /etc/hostname' 2>/dev/null
	[ "$rc" -eq 1 ] && ok || bad "full disk: exit status $rc"
	grep -q 'capture stopped: .*full.scap.*No space left on device' "$tmp/full.err" && ok ||
		bad "full disk said: $(cat "$tmp/full.err")"
	if "$bin" -r "$tmp/small/full.scap" >/dev/null 2>"$tmp/full.read"; then ok; else
		bad "the file of a full disk is damaged: $(cat "$tmp/full.read")"; fi
	if sysdig -r "$tmp/small/full.scap" >/dev/null 2>"$tmp/full.sd"; then ok; else
		bad "sysdig cannot read the file of a full disk: $(head -2 "$tmp/full.sd")"; fi
	umount "$tmp/small"
else
	echo "note: cannot mount a small tmpfs here; the full-disk case is left out"
fi
finish

# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the live-capture tests: BIN argument, the counted checks and
# scratch directory of tests/checks.sh, and helpers that capture with the
# real probe and read the file back with syshark and with Debian's sysdig.
. "$(dirname "${BASH_SOURCE[0]}")/../checks.sh"
. "$(dirname "${BASH_SOURCE[0]}")/../sysdig.sh"
bin=$1
export TZ=UTC

# Keeps the machine busy with the same system calls outside the capture
# until the test ends.
start_noise() {
	(while :; do cat /etc/hostname >/dev/null; done) &
	noise=$!
	trap 'kill $noise 2>/dev/null; rm -rf "$tmp"' EXIT
}

# Skips (exit 77) unless the probe loads here: root, BPF and BTF.
need_probe() {
	local err
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP: live capture needs root (or CAP_BPF and CAP_PERFMON)"
		exit 77
	fi
	if ! err=$("$bin" -w "$tmp/probe.scap" --duration 0.2 2>&1 >/dev/null); then
		echo "SKIP: the probe cannot load here: $err"
		exit 77
	fi
}

need_sysdig() {
	if ! command -v sysdig >/dev/null 2>&1; then
		echo "SKIP: sysdig is not installed (apt-get install sysdig)"
		exit 77
	fi
}

# capture [-s LEN] FILE CMD...: captures CMD's process tree into FILE
# (keeping LEN bytes of I/O per event if given); fails the test (and
# returns 1) if syshark does not end cleanly.
capture() {
	local snap=()
	if [ "$1" = -s ]; then
		snap=(-s "$2")
		shift 2
	fi
	local file=$1
	shift
	if ! "$bin" "${snap[@]}" -w "$file" -- "$@" >"$tmp/capture.out" 2>"$tmp/capture.err"; then
		bad "capture of '$*' failed: $(cat "$tmp/capture.err")"
		return 1
	fi
	grep -q "events captured to $file" "$tmp/capture.err" || bad "no summary line: $(cat "$tmp/capture.err")"
}

# capture_lo FILTER [-s LEN] FILE CMD...: capture's, while tshark captures
# the loopback traffic capture filter FILTER keeps into $tmp/lo.pcapng
capture_lo() {
	local filter=$1 ts rc=0 _
	shift
	tshark -i lo -f "$filter" -w "$tmp/lo.pcapng" >"$tmp/tshark.out" 2>&1 &
	ts=$!
	for _ in $(seq 100); do
		grep -qs Capturing "$tmp/tshark.out" && break
		sleep 0.1
	done
	capture "$@" || rc=$?
	sleep 0.5 # the last segments reach tshark
	kill -INT "$ts"
	wait "$ts"
	return "$rc"
}

# same_as_sysdig FILE: the whole text output of both tools agrees
# (interop/sysdig_compare.sh).
same_as_sysdig() {
	if "$(dirname "${BASH_SOURCE[0]}")/../interop/sysdig_compare.sh" "$bin" "$1" >"$tmp/cmp.out"; then
		ok
	else
		bad "syshark and sysdig disagree on $1"
		head -12 "$tmp/cmp.out"
	fi
}

# fields_both FILE FILTER FIELD...: prints the fields of the matching
# events with syshark into $tmp/f.sh and with sysdig into $tmp/f.sd, one
# tab-separated line per event, and checks that they agree.
fields_both() {
	local file=$1 filter=$2 f fmt='*' args=()
	shift 2
	for f in "$@"; do
		fmt+="%$f"$'\t'
		args+=(-e "$f")
	done
	fmt=${fmt%$'\t'}
	# with evt.type first, the events sysdig 0.29.3 cannot know are left out
	"$bin" -r "$file" -T fields "${args[@]}" -Y "$filter" 2>"$tmp/f.err" |
		grep -Ev "^($SYSDIG_UNKNOWN)"$'\t' >"$tmp/f.sh"
	[ -s "$tmp/f.err" ] && bad "syshark -T fields failed: $(cat "$tmp/f.err")"
	sysdig -r "$file" -p "$fmt" "$filter" >"$tmp/f.sd" 2>/dev/null ||
		bad "sysdig -p failed on $file"
	if cmp -s "$tmp/f.sh" "$tmp/f.sd"; then
		ok
	else
		bad "fields $* of '$filter' differ between syshark and sysdig"
		diff "$tmp/f.sd" "$tmp/f.sh" | head -6
	fi
}

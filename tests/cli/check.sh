# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the CLI tests: BIN CORPUS EXTRA arguments (the recorded corpus,
# and the directory of the extra captures written by sysdig and Falco, which
# may be missing), with the counted checks and scratch directory of
# tests/checks.sh. `captures` lists the recorded captures, then the extra
# ones; `extra_captures` the extra ones alone.
. "$(dirname "${BASH_SOURCE[0]}")/../checks.sh"
bin=$1
corpus=$2
extra=${3:-}
extra_captures() {
	[ -n "$extra" ] && [ -d "$extra" ] || return 0
	ls "$extra"/*.scap 2>/dev/null
}
captures() {
	ls "$corpus"/*.scap "$corpus"/*.scap.gz
	extra_captures
}
# span FILE: sets s0 and ns0 to FILE's first event's time, span to the ns
# from it to the last event, and ms to a tenth of that in whole ms (1 at least)
span() {
	read -r s0 ns0 <<<"$("$bin" -r "$1" -T fields -e evt.rawtime.s -e evt.rawtime.ns | head -1)"
	span=$("$bin" -r "$1" -T fields -e evt.rawtime.s -e evt.rawtime.ns | tail -1 |
		awk -F'\t' -v s0="$s0" -v ns0="$ns0" '{ printf "%.0f\n", ($1 - s0) * 1e9 + ($2 - ns0) }')
	ms=$((span / 10 / 1000000))
	[ "$ms" -ge 1 ] || ms=1
}
# err WANT ARGS...: syshark ARGS says WANT, only that, and exits 2
err() {
	local want=$1 st
	shift
	"$bin" "$@" >"$tmp/o" 2>"$tmp/e"
	st=$?
	if [ $st -eq 2 ] && [ "$(cat "$tmp/e")" = "$want" ] && [ ! -s "$tmp/o" ]; then ok; else
		bad "$*: status $st, '$(cat "$tmp/e")', not '$want'"
	fi
}
# starts NS LAST: each interval's start in seconds, with the decimals NS
# needs, as --io-stat and --spectro print it
starts() {
	awk -v w="$1" -v last="$2" 'BEGIN {
		d = 0; for (u = 1e9; w % u; u /= 10) d++
		for (k = 0; k <= last; k++) {
			t = k * w
			if (d) printf "%d.%0" d "d\n", int(t / 1e9), (t % 1e9) / u
			else printf "%d\n", int(t / 1e9)
		}
	}'
}

# blocks FILE: the blocks of a capture (inflated first if it is gzip), one
# line each: offset, kind (as --stats names it) and total length, walked
# from the lengths in the block headers alone, without syshark.
blocks() {
	zcat -f "$1" | od -An -v -tx4 -w4 | awk '
		{ w[NR - 1] = $1 }
		function num(h,  i, v) {
			for (v = i = 0; i < length(h); i++)
				v = v * 16 + index("0123456789abcdef", substr(h, i + 1, 1)) - 1
			return v
		}
		function kind(t) {
			if (t == "0a0d0d0a") return "section header"
			if (t ~ /^00000201$|^8002abcd$/) return "machine info"
			if (t ~ /^0000020[279]$|^0000021[0-5]$|^8000abcd$|^801[34]abcd$/) return "process list"
			if (t ~ /^00000203$|^00000218$|^8001abcd$/) return "fd list"
			if (t ~ /^00000205$|^00000219$|^8011abcd$/) return "interface list"
			if (t ~ /^00000206$|^00000220$|^8012abcd$/) return "user list"
			if (t ~ /^0000020[48]$|^0000021[67]$|^0000022[12]$|^8010abcd$/) return "event"
			if (t == "80535850") return "process extras"
			if (t ~ /^0000000[1236]$/) return "packet"
			return "unknown"
		}
		END {
			for (off = 0; off / 4 + 1 < NR; off += len) {
				len = num(w[off / 4 + 1])
				if (len < 12 || len % 4) {
					printf "blocks: bad block length %d at offset %d\n", len, off > "/dev/stderr"
					exit 1
				}
				printf "%d\t%s\t%d\n", off, kind(w[off / 4]), len
			}
		}'
}

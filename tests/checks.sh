# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the shell tests: counted checks and a scratch directory.
# `ok` and `bad MESSAGE` count; `expect WHAT WANT GOT` checks that GOT is
# WANT and not empty; `finish` prints the tally and sets the exit status;
# $tmp is removed on exit. A command not found counts as a failure.
set -u
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
expect() {
	if [ -n "$2" ] && [ "$2" = "$3" ]; then ok; else
		bad "$1: got"$'\n'"$3"$'\n'"wanted"$'\n'"$2"
	fi
}
command_not_found_handle() {
	bad "no command '$1'"
	return 127
}
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the latency spectrogram's buckets (eng_spectro.h), as awk statements:
# lo[b] the least whole ns of bucket b, name[b] its name ("1.25us")
SPECTRO_BUCKETS='
	split("100 125 160 200 250 315 400 500 630 800", sb_r10, " ")
	for (sb_b = 0; sb_b < 110; sb_b++) {
		sb_h = sb_r10[sb_b % 10 + 1] * 10 ^ int(sb_b / 10) # hundredths of a ns
		lo[sb_b] = int((sb_h + 99) / 100)
		sb_u = sb_h >= 1e11 ? 1e11 : sb_h >= 1e8 ? 1e8 : sb_h >= 1e5 ? 1e5 : 100
		sb_unit = sb_u == 1e11 ? "s" : sb_u == 1e8 ? "ms" : sb_u == 1e5 ? "us" : "ns"
		name[sb_b] = sprintf("%g%s", sb_h / sb_u, sb_unit)
	}'

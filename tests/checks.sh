# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the shell tests: counted checks and a scratch directory.
# `ok` and `bad MESSAGE` count; `finish` prints the tally and sets the exit
# status; $tmp is removed on exit.
set -u
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

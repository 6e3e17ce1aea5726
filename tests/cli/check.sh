# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the CLI tests: BIN CORPUS arguments, a scratch directory and
# counted checks. `ok` and `bad MESSAGE` count; `finish` prints the tally and
# sets the exit status.
set -u
bin=$1
corpus=$2
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

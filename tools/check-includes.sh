#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Module boundaries: scap, engine and dissectors never include the terminal
# libraries; scap never includes libbpf.
set -euo pipefail
cd "$(dirname "$0")/.."
bad=$(grep -rlE '#include *[<"](n?curses|ncursesw/|readline/)' src/scap src/engine src/dissectors src/common || true)
bad+=$(grep -rlE '#include *[<"]bpf/' src/scap src/dissectors src/common || true)
if [ -n "$bad" ]; then
	echo "check-includes: forbidden include in: $bad" >&2
	exit 1
fi
echo "check-includes: module boundaries hold"

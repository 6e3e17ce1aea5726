#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Quick start 2: installs what is needed, builds syshark twice (release, and
# ASan+UBSan with clang), runs every test in both, then runs the reader's
# fuzz target for a short while (FUZZ_SECONDS, default 60).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
tools/check-includes.sh
scripts/build.sh
(cd build && ctest --output-on-failure -j"$(nproc)")

CC=clang cmake -S . -B build-asan -DSYSHARK_SANITIZE=ON -DSYSHARK_FUZZ=ON \
	-DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$(nproc)"
(cd build-asan && ctest --output-on-failure -j"$(nproc)")

secs=${FUZZ_SECONDS:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/fuzz/corpus/* "$work/"
cp ../shared/corpus/*.scap "$work/" 2>/dev/null || true
echo "fuzz_scap: running for ${secs}s"
build-asan/tests/fuzz_scap -max_total_time="$secs" -print_final_stats=1 "$work" \
	2>"$work.log" || { tail -40 "$work.log"; echo "fuzz_scap: found a crash"; exit 1; }
grep -E 'stat::number_of_executed_units' "$work.log" || true
rm -f "$work.log"
echo "all tests passed"

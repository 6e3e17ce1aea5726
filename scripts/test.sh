#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Quick start 2: installs what is needed, builds syshark twice (release, and
# ASan+UBSan with clang), runs every test in both, then runs the fuzz targets
# for a short while, two at a time: the reader for FUZZ_SECONDS (default 60), the filter
# language for half that, the format strings, the rules files, checkpoints, the
# probe's flag rewriting, the /proc parsers of the live snapshot, the keymap and
# the columns parsers for a quarter.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
tools/check-includes.sh
scripts/build.sh
# sysdig's output on a capture is read once, for both builds' comparisons
export SYSHARK_SYSDIG_CACHE=$PWD/build/sysdig-cache
rm -rf "$SYSHARK_SYSDIG_CACHE"
tools/cppcheck.sh
(cd build && ctest --output-on-failure -j"$(nproc)")

# -O1, as the sanitizers' authors advise: several times faster than -O0,
# with asserts and every check kept
CC=clang cmake -S . -B build-asan -DSYSHARK_SANITIZE=ON -DSYSHARK_FUZZ=ON \
	-DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS_DEBUG='-g -O1' >/dev/null
cmake --build build-asan -j"$(nproc)"
# The per-filter comparisons on other tools' captures repeat the release
# build's, filter for filter: the sanitizers meet those captures in the
# other comparisons, the exports and the fuzzers.
(cd build-asan && ctest --output-on-failure -j"$(nproc)" -E '^sysdig_filters_extra_')

# fuzz TARGET SECONDS SEED_DIR...: runs a libFuzzer target on a copy of its seeds
fuzz() {
	local target=$1 secs=$2 work
	shift 2
	[ "$secs" -ge 1 ] || secs=1 # 0 would mean no limit
	work=$(mktemp -d)
	for dir in "$@"; do cp "$dir"/* "$work/" 2>/dev/null || true; done
	echo "$target: running for ${secs}s"
	if ! build-asan/tests/"$target" -max_total_time="$secs" -print_final_stats=1 \
		-artifact_prefix="$work/" "$work" 2>"$work.log"; then
		tail -40 "$work.log"
		echo "$target: found a crash"
		exit 1
	fi
	grep -E 'stat::number_of_executed_units' "$work.log" || true
	rm -rf "$work" "$work.log"
}
secs=${FUZZ_SECONDS:-60}
# the reader's seeds: its saved inputs and every capture of the corpus (and
# of the extra set, when it is there), inflated
caps=$(mktemp -d)
extra=${SYSHARK_EXTRA_CORPUS:-../shared/corpus}
for f in tests/corpus/*.scap* "$extra"/*.scap; do
	[ -f "$f" ] && zcat -f "$f" >"$caps/$(basename "${f%.gz}")"
done
snaps=$(mktemp -d)
build-asan/tests/make_snap_seed tests/corpus/shell.scap.gz "$snaps/shell"
flags=$(mktemp -d)
# two lanes of about the same length, one per core
lane_a() {
	fuzz fuzz_scap "$secs" tests/fuzz/corpus "$caps"
	fuzz fuzz_filter "$((secs / 2))" tests/fuzz/filter_corpus
	fuzz fuzz_pformat "$((secs / 4))" tests/fuzz/pformat_corpus
	fuzz fuzz_rules "$((secs / 4))" tests/fuzz/rules_corpus
}
lane_b() {
	fuzz fuzz_index "$((secs / 4))" tests/fuzz/corpus "$caps"
	fuzz fuzz_views "$((secs / 4))" tests/fuzz/corpus "$caps"
	fuzz fuzz_snap "$((secs / 4))" "$snaps"
	fuzz fuzz_probe_flags "$((secs / 4))" "$flags"
	fuzz fuzz_procfs "$((secs / 4))" tests/fuzz/procfs_corpus
	fuzz fuzz_keymap "$((secs / 4))" tests/fuzz/keymap_corpus
	fuzz fuzz_columns "$((secs / 4))" tests/fuzz/columns_corpus
	fuzz fuzz_complete "$((secs / 8))" tests/fuzz/complete_corpus
	fuzz fuzz_proto "$((secs / 8))" tests/fuzz/proto_corpus
}
lane_a &
a=$!
lane_b &
b=$!
failed=0
wait "$a" || failed=1
wait "$b" || failed=1
rm -rf "$caps" "$snaps" "$flags"
[ "$failed" = 0 ] || exit 1
echo "all tests passed"

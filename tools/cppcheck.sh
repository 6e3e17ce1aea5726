#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs cppcheck's warning and portability checks on the C sources and tests
# (not the BPF program, which cppcheck cannot parse); any finding fails.
# Needs a build in build/ for the generated schema header.
set -euo pipefail
cd "$(dirname "$0")/.."
# the generated headers but the BPF skeleton, whose 3 MB string takes
# cppcheck minutes to parse
gen=$(mktemp -d)
trap 'rm -rf "$gen"' EXIT
for h in build/gen/*.h; do
	[ "${h##*/}" = syscalls.skel.h ] || ln -s "$PWD/$h" "$gen/"
done
inc=()
for d in src/common src/scap src/engine src/dissectors src/bpf "$gen"; do
	inc+=(-I "$d")
done
cppcheck --quiet -j"$(nproc)" --enable=warning,portability --inline-suppr --error-exitcode=1 \
	--suppress=missingIncludeSystem "${inc[@]}" \
	-i src/bpf/syscalls.bpf.c -i src/bpf/vmlinux src tests
echo "cppcheck: no findings"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Runs cppcheck's warning and portability checks on the C sources and tests
# (not the BPF program, which cppcheck cannot parse); any finding fails.
# Needs a build in build/ for the generated schema header.
set -euo pipefail
cd "$(dirname "$0")/.."
inc=()
for d in src/common src/scap src/engine src/dissectors src/bpf build/gen; do
	inc+=(-I "$d")
done
cppcheck --quiet -j"$(nproc)" --enable=warning,portability --inline-suppr --error-exitcode=1 \
	--suppress=missingIncludeSystem "${inc[@]}" \
	-i src/bpf/syscalls.bpf.c -i src/bpf/vmlinux src tests
echo "cppcheck: no findings"

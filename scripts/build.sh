#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Configures and builds syshark into build/ (release with debug info). The
# compiler's output goes to build/build.log and is shown only on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
echo "build: compiling syshark into build/"
if ! { cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
	cmake --build build -j"$(nproc)"; } >build/build.log 2>&1; then
	cat build/build.log >&2
	echo "build: failed (log above, also in build/build.log)" >&2
	exit 1
fi

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Configures and builds syshark into build/ (release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j"$(nproc)"

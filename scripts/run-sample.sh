#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Quick start 1: installs what is needed, builds syshark and opens a sample
# capture that syshark recorded itself (doc/examples/, made by
# scripts/record-sample.sh): on a terminal in the full-screen interface,
# otherwise printed.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec build/syshark -r "${1:-doc/examples/sample.scap.gz}"

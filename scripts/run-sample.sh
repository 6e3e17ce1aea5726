#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Quick start 1: installs what is needed, builds syshark and shows a sample
# capture that syshark recorded itself (doc/examples/, made by
# scripts/record-sample.sh). On a terminal the output goes through a pager.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
sample=${1:-doc/examples/sample.scap.gz}
pager=${PAGER:-less -RS}
if [ -t 1 ] && command -v "${pager%% *}" >/dev/null; then
	build/syshark -p -r "$sample" | $pager
else
	build/syshark -r "$sample"
fi

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Generates one event of every type and compares syshark with sysdig on it.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$2" "$tmp/every.scap" || { echo "FAIL: mkevents"; exit 1; }
exec "$(dirname "$0")/sysdig_compare.sh" "$1" "$tmp/every.scap"

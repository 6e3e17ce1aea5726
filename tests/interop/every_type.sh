#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
# Generates one event of every type and compares syshark with sysdig on it:
# the printed lines (every_type.sh BIN MKEVENTS), or with "filters" as a third
# argument, the events every filter of filters.txt selects.
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "${3:-}" = filters ]; then
	"$2" --for-filters "$tmp/every.scap" || { echo "FAIL: mkevents"; exit 1; }
	SYSHARK_FILTER_LEAKS=1 "$(dirname "$0")/sysdig_filters.sh" "$1" "$tmp/every.scap"
	exit $?
fi
"$2" "$tmp/every.scap" || { echo "FAIL: mkevents"; exit 1; }
"$(dirname "$0")/sysdig_compare.sh" "$1" "$tmp/every.scap"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Several sections in one file: two captures concatenated (as libsinsp and
# sysdig accept them) must print as sysdig prints them. Exit 77 = skipped.
set -u
bin=$1
corpus=$2
[ -r "$corpus/sample.scap" ] && [ -r "$corpus/cat_write.scap" ] || { echo "SKIP: corpus missing"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
zcat -f "$corpus/sample.scap" "$corpus/cat_write.scap" >"$tmp/multi.scap"
"$(dirname "$0")/sysdig_compare.sh" "$bin" "$tmp/multi.scap" || exit $?
sections=$("$bin" -r "$tmp/multi.scap" --stats | sed -n 's/^sections: //p')
[ "$sections" = 2 ] || { echo "FAIL: --stats says $sections sections, expected 2"; exit 1; }
echo "PASS: two sections"

# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the tests that compare syshark with Debian's sysdig 0.29.3.
#
# The probe writes a few event types that came after sysdig 0.29.3 (ids 336
# and up in the event table). sysdig skips them, and numbers the events it
# shows without them, so on a capture that holds them the comparisons set
# those events aside and match events by time and thread, not by number.
SYSDIG_UNKNOWN='newfstatat|setreuid|setregid'

# sysdig_unknown_in BIN FILE: true if FILE holds events sysdig cannot know.
sysdig_unknown_in() {
	[ -n "$("$1" -r "$2" -A -n 1 -T fields -e evt.num \
		-Y "evt.type in (${SYSDIG_UNKNOWN//|/, })" 2>/dev/null)" ]
}

# sysdig_known: drops the lines of syshark's text output sysdig cannot show.
sysdig_known() {
	grep -Ev " ($SYSDIG_UNKNOWN) " || true
}

# sysdig_capture_start BIN FILE: the start of a comparison on one capture:
# sets bin and file, and a scratch directory $tmp removed on exit; exits 77
# (skipped) without sysdig, 1 if FILE is missing.
sysdig_capture_start() {
	bin=$1
	file=$2
	command -v sysdig >/dev/null 2>&1 || { echo "SKIP: sysdig is not installed"; exit 77; }
	[ -r "$file" ] || { echo "FAIL: $file is missing"; exit 1; }
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
}

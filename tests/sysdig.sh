# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the tests that compare syshark with Debian's sysdig 0.29.3.
#
# The probe writes a few event types that came after sysdig 0.29.3 (ids 336
# and up in the event table). sysdig skips them, and numbers the events it
# shows without them, so on a capture that holds them the comparisons set
# those events aside and match events by time and thread, not by number.
SYSDIG_UNKNOWN='newfstatat|setreuid|setregid|chown|lchown|fchown|fchownat'

# sysdig 0.29.3 knows the exits of sendmmsg and recvmmsg without parameters,
# where current drivers write one a message, with its fd, data and tuple:
# the comparisons set those exits aside.
SYSDIG_NO_PARAMS='sendmmsg|recvmmsg'

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

# sysdig_out FILE ARGS...: what `TZ=UTC sysdig -r FILE ARGS...` prints, its
# errors included. sysdig reads the same capture alike every time: with
# SYSHARK_SYSDIG_CACHE set (scripts/test.sh sets it for its two builds), the
# output is kept there under the capture's content, the arguments and
# sysdig's version, and read back when asked again.
sysdig_out() {
	local f=$1 key dir=${SYSHARK_SYSDIG_CACHE:-}
	shift
	if [ -z "$dir" ]; then
		TZ=UTC sysdig -r "$f" "$@" 2>&1
		return
	fi
	if [ "${sysdig_hash_of:-}" != "$f" ]; then
		if ! mkdir -p "$dir" 2>/dev/null; then
			TZ=UTC sysdig -r "$f" "$@" 2>&1
			return
		fi
		sysdig_hash=$({ sysdig --version 2>&1; cat "$f"; } | sha256sum)
		sysdig_hash=${sysdig_hash:0:40}
		sysdig_hash_of=$f
	fi
	# the arguments' hash in the shell: a process per call costs more than sysdig's run
	fnv_hash key "$@"
	key=$sysdig_hash-$key
	if [ ! -f "$dir/$key" ]; then
		TZ=UTC sysdig -r "$f" "$@" >"$dir/$key.$$" 2>&1
		mv "$dir/$key.$$" "$dir/$key"
	fi
	cat "$dir/$key"
}

# fnv_hash VAR STRING...: the 64-bit FNV-1a hash of the strings, each with a
# NUL after it, as 16 hex digits into VAR.
fnv_hash() {
	local -n fnv_out=$1
	local s c i h=-3750763034362895579 LC_ALL=C
	shift
	for s in "$@"; do
		for ((i = 0; i < ${#s}; i++)); do
			printf -v c '%d' "'${s:i:1}"
			h=$(((h ^ (c & 255)) * 1099511628211))
		done
		h=$((h * 1099511628211))
	done
	printf -v fnv_out '%016x' "$h"
}

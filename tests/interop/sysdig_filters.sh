#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# For every filter in filters.txt, the events syshark selects from a capture
# must be exactly those `sysdig -r FILE -p %evt.num FILTER` selects, and the
# values of the fields in fields.txt must be those `sysdig -p` prints for
# every event. Exit 77 = skipped.
#
# On a capture with events sysdig 0.29.3 cannot know (tests/sysdig.sh),
# events are matched by time and thread instead of by number, those events
# are set aside, and the filters and fields on event numbers are left out.
#
# Not in the list, on purpose:
# - group.gid: sysdig 0.29.3 reads it as 8 bytes from a 4-byte field, so its
#   values are garbage (6 << 32 for gid 6).
# - bcontains and intersects: sysdig 0.29.3 does not have them; filter_ops.sh
#   checks them against contains and in instead.
# - fd.dport/fd.dip: names syshark adds; sysdig 0.29.3 has no such fields.
# - fd.dev, fd.dev.major, fd.dev.minor: sysdig 0.29.3 leaves a socket's device
#   unset (it prints whatever was in memory) and reads none from openat2;
#   fd_fields.sh checks them against the open calls' own parameters.
# - fd.net with an IPv6 network: sysdig 0.29.3 refuses them (current libs take
#   them), and it matches fd.ip = IPV6 on IPv4 sockets too (it compares 16
#   bytes); fd_fields.sh checks fd.net on IPv6 against fd.ip.
# - filters that mix 'and' and 'or' without parentheses: sysdig 0.29.3
#   refuses them, syshark reads them with 'and' binding tighter.
# - evt.count.error*: sysdig 0.29.3 gives them no value where the current
#   libraries give 0; syscall.type: sysdig 0.29.3 names container records and
#   procexit, which the current libraries do not count as system calls;
#   evt.latency.human: sysdig 0.29.3 repeats the event before's on events
#   without a thread; evt.buffer: -T fields doubles its backslashes;
#   evt.type.is: sysdig 0.29.3 cannot print it; evt.around: filters only;
#   evt.count.procinfo, evt.count.threadinfo: sysdig 0.29.3 has no value
#   where the current libraries give 0; evt.latency.quantized: sysdig 0.29.3
#   gives 1 where the current libraries give 0.
#   evt_fields.sh checks them (and the fields sysdig 0.29.3 lacks) instead.
# - fd.name_changed in filters: sysdig 0.29.3 prints it but its filters never
#   see it true; fd_fields.sh checks that the filter selects its true values.
# Exits whose enter a filter rejected may be chosen differently: rejecting
# an enter ends its thread's pairing, and current Falco libraries then take
# the fd the exit carries itself, which sysdig 0.29.3 does not know (it
# takes an earlier call's). rejected_enters() below says which differences
# are of that kind. An exit whose enter names no fd (setsockopt) takes its
# own fd in current libraries, and no fd in sysdig 0.29.3: the field
# comparison sets such events aside.
# The exits sysdig 0.29.3 knows without parameters (tests/sysdig.sh) are
# set aside from both tools' choices and fields.
# evt.abspath comes last in fields.txt: after it in a format, sysdig 0.29.3
# prints fd.containername with the name of the directory.
set -u
. "$(dirname "$0")/../sysdig.sh"
bin=$1
file=$2
list=$(dirname "$0")/filters.txt
command -v sysdig >/dev/null 2>&1 || { echo "SKIP: sysdig is not installed"; exit 77; }
[ -r "$file" ] || { echo "FAIL: $file is missing"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# syshark's and sysdig's view of the chosen events: their numbers, or
# with unknown events, their times and threads (syshark's with the type
# first, to set the unknown ones aside)
key=(evt.num)
unknown=false
if sysdig_unknown_in "$bin" "$file"; then
	unknown=true
	key=(evt.rawtime thread.tid)
fi
sd_key=$(printf '%%%s\t' "${key[@]}")
sd_key=${sd_key%$'\t'}
sh_key=()
for k in "${key[@]}"; do sh_key+=(-e "$k"); done
# syshark FILTER FIELD_ARGS...: the fields of the events FILTER chooses
syshark_fields() {
	local flt=$1
	shift
	if $unknown; then
		TZ=UTC "$bin" -r "$file" -T fields -e evt.type "$@" ${flt:+-Y "$flt"} 2>&1 |
			sed -E "/^($SYSDIG_UNKNOWN)\t/d; s/^[^\t]*\t//"
	else
		TZ=UTC "$bin" -r "$file" -T fields "$@" ${flt:+-Y "$flt"} 2>&1
	fi
}

# every event's key, thread, direction and fd number, in order
syshark_fields "" "${sh_key[@]}" -e thread.tid -e evt.dir -e fd.num >"$tmp/all"
# the keys of the exits set aside; aside_of FILE drops them from FILE
syshark_fields "evt.dir = < and evt.type in (${SYSDIG_NO_PARAMS//|/, })" "${sh_key[@]}" \
	>"$tmp/no_params"
aside_of() {
	[ -s "$tmp/no_params" ] || return 0
	grep -vxFf "$tmp/no_params" "$1" >"$1.kept"
	mv "$1.kept" "$1"
}
# rejected_enters FILTER: true if every event only one tool selects ($tmp/a
# is sysdig's choice, $tmp/b syshark's) is an exit whose enter the filter
# rejected: current libraries (and syshark) give it the fd it carries,
# sysdig 0.29.3 the fd of an earlier call. One that only syshark selects
# must be selected with its enter let through too (paired, with its enter's
# fd), unless that enter names no fd.
rejected_enters() {
	local nk=${#key[@]}
	sort "$tmp/a" >"$tmp/a.s"
	sort "$tmp/b" >"$tmp/b.s"
	comm -13 "$tmp/a.s" "$tmp/b.s" | sed 's/^/+/' >"$tmp/diff"
	comm -23 "$tmp/a.s" "$tmp/b.s" | sed 's/^/-/' >>"$tmp/diff"
	syshark_fields "($1) or evt.dir = >" "${sh_key[@]}" >"$tmp/paired"
	awk -F'\t' -v nk="$nk" '
		function key(k, i) { k = $1; for (i = 2; i <= nk; i++) k = k "\t" $i; return k }
		FILENAME == ARGV[1] { chosen[$0] = 1; next }
		FILENAME == ARGV[2] { diff[substr($0, 2)] = substr($0, 1, 1); next }
		FILENAME == ARGV[3] { paired[$0] = 1; next }
		{
			k = key(); tid = $(nk + 1); dir = $(nk + 2)
			if (k in diff) {
				if (dir != "<" || last_dir[tid] != ">" || (last[tid] in chosen) ||
				    (diff[k] == "+" && !(k in paired) && last_fd[tid] != "-1" &&
				     last_fd[tid] != "<NA>"))
					bad++
				seen++
			}
			last[tid] = k; last_dir[tid] = dir; last_fd[tid] = $(nk + 3)
		}
		END { exit bad > 0 || seen == 0 }' "$tmp/b" "$tmp/diff" "$tmp/paired" "$tmp/all"
}

# In a sanitized build, LeakSanitizer's check at exit costs as much as a
# filter's run: the loop leaves it to the capture of every event type
# (every_type.sh), the fields' run below checks it on every capture.
loop_asan=${ASAN_OPTIONS:-}
[ "${SYSHARK_FILTER_LEAKS:-}" = 1 ] || loop_asan=${loop_asan:+$loop_asan:}detect_leaks=0
n=0
left=0
fails=0
aside=0
while IFS= read -r flt; do
	[ -n "$flt" ] || continue
	if $unknown && [[ $flt == *evt.num* ]]; then
		left=$((left + 1))
		continue
	fi
	n=$((n + 1))
	sysdig_out "$file" -p "$sd_key" "$flt" >"$tmp/a"
	ASAN_OPTIONS=$loop_asan syshark_fields "$flt" "${sh_key[@]}" >"$tmp/b"
	aside_of "$tmp/a"
	aside_of "$tmp/b"
	if ! cmp -s "$tmp/a" "$tmp/b" && rejected_enters "$flt"; then
		aside=$((aside + 1))
	elif ! cmp -s "$tmp/a" "$tmp/b"; then
		echo "FAIL: [$flt] selects other events than sysdig:"
		diff "$tmp/a" "$tmp/b" | head -5
		fails=$((fails + 1))
	fi
done <"$list"
[ "$fails" -eq 0 ] || { echo "$fails of $n filters differ on $(basename "$file")"; exit 1; }

# the fields, all in one format string for sysdig and one run of syshark
names=()
# shellcheck disable=SC2013
for f in $(cat "$(dirname "$0")/fields.txt"); do
	$unknown && [ "$f" = evt.num ] && continue
	# sysdig never sees the events it cannot know: its previous event differs
	$unknown && [[ $f == evt.deltatime* ]] && continue
	names+=("$f")
done
nf=${#names[@]}
fmt='*'
args=()
for f in "${names[@]}"; do
	fmt+="%$f"$'\t'
	args+=(-e "$f")
done
# fd.cport of a socket that is not a connected IP one (no client address):
# current libraries give none, sysdig 0.29.3 0 or whatever its memory holds.
# A port 0 is taken as none in both.
no_cport() {
	awk -F'\t' -v OFS='\t' -v names="${names[*]}" '
		BEGIN { n = split(names, name, " "); for (i = 1; i <= n; i++) col[name[i]] = i }
		NF == n && $col["fd.cport"] != "<NA>" && ($col["fd.cport"] == "0" ||
			$col["fd.cip"] == "<NA>" ||
			($col["fd.type"] != "ipv4" && $col["fd.type"] != "ipv6")) {
			$col["fd.cport"] = "<NA>"
		}
		{ print }'
}
sysdig_out "$file" -p "${fmt%$'\t'}" | no_cport >"$tmp/a"
syshark_fields "" "${args[@]}" | no_cport >"$tmp/b"
# exits whose enter names no fd, where current libraries (and syshark) take
# the fd the exit carries and sysdig 0.29.3 has none: set aside from both
own_fd=0
if ! cmp -s "$tmp/a" "$tmp/b"; then
	paste -d '\n' "$tmp/a" "$tmp/b" | awk -F'\t' -v names="${names[*]}" \
		-v out_a="$tmp/a2" -v out_b="$tmp/b2" -v out_n="$tmp/own_fd" '
		BEGIN { n = split(names, name, " "); for (i = 1; i <= n; i++) col[name[i]] = i }
		NR % 2 { a = $0; sd_fd = $col["fd.num"]; next }
		{
			tid = $col["thread.tid"]; dir = $col["evt.dir"]
			if (dir == "<" && $col["evt.type"] ~ /^('"$SYSDIG_NO_PARAMS"')$/) {
				# no parameters in sysdig 0.29.3: set aside
			} else if (a != $0 && dir == "<" && last_dir[tid] == ">" &&
			    (last_fd[tid] == "-1" || last_fd[tid] == "<NA>") &&
			    (sd_fd == "-1" || sd_fd == "<NA>") && $col["fd.num"] != sd_fd) {
				own++
			} else {
				print a >out_a
				print >out_b
			}
			last_dir[tid] = dir; last_fd[tid] = $col["fd.num"]
		}
		END { print own + 0 >out_n }'
	mv "$tmp/a2" "$tmp/a"
	mv "$tmp/b2" "$tmp/b"
	own_fd=$(cat "$tmp/own_fd")
fi
if ! cmp -s "$tmp/a" "$tmp/b"; then
	echo "FAIL: field values differ from sysdig's on $(basename "$file"):"
	# the first line that differs, field by field
	diff "$tmp/a" "$tmp/b" | awk -F'\t' -v names="${names[*]}" '
		BEGIN { n = split(names, name, " ") }
		/^< / && !a { a = substr($0, 3); next }
		/^> / && !b { b = substr($0, 3) }
		END {
			split(a, x, "\t"); split(b, y, "\t")
			for (i = 1; i <= n; i++)
				if (x[i] != y[i])
					printf "  %s: sysdig [%s], syshark [%s]\n", name[i], x[i], y[i]
		}'
	diff "$tmp/a" "$tmp/b" | head -5
	exit 1
fi
note=
$unknown && note=" (events matched by time and thread; $left filters on event numbers left out)"
[ "$aside" -eq 0 ] || note+=" ($aside filters also select exits whose enter they reject)"
[ "$own_fd" -eq 0 ] || note+=" ($own_fd exits with their own fd set aside)"
echo "PASS: $n filters select the same events as sysdig, and $nf fields have its values," \
	"on $(basename "$file")$note"

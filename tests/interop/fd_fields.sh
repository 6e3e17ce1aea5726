#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# fd fields sysdig 0.29.3 has no usable value for, checked against facts
# the capture states itself:
# - fd.dev and fd.ino: on every open exit, the dev parameter the dissector
#   prints; on every later event on that fd, the values its open gave; a
#   renamed file keeps its inode; fd.dev.major and fd.dev.minor decode fd.dev.
# - fd.nameraw: on every open exit that made an fd, the name parameter with
#   repeated slashes made one (or empty, when the enter's path was empty: it
#   wins, as in libsinsp); on every later event on that fd, the same.
# - fd.types[N] is fd.type of fd N in brackets; fd.types lists fd.type.
# - fd.name_changed = true selects the events whose value is true (sysdig
#   0.29.3 prints the value but its filters never see it true), among them
#   every open exit that made an fd; fd.connected is true after a connect.
# - fd.cport only on connected IP sockets (current libraries).
# - newfstatat exits take their dirfd as their fd (current libraries).
# - fd.net with IPv6 networks (sysdig 0.29.3 refuses them): ::1/128 selects
#   the events sysdig's fd.ip = ::1 selects, ::/0 those on IPv6 sockets.
# Usage: fd_fields.sh SYSHARK OWN_CORPUS EXTRA_CORPUS. Exit 77 = skipped.
set -u
bin=$1
own=$2
extra=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$bin" -r "$own/files.scap" -T fields -e thread.tid -e fd.num -e evt.dir -e evt.type -e fd.name \
	-e evt.arg.dev -e fd.dev -e fd.dev.major -e fd.dev.minor -e fd.ino \
	-Y 'fd.type = file' >"$tmp/files" 2>&1 || fail "syshark failed on files.scap"
awk -F'\t' '
	function bad(m) { print "line " NR ": " m ": " $0; errs++ }
	function hex(s,  i, v) {
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
		return v
	}
	$3 == "<" && $4 ~ /^(open|openat|creat)$/ {
		if ($7 != $6) bad("fd.dev is not the open call'"'"'s dev")
		dev[$1 " " $2] = $7; ino[$1 " " $2] = $10
		if ($10 + 0 == 0) bad("no inode")
		if ($5 ~ /notes.txt$/) notes = $10
		if ($5 ~ /renamed.txt$/) renamed = $10
		opens++
	}
	($1 " " $2) in dev && !($3 == "<" && $4 ~ /^open/) {
		if ($7 != dev[$1 " " $2] || $10 != ino[$1 " " $2]) bad("not its open'"'"'s dev and inode")
		later++
	}
	{
		d = hex($7)
		if ($8 != int(d / 256) % 4096 || $9 != d % 256 + int(d / 1048576) * 256)
			bad("major and minor do not decode fd.dev")
	}
	END {
		if (!notes || notes != renamed) { print "renamed.txt has not notes.txt'"'"'s inode"; errs++ }
		if (opens < 5 || later < 5) { print "too few opens (" opens ") or uses (" later ")"; errs++ }
		printf "%d opens, %d later events\n", opens, later
		exit errs > 0
	}' "$tmp/files" >"$tmp/out" || fail "fd.dev/fd.ino on files.scap: $(head -3 "$tmp/out")"
echo "PASS: fd.dev, fd.dev.major, fd.dev.minor and fd.ino on files.scap: $(tail -1 "$tmp/out")"

for f in "$own"/*.scap*; do
	"$bin" -r "$f" -T fields -e thread.tid -e fd.num -e evt.dir -e evt.type -e evt.rawres \
		-e evt.rawarg.name -e fd.nameraw -e fd.type -e fd.types -e "fd.types[0]" \
		-e fd.name_changed -e fd.connected -e fd.typechar >"$tmp/all" 2>&1 ||
		fail "syshark failed on $f"
	awk -F'\t' '
	function bad(m) { print "line " NR ": " m ": " $0; errs++ }
	$3 == "<" && $4 ~ /^open/ && $5 >= 0 {
		want = $6
		while (gsub(/\/\//, "/", want));
		# (empty: the enter had an empty path, which wins, as in libsinsp)
		if ($7 != want && $7 != "") bad("fd.nameraw is not the open'"'"'s name")
		if ($11 != "true") bad("an open that made an fd did not change its name")
		raw[$1 " " $2] = $7
		opens++
	}
	($1 " " $2) in raw && !($3 == "<" && $4 ~ /^open/) && $8 != "<NA>" {
		if ($7 != raw[$1 " " $2]) bad("fd.nameraw is not its open'"'"'s")
		later++
	}
	$3 == "<" && $4 == "close" { delete raw[$1 " " $2]; next }
	$8 != "<NA>" {
		if (index($9, "(" $8) != 1 && index($9, "," $8 ",") == 0 && index($9, "," $8 ")") == 0)
			bad("fd.types lacks fd.type")
		typed++
	}
	$2 == 0 && $10 != "<NA>" && $10 != "(" $8 ")" { bad("fd.types[0] is not fd 0'"'"'s type") }
	$3 == "<" && $4 == "connect" && ($5 == 0 || $5 == -115) && $12 != "true" {
		bad("a connect that worked left its socket unconnected")
	}
	END {
		printf "%d opens, %d later events, %d typed\n", opens, later, typed
		exit errs > 0
	}' "$tmp/all" >"$tmp/out" || fail "fd.nameraw/fd.types on $f: $(head -3 "$tmp/out")"
	"$bin" -r "$f" -T fields -e evt.num -Y 'fd.name_changed = true' >"$tmp/a" 2>&1
	"$bin" -r "$f" -T fields -e evt.num -e fd.name_changed | awk -F'\t' '$2 == "true" { print $1 }' \
		>"$tmp/b"
	cmp -s "$tmp/a" "$tmp/b" || fail "fd.name_changed = true selects other events than its values"
	echo "PASS: fd.nameraw, fd.types, fd.name_changed on $(basename "$f"): $(tail -1 "$tmp/out")"
done

# fd.cport: a connected IP socket's client port, and no value on any other
# fd (sysdig 0.29.3 gives 0, or on a unix socket whatever its memory holds)
"$bin" -r "$own/net.scap.gz" -T fields -e fd.type -e fd.cport -e fd.cip \
	>"$tmp/ports" 2>&1 || fail "syshark failed on net.scap.gz"
awk -F'\t' '
	$2 != "<NA>" && $1 !~ /^ipv[46]$/ { print "fd.cport on a " $1 " fd: " $0; bad++ }
	$3 != "<NA>" && $2 == "<NA>" { print "a client address without fd.cport: " $0; bad++ }
	$2 != "<NA>" { n++ }
	$1 == "unix" { unix++ }
	END { exit bad || !n || !unix }' "$tmp/ports" || fail "fd.cport on net.scap.gz"

# an exit whose enter names no fd takes the one it carries, as current
# libraries do: newfstatat's dirfd, the fd of AT_EMPTY_PATH calls
"$bin" -r "$own/files.scap" -T fields -e fd.num -e evt.rawarg.dirfd -e fd.name -e evt.arg.dirfd \
	-Y 'evt.type = newfstatat and evt.dir = <' >"$tmp/fstat" 2>&1 ||
	fail "syshark failed on files.scap"
awk -F'\t' '
	$2 + 0 >= 0 {
		n++
		if ($1 != $2 || $3 == "" || substr($4, length($4) - length($3) + 1) != $3) {
			print "not the dirfd: " $0
			bad++
		}
	}
	END { exit bad || !n }' "$tmp/fstat" || fail "newfstatat exits on files.scap"

v6=$extra/test_ipv6_client.scap
[ -r "$v6" ] || { echo "SKIP: $v6 is missing (the IPv6 networks are not checked)"; exit 77; }
command -v sysdig >/dev/null 2>&1 || { echo "SKIP: sysdig is not installed"; exit 77; }
# events by time and thread, syshark's with filter $1, sysdig's with $2
cmp_sel() {
	"$bin" -r "$v6" -T fields -e evt.rawtime -e thread.tid -Y "$1" 2>&1 | tr '\t' ' ' >"$tmp/a"
	sysdig -r "$v6" -p '%evt.rawtime %thread.tid' "$2" >"$tmp/b" 2>&1
	[ -s "$tmp/b" ] || fail "sysdig selects nothing with [$2]"
	cmp -s "$tmp/a" "$tmp/b" || fail "[$1] selects other events than sysdig's [$2]"
}
cmp_sel 'fd.net = ::1/128' 'fd.ip = ::1'
cmp_sel 'fd.net = ::/0' 'fd.type = ipv6'
cmp_sel 'fd.snet = ::1/127' 'fd.sip = ::1'
cmp_sel 'fd.net != ::1/128' 'fd.type = ipv6 and fd.ip != ::1'
echo "PASS: fd.net, fd.snet with IPv6 networks select what sysdig's fd.ip and fd.type do"

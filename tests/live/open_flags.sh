#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# What a live capture's open exits say of the file, as current Falco
# drivers write it: O_F_CREATED (0x4000) for the open that made the file
# and not for one that found it, so evt.is_open_create; and, on an overlay
# filesystem the test mounts, FD_LOWER_LAYER (0x10000) for a file of the
# lower layer and FD_UPPER_LAYER (0x8000) for one written in the upper, so
# fd.is_lower_layer and fd.is_upper_layer; creat's own layer flags; and the
# execve flags EXE_LOWER_LAYER and EXE_UPPER_LAYER of programs run from
# either layer. Without overlayfs, only the first part runs.
. "$(dirname "$0")/lib.sh"
need_probe

d=$(mktemp -d /tmp/syshark-open.XXXXXX)
o=$d/ovl
trap 'umount "$o/merged" 2>/dev/null; rm -rf "$d" "$tmp"' EXIT
echo old >"$d/old.txt"
f=$tmp/open.scap
capture "$f" sh -c "cat '$d/old.txt' >/dev/null && echo new >'$d/new.txt' &&
	echo again >'$d/new.txt'" || { finish; exit 1; }
"$bin" -r "$f" -T fields -e fd.name -e evt.is_open_create -e evt.rawarg.flags \
	-Y "evt.type in (open, openat) and evt.dir = < and fd.directory = $d" >"$tmp/ev" \
	2>"$tmp/err" || bad "reading $f: $(cat "$tmp/err")"
# the flags: O_RDONLY (1); O_F_CREATED, O_TRUNC, O_CREAT and O_WRONLY; the same but created
want=("$d/old.txt	false	1" "$d/new.txt	true	16646" "$d/new.txt	false	262")
got=$(cat "$tmp/ev")
[ "$got" = "$(printf '%s\n' "${want[@]}")" ] && ok || bad "the opens in $d: $got"

mkdir -p "$o/lower" "$o/upper" "$o/work" "$o/merged"
echo lower >"$o/lower/low.txt"
cp /bin/true "$o/lower/true-low"
if ! err=$(mount -t overlay overlay -o "lowerdir=$o/lower,upperdir=$o/upper,workdir=$o/work" \
	"$o/merged" 2>&1); then
	echo "overlayfs cannot be mounted here ($err): its checks are left out"
	finish
	exit
fi
m=$o/merged
creat=
[ "$(uname -m)" = x86_64 ] && command -v python3 >/dev/null &&
	creat="&& python3 -S -c 'import ctypes
ctypes.CDLL(None).syscall(85, b\"$m/creat.txt\", 0o644)'"
capture "$f" sh -c "cat '$m/low.txt' >/dev/null && echo up >'$m/up.txt' &&
	cat '$m/up.txt' >/dev/null && '$m/true-low' && cp /bin/true '$m/true-up' &&
	'$m/true-up' $creat" || { finish; exit 1; }
"$bin" -r "$f" -T fields -e fd.name -e evt.is_open_create -e fd.is_lower_layer \
	-e fd.is_upper_layer -Y "evt.type in (open, openat, creat) and evt.dir = < and
	fd.directory = $m and fd.filename in (low.txt, up.txt, creat.txt)" >"$tmp/ev" \
	2>"$tmp/err" || bad "reading $f: $(cat "$tmp/err")"
want=("$m/low.txt	false	true	false" "$m/up.txt	true	false	true"
	"$m/up.txt	false	false	true")
[ -z "$creat" ] || want+=("$m/creat.txt	false	false	true")
got=$(cat "$tmp/ev")
[ "$got" = "$(printf '%s\n' "${want[@]}")" ] && ok || bad "the opens in $m: $got"
"$bin" -r "$f" -T fields -e proc.exepath -e proc.is_exe_lower_layer -e proc.is_exe_upper_layer \
	-Y "evt.type = execve and evt.dir = < and proc.exepath startswith $m/" >"$tmp/ev" \
	2>"$tmp/err" || bad "reading $f: $(cat "$tmp/err")"
want=("$m/true-low	true	false" "$m/true-up	false	true")
got=$(cat "$tmp/ev")
[ "$got" = "$(printf '%s\n' "${want[@]}")" ] && ok || bad "the programs run from $m: $got"
finish

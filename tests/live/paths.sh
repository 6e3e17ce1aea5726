#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Paths as the calls gave them, from a live capture of commands whose
# paths the test knows: cat of a relative path with "./" and "//" in it.
# fd.nameraw is that path with "//" made one, fs.path.nameraw the path as
# given, and fd.name and fs.path.name the file's absolute path; the file
# cat opened outside a relative path has both raw names absolute. Then
# chmod and chown calls, by path, by directory fd and by fd.
. "$(dirname "$0")/lib.sh"
need_probe

d=$(mktemp -d /tmp/syshark-paths.XXXXXX)
trap 'rm -rf "$d" "$tmp"' EXIT
mkdir "$d/sub"
echo hello >"$d/sub/f.txt"
f=$tmp/paths.scap
capture "$f" sh -c "cd '$d' && cat ./sub//f.txt '$d/sub/f.txt' >/dev/null" || { finish; exit 1; }
"$bin" -r "$f" -T fields -e fd.name -e fd.nameraw -e fs.path.name -e fs.path.nameraw \
	-Y "evt.type in (open, openat, openat2) and evt.dir = < and proc.name = cat and
	fd.name = $d/sub/f.txt" >"$tmp/ev" 2>"$tmp/err" || bad "reading $f: $(cat "$tmp/err")"
want=("$d/sub/f.txt"$'\t'"./sub/f.txt"$'\t'"$d/sub/f.txt"$'\t'"./sub//f.txt"
	"$d/sub/f.txt"$'\t'"$d/sub/f.txt"$'\t'"$d/sub/f.txt"$'\t'"$d/sub/f.txt")
got=$(cat "$tmp/ev")
[ "$got" = "$(printf '%s\n' "${want[@]}")" ] && ok ||
	bad "the opens of $d/sub/f.txt: $got"
# the read of the first open's fd keeps its raw name
"$bin" -r "$f" -T fields -e fd.nameraw -Y "evt.type = read and evt.dir = < and proc.name = cat and
	fd.name = $d/sub/f.txt" 2>&1 | head -1 | grep -qx './sub/f.txt' && ok ||
	bad "cat's read does not keep the raw name of its open"

# chmod(1) and chown(1) on relative paths, and the same calls on a
# directory's fd and on a file's fd: their events carry the path, mode and
# owner given, and fs.path.name resolves the path
c=$tmp/modes.scap
py=
command -v python3 >/dev/null && py='python3 -S -c "import os
d = os.open(\"sub\", os.O_RDONLY | os.O_DIRECTORY)
os.chmod(\"f.txt\", 0o604, dir_fd=d)
os.chown(\"f.txt\", 0, 0, dir_fd=d)
f = os.open(\"sub/f.txt\", os.O_RDONLY)
os.fchmod(f, 0o600)
os.fchown(f, 0, 0)"'
capture "$c" sh -c "cd '$d' && chmod 640 sub/f.txt && chown 0:0 sub//f.txt && $py" ||
	{ finish; exit 1; }
"$bin" -r "$c" -T fields -e evt.type -e fs.path.name -e fs.path.nameraw -e evt.arg.mode \
	-e evt.arg.uid -Y "evt.type in (fchmodat, fchownat, fchmod, fchown) and evt.dir = < and
	proc.name in (chmod, chown, python3)" >"$tmp/modes" 2>"$tmp/err" ||
	bad "reading $c: $(cat "$tmp/err")"
# as current Falco libraries, a path relative to AT_FDCWD is not resolved
want=("fchmodat	<UNKNOWN>sub/f.txt	sub/f.txt	S_IRGRP|S_IWUSR|S_IRUSR	<NA>"
	"fchownat	<UNKNOWN>sub/f.txt	sub//f.txt	<NA>	0")
[ -n "$py" ] && want+=("fchmodat	$d/sub/f.txt	f.txt	S_IROTH|S_IWUSR|S_IRUSR	<NA>"
	"fchownat	$d/sub/f.txt	f.txt	<NA>	0"
	"fchmod	$d/sub/f.txt	$d/sub/f.txt	S_IWUSR|S_IRUSR	<NA>"
	"fchown	$d/sub/f.txt	$d/sub/f.txt	<NA>	0")
got=$(cat "$tmp/modes")
[ "$got" = "$(printf '%s\n' "${want[@]}")" ] && ok ||
	bad "the mode and owner calls on $d/sub/f.txt: $got"
last=640
[ -z "$py" ] || last=600
[ "$(stat -c %a "$d/sub/f.txt")" = "$last" ] && ok ||
	bad "the file's mode is not the last one set"
finish

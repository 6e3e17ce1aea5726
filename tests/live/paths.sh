#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Paths as the calls gave them, from a live capture of commands whose
# paths the test knows: cat of a relative path with "./" and "//" in it.
# fd.nameraw is that path with "//" made one, fs.path.nameraw the path as
# given, and fd.name and fs.path.name the file's absolute path; the file
# cat opened outside a relative path has both raw names absolute.
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
finish

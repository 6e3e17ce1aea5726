#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# cmake --install: BUILD_DIR SOURCE_DIR. Installs into a scratch prefix
# (and once more through DESTDIR) and checks that exactly the expected
# files are there, equal to their sources (the man page with the version
# in its title, gzipped without a name or time stamp), and that the installed binary's --version gives the
# project() version and the commit the tree is at. Then the version script
# itself, on a scratch git repository: the commit, -dirty, a new commit,
# "unknown" outside git, and no rewrite (so no rebuild) when nothing changed.
. "$(dirname "$0")/../checks.sh"
build=$1
src=$2

version=$(sed -n 's/^project(syshark VERSION \([0-9][0-9.]*\) .*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] && ok || bad "no version in project() of $src/CMakeLists.txt"

# The files an install puts under its prefix, and where each comes from.
expected() {
	cat <<EOF
bin/syshark
share/bash-completion/completions/syshark completion/syshark.bash
share/doc/syshark/README.md README.md
share/doc/syshark/guide.md doc/guide.md
share/man/man1/syshark.1.gz
share/syshark/keymaps/default.keys keymaps/default.keys
share/syshark/keymaps/emacs.keys keymaps/emacs.keys
share/syshark/keymaps/vim.keys keymaps/vim.keys
share/zsh/vendor-completions/_syshark completion/_syshark
EOF
}
# the keymaps installed are all those in keymaps/
(cd "$src" && ls keymaps/*.keys) >"$tmp/want"
expected | awk '$2 ~ /^keymaps\// { print $2 }' >"$tmp/have"
cmp -s "$tmp/want" "$tmp/have" && ok || bad "keymaps/ has $(tr '\n' ' ' <"$tmp/want"), the test expects $(tr '\n' ' ' <"$tmp/have")"

# check_tree ROOT: ROOT holds exactly the expected files, as expected.
check_tree() {
	local root=$1 path from
	(cd "$root" && find . -type f -o -type l | sed 's|^\./||' | sort) >"$tmp/have"
	expected | awk '{ print $1 }' | sort >"$tmp/want"
	diff "$tmp/want" "$tmp/have" >"$tmp/d" && ok || bad "$root holds other files (< missing, > extra): $(cat "$tmp/d")"
	while read -r path from; do
		[ -n "$from" ] || continue
		cmp -s "$src/$from" "$root/$path" && ok || bad "$root/$path differs from $from"
	done < <(expected)
	[ -x "$root/bin/syshark" ] && ok || bad "$root/bin/syshark is not executable"
	# doc/syshark.1, its title line carrying the version of project()
	sed -E '/^\.TH /s/"syshark [^"]*"/"syshark '"$version"'"/' "$src/doc/syshark.1" >"$tmp/man.want"
	gzip -dc "$root/share/man/man1/syshark.1.gz" >"$tmp/man.have"
	cmp -s "$tmp/man.want" "$tmp/man.have" && grep -q "^\.TH .*\"syshark $version\"" "$tmp/man.have" && ok ||
		bad "$root/share/man/man1/syshark.1.gz is not doc/syshark.1 (version $version) gzipped"
	# gzip -n: no file name (flag bit 3) and a zero time stamp
	[ "$(od -An -tu1 -j3 -N1 "$root/share/man/man1/syshark.1.gz" | tr -d ' ')" = 0 ] &&
		[ "$(od -An -tu4 -j4 -N4 "$root/share/man/man1/syshark.1.gz" | tr -d ' ')" = 0 ] && ok ||
		bad "the man page's gzip header has a name or a time stamp (not gzip -n)"
}

if ! cmake --install "$build" --prefix "$tmp/root" >"$tmp/log" 2>&1; then
	bad "cmake --install failed: $(tail -n 5 "$tmp/log")"
	finish
	exit
fi
check_tree "$tmp/root"
if ! DESTDIR=$tmp/dest cmake --install "$build" --prefix /usr >"$tmp/log" 2>&1; then
	bad "DESTDIR=... cmake --install failed: $(tail -n 5 "$tmp/log")"
else
	check_tree "$tmp/dest/usr"
fi

# --version: "syshark VERSION (commit HASH[-dirty])", or "(commit unknown)"
# outside git; the same as the binary in the build directory.
out=$("$tmp/root/bin/syshark" --version)
[[ $out =~ ^syshark\ ([0-9.]+)\ \(commit\ ([0-9a-f]{7,40}(-dirty)?|unknown)\)$ ]] && ok ||
	bad "--version prints [$out]"
[ "${BASH_REMATCH[1]-}" = "$version" ] && ok || bad "--version [$out] is not version $version"
commit=${BASH_REMATCH[2]-}
[ "$out" = "$("$build/syshark" --version)" ] && ok || bad "installed and built --version differ"
"$tmp/root/bin/syshark" -V | cmp -s - <(echo "$out") && ok || bad "-V differs from --version"
if top=$(git -C "$src" rev-parse --show-toplevel 2>/dev/null) &&
	[ "$(cd "$top" && pwd -P)" = "$(cd "$src" && pwd -P)" ]; then
	head=$(git -C "$src" rev-parse --short HEAD)
	[ "${commit%-dirty}" = "$head" ] && ok || bad "--version names commit $commit, HEAD is $head (rebuild?)"
else
	echo "SKIP: $src is not a git work tree (or git cannot read it); --version's commit not compared with HEAD"
fi
"$tmp/root/bin/syshark" --help | grep -q -- '-V, --version' && ok || bad "--help does not list -V, --version"

# The version script on a scratch repository.
if command -v git >/dev/null 2>&1; then
	v() { cmake -DSOURCE_DIR="$tmp/repo" -DOUTPUT="$tmp/v.h" -DVERSION=9.8.7 -P "$src/cmake/version.cmake"; }
	commit_of() { sed -n 's/^#define SYSHARK_COMMIT "\(.*\)"$/\1/p' "$tmp/v.h"; }
	mkdir "$tmp/repo"
	v && [ "$(commit_of)" = unknown ] && grep -qx '#define SYSHARK_VERSION "9.8.7"' "$tmp/v.h" && ok ||
		bad "not a repository: $(cat "$tmp/v.h")"
	g() { git -C "$tmp/repo" -c user.name=t -c user.email=t@example.invalid -c commit.gpgsign=false "$@"; }
	g init -q && echo a >"$tmp/repo/a" && g add a && g commit -qm a
	v && [ "$(commit_of)" = "$(g rev-parse --short HEAD)" ] && ok || bad "after a commit: $(commit_of)"
	touch -d '2000-01-01' "$tmp/v.h"
	v && [ "$(stat -c %Y "$tmp/v.h")" = "$(date -d 2000-01-01 +%s)" ] && ok ||
		bad "an unchanged commit rewrites the header (main.c would rebuild)"
	echo untracked >"$tmp/repo/u"
	v && [ "$(commit_of)" = "$(g rev-parse --short HEAD)" ] && ok || bad "an untracked file makes it dirty: $(commit_of)"
	echo b >>"$tmp/repo/a"
	v && [ "$(commit_of)" = "$(g rev-parse --short HEAD)-dirty" ] && ok || bad "a changed file: $(commit_of)"
	g commit -qam b
	v && [ "$(commit_of)" = "$(g rev-parse --short HEAD)" ] && ok || bad "after a second commit: $(commit_of)"
	mkdir "$tmp/repo/sub"
	cmake -DSOURCE_DIR="$tmp/repo/sub" -DOUTPUT="$tmp/v.h" -DVERSION=9.8.7 -P "$src/cmake/version.cmake" &&
		[ "$(commit_of)" = unknown ] && ok || bad "a source tree inside another repository takes its commit"
else
	echo "SKIP: git is not installed; the version script not tried on a repository"
fi

# The guide and the man page name the installed keymaps.
grep -q 'share/syshark/keymaps' "$src/doc/guide.md" && ok || bad "doc/guide.md does not name the installed keymaps"
grep -q 'share/syshark/keymaps' "$src/doc/syshark.1" && ok || bad "doc/syshark.1 does not name the installed keymaps"
finish

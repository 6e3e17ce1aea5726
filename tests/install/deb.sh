#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# cpack -G DEB: BUILD_DIR SOURCE_DIR. Builds the package into a scratch
# directory (cpack -B, so nothing is left in the build directory but the
# install manifest), then checks its control fields and Depends (from
# dpkg-shlibdeps: a package for every library the binary links), its files,
# the unpacked binary's --version, its man page through man -l, and that
# dpkg installs and removes it cleanly in a scratch root (--instdir, a copy
# of this machine's package database: the dependencies are checked against
# what is installed here; nothing is installed on the machine).
. "$(dirname "$0")/../checks.sh"
build=$1
src=$2
# cpack's and dpkg's own temporary files go with the scratch directory
export TMPDIR=$tmp

for t in cpack dpkg-deb dpkg-shlibdeps dpkg man; do
	command -v "$t" >/dev/null 2>&1 ||
		{ echo "SKIP: $t is not installed (cpack: cmake; dpkg-shlibdeps: dpkg-dev; man: man-db)"; exit 77; }
done
version=$(sed -n 's/^project(syshark VERSION \([0-9][0-9.]*\) .*/\1/p' "$src/CMakeLists.txt")
arch=$(dpkg --print-architecture)

# cpack first brings the build up to date (make preinstall). When the tree
# has moved on from the commit (or clean state) the binary was built from,
# that would relink syshark under the tests running beside this one.
cmake -DSOURCE_DIR="$src" -DOUTPUT="$tmp/version.h" -DVERSION="$version" -P "$src/cmake/version.cmake"
if ! cmp -s "$tmp/version.h" "$build/gen/syshark_version.h"; then
	echo "SKIP: the work tree changed since the build ($(sed -n 's/.*COMMIT "\(.*\)"/\1/p' "$build/gen/syshark_version.h") then, $(sed -n 's/.*COMMIT "\(.*\)"/\1/p' "$tmp/version.h") now): rebuild before packaging"
	exit 77
fi
if ! (cd "$build" && cpack -G DEB -B "$tmp/pkg") >"$tmp/cpack.log" 2>&1; then
	bad "cpack -G DEB failed:"
	sed 's/^/    | /' "$tmp/cpack.log" | tail -n 20
	finish
	exit
fi
deb=$tmp/pkg/syshark_${version}_$arch.deb
[ -f "$deb" ] && ok || { bad "no $deb: $(ls "$tmp/pkg")"; finish; exit; }

# (read whole: dpkg-deb killed by SIGPIPE leaves its temporary directory)
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = syshark ] && ok || bad "Package: $(field Package)"
[ "$(field Version)" = "$version" ] && ok || bad "Version: $(field Version), project() has $version"
[ "$(field Architecture)" = "$arch" ] && ok || bad "Architecture: $(field Architecture)"
[ "$(field Section)" = utils ] && ok || bad "Section: $(field Section)"
recommends=$(field Recommends)
[[ $recommends == *man-db* && $recommends == *bash-completion* ]] && ok || bad "Recommends: $recommends"
description=$(field Description)
[[ ${description%%$'\n'*} == *'system calls'* ]] && ok || bad "Description: $description"
depends=$(field Depends)
echo "Depends: $depends"
# dep NAME...: Depends names one of the NAMEs (a t64 name, for instance).
dep() {
	local n
	for n in "$@"; do
		grep -qE "(^|, )$n( |,|$)" <<<"$depends" && { ok; return; }
	done
	bad "Depends does not name $*: $depends"
}
dep libc6
dep libbpf1
dep libncursesw6 libncursesw6t64
dep libtinfo6 libtinfo6t64
dep libreadline8 libreadline8t64
dep zlib1g
grep -q '([<>=]' <<<"$depends" && ok || bad "Depends has no versions: dpkg-shlibdeps did not run"

# Every library the packaged binary links comes from a package Depends
# names: libelf1 directly when syshark links libelf, else through libbpf1.
dpkg-deb -x "$deb" "$tmp/x" || bad "dpkg-deb -x failed"
pbin=$tmp/x/usr/bin/syshark
readelf -d "$pbin" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' >"$tmp/needed"
[ -s "$tmp/needed" ] && ok || bad "the packaged binary links no library?"
while read -r so; do
	path=$(ldconfig -p | awk -v s="$so" '$1 == s { print $NF; exit }')
	[ -n "$path" ] || { bad "$so is not installed here"; continue; }
	pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null || dpkg -S "$path" 2>/dev/null)
	pkg=${pkg%%:*}
	[ -n "$pkg" ] && grep -qE "(^|, )$pkg( |,|$)" <<<"$depends" && ok || bad "$so (package ${pkg:-none}) is not in Depends: $depends"
done <"$tmp/needed"
if grep -qx 'libelf.so.1' "$tmp/needed"; then
	dep libelf1
else
	dpkg-query -W -f='${Depends}' libbpf1 2>/dev/null | grep -q 'libelf1' && ok ||
		bad "syshark does not link libelf and libbpf1 does not depend on libelf1"
fi

# The files, the binary, the man page.
(cd "$tmp/x" && find . -type f | sed 's|^\./||' | sort) >"$tmp/files"
cat >"$tmp/want" <<EOF
usr/bin/syshark
usr/share/bash-completion/completions/syshark
usr/share/doc/syshark/README.md
usr/share/doc/syshark/guide.md
usr/share/man/man1/syshark.1.gz
usr/share/syshark/keymaps/default.keys
usr/share/syshark/keymaps/emacs.keys
usr/share/syshark/keymaps/vim.keys
usr/share/zsh/vendor-completions/_syshark
EOF
diff "$tmp/want" "$tmp/files" >"$tmp/d" && ok || bad "the package holds other files (< missing, > extra): $(cat "$tmp/d")"
dpkg-deb -c "$deb" >"$tmp/contents"
awk '$2 != "root/root" { print }' "$tmp/contents" >"$tmp/owners"
[ ! -s "$tmp/owners" ] && ok || bad "files not owned by root: $(cat "$tmp/owners")"
out=$("$pbin" --version 2>&1)
[[ $out =~ ^syshark\ $version\ \(commit\ ([0-9a-f]{7,40}(-dirty)?|unknown)\)$ ]] && ok ||
	bad "the packaged syshark --version prints [$out]"
[ "$out" = "$("$build/syshark" --version)" ] && ok || bad "the packaged binary is not the one built: [$out]"
if readelf -S "$pbin" | grep -q '\.debug_info'; then bad "the packaged binary is not stripped"; else ok; fi
"$pbin" -l | grep -q '^proc.name ' && ok || bad "the packaged syshark -l does not list proc.name"
MANWIDTH=80 man -l "$tmp/x/usr/share/man/man1/syshark.1.gz" >"$tmp/man" 2>"$tmp/man.err"
grep -q '^NAME' "$tmp/man" && grep -qE '^ +syshark - ' "$tmp/man" && ok || bad "man -l shows no NAME: $(head -c 300 "$tmp/man") $(cat "$tmp/man.err")"
grep -q -- '--version' "$tmp/man" && grep -q '(commit' "$tmp/man" && ok ||
	bad "the man page does not describe --version's output"
grep -q '/usr/share/bash-completion/completions/syshark' "$tmp/man" &&
	grep -q '/usr/share/syshark/keymaps' "$tmp/man" && ok || bad "the man page's FILES lack completion or keymaps"

# dpkg -i and -r in a scratch root, against this machine's package database.
if [ -r /var/lib/dpkg/status ]; then
	adm=$tmp/dpkg
	mkdir -p "$adm/updates" "$adm/info" "$tmp/inst"
	cp /var/lib/dpkg/status "$adm/status"
	: >"$adm/available"
	d() { dpkg --admindir="$adm" --instdir="$tmp/inst" --force-not-root --force-script-chrootless \
		--no-triggers "$@" 2>&1 | grep -v "files list file for package .* missing"; }
	d -i "$deb" >"$tmp/dpkg.log"
	dpkg-query --admindir="$adm" -W -f='${Status}' syshark 2>/dev/null | grep -qx 'install ok installed' && ok ||
		bad "dpkg -i: $(cat "$tmp/dpkg.log")"
	[ -x "$tmp/inst/usr/bin/syshark" ] && "$tmp/inst/usr/bin/syshark" --version >/dev/null && ok ||
		bad "dpkg -i did not install a working usr/bin/syshark"
	d -r syshark >"$tmp/dpkg.log"
	left=$(find "$tmp/inst" -type f | head -n 5)
	[ -z "$left" ] && ok || bad "dpkg -r left $left"
else
	echo "SKIP: /var/lib/dpkg/status is not readable; dpkg -i not tried"
fi
finish

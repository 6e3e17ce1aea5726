#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# What a live capture's clone and execve exits say of the process, as
# current Falco drivers write it, checked against the kernel's own view:
# - cwd: the working directory, through a mount point (/proc) and on a
#   tmpfs, as pwd gives it;
# - cgroups: the cgroup of each of cpuset, cpu, cpuacct, io and memory, as
#   /proc/PID/cgroup gives it (for cgroup v2, its path or an ancestor's,
#   where a controller is not enabled below);
# - tty: the terminal of a command run under script(1), as the device
#   number stat gives for it, in the kernel's encoding;
# - flags: EXE_FROM_MEMFD (4) for a program run from a memfd,
#   EXE_WRITABLE (1) for a root-owned program root runs and not for one
#   nobody runs without capabilities;
# and sysdig reads the file's execve exits as syshark does.
. "$(dirname "$0")/lib.sh"
need_probe

f=$tmp/exe.scap
dir=$(mktemp -d /dev/shm/syshark-cwd.XXXXXX)
mkdir -p "$dir/a b/c"
cat >"$tmp/memfd.py" <<'EOF'
import os
fd = os.memfd_create("syshark-test", 0)
with open("/bin/true", "rb") as f:
    os.write(fd, f.read())
os.execv("/proc/self/fd/%d" % fd, ["memfd-true"])
EOF
script=(sh -c "cat /proc/self/cgroup >'$tmp/cgroup' && cd '$dir/a b/c' && pwd >'$tmp/pwd1' &&
	/bin/true &&
	cd /proc/self && pwd -P >'$tmp/pwd2' && /bin/true &&
	python3 '$tmp/memfd.py' &&
	setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all /bin/true")
capture "$f" "${script[@]}" || { rm -rf "$dir"; finish; exit 1; }
fields=(-e proc.name -e evt.type -e evt.arg.cwd -e evt.rawarg.flags -e user.uid
	-e evt.rawarg.cgroups)
"$bin" -r "$f" -T fields "${fields[@]}" \
	-Y 'evt.type in (execve, clone, clone3, vfork, fork) and evt.dir = < and evt.failed = false' \
	>"$tmp/ex" 2>"$tmp/err" || bad "reading $f: $(cat "$tmp/err")"
rm -rf "$dir"

# the working directory: every true that ran, where pwd said
for p in pwd1 pwd2; do
	want=$(cat "$tmp/$p")
	awk -F'\t' -v w="$want" '$1 == "true" && $2 == "execve" && $3 == w { f = 1 } END { exit !f }' \
		"$tmp/ex" && ok || bad "no execve of true with cwd=$want: $(grep -P '^true\t' "$tmp/ex")"
	awk -F'\t' -v w="$want" '$2 ~ /fork|clone/ && $3 == w { f = 1 } END { exit !f }' "$tmp/ex" &&
		ok || bad "no clone with cwd=$want"
done
# no exit with an empty working directory
awk -F'\t' '$3 == "" { f = 1 } END { exit f }' "$tmp/ex" && ok ||
	bad "a clone or execve exit has an empty cwd"
# cgroups, NUL-separated in the event and printed without the NULs
cg=$(awk -F'\t' '$1 == "true" && $2 == "execve" { print $6; exit }' "$tmp/ex")
n=0
while IFS='=' read -r ctl path; do
	[ -n "$ctl" ] || continue
	n=$((n + 1))
	legacy=$ctl
	[ "$ctl" = io ] && legacy=blkio
	v1=$(awk -F: -v c="$legacy" '{ k = split($2, a, ","); for (i = 1; i <= k; i++)
		if (a[i] == c) print $3 }' "$tmp/cgroup")
	v2=$(awk -F: '$1 == 0 && $2 == "" { print $3 }' "$tmp/cgroup")
	if [ -n "$v1" ]; then
		[ "$path" = "$v1" ] && ok || bad "cgroup $ctl=$path, not $v1 as /proc says"
	elif [ -n "$v2" ]; then
		[ "$path" = / ] || [ "$path" = "$v2" ] || [ "${v2#"$path"/}" != "$v2" ] && ok ||
			bad "cgroup $ctl=$path is not $v2 or above it"
	else
		bad "cgroup $ctl=$path, where /proc names none"
	fi
done < <(sed -E 's/(cpuset|cpu|cpuacct|io|memory)=/\n\1=/g' <<<"$cg")
[ "$n" -ge 1 ] && ok || bad "true's execve has no cgroups: '$cg'"
# flags
# (run as /proc/self/fd/N, its name is N)
awk -F'\t' '$1 ~ /^[0-9]+$/ && $2 == "execve" && $4 % 8 >= 4 { f = 1 } END { exit !f }' \
	"$tmp/ex" && ok || bad "the program run from a memfd has no EXE_FROM_MEMFD"
awk -F'\t' '$1 !~ /^[0-9]+$/ && $2 == "execve" && $4 % 8 >= 4 { f = 1 } END { exit f }' \
	"$tmp/ex" && ok || bad "a program not run from a memfd has EXE_FROM_MEMFD"
awk -F'\t' '$1 == "true" && $2 == "execve" && $5 == 0 && $4 % 2 == 1 { f = 1 } END { exit !f }' \
	"$tmp/ex" && ok || bad "root's true is not EXE_WRITABLE"
awk -F'\t' '$1 == "true" && $2 == "execve" && $5 == 65534 && $4 % 2 == 0 { f = 1 }
	END { exit !f }' "$tmp/ex" && ok || bad "nobody's true is EXE_WRITABLE"

# the terminal: script(1) gives the command a pseudo-terminal
if command -v script >/dev/null 2>&1; then
	f=$tmp/tty.scap
	capture "$f" script -qc "stat -L -c '%t %T' /proc/self/fd/0 >'$tmp/dev'; /bin/true" /dev/null
	read -r major minor <"$tmp/dev"
	major=$((16#$major))
	minor=$((16#$minor))
	want=$(( (minor & 0xff) | (major << 8) | ((minor & ~0xff) << 12) ))
	got=$("$bin" -r "$f" -T fields -e evt.arg.tty \
		-Y 'proc.name = true and evt.type = execve and evt.dir = < and evt.failed = false')
	[ "$got" = "$want" ] && ok || bad "true's tty is '$got', not $want ($major:$minor)"
else
	echo "note: script(1) is not installed: the tty is not checked"
fi

# sysdig reads the same execve exits
if command -v sysdig >/dev/null 2>&1; then
	f=$tmp/exe.scap
	sysdig -r "$f" -p '%proc.name %evt.type %evt.arg.cwd %evt.arg.tty' \
		'evt.type = execve and evt.dir = < and evt.failed = false' >"$tmp/sd" 2>&1
	"$bin" -r "$f" -T fields -e proc.name -e evt.type -e evt.arg.cwd -e evt.arg.tty \
		-Y 'evt.type = execve and evt.dir = < and evt.failed = false' |
		tr '\t' ' ' >"$tmp/sh"
	[ -s "$tmp/sd" ] && cmp -s "$tmp/sd" "$tmp/sh" && ok || {
		bad "sysdig reads other execve exits"
		diff "$tmp/sd" "$tmp/sh" | head -5
	}
else
	echo "note: sysdig is not installed; its reading of the file is not checked"
fi
finish

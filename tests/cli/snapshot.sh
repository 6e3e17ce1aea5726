#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The start-of-capture snapshot against the running system:
# snapshot.sh SYSHARK MKSNAPSHOT. With fd 7 open on /etc/hostname, mksnapshot
# writes the snapshot and a read of fd 7 and a getpid of its own; syshark
# and then Debian's sysdig must show the true process, user and fd of those
# events, and the process list must hold about as many threads as /proc.
# The fields only current libraries read come from syshark's process extras
# block, which sysdig skips.
# Exit 77 (skip) only when sysdig is missing and everything else passed.
. "$(dirname "$0")/../checks.sh"
bin=$1
mksnap=$2
# same WHAT GOT WANT
same() {
	if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi
}
cd "$tmp" || exit 1
export TZ=UTC

# count_tasks: sets all_tasks and user_tasks (those with a command line or
# an executable; a /proc file's size is 0, so its first byte is read)
count_tasks() {
	local t
	all_tasks=0
	user_tasks=0
	for t in /proc/[0-9]*/task/[0-9]*; do
		[ -d "$t" ] || continue
		all_tasks=$((all_tasks + 1))
		if read -r -n 1 _ <"$t/cmdline" 2>/dev/null || readlink "$t/exe" >/dev/null 2>&1; then
			user_tasks=$((user_tasks + 1))
		fi
	done
}
count_tasks
all_before=$all_tasks
user_before=$user_tasks

exec 7</etc/hostname
# A simple command, so that its parent is this shell.
if ! "$mksnap" "$tmp/snap.scap" 7 >"$tmp/mksnap.out" 2>"$tmp/mksnap.err"; then
	echo "FAIL: mksnapshot: $(cat "$tmp/mksnap.err")"
	exit 1
fi
val() { awk -v k="$1" '$1 == k { print $2 }' "$tmp/mksnap.out"; }
pid=$(val pid)
threads=$(val threads)
skipped=$(val skipped_threads)
echo "snapshot: $threads threads ($skipped skipped), $(val fdlists) fd lists," \
	"$(val fds) fds, $(val users) users, $(val groups) groups, $(val ifaddrs) addresses" \
	"in $(val msec) ms"

# The truth, from the system.
fields="proc.name proc.pid proc.ppid proc.exepath proc.cmdline proc.cwd user.name"
want_proc="mksnapshot|$pid|$$|$(readlink -f "$mksnap")|mksnapshot $tmp/snap.scap 7|$(pwd -P)/|$(id -un)"
want_fd=$(readlink -f /etc/hostname)

# syshark reads the whole file.
if "$bin" -r "$tmp/snap.scap" >"$tmp/all.txt" 2>"$tmp/all.err"; then
	same "syshark event lines" "$(wc -l <"$tmp/all.txt")" 4
else
	bad "syshark -r: $(cat "$tmp/all.err")"
fi

# syshark: the fields of the read and getpid events. The getpid events are
# chosen by number: sysdig 0.29.3 does not match evt.type=getpid on them.
declare -A filter=([read]="evt.type=read" [getpid]="evt.num>2")
fargs=()
for f in $fields fd.name; do fargs+=(-e "$f"); done
for ev in read getpid; do
	"$bin" -r "$tmp/snap.scap" -T fields "${fargs[@]}" "${filter[$ev]}" >"$tmp/$ev.txt" 2>&1 ||
		bad "syshark -T fields on $ev: $(cat "$tmp/$ev.txt")"
	same "syshark $ev lines" "$(wc -l <"$tmp/$ev.txt")" 2
	while IFS=$'\t' read -r name p pp exepath cmdline cwd user fdname; do
		same "syshark $ev proc/user" "$name|$p|$pp|$exepath|$cmdline|$cwd|$user" "$want_proc"
		[ "$ev" = read ] && same "syshark read fd.name" "$fdname" "$want_fd"
	done <"$tmp/$ev.txt"
done

# What the process extras block adds for libraries newer than sysdig 0.29.3:
# the process group and terminal of this shell, which mksnapshot shares, the
# inode and times of its executable, as stat(1) gives them, and when its pid
# namespace's init appeared (the change time of /proc/1 from its root, as
# libscap takes it).
read -r -a st <"/proc/$$/stat"
# after "PID (COMM)": state ppid pgrp session tty_nr (the shell's comm has no space)
want_px="${st[4]}|${st[4]}|${st[6]}|$(stat -L -c '%i|%Z|%Y' "$mksnap")|false"
want_px+="|$(stat -c %Z "/proc/$$/root/proc/1/cmdline")"
px=$("$bin" -r "$tmp/snap.scap" -T fields -e proc.pgid -e proc.vpgid -e proc.tty \
	-e proc.exe_ino -e proc.exe_ino.ctime -e proc.exe_ino.mtime -e proc.is_exe_from_memfd \
	-e proc.pidns_init_start_ts "evt.type=read" 2>&1 | tr '\t' '|' |
	awk -F'|' -v OFS='|' '{ $5 = int($5 / 1e9); $6 = int($6 / 1e9); $8 = int($8 / 1e9); print }' |
	sort -u)
same "the process extras of mksnapshot" "$px" "$want_px"

# The process list holds the threads of /proc, counted before and after
# mksnapshot ran: all of them but kernel threads and zombies, which have
# neither a command line nor an executable (they are counted as skipped).
st_threads=$("$bin" -r "$tmp/snap.scap" --stats | awk '$1 == "threads:" { print $2 }')
same "syshark --stats threads" "$st_threads" "$threads"
count_tasks # after
# within WHAT N BEFORE AFTER: N is about BEFORE or AFTER
within() {
	local lo=$3 hi=$4 slack
	[ "$lo" -le "$hi" ] || { lo=$4; hi=$3; }
	slack=$((hi / 5 + 5))
	if [ "$2" -ge $((lo - slack)) ] && [ "$2" -le $((hi + slack)) ]; then
		ok
	else
		bad "$1: $2, while /proc had $3 before and $4 after"
	fi
}
within "threads written" "$threads" "$user_before" "$user_tasks"
within "threads written and skipped" $((threads + skipped)) "$all_before" "$all_tasks"

if ! command -v sysdig >/dev/null 2>&1; then
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ] || exit 1
	echo "SKIP: sysdig is not installed (apt-get install sysdig)"
	exit 77
fi

# sysdig: the same values, and the same event lines. sysdig -p skips an
# event that lacks a field of the format, so getpid's has no fd.name.
fmt=""
for f in $fields; do fmt+="%$f|"; done
declare -A sdfmt=([read]="${fmt}%fd.name" [getpid]="${fmt%|}")
for ev in read getpid; do
	sysdig -r "$tmp/snap.scap" -p "${sdfmt[$ev]}" "${filter[$ev]}" >"$tmp/sd_$ev.txt" 2>"$tmp/sd.err" ||
		bad "sysdig on $ev: $(head -1 "$tmp/sd.err")"
	same "sysdig $ev lines" "$(wc -l <"$tmp/sd_$ev.txt")" 2
	while read -r line; do
		if [ "$ev" = read ]; then
			same "sysdig read proc/user" "${line%|*}" "$want_proc"
			same "sysdig read fd.name" "${line##*|}" "$want_fd"
		else
			same "sysdig getpid proc/user" "$line" "$want_proc"
		fi
	done <"$tmp/sd_$ev.txt"
done
if sysdig -r "$tmp/snap.scap" >"$tmp/sd_all.txt" 2>"$tmp/sd.err"; then
	if cmp -s "$tmp/sd_all.txt" "$tmp/all.txt"; then
		ok
	else
		bad "syshark -r and sysdig -r print different lines"
		diff "$tmp/sd_all.txt" "$tmp/all.txt" | head -10
	fi
else
	bad "sysdig -r: $(head -1 "$tmp/sd.err")"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]

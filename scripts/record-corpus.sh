#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Records tests/corpus/, the captures the tests run on: syshark's own probe
# capturing scripted scenarios (tests/tools/scenario.c and a shell session).
# Run as root after a build; the result is committed, so run it only to
# remake the corpus, then run the tests. Each scenario runs in a clean
# environment in /tmp/syshark-corpus, so the paths in the captures are the
# same wherever they are recorded. With an argument (protocols), only that
# capture is made again.
#
#   files.scap            file system calls, plain
#   procs.scap.gz         processes, pipes, threads, signals, exec, gzip
#   net.scap.gz           TCP over IPv4 and IPv6, unix sockets, a refused connect, gzip
#   udp.scap.gz           UDP between a bound socket and an unbound one, gzip
#   shell.scap.gz         a shell session: a pipeline, ls, a redirect
#   two_sections.scap.gz  two captures in one file (two sections)
#   protocols.scap.gz     HTTP, DNS, Redis, TLS and PostgreSQL between real servers
#                         and clients on 127.0.0.1 (tests/tools/protocols.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" -eq 0 ] || { echo "record-corpus: live capture needs root" >&2; exit 1; }
[ -x build/syshark ] && [ -x build/tests/scenario ] || scripts/build.sh

only=${1:-}
out=tests/corpus
work=/tmp/syshark-corpus
rm -rf "$work"
mkdir -p "$work" "$out"
cp build/tests/scenario "$work/scenario"

# record NAME CMD...: captures CMD into $out/NAME in a clean environment
record() {
	local name=$1
	shift
	rm -f "$out/$name"
	(cd "$work" && env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 TERM=xterm \
		"$OLDPWD/build/syshark" -w "$OLDPWD/$out/$name" -- "$@")
}

if [ -z "$only" ]; then
	mkdir "$work/files" "$work/procs" "$work/net" "$work/udp"
	record files.scap "$work/scenario" files "$work/files"
	record procs.scap "$work/scenario" procs "$work/procs"
	record net.scap "$work/scenario" net "$work/net"
	record udp.scap "$work/scenario" udp "$work/udp"
	record shell.scap /bin/sh -c '
cd /tmp/syshark-corpus
echo "hello from the corpus" >greeting.txt
cat greeting.txt | tr a-z A-Z >shout.txt
ls -l >listing.txt
wc -c <shout.txt
cat missing.txt 2>/dev/null || true
rm greeting.txt shout.txt listing.txt
'
	record first.scap /bin/cat /etc/hostname
	record second.scap /bin/echo second section
	cat "$out/first.scap" "$out/second.scap" >"$out/two_sections.scap"
	rm "$out/first.scap" "$out/second.scap"
	for f in procs net udp shell two_sections; do
		gzip -9 -n -f "$out/$f.scap"
	done
fi
if [ -z "$only" ] || [ "$only" = protocols ]; then
	mkdir "$work/protocols"
	chmod 755 "$work" "$work/protocols"
	tests/tools/protocols.sh prepare "$work/protocols"
	record protocols.scap /bin/sh "$PWD/tests/tools/protocols.sh" run "$work/protocols"
	gzip -9 -n -f "$out/protocols.scap"
fi
# syshark writes captures for its owner alone; these are for everyone
chmod 644 "$out"/*
rm -rf "$work"
ls -l "$out"

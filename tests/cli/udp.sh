#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Datagram sockets (udp.scap.gz: a child's socket bound to 127.0.0.1:47003
# answers the parent's unbound one): each side's fd is named by the real
# addresses. Here syshark differs from sysdig 0.29.3 on purpose: it takes
# a socket's addresses from the exit events, as current Falco libraries do,
# where sysdig takes them from the enter events (port 0 for a socket the
# kernel binds on send) and misreads a bound socket's peer.
. "$(dirname "$0")/check.sh"
. "$(dirname "$0")/../sysdig.sh"
f=$corpus/udp.scap.gz
fields() { "$bin" -r "$f" -T fields "$@"; }

# the client's port, as the server's recvfrom saw it
tuple=$(fields -e evt.arg.tuple -Y 'evt.type = recvfrom and evt.dir = <')
port=${tuple#127.0.0.1:}
port=${port%%->*}
[[ $tuple == "127.0.0.1:$port->127.0.0.1:47003" && $port =~ ^[1-9][0-9]*$ ]] && ok ||
	bad "the recvfrom exit's tuple is '$tuple'"
want="127.0.0.1:$port->127.0.0.1:47003"

# the client's sendto: its own port from the exit, not 0
got=$(fields -e fd.name -e fd.lport -e fd.rport -e fd.l4proto -Y 'evt.type = sendto and evt.dir = <')
[ "$got" = "$want	$port	47003	udp" ] && ok || bad "the client's sendto exit shows '$got'"
got=$(fields -e fd.name -Y 'evt.type = recvmsg and evt.dir = >')
[ "$got" = "$want" ] && ok || bad "the client's recvmsg enter shows '$got'"

# the server's sendmsg: the peer it answers, client to server
got=$(fields -e fd.name -e fd.cip -e fd.cport -e fd.sip -e fd.sport -Y 'evt.type = sendmsg and evt.dir = >')
[ "$got" = "$want	127.0.0.1	$port	127.0.0.1	47003" ] && ok ||
	bad "the server's sendmsg enter shows '$got'"

# no address that is not in the capture
others=$("$bin" -r "$f" -A | grep -oE '[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+' | grep -vxE '127\.0\.0\.1|0\.0\.0\.0' | sort -u)
[ -z "$others" ] && ok || bad "addresses that are not in the capture: $others"

# sysdig 0.29.3 differs on exactly those two lines
if command -v sysdig >/dev/null; then
	TZ=UTC sysdig -r "$f" | cut -d' ' -f2- >"$tmp/sd"
	TZ=UTC "$bin" -r "$f" | sysdig_known | cut -d' ' -f2- >"$tmp/sh"
	diff "$tmp/sd" "$tmp/sh" | grep '^>' >"$tmp/diff"
	if [ "$(wc -l <"$tmp/diff")" = 2 ] && grep -q "> recvmsg fd=3(<4u>$want)" "$tmp/diff" &&
		grep -q "> sendmsg fd=3(<4u>$want)" "$tmp/diff"; then
		ok
	else
		bad "syshark differs from sysdig on other lines than the two datagram fds:"
		diff "$tmp/sd" "$tmp/sh" | head -10
	fi
else
	echo "sysdig is not installed: the comparison with it is not run"
fi
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Captures a TCP connect to a local listener and checks the socket tuple of
# the connect and the bytes sent, in syshark and in sysdig; then unix
# socket connects, one to a listener and one to a missing path; then an fd
# passed over a unix socket, whose control message recvmsg's event keeps.
. "$(dirname "$0")/lib.sh"
need_probe
need_sysdig
command -v python3 >/dev/null || { echo "SKIP: python3 is needed for the listener"; exit 77; }

# a listener on a free port that takes one connection and reads it
python3 - "$tmp/port" <<'PY' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(1)
open(sys.argv[1], "w").write(str(s.getsockname()[1]))
c, _ = s.accept()
c.recv(100)
PY
srv=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
port=$(cat "$tmp/port")

f=$tmp/tcp.scap
capture "$f" bash -c "exec 3<>/dev/tcp/127.0.0.1/$port; printf hello-syshark >&3; exec 3>&-" ||
	{ kill "$srv"; finish; exit; }
wait "$srv"

conn=$("$bin" -r "$f" -T fields -e fd.name -e fd.sport -e fd.cip -e fd.sip \
	-Y 'evt.type = connect and evt.dir = < and fd.type = ipv4')
case $conn in
"127.0.0.1:"*"->127.0.0.1:$port	$port	127.0.0.1	127.0.0.1") ok ;;
*) bad "connect tuple is '$conn', wanted 127.0.0.1:N->127.0.0.1:$port" ;;
esac
data=$("$bin" -r "$f" -T fields -e evt.arg.data -Y "evt.type = write and evt.dir = < and fd.sport = $port")
[ "$data" = "hello-syshark" ] && ok || bad "write on the socket carried '$data'"

same_as_sysdig "$f"
fields_both "$f" 'fd.type = ipv4' evt.type evt.dir fd.name fd.cip fd.sip fd.cport fd.sport fd.l4proto evt.rawres

# A unix connect names the socket by the path it asks for, even when the
# path does not exist.
f=$tmp/unix.scap
capture "$f" python3 - "$tmp/listen.sock" "$tmp/missing.sock" <<'PY' || { finish; exit; }
import socket, sys
srv = socket.socket(socket.AF_UNIX)
srv.bind(sys.argv[1])
srv.listen(1)
for path in sys.argv[1:]:
    c = socket.socket(socket.AF_UNIX)
    try:
        c.connect(path)
    except OSError:
        pass
    c.close()
PY
names=$("$bin" -r "$f" -T fields -e fd.name -Y 'evt.type = connect and evt.dir = > and fd.type = unix' |
	grep -F "$tmp/")
want="$tmp/listen.sock
$tmp/missing.sock"
[ "$names" = "$want" ] && ok || bad "unix connects were on sockets named '$names', wanted '$want'"
# once connected, the name is the tuple, as libsinsp writes it
names=$("$bin" -r "$f" -T fields -e fd.name -Y 'evt.type = close and evt.dir = > and fd.type = unix' |
	grep -F "$tmp/")
case $names in
[0-9a-f]*"->"[0-9a-f]*" $tmp/listen.sock
$tmp/missing.sock
$tmp/listen.sock") ok ;;
*) bad "unix sockets closed were named '$names'" ;;
esac
same_as_sysdig "$f"

# recvmsg's ancillary data: an fd passed over a unix socket (SCM_RIGHTS)
# comes with the read, as one control message of CMSG_SPACE(4) bytes
f=$tmp/fdpass.scap
capture "$f" python3 - <<'PY' || { finish; exit; }
import os, socket
a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
r, w = os.pipe()
a.sendmsg([b"fd"], [(socket.SOL_SOCKET, socket.SCM_RIGHTS, r.to_bytes(4, "little"))])
msg, anc, _, _ = b.recvmsg(16, socket.CMSG_SPACE(4))
assert msg == b"fd" and len(anc) == 1
PY
ctl=$("$bin" -r "$f" -T json -Y 'evt.type = recvmsg and evt.dir = < and evt.rawres = 2' |
	python3 -c 'import json, sys
print(*(len(json.loads(l)["evt.args"]["msgcontrol"]) for l in sys.stdin))')
expect "the control data of the fd passed" \
	"$(python3 -c 'import socket; print(socket.CMSG_SPACE(4))')" "$ctl"
finish

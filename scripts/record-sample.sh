#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Records doc/examples/sample.scap.gz, the capture the README's first
# command opens: syshark capturing a small shell session (files, a pipe, a
# fork and exec, a TCP exchange on loopback). Run as root after a build;
# the result is committed, so run it only to refresh the sample.
# The session runs with a clean environment so the capture holds nothing
# of the recording machine's.
set -euo pipefail
cd "$(dirname "$0")/.."
out=doc/examples/sample.scap
session='
set -e
dir=$(mktemp -d /tmp/syshark-demo.XXXXXX)
cd "$dir"
echo "hello from syshark" >greeting.txt
cat greeting.txt | tr a-z A-Z >shout.txt
ls -la >listing.txt
/usr/bin/python3 -S -c "
import socket, threading
srv = socket.socket()
srv.bind((\"127.0.0.1\", 0))
srv.listen(1)
def serve():
    c, _ = srv.accept()
    c.sendall(c.recv(64).upper())
    c.close()
t = threading.Thread(target=serve)
t.start()
k = socket.create_connection(srv.getsockname())
k.sendall(b\"ping over tcp\")
print(k.recv(64).decode())
k.close()
t.join()
"
cat /nonexistent 2>/dev/null || true
cd /
rm -rf "$dir"
'
env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 TERM=xterm \
	build/syshark -w "$out" -- /bin/sh -c "$session"
gzip -9 -f "$out"
ls -l "$out.gz"

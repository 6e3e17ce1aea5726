#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Captures a shell that forks and runs /bin/echo, and checks the child's
# name, arguments, parent and exit, in syshark and in sysdig.
. "$(dirname "$0")/lib.sh"
need_probe
need_sysdig

f=$tmp/exec.scap
capture "$f" sh -c '/bin/echo hello exec world; true' || { finish; exit; }

got=$("$bin" -r "$f" -T fields -e proc.name -e proc.args -e proc.pname -e evt.rawres \
	-Y 'evt.type = execve and evt.dir = < and evt.rawres = 0 and proc.name = echo')
[ "$got" = "echo	hello exec world	sh	0" ] && ok || bad "execve of echo shows '$got'"
# the shell forked a child that became echo
kids=$("$bin" -r "$f" -T fields -e evt.type -Y 'evt.type in (clone, fork, vfork, clone3) and evt.dir = < and evt.rawres > 0 and proc.name = sh')
[ -n "$kids" ] && ok || bad "no fork of the shell was captured"
exits=$("$bin" -r "$f" -T fields -e proc.name -Y 'evt.type = procexit' | sort | tr '\n' ' ')
[ "$exits" = "echo sh " ] && ok || bad "process exits are '$exits', wanted echo and sh"

# a thread other than the main one calls execve: the program it starts is
# still followed and its exec is complete
if command -v python3 >/dev/null; then
	t=$tmp/thread.scap
	capture "$t" python3 -S -c 'import os, threading
t = threading.Thread(target=lambda: os.execv("/bin/echo", ["/bin/echo", "from-a-thread"]))
t.start(); t.join()'
	got=$("$bin" -r "$t" -T fields -e proc.name -e proc.args -Y 'evt.type = execve and evt.dir = < and proc.name = echo')
	[ "$got" = "echo	from-a-thread" ] && ok || bad "exec from a thread shows '$got'"
	n=$("$bin" -r "$t" -T fields -e evt.num -Y 'proc.name = echo and evt.type = write' | wc -l)
	[ "$n" -ge 1 ] && ok || bad "the program a thread started was not followed"
	same_as_sysdig "$t"
fi

same_as_sysdig "$f"
fields_both "$f" 'evt.type in (execve, clone, procexit)' evt.type evt.dir proc.name proc.pid proc.ppid proc.args proc.exe proc.pname thread.tid evt.rawres
finish

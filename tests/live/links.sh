#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Captures ln, ln -s and mv in a scratch directory, and checks that the
# links and the rename are their own events with both paths, resolved
# against the working directory, in syshark and in sysdig.
. "$(dirname "$0")/lib.sh"
need_probe
need_sysdig

d=$tmp/dir
mkdir "$d"
f=$tmp/links.scap
capture "$f" sh -c "cd $d && echo x >a && ln a hard && ln -s a soft && mv soft moved && rm a hard moved" ||
	{ finish; exit; }

# coreutils makes the *at forms; paths are resolved against the cwd
got=$("$bin" -r "$f" -T fields -e evt.type -e evt.rawres -e evt.arg.oldpath -e evt.arg.newpath \
	-Y 'evt.type = linkat and evt.dir = <')
[ "$got" = "linkat	0	$d/a	$d/hard" ] && ok || bad "ln shows '$got'"
got=$("$bin" -r "$f" -T fields -e evt.type -e evt.rawres -e evt.arg.target -e evt.arg.linkpath \
	-Y 'evt.type = symlinkat and evt.dir = <')
[ "$got" = "symlinkat	0	a	$d/soft" ] && ok || bad "ln -s shows '$got'"
got=$("$bin" -r "$f" -T fields -e evt.rawres -e evt.arg.oldpath -e evt.arg.newpath \
	-Y 'evt.type in (rename, renameat, renameat2) and evt.dir = <')
[ "$got" = "0	$d/soft	$d/moved" ] && ok || bad "mv shows '$got'"

same_as_sysdig "$f"
fields_both "$f" 'evt.type in (linkat, symlinkat, renameat2) and evt.dir = <' evt.type evt.rawres \
	evt.arg.oldpath evt.arg.newpath evt.arg.target evt.arg.linkpath evt.arg.flags
finish

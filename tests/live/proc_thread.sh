#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The process fields of current Falco libraries that sysdig 0.29.3 lacks,
# on a live capture, checked against what /proc told the processes:
# - proc.stdin.*, proc.stdout.*, proc.stderr.*: the files readlink(1)
#   finds behind its own fds 0, 1 (a pipe) and 2;
# - proc.cmdnargs, proc.cmdlenargs: readlink's arguments, as given;
# - proc.aargs[1], proc.acmdline[1], proc.aenv[1]: the parent shell's
#   /proc/PID/cmdline, comm and environ;
# - proc.env[NAME] and proc.aenv[NAME]: variables set for readlink and for
#   the shell;
# - proc.pgid.*, proc.is_pgid_leader: the process group of cut(1) as its
#   /proc/self/stat gives it, and the leader's comm and executable;
# - proc.loginshellid: the oldest process named *sh above readlink;
# - thread.nametid: proc.name and thread.tid;
# - proc.pid.ts, proc.duration, proc.ppid.ts, proc.ppid.duration: the time
#   of the clone exit that made the process, and of its parent's;
# - proc.pidns_init_start_ts: the boot time /proc/stat gives, on the host;
# - proc.exe_ino.ctime_duration_proc_start and ..._pidns_start: the
#   executable's ctime, as stat(1) gives it, before the clone, and after
#   the boot for a program copied during the test (none for cut's).
. "$(dirname "$0")/lib.sh"
need_probe

f=$tmp/pt.scap
# shellcheck disable=SC2016
printf '%s\n' 'echo $$ >"$T/sh.pid"' \
	'xargs -0 echo <"/proc/$$/cmdline" >"$T/sh.args"' \
	'xargs -0 echo <"/proc/$$/environ" >"$T/sh.env"' \
	'cat "/proc/$$/comm" >"$T/sh.comm"' \
	'readlink "/proc/$$/exe" >"$T/sh.exe"' \
	'cut -d" " -f5 /proc/self/stat >"$T/cut.pgrp"' \
	'X=own readlink /proc/self/fd/0 /proc/self/fd/1 /proc/self/fd/2 </etc/hostname 2>"$T/err" |' \
	'cat >"$T/links"' 'cp /bin/true "$T/newtrue"' '"$T/newtrue"' >"$tmp/inner.sh"
capture "$f" setsid -w env -i T="$tmp" A=1 B=two S='  sp ace  ' sh "$tmp/inner.sh" in1 ||
	{ finish; exit 1; }
shpid=$(cat "$tmp/sh.pid")
# field FILTER FIELD: the field's value on the first event FILTER selects
field() {
	"$bin" -r "$f" -T fields -e "$2" -Y "$1" 2>&1 | head -1
}
rl='proc.name = readlink and proc.args contains fd/0 and evt.type = execve and evt.dir = <'
{ read -r in; read -r out; read -r err; } <"$tmp/links"
[ "$(field "$rl" proc.stdin.name)" = "$in" ] && ok || bad "readlink's stdin is not $in"
[ "$(field "$rl" proc.stdin.type)" = file ] && ok || bad "readlink's stdin is not a file"
[[ $out == pipe:* ]] && [ "$(field "$rl" proc.stdout.type)" = pipe ] && ok ||
	bad "readlink's stdout ($out) is not a pipe: $(field "$rl" proc.stdout.type)"
[ "$(field "$rl" proc.stderr.name)" = "$err" ] && ok || bad "readlink's stderr is not $err"
[ "$(field "$rl" proc.stderr.type)" = file ] && ok || bad "readlink's stderr is not a file"
[ "$(field "$rl" proc.cmdnargs)" = 3 ] && ok || bad "readlink has not 3 arguments"
args=/proc/self/fd/0/proc/self/fd/1/proc/self/fd/2
[ "$(field "$rl" proc.cmdlenargs)" = ${#args} ] && ok ||
	bad "readlink's arguments are not ${#args} bytes: $(field "$rl" proc.cmdlenargs)"

# the parent shell, as its /proc files say
read -r shargs <"$tmp/sh.args"
IFS= read -r shenv <"$tmp/sh.env"
read -r shcomm <"$tmp/sh.comm"
[ "$(field "$rl" 'proc.aargs[1]')" = "${shargs#* }" ] && ok ||
	bad "readlink's proc.aargs[1] is not '${shargs#* }': $(field "$rl" 'proc.aargs[1]')"
[ "$(field "$rl" 'proc.acmdline[1]')" = "$shcomm ${shargs#* }" ] && ok ||
	bad "readlink's proc.acmdline[1] is not the shell's: $(field "$rl" 'proc.acmdline[1]')"
[ "$(field "$rl" 'proc.aenv[1]')" = "$shenv" ] && ok ||
	bad "readlink's proc.aenv[1] is not '$shenv': $(field "$rl" 'proc.aenv[1]')"
# one variable: proc.env[NAME] in readlink's own environment, proc.aenv[NAME]
# in its ancestors' only (X is readlink's own), both without the spaces
# around the value
for c in 'proc.env[A]=1' 'proc.env[S]=sp ace' 'proc.env[X]=own' 'proc.env[NOPE]=' \
	'proc.aenv[A]=1' "proc.aenv[T]=$tmp" 'proc.aenv[S]=sp ace' 'proc.aenv[X]=' \
	'proc.aenv[NOPE]='; do
	got=$(field "$rl" "${c%%=*}")
	[ "$got" = "${c#*=}" ] && ok || bad "readlink's ${c%%=*} is '$got', not '${c#*=}'"
done
[ "$(field "$rl" 'proc.aargs[0]')" = "$(field "$rl" proc.args)" ] && ok ||
	bad "proc.aargs[0] is not proc.args"

# the process group: the shell leads it
cut=$(cat "$tmp/cut.pgrp")
ct='proc.name = cut and evt.type = execve and evt.dir = <'
[ "$cut" = "$shpid" ] && [ "$(field "$ct" proc.pgid)" = "$cut" ] && ok ||
	bad "cut's process group is not $cut: $(field "$ct" proc.pgid)"
[ "$(field "$ct" proc.pgid.name)" = "$shcomm" ] && ok ||
	bad "cut's process group leader is not $shcomm: $(field "$ct" proc.pgid.name)"
[ "$(field "$ct" proc.pgid.exe)" = sh ] && ok || bad "the leader's argv[0] is not sh"
# (the path it was run by, /bin/sh, which /proc gives resolved)
[ "$(realpath "$(field "$ct" proc.pgid.exepath)")" = "$(cat "$tmp/sh.exe")" ] && ok ||
	bad "the leader's executable is not $(cat "$tmp/sh.exe"): $(field "$ct" proc.pgid.exepath)"
[ "$(field "$ct" proc.is_pgid_leader)" = false ] && ok || bad "cut leads its process group"
[ "$(field "proc.name = sh and proc.pid = $shpid and evt.type = execve and evt.dir = <" \
	proc.is_pgid_leader)" = true ] && ok ||
	bad "the shell does not lead its process group"

# the oldest *sh above readlink that the capture knows, by proc.aname and proc.apid
want=
for n in 0 1 2 3 4 5 6 7 8 9; do
	[[ $(field "$rl" "proc.aname[$n]") == *sh ]] && want=$(field "$rl" "proc.apid[$n]")
done
[ "$(field "$rl" proc.loginshellid)" = "${want:-<NA>}" ] && ok ||
	bad "readlink's proc.loginshellid is not $want: $(field "$rl" proc.loginshellid)"
[ -n "$want" ] && ok || bad "the shell is not among readlink's ancestors"

# thread.nametid on every event with a thread
bad_nt=$("$bin" -r "$f" -T fields -e proc.name -e thread.tid -e thread.nametid \
	-Y 'proc.name exists' | awk -F'\t' '$1 $2 != $3' | head -3)
[ -z "$bad_nt" ] && ok || bad "thread.nametid is not proc.name and thread.tid: $bad_nt"

# clone times: the first clone exit of the new process, its parent's or its own
clone='evt.type in (clone, clone3, fork, vfork) and evt.dir = <'
cutpid=$(field "$ct" proc.pid)
born=$(field "$clone and (evt.rawres = $cutpid or (evt.rawres = 0 and thread.tid = $cutpid))" \
	evt.rawtime)
[ -n "$born" ] && [ "$(field "$ct" proc.pid.ts)" = "$born" ] && ok ||
	bad "cut's proc.pid.ts is not $born: $(field "$ct" proc.pid.ts)"
shborn=$(field "$clone and (evt.rawres = $shpid or (evt.rawres = 0 and thread.tid = $shpid))" \
	evt.rawtime)
[ "$(field "$ct" proc.ppid.ts)" = "${shborn:-0}" ] && ok ||
	bad "cut's proc.ppid.ts is not ${shborn:-0}: $(field "$ct" proc.ppid.ts)"
"$bin" -r "$f" -T fields -e evt.rawtime -e proc.duration -e proc.ppid.duration -Y "$ct" \
	>"$tmp/d" 2>&1
read -r now dur pdur <"$tmp/d"
[ "$dur" = $((now - born)) ] && ok || bad "cut's proc.duration is not $((now - born)): $dur"
if [ -n "$shborn" ]; then
	[ "$pdur" = $((now - shborn)) ] && ok ||
		bad "cut's proc.ppid.duration is not $((now - shborn)): $pdur"
fi

# the pid namespace (the host's) started at boot
bt=$(awk '$1 == "btime" { print $2 }' /proc/stat)
ns=$(field "$ct" proc.pidns_init_start_ts)
[ -n "$ns" ] && [ $((ns / 1000000000 - bt)) -ge -1 ] && [ $((ns / 1000000000 - bt)) -le 1 ] &&
	ok || bad "cut's proc.pidns_init_start_ts is $ns, not at boot ($bt)"
# the executables' ctimes, before the clone and after the boot
read -r ctime pidts cdur pdur < <("$bin" -r "$f" -T fields -e proc.exe_ino.ctime \
	-e proc.pid.ts -e proc.exe_ino.ctime_duration_proc_start \
	-e proc.exe_ino.ctime_duration_pidns_start -Y "$ct" | head -1)
[ $((ctime / 1000000000)) = "$(stat -L -c %Z "$(command -v cut)")" ] && ok ||
	bad "cut's proc.exe_ino.ctime is $ctime, not stat's"
[ "$cdur" = $((pidts - ctime)) ] && ok ||
	bad "cut's ctime_duration_proc_start is $cdur, not $((pidts - ctime))"
[ "$pdur" = "<NA>" ] && ok || bad "cut, older than the boot, has a ctime_duration_pidns_start"
nt='proc.name = newtrue and evt.type = execve and evt.dir = <'
read -r ctime pidts ns cdur pdur < <("$bin" -r "$f" -T fields -e proc.exe_ino.ctime \
	-e proc.pid.ts -e proc.pidns_init_start_ts -e proc.exe_ino.ctime_duration_proc_start \
	-e proc.exe_ino.ctime_duration_pidns_start -Y "$nt" | head -1)
[ $((ctime / 1000000000)) = "$(stat -c %Z "$tmp/newtrue")" ] && ok ||
	bad "newtrue's proc.exe_ino.ctime is $ctime, not stat's"
[ "$cdur" = $((pidts - ctime)) ] && ok ||
	bad "newtrue's ctime_duration_proc_start is $cdur, not $((pidts - ctime))"
[ "$pdur" = $((ctime - ns)) ] && ok ||
	bad "newtrue's ctime_duration_pidns_start is $pdur, not $((ctime - ns))"
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The event fields that sysdig_filters.sh cannot compare with sysdig 0.29.3
# value for value (tests/interop/fields.txt says which and why), checked
# against sysdig where their meanings meet, against other fields with awk,
# and against what tests/tools/scenario.c did to record tests/corpus/files.scap.
# usage: evt_fields.sh BIN CORPUS_DIR EXTRA_CORPUS_DIR
set -u
. "$(dirname "$0")/../checks.sh"
bin=$1
own=$2
extra=$3
command -v sysdig >/dev/null 2>&1 || { echo "SKIP: sysdig is not installed"; exit 77; }
ls "$extra"/*.scap >/dev/null 2>&1 ||
	{ echo "SKIP: no captures written by sysdig and Falco in $extra"; exit 77; }
fields() { TZ=UTC "$bin" -r "$@" 2>&1; }

# sysdig 0.29.3 gives evt.count.error* no value where the current libraries
# give 0; elsewhere they agree. syscall.type: sysdig 0.29.3 counts container
# records and procexit as system calls, the current libraries do not.
cnt=(evt.count.error evt.count.error.file evt.count.error.net evt.count.error.memory
	evt.count.error.other)
zeros=0
for f in "$extra"/*.scap; do
	fmt='*%evt.num'
	args=(-e evt.num)
	for c in "${cnt[@]}"; do
		fmt+=$'\t'%$c
		args+=(-e "$c")
	done
	TZ=UTC sysdig -r "$f" -p "$fmt" >"$tmp/a" 2>&1
	fields "$f" -T fields "${args[@]}" >"$tmp/b"
	awk -F'\t' -v OFS='\t' '{ for (i = 2; i <= NF; i++) if ($i == "0") $i = "<NA>"; print }' \
		"$tmp/b" >"$tmp/c"
	grep -q $'\t0' "$tmp/b" && zeros=$((zeros + 1))
	if cmp -s "$tmp/a" "$tmp/c"; then ok; else
		bad "evt.count.error* on $(basename "$f") differ from sysdig's where it has one"
		diff "$tmp/a" "$tmp/c" | head -3
	fi
	TZ=UTC sysdig -r "$f" -p $'*%evt.num\t%evt.type\t%syscall.type' |
		awk -F'\t' -v OFS='\t' '$2 == "container" || $2 == "procexit" { $3 = "<NA>" } { print }' \
			>"$tmp/a"
	fields "$f" -T fields -e evt.num -e evt.type -e syscall.type >"$tmp/b"
	if cmp -s "$tmp/a" "$tmp/b"; then ok; else
		bad "syscall.type on $(basename "$f") differs from sysdig's"
		diff "$tmp/a" "$tmp/b" | head -3
	fi
	# evt.buffer as sysdig prints it, with the backslashes -T fields doubles
	TZ=UTC sysdig -r "$f" -p $'*%evt.num\t%evt.buffer' 2>&1 | sed 's/\\/\\\\/g' >"$tmp/a"
	fields "$f" -T fields -e evt.num -e evt.buffer >"$tmp/b"
	if cmp -s "$tmp/a" "$tmp/b"; then ok; else
		bad "evt.buffer on $(basename "$f") differs from sysdig's"
		diff "$tmp/a" "$tmp/b" | head -3
	fi
	# evt.around[T] = 1 around the 20th event (or the last, before it): sysdig
	# takes it in filters too
	t=$(fields "$f" -T fields -e evt.rawtime -n 20 | tail -1)
	if [ -n "$t" ]; then
		TZ=UTC sysdig -r "$f" -p %evt.num "evt.around[$t] = 1" >"$tmp/a" 2>&1
		fields "$f" -T fields -e evt.num -Y "evt.around[$t] = 1" >"$tmp/b"
		if cmp -s "$tmp/a" "$tmp/b" && [ -s "$tmp/b" ]; then ok; else
			bad "evt.around[$t] = 1 selects other events than sysdig on $(basename "$f")"
			diff "$tmp/a" "$tmp/b" | head -3
		fi
	fi
	# evt.type.is.close = 1 selects what sysdig's evt.type = close does
	TZ=UTC sysdig -r "$f" -p %evt.num "evt.type = close" >"$tmp/a" 2>&1
	fields "$f" -T fields -e evt.num -Y "evt.type.is.close = 1" >"$tmp/b"
	if cmp -s "$tmp/a" "$tmp/b"; then ok; else
		bad "evt.type.is.close = 1 selects other events than evt.type = close on $(basename "$f")"
	fi
done

[ "$zeros" -gt 0 ] && ok || bad "evt.count.error* are never 0 on an event that succeeded"

# on every capture, against other fields: evt.latency.human from evt.latency
# (sysdig's way of writing a span), evt.count.error from evt.rawres, and
# evt.type.is.open from evt.type; meta events: evt.is_async, evt.asynctype
for f in "$own"/*.scap* "$extra"/*.scap; do
	fields "$f" -T fields -e evt.latency -e evt.latency.human -e evt.dir -e evt.rawres \
		-e evt.count.error -e evt.type -e evt.type.is.open -e evt.count -e evt.is_async \
		-e evt.asynctype -e evt.source -e evt.arg.flags -e evt.arg.mode -e evt.is_open_create \
		-e evt.is_open_exec -e evt.rawarg.flags >"$tmp/b"
	awk -F'\t' '
	function human(v) {
		if (v >= 3600e9) return sprintf("%02d:%02d:%02d", v / 3600e9, v / 60e9 % 60, v / 1e9 % 60)
		if (v >= 60e9) return sprintf("%d:%d", v / 60e9, v / 1e9 % 60)
		if (v >= 1e9) return sprintf("%d.%02ds", v / 1e9, v % 1e9 / 1e7)
		if (v >= 1e7) return sprintf("%dms", v / 1e6)
		if (v >= 1e6) return sprintf("%d.%02dms", v / 1e6, v % 1e6 / 1e4)
		if (v >= 1e4) return sprintf("%dus", v / 1e3)
		if (v >= 1e3) return sprintf("%d.%02dus", v / 1e3, v % 1e3 / 10)
		return v "ns"
	}
	{
		want = $1 == "<NA>" ? "<NA>" : human($1)
		if ($2 != want) { print "line " NR ": evt.latency.human " $2 ", not " want; bad++ }
		want = $3 == ">" || $4 == "<NA>" ? "<NA>" : ($4 < 0 ? 1 : 0)
		if ($5 != want) { print "line " NR ": evt.count.error " $5 ", not " want; bad++ }
		if ($7 != ($6 == "open" ? 1 : 0)) { print "line " NR ": evt.type.is.open " $7; bad++ }
		if ($8 != 1) { print "line " NR ": evt.count " $8; bad++ }
		meta = $6 == "container" || $6 == "asyncevent"
		if ($9 != (meta ? "true" : "false") || (!meta && $10 != "<NA>") ||
		    ($6 == "container" && $10 != "container")) {
			print "line " NR ": evt.is_async " $9 ", evt.asynctype " $10; bad++
		}
		if ($11 != ($6 == "pluginevent" ? "<NA>" : "syscall")) {
			print "line " NR ": evt.source " $11; bad++
		}
		# opens: created (O_F_CREATED, 1 << 14, which sysdig 0.29.3 does
		# not name, or an O_TMPFILE that worked), and created with an
		# execute bit (an odd digit of the octal mode)
		if ($3 != "<" || ($6 != "open" && $6 != "openat" && $6 != "openat2")) next
		create = int($16 / 16384) % 2 || ($12 ~ /O_TMPFILE/ && $4 >= 0)
		exec = $12 ~ /O_CREAT|O_TMPFILE/ && $13 ~ /[1357][0-7]?[0-7]?$/
		if ($14 != (create ? "true" : "false") || $15 != (exec ? "true" : "false")) {
			print "line " NR ": evt.is_open_create " $14 ", evt.is_open_exec " $15; bad++
		}
	}
	END { exit bad > 0 }' "$tmp/b" >"$tmp/err"
	if ! grep -q '^syshark:' "$tmp/b" && [ ! -s "$tmp/err" ]; then ok; else
		bad "evt fields disagree with the fields they come from on $(basename "$f"):"
		head -3 "$tmp/err"
	fi
done

# evt.count.threadinfo is 1 on procinfo events, evt.count.procinfo on those
# of main threads, both 0 elsewhere; evt.latency.quantized is always 0 (the
# current libraries' values; sysdig 0.29.3 has none for their 0s and hides
# procinfo events). The evt.buflen split: each is evt.buflen on the reads or
# writes, files or IP sockets it names; a recv on a socket gives its result
# to evt.buflen.net.in.
mains=0
recvs=0
for f in "$own"/*.scap* "$extra"/*.scap; do
	fields "$f" -A -T fields -e evt.type -e thread.ismain -e evt.count.procinfo \
		-e evt.count.threadinfo -e evt.latency.quantized -e evt.dir -e fd.type -e evt.rawres \
		-e evt.is_io_read -e evt.is_io_write -e evt.buflen -e evt.buflen.in -e evt.buflen.out \
		-e evt.buflen.file -e evt.buflen.file.in -e evt.buflen.file.out -e evt.buflen.net \
		-e evt.buflen.net.in -e evt.buflen.net.out >"$tmp/b"
	awk -F'\t' '
	function want(c) { return c ? $11 : "<NA>" }
	{
		pi = $1 == "procinfo"
		if ($4 != (pi ? 1 : 0) || $3 != (pi && $2 == "true" ? 1 : 0) || $5 != 0) {
			print "line " NR ": procinfo counts or evt.latency.quantized: " $0; bad++
		}
		mains += pi && $3 == 1
		rd = $9 == "true"; wr = $10 == "true"; file = $7 == "file"
		net = $7 == "ipv4" || $7 == "ipv6"
		if ($12 != want(rd) || $13 != want(wr) || $14 != want(file) ||
		    $15 != want(file && rd) || $16 != want(file && wr) || $17 != want(net) ||
		    $18 != want(net && rd) || $19 != want(net && wr)) {
			print "line " NR ": evt.buflen.*: " $0; bad++
		}
		if ($1 ~ /^recv/ && $6 == "<" && net && $8 >= 0) {
			if ($18 != $8) { print "line " NR ": evt.buflen.net.in of a recv: " $0; bad++ }
			recvs++
		}
	}
	END { print mains + 0, recvs + 0; exit bad > 0 }' "$tmp/b" >"$tmp/err"
	if [ $? -eq 0 ]; then ok; else
		bad "procinfo counts, evt.latency.quantized or evt.buflen.* on $(basename "$f"):"
		head -3 "$tmp/err"
	fi
	read -r m r < <(tail -1 "$tmp/err")
	mains=$((mains + ${m:-0}))
	recvs=$((recvs + ${r:-0}))
done
[ "$mains" -gt 0 ] && ok || bad "no procinfo event of a main thread in the captures"
[ "$recvs" -gt 0 ] && ok || bad "no recv on an IP socket in the captures"

# fs.path.* from the parameters of the calls that name paths, joined as the
# current libraries do: to the working directory, but for mkdirat, unlinkat
# and symlinkat's link to their dirfd's directory ("<UNKNOWN>" before the
# path for AT_FDCWD), and for renameat2 to each path's dirfd
paths=0
for f in "$own"/*.scap*; do
	fields "$f" -T fields -e evt.type -e evt.res -e proc.cwd -e evt.rawarg.path \
		-e evt.rawarg.name -e evt.rawarg.oldpath -e evt.rawarg.newpath -e evt.rawarg.target \
		-e evt.rawarg.linkpath -e evt.arg.dirfd -e evt.arg.linkdirfd -e evt.arg.olddirfd \
		-e evt.arg.newdirfd -e fs.path.name -e fs.path.nameraw -e fs.path.source \
		-e fs.path.sourceraw -e fs.path.target -e fs.path.targetraw -Y 'evt.dir = < and
		evt.type in (mkdir, mkdirat, rmdir, unlink, unlinkat, rename, renameat, renameat2,
		link, linkat, symlink, symlinkat)' >"$tmp/b"
	awk -F'\t' '
	function join(d, p) { if (p ~ /^\//) return p; sub(/\/$/, "", d); return d "/" p }
	function at(fd, p) {
		if (p ~ /^\//) return p
		return fd ~ /^<d>/ ? join(substr(fd, 4), p) : "<UNKNOWN>" p
	}
	{
		t = $1; cwd = $3; n = nr = s = sr = g = gr = "<NA>"
		if ($2 != "SUCCESS") { }
		else if (t ~ /^(mkdir|rmdir|unlink)$/) { nr = $4; n = join(cwd, $4) }
		else if (t == "mkdirat") { nr = $4; n = at($10, $4) }
		else if (t == "unlinkat") { nr = $5; n = at($10, $5) }
		else if (t ~ /^rename/) {
			sr = $6; gr = $7; s = join(cwd, $6); g = join(cwd, $7)
			if (t == "renameat2") {
				s = $12 == "AT_FDCWD" ? s : at($12, $6)
				g = $13 == "AT_FDCWD" ? g : at($13, $7)
			}
		} else if (t ~ /^link/) { sr = $7; gr = $6; s = join(cwd, $7); g = join(cwd, $6) }
		else if (t == "symlink") { sr = $9; gr = $8; s = join(cwd, $9); g = join(cwd, $8) }
		else if (t == "symlinkat") { sr = $9; gr = $8; s = at($11, $9); g = at("", $8) }
		got = $14 "|" $15 "|" $16 "|" $17 "|" $18 "|" $19
		want = n "|" nr "|" s "|" sr "|" g "|" gr
		if (got != want) { print "line " NR ": " t " " got ", not " want; bad++ }
		paths += $2 == "SUCCESS"
	}
	END { print paths + 0; exit bad > 0 }' "$tmp/b" >"$tmp/err"
	if [ $? -eq 0 ]; then ok; else
		bad "fs.path.* on $(basename "$f"):"
		head -3 "$tmp/err"
	fi
	paths=$((paths + $(tail -1 "$tmp/err")))
done
[ "$paths" -ge 15 ] && ok || bad "only $paths calls that worked on paths in the captures"

# evt.reltime counts from the first event of the capture, evt.deltatime from
# the event shown before, with a filter too (syshark's meaning, not sysdig's)
# (times in seconds and nanoseconds: awk's numbers cannot hold them whole)
f=$own/files.scap
fields "$f" -T fields -e evt.num -e evt.rawtime.s -e evt.rawtime.ns >"$tmp/all"
first=$(fields "$f" -A -T fields -e evt.rawtime.s -e evt.rawtime.ns | head -1)
fields "$f" -T fields -e evt.num -e evt.reltime -e evt.deltatime -Y 'evt.type = close' >"$tmp/b"
awk -F'\t' -v first="$first" '
	function since(a, b) {
		split(a, x, "\t"); split(b, y, "\t"); return (x[1] - y[1]) * 1e9 + x[2] - y[2]
	}
	NR == FNR { t = $2 "\t" $3; ts[$1] = t; prev[$1] = last; last = t; next }
	{
		rel = sprintf("%09d", since(ts[$1], first))
		delta = prev[$1] == "" ? 0 : since(ts[$1], prev[$1])
		if ($2 != rel || $3 != delta) { print "event " $1 ": " $2 " " $3 ", not " rel " " delta; bad++ }
		n++
	}
	END { exit bad > 0 || n < 10 }' "$tmp/all" "$tmp/b" >"$tmp/err"
if [ ! -s "$tmp/err" ]; then ok; else
	bad "evt.reltime and evt.deltatime of the close events of files.scap:"
	head -3 "$tmp/err"
fi

# what scenario.c did in files.scap, in /tmp/syshark-corpus/files: renameat(dfd
# "docs", "hard2.txt", dfd, "old/moved.txt"); an open of docs/notes.txt with
# O_CREAT|O_WRONLY|O_TRUNC, 0640, then one with O_CREAT|O_EXCL|O_WRONLY, 0600
d=/tmp/syshark-corpus/files/docs
got=$(fields "$f" -T fields -e evt.abspath.src -e evt.abspath.dst -e evt.abspath \
	-Y 'evt.type = renameat and evt.dir = <')
[ "$got" = "$d/hard2.txt"$'\t'"$d/old/moved.txt"$'\t'"$d/hard2.txt" ] && ok ||
	bad "renameat's evt.abspath.src, .dst and evt.abspath: $got"
got=$(fields "$f" -T fields -e evt.is_open_write -e evt.is_open_read -e evt.is_open_exec \
	-e evt.res -Y 'evt.type = open and evt.dir = < and evt.arg.flags contains O_CREAT' |
	tr '\t\n' '  ')
[ "$got" = "true false false SUCCESS true false false EEXIST " ] && ok ||
	bad "the opens of docs/notes.txt with O_CREAT: $got"
finish

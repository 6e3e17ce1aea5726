#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# --follow: on every corpus capture, the stream of the first I/O event of
# each process's fd holds exactly that fd's reads and writes from its open
# to its close, in the order, directions, sizes and bytes that sysdig's
# echo_fds chisel shows for the same events; formats, directions and bad
# arguments.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
mapfile -t files < <(captures)
[ "${#files[@]}" -ge 6 ] || { echo "FAIL: no corpus in $corpus"; exit 1; }
have_sysdig=$(command -v sysdig >/dev/null && echo 1 || echo 0)
[ "$have_sysdig" = 1 ] || echo "note: sysdig is not installed; the peer comparison is skipped"

streams=0
for f in "${files[@]}"; do
	name=$(basename "$f")
	"$bin" -r "$f" -T fields -e evt.num -e proc.pid -e fd.num \
		-Y 'evt.is_io = true and evt.dir = < and evt.rawres > 0' |
		awk -F'\t' '$3 != "<NA>" && !seen[$2 " " $3]++' | head -8 >"$tmp/starts"
	while IFS=$'\t' read -r num pid fd; do
		streams=$((streams + 1))
		"$bin" -r "$f" --follow="$num" >"$tmp/text" || { bad "$name: --follow=$num failed"; continue; }
		# the segments: event, direction, size
		awk '/^--- #/ { sub(/^#/, "", $2); print $2 "\t" $3 "\t" $4 }' "$tmp/text" >"$tmp/segs"
		first=$(head -1 "$tmp/segs" | cut -f1)
		last=$(tail -1 "$tmp/segs" | cut -f1)
		grep -qx "$num	.*" "$tmp/segs" && ok || bad "$name: stream of $num lacks event $num"
		# every read and write of the fd between them, and no close or reopen inside
		"$bin" -r "$f" -T fields -e evt.num -e evt.io_dir -e evt.rawres -Y "proc.pid = $pid and \
			fd.num = $fd and evt.is_io = true and evt.dir = < and evt.rawres > 0 and \
			evt.num >= $first and evt.num <= $last" >"$tmp/want"
		if cmp -s "$tmp/want" "$tmp/segs"; then ok; else
			bad "$name: stream of $num (pid $pid fd $fd) differs from the fd's I/O:"
			diff "$tmp/want" "$tmp/segs" | head -5
		fi
		"$bin" -r "$f" -T fields -e evt.num -Y "proc.pid = $pid and fd.num = $fd and \
			evt.type in (close, open, openat, socket, accept, accept4, dup2, pipe) and \
			evt.dir = < and evt.num > $first and evt.num < $last" >"$tmp/cut"
		[ ! -s "$tmp/cut" ] && ok || bad "$name: stream of $num spans a close or open: $(head -1 "$tmp/cut")"
		# the raw format is the bytes alone, as many as the segments kept
		"$bin" -r "$f" --follow="$num",raw >"$tmp/raw"
		kept=$(sed -n 's/^=== read [0-9]* bytes (\([0-9]*\) in the capture), written [0-9]* (\([0-9]*\)).*/\1 \2/p' \
			"$tmp/text" | awk '{ print $1 + $2 }')
		[ "$(stat -c %s "$tmp/raw")" = "$kept" ] && ok ||
			bad "$name: --follow=$num,raw wrote $(stat -c %s "$tmp/raw") bytes, the header says $kept"
		[ "$have_sysdig" = 1 ] || continue
		[ "$(awk -F'\t' '$3 >= 1024' "$tmp/segs")" ] && continue # sysdig writes KB
		# sysdig numbers events without those it cannot know (tests/sysdig.sh):
		# the stream's span by time
		t0=$("$bin" -r "$f" -T fields -e evt.rawtime -Y "evt.num = $first")
		t1=$("$bin" -r "$f" -T fields -e evt.rawtime -Y "evt.num = $last")
		# sysdig: "------ Write 8B to ..." and the bytes, '.' for the unprintable
		sysdig -r "$f" -c echo_fds "proc.pid=$pid and fd.num=$fd and evt.rawtime>=$t0 and \
			evt.rawtime<=$t1" | sed 's/\x1b\[[0-9;]*m//g' | awk '
			/^------ (Read|Write) / { if (n++) print d; sub(/B$/, "", $3); h = h tolower($2) " " $3 "\n"; d = ""; next }
			NF || d != "" { d = d $0 }
			END { if (n) print d; printf "%s", h > "/dev/stderr" }' >"$tmp/peer" 2>"$tmp/peer_segs"
		"$bin" -r "$f" --follow="$num",hex | awk '
			/^--- #/ { if (n++) print d; d = ""; next }
			length($1) == 8 && $1 ~ /^[0-9a-f]+$/ { d = d substr($0, 61) }
			END { if (n) print d }' >"$tmp/ours"
		cut -f2,3 "$tmp/segs" | tr '\t' ' ' >"$tmp/our_segs"
		if cmp -s "$tmp/peer_segs" "$tmp/our_segs" && cmp -s "$tmp/peer" "$tmp/ours"; then ok; else
			bad "$name: stream of $num differs from sysdig's echo_fds:"
			diff "$tmp/peer_segs" "$tmp/our_segs" | head -4
			diff "$tmp/peer" "$tmp/ours" | head -4
		fi
	done <"$tmp/starts"
done
[ "$streams" -ge 8 ] && ok || bad "only $streams streams in the corpus"

# formats and directions on known streams of the net scenario: the IPv6
# client's request "tcp over ipv6\n" and the server's reply in capitals
f=$corpus/net.scap.gz
read -r num pid fd lport <<<"$("$bin" -r "$f" -T fields -e evt.num -e proc.pid -e fd.num -e fd.lport \
	-Y 'evt.type = write and evt.dir = < and fd.type = ipv6 and fd.rport = 47002')"
out=$("$bin" -r "$f" --follow="$num")
grep -qx "=== fd $fd (ipv6 ::1:$lport->::1:47002) of pid $pid (scenario)" <<<"$out" && ok ||
	bad "the stream's description is wrong: $(head -1 <<<"$out"), not fd $fd, port $lport, pid $pid"
grep -qx '=== read 14 bytes (14 in the capture), written 14 (14), 2 calls' <<<"$out" && ok ||
	bad "the stream's totals are wrong: $(sed -n 2p <<<"$out")"
[ "$(grep -v '^===' <<<"$out" | grep -v '^--- #' | tr '\n' '|')" = 'tcp over ipv6|TCP OVER IPV6|' ] && ok ||
	bad "the text format is not the request then the reply: $out"
grep -q "^--- #$num write 14 bytes\$" <<<"$out" && ok || bad "the write's segment line is wrong"
[ "$("$bin" -r "$f" --follow="$num",raw | od -An -c | tr -s ' ')" = "$(printf 'tcp over ipv6\nTCP OVER IPV6\n' | od -An -c | tr -s ' ')" ] &&
	ok || bad "raw is not the bytes"
[ "$("$bin" -r "$f" --follow="$num",raw,read)" = "TCP OVER IPV6" ] && ok || bad "raw,read is not the reply"
[ "$("$bin" -r "$f" --follow="$num",raw,write)" = "tcp over ipv6" ] && ok || bad "raw,write is not the request"
[ "$("$bin" -r "$f" --follow="$num",read | grep -c '^--- #')" = 1 ] && ok || bad "read shows other segments"
# the server's side of the same connection: its accepted fd, the reply written
snum=$("$bin" -r "$f" -n 1 -T fields -e evt.num \
	-Y "evt.is_io_read = true and evt.dir = < and fd.type = ipv6 and proc.pid = $pid and fd.num != $fd")
[ "$("$bin" -r "$f" --follow="$snum",raw)" = "$(printf 'tcp over ipv6\nTCP OVER IPV6')" ] && ok ||
	bad "the server's stream ($snum) is not the request then the reply"
# a hex dump's offsets count each direction's bytes: the two threads of the
# procs scenario write "worker TID\n" to threads.txt, the second at the
# first one's length
f=$corpus/procs.scap.gz
"$bin" -r "$f" -T fields -e evt.num -e thread.tid -Y 'evt.type = write and evt.dir = < and fd.name contains threads.txt' >"$tmp/w"
read -r num tid1 <<<"$(sed -n 1p "$tmp/w")"
tid2=$(sed -n 2p "$tmp/w" | cut -f2)
[ "$(wc -l <"$tmp/w")" = 2 ] && [ "$tid1" != "$tid2" ] && ok || bad "not two threads writing threads.txt: $(cat "$tmp/w")"
[ "$("$bin" -r "$f" --follow="$num",raw)" = "$(printf 'worker %s\nworker %s' "$tid1" "$tid2")" ] && ok ||
	bad "the threads' stream is not their two lines"
len=$(printf 'worker %s\n' "$tid1" | wc -c)
"$bin" -r "$f" --follow="$num",hex >"$tmp/hex"
want=$(printf '%08x  %s' "$len" "$(printf 'worker %s' "$tid2" | od -An -tx1 | tr -s ' ' | sed 's/^ //' | cut -d' ' -f1-8)")
grep -q "^$want " "$tmp/hex" && ok || bad "the second write's hex line does not start at offset $len: $(cat "$tmp/hex")"
grep -q '^00000000  77 6f 72 6b 65 72 20 ' "$tmp/hex" && ok || bad "the first write's hex line does not start at 0"

# bad arguments: one line, status 2; an event on no fd: status 1
f=$corpus/files.scap
for arg in 0 x 12,bogus 12,hex,sideways -3; do
	err=$("$bin" -r "$f" --follow="$arg" 2>&1 >/dev/null)
	st=$?
	[ "$st" = 2 ] && [ "$(wc -l <<<"$err")" = 1 ] &&
		[ "$err" = "syshark: --follow=$arg: not an event number, then text, printable, hex or raw, read or write" ] &&
		ok || bad "--follow=$arg: status $st, '$err'"
done
# an event with no fd (the first, an execve), and the enter of an open, whose fd is not made yet
for n in $("$bin" -r "$f" -A -T fields -e evt.num -e fd.num | awk -F'\t' '$2 == "<NA>" { print $1; exit }') \
	$("$bin" -r "$f" -n 1 -T fields -e evt.num -Y 'evt.type = open and evt.dir = >'); do
	err=$("$bin" -r "$f" --follow="$n" 2>&1 >/dev/null)
	[ $? = 1 ] && [ "$err" = "syshark: $f: event $n does not work on an fd" ] && ok || bad "--follow=$n: '$err'"
done
last=$("$bin" -r "$f" -A -T fields -e evt.num | tail -1)
for n in 99999999 $((last + 1)); do
	err=$("$bin" -r "$f" --follow=$n 2>&1 >/dev/null)
	[ $? = 1 ] && [ "$err" = "syshark: $f: the capture has no event $n" ] && ok || bad "--follow=$n: '$err'"
done
# a capture cut before the event (the last read of the net scenario, its
# unix socket's): the damage, status 1; cut as gzip and inflated
f=$corpus/net.scap.gz
num=$("$bin" -r "$f" -T fields -e evt.num -Y 'evt.is_io_read = true and evt.dir = < and evt.rawres > 0' | tail -1)
zcat "$f" >"$tmp/net.scap"
for c in "$f" "$tmp/net.scap"; do
	head -c $(($(stat -c %s "$c") / 2)) "$c" >"$tmp/cut.scap"
	has=$("$bin" -r "$tmp/cut.scap" -A -T fields -e evt.num 2>/dev/null | tail -1)
	[ "${has:-0}" -lt "$num" ] && ok || bad "the half of $(basename "$c") holds event $num: the check proves nothing"
	err=$("$bin" -r "$tmp/cut.scap" --follow="$num" 2>&1 >/dev/null)
	[ $? = 1 ] && [ "$(wc -l <<<"$err")" = 1 ] && [[ $err == "syshark: $tmp/cut.scap: "*(truncated|cut short)* ]] && ok ||
		bad "--follow past the cut of $(basename "$c"): '$err'"
done
err=$("$bin" --follow=5 2>&1 >/dev/null)
[ $? = 2 ] && [ "$err" = "syshark: --follow needs -r FILE" ] && ok || bad "no -r: '$err'"
# raw bytes are refused on a terminal (a pty made by script), as gzip refuses
if command -v script >/dev/null; then
	out=$(script -qec "'$bin' -r '$f' --follow=$num,raw" /dev/null </dev/null)
	[ $? = 2 ] && [[ $out == "syshark: --follow=$num,raw: raw bytes would go to the terminal;"* ]] &&
		[ "$(wc -l <<<"$out")" = 1 ] && ok || bad "raw to a terminal: $(head -c 300 <<<"$out" | cat -v)"
fi
finish

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
files=("$corpus"/*.scap)
[ -e "${files[0]}" ] || { echo "SKIP: no corpus in $corpus"; exit 77; }
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
		# sysdig: "------ Write 8B to ..." and the bytes, '.' for the unprintable
		sysdig -r "$f" -c echo_fds "proc.pid=$pid and fd.num=$fd and evt.num>=$first and \
			evt.num<=$last" | sed 's/\x1b\[[0-9;]*m//g' | awk '
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

# formats and directions on a known stream: three writes of "Testme"
f=$corpus/test_ipv6_client.scap
if [ -f "$f" ]; then
	out=$("$bin" -r "$f" --follow=225)
	grep -q '^=== fd 3 (ipv6 ::1:0->::1:2345) of pid 19747 (test_ipv6_clien)$' <<<"$out" && ok ||
		bad "the stream's description is wrong: $(head -1 <<<"$out")"
	[ "$(grep -c '^Testme$' <<<"$out")" = 3 ] && ok || bad "the text format lacks three Testme lines"
	[ "$("$bin" -r "$f" --follow=225,raw)" = TestmeTestmeTestme ] && ok || bad "raw is not the bytes"
	[ "$("$bin" -r "$f" --follow=225,raw,read)" = "" ] && ok || bad "raw,read is not empty"
	"$bin" -r "$f" --follow=225,hex | grep -q '^00000006  54 65 73 74 6d 65  ' && ok ||
		bad "the second write's hex line does not start at offset 6"
fi

# bad arguments: one line, status 2; an event on no fd: status 1
f=$corpus/sample.scap
for arg in 0 x 12,bogus 12,hex,sideways -3; do
	err=$("$bin" -r "$f" --follow="$arg" 2>&1 >/dev/null)
	st=$?
	[ "$st" = 2 ] && [ "$(wc -l <<<"$err")" = 1 ] &&
		[ "$err" = "syshark: --follow=$arg: not an event number, then text, printable, hex or raw, read or write" ] &&
		ok || bad "--follow=$arg: status $st, '$err'"
done
err=$("$bin" -r "$f" --follow=1 2>&1 >/dev/null)
[ $? = 1 ] && [ "$err" = "syshark: $f: event 1 does not work on an fd" ] && ok || bad "--follow=1: '$err'"
err=$("$bin" -r "$f" --follow=99999999 2>&1 >/dev/null)
[ $? = 1 ] && [ "$err" = "syshark: $f: the capture has no event 99999999" ] && ok || bad "--follow=99999999: '$err'"
# a capture cut before the event: the damage, status 1
f=$corpus/test_ipv6_client.scap
if [ -f "$f" ]; then
	head -c $(($(stat -c %s "$f") / 2)) "$f" >"$tmp/cut.scap"
	err=$("$bin" -r "$tmp/cut.scap" --follow=238 2>&1 >/dev/null)
	[ $? = 1 ] && [[ $err == "syshark: $tmp/cut.scap: "*(truncated|cut short)* ]] && ok ||
		bad "--follow past the cut of a capture: '$err'"
fi
err=$("$bin" --follow=5 2>&1 >/dev/null)
[ $? = 2 ] && [ "$err" = "syshark: --follow needs -r FILE" ] && ok || bad "no -r: '$err'"
finish

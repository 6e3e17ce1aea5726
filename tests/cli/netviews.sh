#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The views of users' commands, new connections, socket queues and I/O by
# fd type (--top=spyusers, newconns, sockqueues, iotype) hold the rows and
# sums computed from the same events printed with -T fields, on every
# corpus capture and on one event of every type (mkevents); the table and
# -T fields have the rows of -T json.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
mkevents=$4
mapfile -t files < <(captures)
[ "${#files[@]}" -ge 6 ] || { echo "FAIL: no corpus in $corpus"; exit 1; }
"$mkevents" "$tmp/every.scap" && files+=("$tmp/every.scap") || bad "mkevents cannot write a capture"

# same NAME WANT GOT: the two files hold the same lines, in any order
same() {
	if cmp -s <(sort "$2") <(sort "$3"); then ok; else
		bad "$1 differs (< from -T fields, > from --top):"
		diff <(sort "$2") <(sort "$3") | head -10
	fi
}

# json_cols COL...: the named columns of the JSON rows on stdin, tab-separated
json_cols() {
	python3 -c 'import json, sys
for line in sys.stdin:
    r = json.loads(line)
    print("\t".join("" if r[c] is None else str(r[c]) for c in sys.argv[1:]))' "$@"
}

# -T fields prints <NA> where a view's column stays empty
na_empty() { sed 's/<NA>//g'; }

# the events of each view, as print mode selects them
ok_exit='evt.dir = < and evt.failed = false'
execs_f="$ok_exit and evt.type in (execve, execveat)"
cds_f="$ok_exit and evt.type = chdir and proc.name contains sh and not proc.name contains sshd"
conns_f="evt.dir = < and (evt.failed = false or evt.res = EINPROGRESS) and"
conns_f+=" evt.type in (accept, accept4, connect) and fd.type in (ipv4, ipv6, unix)"
accepts_f="$ok_exit and evt.type in (accept, accept4)"
execs=0 conns=0 accepts=0
for f in "${files[@]}"; do
	name=$(basename "$f")
	fields() { "$bin" -r "$f" -T fields "$@"; }

	# spy users: a row per successful execve, and per directory change of a shell
	spy=(-e evt.num -e user.name -e proc.ppid -e proc.pid -e proc.name -e evt.type)
	fields "${spy[@]}" -Y "$execs_f" | na_empty >"$tmp/want"
	fields "${spy[@]}" -Y "$cds_f" | na_empty >>"$tmp/want"
	execs=$((execs + $(wc -l <"$tmp/want")))
	"$bin" -r "$f" --top=spyusers -T json |
		json_cols Event User Shell PID Process Syscall >"$tmp/got"
	same "$name: the spy users view" "$tmp/want" "$tmp/got"
	# the commands each user ran
	cut -f2 "$tmp/want" | sort | uniq -c >"$tmp/want.users"
	"$bin" -r "$f" --top=spyusers -T json | json_cols User | sort | uniq -c >"$tmp/got.users"
	same "$name: the commands per user" "$tmp/want.users" "$tmp/got.users"

	# new connections: each accept, and each connect that succeeded or is under way
	fields -e evt.num -e proc.name -e proc.pid -e fd.l4proto -e evt.type -e fd.name \
		-Y "$conns_f" | na_empty >"$tmp/want"
	conns=$((conns + $(wc -l <"$tmp/want")))
	"$bin" -r "$f" --top=newconns -T json |
		json_cols Event Process PID Proto Syscall Connection >"$tmp/got"
	same "$name: the new connections view" "$tmp/want" "$tmp/got"

	# socket queues: accepts per server port and process, the largest queue seen
	fields -e fd.sport -e proc.pid -e proc.name -e evt.arg.queuelen -e evt.arg.queuemax \
		-e evt.arg.queuepct -Y "$accepts_f" | awk -F'\t' '
		$1 == "<NA>" || $2 == "<NA>" { next }
		function max(a, k, v) {
			if (v != "<NA>" && (!(k in a) || v + 0 > a[k]))
				a[k] = v + 0
		}
		{ k = $1 "\t" $2; n[k]++; p[k] = $3; max(l, k, $4); max(m, k, $5); max(q, k, $6) }
		END {
			for (k in n)
				printf "%s\t%s\t%d\t%d\t%d\t%d\n", k, p[k], n[k], l[k], m[k], q[k]
		}' >"$tmp/want"
	accepts=$((accepts + $(wc -l <"$tmp/want")))
	"$bin" -r "$f" --top=sockqueues -T fields >"$tmp/got"
	same "$name: the socket queues view" "$tmp/want" "$tmp/got"

	# I/O by type: bytes in and out, operations, errors and time per fd type
	fields -e fd.type -e evt.dir -e evt.failed -e evt.is_io_read -e evt.is_io_write \
		-e evt.buflen -e evt.latency | awk -F'\t' '
		$1 == "<NA>" { next }
		{ t[$1] = 1; b = $6 == "<NA>" ? 0 : $6; lat[$1] += $7 }
		$4 == "true" { i[$1] += b }
		$5 == "true" { o[$1] += b }
		$2 == "<" { n[$1]++ }
		$3 == "true" { e[$1]++ }
		END {
			for (k in t)
				printf "%s\t%d\t%d\t%d\t%d\t%d\n", k, i[k], o[k], n[k], e[k], lat[k]
		}' >"$tmp/want"
	"$bin" -r "$f" --top=iotype -T fields | grep -v '^<NA>' >"$tmp/got"
	same "$name: the I/O by type view" "$tmp/want" "$tmp/got"

	# the table and -T fields have a line per JSON row, the table a title more
	for v in spyusers newconns sockqueues iotype; do
		n=$("$bin" -r "$f" --top=$v -T json | wc -l)
		[ "$("$bin" -r "$f" --top=$v | wc -l)" = $((n + 1)) ] &&
			[ "$("$bin" -r "$f" --top=$v -T fields | wc -l)" = "$n" ] && ok ||
			bad "$name: --top=$v has not a line per row of its $n"
	done
done
# the checks saw rows of each view
[ "$execs" -gt 3 ] && [ "$conns" -gt 3 ] && [ "$accepts" -gt 1 ] && ok ||
	bad "the captures hold $execs commands, $conns connections, $accepts servers: too few"
echo "$execs commands, $conns connections and $accepts servers in ${#files[@]} captures"
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The views with columns from the state (processes, page faults): a row
# for every process the state knows at the end, events or not, and their
# CPU, threads, memory and page faults equal to the fields print mode
# gives: VIRT and RES are the last thread.vmsize.b and thread.vmrss.b of
# the process's main thread, Threads its last proc.nthreads less the
# threads gone (the last stays); Major and Minor add up
# the last thread.pfmajor and thread.pfminor of its threads that are
# still there. A capture made by mkproctree gives known numbers.
#
# usage: top_state.sh BIN CORPUS MKPROCTREE
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
mkproctree=$3

# same WHAT WANT GOT: the two files hold the same lines, in any order
same() {
	if cmp -s <(sort "$2") <(sort "$3"); then ok; else
		bad "$1 differs (< from print mode, > from --top):"
		diff <(sort "$2") <(sort "$3") | head -10
	fi
}

for f in "$corpus"/*.scap*; do
	name=$(basename "$f")
	fields() { "$bin" -r "$f" -T fields "$@"; }
	# the threads as the process's last event leaves them (a procexit, one
	# less, but the last thread stays); the memory as its main thread's last
	# event gives it
	fields -e proc.pid -e proc.nthreads -e thread.vmsize.b -e thread.vmrss.b -e thread.ismain \
		-e evt.type | awk -F'\t' '$1 == "<NA>" { next }
		{ n[$1] = $2 - ($6 == "procexit" && $2 > 1) }
		$5 == "true" { m[$1] = $3 "\t" $4 }
		END { for (k in m) print k "\t" n[k] "\t" m[k] }' >"$tmp/want"
	"$bin" -r "$f" --top=procs -T fields | awk -F'\t' 'NF >= 14' | cut -f1,6-8 |
		awk -F'\t' 'NR == FNR { p[$1] = 1; next } $1 in p' "$tmp/want" - >"$tmp/got"
	same "$name: Threads, VIRT and RES" "$tmp/want" "$tmp/got"

	# processes with no events: rows from the state, counting nothing
	fields -e proc.pid | sort -u >"$tmp/pids"
	"$bin" -r "$f" --top=procs -T fields | awk -F'\t' 'NF >= 14' | cut -f1,9-12 |
		awk -F'\t' 'NR == FNR { p[$1] = 1; next } !($1 in p)' "$tmp/pids" - >"$tmp/quiet"
	awk -F'\t' '$2 + $3 + $4 + $5 != 0 { exit 1 }' "$tmp/quiet" && ok ||
		bad "$name: a process without events counts something: $(head -1 "$tmp/quiet")"

	# page faults of the processes still there at the end, over their threads still there
	fields -e evt.type -e proc.pid -e thread.tid -e thread.pfmajor -e thread.pfminor -e thread.ismain |
		awk -F'\t' '$2 == "<NA>" { next }
		$1 == "procexit" { gone[$3] = 1; if ($6 == "true") pgone[$2] = 1; next }
		{ l[$3] = $0; delete gone[$3] }
		END { for (t in l) { split(l[t], a, "\t"); if (t in gone || a[2] in pgone) continue
			ma[a[2]] += a[4]; mi[a[2]] += a[5] }
		      for (p in ma) printf "%s\t%d\t%d\n", p, ma[p], mi[p] }' >"$tmp/want"
	"$bin" -r "$f" --top=pagefaults -T fields | cut -f1,3,4 |
		awk -F'\t' 'NR == FNR { p[$1] = 1; next } $1 in p' "$tmp/want" - >"$tmp/got"
	same "$name: the page faults" "$tmp/want" "$tmp/got"
done

# the process without events of the procs capture: the recording syshark
zcat "$corpus/procs.scap.gz" >"$tmp/procs.scap"
"$bin" -r "$tmp/procs.scap" --top=procs | awk '$4 == "syshark" && $9 == 0 { found = 1 }
	END { exit !found }' && ok || bad "the recording syshark, without events, has no row"

# known numbers
"$mkproctree" "$tmp/tree.scap" || bad "mkproctree failed"
"$bin" -r "$tmp/tree.scap" --top=procs -T fields | cut -f1,6-8 | sort >"$tmp/got"
"$bin" -r "$tmp/tree.scap" -T fields -e proc.pid | sort -u |
	awk '{ printf "%s\t1\t%d\t%d\n", $1, $1 * 4 * 1024, $1 * 1024 }' >"$tmp/want"
same "the known processes' Threads, VIRT and RES" "$tmp/want" "$tmp/got"
"$bin" -r "$tmp/tree.scap" --top=pagefaults -T fields | cut -f1,3,4 | sort >"$tmp/got"
awk '{ printf "%s\t%d\t%d\n", $1, int($1 / 100), $1 * 3 }' <(cut -f1 "$tmp/want") >"$tmp/want2"
same "the known processes' page faults" "$tmp/want2" "$tmp/got"
"$bin" -r "$tmp/tree.scap" --top=pagefaults -T json | python3 -c 'import json, sys
rows = [json.loads(l) for l in sys.stdin]
assert rows and all(isinstance(r["Major"], int) and isinstance(r["Minor"], int) for r in rows)' &&
	ok || bad "--top=pagefaults -T json does not give numbers as numbers"
finish

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The interface's processes and page faults views show the numbers print
# mode's --top gives: each process's CPU, threads, virtual and resident
# memory (in the interface's units) and system calls, and each process's
# major and minor page faults, over a capture mkproctree writes with known
# memory and page faults, and over the processes scenario's capture, whose
# recording syshark has no events but a row from the state. Each view is
# read once its status line says it summed every event.
. "$(dirname "$0")/lib.sh"
mkproctree=$3

# print mode's rows as the interface writes them: PID CPU Threads VIRT RES Syscalls
human() {
	awk -F'\t' 'function h(v,  u, i) { split("B K M G T", u, " ")
			if (v < 1024) return v "B"
			for (i = 1; v >= 1024 && i < 5; i++) v /= 1024
			return sprintf("%.1f%s", v, u[i]) }
		{ print $1, $5, $6, h($7), h($8), $9 }'
}

for f in "$tmp/tree.scap" "$tmp/procs.scap"; do
	case $f in
	*tree.scap) "$mkproctree" "$f" || bad "mkproctree cannot write $f" ;;
	*) zcat "$corpus/procs.scap.gz" >"$f" ;;
	esac
	"$bin" -r "$f" --top=procs -T fields | awk -F'\t' 'NF >= 14' | human | sort >"$tmp/want"
	n=$(wc -l <"$tmp/want")
	# the view is read once it has summed every event of the capture
	e=$("$bin" -r "$f" --stats | sed -n 's/^events: //p')
	start 200 40 "$bin" -r "$f" --top
	wait_for '^ Processes  \(totals over the capture\)' "--top does not open the processes view"
	wait_for "\\| rows $n \\| events $e \\| totals *\$" \
		"the view has not summed the $e events into print mode's $n rows"
	# (a process without a user name has an empty User column)
	screen | awk '$1 ~ /^[0-9]+$/ { c = $4 ~ /^[0-9]+$/ ? 4 : 5
		print $1, $c, $(c + 1), $(c + 2), $(c + 3), $(c + 4) }' | sort >"$tmp/got"
	if cmp -s "$tmp/want" "$tmp/got"; then ok; else
		bad "$(basename "$f"): the processes view's numbers differ from print mode's:"
		diff "$tmp/want" "$tmp/got" | head -8
	fi
	# the page faults view, next in the picker
	"$bin" -r "$f" --top=pagefaults -T fields | awk -F'\t' '{ print $1, $2, $3, $4 }' |
		sort >"$tmp/want"
	keys v g Down Enter
	wait_for '^ Page faults  \(totals over the capture\)' "the picker does not open the page faults"
	wait_for "\\| rows $n \\| events $e \\| totals *\$" \
		"the page faults view has not summed the $e events into the processes' $n rows"
	screen | awk '$1 ~ /^[0-9]+$/ { print $1, $2, $3, $4 }' | sort >"$tmp/got"
	if cmp -s "$tmp/want" "$tmp/got"; then ok; else
		bad "$(basename "$f"): the page faults differ from print mode's:"
		diff "$tmp/want" "$tmp/got" | head -8
	fi
done
finish

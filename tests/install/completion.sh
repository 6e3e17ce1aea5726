#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Shell completion, against the syshark just built: BIN SOURCE_DIR.
#
# bash: the real _syshark function, called as bash calls it (COMP_WORDS,
# COMP_CWORD, COMP_LINE, COMP_POINT, and readline's text as $2), for the
# options, fields after -e and inside -Y, event types after evt.type =, !=
# and in (, views after --top=, files after -r and -w; the option lists in
# the script equal --help's. Then a few of the same through readline
# itself: an interactive bash in tmux, Tab typed.
# zsh: the real completion system (compinit) in an interactive zsh on a
# pseudo-terminal (zpty, zcomp.zsh), Tab typed, for the same cases.
. "$(dirname "$0")/../checks.sh"
bin=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
cbash=$src/completion/syshark.bash
czsh=$src/completion/_syshark
sock=
trap '[ -z "$sock" ] || tmux -L "$sock" kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

# What --help lists, one option a line: "-r arg", "--read arg", "--window eq"
# (written --window=FROM-TO), "--top opt" (--top[=VIEW]), "--tree flag".
"$bin" --help >"$tmp/help" || bad "--help fails"
: >"$tmp/help_opts"
while IFS= read -r l; do
	if [[ $l =~ ^\ \ (-[A-Za-z]),\ (--[a-z][a-z-]*)(.*) ]] || [[ $l =~ ^\ \ \ \ \ \ ()(--[a-z][a-z-]*)(.*) ]]; then
		case ${BASH_REMATCH[3]} in
		' '[A-Z]*) kind=arg ;;
		=*) kind=eq ;;
		'[='*) kind=opt ;;
		*) kind=flag ;;
		esac
		for o in ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}; do
			echo "$o $kind" >>"$tmp/help_opts"
		done
	fi
done <"$tmp/help"
[ "$(wc -l <"$tmp/help_opts")" -ge 40 ] && ok || bad "too few options parsed from --help: $(cat "$tmp/help_opts")"
grep -qx -- '--version flag' "$tmp/help_opts" && grep -qx -- '-V flag' "$tmp/help_opts" && ok ||
	bad "--help does not list -V, --version"

### bash ###################################################################
if ! bash -n "$cbash"; then
	bad "bash -n $cbash"
	finish
	exit
fi
ok
# shellcheck source=../../completion/syshark.bash
. "$cbash"
complete -p syshark 2>/dev/null | grep -q -- '-F _syshark syshark$' && ok || bad "complete -F _syshark syshark is not set"

# The script's option lists are --help's: the same options, and those that
# take an argument (arg, eq) are the ones it lists as taking one.
awk '{ print $1 }' "$tmp/help_opts" | sort -u >"$tmp/want"
printf '%s\n' "${_syshark_opts_arg[@]}" "${_syshark_opts_flag[@]}" | sort -u >"$tmp/have"
diff "$tmp/want" "$tmp/have" >"$tmp/d" && ok || bad "bash option list differs from --help (< help, > script): $(cat "$tmp/d")"
awk '$2 == "arg" || $2 == "eq" { print $1 }' "$tmp/help_opts" | sort -u >"$tmp/want"
printf '%s\n' "${_syshark_opts_arg[@]}" | sort -u >"$tmp/have"
diff "$tmp/want" "$tmp/have" >"$tmp/d" && ok || bad "bash: options taking an argument differ from --help: $(cat "$tmp/d")"
awk '$2 == "eq" || $2 == "opt" { print $1 "=" }' "$tmp/help_opts" | sort -u >"$tmp/want"
printf '%s\n' "${_syshark_opts_eq[@]}" | sort -u >"$tmp/have"
diff "$tmp/want" "$tmp/have" >"$tmp/d" && ok || bad "bash: --opt= forms differ from --help: $(cat "$tmp/d")"

# comp LINE: completes LINE, the cursor at its end, as bash does. COMP_WORDS
# as bash splits the line (at blanks, quoted parts kept whole, each run of
# COMP_WORDBREAKS characters a word of its own: --top=pro is "--top" "="
# "pro"), $2 readline's text (after an open quote, else after the last
# blank or word break), $3 the word before. Replies in COMPREPLY.
comp() {
	local line=$1 breaks=$'"\'><=;|&(:' i c q="" w="" brk=0 quote_at=0 text_at=0 text
	COMP_WORDS=()
	for ((i = 0; i < ${#line}; i++)); do
		c=${line:i:1}
		if [[ -n $q ]]; then
			w+=$c
			[[ $c == "$q" ]] && q=""
			continue
		fi
		if [[ $c == [[:blank:]] ]]; then
			[[ -n $w ]] && COMP_WORDS+=("$w")
			w="" brk=0 text_at=$((i + 1))
		elif [[ $c == [\"\'] ]]; then
			((brk)) && COMP_WORDS+=("$w") && w=""
			q=$c w+=$c brk=0 quote_at=$((i + 1))
		elif [[ $c == \\ ]]; then
			((brk)) && COMP_WORDS+=("$w") && w=""
			w+=$c${line:i+1:1} brk=0
			i=$((i + 1))
		elif [[ $breaks == *"$c"* ]]; then
			((brk == 0)) && [[ -n $w ]] && COMP_WORDS+=("$w") && w=""
			w+=$c brk=1 text_at=$((i + 1))
		else
			((brk)) && COMP_WORDS+=("$w") && w=""
			w+=$c brk=0
		fi
	done
	COMP_WORDS+=("$w")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	if [[ -n $q ]]; then
		text=${line:quote_at}
	else
		text=${line:text_at}
	fi
	COMP_LINE=$line
	COMP_POINT=${#line}
	COMPREPLY=()
	_syshark "${COMP_WORDS[0]}" "$text" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" >"$tmp/reply"
}

# has LINE WORD...: completing LINE offers each WORD.
has() {
	local line=$1 w
	shift
	comp "$line"
	for w in "$@"; do
		grep -qxF -- "$w" "$tmp/reply" && ok || bad "bash: [$line] does not offer [$w]; offers: $(head -c 300 "$tmp/reply" | tr '\n' ' ')"
	done
}
# only LINE WORD...: completing LINE offers exactly the WORDs.
only() {
	local line=$1
	shift
	comp "$line"
	if [ $# -eq 0 ]; then
		[ -z "${COMPREPLY[*]}" ] && ok || bad "bash: [$line] offers $(head -c 300 "$tmp/reply" | tr '\n' ' '), wants nothing"
		return
	fi
	printf '%s\n' "$@" | sort >"$tmp/want"
	sort "$tmp/reply" >"$tmp/have"
	cmp -s "$tmp/want" "$tmp/have" && ok || bad "bash: [$line] offers $(tr '\n' ' ' <"$tmp/have"), wants $*"
}
# lacks LINE WORD...: completing LINE does not offer WORD.
lacks() {
	local line=$1 w
	shift
	comp "$line"
	for w in "$@"; do
		grep -qxF -- "$w" "$tmp/reply" && bad "bash: [$line] offers [$w]" || ok
	done
}

# The lists syshark itself gives.
"$bin" -l | awk '{ print $1 }' >"$tmp/fields"
"$bin" -L | sed -n 's/^[<>] \([A-Za-z0-9_]*\)(.*/\1/p' | sort -u >"$tmp/events"
"$bin" --top=list | awk '{ print $1 }' >"$tmp/views"
grep -qx 'evt.arg.NAME' "$tmp/fields" && grep -qx 'proc.aname\[N\]' "$tmp/fields" && ok ||
	bad "syshark -l lacks evt.arg.NAME or proc.aname[N]"
[ "$(wc -l <"$tmp/events")" -gt 100 ] && [ "$(wc -l <"$tmp/views")" -ge 5 ] && ok || bad "-L or --top=list gives too little"

# The command word is the syshark being completed: PATH has a different one.
mkdir -p "$tmp/path" "$tmp/work/sub"
printf '#!/bin/sh\necho "other.field  from the wrong syshark"\n' >"$tmp/path/syshark"
chmod +x "$tmp/path/syshark"
export PATH=$tmp/path:$PATH
cd "$tmp/work" || exit 1
touch a.scap b.scap.gz c.txt sub/d.scap
b=$bin

# options
has "$b --re" --read
only "$b --rea" --read
only "$b --to" --top --top=
only "$b --wi" --window=
only "$b --io" --io-stat=
has "$b -" -r -e -Y -w -V --version --filter --top= --io-stat=
comp "$b --"
sort "$tmp/reply" >"$tmp/have"
{ awk '$1 ~ /^--/ && $2 != "eq" { print $1 }' "$tmp/help_opts"; printf '%s\n' "${_syshark_opts_eq[@]}"; } | sort -u >"$tmp/want"
cmp -s "$tmp/want" "$tmp/have" && ok || bad "bash: [--] offers $(tr '\n' ' ' <"$tmp/have")"
only "$b -T " text json fields
only "$b --format j" json

# fields after -e / --field: every name -l lists; evt.arg.NAME as evt.arg.
comp "$b -e "
sed -E 's/NAME$//; s/\[(N|KEY)\]$//' "$tmp/fields" | sort >"$tmp/want"
sort "$tmp/reply" >"$tmp/have"
cmp -s "$tmp/want" "$tmp/have" && ok || bad "bash: -e offers other than -l's fields: $(diff "$tmp/want" "$tmp/have" | head -5 | tr '\n' ' ')"
only "$b -e proc.na" proc.name
only "$b --field evt.cat" evt.category
only "$b -r a.scap -T fields -e evt.num -e proc.ana" proc.aname
has "$b -e evt.ar" evt.arg. evt.args
has "$b -e evt.arg." evt.arg.fd evt.arg.name evt.arg.res
only "$b -e evt.rawarg.nat" evt.rawarg.nativeID

# fields inside -Y / --filter: the name under the cursor, the rest kept
only "$b -Y 'proc.na" proc.name
only "$b -Y \"proc.na" proc.name
only "$b --filter 'proc.name = cat and evt.cat" "proc.name = cat and evt.category"
only "$b -Y 'not fd.typ" "not fd.type" "not fd.typechar" "not fd.types"
only "$b -Y '(proc.name=cat or fd.filena" "(proc.name=cat or fd.filename"
only "$b -Y 'evt.arg.fd = 3 and evt.arg.na" "evt.arg.fd = 3 and evt.arg.name" "evt.arg.fd = 3 and evt.arg.nativeID"
only "$b --series 'fd.spo" fd.sport
only "$b --filter=proc.na" proc.name
only "$b --filter=proc.name=cat and evt.type=execv" execve execveat
comp "$b -Y '"
sed -E 's/NAME$//; s/\[(N|KEY)\]$//' "$tmp/fields" | sort >"$tmp/want"
sort "$tmp/reply" >"$tmp/have"
cmp -s "$tmp/want" "$tmp/have" && ok || bad "bash: -Y ' offers other than -l's fields"
only "$b -Y 'proc.name = "
only "$b -Y 'proc.name contains ca"
# sysdig style: the words after the options are the filter
only "$b -r a.scap proc.na" proc.name
only "$b -r a.scap proc.name=cat and fd.directo" fd.directory

# event types after evt.type =, ==, !=, in (...)
comp "$b -Y 'evt.type="
sort "$tmp/reply" | sed 's/^evt\.type=//' >"$tmp/have"
cmp -s "$tmp/events" "$tmp/have" && ok || bad "bash: evt.type= offers other than -L's event types, once each"
only "$b -Y 'evt.type=ope" evt.type=open evt.type=openat evt.type=openat2 evt.type=open_by_handle_at
only "$b -Y 'evt.type = clo" "evt.type = clone" "evt.type = clone3" "evt.type = close" "evt.type = close_range"
only "$b -Y 'proc.name = cat and evt.type != execv" "proc.name = cat and evt.type != execve" "proc.name = cat and evt.type != execveat"
only "$b -Y 'evt.type in (open, clo" "evt.type in (open, clone" "evt.type in (open, clone3" "evt.type in (open, close" "evt.type in (open, close_range"
only "$b -Y 'evt.type in (conn" "evt.type in (connect"
only "$b -r a.scap evt.type=conn" connect
only "$b -r a.scap evt.type = conn" connect
lacks "$b -Y 'evt.type=ope" evt.type=open.
lacks "$b -Y 'evt.type=" evt.type=proc.name

# views after --top=
comp "$b --top="
sort "$tmp/reply" >"$tmp/have"
sort "$tmp/views" >"$tmp/want"
cmp -s "$tmp/want" "$tmp/have" && ok || bad "bash: --top= offers $(tr '\n' ' ' <"$tmp/have"), --top=list has $(tr '\n' ' ' <"$tmp/want")"
only "$b --top=sys" syscalls
only "$b -r a.scap --top=proc" procprotos procs

# files: -r prefers captures (and directories), -w takes any file
only "$b -r " a.scap b.scap.gz sub
only "$b --read s" sub
only "$b -r sub/" sub/d.scap
only "$b -r c" c.txt
only "$b -w " a.scap b.scap.gz c.txt sub
only "$b -r a.scap -w c" c.txt

# after --: a command
has "$b -w x.scap -- ech" echo
comp "$b -- sh -c "
grep -qx c.txt "$tmp/reply" && ok || bad "bash: the command's arguments are not files"

# The syshark being completed: the command word; when that is not a
# program, syshark on PATH (here the fake one).
only "syshark -e other" other.field
only "./no-such/syshark -e other" other.field
only "$b -e other"
mkdir "$tmp/bin2" && ln -s "$bin" "$tmp/bin2/ss"
only "$tmp/bin2/ss -e proc.na" proc.name

### bash through readline (tmux) ############################################
if command -v tmux >/dev/null 2>&1; then
	sock=syshark-comp-$$
	printf 'PS1="$ "\n. %q\n' "$cbash" >"$tmp/rc"
	tmux -L "$sock" -f /dev/null new-session -d -x 200 -y 30 -c "$tmp/work" \
		"env -i TERM=xterm PATH=$(printf %q "$PATH") HOME=$tmp bash --norc --noprofile --rcfile /dev/null -i"
	tmux -L "$sock" send-keys ". $tmp/rc" Enter
	# rl LINE WANT: typed LINE, Tab and %; the prompt line becomes WANT%
	# (the % shows whether Tab added a space).
	rl() {
		local i s
		tmux -L "$sock" send-keys C-u C-l
		tmux -L "$sock" send-keys -l "$1"
		tmux -L "$sock" send-keys Tab %
		for i in $(seq 100); do
			s=$(tmux -L "$sock" capture-pane -p | grep '^\$ ' | tail -n 1)
			[ "$s" = "\$ $2%" ] && break
			sleep 0.05
		done
		[ "$s" = "\$ $2%" ] && ok || bad "bash (readline): [$1] Tab gives [${s#\$ }], wants [$2%]"
	}
	# a unique match in an open quote: readline closes the quote
	rl "$b -Y 'proc.name = cat and evt.cat" "$b -Y 'proc.name = cat and evt.category'"
	rl "$b -Y 'evt.type=execv" "$b -Y 'evt.type=execve"
	rl "$b -r a.scap evt.type=conn" "$b -r a.scap evt.type=connect"
	rl "$b --top=sysc" "$b --top=syscalls "
	rl "$b -e proc.pn" "$b -e proc.pname "
	rl "$b -r su" "$b -r sub/"
	rl "$b --io-st" "$b --io-stat="
	rl "$b --filter=proc.na" "$b --filter=proc.name"
	tmux -L "$sock" kill-server
	sock=
else
	echo "SKIP: tmux is not installed; bash completion not tried through readline"
fi

### zsh ####################################################################
if ! command -v zsh >/dev/null 2>&1; then
	echo "SKIP: zsh is not installed (apt-get install zsh); zsh completion not tested"
	finish
	exit
fi
zsh -n "$czsh" && ok || bad "zsh -n $czsh"
head -n 1 "$czsh" | grep -qx '#compdef syshark' && ok || bad "_syshark does not start with #compdef syshark"
if ! zsh -f -c 'zmodload zsh/zpty' 2>/dev/null; then
	echo "SKIP: zsh has no zpty module; zsh completion not driven"
	finish
	exit
fi

# Each case typed with Tab in a real zsh; zcomp.zsh prints "case:", the
# line after Tab, and what Ctrl-D lists.
zcases=(
	"$b --rea"
	"$b --wi"
	"$b --to"
	"$b --"
	"$b -T "
	"$b -e proc.na"
	"$b -e evt.arg.nat"
	"$b -e "
	"$b -Y 'proc.na"
	"$b -Y 'proc.name = cat and evt.ty"
	"$b -Y 'evt.type=execv"
	"$b -Y 'evt.type = clo"
	"$b -Y \"evt.type in (open, clo"
	"$b -Y 'proc.name = "
	"$b --filter=proc.na"
	"$b --filter='evt.type=execv"
	"$b -r a.scap proc.na"
	"$b -r a.scap evt.type = conn"
	"$b --top="
	"$b --top=sysc"
	"$b -r "
	"$b -w "
	"$b -- ech"
	"syshark -e other"
)
timeout 120 zsh -f "$here/zcomp.zsh" "$src/completion" "$tmp/work" "${zcases[@]}" >"$tmp/zsh.out" 2>&1
rc=$?
[ $rc -eq 0 ] && ok || bad "zcomp.zsh failed ($rc): $(tail -n 5 "$tmp/zsh.out")"
# zline CASE WANT: after Tab the line is WANT.
zline() {
	local got
	got=$(awk -v c="case: $1" '$0 == c { f = 1; next } f && /^line: / { print substr($0, 7); exit }' "$tmp/zsh.out")
	[ "$got" = "{$2}{}" ] && ok || bad "zsh: [$1] Tab gives $got, wants {$2}{}"
}
# zlist CASE WORD...: Ctrl-D lists exactly the WORDs ("-" for nothing).
zlist() {
	local c=$1
	shift
	awk -v c="case: $c" '$0 ~ /^case: / { f = ($0 == c); next } f && /^list: / { print substr($0, 7) }' "$tmp/zsh.out" |
		sort -u >"$tmp/zhave"
	if [ "$1" = - ]; then
		: >"$tmp/zwant"
	else
		printf '%s\n' "$@" | sort -u >"$tmp/zwant"
	fi
	cmp -s "$tmp/zwant" "$tmp/zhave" && ok || bad "zsh: [$c] lists $(tr '\n' ' ' <"$tmp/zhave"), wants $*"
}
zline "$b --rea" "$b --read="
zline "$b --wi" "$b --window="
zline "$b --to" "$b --top="
mapfile -t allo < <(awk '$1 ~ /^--/ { print $1 }' "$tmp/help_opts")
zlist "$b --" "${allo[@]}"
zlist "$b -T " fields json text
zline "$b -e proc.na" "$b -e proc.name "
zline "$b -e evt.arg.nat" "$b -e evt.arg.nativeID "
sed -E 's/NAME$//; s/\[(N|KEY)\]$//' "$tmp/fields" >"$tmp/f2"
mapfile -t allf <"$tmp/f2"
zlist "$b -e " "${allf[@]}"
zline "$b -Y 'proc.na" "$b -Y 'proc.name"
zline "$b -Y 'proc.name = cat and evt.ty" "$b -Y 'proc.name = cat and evt.type"
zline "$b -Y 'evt.type=execv" "$b -Y 'evt.type=execve"
zlist "$b -Y 'evt.type=execv" execve execveat
zlist "$b -Y 'evt.type = clo" clone clone3 close close_range
zlist "$b -Y \"evt.type in (open, clo" clone clone3 close close_range
zlist "$b -Y 'proc.name = " -
zline "$b --filter=proc.na" "$b --filter=proc.name"
zlist "$b --filter='evt.type=execv" execve execveat
zline "$b -r a.scap proc.na" "$b -r a.scap proc.name"
zline "$b -r a.scap evt.type = conn" "$b -r a.scap evt.type = connect"
mapfile -t allv <"$tmp/views"
zlist "$b --top=" "${allv[@]}"
zline "$b --top=sysc" "$b --top=syscalls "
zlist "$b -r " a.scap b.scap.gz sub
zlist "$b -w " a.scap b.scap.gz c.txt sub
zline "$b -- ech" "$b -- echo"
zline "syshark -e other" "syshark -e other.field "

# The options in _syshark are --help's, and take an argument as they do:
# -r+ and --read= (arg, eq), --top=- (opt).
{
	grep -oE "\{-[A-Za-z]\+?,--[a-z][a-z-]*=?\}" "$czsh" | tr -d '{}' | tr ',' '\n'
	grep -oE "'(\([^)]*\))?\*?--[a-z][a-z-]*(=-?)?\[" "$czsh" | sed -E "s/^'(\([^)]*\))?\*?//; s/\[$//"
} | sed -E 's/\+$/ arg/; t; s/=-$/ opt/; t; s/=$/ arg/; t; s/$/ flag/' | sort -u >"$tmp/have"
sed 's/ eq$/ arg/' "$tmp/help_opts" | sort -u >"$tmp/want"
diff "$tmp/want" "$tmp/have" >"$tmp/d" && ok || bad "zsh option specs differ from --help (< help, > _syshark): $(cat "$tmp/d")"
finish

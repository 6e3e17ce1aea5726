# SPDX-License-Identifier: GPL-2.0-only
# bash completion for syshark.
#
# Completes the options; field names after -e and in filters (-Y, --series
# and the filter words after the options), where the word under the cursor
# is the last name in the expression: -Y 'proc.name = cat and evt.ty<Tab>;
# event types after evt.type =, != and in (; parameter names after
# evt.arg.; views after --top=; captures after -r, files after -w and
# --rules; a command after --.
#
# Field, event type and view names come from the syshark being completed
# (-l, -L, --top=list), so they are those of that build. The option lists
# below are kept equal to --help's by tests/install/completion.sh.
# Needs nothing from the bash-completion package.

# Options that take an argument, as a separate word or after =.
_syshark_opts_arg=(-r --read -s --snaplen --snaplen-proto -B --buffer-size --duration --max-size
	-c --capture-count -T --format -e --field -n --count -Y --filter -w --write -d --interval
	--window --follow --io-stat --series --event --rules)
_syshark_opts_flag=(-p --print -A --all --calls --stats --top --tree --no-mouse --spectro --index
	--no-cache -L --list-events -l --list-fields --list-rules --no-rules -h --help -V --version)
# Long options offered with their = (their argument follows it).
_syshark_opts_eq=(--top= --window= --follow= --io-stat= --spectro=)

# The syshark being completed: the command word if it runs, else syshark on PATH.
_syshark_bin()
{
	local b=${COMP_WORDS[0]}

	b=${b/#\~/$HOME}
	if [[ $b == */* && -x $b && ! -d $b ]]; then
		printf '%s\n' "$b"
	elif type -P -- "$b" >/dev/null 2>&1; then
		type -P -- "$b"
	else
		printf 'syshark\n'
	fi
}

# Field names: "evt.arg.NAME" is offered as "evt.arg." and "proc.aname[N]"
# as "proc.aname".
_syshark_fields()
{
	"$(_syshark_bin)" -l 2>/dev/null |
		awk '{ f = $1; sub(/NAME$/, "", f); sub(/\[(N|KEY)\]$/, "", f); print f }'
}

# Event type names, each once.
_syshark_events()
{
	"$(_syshark_bin)" -L 2>/dev/null | sed -n 's/^[<>] \([A-Za-z0-9_]*\)(.*/\1/p' | sort -u
}

# Parameter names of all event types, for evt.arg.NAME.
_syshark_params()
{
	"$(_syshark_bin)" -L 2>/dev/null |
		sed -n 's/^[^(]*(\(.*\))$/\1/p' | tr ',' '\n' | awk 'NF == 2 { print $2 }' | sort -u
}

_syshark_views()
{
	"$(_syshark_bin)" --top=list 2>/dev/null | awk '{ print $1 }'
}

# Adds to COMPREPLY the words of list (one a line) that start with $2, each
# preceded by $3.
_syshark_add()
{
	local list=$1 want=$2 pre=$3 w

	while IFS= read -r w; do
		[[ -n $w && $w == "$want"* ]] && COMPREPLY+=("$pre$w")
	done <<<"$list"
}

# A filter expression. cur is the text readline replaces (after an opening
# quote, or after a word break such as =); before is the expression up to
# it (only its end matters); replies start with $3. The name being typed
# is the run of name characters at the end of cur; the replies keep what
# precedes it in cur.
_syshark_filter()
{
	local cur=$1 before=$2 pre=${3-} name head ctx
	local re_type='evt\.type[[:space:]]*(=|==|!=)[[:space:]]*$'
	local re_list='evt\.type[[:space:]]+in[[:space:]]*[(]([^()]*,)?[[:space:]]*$'
	local re_value='([=<>]|[[:space:]](contains|icontains|bcontains|startswith|endswith|glob|pmatch|in|intersects))[[:space:]]*[(]?[[:space:]]*$'

	name=${cur##*[!A-Za-z0-9_.]}
	head=${cur:0:${#cur}-${#name}}
	ctx=$before$head
	compopt -o nospace 2>/dev/null
	if [[ $ctx =~ $re_type || $ctx =~ $re_list ]]; then
		_syshark_add "$(_syshark_events)" "$name" "$pre$head"
	elif [[ $ctx =~ $re_value ]]; then
		# a value, other than an event type: nothing to offer
		:
	elif [[ $name == evt.arg.* || $name == evt.rawarg.* ]]; then
		_syshark_add "$(_syshark_params)" "${name#*arg.}" "$pre$head${name%%arg.*}arg."
	else
		_syshark_add "$(_syshark_fields)" "$name" "$pre$head"
	fi
}

# Files for -r ($2 = 1: captures and directories, or any file when none
# is there) and -w (any file); replies start with $3. Readline's text may
# hold backslash escapes.
_syshark_files()
{
	local cur=${1//\\/} pre=${3-} f
	local -a all=()

	compopt -o filenames 2>/dev/null
	mapfile -t all < <(compgen -f -- "$cur")
	if [[ $2 == 1 ]]; then
		for f in "${all[@]}"; do
			[[ -d ${f/#\~/$HOME} || $f == *.scap || $f == *.scap.gz ]] && COMPREPLY+=("$pre$f")
		done
	fi
	if [[ ${#COMPREPLY[@]} -eq 0 ]]; then
		for f in "${all[@]}"; do
			COMPREPLY+=("$pre$f")
		done
	fi
}

# Completes syshark's word: $2 is readline's text (what a reply replaces).
_syshark()
{
	local cur=$2 line before rest lead w wbefore pre="" opt="" i o pos=0
	local -a words=()

	COMPREPLY=()
	line=${COMP_LINE:0:COMP_POINT}
	before=${line:0:${#line}-${#cur}}

	# The shell words up to the cursor: bash splits "--top=pro" and
	# "evt.type=op" at the =; glue what touches back together.
	for ((i = 0; i <= COMP_CWORD && i < ${#COMP_WORDS[@]}; i++)); do
		rest=${line:pos}
		lead=${rest%%[![:space:]]*}
		w=${COMP_WORDS[i]}
		((i == COMP_CWORD)) && w=${rest:${#lead}}
		if ((i > 0)) && [[ -z $lead ]]; then
			words[${#words[@]} - 1]+=$w
		else
			words+=("$w")
		fi
		pos=$((pos + ${#lead} + ${#w}))
	done
	# the word under the cursor, and its part before readline's text
	w=${words[${#words[@]} - 1]}
	wbefore=${w:0:${#w}-${#cur}}

	# after --: the command to capture, then its arguments
	for ((i = 1; i < ${#words[@]} - 1; i++)); do
		[[ ${words[i]} == -- ]] || continue
		if ((i == ${#words[@]} - 2)); then
			mapfile -t COMPREPLY < <(compgen -c -- "$cur" | sort -u)
		else
			_syshark_files "$cur" 0
		fi
		return 0
	done

	# the option whose argument the word is: the word before, or --opt=
	if ((${#words[@]} > 2)); then
		o=${words[${#words[@]} - 2]}
		for i in "${_syshark_opts_arg[@]}"; do
			[[ $o == "$i" ]] && opt=$o
		done
	fi
	if [[ -z $opt && $w == --*=* ]]; then
		opt=${w%%=*}=
		if [[ $cur == "$opt"* ]]; then
			# = is not a word break here: readline's text has --opt=
			pre=$opt
			cur=${cur#"$opt"}
		fi
		wbefore=${wbefore#"$opt"}
	fi

	case $opt in
	-r | --read | --read=) _syshark_files "$cur" 1 "$pre" ;;
	-w | --write | --write= | --rules | --rules=) _syshark_files "$cur" 0 "$pre" ;;
	-e | --field | --field=)
		_syshark_filter "$cur" " " "$pre"
		# a whole field name (not evt.arg.) is followed by a space
		[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} != *. ]] && compopt +o nospace 2>/dev/null
		;;
	-Y | --filter | --filter= | --series | --series=) _syshark_filter "$cur" " $wbefore" "$pre" ;;
	-T | --format | --format=) _syshark_add $'text\njson\nfields' "$cur" "$pre" ;;
	--top=) _syshark_add "$(_syshark_views)" "$cur" "$pre" ;;
	-?*) ;; # a number, a time, an interval: nothing to offer
	*)
		if [[ $w == -* ]]; then
			local -a opts=("${_syshark_opts_flag[@]}" "${_syshark_opts_eq[@]}")
			for o in "${_syshark_opts_arg[@]}"; do
				# --window=, not --window: what --help shows
				[[ " ${_syshark_opts_eq[*]} " == *" $o= "* ]] || opts+=("$o")
			done
			for o in "${opts[@]}"; do
				[[ $o == "$cur"* ]] && COMPREPLY+=("$o")
			done
			[[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		else
			# sysdig style: the words after the options are the filter
			_syshark_filter "$cur" "$before"
		fi
		;;
	esac
	return 0
}
complete -F _syshark syshark

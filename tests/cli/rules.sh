#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Falco rules files (--rules) over the recorded shell capture: lists
# (nested, quoted items), macros, exceptions in both forms, and a second
# file's appends and overrides. Each rule's alerts are checked against the
# events the fields of the capture say it must raise; the JSON alerts
# against Falco's keys and types; each class of error in a rules file
# against its one-line message and exit status 2.
# shellcheck source=check.sh
. "$(dirname "$0")/check.sh"
# absolute: some checks run in the scratch directory
bin=$(realpath "$bin")
rules=$(realpath "$(dirname "$0")/../rules")
cap=$(realpath "$corpus/shell.scap.gz")
export TZ=UTC

# the expected alert lines of the tool runs, from the fields of every exec:
# NAMES (a regex) run, less those whose command line matches SKIP
tool_runs() {
	"$bin" -r "$cap" -Y 'evt.type in (execve, execveat) and evt.dir = <' -T fields \
		-e evt.time -e proc.name -e proc.cmdline -e proc.pname -e proc.pid |
		awk -F'\t' -v names="$1" -v skip="$2" '
			$2 ~ "^(" names ")$" && !(skip != "" && $3 ~ skip) {
				printf "%s: Notice Corpus tool run (proc=%s cmd=%s parent=%s pid=%s)\n",
					$1, $2, $3, $4, $5
			}'
}
# the alert lines of the corpus files opened, less the shell's opens of .txt files
file_opens() {
	"$bin" -r "$cap" -Y 'evt.type in (open, openat) and evt.dir = <' -T fields \
		-e evt.time -e proc.name -e fd.name -e evt.arg.flags |
		awk -F'\t' '$3 ~ "^/tmp/syshark-corpus/" && !($2 == "sh" && $3 ~ /\.txt$/) {
			printf "%s: Warning %s opened %s (%s)\n", $1, $2, $3, $4 }'
}
# removals PRIO NAMES: the alerts of the quoted list's rule
removals() {
	"$bin" -r "$cap" -Y 'evt.type in (execve, execveat) and evt.dir = <' -T fields \
		-e evt.time -e proc.name |
		awk -F'\t' -v p="$1" -v names="$2" '$2 ~ "^(" names ")$" {
			printf "%s: %s Removal by %s\n", $1, p, $2 }'
}
# base.yaml alone: tr is an exception; sh's .txt files too
want=$( { tool_runs 'cat|tr|ls|dir|wc' '' | grep -v 'proc=tr '; file_opens
	removals Informational rm; } | sort)
got=$("$bin" -r "$cap" --rules "$rules/base.yaml" 2>"$tmp/err")
expect "base.yaml" "$want" "$got"
[ ! -s "$tmp/err" ] || bad "base.yaml: messages: $(cat "$tmp/err")"
[ "$(wc -l <<<"$got")" -ge 6 ] && ok || bad "base.yaml raises only $(wc -l <<<"$got") alerts"

# override.yaml after it: appended condition and exception values, a
# replaced priority, an appended list, a rule disabled
want=$( { tool_runs 'cat|ls|dir' 'missing'; removals Critical 'rm|sh'; } | sort)
got=$("$bin" -r "$cap" --rules "$rules/base.yaml" --rules "$rules/override.yaml" 2>"$tmp/err")
expect "base.yaml then override.yaml" "$want" "$got"
[ ! -s "$tmp/err" ] || bad "override.yaml: messages: $(cat "$tmp/err")"
# a directory's files, in name order: the same
mkdir "$tmp/dir"
cp "$rules/base.yaml" "$tmp/dir/10-base.yaml"
cp "$rules/override.yaml" "$tmp/dir/20-override.yml"
echo "not rules" >"$tmp/dir/README"
expect "a directory" "$got" "$("$bin" -r "$cap" --rules "$tmp/dir" 2>&1)"
# -n counts alerts; -Y narrows the events rules see
expect "-n 2" "$(head -2 <<<"$got")" \
	"$("$bin" -r "$cap" --rules "$rules/base.yaml" --rules "$rules/override.yaml" -n 2)"
expect "-Y" "$(grep 'proc=ls' <<<"$got")" \
	"$("$bin" -r "$cap" --rules "$rules/base.yaml" --rules "$rules/override.yaml" \
		-Y 'proc.name = ls')"

# --list-rules: priority, state and name, in the order rules are evaluated
want=$(printf '%s\n' 'Notice         enabled  Corpus tool run' \
	'Critical       enabled  Quoted list items' \
	'Warning        disabled Corpus file opened' \
	'Debug          disabled Never enabled')
expect "--list-rules" "$want" \
	"$("$bin" --rules "$rules/base.yaml" --rules "$rules/override.yaml" --list-rules)"

# JSON: Falco's keys in its order, typed output fields, UTC time
FALCO_HOSTNAME=probe-host "$bin" -r "$cap" --rules "$rules/base.yaml" -T json >"$tmp/json"
if jq -e -s 'length == 7 and all(.[];
		(keys_unsorted == ["hostname", "output", "output_fields", "priority", "rule",
			"source", "tags", "time"]) and .hostname == "probe-host" and
		.source == "syscall" and (.time | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\\.[0-9]{9}Z$")) and
		(.output_fields["evt.time"] | type) == "number")' "$tmp/json" >/dev/null; then
	ok
else
	bad "JSON alerts: $(head -2 "$tmp/json")"
fi
if jq -e -s '[.[] | select(.rule == "Corpus tool run")] | length == 4 and all(.[];
		.priority == "Notice" and .tags == ["corpus", "process"] and
		(.output_fields | keys) == ["evt.time", "proc.cmdline", "proc.name", "proc.pid",
			"proc.pname"] and (.output_fields["proc.pid"] | type) == "number" and
		.time[11:29] as $t | (.output | startswith("\($t): Notice Corpus tool run (proc=")))' \
	"$tmp/json" >/dev/null; then
	ok
else
	bad "JSON alerts of 'Corpus tool run': $(grep -m1 'Corpus tool' "$tmp/json")"
fi
# a missing value is null in output_fields and <NA> in the text
printf -- '- rule: r\n  desc: d\n  condition: evt.type = execve and evt.dir = <\n  output: s=%%fd.name\n  priority: notice\n' >"$tmp/na.yaml"
if "$bin" -r "$cap" --rules "$tmp/na.yaml" -T json -n 1 |
	jq -e '.output_fields["fd.name"] == null and (.output | endswith("Notice s=<NA>"))' >/dev/null; then
	ok
else
	bad "a missing value in an alert"
fi

# rules_err NAME WANT TEXT: a rules file NAME.yaml holding TEXT fails to load
# with the one line WANT (after "syshark: NAME.yaml:"), exit 2, no output
rules_err() {
	printf -- '%s\n' "$3" >"$tmp/$1.yaml"
	cd "$tmp" || return
	err "syshark: $1.yaml:$2" -r "$cap" --rules "$1.yaml"
	cd - >/dev/null || return
}
rule_head='- rule: x
  desc: d
  priority: WARNING'
rules_err yaml "3:1: error: rules content: LOAD_ERR_YAML_PARSE (YAML parse error): did not find expected ',' or ']' while parsing a flow sequence" \
	'- rule: x
  desc: [unclosed'
rules_err field "1:3: error: rule 'x': LOAD_ERR_COMPILE_CONDITION (Error compiling condition): condition column 21: unknown field 'proc.nosuch'" \
	"$rule_head
  condition: evt.type = open and proc.nosuch = x
  output: o"
rules_err macro "1:3: error: rule 'x': LOAD_ERR_VALIDATE (Error validating rule/macro/list/exception objects): condition column 21: undefined macro 'nosuch_macro'" \
	"$rule_head
  condition: evt.type = open and nosuch_macro
  output: o"
rules_err in_macro "1:3: error: macro 'm': LOAD_ERR_COMPILE_CONDITION (Error compiling condition): condition column 1: unknown field 'fd.nosuch'" \
	"- macro: m
  condition: fd.nosuch = 1
$rule_head
  condition: m
  output: o"
rules_err override "8:5: error: rule 'x': LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Key 'priority' cannot be appended to, use 'replace' instead" \
	"$rule_head
  condition: evt.type = open
  output: o
- rule: x
  override:
    priority: append
  priority: ERROR"
rules_err append "1:3: error: macro 'm': LOAD_ERR_VALIDATE (Error validating rule/macro/list/exception objects): Macro uses 'append' or 'override.condition: append' but no macro by that name already exists" \
	"- macro: m
  condition: or evt.num = 1
  override:
    condition: append"
rules_err both "1:3: warning: list 'l': LOAD_DEPRECATED_ITEM (Used deprecated item): 'append' key is deprecated. Add an 'append' entry (e.g. 'condition: append') under 'override' instead.
syshark: both.yaml:4:5: error: list 'l': LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Keys 'override' and 'append: true' cannot be used together. Add an 'append' entry (e.g. 'condition: append') under 'override' instead." \
	"- list: l
  items: [a]
  override:
    items: append
  append: true"
rules_err nokey "1:3: error: rule 'x': LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Item has no mapping for key 'output'" \
	"$rule_head
  condition: evt.type = open"
rules_err output "1:3: error: rule 'x': LOAD_ERR_COMPILE_OUTPUT (Error compiling output): output column 4: unknown field 'proc.nosuch'" \
	"$rule_head
  condition: evt.type = open
  output: o %proc.nosuch"
rules_err prio "3:13: error: rule 'x': LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Invalid priority" \
	"- rule: x
  desc: d
  priority: LOUD
  condition: evt.type = open
  output: o"
rules_err engine "1:3: error: required_engine_version: LOAD_ERR_VALIDATE (Error validating rule/macro/list/exception objects): Rules require engine version 0.99.0, but engine version is 0.63.0" \
	"- required_engine_version: 0.99.0"
rules_err plugin "2:5: error: required plugin versions: LOAD_ERR_VALIDATE (Error validating rule/macro/list/exception objects): Plugin requirement not satisfied, must load one of: k8saudit (>= 0.1.0)" \
	"- required_plugin_versions:
  - name: k8saudit
    version: 0.1.0"
rules_err exc "8:15: error: rule 'x': LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Fields and comps lists must have equal length" \
	"$rule_head
  condition: evt.type = open
  output: o
  exceptions:
    - name: e
      fields: [proc.name, fd.name]
      comps: [=]"
cd "$tmp" || exit 1
err "syshark: nosuch.yaml: error: rules content: LOAD_ERR_FILE_READ (File read error): No such file or directory" -r "$cap" --rules nosuch.yaml
cd - >/dev/null || exit 1
err "syshark: --rules prints alerts, events with -T fields or -p FORMAT, or views with --top: it does not go with --calls" \
	-r "$cap" --rules "$rules/base.yaml" --calls

# falco.rule and falco.priority: the events that raise alerts, and their rules
# (jq reads numbers as doubles: the times are taken from the text)
want=$("$bin" -r "$cap" --rules "$rules/base.yaml" -T json |
	sed -E 's/.*"evt.time":([0-9]+).*"priority":"([^"]*)","rule":"([^"]*)".*/\1\t\2\t\3/')
expect "falco.rule" "$want" "$("$bin" -r "$cap" --rules "$rules/base.yaml" -T fields \
	-e evt.rawtime -e falco.priority -e falco.rule -Y 'falco.rule exists')"
expect "falco.priority in a format" "$(grep -c Warning <<<"$want")" \
	"$("$bin" -r "$cap" --rules "$rules/base.yaml" -p '%falco.rule' -Y 'falco.priority = Warning' |
		grep -c '^Corpus file opened$')"
[ -z "$("$bin" -r "$cap" -T fields -e evt.num -Y 'falco.rule exists')" ] && ok ||
	bad "falco.rule has values without --rules"

# the alerts view: per rule, as awk sums the alerting events' fields
expect "--top=alerts" "$("$bin" -r "$cap" --rules "$rules/base.yaml" -T fields \
	-e falco.rule -e falco.priority -e evt.time -e proc.name -Y 'falco.rule exists' |
	awk -F'\t' '
		!($1 in n) { order[++k] = $1; first[$1] = $3 }
		{ n[$1]++; prio[$1] = $2; last[$1] = $3 }
		!(($1, $4) in seen) { seen[$1, $4]; procs[$1] = procs[$1] (procs[$1] == "" ? "" : ", ") $4 }
		END {
			for (i = 1; i <= k; i++) r = r order[i] "\t" prio[order[i]] "\t" n[order[i]] "\t" \
				first[order[i]] "\t" last[order[i]] "\t" procs[order[i]] "\n"
			printf "%s", r
		}' | sort -t$'\t' -k3,3nr -k1,1r)" \
	"$("$bin" -r "$cap" --rules "$rules/base.yaml" --top=alerts -T json |
		jq -r '[.Rule, .Priority, .Count, .First, .Last, .Processes] | @tsv')"
err "syshark: --top=alerts needs Falco rules: --rules PATH, or rules files in ~/.config/syshark/rules.d" \
	-r "$cap" --top=alerts
err "syshark: --no-rules and --rules go against each other" -r "$cap" --rules "$rules/base.yaml" --no-rules

# a rules file's macros and lists in the filter
expect "a macro in -Y" "$(tool_runs 'cat|tr|ls|wc' '' | cut -d: -f1-3)" \
	"$("$bin" -r "$cap" --rules "$rules/base.yaml" -T fields -e evt.time -Y corpus_spawn)"
err "syshark: filter column 1: unknown field 'corpus_spawn'" -r "$cap" -Y corpus_spawn

# the default rules (~/.config/syshark/rules.d): fields, filters and the
# alerts view, while print mode prints the events, as without rules
mkdir -p "$tmp/config/syshark/rules.d"
cp "$rules/base.yaml" "$tmp/config/syshark/rules.d/"
expect "default rules: the events printed" "$("$bin" -r "$cap" | md5sum)" \
	"$(XDG_CONFIG_HOME=$tmp/config "$bin" -r "$cap" | md5sum)"
expect "default rules: falco.rule" "$(cut -f2- <<<"$want")" \
	"$(XDG_CONFIG_HOME=$tmp/config "$bin" -r "$cap" -T fields -e falco.priority \
		-e falco.rule -Y 'falco.rule exists')"
expect "default rules: --top=alerts" \
	"$("$bin" -r "$cap" --rules "$rules/base.yaml" --top=alerts)" \
	"$(XDG_CONFIG_HOME=$tmp/config "$bin" -r "$cap" --top=alerts)"
expect "default rules: a macro in -Y" "$(tool_runs 'cat|tr|ls|wc' '' | wc -l)" \
	"$(XDG_CONFIG_HOME=$tmp/config "$bin" -r "$cap" -T fields -e evt.num -Y corpus_spawn |
		wc -l)"
[ -z "$(XDG_CONFIG_HOME=$tmp/config "$bin" -r "$cap" --no-rules -T fields -e evt.num \
	-Y 'falco.rule exists')" ] && ok || bad "--no-rules still loads the default rules"
echo "- rule: [" >"$tmp/config/syshark/rules.d/zz_broken.yaml"
XDG_CONFIG_HOME=$tmp/config "$bin" -r "$cap" >/dev/null 2>"$tmp/e"
st=$?
[ $st = 2 ] && grep -q "rules.d/zz_broken.yaml:.*error" "$tmp/e" && ok ||
	bad "a broken default rules file: status $st, $(cat "$tmp/e")"

# a warning (an unknown key) is printed, and the rules run
printf -- '%s\n  condition: evt.type = execve and evt.dir = <\n  output: o\n  colour: red\n' \
	"$rule_head" >"$tmp/warn.yaml"
(cd "$tmp" && "$bin" -r "$cap" --rules warn.yaml >"$tmp/o" 2>"$tmp/e")
st=$?
if [ $st -eq 0 ] && [ -s "$tmp/o" ] && [ "$(cat "$tmp/e")" = "syshark: warn.yaml:6:3: warning: rule 'x': LOAD_UNKNOWN_KEY (Unknown key in item definition): Unknown key 'colour'. The key will be ignored." ]; then
	ok
else
	bad "a warning: status $st, $(cat "$tmp/e")"
fi
finish

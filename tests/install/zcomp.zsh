# SPDX-License-Identifier: GPL-2.0-only
#
# Drives zsh's own completion system, as a user at a terminal would: starts
# an interactive `zsh -f` on a pseudo-terminal (zpty), runs compinit with
# the directory of _syshark first in fpath, types each CASE followed by Tab
# and then Ctrl-D (list the choices), and prints what the line became and
# what was listed:
#
#   zsh -f zcomp.zsh COMPLETION_DIR WORK_DIR CASE...
#
#   case: syshark -Y 'proc.na
#   line: {syshark -Y 'proc.name}{}
#   list: proc.name
#
# The list markers come from list-colors (zsh's Test/comptest does the same).
# Each case starts in WORK_DIR with an empty line.
zmodload zsh/zpty || { print "zcomp: no zsh/zpty module"; exit 2 }
setopt extendedglob
cdir=$1 wdir=$2
shift 2
export PS1='<PROMPT>' TERM=dumb HOME=$wdir
zpty z zsh -f -i
zpty -r z out '*<PROMPT>*' || { print "zcomp: no first prompt"; exit 2 }
cat >$wdir/.zcomp.setup <<SETUP
fpath=(${(q)cdir} \$fpath)
LISTMAX=100000
stty columns 80 rows 50
bindkey -e
autoload -U compinit
compinit -u -D
zstyle ':completion:*:default' list-colors 'no=<NO>' 'fi=<FI>' 'di=<DI>' 'ln=<LN>' 'ex=<EX>' 'lc=<LC>' 'rc=<RC>' 'ec=<EC>
'
zstyle ':completion:*' group-name ''
zstyle ':completion:*' list-packed false
zstyle ':completion:*' list-separator '--'
setopt noalwayslastprompt listrowsfirst
zmodload zsh/complist
complete-report() {
  zle expand-or-complete
  print -lr -- "<LINE>{\$LBUFFER}{\$RBUFFER}</LINE>"
  zle clear-screen
  zle -R
}
list-report() {
  print -lr -- "<LIST>"
  zle list-choices
  zle clear-screen
  zle -R
}
finish() {
  print -lr -- "<FINISH>"
  zle kill-whole-line
  zle clear-screen
  zle -R
}
zle -N complete-report
zle -N list-report
zle -N finish
bindkey '^I' complete-report
bindkey '^D' list-report
bindkey '^Z' finish
SETUP
zpty -w z "cd ${(q)wdir}; . ${(q)wdir}/.zcomp.setup"
zpty -r z out '*<PROMPT>*' || { print "zcomp: no prompt after setup"; exit 2 }
for c in "$@"; do
  zpty -n -w z "$c"$'\t\C-d\C-z'
  # line by line up to <FINISH>: one pattern read of a long list takes
  # quadratic time
  out=
  while [[ $out != *'<FINISH>'* ]]; do
    zpty -r z chunk || { print "zcomp: no answer for: $c"; exit 2 }
    out+=$chunk
  done
  zpty -r z chunk '*<PROMPT>*' || { print "zcomp: no prompt after: $c"; exit 2 }
  print -r -- "case: $c"
  out=${out//$'\r'/}
  if [[ $out == (#b)*'<LINE>'(*)'</LINE>'* ]]; then
    print -r -- "line: $match[1]"
  fi
  list=${out#*'<LIST>'}
  list=${list%%'<FINISH>'*}
  for l in ${(f)list}; do
    [[ $l == (#b)*'<LC><'??'><RC>'(*)'<EC>'* ]] && print -r -- "list: ${${match[1]## #}%% *}"
  done
done
zpty -d z

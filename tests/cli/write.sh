#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# -w writes a new file (mode 0600, owned by whoever runs syshark) that
# replaces the one named once there is something in it: an existing file's
# mode and owner do not carry over, a symbolic link at that name is
# replaced, never followed, and a rejected input or filter leaves an
# existing file as it was. Print mode's -w, a live capture's -w and the
# interface's save (w) all write that way; the live one and the interface
# are skipped where the probe or tmux is missing.
. "$(dirname "$0")/../checks.sh"
bin=$1
f=$(cd "$2" && pwd)/files.scap
export TZ=UTC
cd "$tmp" || exit 1
printf 'hello\n' >text.txt

# check_new NAME WHAT: NAME is a capture of mode 0600 owned by us, no
# .part file is left beside it, and the link's target still holds "secret"
check_new() {
	[ -f "$1" ] && [ ! -L "$1" ] && [ "$(stat -c '%a %u' "$1")" = "600 $(id -u)" ] && ok ||
		bad "$2: $1 is $(stat -c '%F, mode %a, owner %u' "$1"), not a new 0600 file of ours"
	"$bin" -r "$1" -p >/dev/null 2>&1 && ok || bad "$2: $1 does not read back"
	printf 'secret\n' | cmp -s - target && ok || bad "$2: the link's target was written through"
	[ -z "$(find . -name '*.part')" ] && ok ||
		bad "$2: a .part file is left: $(find . -name '*.part')"
}
# fresh: an existing file of mode 0644 (another owner's, as root), and a link to a target
fresh() {
	rm -f old link target
	printf 'precious\n' >old
	chmod 644 old
	[ "$(id -u)" -ne 0 ] || chown 65534 old
	printf 'secret\n' >target
	ln -s target link
}

fresh
"$bin" -r "$f" -w old && ok || bad "print -w over an existing file fails"
check_new old "print -w"
"$bin" -r "$f" -w link && ok || bad "print -w over a link fails"
check_new link "print -w"

# nothing to write: the existing file stays as it was
fresh
"$bin" -r text.txt -w old 2>err
[ $? = 1 ] && [ "$(cat old)" = precious ] && [ "$(stat -c %a old)" = 644 ] && ok ||
	bad "-r text.txt -w old: the old file is now $(stat -c '%s bytes, mode %a' old): $(cat err)"
"$bin" -r "$f" -Y 'evt.typo = 1' -w old 2>err
[ $? = 2 ] && [ "$(cat old)" = precious ] && ok || bad "a bad filter with -w touches the old file"
[ -z "$(find . -name '*.part')" ] && ok || bad "a refused input leaves $(find . -name '*.part')"

# a live capture's -w, where the probe loads
if [ "$(id -u)" -eq 0 ] && "$bin" -w probe.scap --duration 0.2 >/dev/null 2>&1; then
	fresh
	"$bin" -w old -- true >/dev/null 2>err && ok || bad "live -w over a file: $(cat err)"
	check_new old "live -w"
	"$bin" -w link -- true >/dev/null 2>err && ok || bad "live -w over a link: $(cat err)"
	check_new link "live -w"
else
	echo "SKIP (part): live -w needs root and a probe that loads here"
fi

# the interface's save, where tmux is
if command -v tmux >/dev/null; then
	fresh
	sock=syshark-write-$$
	export XDG_CACHE_HOME=$tmp/cache XDG_CONFIG_HOME=$tmp/config
	tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 "$bin -r $f"
	pane() { tmux -L "$sock" capture-pane -p 2>/dev/null; }
	for _ in $(seq 200); do pane | grep -q '| events' && break; sleep 0.05; done
	tmux -L "$sock" send-keys w "$tmp/link" Enter 2>/dev/null
	# the link is there: the interface asks first
	for _ in $(seq 200); do pane | grep -q 'exists: overwrite' && break; sleep 0.05; done
	tmux -L "$sock" send-keys y 2>/dev/null
	for _ in $(seq 200); do pane | grep -q '^saved ' && break; sleep 0.05; done
	pane | grep -q "^saved .* to $tmp/link" && ok || bad "w does not save: $(pane | tail -n 2)"
	tmux -L "$sock" kill-server 2>/dev/null
	check_new link "the interface's save"
else
	echo "SKIP (part): the interface's save needs tmux"
fi
finish

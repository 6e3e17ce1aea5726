#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Installs the Debian packages that building and testing syshark need,
# skipping those already installed. Run as root (or with sudo available).
# libclang-rt-14-dev brings the sanitizer and libFuzzer runtimes; clang,
# bpftool and libbpf-dev build the probe; sysdig is the peer the tests
# compare output with; python3, util-linux, bind9-dnsutils (dig), redis-server,
# redis-tools, postgresql, postgresql-client and openssl serve the live-capture tests;
# dpkg-dev (dpkg-shlibdeps) makes the .deb's Depends, zsh tests completion.
set -euo pipefail

pkgs=(
	build-essential cmake clang pkg-config
	zlib1g-dev libncurses-dev libreadline-dev libbpf-dev libelf-dev libyaml-dev
	bpftool linux-libc-dev libclang-rt-14-dev
	python3 util-linux strace cppcheck
	sysdig tshark bind9-dnsutils redis-server redis-tools postgresql postgresql-client
	openssl
	jq tmux time
	dpkg-dev zsh
)

missing=()
for p in "${pkgs[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
		missing+=("$p")
	fi
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "install-deps: all ${#pkgs[@]} packages present"
	exit 0
fi
SUDO=
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "install-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
	SUDO=sudo
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

/* SPDX-License-Identifier: GPL-2.0-only */
/* syshark's directories under the XDG base directories. */
#ifndef SYSHARK_XDG_H
#define SYSHARK_XDG_H

#include <stdbool.h>
#include <stddef.h>

/*
 * $var/syshark, or else $HOME/fallback/syshark ("XDG_CONFIG_HOME",
 * ".config"), into out; with create, made with its parents (mode 0700).
 * false if neither variable is set, the path is too long, or it cannot be
 * made.
 */
bool xdg_dir(const char *var, const char *fallback, bool create, char *out, size_t n);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/* The full-screen terminal interface over a capture file. */
#ifndef SYSHARK_TUI_H
#define SYSHARK_TUI_H

/*
 * Shows path on the terminal until the user quits, starting with filter
 * (or every event if NULL). Returns the exit status: 0, 1 if the capture
 * cannot be opened, 2 for a bad keymap or filter.
 */
int tui_run(const char *path, const char *filter);

#endif

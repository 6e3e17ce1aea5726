/* SPDX-License-Identifier: GPL-2.0-only */
/* The full-screen terminal interface over a capture file. */
#ifndef SYSHARK_TUI_H
#define SYSHARK_TUI_H

#include <stdbool.h>

#include "live_health.h"

/* What the interface shows: a capture file, or one a live capture writes. */
struct tui_source {
	const char *path;
	const char *file; /* live: the file written, if not path (it becomes path once complete) */
	bool live;  /* path is being written: follow it */
	bool saved; /* the live capture goes to a file the user named */
	/* live: whether the capture still runs, and how to stop it */
	bool (*running)(void *arg);
	void (*stop)(void *arg);
	void *arg;
	const struct live_health *health; /* live: the capture's, for the status line */
	const char *what; /* live: what is captured, "this machine" or the command */
	const char *top;  /* start in this view (--top), or NULL for the events */
	bool tree;	  /* with top: its rows as a tree (--tree) */
	double interval;  /* live views: seconds between refreshes (0: 1 s) */
	bool no_mouse;	  /* leave the mouse to the terminal (--no-mouse) */
};

/*
 * Shows src on the terminal until the user quits, starting with filter (or
 * every event if NULL). Returns the exit status: 0, 1 if the capture cannot
 * be opened, 2 for a bad keymap or filter; -1 if a live capture ended
 * before writing anything (it has said why).
 */
int tui_run(const struct tui_source *src, const char *filter);

#endif

/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The event list's screen inside: its state, shared by what implements it
 * (ui_act.c its keys, ui_draw.c its drawing, ui_mouse.c its mouse).
 */
#ifndef SYSHARK_UI_EVENTS_H
#define SYSHARK_UI_EVENTS_H

#include "ui.h"

struct events {
	struct panel p;
	enum tui_mode focus;
	bool follow;		   /* live: the selection stays on the newest row */
	struct tview_status shown; /* what it showed when last drawn */
	/* list */
	uint64_t top, sel; /* rows */
	unsigned int col;  /* the selected column */
	int hscroll;	   /* cells of the rows scrolled off to the left */
	uint64_t sel_event;
	int list_h, tree_h, hex_h; /* the panes' lines, as ui_layout() gives them */
	int grow_tree, grow_hex;   /* lines the tree and hex panes have over their share */
	bool zoom;		   /* the focused pane has the whole screen */
	/* tree of sel_event */
	struct tview_node *nodes;
	unsigned int nnodes, tree_sel, tree_top;
	uint64_t tree_event;
	char **collapsed; /* section titles */
	size_t ncollapsed;
	/* hex */
	uint32_t hex_top;
	/* marks, time, find */
	uint64_t *marks;
	size_t nmarks;
	enum tview_time time_mode;
	uint64_t time_ref;
	char *find;
	struct tview_find *finding; /* a find under way */
};

/* Saves the list's columns to the config directory, saying so on the message line if it cannot. */
void ui_cols_save(struct ui *u);
/* Removes the saved columns, saying on the message line what happened. */
void ui_cols_forget(struct ui *u);
/* Whether the tree section titled title is collapsed. */
bool ui_is_collapsed(const struct ui *u, const char *title);
/* Whether tree node i shows: its section is expanded, or it is a section. */
bool ui_node_visible(const struct ui *u, unsigned int i);
/* Sizes the panes to the terminal. */
void ui_layout(struct ui *u);
/* Whether the capture, rows, health or work in progress moved since last; keeps now in last. */
bool ui_progressed(struct ui *u, struct tview_status *last);
/* Its parts: drawing (ui_draw.c) and the mouse (ui_mouse.c). */
void ui_events_draw(struct ui *u);
void ui_events_click(struct ui *u, const struct ui_click *c);

/* The event list of u. */
static inline struct events *ui_ev(const struct ui *u)
{
	return (struct events *)u->events;
}

#endif

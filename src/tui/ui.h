/* SPDX-License-Identifier: GPL-2.0-only */
/* The screen's state: drawn by ui_draw.c, changed by ui_act.c, run by tui.c. */
#ifndef SYSHARK_UI_H
#define SYSHARK_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "eng_values.h"
#include "keymap.h"
#include "sf_gunzip.h"
#include "statusbar.h"
#include "topview.h"
#include "tui.h"
#include "tview.h"

enum {
	CP_ERROR = 1,
	CP_FILE,
	CP_NET,
	CP_PROCESS,
	CP_BAR,
	CP_GOOD,
	CP_BAD,
	CP_READ,  /* a stream's bytes read */
	CP_WRITE, /* and written */
};

enum prompt_kind {
	PK_NONE,
	PK_FILTER,
	PK_FIND,
	PK_GOTO,
	PK_SAVE,
	PK_COLUMN,
	PK_VFILTER, /* a view's filter */
	PK_VFIND,   /* text in a view's rows */
	PK_STREAM_SAVE,
	PK_SERIES,  /* a series of the I/O graph */
	PK_WINDOW,  /* the views' time window */
};

/* A level of the views: what Backspace goes back to. */
struct ui_level {
	const struct eng_top_view *view;
	char *filter; /* the events the view sums, "" for all */
	char *title;  /* "Files for proc.pid = 1234" */
};

/* A mouse event, as the screens take it. */
struct ui_click {
	int x, y;
	enum { UC_PRESS, UC_WHEEL_UP, UC_WHEEL_DOWN } what;
	bool twice; /* a second press on the same cell just after the first */
};

/* The fields whose values the filter prompt has counted, for Tab. */
#define UI_VALUE_FIELDS 4

struct ui {
	struct tview *v;
	struct {
		char *field;
		struct eng_values *values;
	} vals[UI_VALUE_FIELDS];
	unsigned int vals_next; /* the slot to reuse next */
	struct keymap *km;
	const char *path;
	const struct tui_source *src;
	struct sf_gunzip *gz; /* a gzip file, being inflated as it is shown */
	bool follow;	/* live: the selection stays on the newest row */
	bool ended;	/* live: the capture has ended */
	bool asking;	/* q was pressed on unsaved live events: y quits */
	uint64_t health_seen; /* live: the health's seconds last drawn */
	bool color, help;
	double click_at;      /* when the last press was (monotonic seconds) */
	int click_x, click_y; /* and where */
	int help_top; /* first line of the help shown */
	enum tui_mode focus;
	/* list */
	uint64_t top, sel; /* rows */
	unsigned int col;  /* the selected column */
	int hscroll;	   /* cells of the rows scrolled off to the left */
	uint64_t sel_event;
	int list_h, tree_h, hex_h;
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
	/* prompt and messages */
	enum prompt_kind pk;
	char msg[512];
	bool msg_bad;
	char caret_msg[512]; /* a bad filter's error, under the prompt */
	int caret_col;
	/* top-like views */
	bool in_views;		 /* a view is on the screen, not the events */
	bool picking;		 /* the view picker is open */
	unsigned int pick_sel;
	double interval;	 /* live views: seconds between refreshes */
	struct topview *tv;	 /* the view of the last level, or NULL */
	struct ui_level *levels; /* the drill-down path */
	size_t nlevels;
	uint64_t tv_sel, tv_top; /* rows */
	unsigned int tv_col;	 /* the selected column */
	int tv_colx[ENG_TOP_COLS + 1]; /* where each column starts on the screen, as drawn */
	int tv_sort;		 /* the column sorted by; -1: the view's own */
	bool tv_asc;
	char *tv_key;		 /* the selected row's key, kept as rows move */
	bool tv_tree;		 /* rows with parents show as a tree */
	char **tv_folded;	 /* the keys of the tree's rows whose children are hidden */
	size_t tv_nfolded;
	bool windowed;		 /* over a file: the views sum only a time window's events */
	struct eng_top_window window;
	uint64_t tv_intervals;	 /* live: the intervals summed when last drawn */
	double tv_drawn;	 /* and when (monotonic seconds) */
	bool tv_drawn_done;	 /* and whether the view had summed all of a file */
	char *list_filter;	 /* the event list's filter before a drill-down to it */
	bool from_view;		 /* the event list was drilled into from a view */
	struct ui_stream *stream; /* the fd stream on the screen, or NULL */
	/* the I/O graph */
	bool in_graph;		 /* it is on the screen */
	struct ui_graph *graph;	 /* its series and zoom, kept while it is closed */
};

void ui_message(struct ui *u, bool bad, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/*
 * Config file name (~/.config/syshark/NAME): read into text, with its path
 * in path; 0, or -errno (-ENOENT: there is none).
 */
int ui_config_read(const char *name, struct sbuf *text, char *path, size_t n);
/* Writes text to config file name in one piece; 0, or -errno with path set. */
int ui_config_write(const char *name, const char *text, char *path, size_t n);
/* Removes config file name; 0, or -errno with path set. */
int ui_config_remove(const char *name, char *path, size_t n);
/* Saves calls mode (on or off) to the config directory, saying so if it cannot. */
void ui_calls_save(struct ui *u);
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
/* Sets the colour pairs up, unless the terminal has none or NO_COLOR is set. */
void ui_colors(struct ui *u);
void ui_draw(struct ui *u);
/* Adds a live capture's health to a status line: its rates and ring buffer fill while it runs, its drops. */
void ui_health(struct ui *u, struct sbar *b);
/* Adds what is shown (the file, or the live capture) to a status line, as its part of priority prio. */
void ui_status_source(const struct ui *u, struct sbar *b, int prio);
/* Draws status line b fitted to the width on the last line, and empties b. */
void ui_status_draw(struct ui *u, struct sbar *b);
/* Whether the capture, rows, health or work in progress moved since last; keeps now in last. */
bool ui_progressed(struct ui *u, struct tview_status *last);
/* Does what a key asked for; false to quit. */
bool ui_act(struct ui *u, enum tui_action a, uint64_t rows);
/* Reads the mouse event curses has; false if it is none the screens take. */
bool ui_mouse_read(struct ui *u, struct ui_click *c);
/* Does what a click or the wheel asks of the screen shown. */
void ui_mouse(struct ui *u, const struct ui_click *c, uint64_t rows);
/* A click on a view, or on the view picker (ui_top.c). */
void ui_top_click(struct ui *u, const struct ui_click *c);
/* Goes on with the find under way for a moment; ends it once it is done. */
void ui_find_step(struct ui *u);
void ui_find_stop(struct ui *u);
/* The keymap mode of what has the keys now. */
enum tui_mode ui_mode(const struct ui *u);
/* The views: opening one by name, drawing, keys, prompts (ui_top.c). */
bool ui_top_open(struct ui *u, const char *name, const char *filter);
void ui_top_draw(struct ui *u);
/*
 * Whether the view is to be drawn again: live, at once when a new interval
 * is summed, else every tenth of a second (its status line); over a file,
 * until it was drawn with all of the file summed.
 */
bool ui_top_moved(struct ui *u);
void ui_top_act(struct ui *u, enum tui_action a);
void ui_top_prompt_done(struct ui *u, enum prompt_kind pk, const char *text);
void ui_top_free(struct ui *u);
/* Colour pair on or off, where the terminal has colours. */
void ui_color_on(struct ui *u, int pair);
void ui_color_off(struct ui *u, int pair);
/* An fd's stream (ui_stream.c): opening it at the selected event, drawing, keys, saving. */
void ui_stream_open(struct ui *u);
void ui_stream_draw(struct ui *u);
void ui_stream_act(struct ui *u, enum tui_action a);
void ui_stream_click(struct ui *u, const struct ui_click *c);
void ui_stream_save(struct ui *u, const char *path);
/* Whether the stream has grown, or was still being read, when it was last drawn. */
bool ui_stream_moved(struct ui *u);
void ui_stream_free(struct ui *u);
/* The I/O graph (ui_graph.c): drawing, keys (opening it), its series prompt. */
void ui_graph_draw(struct ui *u);
void ui_graph_act(struct ui *u, enum tui_action a);
void ui_graph_click(struct ui *u, const struct ui_click *c);
void ui_graph_prompt_done(struct ui *u, const char *text);
void ui_graph_free(struct ui *u);
/* Whether events were counted, or the count ended, since the graph was last drawn. */
bool ui_graph_moved(struct ui *u);
/* Selects the row of event num in the list (or the next one shown) and focuses the list. */
void ui_select_event(struct ui *u, uint64_t num);
/* A bar across the screen at y: s reversed, and bold for a title. */
void ui_bar(int y, const char *s, bool title);
/* The message line: s, red if the message is bad news. */
void ui_message_line(struct ui *u, const char *s);
/* Writes s at (y, x), at most width cells, padding with spaces to width. */
void ui_put(int y, int x, const char *s, int width);
/* Opens the prompt for pk with label and text. */
void ui_open_prompt(struct ui *u, enum prompt_kind pk, const char *label, const char *text);
/* Acts on the text the prompt was closed with. */
void ui_prompt_done(struct ui *u, const char *text);

#endif

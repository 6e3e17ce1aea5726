/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the screens share, and the screens themselves: panels on a stack, as
 * htop's Panel and ScreenManager. The top one is drawn and takes the keys,
 * the mouse and the prompt's text; Backspace (or what a screen binds to
 * back) pops it. The event list is the bottom one (ui_act.c, ui_draw.c,
 * ui_mouse.c); the views (ui_top.c, ui_top_act.c), an fd's stream
 * (ui_stream.c), the I/O graph (ui_graph.c), the latency spectrogram
 * (ui_spectro.c) and the help (ui_draw.c) go on top of it. tui.c runs the
 * loop.
 */
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
	CP_ALERT_ERROR, /* Falco alerts by priority */
	CP_ALERT_WARNING,
	CP_ALERT_NOTICE,
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
	PK_CONFIRM, /* a question one key answers: "y", or "n" for any other */
};

/* A mouse event, as the screens take it. */
struct ui_click {
	int x, y;
	enum { UC_PRESS, UC_WHEEL_UP, UC_WHEEL_DOWN } what;
	bool twice; /* a second press on the same cell just after the first */
};

struct ui;

/* What a screen's key leaves the stack with. */
enum panel_next {
	PN_STAY,
	PN_POP,	 /* back to the screen below */
	PN_LIST, /* back to the event list, every screen above it closed */
	PN_QUIT,
};

struct panel;

/* A screen: what it does, as each implements it. */
struct panel_ops {
	/* The keymap mode its keys are looked up in. */
	enum tui_mode (*mode)(struct panel *p, const struct ui *u);
	/* Whether it moved (its capture, its sums) since it was drawn. */
	bool (*tick)(struct panel *p, struct ui *u);
	void (*draw)(struct panel *p, struct ui *u);
	/* Does what key, action a in its mode, asks. */
	enum panel_next (*key)(struct panel *p, struct ui *u, int key, enum tui_action a);
	/* A click or the wheel. */
	void (*mouse)(struct panel *p, struct ui *u, const struct ui_click *c);
	/* The text a prompt it opened (of kind pk) was closed with. */
	void (*prompt_done)(struct panel *p, struct ui *u, enum prompt_kind pk, const char *text);
	/* It was popped: frees it (or, for one its owner keeps, what it holds while closed). */
	void (*close)(struct panel *p, struct ui *u);
};

struct panel {
	const struct panel_ops *ops;
	struct panel *below; /* the screen under it, or NULL for the event list */
	int tick_ms;	     /* how long the loop may wait for a key before its tick */
};

/* Puts p on top of the screens (u->panel). */
void ui_push(struct ui *u, struct panel *p);
/* Takes the top screen off and closes it, unless it is the event list. */
void ui_pop(struct ui *u);
/* Closes every screen above the event list. */
void ui_pop_to_list(struct ui *u);

/* The fields whose values the filter prompt has counted, for Tab. */
#define UI_VALUE_FIELDS 4

struct ui {
	struct panel *panel;  /* the screen shown, on top */
	struct panel *events; /* the event list, at the bottom */
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
	bool ended;	/* live: the capture has ended */
	bool asking;	/* q was pressed on unsaved live events: y quits */
	uint64_t health_seen; /* live: the health's seconds last drawn */
	bool color;
	bool fkeys;	      /* the function key bar is wanted (it needs UI_FKEYS_MIN lines) */
	double click_at;      /* when the last press was (monotonic seconds) */
	int click_x, click_y; /* and where */
	double interval;      /* live views: seconds between refreshes */
	/* prompt and messages */
	enum prompt_kind pk;
	char msg[512];
	bool msg_bad;
	char caret_msg[512]; /* a bad filter's error, under the prompt */
	int caret_col;
	struct panel *graph; /* the I/O graph, kept with its series and zoom while it is closed */
	char *overwrite;      /* the file the question is whether to write over, or NULL */
	long signal_pid;      /* the question is which signal to send it, or 0 */
	char signal_name[64]; /* and its name */
};

void ui_message(struct ui *u, bool bad, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/*
 * Config file name (~/.config/syshark/NAME): read into text, with its path
 * in path; 0, or -errno (-ENOENT: there is none; -EINVAL: not a regular
 * file; -EFBIG: over UI_CONFIG_MAX bytes).
 */
int ui_config_read(const char *name, struct sbuf *text, char *path, size_t n);
#define UI_CONFIG_MAX (1 << 20)
/* What ui_config_read's error rc means. */
const char *ui_config_strerror(int rc);
/* Writes text to config file name in one piece; 0, or -errno with path set. */
int ui_config_write(const char *name, const char *text, char *path, size_t n);
/* Removes config file name; 0, or -errno with path set. */
int ui_config_remove(const char *name, char *path, size_t n);
/* Sets the colour pairs up, unless the terminal has none or NO_COLOR is set. */
void ui_colors(struct ui *u);
/* Adds a live capture's health to a status line: its rates and ring buffer
 * fill while it runs, its drops. */
void ui_health(struct ui *u, struct sbar *b);
/* Adds what is shown (the file, or the live capture) to a status line, as
 * its part of priority prio. */
void ui_status_source(const struct ui *u, struct sbar *b, int prio);
/* Draws status line b fitted to the width on the last line, and empties b. */
void ui_status_draw(struct ui *u, struct sbar *b);
/* Reads the mouse event curses has; false if it is none the screens take. */
bool ui_mouse_read(struct ui *u, struct ui_click *c);
/* The wheel: a few steps up or down, as keys to the screen p. */
void ui_wheel(struct panel *p, struct ui *u, const struct ui_click *c);
/* Stops the list's find under way, if any. */
void ui_find_stop(struct ui *u);
/* Quits, unless live events would be lost: then asks first (false). */
bool ui_quit(struct ui *u);
/* Colour pair on or off, where the terminal has colours. */
void ui_color_on(struct ui *u, int pair);
void ui_color_off(struct ui *u, int pair);
/*
 * Selects the row of event num in the list (or the next one shown), focuses
 * the list and stops following a live capture; whether num itself is shown.
 */
bool ui_select_event(struct ui *u, uint64_t num);
/* The event selected in the list, or 0. */
uint64_t ui_selected_event(const struct ui *u);
/* The list from its first row, focused, not following a live capture. */
void ui_list_from_top(struct ui *u);
/* Appends where row at (from 1) of n is: "1/38 (2.6%)". */
void ui_position(struct sbuf *out, uint64_t at, uint64_t n);
/* A bar across the screen at y: s reversed, and bold for a title. */
void ui_bar(int y, const char *s, bool title);
/* The message line: s, red if the message is bad news. */
void ui_message_line(struct ui *u, const char *s);
/* Writes s at (y, x), at most width cells, padding with spaces to width. */
void ui_put(int y, int x, const char *s, int width);
/* Reopens the prompt for pk with label and text, and d's error under its column. */
void ui_prompt_error(struct ui *u, enum prompt_kind pk, const char *label, const char *text,
		     const struct diag *d);
/* Opens the prompt for pk with label and text. */
void ui_open_prompt(struct ui *u, enum prompt_kind pk, const char *label, const char *text);
/*
 * Whether path exists; if it does, asks whether to write over it, and the
 * top screen's prompt_done gets PK_CONFIRM with the answer, for
 * ui_overwrite_answer().
 */
bool ui_ask_overwrite(struct ui *u, const char *path);
/*
 * The file ui_ask_overwrite() asked about, if answer is yes (caller frees);
 * else NULL, and the message line says it was not saved over.
 */
char *ui_overwrite_answer(struct ui *u, const char *answer);
/* The terminal's lines the function key bar leaves to the screens. */
int ui_lines(const struct ui *u);
#define UI_FKEYS_MIN 8 /* lines under which the bar gives its line to the screens */
/* Saves a switch (on or off) as config file name; says on the message line if it cannot. */
void ui_switch_save(struct ui *u, const char *name, bool on);
/* Draws the top screen, and the prompt if it is open. */
void ui_draw(struct ui *u);

/*
 * F8 (ui_signal.c): asks which signal to send to pid (named name) of a row,
 * unless the capture is not live, pid is 0 (then what says why), 1 or
 * below, or syshark (a message says so); ui_signal_answer() takes the key
 * that answers.
 */
void ui_signal_ask(struct ui *u, long pid, const char *name, const char *what);
/* Sends the signal key picks to the PID asked about, or none; the message line says which. */
void ui_signal_answer(struct ui *u, int key);
/* F8 on the selected event: its process. */
void ui_signal_event(struct ui *u);
/* A PID written in text, or 0 if text is NULL or not one. */
long ui_signal_pid(const char *text);

/* The screens. The event list (ui_act.c), at the bottom of the stack; freed by ui_events_free(). */
struct panel *ui_events_new(const struct ui *u);
void ui_events_free(struct ui *u);
/* The help, scrolled (ui_draw.c). */
struct panel *ui_help_new(const struct ui *u);
/* Text on the whole screen, scrolled, till a key closes it (ui_draw.c); text is copied. */
struct panel *ui_text_new(const char *text);
/*
 * The views (ui_top_act.c): the picker, or view name over the events filter
 * keeps; NULL (and a message) if there is no such view or filter.
 */
struct panel *ui_views_new(struct ui *u, const char *name, const char *filter);
/* The selected event's fd stream (ui_stream.c); NULL (and a message) if it has none. */
struct panel *ui_stream_new(struct ui *u);
/* The I/O graph (ui_graph.c), as it was left; NULL (and a message) if it cannot count. */
struct panel *ui_graph_open(struct ui *u);
/* Frees the graph u keeps. */
void ui_graph_free(struct ui *u);
/* The intervals' 1, 2, 5 step after w (up) or before it, for the graph's and spectrogram's zoom. */
uint64_t ui_zoom_step(uint64_t w, bool up);
/* The shortest such step that shows span ns in n intervals. */
uint64_t ui_zoom_fit(uint64_t span, uint64_t n);
/*
 * Opens the latency spectrogram (ui_spectro.c) of the calls the list's
 * filter keeps, on top of the screens; if it cannot count, says why.
 */
void ui_spectro_open(struct ui *u);
/*
 * The event list drilled into from a screen (ui_top_act.c), list_filter
 * (taken) its filter before: Backspace sets it back and goes back to that screen.
 */
struct panel *ui_drilled_new(char *list_filter);

#endif

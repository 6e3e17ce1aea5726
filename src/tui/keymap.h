/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Key bindings of the terminal interface, as data. A keymap file has one
 * binding per line:
 *
 *   bind [-m MODE] KEY ACTION ["help text"]
 *
 * MODE is list, tree or hex (the pane that has the focus), view (a top-like
 * view's table), picker (the list of views), stream (an fd's stream), graph
 * (the I/O graph) or spectro (the latency spectrogram); a binding
 * without -m holds in every pane unless the pane binds the key itself.
 * KEY is a character (q, /, '), C-x for Ctrl-x, M-x for Meta-x (Esc then
 * x), F1..F12, or a name: Up, Down, Left, Right, PgUp, PgDn, Home, End,
 * Tab, BTab, Enter, Esc, BSpace, Del, Space. Two keys make a sequence
 * ("bind C-x C-c quit"): the first waits for the second. A line that
 * starts with '#' is a comment. Keys are plain ints: characters are
 * themselves (Tab 9, Enter 10, Esc 27, BSpace 127) and the other named keys
 * are the TK_* values below, so this module needs no terminal library.
 */
#ifndef SYSHARK_KEYMAP_H
#define SYSHARK_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "sbuf.h"

enum tui_mode {
	TM_ANY,
	TM_LIST,
	TM_TREE,
	TM_HEX,
	TM_VIEW, /* a top-like view's table */
	TM_PICK, /* the view picker */
	TM_STREAM, /* an fd's stream */
	TM_GRAPH, /* the I/O graph */
	TM_SPECTRO, /* the latency spectrogram */
	TM_COUNT,
};

enum tui_action {
	TA_NONE,
	TA_QUIT,
	TA_HELP,
	TA_DOWN,
	TA_UP,
	TA_PAGE_DOWN,
	TA_PAGE_UP,
	TA_TOP,
	TA_BOTTOM,
	TA_FOCUS_NEXT,
	TA_FOCUS_PREV,
	TA_FILTER,
	TA_CLEAR_FILTER,
	TA_FIND,
	TA_FIND_NEXT,
	TA_FIND_PREV,
	TA_GOTO,
	TA_MARK,
	TA_NEXT_MARK,
	TA_TIME_REF,
	TA_TIME_FORMAT,
	TA_EXPAND,
	TA_COLLAPSE,
	TA_TOGGLE,
	TA_APPLY,
	TA_APPLY_AND,
	TA_PREPARE,
	TA_SAVE,
	TA_PAUSE,
	TA_REDRAW,
	TA_COL_NEXT,
	TA_COL_PREV,
	TA_COL_WIDER,
	TA_COL_NARROWER,
	TA_COL_ADD,
	TA_COL_REMOVE,
	TA_COL_RESET,
	TA_SCROLL_LEFT,
	TA_SCROLL_RIGHT,
	TA_SORT,
	TA_UNSORT,
	TA_VIEWS,
	TA_DRILL,
	TA_BACK,
	TA_FOLLOW,
	TA_STREAM_FORMAT,
	TA_STREAM_DIR,
	TA_SORT_1, /* TA_SORT_1 + n - 1 sorts by column n, up to 9 */
	TA_SORT_9 = TA_SORT_1 + 8,
	TA_GRAPH,
	TA_ZOOM_IN,
	TA_ZOOM_OUT,
	TA_ZOOM_FIT,
	TA_SERIES_1, /* TA_SERIES_1 + n - 1 edits the graph's series n, up to 4 */
	TA_SERIES_4 = TA_SERIES_1 + 3,
	TA_TREE,
	TA_WINDOW,
	TA_CALLS,
	TA_RATES,
	TA_HIDDEN,
	TA_PANE_GROW,
	TA_PANE_SHRINK,
	TA_ZOOM,
	TA_SPECTRO,
	TA_LEGEND,
	TA_SIGNAL,
	TA_FKEYS,
	TA_COUNT,
};

/* Keys with names, beyond characters; the terminal layer maps its codes to these. */
enum {
	TK_UP = 0x10000,
	TK_DOWN,
	TK_LEFT,
	TK_RIGHT,
	TK_PGUP,
	TK_PGDN,
	TK_HOME,
	TK_END,
	TK_BTAB,
	TK_DEL,
	TK_F1, /* TK_F1 + n - 1 is Fn, up to F12 */
	TK_MAX = TK_F1 + 12,
	TK_META = 0x100000, /* or'ed with a key: Meta (Esc, then the key) */
};

struct keymap;

/* An empty keymap. */
struct keymap *keymap_new(void);
void keymap_free(struct keymap *km);

/*
 * Adds the bindings in text (a keymap file's contents), later ones
 * replacing earlier ones of the same key and mode. On a bad line returns
 * -EINVAL with d->msg "SOURCE:LINE: what is wrong" and adds nothing.
 */
int keymap_load(struct keymap *km, const char *text, const char *source, struct diag *d);

/* The action of key in mode, looking at the mode's own bindings first. */
enum tui_action keymap_action(const struct keymap *km, enum tui_mode mode, int key);
/* Whether key starts a sequence of two keys in mode. */
bool keymap_is_prefix(const struct keymap *km, enum tui_mode mode, int key);
/* The action of key after prefix (0: none) in mode, the mode's own bindings first. */
enum tui_action keymap_action_after(const struct keymap *km, enum tui_mode mode, int prefix,
				    int key);

/*
 * A key that does a in mode (a function key if one does), for the function
 * key bar; 0 if none does. Sequences are not looked at.
 */
int keymap_key_of(const struct keymap *km, enum tui_mode mode, enum tui_action a);
/* The name of key as keymap files write it (F1, C-x, M-x, Enter, q) into buf. */
void keymap_key_name(int key, char *buf, size_t n);

/* The help screen: one line per binding, grouped by mode. */
void keymap_help(const struct keymap *km, struct sbuf *out);

/* Name of an action as keymap files spell it. */
const char *keymap_action_name(enum tui_action a);

/* The keymap built into syshark (keymaps/default.keys). */
extern const char keymap_default_text[];

#endif

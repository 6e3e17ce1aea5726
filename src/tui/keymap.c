// SPDX-License-Identifier: GPL-2.0-only
#include "keymap.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct binding {
	int prefix; /* the key before key in a sequence ("C-x C-c"), or 0 */
	int key;
	enum tui_mode mode;
	enum tui_action action;
	char *help;
};

struct keymap {
	struct binding *b;
	size_t n, cap;
};

static const struct {
	const char *name;
	const char *help; /* when the binding gives none */
} actions[TA_COUNT] = {
	[TA_NONE] = { "none", "does nothing" },
	[TA_QUIT] = { "quit", "quit" },
	[TA_HELP] = { "help", "this help" },
	[TA_DOWN] = { "down", "next line" },
	[TA_UP] = { "up", "previous line" },
	[TA_PAGE_DOWN] = { "page-down", "next page" },
	[TA_PAGE_UP] = { "page-up", "previous page" },
	[TA_TOP] = { "top", "first line" },
	[TA_BOTTOM] = { "bottom", "last line" },
	[TA_FOCUS_NEXT] = { "focus-next", "next pane" },
	[TA_FOCUS_PREV] = { "focus-prev", "previous pane" },
	[TA_FILTER] = { "filter", "edit the display filter" },
	[TA_CLEAR_FILTER] = { "clear-filter", "show every event" },
	[TA_FIND] = { "find", "find an event by filter or text" },
	[TA_FIND_NEXT] = { "find-next", "find the next match" },
	[TA_FIND_PREV] = { "find-prev", "find the previous match" },
	[TA_GOTO] = { "goto", "go to an event number" },
	[TA_MARK] = { "mark", "mark or unmark the event" },
	[TA_NEXT_MARK] = { "next-mark", "jump to the next marked event" },
	[TA_TIME_REF] = { "time-ref", "make the event the time reference" },
	[TA_TIME_FORMAT] = { "time-format", "absolute, relative or delta time" },
	[TA_EXPAND] = { "expand", "expand the node" },
	[TA_COLLAPSE] = { "collapse", "collapse the node" },
	[TA_TOGGLE] = { "toggle", "expand or collapse the node" },
	[TA_APPLY] = { "apply", "filter on the node's field = value" },
	[TA_APPLY_AND] = { "apply-and", "add the node's field = value to the filter" },
	[TA_PREPARE] = { "prepare", "put the node's field = value in the prompt" },
	[TA_SAVE] = { "save", "save the shown events to a .scap file" },
	[TA_PAUSE] = { "pause", "pause or resume following a live capture" },
	[TA_REDRAW] = { "redraw", "redraw the screen" },
	[TA_COL_NEXT] = { "column-next", "select the next column" },
	[TA_COL_PREV] = { "column-prev", "select the previous column" },
	[TA_COL_WIDER] = { "column-wider", "widen the selected column" },
	[TA_COL_NARROWER] = { "column-narrower", "narrow the selected column" },
	[TA_COL_ADD] = { "column-add", "add a column showing any field" },
	[TA_COL_REMOVE] = { "column-remove", "remove the selected column" },
	[TA_COL_RESET] = { "column-reset", "the columns laid out for the width again" },
	[TA_SCROLL_LEFT] = { "scroll-left", "scroll the list to the left" },
	[TA_SCROLL_RIGHT] = { "scroll-right", "scroll the list to the right" },
	[TA_SORT] = { "sort", "sort by the selected column; again: the other way" },
	[TA_UNSORT] = { "unsort", "back to the events' order" },
	[TA_VIEWS] = { "views", "the picker of the top-like views (again: close it)" },
	[TA_DRILL] = { "drill-down", "the row's events, or the next view narrowed to it" },
	[TA_BACK] = { "back", "back up from a drill-down" },
	[TA_FOLLOW] = { "follow", "the data read from and written to the event's fd" },
	[TA_STREAM_FORMAT] = { "stream-format", "show the stream as text, printable text or hex" },
	[TA_STREAM_DIR] = { "stream-direction", "both directions, only reads, only writes" },
	[TA_SORT_1] = { "sort-1", "sort by column 1" },
	[TA_SORT_1 + 1] = { "sort-2", "sort by column 2" },
	[TA_SORT_1 + 2] = { "sort-3", "sort by column 3" },
	[TA_SORT_1 + 3] = { "sort-4", "sort by column 4" },
	[TA_SORT_1 + 4] = { "sort-5", "sort by column 5" },
	[TA_SORT_1 + 5] = { "sort-6", "sort by column 6" },
	[TA_SORT_1 + 6] = { "sort-7", "sort by column 7" },
	[TA_SORT_1 + 7] = { "sort-8", "sort by column 8" },
	[TA_SORT_9] = { "sort-9", "sort by column 9" },
	[TA_GRAPH] = { "graph", "the I/O graph, or back to the events" },
	[TA_ZOOM_IN] = { "zoom-in", "shorter intervals" },
	[TA_ZOOM_OUT] = { "zoom-out", "longer intervals" },
	[TA_ZOOM_FIT] = { "zoom-fit", "the whole capture" },
	[TA_SERIES_1] = { "series-1", "edit series 1's filter" },
	[TA_SERIES_1 + 1] = { "series-2", "edit series 2's filter" },
	[TA_SERIES_1 + 2] = { "series-3", "edit series 3's filter" },
	[TA_SERIES_4] = { "series-4", "edit series 4's filter" },
	[TA_TREE] = { "tree", "the processes as a tree of parents and children, or flat" },
	[TA_WINDOW] = { "time-window", "the time the view sums over a file" },
	[TA_CALLS] = { "calls", "a row per system call, or a row per event" },
	[TA_RATES] = { "rates", "the views' totals, or rates per second" },
	[TA_PANE_GROW] = { "pane-grow", "a line more for the focused pane" },
	[TA_PANE_SHRINK] = { "pane-shrink", "a line less for the focused pane" },
	[TA_ZOOM] = { "zoom", "the focused pane on the whole screen, or back" },
	[TA_HIDDEN] = { "hidden", "show the hidden events too, as -A, or hide them" },
	[TA_SPECTRO] = { "spectro", "the latency spectrogram, or back to the events" },
	[TA_LEGEND] = { "legend", "what each of the view's columns shows" },
	[TA_SIGNAL] = { "signal", "send a signal to the process of the row (live only)" },
	[TA_FKEYS] = { "function-keys", "the function key bar on the bottom line, or not" },
};

#define MODES "list, tree, hex, view, picker, stream, graph, spectro"

static const char *const mode_names[TM_COUNT] = {
	[TM_ANY] = "any", [TM_LIST] = "list", [TM_TREE] = "tree",
	[TM_HEX] = "hex", [TM_VIEW] = "view", [TM_PICK] = "picker",
	[TM_STREAM] = "stream",
	[TM_GRAPH] = "graph",
	[TM_SPECTRO] = "spectro",
};

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{ "Up", TK_UP },     { "Down", TK_DOWN }, { "Left", TK_LEFT },   { "Right", TK_RIGHT },
	{ "PgUp", TK_PGUP }, { "PgDn", TK_PGDN }, { "Home", TK_HOME },   { "End", TK_END },
	{ "Tab", '\t' },     { "BTab", TK_BTAB }, { "Enter", '\n' },     { "Esc", 27 },
	{ "BSpace", 127 },   { "Del", TK_DEL },   { "Space", ' ' },
};

const char *keymap_action_name(enum tui_action a)
{
	return a < TA_COUNT ? actions[a].name : "?";
}

struct keymap *keymap_new(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

void keymap_free(struct keymap *km)
{
	size_t i;

	if (!km)
		return;
	for (i = 0; i < km->n; i++)
		free(km->b[i].help);
	free(km->b);
	free(km);
}

/* A key name as keymap files write it; -1 if it is none. */
static int parse_key(const char *s)
{
	size_t i;
	char *end;
	long f;

	if (s[0] == 'M' && s[1] == '-' && s[2]) {
		int k = parse_key(s + 2);

		return k >= 0 && !(k & TK_META) ? k | TK_META : -1;
	}

	if (s[0] && !s[1])
		return (unsigned char)s[0];
	if (s[0] == 'C' && s[1] == '-' && s[2] && !s[3] && isalpha((unsigned char)s[2]))
		return tolower((unsigned char)s[2]) & 0x1f;
	if (s[0] == 'F' && isdigit((unsigned char)s[1])) {
		f = strtol(s + 1, &end, 10);
		return !*end && f >= 1 && f <= 12 ? TK_F1 + (int)f - 1 : -1;
	}
	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++)
		if (strcmp(s, key_names[i].name) == 0)
			return key_names[i].key;
	return -1;
}

void keymap_key_name(int key, char *buf, size_t n)
{
	size_t i;

	if (key & TK_META) {
		snprintf(buf, n, "M-");
		keymap_key_name(key & ~TK_META, buf + 2, n - 2);
		return;
	}

	for (i = 0; i < sizeof(key_names) / sizeof(key_names[0]); i++) {
		if (key_names[i].key == key) {
			snprintf(buf, n, "%s", key_names[i].name);
			return;
		}
	}
	if (key >= TK_F1 && key < TK_MAX)
		snprintf(buf, n, "F%d", key - TK_F1 + 1);
	else if (key >= 1 && key < 32)
		snprintf(buf, n, "C-%c", key + 'a' - 1);
	else
		snprintf(buf, n, "%c", key);
}

static enum tui_action parse_action(const char *s)
{
	int a;

	for (a = TA_QUIT; a < TA_COUNT; a++)
		if (strcmp(s, actions[a].name) == 0)
			return (enum tui_action)a;
	return TA_NONE;
}

/*
 * Splits line into at most max words (a double-quoted word may hold
 * spaces); returns the count, or -1 for an unterminated quote. Modifies line.
 */
static int split_words(char *line, char **w, int max, bool *quoted)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || (*p == '#' && n == 0)) /* a comment line; '#' may be a key */
			return n;
		if (n == max)
			return max + 1;
		quoted[n] = *p == '"';
		if (quoted[n]) {
			w[n++] = ++p;
			p = strchr(p, '"');
			if (!p)
				return -1;
			*p++ = 0;
			continue;
		}
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = 0;
	}
}

/* Adds b, with a copy of its help, replacing the binding of its keys and mode. */
static void add(struct keymap *km, const struct binding *b)
{
	size_t i;

	for (i = 0; i < km->n; i++) {
		if (km->b[i].key == b->key && km->b[i].prefix == b->prefix &&
		    km->b[i].mode == b->mode) {
			free(km->b[i].help);
			break;
		}
	}
	if (i == km->n) {
		if (km->n == km->cap) {
			km->cap = km->cap * 2 + 16;
			km->b = xreallocarray(km->b, km->cap, sizeof(*km->b));
		}
		km->n++;
	}
	km->b[i] = *b;
	km->b[i].help = b->help ? xstrdup(b->help) : NULL;
}

/* Formats what is wrong into err (n bytes); false. */
static bool __attribute__((format(printf, 3, 4))) fail(char *err, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, n, fmt, ap);
	va_end(ap);
	return false;
}

/* Checks one line; fills the binding, or err (n bytes) with what is wrong (false). */
static bool parse_line(char *line, struct binding *out, char *err, size_t n_err)
{
	char *w[8];
	bool quoted[8];
	int n = split_words(line, w, 7, quoted), at = 1, m;

	memset(out, 0, sizeof(*out));
	out->key = -1;
	if (n < 0)
		return fail(err, n_err, "unterminated \"");
	if (n == 0)
		return true;
	if (strcmp(w[0], "bind") != 0)
		return fail(err, n_err, "expected 'bind', not '%s'", w[0]);
	if (n > 1 && strcmp(w[1], "-m") == 0) {
		if (n < 3)
			return fail(err, n_err, "-m needs a mode (%s)", MODES);
		for (m = TM_LIST; m < TM_COUNT; m++)
			if (strcmp(w[2], mode_names[m]) == 0)
				break;
		if (m == TM_COUNT)
			return fail(err, n_err, "unknown mode '%s' (%s)", w[2], MODES);
		out->mode = (enum tui_mode)m;
		at = 3;
	}
	/* a sequence of two keys: its first, then the key after it */
	if (n >= at + 3 && !quoted[at + 1] && parse_key(w[at + 1]) >= 0) {
		out->prefix = parse_key(w[at]);
		if (out->prefix < 0)
			return fail(err, n_err, "unknown key name '%s'", w[at]);
		at++;
	}
	if (n < at + 2)
		return fail(err, n_err, "expected: bind [-m MODE] KEY [KEY] ACTION [\"help\"]");
	if (n > at + 3 || (n == at + 3 && !quoted[at + 2]))
		return fail(err, n_err, "too many words: quote the help text");
	out->key = parse_key(w[at]);
	if (out->key < 0)
		return fail(err, n_err, "unknown key name '%s'", w[at]);
	out->action = parse_action(w[at + 1]);
	if (out->action == TA_NONE && strcmp(w[at + 1], "none") != 0)
		return fail(err, n_err, "unknown action '%s'", w[at + 1]);
	out->help = n == at + 3 ? w[at + 2] : NULL;
	return true;
}

int keymap_load(struct keymap *km, const char *text, const char *source, struct diag *d)
{
	struct binding *pending = NULL;
	size_t npending = 0, cap = 0, i;
	char *copy = xstrdup(text), *line = copy, *next;
	unsigned int lineno = 0;
	int rc = 0;

	for (; line; line = next) {
		struct binding b;
		char err[128];

		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		lineno++;
		if (!parse_line(line, &b, err, sizeof(err))) {
			rc = diag_set(d, -EINVAL, lineno, "%s:%u: %s", source, lineno, err);
			break;
		}
		if (b.key < 0)
			continue;
		/* doubled, not grown by one: a file of n lines costs n, not n^2 */
		if (npending == cap)
			pending = xreallocarray(pending, cap = cap * 2 + 16, sizeof(*pending));
		pending[npending++] = b;
	}
	for (i = 0; rc == 0 && i < npending; i++)
		add(km, &pending[i]);
	free(pending);
	free(copy);
	return rc;
}

enum tui_action keymap_action(const struct keymap *km, enum tui_mode mode, int key)
{
	return keymap_action_after(km, mode, 0, key);
}

bool keymap_is_prefix(const struct keymap *km, enum tui_mode mode, int key)
{
	size_t i;

	for (i = 0; i < km->n; i++)
		if (key && km->b[i].prefix == key &&
		    (km->b[i].mode == mode || km->b[i].mode == TM_ANY))
			return true;
	return false;
}

enum tui_action keymap_action_after(const struct keymap *km, enum tui_mode mode, int prefix,
				    int key)
{
	enum tui_action any = TA_NONE;
	size_t i;

	for (i = 0; i < km->n; i++) {
		if (km->b[i].key != key || km->b[i].prefix != prefix)
			continue;
		if (km->b[i].mode == mode)
			return km->b[i].action;
		if (km->b[i].mode == TM_ANY)
			any = km->b[i].action;
	}
	return any;
}

int keymap_key_of(const struct keymap *km, enum tui_mode mode, enum tui_action a)
{
	int other = 0;
	size_t i;

	for (i = 0; i < km->n; i++) {
		const struct binding *b = &km->b[i];

		if (b->prefix || b->action != a || (b->mode != mode && b->mode != TM_ANY) ||
		    keymap_action(km, mode, b->key) != a || keymap_is_prefix(km, mode, b->key))
			continue;
		if (b->key >= TK_F1 && b->key < TK_MAX)
			return b->key;
		if (!other)
			other = b->key;
	}
	return other;
}

static const char *help_of(const struct binding *b)
{
	return b->help ? b->help : actions[b->action].help;
}

/* Whether a and b are one line of the help: the same action and text in the same mode. */
static bool same_line(const struct binding *a, const struct binding *b)
{
	return a->mode == b->mode && a->action == b->action && !strcmp(help_of(a), help_of(b));
}

/* Whether binding i starts its line of mode m's help: no binding before it is on the line. */
static bool line_starts(const struct keymap *km, size_t i, enum tui_mode m)
{
	size_t j;

	if (km->b[i].mode != m || km->b[i].action == TA_NONE)
		return false;
	for (j = 0; j < i && !same_line(&km->b[j], &km->b[i]); j++)
		;
	return j == i;
}

/* The keys of the help line binding i starts: every key (or sequence) bound to it. */
static void line_keys(const struct keymap *km, size_t i, struct sbuf *keys)
{
	char name[48];
	size_t j;

	sbuf_reset(keys);
	for (j = i; j < km->n; j++) {
		const struct binding *o = &km->b[j];

		if (!same_line(o, &km->b[i]))
			continue;
		name[0] = 0;
		if (o->prefix) {
			keymap_key_name(o->prefix, name, sizeof(name) / 2);
			strcat(name, " ");
		}
		keymap_key_name(o->key, name + strlen(name), sizeof(name) / 2);
		sbuf_printf(keys, "%s%s", keys->len ? ", " : "", name);
	}
}

void keymap_help(const struct keymap *km, struct sbuf *out)
{
	static const char *const titles[TM_COUNT] = {
		[TM_ANY] = "Everywhere",
		[TM_LIST] = "Event list",
		[TM_TREE] = "Detail tree",
		[TM_HEX] = "Hex pane",
		[TM_VIEW] = "Views",
		[TM_PICK] = "View picker",
		[TM_STREAM] = "Follow stream",
		[TM_GRAPH] = "I/O graph",
		[TM_SPECTRO] = "Latency spectrogram",
	};
	struct sbuf keys;
	size_t i;
	int m;

	sbuf_init(&keys);
	for (m = TM_ANY; m < TM_COUNT; m++) {
		int width = 8; /* the keys' column: as wide as the mode's widest, from 8 */
		bool any = false;

		for (i = 0; i < km->n; i++) {
			if (!line_starts(km, i, (enum tui_mode)m))
				continue;
			line_keys(km, i, &keys);
			if ((int)keys.len > width)
				width = (int)keys.len;
		}
		for (i = 0; i < km->n; i++) {
			if (!line_starts(km, i, (enum tui_mode)m))
				continue;
			if (!any)
				sbuf_printf(out, "%s%s\n", m == TM_ANY ? "" : "\n", titles[m]);
			any = true;
			line_keys(km, i, &keys);
			sbuf_printf(out, "  %-*s %s\n", width, keys.s, help_of(&km->b[i]));
		}
	}
	sbuf_fini(&keys);
}

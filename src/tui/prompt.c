// SPDX-License-Identifier: GPL-2.0-only
#include "prompt.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "complete.h"
#include "eng_fields.h"
#include "eng_filter.h"
#include "keymap.h"
#include "sbuf.h"
#include "xalloc.h"
#include "xdg.h"

#define HISTORY_MAX 500
#define WORDS_MAX 4096
#define VALUES_MAX 200

static struct {
	bool active, done, cancelled;
	bool after_field; /* Tab is completing the word after a field: a comparison */
	bool selected;	  /* the text it opened with: a printable key replaces it */
	enum prompt_complete complete;
	char *label;
	char *line;	 /* the accepted line */
	unsigned char in[2]; /* the bytes readline reads next */
	size_t nin, at;
	char **choices; /* the last Tab's candidates, when it had several */
	size_t nchoices;
	struct {
		char *s;
		enum prompt_word kind;
	} *words;
	size_t nwords, capwords;
	prompt_values_fn values_fn;
	void *values_arg;
	char *vals[VALUES_MAX]; /* a value's candidates, as the generator hands them out */
	size_t nvals;
	char history[4096];
	FILE *devnull;
} pr;

/* What joins comparisons. */
static const char *const logic[] = { "and", "or", "not", NULL };

static int getc_fn(FILE *f)
{
	(void)f;
	return pr.at < pr.nin ? pr.in[pr.at++] : EOF;
}

static int input_available(void)
{
	return pr.at < pr.nin;
}

/* The screen code draws the line: readline draws nothing. */
static void redisplay(void)
{
}

static void on_line(char *line)
{
	rl_callback_handler_remove();
	pr.active = false;
	if (!line) {
		pr.cancelled = true;
		return;
	}
	free(pr.line);
	pr.line = line;
	pr.done = true;
	prompt_remember(line);
}

static void forget_choices(void)
{
	size_t i;

	for (i = 0; i < pr.nchoices; i++)
		free(pr.choices[i]);
	free(pr.choices);
	pr.choices = NULL;
	pr.nchoices = 0;
}

static void show_choices(char **matches, int n, int max)
{
	int i;

	(void)max;
	forget_choices();
	pr.choices = xreallocarray(NULL, (size_t)n, sizeof(*pr.choices));
	for (i = 1; i <= n; i++)
		pr.choices[pr.nchoices++] = xstrdup(matches[i]);
}

/*
 * Candidates for text: after a field, the comparisons; elsewhere fields, the
 * words of comparisons and logic, and the words of the capture.
 */
static char *complete_next(const char *text, int state)
{
	static size_t i, phase;
	const struct eng_field *f = eng_field_all();
	size_t len = strlen(text);

	if (!state) {
		i = 0;
		phase = pr.after_field ? 2 : 0;
	}
	for (; phase < 4; phase++, i = 0) {
		for (;; i++) {
			enum eng_filter_arg arg;
			const char *w;

			if (phase == 0)
				w = f[i].name;
			else if (phase == 1)
				w = logic[i];
			else if (phase == 2)
				w = eng_filter_op(i, &arg);
			else
				w = i < pr.nwords ? pr.words[i].s : NULL;
			if (!w)
				break;
			/* the signs only after a field */
			if (strncmp(w, text, len) == 0 &&
			    (pr.after_field || isalpha((unsigned char)*w))) {
				i++;
				return xstrdup(w);
			}
		}
		if (pr.after_field)
			break;
	}
	return NULL;
}

/* Candidates for a field's value: pr.vals, in their order. */
static char *complete_value(const char *text, int state)
{
	static size_t i;

	(void)text;
	if (!state)
		i = 0;
	return i < pr.nvals ? xstrdup(pr.vals[i++]) : NULL;
}

/* Fills pr.vals with the values of field that start with text, as filter words. */
static void find_values(const char *field, const char *text)
{
	char *got[VALUES_MAX];
	size_t n, i;

	for (i = 0; i < pr.nvals; i++)
		free(pr.vals[i]);
	pr.nvals = 0;
	n = pr.values_fn(pr.values_arg, field, text, got, VALUES_MAX);
	for (i = 0; i < n; i++) {
		struct sbuf w;

		sbuf_init(&w);
		/* within quotes readline closes them; outside, a value that needs them gets them */
		if (rl_completion_quote_character)
			sbuf_puts(&w, got[i]);
		else if (!eng_filter_value(&w, got[i]))
			sbuf_reset(&w);
		if (w.len)
			pr.vals[pr.nvals++] = xstrdup(w.s);
		sbuf_fini(&w);
		free(got[i]);
	}
}

/* With none of the capture's values: the event types, or the flag names of an argument. */
static void find_words(const char *field, const char *text)
{
	enum prompt_word kind;
	size_t i;

	if (strcmp(field, "evt.type") == 0)
		kind = PW_TYPE;
	else if (strncmp(field, "evt.arg", 7) == 0 || strncmp(field, "evt.rawarg", 10) == 0)
		kind = PW_FLAG;
	else
		return;
	for (i = 0; i < pr.nwords && pr.nvals < VALUES_MAX; i++)
		if (pr.words[i].kind == kind && strncmp(pr.words[i].s, text, strlen(text)) == 0)
			pr.vals[pr.nvals++] = xstrdup(pr.words[i].s);
}

static char **complete(const char *text, int start, int end)
{
	char field[128];

	(void)end;
	rl_attempted_completion_over = 1; /* no file names, unless asked for */
	forget_choices();
	if (pr.complete == PC_FILE) {
		rl_sort_completion_matches = 1;
		rl_completion_suppress_append = 1; /* a space would end up in the name */
		return rl_completion_matches(text, rl_filename_completion_function);
	}
	if (pr.values_fn && complete_value_of(rl_line_buffer, (size_t)start -
			  (rl_completion_quote_character ? 1 : 0), field, sizeof(field))) {
		find_values(field, text);
		if (!pr.nvals)
			find_words(field, text);
		rl_sort_completion_matches = 0; /* most frequent first */
		return rl_completion_matches(text, complete_value);
	}
	pr.after_field = complete_after_field(rl_line_buffer, (size_t)start);
	rl_sort_completion_matches = !pr.after_field;
	return rl_completion_matches(text, complete_next);
}

static void history_path(void)
{
	char dir[4096];

	if (xdg_dir("XDG_STATE_HOME", ".local/state", true, dir, sizeof(dir)))
		snprintf(pr.history, sizeof(pr.history), "%s/history", dir);
}

void prompt_init(void)
{
	pr.devnull = fopen("/dev/null", "w");
	rl_readline_name = "syshark";
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_prep_term_function = NULL;
	rl_deprep_term_function = NULL;
	rl_getc_function = getc_fn;
	rl_input_available_hook = input_available;
	rl_redisplay_function = redisplay;
	rl_outstream = pr.devnull;
	rl_attempted_completion_function = complete;
	rl_completion_display_matches_hook = show_choices;
	/* (not '<' or '>': values such as tuples hold them) */
	rl_basic_word_break_characters = " \t\n()=!,\"'";
	rl_completer_quote_characters = "\"'";
	rl_completion_append_character = ' ';
	rl_variable_bind("bell-style", "none");
	using_history();
	history_path();
	if (pr.history[0])
		read_history(pr.history);
}

void prompt_set_values(prompt_values_fn fn, void *arg)
{
	pr.values_fn = fn;
	pr.values_arg = arg;
}

void prompt_fini(void)
{
	size_t i;

	for (i = 0; i < pr.nvals; i++)
		free(pr.vals[i]);
	pr.nvals = 0;
	if (pr.active)
		rl_callback_handler_remove();
	if (pr.history[0] && write_history(pr.history) == 0)
		history_truncate_file(pr.history, HISTORY_MAX);
	for (i = 0; i < pr.nwords; i++)
		free(pr.words[i].s);
	free(pr.words);
	free(pr.label);
	free(pr.line);
	forget_choices();
	if (pr.devnull)
		fclose(pr.devnull);
	memset(&pr, 0, sizeof(pr));
}

void prompt_open(const char *label, const char *text, enum prompt_complete c)
{
	/* a file name is one word up to a space or quote; a filter breaks at operators too */
	static const char file_breaks[] = " \t\n\"'";

	free(pr.label);
	pr.label = xstrdup(label);
	pr.active = true;
	pr.done = pr.cancelled = false;
	pr.complete = c;
	forget_choices();
	rl_callback_handler_install("", on_line);
	rl_completer_word_break_characters =
		c == PC_FILE ? file_breaks : rl_basic_word_break_characters;
	pr.selected = text && *text;
	if (pr.selected)
		rl_insert_text(text);
}

void prompt_close(void)
{
	if (!pr.active)
		return;
	rl_callback_handler_remove();
	pr.active = false;
	pr.cancelled = true;
}

bool prompt_active(void)
{
	return pr.active;
}

/* The byte readline knows a key by; 0 for none. */
static unsigned char key_byte(int key)
{
	static const struct {
		int key;
		unsigned char byte;
	} named[] = {
		{ TK_LEFT, 2 /* C-b */ },  { TK_RIGHT, 6 /* C-f */ }, { TK_HOME, 1 /* C-a */ },
		{ TK_END, 5 /* C-e */ },   { TK_UP, 16 /* C-p */ },   { TK_DOWN, 14 /* C-n */ },
		{ TK_DEL, 4 /* C-d */ },   { 8, 127 },		      { '\r', '\n' },
	};
	size_t i;

	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (named[i].key == key)
			return named[i].byte;
	return key > 0 && key < 256 ? (unsigned char)key : 0;
}

enum prompt_result prompt_key(int key)
{
	if (!pr.active)
		return pr.done ? PR_DONE : PR_CANCEL;
	if (key == 27 || key == 7) { /* Esc, C-g */
		prompt_close();
		return PR_CANCEL;
	}
	if (pr.selected && ((key >= ' ' && key < 127) || (key >= 128 && key < 256))) {
		rl_delete_text(0, rl_end);
		rl_point = 0;
	}
	pr.selected = false;
	/* Meta: Esc, then the key, as readline knows it */
	pr.nin = 0;
	if (key & TK_META)
		pr.in[pr.nin++] = 27;
	pr.in[pr.nin] = key_byte(key & ~TK_META);
	pr.nin += pr.in[pr.nin] != 0;
	pr.at = 0;
	while (pr.active && pr.at < pr.nin)
		rl_callback_read_char();
	if (pr.done)
		return PR_DONE;
	return pr.cancelled ? PR_CANCEL : PR_EDITING;
}

bool prompt_selected(void)
{
	return pr.active && pr.selected;
}

void prompt_remember(const char *line)
{
	HIST_ENTRY *last = history_get(history_base + history_length - 1);

	if (*line && (!last || strcmp(last->line, line) != 0))
		add_history(line);
}

const char *prompt_label(void)
{
	return pr.label ? pr.label : "";
}

const char *prompt_line(void)
{
	if (pr.active)
		return rl_line_buffer ? rl_line_buffer : "";
	return pr.done && pr.line ? pr.line : "";
}

size_t prompt_cursor(void)
{
	return pr.active ? (size_t)rl_point : strlen(prompt_line());
}

size_t prompt_choices(const char *const **words)
{
	*words = (const char *const *)pr.choices;
	return pr.nchoices;
}

void prompt_add_word(const char *word, enum prompt_word kind)
{
	size_t i;

	if (!word || !*word || strchr(word, ' ') || pr.nwords == WORDS_MAX)
		return;
	for (i = 0; i < pr.nwords; i++)
		if (strcmp(pr.words[i].s, word) == 0)
			return;
	if (pr.nwords == pr.capwords) {
		pr.capwords = pr.capwords * 2 + 64;
		pr.words = xreallocarray(pr.words, pr.capwords, sizeof(*pr.words));
	}
	pr.words[pr.nwords].s = xstrdup(word);
	pr.words[pr.nwords++].kind = kind;
}

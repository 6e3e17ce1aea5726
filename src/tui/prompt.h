/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The prompt line of the terminal interface: GNU readline driven through its
 * callback interface. The screen code feeds it keys and draws its text;
 * readline never touches the terminal itself. History is kept between runs
 * in $XDG_STATE_HOME/syshark/history (~/.local/state/syshark/history).
 */
#ifndef SYSHARK_PROMPT_H
#define SYSHARK_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

enum prompt_result {
	PR_EDITING,
	PR_DONE,   /* Enter: prompt_line() has the text */
	PR_CANCEL, /* Esc, C-g, C-d on an empty line, or prompt_close() */
};

/* Loads the history; call once before the first prompt. */
void prompt_init(void);
/* Saves the history. */
void prompt_fini(void);

/* What Tab completes in a prompt. */
enum prompt_complete {
	PC_FILTER, /* fields, operators, values and the capture's words */
	PC_FILE,   /* file names */
};

/* Starts editing text after label ("Filter: "), Tab completing what c says. */
void prompt_open(const char *label, const char *text, enum prompt_complete c);
/* Closes the prompt as Esc does. */
void prompt_close(void);
/*
 * Feeds a key (a character, or a TK_* value of keymap.h). The text the
 * prompt opened with is selected: a printable key replaces it, any other
 * key (an arrow, End, Tab) keeps it to be edited.
 */
enum prompt_result prompt_key(int key);
bool prompt_active(void);

const char *prompt_label(void);
/* Whether the text is still the selected one the prompt opened with. */
bool prompt_selected(void);
/* Adds line to the history, as if typed (a filter applied another way). */
void prompt_remember(const char *line);
/* The text being edited, or the accepted line after PR_DONE. */
const char *prompt_line(void);
/* Byte offset of the cursor in prompt_line(). */
size_t prompt_cursor(void);
/* The candidates of the last Tab that had several (borrowed, until the next Tab); their number. */
size_t prompt_choices(const char *const **words);

/*
 * Values of a field for Tab after "FIELD =" and the like: up to max values
 * of field that start with prefix, most frequent first, as new strings into
 * out; their number. It must not block.
 */
typedef size_t (*prompt_values_fn)(void *arg, const char *field, const char *prefix, char **out,
				   size_t max);
void prompt_set_values(prompt_values_fn fn, void *arg);

/* What a word Tab completes is. */
enum prompt_word {
	PW_NAME, /* a name in the capture: anywhere but as another field's value */
	PW_TYPE, /* an event type: anywhere but as a field's value other than evt.type's */
	PW_FLAG, /* a flag's name: anywhere but as a field's value other than an argument's */
};

/* Words Tab completes besides field names and operators (copied). */
void prompt_add_word(const char *word, enum prompt_word kind);

#endif

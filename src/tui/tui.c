// SPDX-License-Identifier: GPL-2.0-only
/*
 * The full-screen interface's loop: it sets the terminal up, reads keys
 * through the keymap, hands them to the prompt (readline's, prompt.c) or to
 * the actions (ui_act.c), and redraws (ui_draw.c) when something changed.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include "tui.h"

#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prompt.h"
#include "schema.h"
#include "sf_gunzip.h"
#include "ui_events.h"
#include "xalloc.h"

static volatile sig_atomic_t quit_signal, interrupts;

static void on_signal(int sig)
{
	if (sig == SIGINT)
		interrupts++;
	else
		quit_signal = sig;
}

/* The question that one key answers was answered by key (Esc, Ctrl-C: no). */
static void answered(struct ui *u, int key)
{
	prompt_close();
	u->pk = PK_NONE;
	if (u->signal_pid)
		ui_signal_answer(u, key);
	else
		u->panel->ops->prompt_done(u->panel, u, PK_CONFIRM,
					   key == 'y' || key == 'Y' ? "y" : "n");
}

/*
 * Ctrl-C: closes an open prompt, as readline's users expect; otherwise
 * quits as q does, asking first if live events would be lost (and quitting
 * on a second one). Whether to quit.
 */
static bool interrupted(struct ui *u)
{
	enum prompt_kind pk = u->pk;

	if (pk == PK_CONFIRM) {
		answered(u, 27);
		return false;
	}
	if (pk != PK_NONE) {
		prompt_close();
		u->pk = PK_NONE;
		return false;
	}
	return u->asking || ui_quit(u);
}

/* A curses key as the keymap knows it. */
static int map_key(int ch)
{
	switch (ch) {
	case KEY_UP:
		return TK_UP;
	case KEY_DOWN:
		return TK_DOWN;
	case KEY_LEFT:
		return TK_LEFT;
	case KEY_RIGHT:
		return TK_RIGHT;
	case KEY_PPAGE:
		return TK_PGUP;
	case KEY_NPAGE:
		return TK_PGDN;
	case KEY_HOME:
		return TK_HOME;
	case KEY_END:
		return TK_END;
	case KEY_BTAB:
		return TK_BTAB;
	case KEY_DC:
		return TK_DEL;
	case KEY_ENTER:
	case '\r':
		return '\n';
	case KEY_BACKSPACE:
	case 8:
		return 127;
	default:
		if (ch >= KEY_F(1) && ch <= KEY_F(12))
			return TK_F1 + ch - KEY_F(1);
		return ch;
	}
}

/*
 * Meta with key ch, in a prompt (readline's M-b, M-f, M-d) or if the screen
 * binds it; else Esc alone, ch coming next (a quick Esc then q still closes
 * and quits, and Esc answers no to a question).
 */
static int meta_key(struct ui *u, int ch)
{
	int key = TK_META | map_key(ch);

	if ((u->pk != PK_NONE && u->pk != PK_CONFIRM) ||
	    (u->pk == PK_NONE && keymap_action(u->km, u->panel->ops->mode(u->panel, u), key)))
		return key;
	ungetch(ch);
	return 27;
}

/*
 * The key an Esc starts, read at once: Home and End as xterm and tmux send
 * them whatever TERM says, Meta with a key (M-x), or Esc alone; 0 for
 * another sequence, which is read whole and ignored.
 */
static int after_esc(struct ui *u)
{
	static const struct {
		const char *seq; /* after the Esc */
		int key;
	} seqs[] = {
		{ "[H", TK_HOME }, { "[F", TK_END }, { "OH", TK_HOME }, { "OF", TK_END },
		{ "[1~", TK_HOME }, { "[4~", TK_END }, { "[7~", TK_HOME }, { "[8~", TK_END },
	};
	char got[16];
	size_t n = 0, i;
	int ch;

	timeout(25);
	ch = getch();
	if (ch == ERR || ch == 27)
		return 27;
	if (ch != '[' && ch != 'O')
		return meta_key(u, ch);
	got[n++] = (char)ch;
	/* a sequence ends with its first byte from @ to ~ */
	while (n < sizeof(got) - 1 && (ch = getch()) != ERR) {
		got[n++] = (char)ch;
		if (ch >= '@' && ch <= '~')
			break;
	}
	got[n] = 0;
	for (i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++)
		if (strcmp(got, seqs[i].seq) == 0)
			return seqs[i].key;
	return n == 1 ? meta_key(u, got[0]) : 0;
}

/* Says the live capture has ended, after the message there is (a signal sent, ...). */
static void ended_message(struct ui *u)
{
	char before[sizeof(u->msg)];

	snprintf(before, sizeof(before), "%s", u->msg);
	if (before[0] && u->pk != PK_CONFIRM)
		ui_message(u, u->msg_bad, "%s; the capture has ended", before);
	else
		ui_message(u, false, "the capture has ended");
}

/* Loads the built-in keymap, then the user's if there is one. */
static struct keymap *load_keymap(void)
{
	struct keymap *km = keymap_new();
	struct diag d = { 0 };
	char path[4096];
	struct sbuf text;
	int rc;

	if (keymap_load(km, keymap_default_text, "default.keys", &d) < 0) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		keymap_free(km);
		return NULL;
	}
	sbuf_init(&text);
	rc = ui_config_read("keys", &text, path, sizeof(path));
	if (rc < 0 && rc != -ENOENT) {
		fprintf(stderr, "syshark: %s: %s\n", path, ui_config_strerror(rc));
		keymap_free(km);
		km = NULL;
	} else if (rc == 0 && keymap_load(km, text.s ? text.s : "", path, &d) < 0) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		keymap_free(km);
		km = NULL;
	}
	sbuf_fini(&text);
	return km;
}

/* Loads the list's columns the user saved, if any; false after saying why it cannot. */
static bool load_columns(struct ui *u)
{
	struct diag d = { 0 };
	char path[4096];
	struct sbuf text;
	bool ok = true;
	int rc;

	sbuf_init(&text);
	rc = ui_config_read("columns", &text, path, sizeof(path));
	if (rc < 0 && rc != -ENOENT) {
		fprintf(stderr, "syshark: %s: %s\n", path, ui_config_strerror(rc));
		ok = false;
	} else if (rc == 0 && tview_cols_load(u->v, text.s ? text.s : "", path, &d) < 0) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		ok = false;
	}
	sbuf_fini(&text);
	return ok;
}

/*
 * A switch the user may set in config file name, "on" or "off": into *on
 * (left as it is if there is no file); false after saying why it cannot.
 */
static bool load_switch(const char *name, bool *on)
{
	char path[4096];
	struct sbuf text;
	bool ok = true;
	int rc;

	sbuf_init(&text);
	rc = ui_config_read(name, &text, path, sizeof(path));
	if (rc < 0 && rc != -ENOENT) {
		fprintf(stderr, "syshark: %s: %s\n", path, ui_config_strerror(rc));
		ok = false;
	} else if (rc == 0) {
		const char *s = text.s ? text.s : "";
		int n = (int)strcspn(s, "\n");

		if (n == 2 && strncmp(s, "on", 2) == 0) {
			*on = true;
		} else if (n == 3 && strncmp(s, "off", 3) == 0) {
			*on = false;
		} else {
			fprintf(stderr, "syshark: %s:1: \"%.*s\" is neither on nor off\n", path, n, s);
			ok = false;
		}
	}
	sbuf_fini(&text);
	return ok;
}

/* Calls mode and the function key bar: on unless the user turned them off; false if not read. */
static bool load_switches(struct ui *u)
{
	bool calls = true;

	u->fkeys = true;
	if (!load_switch("calls", &calls) || !load_switch("fkeys", &u->fkeys))
		return false;
	tview_set_calls(u->v, calls);
	return true;
}

void ui_switch_save(struct ui *u, const char *name, bool on)
{
	char path[4096];
	int rc = ui_config_write(name, on ? "on\n" : "off\n", path, sizeof(path));

	if (rc < 0)
		ui_message(u, true, "%s is not saved: %s: %s", name, path, strerror(-rc));
}

void ui_cols_save(struct ui *u)
{
	char path[4096];
	struct sbuf text;
	int rc;

	sbuf_init(&text);
	tview_cols_text(u->v, &text);
	rc = ui_config_write("columns", text.s, path, sizeof(path));
	if (rc < 0)
		ui_message(u, true, "the columns are not saved: %s: %s", path, strerror(-rc));
	sbuf_fini(&text);
}

void ui_cols_forget(struct ui *u)
{
	char path[4096];
	int rc = ui_config_remove("columns", path, sizeof(path));

	if (rc < 0 && rc != -ENOENT)
		ui_message(u, true, "the saved columns stay: %s: %s", path, strerror(-rc));
	else
		ui_message(u, false, "the columns are laid out for the width again");
}

/* The values of field for Tab, counted on a walk started the first time they are asked for. */
static size_t field_values(void *arg, const char *field, const char *prefix, char **out, size_t max)
{
	struct ui *u = arg;
	struct eng_fref fr;
	unsigned int i;

	if (!eng_field_lookup(field, &fr, NULL))
		return 0;
	for (i = 0; i < UI_VALUE_FIELDS; i++)
		if (u->vals[i].field && strcmp(u->vals[i].field, field) == 0)
			break;
	if (i == UI_VALUE_FIELDS) {
		i = u->vals_next;
		u->vals_next = (i + 1) % UI_VALUE_FIELDS;
		free(u->vals[i].field);
		eng_values_free(u->vals[i].values);
		u->vals[i].field = xstrdup(field);
		u->vals[i].values = eng_values_start(tview_index(u->v), &fr, NULL);
		/* a moment for a small capture to be counted whole; a big one hands out what it has */
		if (u->vals[i].values)
			eng_values_done(u->vals[i].values, 150);
	}
	return u->vals[i].values ? eng_values_top(u->vals[i].values, prefix, out, max) : 0;
}

/* Whether the capture shown is still being written: live, or being inflated. */
static bool still_written(const struct ui *u)
{
	return u->gz ? !sf_gunzip_done(u->gz) : u->src->running(u->src->arg);
}

/*
 * Waits for the first bytes of a capture still being written, for as long
 * as it is written (a probe may take seconds to load); false if it ended
 * without any, or a signal came first. A live capture that ended first is
 * in its complete file, which *path becomes.
 */
static bool first_bytes(const struct ui *u, const char **path)
{
	struct stat sb;

	while (!quit_signal && !interrupts) {
		if (stat(*path, &sb) == 0 && sb.st_size > 0)
			return true;
		if (!still_written(u)) {
			if (u->src->live && stat(*path, &sb) < 0)
				*path = u->src->path;
			return stat(*path, &sb) == 0 && sb.st_size > 0;
		}
		napms(10);
	}
	return false;
}

/* Puts the damage the capture's walk met on the message line at once; false if none yet. */
static bool show_damage(struct ui *u)
{
	struct tview_status st;

	tview_status(u->v, &st);
	if (st.error)
		ui_message(u, true, "%s", st.error);
	return st.error != NULL;
}

static bool is_regular(const char *path)
{
	struct stat st;

	return stat(path, &st) < 0 || S_ISREG(st.st_mode);
}

/*
 * Opens the capture: a gzip file or a pipe is inflated or copied on a
 * thread as it is shown.
 * Returns 0, or the exit status for tui_run.
 */
static int open_view(struct ui *u)
{
	const char *path = u->src->file ? u->src->file : u->src->path;
	struct diag d = { 0 };

	/* a pipe is read once: it is copied (or inflated) to a file as it comes */
	if (!u->src->live && (!is_regular(path) || sf_is_gzip(path))) {
		u->gz = sf_gunzip_start(path, &d);
		if (!u->gz) {
			fprintf(stderr, "syshark: %s\n", d.msg);
			return 1;
		}
		path = sf_gunzip_path(u->gz);
	}
	if ((u->src->live || u->gz) && !first_bytes(u, &path)) {
		if (!u->gz)
			return -1;
		fprintf(stderr, "syshark: %s: %s\n", u->src->path,
			sf_gunzip_error(u->gz) ? sf_gunzip_error(u->gz) : "no data in it");
		return 1;
	}
	u->v = tview_open(path, u->src->live || u->gz, &d);
	/* a live capture that ended since has renamed its file into place */
	if (!u->v && u->src->live && path == u->src->file && access(path, F_OK) < 0 &&
	    !still_written(u)) {
		memset(&d, 0, sizeof(d));
		u->v = tview_open(u->src->path, true, &d);
	}
	if (!u->v) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		return 1;
	}
	return 0;
}

/*
 * While curses has the terminal, stderr goes to an unlinked file (a live
 * capture may print there); its text comes out once the screen is gone.
 */
static int stderr_hold(void)
{
	const char *dir = getenv("TMPDIR");
	int saved = dup(STDERR_FILENO);
	int fd = open(dir && *dir ? dir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);

	if (saved < 0 || fd < 0 || dup2(fd, STDERR_FILENO) < 0) {
		if (fd >= 0)
			close(fd);
		if (saved >= 0)
			close(saved);
		return -1;
	}
	close(fd);
	return saved;
}

static void stderr_release(int saved)
{
	char buf[4096];
	ssize_t n;
	off_t at = 0;

	if (saved < 0)
		return;
	fflush(stderr);
	while ((n = pread(STDERR_FILENO, buf, sizeof(buf), at)) > 0) {
		if (write(saved, buf, (size_t)n) != n)
			break;
		at += n;
	}
	dup2(saved, STDERR_FILENO);
	close(saved);
}

void ui_pop_to_list(struct ui *u)
{
	while (u->panel->below)
		ui_pop(u);
}

int tui_run(const struct tui_source *src, const char *filter)
{
	struct ui u = { .path = src->path, .src = src };
	struct sigaction sa;
	struct diag d = { 0 };
	int status = 0, held, prefix = 0;
	bool redraw = true, damage_told = false;
	struct panel *p;

	setlocale(LC_CTYPE, "");
	u.km = load_keymap();
	if (!u.km)
		return 2;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	status = open_view(&u);
	if (!status && (!load_columns(&u) || !load_switches(&u)))
		status = 2;
	if (!status && filter && tview_set_filter(u.v, filter, &d) < 0) {
		fprintf(stderr, "syshark: filter column %u: %s\n", d.col, d.msg);
		status = 2;
	}
	if (status) {
		tview_free(u.v);
		sf_gunzip_free(u.gz);
		keymap_free(u.km);
		return status;
	}
	u.events = u.panel = ui_events_new(&u);
	prompt_init();
	prompt_set_values(field_values, &u);
	/* event types and flag names complete anywhere */
	for (uint16_t t = 0; t < EV_MAX; t++)
		if (!(ev_table[t].flags & EV_F_UNUSED))
			prompt_add_word(ev_table[t].name, PW_TYPE);
	for (int t = 0; t < EV_TT_MAX; t++)
		for (unsigned int k = 0; k < ev_tok_tables[t].ntoks; k++)
			prompt_add_word(ev_tok_tables[t].toks[k].name, PW_FLAG);
	held = stderr_hold();
	initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	if (!src->no_mouse) {
		/*
		 * presses, at once: no waiting to tell clicks from presses; releases
		 * too, as curses would block reading on for an event it may report
		 */
		mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);
	}
	ui_colors(&u);
	ui_layout(&u);
	u.interval = src->interval > 0 ? src->interval : 1;
	if (src->top && (p = ui_views_new(&u, src->top, filter)))
		ui_push(&u, p);
	while (!quit_signal) {
		enum panel_next next;
		enum tui_action a;
		int ch, key;

		if (interrupts) {
			interrupts = 0;
			if (interrupted(&u))
				break;
			redraw = true;
		}
		p = u.panel;
		if ((src->live || u.gz) && !u.ended && !still_written(&u)) {
			/* the capture ended (its command exited, its duration passed), or is inflated */
			tview_follow_end(u.v);
			u.ended = true;
			if (u.gz && sf_gunzip_error(u.gz))
				ui_message(&u, true, "%s", sf_gunzip_error(u.gz));
			else if (src->live && !u.asking) /* (a question to quit stays) */
				ended_message(&u);
			redraw = true;
		}
		if (!damage_told && show_damage(&u))
			damage_told = redraw = true;
		if (p->ops->tick(p, &u) || redraw) {
			ui_draw(&u);
			redraw = false;
		}
		timeout(p->tick_ms);
		ch = getch();
		if (ch == ERR)
			continue;
		redraw = true;
		ui_find_stop(&u);
		if (ch == KEY_RESIZE) {
			ui_layout(&u);
			clear();
			continue;
		}
		if (ch == KEY_MOUSE) {
			struct ui_click c;

			if (ui_mouse_read(&u, &c) && u.pk == PK_NONE)
				p->ops->mouse(p, &u, &c);
			continue;
		}
		key = ch == 27 ? after_esc(&u) : map_key(ch);
		if (!key)
			continue;
		if (u.pk == PK_CONFIRM) {
			answered(&u, key);
			continue;
		}
		if (u.pk != PK_NONE) {
			enum prompt_result r = prompt_key(key);
			enum prompt_kind pk = u.pk;

			if (r == PR_DONE) {
				u.pk = PK_NONE;
				p->ops->prompt_done(p, &u, pk, prompt_line());
			} else if (r == PR_CANCEL) {
				u.pk = PK_NONE;
			} else {
				u.caret_msg[0] = 0;
			}
			continue;
		}
		u.msg[0] = 0;
		if (!prefix && keymap_is_prefix(u.km, p->ops->mode(p, &u), key)) {
			prefix = key; /* the first key of a sequence: the next one says what to do */
			continue;
		}
		a = keymap_action_after(u.km, p->ops->mode(p, &u), prefix, key);
		prefix = 0;
		if (u.asking) {
			u.asking = key == 'y';
			if (u.asking)
				break;
			if (a != TA_SAVE)
				continue;
		}
		/* quit, help, redraw and the bar are the same on every screen but the help */
		if (p->ops->mode(p, &u) != TM_ANY &&
		    (a == TA_QUIT || a == TA_HELP || a == TA_REDRAW || a == TA_FKEYS)) {
			if (a == TA_QUIT && ui_quit(&u))
				break;
			if (a == TA_HELP)
				ui_push(&u, ui_help_new(&u));
			if (a == TA_FKEYS) {
				u.fkeys = !u.fkeys;
				ui_switch_save(&u, "fkeys", u.fkeys);
			}
			if (a == TA_REDRAW || a == TA_FKEYS)
				clear();
			continue;
		}
		next = p->ops->key(p, &u, key, a);
		if (next == PN_QUIT)
			break;
		if (next == PN_POP)
			ui_pop(&u);
		if (next == PN_LIST)
			ui_pop_to_list(&u);
	}
	if (src->live && !u.ended) {
		src->stop(src->arg);
		tview_follow_end(u.v);
	}
	if (u.gz && !u.ended)
		tview_follow_end(u.v);
	endwin();
	stderr_release(held);
	prompt_fini();
	ui_pop_to_list(&u);
	ui_events_free(&u);
	ui_graph_free(&u);
	for (size_t i = 0; i < UI_VALUE_FIELDS; i++) {
		free(u.vals[i].field);
		eng_values_free(u.vals[i].values);
	}
	free(u.overwrite);
	tview_free(u.v);
	sf_gunzip_free(u.gz);
	keymap_free(u.km);
	if (quit_signal == SIGTERM || quit_signal == SIGHUP)
		status = 1;
	return status;
}

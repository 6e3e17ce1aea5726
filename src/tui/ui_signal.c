// SPDX-License-Identifier: GPL-2.0-only
/*
 * F8: a signal to the process of a row of a live capture, as csysdig's
 * actions: the question (one key picks the signal, any other sends none),
 * then kill(2) and its result on the message line. Never to PID 1 or
 * below, to syshark itself, or over a file, whose PIDs may be anyone's now.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui_events.h"
#include "xalloc.h"

/* The signals offered, by the key that picks one. */
static const struct {
	int key;
	int sig;
	const char *name;
} signals[] = {
	{ 't', SIGTERM, "SIGTERM" }, { 'k', SIGKILL, "SIGKILL" }, { 'i', SIGINT, "SIGINT" },
	{ 'h', SIGHUP, "SIGHUP" },   { 's', SIGSTOP, "SIGSTOP" }, { 'c', SIGCONT, "SIGCONT" },
	{ '1', SIGUSR1, "SIGUSR1" }, { '2', SIGUSR2, "SIGUSR2" },
};

void ui_signal_ask(struct ui *u, long pid, const char *name, const char *what)
{
	char key[48] = "F8", q[256];
	int k = keymap_key_of(u->km, u->panel->ops->mode(u->panel, u), TA_SIGNAL);

	if (k)
		keymap_key_name(k, key, sizeof(key));
	if (!u->src->live || u->ended) {
		ui_message(u, true, "%s works on a live capture only", key);
		return;
	}
	if (!pid) {
		ui_message(u, true, "%s", what);
		return;
	}
	if (pid <= 1 || pid == (long)getpid()) {
		ui_message(u, true, "PID %ld is not signalled from here", pid);
		return;
	}
	u->signal_pid = pid;
	snprintf(u->signal_name, sizeof(u->signal_name), "%s", name);
	snprintf(q, sizeof(q),
		 "Send which signal to PID %ld (%s)? [t]erm [k]ill [i]nt [h]up [s]top [c]ont "
		 "[1]usr1 [2]usr2, Esc cancels ",
		 pid, name);
	ui_open_prompt(u, PK_CONFIRM, q, NULL);
}

void ui_signal_answer(struct ui *u, int key)
{
	long pid = u->signal_pid;
	size_t i;

	u->signal_pid = 0;
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (key < 128 && tolower(key) == signals[i].key)
			break;
	if (i == sizeof(signals) / sizeof(signals[0]))
		ui_message(u, false, "no signal sent to %ld", pid);
	else if (kill((pid_t)pid, signals[i].sig) < 0)
		ui_message(u, true, "cannot signal %ld: %s", pid, strerror(errno));
	else
		ui_message(u, false, "sent %s to %ld (%s)", signals[i].name, pid, u->signal_name);
}

/* The value of the tree node whose filter is "field = value", unquoted; NULL if none. */
static char *node_value(const struct events *ev, const char *field)
{
	size_t n = strlen(field);
	unsigned int i;

	for (i = 0; i < ev->nnodes; i++) {
		const char *f = ev->nodes[i].filter, *v;
		size_t len;

		if (!f || strncmp(f, field, n) != 0 || strncmp(f + n, " = ", 3) != 0)
			continue;
		v = f + n + 3;
		len = strlen(v);
		if (len >= 2 && (v[0] == '"' || v[0] == '\'') && v[len - 1] == v[0])
			return xstrndup(v + 1, len - 2);
		return xstrdup(v);
	}
	return NULL;
}

long ui_signal_pid(const char *text)
{
	char *end;
	long pid;

	if (!text || !isdigit((unsigned char)text[0]))
		return 0;
	errno = 0;
	pid = strtol(text, &end, 10);
	return *end || errno ? 0 : pid;
}

void ui_signal_event(struct ui *u)
{
	const struct events *ev = ui_ev(u);
	char *pid = node_value(ev, "proc.pid"), *name = node_value(ev, "proc.name");

	ui_signal_ask(u, ui_signal_pid(pid), name ? name : "", "the event has no process");
	free(pid);
	free(name);
}

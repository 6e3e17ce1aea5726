// SPDX-License-Identifier: GPL-2.0-only
/*
 * procinfo events from /proc. The reading thread walks /proc/PID/task/TID
 * once an interval, reads utime and stime (fields 14 and 15 of stat) of
 * each thread and encodes an event per thread into a batch of its own;
 * then, holding the lock only to swap buffers, makes it the ready batch.
 * A thread that ends during the walk is left out. procinfo_take() swaps
 * the ready batch out with a trylock, so the capture loop never waits.
 */
#define _GNU_SOURCE
#include "procinfo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "sbuf.h"
#include "schema.h"
#include "xalloc.h"

#define PI_EV_LEN 46 /* header 26, two lengths, two u64 */

struct procinfo {
	char *root;
	unsigned int interval_ms;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stop;
	struct sbuf ready; /* encoded events, not taken yet */
};

/* utime and stime of the thread whose stat file is path; false if it is gone. */
static bool read_times(const char *path, uint64_t *utime, uint64_t *stime)
{
	char buf[1024], *p;
	unsigned long long u, s;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = 0;
	/* the command, in parentheses, may hold spaces: fields count from its end */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &u,
			 &s) != 2)
		return false;
	*utime = u;
	*stime = s;
	return true;
}

static void put_event(struct sbuf *o, uint64_t ts, int64_t tid, uint64_t utime, uint64_t stime)
{
	uint8_t ev[PI_EV_LEN];

	buf_put_le64(ev, ts);
	buf_put_le64(ev + 8, (uint64_t)tid);
	buf_put_le32(ev + 16, PI_EV_LEN);
	buf_put_le16(ev + 20, EV_PROCINFO_E);
	buf_put_le32(ev + 22, 2);
	buf_put_le16(ev + 26, 8);
	buf_put_le16(ev + 28, 8);
	buf_put_le64(ev + 30, utime);
	buf_put_le64(ev + 38, stime);
	sbuf_put(o, ev, sizeof(ev));
}

/* A number made only of digits, as the names of /proc's process and task directories. */
static bool all_digits(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

/* One walk: an event per thread into out. */
static void walk(const struct procinfo *p, struct sbuf *out)
{
	struct timespec now;
	struct dirent *pe, *te;
	DIR *procs, *tasks;
	uint64_t ts, ut, st;
	char path[512];

	clock_gettime(CLOCK_REALTIME, &now);
	ts = (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
	procs = opendir(p->root);
	if (!procs)
		return;
	while ((pe = readdir(procs))) {
		if (!all_digits(pe->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s/task", p->root, pe->d_name);
		tasks = opendir(path);
		if (!tasks)
			continue; /* the process ended */
		while ((te = readdir(tasks))) {
			if (!all_digits(te->d_name))
				continue;
			snprintf(path, sizeof(path), "%s/%s/task/%s/stat", p->root, pe->d_name,
				 te->d_name);
			if (read_times(path, &ut, &st))
				put_event(out, ts, strtoll(te->d_name, NULL, 10), ut, st);
		}
		closedir(tasks);
	}
	closedir(procs);
}

static void *procinfo_main(void *arg)
{
	struct procinfo *p = arg;
	struct sbuf batch;
	struct timespec until;

	sbuf_init(&batch);
	pthread_mutex_lock(&p->lock);
	while (!p->stop) {
		pthread_mutex_unlock(&p->lock);
		sbuf_reset(&batch);
		walk(p, &batch);
		pthread_mutex_lock(&p->lock);
		/* a batch not taken yet is replaced: its times are older */
		sbuf_reset(&p->ready);
		sbuf_put(&p->ready, batch.s, batch.len);
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += p->interval_ms / 1000;
		until.tv_nsec += (long)(p->interval_ms % 1000) * 1000000L;
		if (until.tv_nsec >= 1000000000L) {
			until.tv_sec++;
			until.tv_nsec -= 1000000000L;
		}
		while (!p->stop && pthread_cond_timedwait(&p->wake, &p->lock, &until) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&p->lock);
	sbuf_fini(&batch);
	return NULL;
}

struct procinfo *procinfo_start(const char *root, unsigned int interval_ms)
{
	struct procinfo *p = xcalloc(1, sizeof(*p));
	pthread_condattr_t ca;
	int rc;

	p->root = xstrdup(root);
	p->interval_ms = interval_ms;
	sbuf_init(&p->ready);
	pthread_mutex_init(&p->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&p->wake, &ca);
	pthread_condattr_destroy(&ca);
	rc = pthread_create(&p->thread, NULL, procinfo_main, p);
	if (rc) {
		pthread_cond_destroy(&p->wake);
		pthread_mutex_destroy(&p->lock);
		sbuf_fini(&p->ready);
		free(p->root);
		free(p);
		errno = rc;
		return NULL;
	}
	return p;
}

void procinfo_free(struct procinfo *p)
{
	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_signal(&p->wake);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_cond_destroy(&p->wake);
	pthread_mutex_destroy(&p->lock);
	sbuf_fini(&p->ready);
	free(p->root);
	free(p);
}

int procinfo_take(struct procinfo *p, uint64_t min_ts, procinfo_fn fn, void *arg)
{
	struct sbuf batch;
	size_t off;
	int rc = 0;

	if (pthread_mutex_trylock(&p->lock) != 0)
		return 0;
	if (!p->ready.len) {
		pthread_mutex_unlock(&p->lock);
		return 0;
	}
	batch = p->ready;
	sbuf_init(&p->ready);
	pthread_mutex_unlock(&p->lock);
	for (off = 0; !rc && off + PI_EV_LEN <= batch.len; off += PI_EV_LEN) {
		uint8_t *ev = (uint8_t *)batch.s + off;

		if (buf_le64(ev) < min_ts)
			buf_put_le64(ev, min_ts);
		rc = fn(arg, ev, PI_EV_LEN);
	}
	sbuf_fini(&batch);
	return rc;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Live capture. The probe's events become event blocks of a new capture:
 * a section header, the state snapshot of the running system, then the
 * events as they come. Without a filter, -w writes the blocks straight to
 * the file (gathered into large writes); otherwise they go through the
 * engine, block by block, to the same printer print mode uses, which
 * prints them or writes the chosen ones (with what decoding them needs).
 *
 * At the end a state-only notification event records the number of events
 * the probe dropped (ENG_DROPS_ID), so that --stats can tell it later.
 *
 * A command (-- CMD) runs in a process group of its own and is ended with
 * the capture, as timeout(1) ends one: SIGTERM to the group, then SIGKILL
 * after CMD_GRACE_S. Should syshark itself be killed, the kernel sends the
 * command SIGKILL (PR_SET_PDEATHSIG).
 *
 * Once a second a procinfo event for every thread of the system
 * (procinfo.h) goes in between the probe's events, for thread.cpu.
 *
 * For the terminal interface the capture keeps its health (live_health.h):
 * after every poll the drops so far, and every second the events and drops
 * per second over it and the ring buffer's fill at its fullest.
 */
#define _GNU_SOURCE
#include "capture.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "eng_index.h"
#include "eng_replay.h"
#include "monotime.h"
#include "probe.h"
#include "probe_snapshot.h"
#include "procinfo.h"
#include "sbuf.h"
#include "schema.h"
#include "sf_encode.h"
#include "sf_reader.h"
#include "sf_writer.h"

#define FILE_BUFFER (1u << 20)
#define POLL_MS 50
#define CMD_GRACE_S 2.0 /* between SIGTERM and SIGKILL to the command */

static volatile sig_atomic_t stop_signal;
static atomic_bool stop_request; /* capture_stop() */

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

static bool stopping(void)
{
	return stop_signal || atomic_load(&stop_request);
}

struct capture {
	const struct capture_opts *o;
	struct sf_writer *w; /* the file, or the stream into the engine */
	struct eng_replay *r; /* the engine, when events go through it */
	struct printer *pr;
	struct eng_evt e;
	struct eng_index *ix; /* -w without a filter: the file's index, as it grows */
	struct eng_replay *ixr; /* the state the index's checkpoints hold (and --rules read) */
	struct print_opts alert_opts; /* -w with --rules: the alerts printed as the file grows */
	uint64_t events;      /* events taken from the probe */
	uint64_t last_ts;     /* of the last one */
	uint64_t block_off;   /* offset of the next block in the stream */
	bool done;	      /* the count is reached or output failed */
	struct diag wd;	      /* the write error that stopped the capture */
	bool werr;
	bool full; /* the file reached o->max_bytes */
	struct procinfo *pi; /* or NULL */
	/* the health's second so far: its start, the counts then, the ring's peak */
	double h_start;
	uint64_t h_events, h_dropped, h_peak;
};


/* The block at p (n bytes, at offset off of its stream). */
static struct sf_block block_at(const uint8_t *p, uint32_t n, uint64_t off)
{
	struct sf_block b = {
		.type = buf_le32(p),
		.off = off,
		.total_len = n,
		.body = p + 8,
		.body_len = n - 12,
	};

	sf_classify(&b);
	return b;
}

/* A block written to the file: its events go into the file's index, and raise their alerts. */
static void index_block(void *arg, const uint8_t *p, uint32_t n, uint64_t off)
{
	struct capture *c = arg;
	struct sf_block b = block_at(p, n, off);

	if (eng_replay_feed(c->ixr, &b, &c->e, NULL) != 1)
		return;
	if (c->pr && printer_event(c->pr, c->ixr, &c->e))
		c->done = true;
	if (c->ix && eng_index_live_add(c->ix, c->ixr, &c->e) < 0) {
		eng_index_free(c->ix); /* out of step: reopening the file builds it */
		c->ix = NULL;
	}
}

/* A block of the stream into the engine: one event or state block. */
static int feed_block(void *arg, const uint8_t *p, uint32_t n, struct diag *d)
{
	struct capture *c = arg;
	struct sf_block b = block_at(p, n, c->block_off);
	int rc;

	c->block_off += n;
	rc = eng_replay_feed(c->r, &b, &c->e, d);
	if (rc == 1 && printer_event(c->pr, c->r, &c->e))
		c->done = true;
	return rc < 0 ? rc : 0;
}

static int on_event(void *arg, const uint8_t *ev, uint32_t len, uint16_t cpu)
{
	struct capture *c = arg;
	uint16_t type = buf_le16(ev + 20);
	const struct ev_info *ei = ev_info_get(type);
	bool large = ei && (ei->flags & EV_F_LARGE_PAYLOAD);

	c->events++;
	c->last_ts = buf_le64(ev);
	if (sf_writer_ev(c->w, cpu, 0, large, ev, len, &c->wd) < 0) {
		c->werr = c->done = true;
		return 1;
	}
	if (!c->r && c->o->po->count && c->events >= c->o->po->count)
		c->done = true;
	if (c->o->max_bytes && sf_writer_bytes(c->w) >= c->o->max_bytes)
		c->full = c->done = true;
	return c->done || stopping();
}

/* A procinfo event, written as the probe's are but not counted with them. */
static int on_procinfo(void *arg, const uint8_t *ev, uint32_t len)
{
	struct capture *c = arg;

	if (sf_writer_ev(c->w, 0, 0, false, ev, len, &c->wd) < 0) {
		c->werr = c->done = true;
		return 1;
	}
	return 0;
}

/* After a poll: the drops so far and, once a second is over, the figures over it. */
static void health_update(struct capture *c, struct probe *p)
{
	struct live_health *h = c->o->health;
	struct probe_stats st;
	double now = mono_now(), secs = now - c->h_start;
	uint64_t drops;

	probe_stats(p, &st);
	atomic_store(&h->dropped, st.dropped);
	atomic_store(&h->bytes, sf_writer_bytes(c->w));
	if (st.ring_peak > c->h_peak)
		c->h_peak = st.ring_peak;
	if (secs < 1)
		return;
	atomic_store(&h->events_per_s, (uint64_t)((double)(c->events - c->h_events) / secs + 0.5));
	drops = st.dropped > c->h_dropped ? st.dropped - c->h_dropped : 0;
	atomic_store(&h->drops_per_s, (uint64_t)((double)drops / secs + 0.5));
	atomic_store(&h->ring_pct, (uint32_t)((c->h_peak * 100 + st.ring_size / 2) / st.ring_size));
	atomic_fetch_add(&h->seconds, 1);
	c->h_start = now;
	c->h_events = c->events;
	c->h_dropped = st.dropped;
	c->h_peak = 0;
}

/* The section header: version 1.2, no options, length unknown. */
static int write_shb(struct sf_writer *w, struct diag *d)
{
	struct sbuf b;
	int rc;

	sbuf_init(&b);
	sf_section_encode(&b);
	rc = sf_writer_block(w, SF_BT_SHB, b.s, (uint32_t)b.len, d);
	sbuf_fini(&b);
	return rc;
}

/* The drop count, as a state-only notification event. */
static int write_drops(struct capture *c, const struct probe_stats *st)
{
	static const char id[] = ENG_DROPS_ID;
	uint8_t ev[512];
	struct sbuf desc;
	uint32_t len, n1 = sizeof(id), n2;
	unsigned int i;
	int rc;

	sbuf_init(&desc);
	sbuf_printf(&desc, "%llu", (unsigned long long)st->dropped);
	for (i = 0; i < st->ncpus && desc.len < 300; i++) {
		if (st->cpu_dropped[i])
			sbuf_printf(&desc, " cpu%u=%llu", i,
				    (unsigned long long)st->cpu_dropped[i]);
	}
	n2 = (uint32_t)desc.len + 1;
	len = 26 + 4 + n1 + n2;
	memset(ev, 0, 26);
	buf_put_le64(ev, c->last_ts);
	buf_put_le64(ev + 8, (uint64_t)-1);
	buf_put_le32(ev + 16, len);
	buf_put_le16(ev + 20, EV_NOTIFICATION_E);
	buf_put_le32(ev + 22, 2);
	buf_put_le16(ev + 26, (uint16_t)n1);
	buf_put_le16(ev + 28, (uint16_t)n2);
	memcpy(ev + 30, id, n1);
	memcpy(ev + 30 + n1, desc.s, n2);
	sbuf_fini(&desc);
	rc = sf_writer_ev(c->w, 0, SF_DF_STATE_ONLY, false, ev, len, &c->wd);
	if (rc < 0)
		c->werr = true;
	return rc;
}

/*
 * Starts cmd stopped at a gate, leading a process group of its own and
 * killed if this thread ends first; returns its pid, or -1 after saying
 * why. With quiet (the terminal interface has the screen) its input and
 * output are /dev/null. Once through the gate, it writes to *exec_r the
 * errno of an exec that failed; a successful exec closes it (cmd_ran()).
 */
static pid_t start_cmd(char **cmd, bool quiet, int *gate_w, int *exec_r)
{
	pid_t parent = getpid(), pid;
	int gate[2], ex[2];
	char go;

	if (pipe2(gate, O_CLOEXEC) < 0) {
		fprintf(stderr, "syshark: cannot start %s: %s\n", cmd[0], strerror(errno));
		return -1;
	}
	if (pipe2(ex, O_CLOEXEC) < 0) {
		fprintf(stderr, "syshark: cannot start %s: %s\n", cmd[0], strerror(errno));
		goto out_close_gate;
	}
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "syshark: cannot start %s: %s\n", cmd[0], strerror(errno));
		close(ex[0]);
		close(ex[1]);
		goto out_close_gate;
	}
	if (pid == 0) {
		int null = quiet ? open("/dev/null", O_RDWR) : -1, err;

		close(gate[1]);
		close(ex[0]);
		if (setpgid(0, 0) < 0 || prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 ||
		    getppid() != parent)
			_exit(127);
		if (null >= 0 && (dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0))
			_exit(127);
		if (read(gate[0], &go, 1) != 1)
			_exit(127);
		execvp(cmd[0], cmd);
		err = errno;
		if (write(ex[1], &err, sizeof(err)) != sizeof(err))
			_exit(126);
		_exit(127);
	}
	setpgid(pid, pid); /* whichever of the two runs first */
	close(gate[0]);
	close(ex[1]);
	*gate_w = gate[1];
	*exec_r = ex[0];
	return pid;

out_close_gate:
	close(gate[0]);
	close(gate[1]);
	return -1;
}

/*
 * Waits for the command through the gate to exec: 0 once it runs, else the
 * status a shell gives a command it cannot run (127 if it is not found, 126
 * otherwise), after saying why and reaping it. Closes exec_r.
 */
static int cmd_ran(pid_t child, int exec_r, const char *name)
{
	ssize_t n;
	int err;

	do
		n = read(exec_r, &err, sizeof(err));
	while (n < 0 && errno == EINTR);
	close(exec_r);
	if (n != sizeof(err))
		return 0;
	fprintf(stderr, "syshark: cannot run %s: %s\n", name, strerror(err));
	waitpid(child, NULL, 0);
	return err == ENOENT ? 127 : 126;
}

/* The exit status a shell gives for wait status wst. */
static int cmd_exit_status(int wst)
{
	return WIFEXITED(wst) ? WEXITSTATUS(wst) : 128 + WTERMSIG(wst);
}

/*
 * Ends the command's process group, if the command still runs: SIGTERM,
 * then SIGKILL once CMD_GRACE_S have passed. Returns the command's exit status.
 */
static int end_cmd(pid_t child)
{
	const struct timespec tick = { 0, 10 * 1000 * 1000 };
	double deadline = mono_now() + CMD_GRACE_S;
	int wst = 0;

	if (waitpid(child, &wst, WNOHANG) == child)
		return cmd_exit_status(wst);
	kill(-child, SIGTERM);
	kill(-child, SIGCONT); /* a stopped command must run to end */
	while (waitpid(child, &wst, WNOHANG) == 0) {
		if (mono_now() >= deadline) {
			kill(-child, SIGKILL);
			waitpid(child, &wst, 0);
			break;
		}
		nanosleep(&tick, NULL);
	}
	return cmd_exit_status(wst);
}

static void set_signals(void)
{
	struct sigaction sa = { .sa_handler = on_stop_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Opens where events go; -1 after saying why. */
static int open_sink(struct capture *c)
{
	const struct print_opts *po = c->o->po;
	struct diag d = { 0 };

	if (po->write && !po->filter) {
		c->w = sf_writer_open(po->write, &d);
		if (!c->w) {
			fprintf(stderr, "syshark: %s\n", d.msg);
			return -1;
		}
		sf_writer_set_buffer(c->w, FILE_BUFFER);
		/* the index grows with the file; without it, reopening builds one */
		c->ix = c->o->quiet ? NULL : eng_index_live_new(&d);
		if (po->rules && !c->o->quiet) { /* the interface shows them */
			c->alert_opts = *po;
			c->alert_opts.write = NULL;
			c->pr = printer_new(&c->alert_opts, stdout);
			if (!c->pr)
				return -2;
		}
		if (c->ix || c->pr) {
			c->ixr = eng_replay_new();
			sf_writer_set_tap(c->w, index_block, c);
		}
		return 0;
	}
	c->pr = printer_new(po, stdout);
	if (!c->pr)
		return -2;
	c->r = eng_replay_new();
	if (printer_start(c->pr, c->r) < 0)
		return -1;
	c->w = sf_writer_open_fn(feed_block, c);
	return 0;
}

/*
 * After a write error: the events the file at path kept and its bytes, as
 * a reader finds them, for report().
 */
static void report_kept(const char *path)
{
	struct diag d = { 0 };
	struct eng_replay *r = eng_replay_open(path, &d);
	struct eng_evt e;

	if (!r)
		return;
	while (eng_replay_next(r, &e, &d) > 0)
		;
	fprintf(stderr, ", %llu of them kept in %s (%llu bytes)",
		(unsigned long long)(r->stats.events - r->stats.hidden), path,
		(unsigned long long)r->stats.bytes);
	eng_replay_free(r);
}

/* The capture's last line, once its file is closed (bytes long, as written). */
static void report(const struct capture *c, const struct probe_stats *st, int cmd_status,
		   uint64_t bytes)
{
	const struct print_opts *po = c->o->po;
	unsigned int i;

	fprintf(stderr, "syshark: %llu events captured", (unsigned long long)c->events);
	if (c->o->scratch)
		; /* a temporary file, gone when the view is printed */
	else if (po->write && !c->r && c->werr)
		report_kept(po->write);
	else if (po->write && !c->r)
		fprintf(stderr, " to %s (%llu bytes)", po->write, (unsigned long long)bytes);
	else if (po->write)
		fprintf(stderr, ", %llu written to %s", printer_count(c->pr), po->write);
	fprintf(stderr, ", %llu dropped", (unsigned long long)st->dropped);
	if (st->dropped) {
		for (i = 0; i < st->ncpus; i++)
			fprintf(stderr, "%scpu%u %llu", i ? ", " : " (", i,
				(unsigned long long)st->cpu_dropped[i]);
		fputc(')', stderr);
	}
	if (st->toobig)
		fprintf(stderr, ", %llu cut short", (unsigned long long)st->toobig);
	if (cmd_status >= 0)
		fprintf(stderr, "; the command exited with status %d", cmd_status);
	fputc('\n', stderr);
}

int capture_run(const struct capture_opts *o)
{
	struct capture c = { .o = o };
	struct probe_opts popts = { .snaplen = o->snaplen,
				    .snaplen_proto = o->snaplen_proto,
				    .ring_bytes = o->ring_bytes };
	struct probe_stats st;
	struct diag d = { 0 };
	struct probe *p;
	double deadline = o->duration > 0 ? mono_now() + o->duration : 0;
	int gate = -1, exec_r = -1, status = 0, cmd_status = -1, wst, rc;
	bool ended = false; /* the capture ran and ended: report() */
	uint64_t bytes = 0;
	pid_t child = 0;

	if (o->cmd && (child = start_cmd(o->cmd, o->quiet, &gate, &exec_r)) < 0)
		return 1;
	popts.follow = child;
	p = probe_open(&popts, &d);
	if (!p) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		status = 1;
		goto out_child;
	}
	rc = open_sink(&c);
	if (rc < 0) {
		status = rc == -2 ? 2 : 1;
		goto out_child;
	}
	if (!o->quiet)
		set_signals();
	/* with a command, the file gets its first bytes once the command runs */
	if (write_shb(c.w, &c.wd) < 0 || probe_snapshot_write(c.w, child, NULL, &c.wd) < 0 ||
	    (!child && sf_writer_flush(c.w, &c.wd) < 0)) {
		fprintf(stderr, "syshark: %s\n", c.wd.msg);
		c.werr = true; /* said once */
		status = 1;
		goto out_child;
	}
	c.h_start = mono_now();
	c.pi = procinfo_start("/proc", 1000);
	if (gate >= 0) {
		if (write(gate, "g", 1) != 1)
			fprintf(stderr, "syshark: cannot start %s: %s\n", o->cmd[0], strerror(errno));
		close(gate);
		gate = -1;
		status = cmd_ran(child, exec_r, o->cmd[0]);
		exec_r = -1;
		if (status) {
			child = 0;
			goto out_child; /* nothing was captured */
		}
	}
	while (!status && !stopping() && !c.done) {
		int wait_ms = POLL_MS;

		if (deadline) {
			double left = deadline - mono_now();

			if (left <= 0)
				break;
			if (left * 1000 < wait_ms)
				wait_ms = (int)(left * 1000) + 1;
		}
		rc = probe_poll(p, wait_ms, on_event, &c);
		if (rc < 0 && rc != -EINTR) {
			fprintf(stderr, "syshark: reading the probe's events failed: %s\n",
				strerror(-rc));
			status = 1;
			break;
		}
		if (c.pi && !c.done && procinfo_take(c.pi, c.last_ts, on_procinfo, &c))
			break;
		if (c.pr && printer_flush(c.pr) < 0)
			break;
		if (o->health)
			health_update(&c, p);
		/* at most a poll's worth of events waits in memory */
		if (!c.werr && sf_writer_flush(c.w, &c.wd) < 0) {
			c.werr = true;
			break;
		}
		if (child > 0 && waitpid(child, &wst, WNOHANG) == child) {
			cmd_status = cmd_exit_status(wst);
			child = 0;
			break;
		}
	}
	/* What the probe sent before the stop is kept too, and nothing after. */
	probe_detach(p);
	while (!c.done && probe_poll(p, 0, on_event, &c) > 0)
		;
	if (child > 0) {
		cmd_status = end_cmd(child);
		child = 0;
	}
	probe_stats(p, &st);
	if (o->health) {
		atomic_store(&o->health->dropped, st.dropped);
		atomic_store(&o->health->events, c.events);
	}
	if (!c.werr)
		write_drops(&c, &st);
	if (!c.werr && sf_writer_flush(c.w, &c.wd) < 0)
		c.werr = true;
	if (o->health)
		atomic_store(&o->health->bytes, sf_writer_bytes(c.w));
	if (c.werr) {
		fprintf(stderr, "syshark: capture stopped: %s\n", c.wd.msg);
		status = 1;
	} else if (c.full && o->health) {
		atomic_store(&o->health->full, true);
	} else if (c.full) {
		fprintf(stderr, "syshark: capture stopped: %s reached its size limit, %llu bytes "
			"(--max-size)\n", o->po->write, (unsigned long long)o->max_bytes);
	}
	ended = !o->quiet;
out_child:
	if (gate >= 0)
		close(gate); /* the command never starts */
	if (exec_r >= 0)
		close(exec_r);
	if (child > 0)
		end_cmd(child);
	if (c.w)
		bytes = sf_writer_bytes(c.w);
	if (c.w && status >= CAPTURE_NO_CMD)
		sf_writer_discard(c.w);
	else if (c.w && sf_writer_close(c.w, &d) < 0 && !c.werr) {
		fprintf(stderr, "syshark: %s\n", d.msg);
		status = 1;
	}
	if (ended)
		report(&c, &st, cmd_status, bytes);
	probe_free(p); /* after report(): st points into it */
	procinfo_free(c.pi);
	/* a complete file gets its index in the cache (it is only a cache) */
	if (c.ix && !status && o->po->write)
		eng_index_live_finish(c.ix, o->po->write, NULL);
	eng_index_free(c.ix);
	eng_replay_free(c.ixr);
	if (c.pr) {
		rc = printer_free(c.pr);
		if (rc > status)
			status = rc;
	}
	eng_replay_free(c.r);
	return status;
}

struct capture_thread {
	pthread_t tid;
	const struct capture_opts *o;
	int status;
	atomic_bool running;
};

static void *capture_main(void *arg)
{
	struct capture_thread *t = arg;

	t->status = capture_run(t->o);
	atomic_store(&t->running, false);
	return NULL;
}

struct capture_thread *capture_start(const struct capture_opts *o)
{
	struct capture_thread *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->o = o;
	atomic_store(&stop_request, false);
	atomic_store(&t->running, true);
	if (pthread_create(&t->tid, NULL, capture_main, t) != 0) {
		free(t);
		return NULL;
	}
	return t;
}

bool capture_running(const struct capture_thread *t)
{
	return atomic_load(&t->running);
}

void capture_stop(struct capture_thread *t)
{
	(void)t;
	atomic_store(&stop_request, true);
}

int capture_join(struct capture_thread *t)
{
	int status;

	pthread_join(t->tid, NULL);
	status = t->status;
	free(t);
	return status;
}

// SPDX-License-Identifier: GPL-2.0-only
/* Top-like views: the view table, and the sums of one view over events. */
#define _GNU_SOURCE /* qsort_r */
#include "eng_top.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eng_fields.h"
#include "eng_filter.h"
#include "eng_top_int.h"
#include "eng_tree.h"
#include "hmap.h"
#include "schema.h"
#include "xalloc.h"

/* Columns the views share. */
#define C_SYSCALLS { "Syscalls", ENG_TA_COUNT, 0, true, NULL, "evt.dir = <", "system calls made" }
#define C_ERRORS                                                               \
	{ "Errors", ENG_TA_COUNT, 0, true, NULL, "evt.failed = true", \
	  "system calls that failed" }
/* dir: "_read", "_write", or "" for both */
#define C_IO(title, fdtype, dir, desc)                                                 \
	{ title, ENG_TA_SUM, ENG_TU_BYTES, true, "evt.buflen",                        \
	  "fd.type in (" fdtype ") and evt.is_io" dir " = true", desc }
#define C_FILE_IN C_IO("File in", "file", "_read", "bytes read from files")
#define C_FILE_OUT C_IO("File out", "file", "_write", "bytes written to files")
#define C_NET_IN C_IO("Net in", "ipv4, ipv6", "_read", "bytes received from the network")
#define C_NET_OUT C_IO("Net out", "ipv4, ipv6", "_write", "bytes sent to the network")
#define C_BYTES                                                                         \
	{ "Bytes", ENG_TA_SUM, ENG_TU_BYTES, true, "evt.buflen", "evt.is_io = true", \
	  "bytes read and written" }
#define C_IN                                                                       \
	{ "In", ENG_TA_SUM, ENG_TU_BYTES, true, "evt.buflen", "evt.is_io_read = true", \
	  "bytes read" }
#define C_OUT                                                                        \
	{ "Out", ENG_TA_SUM, ENG_TU_BYTES, true, "evt.buflen", "evt.is_io_write = true", \
	  "bytes written" }
#define C_OPS { "Ops", ENG_TA_COUNT, 0, true, NULL, "evt.dir = <", "system calls on it" }
#define C_OPENS                                                                         \
	{ "Opens", ENG_TA_COUNT, 0, true, NULL,                                         \
	  "evt.dir = < and evt.type in (open, openat, openat2, creat, open_by_handle_at)", \
	  "times it was opened" }

static const struct eng_top_view views[] = {
	{ "procs", "Processes", NULL, false, { "proc.pid" },
	  { { "PID", ENG_TA_KEY, 0, false, "proc.pid", NULL, "process id" },
	    { "PPID", ENG_TA_LAST, 0, false, "proc.ppid", NULL, "parent's process id" },
	    { "User", ENG_TA_LAST, 0, false, "user.name", NULL, "the user it runs as" },
	    { "Name", ENG_TA_LAST, 0, false, "proc.name", NULL, "its executable's name" },
	    { "CPU", ENG_TA_THREADS, 0, false, "thread.cpu", NULL,
	      "% of a CPU its threads used in their last second (procinfo events)" },
	    { "Threads", ENG_TA_PROC, 0, false, "proc.nthreads", NULL, "its threads" },
	    { "VIRT", ENG_TA_PROC, ENG_TU_BYTES, false, "thread.vmsize.b", NULL,
	      "its virtual memory" },
	    { "RES", ENG_TA_PROC, ENG_TU_BYTES, false, "thread.vmrss.b", NULL,
	      "its resident memory" },
	    C_SYSCALLS, C_ERRORS,
	    C_IO("File", "file", "", "bytes read from and written to files"),
	    C_IO("Net", "ipv4, ipv6", "", "bytes received from and sent to the network"),
	    { "FDs", ENG_TA_LAST, 0, false, "proc.fdopencount", NULL, "open file descriptors" },
	    { "Command", ENG_TA_LAST, 0, false, "proc.cmdline", NULL,
	      "its command line" } },
	  14, 8, "files", "proc.ppid", 3,
	  "Every process the capture knows at the end, with its CPU, threads and memory, its "
	  "system calls, errors and bytes of file and network I/O. Enter shows the files one "
	  "uses." },
	{ "pagefaults", "Page faults", NULL, false, { "proc.pid" },
	  { { "PID", ENG_TA_KEY, 0, false, "proc.pid", NULL, "process id" },
	    { "Name", ENG_TA_LAST, 0, false, "proc.name", NULL, "its executable's name" },
	    { "Major", ENG_TA_THREADS, 0, false, "thread.pfmajor", NULL,
	      "major page faults of its threads (read from disk)" },
	    { "Minor", ENG_TA_THREADS, 0, false, "thread.pfminor", NULL,
	      "minor page faults of its threads (no disk read)" },
	    { "Command", ENG_TA_LAST, 0, false, "proc.cmdline", NULL,
	      "its command line" } },
	  5, 3, NULL, NULL, 0,
	  "Page faults of every process the capture knows at the end, since each thread "
	  "started." },
	{ "files", "Files", "fd.type = file", false, { "fd.name" },
	  { { "Name", ENG_TA_KEY, 0, false, "fd.name", NULL, "the file's path" },
	    C_BYTES, C_IN, C_OUT, C_OPENS, C_ERRORS, C_OPS },
	  7, 1, NULL, NULL, 0,
	  "Files read and written, with their bytes, opens and errors." },
	{ "dirs", "Directories", "fd.type = file", false, { "fd.directory" },
	  { { "Directory", ENG_TA_KEY, 0, false, "fd.directory", NULL,
	      "the directory of the files" },
	    C_BYTES, C_IN, C_OUT, C_OPENS, C_ERRORS, C_OPS },
	  7, 1, "files", NULL, 0,
	  "File I/O summed by directory. Enter shows the files of one." },
	{ "conns", "Connections", "fd.type in (ipv4, ipv6)", false, { "fd.name", "proc.pid" },
	  { { "Connection", ENG_TA_KEY, 0, false, "fd.name", NULL,
	      "client address and port -> server address and port" },
	    { "Proto", ENG_TA_LAST, 0, false, "fd.l4proto", NULL, "tcp, udp, ..." },
	    { "PID", ENG_TA_KEY, 0, false, "proc.pid", NULL, "the process using it" },
	    { "Process", ENG_TA_LAST, 0, false, "proc.name", NULL, "its name" },
	    C_BYTES, C_IN, C_OUT, C_ERRORS, C_OPS },
	  9, 4, NULL, NULL, 0,
	  "Network connections, per process, with the bytes each way." },
	{ "ports", "Server ports", "fd.type in (ipv4, ipv6)", false, { "fd.sport", "fd.l4proto" },
	  { { "Port", ENG_TA_KEY, 0, false, "fd.sport", NULL, "the server's port" },
	    { "Proto", ENG_TA_KEY, 0, false, "fd.l4proto", NULL, "tcp, udp, ..." },
	    C_BYTES, C_IN, C_OUT,
	    { "Accepts", ENG_TA_COUNT, 0, true, NULL,
	      "evt.dir = < and evt.type in (accept, accept4) and evt.failed = false",
	      "connections accepted" },
	    C_ERRORS, C_OPS },
	  8, 2, "conns", NULL, 0,
	  "Network traffic summed by server port. Enter shows its connections." },
	{ "syscalls", "System calls", "evt.dir = <", true, { "evt.type" },
	  { { "Syscall", ENG_TA_KEY, 0, false, "evt.type", NULL, "the system call" },
	    { "Calls", ENG_TA_COUNT, 0, true, NULL, NULL, "times it returned" },
	    C_ERRORS,
	    { "Time", ENG_TA_SUM, ENG_TU_NS, true, "evt.latency", NULL,
	      "time spent in it, all calls added" },
	    { "Average", ENG_TA_AVG, ENG_TU_NS, false, "evt.latency", NULL,
	      "the average time of one call" },
	    { "Max", ENG_TA_MAX, ENG_TU_NS, false, "evt.latency", NULL,
	      "the longest call" } },
	  6, 3, NULL, NULL, 0,
	  "System calls by type, with their counts, errors and the time spent in them." },
	{ "errors", "Errors", "evt.failed = true", false, { "evt.res", "proc.name", "evt.type" },
	  { { "Error", ENG_TA_KEY, 0, false, "evt.res", NULL, "the error returned" },
	    { "Process", ENG_TA_KEY, 0, false, "proc.name", NULL, "the process that got it" },
	    { "Syscall", ENG_TA_KEY, 0, false, "evt.type", NULL, "the system call that failed" },
	    { "Count", ENG_TA_COUNT, 0, true, NULL, NULL, "times it happened" } },
	  4, 3, NULL, NULL, 0,
	  "Failed system calls by error, process and call." },
	{ "users", "Users", NULL, false, { "user.name" },
	  { { "User", ENG_TA_KEY, 0, false, "user.name", NULL, "the user" },
	    C_SYSCALLS, C_ERRORS, C_FILE_IN, C_FILE_OUT, C_NET_IN, C_NET_OUT },
	  7, 1, "procs", NULL, 0,
	  "Activity summed by user. Enter shows the user's processes." },
	{ "containers", "Containers", NULL, false, { "container.id" },
	  { { "ID", ENG_TA_KEY, 0, false, "container.id", NULL,
	      "the container's id, host for processes outside containers" },
	    { "Name", ENG_TA_LAST, 0, false, "container.name", NULL, "the container's name" },
	    { "Image", ENG_TA_LAST, 0, false, "container.image", NULL, "the image it runs" },
	    C_SYSCALLS, C_ERRORS, C_FILE_IN, C_FILE_OUT, C_NET_IN, C_NET_OUT },
	  9, 3, "procs", NULL, 0,
	  "Activity summed by container. Enter shows a container's processes." },
	{ "spyusers", "Spy users",
	  "evt.dir = < and evt.failed = false and (evt.type in (execve, execveat) or "
	  "(evt.type = chdir and proc.name contains sh and not proc.name contains sshd))",
	  false, { "evt.num" },
	  { { "Event", ENG_TA_KEY, 0, false, "evt.num", NULL, "the event's number" },
	    { "Time", ENG_TA_LAST, 0, false, "evt.time", NULL, "when the command started" },
	    { "User", ENG_TA_LAST, 0, false, "user.name", NULL, "the user who ran it" },
	    { "Shell", ENG_TA_LAST, 0, false, "proc.ppid", NULL,
	      "the process id of the shell it ran from: one per session" },
	    { "PID", ENG_TA_LAST, 0, false, "proc.pid", NULL, "its process id" },
	    { "Process", ENG_TA_LAST, 0, false, "proc.name", NULL, "its name" },
	    { "Syscall", ENG_TA_LAST, 0, false, "evt.type", NULL,
	      "execve: a command started; chdir: a shell changed directory" },
	    { "Directory", ENG_TA_LAST, 0, false, "proc.cwd", NULL, "its working directory" },
	    { "Command", ENG_TA_LAST, 0, false, "proc.cmdline", NULL,
	      "the command line" } },
	  9, 0, NULL, NULL, 0,
	  "Commands users ran: each successful execve, and each directory change of a shell, "
	  "newest first." },
	{ "newconns", "New connections",
	  "evt.dir = < and (evt.failed = false or evt.res = EINPROGRESS) and "
	  "evt.type in (accept, accept4, connect) and fd.type in (ipv4, ipv6, unix)",
	  false, { "evt.num" },
	  { { "Event", ENG_TA_KEY, 0, false, "evt.num", NULL, "the event's number" },
	    { "Time", ENG_TA_LAST, 0, false, "evt.time", NULL, "when it was made" },
	    { "Process", ENG_TA_LAST, 0, false, "proc.name", NULL, "the process" },
	    { "PID", ENG_TA_LAST, 0, false, "proc.pid", NULL, "its process id" },
	    { "Proto", ENG_TA_LAST, 0, false, "fd.l4proto", NULL, "tcp, udp, ..." },
	    { "Syscall", ENG_TA_LAST, 0, false, "evt.type", NULL,
	      "accept: the connection came in; connect: it went out" },
	    { "Connection", ENG_TA_LAST, 0, false, "fd.name", NULL,
	      "client address and port -> server address and port" },
	    { "Command", ENG_TA_LAST, 0, false, "proc.cmdline", NULL,
	      "the process's command line" } },
	  8, 0, NULL, NULL, 0,
	  "Connections established: each connect that succeeded or is under way (a "
	  "non-blocking one), and each accept, newest first." },
	{ "sockqueues", "Socket queues",
	  "evt.dir = < and evt.failed = false and evt.type in (accept, accept4)", false,
	  { "fd.sport", "proc.pid" },
	  { { "Port", ENG_TA_KEY, 0, false, "fd.sport", NULL, "the server's port" },
	    { "PID", ENG_TA_KEY, 0, false, "proc.pid", NULL, "the process listening" },
	    { "Process", ENG_TA_LAST, 0, false, "proc.name", NULL, "its name" },
	    { "Accepts", ENG_TA_COUNT, 0, true, NULL, NULL, "connections accepted" },
	    { "Queue", ENG_TA_MAX, 0, false, "evt.arg.queuelen", NULL,
	      "the most connections seen waiting to be accepted" },
	    { "Max", ENG_TA_MAX, 0, false, "evt.arg.queuemax", NULL,
	      "how many may wait (listen's backlog)" },
	    { "Pct", ENG_TA_MAX, 0, false, "evt.arg.queuepct", NULL,
	      "the fullest the queue was, in percent of Max" } },
	  7, 4, "conns", NULL, 0,
	  "Listening sockets' accept queues, per server port and process, from each accept. "
	  "Enter shows the connections." },
	{ "iotype", "I/O by type", NULL, false, { "fd.type" },
	  { { "Type", ENG_TA_KEY, 0, false, "fd.type", NULL,
	      "file, directory, ipv4, ipv6, unix, pipe, event, signalfd, inotify, ..." },
	    C_IN, C_OUT, C_OPS, C_ERRORS,
	    { "Time", ENG_TA_SUM, ENG_TU_NS, true, "evt.latency", NULL,
	      "time spent in the system calls on it" } },
	  6, 3, "procs", NULL, 0,
	  "I/O summed by the type of the fd. Enter shows the processes using one." },
	{ "slowio", "Slow file I/O",
	  "fd.type = file and evt.is_io = true and evt.dir = < and evt.latency >= 1000000", false,
	  { "evt.num" },
	  { { "Event", ENG_TA_KEY, 0, false, "evt.num", NULL, "the event's number" },
	    { "Time", ENG_TA_LAST, 0, false, "evt.time", NULL, "when it returned" },
	    { "Process", ENG_TA_LAST, 0, false, "proc.name", NULL, "the process" },
	    { "PID", ENG_TA_LAST, 0, false, "proc.pid", NULL, "its process id" },
	    { "Syscall", ENG_TA_LAST, 0, false, "evt.type", NULL, "the system call" },
	    { "Latency", ENG_TA_MAX, ENG_TU_NS, false, "evt.latency", NULL,
	      "time the call took" },
	    { "Bytes", ENG_TA_SUM, ENG_TU_BYTES, false, "evt.buflen", NULL,
	      "bytes read or written" },
	    { "File", ENG_TA_LAST, 0, false, "fd.name", NULL, "the file" } },
	  8, 5, NULL, NULL, 0,
	  "File reads and writes that took 1 ms or more, slowest first." },
	{ "protocols", "Protocols", "evt.protocol exists", false, { "evt.protocol" },
	  { { "Protocol", ENG_TA_KEY, 0, false, "evt.protocol", NULL,
	      "the protocol found in the data: HTTP, DNS, RESP, PGSQL, ..." },
	    { "Messages", ENG_TA_COUNT, 0, true, NULL, NULL,
	      "reads and writes whose data is a message of it" },
	    C_IN, C_OUT,
	    { "Processes", ENG_TA_DISTINCT, 0, false, "proc.name", NULL,
	      "the processes that read or wrote it" },
	    { "First", ENG_TA_FIRST, 0, false, "evt.time", NULL, "its first message" },
	    { "Last", ENG_TA_LAST, 0, false, "evt.time", NULL, "its last message" } },
	  7, 1, "protoprocs", NULL, 0,
	  "The protocols inside the data of reads and writes, as Wireshark's protocol "
	  "hierarchy. Enter shows the processes speaking one." },
	{ "protoprocs", "Protocols by process", "evt.protocol exists", false,
	  { "evt.protocol", "proc.pid" },
	  { { "Protocol", ENG_TA_KEY, 0, false, "evt.protocol", NULL, "the protocol" },
	    { "PID", ENG_TA_KEY, 0, false, "proc.pid", NULL, "the process" },
	    { "Process", ENG_TA_LAST, 0, false, "proc.name", NULL, "its name" },
	    { "Messages", ENG_TA_COUNT, 0, true, NULL, NULL, "its messages of the protocol" },
	    C_IN, C_OUT,
	    { "Peers", ENG_TA_DISTINCT, 0, false, "fd.name", NULL,
	      "the sockets it spoke over" } },
	  7, 3, NULL, NULL, 0,
	  "The protocols inside the data of reads and writes, per process. Enter shows a "
	  "process's messages." },
	{ "httpreqs", "HTTP requests", "http.request.method exists", false,
	  { "http.host", "http.request.method", "http.request.uri" },
	  { { "Host", ENG_TA_KEY, 0, false, "http.host", NULL, "the Host header" },
	    { "Method", ENG_TA_KEY, 0, false, "http.request.method", NULL, "GET, POST, ..." },
	    { "URI", ENG_TA_KEY, 0, false, "http.request.uri", NULL, "the resource asked for" },
	    { "Sent", ENG_TA_COUNT, 0, true, NULL, "evt.is_io_write = true",
	      "times a client wrote the request" },
	    { "Received", ENG_TA_COUNT, 0, true, NULL, "evt.is_io_read = true",
	      "times a server read it" },
	    { "Processes", ENG_TA_DISTINCT, 0, false, "proc.name", NULL,
	      "the clients and servers, in the order they spoke" },
	    { "Last", ENG_TA_LAST, 0, false, "evt.time", NULL, "the last time" } },
	  7, 3, NULL, NULL, 0,
	  "HTTP requests per host, method and URI, the most made first. Enter shows them." },
	{ "dnsqueries", "DNS queries", "dns.qry.name exists", false,
	  { "dns.qry.name", "dns.qry.type" },
	  { { "Name", ENG_TA_KEY, 0, false, "dns.qry.name", NULL, "the name asked for" },
	    { "Type", ENG_TA_KEY, 0, false, "dns.qry.type", NULL, "1 A, 28 AAAA, 5 CNAME, ..." },
	    { "Queries", ENG_TA_COUNT, 0, true, NULL, "dns.flags.response = 0",
	      "queries written or read" },
	    { "Responses", ENG_TA_COUNT, 0, true, NULL, "dns.flags.response = 1",
	      "responses written or read" },
	    { "Errors", ENG_TA_COUNT, 0, true, NULL, "dns.flags.rcode > 0",
	      "responses with an error: 3 no such name, 2 server failure, ..." },
	    { "Answer", ENG_TA_LAST, 0, false, "dns.a", "dns.flags.response = 1",
	      "the IPv4 addresses of the last response" },
	    { "Processes", ENG_TA_DISTINCT, 0, false, "proc.name", NULL,
	      "the resolvers and servers, in the order they spoke" } },
	  7, 2, NULL, NULL, 0,
	  "DNS queries per name and type, the most asked first. Enter shows the queries and "
	  "their responses." },
	{ "alerts", "Falco alerts", "falco.rule exists", false, { "falco.rule" },
	  { { "Rule", ENG_TA_KEY, 0, false, "falco.rule", NULL, "the rule the events raised" },
	    { "Priority", ENG_TA_LAST, 0, false, "falco.priority", NULL, "the rule's priority" },
	    { "Count", ENG_TA_COUNT, 0, true, NULL, NULL, "alerts it raised" },
	    { "First", ENG_TA_FIRST, 0, false, "evt.time", NULL, "its first alert" },
	    { "Last", ENG_TA_LAST, 0, false, "evt.time", NULL, "its last alert" },
	    { "Processes", ENG_TA_DISTINCT, 0, false, "proc.name", NULL,
	      "the processes whose events raised it, in the order they did" } },
	  6, 2, NULL, NULL, 0,
	  "The alerts of the Falco rules of --rules, per rule, the most raised first. Enter "
	  "shows a rule's events." },
};

#define NVIEWS (sizeof(views) / sizeof(views[0]))

const struct eng_top_view *eng_top_views(size_t *n)
{
	*n = NVIEWS;
	return views;
}

const struct eng_top_view *eng_top_view(const char *name)
{
	size_t i;

	for (i = 0; i < NVIEWS; i++)
		if (strcmp(views[i].name, name) == 0)
			return &views[i];
	return NULL;
}

/* Row i as the accessors number them. */
static struct row *row_at(const struct eng_top *t, size_t i)
{
	return t->rows[t->tree ? t->order[i] : i];
}

static void row_free(struct row *r)
{
	unsigned int c;

	for (c = 0; c < ENG_TOP_COLS; c++)
		free(r->text[c]);
	free(r->key);
	free(r);
}

static void free_rows(struct eng_top *t)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		row_free(t->rows[i]);
	t->nrows = 0;
	t->tree = false;
	t->state_synced = false;
	hmap_fini(&t->index);
	hmap_init(&t->index);
}

void eng_top_row_drop(struct eng_top *t, struct row *r)
{
	uint64_t h = hmap_key(r->key, strlen(r->key));
	struct row *head = hmap_get(&t->index, h), **pp;
	size_t i;

	if (head == r) {
		if (r->next)
			hmap_put(&t->index, h, r->next);
		else
			hmap_del(&t->index, h);
	} else {
		for (pp = &head->next; *pp != r; pp = &(*pp)->next)
			;
		*pp = r->next;
	}
	for (i = 0; t->rows[i] != r; i++)
		;
	memmove(&t->rows[i], &t->rows[i + 1], (t->nrows - i - 1) * sizeof(*t->rows));
	t->nrows--;
	t->tree = false;
	t->sorted = false;
	row_free(r);
}

void eng_top_free(struct eng_top *t)
{
	unsigned int c;

	if (!t)
		return;
	free_rows(t);
	hmap_fini(&t->index);
	free(t->rows);
	free(t->nodes);
	free(t->order);
	for (c = 0; c < t->view->ncols; c++)
		eng_filter_free(t->cols[c].where);
	free(t->proc_evt);
	eng_filter_free(t->where);
	eng_filter_free(t->filter);
	sbuf_fini(&t->key);
	sbuf_fini(&t->val);
	free(t);
}

struct eng_top *eng_top_new(const struct eng_top_view *view, const char *filter,
			    struct diag *d)
{
	struct eng_top *t = xcalloc(1, sizeof(*t));
	unsigned int c, k;

	t->view = view;
	t->sort_col = view->sort;
	t->parent_col = -1;
	hmap_init(&t->index);
	sbuf_init(&t->key);
	sbuf_init(&t->val);
	for (k = 0; k < ENG_TOP_KEYS && view->keys[k]; k++)
		if (!eng_field_lookup(view->keys[k], &t->keys[k], d))
			goto fail;
	t->nkeys = k;
	for (c = 0; c < view->ncols; c++) {
		const struct eng_top_col *col = &view->cols[c];

		if (view->parent && col->agg == ENG_TA_LAST && strcmp(col->field, view->parent) == 0)
			t->parent_col = (int)c;
		if (col->agg == ENG_TA_KEY) {
			for (k = 0; k < t->nkeys && strcmp(view->keys[k], col->field) != 0; k++)
				;
			t->cols[c].key = k;
		} else if (col->field && !eng_field_lookup(col->field, &t->cols[c].fr, d)) {
			goto fail;
		}
		if (col->where && !(t->cols[c].where = eng_filter_compile(col->where, d)))
			goto fail;
		t->state |= col->agg == ENG_TA_PROC || col->agg == ENG_TA_THREADS;
	}
	if ((view->where && !(t->where = eng_filter_compile(view->where, d))) ||
	    (filter && *filter && !(t->filter = eng_filter_compile(filter, d))))
		goto fail;
	return t;
fail:
	eng_top_free(t);
	return NULL;
}

const struct eng_top_view *eng_top_of(const struct eng_top *t)
{
	return t->view;
}

struct row *eng_top_row_find(const struct eng_top *t, const char *key, size_t len)
{
	struct row *r;

	for (r = hmap_get(&t->index, hmap_key(key, len)); r; r = r->next)
		if (strncmp(r->key, key, len) == 0 && !r->key[len])
			return r;
	return NULL;
}

struct row *eng_top_row_of(struct eng_top *t)
{
	uint64_t h = hmap_key(t->key.s, t->key.len);
	struct row *r = eng_top_row_find(t, t->key.s, t->key.len);

	if (r)
		return r;
	r = xcalloc(1, sizeof(*r));
	r->key = xstrdup(t->key.s);
	r->next = hmap_get(&t->index, h);
	hmap_put(&t->index, h, r);
	if (t->nrows == t->cap) {
		t->cap = t->cap * 2 + 64;
		t->rows = xreallocarray(t->rows, t->cap, sizeof(*t->rows));
	}
	t->rows[t->nrows++] = r;
	return r;
}

/* Whether the ", "-joined list has item. */
static bool list_has(const char *list, const char *item)
{
	size_t n = strlen(item);

	for (const char *p = list; p; p = strstr(p, ", ")) {
		if (p != list)
			p += 2;
		if (strncmp(p, item, n) == 0 && (!p[n] || (p[n] == ',' && p[n + 1] == ' ')))
			return true;
	}
	return false;
}

/* Adds text to row's DISTINCT column c, if it is not there yet and there is room. */
static void distinct_add(struct row *row, unsigned int c, const char *text)
{
	char *s = row->text[c];

	if (!s) {
		row->text[c] = xstrdup(text);
		row->v[c] = 1;
		return;
	}
	if (row->v[c] > ENG_TOP_DISTINCT || list_has(s, text))
		return;
	if (row->v[c]++ == ENG_TOP_DISTINCT)
		text = "..."; /* and no more */
	s = xmalloc(strlen(row->text[c]) + strlen(text) + 3);
	sprintf(s, "%s, %s", row->text[c], text);
	free(row->text[c]);
	row->text[c] = s;
}

void eng_top_event(struct eng_top *t, const struct eng_replay *r, const struct eng_evt *e)
{
	const struct eng_state *s = &r->state;
	const struct eng_top_view *v = t->view;
	struct row *row;
	unsigned int c, k;

	t->sorted = false;

	if (t->state)
		eng_top_state_event(t, s, e);
	if (e->hidden || (v->syscalls && !(ev_table[e->ev.type].category & EV_C_SYSCALL)) ||
	    (t->where && !eng_filter_match(t->where, s, e)) ||
	    (t->filter && !eng_filter_match(t->filter, s, e)))
		return;
	sbuf_reset(&t->key);
	for (k = 0; k < t->nkeys; k++) {
		if (k)
			sbuf_putc(&t->key, KEY_SEP);
		if (!eng_field_extract(&t->keys[k], &t->key, s, e))
			return; /* an event without the key is not in the view */
	}
	if (!t->events++)
		t->first_ts = e->ev.ts;
	t->last_ts = e->ev.ts;
	row = eng_top_row_of(t);
	row->events++;
	for (c = 0; c < v->ncols; c++) {
		const struct eng_top_col *col = &v->cols[c];
		struct col_run *cr = &t->cols[c];
		int64_t x;

		if (col->agg == ENG_TA_KEY || col->agg >= ENG_TA_PROC ||
		    (cr->where && !eng_filter_match(cr->where, s, e)))
			continue;
		if (col->agg == ENG_TA_COUNT) {
			row->v[c]++;
			row->n[c]++;
			continue;
		}
		sbuf_reset(&t->val);
		if (!eng_field_extract(&cr->fr, &t->val, s, e))
			continue;
		if (col->agg == ENG_TA_LAST) {
			if (!row->text[c] || strcmp(row->text[c], t->val.s) != 0) {
				free(row->text[c]);
				row->text[c] = xstrdup(t->val.s);
			}
			continue;
		}
		if (col->agg == ENG_TA_FIRST) {
			if (!row->text[c])
				row->text[c] = xstrdup(t->val.s);
			continue;
		}
		if (col->agg == ENG_TA_DISTINCT) {
			distinct_add(row, c, t->val.s);
			continue;
		}
		x = strtoll(t->val.s, NULL, 10); /* past 64 bits: the largest */
		if (col->agg == ENG_TA_MAX) {
			if (!row->n[c] || x > row->v[c])
				row->v[c] = x;
		} else if (__builtin_add_overflow(row->v[c], x, &row->v[c])) {
			/* SUM, and AVG's sum: a sum past 64 bits stays at the largest */
			row->v[c] = x < 0 ? INT64_MIN : INT64_MAX;
		}
		row->n[c]++;
	}
}

uint64_t eng_top_events(const struct eng_top *t, uint64_t *first_ts, uint64_t *last_ts)
{
	if (first_ts)
		*first_ts = t->first_ts;
	if (last_ts)
		*last_ts = t->last_ts;
	return t->events;
}

void eng_top_reset(struct eng_top *t)
{
	free_rows(t);
	t->events = t->first_ts = t->last_ts = 0;
	t->sorted = false;
}

/* The k-th of the key's values, as a pointer into key and a length. */
static const char *key_part(const char *key, unsigned int k, size_t *len)
{
	const char *end;

	while (k-- && (key = strchr(key, KEY_SEP)))
		key++;
	if (!key) {
		*len = 0;
		return "";
	}
	end = strchr(key, KEY_SEP);
	*len = end ? (size_t)(end - key) : strlen(key);
	return key;
}

static int64_t row_value(const struct eng_top *t, const struct row *r, unsigned int c)
{
	const struct eng_top_col *col = &t->view->cols[c];

	if (col->agg == ENG_TA_AVG)
		return r->n[c] ? r->v[c] / (int64_t)r->n[c] : 0;
	return r->v[c];
}

/* Whether the n bytes at p are a decimal integer that fits in 64 bits. */
static bool is_num(const char *p, size_t n)
{
	size_t sign = n && *p == '-';

	return n > sign && n < 19 && strspn(p + sign, "0123456789") >= n - sign;
}

/* Compares two texts (a and b bytes long), numbers by value. */
static int cmp_text(const char *a, size_t la, const char *b, size_t lb)
{
	int d;

	if (is_num(a, la) && is_num(b, lb)) {
		long long x = strtoll(a, NULL, 10), y = strtoll(b, NULL, 10);

		return x < y ? -1 : x > y;
	}
	d = memcmp(a, b, la < lb ? la : lb);
	return d ? d : la < lb ? -1 : la > lb;
}

static int cmp_rows(const void *pa, const void *pb, void *arg)
{
	const struct eng_top *t = arg;
	const struct row *a = *(struct row *const *)pa, *b = *(struct row *const *)pb;
	unsigned int c = t->sort_col;
	const struct eng_top_col *col = &t->view->cols[c];
	int d;

	if (col->agg == ENG_TA_KEY) {
		size_t la, lb;
		const char *ka = key_part(a->key, t->cols[c].key, &la);
		const char *kb = key_part(b->key, t->cols[c].key, &lb);

		d = cmp_text(ka, la, kb, lb);
	} else if (col->agg == ENG_TA_LAST || col->agg == ENG_TA_FIRST) {
		const char *ta = a->text[c] ? a->text[c] : "", *tb = b->text[c] ? b->text[c] : "";

		d = cmp_text(ta, strlen(ta), tb, strlen(tb));
	} else {
		int64_t x = row_value(t, a, c), y = row_value(t, b, c);

		d = x < y ? -1 : x > y;
	}
	if (!d)
		d = -strcmp(a->key, b->key); /* a stable order for equal rows */
	return t->ascending ? d : -d;
}

void eng_top_sort(struct eng_top *t, unsigned int col, bool ascending)
{
	if (col >= t->view->ncols)
		col = t->view->sort;
	t->tree = false;
	/* a view that is drawn again, unchanged, is not sorted again */
	if (t->sorted && col == t->sort_col && ascending == t->ascending)
		return;
	t->sort_col = col;
	t->ascending = ascending;
	t->sorted = true;
	if (t->nrows > 1)
		qsort_r(t->rows, t->nrows, sizeof(*t->rows), cmp_rows, t);
}

void eng_top_tree(struct eng_top *t, eng_top_folded_fn folded, void *arg)
{
	size_t i;

	t->tree = false;
	if (t->parent_col < 0)
		return;
	t->nodes = xreallocarray(t->nodes, t->nrows ? t->nrows : 1, sizeof(*t->nodes));
	t->order = xreallocarray(t->order, t->nrows ? t->nrows : 1, sizeof(*t->order));
	for (i = 0; i < t->nrows; i++)
		t->rows[i]->pos = i;
	for (i = 0; i < t->nrows; i++) {
		const char *p = t->rows[i]->text[t->parent_col];
		const struct row *up = p ? eng_top_row_find(t, p, strlen(p)) : NULL;

		t->nodes[i].parent = up ? up->pos : ENG_TREE_NONE;
		t->nodes[i].folded = folded && folded(arg, t, i);
	}
	t->nshown = eng_tree_order(t->nodes, t->nrows, t->order);
	t->tree = true;
}

void eng_top_tree_prefix(const struct eng_top *t, size_t row, struct sbuf *out)
{
	if (t->tree)
		eng_tree_prefix(t->nodes, t->order[row], out);
}

bool eng_top_tree_hides(const struct eng_top *t, size_t row)
{
	return t->tree && t->nodes[t->order[row]].hides;
}

size_t eng_top_nrows(const struct eng_top *t)
{
	return t->tree ? t->nshown : t->nrows;
}

void eng_top_cell(const struct eng_top *t, size_t row, unsigned int col, struct sbuf *out)
{
	const struct row *r = row_at(t, row);
	const struct eng_top_col *c = &t->view->cols[col];
	const char *p;
	size_t n;

	switch (c->agg) {
	case ENG_TA_KEY:
		p = key_part(r->key, t->cols[col].key, &n);
		sbuf_put(out, p, n);
		break;
	case ENG_TA_LAST:
	case ENG_TA_FIRST:
	case ENG_TA_DISTINCT:
		sbuf_puts(out, r->text[col] ? r->text[col] : "");
		break;
	default:
		sbuf_put_i64(out, row_value(t, r, col));
		break;
	}
}

bool eng_top_col_text(const struct eng_top_col *c)
{
	return c->agg == ENG_TA_KEY || c->agg == ENG_TA_LAST || c->agg == ENG_TA_FIRST ||
	       c->agg == ENG_TA_DISTINCT;
}

int64_t eng_top_value(const struct eng_top *t, size_t row, unsigned int col)
{
	const struct eng_top_col *c = &t->view->cols[col];

	return c->agg == ENG_TA_DISTINCT || !eng_top_col_text(c) ? row_value(t, row_at(t, row), col) :
								    0;
}

void eng_top_row_filter(const struct eng_top *t, size_t row, struct sbuf *out)
{
	unsigned int k;

	struct sbuf v;

	sbuf_init(&v);
	for (k = 0; k < t->nkeys; k++) {
		size_t n;
		const char *p = key_part(row_at(t, row)->key, k, &n);

		sbuf_reset(&v);
		sbuf_put(&v, p, n);
		if (k)
			sbuf_puts(out, " and ");
		eng_filter_clause(out, t->view->keys[k], v.s);
	}
	sbuf_fini(&v);
}

/* Reads seconds with up to 9 decimals at *p into *ns; false if there is no number. */
static bool parse_seconds(const char **p, uint64_t *ns)
{
	const char *s = *p;
	uint64_t sec = 0, frac = 0, unit = 100000000; /* of the next decimal, in ns */
	unsigned int n = 0;

	for (; *s >= '0' && *s <= '9' && n < 11; s++, n++)
		sec = sec * 10 + (uint64_t)(*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && unit; s++, n++, unit /= 10)
			frac += (uint64_t)(*s - '0') * unit;
	if (!n || (*s >= '0' && *s <= '9'))
		return false; /* none, or too many digits */
	*ns = sec * 1000000000u + frac;
	*p = s;
	return true;
}

int eng_top_window_parse(const char *text, struct eng_top_window *w, struct diag *d)
{
	const char *p = text + strspn(text, " ");
	bool from = parse_seconds(&p, &w->from), plus;
	uint64_t to = 0;

	if (!from)
		w->from = 0;
	plus = *p == '+';
	if (*p != '-' && !plus)
		goto bad;
	p++;
	if (!parse_seconds(&p, &to)) {
		if (plus || !from)
			goto bad;
		to = 0;
	}
	if (p[strspn(p, " ")])
		goto bad;
	w->to = plus ? w->from + to : to;
	if (w->to && w->to <= w->from)
		return diag_set(d, -EINVAL, 0, "the window ends before it starts: %s", text);
	return 0;
bad:
	return diag_set(d, -EINVAL, 0,
			"not a time window: %s (seconds after the first event: FROM-TO, FROM-, "
			"-TO or FROM+LENGTH)",
			text);
}

void eng_top_window_clause(const struct eng_top_window *w, uint64_t first_ts, const char *filter,
			   struct sbuf *out)
{
	if (filter && filter[0])
		sbuf_printf(out, "(%s) and ", filter);
	sbuf_printf(out, "evt.rawtime >= %llu", (unsigned long long)(first_ts + w->from));
	if (w->to)
		sbuf_printf(out, " and evt.rawtime < %llu", (unsigned long long)(first_ts + w->to));
}

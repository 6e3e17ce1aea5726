// SPDX-License-Identifier: GPL-2.0-only
/* Top-like views: the table of views, as --top and the interface list them. */
#include <string.h>

#include "eng_top.h"

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
/* A protocol hierarchy level's shares and sums (the view is ENG_TV_LEVELS). */
#define C_LEVEL_SHARES                                                                \
	{ "% Events", ENG_TA_SHARE, ENG_TU_PCT, false, NULL, NULL,                    \
	  "its share of the reads and writes on sockets and pipes" },                 \
	{ "Events", ENG_TA_COUNT, 0, true, NULL, NULL,                                \
	  "reads and writes: of a protocol, those that hold or complete a message" }, \
	{ "% Bytes", ENG_TA_SHARE, ENG_TU_PCT, false, NULL, NULL,                     \
	  "its share of the bytes read and written on sockets and pipes" },           \
	C_BYTES, C_IN, C_OUT
#define C_OPS { "Ops", ENG_TA_COUNT, 0, true, NULL, "evt.dir = <", "system calls on it" }
#define C_OPENS                                                                         \
	{ "Opens", ENG_TA_COUNT, 0, true, NULL,                                         \
	  "evt.dir = < and evt.type in (open, openat, openat2, creat, open_by_handle_at)", \
	  "times it was opened" }

static const struct eng_top_view views[] = {
	{ "procs", "Processes", NULL, 0, { "proc.pid" },
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
	{ "pagefaults", "Page faults", NULL, 0, { "proc.pid" },
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
	{ "files", "Files", "fd.type = file", 0, { "fd.name" },
	  { { "Name", ENG_TA_KEY, 0, false, "fd.name", NULL, "the file's path" },
	    C_BYTES, C_IN, C_OUT, C_OPENS, C_ERRORS, C_OPS },
	  7, 1, NULL, NULL, 0,
	  "Files read and written, with their bytes, opens and errors." },
	{ "dirs", "Directories", "fd.type = file", 0, { "fd.directory" },
	  { { "Directory", ENG_TA_KEY, 0, false, "fd.directory", NULL,
	      "the directory of the files" },
	    C_BYTES, C_IN, C_OUT, C_OPENS, C_ERRORS, C_OPS },
	  7, 1, "files", NULL, 0,
	  "File I/O summed by directory. Enter shows the files of one." },
	{ "conns", "Connections", "fd.type in (ipv4, ipv6)", 0, { "fd.name", "proc.pid" },
	  { { "Connection", ENG_TA_KEY, 0, false, "fd.name", NULL,
	      "client address and port -> server address and port" },
	    { "Proto", ENG_TA_LAST, 0, false, "fd.l4proto", NULL, "tcp, udp, ..." },
	    { "PID", ENG_TA_KEY, 0, false, "proc.pid", NULL, "the process using it" },
	    { "Process", ENG_TA_LAST, 0, false, "proc.name", NULL, "its name" },
	    C_BYTES, C_IN, C_OUT, C_ERRORS, C_OPS },
	  9, 4, NULL, NULL, 0,
	  "Network connections, per process, with the bytes each way." },
	{ "ports", "Server ports", "fd.type in (ipv4, ipv6)", 0, { "fd.sport", "fd.l4proto" },
	  { { "Port", ENG_TA_KEY, 0, false, "fd.sport", NULL, "the server's port" },
	    { "Proto", ENG_TA_KEY, 0, false, "fd.l4proto", NULL, "tcp, udp, ..." },
	    C_BYTES, C_IN, C_OUT,
	    { "Accepts", ENG_TA_COUNT, 0, true, NULL,
	      "evt.dir = < and evt.type in (accept, accept4) and evt.failed = false",
	      "connections accepted" },
	    C_ERRORS, C_OPS },
	  8, 2, "conns", NULL, 0,
	  "Network traffic summed by server port. Enter shows its connections." },
	{ "syscalls", "System calls", "evt.dir = <", ENG_TV_SYSCALLS, { "evt.type" },
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
	{ "errors", "Errors", "evt.failed = true", 0, { "evt.res", "proc.name", "evt.type" },
	  { { "Error", ENG_TA_KEY, 0, false, "evt.res", NULL, "the error returned" },
	    { "Process", ENG_TA_KEY, 0, false, "proc.name", NULL, "the process that got it" },
	    { "Syscall", ENG_TA_KEY, 0, false, "evt.type", NULL, "the system call that failed" },
	    { "Count", ENG_TA_COUNT, 0, true, NULL, NULL, "times it happened" } },
	  4, 3, NULL, NULL, 0,
	  "Failed system calls by error, process and call." },
	{ "users", "Users", NULL, 0, { "user.name" },
	  { { "User", ENG_TA_KEY, 0, false, "user.name", NULL, "the user" },
	    C_SYSCALLS, C_ERRORS, C_FILE_IN, C_FILE_OUT, C_NET_IN, C_NET_OUT },
	  7, 1, "procs", NULL, 0,
	  "Activity summed by user. Enter shows the user's processes." },
	{ "containers", "Containers", NULL, 0, { "container.id" },
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
	  0, { "evt.num" },
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
	  0, { "evt.num" },
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
	  "evt.dir = < and evt.failed = false and evt.type in (accept, accept4)", 0,
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
	{ "iotype", "I/O by type", NULL, 0, { "fd.type" },
	  { { "Type", ENG_TA_KEY, 0, false, "fd.type", NULL,
	      "file, directory, ipv4, ipv6, unix, pipe, event, signalfd, inotify, ..." },
	    C_IN, C_OUT, C_OPS, C_ERRORS,
	    { "Time", ENG_TA_SUM, ENG_TU_NS, true, "evt.latency", NULL,
	      "time spent in the system calls on it" } },
	  6, 3, "procs", NULL, 0,
	  "I/O summed by the type of the fd. Enter shows the processes using one." },
	{ "slowio", "Slow file I/O",
	  "fd.type = file and evt.is_io = true and evt.dir = < and evt.latency >= 1000000", 0,
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
	{ "protocols", "Protocols",
	  "evt.is_io = true and fd.type in (ipv4, ipv6, unix, pipe)", ENG_TV_LEVELS,
	  { "fd.type", "fd.l4proto", "evt.protocol" },
	  { { "Protocol", ENG_TA_KEY, 0, false, "fd.type", NULL,
	      "the fd's type (ipv4, unix, pipe, ...), then its transport (tcp, udp), then the "
	      "protocol found in the data (HTTP, DNS, TLS, RESP, PGSQL)" },
	    C_LEVEL_SHARES,
	    { "Processes", ENG_TA_DISTINCT, 0, false, "proc.name", NULL,
	      "the processes that read or wrote it" } },
	  8, 2, "protoprocs", NULL, 0,
	  "Protocol hierarchy, as Wireshark's: the reads and writes on sockets and pipes by "
	  "fd type, transport and the protocol in their data, with each level's share. Enter "
	  "shows the processes speaking one." },
	{ "procprotos", "Protocol hierarchy by process",
	  "evt.is_io = true and fd.type in (ipv4, ipv6, unix, pipe)", ENG_TV_LEVELS,
	  { "proc.name", "fd.type", "fd.l4proto", "evt.protocol" },
	  { { "Process", ENG_TA_KEY, 0, false, "proc.name", NULL,
	      "the process's name, then its fds' type, their transport and the protocol found "
	      "in the data" },
	    C_LEVEL_SHARES,
	    { "PIDs", ENG_TA_DISTINCT, 0, false, "proc.pid", NULL,
	      "the processes of that name" } },
	  8, 2, NULL, NULL, 0,
	  "The protocol hierarchy of each process (by name): its reads and writes on sockets "
	  "and pipes by fd type, transport and protocol. Enter shows the events." },
	{ "protoprocs", "Protocols by process", "evt.protocol exists", 0,
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
	{ "httpreqs", "HTTP requests", "http.request.method exists", 0,
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
	{ "dnsqueries", "DNS queries", "dns.qry.name exists", ENG_TV_ONCE,
	  { "dns.qry.name", "dns.qry.type" },
	  { { "Name", ENG_TA_KEY, 0, false, "dns.qry.name", NULL, "the name asked for" },
	    { "Type", ENG_TA_KEY, 0, false, "dns.qry.type", NULL, "1 A, 28 AAAA, 5 CNAME, ..." },
	    { "Queries", ENG_TA_COUNT, 0, true, NULL, "dns.flags.response = 0",
	      "queries: one written and read is counted once" },
	    { "Responses", ENG_TA_COUNT, 0, true, NULL, "dns.flags.response = 1",
	      "responses: one written and read is counted once" },
	    { "Errors", ENG_TA_COUNT, 0, true, NULL, "dns.flags.rcode > 0",
	      "responses with an error: 3 no such name, 2 server failure, ..." },
	    { "Answer", ENG_TA_LAST, 0, false, "dns.a", "dns.flags.response = 1",
	      "the IPv4 addresses of the last response" },
	    { "Processes", ENG_TA_DISTINCT, 0, false, "proc.name", NULL,
	      "the resolvers and servers, in the order they spoke" } },
	  7, 2, NULL, NULL, 0,
	  "DNS queries per name and type, the most asked first, each counted once when both "
	  "its sides were captured. Enter shows the queries and their responses." },
	{ "alerts", "Falco alerts", "falco.rule exists", 0, { "falco.rule" },
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

// SPDX-License-Identifier: GPL-2.0-only
/*
 * syshark: command-line entry point. Parses options and runs the terminal
 * interface, print mode, live capture, --stats, -L or -l.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "capture.h"
#include "eng_graph.h"
#include "eng_index.h"
#include "eng_rules.h"
#include "eng_stream.h"
#include "eng_top.h"
#include "print.h"
#include "scratch.h"
#include "size.h"
#include "sf_writer.h"
#include "syshark_version.h"
#include "tui.h"
#include "xalloc.h"

#define INTERVAL_MIN 1000 /* ns: --io-stat's and --spectro's shortest interval, as tshark's */
#define SPECTRO_DEFAULT 500000000 /* ns: --spectro's interval, as sysdig's spectrogram */

static bool live_running(void *arg)
{
	return capture_running(arg);
}

static void live_stop(void *arg)
{
	capture_stop(arg);
}

/* Whether path can be followed as a capture is written to it: a regular file, or none yet. */
static bool followable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? S_ISREG(st.st_mode) : errno == ENOENT;
}

/* Whether file is standard input ("-"), a pipe or a device: data that can be read only once. */
static bool is_stream(const char *file)
{
	struct stat st;

	return strcmp(file, "-") == 0 ||
	       (stat(file, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode));
}

/* Whether a word after -p is sysdig's format string (-p FORMAT), not -p's next word. */
static bool is_format(const char *word)
{
	return word[0] == '%' || word[0] == '*';
}

/* sysdig's -pc and -pk: its text line with the container or the pod; NULL for other words. */
static const char *named_format(const char *word)
{
	if (strcmp(word, "c") == 0 || strcmp(word, "container") == 0)
		return "*%evt.num %evt.outputtime %evt.cpu %container.name (%container.id) "
		       "%proc.name (%thread.tid:%thread.vtid) %evt.dir %evt.type %evt.info";
	if (strcmp(word, "k") == 0 || strcmp(word, "kubernetes") == 0)
		return "*%evt.num %evt.outputtime %evt.cpu %k8s.pod.name (%container.id) "
		       "%proc.name (%thread.tid:%thread.vtid) %evt.dir %evt.type %evt.info";
	return NULL;
}

/* The words joined by spaces; caller frees. */
static char *join_words(char **w, int n)
{
	size_t len = 1;
	char *s;
	int i;

	for (i = 0; i < n; i++)
		len += strlen(w[i]) + 1;
	s = xmalloc(len);
	s[0] = 0;
	for (i = 0; i < n; i++) {
		if (i)
			strcat(s, " ");
		strcat(s, w[i]);
	}
	return s;
}

/*
 * The terminal interface on a live capture: the probe writes a capture file
 * on a thread of its own, and the interface follows it. The file is the
 * one -w names, or else a temporary one.
 */
static int live_tui(const struct capture_opts *co, const char *filter, const char *top,
		    double interval, bool no_mouse)
{
	struct capture_opts lco = *co;
	struct print_opts po = *co->po;
	struct live_health health = { 0 };
	struct tui_source src = { .live = true, .running = live_running, .stop = live_stop };
	struct capture_thread *t;
	char path[4096], part[4096], *what = NULL;
	int fd, status, cstatus, n = 0;

	if (po.write) {
		/* the file the user named: the filter chooses what it keeps */
		snprintf(path, sizeof(path), "%s", po.write);
		src.saved = true;
	} else {
		/* the filter is the display's; the file takes every event */
		fd = scratch_create(path, sizeof(path), "live");
		if (fd < 0)
			return 1;
		po.filter = NULL;
		po.write = path;
		if (!lco.max_bytes)
			lco.max_bytes = scratch_limit(fd);
		close(fd);
	}
	/* the capture writes a new file, which becomes path once complete */
	sf_writer_part(path, part, sizeof(part));
	if (co->cmd) {
		while (co->cmd[n])
			n++;
		what = join_words(co->cmd, n);
	}
	lco.po = &po;
	lco.quiet = true;
	health.max_bytes = lco.max_bytes;
	lco.health = &health;
	t = capture_start(&lco);
	if (!t) {
		fprintf(stderr, "syshark: cannot start the capture thread\n");
		if (!src.saved)
			unlink(path);
		free(what);
		return 1;
	}
	src.path = path;
	src.file = part;
	src.what = what ? what : "this machine";
	src.top = top;
	src.tree = po.tree;
	src.interval = interval;
	src.no_mouse = no_mouse;
	src.arg = t;
	src.health = &health;
	status = tui_run(&src, filter);
	capture_stop(t);
	cstatus = capture_join(t);
	/* what it took, as tcpdump says it on leaving */
	if (cstatus < CAPTURE_NO_CMD)
		fprintf(stderr, "syshark: %llu events captured%s%s, %llu dropped\n",
			(unsigned long long)atomic_load(&health.events), src.saved ? " to " : "",
			src.saved ? path : "", (unsigned long long)atomic_load(&health.dropped));
	if (!src.saved)
		unlink(path);
	free(what);
	return status < 0 ? cstatus : status ? status : cstatus;
}

/*
 * A printed view of a live capture (--top=VIEW with -p, -T or no terminal):
 * the capture goes to -w's file, or to a temporary one, and the view's rows
 * over all of it are printed when it ends.
 */
static int live_top(const struct capture_opts *co, const struct eng_top_view *view)
{
	struct capture_opts lco = *co;
	struct print_opts po = *co->po;
	char path[4096];
	int fd, status;

	if (!po.write) {
		fd = scratch_create(path, sizeof(path), "top");
		if (fd < 0)
			return 1;
		if (!lco.max_bytes)
			lco.max_bytes = scratch_limit(fd);
		close(fd);
		po.write = path;
		lco.scratch = true;
	}
	po.filter = NULL; /* the file takes every event; the filter is the view's */
	lco.po = &po;
	status = capture_run(&lco);
	if (status <= 1 && access(po.write, R_OK) == 0) {
		int vstatus = print_top(po.write, view, co->po, stdout);

		status = status ? status : vstatus;
	}
	if (!co->po->write)
		unlink(path);
	return status;
}

/* An interval of option opt (1us or more) into *ns; -1 after saying why it is not one. */
static int parse_interval(const char *opt, const char *text, uint64_t *ns)
{
	if (eng_graph_interval(text, ns) < 0) {
		fprintf(stderr, "syshark: %s=%s: not an interval (1s, 100ms, 10us, 2m, or "
				"seconds)\n", opt, text);
		return -1;
	}
	if (*ns < INTERVAL_MIN) {
		fprintf(stderr, "syshark: %s=%s: shorter than 1us, the shortest interval\n", opt,
			text);
		return -1;
	}
	return 0;
}

static void usage(FILE *f)
{
	fputs("usage: syshark -r FILE [-p] [-T text|json|fields] [-e FIELD]... [-n COUNT]\n"
	      "               [-w OUT] [-Y FILTER | FILTER...]\n"
	      "       syshark -r FILE -p FORMAT [-n COUNT] [-Y FILTER | FILTER...]\n"
	      "       syshark [-w OUT] [-s SNAPLEN] [--snaplen-proto N] [-B MIB]\n"
	      "               [--duration SECS] [-c COUNT] [-Y FILTER] [-- CMD [ARGS...]]\n"
	      "       syshark -r FILE --stats | --top[=VIEW] [--tree] [-T json|fields] [-Y FILTER]\n"
	      "       syshark -r FILE --io-stat=INTERVAL [--series FILTER]... [-T json|fields]\n"
	      "               [-Y FILTER]\n"
	      "       syshark -r FILE --spectro[=INTERVAL] [-T json|fields] [-Y FILTER]\n"
	      "       syshark -L | -l | --version\n"
	      "\n"
	      "  -r, --read FILE     read a .scap capture (plain or gzip)\n"
	      "                      without -r: capture live with the BPF probe (root)\n"
	      "  -s, --snaplen N     live: I/O bytes kept per event (default 256)\n"
	      "      --snaplen-proto N  live: bytes kept of socket I/O whose port or first\n"
	      "                      bytes hint at HTTP, TLS, DNS, Redis or PostgreSQL\n"
	      "                      (default 2000; 0 or no more than -s: -s for all)\n"
	      "  -B, --buffer-size M live: ring buffer size in MiB (default 16)\n"
	      "      --duration S    live: stop after S seconds\n"
	      "  -c, --capture-count N  stop after N events (as -n)\n"
	      "      --max-size SIZE live: stop recording when the file reaches SIZE bytes\n"
	      "                      (K, M, G; without -w, 1G or half the free space)\n"
	      "  -- CMD ARGS...      live: run CMD and capture only it and its children\n"
	      "  -p, --print         print events even on a terminal (there, -r FILE\n"
	      "                      alone opens the full-screen interface)\n"
	      "  -p FORMAT, --print=FORMAT  print each event as sysdig's -p does: a FORMAT\n"
	      "                      of text and %FIELDs (%10FIELD: padded or cut to\n"
	      "                      10); without a leading *, only the events that\n"
	      "                      have every field (-p's FORMAT starts with % or *)\n"
	      "  -T, --format FMT    text (sysdig's default line), json, or fields\n"
	      "  -e, --field FIELD   a field to print with -T fields (repeatable)\n"
	      "  -n, --count N       stop after N printed events\n"
	      "  -Y, --filter FILTER print only events that match (sysdig filter syntax);\n"
	      "                      words after the options are taken as the filter too\n"
	      "  -w, --write OUT     write the chosen events to a new .scap (with the state\n"
	      "                      needed to decode them) instead of printing them\n"
	      "  -A, --all           also print internal events\n"
	      "      --calls         a line per system call: its exit, with its enter's\n"
	      "                      arguments too, as current Falco libraries show it\n"
	      "      --stats         print a summary of the capture\n"
	      "      --top[=VIEW]    start in a top-like view: processes (the default),\n"
	      "                      files, system calls, ... (--top=list lists them);\n"
	      "                      printed with -p, -T or no terminal, over the file\n"
	      "                      or the whole live capture\n"
	      "      --tree          with --top=procs: the processes as a tree, each\n"
	      "                      under its parent\n"
	      "  -d, --interval S    live views: seconds between refreshes (default 1)\n"
	      "      --no-mouse      leave the mouse to the terminal (its own selection)\n"
	      "      --window=FROM-TO  only the events FROM to TO seconds after the\n"
	      "                      first (FROM-, -TO and FROM+LENGTH too)\n"
	      "      --follow=N[,FMT][,read|write]\n"
	      "                      print the data read from and written to the fd\n"
	      "                      event N works on, from its open to its close;\n"
	      "                      FMT: text (default), printable, hex or raw\n"
	      "      --io-stat=INTERVAL  print events per interval (1s, 100ms, 10us, 2m,\n"
	      "                      or seconds) from the first event, with totals\n"
	      "      --series FILTER a column of --io-stat: the events FILTER keeps\n"
	      "                      (up to 4; none: one column of every event)\n"
	      "      --spectro[=INTERVAL]  print system calls per interval (default 500ms)\n"
	      "                      and per latency, 1ns to 100s, ten buckets a decade\n"
	      "      --index         build (or load) the event index and describe it\n"
	      "      --event N       print event N, found through the index\n"
	      "      --no-cache      keep the index in a temporary file, not the cache\n"
	      "  -L, --list-events   list the event types and their parameters\n"
	      "  -l, --list-fields   list the fields\n"
	      "      --rules PATH    Falco rules (a file, or a directory's *.yaml files;\n"
	      "                      repeatable): print their alerts, not the events\n"
	      "      --list-rules    list the rules of --rules: priority, enabled, name\n"
	      "      --no-rules      no rules from ~/.config/syshark/rules.d, the default\n"
	      "                      set (their alerts show in the interface and fields)\n"
	      "  -h, --help          this text\n"
	      "  -V, --version       print the version and the commit it was built from\n",
	      f);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "read", required_argument, NULL, 'r' },
		{ "print", optional_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'T' },
		{ "field", required_argument, NULL, 'e' },
		{ "count", required_argument, NULL, 'n' },
		{ "filter", required_argument, NULL, 'Y' },
		{ "write", required_argument, NULL, 'w' },
		{ "all", no_argument, NULL, 'A' },
		{ "stats", no_argument, NULL, 'X' },
		{ "top", optional_argument, NULL, 'O' },
		{ "tree", no_argument, NULL, 'H' },
		{ "no-mouse", no_argument, NULL, 'M' },
		{ "calls", no_argument, NULL, 'K' },
		{ "window", required_argument, NULL, 'W' },
		{ "interval", required_argument, NULL, 'd' },
		{ "follow", required_argument, NULL, 'F' },
		{ "io-stat", required_argument, NULL, 'G' },
		{ "series", required_argument, NULL, 'Z' },
		{ "spectro", optional_argument, NULL, 'P' },
		{ "index", no_argument, NULL, 'I' },
		{ "event", required_argument, NULL, 'E' },
		{ "no-cache", no_argument, NULL, 'C' },
		{ "list-events", no_argument, NULL, 'L' },
		{ "list-fields", no_argument, NULL, 'l' },
		{ "snaplen", required_argument, NULL, 'S' },
		{ "snaplen-proto", required_argument, NULL, 'J' },
		{ "buffer-size", required_argument, NULL, 'B' },
		{ "duration", required_argument, NULL, 'D' },
		{ "max-size", required_argument, NULL, 'Q' },
		{ "capture-count", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ "rules", required_argument, NULL, 'R' },
		{ "list-rules", no_argument, NULL, 'U' },
		{ "no-rules", no_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 },
	};
	const char *series[ENG_GRAPH_SERIES];
	unsigned int nseries = 0;
	uint64_t io_stat = 0, spectro = 0;
	/* -e's names and --rules', no more than argc (static: held until exit) */
	static const char **fields, **rules;
	unsigned int nrules = 0;
	struct print_opts po = { .fmt = PRINT_TEXT };
	struct capture_opts co = { .po = &po, .snaplen = 256, .snaplen_proto = 2000 };
	const char *file = NULL, *top = NULL, *window = NULL, *only_file, *reread;
	double interval = 1;
	bool tty, stats = false, index = false, use_cache = true, print = false, formatted = false;
	bool no_mouse = false, list_rules = false, no_rules = false, own_rules;
	struct eng_ruleset *rule_set = NULL;
	uint64_t event_at = 0, count, cache_max;
	struct print_follow follow = { 0 };
	char *end, *trailing = NULL;
	int c, status;

	fields = xcalloc((size_t)argc, sizeof(*fields));
	rules = xcalloc((size_t)argc, sizeof(*rules));
	po.fields = fields;
	while ((c = getopt_long(argc, argv, "+r:p::T:e:n:c:Y:w:s:B:d:AlLhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			file = optarg;
			break;
		case 'p':
		case 'o':
			print = true;
			if (optarg && named_format(optarg)) {
				po.format = named_format(optarg);
			} else if (c == 'p' && optarg && !is_format(optarg)) {
				/* -pA: -p then more options, read as the word -A */
				optarg[-1] = '-';
				argv[--optind] = optarg - 1;
			} else if (optarg) {
				po.format = optarg;
			} else if (optind < argc && is_format(argv[optind])) {
				po.format = argv[optind++];
			}
			break;
		case 'O':
			top = optarg ? optarg : "procs";
			break;
		case 'H':
			po.tree = true;
			break;
		case 'M':
			no_mouse = true;
			break;
		case 'K':
			po.calls = true;
			break;
		case 'T':
			formatted = true;
			if (strcmp(optarg, "text") == 0) {
				po.fmt = PRINT_TEXT;
			} else if (strcmp(optarg, "json") == 0) {
				po.fmt = PRINT_JSON;
			} else if (strcmp(optarg, "fields") == 0) {
				po.fmt = PRINT_FIELDS;
			} else {
				fprintf(stderr, "syshark: -T %s: unknown format (text, json, fields)\n",
					optarg);
				return 2;
			}
			break;
		case 'e':
			fields[po.nfields++] = optarg;
			break;
		case 'n':
		case 'c':
			if (!print_parse_u64(optarg, &end, &count) || *end) {
				fprintf(stderr, "syshark: -%c %s: not a number (0 to %llu)\n", c, optarg,
					(unsigned long long)UINT64_MAX);
				return 2;
			}
			po.count = count;
			break;
		case 's':
		case 'S':
			co.snaplen = (uint32_t)strtoul(optarg, &end, 10);
			if (*end || !*optarg || co.snaplen > 65536) {
				fprintf(stderr, "syshark: -s %s: not a snap length (0 to 65536)\n",
					optarg);
				return 2;
			}
			break;
		case 'J':
			co.snaplen_proto = (uint32_t)strtoul(optarg, &end, 10);
			if (*end || !*optarg || co.snaplen_proto > 65536) {
				fprintf(stderr, "syshark: --snaplen-proto %s: not a snap length"
						" (0 to 65536)\n", optarg);
				return 2;
			}
			break;
		case 'B':
			co.ring_bytes = strtoull(optarg, &end, 10) << 20;
			if (*end || !*optarg || co.ring_bytes == 0 || co.ring_bytes > (1ull << 30)) {
				fprintf(stderr, "syshark: -B %s: not a buffer size (1 to 1024 MiB)\n",
					optarg);
				return 2;
			}
			break;
		case 'd':
			interval = strtod(optarg, &end);
			if (*end || !*optarg || !(interval >= 0.1)) {
				fprintf(stderr, "syshark: -d %s: not a number of seconds (0.1 or more)\n",
					optarg);
				return 2;
			}
			break;
		case 'G':
			if (parse_interval("--io-stat", optarg, &io_stat) < 0)
				return 2;
			break;
		case 'P':
			spectro = SPECTRO_DEFAULT;
			if (optarg && parse_interval("--spectro", optarg, &spectro) < 0)
				return 2;
			break;
		case 'Z':
			if (nseries == ENG_GRAPH_SERIES) {
				fprintf(stderr, "syshark: too many --series (at most %d)\n",
					ENG_GRAPH_SERIES);
				return 2;
			}
			series[nseries++] = optarg;
			break;
		case 'D':
			co.duration = strtod(optarg, &end);
			if (*end || !*optarg || !(co.duration > 0)) {
				fprintf(stderr, "syshark: --duration %s: not a number of seconds\n",
					optarg);
				return 2;
			}
			break;
		case 'Q':
			if (!size_parse(optarg, &co.max_bytes) || !co.max_bytes) {
				fprintf(stderr, "syshark: --max-size %s: not a size "
						"(as 500M or 2G)\n", optarg);
				return 2;
			}
			break;
		case 'A':
			po.all = true;
			break;
		case 'R':
			rules[nrules++] = optarg;
			break;
		case 'U':
			list_rules = true;
			break;
		case 'N':
			no_rules = true;
			break;
		case 'Y':
			po.filter = optarg;
			break;
		case 'w':
			po.write = optarg;
			break;
		case 'X':
			stats = true;
			break;
		case 'I':
			index = true;
			break;
		case 'C':
			use_cache = false;
			break;
		case 'E':
			if (!print_parse_u64(optarg, &end, &event_at) || *end || event_at == 0) {
				fprintf(stderr, "syshark: --event %s: not an event number (1 to %llu)\n",
					optarg, (unsigned long long)UINT64_MAX);
				return 2;
			}
			break;
		case 'W':
			window = optarg;
			break;
		case 'F':
			if (print_follow_parse(optarg, &follow) < 0) {
				fprintf(stderr, "syshark: --follow=%s: not an event number, then "
						"text, printable, hex or raw, read or write\n", optarg);
				return 2;
			}
			/* as gzip does: raw bytes could drive the terminal */
			if (follow.fmt == ENG_SF_RAW && isatty(STDOUT_FILENO)) {
				fprintf(stderr, "syshark: --follow=%s: raw bytes would go to the "
						"terminal; send them to a file or a pipe\n", optarg);
				return 2;
			}
			break;
		case 'L':
			print_event_list(stdout);
			return 0;
		case 'l':
			print_field_list(stdout);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("syshark %s (commit %s)\n", SYSHARK_VERSION, SYSHARK_COMMIT);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (eng_index_cache_max(&cache_max) < 0) {
		fprintf(stderr, "syshark: SYSHARK_CACHE_MAX=%s: not a size (bytes, or a number "
				"with K, M or G)\n", getenv("SYSHARK_CACHE_MAX"));
		return 2;
	}
	if (optind < argc && !file && strcmp(argv[optind - 1], "--") == 0) {
		/* live: the command to run and follow */
		co.cmd = argv + optind;
	} else if (optind < argc) {
		/* sysdig style: the words after the options are the filter */
		if (po.filter) {
			fprintf(stderr, "syshark: give the filter with -Y or after the options, "
					"not both\n");
			return 2;
		}
		po.filter = trailing = join_words(argv + optind, argc - optind);
	}
	if (io_stat && spectro) {
		fprintf(stderr, "syshark: --io-stat or --spectro, not both\n");
		free(trailing);
		return 2;
	}
	if (nseries && !io_stat) {
		fprintf(stderr, "syshark: --series needs --io-stat=INTERVAL\n");
		free(trailing);
		return 2;
	}
	if (po.fmt == PRINT_FIELDS && po.nfields == 0 && !top && !io_stat && !spectro) {
		fprintf(stderr, "syshark: -T fields needs at least one -e FIELD\n");
		free(trailing);
		return 2;
	}
	if (po.nfields && po.fmt != PRINT_FIELDS) {
		fprintf(stderr, "syshark: -e needs -T fields, the format that prints fields\n");
		free(trailing);
		return 2;
	}
	if (po.format) {
		const char *other = formatted ? "-T" : po.write ? "-w" : top ? "--top" :
				    stats ? "--stats" : io_stat ? "--io-stat" :
				    spectro ? "--spectro" : follow.event ? "--follow" :
				    index ? "--index" : NULL;

		if (other) {
			fprintf(stderr, "syshark: -p FORMAT does not go with %s\n", other);
			free(trailing);
			return 2;
		}
		po.fmt = PRINT_FORMAT;
	}
	if (po.calls && po.write) {
		fprintf(stderr, "syshark: --calls with -w: a capture keeps both events of each "
				"call; write without --calls\n");
		free(trailing);
		return 2;
	}
	if (top && strcmp(top, "list") == 0) {
		print_top_list(stdout);
		free(trailing);
		return 0;
	}
	tty = !print && !formatted && !po.count && !po.all && !po.calls && isatty(STDIN_FILENO) &&
	      isatty(STDOUT_FILENO);
	if (top && !eng_top_view(top)) {
		fprintf(stderr, "syshark: --top=%s: no such view (--top=list lists them)\n", top);
		free(trailing);
		return 2;
	}
	if (po.tree && (!top || !eng_top_view(top)->parent)) {
		fprintf(stderr, "syshark: --tree needs --top=procs, a view whose rows have parents\n");
		free(trailing);
		return 2;
	}
	only_file = index ? "--index" : event_at ? "--event" : follow.event ? "--follow" :
		    stats ? "--stats" : io_stat ? "--io-stat" : spectro ? "--spectro" :
		    window ? "--window" : NULL;
	if (!file && only_file) {
		fprintf(stderr, "syshark: %s needs -r FILE\n", only_file);
		free(trailing);
		return 2;
	}
	reread = index ? "--index" : event_at ? "--event" : follow.event ? "--follow" :
		 window ? "--window" : NULL;
	if (file && !reread && tty && !po.write && !stats && !io_stat && !spectro &&
	    strcmp(file, "-") == 0) {
		fprintf(stderr, "syshark: -r -: standard input is the terminal: name a capture "
				"file, or pipe one in with -p\n");
		free(trailing);
		return 2;
	}
	if (file && reread && is_stream(file)) {
		fprintf(stderr, "syshark: %s: a pipe is read once, and %s reads a capture more than "
			"once: save it to a file first\n", file, reread);
		free(trailing);
		return 2;
	}
	/* --rules' alerts are what print mode prints; the default rules only add fields */
	own_rules = nrules > 0;
	if (no_rules && own_rules) {
		fprintf(stderr, "syshark: --no-rules and --rules go against each other\n");
		free(trailing);
		return 2;
	}
	if (!nrules && !no_rules && print_rules_default())
		rules[nrules++] = print_rules_default();
	if (top && strcmp(top, "alerts") == 0 && !nrules) {
		fprintf(stderr, "syshark: --top=alerts needs Falco rules: --rules PATH, or rules "
				"files in ~/.config/syshark/rules.d\n");
		free(trailing);
		return 2;
	}
	if (own_rules && (stats || io_stat || spectro || index || event_at || follow.event ||
		       po.calls)) {
		fprintf(stderr, "syshark: --rules prints alerts, events with -T fields or -p "
				"FORMAT, or views with --top: it does not go with %s\n",
			stats ? "--stats" : io_stat ? "--io-stat" : spectro ? "--spectro" :
			index ? "--index" : event_at ? "--event" :
			follow.event ? "--follow" : "--calls");
		free(trailing);
		return 2;
	}
	if (list_rules && !nrules) {
		fprintf(stderr, "syshark: --list-rules needs --rules PATH\n");
		free(trailing);
		return 2;
	}
	if (window) {
		char *narrowed;

		status = print_window(file, window, po.filter, &narrowed);
		if (status) {
			free(trailing);
			return status;
		}
		free(trailing);
		po.filter = trailing = narrowed;
	}
	if (nrules && !(rule_set = print_rules_load(rules, nrules))) {
		free(trailing);
		return 2;
	}
	po.rules = own_rules ? rule_set : NULL;
	eng_rules_set_default(rule_set);
	if (list_rules) {
		print_rules_list(rule_set, stdout);
		eng_ruleset_free(rule_set);
		free(trailing);
		return 0;
	}
	/* with --rules (which no other print goes with), the interface opens on the alerts */
	if (own_rules && !top && !po.filter && tty &&
	    (file ? !po.write : !po.write || followable(po.write)))
		po.filter = "falco.rule exists";
	if (!file && tty && (!po.write || followable(po.write)))
		status = live_tui(&co, po.filter, top, interval, no_mouse);
	else if (!file && top)
		status = live_top(&co, eng_top_view(top));
	else if (!file)
		status = capture_run(&co);
	else if (index)
		status = print_index(file, use_cache, stdout);
	else if (event_at)
		status = print_event_at(file, event_at, use_cache, &po, stdout);
	else if (follow.event)
		status = print_follow(file, &follow, stdout);
	else if (stats)
		status = print_stats(file, po.filter, stdout);
	else if (io_stat)
		status = print_iostat(file, io_stat, series, nseries, &po, stdout);
	else if (spectro)
		status = print_spectro(file, spectro, &po, stdout);
	else if (tty && !po.write)
		status = tui_run(&(struct tui_source){ .path = file, .top = top, .tree = po.tree,
						       .no_mouse = no_mouse },
				 po.filter);
	else if (top)
		status = print_top(file, eng_top_view(top), &po, stdout);
	else
		status = print_file(file, &po, stdout);
	eng_ruleset_free(rule_set);
	free(trailing);
	return status;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * The probe's loader: configures the skeleton (snap length, ring buffer
 * size, our own pid, the epoch offset of the boot clock), loads it, fills
 * the recipe table, attaches the programs and drains the ring buffer.
 *
 * Ring buffer pages are read-only to user space, so each event is copied
 * into a buffer of the probe's before its flag values are rewritten
 * (probe_flags.h) and it is handed on.
 *
 * How full the ring is comes from its two positions, which the kernel keeps
 * in the map's first two pages (the consumer's, then the producer's): the
 * probe maps them read-only next to libbpf's own mapping, as libbpf 1.1 has
 * no ring__avail_data_size(). Bytes waiting = producer - consumer position.
 */
#include "probe.h"

#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "probe_flags.h"
#include "probe_table.h"
#include "syscalls.h"
#include "syscalls.skel.h"
#include "xalloc.h"

#define RING_DEFAULT (16u << 20)
/* Events one poll hands out at most, so its caller gets a turn under load. */
#define POLL_BATCH 65536u
/* Events taken between two looks at how full the ring is. */
#define RING_LOOK 1024u

struct probe {
	struct syscalls_bpf *skel;
	struct ring_buffer *rb;
	probe_event_fn fn;
	void *arg;
	int stop;	    /* fn's non-zero result */
	unsigned int taken; /* events handed out in this poll */
	unsigned int ncpus;
	uint64_t *cpu_dropped;
	struct probe_counters *percpu;
	uint8_t *pos;	    /* the ring's position pages, or MAP_FAILED */
	size_t page;
	uint64_t ring_size; /* bytes */
	uint64_t ring_peak; /* bytes waiting at the fullest a look found it */
	uint8_t ev[PROBE_CHUNK];
};

/* libbpf's last message, and the verifier's reason, for the error line when loading fails. */
static char libbpf_last[200];
static char verifier_reason[200];

/* Keeps the last line of a verifier log that is not a statistic. */
static void keep_reason(const char *msg)
{
	const char *begin = strstr(msg, "-- BEGIN PROG LOAD LOG --\n"), *end, *line;
	size_t n;

	if (!begin || !(end = strstr(begin, "-- END PROG LOAD LOG --")))
		return;
	begin += strlen("-- BEGIN PROG LOAD LOG --\n");
	while (end > begin) {
		for (line = end - 1; line > begin && line[-1] != '\n'; line--)
			;
		n = (size_t)(end - line) - 1; /* without its newline */
		if (n && strncmp(line, "processed ", 10) != 0 && strncmp(line, "verification ", 13) &&
		    strncmp(line, "stack depth ", 12) != 0) {
			snprintf(verifier_reason, sizeof(verifier_reason), "%.*s", (int)n, line);
			return;
		}
		end = line;
	}
}

__attribute__((format(printf, 2, 0))) static int libbpf_log(enum libbpf_print_level level,
								const char *fmt, va_list ap)
{
	va_list aq;
	char *msg;
	int len;
	size_t n;

	if (level == LIBBPF_DEBUG)
		return 0;
	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0)
		return 0;
	msg = xmalloc((size_t)len + 1);
	vsnprintf(msg, (size_t)len + 1, fmt, ap);
	keep_reason(msg);
	n = strcspn(msg, "\n");
	if (n)
		snprintf(libbpf_last, sizeof(libbpf_last), "%.*s", (int)n, msg);
	free(msg);
	return 0;
}

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint32_t pow2_at_least(uint64_t v)
{
	uint32_t r = 4096;

	while (r < v && r < (1u << 30))
		r <<= 1;
	return r;
}

/* Whether this process may load tracing BPF programs (root, or CAP_BPF and CAP_PERFMON). */
static bool may_load_bpf(void)
{
	unsigned long long eff = 0;
	char line[256];
	FILE *f;

	if (geteuid() == 0)
		return true;
	f = fopen("/proc/self/status", "r");
	if (!f)
		return false;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	}
	fclose(f);
	return (eff >> 39 & 1) && (eff >> 38 & 1); /* CAP_BPF, CAP_PERFMON */
}

/* One line for a failure to load or attach, with what to do about it. */
static struct probe *fail(struct probe *p, struct diag *d, int err, const char *what)
{
	if (access("/sys/kernel/btf/vmlinux", R_OK) != 0)
		diag_set(d, -ENOTSUP, 0,
			 "this kernel has no BTF (/sys/kernel/btf/vmlinux is missing): the probe "
			 "needs a kernel built with CONFIG_DEBUG_INFO_BTF=y");
	else if ((err == -EPERM || err == -EACCES) && !may_load_bpf())
		diag_set(d, err, 0,
			 "no privilege to load the BPF probe: run as root, or give syshark "
			 "CAP_BPF and CAP_PERFMON (setcap cap_bpf,cap_perfmon+ep syshark)");
	else if (verifier_reason[0])
		diag_set(d, err, 0, "%s the BPF probe failed: the kernel's verifier refused it: %s",
			 what, verifier_reason);
	else
		diag_set(d, err, 0, "%s the BPF probe failed: %s%s%s", what, strerror(-err),
			 libbpf_last[0] ? ": " : "", libbpf_last);
	probe_free(p);
	return NULL;
}

/* Keeps the bytes waiting in the ring buffer now, if they are the most yet. */
static void ring_look(struct probe *p)
{
	uint64_t cons, prod;

	if (p->pos == MAP_FAILED)
		return;
	cons = __atomic_load_n((const uint64_t *)p->pos, __ATOMIC_ACQUIRE);
	prod = __atomic_load_n((const uint64_t *)(p->pos + p->page), __ATOMIC_ACQUIRE);
	if (prod - cons > p->ring_peak)
		p->ring_peak = prod - cons;
}

static int on_sample(void *ctx, void *data, size_t size)
{
	struct probe *p = ctx;
	const struct probe_rec_hdr *h = data;
	uint32_t len;

	/* the fill as the poll finds it, and now and then as it drains the ring */
	if (p->taken % RING_LOOK == 0)
		ring_look(p);
	if (size < sizeof(*h) + PROBE_EV_HDR || size > sizeof(p->ev) + sizeof(*h))
		return 0;
	len = (uint32_t)(size - sizeof(*h));
	memcpy(p->ev, (const uint8_t *)data + sizeof(*h), len);
	if (probe_flags_fixup(p->ev, len) != 0)
		return 0;
	p->stop = p->fn(p->arg, p->ev, len, h->cpu);
	/* a negative result ends libbpf's loop; the sample counts as read */
	return p->stop || ++p->taken >= POLL_BATCH ? -1 : 0;
}

struct probe *probe_open(const struct probe_opts *o, struct diag *d)
{
	struct probe *p = xcalloc(1, sizeof(*p));
	struct probe_sc *tab;
	int err, ncpus;
	uint32_t i, ring;
	uint8_t at_exec = 2; /* TRACK_AT_EXEC: followed from its first execve */

	p->pos = MAP_FAILED;
	libbpf_last[0] = verifier_reason[0] = 0;
	libbpf_set_print(libbpf_log);
	ncpus = libbpf_num_possible_cpus();
	if (ncpus <= 0)
		return fail(p, d, ncpus ? ncpus : -EINVAL, "counting CPUs for");
	p->ncpus = (unsigned int)ncpus;
	p->cpu_dropped = xcalloc(p->ncpus, sizeof(*p->cpu_dropped));
	p->percpu = xcalloc(p->ncpus, sizeof(*p->percpu));

	p->skel = syscalls_bpf__open();
	if (!p->skel)
		return fail(p, d, -errno, "opening");
	p->skel->rodata->self_tgid = (uint32_t)getpid();
	p->skel->rodata->snaplen = o->snaplen;
	p->skel->rodata->snaplen_proto = o->snaplen_proto;
	p->skel->rodata->follow = o->follow > 0;
	p->skel->rodata->boot_to_epoch = clock_ns(CLOCK_REALTIME) - clock_ns(CLOCK_BOOTTIME);
	ring = pow2_at_least(o->ring_bytes ? o->ring_bytes : RING_DEFAULT);
	bpf_map__set_max_entries(p->skel->maps.events, ring);
	p->ring_size = ring;
	/* the reader is woken when an eighth of the ring is waiting */
	p->skel->rodata->wakeup_bytes = ring / 8;
	bpf_map__set_max_entries(p->skel->maps.scratch, p->ncpus);
	err = syscalls_bpf__load(p->skel);
	if (err)
		return fail(p, d, err, "loading");

	tab = xcalloc(PROBE_NR_MAX, sizeof(*tab));
	if (probe_table_fill(tab, PROBE_NR_MAX, d)) {
		free(tab);
		probe_free(p);
		return NULL;
	}
	for (i = 0; !err && i < PROBE_NR_MAX; i++) {
		if (bpf_map_update_elem(bpf_map__fd(p->skel->maps.sc_table), &i, &tab[i], 0))
			err = -errno;
	}
	free(tab);
	if (err)
		return fail(p, d, err, "configuring");
	if (o->follow > 0) {
		uint32_t pid = (uint32_t)o->follow;

		if (bpf_map_update_elem(bpf_map__fd(p->skel->maps.tracked), &pid, &at_exec, 0))
			return fail(p, d, -errno, "configuring");
	}
	p->rb = ring_buffer__new(bpf_map__fd(p->skel->maps.events), on_sample, p, NULL);
	if (!p->rb)
		return fail(p, d, -errno, "opening the ring buffer of");
	/* without the positions the capture goes on; the fill reads as 0 */
	p->page = (size_t)sysconf(_SC_PAGESIZE);
	p->pos = mmap(NULL, 2 * p->page, PROT_READ, MAP_SHARED, bpf_map__fd(p->skel->maps.events),
		      0);
	err = syscalls_bpf__attach(p->skel);
	if (err)
		return fail(p, d, err, "attaching");
	return p;
}

void probe_free(struct probe *p)
{
	if (!p)
		return;
	if (p->pos != MAP_FAILED)
		munmap(p->pos, 2 * p->page);
	ring_buffer__free(p->rb);
	syscalls_bpf__destroy(p->skel);
	free(p->cpu_dropped);
	free(p->percpu);
	free(p);
}

int probe_poll(struct probe *p, int timeout_ms, probe_event_fn fn, void *arg)
{
	int n;

	p->fn = fn;
	p->arg = arg;
	p->stop = 0;
	p->taken = 0;
	/*
	 * The probe wakes the reader only now and then: take what waits either
	 * way. -1 is on_sample() ending the loop (a stop or a full batch).
	 */
	n = ring_buffer__poll(p->rb, timeout_ms);
	if (n >= 0)
		n = ring_buffer__consume(p->rb);
	if (n == -1)
		return p->stop ? p->stop : (int)p->taken;
	return n < 0 ? n : (int)p->taken;
}

void probe_detach(struct probe *p)
{
	syscalls_bpf__detach(p->skel);
}

int probe_fd(const struct probe *p)
{
	return ring_buffer__epoll_fd(p->rb);
}

void probe_stats(struct probe *p, struct probe_stats *st)
{
	uint32_t zero = 0;
	unsigned int i;

	memset(st, 0, sizeof(*st));
	st->ncpus = p->ncpus;
	st->cpu_dropped = p->cpu_dropped;
	st->ring_size = p->ring_size;
	ring_look(p); /* the reader may have been away a while: since the last poll */
	st->ring_peak = p->ring_peak;
	p->ring_peak = 0;
	if (bpf_map_lookup_elem(bpf_map__fd(p->skel->maps.counters), &zero, p->percpu))
		return;
	for (i = 0; i < p->ncpus; i++) {
		st->seen += p->percpu[i].seen;
		st->dropped += p->percpu[i].dropped;
		st->toobig += p->percpu[i].toobig;
		p->cpu_dropped[i] = p->percpu[i].dropped;
	}
}

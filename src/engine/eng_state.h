/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Process, thread, fd, user and group state, built from a capture's state
 * blocks and kept current by its events, the way libsinsp does it: threads
 * appear with clone/fork and the process list, change with execve and
 * chdir, and go with procexit; fds appear with open/socket/accept/pipe/dup
 * and go with close. Each thread remembers its last enter event so that an
 * exit can be paired with it.
 *
 * Owned and used by one thread (the engine's).
 */
#ifndef SYSHARK_ENG_STATE_H
#define SYSHARK_ENG_STATE_H

#include <stdbool.h>
#include <stdint.h>

#include "eng_reasm.h"
#include "event.h"
#include "hmap.h"
#include "sbuf.h"
#include "schema.h"
#include "sf_blocks.h"

/* IP protocols of sockets (scap_l4_proto). */
enum eng_l4 { ENG_L4_UNKNOWN, ENG_L4_NA, ENG_L4_TCP, ENG_L4_UDP, ENG_L4_ICMP, ENG_L4_RAW };

/* Which end of a connection a socket is (libsinsp's roles). */
enum eng_role { ENG_ROLE_NONE, ENG_ROLE_CLIENT, ENG_ROLE_SERVER };

/*
 * An open fd. For IP sockets sip/sport is the client side and dip/dport the
 * server side once the role is known (libsinsp keeps tuples that way).
 */
struct eng_fd {
	int64_t fd;
	uint8_t type; /* scap_fd_type */
	uint8_t l4proto;
	uint8_t role; /* enum eng_role */
	uint32_t open_flags;
	uint64_t ino;
	uint32_t dev;
	uint8_t sip[16], dip[16];
	uint16_t sport, dport;
	uint8_t flags; /* ENG_FD_* */
	char *name;     /* owned */
	char *name_raw; /* owned: an opened file's path as the call gave it, or NULL */
	struct eng_reasm *reasm[2]; /* owned: the message it reads ([0]), writes, in parts */
};

/* What libsinsp's fd flags tell (a connected socket, a file of an overlay layer), and more. */
enum {
	ENG_FD_CONNECTED = 1,
	ENG_FD_UPPER_LAYER = 2,
	ENG_FD_LOWER_LAYER = 4,
	/* an HTTP HEAD request went out (in): the response read (written) has no body */
	ENG_FD_HEAD_READ = 8,
	ENG_FD_HEAD_WRITE = 16,
};

struct eng_fdtab {
	struct hmap fds; /* fd -> struct eng_fd */
	unsigned int refs;
	unsigned int reasm; /* the messages its fds gather */
};

/* What execve's flags tell of the executable (PPM_EXE_*). */
enum {
	ENG_EXE_WRITABLE = 1,
	ENG_EXE_UPPER_LAYER = 2,
	ENG_EXE_FROM_MEMFD = 4,
	ENG_EXE_LOWER_LAYER = 8,
};

/* A byte string with an explicit length (NUL-lists). */
struct eng_blob {
	char *p;
	uint32_t len;
};

/* libsinsp's thread categories: what started a thread in a container. */
enum eng_category {
	ENG_CAT_NONE,
	ENG_CAT_CONTAINER,   /* the container's first process or one of its descendants */
	ENG_CAT_HEALTHCHECK, /* one of the container's probes, in ENG_PROBE_* order */
	ENG_CAT_LIVENESS,
	ENG_CAT_READINESS,
};

struct eng_thread {
	int64_t tid, pid, ptid, sid, vpgid, vtid, vpid;
	char container_id[13]; /* "" on the host */
	uint8_t category;      /* enum eng_category */
	char *comm, *exe, *exepath, *cwd, *root; /* owned, never NULL */
	struct eng_blob args, env, cgroups;
	int64_t fdlimit;
	uint32_t flags, uid, gid, loginuid;
	int64_t pgid; /* -1 if the capture does not tell */
	uint32_t tty;
	uint32_t exe_flags; /* ENG_EXE_*, from execve */
	uint64_t cap_inheritable, cap_permitted, cap_effective;
	/* the executable's inode and its ctime and mtime in ns; 0 if unknown */
	uint64_t exe_ino, exe_ino_ctime, exe_ino_mtime;
	/*
	 * When its pid namespace's init started (ns since the epoch), and the
	 * executable's ctime before the clone and after that start, as execve
	 * computes them; 0 if unknown.
	 */
	uint64_t pidns_init_start_ts, exe_ino_ctime_to_clone, exe_ino_ctime_from_pidns;
	uint32_t vmsize_kb, vmrss_kb, vmswap_kb;
	uint64_t pfmajor, pfminor;
	/*
	 * CPU time in clock ticks, user and system, from the thread's last
	 * procinfo event and the one before it (0 before the first).
	 */
	uint64_t cpu_usr, cpu_sys, cpu_usr_prev, cpu_sys_prev;
	uint64_t clone_ts;    /* time of the clone that made it; 0 if not seen */
	uint64_t totexectime; /* ns it ran, summed over the switch events seen */
	struct eng_fdtab *fdtab; /* shared by the threads of a process */
	/* The last enter event, for pairing with its exit. */
	uint8_t *enter;
	uint32_t enter_len, enter_cap;
	uint16_t enter_type; /* EV_MAX if none */
	int64_t lastevent_fd; /* libsinsp's: the enter's fd, or the last fd added */
	uint64_t enter_ts;   /* time of the last enter event */
	uint64_t latency;    /* at an exit: ns since enter_ts; 0 after an enter */
	bool enter_v1;	     /* stored with the 22-byte header */
	uint64_t enter_num;
};

/* A mount of a container, as its record tells it. */
struct eng_mount {
	char *source, *dest, *mode, *propagation; /* owned, never NULL */
	bool rdwr;
};

/* A label of a container or of its pod. */
struct eng_label {
	char *name, *value; /* owned, never NULL */
};

/* The health probes a container record can name (libsinsp's probe types). */
enum { ENG_PROBE_HEALTHCHECK, ENG_PROBE_LIVENESS, ENG_PROBE_READINESS, ENG_PROBE_N };

/* What a container record says of the namespaces and rights of its container. */
enum {
	ENG_CT_PRIVILEGED = 1,
	ENG_CT_HOST_PID = 2,
	ENG_CT_HOST_NETWORK = 4,
	ENG_CT_HOST_IPC = 8,
};

/* A container, from its record's JSON; strings are owned, never NULL, empty if absent. */
struct eng_container {
	char id[13];
	char *name, *image;
	char *imageid, *imagerepo, *imagetag, *imagedigest;
	char *cni_json, *sandbox_id, *full_id;
	int32_t type;  /* libsinsp's container type number; -1 if not told */
	uint32_t flags; /* ENG_CT_* */
	uint8_t ip[4];  /* network order; 0.0.0.0 if unknown */
	struct eng_mount *mounts;
	uint32_t nmounts;
	/* sorted by name, as libsinsp keeps them */
	struct eng_label *labels, *pod_labels;
	uint32_t nlabels, npod_labels;
	/* each probe's executable then its arguments, NUL-terminated; len 0 if none */
	struct eng_blob probes[ENG_PROBE_N];
};

struct eng_user {
	uint32_t id, gid;
	char *name, *home, *shell;
	uint8_t *rec;	  /* parameters of the record event that set it, or NULL */
	uint32_t rec_len;
};

/* What the state says about one event, as libsinsp's parser sees it. */
struct eng_evinfo {
	struct eng_thread *thread; /* NULL if the event has none */
	const struct eng_fd *fd;   /* the fd it used (kept even if it closed it), or NULL */
	bool paired;		   /* an exit whose enter was seen */
	bool name_changed;	   /* parsing it changed its fd's name (a new fd's: from "") */
};

/* An address of the machine's interfaces: 4 bytes (IPv4) or 16 (IPv6). */
struct eng_ifaddr {
	uint8_t len;
	uint8_t addr[16];
};

/* How many of the last threads to exit the state remembers. */
#define ENG_EXITED_N 64

struct eng_state {
	struct hmap threads; /* tid -> struct eng_thread */
	struct hmap users;   /* uid -> struct eng_user */
	struct hmap groups;  /* gid -> struct eng_user */
	struct hmap containers; /* hash of id -> struct eng_container */
	int64_t tid_to_remove;
	/* the last threads to exit, a ring: their tids and exit times */
	int64_t exited_tid[ENG_EXITED_N];
	uint64_t exited_ts[ENG_EXITED_N];
	uint32_t exited_next;
	struct sf_machine machine;
	bool have_machine;
	struct eng_fd closed; /* the fd a close removed, kept for its event */
	struct sbuf fd_oldname; /* the event's fd's name before its parsing */
	struct eng_thread *container; /* the thread of container records */
	struct eng_thread *last;      /* the thread of the last event (a look-up cache) */
	struct eng_ifaddr *ifaddrs;   /* from the section's interface list */
	uint32_t nifaddrs;
	uint64_t threads_gen; /* changes whenever a thread comes or goes */
	/* per CPU: the time of its last switch event (0 before the first) */
	uint64_t *switch_ts;
	uint32_t nswitch_ts;
	uint64_t exectime; /* at a switch event: ns since the CPU's switch before */
	/* the default Falco rules compiled for the falco.* fields (owned), once asked for */
	struct eng_rules_eval *rules;
	/* the last event whose data was dissected (owned), for the protocol fields */
	struct eng_proto_cache *proto;
	struct eng_reasm_evt reasm; /* what the last I/O event's data is to its stream */
};

struct eng_rules_eval;
struct eng_proto_cache;

/* Frees what eng_evt_proto() (eng_fields.h) kept. */
void eng_proto_cache_free(struct eng_proto_cache *c);

void eng_state_init(struct eng_state *s);
void eng_state_fini(struct eng_state *s);
/* Drops everything (a new section starts). */
void eng_state_reset(struct eng_state *s);

/*
 * Call once the state blocks of a section are in, before its first event:
 * gives the sockets from the fd lists their roles (a socket on a port that
 * some server socket listens on is the server end), as libsinsp does.
 */
void eng_state_blocks_done(struct eng_state *s);

/* Feeds a state block (PL, FDL, UL, IL, MI); returns 0 or -EINVAL with d set. */
int eng_state_add_block(struct eng_state *s, const struct sf_block *b, struct diag *d);

/*
 * Updates the state with event ev (number num) and describes the event in
 * out. Call before rendering the event, as libsinsp parses before it
 * formats. Pointers in out are borrowed until the next call.
 */
void eng_state_on_event(struct eng_state *s, const struct ev_view *ev, uint64_t num,
			struct eng_evinfo *out);

/*
 * The fd number a paired exit ev would use had a filter rejected its enter
 * (which ends the pairing): the one it carries, or ENG_FD_AS_PAIRED if it
 * carries none (its fields then take its enter's fd all the same).
 */
#define ENG_FD_AS_PAIRED (-2)
int64_t eng_state_unpaired_fd(const struct ev_view *ev);

/* The paired enter event of exit ev, decoded into out; false if none. */
bool eng_state_enter_of(const struct eng_thread *t, const struct ev_view *ev, struct ev_view *out);

struct eng_thread *eng_state_thread(const struct eng_state *s, int64_t tid);
struct eng_fd *eng_state_fd(const struct eng_thread *t, int64_t fd);
const struct eng_user *eng_state_user(const struct eng_state *s, uint32_t uid);
const struct eng_user *eng_state_group(const struct eng_state *s, uint32_t gid);
/* Adds an interface address (len 4 or 16) to the machine's list. */
void eng_state_add_ifaddr(struct eng_state *s, const uint8_t *addr, size_t len);
/* Whether sip is an address of this machine, as libsinsp decides for thread t. */
bool eng_state_is_local(const struct eng_state *s, const struct eng_thread *t,
			const uint8_t *sip, size_t len);
/*
 * The CPU thread t used between its last two procinfo events, in clock
 * ticks (a percentage of one CPU at the usual 100 Hz and one procinfo
 * event a second), at most 100, as libsinsp's thread.cpu: user and system
 * time as asked; 0 before its second procinfo event.
 */
uint64_t eng_thread_cpu(const struct eng_thread *t, bool user, bool sys);
/* The threads of process pid the state knows, and of those, how many are not its main thread. */
uint64_t eng_state_nthreads(const struct eng_state *s, int64_t pid, uint64_t *nchilds);

/* A container described by a container record, or NULL. */
const struct eng_container *eng_state_container(const struct eng_state *s, const char *id);

/*
 * Tells the state that a filter rejected event ev. As in libsinsp, a rejected
 * event that does not change the state ends its thread's pairing: the next
 * exit is not paired with the enter before it.
 */
void eng_state_filtered_out(struct eng_state *s, const struct eng_evinfo *info,
			    const struct ev_view *ev);

/*
 * True if events of this type (or of its other direction) change the state,
 * so that a reader needs them to decode the events that follow.
 */
bool eng_event_changes_state(uint16_t type);

/*
 * True if parsing an event of this type may change more than an fd's
 * connected flag, a thread's memory figures and its limits: a name, a
 * thread, an fd.
 */
bool eng_event_renames(uint16_t type);

/*
 * True if the state takes nothing from events of this type: a replay may
 * pass over them when its reader has no use for them either.
 */
bool eng_event_ignored_by_state(uint16_t type);

/* Event flags as sysdig 0.29.3 knows them (the current ones for newer ids). */
static inline uint32_t eng_event_flags(uint16_t type)
{
	if (type >= EV_MAX)
		return 0;
	return type < EV_COMPAT_MAX ? ev_table[type].compat_flags : ev_table[type].flags;
}

/* The protocol of an IP socket as libsinsp tells it: n/a until it has a role. */
uint8_t eng_fd_l4proto(const struct eng_fd *f);

/* libsinsp's type character of an fd ('f', '4', 'u', ...). */
char eng_fd_typechar(const struct eng_fd *f);
/* fd.type: file, directory, ipv4, ipv6, pipe, unix, ...; "<NA>" if unknown. */
const char *eng_fd_typename(const struct eng_fd *f);

#endif

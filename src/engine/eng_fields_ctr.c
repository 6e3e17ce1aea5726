// SPDX-License-Identifier: GPL-2.0-only
/*
 * Field extractors: container.*, k8s.* and the proc.is_container_* fields,
 * from the containers that container records describe. A thread on the
 * host has no container; a thread whose container no record describes
 * has only container.id.
 */
#include "eng_fields.h"

#include <arpa/inet.h>
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "eng_fields_int.h"

/* libsinsp's names of container types, by number; NULL where it has none. */
static const char *const type_names[] = {
	"docker", "lxc", "libvirt-lxc", "mesos", "rkt", NULL, "cri", "containerd", "cri-o", "bpm",
	NULL, "podman",
};

/* Types whose records tell privileges and namespaces (libsinsp's docker-compatible ones). */
static bool knows_privileges(int32_t type)
{
	return type == 0 || type == 6 || type == 7 || type == 8 || type == 11;
}

/* The container of e's thread as a record describes it; NULL on the host or if unknown. */
static const struct eng_container *evt_container(const struct eng_state *s,
						 const struct eng_evt *e)
{
	if (!e->thread || !e->thread->container_id[0])
		return NULL;
	return eng_state_container(s, e->thread->container_id);
}

/* Puts str, or gives no value if it is empty. */
static bool put_nonempty(struct sbuf *o, const char *str)
{
	if (!str[0])
		return false;
	sbuf_puts(o, str);
	return true;
}

bool f_container_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	sbuf_puts(o, e->thread->container_id[0] ? e->thread->container_id : "host");
	return true;
}

bool f_container_name(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);

	(void)r;
	NEED_THREAD(e);
	if (!e->thread->container_id[0]) {
		sbuf_puts(o, "host");
		return true;
	}
	return c && put_nonempty(o, c->name);
}

/* The full id the record gives; "host" on the host. */
bool f_container_full_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			 const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);

	(void)r;
	NEED_THREAD(e);
	if (!e->thread->container_id[0]) {
		sbuf_puts(o, "host");
		return true;
	}
	return c && c->full_id && put_nonempty(o, c->full_id);
}

/*
 * container.start_ts is the start of the init of the thread's pid
 * namespace, as the kernel tells it, container.duration the time since
 * then; on the host too, as current Falco libraries.
 */
bool f_container_start_ts(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (!e->thread->pidns_init_start_ts)
		return false;
	sbuf_put_u64(o, e->thread->pidns_init_start_ts);
	return true;
}

bool f_container_duration(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	UNUSED_ARGS;
	NEED_THREAD(e);
	if (!e->thread->pidns_init_start_ts)
		return false;
	sbuf_put_i64(o, (int64_t)(e->ev.ts - e->thread->pidns_init_start_ts));
	return true;
}

bool f_container_type(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);

	(void)r;
	NEED_THREAD(e);
	if (!e->thread->container_id[0]) {
		sbuf_puts(o, "host");
		return true;
	}
	if (!c || c->type < 0 || (size_t)c->type >= sizeof(type_names) / sizeof(type_names[0]) ||
	    !type_names[c->type])
		return false;
	sbuf_puts(o, type_names[c->type]);
	return true;
}

/* A text of the container of the event's thread; no value if it is empty. */
#define CONTAINER_STR_FN(fn, member)                                                         \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,          \
		const struct eng_fref *r)                                                    \
	{                                                                                    \
		const struct eng_container *c = evt_container(s, e);                         \
                                                                                             \
		(void)r;                                                                     \
		return c && put_nonempty(o, c->member);                                      \
	}
CONTAINER_STR_FN(f_container_image, image)
CONTAINER_STR_FN(f_container_image_id, imageid)
CONTAINER_STR_FN(f_container_image_repository, imagerepo)
CONTAINER_STR_FN(f_container_image_tag, imagetag)
CONTAINER_STR_FN(f_container_image_digest, imagedigest)

/* A flag of the container, for the types whose records tell it. */
#define CONTAINER_FLAG_FN(fn, flag)                                                          \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,          \
		const struct eng_fref *r)                                                    \
	{                                                                                    \
		const struct eng_container *c = evt_container(s, e);                         \
                                                                                             \
		(void)r;                                                                     \
		return c && knows_privileges(c->type) && fx_put_bool(o, c->flags & (flag));  \
	}
CONTAINER_FLAG_FN(f_container_privileged, ENG_CT_PRIVILEGED)
CONTAINER_FLAG_FN(f_container_host_pid, ENG_CT_HOST_PID)
CONTAINER_FLAG_FN(f_container_host_network, ENG_CT_HOST_NETWORK)
CONTAINER_FLAG_FN(f_container_host_ipc, ENG_CT_HOST_IPC)

/* A mount as libsinsp writes it: source:dest:mode:rdwr:propagation. */
static void put_mount(struct sbuf *o, const struct eng_mount *m)
{
	sbuf_printf(o, "%s:%s:%s:%s:%s", m->source, m->dest, m->mode, m->rdwr ? "true" : "false",
		    m->propagation);
}

bool f_container_mounts(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);
	uint32_t i;

	(void)r;
	if (!c)
		return false;
	for (i = 0; i < c->nmounts; i++) {
		if (i)
			sbuf_putc(o, ',');
		put_mount(o, &c->mounts[i]);
	}
	return true;
}

/*
 * The mount r's argument names: by number, or else the first whose source
 * (by_dest: destination) matches the argument as a glob.
 */
static const struct eng_mount *find_mount(const struct eng_state *s, const struct eng_evt *e,
					  const struct eng_fref *r, bool by_dest)
{
	const struct eng_container *c = evt_container(s, e);
	uint32_t i;

	if (!c)
		return NULL;
	if (r->idx >= 0)
		return r->idx < c->nmounts ? &c->mounts[r->idx] : NULL;
	for (i = 0; i < c->nmounts; i++)
		if (!fnmatch(r->name, by_dest ? c->mounts[i].dest : c->mounts[i].source, 0))
			return &c->mounts[i];
	return NULL;
}

bool f_container_mount(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	const struct eng_mount *m = find_mount(s, e, r, false);

	if (!m)
		return false;
	put_mount(o, m);
	return true;
}

/* A part of a mount; container.mount.source alone finds its mount by destination. */
#define MOUNT_STR_FN(fn, member, by_dest)                                                    \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,          \
		const struct eng_fref *r)                                                    \
	{                                                                                    \
		const struct eng_mount *m = find_mount(s, e, r, by_dest);                    \
                                                                                             \
		if (!m)                                                                      \
			return false;                                                        \
		sbuf_puts(o, m->member);                                                     \
		return true;                                                                 \
	}
MOUNT_STR_FN(f_container_mount_source, source, true)
MOUNT_STR_FN(f_container_mount_dest, dest, false)
MOUNT_STR_FN(f_container_mount_mode, mode, false)
MOUNT_STR_FN(f_container_mount_propagation, propagation, false)

bool f_container_mount_rdwr(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			    const struct eng_fref *r)
{
	const struct eng_mount *m = find_mount(s, e, r, false);

	return m && fx_put_bool(o, m->rdwr);
}

/* Probe i of the container: its command line, or NONE if it has none. */
static bool put_probe(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e, int i)
{
	const struct eng_container *c = evt_container(s, e);
	const struct eng_blob *b;
	uint32_t k;

	if (!c)
		return false;
	b = &c->probes[i];
	if (!b->len) {
		sbuf_puts(o, "NONE");
		return true;
	}
	/* the executable and arguments, each NUL-terminated, joined by spaces */
	for (k = 0; k + 1 < b->len; k++)
		sbuf_putc(o, b->p[k] ? b->p[k] : ' ');
	return true;
}

#define PROBE_FNS(fn, is_fn, probe)                                                          \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,          \
		const struct eng_fref *r)                                                    \
	{                                                                                    \
		(void)r;                                                                     \
		return put_probe(o, s, e, probe);                                            \
	}                                                                                    \
	bool is_fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,       \
		   const struct eng_fref *r)                                                 \
	{                                                                                    \
		UNUSED_ARGS;                                                                 \
		NEED_THREAD(e);                                                              \
		return fx_put_bool(o, e->thread->category == ENG_CAT_HEALTHCHECK + (probe)); \
	}
PROBE_FNS(f_container_healthcheck, f_proc_is_container_healthcheck, ENG_PROBE_HEALTHCHECK)
PROBE_FNS(f_container_liveness_probe, f_proc_is_container_liveness_probe, ENG_PROBE_LIVENESS)
PROBE_FNS(f_container_readiness_probe, f_proc_is_container_readiness_probe,
	  ENG_PROBE_READINESS)

static bool put_ip(struct sbuf *o, const struct eng_container *c)
{
	char ip[INET_ADDRSTRLEN];

	if (!c || !inet_ntop(AF_INET, c->ip, ip, sizeof(ip)))
		return false;
	sbuf_puts(o, ip);
	return true;
}

bool f_container_ip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		    const struct eng_fref *r)
{
	(void)r;
	return put_ip(o, evt_container(s, e));
}

/* The CNI result of container c, if any. */
static bool put_cni(struct sbuf *o, const struct eng_container *c)
{
	if (!c)
		return false;
	sbuf_puts(o, c->cni_json);
	return true;
}

bool f_container_cni_json(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	(void)r;
	return put_cni(o, evt_container(s, e));
}

/* The value of label name in l (sorted), or NULL. */
static const char *label_get(const struct eng_label *l, uint32_t n, const char *name)
{
	uint32_t lo = 0, hi = n, mid;
	int cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = strcmp(name, l[mid].name);
		if (!cmp)
			return l[mid].value;
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Labels as NAME:VALUE (NAME alone if empty), ", "-separated, without Kubernetes' own. */
static void put_labels(struct sbuf *o, const struct eng_label *l, uint32_t n)
{
	size_t start = o->len;
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (!strncmp(l[i].name, "annotation.", 11) ||
		    !strncmp(l[i].name, "io.kubernetes.", 14))
			continue;
		if (o->len > start)
			sbuf_puts(o, ", ");
		sbuf_puts(o, l[i].name);
		if (l[i].value[0]) {
			sbuf_putc(o, ':');
			sbuf_puts(o, l[i].value);
		}
	}
}

bool f_container_label(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		       const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);
	const char *v = c ? label_get(c->labels, c->nlabels, r->name) : NULL;

	if (!v)
		return false;
	sbuf_puts(o, v);
	return true;
}

bool f_container_labels(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);

	(void)r;
	if (!c)
		return false;
	put_labels(o, c->labels, c->nlabels);
	return true;
}

/* ---- k8s.*: from the labels a CRI runtime gives a pod's containers ---- */

/* A Kubernetes label of the container of the event's thread. */
#define K8S_LABEL_FN(fn, label)                                                              \
	bool fn(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,          \
		const struct eng_fref *r)                                                    \
	{                                                                                    \
		const struct eng_container *c = evt_container(s, e);                         \
		const char *v = c ? label_get(c->labels, c->nlabels, label) : NULL;          \
                                                                                             \
		(void)r;                                                                     \
		return v && put_nonempty(o, v);                                              \
	}
K8S_LABEL_FN(f_k8s_pod_name, "io.kubernetes.pod.name")
K8S_LABEL_FN(f_k8s_ns_name, "io.kubernetes.pod.namespace")
K8S_LABEL_FN(f_k8s_pod_uid, "io.kubernetes.pod.uid")

bool f_k8s_pod_sandbox_id(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			  const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);

	(void)r;
	if (!c || !c->sandbox_id[0])
		return false;
	sbuf_printf(o, "%.12s", c->sandbox_id);
	return true;
}

bool f_k8s_pod_full_sandbox_id(struct sbuf *o, const struct eng_state *s,
			       const struct eng_evt *e, const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e);

	(void)r;
	return c && put_nonempty(o, c->sandbox_id);
}

/*
 * Where the pod's own facts (labels, address, CNI result) are: in the
 * container's record when it has the CNI result, else in the record of the
 * pod's sandbox container, if there is one.
 */
static const struct eng_container *pod_of(const struct eng_state *s, const struct eng_evt *e)
{
	const struct eng_container *c = evt_container(s, e);
	char id[13];

	if (!c || c->cni_json[0])
		return c;
	if (!c->sandbox_id[0])
		return NULL;
	snprintf(id, sizeof(id), "%.12s", c->sandbox_id);
	return eng_state_container(s, id);
}

bool f_k8s_pod_label(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		     const struct eng_fref *r)
{
	const struct eng_container *c = evt_container(s, e), *pod = pod_of(s, e);
	const char *v = NULL;

	if (pod)
		v = label_get(pod->pod_labels, pod->npod_labels, r->name);
	if (!v && c)
		v = label_get(c->pod_labels, c->npod_labels, r->name);
	if (!v)
		return false;
	sbuf_puts(o, v);
	return true;
}

bool f_k8s_pod_labels(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		      const struct eng_fref *r)
{
	const struct eng_container *c = pod_of(s, e);

	(void)r;
	if (!c && !(c = evt_container(s, e)))
		return false;
	put_labels(o, c->pod_labels, c->npod_labels);
	return true;
}

bool f_k8s_pod_ip(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
		  const struct eng_fref *r)
{
	(void)r;
	return put_ip(o, pod_of(s, e));
}

bool f_k8s_pod_cni_json(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
			const struct eng_fref *r)
{
	(void)r;
	return put_cni(o, pod_of(s, e));
}

bool f_k8s_api(struct sbuf *o, const struct eng_state *s, const struct eng_evt *e,
	       const struct eng_fref *r)
{
	(void)o;
	(void)s;
	(void)e;
	(void)r;
	return false;
}

// SPDX-License-Identifier: GPL-2.0-only
/*
 * Containers, as the container records of a capture describe them: the
 * JSON libsinsp writes for each container it learns of (id, name, image,
 * type, privileges, mounts, health probes, labels, pod), and the category
 * libsinsp gives a thread that a container's health probe started.
 */
#include "eng_state.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "eng_json.h"
#include "eng_state_int.h"
#include "sbuf.h"
#include "xalloc.h"

/* How a record names each probe (libsinsp's probe type names). */
static const char *const probe_keys[ENG_PROBE_N] = { "Healthcheck", "LivenessProbe",
						     "ReadinessProbe" };

static uint64_t container_key(const char *id)
{
	uint64_t h = 1469598103934665603ULL;

	while (*id)
		h = (h ^ (uint8_t)*id++) * 1099511628211ULL;
	return h;
}

static void labels_free(struct eng_label *l, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n; i++) {
		free(l[i].name);
		free(l[i].value);
	}
	free(l);
}

void eng_container_free(struct eng_container *c)
{
	uint32_t i;

	if (!c)
		return;
	free(c->name);
	free(c->image);
	free(c->imageid);
	free(c->imagerepo);
	free(c->imagetag);
	free(c->imagedigest);
	free(c->cni_json);
	free(c->sandbox_id);
	free(c->full_id);
	for (i = 0; i < c->nmounts; i++) {
		free(c->mounts[i].source);
		free(c->mounts[i].dest);
		free(c->mounts[i].mode);
		free(c->mounts[i].propagation);
	}
	free(c->mounts);
	labels_free(c->labels, c->nlabels);
	labels_free(c->pod_labels, c->npod_labels);
	for (i = 0; i < ENG_PROBE_N; i++)
		free(c->probes[i].p);
	free(c);
}

/* String member key of obj, copied; NULL if absent or not a string. */
static char *member_str(const struct eng_json *obj, const char *key)
{
	struct eng_json v;

	return eng_json_get(obj, key, &v) ? eng_json_string(&v) : NULL;
}

/* The same, never NULL. */
static char *member_str0(const struct eng_json *obj, const char *key)
{
	char *s = member_str(obj, key);

	return s ? s : xstrdup("");
}

static bool member_true(const struct eng_json *obj, const char *key)
{
	struct eng_json v;

	return eng_json_get(obj, key, &v) && eng_json_true(&v);
}

/* A label and where its record put it, so that the later of equal names wins. */
struct seq_label {
	struct eng_label l;
	uint32_t seq;
};

static int label_cmp(const void *a, const void *b)
{
	const struct seq_label *x = a, *y = b;
	int c = strcmp(x->l.name, y->l.name);

	return c ? c : x->seq < y->seq ? -1 : 1;
}

/* The string members of object key of obj, sorted by name, as libsinsp's map keeps them. */
static struct eng_label *get_labels(const struct eng_json *obj, const char *key, uint32_t *n)
{
	struct eng_json m, k, v;
	struct eng_json_iter it;
	struct seq_label *sl = NULL;
	struct eng_label *l;
	uint32_t cap = 0, i, j;

	*n = 0;
	if (!eng_json_get(obj, key, &m) || !eng_json_iter_init(&it, &m) || !it.obj)
		return NULL;
	while (eng_json_iter_next(&it, &k, &v)) {
		char *value = eng_json_string(&v);

		if (!value)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			sl = xreallocarray(sl, cap, sizeof(*sl));
		}
		sl[*n].l.name = eng_json_string(&k);
		sl[*n].l.value = value;
		sl[*n].seq = *n;
		(*n)++;
	}
	if (!sl)
		return NULL;
	qsort(sl, *n, sizeof(*sl), label_cmp);
	l = xreallocarray(NULL, *n, sizeof(*l));
	for (i = j = 0; i < *n; i++) {
		if (j && !strcmp(l[j - 1].name, sl[i].l.name)) {
			j--;
			free(l[j].name);
			free(l[j].value);
		}
		l[j++] = sl[i].l;
	}
	free(sl);
	*n = j;
	return l;
}

/* The mounts of array Mounts of obj. */
static void get_mounts(struct eng_container *c, const struct eng_json *obj)
{
	struct eng_json a, m;
	struct eng_json_iter it;
	uint32_t cap = 0;

	if (!eng_json_get(obj, "Mounts", &a) || !eng_json_iter_init(&it, &a) || it.obj)
		return;
	while (eng_json_iter_next(&it, NULL, &m)) {
		struct eng_mount *mt;

		if (*m.p != '{')
			continue;
		if (c->nmounts == cap) {
			cap = cap ? 2 * cap : 4;
			c->mounts = xreallocarray(c->mounts, cap, sizeof(*c->mounts));
		}
		mt = &c->mounts[c->nmounts++];
		mt->source = member_str0(&m, "Source");
		mt->dest = member_str0(&m, "Destination");
		mt->mode = member_str0(&m, "Mode");
		mt->propagation = member_str0(&m, "Propagation");
		mt->rdwr = member_true(&m, "RW");
	}
}

/* Probe i of obj: an object with a string exe and an array of string args. */
static void get_probe(struct eng_container *c, const struct eng_json *obj, int i)
{
	struct eng_json p, a, v;
	struct eng_json_iter it;
	struct sbuf b;
	char *s;

	if (!eng_json_get(obj, probe_keys[i], &p) || !(s = member_str(&p, "exe")))
		return;
	sbuf_init(&b);
	sbuf_put(&b, s, strlen(s) + 1);
	free(s);
	if (eng_json_get(&p, "args", &a) && eng_json_iter_init(&it, &a) && !it.obj) {
		while (eng_json_iter_next(&it, NULL, &v)) {
			if ((s = eng_json_string(&v)))
				sbuf_put(&b, s, strlen(s) + 1);
			free(s);
		}
	}
	c->probes[i].p = b.s;
	c->probes[i].len = (uint32_t)b.len;
}

const char *eng_container_put(struct eng_state *s, const char *json, size_t n)
{
	struct eng_json root, obj, v;
	struct eng_container *c;
	int64_t type;
	char *id, *ip;
	int i;

	if (!eng_json_parse(&root, json, n) || !eng_json_get(&root, "container", &obj) ||
	    !(id = member_str(&obj, "id")))
		return NULL;
	c = xcalloc(1, sizeof(*c));
	snprintf(c->id, sizeof(c->id), "%s", id);
	free(id);
	c->name = member_str0(&obj, "name");
	c->image = member_str0(&obj, "image");
	c->imageid = member_str0(&obj, "imageid");
	c->imagerepo = member_str0(&obj, "imagerepo");
	c->imagetag = member_str0(&obj, "imagetag");
	c->imagedigest = member_str0(&obj, "imagedigest");
	c->cni_json = member_str0(&obj, "cni_json");
	c->sandbox_id = member_str0(&obj, "pod_sandbox_id");
	c->full_id = member_str0(&obj, "full_id");
	c->type = eng_json_get(&obj, "type", &v) && eng_json_i64(&v, &type) && type >= 0 &&
			  type <= INT32_MAX ?
		  (int32_t)type :
		  -1;
	c->flags = (member_true(&obj, "privileged") ? ENG_CT_PRIVILEGED : 0) |
		   (member_true(&obj, "host_pid") ? ENG_CT_HOST_PID : 0) |
		   (member_true(&obj, "host_network") ? ENG_CT_HOST_NETWORK : 0) |
		   (member_true(&obj, "host_ipc") ? ENG_CT_HOST_IPC : 0);
	ip = member_str(&obj, "ip");
	if (!ip || inet_pton(AF_INET, ip, c->ip) != 1)
		memset(c->ip, 0, sizeof(c->ip));
	free(ip);
	get_mounts(c, &obj);
	c->labels = get_labels(&obj, "labels", &c->nlabels);
	c->pod_labels = get_labels(&obj, "pod_sandbox_labels", &c->npod_labels);
	for (i = 0; i < ENG_PROBE_N; i++)
		get_probe(c, &obj, i);
	eng_container_add(s, c);
	return c->id;
}

void eng_container_add(struct eng_state *s, struct eng_container *c)
{
	eng_container_free(hmap_put(&s->containers, container_key(c->id), c));
}

const struct eng_container *eng_state_container(const struct eng_state *s, const char *id)
{
	return hmap_get(&s->containers, container_key(id));
}

/* Whether probe p (exe then args) is t's command line. */
static bool probe_is(const struct eng_blob *p, const struct eng_thread *t)
{
	size_t n = strlen(p->p) + 1;

	return !strcmp(p->p, t->exe) && p->len - n == t->args.len &&
	       !memcmp(p->p + n, t->args.p, t->args.len);
}

/* Whether an ancestor of t is the first process of a container. */
static bool under_container_init(const struct eng_state *s, const struct eng_thread *t)
{
	int depth;

	/* a bounded walk: a capture's parent links can make a loop */
	for (depth = 0; depth < 1024 && (t = eng_state_thread(s, t->ptid)); depth++)
		if (t->vpid == 1 && t->container_id[0])
			return true;
	return false;
}

void eng_thread_set_category(const struct eng_state *s, struct eng_thread *t)
{
	const struct eng_thread *parent;
	const struct eng_container *c;
	int i;

	if (!t->container_id[0])
		return;
	if (t->vpid == 1) {
		t->category = ENG_CAT_CONTAINER;
		return;
	}
	parent = eng_state_thread(s, t->ptid);
	if (parent && parent != t && parent->category != ENG_CAT_NONE) {
		t->category = parent->category;
		return;
	}
	if (!(c = eng_state_container(s, t->container_id)))
		return;
	for (i = 0; i < ENG_PROBE_N; i++) {
		if (c->probes[i].len && probe_is(&c->probes[i], t)) {
			if (!under_container_init(s, t))
				t->category = (uint8_t)(ENG_CAT_HEALTHCHECK + i);
			return;
		}
	}
}
